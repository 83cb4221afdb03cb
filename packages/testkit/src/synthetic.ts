import { type BarColumns, emptyColumns, timeframeMs } from '@algotrader/core';

/**
 * `n` 1m bars from `start`: a seeded random walk from 60,000 with exchange-like precision (prices
 * to 0.01, volume to 1e-5), the same bars on every call, for benchmarks that need more rows than the
 * bundled real data has.
 */
export function syntheticBars(n: number, start: number): BarColumns {
  const cols = emptyColumns(n);
  const step = timeframeMs('1m');
  let seed = 42;
  const rand = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
  let price = 60_000;
  for (let i = 0; i < n; i++) {
    const open = price;
    const close = Math.round(open * (1 + (rand() - 0.5) * 0.002) * 100) / 100;
    cols.openTime[i] = start + i * step;
    cols.open[i] = open;
    cols.close[i] = close;
    cols.high[i] = Math.round(Math.max(open, close) * (1 + rand() * 0.0005) * 100) / 100;
    cols.low[i] = Math.round(Math.min(open, close) * (1 - rand() * 0.0005) * 100) / 100;
    cols.volume[i] = Math.round(rand() * 50 * 1e5) / 1e5;
    price = close;
  }
  return cols;
}
