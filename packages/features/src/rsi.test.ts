import { describe, expect, it } from 'vitest';
import { Rsi, rsi } from './rsi';

// StockCharts ChartSchool RSI worked example (Wilder's 14-period, QQQQ closes at 4 decimals) and
// its published RSI to 2 decimals. The 8-decimal column is the same table recomputed at full
// precision, as used across open-source TA test suites; it pins the smoothing, not just rounding.
const closes = [
  44.3389, 44.0902, 44.1497, 43.6124, 44.3278, 44.8264, 45.0955, 45.4245, 45.8433, 46.0826, 45.8931, 46.0328,
  45.614, 46.282, 46.282, 46.0028, 46.0328, 46.4116, 46.2222, 45.6439, 46.2122, 46.2521, 45.7137, 46.4515,
  45.7835, 45.3548, 44.0288, 44.1783, 44.2181, 44.5672, 43.4205, 42.6628, 43.1314,
];
const published = [
  70.53, 66.32, 66.55, 69.41, 66.36, 57.97, 62.93, 63.26, 56.06, 62.38, 54.71, 50.42, 39.99, 41.46, 41.87,
  45.46, 37.3, 33.08, 37.77,
];
const precise = [
  70.53278948, 66.31856181, 66.54982994, 69.40630534, 66.35516906, 57.97485571, 62.92960675, 63.25714756,
  56.05929872, 62.37707144, 54.70757308, 50.42277441, 39.98982315, 41.46048198, 41.86891609, 45.46321245,
  37.30404209, 33.07952299, 37.77295211,
];

describe('rsi (Wilder)', () => {
  it('reproduces the StockCharts 14-period table', () => {
    const out = rsi(closes, 14);
    for (let t = 0; t < 14; t++) expect(out[t]).toBeNaN();
    published.forEach((want, i) => {
      expect(Math.abs(out[14 + i]! - want), `row ${14 + i}`).toBeLessThanOrEqual(0.005 + 1e-9);
      expect(Math.abs(out[14 + i]! - precise[i]!), `row ${14 + i}`).toBeLessThan(1e-8);
    });
  });

  it('seeds with plain means of the first n changes', () => {
    // Changes +1, −2, +3: gains 4/3, losses 2/3 → RSI = 100·(4/3)/(6/3).
    expect(rsi([10, 11, 9, 12], 3)[3]).toBeCloseTo(200 / 3, 12);
    // Next change +0: Wilder smoothing with n = 3.
    const g = ((4 / 3) * 2 + 0) / 3;
    const l = ((2 / 3) * 2 + 0) / 3;
    expect(rsi([10, 11, 9, 12, 12], 3)[4]).toBeCloseTo((100 * g) / (g + l), 12);
  });

  it('is 100 without losses, 0 without gains, 50 when flat', () => {
    expect(rsi([1, 2, 3, 4], 2)[3]).toBe(100);
    expect(rsi([4, 3, 2, 1], 2)[3]).toBe(0);
    expect(rsi([5, 5, 5, 5], 2)[3]).toBe(50);
  });

  it('needs period + 1 bars and streams identically', () => {
    const r = new Rsi(14);
    expect(r.warmup).toBe(15);
    const out = closes.map((x) => r.update(x));
    expect(out).toEqual(Array.from(rsi(closes, 14)));
    expect(r.ready).toBe(true);
    r.reset();
    expect(r.ready).toBe(false);
    expect(r.value).toBeNaN();
  });
});
