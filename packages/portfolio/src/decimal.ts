/**
 * Exact decimal arithmetic on doubles as they print (shortest round-trip text). Sizes and targets
 * are decimals to a trader: −0.2 − (−0.7) is 0.5, yet in binary it is 0.49999999999999994, which
 * a lot floor then turns into 0.49. Here the difference is taken on the two decimals exactly and
 * rounded to a double once.
 */

/** A double's shortest decimal: value = (neg ? −1 : 1) × digits × 10^−exp, digits without leading zeros. */
interface Decimal {
  neg: boolean;
  digits: string;
  exp: number;
}

const da: Decimal = { neg: false, digits: '', exp: 0 };
const db: Decimal = { neg: false, digits: '', exp: 0 };

/** Reads `String(v)` (finite, non-zero) into `out`: `-12.5e-7` → digits `125`, exp 8. */
function read(v: number, out: Decimal): void {
  const s = String(v);
  const neg = s.charCodeAt(0) === 45;
  let e = s.indexOf('e');
  let pow = 0;
  if (e >= 0) pow = Number(s.slice(e + 1));
  else e = s.length;
  const start = neg ? 1 : 0;
  const dot = s.indexOf('.');
  let digits: string;
  let frac = 0;
  if (dot >= 0 && dot < e) {
    digits = s.slice(start, dot) + s.slice(dot + 1, e);
    frac = e - dot - 1;
  } else {
    digits = s.slice(start, e);
  }
  let z = 0;
  while (z < digits.length - 1 && digits.charCodeAt(z) === 48) z++;
  out.neg = neg;
  out.digits = z > 0 ? digits.slice(z) : digits;
  out.exp = frac - pow;
}

/** Largest integer held exactly by digit count: 15 digits stay below 2^53 with room for a sum. */
const EXACT_DIGITS = 15;
const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/**
 * `a − b` computed exactly on the decimals `a` and `b` print as, rounded once to the nearest
 * double. Non-finite inputs fall back to plain subtraction (NaN and ±Infinity have no decimal).
 * Exact whenever `a` or `b` is 0, so the common cases skip the decimal work.
 *
 * Both decimals are brought to one scale as integers and subtracted exactly — in doubles when both
 * have at most 15 digits (then every step is exact), digit by digit otherwise — and the exact
 * difference is rounded once: a quotient of two exact doubles, or the parse of its text, both
 * correctly rounded, so the result never depends on the path.
 */
export function decimalSub(a: number, b: number): number {
  if (b === 0 || a === 0 || !Number.isFinite(a) || !Number.isFinite(b)) return a - b;
  read(a, da);
  read(b, db);
  const exp = Math.max(da.exp, db.exp);
  const padA = exp - da.exp;
  const padB = exp - db.exp;
  const lenA = da.digits.length + padA;
  const lenB = db.digits.length + padB;
  if (lenA <= EXACT_DIGITS && lenB <= EXACT_DIGITS && exp >= 0 && exp <= 22) {
    const x = Number(da.digits) * POW10[padA]!;
    const y = Number(db.digits) * POW10[padB]!;
    const d = (da.neg ? -x : x) - (db.neg ? -y : y);
    // |d| < 2·10^15 < 2^53: exact; +0 for equal decimals.
    return d === 0 ? 0 : d / (exp <= 15 ? POW10[exp]! : 10 ** exp);
  }
  // Digit by digit, on the magnitudes aligned to `exp` decimals.
  const n = Math.max(lenA, lenB);
  const x = digitCodes(da.digits, padA, n);
  const y = digitCodes(db.digits, padB, n);
  let neg: boolean;
  let out: number[];
  if (da.neg !== db.neg) {
    // a − b = ±(|a| + |b|), the sign of a.
    out = addDigits(x, y);
    neg = da.neg;
  } else {
    const c = compareDigits(x, y);
    if (c === 0) return 0;
    out = c > 0 ? subDigits(x, y) : subDigits(y, x);
    neg = c > 0 ? da.neg : !da.neg;
  }
  return Number(`${neg ? '-' : ''}${String.fromCharCode(...out)}e${-exp}`);
}

/** `digits` followed by `pad` zeros, left-padded with zeros to `n` digit values (0…9). */
function digitCodes(digits: string, pad: number, n: number): number[] {
  const out = new Array<number>(n).fill(0);
  const off = n - digits.length - pad;
  for (let i = 0; i < digits.length; i++) out[off + i] = digits.charCodeAt(i) - 48;
  return out;
}

function compareDigits(x: number[], y: number[]): number {
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i]! > y[i]! ? 1 : -1;
  return 0;
}

/** x + y as character codes (one more digit for the carry). */
function addDigits(x: number[], y: number[]): number[] {
  const out = new Array<number>(x.length + 1);
  let carry = 0;
  for (let i = x.length - 1; i >= 0; i--) {
    const s = x[i]! + y[i]! + carry;
    carry = s >= 10 ? 1 : 0;
    out[i + 1] = 48 + s - 10 * carry;
  }
  out[0] = 48 + carry;
  return out;
}

/** x − y (x ≥ y) as character codes. */
function subDigits(x: number[], y: number[]): number[] {
  const out = new Array<number>(x.length);
  let borrow = 0;
  for (let i = x.length - 1; i >= 0; i--) {
    let s = x[i]! - y[i]! - borrow;
    borrow = s < 0 ? 1 : 0;
    s += 10 * borrow;
    out[i] = 48 + s;
  }
  return out;
}
