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

  it('equals the exact difference taken on big integers for doubles of every shape (both paths)', () => {
    // The reference: the decimals as BigInt scaled integers, the difference printed and parsed.
    const scaled = (v: number) => {
      const m = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(v))!;
      const frac = m[3] ?? '';
      let exp = frac.length - Number(m[4] ?? 0);
      let int = BigInt(`${m[1]}${m[2]}${frac}`);
      if (exp < 0) {
        int *= 10n ** BigInt(-exp);
        exp = 0;
      }
      return { int, exp };
    };
    const reference = (a: number, b: number): number => {
      const x = scaled(a);
      const y = scaled(b);
      const exp = Math.max(x.exp, y.exp);
      const d = x.int * 10n ** BigInt(exp - x.exp) - y.int * 10n ** BigInt(exp - y.exp);
      if (exp === 0) return Number(d);
      const neg = d < 0n;
      const digits = (neg ? -d : d).toString().padStart(exp + 1, '0');
      const cut = digits.length - exp;
      return Number(`${neg ? '-' : ''}${digits.slice(0, cut)}.${digits.slice(cut)}`);
    };
    let seed = 7;
    const rnd = () => {
      seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0;
      return seed / 2 ** 32;
    };
    const bits = new DataView(new ArrayBuffer(8));
    const value = (): number => {
      switch (Math.floor(rnd() * 6)) {
        case 0: // a target size: 17 significant digits
          return (0.3266 * (8_000 + rnd() * 4_000)) / 10 ** (rnd() * 5 - 1);
        case 1: // on a lot grid
          return Math.floor(rnd() * 1e5) / 1e4;
        case 2: {
          // any finite double
          bits.setUint32(0, Math.floor(rnd() * 2 ** 32));
          bits.setUint32(4, Math.floor(rnd() * 2 ** 32));
          const v = bits.getFloat64(0);
          return Number.isFinite(v) && v !== 0 ? v : 1;
        }
        case 3:
          return (rnd() - 0.5) * 10 ** Math.floor(rnd() * 40 - 20);
        case 4:
          return -Math.floor(rnd() * 1e8) / 10 ** Math.floor(rnd() * 12);
        default:
          return Math.round(rnd() * 1e6 + 1) * 1e-9;
      }
    };
    for (let i = 0; i < 20_000; i++) {
      const a = value();
      const r = rnd();
      const b = r < 0.1 ? a : r < 0.3 ? -a * 3 : value();
      expect(Object.is(decimalSub(a, b), reference(a, b)) ? 'same' : `${a} - ${b}`).toBe('same');
    }
  });
});
