import { ExactSum } from './exact-sum';
import { runScalar, type ScalarIndicator } from './indicator';
import { checkFinite, checkPeriod } from './validate';

/**
 * Relative strength index with Wilder's smoothing.
 *
 * change = x − previous x; gain = max(change, 0), loss = max(−change, 0). The first averages (at
 * update `period + 1`, i.e. after `period` changes) are the plain means of the first `period`
 * gains/losses; after that `avg = (avg·(period − 1) + current) / period`.
 * RSI = 100·avgGain / (avgGain + avgLoss), which equals 100 − 100/(1 + RS): 100 when there are
 * no losses, and 50 (neutral) when the window has neither gains nor losses.
 * Recursive: the seed's influence decays by (1 − 1/period) per bar. Warm-up: `period + 1`.
 */
export class Rsi implements ScalarIndicator {
  readonly period: number;
  readonly warmup: number;
  private readonly gainSeed = new ExactSum();
  private readonly lossSeed = new ExactSum();
  private previous = Number.NaN;
  private changes = -1;
  private avgGain = Number.NaN;
  private avgLoss = Number.NaN;
  private current = Number.NaN;

  constructor(period = 14) {
    checkPeriod('rsi', 'period', period);
    this.period = period;
    this.warmup = period + 1;
  }

  get value(): number {
    return this.current;
  }

  get ready(): boolean {
    return this.changes >= this.period;
  }

  update(x: number): number {
    checkFinite('rsi', x);
    const change = x - this.previous;
    this.previous = x;
    this.changes++;
    if (this.changes === 0) return this.current;
    const gain = Math.max(change, 0);
    const loss = Math.max(-change, 0);
    const n = this.period;
    if (this.changes > n) {
      this.avgGain = (this.avgGain * (n - 1) + gain) / n;
      this.avgLoss = (this.avgLoss * (n - 1) + loss) / n;
    } else {
      this.gainSeed.add(gain);
      this.lossSeed.add(loss);
      if (this.changes < n) return this.current;
      this.avgGain = this.gainSeed.value() / n;
      this.avgLoss = this.lossSeed.value() / n;
    }
    const total = this.avgGain + this.avgLoss;
    this.current = total === 0 ? 50 : (100 * this.avgGain) / total;
    return this.current;
  }

  reset(): void {
    this.gainSeed.clear();
    this.lossSeed.clear();
    this.previous = Number.NaN;
    this.changes = -1;
    this.avgGain = Number.NaN;
    this.avgLoss = Number.NaN;
    this.current = Number.NaN;
  }
}

/** Batch {@link Rsi}: NaN for the first `period` rows. */
export function rsi(values: ArrayLike<number>, period = 14): Float64Array {
  return runScalar('rsi', values, new Rsi(period));
}
