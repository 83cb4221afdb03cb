import { type Bar, type BarColumns, emptyColumns, type Instrument, type Timeframe } from '@algotrader/core';
import { barAt } from '@algotrader/proto';

// Domain bar ↔ wire Bar is the proto package's bar codec (encodeBar / decodeBar); these are the
// column-store shapes only.

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
  for (let i = 0; i < c.openTime.length; i++) out.push(barAt(instrument, tf, c, i));
  return out;
}
