import { AlgoError, ErrorCode } from '@algotrader/core';

/**
 * The last `capacity` inputs fed to a strategy's streaming indicators, so its state can be
 * checkpointed as plain numbers and rebuilt by replaying them into fresh indicators. For window
 * indicators (SMA, Bollinger, rate of change) a replay of `period` inputs rebuilds them exactly;
 * recursive ones (EMA, RSI) need a tape long enough for the seed to have decayed below rounding.
 */
export class InputTape {
  readonly capacity: number;
  readonly #values: Float64Array;
  #next = 0;
  #count = 0;

  constructor(capacity: number) {
    if (!Number.isSafeInteger(capacity) || capacity < 1) {
      throw new AlgoError(
        ErrorCode.InvalidArgument,
        `tape capacity must be an integer >= 1, got ${capacity}`,
      );
    }
    this.capacity = capacity;
    this.#values = new Float64Array(capacity);
  }

  get length(): number {
    return this.#count;
  }

  push(x: number): void {
    this.#values[this.#next] = x;
    this.#next = this.#next + 1 === this.capacity ? 0 : this.#next + 1;
    if (this.#count < this.capacity) this.#count++;
  }

  /** Oldest first. */
  toArray(): number[] {
    const out: number[] = [];
    const start = this.#count < this.capacity ? 0 : this.#next;
    for (let j = 0; j < this.#count; j++) out.push(this.#values[(start + j) % this.capacity]!);
    return out;
  }

  /** A tape holding the last `capacity` of `values` (oldest first). */
  static from(capacity: number, values: readonly number[]): InputTape {
    const t = new InputTape(capacity);
    for (const v of values) t.push(v);
    return t;
  }
}
