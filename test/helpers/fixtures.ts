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

/**
 * The config of the paper account trading BTC/USDT with sma_cross in replay mode: 10,000 USDT, no
 * risk limits; `more` sets other fields (checkpointEveryMs, ...).
 */
export function paperBtcConfig(params: Record<string, number>, more: Record<string, unknown> = {}) {
  return {
    account: 'paper',
    instruments: ['OKX:BTC/USDT'],
    strategies: [{ name: 'sma_cross', params, instruments: ['OKX:BTC/USDT'] }],
    paper: { initialCash: 10_000, quoteCurrency: 'USDT' },
    risk: NO_LIMITS,
    mode: 'replay',
    ...more,
  };
}

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

/** The rows with open time in [from, to), copied. */
export function between(c: BarColumns, from: number, to = Number.POSITIVE_INFINITY): BarColumns {
  const idx: number[] = [];
  for (let i = 0; i < c.openTime.length; i++) if (c.openTime[i]! >= from && c.openTime[i]! < to) idx.push(i);
  const pick = (a: Float64Array) => Float64Array.from(idx, (i) => a[i]!);
  return {
    openTime: pick(c.openTime),
    open: pick(c.open),
    high: pick(c.high),
    low: pick(c.low),
    close: pick(c.close),
    volume: pick(c.volume),
  };
}

/** One column's value of the bar opened at `t`; throws when there is none (a wrong fixture, not 0). */
export function valueAt(c: BarColumns, t: number, col: 'open' | 'high' | 'low' | 'close' | 'volume'): number {
  const i = c.openTime.indexOf(t);
  if (i < 0) throw new Error(`no bar at ${t}`);
  return c[col][i]!;
}
