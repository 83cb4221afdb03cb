import { archiverConsumer, type Bus, ensureConsumer, HDR_PROTO_TYPE } from '@algotrader/bus';
import { type Bar, deadLetterKey } from '@algotrader/core';
import { codecs, decodeBar } from '@algotrader/proto';
import type { ArchiveWriter } from './archive';
import { sleep } from './retry';
import type { CollectorMetrics } from './telemetry';

type PullConsumer = Awaited<ReturnType<Bus['js']['consumers']['get']>>;
type ConsumerMessages = Awaited<ReturnType<PullConsumer['fetch']>>;
type JsMsg = ConsumerMessages extends AsyncIterable<infer M> ? M : never;

export interface ArchiverOptions {
  readonly bus: Bus;
  readonly writer: ArchiveWriter;
  /** Durable consumer name. Default `archiver`. */
  readonly durable?: string;
  /** Messages per store write, at most. Default 1,000. */
  readonly batch?: number;
  /** Write a partial batch this long after its first message arrived (ms). */
  readonly lingerMs?: number;
  /** Deliveries before a message that keeps failing goes to the dead-letter subject. Default 10. */
  readonly maxDeliver?: number;
  /** Redelivery delay after a failed store write, ms. Default 2,000. */
  readonly retryDelayMs?: number;
  /** Wall-clock time for dead letters; default Date.now. */
  readonly now?: () => number;
  /** `collector_archive` (and the archiver's rejects) after each batch; never waited on. */
  readonly metrics?: CollectorMetrics | undefined;
}

/**
 * The durable consumer of `md.bar.>` that writes the Parquet history. It pulls batches (so one
 * store append covers many bars), writes them through the {@link ArchiveWriter}, and acks only
 * after the write returned: a crash before that redelivers the batch, and the store's merge drops
 * what was already written. Undecodable messages go to `dlq.<subject>` with the reason.
 *
 * It pulls with `fetch` itself rather than through `Bus.consume`, whose handler sees one message at
 * a time and acks it on return, which would make every bar its own Parquet file.
 */
export class Archiver {
  readonly durable: string;
  #stopping = false;
  #current: ConsumerMessages | undefined;
  #done: Promise<void> = Promise.resolve();

  private constructor(private readonly o: ArchiverOptions) {
    this.durable = o.durable ?? 'archiver';
  }

  static async start(o: ArchiverOptions): Promise<Archiver> {
    const a = new Archiver(o);
    // Created by `algotrader init` under auth (the collector's user binds to it).
    await ensureConsumer(
      o.bus.jsm,
      archiverConsumer({
        durable: a.durable,
        ...(o.maxDeliver !== undefined ? { maxDeliver: o.maxDeliver } : {}),
        ...(o.batch !== undefined ? { batch: o.batch } : {}),
      }),
      o.bus.log,
    );
    a.#done = a.#loop();
    return a;
  }

  get counters() {
    return this.o.writer.counters;
  }

  async stop(): Promise<void> {
    this.#stopping = true;
    this.#current?.stop();
    await this.#done;
  }

  /**
   * A continuous pull (consume) rather than repeated fetches: a fetch that expires on the client
   * while messages are still in flight leaves them "delivered" on the server until the ack wait
   * runs out (bars arriving minutes late). Messages are buffered and written in batches: when the
   * batch is full or `lingerMs` after the first buffered message. Writes run one at a time.
   */
  async #loop(): Promise<void> {
    const { bus } = this.o;
    const consumer = await bus.js.consumers.get('MD', this.durable);
    const batch = this.o.batch ?? 1_000;
    const lingerMs = Math.max(this.o.lingerMs ?? 250, 10);
    let buf: JsMsg[] = [];
    let timer: ReturnType<typeof setTimeout> | undefined;
    let chain: Promise<void> = Promise.resolve();
    const flush = () => {
      if (timer) clearTimeout(timer);
      timer = undefined;
      if (buf.length === 0) return;
      const msgs = buf;
      buf = [];
      chain = chain
        .then(() => this.#handle(msgs))
        .catch((e: unknown) =>
          bus.log.error({ durable: this.durable, err: (e as Error).message }, 'archiver batch failed'),
        );
    };
    while (!this.#stopping) {
      try {
        const it = await consumer.consume({
          max_messages: batch,
          callback: (m) => {
            buf.push(m);
            if (buf.length >= batch) flush();
            else timer ??= setTimeout(flush, lingerMs);
          },
        });
        this.#current = it;
        await it.closed();
        this.#current = undefined;
      } catch (e) {
        if (this.#stopping) break;
        bus.log.warn({ durable: this.durable, err: (e as Error).message }, 'archiver pull failed; retrying');
        await sleep(250);
      }
    }
    flush();
    await chain;
  }

  async #handle(msgs: JsMsg[]): Promise<void> {
    const bars: Bar[] = [];
    const good: JsMsg[] = [];
    for (const m of msgs) {
      try {
        const type = m.headers?.get(HDR_PROTO_TYPE);
        if (type && type !== codecs.Bar.typeName) {
          throw new Error(`Proto-Type ${type} where ${codecs.Bar.typeName} was expected`);
        }
        // Values are judged by the store's validator below, which counts rejects by reason.
        bars.push(decodeBar(codecs.Bar.decode(m.data), { values: 'report' }));
        good.push(m);
      } catch (e) {
        await this.#deadLetter(m, `undecodable: ${(e as Error).message}`);
      }
    }
    if (bars.length === 0) return;
    let result: Awaited<ReturnType<ArchiveWriter['write']>>;
    try {
      result = await this.o.writer.write(bars);
    } catch (e) {
      this.o.metrics?.archived(this.o.writer.counters, []);
      const reason = (e as Error).message;
      this.o.bus.log.error({ bars: bars.length, err: reason }, 'archive write failed; will redeliver');
      const maxDeliver = this.o.maxDeliver ?? 10;
      for (const m of good) {
        if (m.info.deliveryCount >= maxDeliver)
          await this.#deadLetter(m, `store write failed ${maxDeliver} times: ${reason}`);
        else m.nak(this.o.retryDelayMs ?? 2_000);
      }
      return;
    }
    for (const m of good) m.ack();
    this.o.metrics?.archived(this.o.writer.counters, result.rejects);
  }

  async #deadLetter(m: JsMsg, reason: string): Promise<void> {
    // A bounded reference (payload prefix, size, hash): a message near max_payload still fits.
    const outcome = await this.o.bus.deadLetter(
      {
        subject: m.subject,
        stream: 'MD',
        streamSeq: m.seq,
        consumer: this.durable,
        deliveries: m.info.deliveryCount,
        reason,
        payload: m.data,
        headers: m.headers,
        timeMs: (this.o.now ?? Date.now)(),
      },
      deadLetterKey('MD', this.durable, m.seq),
      { attempts: 2 },
    );
    if (outcome === 'failed') {
      m.nak(1_000);
      return;
    }
    this.o.writer.counters.deadLettered += 1;
    m.term();
  }
}
