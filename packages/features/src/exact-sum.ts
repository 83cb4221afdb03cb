/**
 * Exact floating-point summation (Shewchuk's non-overlapping partials, as in Python's `math.fsum`).
 *
 * Adding and subtracting values is exact, so a rolling window sum carries no drift, and `value()`
 * returns the correctly rounded (round-half-even) sum. The result therefore depends only on the
 * multiset of values currently in the sum — not on their order, nor on what was added and removed
 * before. Window indicators built on it are bitwise reproducible whatever bar the stream started at.
 *
 * Valid for finite inputs whose partial sums and products do not overflow (|x| < 1e150 for squares).
 */
export class ExactSum {
  /** Non-overlapping partials, increasing in magnitude, in p[0…n); their exact sum is the total. */
  private p = new Float64Array(8);
  private n = 0;

  get size(): number {
    return this.n;
  }

  /** The i-th partial (ascending magnitude); exposed for exact products of sums. */
  partial(i: number): number {
    return this.p[i]!;
  }

  add(x: number): void {
    const p = this.p;
    const count = this.n;
    let i = 0;
    for (let j = 0; j < count; j++) {
      // Knuth's branch-free TwoSum: hi + lo = x + y exactly. The error of a rounded sum is unique,
      // so this yields the very partials the compare-and-swap (Fast2Sum) form did.
      const y = p[j]!;
      const hi = x + y;
      const yv = hi - x;
      const lo = x - (hi - yv) + (y - yv);
      if (lo !== 0) p[i++] = lo;
      x = hi;
    }
    if (i === p.length) this.#grow();
    this.p[i] = x;
    this.n = i + 1;
  }

  /** Partials are non-overlapping, so there are at most ~40 for finite doubles; growth is rare. */
  #grow(): void {
    const bigger = new Float64Array(this.p.length * 2);
    bigger.set(this.p);
    this.p = bigger;
  }

  /** Adds `a * b` exactly. */
  addProduct(a: number, b: number): void {
    const p = a * b;
    this.add(p);
    this.add(productError(a, b, p));
  }

  /** Adds `sign * other` exactly (sign is +1 or -1). */
  addSum(other: ExactSum, sign: 1 | -1): void {
    for (let i = 0; i < other.n; i++) this.add(sign * other.p[i]!);
  }

  clear(): void {
    this.n = 0;
  }

  /** The correctly rounded total. */
  value(): number {
    const p = this.p;
    let n = this.n;
    if (n === 0) return 0;
    let hi = p[--n]!;
    let lo = 0;
    while (n > 0) {
      const x = hi;
      const y = p[--n]!;
      hi = x + y;
      lo = y - (hi - x);
      if (lo !== 0) break;
    }
    // Round-half-even correction: the discarded tail `lo` plus the next partial can push a tie
    // (which the addition above rounded to even) over the halfway point.
    if (n > 0 && ((lo < 0 && p[n - 1]! < 0) || (lo > 0 && p[n - 1]! > 0))) {
      const y = lo * 2;
      const x = hi + y;
      if (y === x - hi) hi = x;
    }
    return hi;
  }
}

/** 2^27 + 1: Veltkamp's splitter for binary64. */
const SPLITTER = 134217729;

/** The exact rounding error of `p = a * b` (Dekker's TwoProduct without FMA): a*b = p + error. */
export function productError(a: number, b: number, p: number): number {
  let c = SPLITTER * a;
  const aHi = c - (c - a);
  const aLo = a - aHi;
  c = SPLITTER * b;
  const bHi = c - (c - b);
  const bLo = b - bHi;
  return aHi * bHi - p + aHi * bLo + aLo * bHi + aLo * bLo;
}

/**
 * The batch form of a rolling {@link ExactSum}: `out[i]` = the correctly rounded sum of
 * `values[i − period + 1 … i]`, divided by `divisor`, for every row with a full window (earlier rows
 * are left as they are). The very partials algorithm of `ExactSum.add`/`value`, inlined in one loop
 * over local buffers (no call, no field access, nothing allocated per row), so each value is the
 * one `RollingWindow.sum()` gives bit for bit. `onBad(i)` is called for a non-finite `values[i]`
 * and must throw.
 */
