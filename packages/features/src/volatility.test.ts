import { describe, expect, it } from 'vitest';
import { RollingVolatility, rollingVolatility } from './volatility';

describe('rolling volatility', () => {
  const prices = [100, 110, 99, 108.9, 108.9];

  it('is the sample std of log returns over the window', () => {
    const out = rollingVolatility(prices, 2);
    expect(out[0]).toBeNaN();
    expect(out[1]).toBeNaN();
    // Two returns a, b: sample σ = |a − b| / √2.
    expect(out[2]).toBeCloseTo(Math.abs(Math.log(1.1) - Math.log(0.9)) / Math.SQRT2, 14);
    expect(out[4]).toBeCloseTo(Math.log(1.1) / Math.SQRT2, 14); // returns ln 1.1 and 0
  });

  it('annualises by √periodsPerYear', () => {
    const perBar = rollingVolatility(prices, 3);
    const annual = rollingVolatility(prices, 3, 8760);
    expect(annual[3]).toBeCloseTo(perBar[3]! * Math.sqrt(8760), 12);
    // Returns ln 1.1, ln 0.9, ln 1.1: mean m, sample variance Σ(r − m)² / 2.
    const r = [Math.log(1.1), Math.log(0.9), Math.log(1.1)];
    const m = (r[0]! + r[1]! + r[2]!) / 3;
    const v = r.reduce((acc, x) => acc + (x - m) ** 2, 0) / 2;
    expect(perBar[3]).toBeCloseTo(Math.sqrt(v), 14);
  });

  it('is 0 when returns are constant', () => {
    expect(rollingVolatility([1, 2, 4, 8, 16], 3)[4]).toBe(0);
  });

  it('needs period + 1 bars, positive prices, and streams identically', () => {
    const v = new RollingVolatility(2);
    expect(v.warmup).toBe(3);
    expect(prices.map((x) => v.update(x))).toEqual(Array.from(rollingVolatility(prices, 2)));
    expect(() => v.update(0)).toThrowError(/> 0/);
    expect(() => new RollingVolatility(1)).toThrowError(/period/);
  });
});
