export { type AlertLimits, AlertTracker, type AlertTransition, type Observation, observe } from './alerts';
export { MONITOR_ENV, type MonitorSettings, MonitorSettingsSchema, parseMonitorSettings } from './config';
export { buildDashboards, DATASOURCE_UID, dashboardFileText } from './grafana/dashboards';
export { type ConsumerLag, type LagReport, readLag, type StreamLag } from './lag';
export { Monitor, type MonitorOptions, type StorageTickResult, type TickResult } from './monitor';
export { writeSample, writeStorage } from './points';
export {
  type BacktestSummary,
  ERROR_GAUGES,
  type FieldName,
  SCHEMA,
  type SchemaKey,
  writeBacktestSummary,
  writePoint,
} from './schema';
export { type MonitorSample, MonitorState, rejectReasonName } from './state';
export {
  readStorage,
  type StorageReport,
  type StoreUsage,
  type StreamUsage,
  storageObservations,
} from './storage';
