/**
 * Inline SVG charts drawn here, server-side: no script, no network (only the zoomable price chart
 * runs a script, see price-chart.ts). Styling is in
 * presentation attributes (not CSS classes), so a chart also renders on its own (the tests
 * rasterise each chart in Chromium and count the pixels drawn).
 */
import { esc } from './escape';

export interface Frame {
  readonly width: number;
  readonly height: number;
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
}

export const FONT = 'system-ui, -apple-system, Segoe UI, Roboto, sans-serif';

export function plotWidth(f: Frame): number {
  return f.width - f.left - f.right;
}

export function plotHeight(f: Frame): number {
  return f.height - f.top - f.bottom;
}

export type Scale = (v: number) => number;

export function linearScale(d0: number, d1: number, r0: number, r1: number): Scale {
  const span = d1 - d0 || 1;
  return (v) => r0 + ((v - d0) / span) * (r1 - r0);
}

export function logScale(d0: number, d1: number, r0: number, r1: number): Scale {
  const l0 = Math.log10(d0);
  const span = Math.log10(d1) - l0 || 1;
  return (v) => r0 + ((Math.log10(v) - l0) / span) * (r1 - r0);
}

/** Coordinates with one decimal: small paths, no visible loss at chart sizes. */
export function r1(x: number): string {
  // The same text as (Math.round(x * 10) / 10).toString(), from integers: a path has thousands of
  // coordinates, and an integer prints several times faster than a fraction.
  const v = Math.round(x * 10);
  const a = v < 0 ? -v : v;
  if (!(a < 2_000_000_000)) return (v / 10).toString();
  const whole = (a / 10) | 0;
  const tenth = a - whole * 10;
  const sign = v < 0 ? '-' : '';
  return tenth === 0 ? sign + whole : `${sign}${whole}.${tenth}`;
}

