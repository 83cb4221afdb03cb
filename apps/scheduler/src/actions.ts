import { type BacktestConfig, computeMetrics, type InstrumentData, runBacktest } from '@algotrader/backtest';
import {
  type Bus,
  type BusLogger,
  type CompactionSummary,
  requestCompaction,
  subjects,
} from '@algotrader/bus';
import {
  ArchiveWriter,
  type BackfillReport,
  type BarSink,
  BusAlertSink,
  BusBarSink,
  backfillSeries,
  DEFAULT_RETRY,
  newCollectorCounters,
  type OkxMarketData,
  type RetryPolicy,
  StoreBarSink,
  withRetry,
} from '@algotrader/collector';
import {
  AlgoError,
  alertKey,
  alignOpen,
  type Clock,
  ErrorCode,
  formatInstrument,
  type Instrument,
  isAlgoError,
  parseInstrument,
  symbolToken,
  type Timeframe,
} from '@algotrader/core';
import type { MetricsSink } from '@algotrader/metrics';
import { writeBacktestSummary } from '@algotrader/monitor';
import { type Alert, codecs, pb } from '@algotrader/proto';
import { ParquetStore } from '@algotrader/store';
import { getStrategy, parseParams } from '@algotrader/strategy';
import type { BacktestSpec } from './config';
import type { JobActions } from './jobs';
import type { JobContext } from './scheduler';
import type { KvLock } from './store-lock';

const DAY_MS = 86_400_000;

/** Alert code of the daily-summary trigger; the notifier sends its summary when it sees it. */
export const DAILY_SUMMARY_DUE = 'daily_summary_due';
/** Alert code of the nightly backtests' headline figures. */
export const NIGHTLY_BACKTESTS = 'nightly_backtests';

export interface JobDeps {
  readonly bus: Bus;
  /** Wall time (the backfill's "now", alert times). */
  readonly clock: Clock;
  readonly log: BusLogger;
  /** This replica's id. */
  readonly instance: string;
  /** Root of the Parquet store (ALGOTRADER_DATA_DIR). */
  readonly dataDir: string;
  /** See `SchedulerSettings.storeWriter`. */
  readonly storeWriter: 'archiver' | 'scheduler';
  /** The series the collector keeps (COLLECTOR_SYMBOLS, COLLECTOR_TIMEFRAMES). */
  readonly symbols: readonly Instrument[];
  readonly timeframes: readonly Timeframe[];
  /** COLLECTOR_SINCE: where a series with nothing stored starts; unset, such a series is skipped. */
  readonly since: number | undefined;
  readonly md: OkxMarketData;
  /** Where backtest summaries go (InfluxDB, or a NullSink without INFLUX_URL). */
  readonly metrics: MetricsSink;
  readonly backtests: readonly BacktestSpec[];
  /** The store-writer lock across replicas; required when `storeWriter` is `scheduler`. */
  readonly lock?: KvLock;
  /** How long the collector may take to compact, ms. Default 10 min. */
  readonly compactTimeoutMs?: number;
  /** OKX request retries. Default the collector's. */
  readonly retry?: RetryPolicy;
  /** Each finished job's report (tests, and the logs). */
  readonly onReport?: (job: string, report: JobReport) => void;
}

export interface SeriesBackfill {
  readonly instrument: string;
  readonly tf: Timeframe;
  /** Bars handed on (published or stored). */
  readonly bars: number;
  readonly resumedAfter?: number | undefined;
  readonly from?: number;
  readonly to?: number;
  readonly gaps?: number;
  readonly rejects?: number;
  /** Why nothing was fetched, when nothing was. */
  readonly skipped?: string;
  readonly error?: string;
}

export interface BackfillJobReport {
  readonly kind: 'backfill';
  /** `bus`: published to md.bar.* for the archiver; `store`: written into the store directly. */
  readonly via: 'bus' | 'store';
  readonly bars: number;
  readonly series: readonly SeriesBackfill[];
}

export interface CompactionJobReport extends CompactionSummary {
  readonly kind: 'compaction';
  /** `collector`: asked of the store's writer over NATS; `store`: done here. */
  readonly via: 'collector' | 'store';
  readonly durationMs: number;
}

export interface DailySummaryJobReport {
  readonly kind: 'daily-summary';
  readonly dueMs: number;
  /** OPS stream sequence of the trigger. */
  readonly seq: number;
  /** The stream already held this trigger (a retry, or a second replica): nothing new was published. */
  readonly duplicate: boolean;
}

