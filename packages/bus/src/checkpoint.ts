import type { KV } from '@nats-io/kv';
import { Packr } from 'msgpackr';

const packr = new Packr({ useRecords: false, moreTypes: true });

/** Service state in the `checkpoints` KV bucket, msgpack-encoded. */
export async function saveCheckpoint(kv: KV, key: string, state: unknown): Promise<number> {
  return kv.put(key, packr.pack(state));
}

export async function loadCheckpoint<T>(kv: KV, key: string): Promise<T | undefined> {
  const e = await kv.get(key);
  if (e?.operation !== 'PUT' || e.value.length === 0) return undefined;
  return packr.unpack(e.value) as T;
}
