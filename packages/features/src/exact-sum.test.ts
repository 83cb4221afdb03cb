import { describe, expect, it } from 'vitest';
import { ExactSum, productError, rollingExactSums, rollingSumsByLimbs } from './exact-sum';

// An independent exact model: every double (and every product of two) is an integer multiple of
// 2^-2200, so scaled BigInts represent all values involved exactly.
const SCALE = 2200;
const view = new DataView(new ArrayBuffer(8));

function exact(x: number): bigint {
  if (x === 0) return 0n;
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  const biased = (hi >>> 20) & 0x7ff;
  let mantissa = (BigInt(hi & 0xfffff) << 32n) | BigInt(view.getUint32(4));
  let exponent = -1074;
  if (biased !== 0) {
    mantissa |= 1n << 52n;
    exponent = biased - 1075;
  }
  const scaled = mantissa << BigInt(exponent + SCALE);
  return hi >>> 31 ? -scaled : scaled;
}

function exactProduct(a: number, b: number): bigint {
  return (exact(a) * exact(b)) >> BigInt(SCALE);
}

function nextAfter(x: number, direction: 1 | -1): number {
  if (x === 0) return direction * Number.MIN_VALUE;
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  view.setBigUint64(0, x > 0 === direction > 0 ? bits + 1n : bits - 1n);
  return view.getFloat64(0);
}

const abs = (v: bigint) => (v < 0n ? -v : v);

/** The double `v` is a nearest double to the exact value `s`. */
function expectNearest(v: number, s: bigint): void {
  const err = abs(s - exact(v));
  expect(err <= abs(s - exact(nextAfter(v, 1)))).toBe(true);
  expect(err <= abs(s - exact(nextAfter(v, -1)))).toBe(true);
}

function partialsTotal(sum: ExactSum): bigint {
  let t = 0n;
  for (let i = 0; i < sum.size; i++) t += exact(sum.partial(i));
  return t;
}

/** Deterministic PRNG (mulberry32) so failures reproduce. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function sumOf(values: number[]): number {
  const s = new ExactSum();
  for (const v of values) s.add(v);
  return s.value();
}

describe('ExactSum', () => {
  it('recovers what naive summation loses to cancellation', () => {
    expect(sumOf([1e100, 1, -1e100])).toBe(1);
    expect(sumOf(Array.from({ length: 10 }, () => 0.1))).toBe(1);
    expect(0.1 + 0.1 + 0.1 + 0.1 + 0.1 + 0.1 + 0.1 + 0.1 + 0.1 + 0.1).not.toBe(1); // the naive sum is off
  });

  it('rounds exact ties to even and anything past a tie away from it', () => {
    const u = 2 ** -52; // ulp of 1
    expect(sumOf([1, u / 2])).toBe(1); // tie, 1 is even
    expect(sumOf([1 + u, u / 2])).toBe(1 + 2 * u); // tie, 1 + u is odd
    expect(sumOf([1, u / 2, 2 ** -80])).toBe(1 + u); // just past the tie; naive gives 1
    expect(sumOf([1, u / 2, -(2 ** -80)])).toBe(1);
  });

  it('is empty-safe and returns 0 after cancelling everything', () => {
    const s = new ExactSum();
    expect(s.value()).toBe(0);
    s.add(123.456);
    s.add(-123.456);
    expect(s.value()).toBe(0);
  });

  it('stays exact and correctly rounded through a long rolling add/remove sequence', () => {
    const rand = prng(7);
    const values = Array.from({ length: 3000 }, () => (rand() - 0.3) * 10 ** Math.floor(rand() * 12 - 4));
    const s = new ExactSum();
    const window = 25;
    let reference = 0n;
    for (let i = 0; i < values.length; i++) {
      s.add(values[i]!);
      reference += exact(values[i]!);
      if (i >= window) {
        s.add(-values[i - window]!);
        reference -= exact(values[i - window]!);
      }
      expect(partialsTotal(s)).toBe(reference);
      expectNearest(s.value(), reference);
    }
    expect(s.size).toBeLessThan(10); // partials stay few: updates remain O(1) in practice
  });

  it('gives the same bits for the same multiset whatever the history', () => {
    const a = new ExactSum();
    for (const v of [0.1, 0.2, 0.3]) a.add(v);
    const b = new ExactSum();
    for (const v of [1e9, 0.3, 7.7, 0.1, -1e9, 0.2, -7.7]) b.add(v);
    expect(b.value()).toBe(a.value());
  });

  it('adds products exactly (TwoProduct)', () => {
    const rand = prng(11);
    for (let i = 0; i < 500; i++) {
      const a = (rand() - 0.5) * 10 ** Math.floor(rand() * 10 - 3);
      const b = (rand() - 0.5) * 10 ** Math.floor(rand() * 10 - 3);
      const p = a * b;
      expect(exact(p) + exact(productError(a, b, p))).toBe(exactProduct(a, b));
    }
    const x = 1 + 2 ** -30;
    expect(productError(x, x, x * x)).toBe(2 ** -60); // (1 + 2^-30)^2 = 1 + 2^-29 + 2^-60
  });
});

/** Rolling sums (÷ divisor) by ExactSum, add then remove, as RollingWindow does. */
function partialsRolling(values: ArrayLike<number>, period: number, divisor: number): Float64Array {
  const s = new ExactSum();
  const out = new Float64Array(values.length).fill(Number.NaN);
  for (let i = 0; i < values.length; i++) {
    if (i >= period) s.add(-values[i - period]!);
    s.add(values[i]!);
    if (i + 1 >= period) out[i] = s.value() / divisor;
  }
  return out;
}

