/** Rolling-risk line charts and the return histogram (inline SVG, like charts.ts). */
import { esc } from './escape';
import { num, pct } from './format';
import type { Histogram } from './periods';
import {
  axesSvg,
  downsample,
  FONT,
  type Frame,
  finitePath,
  finiteQuantiles,
  linearScale,
  plotClip,
  plotHeight,
  plotWidth,
  r1,
  svgRoot,
  tickAnchor,
  valueTicks,
  visibleGap,
} from './svg';

const WIDE = { width: 1000, left: 72, right: 16, top: 12, bottom: 28 } as const;

export interface SeriesChartOptions {
  readonly color: string;
  readonly yLabel: (v: number) => string;
  /** Time axis range, ms: the run's, so the chart lines up with the equity chart. */
  readonly t0: number;
  readonly t1: number;
  /** Always show 0 on the axis, with a darker line. */
  readonly zero?: boolean;
}

/**
 * One series over time, its undefined stretches (warm-up, no variance) left as holes. The value
 * axis covers the 1st to 99th percentile, so a few extreme windows (a Sharpe ratio of a
 * near-flat month) do not flatten the rest; the line is clipped to the plot.
 */
export function seriesChart(
  id: string,
  title: string,
  time: Float64Array,
  values: Float64Array,
  o: SeriesChartOptions,
): string {
  const f: Frame = { ...WIDE, height: 170 };
  let [lo, hi] = finiteQuantiles(values, [0.01, 0.99]) as [number, number];
  if (!Number.isFinite(lo)) {
    lo = 0;
    hi = 1;
  }
  if (o.zero) {
    lo = Math.min(lo, 0);
    hi = Math.max(hi, 0);
  }
  const pad = (hi - lo) * 0.05 || Math.abs(hi) * 0.05 || 1;
  lo -= pad;
  hi += pad;
  const sx = linearScale(o.t0, o.t1, f.left, f.left + plotWidth(f));
  const sy = linearScale(lo, hi, f.top + plotHeight(f), f.top);
  const idx = downsample(values, plotWidth(f));
  const gap = visibleGap(o.t0, o.t1, plotWidth(f));
  const zero =
    o.zero && lo < 0 && hi > 0
      ? `<line class="zero" x1="${f.left}" x2="${f.width - f.right}" y1="${r1(sy(0))}" y2="${r1(sy(0))}" stroke="#9ca3af" stroke-width="1"/>`
      : '';
  const body =
    `<defs>${plotClip(id, f)}</defs>` +
    axesSvg({ frame: f, sx, sy, t0: o.t0, t1: o.t1, yTicks: valueTicks(lo, hi, 4), yLabel: o.yLabel }) +
    zero +
    `<path class="line" clip-path="url(#${esc(id)}-clip)" d="${finitePath(time, values, idx, sx, sy, gap)}" fill="none" stroke="${o.color}" stroke-width="1.2" stroke-linejoin="round"/>`;
  return svgRoot(id, f, title, body);
}

/**
 * A histogram of period returns: one bar per bin, 0 and the mean marked; the edge bins also hold
 * what lies beyond them (said in their tooltip).
 */
export function returnHistogram(id: string, title: string, h: Histogram): string {
  const f: Frame = { width: 1000, left: 56, right: 16, top: 12, bottom: 28, height: 220 };
  if (h.counts.length === 0) return svgRoot(id, f, title, '');
  const lo = h.edges[0]!;
  const hi = h.edges[h.edges.length - 1]!;
  const sx = linearScale(lo, hi, f.left, f.left + plotWidth(f));
  const top = Math.max(...h.counts);
  const sy = linearScale(0, top * 1.08, f.top + plotHeight(f), f.top);
  let s = '';
  for (const v of valueTicks(0, top * 1.08, 4)) {
    const y = r1(sy(v));
    s += `<line x1="${f.left}" x2="${f.width - f.right}" y1="${y}" y2="${y}" stroke="#e5e7eb" stroke-width="1"/>`;
    s += `<text x="${f.left - 6}" y="${y}" dy="0.32em" text-anchor="end" font-size="11" fill="#6b7280" font-family="${FONT}">${esc(num(v, 0))}</text>`;
  }
  const y1 = f.top + plotHeight(f);
  for (const v of valueTicks(lo, hi, 8)) {
    const x = sx(v);
    const label = pct(v, Math.abs(hi - lo) < 0.05 ? 1 : 0);
    s += `<text class="x-tick" x="${r1(x)}" y="${y1 + 16}" text-anchor="${tickAnchor(x, label, f.width)}" font-size="11" fill="#6b7280" font-family="${FONT}">${esc(label)}</text>`;
  }
  h.counts.forEach((c, b) => {
    const a = h.edges[b]!;
    const z = h.edges[b + 1]!;
    const x0 = sx(a);
    const w = Math.max(0.5, sx(z) - x0 - 1);
    const y = sy(c);
    const beyond =
      b === 0 && h.below > 0
        ? ` (${h.below} below)`
        : b === h.counts.length - 1 && h.above > 0
          ? ` (${h.above} above)`
          : '';
    // The bin holding 0 (flat periods) is neither a gain nor a loss.
    const colour = a < 0 && z > 0 ? '#9ca3af' : a >= 0 ? '#16a34a' : '#dc2626';
    s += `<rect class="bin" x="${r1(x0 + 0.5)}" y="${r1(y)}" width="${r1(w)}" height="${r1(y1 - y)}" fill="${colour}" fill-opacity="0.7"><title>${esc(`${pct(a)} … ${pct(z)}: ${c}${beyond}`)}</title></rect>`;
  });
  const mark = (v: number, colour: string, label: string, row: number) => {
    if (!(v >= lo && v <= hi)) return '';
    const x = r1(sx(v));
    return `<line x1="${x}" x2="${x}" y1="${f.top}" y2="${y1}" stroke="${colour}" stroke-width="1" stroke-dasharray="3 3"/><text x="${x}" y="${f.top + 10 + row * 14}" dx="4" font-size="11" fill="${colour}" font-family="${FONT}">${esc(label)}</text>`;
  };
  s += mark(0, '#6b7280', '0', 0);
  s += mark(h.mean, '#1d4ed8', `mean ${pct(h.mean, 2)}`, 1);
  s += `<rect x="${f.left}" y="${f.top}" width="${plotWidth(f)}" height="${plotHeight(f)}" fill="none" stroke="#d1d5db" stroke-width="1"/>`;
  return svgRoot(id, f, title, s);
}
