export {
  type ImportConflict,
  type ImportReject,
  type ImportScreen,
  screenImport,
} from './import-screen';
export { parseCsvBars, readCsvBars, readCsvBarsWithLines, readFreqtradeJson } from './importers';
export {
  type AppendResult,
  type CompactResult,
  type GapQuery,
  ParquetStore,
  type SeriesInfo,
  type SqlOptions,
  type SqlResult,
  type StoreOptions,
  type TimeRange,
} from './parquet-store';
export {
  type FundingAppend,
  type FundingConflict,
  fundingSeriesDir,
  type PerpImport,
  type PerpImportReport,
  PerpStore,
  type PriceKind,
  priceSeriesDir,
  readFundingCsv,
  readPriceCandlesCsv,
} from './perp';
export {
  DEFAULT_OUTLIER_RULE,
  type Gap,
  type OutlierRule,
  type Reject,
  type RejectReason,
  type ValidateOptions,
  type ValidationReport,
  validateBars,
} from './quality';
export * from './us/index';
