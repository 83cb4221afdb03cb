/** Tag values are strings; they identify a series (service, instrument, timeframe…). */
export type MetricTags = Readonly<Record<string, string>>;

/**
 * Field values. Numbers are always written as floats so a field never changes type between points
 * (InfluxDB rejects a point whose field type differs from the one already stored); non-finite
 * numbers are skipped.
 */
export type MetricFields = Readonly<Record<string, number | boolean | string>>;

export interface SinkStats {
  /** Points accepted and waiting to be written (including a batch in flight). */
  buffered: number;
  /** Points the server acknowledged. */
  written: number;
  /** Points discarded to keep the buffer bounded, or offered after close / left at close. */
  dropped: number;
  /** Points the server refused for good (a 4xx other than 408/429); not retried. */
  rejected: number;
  /** Points with no usable field, never buffered. */
  invalid: number;
  /** Failed write requests (each retry counts). */
  failedWrites: number;
  /** Failed write requests since the last success; 0 when healthy. */
  consecutiveFailures: number;
  lastError: string | undefined;
  /** Wall-clock time of the last successful write, ms UTC. */
  lastWriteMs: number | undefined;
}

/**
 * Where services send operational metrics. `point()` is synchronous, O(1) and never throws or
 * waits: metrics must not slow down or break the trading path, even when the server is down.
 */
export interface MetricsSink {
  /** Records one point; `timeMs` defaults to now (ms UTC). */
  point(measurement: string, tags: MetricTags, fields: MetricFields, timeMs?: number): void;
  /** Writes every point buffered so far; rejects if the server could not take them (they stay buffered). */
  flush(): Promise<void>;
  /** Final best-effort flush, then stops; never rejects. Points offered afterwards are dropped. */
  close(): Promise<void>;
  stats(): SinkStats;
}

export function emptyStats(): SinkStats {
  return {
    buffered: 0,
    written: 0,
    dropped: 0,
    rejected: 0,
    invalid: 0,
    failedWrites: 0,
    consecutiveFailures: 0,
    lastError: undefined,
    lastWriteMs: undefined,
  };
}

/** The sink used when no metrics server is configured: accepts everything, keeps nothing. */
export class NullSink implements MetricsSink {
  point(_measurement: string, _tags: MetricTags, _fields: MetricFields, _timeMs?: number): void {}
  async flush(): Promise<void> {}
  async close(): Promise<void> {}
  stats(): SinkStats {
    return emptyStats();
  }
}
