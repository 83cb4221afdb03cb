import type { Metrics } from '@algotrader/backtest';
import type { MetricFields, MetricsSink } from '@algotrader/metrics';
// The constant from its own module: the package's index loads the InfluxDB client (and node:http).
import { BACKTEST_MEASUREMENT } from '@algotrader/metrics/measurements';
import type { BacktestSummary } from './summary';

/** Measurement of the per-run summary point: the one the backtest-comparison dashboard reads. */
export const SUMMARY_MEASUREMENT = BACKTEST_MEASUREMENT;

/**
 * Records one `backtest` point per run, tagged strategy / run / timeframe, timestamped at the run's
 * creation; the sink skips non-finite fields (e.g. a Sharpe ratio without variance). Tag and field
 * names are those of the nightly batch's point (monitor `SCHEMA.backtest`), so a CLI run and a
 * nightly run sit side by side on the dashboard. Only records: the caller flushes or closes the sink.
 */
export function recordSummary(sink: MetricsSink, summary: BacktestSummary, metrics: Metrics): void {
  const fields: MetricFields = {
    total_return: metrics.totalReturn,
    cagr: metrics.cagr,
    annual_volatility: metrics.annualVolatility,
    sharpe: metrics.sharpe,
    sortino: metrics.sortino,
    calmar: metrics.calmar,
    max_drawdown: metrics.maxDrawdown.depth,
    max_drawdown_days: metrics.maxDrawdown.durationMs / 86_400_000,
    exposure: metrics.exposure,
    turnover: metrics.turnover,
    fees_paid: metrics.feesPaid,
    trades: metrics.tradeCount,
    win_rate: metrics.winRate,
    profit_factor: metrics.profitFactor,
    expectancy: metrics.expectancy,
    final_equity: metrics.finalEquity,
    fills: summary.counts.fills,
    instruments: summary.instruments.join(','),
  };
  const createdAt = summary.createdAt === null ? undefined : Date.parse(summary.createdAt);
  sink.point(
    SUMMARY_MEASUREMENT,
    { strategy: summary.strategy, run: summary.runId, timeframe: summary.timeframe },
    fields,
    createdAt,
  );
}
