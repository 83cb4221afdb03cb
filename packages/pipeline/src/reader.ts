import { type Bus, HDR_CORRELATION, HDR_PROTO_TYPE, PermanentError } from '@algotrader/bus';
import { AlgoError, type Clock, deadLetterKey, ErrorCode, isAlgoError } from '@algotrader/core';
import type { Codec } from '@algotrader/proto';
import { type ConsumerMessages, DeliverPolicy, type JsMsg } from '@nats-io/jetstream';
import { barMaxFutureMs, futureBarReason } from './plausible';

/** What a handler learns about the message besides its body. */
export interface ReadMeta {
  readonly subject: string;
  /** Stream sequence: a stage stores the last one it fully processed in its checkpoint. */
  readonly seq: number;
  readonly correlationId: string | undefined;
  readonly msgId: string | undefined;
}

/** One message type a reader accepts, with its handler. */
export interface Route<T> {
  readonly codec: Codec<T>;
  readonly handle: (message: T, meta: ReadMeta) => Promise<void> | void;
}

export function route<T>(codec: Codec<T>, handle: Route<T>['handle']): Route<unknown> {
  return { codec, handle } as unknown as Route<unknown>;
}

export interface ReaderOptions {
  readonly bus: Bus;
  /** Name in logs and dead letters (the stage). */
  readonly name: string;
  readonly stream: string;
  /** One subject filter (nats-server 2.9 takes a single filter). */
  readonly filter: string;
  /** First stream sequence to deliver: the checkpoint's sequence + 1 (1 from the start). */
  readonly startSeq: number;
  readonly routes: readonly Route<unknown>[];
  /** Backoff between attempts of a failing handler, ms (the last one repeats). */
  readonly retryMs?: readonly number[];
  /** Called when a message was dead-lettered (the stage raises an alert). */
  readonly onDeadLetter?: (reason: string, meta: ReadMeta) => void;
  /** The clock bar times are checked against (default: the wall clock). */
  readonly clock?: Clock;
  /** A bar or bar set closing later than clock + this is refused (default: ALGOTRADER_BAR_MAX_FUTURE_MS or 5 min). */
  readonly maxFutureMs?: number;
}

/** Errors that say the message itself is bad: retrying cannot help. */
const BAD_INPUT: ReadonlySet<string> = new Set([
  ErrorCode.InvalidBar,
  ErrorCode.InvalidData,
  ErrorCode.InvalidInstrument,
  ErrorCode.InvalidTimeframe,
  ErrorCode.Decode,
]);

export function isBadInput(e: unknown): boolean {
  return e instanceof PermanentError || (isAlgoError(e) && BAD_INPUT.has(e.code));
}

/**
 * Reads a stream in strict stream order from a sequence the stage keeps in its own checkpoint,
 * through a JetStream ordered consumer (ephemeral, no acks, recreated from the last sequence seen
 * after a disconnect or a server restart).
 *
 * Why not a durable consumer with acks: after a crash, unacked messages are redelivered only when
 * their ack wait expires, after newer ones — bars and markers would be seen out of order. Here
 * the position is saved atomically with the state it produced, so a restart resumes exactly after
 * the state it restores, and a message is handled again only if its effects were not saved
 * (its publishes carry deterministic ids, so the server drops the repeats).
 *
 * A handler failure is retried in place (order is never broken); a message that cannot be decoded,
 * has no route, or is refused as bad input goes to `dlq.<subject>` and the reader moves on.
 */
export class StreamReader {
  readonly #o: ReaderOptions;
  readonly #byType: Map<string, Route<unknown>>;
  #messages: ConsumerMessages | undefined;
  #stopping = false;
  #done: Promise<void> | undefined;
  #wake: (() => void) | undefined;
  /** Last stream sequence handled (or dead-lettered). */
  lastSeq = 0;
  handled = 0;
  deadLettered = 0;
  /** Dead letters that could not be stored (the reader moved on anyway). */
  deadLetterFailures = 0;
  /** Bars and bar sets refused for a close time after the clock. */
  futureRefused = 0;
  readonly #maxFutureMs: number;
  retries = 0;

  constructor(o: ReaderOptions) {
    this.#o = o;
    this.#byType = new Map(o.routes.map((r) => [r.codec.typeName, r]));
    this.lastSeq = o.startSeq - 1;
    this.#maxFutureMs = o.maxFutureMs ?? barMaxFutureMs();
  }

  start(): void {
    this.#done ??= this.#loop();
  }

  async stop(): Promise<void> {
    this.#stopping = true;
    this.#wake?.();
    try {
      await this.#messages?.close();
    } catch {
      // closing a consumer on a dead connection fails; the loop ends anyway
    }
    await this.#done;
  }

