import { AlgoError, ErrorCode } from './errors';
import { formatInstrument, type Instrument } from './instrument';
import { OKX_POSITION_TIERS, tiersFromOkx } from './okx-tiers';

/** One maintenance-margin tier of a swap: positions up to `maxQty` base units (OKX `maxSz` × ctVal). */
export interface MarginTier {
  /** Upper bound of the tier, base units (inclusive). */
  readonly maxQty: number;
  /** Maintenance margin rate (OKX `mmr`), fraction of the notional at the mark price. */
  readonly mmr: number;
  /** Highest leverage allowed in the tier (OKX `maxLever`). */
  readonly maxLeverage: number;
}

/**
 * The contract terms of a linear perpetual swap, as OKX `public/instruments?instType=SWAP` lists
 * them. Order sizes on OKX are in contracts; the domain speaks base units and converts only at the
 * venue edge with {@link toContracts} / {@link fromContracts}.
 */
export interface SwapContract {
  readonly instrument: Instrument;
  /** Contract value (OKX `ctVal`): base units per contract, e.g. 0.01 BTC. */
  readonly ctVal: number;
  /** Contract step (OKX `lotSz`), contracts. */
  readonly lotSz: number;
  /** Smallest order (OKX `minSz`), contracts. */
  readonly minSz: number;
  /** Price step (OKX `tickSz`). */
  readonly tickSz: number;
  /** Highest leverage the instrument allows (OKX `lever`). */
  readonly maxLeverage: number;
  /** Maintenance tiers, ascending by `maxQty`; the last covers every larger size. */
  readonly tiers: readonly MarginTier[];
}

function positiveFinite(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v) && v > 0;
}

/** Checks contract terms; throws AlgoError(InvalidInstrument) naming the bad field (a zero ctVal included). */
export function swapContract(c: SwapContract): SwapContract {
  const key = formatInstrument(c.instrument);
  const bad = (why: string) => new AlgoError(ErrorCode.InvalidInstrument, `${key}: ${why}`);
  if (c.instrument.settle === undefined)
    throw bad('contract terms belong to a swap (VENUE:BASE/QUOTE:SETTLE)');
  for (const f of ['ctVal', 'lotSz', 'minSz', 'tickSz', 'maxLeverage'] as const) {
    if (!positiveFinite(c[f])) throw bad(`${f} must be a finite number > 0, got ${String(c[f])}`);
  }
  if (c.tiers.length === 0) throw bad('at least one maintenance-margin tier is needed');
  let prev = 0;
  for (const [i, t] of c.tiers.entries()) {
    if (!(t.maxQty > prev)) throw bad(`tier ${i + 1}: maxQty must rise, got ${t.maxQty} after ${prev}`);
    if (!(t.mmr > 0 && t.mmr < 1)) throw bad(`tier ${i + 1}: mmr must be within (0, 1), got ${t.mmr}`);
    if (!positiveFinite(t.maxLeverage))
      throw bad(`tier ${i + 1}: maxLeverage must be > 0, got ${t.maxLeverage}`);
    prev = t.maxQty;
  }
  return c;
}

/** The tier that applies to a position of `qty` base units (sign ignored). */
export function marginTier(c: SwapContract, qty: number): MarginTier {
  const a = Math.abs(qty);
  for (const t of c.tiers) if (a <= t.maxQty) return t;
  return c.tiers[c.tiers.length - 1]!;
}

/** Decimal places of a step such as 0.01 (→ 2); at most 15. */
function decimals(step: number): number {
  for (let d = 0; d < 15; d++) {
    const s = step * 10 ** d;
    if (Math.abs(s - Math.round(s)) < 1e-9 * Math.max(1, s)) return d;
  }
  return 15;
}

export type ContractSize =
  | { readonly ok: true; readonly contracts: number; readonly qty: number }
  | { readonly ok: false; readonly reason: 'below_min_size'; readonly detail: string };

/**
 * Base units → contracts for an order: `qty / ctVal` rounded DOWN to `lotSz` (never more than
 * asked), refused (a value, not an error) when that is below `minSz`. `qty` is the base quantity
 * the rounded contracts amount to. Sign is kept (a negative quantity gives negative contracts).
 */
export function toContracts(c: SwapContract, qty: number): ContractSize {
  if (!Number.isFinite(qty)) {
    throw new AlgoError(ErrorCode.InvalidArgument, `${formatInstrument(c.instrument)}: quantity ${qty}`);
  }
  const a = Math.abs(qty);
  const raw = a / c.ctVal;
  // A few ulps of slack so 0.03 / 0.01 = 2.9999999999999996 does not lose a step.
  const steps = Math.floor(raw / c.lotSz + 1e-9);
  const d = decimals(c.lotSz);
  const contracts = Number((steps * c.lotSz).toFixed(d));
  if (contracts < c.minSz - 1e-12) {
    return {
      ok: false,
      reason: 'below_min_size',
      detail: `${a} ${c.instrument.base} is ${raw} contracts of ${c.ctVal}; the minimum is ${c.minSz} (step ${c.lotSz})`,
    };
  }
  const sign = qty < 0 ? -1 : 1;
  return { ok: true, contracts: sign * contracts, qty: sign * fromContracts(c, contracts) };
}

/** Contracts → base units (`contracts × ctVal`, on the decimal grid of both). */
export function fromContracts(c: SwapContract, contracts: number): number {
  return Number((contracts * c.ctVal).toFixed(Math.min(15, decimals(c.lotSz) + decimals(c.ctVal))));
}

/**
 * OKX's linear BTC and ETH swaps as `public/instruments?instType=SWAP` lists them (ctVal, lotSz,
 * minSz, tickSz, lever); the tiers are read from the bundled `public/position-tiers` rows
 * (okx-tiers.ts), an illustrative snapshot, not a guarantee: a live venue loads both from the exchange.
 */
export const OKX_SWAPS: Readonly<Record<string, Omit<SwapContract, 'instrument'>>> = {
  'BTC/USDT:USDT': {
    ctVal: 0.01,
    lotSz: 0.01,
    minSz: 0.01,
    tickSz: 0.1,
    maxLeverage: 100,
    tiers: tiersFromOkx(OKX_POSITION_TIERS['BTC-USDT']!, 0.01, 'BTC-USDT-SWAP'),
  },
  'ETH/USDT:USDT': {
    ctVal: 0.1,
    lotSz: 0.01,
    minSz: 0.01,
    tickSz: 0.01,
    maxLeverage: 100,
    tiers: tiersFromOkx(OKX_POSITION_TIERS['ETH-USDT']!, 0.1, 'ETH-USDT-SWAP'),
  },
};

/** The built-in terms of an OKX swap, or undefined when none are listed for it. */
export function okxSwapContract(i: Instrument): SwapContract | undefined {
  if (i.venue !== 'OKX' || i.settle === undefined) return undefined;
  const t = OKX_SWAPS[`${i.base}/${i.quote}:${i.settle}`];
  return t ? swapContract({ instrument: i, ...t }) : undefined;
}
