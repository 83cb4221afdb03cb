/** Injectable time source. The domain never reads the wall clock directly. */
export interface Clock {
  /** Milliseconds since the epoch, UTC. */
  now(): number;
}

/** A clock a test or backtest moves by hand. */
export class SimulatedClock implements Clock {
  #now: number;
  constructor(startMs = 0) {
    this.#now = startMs;
  }
  now(): number {
    return this.#now;
  }
  set(ms: number): void {
    if (ms < this.#now) throw new RangeError(`simulated clock cannot go back (${ms} < ${this.#now})`);
    this.#now = ms;
  }
  advance(ms: number): void {
    this.set(this.#now + ms);
  }
}
