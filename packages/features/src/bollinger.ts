import type { Indicator } from './indicator';
import { RollingWindow } from './rolling';
import { atRow, checkFinite, checkParam, checkPeriod } from './validate';

export interface BollingerValue {
  readonly middle: number;
  readonly upper: number;
  readonly lower: number;
}

export interface BollingerSeries {
  readonly middle: Float64Array;
  readonly upper: Float64Array;
  readonly lower: Float64Array;
}

/**
 * Bollinger bands over the last `period` inputs: middle = SMA, σ = population standard deviation
 * (divide by `period`), upper/lower = middle ± k·σ. σ = √((n·Σx² − (Σx)²) / n²) with that numerator
 * correctly rounded, so σ is exactly 0 on a constant window and depends on the window only.
 * Warm-up: `period`.
 */
export class BollingerBands implements Indicator {
  readonly period: number;
  readonly k: number;
  readonly warmup: number;
  private readonly window: RollingWindow;
  private mid = Number.NaN;
  private up = Number.NaN;
  private low = Number.NaN;

  constructor(period = 20, k = 2) {
    checkPeriod('bollinger', 'period', period);
    checkParam('bollinger', 'k', k, 0);
    this.period = period;
    this.k = k;
    this.warmup = period;
    this.window = new RollingWindow(period, true);
  }

  get middle(): number {
    return this.mid;
  }

  get upper(): number {
    return this.up;
  }

  get lower(): number {
    return this.low;
  }

  /** All three bands (a fresh object). */
  get value(): BollingerValue {
    return { middle: this.mid, upper: this.up, lower: this.low };
  }

  get ready(): boolean {
    return this.window.full;
  }

  update(x: number): void {
    checkFinite('bollinger', x);
    this.window.push(x);
    if (!this.window.full) return;
    const n = this.period;
    this.mid = this.window.sum() / n;
    const width = this.k * Math.sqrt(this.window.scatter() / (n * n));
    this.up = this.mid + width;
    this.low = this.mid - width;
  }

  reset(): void {
    this.window.reset();
    this.mid = Number.NaN;
    this.up = Number.NaN;
    this.low = Number.NaN;
  }
}

/** Batch {@link BollingerBands}: three columns, NaN for the first `period - 1` rows. */
export function bollingerBands(values: ArrayLike<number>, period = 20, k = 2): BollingerSeries {
  const indicator = new BollingerBands(period, k);
  const n = values.length;
  const middle = new Float64Array(n);
  const upper = new Float64Array(n);
  const lower = new Float64Array(n);
  let i = 0;
  try {
    for (; i < n; i++) {
      indicator.update(values[i]!);
      middle[i] = indicator.middle;
      upper[i] = indicator.upper;
      lower[i] = indicator.lower;
    }
  } catch (e) {
    throw atRow('bollinger', i, e);
  }
  return { middle, upper, lower };
}
