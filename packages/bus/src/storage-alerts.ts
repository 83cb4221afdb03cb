import { codecs, pb } from '@algotrader/proto';
import type { JetStreamClient } from '@nats-io/jetstream';
import { headers as natsHeaders } from '@nats-io/nats-core';
import { subjects } from './subjects';

/** What {@link StorageAlerts} reports through; the bus's logger has it. */
interface AlertLogger {
  error(obj: object, msg?: string): void;
}

export type StorageAlertCode = 'store_full' | 'jetstream_unanswered';

interface Pending {
  readonly data: Uint8Array;
  readonly msgId: string;
  sending: boolean;
}

/** Alerts kept for a later try at most; beyond it the oldest is dropped (and counted). */
const MAX_PENDING = 64;

/**
 * The critical alerts of a store that refuses or does not answer publishes, on OPS, at most one
 * per code, stream subject root and minute, never awaited (the caller's retry loop must not wait
 * on the alert channel). When the store is full for every stream (the server's max_file_store, or
 * its disk) or JetStream does not answer, the alert cannot be stored either: it is kept (time and
 * text as raised) and stored by the first publish that succeeds again, so the incident is on
 * record and reaches the notifier late rather than never. Meanwhile the counters (`storeFull`,
 * `publishUnanswered`) and the error log are what shows it.
 */
export class StorageAlerts {
  readonly #js: JetStreamClient;
  readonly #service: string;
  readonly #log: AlertLogger;
  readonly #timeoutMs: number;
  readonly #pending = new Map<string, Pending>();
  /** Alerts dropped because too many were waiting. */
  dropped = 0;

  constructor(js: JetStreamClient, service: string, log: AlertLogger, timeoutMs: number) {
    this.#js = js;
    this.#service = service;
    this.#log = log;
    this.#timeoutMs = timeoutMs;
  }

  get pending(): number {
    return this.#pending.size;
  }

  raise(code: StorageAlertCode, subject: string, reason: string): void {
    if (subject.startsWith('ops.')) return;
    const root = subject.split('.')[0] ?? subject;
    const now = Date.now();
    const minute = Math.floor(now / 60_000);
    const msgId = `alert:${this.#service}:${code}:${root}:${minute}`;
    if (this.#pending.has(msgId)) return;
    const message =
      code === 'store_full'
        ? `${this.#service}: publishing to ${subject} refused, the JetStream store is full (${reason}); nothing was stored, publishing is retried until space returns`
        : `${this.#service}: publishing to ${subject} got no answer from JetStream (${reason}); the server is down, or the disk of its store is full (a full disk wedges nats-server 2.9 until it is restarted); publishing is retried`;
    const data = codecs.Alert.encode({
      severity: pb.Severity.SEVERITY_CRITICAL,
      source: this.#service,
      code,
      message,
      labels: { subject, reason },
      timeMs: now,
      dedupeKey: `${root}:${minute}`,
    });
    const entry: Pending = { data, msgId, sending: false };
    this.#pending.set(msgId, entry);
    while (this.#pending.size > MAX_PENDING) {
      const oldest = this.#pending.keys().next().value as string;
      this.#pending.delete(oldest);
      this.dropped += 1;
    }
    this.#send(entry);
  }

  /** A publish succeeded: the store takes messages again, so the alerts it refused are stored now. */
  retryPending(): void {
    if (this.#pending.size === 0) return;
    for (const entry of this.#pending.values()) if (!entry.sending) this.#send(entry);
  }

  #send(entry: Pending): void {
    entry.sending = true;
    // The bus's standard headers (bus.ts HDR_*), written out here: bus.ts imports this module.
    const h = natsHeaders();
    h.set('Content-Type', 'application/x-protobuf');
    h.set('Producer', this.#service);
    h.set('Proto-Type', codecs.Alert.typeName);
    this.#js
      .publish(subjects.alert('critical'), entry.data, {
        msgID: entry.msgId,
        headers: h,
        timeout: this.#timeoutMs,
      })
      .then(
        () => this.#pending.delete(entry.msgId),
        (e: unknown) => {
          entry.sending = false;
          this.#log.error(
            { err: (e as Error).message, alert: entry.msgId },
            'storage alert not stored yet; kept until a publish succeeds',
          );
        },
      );
  }
}
