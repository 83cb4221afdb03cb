/** The research toolkit's public surface (used by `algotrader research …` and by scripts). */
export { factorReportHtml } from './factor/chart';
export {
  type EvaluateOptions,
  evaluateFactor,
  type FactorEvaluation,
  type IcStats,
  type IcSummary,
  type QuantileSummary,
} from './factor/evaluate';
export { buildPanel, type Panel, parseFactor } from './factor/panel';
export { mean, pearson, ranks, spearman, stdev, tStat } from './factor/stats';
export { readSessionCalendar, readText } from './qlib/calendar-file';
export {
  buildCalendar,
  type CalendarRule,
  type ExportSeries,
  exportQlib,
  OHLCV_FIELDS,
  type QlibExportOptions,
  type QlibExportSummary,
} from './qlib/export';
export {
  featureDirName,
  formatCalendarTime,
  freqTimeframe,
  isQlibFreq,
  parseCalendarTime,
  parseQlibFreq,
  QLIB_FREQS,
  type QlibFreq,
  qlibName,
  qlibNames,
} from './qlib/names';
export {
  parseScoreCsv,
  type QlibScore,
  readScoreParquet,
  readScores,
  type TopkScoreRow,
  toTopkScores,
} from './qlib/scores';
