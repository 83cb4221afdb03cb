import { errorLabel } from './retry';

/** What the collector counts; exported to InfluxDB by {@link CollectorMetrics} (`telemetry.ts`). */
export interface CollectorCounters {
  /** OKX requests that got an answer or an error (each retry counts). */
  requests: number;
  /** The same, by endpoint: `candles`, `history-candles`, `instruments`. */
  requestsByEndpoint: Record<string, number>;
  /** Failed requests by endpoint, then cause ({@link errorLabel}: `rate_limited`, `unavailable`, …). */
  errorsByEndpoint: Record<string, Record<string, number>>;
  retries: number;
  /** Retries by cause: `rate_limited`, `unavailable`, `maintenance`, `timeout`. */
  retriesByCause: Record<string, number>;
  /** Retries by endpoint, then cause (a retry is a failed request that was asked again). */
  retriesByEndpoint: Record<string, Record<string, number>>;
  /** Fetches given up (retries exhausted, or an error retrying cannot fix). */
  fetchFailures: number;
  barsPublished: number;
  barsRejected: number;
  rejectsByReason: Record<string, number>;
  /** Forming candles (OKX `confirm: "0"`) seen and dropped. */
  formingDropped: number;
  /** Empty candle pages asked a second time before a hole was believed. */
  pagesReasked: number;
  /** Of those, the ones whose second answer held bars (the first was a transient empty page). */
  reaskRecovered: number;
  gapsReported: number;
  missingBarsReported: number;
  barSetsPublished: number;
  cycles: number;
  /** Swap funding rates published (live loop, `public/funding-rate`). */
  fundingPublished: number;
  /** Funding-rate fetches or publishes that failed (alerted as `funding_failed`). */
  fundingFailures: number;
}

export function newCollectorCounters(): CollectorCounters {
  return {
    requests: 0,
    requestsByEndpoint: {},
    errorsByEndpoint: {},
    retries: 0,
    retriesByCause: {},
    retriesByEndpoint: {},
    fetchFailures: 0,
    barsPublished: 0,
    barsRejected: 0,
    rejectsByReason: {},
    formingDropped: 0,
    pagesReasked: 0,
    reaskRecovered: 0,
    gapsReported: 0,
    missingBarsReported: 0,
    barSetsPublished: 0,
    cycles: 0,
    fundingPublished: 0,
    fundingFailures: 0,
  };
}

export function bump(map: Record<string, number>, key: string, n = 1): void {
  map[key] = (map[key] ?? 0) + n;
}

function bump2(map: Record<string, Record<string, number>>, outer: string, inner: string): void {
  map[outer] ??= {};
  bump(map[outer], inner);
}

/**
 * One request attempt to `endpoint`, counted: the request, and on failure the error by cause
 * (rethrown). Wrap the function handed to `withRetry`, so every attempt counts.
 */
export async function countedRequest<T>(
  counters: CollectorCounters,
  endpoint: string,
  fn: () => Promise<T>,
): Promise<T> {
  counters.requests += 1;
  bump(counters.requestsByEndpoint, endpoint);
  try {
    return await fn();
  } catch (e) {
    bump2(counters.errorsByEndpoint, endpoint, errorLabel(e));
    throw e;
  }
}

/** A failed request to `endpoint` that is about to be retried (`withRetry`'s `onRetry`). */
export function countRetry(counters: CollectorCounters, endpoint: string, e: unknown): void {
  const cause = errorLabel(e);
  counters.retries += 1;
  bump(counters.retriesByCause, cause);
  bump2(counters.retriesByEndpoint, endpoint, cause);
}
