import type { JetStreamManager } from '@nats-io/jetstream';

export interface StreamLag {
  stream: string;
  messages: number;
  bytes: number;
  consumers: number;
  lastSeq: number;
}

export interface ConsumerLag {
  stream: string;
  consumer: string;
  numPending: number;
  numAckPending: number;
  numRedelivered: number;
  numWaiting: number;
  deliveredSeq: number;
  ackFloorSeq: number;
}

export interface LagReport {
  streams: StreamLag[];
  consumers: ConsumerLag[];
}

export interface LagOptions {
  /** Streams to read; default every stream except the KV and object-store ones. */
  streams?: readonly string[];
}

/**
 * Reads stream and durable-consumer state from the JetStream API, as the server reports it.
 * Ephemeral consumers (KV watchers, ordered consumers of tools) are left out: their random names
 * would make a new series each time.
 */
export async function readLag(jsm: JetStreamManager, opts: LagOptions = {}): Promise<LagReport> {
  const wanted = opts.streams ? new Set(opts.streams) : undefined;
  const streams: StreamLag[] = [];
  const consumers: ConsumerLag[] = [];
  for await (const s of jsm.streams.list()) {
    const name = s.config.name;
    if (wanted ? !wanted.has(name) : /^(KV|OBJ)_/.test(name)) continue;
    streams.push({
      stream: name,
      messages: s.state.messages,
      bytes: s.state.bytes,
      consumers: s.state.consumer_count,
      lastSeq: s.state.last_seq,
    });
    for await (const c of jsm.consumers.list(name)) {
      if (!c.config.durable_name) continue;
      consumers.push({
        stream: name,
        consumer: c.name,
        numPending: c.num_pending,
        numAckPending: c.num_ack_pending,
        numRedelivered: c.num_redelivered,
        numWaiting: c.num_waiting,
        deliveredSeq: c.delivered.stream_seq,
        ackFloorSeq: c.ack_floor.stream_seq,
      });
    }
  }
  streams.sort((a, b) => a.stream.localeCompare(b.stream));
  consumers.sort((a, b) => `${a.stream}/${a.consumer}`.localeCompare(`${b.stream}/${b.consumer}`));
  return { streams, consumers };
}
