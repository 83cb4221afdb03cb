import type { BacktestResult, Fill, Metrics, Trade } from '@algotrader/backtest';
import { formatInstrument } from '@algotrader/core';
import type { FillModelConfig } from '@algotrader/portfolio';
import { iso } from './format';

/** What the caller knows about a run that the result does not carry. */
export interface RunInfo {
  /** Names the run: the report directory, the `run_id` tag in InfluxDB. */
  readonly runId: string;
  /** When the run was made, ms UTC (injected: the report never reads the clock). */
  readonly createdAt: number;
  /** Where the bars came from, e.g. a file path, a glob or `store`. */
  readonly dataSource: string;
  /** Requested range of open times, ms UTC ([from, to)); absent when the whole data set ran. */
  readonly from?: number;
  readonly to?: number;
  /** The fill model as parsed (every default visible). */
  readonly fillModel: FillModelConfig;
  /** The command line that reproduces the run, when there is one. */
  readonly command?: string;
}

/**
 * A JSON number: finite numbers as they are; NaN (undefined, e.g. a Sharpe ratio without
 * variance) as null; ±Infinity (a profit factor without losses) as the strings "Infinity" and
 * "-Infinity", since JSON has no such number.
 */
export type JsonNumber = number | null | 'Infinity' | '-Infinity';

export function jsonNumber(x: number): JsonNumber {
  if (Number.isNaN(x)) return null;
  if (x === Number.POSITIVE_INFINITY) return 'Infinity';
  if (x === Number.NEGATIVE_INFINITY) return '-Infinity';
  return x;
}

/** The inverse of {@link jsonNumber}. */
export function fromJsonNumber(x: JsonNumber): number {
  if (x === null) return Number.NaN;
  if (x === 'Infinity') return Number.POSITIVE_INFINITY;
  if (x === '-Infinity') return Number.NEGATIVE_INFINITY;
  return x;
}

export interface TradeJson {
  readonly instrument: string;
  readonly entryTime: string | null;
  readonly exitTime: string | null;
  readonly entryPrice: number;
  readonly exitPrice: number;
  readonly qty: number;
  readonly pnl: number;
  readonly return: JsonNumber;
  readonly fees: number;
  readonly holdingMs: number;
}

export interface FillJson {
  /** Fill time, ms UTC, exactly as the engine reported it. */
  readonly time: number;
  readonly iso: string | null;
  readonly instrument: string;
  readonly side: string;
  readonly qty: number;
  readonly price: number;
  readonly fee: number;
  readonly liquidity: string;
  readonly clientOrderId: string;
}

/** The metrics of `computeMetrics`, JSON-safe; times are ISO strings. */
export interface MetricsJson {
  readonly [name: string]: JsonNumber | string | null | TradeJson | Readonly<Record<string, unknown>>;
}

export interface BacktestSummary {
  readonly kind: 'backtest_summary';
  readonly version: 1;
  readonly runId: string;
  readonly createdAt: string | null;
  readonly command?: string;
  readonly strategy: string;
  /** Parameters as the strategy's schema parsed them (defaults filled in). */
  readonly params: unknown;
  readonly timeframe: string;
  readonly instruments: readonly string[];
  readonly data: { readonly source: string; readonly from: string | null; readonly to: string | null };
  readonly initialCash: number;
  readonly fillModel: FillModelConfig;
  readonly period: {
    /** Open time of the first bar. */
    readonly start: string | null;
    /** Close time of the last bar. */
    readonly end: string | null;
    /** Points of the equity curve (close times of the union of the instruments' bars). */
    readonly points: number;
    readonly barSteps: number;
  };
  readonly counts: {
    readonly decisions: number;
    readonly orders: number;
    readonly ordersByStatus: Readonly<Record<string, number>>;
    readonly rejections: number;
    readonly fills: number;
    readonly trades: number;
  };
  readonly finalEquity: number;
  readonly metrics: MetricsJson;
  /** Positions still open at the end (not in the trades). */
  readonly openPositions: readonly {
    readonly instrument: string;
    readonly qty: number;
    readonly avgPrice: number;
    readonly mark: number;
    readonly unrealizedPnl: number;
  }[];
}

