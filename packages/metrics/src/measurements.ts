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

/**
 * One point per swap instrument of an account (tags `account`, `instrument`), written by the
 * order-router after each saved account state (paper and OKX swap venues); read by the perpetual
 * swaps dashboard, whose fields are the monitor's `SCHEMA.swapPosition`.
 */
export const SWAP_POSITION_MEASUREMENT = 'swap_position';
/** One point per account holding swaps (tag `account`), written with {@link SWAP_POSITION_MEASUREMENT}. */
export const SWAP_ACCOUNT_MEASUREMENT = 'swap_account';
