import { type Bus, saveCheckpoint } from '@algotrader/bus';
import type { KV } from '@nats-io/kv';

/** Runs async sections one at a time, in call order (handlers of several inputs, timers). */
export class Serial {
  #tail: Promise<unknown> = Promise.resolve();

  run<T>(f: () => Promise<T> | T): Promise<T> {
    const next = this.#tail.then(f, f);
    this.#tail = next.then(
      () => undefined,
      () => undefined,
    );
    return next;
  }
}

/**
 * Saves a stage's checkpoint (msgpack in KV `checkpoints`) at most every `everyMs` while messages
 * stream in, and once more when they stop: a replay at full speed is not slowed by a KV write per
 * bar, and what a crash loses is re-read from the stream position saved with the state.
 * `snapshot()` is called inside the stage's serial section, so it sees a consistent state; it
 * returns undefined while a message is half done (then nothing is saved).
 */
export class Checkpointer {
  readonly #kv: KV;
  readonly #key: string;
  readonly #everyMs: number;
  readonly #serial: Serial;
  readonly #snapshot: () => unknown;
  readonly #settle: (() => Promise<void>) | undefined;
  readonly #bus: Bus;
  #last = 0;
  #dirty = false;
  #timer: NodeJS.Timeout | undefined;
  #stopped = false;
  saves = 0;

  constructor(opts: {
    bus: Bus;
    kv: KV;
    key: string;
    everyMs: number;
    serial: Serial;
    snapshot: () => unknown;
    /** Called before a snapshot is taken (a pipelined stage waits for its publishes' acks). */
    settle?: () => Promise<void>;
  }) {
    this.#bus = opts.bus;
    this.#kv = opts.kv;
    this.#key = opts.key;
    this.#everyMs = opts.everyMs;
    this.#serial = opts.serial;
    this.#snapshot = opts.snapshot;
    this.#settle = opts.settle;
  }

  /**
   * Call after a unit of work, inside the serial section; `force` saves now. A failed save is
   * logged and retried later, never thrown: the work it follows is done and must not be redone.
   */
  async after(force = false): Promise<void> {
    this.#dirty = true;
    const since = Date.now() - this.#last;
    if (force || since >= this.#everyMs) {
      try {
        await this.#save();
      } catch (e) {
        this.#bus.log.warn(
          { key: this.#key, err: (e as Error).message },
          'checkpoint save failed; will retry',
        );
      }
      return;
    }
    this.#timer ??= setTimeout(
      () => {
        this.#timer = undefined;
        if (this.#stopped) return;
        void this.#serial
          .run(() => (this.#dirty ? this.#save() : undefined))
          .catch((e: unknown) => this.#bus.log.warn({ err: (e as Error).message }, 'checkpoint save failed'));
      },
      Math.max(1, this.#everyMs - since),
    );
  }

  /** Saves pending state now (call inside the serial section, e.g. on stop). */
  async flush(): Promise<void> {
    if (this.#dirty) await this.#save();
  }

  stop(): void {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
  }

  async #save(): Promise<void> {
    await this.#settle?.();
    const state = this.#snapshot();
    // A stage returns undefined while a message is half done (its output not yet all published).
    if (state === undefined) return;
    this.#dirty = false;
    this.#last = Date.now();
    try {
      await saveCheckpoint(this.#kv, this.#key, state);
      this.saves += 1;
    } catch (e) {
      this.#dirty = true;
      throw e;
    }
  }
}
