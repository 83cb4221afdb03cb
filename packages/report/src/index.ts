export { type BenchmarkCurve, type Benchmarks, buyAndHold } from './benchmark';
export {
  type ExitReasonRow,
  exitReason,
  exitReasonRows,
  type InstrumentRow,
  instrumentRows,
} from './breakdown';
export { type DrawdownEpisode, drawdownEpisodes, topDrawdowns } from './drawdowns';
export { esc, scriptJson } from './escape';
export { duration, iso, num, pct, price, textTable, utc } from './format';
export { flatten, renderTearsheet, type TearsheetInput } from './html';
export { recordSummary, SUMMARY_MEASUREMENT } from './influx';
export { type ParquetFiles, writeParquetFiles } from './parquet-lazy';
export { closeDay, closeMonth, type Histogram, histogram, periodReturns } from './periods';
export {
  buildPerpSummary,
  type PerpRunInfo,
  type PerpSummary,
  perpSummaryLines,
  renderPerpTearsheet,
} from './perp';
export { type PriceChartData, type PriceSeriesJson, priceChartData } from './price-chart';
export { type RollingStats, rollingStats, rollingWindow } from './rolling';
export {
  type BacktestSummary,
  buildSummary,
  type FillJson,
  fillJson,
  fromJsonNumber,
  type JsonNumber,
  jsonNumber,
  type MetricsJson,
  metricsJson,
  type RunInfo,
  type TradeJson,
  tradeJson,
} from './summary';
export { type ReportFiles, type ReportInput, type WrittenReport, writeReport } from './write';
