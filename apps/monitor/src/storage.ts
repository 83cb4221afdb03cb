import { statfs } from 'node:fs/promises';
import type { JetStreamManager } from '@nats-io/jetstream';
import type { Observation } from './alerts';

/** One stream's stored bytes and messages against its own limits (-1 = none). */
export interface StreamUsage {
  stream: string;
  bytes: number;
  maxBytes: number;
  messages: number;
  maxMsgs: number;
}

/** A store-wide figure: the account's JetStream storage, the server's store or the disk under it. */
export interface StoreUsage {
  scope: 'account' | 'server' | 'disk';
  /** What it is: the account name, the server's store directory, the path statfs was asked about. */
  name: string;
  usedBytes: number;
  /** -1 = no limit known. */
  limitBytes: number;
}

export interface StorageReport {
  /** Undefined when the stream list could not be read this time. */
  streams: StreamUsage[] | undefined;
  stores: StoreUsage[];
  /** What could not be read, one line per source (each also counted by the caller). */
  failures: string[];
}

export interface StorageSources {
  jsm: JetStreamManager;
  /**
   * nats-server's HTTP monitoring address (`http://nats:8222`): its `/jsz` gives the server's
   * store use and `max_file_store`, which `$JS.API.INFO` does not show for an account without
   * limits of its own. Optional.
   */
  natsHttpUrl?: string;
  /** A path on the volume of the JetStream store, when this process can see it (statfs). Optional. */
  storeDir?: string;
  /** ms for the HTTP read. */
  timeoutMs?: number;
}

/**
 * Reads how full JetStream storage is: every stream's bytes and messages against its max_bytes and
 * max_msgs, the account's storage against its limit (`$JS.API.INFO`), and, when configured, the
 * server's store against `max_file_store` (`/jsz`) and the free space of the store's disk. Each
 * source is read on its own: one that fails is reported in `failures` and the others still count.
 */
export async function readStorage(src: StorageSources): Promise<StorageReport> {
  const failures: string[] = [];
  const stores: StoreUsage[] = [];
  let streams: StreamUsage[] | undefined;
  try {
    const list: StreamUsage[] = [];
    for await (const s of src.jsm.streams.list()) {
      list.push(
        checkStream({
          stream: s.config.name,
          bytes: s.state.bytes,
          maxBytes: s.config.max_bytes,
          messages: s.state.messages,
          maxMsgs: s.config.max_msgs,
        }),
      );
    }
    streams = list.sort((a, b) => a.stream.localeCompare(b.stream));
  } catch (e) {
    failures.push(`stream info: ${(e as Error).message}`);
  }
  try {
    const info = await src.jsm.getAccountInfo();
    stores.push(
      checkStore({
        scope: 'account',
        name: info.domain ?? 'account',
        usedBytes: info.storage,
        limitBytes: info.limits.max_storage,
      }),
    );
  } catch (e) {
    failures.push(`account info ($JS.API.INFO): ${(e as Error).message}`);
  }
  if (src.natsHttpUrl) {
    try {
      stores.push(await readJsz(src.natsHttpUrl, src.timeoutMs ?? 5_000));
    } catch (e) {
      failures.push(`server store (${src.natsHttpUrl}/jsz): ${(e as Error).message}`);
    }
  }
  if (src.storeDir) {
    try {
      const fs = await statfs(src.storeDir);
      const total = fs.blocks * fs.bsize;
      const free = fs.bavail * fs.bsize;
      if (!(total > 0)) throw new Error(`statfs reports ${fs.blocks} blocks`);
      stores.push({ scope: 'disk', name: src.storeDir, usedBytes: total - free, limitBytes: total });
    } catch (e) {
      failures.push(`disk of ${src.storeDir}: ${(e as Error).message}`);
    }
  }
  return { streams, stores, failures };
}

function count(what: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new Error(`${what} is not a number: ${String(v)}`);
  return v;
}

function checkStream(s: StreamUsage): StreamUsage {
  for (const [k, v] of Object.entries(s)) if (k !== 'stream') count(`stream ${s.stream} ${k}`, v);
  return s;
}

function checkStore(s: StoreUsage): StoreUsage {
  count(`${s.scope} used`, s.usedBytes);
  count(`${s.scope} limit`, s.limitBytes);
  return s;
}

async function readJsz(base: string, timeoutMs: number): Promise<StoreUsage> {
  const url = `${base.replace(/\/+$/, '')}/jsz`;
  const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  const body = (await res.json()) as {
    storage?: unknown;
    config?: { max_storage?: unknown; store_dir?: unknown };
  };
  return checkStore({
    scope: 'server',
    name: typeof body.config?.store_dir === 'string' ? body.config.store_dir : 'server',
    usedBytes: body.storage as number,
    limitBytes: body.config?.max_storage as number,
  });
}

