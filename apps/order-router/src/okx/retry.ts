import { classifyOkxError, isTransient } from './errors';

export interface RetryPolicy {
  /** Attempts in all (1 = no retry). */
  readonly attempts: number;
  /** First backoff, ms; doubles per attempt up to `maxMs`. */
  readonly baseMs: number;
  readonly maxMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 5, baseMs: 250, maxMs: 5_000 };

export function backoffMs(policy: RetryPolicy, attempt: number): number {
  return Math.min(policy.baseMs * 2 ** (attempt - 1), policy.maxMs);
}

/**
 * Runs a READ (or another request safe to repeat, such as a cancel), retrying rate limits and
 * unknown outcomes with exponential backoff; rethrows anything else, and the last error.
 */
export async function retryRead<T>(
  fn: () => Promise<T>,
  policy: RetryPolicy,
  onRetry?: (e: unknown, attempt: number, delayMs: number) => void,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (e) {
      if (!isTransient(classifyOkxError(e)) || attempt >= policy.attempts) throw e;
      const delay = backoffMs(policy, attempt);
      onRetry?.(e, attempt, delay);
      await sleep(delay);
    }
  }
}

export function sleep(ms: number): Promise<void> {
  return ms <= 0 ? Promise.resolve() : new Promise((resolve) => setTimeout(resolve, ms));
}
