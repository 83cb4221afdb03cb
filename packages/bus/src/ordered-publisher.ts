import { AlgoError, ErrorCode } from '@algotrader/core';
import type { Codec } from '@algotrader/proto';
import type { PubAck } from '@nats-io/jetstream';
import type { Bus } from './bus';

/** nats-server's error code for "wrong last msg ID" (JSStreamWrongLastMsgIDErrF). */
const WRONG_LAST_MSG_ID = 10070;

function isWrongLastMsgId(e: unknown): boolean {
  // The bus's error has nats.js's JetStreamApiError (code: the server's err_code) as its cause.
  for (
    let c = e as { message?: unknown; cause?: unknown; code?: unknown } | undefined, d = 0;
    c && d < 5;
    d++
  ) {
    if ((c as Error).name === 'JetStreamApiError' && c.code === WRONG_LAST_MSG_ID) return true;
    if (/wrong last msg id/i.test(String(c.message ?? ''))) return true;
    c = c.cause as typeof c;
  }
  return false;
}

interface Entry {
  readonly subject: string;
  readonly codec: Codec<unknown>;
  readonly message: unknown;
  readonly msgId: string;
  readonly onAck: ((ack: PubAck) => void) | undefined;
  /** 0 pending, 1 acked, 2 failed. */
  state: 0 | 1 | 2;
  ack: PubAck | undefined;
  error: unknown;
  done: Promise<void>;
}

/**
 * Publishes into one stream with up to `window` publishes in flight on the bus's one connection,
 * and the stream keeps them in the order given, exactly once.
 *
 * Order: every publish but the first of a run names its predecessor's msg id as the stream's
 * expected last msg id, so the server stores a message only straight after its predecessor. A
 * publish that was lost (a connection dropped, a server restarting) therefore cannot be overtaken
 * by a later one: the later ones are refused. Exactly once: every publish carries its msg id; one
 * whose ack was lost but that was stored comes back as a duplicate when sent again.
 *
 * On a refusal the publisher waits for everything in flight, then sends again, in order, from the
 * first message not acked: that one without an expectation (its predecessor is stored), the rest
 * chained again. Another writer into the same stream only costs such a round. Any other failure
 * (after the bus's own retries with the same msg id) is thrown, as an awaited publish would.
 *
 * Acks are handed to `onAck` in publish order.
 */
export class OrderedPublisher {
  readonly #bus: Bus;
  readonly #window: number;
  readonly #queue: Entry[] = [];
  /** Msg id of the last publish sent: the next one's expectation (undefined: none). */
  #last: string | undefined;
  #failed = false;
  /** Rounds of sending again after a refusal (for tests and metrics). */
  resends = 0;

  constructor(bus: Bus, opts: { window?: number } = {}) {
    this.#bus = bus;
    this.#window = Math.max(1, opts.window ?? 256);
  }

  /** Sends one publish; waits first while the window is full. */
  async publish<T>(
    codec: Codec<T>,
    subject: string,
    message: T,
    msgId: string,
    onAck?: (ack: PubAck) => void,
  ): Promise<void> {
    while (this.#failed || this.#queue.length >= this.#window) await this.#settleHead();
    const e: Entry = {
      subject,
      codec: codec as Codec<unknown>,
      message,
      msgId,
      onAck,
      state: 0,
      ack: undefined,
      error: undefined,
      done: Promise.resolve(),
    };
    this.#queue.push(e);
    this.#send(e);
  }

  /** Waits until everything sent is acked (throws what could not be published). */
  async flush(): Promise<void> {
    while (this.#queue.length > 0) await this.#settleHead();
  }

  #send(e: Entry): void {
    const expect = this.#last;
    this.#last = e.msgId;
    e.state = 0;
    e.done = this.#bus
      .publish(e.codec, e.subject, e.message, {
        msgId: e.msgId,
        ...(expect === undefined ? {} : { expectLastMsgId: expect }),
      })
      .then(
        (ack) => {
          e.state = 1;
          e.ack = ack;
        },
        (err: unknown) => {
          e.state = 2;
          e.error = err;
          this.#failed = true;
        },
      );
  }

  /** Waits for the oldest publish; hands on acks in order; after a refusal, sends again. */
  async #settleHead(): Promise<void> {
    const head = this.#queue[0];
    if (head === undefined) {
      this.#failed = false;
      return;
    }
    await head.done;
    this.#drain();
    if (!this.#failed) return;
    // Something failed: let everything in flight settle, then start again from the first not acked.
    await Promise.all(this.#queue.map((e) => e.done));
    this.#drain();
    const first = this.#queue[0];
    if (first === undefined) {
      this.#failed = false;
      return;
    }
    if (!isWrongLastMsgId(first.error)) {
      this.#queue.length = 0;
      this.#last = undefined;
      this.#failed = false;
      throw first.error instanceof Error
        ? first.error
        : new AlgoError(ErrorCode.Transport, `publish ${first.msgId} failed: ${String(first.error)}`);
    }
    this.resends += 1;
    this.#failed = false;
    this.#last = undefined;
    for (const e of this.#queue) this.#send(e);
  }

  #drain(): void {
    while (this.#queue.length > 0 && this.#queue[0]!.state === 1) {
      const e = this.#queue.shift()!;
      e.onAck?.(e.ack!);
    }
  }
}
