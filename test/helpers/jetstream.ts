import type { Bus } from '@algotrader/bus';
import type { Codec } from '@algotrader/proto';
import { DeliverPolicy } from '@nats-io/jetstream';

/**
 * Every message on `subject` in `stream`, decoded, in stream order: read with an ordered consumer
 * straight from JetStream, not through the bus under test.
 */
export async function readStream<T>(
  bus: Bus,
  stream: string,
  subject: string,
  codec: Codec<T>,
): Promise<T[]> {
  const info = await bus.jsm.streams.info(stream, { subjects_filter: subject });
  const expected = Object.values(info.state.subjects ?? {}).reduce((a, b) => a + b, 0);
  const out: T[] = [];
  if (expected === 0) return out;
  const c = await bus.js.consumers.get(stream, {
    filter_subjects: subject,
    deliver_policy: DeliverPolicy.All,
  });
  const it = await c.consume();
  for await (const m of it) {
    out.push(codec.decode(m.data));
    if (out.length >= expected) break;
  }
  await it.close();
  return out;
}
