import { describe, expect, test } from 'vitest';
import { sig, sigAt } from './price-chart';
import { areaPath, downsample, finitePath, linePath, r1 } from './svg';

/** A seeded generator: the same values on every run. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** The reference picks of a bucket: first, lowest, highest, last finite point, in index order. */
function referenceDownsample(values: ArrayLike<number>, buckets: number): number[] {
  const n = values.length;
  if (n <= buckets * 4) return Array.from({ length: n }, (_, i) => i);
  const out: number[] = [];
  for (let b = 0; b < buckets; b++) {
    const from = Math.floor((b * n) / buckets);
    const to = Math.floor(((b + 1) * n) / buckets);
    if (to <= from) continue;
    let lo = -1;
    let hi = -1;
    for (let i = from; i < to; i++) {
      const v = values[i]!;
      if (!Number.isFinite(v)) continue;
      if (lo < 0 || v < values[lo]!) lo = i;
      if (hi < 0 || v > values[hi]!) hi = i;
    }
    const picks = [from, lo, hi, to - 1].filter((i) => i >= 0).sort((a, b) => a - b);
    for (const i of picks) if (out[out.length - 1] !== i) out.push(i);
  }
  return out;
}

const identity = (v: number) => v;

describe('chart paths', () => {
  test('r1 prints what (round(x·10)/10).toString() prints, for every kind of number', () => {
    const r = rng(1);
    const xs = [
      0, -0, 0.04, -0.04, 0.05, -0.05, 0.06, -0.06, 1.25, -1.25, 99.95, 1e9, -1e9, 3e12, 1e21, 1e-7,
    ];
    xs.push(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY);
    for (let i = 0; i < 20_000; i++) xs.push((r() - 0.5) * 10 ** Math.floor(r() * 14 - 3));
    for (const x of xs) expect(r1(x), String(x)).toBe((Math.round(x * 10) / 10).toString());
  });

  test('downsample keeps the first, lowest, highest and last point of every bucket, in order', () => {
    const r = rng(2);
    for (const n of [0, 1, 7, 400, 401, 4001, 45_024]) {
      const values = new Float64Array(n);
      let x = 100;
      for (let i = 0; i < n; i++) {
        x *= 1 + (r() - 0.5) * 0.02;
        // Holes, a flat stretch (ties) and a spike.
        values[i] = i === n >> 1 ? 1e9 : i % 97 === 5 ? Number.NaN : i % 1000 < 30 ? 100 : x;
      }
      const idx = downsample(values, 100);
      expect(idx, `n=${n}`).toEqual(referenceDownsample(values, 100));
      if (n > 400) {
        expect(idx.length).toBeLessThanOrEqual(400);
        // The picture keeps its extremes: the spike and the lowest point are drawn.
        let lo = 0;
        let hi = 0;
        for (let i = 0; i < n; i++) {
          if (values[i]! < values[lo]! || Number.isNaN(values[lo]!)) lo = i;
          if (values[i]! > values[hi]! || Number.isNaN(values[hi]!)) hi = i;
        }
        expect(idx).toContain(lo);
        expect(idx).toContain(hi);
        expect(hi).toBe(n >> 1);
      }
    }
  });

  test('a line is lifted over a gap in time; an area is closed down to its base on each side of it', () => {
    const time = [0, 1, 2, 10, 11];
    const values = [5, 6, 7, 8, 9];
    const idx = [0, 1, 2, 3, 4];
    expect(linePath(time, values, idx, identity, identity, 3)).toBe('M0 5L1 6L2 7M10 8L11 9');
    expect(linePath(time, values, idx, identity, identity)).toBe('M0 5L1 6L2 7L10 8L11 9');
    expect(linePath(time, values, [], identity, identity)).toBe('');
    expect(areaPath(time, values, idx, identity, identity, 0, 3)).toBe(
      'M0 0L0 5L1 6L2 7L2 0ZM10 0L10 8L11 9L11 0Z',
    );
    expect(areaPath(time, values, [], identity, identity, 0)).toBe('');
  });

  test('a series with undefined stretches is drawn with holes there, and over time gaps', () => {
    const time = [0, 1, 2, 3, 4, 20, 21];
    const values = [1, Number.NaN, 3, 4, Number.NaN, 6, 7];
    expect(finitePath(time, values, [0, 1, 2, 3, 4, 5, 6], identity, identity, 5)).toBe(
      'M0 1M2 3L3 4M20 6L21 7',
    );
  });
});

describe('price chart numbers', () => {
  test('rounded over a series (the decade kept between values) as each value on its own', () => {
    const r = rng(3);
    const col: number[] = [0, -0, 1, 10, 100, 9.999999999, 10.00000001, 999_999.95, 1_000_000, 123_456_789.5];
    col.push(Number.NaN, Number.POSITIVE_INFINITY, -42.123456789, 1e-9, 0.000123456789);
    let x = 0.5;
    for (let i = 0; i < 50_000; i++) {
      x *= 1 + (r() - 0.5) * 0.2;
      col.push(i % 500 === 0 ? 10 ** Math.floor(r() * 10 - 4) : x);
    }
    const idx = col.map((_, i) => i);
    const want = col.map((v) => (Number.isFinite(v) ? sig(v) : null));
    expect(sigAt(col, idx, true)).toEqual(want);
    expect(sigAt(col, idx, false).map((v) => (Number.isFinite(v) ? v : null))).toEqual(want);
  });
});
