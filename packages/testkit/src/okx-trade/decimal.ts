/**
 * Exact decimal arithmetic for the simulated exchange: bigints scaled by 10^18, enough for OKX's
 * lot sizes (1e-8) times tick sizes (1e-1 … 1e-8) without rounding.
 */
const DIGITS = 18;
const SCALE = 10n ** BigInt(DIGITS);
const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?$/;

export type Dec = bigint;

export const ZERO: Dec = 0n;

/** Parses a plain decimal string ("0.001", "-12", "27123.5"); undefined when it is not one. */
export function parseDec(text: string): Dec | undefined {
  const m = DECIMAL.exec(text.trim());
  if (!m) return undefined;
  const frac = (m[3] ?? '').slice(0, DIGITS).padEnd(DIGITS, '0');
  const v = BigInt(m[2]!) * SCALE + BigInt(frac);
  return m[1] ? -v : v;
}

export function dec(text: string): Dec {
  const v = parseDec(text);
  if (v === undefined) throw new Error(`not a decimal: "${text}"`);
  return v;
}

/** Shortest plain decimal text: "0.00001", "27123.5", "-0.1", "0". */
export function fmt(v: Dec): string {
  const neg = v < 0n;
  const abs = neg ? -v : v;
  const int = abs / SCALE;
  const frac = (abs % SCALE).toString().padStart(DIGITS, '0').replace(/0+$/, '');
  return `${neg ? '-' : ''}${int}${frac ? `.${frac}` : ''}`;
}

/** a × b, truncated towards zero at 18 decimals. */
export function mul(a: Dec, b: Dec): Dec {
  return (a * b) / SCALE;
}

/** a ÷ b, truncated towards zero at 18 decimals. */
export function div(a: Dec, b: Dec): Dec {
  return (a * SCALE) / b;
}

/** Largest multiple of `step` not above `a` (a ≥ 0). */
export function floorTo(a: Dec, step: Dec): Dec {
  return (a / step) * step;
}

export function isMultiple(a: Dec, step: Dec): boolean {
  return a % step === 0n;
}

export function min(a: Dec, b: Dec): Dec {
  return a < b ? a : b;
}
