import { type Bus, HDR_CORRELATION, HDR_PROTO_TYPE, PermanentError } from '@algotrader/bus';
import { AlgoError, type Clock, deadLetterKey, ErrorCode, isAlgoError } from '@algotrader/core';
import type { Codec } from '@algotrader/proto';
import { type Consumer, type ConsumerMessages, DeliverPolicy, type JsMsg } from '@nats-io/jetstream';
import type { Status } from '@nats-io/nats-core';
import {
  barMaxFutureMs,
  futureBarReason,
  instrumentCheck,
  isOurs,
  type MessageBounds,
  outsideWindowReason,
} from './plausible';

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
  /**
   * The stage's pipeline (`messageBounds`): its replay window (messages outside it refused) and its
   * instruments (valid bars of others counted in `ignoredOtherPipeline`). Without it, neither.
   */
  readonly bounds?: MessageBounds;
  /**
   * With nothing delivered for this long while the reader waits, the consumer is checked; one that
   * is gone, cannot answer, or holds pending messages it does not deliver is replaced (default 5 s).
   */
  readonly stallMs?: number;
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
  #consumer: Consumer | undefined;
  #checking = false;
  readonly #stallMs: number;
  #stopping = false;
  #done: Promise<void> | undefined;
  /** In a handler (a stall check then waits: the handler is what is slow). */
  #busy = false;
  /** When the consumer last showed it works: a delivery, a handler's end, a healthy check. */
  #lastSign = 0;
  /** Set to replace the consumer: the loop ends the current one and makes a new one from lastSeq + 1. */
  #replace: string | undefined;
  #wake: (() => void) | undefined;
  /** Last stream sequence handled (or dead-lettered). */
  lastSeq = 0;
  handled = 0;
  deadLettered = 0;
  /** Dead letters that could not be stored (the reader moved on anyway). */
  deadLetterFailures = 0;
  /** Bars and bar sets refused for a close time after the clock. */
  futureRefused = 0;
  /** Messages refused for a close time outside the replay window (replay mode). */
  outsideWindowRefused = 0;
  /** Bars and feature vectors of an invalid instrument, or on another instrument's subject. */
  unknownInstruments = 0;
  /** Valid bars of instruments, venues or timeframes of other pipelines (MD is shared): handed on, ignored. */
  ignoredOtherPipeline = 0;
  readonly #maxFutureMs: number;
  retries = 0;
  /** Consumers replaced after a reconnect or a stall (a cluster node died, a leader moved). */
  consumerResets = 0;

  constructor(o: ReaderOptions) {
    this.#o = o;
    this.#byType = new Map(o.routes.map((r) => [r.codec.typeName, r]));
    this.lastSeq = o.startSeq - 1;
    this.#maxFutureMs = o.maxFutureMs ?? barMaxFutureMs();
    this.#stallMs = o.stallMs ?? 5_000;
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
    // A reconnect (to this node after a restart, or to another node of a cluster) can leave the
    // ordered consumer behind on a dead node, with the library waiting for it forever: replace it.
    const status = bus.nc.status() as AsyncIterable<Status> & { stop(): void };
    void (async () => {
      for await (const s of status) if (s.type === 'reconnect') this.#replaceConsumer('reconnected');
    })();
    while (!this.#stopping) {
      const stallCheck = setInterval(() => void this.#checkStall(), Math.max(250, this.#stallMs / 2));
      try {
        this.#replace = undefined;
        const consumer = await bus.js.consumers.get(stream, {
          filter_subjects: filter,
          deliver_policy: DeliverPolicy.StartSequence,
          opt_start_seq: Math.max(1, this.lastSeq + 1),
        });
        this.#consumer = consumer;
        this.#messages = await consumer.consume({ max_messages: 512, expires: 5_000, idle_heartbeat: 1_000 });
        this.#lastSign = Date.now();
        if (this.#stopping) break;
        for await (const m of this.#messages) {
          this.#lastSign = Date.now();
          // The ordered consumer never skips; a sequence at or below ours is a replay after a reset.
          if (m.seq <= this.lastSeq) continue;
          this.#busy = true;
          try {
            await this.#handle(m);
          } finally {
            this.#busy = false;
            this.#lastSign = Date.now();
          }
          if (this.#stopping || this.#replace) break;
        }
        if (this.#replace && !this.#stopping) {
          this.consumerResets += 1;
          bus.log.warn(
            { reader: this.#o.name, stream, fromSeq: this.lastSeq + 1, why: this.#replace },
            'stream reader replacing its consumer',
          );
          this.#messages.stop();
        }
      } catch (e) {
        if (this.#stopping) break;
        bus.log.warn({ reader: this.#o.name, err: (e as Error).message }, 'stream reader restarting');
      } finally {
        clearInterval(stallCheck);
        this.#consumer = undefined;
        this.#messages = undefined;
      }
      if (!this.#stopping) await this.#sleep(250);
    }
    status.stop();
  }

  /** Ends the current consumer's iteration; the loop makes a new consumer from `lastSeq + 1`. */
  #replaceConsumer(why: string): void {
    if (this.#replace || this.#stopping || !this.#messages) return;
    this.#replace = why;
    // Between messages the loop waits in the iterator: stopping it lets the loop see `#replace`.
    if (!this.#busy) this.#messages.stop();
  }

  async #checkStall(): Promise<void> {
    const c = this.#consumer;
    if (!c || this.#busy || this.#replace || this.#checking) return;
    if (Date.now() - this.#lastSign < this.#stallMs) return;
    this.#checking = true;
    try {
      const info = await c.info();
      if (c !== this.#consumer) return;
      // Idle is fine (nothing to read); pending messages that do not come are a stall.
      if (info.num_pending > 0 && Date.now() - this.#lastSign >= this.#stallMs) {
        this.#replaceConsumer(
          `${info.num_pending} messages pending but none delivered for ${this.#stallMs} ms`,
        );
      } else {
        this.#lastSign = Date.now();
      }
    } catch (e) {
      if (c === this.#consumer) this.#replaceConsumer(`consumer check failed: ${(e as Error).message}`);
    } finally {
      this.#checking = false;
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
      this.#o.bus.counters.futureRefused += 1;
      await this.#deadLetter(m, meta, `refused: ${future}`);
      return;
    }
    const bounds = this.#o.bounds;
    const outside = bounds?.window ? outsideWindowReason(type, message, bounds.window) : undefined;
    if (outside) {
      this.outsideWindowRefused += 1;
      this.#o.bus.counters.outsideWindowRefused += 1;
      await this.#deadLetter(m, meta, `refused: ${outside}`);
      return;
    }
    const known = instrumentCheck(type, message, m.subject);
    if (known.reason) {
      this.unknownInstruments += 1;
      this.#o.bus.counters.unknownInstruments += 1;
      await this.#deadLetter(m, meta, `refused: ${known.reason}`);
      return;
    }
    if (bounds && known.instrument && !isOurs(bounds, known.instrument, message)) {
      // Normal on a shared MD: the stage's decider ignores it as before; only counted.
      this.ignoredOtherPipeline += 1;
      this.#o.bus.counters.ignoredOtherPipeline += 1;
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
