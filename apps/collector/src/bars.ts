import {
  AlgoError,
  type Bar,
  type BarColumns,
  closeTimeOf,
  ErrorCode,
  emptyColumns,
  type Instrument,
  instrumentSymbol,
  parseInstrument,
  parseTimeframe,
  type Timeframe,
} from '@algotrader/core';
import type { Bar as PbBar } from '@algotrader/proto';

/** Domain bar → wire `Bar`. */
export function toWireBar(b: Bar, source: string): PbBar {
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
  };
}

/**
 * Wire `Bar` → domain bar, checking what the wire format cannot: a known venue/symbol/timeframe and
 * `close = open + timeframe`. Values are not judged here (that is the quality validator's report).
 */
export function fromWireBar(m: PbBar): Bar {
  const venue = m.instrument?.venue ?? '';
  const symbol = m.instrument?.symbol ?? '';
  const instrument = parseInstrument(`${venue}:${symbol}`);
  const tf = parseTimeframe(m.timeframe ?? '');
  const openTime = Number(m.openTimeMs ?? Number.NaN);
  const closeTime = Number(m.closeTimeMs ?? Number.NaN);
  if (!Number.isSafeInteger(openTime) || closeTime !== closeTimeOf(openTime, tf)) {
    throw new AlgoError(
      ErrorCode.InvalidBar,
      `bar ${venue}:${symbol} ${tf}: close time ${closeTime} is not open ${openTime} + ${tf}`,
    );
  }
  return {
    instrument,
    tf,
    openTime,
    closeTime,
    open: m.open ?? Number.NaN,
    high: m.high ?? Number.NaN,
    low: m.low ?? Number.NaN,
    close: m.close ?? Number.NaN,
    volume: m.volume ?? Number.NaN,
  };
}

export function barsToColumns(bars: readonly Bar[]): BarColumns {
  const c = emptyColumns(bars.length);
  bars.forEach((b, i) => {
    c.openTime[i] = b.openTime;
    c.open[i] = b.open;
    c.high[i] = b.high;
    c.low[i] = b.low;
    c.close[i] = b.close;
    c.volume[i] = b.volume;
  });
  return c;
}

export function columnsToBars(instrument: Instrument, tf: Timeframe, c: BarColumns): Bar[] {
  const out: Bar[] = [];
  for (let i = 0; i < c.openTime.length; i++) {
    const openTime = c.openTime[i]!;
    out.push({
      instrument,
      tf,
      openTime,
      closeTime: closeTimeOf(openTime, tf),
      open: c.open[i]!,
      high: c.high[i]!,
      low: c.low[i]!,
      close: c.close[i]!,
      volume: c.volume[i]!,
    });
  }
  return out;
}
