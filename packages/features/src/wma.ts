import { ExactSum } from './exact-sum';
import { runScalar, type ScalarIndicator } from './indicator';
import { checkFinite, checkPeriod } from './validate';

/**
 * Linearly weighted moving average: weights 1 (oldest) … `period` (newest), divided by
 * period·(period+1)/2. The weighted sum is kept exactly (T ← T − Σwindow + period·x), so the value
 * depends on the window contents only. Warm-up: `period`.
 */
export class Wma implements ScalarIndicator {
  readonly period: number;
  readonly warmup: number;
  private readonly buffer: Float64Array;
  private readonly plain = new ExactSum();
  private readonly weighted = new ExactSum();
  private readonly divisor: number;
  private next = 0;
  private count = 0;
  private current = Number.NaN;

  constructor(period: number) {
    checkPeriod('wma', 'period', period);
    this.period = period;
    this.warmup = period;
    this.buffer = new Float64Array(period);
    this.divisor = (period * (period + 1)) / 2;
  }

  get value(): number {
    return this.current;
  }

  get ready(): boolean {
    return this.count === this.period;
  }

  update(x: number): number {
    checkFinite('wma', x);
    if (this.count === this.period) {
      // Every older value's weight drops by one, the oldest (weight 1) leaves, x enters at `period`.
      this.weighted.addSum(this.plain, -1);
      this.weighted.addProduct(this.period, x);
      this.plain.add(-this.buffer[this.next]!);
    } else {
      this.count++;
      this.weighted.addProduct(this.count, x);
    }
    this.plain.add(x);
    this.buffer[this.next] = x;
    this.next = this.next + 1 === this.period ? 0 : this.next + 1;
    this.current = this.count === this.period ? this.weighted.value() / this.divisor : Number.NaN;
    return this.current;
  }

  reset(): void {
    this.plain.clear();
    this.weighted.clear();
    this.next = 0;
    this.count = 0;
    this.current = Number.NaN;
  }
}

/** Batch {@link Wma}: NaN for the first `period - 1` rows. */
export function wma(values: ArrayLike<number>, period: number): Float64Array {
  return runScalar('wma', values, new Wma(period));
}