/** Used / limit, or undefined without a limit. */
export function usedRatio(used: number, limit: number): number | undefined {
  return limit > 0 ? used / limit : undefined;
}

export interface StorageLimits {
  /** A usage at or above this fraction of its limit raises `store_nearly_full`. */
  storageWarnRatio: number;
  /** The alert clears (and re-arms) only once usage is below this fraction. */
  storageRearmRatio: number;
}

const mib = (n: number) => `${(n / 1_048_576).toFixed(1)} MiB`;
const pct = (r: number) => (r * 100).toFixed(1);

/**
 * The `store_nearly_full` rule: one observation per stream with a limit and per store-wide figure
 * with a known limit. Pure.
 */
export function storageObservations(r: StorageReport, limits: StorageLimits): Observation[] {
  const out: Observation[] = [];
  const state = (ratio: number) =>
    ratio >= limits.storageWarnRatio ? true : ratio < limits.storageRearmRatio ? false : undefined;
  for (const s of r.streams ?? []) {
    const byBytes = usedRatio(s.bytes, s.maxBytes);
    const byMsgs = usedRatio(s.messages, s.maxMsgs);
    if (byBytes === undefined && byMsgs === undefined) continue;
    const bytesFirst = (byBytes ?? -1) >= (byMsgs ?? -1);
    const ratio = (bytesFirst ? byBytes : byMsgs) ?? 0;
    const used = bytesFirst ? mib(s.bytes) : `${s.messages} messages`;
    const limit = bytesFirst ? mib(s.maxBytes) : `${s.maxMsgs} messages (max_msgs)`;
    const todo = bytesFirst
      ? `raise its max_bytes (NATS_STREAM_MAX_BYTES=${s.stream}:<size>, then algotrader init), shorten its max_age, or purge what is not needed`
      : 'raise its max_msgs or purge what is not needed';
    out.push({
      key: `store_nearly_full:stream:${s.stream}`,
      code: 'store_nearly_full',
      severity: 'warning',
      active: state(ratio),
      message:
        ratio >= limits.storageWarnRatio
          ? `stream ${s.stream} is ${pct(ratio)}% full: ${used} of ${limit}; ${s.stream === 'OPS' ? 'it drops its oldest alerts at the limit' : 'at the limit it refuses new messages and the pipeline stops'}. Act now: ${todo}`
          : `stream ${s.stream} back to ${pct(ratio)}% of its limit (${used} of ${limit})`,
      labels: {
        scope: 'stream',
        stream: s.stream,
        used: String(bytesFirst ? s.bytes : s.messages),
        limit: String(bytesFirst ? s.maxBytes : s.maxMsgs),
        unit: bytesFirst ? 'bytes' : 'messages',
        percent: pct(ratio),
      },
    });
  }
  for (const s of r.stores) {
    const ratio = usedRatio(s.usedBytes, s.limitBytes);
    if (ratio === undefined) continue;
    const what =
      s.scope === 'disk'
        ? `the disk of the JetStream store (${s.name})`
        : s.scope === 'server'
          ? `the server's JetStream store (max_file_store, ${s.name})`
          : `the account's JetStream storage (${s.name})`;
    const todo =
      s.scope === 'disk'
        ? 'free disk space or grow the volume now: a full disk wedges nats-server until it is restarted'
        : s.scope === 'server'
          ? 'raise max_file_store in infra/nats/nats.conf (below the free disk space) and restart nats, or free space: purge or delete streams you do not need, lower a max_age or NATS_STREAM_MAX_BYTES'
          : "raise the account's max_file_store limit, or free space: purge streams you do not need, lower a max_age";
    out.push({
      key: `store_nearly_full:${s.scope}`,
      code: 'store_nearly_full',
      severity: 'warning',
      active: state(ratio),
      message:
        ratio >= limits.storageWarnRatio
          ? `${what} is ${pct(ratio)}% full: ${mib(s.usedBytes)} of ${mib(s.limitBytes)}; at the limit every stream, OPS and its alerts included, refuses new messages. Act now: ${todo}`
          : `${what} back to ${pct(ratio)}% (${mib(s.usedBytes)} of ${mib(s.limitBytes)})`,
      labels: {
        scope: s.scope,
        name: s.name,
        used: String(s.usedBytes),
        limit: String(s.limitBytes),
        unit: 'bytes',
        percent: pct(ratio),
      },
    });
  }
  return out;
}
