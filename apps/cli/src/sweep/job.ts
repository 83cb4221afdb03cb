/** One backtest of a sweep: what it is, how it runs, what it reports. */
import { type BacktestData, computeMetrics, type Metrics, runBacktest } from '@algotrader/backtest';
import type { BarColumns, Timeframe } from '@algotrader/core';
import type { FillModelConfig } from '@algotrader/portfolio';
import type { Params } from './grid';
import { checkParams } from './spec';
import { buildStrategy, type StrategyCatalog } from './strategies';

/** Where a worker finds the bars: what `--data`, `--symbols` and `--tf` said (symbols resolved). */
export interface DataRef {
  readonly data: string;
  readonly symbols: readonly string[];
  readonly timeframe: Timeframe;
}

/** The domain form of a `SweepJob` message. */
export interface ResearchJob {
  readonly sweepId: string;
  readonly jobId: number;
  readonly strategy: string;
  readonly params: Params;
  readonly dataRef: DataRef;
  /** Open times in [from, to); undefined: from the start / to the end of the data. */
  readonly from?: number;
  readonly to?: number;
  readonly fillModel: FillModelConfig;
  readonly initialCash: number;
  /** `''` for a plain sweep; `w3:train` / `w3:test` in a walk-forward. */
  readonly window: string;
}

/** The domain form of a `SweepResult` message. */
export interface JobResult {
  readonly sweepId: string;
  readonly jobId: number;
  readonly params: Params;
  readonly window: string;
  /** See {@link metricsRecord}; empty when the job failed. */
  readonly metrics: Readonly<Record<string, number>>;
  /** Non-empty when the job failed (bad parameters, no bars in the window, ...). */
  readonly error: string;
  readonly worker: string;
  readonly seconds: number;
}

/** The flat metrics a sweep ranks by (snake_case, as in the SweepResult map and InfluxDB). */
export function metricsRecord(m: Metrics, barSteps: number, fills: number): Record<string, number> {
  return {
    total_return: m.totalReturn,
    cagr: m.cagr,
    annual_volatility: m.annualVolatility,
    sharpe: m.sharpe,
    sortino: m.sortino,
    calmar: m.calmar,
    max_drawdown: m.maxDrawdown.depth,
    max_drawdown_days: m.maxDrawdown.durationMs / 86_400_000,
    exposure: m.exposure,
    avg_exposure: m.avgExposure,
    turnover: m.turnover,
    fees_paid: m.feesPaid,
    trade_count: m.tradeCount,
    win_rate: m.winRate,
    profit_factor: m.profitFactor,
    expectancy: m.expectancy,
    avg_win: m.avgWin,
    avg_loss: m.avgLoss,
    avg_holding_hours: m.avgHoldingMs / 3_600_000,
    max_consecutive_wins: m.maxConsecutiveWins,
    max_consecutive_losses: m.maxConsecutiveLosses,
    final_equity: m.finalEquity,
    fills,
    bar_steps: barSteps,
  };
}

function lowerBound(t: Float64Array, x: number): number {
  let lo = 0;
  let hi = t.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (t[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Views (no copy) of each series' rows with open time in [from, to). */
export function sliceData(data: BacktestData, from?: number, to?: number): BacktestData {
  if (from === undefined && to === undefined) return data;
  return {
    timeframe: data.timeframe,
    series: data.series.map((s) => {
      const t = s.bars.openTime;
      const a = from === undefined ? 0 : lowerBound(t, from);
      const b = to === undefined ? t.length : lowerBound(t, to);
      const v = (c: Float64Array) => c.subarray(a, b);
      const bars: BarColumns = {
        openTime: v(t),
        open: v(s.bars.open),
        high: v(s.bars.high),
        low: v(s.bars.low),
        close: v(s.bars.close),
        volume: v(s.bars.volume),
      };
      return { ...s, bars };
    }),
  };
}

function shared(src: Float64Array): Float64Array {
  const out = new Float64Array(new SharedArrayBuffer(src.length * Float64Array.BYTES_PER_ELEMENT));
  out.set(src);
  return out;
}

/** A copy in SharedArrayBuffers: posted to worker threads, the bars are shared, not copied again. */
export function shareData(data: BacktestData): BacktestData {
  return {
    timeframe: data.timeframe,
    series: data.series.map((s) => ({
      ...s,
      bars: {
        openTime: shared(s.bars.openTime),
        open: shared(s.bars.open),
        high: shared(s.bars.high),
        low: shared(s.bars.low),
        close: shared(s.bars.close),
        volume: shared(s.bars.volume),
      },
    })),
  };
}

/** The earliest open time and the end (last open + bar) over every series. */
export function dataExtent(data: BacktestData, tfMs: number): [number, number] {
  let start = Number.POSITIVE_INFINITY;
  let end = Number.NEGATIVE_INFINITY;
  for (const s of data.series) {
    const t = s.bars.openTime;
    if (t.length === 0) continue;
    start = Math.min(start, t[0]!);
    end = Math.max(end, t[t.length - 1]! + tfMs);
  }
  return [start, end];
}

/**
 * Runs a job on `data` (the whole data set of its DataRef; the job's range is cut here). A
 * failure of the job itself (parameters the schema refuses, no bars in the window) is returned as
 * `error`, not thrown: it would fail the same way anywhere.
 */
export function runJob(
  catalog: StrategyCatalog,
  job: ResearchJob,
  data: BacktestData,
  worker: string,
): JobResult {
  const started = performance.now();
  const base = { sweepId: job.sweepId, jobId: job.jobId, params: job.params, window: job.window, worker };
  try {
    const slice = sliceData(data, job.from, job.to);
    const strategy = buildStrategy(catalog, job.strategy, slice);
    const params = checkParams(strategy, job.params);
    const result = runBacktest({
      strategy,
      params,
      data: slice,
      initialCash: job.initialCash,
      fillModel: job.fillModel,
    });
    const metrics = metricsRecord(computeMetrics(result), result.barSteps, result.fills.length);
    return { ...base, metrics, error: '', seconds: (performance.now() - started) / 1000 };
  } catch (e) {
    return {
      ...base,
      metrics: {},
      error: (e as Error)?.message ?? String(e),
      seconds: (performance.now() - started) / 1000,
    };
  }
}
