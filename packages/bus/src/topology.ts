import { AlgoError, ErrorCode } from '@algotrader/core';
import type {
  ConsumerConfig,
  JetStreamClient,
  JetStreamManager,
  StreamConfig,
  StreamInfo,
} from '@nats-io/jetstream';
import { AckPolicy, DeliverPolicy, DiscardPolicy, RetentionPolicy, StorageType } from '@nats-io/jetstream';
import { Kvm } from '@nats-io/kv';
import { isPermissionError, isUnansweredPublish, unansweredText } from './errors';

const NS_PER_MS = 1_000_000;

export interface StreamSpec {
  name: string;
  subjects: string[];
  /** How long messages are kept, ms (0 = forever). */
  maxAgeMs: number;
  maxBytes?: number;
  /**
   * What the stream does at a limit (`maxBytes`, or the server's store full): `new` refuses the
   * publish (the publisher gets an error, retries, alerts; nothing stored is lost), `old` drops
   * the oldest message to make room. Default `new`. Age limits (`maxAgeMs`) expire old messages
   * either way.
   */
  discard?: 'old' | 'new';
  /** At most this many consumers (default: {@link STREAM_MAX_CONSUMERS}, else no limit). */
  maxConsumers?: number;
  /** Work-queue streams delete a message once a consumer acks it. */
  workQueue?: boolean;
}

export interface ConsumerSpec {
  stream: string;
  durable: string;
  filterSubjects?: string[];
  /** How long the server waits for an ack before redelivering, ms. */
  ackWaitMs?: number;
  /** Delivery attempts before the bus dead-letters the message itself (server max is this + 1). */
  maxDeliver?: number;
  maxAckPending?: number;
  deliverPolicy?: 'all' | 'new';
}

export interface KvSpec {
  bucket: string;
  history?: number;
  /** Entries expire after this long, ms (none when unset). */
  ttlMs?: number;
}

export interface Topology {
  streams: StreamSpec[];
  consumers?: ConsumerSpec[];
  kv?: KvSpec[];
}

const DAY = 24 * 60 * 60 * 1000;

/** The system's streams and KV buckets, declared as code (see ARCHITECTURE: subjects and streams). */
export const SYSTEM_TOPOLOGY: Topology = {
  streams: [
    // The pipeline's streams refuse new messages when full (discard new): dropping the oldest
    // would lose bars, vectors, signals, orders or fills a lagging stage has not read yet, silently.
    // The publisher gets a "store full" error, counts it, alerts, and retries until space returns.
    { name: 'MD', subjects: ['md.>'], maxAgeMs: 0, discard: 'new' },
    { name: 'FEATURES', subjects: ['feat.>'], maxAgeMs: 7 * DAY, discard: 'new' },
    { name: 'SIGNALS', subjects: ['sig.>'], maxAgeMs: 90 * DAY, discard: 'new' },
    { name: 'ORDERS', subjects: ['ord.>'], maxAgeMs: 365 * DAY, discard: 'new' },
    { name: 'EXEC', subjects: ['exec.>'], maxAgeMs: 365 * DAY, discard: 'new' },
    // Heartbeats and alerts: telemetry whose newest messages matter most (and the channel that
    // reports a full store), so a full OPS drops its oldest instead of refusing the newest.
    { name: 'OPS', subjects: ['ops.>'], maxAgeMs: 30 * DAY, discard: 'old' },
    // A dead letter is a reference to a message kept in its own stream; refusing it when full is
    // counted (deadLetterFailures) and logged with that stream and sequence, never a silent drop.
    { name: 'DLQ', subjects: ['dlq.>'], maxAgeMs: 30 * DAY, discard: 'new' },
  ],
  kv: [
    { bucket: 'positions' },
    { bucket: 'orders', history: 5 },
    { bucket: 'control', history: 10 },
    { bucket: 'checkpoints' },
    // The scheduler's job leases (apps/scheduler lease.ts); TTL: its default lease retention.
    { bucket: 'leases', ttlMs: 8 * DAY },
  ],
};

