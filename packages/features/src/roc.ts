import type { ScalarIndicator } from './indicator';
import { atRow, checkFinite, checkPeriod } from './validate';

/**
 * Rate of change over `period` bars as a fraction (not a percent): x[t] / x[t − period] − 1.
 * A zero base gives ±Infinity or NaN, as IEEE division does. Warm-up: `period + 1`.
 */
export class RateOfChange implements ScalarIndicator {
  readonly period: number;
  readonly warmup: number;
  private readonly buffer: Float64Array;
  private next = 0;
  private count = 0;
  private current = Number.NaN;

  constructor(period: number) {
    checkPeriod('roc', 'period', period);
    this.period = period;
    this.warmup = period + 1;
    this.buffer = new Float64Array(period);
  }

  get value(): number {
    return this.current;
  }

  get ready(): boolean {
    return this.count > this.period;
  }

  update(x: number): number {
    checkFinite('roc', x);
    // The slot about to be overwritten holds x[t − period] once `period` values are in.
    if (this.count >= this.period) this.current = x / this.buffer[this.next]! - 1;
    if (this.count <= this.period) this.count++;
    this.buffer[this.next] = x;
    this.next = this.next + 1 === this.period ? 0 : this.next + 1;
    return this.current;
  }

  reset(): void {
    this.next = 0;
    this.count = 0;
    this.current = Number.NaN;
  }
}

/**
 * Batch {@link RateOfChange}: NaN for the first `period` rows. One loop over the column (the same
 * division as the streaming form, so the same bits), with its error and row for a non-finite input.
 */
export function rateOfChange(values: ArrayLike<number>, period: number): Float64Array {
  checkPeriod('roc', 'period', period);
  const n = values.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const x = values[i]!;
    if (!(x - x === 0)) {
      try {
        checkFinite('roc', x);
      } catch (e) {
        throw atRow('roc', i, e);
      }
    }
    out[i] = i >= period ? x / values[i - period]! - 1 : Number.NaN;
  }
  return out;
}
