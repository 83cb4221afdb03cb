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
