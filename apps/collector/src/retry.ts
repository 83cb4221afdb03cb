import { InvalidNonce, NetworkError, OnMaintenance, RateLimitExceeded, RequestTimeout } from 'ccxt';

export interface RetryPolicy {
  /** Attempts in all (1 = no retry). */
  readonly attempts: number;
  /** First backoff, ms; doubles per attempt up to `maxMs`. */
  readonly baseMs: number;
  readonly maxMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 6, baseMs: 500, maxMs: 15_000 };

/**
 * `retry`: the exchange or the network is busy or down for a moment (ccxt NetworkError and its
 * subclasses: RateLimitExceeded, DDoSProtection, ExchangeNotAvailable incl. OnMaintenance,
 * RequestTimeout). `fatal`: retrying the same request cannot help (bad request, bad symbol, a
 * malformed body, InvalidNonce — a NetworkError in ccxt, but clock skew, not a blip).
 */
export type ErrorClass = 'retry' | 'fatal';

export function classifyError(e: unknown): ErrorClass {
  if (e instanceof InvalidNonce) return 'fatal';
  if (e instanceof NetworkError) return 'retry';
  return 'fatal';
}

/** A short stable label for counters and alert codes. */
export function errorLabel(e: unknown): string {
  if (e instanceof RateLimitExceeded) return 'rate_limited';
  if (e instanceof OnMaintenance) return 'maintenance';
  if (e instanceof RequestTimeout) return 'timeout';
  if (e instanceof NetworkError) return 'unavailable';
  return (e as Error)?.name ?? 'error';
}

export interface RetryHooks {
  /** Called before each backoff sleep. */
  onRetry?(e: unknown, attempt: number, delayMs: number): void;
  signal?: AbortSignal | undefined;
}

/** Runs `fn`, retrying `retry`-class errors with exponential backoff; rethrows the last error. */
export async function withRetry<T>(
  fn: () => Promise<T>,
  policy: RetryPolicy,
  hooks: RetryHooks = {},
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    hooks.signal?.throwIfAborted();
    try {
      return await fn();
    } catch (e) {
      if (classifyError(e) !== 'retry' || attempt >= policy.attempts) throw e;
      const delay = Math.min(policy.baseMs * 2 ** (attempt - 1), policy.maxMs);
      hooks.onRetry?.(e, attempt, delay);
      await sleep(delay, hooks.signal);
    }
  }
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
