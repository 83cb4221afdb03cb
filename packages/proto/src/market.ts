import {
  AlgoError,
  type Bar,
  type BarColumns,
  closeTimeOf,
  ErrorCode,
  type Instrument,
  instrumentSymbol,
  isAligned,
  parseInstrument,
  parseTimeframe,
  type SwapMark,
  type Timeframe,
} from '@algotrader/core';
import type { algotrader } from './gen/algotrader.js';

/**
 * The market-data codec: the one mapping between the wire `Bar` and the domain `Bar` of
 * @algotrader/core. Producers (collector live and backfill, replays, the feature-engine's copy of
 * the bar) encode with {@link encodeBar}; consumers decode with {@link decodeBar}, which is the one
 * check on the way in.
 */
export type BarMsg = algotrader.v1.IBar;

/** A domain bar on the wire. The domain bar was checked when it was made, so nothing is judged here. */
export function encodeBar(b: Bar, source: string): BarMsg {
  return {
    instrument: { venue: b.instrument.venue, symbol: instrumentSymbol(b.instrument) },
    timeframe: b.tf,
    openTimeMs: b.openTime,
    closeTimeMs: b.closeTime,
    open: b.open,
    high: b.high,
    low: b.low,
    close: b.close,
    volume: b.volume,
    source,
    ...(b.swap === undefined ? {} : { swap: swapOut(b.swap) }),
  };
}

function swapOut(m: SwapMark): algotrader.v1.ISwapMark {
  return {
    markOpen: m.markOpen,
    markHigh: m.markHigh,
    markLow: m.markLow,
    markClose: m.markClose,
    ...(m.fundingRate === undefined ? {} : { fundingRate: m.fundingRate }),
  };
}

/** Row `i` of a column store as a domain bar (replays publish stored columns). */
export function barAt(instrument: Instrument, tf: Timeframe, c: BarColumns, i: number): Bar {
  const openTime = c.openTime[i];
  if (openTime === undefined) throw new AlgoError(ErrorCode.InvalidArgument, `no bar at row ${i}`);
  return {
    instrument,
    tf,
    openTime,
    closeTime: closeTimeOf(openTime, tf),
    open: c.open[i]!,
    high: c.high[i]!,
    low: c.low[i]!,
    close: c.close[i]!,
    volume: c.volume[i]!,
  };
}

export interface DecodeBarOptions {
  /** The timeframe the consumer is configured for; a bar of another one is an error. */
  readonly tf?: Timeframe;
  /**
   * `check` (the default): the bar is fit to trade on — open time on the timeframe's grid, finite
   * prices, low > 0, high and low bounding open and close, volume >= 0. `report`: only the shape is
   * checked and the values are left to the caller, which reports them with a reason (the archiver
   * runs the store's quality validator and counts rejects by reason; a bar it cannot even place in
   * the store is dead-lettered).
   */
  readonly values?: 'check' | 'report';
}

/**
 * A wire `Bar` as a domain bar. Always checked: a parseable instrument and timeframe, an integer
 * open time and `close = open + timeframe`. Bad bars are errors (`E_BAR`), never repaired.
 */
export function decodeBar(m: BarMsg, o: DecodeBarOptions = {}): Bar {
  const venue = m.instrument?.venue ?? '';
  const symbol = m.instrument?.symbol ?? '';
  const where = `bar ${venue || '?'}:${symbol || '?'} ${m.timeframe || '?'} ${m.openTimeMs ?? '?'}`;
  if (!venue || !symbol)
    throw new AlgoError(ErrorCode.InvalidInstrument, `${where}: message has no instrument`);
  const instrument = parseInstrument(`${venue}:${symbol}`);
  const tf = parseTimeframe(m.timeframe ?? '');
  if (o.tf !== undefined && tf !== o.tf) {
    throw new AlgoError(ErrorCode.InvalidBar, `${where}: timeframe ${tf} is not ${o.tf}`);
  }
  const openTime = Number(m.openTimeMs ?? Number.NaN);
  const closeTime = Number(m.closeTimeMs ?? Number.NaN);
  if (!Number.isSafeInteger(openTime) || closeTime !== closeTimeOf(openTime, tf)) {
    throw new AlgoError(ErrorCode.InvalidBar, `${where}: close time ${closeTime} is not open + ${tf}`);
  }
  const bar: Bar = {
    instrument,
    tf,
    openTime,
    closeTime,
    open: m.open ?? Number.NaN,
    high: m.high ?? Number.NaN,
    low: m.low ?? Number.NaN,
    close: m.close ?? Number.NaN,
    volume: m.volume ?? Number.NaN,
    ...(m.swap ? { swap: swapIn(m.swap, instrument, where) } : {}),
  };
  if ((o.values ?? 'check') === 'check') checkValues(bar, where);
  return bar;
}

/**
 * A swap bar's mark candle and funding: only on a swap, finite positive marks with high and low
 * bounding open and close, a finite funding rate when one is set. Never repaired: an error (`E_BAR`).
 */
function swapIn(m: algotrader.v1.ISwapMark, instrument: Instrument, where: string): SwapMark {
  if (instrument.settle === undefined) {
    throw new AlgoError(ErrorCode.InvalidBar, `${where}: mark and funding on a bar that is not a swap`);
  }
  const open = m.markOpen ?? Number.NaN;
  const high = m.markHigh ?? Number.NaN;
  const low = m.markLow ?? Number.NaN;
  const close = m.markClose ?? Number.NaN;
  if (
    ![open, high, low, close].every(Number.isFinite) ||
    !(low > 0 && low <= open && low <= close && high >= open && high >= close)
  ) {
    throw new AlgoError(
      ErrorCode.InvalidBar,
      `${where}: bad mark candle o=${open} h=${high} l=${low} c=${close}`,
    );
  }
  const rate = m.fundingRate;
  if (rate !== undefined && rate !== null && !Number.isFinite(rate)) {
    throw new AlgoError(ErrorCode.InvalidBar, `${where}: funding rate ${rate} is not a finite number`);
  }
  return {
    markOpen: open,
    markHigh: high,
    markLow: low,
    markClose: close,
    ...(rate === undefined || rate === null ? {} : { fundingRate: rate }),
  };
}

function checkValues(b: Bar, where: string): void {
  if (!isAligned(b.openTime, b.tf)) {
    throw new AlgoError(ErrorCode.InvalidBar, `${where}: open time is not aligned to ${b.tf}`);
  }
  const { open, high, low, close, volume } = b;
  if (![open, high, low, close, volume].every(Number.isFinite)) {
    throw new AlgoError(ErrorCode.InvalidBar, `${where}: non-finite price or volume`);
  }
  if (!(low > 0 && low <= open && low <= close && high >= open && high >= close && volume >= 0)) {
    throw new AlgoError(
      ErrorCode.InvalidBar,
      `${where}: inconsistent o=${open} h=${high} l=${low} c=${close} v=${volume}`,
    );
  }
}
