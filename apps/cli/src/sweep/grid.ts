/** Parameter sets of a sweep: a grid (cartesian product) or random draws from ranges. */
import { UsageError } from '../args';
import { parseValue, setDotted } from './spec';

export type Params = Record<string, unknown>;

export interface GridAxis {
  readonly key: string;
  readonly values: readonly unknown[];
}

const KEY = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;

function splitFlag(flag: string, name: string, example: string): [string, string] {
  const eq = flag.indexOf('=');
  const key = eq > 0 ? flag.slice(0, eq).trim() : '';
  if (!KEY.test(key)) throw new UsageError(`--${name} "${flag}": expected ${example}`);
  return [key, flag.slice(eq + 1).trim()];
}

function decimals(x: number): number {
  const s = String(x);
  const e = s.indexOf('e-');
  if (e >= 0) return Number(s.slice(e + 2));
  const dot = s.indexOf('.');
  return dot < 0 ? 0 : s.length - dot - 1;
}

/**
 * `fast=5:50:5` (start:stop:step, stop included when on the grid) or `fast=5,10,20` (a list; any
 * --param value syntax per item).
 */
export function parseGridFlag(flag: string): GridAxis {
  const [key, spec] = splitFlag(flag, 'grid', 'name=start:stop:step or name=a,b,c, e.g. --grid fast=5:50:5');
  const range = /^(-?[\d.]+(?:e-?\d+)?):(-?[\d.]+(?:e-?\d+)?):([\d.]+(?:e-?\d+)?)$/.exec(spec);
  if (range) {
    const [start, stop, step] = [Number(range[1]), Number(range[2]), Number(range[3])];
    if (![start, stop, step].every(Number.isFinite) || !(step > 0) || stop < start) {
      throw new UsageError(`--grid ${flag}: need start <= stop and step > 0`);
    }
    const digits = Math.max(decimals(start), decimals(step));
    const count = Math.floor((stop - start) / step + 1e-9) + 1;
    if (count > 100_000) throw new UsageError(`--grid ${flag}: ${count} values is too many`);
    const values = Array.from({ length: count }, (_, i) => Number((start + i * step).toFixed(digits)));
    return { key, values };
  }
  const values = spec.split(',').map((v) => v.trim());
  if (values.some((v) => v === '')) throw new UsageError(`--grid ${flag}: empty value in the list`);
  return { key, values: values.map(parseValue) };
}

/** Every combination, the last axis varying fastest; `fixed` (from --param) under each. */
export function gridConfigs(axes: readonly GridAxis[], fixed: Params): Params[] {
  let out: Params[] = [structuredClone(fixed)];
  for (const axis of axes) {
    const next: Params[] = [];
    for (const base of out) {
      for (const v of axis.values) {
        const p = structuredClone(base);
        setDotted(p, axis.key, v);
        next.push(p);
      }
    }
    out = next;
  }
  return out;
}

export interface ParamRange {
  readonly key: string;
  readonly lo: number;
  readonly hi: number;
  /** Integers when both bounds are written as integers. */
  readonly integer: boolean;
}

/** `fast=5:50` (integers, both ends included) or `k=1.5:3.0` (uniform reals). */
export function parseRangeFlag(flag: string): ParamRange {
  const [key, spec] = splitFlag(flag, 'param-range', 'name=lo:hi, e.g. --param-range fast=5:50');
  const m = /^(-?[\d.]+(?:e-?\d+)?):(-?[\d.]+(?:e-?\d+)?)$/.exec(spec);
  const lo = Number(m?.[1]);
  const hi = Number(m?.[2]);
  if (!m || !Number.isFinite(lo) || !Number.isFinite(hi) || hi < lo) {
    throw new UsageError(`--param-range ${flag}: expected name=lo:hi with lo <= hi`);
  }
  return { key, lo, hi, integer: /^-?\d+$/.test(m[1]!) && /^-?\d+$/.test(m[2]!) };
}

/** mulberry32: a small seeded generator, so a random sweep can be repeated exactly. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * `n` distinct parameter sets drawn uniformly from the ranges (fewer when the integer ranges hold
 * fewer combinations); reals keep 6 significant digits.
 */
export function randomConfigs(
  ranges: readonly ParamRange[],
  n: number,
  seed: number,
  fixed: Params,
): Params[] {
  const rnd = seededRandom(seed);
  const seen = new Set<string>();
  const out: Params[] = [];
  const space = ranges.every((r) => r.integer)
    ? ranges.reduce((s, r) => s * (r.hi - r.lo + 1), 1)
    : Number.POSITIVE_INFINITY;
  const target = Math.min(n, space);
  for (let attempt = 0; out.length < target && attempt < target * 50; attempt++) {
    const p = structuredClone(fixed);
    for (const r of ranges) {
      const v = r.integer
        ? r.lo + Math.floor(rnd() * (r.hi - r.lo + 1))
        : Number((r.lo + rnd() * (r.hi - r.lo)).toPrecision(6));
      setDotted(p, r.key, v);
    }
    const key = JSON.stringify(p);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(p);
  }
  return out;
}
