import {
  alignOpen,
  type Bar,
  type Clock,
  formatInstrument,
  type Instrument,
  type Timeframe,
  timeframeMs,
} from '@algotrader/core';
import type { MetricFields, MetricsSink, MetricTags } from '@algotrader/metrics';
import type { Gap } from '@algotrader/store';
import type { ArchiveCounters } from './archive';
import type { CollectorCounters } from './metrics';
import type { BarReject } from './quality';

/**
 * The InfluxDB measurements the collector writes (README "Metrics"). Distinct from the monitor's
 * `bar_health`: that one is the consumer's view of `md.bar.>` sampled by the monitor, with
 * per-sample deltas; these are the producer's view (what OKX answered, what was published), with
 * cumulative counters. Tag names match the monitor's (`instrument` = `OKX:BTC/USDT`, `timeframe`),
 * so a dashboard can put both side by side. Add fields, never rename (stored history, dashboards).
 */
export const COLLECTOR_MEASUREMENTS = {
  /** Latest closed bar per series, stamped with its open time. Tags: instrument, timeframe. */
  bar: 'collector_bar',
  /** Data health per series. Tags: instrument, timeframe. */
  health: 'collector_health',
  /** The live loop per timeframe. Tag: timeframe. */
  loop: 'collector_loop',
  /** OKX requests per endpoint. Tag: endpoint. */
  requests: 'collector_requests',
  /** Failed OKX requests per endpoint and cause. Tags: endpoint, cause. */
  errors: 'collector_errors',
  /** Rejected bars. Tags: instrument, timeframe, stage (`collector` | `archiver`), reason. */
  rejects: 'collector_rejects',
  /** The archiver consumer (bars → Parquet). No tags besides the defaults. */
  archive: 'collector_archive',
  /** Process-wide totals and the sinks' own health. No tags besides the defaults. */
  process: 'collector_process',
} as const;

export interface CollectorMetricsOptions {
  readonly sink: MetricsSink;
  /** Timestamps and ages: the live loop's scheduler (a simulated clock in tests). */
  readonly clock: Clock;
  /** The counters the live loop (and the start-up listing) bump; read at every report. */
  readonly counters: CollectorCounters;
  /** Extra process gauges read at every report (e.g. alerts dropped), written to `collector_process`. */
  readonly gauges?: () => Readonly<Record<string, number>>;
  readonly log?: { warn(obj: object, msg?: string): void };
}

/** What {@link LiveCollector} tells the metrics when a cycle has published its bar set(s). */
export interface CycleMetrics {
  readonly tf: Timeframe;
  /** The newest close time of the cycle. */
  readonly close: number;
  /** Clock time the cycle started (woke up). */
  readonly startedAt: number;
  readonly arrived: number;
  readonly missing: number;
  readonly timedOut: boolean;
}

interface SeriesStats {
  readonly tf: Timeframe;
  readonly tags: MetricTags;
  /** Newest bar published by this process (its values go to `collector_bar`). */
  latest: Bar | undefined;
  /** Open time of the last `collector_bar` point written. */
  latestWritten: number | undefined;
  /** Newest open time known held: published, or found in the store / stream at start. */
  newestOpen: number | undefined;
  bars: number;
  rejects: number;
  gaps: number;
  missingBars: number;
  fetchFailures: number;
  /** Start of the window `bars_per_min` is computed over, and the bar count then. */
  rateAt: number;
  rateBars: number;
}

interface LoopStats {
  cycles: number;
  timedOut: number;
  arrived: number;
  missing: number;
  cycleS: number;
  delayS: number;
}

interface RejectStats {
  readonly tags: MetricTags;
  count: number;
}

interface ArchiveStats {
  counters: ArchiveCounters;
  rateAt: number;
  rateWritten: number;
}

/**
 * Turns what the collector does into points on a {@link MetricsSink}. Every method is synchronous
 * and returns at once: the sink buffers (bounded, drop-oldest) and writes in the background, so the
 * live loop and the archiver never wait on InfluxDB. A failure in here is logged once and counted,
 * never thrown into the pipeline.
 *
 * Counters are cumulative since the process started (use `non_negative_difference` / `increase`);
 * gauges are the value at the point's time. Points are written at the end of each live cycle (the
 * series of that timeframe), after each archiver batch, and by {@link report} (everything) —
 * `start(intervalMs)` calls it on a timer so ages keep moving between closes.
 */
export class CollectorMetrics {
  /** Errors raised while building points (a bug, never an outage): counted, never thrown. */
  failures = 0;
  readonly #o: CollectorMetricsOptions;
  readonly #series = new Map<string, SeriesStats>();
  readonly #loops = new Map<Timeframe, LoopStats>();
  readonly #rejects = new Map<string, RejectStats>();
  #archive: ArchiveStats | undefined;

  constructor(o: CollectorMetricsOptions) {
    this.#o = o;
  }

  get sink(): MetricsSink {
    return this.#o.sink;
  }