/**
 * At most this many consumers per stream (`max_consumers`), so a user allowed to read a stream
 * cannot exhaust the server with consumers (each reader's ordered consumers, the durables, the
 * operator's tools and stale consumers of killed processes until they expire all count). Generous:
 * a stream that reaches it refuses a new reader ("maximum consumers limit reached").
 * nats-server 2.9 cannot change it on an existing stream (docs/SECURITY.md).
 */
export const STREAM_MAX_CONSUMERS: Readonly<Record<string, number>> = {
  // An ordered consumer nats.js creates lives on for 5 minutes after its reader goes (its
  // inactive threshold), and a reader makes a new one on every restart, reconnect or one-off read
  // (`algotrader status`, a Telegram command): the caps leave room for bursts of those.
  MD: 512,
  FEATURES: 256,
  SIGNALS: 256,
  ORDERS: 256,
  EXEC: 256,
  OPS: 256,
  DLQ: 128,
  RESEARCH: 256,
};

export interface EnsureOptions {
  duplicateWindowMs: number;
  storage: 'file' | 'memory';
  replicas: number;
  /**
   * Operator-set limits by stream name (config `nats.streamMaxBytes` / `nats.streamMaxAgeMs`,
   * `NATS_STREAM_MAX_BYTES` / `NATS_STREAM_MAX_AGE`). The rule, for max_bytes and max_age alike:
   * a configured value is applied, to a new stream and to an existing one; an unconfigured one is
   * the declared default ({@link StreamSpec}) when the stream is created, and afterwards whatever
   * the server has — so a limit raised or lowered on the server (`nats stream edit`) survives
   * `algotrader init` and every stage's start.
   */
  streamLimits?: Readonly<Record<string, StreamLimits>>;
}

export interface StreamLimits {
  /** Bytes, -1 = unlimited. */
  maxBytes?: number;
  /** ms, 0 = forever. */
  maxAgeMs?: number;
}

/** The {@link EnsureOptions} of the `nats` section of the config. */
export function ensureOptions(n: {
  duplicateWindowMs: number;
  storage: 'file' | 'memory';
  replicas: number;
  streamMaxBytes?: Readonly<Record<string, number>>;
  streamMaxAgeMs?: Readonly<Record<string, number>>;
}): EnsureOptions {
  const limits: Record<string, StreamLimits> = {};
  for (const [name, maxBytes] of Object.entries(n.streamMaxBytes ?? {})) limits[name] = { maxBytes };
  for (const [name, maxAgeMs] of Object.entries(n.streamMaxAgeMs ?? {}))
    limits[name] = { ...limits[name], maxAgeMs };
  return {
    duplicateWindowMs: n.duplicateWindowMs,
    storage: n.storage,
    replicas: n.replicas,
    streamLimits: limits,
  };
}

/**
 * Throws when a configured limit names a stream `t` does not declare (a typo would otherwise be
 * ignored). Only for the complete topology (`algotrader init`): a stage ensures a part of it.
 */
export function checkStreamLimits(t: Topology, o: Pick<EnsureOptions, 'streamLimits'>): void {
  const known = new Set(t.streams.map((s) => s.name));
  const unknown = Object.keys(o.streamLimits ?? {}).filter((n) => !known.has(n));
  if (unknown.length > 0) {
    throw new AlgoError(
      ErrorCode.InvalidConfig,
      `stream limits (NATS_STREAM_MAX_BYTES / NATS_STREAM_MAX_AGE) name unknown stream(s) ${unknown.join(', ')}; the streams are ${[...known].join(', ')}`,
    );
  }
}

/** max_age in ms as the server holds it (ns). */
function serverAgeMs(maxAgeNs: number): number {
  return Math.round(maxAgeNs / NS_PER_MS);
}