export function rollingExactSums(
  values: ArrayLike<number>,
  period: number,
  divisor: number,
  out: Float64Array,
  onBad: (row: number) => never,
): void {
  if (rollingSumsByLimbs(values, period, divisor, out)) return;
  const n = values.length;
  let p = new Float64Array(16);
  let count = 0;
  for (let r = 0; r < n; r++) {
    const x0 = values[r]!;
    if (!(x0 - x0 === 0)) onBad(r);
    // Two exact additions: −values[r − period] (once the window is full), then values[r].
    for (let pass = r >= period ? 0 : 1; pass < 2; pass++) {
      let x = pass === 0 ? -values[r - period]! : x0;
      let i = 0;
      for (let j = 0; j < count; j++) {
        const y = p[j]!;
        const hi = x + y;
        const yv = hi - x;
        const lo = x - (hi - yv) + (y - yv);
        if (lo !== 0) p[i++] = lo;
        x = hi;
      }
      if (i === p.length) {
        const bigger = new Float64Array(p.length * 2);
        bigger.set(p);
        p = bigger;
      }
      p[i] = x;
      count = i + 1;
    }
    if (r + 1 < period) continue;
    // ExactSum.value(): the correctly rounded (round-half-even) total of the partials.
    let m = count;
    let hi = p[--m]!;
    let lo = 0;
    while (m > 0) {
      const x = hi;
      const y = p[--m]!;
      hi = x + y;
      lo = y - (hi - x);
      if (lo !== 0) break;
    }
    if (m > 0 && ((lo < 0 && p[m - 1]! < 0) || (lo > 0 && p[m - 1]! > 0))) {
      const y = lo * 2;
      const x = hi + y;
      if (y === x - hi) hi = x;
    }
    out[r] = hi / divisor;
  }
}

/** A double's bits: its high word holds the sign and the biased exponent (little-endian hosts). */
const bits = new Float64Array(1);
const words = new Uint32Array(bits.buffer);
const littleEndian = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
const HI = littleEndian ? 1 : 0;

/** 2^e as a double, exactly, for integer e in [-1074, 1023]. */
function pow2(e: number): number {
  if (e < -1022) return pow2(e + 600) * pow2(-600);
  words[HI] = (e + 1023) << 20;
  words[1 - HI] = 0;
  return bits[0]!;
}

/**
 * {@link rollingExactSums} by integer limbs, when the column allows it (false: nothing written).
 * Every finite double is an integer multiple of its ulp, so with `e` the smallest ulp exponent of
 * the column each value is exactly `X·2^e` for an integer X, split exactly into `hi·2^32 + lo`
 * (0 ≤ lo < 2^32). A window's sums of `hi` and of `lo` are integers kept exact in doubles as long
 * as they stay below 2^53, which the column's exponent range bounds up front; the window's exact
 * sum is then `H·2^(32+e) + L·2^e`, two exact doubles, and their one rounded IEEE addition is its
 * correctly rounded (round-half-even) value: the very value of the partials algorithm. A column
 * with a non-finite value or a −0 (whose sign the partials keep), or too wide a range, is left to it.
 */
export function rollingSumsByLimbs(
  values: ArrayLike<number>,
  period: number,
  divisor: number,
  out: Float64Array,
): boolean {
  const n = values.length;
  if (period + 1 >= 2 ** 21) return false;
  let minExp = 2047;
  let maxExp = 0;
  for (let r = 0; r < n; r++) {
    const x = values[r]!;
    if (x === 0) {
      if (1 / x < 0) return false;
      continue;
    }
    if (!(x - x === 0)) return false;
    bits[0] = x;
    const biased = (words[HI]! >>> 20) & 0x7ff;
    if (biased < minExp) minExp = biased;
    if (biased > maxExp) maxExp = biased;
  }
  // All zeros or subnormals, or values near overflow: rare, the partials handle them.
  if (maxExp === 0 || maxExp > 2000) return false;
  // Ulp exponent of the smallest-exponent value; |X| < 2^(maxExp − minExp + 53).
  const e = (minExp === 0 ? 1 : minExp) - 1075;
  const width = maxExp - (minExp === 0 ? 1 : minExp) + 53;
  // |Σhi| ≤ (period + 1)·2^(width − 32) and Σlo < (period + 1)·2^32 must stay below 2^53.
  if (e < -1000 || (period + 1) * 2 ** (width - 32) >= 2 ** 53) return false;
  const scale = pow2(-e);
  const down = 2 ** -32;
  const up = 2 ** 32;
  const ha = pow2(32 + e);
  const la = pow2(e);
  let H = 0;
  let L = 0;
  for (let r = 0; r < n; r++) {
    const X = values[r]! * scale;
    const hi = Math.floor(X * down);
    H += hi;
    L += X - hi * up;
    if (r >= period) {
      const Y = values[r - period]! * scale;
      const hiOld = Math.floor(Y * down);
      H -= hiOld;
      L -= Y - hiOld * up;
    }
    if (r + 1 >= period) out[r] = (H * ha + L * la) / divisor;
  }
  return true;
}