  /** Declares a series, so its health is reported before (or without) any bar. */
  track(instrument: Instrument, tf: Timeframe): void {
    this.#safely(() => this.#stats(instrument, tf));
  }

  /** The newest bar already held when the loop started (store or stream): ages count from it. */
  seed(instrument: Instrument, tf: Timeframe, lastOpen: number | undefined): void {
    this.#safely(() => {
      const s = this.#stats(instrument, tf);
      if (lastOpen !== undefined) s.newestOpen = Math.max(s.newestOpen ?? lastOpen, lastOpen);
    });
  }

  /** Bars handed to the bar sink (published). */
  published(instrument: Instrument, tf: Timeframe, bars: readonly Bar[]): void {
    if (bars.length === 0) return;
    this.#safely(() => {
      const s = this.#stats(instrument, tf);
      s.bars += bars.length;
      for (const b of bars) {
        if (s.latest === undefined || b.openTime > s.latest.openTime) s.latest = b;
      }
      const newest = s.latest!.openTime;
      s.newestOpen = Math.max(s.newestOpen ?? newest, newest);
    });
  }

  rejected(rejects: readonly BarReject[], stage: 'collector' | 'archiver'): void {
    if (rejects.length === 0) return;
    this.#safely(() => {
      for (const r of rejects) {
        const instrument = formatInstrument(r.instrument);
        const key = `${instrument}|${r.tf}|${stage}|${r.reason}`;
        let st = this.#rejects.get(key);
        if (!st) {
          st = { tags: { instrument, timeframe: r.tf, stage, reason: r.reason }, count: 0 };
          this.#rejects.set(key, st);
        }
        st.count += 1;
        if (stage === 'collector') this.#stats(r.instrument, r.tf).rejects += 1;
      }
    });
  }

  gapsReported(instrument: Instrument, tf: Timeframe, gaps: readonly Gap[]): void {
    if (gaps.length === 0) return;
    this.#safely(() => {
      const s = this.#stats(instrument, tf);
      s.gaps += gaps.length;
      for (const g of gaps) s.missingBars += g.missingBars;
    });
  }

  fetchFailed(instrument: Instrument, tf: Timeframe): void {
    this.#safely(() => {
      this.#stats(instrument, tf).fetchFailures += 1;
    });
  }

  /** A live cycle published its bar set(s): writes that timeframe's series, its loop and the totals. */
  cycleDone(c: CycleMetrics): void {
    this.#safely(() => {
      const now = this.#o.clock.now();
      let loop = this.#loops.get(c.tf);
      if (!loop) {
        loop = { cycles: 0, timedOut: 0, arrived: 0, missing: 0, cycleS: 0, delayS: 0 };
        this.#loops.set(c.tf, loop);
      }
      loop.cycles += 1;
      if (c.timedOut) loop.timedOut += 1;
      loop.arrived = c.arrived;
      loop.missing = c.missing;
      loop.cycleS = (now - c.startedAt) / 1000;
      loop.delayS = (now - c.close) / 1000;
      for (const s of this.#series.values()) if (s.tf === c.tf) this.#writeSeries(s, now);
      this.#writeLoop(c.tf, loop, now);
      this.#writeShared(now);
    });
  }

  /** The archiver stored a batch: writes `collector_archive` and the archiver's rejects. */
  archived(counters: ArchiveCounters, rejects: readonly BarReject[]): void {
    this.rejected(rejects, 'archiver');
    this.#safely(() => {
      const now = this.#o.clock.now();
      if (!this.#archive) this.#archive = { counters, rateAt: now, rateWritten: 0 };
      this.#archive.counters = counters;
      this.#writeArchive(this.#archive, now);
      for (const st of this.#rejects.values()) {
        if (st.tags['stage'] === 'archiver')
          this.#point(COLLECTOR_MEASUREMENTS.rejects, st.tags, { count: st.count }, now);
      }
    });
  }

  /** Writes every measurement now. */
  report(): void {
    this.#safely(() => {
      const now = this.#o.clock.now();
      for (const s of this.#series.values()) this.#writeSeries(s, now);
      for (const [tf, loop] of this.#loops) this.#writeLoop(tf, loop, now);
      if (this.#archive) this.#writeArchive(this.#archive, now);
      this.#writeShared(now);
    });
  }

  /** Calls {@link report} every `intervalMs` (wall-clock timer, unref'd); 0 = never. Returns the stop. */
  start(intervalMs: number): () => void {
    if (!(intervalMs > 0)) return () => {};
    const timer = setInterval(() => this.report(), intervalMs);
    timer.unref();
    return () => clearInterval(timer);
  }

  // ---------------------------------------------------------------------------------------------

  #stats(instrument: Instrument, tf: Timeframe): SeriesStats {
    const name = formatInstrument(instrument);
    const key = `${name}|${tf}`;
    let s = this.#series.get(key);
    if (!s) {
      s = {
        tf,
        tags: { instrument: name, timeframe: tf },
        latest: undefined,
        latestWritten: undefined,
        newestOpen: undefined,
        bars: 0,
        rejects: 0,
        gaps: 0,
        missingBars: 0,
        fetchFailures: 0,
        rateAt: this.#o.clock.now(),
        rateBars: 0,
      };
      this.#series.set(key, s);
    }
    return s;
  }

  #writeSeries(s: SeriesStats, now: number): void {
    const M = COLLECTOR_MEASUREMENTS;
    const b = s.latest;
    if (b && b.openTime !== s.latestWritten) {
      this.#point(
        M.bar,
        s.tags,
        { open: b.open, high: b.high, low: b.low, close: b.close, volume: b.volume },
        b.openTime,
      );
      s.latestWritten = b.openTime;
    }
    const fields: Record<string, number> = {
      bars: s.bars,
      rejects: s.rejects,
      gaps: s.gaps,
      missing_bars: s.missingBars,
      fetch_failures: s.fetchFailures,
    };
    if (s.newestOpen !== undefined) {
      const step = timeframeMs(s.tf);
      fields['last_bar_age_s'] = (now - (s.newestOpen + step)) / 1000;
      const lastClosed = alignOpen(now, s.tf) - step;
      fields['lag_bars'] = Math.max(0, (lastClosed - s.newestOpen) / step);
    }
    if (now > s.rateAt) {
      fields['bars_per_min'] = (s.bars - s.rateBars) / ((now - s.rateAt) / 60_000);
      s.rateAt = now;
      s.rateBars = s.bars;
    }
    this.#point(M.health, s.tags, fields, now);
  }

  #writeLoop(tf: Timeframe, l: LoopStats, now: number): void {
    this.#point(
      COLLECTOR_MEASUREMENTS.loop,
      { timeframe: tf },
      {
        cycles: l.cycles,
        timed_out: l.timedOut,
        arrived: l.arrived,
        missing: l.missing,
        cycle_s: l.cycleS,
        delay_s: l.delayS,
      },
      now,
    );
  }

  #writeArchive(a: ArchiveStats, now: number): void {
    const c = a.counters;
    const fields: Record<string, number> = {
      received: c.received,
      written: c.written,
      duplicates: c.duplicates,
      conflicts: c.conflicts,
      rejected: c.rejected,
      batches: c.batches,
      write_failures: c.writeFailures,
      dead_lettered: c.deadLettered,
    };
    if (now > a.rateAt) {
      fields['written_per_min'] = (c.written - a.rateWritten) / ((now - a.rateAt) / 60_000);
      a.rateAt = now;
      a.rateWritten = c.written;
    }
    this.#point(COLLECTOR_MEASUREMENTS.archive, {}, fields, now);
  }

  /** Requests and errors per endpoint, rejects, process totals. */
  #writeShared(now: number): void {
    const M = COLLECTOR_MEASUREMENTS;
    const c = this.#o.counters;
    for (const [endpoint, requests] of Object.entries(c.requestsByEndpoint)) {
      const errors = c.errorsByEndpoint[endpoint] ?? {};
      const retries = c.retriesByEndpoint[endpoint] ?? {};
      this.#point(M.requests, { endpoint }, { requests, errors: sum(errors), retries: sum(retries) }, now);
      for (const [cause, n] of Object.entries(errors)) {
        this.#point(M.errors, { endpoint, cause }, { errors: n, retries: retries[cause] ?? 0 }, now);
      }
    }
    for (const st of this.#rejects.values()) this.#point(M.rejects, st.tags, { count: st.count }, now);
    const sink = this.#o.sink.stats();
    this.#point(
      M.process,
      {},
      {
        requests: c.requests,
        retries: c.retries,
        fetch_failures: c.fetchFailures,
        bars_published: c.barsPublished,
        bars_rejected: c.barsRejected,
        forming_dropped: c.formingDropped,
        gaps: c.gapsReported,
        missing_bars: c.missingBarsReported,
        pages_reasked: c.pagesReasked,
        reask_recovered: c.reaskRecovered,
        bar_sets: c.barSetsPublished,
        cycles: c.cycles,
        funding_published: c.fundingPublished,
        funding_failures: c.fundingFailures,
        // The sink's own health: visible once InfluxDB is back (dropped = lost during the outage).
        metrics_buffered: sink.buffered,
        metrics_dropped: sink.dropped,
        metrics_failed_writes: sink.failedWrites,
        ...this.#o.gauges?.(),
      },
      now,
    );
  }

  #point(measurement: string, tags: MetricTags, fields: MetricFields, timeMs: number): void {
    this.#o.sink.point(measurement, tags, fields, timeMs);
  }

  #safely(fn: () => void): void {
    try {
      fn();
    } catch (e) {
      this.failures += 1;
      if (this.failures === 1) {
        this.#o.log?.warn({ err: (e as Error)?.message }, 'collector metrics failed; the pipeline goes on');
      }
    }
  }
}

function sum(m: Readonly<Record<string, number>>): number {
  let n = 0;
  for (const v of Object.values(m)) n += v;
  return n;
}
