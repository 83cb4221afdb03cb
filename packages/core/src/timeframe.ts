import { AlgoError, ErrorCode } from './errors';

export const TIMEFRAMES = ['1m', '5m', '15m', '30m', '1h', '4h', '1d'] as const;
export type Timeframe = (typeof TIMEFRAMES)[number];

const MINUTE = 60_000;
const TF_MS: Record<Timeframe, number> = {
  '1m': MINUTE,
  '5m': 5 * MINUTE,
  '15m': 15 * MINUTE,
  '30m': 30 * MINUTE,
  '1h': 60 * MINUTE,
  '4h': 240 * MINUTE,
  '1d': 1440 * MINUTE,
};

export function isTimeframe(x: string): x is Timeframe {
  return (TIMEFRAMES as readonly string[]).includes(x);
}

export function parseTimeframe(x: string): Timeframe {
  if (!isTimeframe(x)) {
    throw new AlgoError(
      ErrorCode.InvalidTimeframe,
      `unknown timeframe "${x}": use one of ${TIMEFRAMES.join(', ')}`,
    );
  }
  return x;
}

/** Length of one bar in milliseconds. */
export function timeframeMs(tf: Timeframe): number {
  return TF_MS[tf];
}

/** Open time of the bar containing `ms` (bars are aligned to the UTC epoch; 1d bars open at 00:00 UTC). */
export function alignOpen(ms: number, tf: Timeframe): number {
  const step = TF_MS[tf];
  return Math.floor(ms / step) * step;
}

export function isAligned(ms: number, tf: Timeframe): boolean {
  return ms % TF_MS[tf] === 0;
}

/** Close time of a bar = open + length (exclusive end; events caused by the bar carry this time). */
export function closeTimeOf(openMs: number, tf: Timeframe): number {
  return openMs + TF_MS[tf];
}

/** Open time of the most recent bar that has fully closed at `nowMs`. */
export function lastClosedOpen(nowMs: number, tf: Timeframe): number {
  return alignOpen(nowMs, tf) - TF_MS[tf];
}