export interface BacktestOutcome {
  readonly name: string;
  readonly strategy: string;
  readonly symbols: readonly string[];
  readonly timeframe: Timeframe;
  readonly from: number;
  readonly to: number;
  readonly bars: number;
  readonly totalReturn: number;
  readonly cagr: number;
  readonly sharpe: number;
  readonly maxDrawdown: number;
  readonly trades: number;
  readonly winRate: number;
  readonly finalEquity: number;
}

export interface BacktestJobReport {
  readonly kind: 'backtests';
  /** The `run` tag of the summaries, e.g. `nightly-2025-06-03T02:00Z`. */
  readonly run: string;
  readonly results: readonly BacktestOutcome[];
  readonly failures: readonly { readonly name: string; readonly error: string }[];
}

export type JobReport = BackfillJobReport | CompactionJobReport | DailySummaryJobReport | BacktestJobReport;

/**
 * The real work behind the standard jobs. Every method is safe to run again for the same
 * occurrence (a retry or a takeover): bars carry their bar key as message id, or are merged by
 * open time in the store; compaction is idempotent; the trigger carries a message id; a summary
 * point is written at the scheduled instant, so a re-run overwrites it.
 */
export class SchedulerJobs {
  readonly #d: JobDeps;

  constructor(deps: JobDeps) {
    if (deps.storeWriter === 'scheduler' && !deps.lock) {
      throw new AlgoError(
        ErrorCode.InvalidConfig,
        'the scheduler as store writer needs the store-writer lock',
      );
    }
    this.#d = deps;
  }

  /** The actions for `standardJobs`; nightly backtests only when some are configured. */
  actions(): JobActions {
    const wrap =
      <R extends JobReport>(fn: (ctx: JobContext) => Promise<R>) =>
      async (ctx: JobContext): Promise<void> => {
        const report = await fn(ctx);
        this.#d.log.info({ job: ctx.job, scheduledMs: ctx.scheduledMs, ...summarize(report) }, 'job report');
        this.#d.onReport?.(ctx.job, report);
      };
    return {
      catchUpBackfill: wrap((ctx) => this.catchUpBackfill(ctx)),
      parquetCompaction: wrap((ctx) => this.compact(ctx)),
      dailySummary: wrap((ctx) => this.triggerDailySummary(ctx)),
      ...(this.#d.backtests.length > 0
        ? { nightlyBacktests: wrap((ctx) => this.nightlyBacktests(ctx)) }
        : {}),
    };
  }

  /**
   * Fetches, per configured series, the closed bars from after the newest one held up to now —
   * the collector's own backfill. With the archiver as the store's writer they are published to
   * `md.bar.*` with bar-key message ids (the newest held is the newer of the stream's last bar and
   * the store's); with the scheduler as writer they go into the store under the writer lock.
   * One failing series does not stop the others; the job fails afterwards, naming it.
   */
  async catchUpBackfill(ctx: Pick<JobContext, 'signal' | 'job'>): Promise<BackfillJobReport> {
    const d = this.#d;
    const run = async (signal: AbortSignal): Promise<BackfillJobReport> => {
      const store = await ParquetStore.open(d.dataDir);
      const alerts = new BusAlertSink(d.bus, d.clock);
      try {
        const sink: BarSink =
          d.storeWriter === 'archiver'
            ? conflictTolerant(new BusBarSink(d.bus, { source: 'backfill', store }))
            : new StoreBarSink(new ArchiveWriter(store, alerts));
        const retry = d.retry ?? DEFAULT_RETRY;
        const listed = await withRetry(() => d.md.listed(d.symbols), retry, { signal });
        const counters = newCollectorCounters();
        const series: SeriesBackfill[] = [];
        for (const instrument of d.symbols) {
          for (const tf of d.timeframes) {
            signal.throwIfAborted();
            const name = formatInstrument(instrument);
            const info = listed.get(symbolToken(instrument));
            if (!info) {
              series.push({ instrument: name, tf, bars: 0, skipped: 'not a live OKX SPOT market' });
              continue;
            }
            try {
              const last = await sink.lastOpenTime(instrument, tf);
              if (last === undefined && d.since === undefined) {
                series.push({
                  instrument: name,
                  tf,
                  bars: 0,
                  skipped: 'nothing held yet and COLLECTOR_SINCE unset (the collector starts it)',
                });
                continue;
              }
              const r: BackfillReport = await backfillSeries(instrument, tf, {
                md: d.md,
                clock: d.clock,
                sink,
                alerts,
                // After the newest bar held; `since` only for a series with nothing held.
                since: last === undefined ? (d.since ?? 0) : 0,
                listTime: info.listTime,
                counters,
                retry,
                signal,
              });
              series.push({
                instrument: name,
                tf,
                bars: r.bars,
                resumedAfter: r.resumedAfter,
                from: r.from,
                to: r.to,
                gaps: r.gaps.length,
                rejects: r.rejects.length,
              });
            } catch (e) {
              if (signal.aborted) throw e;
              series.push({ instrument: name, tf, bars: 0, error: message(e) });
            }
          }
        }
        const report: BackfillJobReport = {
          kind: 'backfill',
          via: d.storeWriter === 'archiver' ? 'bus' : 'store',
          bars: series.reduce((n, s) => n + s.bars, 0),
          series,
        };
        const failed = series.filter((s) => s.error !== undefined);
        if (failed.length > 0) {
          throw new AlgoError(
            ErrorCode.Transport,
            `backfill failed for ${failed.map((s) => `${s.instrument} ${s.tf}: ${s.error}`).join('; ')} (${report.bars} bars done)`,
          );
        }
        return report;
      } finally {
        await alerts.flush();
        await store.close();
      }
    };
    return d.storeWriter === 'scheduler' ? d.lock!.withLock(ctx.job, ctx.signal, run) : run(ctx.signal);
  }