function streamConfig(
  s: StreamSpec,
  o: EnsureOptions,
  current?: { max_bytes: number; max_age: number },
): Partial<StreamConfig> & { name: string } {
  const set = o.streamLimits?.[s.name];
  const maxAgeMs = set?.maxAgeMs ?? (current ? serverAgeMs(current.max_age) : s.maxAgeMs);
  const maxBytes = set?.maxBytes ?? current?.max_bytes ?? s.maxBytes ?? -1;
  return {
    name: s.name,
    subjects: s.subjects,
    retention: s.workQueue ? RetentionPolicy.Workqueue : RetentionPolicy.Limits,
    storage: o.storage === 'memory' ? StorageType.Memory : StorageType.File,
    num_replicas: o.replicas,
    max_age: maxAgeMs * NS_PER_MS,
    max_bytes: maxBytes,
    max_consumers: s.maxConsumers ?? STREAM_MAX_CONSUMERS[s.name] ?? -1,
    discard: s.discard === 'old' ? DiscardPolicy.Old : DiscardPolicy.New,
    // The duplicate window must not exceed max_age when one is set.
    duplicate_window:
      (maxAgeMs > 0 ? Math.min(o.duplicateWindowMs, maxAgeMs) : o.duplicateWindowMs) * NS_PER_MS,
  };
}

/** Whether a stream as the server has it already has every setting of `cfg`. */
function sameStream(have: StreamConfig, cfg: Partial<StreamConfig>): boolean {
  const subjects = (x: readonly string[] | undefined) => [...(x ?? [])].sort().join(',');
  return (
    subjects(have.subjects) === subjects(cfg.subjects) &&
    have.retention === cfg.retention &&
    have.storage === cfg.storage &&
    have.num_replicas === cfg.num_replicas &&
    have.max_age === cfg.max_age &&
    have.max_bytes === cfg.max_bytes &&
    have.max_consumers === cfg.max_consumers &&
    have.discard === cfg.discard &&
    have.duplicate_window === cfg.duplicate_window
  );
}

/**
 * Creates what is missing and updates what differs; safe to call at every start. Stream limits
 * follow {@link EnsureOptions.streamLimits}: configured ones are applied, others are left as the
 * server has them.
 */
export async function ensureTopology(
  js: JetStreamClient,
  jsm: JetStreamManager,
  t: Topology,
  o: EnsureOptions,
): Promise<void> {
  try {
    await ensureAll(js, jsm, t, o);
  } catch (e) {
    if (!isUnansweredPublish(e)) throw e;
    throw new AlgoError(
      ErrorCode.Transport,
      `ensuring the streams and buckets failed: ${unansweredText('a JetStream API request timed out')}`,
      {},
      { cause: e },
    );
  }
}

async function ensureAll(
  js: JetStreamClient,
  jsm: JetStreamManager,
  t: Topology,
  o: EnsureOptions,
): Promise<void> {
  for (const s of t.streams) {
    let current: StreamInfo | undefined;
    try {
      current = await jsm.streams.info(s.name);
    } catch (e) {
      if (!isNotFound(e)) throw e;
    }
    if (!current) {
      await jsm.streams.add(streamConfig(s, o));
      continue;
    }
    const cfg = streamConfig(s, o, current.config);
    // Only what differs is updated: every stage ensures the topology at start, and `up` starts them
    // all at once — eight identical updates of each stream at the same moment would be needless
    // JetStream API load (and nats-server 2.9 has had crashes in concurrent stream updates).
    if (sameStream(current.config, cfg)) continue;
    try {
      await jsm.streams.update(s.name, cfg);
    } catch (e) {
      // Servers before 2.10 refuse to change max_consumers: the stream keeps the one it has.
      if (!/can not change MaxConsumers/i.test(String((e as Error)?.message))) throw e;
      const kept: typeof cfg = { ...cfg, max_consumers: current.config.max_consumers };
      await jsm.streams.update(s.name, kept);
    }
  }
  for (const c of t.consumers ?? []) await ensureConsumer(jsm, c);
  if (t.kv?.length) {
    const kvm = new Kvm(js);
    for (const k of t.kv) {
      await kvm.create(k.bucket, {
        history: k.history ?? 1,
        ...(k.ttlMs ? { ttl: k.ttlMs } : {}),
        storage: o.storage === 'memory' ? StorageType.Memory : StorageType.File,
        replicas: o.replicas,
      });
    }
  }
}

