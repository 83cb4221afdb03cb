/**
 * Exact decimal arithmetic on doubles as they print (shortest round-trip text). Sizes and targets
 * are decimals to a trader: −0.2 − (−0.7) is 0.5, yet in binary it is 0.49999999999999994, which
 * a lot floor then turns into 0.49. Here the difference is taken on the two decimals exactly and
 * rounded to a double once.
 */

/*
 * Scratch for one subtraction (nothing outlives a call): each operand's significant digits as
 * values 0…9, then the result as character codes. A double's shortest decimal has at most 17
 * digits and an exponent within ±324, so aligned to one scale it never exceeds ~700 digits.
 */
const MAX_DIGITS = 1100;
const xd = new Uint8Array(MAX_DIGITS);
const yd = new Uint8Array(MAX_DIGITS);
const out = new Uint8Array(MAX_DIGITS + 1);

/** What {@link scan} read: value = (neg ? −1 : 1) × digits × 10^−exp. */
let scanNeg = false;
let scanLen = 0;
let scanExp = 0;

/** Reads `String(v)` (finite, non-zero) into `into`: `-0.0125e-7` → digits 1 2 5, exp 11. */
function scan(v: number, into: Uint8Array): void {
  const s = String(v);
  const n = s.length;
  const neg = s.charCodeAt(0) === 45;
  let len = 0;
  let frac = 0;
  let dot = false;
  let pow = 0;
  for (let i = neg ? 1 : 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c === 46) {
      dot = true;
      continue;
    }
    if (c === 101) {
      pow = Number(s.slice(i + 1));
      break;
    }
    if (dot) frac++;
    // Leading zeros carry no digit (but count as decimals when after the point).
    if (len > 0 || c !== 48) into[len++] = c - 48;
  }
  scanNeg = neg;
  scanLen = len;
  scanExp = frac - pow;
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
  scan(a, xd);
  const negA = scanNeg;
  const digitsA = scanLen;
  const expA = scanExp;
  scan(b, yd);
  const negB = scanNeg;
  const digitsB = scanLen;
  const expB = scanExp;
  const exp = Math.max(expA, expB);
  const padA = exp - expA;
  const padB = exp - expB;
  const lenA = digitsA + padA;
  const lenB = digitsB + padB;
  if (lenA <= EXACT_DIGITS && lenB <= EXACT_DIGITS && exp >= 0 && exp <= 22) {
    let x = 0;
    for (let i = 0; i < digitsA; i++) x = x * 10 + xd[i]!;
    let y = 0;
    for (let i = 0; i < digitsB; i++) y = y * 10 + yd[i]!;
    x *= POW10[padA]!;
    y *= POW10[padB]!;
    const d = (negA ? -x : x) - (negB ? -y : y);
    // |d| < 2·10^15 < 2^53: exact; +0 for equal decimals.
    return d === 0 ? 0 : d / (exp <= 15 ? POW10[exp]! : 10 ** exp);
  }
  // Digit by digit on the magnitudes aligned to `exp` decimals: L digits each, right-aligned.
  const L = Math.max(lenA, lenB);
  align(xd, digitsA, L - lenA, L);
  align(yd, digitsB, L - lenB, L);
  let neg: boolean;
  let from = 1;
  if (negA !== negB) {
    // a − b = ±(|a| + |b|), the sign of a.
    let carry = 0;
    for (let p = L - 1; p >= 0; p--) {
      const t = xd[p]! + yd[p]! + carry;
      carry = t >= 10 ? 1 : 0;
      out[p + 1] = 48 + t - 10 * carry;
    }
    out[0] = 49;
    from = 1 - carry;
    neg = negA;
  } else {
    let p = 0;
    while (p < L && xd[p] === yd[p]) p++;
    if (p === L) return 0;
    // |larger| − |smaller|, the sign of a when |a| is larger.
    const aBigger = xd[p]! > yd[p]!;
    const big = aBigger ? xd : yd;
    const small = aBigger ? yd : xd;
    let borrow = 0;
    for (let q = L - 1; q >= 0; q--) {
      let t = big[q]! - small[q]! - borrow;
      borrow = t < 0 ? 1 : 0;
      t += 10 * borrow;
      out[q + 1] = 48 + t;
    }
    from = p + 1;
    neg = aBigger ? negA : !negA;
  }
  let text = neg ? '-' : '';
  for (let q = from; q <= L; q++) text += DIGIT[out[q]! - 48]!;
  return Number(`${text}e${-exp}`);
}

const DIGIT = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];

/** Moves `n` digits at the start of `d` to `off…off+n`, zeros around, `len` in all. */
function align(d: Uint8Array, n: number, off: number, len: number): void {
  if (off > 0) {
    d.copyWithin(off, 0, n);
    d.fill(0, 0, off);
  }
  d.fill(0, off + n, len);
}
