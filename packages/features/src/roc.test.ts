import { describe, expect, it } from 'vitest';
import { RateOfChange, rateOfChange } from './roc';

describe('rate of change', () => {
  it('is x[t] / x[t − n] − 1 as a fraction', () => {
    const out = rateOfChange([100, 110, 121, 100, 50], 2);
    expect(out[0]).toBeNaN();
    expect(out[1]).toBeNaN();
    expect(out[2]).toBeCloseTo(0.21, 15);
    expect(out[3]).toBeCloseTo(100 / 110 - 1, 15);
    expect(out[4]).toBeCloseTo(50 / 121 - 1, 15);
  });

  it('needs period + 1 bars and streams identically', () => {
    const xs = [5, 4, 6, 8, 7, 9];
    const r = new RateOfChange(3);
    expect(r.warmup).toBe(4);
    expect(xs.map((x) => r.update(x))).toEqual(Array.from(rateOfChange(xs, 3)));
    expect(r.value).toBe(9 / 6 - 1); // 9 against the close three bars back
  });

  it('batch equals the streaming form bit for bit, zero bases included', () => {
    const xs = Array.from({ length: 500 }, (_, i) => (i % 50 === 0 ? 0 : Math.sin(i) * 10 ** ((i % 9) - 4)));
    for (const period of [1, 2, 7, 168]) {
      const r = new RateOfChange(period);
      const streamed = xs.map((x) => r.update(x));
      const batch = Array.from(rateOfChange(xs, period));
      expect(batch.every((v, i) => Object.is(v, streamed[i]))).toBe(true);
    }
  });

  it('names the bad row in batch errors', () => {
    expect(() => rateOfChange([1, 2, Number.NaN], 1)).toThrowError(
      /roc: input must be finite, got NaN \(row 2\)/,
    );
    expect(() => rateOfChange([1], 0)).toThrowError(/period/);
  });
});
