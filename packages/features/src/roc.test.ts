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
});
