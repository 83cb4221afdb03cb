import {
  AlgoError,
  assertNever,
  type BarColumns,
  ErrorCode,
  expectedBarOpens,
  type Timeframe,
  type TradingCalendar,
  timeframeMs,
} from '@algotrader/core';

/** A run of missing grid slots: `fromOpen` and `toOpen` are the open times of the first and last missing bar. */
export interface Gap {
  readonly fromOpen: number;
  readonly toOpen: number;
  readonly missingBars: number;
}

export type RejectReason =
  | 'nan'
  | 'ohlc_inconsistent'
  | 'negative_volume'
  | 'off_grid'
  | 'not_monotonic'
  | 'duplicate'
  | 'outlier_jump';

export interface Reject {
  readonly index: number;
  readonly openTime: number;
  readonly reason: RejectReason;
  readonly detail: string;
}

/**
 * How a close-to-close move is judged an outlier. Moves are simple returns `|close / prevClose - 1|`;
 * across a gap the threshold grows with the square root of the bars elapsed.
 */
export type OutlierRule =
  | {
      /** Flag a move above `multiple` × the median absolute move of the previous `window` bars. */
      readonly kind: 'median';
      readonly multiple: number;
      readonly window: number;
      /** Moves at or below this fraction are never flagged (a flat market has a median near 0). */
      readonly minJump: number;
      /** Below this many past moves the rule does not judge. */
      readonly minHistory: number;
    }
  | { readonly kind: 'fixed'; readonly maxJump: number }
  | { readonly kind: 'off' };

export interface ValidateOptions {
  readonly outlier?: OutlierRule;
  /** Prices at or below zero are `ohlc_inconsistent` unless allowed (crypto spot never trades at 0). */
  readonly allowNonPositivePrices?: boolean;
  /**
   * When the market trades (default 24/7): with a session calendar, nights, weekends and holidays
   * are not gaps; only bars the calendar expects and the series lacks are.
   */
  readonly calendar?: TradingCalendar;
}

export interface ValidationReport {
  /** No rejects. Gaps alone do not make a series invalid: they are real data, reported separately. */
  readonly ok: boolean;
  readonly rejects: readonly Reject[];
  readonly gaps: readonly Gap[];
}

/**
 * Chosen on the real Binance samples (12 files, 2017-2025, ~420k bars): flags 11 bars, all real
 * extremes worth a look (the March 2020 crash hours, the October 2018 USDT de-peg spike, DOGE pumps);
 * 25x / 5% flagged 135, mostly ordinary volatile hours. A bad tick (price x10, /10) is far above either.
 */
export const DEFAULT_OUTLIER_RULE: OutlierRule = {
  kind: 'median',
  multiple: 50,
  window: 200,
  minJump: 0.1,
  minHistory: 20,
};

/**
 * Checks a column batch against the timeframe grid and basic OHLCV sanity. Pure: reports, never
 * repairs. Time checks (off_grid, duplicate, not_monotonic, a NaN open time) come first, and a row
 * failing them does not advance the series; a row with valid time but bad values still occupies its
 * slot (it is not a gap) but is not used as the reference for the next move.
 */
export function validateBars(cols: BarColumns, tf: Timeframe, opts: ValidateOptions = {}): ValidationReport {
  const step = timeframeMs(tf);
  const rule = opts.outlier ?? DEFAULT_OUTLIER_RULE;
  const allowNonPositive = opts.allowNonPositivePrices ?? false;
  const calendar = opts.calendar?.alwaysOpen ? undefined : opts.calendar;
  const n = cols.openTime.length;
  for (const name of ['open', 'high', 'low', 'close', 'volume'] as const) {
    if (cols[name].length !== n) {
      throw new AlgoError(
        ErrorCode.InvalidArgument,
        `column ${name} has ${cols[name].length} rows, openTime has ${n}`,
      );
    }
  }
  const raw: RawReject[] = [];
  const gaps: Gap[] = [];
  const median = rule.kind === 'median' ? new RollingMedian(rule.window) : undefined;
  let prevOpen = Number.NaN;
  let refClose = Number.NaN;
  let refOpen = Number.NaN;

  for (let i = 0; i < n; i++) {
    const t = cols.openTime[i]!;
    if (!Number.isFinite(t)) {
      reject(raw, i, t, 'nan', Number.NaN, Number.NaN);
      continue;
    }
    if (!Number.isInteger(t) || t % step !== 0) {
      reject(raw, i, t, 'off_grid', Number.NaN, Number.NaN);
      continue;
    }
    if (t === prevOpen) {
      reject(raw, i, t, 'duplicate', prevOpen, Number.NaN);
      continue;
    }
    if (t < prevOpen) {
      reject(raw, i, t, 'not_monotonic', prevOpen, Number.NaN);
      continue;
    }
    if (t - prevOpen > step) {
      if (calendar === undefined) {
        gaps.push({ fromOpen: prevOpen + step, toOpen: t - step, missingBars: (t - prevOpen) / step - 1 });
      } else {
        const missing = expectedBarOpens(calendar, step, prevOpen + step, t - step);
        if (missing.length > 0) {
          gaps.push({ fromOpen: missing[0]!, toOpen: missing.at(-1)!, missingBars: missing.length });
        }
      }
    }
    prevOpen = t;

    const o = cols.open[i]!;
    const h = cols.high[i]!;
    const l = cols.low[i]!;
    const c = cols.close[i]!;
    const v = cols.volume[i]!;
    if (
      !Number.isFinite(o) ||
      !Number.isFinite(h) ||
      !Number.isFinite(l) ||
      !Number.isFinite(c) ||
      !Number.isFinite(v)
    ) {
      reject(raw, i, t, 'nan', Number.NaN, Number.NaN);
      continue;
    }
    let valuesOk = true;
    if (h < l || h < Math.max(o, c) || l > Math.min(o, c)) {
      reject(raw, i, t, 'ohlc_inconsistent', Number.NaN, Number.NaN);
      valuesOk = false;
    } else if (!allowNonPositive && l <= 0) {
      reject(raw, i, t, 'ohlc_inconsistent', Number.NaN, Number.NaN);
      valuesOk = false;
    }
    if (v < 0) {
      reject(raw, i, t, 'negative_volume', Number.NaN, Number.NaN);
      valuesOk = false;
    }
    if (!valuesOk) continue;

    if (!Number.isNaN(refClose) && refClose !== 0) {
      const move = Math.abs(c / refClose - 1);
      const scale = Math.sqrt((t - refOpen) / step);
      const limit = outlierLimit(rule, median);
      if (limit !== undefined && move > limit * scale) {
        reject(raw, i, t, 'outlier_jump', refClose, limit * scale);
      } else {
        median?.push(move);
      }
    }
    // A flagged move still becomes the reference: after a real level shift only one bar is flagged,
    // after a one-bar spike both the spike and the return are.
    refClose = c;
    refOpen = t;
  }
  const rejects = raw.map((r) => ({ ...r, detail: describe(r, cols, tf) }));
  return { ok: rejects.length === 0, rejects, gaps };
}

