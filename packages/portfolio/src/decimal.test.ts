import { describe, expect, it } from 'vitest';
import { decimalSub } from './decimal';

describe('decimalSub (a − b on the decimals the doubles print as)', () => {
  it('gives the decimal difference where binary subtraction falls short of it', () => {
    expect(-0.2 - -0.7).toBe(0.49999999999999994); // why this module exists
    expect(decimalSub(-0.2, -0.7)).toBe(0.5);
    expect(0.3 - 0.1).toBe(0.19999999999999998);
    expect(decimalSub(0.3, 0.1)).toBe(0.2);
    expect(decimalSub(0.7, 0.2)).toBe(0.5);
    expect(decimalSub(-0.7, -0.2)).toBe(-0.5);
    expect(decimalSub(1.1, 2.2)).toBe(-1.1);
  });

  it('handles exponents, large and tiny values, zero and non-finite inputs', () => {
    expect(decimalSub(1e-8, 3e-9)).toBe(7e-9);
    expect(decimalSub(1.5e21, 5e20)).toBe(1e21);
    expect(decimalSub(123456.789, 0.000001)).toBe(123456.788999);
    expect(decimalSub(0, 0.1)).toBe(-0.1);
    expect(decimalSub(0.1, 0)).toBe(0.1);
    expect(decimalSub(5, 5)).toBe(0);
    expect(decimalSub(Number.NaN, 1)).toBeNaN();
    expect(decimalSub(Number.POSITIVE_INFINITY, 1)).toBe(Number.POSITIVE_INFINITY);
  });

  it('is the exact difference of the printed decimals for many random pairs (checked against scaled integers)', () => {
    let seed = 42;
    const rnd = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed / 2_147_483_648;
    };
    for (let i = 0; i < 2_000; i++) {
      // Values on a 0.0001 grid: the exact difference is an integer count of 0.0001 steps.
      const a = Math.round((rnd() - 0.5) * 2e7) / 1e4;
      const b = Math.round((rnd() - 0.5) * 2e7) / 1e4;
      const steps = Math.round(a * 1e4) - Math.round(b * 1e4);
      expect(decimalSub(a, b)).toBe(steps / 1e4);
    }
  });
});