function expectSameBits(a: Float64Array, b: Float64Array, what: string): void {
  for (let i = 0; i < a.length; i++) {
    if (!Object.is(a[i], b[i])) expect.fail(`${what}, row ${i}: ${a[i]} vs ${b[i]}`);
  }
}

describe('rolling exact sums by integer limbs', () => {
  const noBad = (row: number): never => {
    throw new Error(`row ${row}`);
  };
  const cases: [string, Float64Array][] = [
    // Price-like: two decimals, 3,000 to 69,000 (a five-bit exponent range).
    [
      'prices',
      Float64Array.from(
        { length: 5000 },
        (_, i) => Math.round((3000 + 33_000 * (1 + Math.sin(i / 300)) + (i % 17) * 0.37) * 100) / 100,
      ),
    ],
    // Integers in [2^52, 2^53): every window sum needs rounding, half of them exact ties.
    ['ties', Float64Array.from({ length: 3000 }, (_, i) => 2 ** 52 + ((i * 2654435761) % 2 ** 31))],
    // Both signs, cancellation to exact zeros, and +0 values.
    [
      'signs',
      Float64Array.from({ length: 3000 }, (_, i) =>
        i % 5 === 0 ? 0 : (i % 2 ? 1 : -1) * (0.1 * (i % 7) + 1e-3 * i),
      ),
    ],
    // Small magnitudes (ulp exponents far below zero).
    ['tiny', Float64Array.from({ length: 2000 }, (_, i) => 1e-250 * (2 + Math.cos(i)))],
  ];
  for (const [name, values] of cases) {
    it(`takes the limb path and matches the partials bit for bit: ${name}`, () => {
      for (const period of [1, 2, 3, 20, 50, 199]) {
        for (const divisor of [1, period, 3]) {
          const out = new Float64Array(values.length).fill(Number.NaN);
          expect(rollingSumsByLimbs(values, period, divisor, out)).toBe(true);
          expectSameBits(
            out,
            partialsRolling(values, period, divisor),
            `${name} period ${period} ÷${divisor}`,
          );
          const viaEntry = new Float64Array(values.length).fill(Number.NaN);
          rollingExactSums(values, period, divisor, viaEntry, noBad);
          expectSameBits(viaEntry, out, `${name} entry period ${period}`);
        }
      }
    });
  }

  it('leaves −0, non-finite values and too wide a range to the partials, which still agree', () => {
    const wide = Float64Array.from({ length: 500 }, (_, i) => (i % 3 === 0 ? 1e200 : 1e-200) * (1 + i));
    const negZero = Float64Array.from([-0, -0, -0, 1, -0]);
    for (const values of [wide, negZero]) {
      const out = new Float64Array(values.length).fill(Number.NaN);
      expect(rollingSumsByLimbs(values, 2, 2, out)).toBe(false);
      rollingExactSums(values, 2, 2, out, noBad);
      expectSameBits(out, partialsRolling(values, 2, 2), 'fallback');
    }
    expect(Object.is(partialsRolling(negZero, 2, 2)[1], -0)).toBe(true);
    expect(rollingSumsByLimbs([1, Number.NaN], 1, 1, new Float64Array(2))).toBe(false);
    expect(() =>
      rollingExactSums([1, 2, Number.POSITIVE_INFINITY], 2, 2, new Float64Array(3), noBad),
    ).toThrowError('row 2');
  });
});