interface RawReject {
  readonly index: number;
  readonly openTime: number;
  readonly reason: RejectReason;
  /** The previous open time (order rejects) or the reference close (outliers). */
  readonly ref: number;
  readonly limit: number;
}

// Detail strings are built after the loop: template literals and closures in the loop's cold
// branches made V8 compile the hot path ~20x slower (measured: 1M clean bars, 450 ms vs 20 ms).
function reject(
  into: RawReject[],
  index: number,
  openTime: number,
  reason: RejectReason,
  ref: number,
  limit: number,
): void {
  into.push({ index, openTime, reason, ref, limit });
}

function describe(r: RawReject, cols: BarColumns, tf: Timeframe): string {
  const i = r.index;
  const [o, h, l, c, v] = [cols.open[i], cols.high[i], cols.low[i], cols.close[i], cols.volume[i]];
  switch (r.reason) {
    case 'nan':
      return `non-finite value: t=${r.openTime} o=${o} h=${h} l=${l} c=${c} v=${v}`;
    case 'off_grid':
      return `open time ${r.openTime} is not a multiple of ${tf} (${timeframeMs(tf)} ms)`;
    case 'duplicate':
      return `open time ${r.openTime} repeats the previous row`;
    case 'not_monotonic':
      return `open time ${r.openTime} is before the previous ${r.ref}`;
    case 'ohlc_inconsistent':
      return `need low <= open,close <= high and low > 0: o=${o} h=${h} l=${l} c=${c}`;
    case 'negative_volume':
      return `volume ${v} < 0`;
    case 'outlier_jump': {
      const move = Math.abs((c ?? Number.NaN) / r.ref - 1);
      return `close moved ${(move * 100).toFixed(2)}% from ${r.ref} to ${c} (limit ${(r.limit * 100).toFixed(2)}%)`;
    }
    default:
      return assertNever(r.reason, 'reject reason');
  }
}

function outlierLimit(rule: OutlierRule, median: RollingMedian | undefined): number | undefined {
  switch (rule.kind) {
    case 'off':
      return undefined;
    case 'fixed':
      return rule.maxJump;
    case 'median':
      if (median === undefined || median.size < rule.minHistory) return undefined;
      return Math.max(rule.minJump, rule.multiple * median.median());
    default:
      return assertNever(rule, 'outlier rule');
  }
}

/** Median of the last `capacity` values: a ring buffer plus a sorted copy, O(capacity) per push. */
class RollingMedian {
  private readonly ring: Float64Array;
  private readonly sorted: Float64Array;
  private head = 0;
  private count = 0;

  constructor(capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new AlgoError(
        ErrorCode.InvalidArgument,
        `rolling median window must be a positive integer, got ${capacity}`,
      );
    }
    this.ring = new Float64Array(capacity);
    this.sorted = new Float64Array(capacity);
  }

  push(x: number): void {
    const cap = this.ring.length;
    if (this.count === cap) {
      const old = this.ring[this.head]!;
      const at = lowerBound(this.sorted, this.count, old);
      this.sorted.copyWithin(at, at + 1, this.count);
      this.count--;
    }
    this.ring[this.head] = x;
    this.head = (this.head + 1) % cap;
    const at = lowerBound(this.sorted, this.count, x);
    this.sorted.copyWithin(at + 1, at, this.count);
    this.sorted[at] = x;
    this.count++;
  }

  get size(): number {
    return this.count;
  }

  median(): number {
    const m = this.count >> 1;
    return this.count % 2 === 1 ? this.sorted[m]! : (this.sorted[m - 1]! + this.sorted[m]!) / 2;
  }
}

function lowerBound(a: Float64Array, len: number, x: number): number {
  let lo = 0;
  let hi = len;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
