import { AlgoError, ErrorCode } from '@algotrader/core';
import { Ema } from './ema';
import type { Indicator } from './indicator';
import { atRow, checkFinite, checkPeriod } from './validate';

export interface MacdValue {
  readonly line: number;
  readonly signal: number;
  readonly histogram: number;
}

export interface MacdSeries {
  readonly line: Float64Array;
  readonly signal: Float64Array;
  readonly histogram: Float64Array;
}

/**
 * MACD: line = EMA(fast) − EMA(slow) of the input, signal = EMA(signalPeriod) of the line,
 * histogram = line − signal. Every EMA is an {@link Ema} (seeded with the SMA of its first inputs);
 * the signal EMA is fed from the first bar the line exists (update `slow`). All three outputs stay
 * NaN until the signal exists. Warm-up: `slow + signalPeriod − 1`.
 */
export class Macd implements Indicator {
  readonly fast: number;
  readonly slow: number;
  readonly signalPeriod: number;
  readonly warmup: number;
  private readonly fastEma: Ema;
  private readonly slowEma: Ema;
  private readonly signalEma: Ema;
  private currentLine = Number.NaN;
  private currentSignal = Number.NaN;
  private currentHistogram = Number.NaN;

  constructor(fast = 12, slow = 26, signal = 9) {
    checkPeriod('macd', 'fast', fast);
    checkPeriod('macd', 'slow', slow);
    checkPeriod('macd', 'signal', signal);
    if (fast >= slow) {
      throw new AlgoError(ErrorCode.InvalidArgument, `macd: fast (${fast}) must be < slow (${slow})`, {
        feature: 'macd',
        fast,
        slow,
      });
    }
    this.fast = fast;
    this.slow = slow;
    this.signalPeriod = signal;
    this.warmup = slow + signal - 1;
    this.fastEma = new Ema(fast);
    this.slowEma = new Ema(slow);
    this.signalEma = new Ema(signal);
  }

  get line(): number {
    return this.currentLine;
  }

  get signal(): number {
    return this.currentSignal;
  }

  get histogram(): number {
    return this.currentHistogram;
  }

  /** All three outputs (a fresh object). */
  get value(): MacdValue {
    return { line: this.currentLine, signal: this.currentSignal, histogram: this.currentHistogram };
  }

  get ready(): boolean {
    return this.signalEma.ready;
  }

  update(x: number): void {
    checkFinite('macd', x);
    const fast = this.fastEma.update(x);
    const slow = this.slowEma.update(x);
    if (!this.slowEma.ready) return;
    const line = fast - slow;
    const signal = this.signalEma.update(line);
    if (!this.signalEma.ready) return;
    this.currentLine = line;
    this.currentSignal = signal;
    this.currentHistogram = line - signal;
  }

  reset(): void {
    this.fastEma.reset();
    this.slowEma.reset();
    this.signalEma.reset();
    this.currentLine = Number.NaN;
    this.currentSignal = Number.NaN;
    this.currentHistogram = Number.NaN;
  }
}

/** Batch {@link Macd}: three columns, NaN for the first `slow + signal − 2` rows. */
export function macd(values: ArrayLike<number>, fast = 12, slow = 26, signal = 9): MacdSeries {
  const indicator = new Macd(fast, slow, signal);
  const n = values.length;
  const line = new Float64Array(n);
  const signalOut = new Float64Array(n);
  const histogram = new Float64Array(n);
  let i = 0;
  try {
    for (; i < n; i++) {
      indicator.update(values[i]!);
      line[i] = indicator.line;
      signalOut[i] = indicator.signal;
      histogram[i] = indicator.histogram;
    }
  } catch (e) {
    throw atRow('macd', i, e);
  }
  return { line, signal: signalOut, histogram };
}
