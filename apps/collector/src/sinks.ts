import { type Bus, subjects } from '@algotrader/bus';
import { type Bar, barKey, type Instrument, type Timeframe } from '@algotrader/core';
import { codecs, encodeBar } from '@algotrader/proto';
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
