import { AlgoError, ErrorCode } from '@algotrader/core';
import { InfluxSink, type InfluxSinkOptions } from './influx-sink';
import { type MetricsSink, NullSink } from './sink';

/** Connection settings as they come from the service config; no `url` means metrics are off. */
export interface MetricsConfig {
  url?: string | undefined;
  token?: string | undefined;
  org?: string | undefined;
  bucket?: string | undefined;
}

/** An {@link InfluxSink} when a URL is configured, otherwise a {@link NullSink}. */
export function createMetricsSink(
  config: MetricsConfig,
  options: Omit<InfluxSinkOptions, 'url' | 'token' | 'org' | 'bucket'> = {},
): MetricsSink {
  if (!config.url) return new NullSink();
  if (!config.org || !config.bucket) {
    throw new AlgoError(ErrorCode.InvalidConfig, 'metrics: an InfluxDB url needs an org and a bucket', {
      url: config.url,
    });
  }
  return new InfluxSink({
    ...options,
    url: config.url,
    org: config.org,
    bucket: config.bucket,
    ...(config.token ? { token: config.token } : {}),
  });
}
