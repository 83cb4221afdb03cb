/**
 * Period returns of an equity curve whose points are bar close times. A point belongs to the
 * period that contains the instant just before it (t − 1 ms): the bar that closes at 2022-01-01
 * 00:00 is the last bar of December, so a run ending there has no January (no empty trailing
 * month or day).
 */

const DAY = 86_400_000;

/** `YYYY-MM` (UTC) of the period a close time ends. */
export function closeMonth(t: number): string {
  const d = new Date(t - 1);
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** Day number (UTC days since the epoch) of the day a close time ends. */
export function closeDay(t: number): number {
  return Math.floor((t - 1) / DAY);
}

export interface PeriodReturns {
  /** End of each period: the time of its last point, ms UTC. */
  readonly time: Float64Array;
  /** Equity at the last point of the period over the equity at the last point before it. */
  readonly ret: Float64Array;
}

/**
 * Returns per period of `key`: each period's last equity over the previous period's last (the
 * first period's over the initial equity).
 */
export function periodReturns(
  time: ArrayLike<number>,
  equity: ArrayLike<number>,
  initialEquity: number,
  key: (t: number) => number | string,
): PeriodReturns {
  const n = time.length;
  const ts: number[] = [];
  const rs: number[] = [];
  let base = initialEquity;
  for (let i = 0; i < n; i++) {
    if (i === n - 1 || key(time[i + 1]!) !== key(time[i]!)) {
      ts.push(time[i]!);
      rs.push(equity[i]! / base - 1);
      base = equity[i]!;
    }
  }
  return { time: Float64Array.from(ts), ret: Float64Array.from(rs) };
}

export interface Histogram {
  /** Left edges of the bins, and the right edge of the last: `bins + 1` values. */
  readonly edges: readonly number[];
  readonly counts: readonly number[];
  /** Values below the first edge / above the last, counted into the first / last bin. */
  readonly below: number;
  readonly above: number;
  readonly n: number;
  readonly mean: number;
  readonly sd: number;
  readonly min: number;
  readonly max: number;
}

function quantile(sorted: Float64Array, q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

/**
 * A histogram of returns over [0.5th, 99.5th] percentile (so one crash day does not squeeze every
 * other bar into two columns); values outside land in the edge bins and are counted separately.
 * Bin count by the Freedman–Diaconis rule, kept within 10..60.
 */
export function histogram(values: ArrayLike<number>): Histogram {
  const finite = Float64Array.from(Array.from(values).filter((v) => Number.isFinite(v))).sort();
  const n = finite.length;
  let sum = 0;
  for (const v of finite) sum += v;
  const mean = n > 0 ? sum / n : Number.NaN;
  let ss = 0;
  for (const v of finite) ss += (v - mean) ** 2;
  const sd = n > 1 ? Math.sqrt(ss / (n - 1)) : Number.NaN;
  if (n === 0) {
    return { edges: [], counts: [], below: 0, above: 0, n, mean, sd, min: Number.NaN, max: Number.NaN };
  }
  let lo = quantile(finite, 0.005);
  let hi = quantile(finite, 0.995);
  if (!(hi > lo)) {
    const w = Math.abs(lo) * 0.01 || 0.001;
    lo -= w;
    hi += w;
  }
  const iqr = quantile(finite, 0.75) - quantile(finite, 0.25);
  const fd = iqr > 0 ? (2 * iqr) / Math.cbrt(n) : (hi - lo) / 10;
  const bins = Math.max(10, Math.min(60, Math.ceil((hi - lo) / fd)));
  const width = (hi - lo) / bins;
  const edges = Array.from({ length: bins + 1 }, (_, i) => lo + i * width);
  const counts = new Array<number>(bins).fill(0);
  let below = 0;
  let above = 0;
  for (const v of finite) {
    if (v < lo) below++;
    if (v > hi) above++;
    const b = Math.min(bins - 1, Math.max(0, Math.floor((v - lo) / width)));
    counts[b]!++;
  }
  return { edges, counts, below, above, n, mean, sd, min: finite[0]!, max: finite[n - 1]! };
}
