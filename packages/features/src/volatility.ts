import { AlgoError, ErrorCode } from '@algotrader/core';
import { runScalar, type ScalarIndicator } from './indicator';
import { RollingWindow } from './rolling';
import { checkFinite, checkParam, checkPeriod } from './validate';

/**
 * Rolling volatility: the sample standard deviation (divide by `period − 1`) of the last `period`
 * log returns ln(x[t] / x[t−1]), times √periodsPerYear (default 1: per-bar volatility; e.g. 8760
 * annualises 1h bars of a 24/7 market, 252 daily equity bars). Inputs must be > 0.
 * Depends on the last `period + 1` inputs only. Warm-up: `period + 1`.
 */
export class RollingVolatility implements ScalarIndicator {
  readonly period: number;
  readonly periodsPerYear: number;
  readonly warmup: number;
  private readonly window: RollingWindow;
  private previous = Number.NaN;
  private current = Number.NaN;

  constructor(period: number, periodsPerYear = 1) {
    checkPeriod('volatility', 'period', period, 2);
    checkParam('volatility', 'periodsPerYear', periodsPerYear, Number.MIN_VALUE);
    this.period = period;
    this.periodsPerYear = periodsPerYear;
    this.warmup = period + 1;
    this.window = new RollingWindow(period, true);
  }

  get value(): number {
    return this.current;
  }

  get ready(): boolean {
    return this.window.full;
  }

  update(x: number): number {
    checkFinite('volatility', x);
    if (!(x > 0)) {
      throw new AlgoError(ErrorCode.InvalidData, `volatility: input must be > 0, got ${x}`, {
        feature: 'volatility',
        input: x,
      });
    }
    const previous = this.previous;
    this.previous = x;
    if (Number.isNaN(previous)) return this.current;
    this.window.push(Math.log(x / previous));
    if (!this.window.full) return this.current;
    const n = this.period;
    this.current = Math.sqrt((this.window.scatter() / (n * (n - 1))) * this.periodsPerYear);
    return this.current;
  }

  reset(): void {
    this.window.reset();
    this.previous = Number.NaN;
    this.current = Number.NaN;
  }
}

/** Batch {@link RollingVolatility}: NaN for the first `period` rows. */
export function rollingVolatility(
  values: ArrayLike<number>,
  period: number,
  periodsPerYear = 1,
): Float64Array {
  return runScalar('volatility', values, new RollingVolatility(period, periodsPerYear));
}
