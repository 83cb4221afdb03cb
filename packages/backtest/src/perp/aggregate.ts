import {
  AlgoError,
  type BarColumns,
  ErrorCode,
  emptyColumns,
  type Timeframe,
  timeframeMs,
} from '@algotrader/core';

/**
 * Candles of a finer timeframe combined into a coarser one on the UTC grid (e.g. 1h trade candles
 * into 4h, to match 4h mark candles): open of the first, highest high, lowest low, close of the
 * last, summed volume. A window missing any of its candles is an error naming it — nothing is
 * built from part of a window.
 */
export function aggregateBars(bars: BarColumns, from: Timeframe, to: Timeframe): BarColumns {
  const f = timeframeMs(from);
  const t = timeframeMs(to);
  if (t % f !== 0 || t < f) {
    throw new AlgoError(
      ErrorCode.InvalidArgument,
      `cannot build ${to} candles from ${from}: ${to} must be a multiple of ${from}`,
    );
  }
  const per = t / f;
  const n = bars.openTime.length;
  const out = emptyColumns(Math.ceil(n / per) + 1);
  let m = 0;
  let i = 0;
  while (i < n) {
    const start = bars.openTime[i]! - (bars.openTime[i]! % t);
    let j = i;
    while (j < n && bars.openTime[j]! < start + t) j++;
    if (j - i !== per || bars.openTime[i] !== start) {
      throw new AlgoError(
        ErrorCode.InvalidData,
        `the ${to} window at ${new Date(start).toISOString()} has ${j - i} of its ${per} ${from} candles; trim the range or fill the source, this does not guess`,
        { start },
      );
    }
    let hi = bars.high[i]!;
    let lo = bars.low[i]!;
    let vol = 0;
    for (let r = i; r < j; r++) {
      if (bars.high[r]! > hi) hi = bars.high[r]!;
      if (bars.low[r]! < lo) lo = bars.low[r]!;
      vol += bars.volume[r]!;
    }
    out.openTime[m] = start;
    out.open[m] = bars.open[i]!;
    out.high[m] = hi;
    out.low[m] = lo;
    out.close[m] = bars.close[j - 1]!;
    out.volume[m] = vol;
    m++;
    i = j;
  }
  return {
    openTime: out.openTime.slice(0, m),
    open: out.open.slice(0, m),
    high: out.high.slice(0, m),
    low: out.low.slice(0, m),
    close: out.close.slice(0, m),
    volume: out.volume.slice(0, m),
  };
}
