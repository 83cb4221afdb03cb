import { AlgoError, ErrorCode } from './errors';

/** OKX settles funding on USDT swaps every 8 hours (00, 08, 16 UTC). */
export const FUNDING_INTERVAL_MS = 8 * 3_600_000;

/** Funding-rate history of one swap: settlement times (ms UTC, ascending) and the rate paid then. */
export interface FundingSeries {
  readonly time: Float64Array;
  /** Fraction of the notional at the mark price; longs pay shorts when positive. */
  readonly rate: Float64Array;
}

/** Price candles without volume (mark-price and index candles): open time, OHLC. */
export interface PriceCandles {
  readonly openTime: Float64Array;
  readonly open: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly close: Float64Array;
}

/** Settlements missing from a funding history: none between `after` and `before`. */
export interface FundingGap {
  /** Last settlement before the gap. */
  readonly after: number;
  /** First settlement after the gap. */
  readonly before: number;
  /** Settlements the interval says should have happened in between. */
  readonly missing: number;
}

/**
 * The holes in a funding history on its settlement grid, reported, never filled: a backtest that
 * holds a position across one books no funding for it, and says so.
 */
export function fundingGaps(f: FundingSeries, intervalMs = FUNDING_INTERVAL_MS): FundingGap[] {
  const out: FundingGap[] = [];
  const t = f.time;
  for (let i = 1; i < t.length; i++) {
    const step = t[i]! - t[i - 1]!;
    if (step > intervalMs) {
      out.push({ after: t[i - 1]!, before: t[i]!, missing: Math.round(step / intervalMs) - 1 });
    }
  }
  return out;
}

/**
 * Checks a funding history: strictly ascending integer times, finite rates. A bad row is an error
 * naming its index and value — a non-finite rate never becomes a zero payment.
 */
export function validateFunding(f: FundingSeries, source = 'funding'): FundingSeries {
  const bad = (i: number, why: string) =>
    new AlgoError(ErrorCode.InvalidData, `${source}: row ${i + 1}: ${why}`, { source, row: i + 1 });
  if (f.time.length !== f.rate.length) throw bad(0, 'time and rate columns differ in length');
  for (let i = 0; i < f.time.length; i++) {
    const t = f.time[i]!;
    if (!Number.isSafeInteger(t) || t < 0)
      throw bad(i, `settlement time ${t} is not an integer ms timestamp`);
    if (i > 0 && !(t > f.time[i - 1]!)) throw bad(i, `settlement time ${t} is not after ${f.time[i - 1]}`);
    if (!Number.isFinite(f.rate[i]!))
      throw bad(i, `funding rate ${f.rate[i]} at ${new Date(t).toISOString()} is not finite`);
  }
  return f;
}

/** Checks price candles: ascending integer open times, finite positive prices, low ≤ open/close ≤ high. */
export function validatePriceCandles(c: PriceCandles, source = 'candles'): PriceCandles {
  const bad = (i: number, why: string) =>
    new AlgoError(ErrorCode.InvalidData, `${source}: row ${i + 1}: ${why}`, { source, row: i + 1 });
  const n = c.openTime.length;
  for (const k of ['open', 'high', 'low', 'close'] as const) {
    if (c[k].length !== n) throw bad(0, `${k} column differs in length`);
  }
  for (let i = 0; i < n; i++) {
    const t = c.openTime[i]!;
    if (!Number.isSafeInteger(t) || t < 0) throw bad(i, `open time ${t} is not an integer ms timestamp`);
    if (i > 0 && !(t > c.openTime[i - 1]!)) throw bad(i, `open time ${t} is not after ${c.openTime[i - 1]}`);
    const o = c.open[i]!;
    const h = c.high[i]!;
    const l = c.low[i]!;
    const cl = c.close[i]!;
    if (![o, h, l, cl].every((v) => Number.isFinite(v) && v > 0)) {
      throw bad(i, `prices must be finite and > 0, got ${o},${h},${l},${cl}`);
    }
    if (!(l <= Math.min(o, cl) && h >= Math.max(o, cl)))
      throw bad(i, `low ${l} / high ${h} do not bound open ${o} and close ${cl}`);
  }
  return c;
}
