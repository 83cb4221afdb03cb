/**
 * Rolling volatility and Sharpe ratio of an equity curve's bar returns, on the same definitions
 * as `computeMetrics` (bar returns, the first against the initial equity; sample standard
 * deviation; annualised by √(bars per 365-day year); risk-free rate 0).
 */

const DAY = 86_400_000;

export interface RollingStats {
  /** Window length in bars and in ms. */
  readonly window: number;
  readonly windowMs: number;
  readonly periodsPerYear: number;
  /** One value per point; NaN until a full window has passed, and Sharpe NaN without variance. */
  readonly volatility: Float64Array;
  readonly sharpe: Float64Array;
}

/** 30 days of bars, at least 20 bars (a weekly run gets 20 weeks). */
export function rollingWindow(tfMs: number): number {
  return Math.max(20, Math.round((30 * DAY) / tfMs));
}

export function rollingStats(
  equity: ArrayLike<number>,
  initialEquity: number,
  tfMs: number,
  window = rollingWindow(tfMs),
): RollingStats {
  const n = equity.length;
  const P = (365 * DAY) / tfMs;
  const r = new Float64Array(n);
  let prev = initialEquity;
  for (let i = 0; i < n; i++) {
    r[i] = equity[i]! / prev - 1;
    prev = equity[i]!;
  }
  const volatility = new Float64Array(n).fill(Number.NaN);
  const sharpe = new Float64Array(n).fill(Number.NaN);
  let sum = 0;
  let sumSq = 0;
  // Count of non-zero returns in the window: a window of only flat bars has exactly no variance,
  // whatever rounding the running sums carry.
  let moving = 0;
  for (let i = 0; i < n; i++) {
    const x = r[i]!;
    sum += x;
    sumSq += x * x;
    if (x !== 0) moving++;
    if (i >= window) {
      const y = r[i - window]!;
      sum -= y;
      sumSq -= y * y;
      if (y !== 0) moving--;
    }
    // Running sums drift; re-add the window exactly once per window length (O(n) in total).
    if (i >= window && i % window === 0) {
      sum = 0;
      sumSq = 0;
      for (let j = i - window + 1; j <= i; j++) {
        sum += r[j]!;
        sumSq += r[j]! * r[j]!;
      }
    }
    if (i + 1 < window) continue;
    const mean = sum / window;
    const variance = moving === 0 ? 0 : Math.max(0, (sumSq - window * mean * mean) / (window - 1));
    const sd = Math.sqrt(variance);
    volatility[i] = sd * Math.sqrt(P);
    sharpe[i] = sd > 0 ? (mean / sd) * Math.sqrt(P) : Number.NaN;
  }
  return { window, windowMs: window * tfMs, periodsPerYear: P, volatility, sharpe };
}
