/**
 * Measurement names that more than one package writes or reads. A name typed twice drifts: the CLI
 * backtest once wrote `backtest_summary` while the backtest-comparison dashboard read `backtest`.
 */

/**
 * One point per backtest run, tagged `strategy`, `run` (and `timeframe` where known): written by
 * `algotrader backtest` (@algotrader/report `recordSummary`) and by the scheduler's nightly batch
 * (@algotrader/monitor `writeBacktestSummary`), read by the backtest-comparison dashboard, whose
 * fields are the monitor's `SCHEMA.backtest`.
 */
export const BACKTEST_MEASUREMENT = 'backtest';
