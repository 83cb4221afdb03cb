import { esc } from './escape';
import { pct } from './format';
import {
  areaPath,
  axesSvg,
  downsample,
  extent,
  FONT,
  type Frame,
  linearScale,
  linePath,
  logScale,
  logTicks,
  plotHeight,
  plotWidth,
  r1,
  svgRoot,
  valueTicks,
  visibleGap,
} from './svg';

const WIDE = { width: 1000, left: 72, right: 16, top: 12, bottom: 28 } as const;

/** `[x, ...xs]` without spreading (a spread of 300k arguments overflows the stack). */
function prepend(x: number, xs: Float64Array): Float64Array {
  const out = new Float64Array(xs.length + 1);
  out[0] = x;
  out.set(xs, 1);
  return out;
}

/** Short axis label for a money or price value. */
export function compact(v: number): string {
  const a = Math.abs(v);
  if (a >= 1e9) return `${+(v / 1e9).toPrecision(3)}B`;
  if (a >= 1e6) return `${+(v / 1e6).toPrecision(3)}M`;
  if (a >= 1e4) return `${+(v / 1e3).toPrecision(3)}k`;
  return String(+v.toPrecision(4));
}

/** A reference curve drawn on the equity chart (a buy-and-hold benchmark). */
export interface EquityOverlay {
  readonly name: string;
  /** On the equity curve's time grid. */
  readonly value: Float64Array;
  readonly color: string;
  readonly width: number;
  readonly dash?: string;
  /** Its legend text (default: the name); false: not in the legend. */
  readonly legend?: string | false;
}

/**
 * Equity over time, with the initial cash as a dashed reference line and optional overlays
 * (benchmarks, named in a legend); `log` when drawn on a log scale.
 */
export function equityChart(
  time: Float64Array,
  equity: Float64Array,
  initialCash: number,
  startTime: number,
  overlays: readonly EquityOverlay[] = [],
): { svg: string; log: boolean } {
  const f: Frame = { ...WIDE, height: 300 };
  // The curve starts at the initial cash at the first bar's open.
  const t = prepend(startTime, time);
  const e = prepend(initialCash, equity);
  const extra = overlays.map((o) => ({ ...o, v: prepend(initialCash, o.value) }));
  let [lo0, hi0] = extent(e);
  for (const o of extra) {
    const [a, b] = extent(o.v);
    lo0 = Math.min(lo0, a);
    hi0 = Math.max(hi0, b);
  }
  // Log scale once equity spans more than a factor 8: early moves stay readable.
  const log = lo0 > 0 && hi0 / lo0 > 8;
  const pad = (hi0 - lo0) * 0.05 || Math.abs(hi0) * 0.05 || 1;
  const lo = log ? lo0 / 1.05 : lo0 - pad;
  const hi = log ? hi0 * 1.05 : hi0 + pad;
  const t0 = t[0]!;
  const t1 = t[t.length - 1]!;
  const sx = linearScale(t0, t1, f.left, f.left + plotWidth(f));
  const y0 = f.top + plotHeight(f);
  const sy = log ? logScale(lo, hi, y0, f.top) : linearScale(lo, hi, y0, f.top);
  const idx = downsample(e, plotWidth(f));
  const gap = visibleGap(t0, t1, plotWidth(f));
  const yBase = r1(sy(initialCash));
  const yTicks = log ? logTicks(lo, hi) : valueTicks(lo, hi, 5);
  let lines = '';
  let legend = '';
  let k = 0;
  for (const o of extra) {
    const d = linePath(t, o.v, downsample(o.v, plotWidth(f)), sx, sy, gap);
    const dash = o.dash ? ` stroke-dasharray="${o.dash}"` : '';
    lines += `<path class="benchmark" data-name="${esc(o.name)}" d="${d}" fill="none" stroke="${o.color}" stroke-width="${o.width}"${dash} stroke-linejoin="round"/>`;
    if (o.legend === false) continue;
    const ly = f.top + 30 + k++ * 14;
    legend += `<line x1="${f.left + 8}" x2="${f.left + 26}" y1="${ly}" y2="${ly}" stroke="${o.color}" stroke-width="${Math.max(o.width, 1.5)}"${dash}/><text x="${f.left + 30}" y="${ly}" dy="0.32em" font-size="11" fill="#374151" font-family="${FONT}">${esc(o.legend ?? o.name)}</text>`;
  }
  if (extra.length > 0) {
    legend =
      `<rect x="${f.left + 4}" y="${f.top + 6}" width="230" height="${20 + k * 14}" rx="4" fill="#ffffff" fill-opacity="0.85"/>` +
      `<line x1="${f.left + 8}" x2="${f.left + 26}" y1="${f.top + 16}" y2="${f.top + 16}" stroke="#2563eb" stroke-width="2"/><text x="${f.left + 30}" y="${f.top + 16}" dy="0.32em" font-size="11" font-weight="600" fill="#111827" font-family="${FONT}">Strategy</text>` +
      legend;
  }
  const body =
    axesSvg({ frame: f, sx, sy, t0, t1, yTicks, yLabel: compact }) +
    `<line class="baseline" x1="${f.left}" x2="${f.width - f.right}" y1="${yBase}" y2="${yBase}" stroke="#9ca3af" stroke-dasharray="4 3" stroke-width="1"/>` +
    `<path class="area" d="${areaPath(t, e, idx, sx, sy, lo, gap)}" fill="#2563eb" fill-opacity="0.08" stroke="none"/>` +
    lines +
    `<path class="line" d="${linePath(t, e, idx, sx, sy, gap)}" fill="none" stroke="#2563eb" stroke-width="1.5" stroke-linejoin="round"/>` +
    `<g class="legend">${legend}</g>`;
  return { svg: svgRoot('equity-chart', f, log ? 'Equity (log scale)' : 'Equity', body), log };
}