  /**
   * Merges each store partition's files into one. The store takes one writer: with the archiver as
   * writer the collector is asked to do it (so it runs between the archiver's appends, in its
   * process); otherwise it runs here under the writer lock.
   */
  async compact(ctx: Pick<JobContext, 'signal' | 'job' | 'scheduledMs'>): Promise<CompactionJobReport> {
    const d = this.#d;
    if (d.storeWriter === 'archiver') {
      const r = await requestCompaction(
        d.bus.nc,
        { job: ctx.job, scheduledMs: ctx.scheduledMs, requestedBy: d.instance },
        d.compactTimeoutMs ?? 600_000,
      );
      return { kind: 'compaction', via: 'collector', ...pickSummary(r), durationMs: r.durationMs };
    }
    return d.lock!.withLock(ctx.job, ctx.signal, async () => {
      const store = await ParquetStore.open(d.dataDir, { compactAboveFiles: Number.POSITIVE_INFINITY });
      try {
        const started = performance.now();
        const r = await store.compact();
        return {
          kind: 'compaction',
          via: 'store',
          ...pickSummary(r),
          durationMs: Math.round(performance.now() - started),
        };
      } finally {
        await store.close();
      }
    });
  }

  /**
   * The daily summary is built by the notifier, which holds the day's fills and snapshots: this
   * publishes its trigger, an info Alert `daily_summary_due` with label `due_ms`, under a message id
   * made of the scheduled instant, so the stream keeps one trigger per day however often it is sent.
   */
  async triggerDailySummary(ctx: Pick<JobContext, 'job' | 'scheduledMs'>): Promise<DailySummaryJobReport> {
    const d = this.#d;
    const due = new Date(ctx.scheduledMs).toISOString();
    const alert: Alert = {
      severity: pb.Severity.SEVERITY_INFO,
      source: d.bus.service,
      code: DAILY_SUMMARY_DUE,
      message: `daily summary due for the period ending ${due}`,
      labels: { job: ctx.job, due_ms: String(ctx.scheduledMs), due },
      timeMs: d.clock.now(),
      dedupeKey: `${DAILY_SUMMARY_DUE}:${ctx.scheduledMs}`,
    };
    const ack = await d.bus.publish(codecs.Alert, subjects.alert('info'), alert, {
      msgId: alertKey(d.bus.service, DAILY_SUMMARY_DUE, ctx.scheduledMs),
    });
    return { kind: 'daily-summary', dueMs: ctx.scheduledMs, seq: ack.seq, duplicate: ack.duplicate };
  }

