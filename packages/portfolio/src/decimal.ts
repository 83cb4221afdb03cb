/**
 * Exact decimal arithmetic on doubles as they print (shortest round-trip text). Sizes and targets
 * are decimals to a trader: −0.2 − (−0.7) is 0.5, yet in binary it is 0.49999999999999994, which
 * a lot floor then turns into 0.49. Here the difference is taken on the two decimals exactly and
 * rounded to a double once.
 */

interface Scaled {
  /** The decimal's digits as an integer: value = int / 10^exp. */
  readonly int: bigint;
  readonly exp: number;
}

const NUMBER = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/;

function scaled(v: number): Scaled {
  const m = NUMBER.exec(String(v));
  if (!m) throw new Error(`decimal: cannot read ${v}`);
  const frac = m[3] ?? '';
  let exp = frac.length - Number(m[4] ?? 0);
  let int = BigInt(`${m[1]}${m[2]}${frac}`);
  if (exp < 0) {
    int *= 10n ** BigInt(-exp);
    exp = 0;
  }
  return { int, exp };
}

/**
 * `a − b` computed exactly on the decimals `a` and `b` print as, rounded once to the nearest
 * double. Non-finite inputs fall back to plain subtraction (NaN and ±Infinity have no decimal).
 * Exact whenever `a` or `b` is 0, so the common cases skip the decimal work.
 */
export function decimalSub(a: number, b: number): number {
  if (b === 0 || a === 0 || !Number.isFinite(a) || !Number.isFinite(b)) return a - b;
  const x = scaled(a);
  const y = scaled(b);
  const exp = Math.max(x.exp, y.exp);
  const d = x.int * 10n ** BigInt(exp - x.exp) - y.int * 10n ** BigInt(exp - y.exp);
  if (exp === 0) return Number(d);
  const neg = d < 0n;
  const digits = (neg ? -d : d).toString().padStart(exp + 1, '0');
  const cut = digits.length - exp;
  return Number(`${neg ? '-' : ''}${digits.slice(0, cut)}.${digits.slice(cut)}`);
}
