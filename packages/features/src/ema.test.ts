import { describe, expect, it } from 'vitest';
import { Ema, ema } from './ema';

describe('ema', () => {
  it('seeds with the SMA of the first `period` values, then smooths with α = 2/(n+1)', () => {
    // period 3 → α = 0.5; seed (2+4+6)/3 = 4; every later step is exact in binary.
    const out = ema([2, 4, 6, 8, 12, 14, 16, 18, 20], 3);
    expect(Array.from(out)).toEqual([Number.NaN, Number.NaN, 4, 6, 9, 11.5, 13.75, 15.875, 17.9375]);
  });

  it('matches a textbook 10-period EMA computed by hand', () => {
    const xs = [22.27, 22.19, 22.08, 22.17, 22.18, 22.13, 22.23, 22.43, 22.24, 22.29, 22.15, 22.39];
    const out = ema(xs, 10);
    const seed = xs.slice(0, 10).reduce((a, b) => a + b) / 10; // 22.221
    const a = 2 / 11;
    const e10 = 22.15 * a + seed * (1 - a);
    const e11 = 22.39 * a + e10 * (1 - a);
    expect(out[9]).toBeCloseTo(22.221, 12);
    expect(out[10]).toBeCloseTo(e10, 12);
    expect(out[11]).toBeCloseTo(e11, 12);
    // StockCharts' published 10-day EMA for these closes (2 decimals): 22.22 (SMA seed), 22.21, 22.24.
    expect(out[9]).toBeCloseTo(22.22, 2);
    expect(out[10]).toBeCloseTo(22.21, 2);
    expect(out[11]).toBeCloseTo(22.24, 2);
  });

  it('streams identically and resets', () => {
    const xs = [5, 1, 4, 1, 5, 9, 2, 6];
    const e = new Ema(4);
    expect(xs.map((x) => e.update(x))).toEqual(Array.from(ema(xs, 4)));
    expect(e.ready).toBe(true);
    e.reset();
    expect(e.ready).toBe(false);
    expect(e.update(1)).toBeNaN();
  });
});
