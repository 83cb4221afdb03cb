import { AlgoError, deadLetterKey, ErrorCode } from '@algotrader/core';
import { type Codec, codecs } from '@algotrader/proto';
import {
  type ConsumerMessages,
  type JetStreamClient,
  type JetStreamManager,
  type JsMsg,
  jetstream,
  jetstreamManager,
  type PubAck,
} from '@nats-io/jetstream';
import { type KV, Kvm } from '@nats-io/kv';
import { type MsgHdrs, MsgHdrsImpl, type NatsConnection, headers as natsHeaders } from '@nats-io/nats-core';
import { connect } from '@nats-io/transport-node';
import { boundedDeadLetter, type DeadLetterInput, DL_PAYLOAD_TRUNCATED } from './dead-letter';
import {
  isPermissionError,
  isRetryablePublishError,
  isUnansweredPublish,
  PermanentError,
  publishFailureText,
  storeFullReason,
} from './errors';
import { type BusCounters, newCounters } from './metrics';
import { jetStreamViaMux, PubAckMux } from './pub-ack';
import { StorageAlerts } from './storage-alerts';
import { subjects } from './subjects';
import {
  type ConsumerSpec,
  type EnsureOptions,
  ensureConsumer,
  ensureTopology,
  type Topology,
} from './topology';

export const HDR_CONTENT_TYPE = 'Content-Type';
export const HDR_PROTO_TYPE = 'Proto-Type';
export const HDR_PRODUCER = 'Producer';
export const HDR_CORRELATION = 'Correlation-Id';
export const CONTENT_TYPE_PROTOBUF = 'application/x-protobuf';
const HDR_MSG_ID = 'Nats-Msg-Id';
/**
 * JetStream refuses a publish carrying this header unless the stream's last stored message has
 * that msg id (a duplicate is answered before the check, as a duplicate).
 */
export const HDR_EXPECTED_LAST_MSG_ID = 'Nats-Expected-Last-Msg-Id';
/** A header value nats.js would store as it is: no CR/LF (refused) and no edge whitespace (trimmed). */
const PLAIN_HEADER_VALUE = /^[^\r\n\s](?:[^\r\n]*[^\r\n\s])?$/;

/** What the bus reports; services pass their pino logger (it has these methods). */
export interface BusLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

const silentLogger: BusLogger = { info() {}, warn() {}, error() {} };

export interface BusOptions {
  servers: string | string[];
  /** Service name: the `Producer` header, the connection name and the inbox prefix. */
  service: string;
  user?: string;
  password?: string;
  /**
   * PEM file of the CA that signed the server's certificate: the connection must be TLS and the
   * server's certificate is verified against it (a stage on another host; docs/MULTI_HOST.md).
   */
  tlsCaFile?: string;
  logger?: BusLogger;
  ensure?: Partial<EnsureOptions>;
  /** Publish attempts on timeout / no responders (same Nats-Msg-Id each time). Default 8. */
  publishAttempts?: number;
  publishTimeoutMs?: number;
}

export interface PublishOptions {
  /** Deterministic business key; the server drops a repeat within the duplicate window. */
  msgId: string;
  correlationId?: string;
  headers?: Record<string, string>;
  /**
   * Stored only if the stream's last stored message has this msg id (`Nats-Expected-Last-Msg-Id`;
   * a duplicate is answered as a duplicate first): a pipelined publisher keeps its order with it.
   */
  expectLastMsgId?: string;
}

export interface MessageMeta {
  subject: string;
  streamSeq: number;
  deliveryCount: number;
  correlationId: string | undefined;
  producer: string | undefined;
  msgId: string | undefined;
  headers: MsgHdrs | undefined;
}

export interface ConsumeOptions<T> extends ConsumerSpec {
  codec: Codec<T>;
  handler: (message: T, meta: MessageMeta) => Promise<void> | void;
  /** Redelivery delays after a transient handler failure, ms, by attempt (last one repeats). */
  backoffMs?: number[];
  /** Messages pulled per request. */
  batch?: number;
}

export interface ConsumerHandle {
  readonly durable: string;
  /** Resolves when the consume loop has ended. */
  readonly done: Promise<void>;
  stop(): Promise<void>;
}

