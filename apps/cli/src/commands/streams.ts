import { type Bus, messageTypeForSubject } from '@algotrader/bus';
import { type Codec, codecByTypeName, codecs, type MessageName } from '@algotrader/proto';
import { DeliverPolicy } from '@nats-io/jetstream';
import { UsageError } from '../args';

export interface TailOptions {
  subject: string;
  /** Start from the first stored message instead of only new ones. */
  all: boolean;
  /** Stop after this many messages. */
  count?: number;
  /** Resume through a durable consumer of this name (acks after printing; bad messages dead-lettered). */
  durable?: string;
  /** Force a message type instead of the Proto-Type header / subject mapping. */
  type?: string;
  /**
   * Writes one line. With a durable, a promise is awaited before the message is acked: it should
   * settle once the line is out of this process (a pipe write is queued in the process until then,
   * and a kill -9 loses what is queued — the message must then come back, not be acked).
   */
  write: (line: string) => void | Promise<void>;
  signal?: AbortSignal;
}

function codecFor(typeName: string | undefined): Codec<unknown> | undefined {
  if (!typeName) return undefined;
  return codecByTypeName(typeName.includes('.') ? typeName : `algotrader.v1.${typeName}`);
}

/** Prints messages of `subject` decoded to one JSON line each: {seq, subject, type, time, message}. */
export async function tail(bus: Bus, o: TailOptions): Promise<number> {
  const stream = await bus.jsm.streams.find(o.subject).catch(() => {
    throw new UsageError(`no stream stores subject "${o.subject}"; see \`algotrader streams ls\``);
  });
  let printed = 0;
  const print = (seq: number, subject: string, typeName: string, message: unknown, ts: number) => {
    const written = o.write(
      JSON.stringify({ seq, subject, type: typeName, time: new Date(ts).toISOString(), message }),
    );
    printed += 1;
    return written;
  };

  if (o.durable) {
    const name = o.type ?? messageTypeForSubject(o.subject);
    const codec = name ? codecs[name as MessageName] : undefined;
    if (!codec) throw new UsageError(`cannot tell the message type of "${o.subject}": pass --type <Message>`);
    const c = codec as Codec<unknown>;
    let resolveDone: () => void = () => {};
    const done = new Promise<void>((r) => {
      resolveDone = r;
    });
    const handle = await bus.consume({
      stream,
      durable: o.durable,
      filterSubjects: [o.subject],
      deliverPolicy: o.all ? 'all' : 'new',
      // A killed tail's unacked messages come back after this long.
      ackWaitMs: 5_000,
      codec: c,
      // Acked once the line is written (the bus acks when the handler's promise settles).
      handler: (m, meta) => {
        const written = print(meta.streamSeq, meta.subject, c.typeName, c.toJSON(m), Date.now());
        if (o.count !== undefined && printed >= o.count) resolveDone();
        return written;
      },
    });
    o.signal?.addEventListener('abort', () => resolveDone());
    await done;
    await handle.stop();
    return printed;
  }

  const consumer = await bus.js.consumers.get(stream, {
    filter_subjects: o.subject,
    deliver_policy: o.all ? DeliverPolicy.All : DeliverPolicy.New,
  });
  const messages = await consumer.consume();
  o.signal?.addEventListener('abort', () => void messages.stop());
  for await (const m of messages) {
    const typeName = o.type ?? m.headers?.get('Proto-Type') ?? messageTypeForSubject(m.subject);
    const codec = codecFor(typeName);
    let decoded: unknown;
    try {
      decoded = codec ? codec.toJSON(codec.decode(m.data)) : { raw: Buffer.from(m.data).toString('base64') };
    } catch (e) {
      decoded = {
        error: `undecodable: ${(e as Error).message}`,
        raw: Buffer.from(m.data).toString('base64'),
      };
    }
    print(m.seq, m.subject, codec?.typeName ?? 'unknown', decoded, m.info.timestampNanos / 1e6);
    if (o.count !== undefined && printed >= o.count) break;
  }
  await messages.close().catch(() => {});
  return printed;
}

/** One line per stream: name, subjects, messages, bytes, first and last sequence. */
export async function listStreams(bus: Bus): Promise<string[]> {
  const lines: string[] = [];
  lines.push(['stream', 'subjects', 'messages', 'bytes', 'first', 'last'].join('\t'));
  for await (const s of bus.jsm.streams.list()) {
    lines.push(
      [
        s.config.name,
        s.config.subjects?.join(',') ?? '',
        s.state.messages,
        s.state.bytes,
        s.state.first_seq,
        s.state.last_seq,
      ].join('\t'),
    );
  }
  return lines;
}
