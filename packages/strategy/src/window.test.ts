import { AlgoError, emptyColumns, isAlgoError } from '@algotrader/core';
import { describe, expect, it } from 'vitest';
import { barRow, randomWalkBars } from './testing.test-helper';
import { ColumnFeed, RollingFeed } from './window';

describe('ColumnFeed window', () => {
  const bars = randomWalkBars(50, 7);

  it('shows the just-closed bar at ago 0 and earlier bars behind it', () => {
    const feed = new ColumnFeed(bars, '1h', 10);
    feed.seek(20);
    const w = feed.window;
    expect(w.close()).toBe(bars.close[20]);
    expect(w.close(0)).toBe(bars.close[20]);
    expect(w.close(3)).toBe(bars.close[17]);
    expect(w.open(1)).toBe(bars.open[19]);
    expect(w.high(2)).toBe(bars.high[18]);
    expect(w.low(0)).toBe(bars.low[20]);
    expect(w.volume(9)).toBe(bars.volume[11]);
    expect(w.openTime(0)).toBe(bars.openTime[20]);
    expect(w.closeTime(0)).toBe(bars.openTime[20]! + 3_600_000);
  });

  it('refuses to look forward: a negative or fractional "ago" throws', () => {
    const feed = new ColumnFeed(bars, '1h', 10);
    feed.seek(20);
    expect(() => feed.window.close(-1)).toThrow(AlgoError);
    expect(() => feed.window.close(-1)).toThrow(/later bars do not exist/);
    expect(() => feed.window.open(0.5)).toThrow(AlgoError);
    expect(() => feed.window.close(Number.NaN)).toThrow(AlgoError);
  });

  it('gives NaN beyond its capacity even when older data exists, as a live window would', () => {
    const feed = new ColumnFeed(bars, '1h', 10);
    feed.seek(30);
    expect(feed.window.length).toBe(10);
    expect(feed.window.close(9)).toBe(bars.close[21]);
    expect(feed.window.close(10)).toBeNaN();
  });

  it('grows from empty and gives NaN before the first bar', () => {
    const feed = new ColumnFeed(bars, '1h', 10);
    expect(feed.window.length).toBe(0);
    expect(feed.window.close(0)).toBeNaN();
    feed.seek(2);
    expect(feed.window.length).toBe(3);
    expect(feed.window.close(2)).toBe(bars.close[0]);
    expect(feed.window.close(3)).toBeNaN();
  });

  it('copies tails oldest first and never past the current bar', () => {
    const feed = new ColumnFeed(bars, '1h', 10);
    feed.seek(20);
    expect([...feed.window.tail('close', 3)]).toEqual([bars.close[18], bars.close[19], bars.close[20]]);
    const out = new Float64Array(4);
    expect(feed.window.tail('volume', 4, out)).toBe(out);
    expect(out[3]).toBe(bars.volume[20]);
    expect(() => feed.window.tail('close', 11)).toThrow(AlgoError);
  });

  it('exposes no arrays and no way to move itself', () => {
    const feed = new ColumnFeed(bars, '1h', 10);
    feed.seek(5);
    const w = feed.window;
    // Own properties: only the capacity number; the arrays are in #private fields.
    expect(Object.keys(w)).toEqual(['capacity']);
    const proto = Object.getPrototypeOf(w) as object;
    const names = Reflect.ownKeys(proto).map(String).sort();
    expect(names).toEqual(
      [
        'close',
        'closeTime',
        'constructor',
        'high',
        'length',
        'low',
        'open',
        'openTime',
        'tail',
        'volume',
      ].sort(),
    );
    for (const v of Object.values(w)) expect(ArrayBuffer.isView(v)).toBe(false);
    expect(w.close(0)).toBe(bars.close[5]);
  });
});

describe('RollingFeed window', () => {
  const bars = randomWalkBars(40, 11);
  const bar = (i: number) => barRow(bars, i);

  it('reads exactly like the column window over the same bars (live = backtest)', () => {
    const rolling = new RollingFeed('1h', 7);
    const column = new ColumnFeed(bars, '1h', 7);
    for (let i = 0; i < 40; i++) {
      rolling.push(bar(i));
      column.seek(i);
      expect(rolling.window.length).toBe(column.window.length);
      for (let ago = 0; ago <= 8; ago++) {
        expect(Object.is(rolling.window.close(ago), column.window.close(ago))).toBe(true);
        expect(Object.is(rolling.window.closeTime(ago), column.window.closeTime(ago))).toBe(true);
      }
      const n = rolling.window.length;
      expect([...rolling.window.tail('high', n)]).toEqual([...column.window.tail('high', n)]);
    }
  });

  it('refuses out-of-order, duplicate, misaligned and non-finite bars', () => {
    const feed = new RollingFeed('1h', 5);
    feed.push(bar(1));
    const code = (f: () => void) => {
      try {
        f();
      } catch (e) {
        return isAlgoError(e) ? e.code : 'other';
      }
      return 'none';
    };
    expect(code(() => feed.push(bar(0)))).toBe('E_BAR');
    expect(code(() => feed.push(bar(1)))).toBe('E_BAR');
    expect(code(() => feed.push({ ...bar(2), openTime: bar(2).openTime + 1 }))).toBe('E_BAR');
    expect(code(() => feed.push({ ...bar(2), close: Number.NaN }))).toBe('E_BAR');
    expect(feed.window.length).toBe(1);
    feed.push(bar(2));
    expect(feed.window.close(0)).toBe(bars.close[2]);
  });
});

describe('capacity', () => {
  it('must be a positive integer', () => {
    expect(() => new ColumnFeed(emptyColumns(0), '1h', 0)).toThrow(AlgoError);
    expect(() => new RollingFeed('1h', 1.5)).toThrow(AlgoError);
  });
});
