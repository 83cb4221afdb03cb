export {
  type AccountState,
  accountKey,
  accountOf,
  decodeAccount,
  decodeOrder,
  encodeAccount,
  encodeOrder,
  KEEP_DONE,
  newAccount,
  type OrderState,
  retire,
} from './account';
export { Alerter, type AlertInput, type Severity } from './alerts';
export { Checkpointer, Serial } from './checkpointer';
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
export { readAccount, readAll, type Stored } from './inspect';
export {
  AccountStore,
  CHECKPOINTS_BUCKET,
  CONTROL_BUCKET,
  checkpointKeys,
  type DecisionProgress,
  decodeProgress,
  encodeProgress,
  KvFollower,
  ORDERS_BUCKET,
  POSITIONS_BUCKET,
  progressKey,
} from './kv';
export { DEMO_PIPELINE, loadPipeline, loadPipelineFromEnv, PIPELINE_ENV } from './load';
export { Outbox, type OutMessage, out } from './outbox';
export { isBadInput, type ReaderOptions, type ReadMeta, type Route, route, StreamReader } from './reader';
export {
  LIVE_SERVICES,
  type LiveServiceName,
  STAGES,
  type StageName,
  type StageSpec,
  Supervisor,
  type SupervisorEvent,
  type SupervisorOptions,
  stageEntry,
} from './supervisor';
export { VENUE_NAMES, type VenueName } from './venues';
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
