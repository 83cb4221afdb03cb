import {
  AlgoError,
  ErrorCode,
  formatInstrument,
  fromContracts,
  type Instrument,
  type SwapContract,
  swapContract,
} from '@algotrader/core';

/** Exchange trading rules of one instrument (OKX: lotSz, minSz, tickSz; min notional in quote). */
export interface InstrumentSpec {
  readonly instrument: Instrument;
  /** Quantity step, base units. Order quantities are rounded DOWN to it. */
  readonly lotSize: number;
  /** Smallest order quantity, base units. */
  readonly minQty: number;
  /** Smallest order value (qty × price), quote units. */
  readonly minNotional: number;
  /** Price step. Limit prices are rounded to it, never to a worse price for us. */
  readonly tickSize: number;
  /** Contract terms when the instrument is a perpetual swap (quantities stay in base units). */
  readonly contract?: SwapContract;
}

/** Rules used when none are given: fine steps, no minimums (a research default, not an exchange's). */
export const DEFAULT_SPEC = { lotSize: 1e-8, minQty: 0, minNotional: 0, tickSize: 1e-8 } as const;

export function instrumentSpec(
  instrument: Instrument,
  rules: Partial<Omit<InstrumentSpec, 'instrument'>> = {},
): InstrumentSpec {
  const s = { instrument, ...DEFAULT_SPEC, ...rules };
  const bad = (what: string, v: number) =>
    new AlgoError(ErrorCode.InvalidArgument, `${formatInstrument(instrument)}: ${what}, got ${v}`);
  if (!(s.lotSize > 0 && Number.isFinite(s.lotSize))) throw bad('lotSize must be > 0', s.lotSize);
  if (!(s.tickSize > 0 && Number.isFinite(s.tickSize))) throw bad('tickSize must be > 0', s.tickSize);
  if (!(s.minQty >= 0 && Number.isFinite(s.minQty))) throw bad('minQty must be >= 0', s.minQty);
  if (!(s.minNotional >= 0 && Number.isFinite(s.minNotional)))
    throw bad('minNotional must be >= 0', s.minNotional);
  return s;
}

/** US stocks: whole shares, no minimum value, prices in cents (sub-penny quotes only below $1). */
export const US_STOCK_SPEC = { lotSize: 1, minQty: 1, minNotional: 0, tickSize: 0.01 } as const;

const decimalsCache = new Map<number, number>();

/** Decimal places of a step such as 0.001 (→ 3) or 1e-8 (→ 8); at most 15. */
export function stepDecimals(step: number): number {
  let d = decimalsCache.get(step);
  if (d === undefined) {
    d = countDecimals(step);
    if (decimalsCache.size < 1024) decimalsCache.set(step, d);
  }
  return d;
}

function countDecimals(step: number): number {
  for (let d = 0; d < 15; d++) {
    const scaled = step * 10 ** d;
    if (Math.abs(scaled - Math.round(scaled)) < 1e-9 * Math.max(1, scaled)) return d;
  }
  return 15;
}

/**
 * `steps × step` as the nearest double to the exact decimal, so 3 × 0.1 is 0.3, not
 * 0.30000000000000004. With step = m / 10^d, the integer steps·m is exact below 2^53 and one
 * division by the exact 10^d rounds correctly; beyond that, the decimal text does it.
 */
function onGrid(steps: number, step: number): number {
  // The step's decimals, scale and integer units, the same expressions as ever, kept for the last
  // step seen (a run rounds on one or a few lots, many times per order).
  if (step !== gridStep || step === 0) {
    gridDecimals = stepDecimals(step);
    gridScale = 10 ** gridDecimals;
    gridUnits = Math.round(step * gridScale);
    gridStep = step;
  }
  const units = steps * gridUnits;
  return units <= Number.MAX_SAFE_INTEGER ? units / gridScale : Number((steps * step).toFixed(gridDecimals));
}

let gridStep = Number.NaN;
let gridDecimals = 0;
let gridScale = 1;
let gridUnits = 0;

/**
 * Largest multiple of `step` not above `x` (x ≥ 0). A few ulps of slack keep quotients such as
 * 0.3 / 0.1 = 2.9999999999999996 from losing a whole step; the result is never above `x`, even
 * where doubles cannot hold the grid exactly (e.g. 4.6e7 units on a 1e-8 lot).
 */
export function floorToStep(x: number, step: number): number {
  if (!(x > 0)) return 0;
  const q = x / step;
  let steps = Math.floor(q + q * 1e-15 + 1e-9);
  let r = onGrid(steps, step);
  while (r > x && steps > 0) r = onGrid(--steps, step);
  return r;
}

/** Smallest multiple of `step` not below `x` (x ≥ 0). */
export function ceilToStep(x: number, step: number): number {
  if (!(x > 0)) return 0;
  const q = x / step;
  return onGrid(Math.ceil(q - q * 1e-15 - 1e-9), step);
}

/** Nearest multiple of `step` (used to keep position sizes on the lot grid after arithmetic). */
export function roundToStep(x: number, step: number): number {
  return onGrid(Math.round(x / step), step);
}

/**
 * The spec of a perpetual swap from its contract terms: the lot is one contract step in base units
 * (`lotSz × ctVal`), the minimum `minSz × ctVal`, so quantities planned in base units always
 * convert to whole contract steps at the venue.
 */
export function swapSpec(contract: SwapContract): InstrumentSpec {
  const c = swapContract(contract);
  return {
    ...instrumentSpec(c.instrument, {
      lotSize: fromContracts(c, c.lotSz),
      minQty: fromContracts(c, c.minSz),
      minNotional: 0,
      tickSize: c.tickSz,
    }),
    contract: c,
  };
}
