export { esc, scriptJson } from './escape';
export { duration, iso, num, pct, price, utc } from './format';
export { flatten, renderTearsheet, type TearsheetInput } from './html';
export { recordSummary, SUMMARY_MEASUREMENT } from './influx';
export { type ParquetFiles, writeParquetFiles } from './parquet';
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
