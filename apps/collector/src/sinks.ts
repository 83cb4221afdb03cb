import { type Bus, OrderedPublisher, subjects } from '@algotrader/bus';
import { type Bar, barKey, barSetKey, type Instrument, type Timeframe } from '@algotrader/core';
import { type BarSetClosed, codecs, encodeBar } from '@algotrader/proto';
import type { ParquetStore } from '@algotrader/store';
import type { ArchiveWriter } from './archive';

/** Where fetched bars go. Resolves once they are durably accepted (stream ack, or stored). */
export interface BarSink {
  write(instrument: Instrument, tf: Timeframe, bars: readonly Bar[]): Promise<void>;
  /** Open time of the newest bar this sink already holds: where a backfill resumes. */
  lastOpenTime(instrument: Instrument, tf: Timeframe): Promise<number | undefined>;
}

/**
 * Publishes bars to `md.bar.<venue>.<symbol>.<tf>` with the bar key as message id, so a re-publish
 * after a crash is dropped by the stream. The archiver consumer stores them.
 */
export class BusBarSink implements BarSink {
  published = 0;
  duplicates = 0;

  constructor(
    private readonly bus: Bus,
    private readonly opts: { source: string; store?: ParquetStore | undefined; stream?: string },
  ) {}

  async write(instrument: Instrument, tf: Timeframe, bars: readonly Bar[]): Promise<void> {
    const subject = subjects.bar(instrument, tf);
    // One window at a time, all in flight together: nats.js writes them in order on one connection,
    // and each carries its own id, so a retried one cannot be stored twice.
    const acks = await Promise.all(
      bars.map((b) =>
        this.bus.publish(codecs.Bar, subject, encodeBar(b, this.opts.source), {
          msgId: barKey(instrument, tf, b.openTime),
        }),
      ),
    );
    for (const a of acks) {
      if (a.duplicate) this.duplicates += 1;
      else this.published += 1;
    }
  }

  /** The newer of the last bar in the stream and the last bar stored (the archiver may lag). */
  async lastOpenTime(instrument: Instrument, tf: Timeframe): Promise<number | undefined> {
    const stored = this.opts.store ? await this.opts.store.lastOpenTime(instrument, tf) : undefined;
    let streamed: number | undefined;
    try {
      const m = await this.bus.jsm.streams.getMessage(this.opts.stream ?? 'MD', {
        last_by_subj: subjects.bar(instrument, tf),
      });
      if (m) streamed = Number(codecs.Bar.decode(m.data).openTimeMs);
    } catch (e) {
      // No message on that subject yet is a 404; anything else is worth a log line, not a failure.
      if (!/not found|no message/i.test((e as Error).message)) {
        this.bus.log.warn({ err: (e as Error).message }, 'cannot read the last streamed bar');
      }
    }
    const known = [stored, streamed].filter((x): x is number => x !== undefined && Number.isFinite(x));
    return known.length ? Math.max(...known) : undefined;
  }
}

/**
 * One cycle's bars and bar-set markers, published in the order given: every publish handed over
 * before a marker is stored before it. `onAcked` runs once everything of that call is stored, in
 * the order of the calls; nothing of a call that failed is reported acked. A failure surfaces from
 * `bars`/`barSet`/`flush` (whichever is awaited next); the batch is then finished: what was not
 * acked goes into a new batch.
 */
export interface MdBatch {
  bars(instrument: Instrument, tf: Timeframe, bars: readonly Bar[], onAcked: () => void): Promise<void>;
  barSet(m: BarSetClosed, onAcked: () => void): Promise<void>;
  /** Waits until everything handed over is acked (throws what could not be published). */
  flush(): Promise<void>;
}

/** Opens a batch per cycle (each timeframe's loop has its own; batches are not shared). */
export interface MdPublisher {
  batch(): MdBatch;
}

