import type { Bus } from '@algotrader/bus';
import type { Codec } from '@algotrader/proto';
import { DeliverPolicy } from '@nats-io/jetstream';
import { type AccountState, accountKey, decodeAccount } from './domain/account';
import { POSITIONS_BUCKET } from './kv';

/** Reads a running pipeline from outside: `algotrader status`, `up --replay`, tests and benchmarks. */

export interface Stored<T> {
  readonly seq: number;
  readonly subject: string;
  readonly msgId: string | undefined;
  readonly message: T;
}

/** Every message of `filter` now in `stream`, in stream order, decoded. */
export async function readAll<T>(
  bus: Bus,
  stream: string,
  filter: string,
  codec: Codec<T>,
): Promise<Stored<T>[]> {
  const info = await bus.jsm.streams.info(stream, { subjects_filter: filter });
  const expected = Object.values(info.state.subjects ?? {}).reduce((a, b) => a + b, 0);
  const out: Stored<T>[] = [];
  if (expected === 0) return out;
  const c = await bus.js.consumers.get(stream, {
    filter_subjects: filter,
    deliver_policy: DeliverPolicy.All,
  });
  const it = await c.consume({ max_messages: 1024 });
  for await (const m of it) {
    out.push({
      seq: m.seq,
      subject: m.subject,
      msgId: m.headers?.get('Nats-Msg-Id') || undefined,
      message: codec.decode(m.data),
    });
    if (out.length >= expected) break;
  }
  await it.close();
  await dropConsumer(c);
  return out;
}

/**
 * Deletes a one-off read's ordered consumer: the server would keep it for nats.js's 5-minute
 * inactive threshold, counted against the stream's `max_consumers`. A user without the delete
 * grant (the service users) leaves it to expire.
 */
async function dropConsumer(c: { delete(): Promise<boolean> }): Promise<void> {
  await c.delete().catch(() => false);
}

/** The account state in KV, or undefined before the router first saved it. */
export async function readAccount(bus: Bus, account: string): Promise<AccountState | undefined> {
  const kv = await bus.kv(POSITIONS_BUCKET);
  const e = await kv.get(accountKey(account));
  if (e?.operation !== 'PUT' || e.value.length === 0) return undefined;
  return decodeAccount(e.value);
}

/**
 * Every message on `subject` (one subject, no wildcard) the server stored at or after `sinceMs`
 * (its receive time; all when undefined), in stream order, decoded — a superset of the messages
 * whose own time is at or after `sinceMs` when they are published after that time (live): read up to the subject's last message at the time of the
 * call. Gives up with an error after `timeoutMs` (a command answering a person must not hang).
 */
export async function readSubjectSince<T>(
  bus: Bus,
  stream: string,
  subject: string,
  codec: Codec<T>,
  sinceMs: number | undefined,
  timeoutMs = 15_000,
): Promise<Stored<T>[]> {
  // null when the subject has no message; any other failure (permissions, no stream) is thrown.
  const last = await bus.jsm.streams.getMessage(stream, { last_by_subj: subject });
  if (!last || (sinceMs !== undefined && last.time.getTime() < sinceMs)) return [];
  const c = await bus.js.consumers.get(stream, {
    filter_subjects: subject,
    ...(sinceMs === undefined
      ? { deliver_policy: DeliverPolicy.All }
      : { deliver_policy: DeliverPolicy.StartTime, opt_start_time: new Date(sinceMs).toISOString() }),
  });
  const it = await c.consume({ max_messages: 1024 });
  const timer = setTimeout(() => void it.close(), timeoutMs);
  const out: Stored<T>[] = [];
  try {
    for await (const m of it) {
      out.push({
        seq: m.seq,
        subject: m.subject,
        msgId: m.headers?.get('Nats-Msg-Id') || undefined,
        message: codec.decode(m.data),
      });
      if (m.seq >= last.seq) break;
    }
  } finally {
    clearTimeout(timer);
    await it.close();
  }
  if ((out.at(-1)?.seq ?? 0) < last.seq) {
    throw new Error(`reading ${subject} from ${stream} took longer than ${timeoutMs} ms`);
  }
  return out;
}