const DEFAULT_ENSURE: EnsureOptions = { duplicateWindowMs: 2 * 60 * 60 * 1000, storage: 'file', replicas: 1 };

/** The connection settings of the config (`nats.user`, `nats.password`, `nats.tlsCa`) as {@link BusOptions}. */
export function natsAuth(n: {
  user?: string | undefined;
  password?: string | undefined;
  tlsCa?: string | undefined;
}): Pick<BusOptions, 'user' | 'password' | 'tlsCaFile'> {
  return {
    ...(n.user ? { user: n.user } : {}),
    ...(n.password ? { password: n.password } : {}),
    ...(n.tlsCa ? { tlsCaFile: n.tlsCa } : {}),
  };
}

/** The typed JetStream bus every stage uses. */
export class Bus {
  readonly nc: NatsConnection;
  readonly js: JetStreamClient;
  readonly jsm: JetStreamManager;
  readonly service: string;
  readonly counters: BusCounters = newCounters();
  readonly log: BusLogger;
  readonly #ensure: EnsureOptions;
  readonly #publishAttempts: number;
  readonly #publishTimeoutMs: number;
  readonly #consumers = new Set<ConsumerHandle>();
  readonly #storageAlerts: StorageAlerts;
  /** JetStream publishes with their acks on one subscription (see {@link PubAckMux}). */
  readonly #acks: PubAckMux;
  #kvm: Kvm | undefined;
  /** The service name can go into the `Producer` header without nats.js's per-message check. */
  readonly #plainService: boolean;
  /** No NATS user, or admin: may update its durables (service users only bind to `init`'s). */
  readonly #managesConsumers: boolean;

  private constructor(nc: NatsConnection, jsm: JetStreamManager, opts: BusOptions) {
    this.nc = nc;
    this.jsm = jsm;
    this.js = jetstream(nc);
    this.service = opts.service;
    this.log = opts.logger ?? silentLogger;
    this.#ensure = { ...DEFAULT_ENSURE, ...opts.ensure };
    this.#publishAttempts = opts.publishAttempts ?? 8;
    this.#publishTimeoutMs = opts.publishTimeoutMs ?? 5_000;
    this.#storageAlerts = new StorageAlerts(this.js, this.service, this.log, this.#publishTimeoutMs);
    this.#plainService = PLAIN_HEADER_VALUE.test(this.service);
    this.#managesConsumers = opts.user === undefined || opts.user === 'admin';
    this.#acks = new PubAckMux(nc, `_INBOX_${opts.service}`);
  }

  /** Connects with unlimited reconnects and a per-service inbox prefix. */
  static async connect(opts: BusOptions): Promise<Bus> {
    // The first connect waits for the server as long as it takes; say so now and then, so a stage
    // pointed at the wrong address (or started before its server) is not silent.
    const log = opts.logger ?? silentLogger;
    const servers = serverList(opts.servers);
    const waitStarted = Date.now();
    const waiting = setInterval(() => {
      log.warn(
        { servers, service: opts.service, waitedMs: Date.now() - waitStarted },
        'still waiting for the first connection to NATS: check NATS_URL and that the server is up',
      );
    }, 10_000);
    waiting.unref();
    const nc = await connect({
      servers,
      name: opts.service,
      inboxPrefix: `_INBOX_${opts.service}`,
      maxReconnectAttempts: -1,
      reconnectTimeWait: 250,
      waitOnFirstConnect: true,
      // nats.js otherwise builds an Error (a stack capture) per request to decorate a timeout that
      // almost never comes: about a third of a publish's client CPU. A failed publish is still
      // reported with the bus's own error and stack (publishRaw), the nats.js error as its cause.
      noAsyncTraces: true,
      ...(opts.user ? { user: opts.user } : {}),
      ...(opts.password ? { pass: opts.password } : {}),
      ...(opts.tlsCaFile ? { tls: { caFile: opts.tlsCaFile } } : {}),
    }).finally(() => clearInterval(waiting));
    const jsm = await jetstreamManager(nc);
    const bus = new Bus(nc, jsm, opts);
    void (async () => {
      for await (const s of nc.status()) {
        if (s.type === 'disconnect' || s.type === 'reconnect' || s.type === 'error') {
          bus.log.warn({ status: s.type, service: opts.service }, `nats ${s.type}`);
        }
      }
    })();
    return bus;
  }

