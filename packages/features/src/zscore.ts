import { runScalar, type ScalarIndicator } from './indicator';
import { RollingWindow } from './rolling';
import { checkFinite, checkPeriod } from './validate';

/**
 * Rolling z-score of the current input against the last `period` inputs (current included):
 * (x − mean) / σ with σ the population standard deviation — the same mean and σ as
 * {@link BollingerBands}, so z = ±k on its k-bands. A constant window (σ = 0) gives 0.
 * Warm-up: `period`.
 */
export class RollingZScore implements ScalarIndicator {
  readonly period: number;
  readonly warmup: number;
  private readonly window: RollingWindow;
  private current = Number.NaN;

  constructor(period: number) {
    checkPeriod('zscore', 'period', period);
    this.period = period;
    this.warmup = period;
    this.window = new RollingWindow(period, true);
  }

  get value(): number {
    return this.current;
  }

  get ready(): boolean {
    return this.window.full;
  }

  update(x: number): number {
    checkFinite('zscore', x);
    this.window.push(x);
    if (!this.window.full) return this.current;
    const n = this.period;
    const scatter = this.window.scatter();
    this.current = scatter === 0 ? 0 : (x - this.window.sum() / n) / Math.sqrt(scatter / (n * n));
    return this.current;
  }

  reset(): void {
    this.window.reset();
    this.current = Number.NaN;
  }
}

/** Batch {@link RollingZScore}: NaN for the first `period - 1` rows. */
export function rollingZScore(values: ArrayLike<number>, period: number): Float64Array {
  return runScalar('zscore', values, new RollingZScore(period));
}
