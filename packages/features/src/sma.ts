import { rollingExactSums } from './exact-sum';
import type { ScalarIndicator } from './indicator';
import { RollingWindow } from './rolling';
import { atRow, checkFinite, checkPeriod } from './validate';

/**
 * Simple moving average: the mean of the last `period` inputs, `round(Σx) / period` with the sum
 * correctly rounded (so the value depends on the window contents only). Warm-up: `period`.
 */
export class Sma implements ScalarIndicator {
  readonly period: number;
  readonly warmup: number;
  private readonly window: RollingWindow;
  private current = Number.NaN;

  constructor(period: number) {
    checkPeriod('sma', 'period', period);
    this.period = period;
    this.warmup = period;
    this.window = new RollingWindow(period, false);
  }

  get value(): number {
    return this.current;
  }

  get ready(): boolean {
    return this.window.full;
  }

  update(x: number): number {
    checkFinite('sma', x);
    this.window.push(x);
    this.current = this.window.full ? this.window.sum() / this.period : Number.NaN;
    return this.current;
  }

  reset(): void {
    this.window.reset();
    this.current = Number.NaN;
  }
}

/**
 * Batch {@link Sma}: same length as `values`, NaN for the first `period - 1` rows. One loop over the
 * column with the window's exact sum inlined (`rollingExactSums`): the streaming form's values bit
 * for bit, and its error (with the row) for a non-finite input.
 */
export function sma(values: ArrayLike<number>, period: number): Float64Array {
  checkPeriod('sma', 'period', period);
  const out = new Float64Array(values.length).fill(Number.NaN);
  rollingExactSums(values, period, period, out, (row) => {
    try {
      checkFinite('sma', values[row]!);
    } catch (e) {
      throw atRow('sma', row, e);
    }
    throw atRow('sma', row, new Error('unreachable'));
  });
  return out;
}
