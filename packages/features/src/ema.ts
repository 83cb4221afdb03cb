import { ExactSum } from './exact-sum';
import { runScalar, type ScalarIndicator } from './indicator';
import { checkFinite, checkPeriod } from './validate';

/**
 * Exponential moving average with α = 2 / (period + 1).
 *
 * Seeding: the first value (at update `period`) is the SMA of the first `period` inputs; after that
 * `ema = ema + α·(x − ema)`. Recursive, so it depends on where the history starts; the seed's
 * influence decays by (1 − α) per bar. Warm-up: `period`.
 */
export class Ema implements ScalarIndicator {
  readonly period: number;
  readonly warmup: number;
  readonly alpha: number;
  private readonly seed = new ExactSum();
  private count = 0;
  private current = Number.NaN;

  constructor(period: number) {
    checkPeriod('ema', 'period', period);
    this.period = period;
    this.warmup = period;
    this.alpha = 2 / (period + 1);
  }

  get value(): number {
    return this.current;
  }

  get ready(): boolean {
    return this.count >= this.period;
  }

  update(x: number): number {
    checkFinite('ema', x);
    if (this.count >= this.period) {
      this.current = this.current + this.alpha * (x - this.current);
      return this.current;
    }
    this.seed.add(x);
    this.count++;
    if (this.count === this.period) this.current = this.seed.value() / this.period;
    return this.current;
  }

  reset(): void {
    this.seed.clear();
    this.count = 0;
    this.current = Number.NaN;
  }
}

/** Batch {@link Ema}: NaN for the first `period - 1` rows. */
export function ema(values: ArrayLike<number>, period: number): Float64Array {
  return runScalar('ema', values, new Ema(period));
}
