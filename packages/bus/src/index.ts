export {
  Bus,
  type BusLogger,
  type BusOptions,
  CONTENT_TYPE_PROTOBUF,
  type ConsumeOptions,
  type ConsumerHandle,
  HDR_CONTENT_TYPE,
  HDR_CORRELATION,
  HDR_EXPECTED_LAST_MSG_ID,
  HDR_PRODUCER,
  HDR_PROTO_TYPE,
  type MessageMeta,
  natsAuth,
  type PublishOptions,
  serverList,
} from './bus';
export { loadCheckpoint, saveCheckpoint } from './checkpoint';
export {
  COMPACT_SUBJECT,
  type CompactionServer,
  type CompactionSummary,
  type CompactReply,
  type CompactRequest,
  requestCompaction,
  serveCompactionRequests,
} from './compaction';
export {
  type Control,
  type ControlChange,
  controlKey,
  controlKeys,
  type Entry as ControlEntry,
  HALT_STAGES,
  type HaltStage,
  haltKey,
  mergeControl,
  readControl,
  requestHalt,
  type TradingStateName,
  tradingStateName,
  updateControl,
} from './control';
export {
  boundedDeadLetter,
  DEAD_LETTER_PREFIX_BYTES,
  type DeadLetterInput,
  DL_PAYLOAD_BYTES,
  DL_PAYLOAD_SHA256,
  DL_PAYLOAD_TRUNCATED,
} from './dead-letter';
export { archiverConsumer, monitorConsumers, notifierConsumers, serviceConsumers } from './durables';
export {
  isPermissionError,
  isRetryablePublishError,
  isUnansweredPublish,
  PermanentError,
  publishFailureText,
  storeFullReason,
  unansweredText,
} from './errors';
export { drainOnSignals, startHeartbeat } from './lifecycle';
export type { BusCounters } from './metrics';
export { OrderedPublisher } from './ordered-publisher';
export { PubAckMux } from './pub-ack';
export { runService, type ServiceContext, type ServiceDefinition } from './service';
export { messageTypeForSubject, subjects } from './subjects';
export {
  type ConsumerSpec,
  checkStreamLimits,
  type EnsureOptions,
  ensureConsumer,
  ensureOptions,
  ensureTopology,
  type KvSpec,
  STREAM_MAX_CONSUMERS,
  type StreamLimits,
  type StreamSpec,
  SYSTEM_TOPOLOGY,
  type Topology,
} from './topology';
