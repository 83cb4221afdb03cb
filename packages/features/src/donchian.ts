import type { Indicator } from './indicator';
import { atRow, checkFinite, checkPeriod, checkSameLength } from './validate';

export interface DonchianValue {
  readonly upper: number;
  readonly middle: number;
  readonly lower: number;
}

export interface DonchianSeries {
  readonly upper: Float64Array;
  readonly middle: Float64Array;
  readonly lower: Float64Array;
}

/**
 * Monotonic deque over the last `period` bars: the front is the extreme of the window. Each bar
 * enters and leaves once, so updates are amortised O(1).
 */
class ExtremeDeque {
  private readonly values: Float64Array;
  private readonly bars: Float64Array;
  private head = 0;
  private size = 0;

  constructor(
    private readonly period: number,
    private readonly max: boolean,
  ) {
    this.values = new Float64Array(period);
    this.bars = new Float64Array(period);
  }

  push(bar: number, x: number): void {
    const cap = this.period;
    while (this.size > 0 && this.bars[this.head]! <= bar - cap) {
      this.head = this.head + 1 === cap ? 0 : this.head + 1;
      this.size--;
    }
    while (this.size > 0) {
      const back = (this.head + this.size - 1) % cap;
      const v = this.values[back]!;
      if (this.max ? v > x : v < x) break;
      this.size--;
    }
    const slot = (this.head + this.size) % cap;
    this.values[slot] = x;
    this.bars[slot] = bar;
    this.size++;
  }

  front(): number {
    return this.values[this.head]!;
  }

  reset(): void {
    this.head = 0;
    this.size = 0;
  }
}

/**
 * Donchian channel over the last `period` bars, current bar included: upper = highest high,
 * lower = lowest low, middle = (upper + lower) / 2. Warm-up: `period`.
 */
export class DonchianChannel implements Indicator {
  readonly period: number;
  readonly warmup: number;
  private readonly highs: ExtremeDeque;
  private readonly lows: ExtremeDeque;
  private bar = 0;
  private up = Number.NaN;
  private mid = Number.NaN;
  private low = Number.NaN;

  constructor(period = 20) {
    checkPeriod('donchian', 'period', period);
    this.period = period;
    this.warmup = period;
    this.highs = new ExtremeDeque(period, true);
    this.lows = new ExtremeDeque(period, false);
  }

  get upper(): number {
    return this.up;
  }

  get middle(): number {
    return this.mid;
  }

  get lower(): number {
    return this.low;
  }

  /** All three lines (a fresh object). */
  get value(): DonchianValue {
    return { upper: this.up, middle: this.mid, lower: this.low };
  }

  get ready(): boolean {
    return this.bar >= this.period;
  }

  update(high: number, low: number): void {
    checkFinite('donchian', high);
    checkFinite('donchian', low);
    this.highs.push(this.bar, high);
    this.lows.push(this.bar, low);
    this.bar++;
    if (this.bar < this.period) return;
    this.up = this.highs.front();
    this.low = this.lows.front();
    this.mid = (this.up + this.low) / 2;
  }

  reset(): void {
    this.highs.reset();
    this.lows.reset();
    this.bar = 0;
    this.up = Number.NaN;
    this.mid = Number.NaN;
    this.low = Number.NaN;
  }
}

/** Batch {@link DonchianChannel}: three columns, NaN for the first `period - 1` rows. */
export function donchianChannel(
  high: ArrayLike<number>,
  low: ArrayLike<number>,
  period = 20,
): DonchianSeries {
  const n = checkSameLength('donchian', high, low);
  const indicator = new DonchianChannel(period);
  const upper = new Float64Array(n);
  const middle = new Float64Array(n);
  const lower = new Float64Array(n);
  let i = 0;
  try {
    for (; i < n; i++) {
      indicator.update(high[i]!, low[i]!);
      upper[i] = indicator.upper;
      middle[i] = indicator.middle;
      lower[i] = indicator.lower;
    }
  } catch (e) {
    throw atRow('donchian', i, e);
  }
  return { upper, middle, lower };
}
