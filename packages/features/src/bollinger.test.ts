import { describe, expect, it } from 'vitest';
import { BollingerBands, bollingerBands } from './bollinger';

describe('bollinger bands', () => {
  it('uses the population standard deviation', () => {
    // Mean 5, population σ exactly 2 (sample σ would be 2.138…).
    const b = bollingerBands([2, 4, 4, 4, 5, 5, 7, 9], 8, 2);
    expect(b.middle[7]).toBe(5);
    expect(b.upper[7]).toBe(9);
    expect(b.lower[7]).toBe(1);
    expect(b.middle[6]).toBeNaN();
    expect(b.upper[6]).toBeNaN();
  });

  it('collapses exactly on a constant window, even after large values left it', () => {
    const xs = [3e6, 1e6, ...Array(20).fill(0.1)];
    const b = bollingerBands(xs, 20, 2);
    const last = xs.length - 1;
    expect(b.upper[last]).toBe(b.middle[last]);
    expect(b.lower[last]).toBe(b.middle[last]);
  });

  it('streams identically with named outputs', () => {
    const xs = [1, 3, 2, 5, 4, 6, 8, 7];
    const bb = new BollingerBands(3, 1.5);
    const batch = bollingerBands(xs, 3, 1.5);
    xs.forEach((x, i) => {
      bb.update(x);
      expect(bb.value).toEqual({ middle: batch.middle[i], upper: batch.upper[i], lower: batch.lower[i] });
    });
    expect(bb.ready).toBe(true);
    // Last window [6, 8, 7]: mean 7, σ = √(2/3).
    expect(bb.upper).toBeCloseTo(7 + 1.5 * Math.sqrt(2 / 3), 14);
  });

  it('rejects a negative width', () => {
    expect(() => new BollingerBands(20, -1)).toThrowError(/k/);
  });
});
