import type { Bus } from '@algotrader/bus';
import { readAll } from '@algotrader/pipeline';
import type { Codec } from '@algotrader/proto';

/** Bytes as stored: for reading what a stream holds without knowing its message type. */
const RAW: Codec<Uint8Array> = {
  typeName: 'raw',
  encode: (b) => b,
  decode: (b) => b,
  toJSON: (b) => ({ bytes: b.length }),
};

/** The `Nats-Msg-Id` of every message of `filter` in `stream`, in stream order. */
export async function storedMsgIds(bus: Bus, stream: string, filter: string): Promise<string[]> {
  return (await readAll(bus, stream, filter, RAW)).map((s) => s.msgId ?? '');
}
