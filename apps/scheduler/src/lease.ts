import type { JetStreamClient } from '@nats-io/jetstream';
import { StorageType } from '@nats-io/jetstream';
import { type KV, Kvm } from '@nats-io/kv';

export const LEASE_BUCKET = 'leases';

/**
 * The record of one job occurrence in KV bucket `leases`, key `<job>.<scheduled ms>`, JSON. A
 * replica runs an occurrence only after it created the key (`kv.create` succeeds for exactly one
 * writer) or took it over with a compare-and-set on the revision it read.
 */
export interface Lease {
  job: string;
  scheduledMs: number;
  /** The replica that holds (or last held) it. */
  holder: string;
  /** 1 for the first run; takeovers and retries count up. */
  attempt: number;
  status: 'running' | 'done' | 'failed';
  acquiredMs: number;
  /** While `running`: the holder renews this; past it, the holder is presumed dead. */
  expiresMs: number;
  finishedMs?: number;
  error?: string;
  /** After a failure with attempts left: when another attempt may start. */
  retryAtMs?: number;
}

export interface StoredLease {
  lease: Lease;
  revision: number;
}

export const leaseKey = (job: string, scheduledMs: number) => `${job}.${scheduledMs}`;

/** Opens (creating if missing) the `leases` bucket; entries expire after `retentionMs`. */
export async function openLeaseBucket(
  js: JetStreamClient,
  opts: { retentionMs: number; storage?: 'file' | 'memory'; replicas?: number },
): Promise<KV> {
  return new Kvm(js).create(LEASE_BUCKET, {
    history: 1,
    ttl: opts.retentionMs,
    storage: opts.storage === 'memory' ? StorageType.Memory : StorageType.File,
    replicas: opts.replicas ?? 1,
  });
}

/** Compare-and-set access to leases; a lost race is a returned `undefined`, not an error. */
export class LeaseStore {
  readonly #kv: KV;

  constructor(kv: KV) {
    this.#kv = kv;
  }

  async get(job: string, scheduledMs: number): Promise<StoredLease | undefined> {
    const e = await this.#kv.get(leaseKey(job, scheduledMs));
    if (e?.operation !== 'PUT' || e.value.length === 0) return undefined;
    return { lease: JSON.parse(new TextDecoder().decode(e.value)) as Lease, revision: e.revision };
  }

  /** Creates the lease; undefined when the key exists (another replica was first). */
  async create(lease: Lease): Promise<number | undefined> {
    try {
      return await this.#kv.create(leaseKey(lease.job, lease.scheduledMs), encode(lease));
    } catch (e) {
      if (isCasConflict(e)) return undefined;
      throw e;
    }
  }

  /** Replaces the lease if it is still at `revision`; undefined when someone else wrote first. */
  async update(lease: Lease, revision: number): Promise<number | undefined> {
    try {
      return await this.#kv.update(leaseKey(lease.job, lease.scheduledMs), encode(lease), revision);
    } catch (e) {
      if (isCasConflict(e)) return undefined;
      throw e;
    }
  }
}

function encode(lease: Lease): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(lease));
}

function isCasConflict(e: unknown): boolean {
  const code = (e as { code?: unknown })?.code;
  // 10071 / 10164: JetStream "wrong last sequence" (the key exists or moved on).
  return (
    code === 10071 || code === 10164 || /wrong last sequence|key exists/i.test(String((e as Error)?.message))
  );
}
