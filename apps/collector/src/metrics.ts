/** What the collector counts; exported to heartbeats / InfluxDB by the caller. */
export interface CollectorCounters {
  /** OKX requests that got an answer or an error (each retry counts). */
  requests: number;
  retries: number;
  /** Retries by cause: `rate_limited`, `unavailable`, `maintenance`, `timeout`. */
  retriesByCause: Record<string, number>;
  /** Fetches given up (retries exhausted, or an error retrying cannot fix). */
  fetchFailures: number;
  barsPublished: number;
  barsRejected: number;
  rejectsByReason: Record<string, number>;
  /** Forming candles (OKX `confirm: "0"`) seen and dropped. */
  formingDropped: number;
  gapsReported: number;
  missingBarsReported: number;
  barSetsPublished: number;
  cycles: number;
}

export function newCollectorCounters(): CollectorCounters {
  return {
    requests: 0,
    retries: 0,
    retriesByCause: {},
    fetchFailures: 0,
    barsPublished: 0,
    barsRejected: 0,
    rejectsByReason: {},
    formingDropped: 0,
    gapsReported: 0,
    missingBarsReported: 0,
    barSetsPublished: 0,
    cycles: 0,
  };
}

export function bump(map: Record<string, number>, key: string, n = 1): void {
  map[key] = (map[key] ?? 0) + n;
}
