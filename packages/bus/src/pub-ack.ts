import {
  JetStreamApiError,
  type JetStreamClient,
  type JetStreamPublishOptions,
  type PubAck,
} from '@nats-io/jetstream';
import { createInbox, type Msg, type MsgHdrs, type NatsConnection } from '@nats-io/nats-core';

/** An error shaped as nats.js's own for the same case (the bus's error helpers read the names). */
function named(name: string, message: string, cause?: unknown): Error {
  const e = new Error(message, cause === undefined ? undefined : { cause });
  e.name = name;
  return e;
}

interface Pending {
  readonly subject: string;
  readonly deadline: number;
  readonly resolve: (ack: PubAck) => void;
  readonly reject: (e: unknown) => void;
}

const decoder = new TextDecoder();

/**
 * JetStream publishes with their acks taken by one subscription, without nats.js's request
 * machinery. `js.publish` is a `nc.request` per message: a request object, a timer and (even with
 * `noAsyncTraces`) an error object built after each reply; that costs about twice the client CPU of
 * the publish itself (bench/bus.bench.ts). Here a publish is a plain `PUB` with a reply subject
 * under one wildcard subscription of the connection's own inbox prefix; one timer covers every
 * pending publish (armed for the earliest deadline).
 *
 * Answers as nats.js's: the server's ack (`{stream, seq, duplicate}`); its refusal as a
 * `JetStreamApiError` (its `code` is the server's `err_code`); no responders (no stream for the
 * subject, a stream without a leader) as `JetStreamNotEnabled`; no answer within the timeout as a
 * `TimeoutError`; a publish the server refused for permissions as nats.js's
 * `PermissionViolationError`; a closed connection rejects what is pending.
 */
export class PubAckMux {
  readonly #nc: NatsConnection;
  readonly #prefix: string;
  readonly #pending = new Map<string, Pending>();
  #next = 0;
  /** Publishes sent (for tests and metrics). */
  sent = 0;
  #timer: NodeJS.Timeout | undefined;
  /** When the armed timer fires (performance.now() time). */
  #timerAt = Number.POSITIVE_INFINITY;
  #closed = false;

  constructor(nc: NatsConnection, inboxPrefix: string) {
    this.#nc = nc;
    this.#prefix = `${createInbox(inboxPrefix)}.`;
    nc.subscribe(`${this.#prefix}*`, { callback: (_e, m) => this.#answer(m) });
    void (async () => {
      for await (const s of nc.status()) {
        const err = (s as { type: string; error?: unknown }).error as
          | { name?: string; operation?: string; subject?: string }
          | undefined;
        if (s.type !== 'error' || err?.name !== 'PermissionViolationError' || err.operation !== 'publish')
          continue;
        // The server names the subject only: the oldest publish to it is the one refused (in order).
        for (const [token, p] of this.#pending) {
          if (p.subject !== err.subject) continue;
          this.#pending.delete(token);
          p.reject(err);
          break;
        }
      }
    })().catch(() => undefined);
    void nc.closed().then(() => this.#close());
  }

  /** Publishes and resolves with the stream's ack; rejects as described on the class. */
  publish(
    subject: string,
    data: Uint8Array,
    headers: MsgHdrs | undefined,
    timeoutMs: number,
  ): Promise<PubAck> {
    if (this.#closed) return Promise.reject(named('ClosedConnectionError', 'closed connection'));
    const token = (this.#next++).toString(36);
    this.sent += 1;
    return new Promise<PubAck>((resolve, reject) => {
      const p: Pending = { subject, deadline: performance.now() + timeoutMs, resolve, reject };
      this.#pending.set(token, p);
      try {
        this.#nc.publish(
          subject,
          data,
          headers === undefined ? { reply: this.#prefix + token } : { reply: this.#prefix + token, headers },
        );
      } catch (e) {
        this.#pending.delete(token);
        reject(e);
        return;
      }
      if (p.deadline < this.#timerAt) this.#arm(timeoutMs);
    });
  }

  /** Publishes waiting for an answer (for tests and metrics). */
  get pending(): number {
    return this.#pending.size;
  }

  #answer(m: Msg): void {
    const token = m.subject.slice(this.#prefix.length);
    const p = this.#pending.get(token);
    if (p === undefined) return; // timed out already
    this.#pending.delete(token);
    if (m.data.length === 0) {
      const code = m.headers?.code ?? 0;
      p.reject(
        code === 503
          ? named('JetStreamNotEnabled', 'jetstream is not enabled (no responders)')
          : named('JetStreamError', `unexpected empty answer to a publish (status ${code})`),
      );
      return;
    }
    let v: { error?: { code: number; err_code: number; description: string } } & Partial<PubAck>;
    try {
      v = JSON.parse(decoder.decode(m.data));
    } catch (e) {
      p.reject(named('JetStreamError', 'invalid ack response', e));
      return;
    }
    if (v.error !== undefined) {
      p.reject(new JetStreamApiError(v.error));
      return;
    }
    if (typeof v.stream !== 'string' || v.stream === '' || typeof v.seq !== 'number') {
      p.reject(named('JetStreamError', 'invalid ack response'));
      return;
    }
    p.resolve({ stream: v.stream, seq: v.seq, duplicate: v.duplicate === true, domain: v.domain } as PubAck);
  }

  /** One timer, armed for the earliest deadline of what is pending. */
  #arm(ms: number): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timerAt = performance.now() + ms;
    this.#timer = setTimeout(() => this.#expire(), Math.max(1, ms));
  }

  /** Rejects every pending publish past its deadline; arms the timer for the next deadline. */
  #expire(): void {
    this.#timer = undefined;
    this.#timerAt = Number.POSITIVE_INFINITY;
    const now = performance.now();
    let next = Number.POSITIVE_INFINITY;
    for (const [token, p] of this.#pending) {
      if (p.deadline > now) {
        next = Math.min(next, p.deadline);
        continue;
      }
      this.#pending.delete(token);
      p.reject(named('TimeoutError', 'timeout'));
    }
    if (next !== Number.POSITIVE_INFINITY) this.#arm(next - now);
  }

  #close(): void {
    this.#closed = true;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#timerAt = Number.POSITIVE_INFINITY;
    for (const p of this.#pending.values()) p.reject(named('ClosedConnectionError', 'closed connection'));
    this.#pending.clear();
  }
}

/**
 * `js` with its `publish` taken by `mux` when asked for what a KV bucket asks (headers and a
 * timeout only; anything else goes to nats.js as before). nats.js's KV writes (put, update, create,
 * delete) call `js.publish`; a bucket opened over this writes through the mux.
 */
export function jetStreamViaMux(js: JetStreamClient, mux: PubAckMux, timeoutMs: number): JetStreamClient {
  const via = Object.create(js) as JetStreamClient;
  via.publish = (subject, data, opts) => {
    const o = (opts ?? {}) as Partial<JetStreamPublishOptions>;
    for (const k in o) {
      if (k !== 'headers' && k !== 'timeout' && o[k as keyof typeof o] !== undefined)
        return js.publish(subject, data, opts);
    }
    const bytes = data === undefined ? EMPTY : typeof data === 'string' ? encoder.encode(data) : data;
    return mux.publish(subject, bytes, o.headers, o.timeout ?? timeoutMs);
  };
  return via;
}

const EMPTY = new Uint8Array(0);
const encoder = new TextEncoder();
