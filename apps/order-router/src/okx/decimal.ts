import { Precise } from 'ccxt';

/**
 * Exact decimal-string arithmetic (ccxt's Precise) for quantities, prices and fees: they travel as
 * decimal strings and are never rounded through doubles. An empty string counts as zero.
 */

const z = (a: string) => (a === '' ? '0' : a);

export function dAdd(a: string, b: string): string {
  return Precise.stringAdd(z(a), z(b)) ?? '0';
}

export function dSub(a: string, b: string): string {
  return Precise.stringSub(z(a), z(b)) ?? '0';
}

export function dNeg(a: string): string {
  return Precise.stringNeg(z(a)) ?? '0';
}

export function dEq(a: string, b: string): boolean {
  return Precise.stringEq(z(a), z(b));
}

export function dGt(a: string, b: string): boolean {
  return Precise.stringGt(z(a), z(b));
}

export function dLt(a: string, b: string): boolean {
  return Precise.stringLt(z(a), z(b));
}

export function dAbs(a: string): string {
  return Precise.stringAbs(z(a)) ?? '0';
}

export function dSum(values: Iterable<string>): string {
  let s = '0';
  for (const v of values) s = dAdd(s, v);
  return s;
}
