import { describe, expect, it } from 'vitest';
import { RollingZScore, rollingZScore } from './zscore';

describe('rolling z-score', () => {
  it('standardises the current value against its window (population σ)', () => {
    const out = rollingZScore([1, 2, 3, 4, 5, 1], 5);
    expect(out[3]).toBeNaN();
    expect(out[4]).toBeCloseTo(Math.SQRT2, 14); // (5 − 3) / √2
    // Window [2, 3, 4, 5, 1]: mean 3, σ √2.
    expect(out[5]).toBeCloseTo(-Math.SQRT2, 14);
  });

  it('is 0 on a constant window', () => {
    const out = rollingZScore([9, 7, 0.3, 0.3, 0.3], 3);
    expect(out[4]).toBe(0);
  });

  it('streams identically', () => {
    const xs = [3, 1, 4, 1, 5, 9, 2, 6];
    const z = new RollingZScore(4);
    expect(xs.map((x) => z.update(x))).toEqual(Array.from(rollingZScore(xs, 4)));
  });
});