/** Min and max of the finite values in [from, to). */
export function extent(values: ArrayLike<number>, from = 0, to = values.length): [number, number] {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (let i = from; i < to; i++) {
    const v = values[i]!;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return [lo, hi];
}

/**
 * Indices to draw of a long series: in each of `buckets` equal index ranges the first, lowest,
 * highest and last point (in index order), so spikes survive and a 45k-point curve becomes a few
 * thousand points that look the same at chart width.
 */
export function downsample(values: ArrayLike<number>, buckets: number): number[] {
  const n = values.length;
  const out: number[] = [];
  if (n <= buckets * 4) {
    for (let i = 0; i < n; i++) out.push(i);
    return out;
  }
  // No per-bucket arrays: the four picks are in index order by construction (from ≤ lo, hi ≤ to − 1).
  let last = -1;
  const pick = (i: number) => {
    if (i !== last) out.push(i);
    last = i;
  };
  for (let b = 0; b < buckets; b++) {
    const from = Math.floor((b * n) / buckets);
    const to = Math.floor(((b + 1) * n) / buckets);
    if (to <= from) continue;
    // Lowest and highest of the finite values (a NaN compares false and would stick).
    let lo = -1;
    let hi = -1;
    let loV = 0;
    let hiV = 0;
    for (let i = from; i < to; i++) {
      const v = values[i]!;
      if (!Number.isFinite(v)) continue;
      if (lo < 0 || v < loV) {
        lo = i;
        loV = v;
      }
      if (hi < 0 || v > hiV) {
        hi = i;
        hiV = v;
      }
    }
    pick(from);
    if (lo >= 0) {
      pick(Math.min(lo, hi));
      pick(Math.max(lo, hi));
    }
    pick(to - 1);
  }
  return out;
}

/**
 * The points `idx` split where consecutive ones are more than `maxGap` apart in time: a hole in
 * the data is drawn as a hole, not bridged by a straight line.
 */
export function segments(time: ArrayLike<number>, idx: readonly number[], maxGap: number): number[][] {
  const out: number[][] = [];
  let cur: number[] = [];
  for (const i of idx) {
    const prev = cur[cur.length - 1];
    if (prev !== undefined && time[i]! - time[prev]! > maxGap) {
      out.push(cur);
      cur = [];
    }
    cur.push(i);
  }
  if (cur.length > 0) out.push(cur);
  return out;
}

/** A gap worth showing: a week, or three pixel columns' worth of time on a long chart. */
export function visibleGap(t0: number, t1: number, pixels: number): number {
  return Math.max(7 * 86_400_000, (3 * (t1 - t0)) / pixels);
}

/**
 * An SVG path through the points `idx` of (time, values), lifted over gaps longer than `maxGap`.
 * One pass over the points (no segment arrays): a move (`M`) starts the path and each piece after
 * a gap, a line (`L`) joins the rest.
 */
export function linePath(
  time: ArrayLike<number>,
  values: ArrayLike<number>,
  idx: readonly number[],
  sx: Scale,
  sy: Scale,
  maxGap = Number.POSITIVE_INFINITY,
): string {
  return pathThrough(time, values, idx, sx, sy, maxGap, false);
}

/** {@link linePath}, and with `holes` a non-finite value ends the piece instead of being drawn. */
function pathThrough(
  time: ArrayLike<number>,
  values: ArrayLike<number>,
  idx: readonly number[],
  sx: Scale,
  sy: Scale,
  maxGap: number,
  holes: boolean,
): string {
  let d = '';
  let prev = -1;
  for (let k = 0; k < idx.length; k++) {
    const i = idx[k]!;
    const v = values[i]!;
    if (holes && !Number.isFinite(v)) {
      prev = -1;
      continue;
    }
    const t = time[i]!;
    d += `${prev < 0 || t - time[prev]! > maxGap ? 'M' : 'L'}${r1(sx(t))} ${r1(sy(v))}`;
    prev = i;
  }
  return d;
}

/** {@link linePath} closed down (or up) to the horizontal line at `base`, one shape per segment. */
export function areaPath(
  time: ArrayLike<number>,
  values: ArrayLike<number>,
  idx: readonly number[],
  sx: Scale,
  sy: Scale,
  base: number,
  maxGap = Number.POSITIVE_INFINITY,
): string {
  const y0 = r1(sy(base));
  let d = '';
  let prev = -1;
  for (let k = 0; k < idx.length; k++) {
    const i = idx[k]!;
    const t = time[i]!;
    if (prev < 0 || t - time[prev]! > maxGap) {
      // Close the previous shape down to the base, then start the next one there.
      if (prev >= 0) d += `L${r1(sx(time[prev]!))} ${y0}Z`;
      d += `M${r1(sx(t))} ${y0}`;
    }
    d += `L${r1(sx(t))} ${r1(sy(values[i]!))}`;
    prev = i;
  }
  if (prev >= 0) d += `L${r1(sx(time[prev]!))} ${y0}Z`;
  return d;
}

const DAY = 86_400_000;

interface TimeTick {
  readonly t: number;
  readonly label: string;
}

function monthStarts(t0: number, t1: number, everyMonths: number): number[] {
  const d = new Date(t0);
  let y = d.getUTCFullYear();
  let m = d.getUTCMonth();
  m = Math.ceil(m / everyMonths) * everyMonths;
  const out: number[] = [];
  for (;;) {
    const t = Date.UTC(y + Math.floor(m / 12), m % 12, 1);
    if (t > t1) break;
    if (t >= t0) out.push(t);
    m += everyMonths;
    if (m >= 12) {
      y += Math.floor(m / 12);
      m %= 12;
    }
  }
  return out;
}

/** Calendar-aligned ticks (UTC) between t0 and t1, at most `max` of them. */
export function timeTicks(t0: number, t1: number, max = 8): TimeTick[] {
  if (!(t1 > t0)) return [];
  const iso = (t: number) => new Date(t).toISOString();
  const months: [number, (t: number) => string][] = [
    [1, (t) => iso(t).slice(0, 7)],
    [3, (t) => iso(t).slice(0, 7)],
    [6, (t) => iso(t).slice(0, 7)],
    [12, (t) => iso(t).slice(0, 4)],
    [24, (t) => iso(t).slice(0, 4)],
    [60, (t) => iso(t).slice(0, 4)],
  ];
  const span = t1 - t0;
  for (const step of [3_600_000, 6 * 3_600_000, DAY, 7 * DAY]) {
    if (span / step <= max) {
      const first = Math.ceil(t0 / step) * step;
      const out: TimeTick[] = [];
      for (let t = first; t <= t1; t += step) {
        out.push({ t, label: step < DAY ? iso(t).slice(5, 16).replace('T', ' ') : iso(t).slice(0, 10) });
      }
      return out;
    }
  }
  for (const [every, label] of months) {
    const ts = monthStarts(t0, t1, every);
    if (ts.length <= max) return ts.map((t) => ({ t, label: label(t) }));
  }
  return [];
}

/** "Nice" round values (1, 2, 5 × 10^k steps) covering [lo, hi], about `count` of them. */
export function valueTicks(lo: number, hi: number, count = 5): number[] {
  if (!(hi > lo)) return Number.isFinite(lo) ? [lo] : [];
  const raw = (hi - lo) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) {
    out.push(Math.abs(v) < step * 1e-9 ? 0 : v);
  }
  return out;
}

