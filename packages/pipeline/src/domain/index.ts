/**
 * The pure part of the pipeline (`@algotrader/pipeline/domain`): the configuration schema, the deciders' shared types,
 * the account state and its codec, the wire mappers and the venue names. No I/O: biome's
 * noRestrictedImports keeps node:*, NATS and the runtime part out, as in packages/core.
 */
export {
  type AccountState,
  type ArmedExits,
  accountKey,
  accountOf,
  decodeAccount,
  decodeOrder,
  encodeAccount,
  encodeOrder,
  KEEP_DONE,
  KEEP_SWAP_BOOKED,
  newAccount,
  type OrderState,
  retire,
  T_PLUS_ONE_VENUES,
} from './account';
export { type BarRow, ohlcvOf, rowOf } from './bar-row';
export {
  type Pipeline,
  type PipelineConfig,
  type PipelineConfigInput,
  PipelineConfigSchema,
  parsePipelineConfig,
  type RiskLimits,
  RiskLimitsSchema,
  resolvePipeline,
  type StrategyEntry,
  StrategyEntrySchema,
} from './config';
export {
  type Action,
  type AlertInput,
  act,
  alert,
  type Decider,
  type Effect,
  type InputMeta,
  type OutMessage,
  out,
  publish,
  type Restored,
  type Severity,
  type StageCheckpoint,
  step,
} from './decider';
export {
  type AccountFill,
  fillIn,
  fillOut,
  type Holding,
  type HoldingsSnapshot,
  type OrderChange,
  orderEventIn,
  orderEventOut,
  orderStateIn,
  orderStateOut,
  positionSnapshotIn,
  positionSnapshotOut,
} from './exec-wire';
export {
  exitReasonIn,
  exitReasonOut,
  exitsIn,
  exitsOut,
  type ProtectiveExitsMsg,
} from './exits-wire';
export {
  type ManualAction,
  type ManualReport,
  manualReportCodec,
  manualReportKey,
  manualReportSubject,
  parseManualArgs,
} from './manual-report';
export { calendarOfMarket, VENUE_NAMES, type VenueName } from './venues';
export {
  type BarIn,
  barIn,
  barOut,
  dec,
  decisionOf,
  type InstrumentRef,
  instrumentOf,
  keyOf,
  num,
  orderRequestIn,
  orderRequestOut,
  parseKey,
  refOf,
  sideOf,
  sideToPb,
  signalOf,
  typeOf,
  typeToPb,
} from './wire';
