import { describe, expect, it } from 'vitest';
import { Atr, atr } from './atr';

// (high, low, close) bars chosen so each true-range rule fires once.
const bars: [number, number, number][] = [
  [10, 8, 9], // TR = h − l = 2 (no previous close)
  [11, 9, 10.5], // max(2, |11 − 9|, |9 − 9|) = 2
  [12, 10, 11], // max(2, 1.5, 0.5) = 2
  [15, 14, 14.5], // gap up: max(1, |15 − 11| = 4, 3) = 4
  [14, 12, 13], // max(2, 0.5, |12 − 14.5| = 2.5) = 2.5
];
const high = bars.map((b) => b[0]);
const low = bars.map((b) => b[1]);
const close = bars.map((b) => b[2]);

describe('atr (Wilder)', () => {
  it('seeds with the mean of the first n true ranges, then smooths', () => {
    const out = atr(high, low, close, 3);
    expect(out[0]).toBeNaN();
    expect(out[1]).toBeNaN();
    expect(out[2]).toBe(2);
    expect(out[3]).toBeCloseTo(8 / 3, 14); // (2·2 + 4) / 3
    expect(out[4]).toBeCloseTo(47 / 18, 14); // ((8/3)·2 + 2.5) / 3
  });

  it('streams identically', () => {
    const a = new Atr(3);
    expect(a.warmup).toBe(3);
    expect(bars.map(([h, l, c]) => a.update(h, l, c))).toEqual(Array.from(atr(high, low, close, 3)));
  });

  it('rejects columns of different lengths', () => {
    expect(() => atr([1, 2], [1], [1, 2], 2)).toThrowError(/length/);
  });
});