  /**
   * Runs each configured backtest over the stored bars of the trailing window that ends at the
   * scheduled instant (bars closed by then), writes its summary to the metrics sink for the
   * backtest-comparison dashboard (tag `strategy` = the backtest's name, `run` = this night), and
   * publishes one info alert with the headline figures. A failing backtest does not stop the
   * others; the job fails afterwards, naming it. So does a summary InfluxDB did not take.
   */
  async nightlyBacktests(ctx: Pick<JobContext, 'signal' | 'scheduledMs'>): Promise<BacktestJobReport> {
    const d = this.#d;
    const run = `nightly-${new Date(ctx.scheduledMs).toISOString().slice(0, 16)}Z`;
    const results: BacktestOutcome[] = [];
    const failures: { name: string; error: string }[] = [];
    const store = await ParquetStore.open(d.dataDir, { compactAboveFiles: Number.POSITIVE_INFINITY });
    try {
      for (const spec of d.backtests) {
        ctx.signal.throwIfAborted();
        const name = spec.name ?? spec.strategy;
        try {
          results.push(await this.#backtest(store, spec, name, ctx.scheduledMs, run));
        } catch (e) {
          if (ctx.signal.aborted) throw e;
          failures.push({ name, error: message(e) });
          d.log.warn({ backtest: name, err: message(e) }, 'nightly backtest failed');
        }
      }
    } finally {
      await store.close();
    }
    const report: BacktestJobReport = { kind: 'backtests', run, results, failures };
    await this.#publishBacktestAlert(report, ctx.scheduledMs);
    try {
      await d.metrics.flush();
    } catch (e) {
      throw new AlgoError(
        ErrorCode.Transport,
        `backtest summaries not written to InfluxDB (kept buffered): ${message(e)}`,
        undefined,
        { cause: e },
      );
    }
    if (failures.length > 0) {
      throw new AlgoError(
        ErrorCode.InvalidData,
        `${failures.length} of ${d.backtests.length} nightly backtests failed: ${failures.map((f) => `${f.name}: ${f.error}`).join('; ')}`,
      );
    }
    return report;
  }

  async #backtest(
    store: ParquetStore,
    spec: BacktestSpec,
    name: string,
    endMs: number,
    run: string,
  ): Promise<BacktestOutcome> {
    const tf = spec.timeframe as Timeframe;
    const strategy = getStrategy(spec.strategy);
    // Bars closed by the scheduled instant: open times below the bar forming then.
    const to = alignOpen(endMs, tf);
    const from = alignOpen(to - spec.lookbackDays * DAY_MS, tf);
    const instruments = spec.symbols.map((s) => parseInstrument(s, 'OKX'));
    const series: InstrumentData[] = [];
    for (const instrument of instruments) {
      const bars = await retryConflict(() => store.read(instrument, tf, { from, to }));
      series.push({ instrument, bars });
    }
    const bars = series.reduce((n, s) => n + s.bars.openTime.length, 0);
    if (bars === 0) {
      throw new AlgoError(
        ErrorCode.InvalidData,
        `no stored ${tf} bars of ${spec.symbols.join(', ')} between ${iso(from)} and ${iso(to)}`,
      );
    }
    const result = runBacktest({
      strategy,
      params: spec.params,
      data: { timeframe: tf, series },
      initialCash: spec.initialCash,
      account: 'nightly',
      ...(spec.fillModel ? { fillModel: spec.fillModel as NonNullable<BacktestConfig['fillModel']> } : {}),
    });
    const m = computeMetrics(result);
    writeBacktestSummary(this.#d.metrics, {
      strategy: name,
      run,
      totalReturn: m.totalReturn,
      cagr: m.cagr,
      sharpe: m.sharpe,
      maxDrawdown: m.maxDrawdown.depth,
      trades: m.tradeCount,
      winRate: m.winRate,
      finalEquity: m.finalEquity,
      timeMs: endMs,
    });
    return {
      name,
      strategy: spec.strategy,
      symbols: instruments.map(formatInstrument),
      timeframe: tf,
      from,
      to,
      bars,
      totalReturn: m.totalReturn,
      cagr: m.cagr,
      sharpe: m.sharpe,
      maxDrawdown: m.maxDrawdown.depth,
      trades: m.tradeCount,
      winRate: m.winRate,
      finalEquity: m.finalEquity,
    };
  }

  async #publishBacktestAlert(r: BacktestJobReport, scheduledMs: number): Promise<void> {
    const d = this.#d;
    const lines = r.results.map(
      (b) =>
        `${b.name} (${b.symbols.join(', ')} ${b.timeframe}, ${iso(b.from).slice(0, 10)} → ${iso(b.to).slice(0, 10)}): ` +
        `return ${pct(b.totalReturn)}, Sharpe ${fixed(b.sharpe)}, max drawdown ${pct(b.maxDrawdown)}, ` +
        `${b.trades} trades, win rate ${pct(b.winRate)}, final equity ${fixed(b.finalEquity)}`,
    );
    for (const f of r.failures) lines.push(`${f.name}: failed: ${f.error}`);
    const labels: Record<string, string> = {
      run: r.run,
      backtests: String(r.results.length),
      failed: String(r.failures.length),
    };
    for (const b of r.results) {
      labels[`${b.name}.total_return`] = String(b.totalReturn);
      labels[`${b.name}.sharpe`] = String(b.sharpe);
      labels[`${b.name}.max_drawdown`] = String(b.maxDrawdown);
      labels[`${b.name}.trades`] = String(b.trades);
    }
    const alert: Alert = {
      severity: pb.Severity.SEVERITY_INFO,
      source: d.bus.service,
      code: NIGHTLY_BACKTESTS,
      message: `nightly backtests ${r.run}: ${r.results.length} ran, ${r.failures.length} failed\n${lines.join('\n')}`,
      labels,
      timeMs: d.clock.now(),
      dedupeKey: `${NIGHTLY_BACKTESTS}:${scheduledMs}`,
    };
    await d.bus.publish(codecs.Alert, subjects.alert('info'), alert, {
      msgId: alertKey(d.bus.service, NIGHTLY_BACKTESTS, scheduledMs),
    });
  }
}