  async #loop(): Promise<void> {
    const { bus, stream, filter } = this.#o;
    while (!this.#stopping) {
      try {
        const consumer = await bus.js.consumers.get(stream, {
          filter_subjects: filter,
          deliver_policy: DeliverPolicy.StartSequence,
          opt_start_seq: Math.max(1, this.lastSeq + 1),
        });
        this.#messages = await consumer.consume({ max_messages: 512, expires: 5_000, idle_heartbeat: 1_000 });
        if (this.#stopping) break;
        for await (const m of this.#messages) {
          // The ordered consumer never skips; a sequence at or below ours is a replay after a reset.
          if (m.seq <= this.lastSeq) continue;
          await this.#handle(m);
          if (this.#stopping) break;
        }
      } catch (e) {
        if (this.#stopping) break;
        bus.log.warn({ reader: this.#o.name, err: (e as Error).message }, 'stream reader restarting');
      }
      if (!this.#stopping) await this.#sleep(250);
    }
  }

  async #handle(m: JsMsg): Promise<void> {
    const meta: ReadMeta = {
      subject: m.subject,
      seq: m.seq,
      correlationId: m.headers?.get(HDR_CORRELATION) || undefined,
      msgId: m.headers?.get('Nats-Msg-Id') || undefined,
    };
    const type = m.headers?.get(HDR_PROTO_TYPE) ?? '';
    const r = this.#byType.get(type);
    if (!r) {
      await this.#deadLetter(m, meta, `no handler for Proto-Type "${type}" on ${m.subject}`);
      return;
    }
    let message: unknown;
    try {
      message = r.codec.decode(m.data);
    } catch (e) {
      await this.#deadLetter(m, meta, `undecodable ${type}: ${(e as Error).message}`);
      return;
    }
    // Before it touches any state: market data from the future is refused, not kept as the latest.
    const future = futureBarReason(type, message, this.#o.clock?.now() ?? Date.now(), this.#maxFutureMs);
    if (future) {
      this.futureRefused += 1;
      await this.#deadLetter(m, meta, `refused: ${future}`);
      return;
    }
    const retry = this.#o.retryMs ?? [100, 250, 1_000, 2_000, 5_000];
    for (let attempt = 0; ; attempt++) {
      try {
        await r.handle(message, meta);
        this.handled += 1;
        this.lastSeq = m.seq;
        return;
      } catch (e) {
        if (isBadInput(e)) {
          await this.#deadLetter(m, meta, `refused: ${(e as Error).message}`);
          return;
        }
        if (this.#stopping) throw new AlgoError(ErrorCode.Internal, 'stopping');
        this.retries += 1;
        this.#o.bus.log.warn(
          { reader: this.#o.name, subject: m.subject, seq: m.seq, attempt, err: (e as Error).message },
          'handler failed; retrying in place',
        );
        await this.#sleep(retry[Math.min(attempt, retry.length - 1)]!);
        if (this.#stopping) throw new AlgoError(ErrorCode.Internal, 'stopping');
      }
    }
  }

  async #deadLetter(m: JsMsg, meta: ReadMeta, reason: string): Promise<void> {
    // Bounded: a reference with a payload prefix (never too big to publish), a few attempts, then
    // the reader moves on whatever happened — the message itself stays in its stream.
    const outcome = await this.#o.bus.deadLetter(
      {
        subject: m.subject,
        stream: this.#o.stream,
        streamSeq: m.seq,
        consumer: this.#o.name,
        deliveries: 1,
        reason,
        payload: m.data,
        headers: m.headers,
        timeMs: Date.now(),
      },
      deadLetterKey(this.#o.stream, this.#o.name, m.seq),
      { stopping: () => this.#stopping },
    );
    if (this.#stopping && outcome === 'failed') throw new AlgoError(ErrorCode.Internal, 'stopping');
    this.deadLettered += 1;
    if (outcome === 'failed') this.deadLetterFailures += 1;
    this.lastSeq = m.seq;
    const told =
      outcome === 'failed'
        ? `${reason} (dead letter NOT stored; the message stays in ${this.#o.stream} at sequence ${m.seq})`
        : reason;
    this.#o.bus.log.error(
      { reader: this.#o.name, subject: m.subject, seq: m.seq, bytes: m.data.length, reason: told },
      'dead-lettered',
    );
    this.#o.onDeadLetter?.(told, meta);
  }

  #sleep(ms: number): Promise<void> {
    return new Promise((r) => {
      const t = setTimeout(() => {
        this.#wake = undefined;
        r();
      }, ms);
      this.#wake = () => {
        clearTimeout(t);
        this.#wake = undefined;
        r();
      };
    });
  }
}
