import { ExactSum } from './exact-sum';
import type { Indicator } from './indicator';
import { atRow, checkFinite, checkPeriod, checkSameLength } from './validate';

/**
 * Average true range with Wilder's smoothing.
 *
 * TR = max(high − low, |high − prevClose|, |low − prevClose|); the very first bar has no previous
 * close, so its TR is high − low. The first ATR (at update `period`) is the mean of the first
 * `period` TRs; after that `atr = (atr·(period − 1) + TR) / period`.
 * Recursive: the seed's influence decays by (1 − 1/period) per bar. Warm-up: `period`.
 */
export class Atr implements Indicator {
  readonly period: number;
  readonly warmup: number;
  private readonly seed = new ExactSum();
  private previousClose = Number.NaN;
  private count = 0;
  private current = Number.NaN;

  constructor(period = 14) {
    checkPeriod('atr', 'period', period);
    this.period = period;
    this.warmup = period;
  }

  get value(): number {
    return this.current;
  }

  get ready(): boolean {
    return this.count >= this.period;
  }

  update(high: number, low: number, close: number): number {
    checkFinite('atr', high);
    checkFinite('atr', low);
    checkFinite('atr', close);
    const tr =
      this.count === 0
        ? high - low
        : Math.max(high - low, Math.abs(high - this.previousClose), Math.abs(low - this.previousClose));
    this.previousClose = close;
    const n = this.period;
    if (this.count >= n) {
      this.current = (this.current * (n - 1) + tr) / n;
      return this.current;
    }
    this.seed.add(tr);
    this.count++;
    if (this.count === n) this.current = this.seed.value() / n;
    return this.current;
  }

  reset(): void {
    this.seed.clear();
    this.previousClose = Number.NaN;
    this.count = 0;
    this.current = Number.NaN;
  }
}

/** Batch {@link Atr}: NaN for the first `period - 1` rows. */
export function atr(
  high: ArrayLike<number>,
  low: ArrayLike<number>,
  close: ArrayLike<number>,
  period = 14,
): Float64Array {
  const n = checkSameLength('atr', high, low, close);
  const indicator = new Atr(period);
  const out = new Float64Array(n);
  let i = 0;
  try {
    for (; i < n; i++) out[i] = indicator.update(high[i]!, low[i]!, close[i]!);
  } catch (e) {
    throw atRow('atr', i, e);
  }
  return out;
}
