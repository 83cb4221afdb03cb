import { AlgoError, type Clock, ErrorCode } from '@algotrader/core';
import type { KV } from '@nats-io/kv';

/** Key of the store-writer lock in the `leases` bucket (job lease keys end in a number, so no clash). */
export const STORE_WRITER_LOCK = 'lock.store-writer';

interface LockRecord {
  holder: string;
  /** What the holder is doing (a job name), for whoever waits. */
  what: string;
  acquiredMs: number;
  /** The holder renews this; past it the holder is presumed dead and the lock may be taken. */
  expiresMs: number;
  released: boolean;
}

export interface KvLockOptions {
  kv: KV;
  /** This replica's id. */
  holder: string;
  clock: Clock;
  key?: string;
  /** A lock not renewed for this long is free again, ms. Default 60 s; renewed every third of it. */
  ttlMs?: number;
  /** Wait between attempts while another replica holds it, ms. Default 500. */
  pollMs?: number;
  /** Give up waiting after this long, ms. Default 30 min. */
  waitMs?: number;
}

const enc = new TextEncoder();
const dec = new TextDecoder();

/**
 * A mutex across replicas, kept in KV with compare-and-set: the Parquet store takes one writer per
 * root, and when the scheduler is that writer its backfill and its compaction may fall due on two
 * replicas at once. A holder that dies stops renewing and the lock frees itself after `ttlMs`.
 */
export class KvLock {
  readonly #o: Required<KvLockOptions>;

  constructor(o: KvLockOptions) {
    this.#o = { key: STORE_WRITER_LOCK, ttlMs: 60_000, pollMs: 500, waitMs: 30 * 60_000, ...o };
  }

  /**
   * Runs `fn` holding the lock. `fn` gets a signal that aborts when `signal` does or the lock is lost
   * (another replica took it over after missed renewals: stop writing).
   */
  async withLock<T>(what: string, signal: AbortSignal, fn: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const acquiredMs = this.#o.clock.now();
    let rev = await this.#acquire(what, signal);
    const lost = new AbortController();
    const inner = AbortSignal.any([signal, lost.signal]);
    const record = (expiresMs: number, released = false): LockRecord => ({
      holder: this.#o.holder,
      what,
      acquiredMs,
      expiresMs,
      released,
    });
    let renewing: Promise<void> = Promise.resolve();
    const timer = setInterval(
      () => {
        renewing = renewing.then(async () => {
          if (lost.signal.aborted) return;
          try {
            rev = await this.#o.kv.update(
              this.#o.key,
              enc.encode(JSON.stringify(record(this.#o.clock.now() + this.#o.ttlMs))),
              rev,
            );
          } catch (e) {
            if (isCasConflict(e)) lost.abort(new Error(`store-writer lock lost (${what})`));
            // Anything else (KV unreachable): keep trying; the lock holds until ttlMs passes.
          }
        });
      },
      Math.max(100, Math.floor(this.#o.ttlMs / 3)),
    );
    timer.unref();
    try {
      return await fn(inner);
    } finally {
      clearInterval(timer);
      await renewing;
      if (!lost.signal.aborted) {
        await this.#o.kv
          .update(this.#o.key, enc.encode(JSON.stringify(record(this.#o.clock.now(), true))), rev)
          .catch(() => undefined); // lost or unreachable: it expires on its own
      }
    }
  }

  async #acquire(what: string, signal: AbortSignal): Promise<number> {
    const { kv, key, clock, ttlMs, pollMs, waitMs } = this.#o;
    const deadline = Date.now() + waitMs;
    for (;;) {
      signal.throwIfAborted();
      const now = clock.now();
      const mine = enc.encode(
        JSON.stringify({
          holder: this.#o.holder,
          what,
          acquiredMs: now,
          expiresMs: now + ttlMs,
          released: false,
        } satisfies LockRecord),
      );
      try {
        return await kv.create(key, mine);
      } catch (e) {
        if (!isCasConflict(e)) throw e;
      }
      const cur = await kv.get(key);
      let holder = '';
      if (cur?.operation === 'PUT' && cur.value.length > 0) {
        const l = JSON.parse(dec.decode(cur.value)) as LockRecord;
        holder = `${l.holder} (${l.what})`;
        if (l.released || now > l.expiresMs) {
          try {
            return await kv.update(key, mine, cur.revision);
          } catch (e) {
            if (!isCasConflict(e)) throw e;
          }
        }
      }
      if (Date.now() > deadline) {
        throw new AlgoError(
          ErrorCode.Conflict,
          `store-writer lock still held by ${holder || 'another replica'} after ${waitMs} ms`,
        );
      }
      await sleep(pollMs, signal);
    }
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    function onAbort() {
      clearTimeout(t);
      reject(signal.reason);
    }
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

function isCasConflict(e: unknown): boolean {
  const code = (e as { code?: unknown })?.code;
  return (
    code === 10071 || code === 10164 || /wrong last sequence|key exists/i.test(String((e as Error)?.message))
  );
}
