export { type AlertInput, type AlertSeverity, type AlertSink, BusAlertSink, MemoryAlertSink } from './alerts';
export { type ArchiveCounters, type ArchiveResult, ArchiveWriter, iso } from './archive';
export { Archiver, type ArchiverOptions } from './archiver';
export {
  type BackfillOptions,
  type BackfillProgress,
  type BackfillReport,
  backfillRange,
  backfillSeries,
  reportGap,
} from './backfill';
export { barsToColumns, columnsToBars } from './bars';
export {
  HistoricalPacer,
  IBKR_HISTORICAL_PACING,
  PacedQueue,
  type PacedRequest,
  type PacingClock,
  type PacingLimits,
} from './ibkr-pacing';
export {
  busBarSetPublisher,
  busFundingPublisher,
  type CycleReport,
  LiveCollector,
  type LiveFundingOptions,
  type LiveOptions,
} from './live';
export { type CollectorCounters, countedRequest, countRetry, newCollectorCounters } from './metrics';
export {
  type CandleEndpoint,
  createOkx,
  MalformedResponseError,
  OKX_BAR,
  OKX_CANDLES_DEPTH,
  OKX_MAX_LIMIT,
  type OkxClientOptions,
  OkxMarketData,
  parseCandles,
  type RawCandle,
} from './okx';
export {
  collectFunding,
  collectPerpHistory,
  collectPriceCandles,
  type FundingHistory,
  OkxPerpData,
  type PerpReject,
  type PriceHistory,
} from './perp';
export { type BarReject, type Screened, screenBars } from './quality';
export { classifyError, DEFAULT_RETRY, errorLabel, type RetryPolicy, withRetry } from './retry';
export { ManualScheduler, type Scheduler, SystemScheduler } from './scheduler';
export { COLLECTOR_ENV_KEYS, type CollectorSettings, parseCollectorSettings, parseTime } from './settings';
export {
  type BarSink,
  BusBarSink,
  BusMdPublisher,
  barSetSubject,
  type MdBatch,
  type MdPublisher,
  StoreBarSink,
  sequentialMdPublisher,
} from './sinks';
export {
  COLLECTOR_MEASUREMENTS,
  CollectorMetrics,
  type CollectorMetricsOptions,
  type CycleMetrics,
} from './telemetry';
export { endpointFor, type WalkOptions, type WalkPage, walkCandles } from './walk';
