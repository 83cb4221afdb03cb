import type { Instrument } from './instrument';
import type { Timeframe } from './timeframe';

/** One OHLCV candle. Times are ms UTC; `closeTime = openTime + timeframe`. Volume is in base units. */
export interface Bar {
  readonly instrument: Instrument;
  readonly tf: Timeframe;
  readonly openTime: number;
  readonly closeTime: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
  /** Perpetual swaps: the mark candle on the same open time and the funding settled at the open. */
  readonly swap?: SwapMark;
}

/** A swap bar's mark-price candle (same open time) and the funding rate settled at its open, if any. */
export interface SwapMark {
  readonly markOpen: number;
  readonly markHigh: number;
  readonly markLow: number;
  readonly markClose: number;
  /** Set only when a funding settlement falls at the bar's open. */
  readonly fundingRate?: number;
}

/** Bars of one instrument and timeframe in columns, ascending by open time. */
export interface BarColumns {
  readonly openTime: Float64Array;
  readonly open: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly close: Float64Array;
  readonly volume: Float64Array;
}

export function emptyColumns(n: number): {
  openTime: Float64Array;
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  volume: Float64Array;
} {
  return {
    openTime: new Float64Array(n),
    open: new Float64Array(n),
    high: new Float64Array(n),
    low: new Float64Array(n),
    close: new Float64Array(n),
    volume: new Float64Array(n),
  };
}
