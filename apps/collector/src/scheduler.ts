import type { Clock, SimulatedClock } from '@algotrader/core';

/** A clock that can also wait: the live loop's only source of time. */
export interface Scheduler extends Clock {
  /** Resolves once this scheduler's time reaches `atMs` (at once when it already has); rejects on abort. */
  sleepUntil(atMs: number, signal?: AbortSignal): Promise<void>;
}

const MAX_TIMER_MS = 2 ** 31 - 1;

/** Wall-clock time and real timers. */
export class SystemScheduler implements Scheduler {
  now(): number {
    return Date.now();
  }

  async sleepUntil(atMs: number, signal?: AbortSignal): Promise<void> {
    // Timers can fire a little early (and cap at ~24.8 days): re-check against the clock.
    while (Date.now() < atMs) {
      signal?.throwIfAborted();
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(done, Math.min(atMs - Date.now(), MAX_TIMER_MS));
        function done() {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        }
        function onAbort() {
          clearTimeout(timer);
          reject(signal?.reason);
        }
        signal?.addEventListener('abort', onAbort, { once: true });
      });
    }
    signal?.throwIfAborted();
  }
}

interface Sleeper {
  readonly at: number;
  readonly resolve: () => void;
}

/**
 * Time moved by hand over a {@link SimulatedClock} (tests): sleepers wake when `set`/`advance`
 * passes their time, never on their own.
 */
export class ManualScheduler implements Scheduler {
  readonly #sleepers: Sleeper[] = [];

  constructor(readonly clock: SimulatedClock) {}

  now(): number {
    return this.clock.now();
  }

  sleepUntil(atMs: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (atMs <= this.clock.now()) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const sleeper: Sleeper = {
        at: atMs,
        resolve: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      const onAbort = () => {
        const i = this.#sleepers.indexOf(sleeper);
        if (i >= 0) this.#sleepers.splice(i, 1);
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#sleepers.push(sleeper);
    });
  }

  /** Moves the time to `ms` and wakes every sleeper due by then. */
  set(ms: number): void {
    this.clock.set(ms);
    const due = this.#sleepers.filter((s) => s.at <= ms).sort((a, b) => a.at - b.at);
    for (const s of due) {
      this.#sleepers.splice(this.#sleepers.indexOf(s), 1);
      s.resolve();
    }
  }

  advance(ms: number): void {
    this.set(this.clock.now() + ms);
  }

  /** The earliest time someone waits for (tests advance to it). */
  get nextWake(): number | undefined {
    return this.#sleepers.length ? Math.min(...this.#sleepers.map((s) => s.at)) : undefined;
  }

  get sleeping(): number {
    return this.#sleepers.length;
  }
}