export function tradeJson(t: Trade): TradeJson {
  return {
    instrument: formatInstrument(t.instrument),
    entryTime: iso(t.entryTime),
    exitTime: iso(t.exitTime),
    entryPrice: t.entryPrice,
    exitPrice: t.exitPrice,
    qty: t.qty,
    pnl: t.pnl,
    return: jsonNumber(t.return),
    fees: t.fees,
    holdingMs: t.holdingMs,
  };
}

export function fillJson(f: Fill): FillJson {
  return {
    time: f.time,
    iso: iso(f.time),
    instrument: formatInstrument(f.instrument),
    side: f.side,
    qty: f.qty,
    price: f.price,
    fee: f.fee,
    liquidity: f.liquidity,
    clientOrderId: f.clientOrderId,
  };
}

/** Every metric, JSON-safe (see {@link jsonNumber}); drawdown and trade times as ISO strings. */
export function metricsJson(m: Metrics): MetricsJson {
  const out: Record<string, MetricsJson[string]> = {};
  for (const [k, v] of Object.entries(m)) {
    if (typeof v === 'number') out[k] = k === 'startTime' || k === 'endTime' ? iso(v) : jsonNumber(v);
  }
  out['maxDrawdown'] = {
    depth: jsonNumber(m.maxDrawdown.depth),
    start: iso(m.maxDrawdown.start),
    trough: iso(m.maxDrawdown.trough),
    end: iso(m.maxDrawdown.end),
    durationMs: m.maxDrawdown.durationMs,
  };
  out['annualisation'] = { periodsPerYear: m.annualisation.periodsPerYear, basis: m.annualisation.basis };
  out['bestTrade'] = m.bestTrade ? tradeJson(m.bestTrade) : null;
  out['worstTrade'] = m.worstTrade ? tradeJson(m.worstTrade) : null;
  out['monthlyReturns'] = Object.fromEntries(
    Object.entries(m.monthlyReturns).map(([k, v]) => [k, jsonNumber(v)]),
  );
  return out;
}

/** The JSON summary of a run: metrics, run parameters and fill model, counts, open positions. */
export function buildSummary(result: BacktestResult, metrics: Metrics, run: RunInfo): BacktestSummary {
  const byStatus: Record<string, number> = {};
  for (const o of result.orders) byStatus[o.status] = (byStatus[o.status] ?? 0) + 1;
  const n = result.equity.time.length;
  return {
    kind: 'backtest_summary',
    version: 1,
    runId: run.runId,
    createdAt: iso(run.createdAt),
    ...(run.command === undefined ? {} : { command: run.command }),
    strategy: result.strategy,
    params: result.params,
    timeframe: result.timeframe,
    instruments: result.instruments.map(formatInstrument),
    data: { source: run.dataSource, from: iso(run.from), to: iso(run.to) },
    initialCash: result.initialCash,
    fillModel: run.fillModel,
    period: {
      start: iso(result.startTime),
      end: n > 0 ? iso(result.equity.time[n - 1]!) : null,
      points: n,
      barSteps: result.barSteps,
    },
    counts: {
      decisions: result.decisions.length,
      orders: result.orders.length,
      ordersByStatus: byStatus,
      rejections: result.rejections.length,
      fills: result.fills.length,
      trades: result.trades.length,
    },
    finalEquity: result.finalEquity,
    metrics: metricsJson(metrics),
    openPositions: result.positions
      .filter((p) => p.qty !== 0)
      .map((p) => ({
        instrument: formatInstrument(p.instrument),
        qty: p.qty,
        avgPrice: p.avgPrice,
        mark: p.mark,
        unrealizedPnl: p.unrealizedPnl,
      })),
  };
}
