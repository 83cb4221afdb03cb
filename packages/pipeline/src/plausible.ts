import { AlgoError, ErrorCode } from '@algotrader/core';

/** How far ahead of the clock a bar's close time may be (clock skew between machines), ms. */
export const BAR_MAX_FUTURE_ENV = 'ALGOTRADER_BAR_MAX_FUTURE_MS';
export const DEFAULT_BAR_MAX_FUTURE_MS = 5 * 60_000;

/** The tolerance from the environment (`ALGOTRADER_BAR_MAX_FUTURE_MS`), else the default. */
export function barMaxFutureMs(env: Record<string, string | undefined> = process.env): number {
  const raw = env[BAR_MAX_FUTURE_ENV];
  if (raw === undefined || raw.trim() === '') return DEFAULT_BAR_MAX_FUTURE_MS;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0) {
    throw new AlgoError(
      ErrorCode.InvalidConfig,
      `${BAR_MAX_FUTURE_ENV} must be a number of milliseconds >= 0, got "${raw}"`,
    );
  }
  return n;
}

const TIMED: Readonly<Record<string, string>> = {
  'algotrader.v1.Bar': 'bar',
  'algotrader.v1.BarSetClosed': 'bar set',
};

/**
 * Refuses market data dated after the clock: a bar (or bar-set marker) closes at or before "now",
 * up to `maxFutureMs` of clock skew. A bar dated years ahead would otherwise become the stage's
 * latest time, turn every later real bar into a "duplicate" and be saved in its checkpoint.
 * Returns the reason, or undefined when the message is plausible (or carries no bar time).
 */
export function futureBarReason(
  type: string,
  message: unknown,
  nowMs: number,
  maxFutureMs: number,
): string | undefined {
  const what = TIMED[type];
  if (!what) return undefined;
  const raw = (message as { closeTimeMs?: unknown } | undefined)?.closeTimeMs;
  const close = Number(raw ?? 0);
  if (!Number.isFinite(close) || close <= nowMs + maxFutureMs) return undefined;
  return `implausible time: ${what} closes at ${iso(close)}, after the clock (${iso(nowMs)}) by more than ${maxFutureMs} ms (${BAR_MAX_FUTURE_ENV})`;
}

function iso(ms: number): string {
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? String(ms) : d.toISOString();
}
