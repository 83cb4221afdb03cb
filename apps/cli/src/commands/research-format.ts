export const RESEARCH_USAGE = `usage: algotrader research <command> [options]   (research/README.md)

  export-qlib --source store|<files> --out DIR --freq day|60min [--symbols A/B,..] [--from D] [--to D]
              [--calendar union|grid|<calendar file>] [--market NAME]
      Qlib's data layout (calendars/, instruments/, features/<name>/<field>.<freq>.bin) from the
      Parquet store or CSV files. Calendar default: union of the bars' times for day, grid (24/7) otherwise.
  factor --data SRC [--factor roc:24] [--horizons 1,2,4,8,24,48] [--quantiles 5] [--min-assets N]
         [--symbols ..] [--tf 1h] [--from D] [--to D] [--out DIR]
      Pearson and rank IC per period (mean, t-stat, decay over horizons), quantile returns, turnover;
      writes factor.html and factor.json. --factor: kind:period[:output] of any registered feature, or JSON.
  xs --data SRC [--lookback 168] [--rebalance 24] [--quantiles 5] [backtest options]
      The cross-sectional example: trailing return as a factor (IC, quantiles), then its top quantile
      long-only (xs_momentum, equal weight) through the backtest engine; factor.html + backtest/tearsheet.html.
  topk --scores pred.csv|pred.parquet --data SRC [--topk 50] [--n-drop 5] [--hold-thresh 1]
       [--risk-degree 0.95] [--drop-unknown] [backtest options: --fee --fill --cash --from --to --tf --symbols]
      Backtests Qlib's predictions (datetime, instrument, score) with topk_dropout; writes the usual report.`;

export const pct = (x: number) => (Number.isFinite(x) ? `${(x * 100).toFixed(3)}%` : 'n/a');
export const f4 = (x: number) => (Number.isFinite(x) ? x.toFixed(4) : 'n/a');
export const f2 = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : 'n/a');
/** One row of the IC table: right-aligned cells, 10 wide (fits `Pearson IC` and `-12.345%`). */
export const table = (cells: string[]) => `  ${cells.map((c) => c.padStart(10)).join(' ')}`;
