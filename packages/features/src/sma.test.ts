import { isAlgoError } from '@algotrader/core';
import { describe, expect, it } from 'vitest';
import { Sma, sma } from './sma';

const oneToTen = Float64Array.from({ length: 10 }, (_, i) => i + 1);

describe('sma', () => {
  it('averages the last `period` values, NaN before', () => {
    expect(Array.from(sma(oneToTen, 3))).toEqual([Number.NaN, Number.NaN, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(Array.from(sma(oneToTen, 10))).toEqual([...Array(9).fill(Number.NaN), 5.5]);
    expect(Array.from(sma(oneToTen, 1))).toEqual(Array.from(oneToTen));
  });

  it('streams the same values and reports warm-up', () => {
    const s = new Sma(4);
    expect(s.warmup).toBe(4);
    const out = Array.from(oneToTen, (x) => s.update(x));
    expect(out).toEqual(Array.from(sma(oneToTen, 4)));
    expect(s.ready).toBe(true);
    expect(s.value).toBe(8.5);
    s.reset();
    expect(s.ready).toBe(false);
    expect(s.value).toBeNaN();
    expect(s.update(5)).toBeNaN();
  });

  it('is exact where running sums drift', () => {
    // A huge value passes through the window; naive add/subtract running sums keep a residue.
    const xs = [1e17, 0.1, 0.2, 0.3, 0.7];
    const out = sma(xs, 3);
    expect(out[4]).toBe((0.2 + 0.3 + 0.7) / 3);
  });

  it('batch equals the streaming form bit for bit on values of wildly mixed magnitudes', () => {
    // Deterministic LCG; magnitudes from 1e-300 to 1e300, both signs, exact ties and cancellations.
    let seed = 12345;
    const rand = () => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed / 2 ** 32;
    };
    const xs = Float64Array.from({ length: 4000 }, (_, i) => {
      const u = rand();
      if (i % 97 === 0) return 1e300 * (u - 0.5);
      if (i % 13 === 0) return 2 ** 53 + (i % 3);
      if (i % 7 === 0) return -(0.1 * i);
      return (u - 0.3) * 10 ** Math.floor(rand() * 40 - 20);
    });
    for (const period of [1, 2, 3, 7, 20, 50, 333]) {
      const s = new Sma(period);
      const streamed = Float64Array.from(xs, (x) => s.update(x));
      const batch = sma(xs, period);
      for (let i = 0; i < xs.length; i++) {
        if (!Object.is(batch[i], streamed[i])) {
          expect.fail(`period ${period}, row ${i}: batch ${batch[i]} vs streamed ${streamed[i]}`);
        }
      }
    }
  });

  it('rejects non-finite input without touching state', () => {
    const s = new Sma(2);
    s.update(1);
    expect(() => s.update(Number.NaN)).toThrowError(/finite/);
    expect(s.update(3)).toBe(2);
  });

  it('names the bad row in batch errors', () => {
    try {
      sma([1, 2, Number.POSITIVE_INFINITY], 2);
      expect.unreachable();
    } catch (e) {
      expect(isAlgoError(e, 'E_DATA')).toBe(true);
      expect((e as { details: { index: number } }).details.index).toBe(2);
    }
  });

  it('rejects a period that is not a positive integer', () => {
    for (const p of [0, -1, 2.5, Number.NaN]) expect(() => new Sma(p)).toThrowError(/period/);
  });
});
