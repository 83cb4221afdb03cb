import path from 'node:path';
import { type BarColumns, emptyColumns, type Timeframe, timeframeMs } from '@algotrader/core';
import { describe, expect, it } from 'vitest';
import { readCsvBars } from './importers';
import { type RejectReason, validateBars } from './quality';

const H = timeframeMs('1h');
const T0 = Date.UTC(2024, 0, 1);

/** A calm random-walk series on the 1h grid: moves of about 0.2%, well inside every default threshold. */
function series(n: number, tf: Timeframe = '1h', start = T0) {
  const cols = emptyColumns(n);
  let price = 100;
  for (let i = 0; i < n; i++) {
    const next = price * (1 + 0.002 * Math.sin(i * 1.7));
    cols.openTime[i] = start + i * timeframeMs(tf);
    cols.open[i] = price;
    cols.close[i] = next;
    cols.high[i] = Math.max(price, next) * 1.001;
    cols.low[i] = Math.min(price, next) * 0.999;
    cols.volume[i] = 10 + (i % 7);
    price = next;
  }
  return cols;
}

function reasons(cols: BarColumns, tf: Timeframe = '1h'): [number, RejectReason][] {
  return validateBars(cols, tf).rejects.map((r) => [r.index, r.reason]);
}

describe('validateBars', () => {
  it('accepts a clean series with no rejects and no gaps', () => {
    const report = validateBars(series(500), '1h');
    expect(report).toEqual({ ok: true, rejects: [], gaps: [] });
  });

  it('detects NaN in a value and in the open time', () => {
    const cols = series(50);
    cols.close[10] = Number.NaN;
    cols.volume[20] = Number.POSITIVE_INFINITY;
    cols.openTime[30] = Number.NaN;
    const report = validateBars(cols, '1h');
    expect(report.ok).toBe(false);
    expect(reasons(cols)).toEqual([
      [10, 'nan'],
      [20, 'nan'],
      [30, 'nan'],
    ]);
    // The NaN open time leaves its slot empty: that is a gap, reported as such.
    expect(report.gaps).toEqual([{ fromOpen: T0 + 30 * H, toOpen: T0 + 30 * H, missingBars: 1 }]);
  });

  it('detects high below low, close above high, open below low and a zero price', () => {
    const cols = series(40);
    [cols.high[5], cols.low[5]] = [cols.low[5]!, cols.high[5]!];
    cols.close[6] = cols.high[6]! * 1.01;
    cols.open[7] = cols.low[7]! * 0.99;
    cols.low[8] = 0;
    expect(reasons(cols)).toEqual([
      [5, 'ohlc_inconsistent'],
      [6, 'ohlc_inconsistent'],
      [7, 'ohlc_inconsistent'],
      [8, 'ohlc_inconsistent'],
    ]);
    expect(validateBars(cols, '1h', { allowNonPositivePrices: true }).rejects.map((r) => r.index)).toEqual([
      5, 6, 7,
    ]);
  });

  it('detects negative volume', () => {
    const cols = series(20);
    cols.volume[3] = -0.5;
    expect(reasons(cols)).toEqual([[3, 'negative_volume']]);
  });

  it('detects an open time off the timeframe grid', () => {
    const cols = series(20);
    cols.openTime[4] = cols.openTime[4]! + 60_000;
    cols.openTime[9] = cols.openTime[9]! + 0.5;
    expect(reasons(cols)).toEqual([
      [4, 'off_grid'],
      [9, 'off_grid'],
    ]);
  });

  it('detects a repeated open time and a step back in time', () => {
    const cols = series(20);
    cols.openTime[5] = cols.openTime[4]!;
    cols.openTime[12] = cols.openTime[3]!;
    const report = validateBars(cols, '1h');
    expect(report.rejects.map((r) => [r.index, r.reason])).toEqual([
      [5, 'duplicate'],
      [12, 'not_monotonic'],
    ]);
    expect(report.rejects[1]!.detail).toContain(String(cols.openTime[11]));
  });

  it('flags a spike far above the rolling median move, and the move back', () => {
    const cols = series(300);
    cols.close[200] = cols.close[200]! * 1.3;
    cols.high[200] = cols.close[200]!;
    cols.open[201] = cols.close[200]!;
    cols.high[201] = cols.close[200]!;
    const report = validateBars(cols, '1h');
    expect(report.rejects.map((r) => [r.index, r.reason])).toEqual([
      [200, 'outlier_jump'],
      [201, 'outlier_jump'],
    ]);
    expect(report.rejects[0]!.detail).toMatch(/close moved 30\.\d\d%/);
  });

  it('flags a level shift once, then follows the new level', () => {
    const cols = series(300);
    for (let i = 150; i < 300; i++) {
      cols.open[i] = cols.open[i]! * 2;
      cols.high[i] = cols.high[i]! * 2;
      cols.low[i] = cols.low[i]! * 2;
      cols.close[i] = cols.close[i]! * 2;
    }
    cols.open[150] = cols.close[149]!;
    cols.low[150] = cols.close[149]!;
    expect(reasons(cols)).toEqual([[150, 'outlier_jump']]);
  });

  it('uses a fixed fraction when asked, and can be turned off', () => {
    const cols = series(30);
    cols.close[10] = cols.open[10]! * 1.06;
    cols.high[10] = cols.close[10]!;
    cols.open[11] = cols.close[10]!;
    cols.high[11] = cols.close[10]!;
    const fixed = validateBars(cols, '1h', { outlier: { kind: 'fixed', maxJump: 0.05 } });
    expect(fixed.rejects.map((r) => [r.index, r.reason])).toEqual([
      [10, 'outlier_jump'],
      [11, 'outlier_jump'],
    ]);
    // 6% is under the default median rule's 10% floor.
    expect(validateBars(cols, '1h').ok).toBe(true);
    const big = series(30);
    big.close[10] = big.open[10]! * 5;
    big.high[10] = big.close[10]!;
    expect(validateBars(big, '1h', { outlier: { kind: 'off' } }).ok).toBe(true);
  });

  it('does not judge moves before the median rule has history', () => {
    const cols = series(30);
    cols.close[5] = cols.open[5]! * 1.5;
    cols.high[5] = cols.close[5]!;
    expect(validateBars(cols, '1h').ok).toBe(true);
    const strict = validateBars(cols, '1h', {
      outlier: { kind: 'median', multiple: 10, window: 50, minJump: 0.01, minHistory: 3 },
    });
    expect(strict.rejects.map((r) => r.index)).toContain(5);
  });

  it('reports a hole in a synthetic series as one gap and never fills it', () => {
    const full = series(100);
    const keep = [...Array(100).keys()].filter((i) => i < 40 || i >= 47);
    const cols = emptyColumns(keep.length);
    for (const name of ['openTime', 'open', 'high', 'low', 'close', 'volume'] as const) {
      keep.forEach((src, dst) => {
        cols[name][dst] = full[name][src]!;
      });
    }
    const report = validateBars(cols, '1h');
    expect(report.ok).toBe(true);
    expect(report.gaps).toEqual([{ fromOpen: T0 + 40 * H, toOpen: T0 + 46 * H, missingBars: 7 }]);
    expect(cols.openTime.length).toBe(93);
  });

  it('finds the real gaps in the Binance BTC 1h 2017-2022 file', async () => {
    const cols = await readCsvBars(
      path.resolve(import.meta.dirname, '../../../data/ohlcv/binance_BTC-USDT_1h_2017-2022.csv.gz'),
    );
    const report = validateBars(cols, '1h');
    expect(report.gaps.length).toBe(27);
    expect(report.gaps.reduce((n, g) => n + g.missingBars, 0)).toBe(127);
    // 2017-09-06 17:00 .. 22:00 UTC: a 6-hour Binance outage.
    expect(report.gaps[0]).toEqual({
      fromOpen: Date.UTC(2017, 8, 6, 17),
      toOpen: Date.UTC(2017, 8, 6, 22),
      missingBars: 6,
    });
    // Only outlier flags on real data, and few: the March 2020 crash hours and the Oct 2018 de-peg.
    expect(new Set(report.rejects.map((r) => r.reason))).toEqual(new Set(['outlier_jump']));
    expect(report.rejects.length).toBeLessThanOrEqual(5);
  });

  it('refuses columns of different lengths', () => {
    const cols = { ...series(10), volume: new Float64Array(9) };
    expect(() => validateBars(cols, '1h')).toThrow(/volume has 9 rows/);
  });
});