  async ensure(t: Topology): Promise<void> {
    await ensureTopology(this.js, this.jsm, t, this.#ensure);
  }

  /**
   * Ensures the topology when this identity may change it (no auth, or the admin user); a service
   * user may not (infra/nats/auth.conf: streams and buckets are the admin's, `algotrader init`),
   * so a permission refusal is logged and the topology is left as the admin made it. Returns
   * whether it was ensured. Anything missing then shows as a clear error where the service uses it.
   */
  async ensureIfAllowed(t: Topology): Promise<boolean> {
    try {
      await this.ensure(t);
      return true;
    } catch (e) {
      if (!isPermissionError(e)) throw e;
      this.log.info(
        { service: this.service, refused: (e as Error).message },
        "streams and buckets are the admin identity's (algotrader init); using them as they are",
      );
      return false;
    }
  }

  /**
   * Publishes a protobuf message with the standard headers. A timeout or lost connection is retried
   * with the same Nats-Msg-Id, so a publish whose ack was lost is not stored twice.
   */
  async publish<T>(codec: Codec<T>, subject: string, message: T, opts: PublishOptions): Promise<PubAck> {
    return this.#publish(subject, codec.encode(message), codec.typeName, opts);
  }

  /** Publishes bytes as they are (used by tests and tools to inject foreign payloads). */
  async publishRaw(subject: string, data: Uint8Array, opts: PublishOptions): Promise<PubAck> {
    return this.#publish(subject, data, undefined, opts);
  }

  /**
   * The headers of one message. The fixed ones were checked once (the service name in the
   * constructor, the type names are code); the per-message ids go in as they are when nats.js would
   * keep them unchanged, else through its checking `set` (which trims, or refuses CR/LF) as before.
   */
  #headers(protoType: string | undefined, opts: PublishOptions): MsgHdrs {
    const correlation = opts.correlationId ?? opts.msgId;
    if (
      opts.headers === undefined &&
      this.#plainService &&
      PLAIN_HEADER_VALUE.test(opts.msgId) &&
      PLAIN_HEADER_VALUE.test(correlation) &&
      (opts.expectLastMsgId === undefined || PLAIN_HEADER_VALUE.test(opts.expectLastMsgId))
    ) {
      const rec: Record<string, string[]> = {
        [HDR_CONTENT_TYPE]: [CONTENT_TYPE_PROTOBUF],
        [HDR_PRODUCER]: [this.service],
        [HDR_CORRELATION]: [correlation],
      };
      if (protoType !== undefined) rec[HDR_PROTO_TYPE] = [protoType];
      rec[HDR_MSG_ID] = [opts.msgId];
      if (opts.expectLastMsgId !== undefined) rec[HDR_EXPECTED_LAST_MSG_ID] = [opts.expectLastMsgId];
      return MsgHdrsImpl.fromRecord(rec);
    }
    const h = natsHeaders();
    h.set(HDR_CONTENT_TYPE, CONTENT_TYPE_PROTOBUF);
    h.set(HDR_PRODUCER, this.service);
    h.set(HDR_CORRELATION, correlation);
    if (opts.headers !== undefined) for (const k in opts.headers) h.set(k, opts.headers[k]!);
    if (protoType !== undefined) h.set(HDR_PROTO_TYPE, protoType);
    h.set(HDR_MSG_ID, opts.msgId);
    if (opts.expectLastMsgId !== undefined) h.set(HDR_EXPECTED_LAST_MSG_ID, opts.expectLastMsgId);
    return h;
  }

