import { describe, expect, it } from 'vitest';
import { Wma, wma } from './wma';

function naiveWma(xs: number[], n: number): number[] {
  return xs.map((_, t) => {
    if (t < n - 1) return Number.NaN;
    let num = 0;
    for (let i = 0; i < n; i++) num += (i + 1) * xs[t - n + 1 + i]!;
    return num / ((n * (n + 1)) / 2);
  });
}

describe('wma', () => {
  it('weights 1 (oldest) … n (newest)', () => {
    expect(Array.from(wma([1, 2, 3, 4, 5], 3))).toEqual([Number.NaN, Number.NaN, 14 / 6, 20 / 6, 26 / 6]);
    expect(Array.from(wma([10, 0, 0, 0], 2))).toEqual([Number.NaN, 10 / 3, 0, 0]);
  });

  it('matches a naive weighted sum on a longer irregular series', () => {
    const xs = Array.from({ length: 200 }, (_, i) => 100 + 10 * Math.sin(i / 7) + ((i * 37) % 11));
    const got = wma(xs, 9);
    const want = naiveWma(xs, 9);
    for (let t = 0; t < xs.length; t++) {
      if (t < 8) expect(got[t]).toBeNaN();
      else expect(Math.abs(got[t]! - want[t]!)).toBeLessThan(1e-12 * want[t]!);
    }
  });

  it('streams identically', () => {
    const xs = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3];
    const w = new Wma(4);
    expect(w.warmup).toBe(4);
    expect(xs.map((x) => w.update(x))).toEqual(Array.from(wma(xs, 4)));
  });
});
