export { bundledData, repoRoot, sharedData } from './data';
export { NatsServer, type NatsServerOptions, sleep, waitFor } from './nats-server';
export { freePort } from './ports';
export { type ExportedSeries, VictoriaMetrics, type VictoriaMetricsOptions } from './victoria';
export { InfluxDB1, type InfluxSeries, type InfluxStatementResult } from './influxdb1';