/** Ticks for a log axis: 1, 2, 5 × 10^k inside [lo, hi] (only powers of ten when that is too many). */
export function logTicks(lo: number, hi: number, max = 8): number[] {
  const all: number[] = [];
  const powers: number[] = [];
  for (let k = Math.floor(Math.log10(lo)); k <= Math.ceil(Math.log10(hi)); k++) {
    for (const m of [1, 2, 5]) {
      const v = m * 10 ** k;
      if (v >= lo && v <= hi) {
        all.push(v);
        if (m === 1) powers.push(v);
      }
    }
  }
  return all.length <= max ? all : powers;
}

export interface Axes {
  readonly frame: Frame;
  readonly sx: Scale;
  readonly sy: Scale;
  readonly t0: number;
  readonly t1: number;
  readonly yTicks: readonly number[];
  readonly yLabel: (v: number) => string;
}

/** Width of an 11 px axis label, generously (digits and dashes are about 6.2 px wide). */
function labelWidth(label: string): number {
  return label.length * 6.6;
}

/**
 * A tick label is centred on its tick unless that would cut it at the chart's edge (a tick at the
 * very end of the run): then it ends (or starts) at the tick instead.
 */
export function tickAnchor(x: number, label: string, width: number): 'start' | 'middle' | 'end' {
  const half = labelWidth(label) / 2;
  if (x + half > width - 2) return 'end';
  if (x - half < 2) return 'start';
  return 'middle';
}

/** Grid lines, tick labels and the plot border. */
export function axesSvg(a: Axes): string {
  const { frame: f, sx, sy } = a;
  const x0 = f.left;
  const x1 = f.width - f.right;
  const y0 = f.top;
  const y1 = f.height - f.bottom;
  let s = '';
  for (const v of a.yTicks) {
    const y = r1(sy(v));
    s += `<line x1="${x0}" x2="${x1}" y1="${y}" y2="${y}" stroke="#e5e7eb" stroke-width="1"/>`;
    s += `<text x="${x0 - 6}" y="${y}" dy="0.32em" text-anchor="end" font-size="11" fill="#6b7280" font-family="${FONT}">${esc(a.yLabel(v))}</text>`;
  }
  for (const tick of timeTicks(a.t0, a.t1)) {
    const xv = sx(tick.t);
    const x = r1(xv);
    s += `<line x1="${x}" x2="${x}" y1="${y0}" y2="${y1}" stroke="#f3f4f6" stroke-width="1"/>`;
    s += `<text class="x-tick" x="${x}" y="${y1 + 16}" text-anchor="${tickAnchor(xv, tick.label, f.width)}" font-size="11" fill="#6b7280" font-family="${FONT}">${esc(tick.label)}</text>`;
  }
  s += `<rect x="${x0}" y="${y0}" width="${x1 - x0}" height="${y1 - y0}" fill="none" stroke="#d1d5db" stroke-width="1"/>`;
  return s;
}

/** The outer `<svg>` element: scales with the page width, keeps its aspect ratio. */
export function svgRoot(id: string, f: Frame, title: string, body: string): string {
  return (
    `<svg id="${esc(id)}" class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${f.width} ${f.height}" ` +
    `width="${f.width}" height="${f.height}" role="img" aria-label="${esc(title)}">` +
    `<rect x="0" y="0" width="${f.width}" height="${f.height}" fill="#ffffff"/>${body}</svg>`
  );
}

/** {@link linePath} for a series with undefined (non-finite) stretches: drawn as holes. */
export function finitePath(
  time: ArrayLike<number>,
  values: ArrayLike<number>,
  idx: readonly number[],
  sx: Scale,
  sy: Scale,
  maxGap = Number.POSITIVE_INFINITY,
): string {
  return pathThrough(time, values, idx, sx, sy, maxGap, true);
}

/** A clip path for the plot area (id `<chart id>-clip`): a series clamped to a range stays inside. */
export function plotClip(id: string, f: Frame): string {
  return `<clipPath id="${esc(id)}-clip"><rect x="${f.left}" y="${f.top}" width="${plotWidth(f)}" height="${plotHeight(f)}"/></clipPath>`;
}

/** Values at quantiles qs (each 0..1) of the finite values; NaN when there is none. */
export function finiteQuantiles(values: ArrayLike<number>, qs: readonly number[]): number[] {
  const xs = new Float64Array(values.length);
  let n = 0;
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i]!)) xs[n++] = values[i]!;
  const sorted = xs.subarray(0, n).sort();
  return qs.map((q) =>
    n === 0 ? Number.NaN : sorted[Math.min(n - 1, Math.max(0, Math.round((n - 1) * q)))]!,
  );
}