/**
 * Checks each configured backtest before anything is scheduled: the strategy exists, its
 * parameters parse, the timeframe suits it, the symbols parse, and the fill model is accepted (a
 * dry run over one synthetic bar per symbol). Throws `E_CONFIG` naming the backtest.
 */
export function validateBacktests(specs: readonly BacktestSpec[]): void {
  for (const spec of specs) {
    const name = spec.name ?? spec.strategy;
    try {
      const strategy = getStrategy(spec.strategy);
      parseParams(strategy, spec.params);
      const tf = spec.timeframe as Timeframe;
      const t = alignOpen(Date.UTC(2020, 0, 1), tf);
      const one = () => ({
        openTime: Float64Array.of(t),
        open: Float64Array.of(1),
        high: Float64Array.of(1),
        low: Float64Array.of(1),
        close: Float64Array.of(1),
        volume: Float64Array.of(1),
      });
      runBacktest({
        strategy,
        params: spec.params,
        data: {
          timeframe: tf,
          series: spec.symbols.map((s) => ({ instrument: parseInstrument(s, 'OKX'), bars: one() })),
        },
        initialCash: spec.initialCash,
        ...(spec.fillModel ? { fillModel: spec.fillModel as NonNullable<BacktestConfig['fillModel']> } : {}),
      });
    } catch (e) {
      throw new AlgoError(ErrorCode.InvalidConfig, `SCHEDULER_BACKTESTS: backtest "${name}": ${message(e)}`);
    }
  }
}

/**
 * The bus sink with a store read that tolerates the writer compacting underneath it (the store
 * reports a listing made stale by another process as `E_CONFLICT`: "retry").
 */
function conflictTolerant(sink: BusBarSink): BarSink {
  return {
    write: (i, tf, bars) => sink.write(i, tf, bars),
    lastOpenTime: (i, tf) => retryConflict(() => sink.lastOpenTime(i, tf)),
  };
}

async function retryConflict<T>(fn: () => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (e) {
      if (!isAlgoError(e, ErrorCode.Conflict) || attempt >= attempts) throw e;
      await new Promise((r) => setTimeout(r, 100 * attempt));
    }
  }
}

function pickSummary(r: CompactionSummary): CompactionSummary {
  return { partitions: r.partitions, filesBefore: r.filesBefore, filesAfter: r.filesAfter, rows: r.rows };
}

function summarize(r: JobReport): Record<string, unknown> {
  switch (r.kind) {
    case 'backfill':
      return { via: r.via, bars: r.bars, series: r.series };
    case 'backtests':
      return {
        run: r.run,
        results: r.results.map((b) => ({ name: b.name, totalReturn: b.totalReturn, trades: b.trades })),
        failures: r.failures,
      };
    default:
      return { ...r };
  }
}

function message(e: unknown): string {
  // A zod error (e.g. a fill model refused by its schema) reads better as its issues than as JSON.
  const issues = (e as { issues?: { path: PropertyKey[]; message: string }[] })?.issues;
  if (Array.isArray(issues) && issues.length > 0) {
    return issues.map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`).join('; ');
  }
  return e instanceof Error ? e.message : String(e);
}

function iso(ms: number): string {
  return new Date(ms).toISOString().replace(':00.000Z', 'Z');
}

function pct(x: number): string {
  return Number.isFinite(x) ? `${(x * 100).toFixed(2)} %` : 'n/a';
}

function fixed(x: number): string {
  return Number.isFinite(x) ? x.toFixed(2) : 'n/a';
}
