export { createMetricsSink, type MetricsConfig } from './factory';
export { InfluxSink, type InfluxSinkOptions, type SinkLogger } from './influx-sink';
export { BACKTEST_MEASUREMENT, SWAP_ACCOUNT_MEASUREMENT, SWAP_POSITION_MEASUREMENT } from './measurements';
export { type MetricFields, type MetricsSink, type MetricTags, NullSink, type SinkStats } from './sink';
