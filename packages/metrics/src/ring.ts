/**
 * A fixed-capacity FIFO that never grows: pushing into a full ring overwrites the oldest item.
 * Every operation is O(1) per item, so a producer never pays for a slow or absent consumer.
 */
export class Ring<T> {
  readonly capacity: number;
  readonly #items: (T | undefined)[];
  #head = 0;
  #size = 0;

  constructor(capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new RangeError(`ring capacity must be a positive integer, got ${capacity}`);
    }
    this.capacity = capacity;
    this.#items = new Array<T | undefined>(capacity);
  }

  get size(): number {
    return this.#size;
  }

  /** Appends at the back; returns 1 when the ring was full and its oldest item was dropped, else 0. */
  push(item: T): 0 | 1 {
    if (this.#size === this.capacity) {
      this.#items[this.#head] = item;
      this.#head = (this.#head + 1) % this.capacity;
      return 1;
    }
    this.#items[(this.#head + this.#size) % this.capacity] = item;
    this.#size += 1;
    return 0;
  }

  /** Removes and returns up to `n` items from the front (oldest first). */
  shift(n: number): T[] {
    const count = Math.min(n, this.#size);
    const out = new Array<T>(count);
    for (let i = 0; i < count; i++) {
      out[i] = this.#items[this.#head] as T;
      this.#items[this.#head] = undefined;
      this.#head = (this.#head + 1) % this.capacity;
    }
    this.#size -= count;
    return out;
  }

  /**
   * Puts items taken by {@link shift} back at the front, in order. They are older than anything
   * pushed since, so when they do not all fit the oldest of them are the ones dropped; returns how
   * many were dropped.
   */
  unshiftAll(items: readonly T[]): number {
    const room = this.capacity - this.#size;
    const dropped = Math.max(0, items.length - room);
    for (let i = items.length - 1; i >= dropped; i--) {
      this.#head = (this.#head - 1 + this.capacity) % this.capacity;
      this.#items[this.#head] = items[i];
      this.#size += 1;
    }
    return dropped;
  }

  clear(): number {
    const n = this.#size;
    this.#items.fill(undefined);
    this.#head = 0;
    this.#size = 0;
    return n;
  }
}
