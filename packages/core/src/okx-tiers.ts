import type { MarginTier } from './contract';
import { AlgoError, ErrorCode } from './errors';

/**
 * One row of OKX `GET /api/v5/public/position-tiers?instType=SWAP&tdMode=cross&instFamily=…`, as
 * the exchange sends it: every figure a decimal string, sizes (`minSz`, `maxSz`) in contracts.
 */
export interface OkxPositionTierRow {
  readonly uly: string;
  readonly instFamily: string;
  readonly instId: string;
  readonly tier: string;
  readonly minSz: string;
  readonly maxSz: string;
  readonly mmr: string;
  readonly imr: string;
  readonly maxLever: string;
  readonly optMgnFactor: string;
  readonly quoteMaxLoan: string;
  readonly baseMaxLoan: string;
}

function row(
  family: string,
  tier: number,
  minSz: string,
  maxSz: string,
  mmr: string,
  maxLever: number,
): OkxPositionTierRow {
  return {
    uly: family,
    instFamily: family,
    instId: '',
    tier: String(tier),
    minSz,
    maxSz,
    mmr,
    imr: String(1 / maxLever),
    maxLever: String(maxLever),
    optMgnFactor: '0',
    quoteMaxLoan: '',
    baseMaxLoan: '',
  };
}

/**
 * The maintenance-margin tiers of OKX's BTC and ETH linear swaps, bundled in the shape of
 * `public/position-tiers` (cross) so the exchange's own answer can replace them row for row. The
 * figures are an illustrative snapshot, not a guarantee: OKX revises them; a live venue loads them.
 */
export const OKX_POSITION_TIERS: Readonly<Record<string, readonly OkxPositionTierRow[]>> = {
  'BTC-USDT': [
    row('BTC-USDT', 1, '0', '5000', '0.004', 100),
    row('BTC-USDT', 2, '5000', '10000', '0.005', 75),
    row('BTC-USDT', 3, '10000', '20000', '0.01', 50),
    row('BTC-USDT', 4, '20000', '40000', '0.02', 20),
    row('BTC-USDT', 5, '40000', '200000', '0.05', 10),
  ],
  'ETH-USDT': [
    row('ETH-USDT', 1, '0', '5000', '0.004', 100),
    row('ETH-USDT', 2, '5000', '10000', '0.005', 75),
    row('ETH-USDT', 3, '10000', '20000', '0.01', 50),
    row('ETH-USDT', 4, '20000', '100000', '0.05', 10),
  ],
};

/**
 * OKX position-tier rows → maintenance tiers in base units (`maxSz × ctVal`), ascending. Every
 * figure is checked: a non-numeric or out-of-range field, tiers out of order, a gap or overlap
 * between one tier's `maxSz` and the next one's `minSz`, or a zero `ctVal` is an error naming the
 * row — never a tier silently skipped or a default filled in. The last tier also covers larger
 * positions (OKX refuses them; the margin model keeps its highest rate rather than none).
 */
export function tiersFromOkx(
  rows: readonly OkxPositionTierRow[],
  ctVal: number,
  label: string,
): MarginTier[] {
  const bad = (why: string) => new AlgoError(ErrorCode.InvalidInstrument, `${label} position tiers: ${why}`);
  if (!(Number.isFinite(ctVal) && ctVal > 0)) throw bad(`ctVal must be a finite number > 0, got ${ctVal}`);
  if (rows.length === 0) throw bad('no tiers');
  const sorted = [...rows].sort((a, b) => Number(a.tier) - Number(b.tier));
  const out: MarginTier[] = [];
  let prevMax = 0;
  for (const [i, r] of sorted.entries()) {
    const at = `tier ${r.tier}`;
    const num = (field: 'tier' | 'minSz' | 'maxSz' | 'mmr' | 'maxLever'): number => {
      const s = r[field];
      const v = typeof s === 'string' && s.trim() !== '' ? Number(s) : Number.NaN;
      if (!Number.isFinite(v)) throw bad(`${at}: ${field} "${String(s)}" is not a number`);
      return v;
    };
    if (num('tier') !== i + 1) throw bad(`${at}: tiers must run 1, 2, 3 …; expected tier ${i + 1}`);
    const minSz = num('minSz');
    const maxSz = num('maxSz');
    const mmr = num('mmr');
    const maxLever = num('maxLever');
    // OKX writes the next tier's minSz as the previous maxSz, or one contract above it.
    if (minSz !== prevMax && !(i > 0 && minSz === prevMax + 1)) {
      throw bad(`${at}: minSz ${minSz} does not continue the previous tier's maxSz ${prevMax}`);
    }
    if (!(maxSz > minSz)) throw bad(`${at}: maxSz ${maxSz} must exceed minSz ${minSz}`);
    if (!(mmr > 0 && mmr < 1)) throw bad(`${at}: mmr must be within (0, 1), got ${mmr}`);
    if (!(maxLever > 0)) throw bad(`${at}: maxLever must be > 0, got ${maxLever}`);
    const prev = out[out.length - 1];
    if (prev && !(mmr >= prev.mmr)) throw bad(`${at}: mmr ${mmr} is below the previous tier's ${prev.mmr}`);
    out.push({ maxQty: Number((maxSz * ctVal).toPrecision(15)), mmr, maxLeverage: maxLever });
    prevMax = maxSz;
  }
  return out;
}
