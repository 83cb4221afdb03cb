import type { EventKind } from './settings';
import { coalescedMessage, type Message } from './templates';

/** A message on its way out, after its level was applied. */
export interface Notification {
  readonly kind: EventKind;
  /** Events with the same key inside one window are coalesced. */
  readonly key: string;
  readonly message: Message;
  readonly silent: boolean;
}

interface Window {
  first: Notification;
  last: Notification;
  count: number;
  endsAt: number;
}

/** Beyond this many open windows, new keys pass through uncoalesced rather than grow memory. */
const MAX_WINDOWS = 10_000;

/**
 * Turns a storm into at most two messages per key and window: the first event goes out at once (a
 * human learns of trouble without delay); the others are counted, and when the window closes one
 * "N×" message with the latest event follows.
 */
export class Coalescer {
  readonly #windowMs: number;
  readonly #now: () => number;
  readonly #windows = new Map<string, Window>();
  /** Events absorbed into a later "N×" message instead of being sent one by one. */
  suppressed = 0;

  constructor(windowMs: number, now: () => number) {
    this.#windowMs = windowMs;
    this.#now = now;
  }

  /** Returns the notification to send now, or undefined when it joined an open window. */
  offer(n: Notification): Notification | undefined {
    if (this.#windowMs <= 0) return n;
    const now = this.#now();
    const w = this.#windows.get(n.key);
    if (w && now < w.endsAt) {
      w.count += 1;
      w.last = n;
      this.suppressed += 1;
      return undefined;
    }
    if (this.#windows.size < MAX_WINDOWS) {
      this.#windows.set(n.key, { first: n, last: n, count: 1, endsAt: now + this.#windowMs });
    }
    return n;
  }

  /** Closes the windows that have ended; one "N×" notification for each that absorbed events. */
  due(): Notification[] {
    return this.#close((w) => this.#now() >= w.endsAt);
  }

  /** Closes every window (at shutdown). */
  flushAll(): Notification[] {
    return this.#close(() => true);
  }

  get openWindows(): number {
    return this.#windows.size;
  }

  #close(ended: (w: Window) => boolean): Notification[] {
    const out: Notification[] = [];
    for (const [key, w] of this.#windows) {
      if (!ended(w)) continue;
      this.#windows.delete(key);
      if (w.count > 1) {
        out.push({
          kind: w.first.kind,
          key,
          silent: w.first.silent && w.last.silent,
          message: coalescedMessage(w.first.message, w.last.message, w.count, this.#windowMs),
        });
      }
    }
    return out;
  }
}
