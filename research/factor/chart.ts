import type { FactorEvaluation } from './evaluate';

/** A self-contained HTML page (inline SVG, no scripts): IC decay, IC over time, quantile growth. */

const W = 640;
const H = 240;
const PAD = 40;
const COLORS = ['#b2182b', '#ef8a62', '#999999', '#67a9cf', '#2166ac', '#1b7837', '#762a83'];

const esc = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
const fmt = (x: number) => (Math.abs(x) >= 100 ? x.toFixed(0) : x.toPrecision(3));

function frame(title: string, lo: number, hi: number, body: string, legend: string[]): string {
  const y = (v: number) => H - PAD - ((v - lo) / (hi - lo || 1)) * (H - 2 * PAD);
  const zero =
    lo < 0 && hi > 0 ? `<line x1="${PAD}" x2="${W - 10}" y1="${y(0)}" y2="${y(0)}" stroke="#444"/>` : '';
  const keys = legend
    .map(
      (l, i) =>
        `<text x="${PAD + 110 * i}" y="${H - 8}" fill="${COLORS[i % COLORS.length]}" font-size="11">${esc(l)}</text>`,
    )
    .join('');
  return `<h3>${esc(title)}</h3><svg width="${W}" height="${H}" xmlns="http://www.w3.org/2000/svg" font-family="sans-serif">
<rect x="${PAD}" y="${PAD}" width="${W - PAD - 10}" height="${H - 2 * PAD}" fill="none" stroke="#ccc"/>
<text x="2" y="${PAD + 4}" font-size="10">${fmt(hi)}</text><text x="2" y="${H - PAD}" font-size="10">${fmt(lo)}</text>
${zero}${body}${keys}</svg>`;
}

function bounds(values: number[]): [number, number] {
  const v = values.filter(Number.isFinite);
  const lo = Math.min(0, ...v);
  const hi = Math.max(0, ...v);
  return lo === hi ? [lo - 1, hi + 1] : [lo, hi];
}

/** Grouped bars: one group per label, one bar per series. */
export function barChart(
  title: string,
  labels: string[],
  series: { name: string; values: number[] }[],
): string {
  const [lo, hi] = bounds(series.flatMap((s) => s.values));
  const y = (v: number) => H - PAD - ((v - lo) / (hi - lo)) * (H - 2 * PAD);
  const group = (W - PAD - 10) / labels.length;
  const bw = (group * 0.8) / series.length;
  let body = '';
  labels.forEach((label, i) => {
    series.forEach((s, j) => {
      const v = s.values[i]!;
      if (!Number.isFinite(v)) return;
      const x = PAD + i * group + group * 0.1 + j * bw;
      body += `<rect x="${x}" y="${Math.min(y(v), y(0))}" width="${bw}" height="${Math.abs(y(v) - y(0))}" fill="${COLORS[j % COLORS.length]}"><title>${esc(s.name)} ${esc(label)}: ${v}</title></rect>`;
    });
    body += `<text x="${PAD + i * group + group / 2}" y="${H - PAD + 14}" font-size="10" text-anchor="middle">${esc(label)}</text>`;
  });
  return frame(
    title,
    lo,
    hi,
    body,
    series.map((s) => s.name),
  );
}

/** Lines over a shared x axis (times, ms). */
export function lineChart(
  title: string,
  x: readonly number[],
  series0: { name: string; values: readonly number[] }[],
  log = false,
): string {
  // A log axis for growth curves: compounding over years makes a linear axis a flat line, then a wall.
  const series = log
    ? series0.map((s) => ({ name: s.name, values: s.values.map((v) => Math.log10(v)) }))
    : series0;
  // Lines need no zero line: the range of the data itself (reduce, not spread: 40,000 points).
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const s of series) {
    for (const v of s.values) {
      if (!Number.isFinite(v)) continue;
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
  }
  if (!Number.isFinite(lo)) [lo, hi] = [0, 1];
  const x0 = x[0] ?? 0;
  const x1 = x[x.length - 1] ?? 1;
  const px = (t: number) => PAD + ((t - x0) / (x1 - x0 || 1)) * (W - PAD - 10);
  const py = (v: number) => H - PAD - ((v - lo) / (hi - lo || 1)) * (H - 2 * PAD);
  // At most ~600 points per line: an SVG of 40,000 hourly points says nothing more.
  const every = Math.max(1, Math.ceil(x.length / 600));
  const body = series
    .map((s, j) => {
      const pts: string[] = [];
      for (let i = 0; i < x.length; i += every) {
        if (Number.isFinite(s.values[i]!)) pts.push(`${px(x[i]!).toFixed(1)},${py(s.values[i]!).toFixed(1)}`);
      }
      return `<polyline fill="none" stroke="${COLORS[j % COLORS.length]}" stroke-width="1.5" points="${pts.join(' ')}"/>`;
    })
    .join('');
  const dates = `<text x="${PAD}" y="${H - PAD + 14}" font-size="10">${new Date(x0).toISOString().slice(0, 10)}</text><text x="${W - 10}" y="${H - PAD + 14}" font-size="10" text-anchor="end">${new Date(x1).toISOString().slice(0, 10)}</text>`;
  return frame(
    log ? `${title} (log scale; axis labels are 10^x)` : title,
    lo,
    hi,
    body + dates,
    series.map((s) => s.name),
  );
}

function rolling(values: readonly number[], n: number): number[] {
  const out: number[] = [];
  let s = 0;
  for (let i = 0; i < values.length; i++) {
    s += values[i]!;
    if (i >= n) s -= values[i - n]!;
    out.push(i >= n - 1 ? s / n : Number.NaN);
  }
  return out;
}

export function factorReportHtml(title: string, summary: string[], ev: FactorEvaluation): string {
  const labels = ev.ic.map((x) => `${x.horizon}`);
  const decay = barChart('IC decay: mean IC by horizon (bars)', labels, [
    { name: 'rank IC', values: ev.ic.map((x) => x.rank.mean) },
    { name: 'Pearson IC', values: ev.ic.map((x) => x.pearson.mean) },
  ]);
  const q = ev.quantiles[0]!;
  const quant = barChart(
    `Mean ${q.horizon}-bar forward return by quantile (1 = lowest factor)`,
    q.meanReturn.map((_, i) => `Q${i + 1}`),
    [{ name: 'mean return', values: [...q.meanReturn] }],
  );
  const growth = lineChart(
    'Growth of 1 per quantile (1-bar horizon, equal weight, no costs)',
    ev.cumulative.times,
    ev.cumulative.curves.map((c, i) => ({ name: `Q${i + 1}`, values: c })),
    true,
  );
  const window = Math.max(2, Math.min(500, Math.floor(ev.icSeries.length / 20)));
  const icTime = lineChart(
    `Rank IC, ${window}-period rolling mean`,
    ev.icSeries.map((x) => x.time),
    [
      {
        name: 'rank IC',
        values: rolling(
          ev.icSeries.map((x) => x.rank),
          window,
        ),
      },
    ],
  );
  return `<!doctype html><html><head><meta charset="utf-8"><title>${esc(title)}</title></head>
<body style="font-family:sans-serif;max-width:1100px">
<h2>${esc(title)}</h2><pre>${esc(summary.join('\n'))}</pre>
${decay}${quant}${growth}${icTime}
</body></html>
`;
}