/**
 * Bars and markers onto the bus pipelined, on the bus's one connection, through an
 * {@link OrderedPublisher}: up to `window` publishes in flight, each naming its predecessor's msg id
 * as the stream's expected last one, so a bar lost and resent cannot land after its marker, and
 * another writer into MD (funding rates, another timeframe's loop, another collector) only costs a
 * round of sending again in order. Ids as {@link BusBarSink} and {@link barSetSubject}: a publish
 * repeated after a crash is dropped by the stream.
 *
 * A chain proves less when another writer stores the same msg ids (the catch-up backfill): the
 * server answers a duplicate before it checks the expectation, so a chained publish can follow the
 * other writer's copy of its predecessor while this batch's earlier publishes are still refused.
 * Callers hand over one close per round and flush between ({@link LiveCollector} does).
 */
export class BusMdPublisher implements MdPublisher {
  published = 0;
  duplicates = 0;
  /** Rounds of sending again after a refusal (another writer, a lost publish). */
  resends = 0;

  constructor(
    private readonly bus: Bus,
    private readonly opts: { source: string; window?: number },
  ) {}

  batch(): MdBatch {
    const out = new OrderedPublisher(this.bus, { window: this.opts.window ?? 256 });
    const counted = (a: { duplicate: boolean }) => {
      if (a.duplicate) this.duplicates += 1;
      else this.published += 1;
    };
    // Counted after every call, whether it threw or not (a batch that threw is not used again).
    let seen = 0;
    const counting = async (f: () => Promise<void>) => {
      try {
        await f();
      } finally {
        this.resends += out.resends - seen;
        seen = out.resends;
      }
    };
    return {
      bars: (instrument, tf, bars, onAcked) =>
        counting(async () => {
          const subject = subjects.bar(instrument, tf);
          for (let i = 0; i < bars.length; i++) {
            const b = bars[i]!;
            const last = i === bars.length - 1;
            await out.publish(
              codecs.Bar,
              subject,
              encodeBar(b, this.opts.source),
              barKey(instrument, tf, b.openTime),
              (a) => {
                counted(a);
                if (last) onAcked();
              },
            );
          }
        }),
      barSet: (m, onAcked) =>
        counting(async () => {
          const { subject, msgId } = barSetSubject(m);
          await out.publish(codecs.BarSetClosed, subject, m, msgId, (a) => {
            counted(a);
            onAcked();
          });
        }),
      flush: () => counting(() => out.flush()),
    };
  }
}

/** A bar set's subject `md.barset.<venue>.<tf>` and msg id (venue, timeframe, close time). */
export function barSetSubject(m: BarSetClosed): { subject: string; msgId: string } {
  const venue = m.venue ?? 'OKX';
  const tf = m.timeframe as Timeframe;
  return { subject: subjects.barSet(venue, tf), msgId: barSetKey(venue, tf, Number(m.closeTimeMs)) };
}

/**
 * The one-at-a-time batch over a {@link BarSink} and a marker publisher: every call waits for its
 * own acks before returning (what the collector did before {@link BusMdPublisher}).
 */
export function sequentialMdPublisher(
  sink: BarSink,
  publishBarSet: (m: BarSetClosed) => Promise<void>,
): MdPublisher {
  return {
    batch: () => ({
      bars: async (instrument, tf, bars, onAcked) => {
        await sink.write(instrument, tf, bars);
        onAcked();
      },
      barSet: async (m, onAcked) => {
        await publishBarSet(m);
        onAcked();
      },
      flush: async () => undefined,
    }),
  };
}

/** Straight into the store through the archiver's write path (validation, merge, alerts). */
export class StoreBarSink implements BarSink {
  constructor(private readonly writer: ArchiveWriter) {}

  async write(_instrument: Instrument, _tf: Timeframe, bars: readonly Bar[]): Promise<void> {
    await this.writer.write(bars);
  }

  lastOpenTime(instrument: Instrument, tf: Timeframe): Promise<number | undefined> {
    return this.writer.store.lastOpenTime(instrument, tf);
  }
}
