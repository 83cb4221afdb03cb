import type { Notification } from './coalescer';
import { plainLength, truncateLines } from './html';
import { droppedNotice } from './templates';
import type { Transport } from './transport';

/** Sustained `perMinute` tokens with at most `burst` saved up. */
export class TokenBucket {
  readonly #perMs: number;
  readonly #burst: number;
  readonly #now: () => number;
  #tokens: number;
  #at: number;

  constructor(perMinute: number, burst: number, now: () => number) {
    this.#perMs = perMinute / 60_000;
    this.#burst = burst;
    this.#now = now;
    this.#tokens = burst;
    this.#at = now();
  }

  /** Takes a token and returns 0, or returns how many ms until one is available. */
  take(): number {
    const now = this.#now();
    this.#tokens = Math.min(this.#burst, this.#tokens + (now - this.#at) * this.#perMs);
    this.#at = now;
    if (this.#tokens >= 1) {
      this.#tokens -= 1;
      return 0;
    }
    // The epsilon keeps float dust (0.999 tokens after 999 ms) from adding a whole millisecond.
    return Math.max(1, Math.ceil((1 - this.#tokens) / this.#perMs - 1e-9));
  }
}

export interface OutboxLogger {
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface OutboxOptions {
  readonly transport: Transport;
  readonly queueMax: number;
  readonly messagesPerMinute: number;
  readonly burst: number;
  /** Monotonic ms. */
  readonly now: () => number;
  readonly log: OutboxLogger;
  /** Largest message, in parsed characters; queued notifications are joined up to it (Telegram: 4096). */
  readonly maxChars?: number;
  /** Attempts per message before it is counted as failed (default 3), and the first back-off (1 s). */
  readonly attempts?: number;
  readonly retryDelayMs?: number;
}

export interface OutboxStats {
  /** Notifications handed to the transport (several may share one message). */
  delivered: number;
  /** Messages (transport sends) that succeeded. */
  messages: number;
  /** Notifications dropped because the queue was full (oldest first). */
  dropped: number;
  /** Notifications that could not be delivered after every attempt. */
  failed: number;
}

/**
 * The bounded queue between the consumers and the transport. `push` never blocks and never throws:
 * when the queue is full the oldest notification is dropped and counted, and the next message says
 * how many were lost. One send at a time, paced by a token bucket; whatever queued up while waiting
 * is joined into as few messages as fit, so a storm becomes a handful of messages.
 */
export class Outbox {
  readonly stats: OutboxStats = { delivered: 0, messages: 0, dropped: 0, failed: 0 };
  readonly #o: OutboxOptions;
  readonly #bucket: TokenBucket;
  readonly #queue: Notification[] = [];
  readonly #maxChars: number;
  #unreportedDrops = 0;
  #pumping: Promise<void> | undefined;
  #closed = false;
  #wake: (() => void) | undefined;

  constructor(o: OutboxOptions) {
    this.#o = o;
    this.#bucket = new TokenBucket(o.messagesPerMinute, o.burst, o.now);
    this.#maxChars = o.maxChars ?? 4000;
  }

  get queued(): number {
    return this.#queue.length;
  }

  push(n: Notification): void {
    if (this.#closed) return;
    this.#queue.push(n);
    while (this.#queue.length > this.#o.queueMax) {
      this.#queue.shift();
      this.stats.dropped += 1;
      // One log line per overflow episode; the count goes out with the next message.
      if (this.#unreportedDrops === 0) {
        this.#o.log.warn(
          { queueMax: this.#o.queueMax, dropped: this.stats.dropped },
          'outbox full, dropping oldest',
        );
      }
      this.#unreportedDrops += 1;
    }
    this.#pumping ??= this.#pump().finally(() => {
      this.#pumping = undefined;
    });
  }

  /** Waits until the queue is empty or `timeoutMs` passed, then stops sending. */
  async close(timeoutMs: number): Promise<void> {
    const deadline = new Promise<void>((r) => setTimeout(r, timeoutMs).unref());
    await Promise.race([this.idle(), deadline]);
    this.#closed = true;
    this.#wake?.();
  }

  /** Resolves when nothing is queued or being sent. */
  async idle(): Promise<void> {
    while (this.#pumping) await this.#pumping;
  }

  async #pump(): Promise<void> {
    while (this.#queue.length > 0 && !this.#closed) {
      const wait = this.#bucket.take();
      if (wait > 0) {
        await this.#sleep(wait);
        continue;
      }
      const batch = this.#takeBatch();
      await this.#deliver(batch);
    }
  }

  #takeBatch(): { text: string; silent: boolean; count: number } {
    const parts: string[] = [];
    let silent = true;
    let length = 0;
    if (this.#unreportedDrops > 0) {
      const notice = droppedNotice(this.#unreportedDrops);
      this.#unreportedDrops = 0;
      parts.push(notice);
      length = plainLength(notice);
      silent = false;
    }
    let count = 0;
    while (this.#queue.length > 0) {
      const next = this.#queue[0]!.message.html;
      const added = (parts.length === 0 ? 0 : length + 2) + plainLength(next);
      // The first notification always goes, even alone over the limit (templates cut their own text).
      if (count > 0 && added > this.#maxChars) break;
      const n = this.#queue.shift()!;
      parts.push(n.message.html);
      length = added;
      silent &&= n.silent;
      count += 1;
    }
    return { text: truncateLines(parts.join('\n\n'), this.#maxChars), silent, count };
  }

  async #deliver(batch: { text: string; silent: boolean; count: number }): Promise<void> {
    const attempts = this.#o.attempts ?? 3;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      try {
        await this.#o.transport.send(batch.text, { silent: batch.silent });
        this.stats.messages += 1;
        this.stats.delivered += batch.count;
        return;
      } catch (e) {
        const last = attempt === attempts || this.#closed;
        this.#o.log.warn(
          {
            transport: this.#o.transport.name,
            attempt,
            notifications: batch.count,
            err: (e as Error).message,
          },
          last ? 'notification delivery failed, dropped' : 'notification delivery failed, retrying',
        );
        if (last) break;
        await this.#sleep((this.#o.retryDelayMs ?? 1_000) * attempt);
      }
    }
    this.stats.failed += batch.count;
  }

  #sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.#wake = done;
    });
  }
}