  async #publish(
    subject: string,
    data: Uint8Array,
    protoType: string | undefined,
    opts: PublishOptions,
  ): Promise<PubAck> {
    const h = this.#headers(protoType, opts);
    let lastError: unknown;
    for (let attempt = 1; attempt <= this.#publishAttempts; attempt++) {
      try {
        // Nats-Msg-Id is among the headers already, so every attempt is the same message.
        const ack = await this.#acks.publish(subject, data, h, this.#publishTimeoutMs);
        this.counters.published += 1;
        if (ack.duplicate) this.counters.publishDuplicates += 1;
        this.#storageAlerts.retryPending();
        return ack;
      } catch (e) {
        lastError = e;
        if (!isRetryablePublishError(e) || attempt === this.#publishAttempts) break;
        this.counters.publishRetries += 1;
        this.log.warn({ subject, msgId: opts.msgId, attempt, err: (e as Error).message }, 'publish retry');
        await sleep(Math.min(100 * 2 ** (attempt - 1), 3_000));
      }
    }
    this.counters.publishFailures += 1;
    if (isUnansweredPublish(lastError)) {
      this.counters.publishUnanswered += 1;
      this.#storageAlerts.raise(
        'jetstream_unanswered',
        subject,
        `${this.#publishAttempts} attempts of ${this.#publishTimeoutMs} ms`,
      );
    }
    const full = storeFullReason(lastError);
    if (full) {
      this.counters.storeFull += 1;
      this.#storageAlerts.raise('store_full', subject, full);
      throw new AlgoError(
        ErrorCode.Transport,
        `publish to ${subject} (msg id ${opts.msgId}) refused, the store is full (${full}): nothing was stored; raise the stream's max_bytes or free JetStream disk space (the caller retries)`,
        { subject, storeFull: true },
        { cause: lastError },
      );
    }
    throw new AlgoError(
      ErrorCode.Transport,
      `publish to ${subject} (msg id ${opts.msgId}) failed: ${publishFailureText(lastError, this.#publishAttempts, this.#publishTimeoutMs)}`,
      { subject },
      { cause: lastError },
    );
  }

  /**
   * Consumes a durable pull consumer: decode → handler → ack. A handler error naks with backoff; a
   * message that cannot be decoded, has no `Proto-Type` header or one of the wrong type, throws {@link PermanentError}, or fails
   * `maxDeliver` times is published to `dlq.<subject>` with the reason and termed.
   */
  async consume<T>(opts: ConsumeOptions<T>): Promise<ConsumerHandle> {
    await ensureConsumer(this.jsm, opts, this.log, this.#managesConsumers);
    const consumer = await this.js.consumers.get(opts.stream, opts.durable);
    const maxDeliver = opts.maxDeliver ?? 5;
    const backoff = opts.backoffMs ?? [250, 1_000, 5_000];
    let stopping = false;
    let messages: ConsumerMessages | undefined;
    const acks = new AckBatch(this.counters, this.log, opts.durable);
    const loop = async () => {
      while (!stopping) {
        try {
          messages = await consumer.consume({ max_messages: opts.batch ?? 256 });
          for await (const m of messages) {
            const pending = this.#handle(m, opts, maxDeliver, backoff, acks);
            if (pending !== undefined) await pending;
            if (stopping) break;
          }
        } catch (e) {
          if (stopping) break;
          this.log.warn({ durable: opts.durable, err: (e as Error).message }, 'consume loop restarting');
          await sleep(250);
        }
        // consume() ends when the consumer was deleted or the iterator was stopped.
        if (!stopping) await sleep(100);
      }
      acks.flush();
    };
    const done = loop();
    const handle: ConsumerHandle = {
      durable: opts.durable,
      done,
      stop: async () => {
        stopping = true;
        messages?.stop();
        await done;
        this.#consumers.delete(handle);
      },
    };
    this.#consumers.add(handle);
    return handle;
  }

  /**
   * Decode → handler → ack of one message. Returns a promise only when there is something to wait
   * for (an async handler, a nak or dead-letter), so a run of messages with a synchronous handler
   * goes through without a turn of the event loop each.
   */
  #handle<T>(
    m: JsMsg,
    opts: ConsumeOptions<T>,
    maxDeliver: number,
    backoff: number[],
    acks: AckBatch,
  ): Promise<void> | undefined {
    this.counters.received += 1;
    const headers = m.headers;
    const protoType = headers?.get(HDR_PROTO_TYPE);
    let decoded: T;
    try {
      // As the stage readers do (proto/README.md, "Headers"): a message must name its type.
      if (!protoType) throw new Error(`no Proto-Type header (expected ${opts.codec.typeName})`);
      if (protoType !== opts.codec.typeName) {
        throw new Error(`Proto-Type ${protoType} where ${opts.codec.typeName} was expected`);
      }
      decoded = opts.codec.decode(m.data);
    } catch (e) {
      this.counters.decodeErrors += 1;
      return this.#deadLetter(m, opts, `undecodable: ${(e as Error).message}`);
    }
    const meta = lazyMeta(m, headers);
    let result: Promise<void> | void;
    try {
      result = opts.handler(decoded, meta);
    } catch (e) {
      return this.#failed(m, opts, maxDeliver, backoff, e);
    }
    if (result !== undefined && typeof (result as Promise<void>).then === 'function') {
      return (result as Promise<void>).then(
        () => acks.add(m),
        (e: unknown) => this.#failed(m, opts, maxDeliver, backoff, e),
      );
    }
    acks.add(m);
    return undefined;
  }

  async #failed<T>(
    m: JsMsg,
    opts: ConsumeOptions<T>,
    maxDeliver: number,
    backoff: number[],
    e: unknown,
  ): Promise<void> {
    this.counters.handlerErrors += 1;
    const deliveryCount = m.info.deliveryCount;
    const reason = (e as Error)?.message ?? String(e);
    if (e instanceof PermanentError || deliveryCount >= maxDeliver) {
      await this.#deadLetter(
        m,
        opts,
        `${e instanceof PermanentError ? 'poison' : `failed ${deliveryCount} times`}: ${reason}`,
      );
      return;
    }
    const delay = backoff[Math.min(deliveryCount - 1, backoff.length - 1)] ?? 1_000;
    this.log.warn(
      { durable: opts.durable, subject: m.subject, seq: m.seq, deliveryCount, err: reason },
      'handler failed, nak',
    );
    m.nak(delay);
    this.counters.naked += 1;
  }

  async #deadLetter<T>(m: JsMsg, opts: ConsumeOptions<T>, reason: string): Promise<void> {
    const outcome = await this.deadLetter(
      {
        subject: m.subject,
        stream: opts.stream,
        streamSeq: m.seq,
        consumer: opts.durable,
        deliveries: m.info.deliveryCount,
        reason,
        payload: m.data,
        headers: m.headers,
        timeMs: Date.now(),
      },
      deadLetterKey(opts.stream, opts.durable, m.seq),
      { attempts: 2 },
    );
    if (outcome === 'failed') {
      // Could not park it: leave it for redelivery (bounded by the consumer's max_deliver).
      m.nak(1_000);
      return;
    }
    this.counters.deadLettered += 1;
    this.log.error(
      { subject: m.subject, seq: m.seq, durable: opts.durable, reason },
      'message dead-lettered',
    );
    // No reason text on term: nats-server before 2.10 ignores a `+TERM <reason>` ack. The reason is in the DLQ.
    m.term();
  }

  /**
   * Parks a refused message on `dlq.<subject>` as a bounded reference (stream, sequence, reason,
   * size, SHA-256 and a payload prefix: {@link boundedDeadLetter}), so no message is too big to be
   * dead-lettered. Tries `attempts` times, from the third on without payload and headers; returns
   * `failed` when it could not be stored at all (counted in `deadLetterFailures`): the caller
   * moves on or naks, never loops forever — the message itself stays in its stream.
   */
  async deadLetter(
    input: DeadLetterInput,
    msgId: string,
    o: { attempts?: number; stopping?: () => boolean } = {},
  ): Promise<'stored' | 'minimal' | 'failed'> {
    const attempts = o.attempts ?? 5;
    for (let a = 0; a < attempts && !o.stopping?.(); a++) {
      const minimal = a >= 2;
      const dl = boundedDeadLetter(input, { minimal });
      try {
        await this.publish(codecs.DeadLetter, subjects.deadLetter(input.subject), dl, { msgId });
        if (minimal || dl.headers?.[DL_PAYLOAD_TRUNCATED] === 'true') this.counters.deadLetterTruncated += 1;
        return minimal ? 'minimal' : 'stored';
      } catch (e) {
        this.log.error(
          { subject: input.subject, seq: input.streamSeq, attempt: a + 1, err: (e as Error).message },
          'dead-letter publish failed',
        );
        if (a + 1 < attempts) await sleep(Math.min(250 * 2 ** a, 5_000));
      }
    }
    this.counters.deadLetterFailures += 1;
    return 'failed';
  }

  /** Opens (creating if missing) a KV bucket. */
  async kv(bucket: string): Promise<KV> {
    // KV writes (account states, checkpoints, progress) through the same mux as publishes.
    this.#kvm ??= new Kvm(jetStreamViaMux(this.js, this.#acks, this.#publishTimeoutMs));
    try {
      return await this.#kvm.create(bucket);
    } catch (e) {
      if (!isPermissionError(e)) throw e;
      throw new AlgoError(
        ErrorCode.InvalidConfig,
        `KV bucket "${bucket}": ${this.service} may not open it, or it does not exist and only the admin may create it (${(e as Error).message}). Run \`algotrader init\` with the admin user (NATS_USER=admin), and check infra/nats/auth.conf grants this service the bucket`,
        { bucket },
        { cause: e },
      );
    }
  }

  /** Stops every consumer, then drains the connection (pending publishes and acks are flushed). */
  async close(): Promise<void> {
    for (const c of [...this.#consumers]) await c.stop();
    if (!this.nc.isClosed()) await this.nc.drain();
  }
}

/**
 * The servers to try, in order: `NATS_URL` may list the nodes of a cluster separated by commas
 * (`nats://a:4222,nats://b:4222`), so a stage that starts while one node is down still connects.
 */
export function serverList(servers: string | readonly string[]): string[] {
  const list = (typeof servers === 'string' ? [servers] : [...servers])
    .flatMap((s) => s.split(','))
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  if (list.length === 0)
    throw new AlgoError(ErrorCode.InvalidConfig, 'no NATS server given (NATS_URL is empty)');
  return list;
}

/**
 * The handler's metadata; what is not asked for is not parsed (the sequence and delivery count
 * come from the reply subject, the ids from the headers).
 */
function lazyMeta(m: JsMsg, headers: MsgHdrs | undefined): MessageMeta {
  return {
    subject: m.subject,
    get streamSeq() {
      return m.seq;
    },
    get deliveryCount() {
      return m.info.deliveryCount;
    },
    get correlationId() {
      return headers?.get(HDR_CORRELATION) || undefined;
    },
    get producer() {
      return headers?.get(HDR_PRODUCER) || undefined;
    },
    get msgId() {
      return headers?.get(HDR_MSG_ID) || undefined;
    },
    headers,
  };
}

/**
 * Acks of handled messages, sent together once the consume loop yields (or 256 are waiting): one
 * socket write for a run of messages instead of one per message. An ack goes out at most one turn
 * of the event loop late; a process that dies in between gets those messages again (at least
 * once, as for any crash before an ack).
 */
class AckBatch {
  #pending: JsMsg[] = [];
  #scheduled = false;
  readonly #counters: BusCounters;
  readonly #log: BusLogger;
  readonly #durable: string;
  constructor(counters: BusCounters, log: BusLogger, durable: string) {
    this.#counters = counters;
    this.#log = log;
    this.#durable = durable;
  }
  add(m: JsMsg): void {
    this.#pending.push(m);
    if (this.#pending.length >= 256) this.flush();
    else if (!this.#scheduled) {
      this.#scheduled = true;
      setImmediate(this.flush);
    }
  }
  readonly flush = (): void => {
    this.#scheduled = false;
    const batch = this.#pending;
    if (batch.length === 0) return;
    this.#pending = [];
    // Sent from a timer callback: a throw here would end the process, so it is reported instead
    // (an ack that did not go out is a redelivery after ack_wait, which the handlers tolerate).
    try {
      for (const m of batch) {
        m.ack();
        this.#counters.acked += 1;
      }
    } catch (e) {
      this.#log.warn({ durable: this.#durable, err: (e as Error).message }, 'acks not sent');
    }
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
