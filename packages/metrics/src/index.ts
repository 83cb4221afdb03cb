export { createMetricsSink, type MetricsConfig } from './factory';
export { InfluxSink, type InfluxSinkOptions, type SinkLogger } from './influx-sink';
export { type MetricFields, type MetricsSink, type MetricTags, NullSink, type SinkStats } from './sink';