/** Drawdown from the running peak (≤ 0), as a filled area below zero. */
export function drawdownChart(time: Float64Array, drawdown: Float64Array, startTime: number): string {
  const f: Frame = { ...WIDE, height: 170 };
  const t = prepend(startTime, time);
  const d = prepend(0, drawdown);
  const [lo0] = extent(d);
  const lo = Math.min(lo0 * 1.05, -0.01);
  const t0 = t[0]!;
  const t1 = t[t.length - 1]!;
  const sx = linearScale(t0, t1, f.left, f.left + plotWidth(f));
  const sy = linearScale(lo, 0, f.top + plotHeight(f), f.top);
  const idx = downsample(d, plotWidth(f));
  const gap = visibleGap(t0, t1, plotWidth(f));
  const body =
    axesSvg({ frame: f, sx, sy, t0, t1, yTicks: valueTicks(lo, 0, 4), yLabel: (v) => pct(v, 0) }) +
    `<path class="area" d="${areaPath(t, d, idx, sx, sy, 0, gap)}" fill="#dc2626" fill-opacity="0.25" stroke="none"/>` +
    `<path class="line" d="${linePath(t, d, idx, sx, sy, gap)}" fill="none" stroke="#dc2626" stroke-width="1"/>`;
  return svgRoot('drawdown-chart', f, 'Drawdown', body);
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Green for gains, red for losses, stronger with size (relative to the largest move shown). */
function heatColor(v: number, scale: number): string {
  if (!Number.isFinite(v)) return '#f3f4f6';
  const a = 0.12 + 0.78 * Math.min(1, Math.abs(v) / scale);
  return v >= 0 ? `rgba(22,163,74,${a.toFixed(3)})` : `rgba(220,38,38,${a.toFixed(3)})`;
}

/**
 * Monthly returns as a year × month grid, with each year's compounded return in the last
 * column. Months without a point are blank (no cell).
 */
export function monthlyHeatmap(monthly: Readonly<Record<string, number>>): string {
  const keys = Object.keys(monthly).sort();
  const years = [...new Set(keys.map((k) => Number(k.slice(0, 4))))].sort((a, b) => a - b);
  const cw = 62;
  const ch = 26;
  const left = 56;
  const top = 24;
  const f: Frame = {
    width: left + cw * 13 + 8,
    height: top + ch * Math.max(years.length, 1) + 8,
    left,
    right: 8,
    top,
    bottom: 8,
  };
  let scale = 0;
  for (const k of keys) if (Number.isFinite(monthly[k]!)) scale = Math.max(scale, Math.abs(monthly[k]!));
  scale ||= 1;
  let s = '';
  const text = (x: number, y: number, label: string, extra = '') =>
    `<text x="${x}" y="${y}" text-anchor="middle" dy="0.35em" font-size="11" fill="#111827" font-family="${FONT}"${extra}>${esc(label)}</text>`;
  [...MONTHS, 'Year'].forEach((m, c) => {
    s += text(left + c * cw + cw / 2, top / 2, m, ' font-weight="600"');
  });
  years.forEach((y, r) => {
    const yy = top + r * ch;
    s += `<text x="${left - 8}" y="${yy + ch / 2}" text-anchor="end" dy="0.35em" font-size="11" font-weight="600" fill="#111827" font-family="${FONT}">${y}</text>`;
    let compound = 1;
    let any = false;
    for (let m = 0; m < 12; m++) {
      const key = `${y}-${String(m + 1).padStart(2, '0')}`;
      const v = monthly[key];
      if (v === undefined) continue;
      any = true;
      compound *= 1 + v;
      const x = left + m * cw;
      s += `<rect class="cell" data-month="${key}" x="${x + 1}" y="${yy + 1}" width="${cw - 2}" height="${ch - 2}" rx="3" fill="${heatColor(v, scale)}"><title>${esc(`${key}: ${pct(v)}`)}</title></rect>`;
      s += text(x + cw / 2, yy + ch / 2, pct(v, 1), ' pointer-events="none"');
    }
    if (any) {
      const x = left + 12 * cw;
      const yr = compound - 1;
      s += `<rect class="year" x="${x + 1}" y="${yy + 1}" width="${cw - 2}" height="${ch - 2}" rx="3" fill="${heatColor(yr, Math.max(scale, Math.abs(yr)))}" stroke="#111827" stroke-width="0.5"><title>${esc(`${y}: ${pct(yr)}`)}</title></rect>`;
      s += text(x + cw / 2, yy + ch / 2, pct(yr, 1), ' font-weight="600" pointer-events="none"');
    }
  });
  return svgRoot('monthly-heatmap', f, 'Monthly returns', s);
}
