/** The runtime part (NATS, KV, files); the pure part is `./domain`, re-exported whole. */

export { Alerter } from './alerts';
export { Checkpointer, Serial } from './checkpointer';
export * from './domain/index';
export { readAccount, readAll, readSubjectSince, type Stored } from './inspect';
export {
  AccountStore,
  CHECKPOINTS_BUCKET,
  CONTROL_BUCKET,
  ControlFollower,
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
export {
  BAR_MAX_FUTURE_ENV,
  barMaxFutureMs,
  DEFAULT_BAR_MAX_FUTURE_MS,
  futureBarReason,
  instrumentCheck,
  isOurs,
  type MessageBounds,
  messageBounds,
  outsideWindowReason,
  type ReplayWindow,
} from './plausible';
export { isBadInput, type ReaderOptions, type ReadMeta, type Route, route, StreamReader } from './reader';
export { DeciderRunner, type RunnerOptions } from './runner';
export {
  type StageOptions,
  type StageRoute,
  StageRuntime,
  stageRoute,
} from './stage';
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