/**
 * Creates the durable when it is missing and updates it when its settings differ. A service user
 * may not (the admin's `algotrader init` creates the durables, docs/SECURITY.md): it binds to the
 * durable as it is — a missing one is an error naming `algotrader init`, a different filter too (it
 * would read other messages); other differing settings are used as they are, with a warning.
 */
export async function ensureConsumer(
  jsm: JetStreamManager,
  c: ConsumerSpec,
  log?: { warn(obj: object, msg?: string): void },
  /**
   * This identity may update durables (no auth, or admin). It then updates an existing durable
   * even when its settings are the same, as it always did: on nats-server 2.9 the update lets a
   * consumer restarted after a kill -9 be served at once, where without it the restarted reader
   * got nothing for minutes (test/replay.integration.test.ts, the SIGKILL case).
   */
  refresh = false,
): Promise<void> {
  const maxDeliver = c.maxDeliver ?? 5;
  const cfg = {
    durable_name: c.durable,
    ack_policy: AckPolicy.Explicit,
    ack_wait: (c.ackWaitMs ?? 30_000) * NS_PER_MS,
    // One more than the bus's own limit: the bus dead-letters and terms on the last attempt itself.
    max_deliver: maxDeliver + 1,
    max_ack_pending: c.maxAckPending ?? 1000,
    deliver_policy: c.deliverPolicy === 'new' ? DeliverPolicy.New : DeliverPolicy.All,
    // A single filter uses filter_subject, which servers before 2.10 (Debian 12 ships 2.9) understand.
    ...(c.filterSubjects?.length === 1 ? { filter_subject: c.filterSubjects[0] } : {}),
    ...(c.filterSubjects && c.filterSubjects.length > 1 ? { filter_subjects: c.filterSubjects } : {}),
  };
  let existing: ConsumerConfig | undefined;
  try {
    existing = (await jsm.consumers.info(c.stream, c.durable)).config;
  } catch (e) {
    if (!isNotFound(e)) throw e;
  }
  if (!existing) {
    try {
      await jsm.consumers.add(c.stream, cfg);
    } catch (e) {
      if (!isPermissionError(e)) throw e;
      throw new AlgoError(
        ErrorCode.InvalidConfig,
        `durable consumer ${c.durable} on stream ${c.stream} does not exist, and this NATS user may not create it: ` +
          'durables are created by the admin identity — run `algotrader init` as NATS_USER=admin (docs/SECURITY.md)',
        { stream: c.stream, durable: c.durable, refused: (e as Error).message },
      );
    }
    return;
  }
  const filters = (x: { filter_subject?: string; filter_subjects?: string[] }) =>
    [...(x.filter_subjects ?? []), ...(x.filter_subject ? [x.filter_subject] : [])].sort().join(',');
  const same =
    existing.ack_wait === cfg.ack_wait &&
    existing.max_deliver === cfg.max_deliver &&
    existing.max_ack_pending === cfg.max_ack_pending &&
    filters(existing) === filters(cfg);
  if (same && !refresh) return;
  try {
    await jsm.consumers.update(c.stream, c.durable, cfg);
  } catch (e) {
    if (!isPermissionError(e)) throw e;
    if (filters(existing) !== filters(cfg))
      throw new AlgoError(
        ErrorCode.InvalidConfig,
        `durable consumer ${c.durable} on stream ${c.stream} filters ${filters(existing) || '(everything)'}, ` +
          `this service needs ${filters(cfg) || '(everything)'}, and this NATS user may not change it: ` +
          'run `algotrader init` as NATS_USER=admin with the same configuration (docs/SECURITY.md)',
        { stream: c.stream, durable: c.durable, refused: (e as Error).message },
      );
    log?.warn(
      { stream: c.stream, durable: c.durable, refused: (e as Error).message },
      "durable consumer settings differ from this service's; durables are the admin identity's (algotrader init), using it as it is",
    );
  }
}

function isNotFound(e: unknown): boolean {
  const msg = String((e as Error)?.message ?? e);
  return /not found/i.test(msg) || (e as { code?: unknown })?.code === 404;
}
