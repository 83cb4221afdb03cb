import type { BarColumns } from '@algotrader/core';

/**
 * Every risk limit switched off: the cross-stage tests and benches compare the portfolio step and
 * the fills, or switch on one rule at a time on top of this.
 */
export const NO_LIMITS = {
  maxOrderNotional: null,
  maxPositionNotional: null,
  maxGrossExposure: null,
  maxOrdersPerMinute: null,
  maxDailyLoss: null,
  maxDrawdown: null,
  staleAfterBars: null,
} as const;

/** The first `n` bars, copied (not a view), so the source columns can be dropped. */
export function head(c: BarColumns, n: number): BarColumns {
  return {
    openTime: c.openTime.slice(0, n),
    open: c.open.slice(0, n),
    high: c.high.slice(0, n),
    low: c.low.slice(0, n),
    close: c.close.slice(0, n),
    volume: c.volume.slice(0, n),
  };
}
