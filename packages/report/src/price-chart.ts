/**
 * The zoomable price chart: the bars' closes, the strategy's price-scale indicators and the fills,
 * drawn in the browser by uPlot (vendored from the npm registry and inlined, so the tearsheet
 * stays one offline file) with a small script of ours (client/price-chart.js) for zoom, pan and
 * the trade markers. The data travels as one JSON block, compactly encoded (see PriceSeriesJson).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { BacktestData, Fill } from '@algotrader/backtest';
import { formatInstrument, timeframeMs } from '@algotrader/core';
import { computeBatchFeature, type NormalizedFeatureSpec, parseFeatureKey } from '@algotrader/features';
import { esc, scriptJson } from './escape';
import { downsample } from './svg';

/** One instrument, as the client script reads it. Times are integers in bar lengths from `t0`. */
export interface PriceSeriesJson {
  readonly name: string;
  /** Bar length, ms. */
  readonly tf: number;
  /** Close time of the first bar, ms UTC. */
  readonly t0: number;
  /** Close times: the first as 0, then each as the step from the previous one, in bar lengths. */
  readonly dt: readonly number[];
  /** Closes (7 significant digits). */
  readonly c: readonly number[];
  /** Indicator lines on the price scale, aligned with `c` (null during warm-up). */
  readonly lines: readonly { readonly key: string; readonly v: readonly (number | null)[] }[];
  /** Fills: time (in bar lengths from t0, may be fractional), price, side (1 buy, −1 sell), quantity. */
  readonly f: readonly (readonly [number, number, 1 | -1, number])[];
  /** Bars left out to keep the file small (0: every bar is in). */
  readonly thinned: number;
}

export interface PriceChartData {
  readonly series: readonly PriceSeriesJson[];
  /** Declared features not drawn, with why. */
  readonly skipped: readonly string[];
}

/** Indicator kinds whose values are prices, drawn over the closes; the others have their own scale. */
const PRICE_SCALE = new Set<NormalizedFeatureSpec['kind']>(['sma', 'ema', 'wma', 'bollinger', 'donchian']);

/** x to 7 significant digits (arithmetic: toPrecision is several times slower on 10⁵ values). */
export function sig(x: number): number {
  if (x === 0 || !Number.isFinite(x)) return x;
  const e = 6 - Math.floor(Math.log10(Math.abs(x)));
  if (e <= 0) return Math.round(x);
  const f = 10 ** e;
  return Math.round(x * f) / f;
}

/**
 * {@link sig} of `col[i]` for each i of `idx` (null when not finite). Neighbouring prices share
 * their decade, so the decade's scale is kept and the logarithm taken only when a value leaves it;
 * values within 10⁻⁹ of a power of ten go through {@link sig} itself, so every number is the same.
 */
export function sigAt(col: ArrayLike<number>, idx: readonly number[], nullable: boolean): (number | null)[] {
  // Filled by push: a packed array (one made by `new Array(n)` is holey, and JSON.stringify walks
  // a holey one element by element, several times slower).
  const out: (number | null)[] = [];
  let lo = 1;
  let hi = 0; // empty: the first value computes its decade
  let f = 1;
  let whole = false;
  for (let k = 0; k < idx.length; k++) {
    const x = col[idx[k]!]!;
    if (!Number.isFinite(x)) {
      out.push(nullable ? null : x);
      continue;
    }
    const a = x < 0 ? -x : x;
    if (!(a > lo && a < hi)) {
      if (a === 0) {
        out.push(x);
        continue;
      }
      const p = Math.floor(Math.log10(a));
      const e = 6 - p;
      whole = e <= 0;
      f = whole ? 1 : 10 ** e;
      lo = 10 ** p * (1 + 1e-9);
      hi = 10 ** (p + 1) * (1 - 1e-9);
      out.push(sig(x));
      continue;
    }
    out.push(whole ? Math.round(x) : Math.round(x * f) / f);
  }
  return out;
}

/** Indices of the bars to embed: all of them, or a min/max-preserving reduction to about `max`. */
function keep(close: Float64Array, max: number): number[] {
  // With a bucket per bar, downsample keeps every index.
  return downsample(close, close.length <= max ? close.length : Math.floor(max / 4));
}

export function priceChartData(
  data: BacktestData,
  fills: readonly Fill[],
  options: {
    readonly order: readonly number[];
    readonly maxPoints: number;
    readonly features: readonly string[];
  },
): PriceChartData {
  const tf = timeframeMs(data.timeframe);
  const skipped: string[] = [];
  const specs: { key: string; spec: NormalizedFeatureSpec }[] = [];
  for (const key of options.features) {
    let spec: NormalizedFeatureSpec;
    try {
      spec = parseFeatureKey(key);
    } catch (e) {
      skipped.push(`${key} (${(e as Error).message})`);
      continue;
    }
    if (PRICE_SCALE.has(spec.kind)) specs.push({ key, spec });
    else skipped.push(`${key} (not on the price scale)`);
  }
  const perInstrument = Math.max(20_000, Math.floor(options.maxPoints / Math.max(1, options.order.length)));
  // Fills by instrument name, grouped once (not a scan of every fill per instrument); the name is
  // formatted once per instrument object the fills share.
  const fillsOf = new Map<string, Fill[]>();
  const names = new Map<Fill['instrument'], string>();
  for (const fl of fills) {
    let n = names.get(fl.instrument);
    if (n === undefined) {
      n = formatInstrument(fl.instrument);
      names.set(fl.instrument, n);
    }
    const list = fillsOf.get(n);
    if (list) list.push(fl);
    else fillsOf.set(n, [fl]);
  }
  const series = options.order.map((k) => {
    const s = data.series[k]!;
    const name = formatInstrument(s.instrument);
    const { openTime, close } = s.bars;
    const idx = keep(close, perInstrument);
    const t0 = idx.length > 0 ? openTime[idx[0]!]! + tf : 0;
    const dt: number[] = [];
    let prev = t0;
    for (const i of idx) {
      const t = openTime[i]! + tf;
      dt.push(Math.round((t - prev) / tf));
      prev = t;
    }
    const lines: { key: string; v: (number | null)[] }[] = [];
    for (const { key, spec } of specs) {
      const out: Readonly<Record<string, Float64Array>> = computeBatchFeature(spec, s.bars);
      for (const [output, col] of Object.entries(out)) {
        lines.push({
          key: output === 'value' ? key : `${key}.${output}`,
          v: sigAt(col, idx, true),
        });
      }
    }
    const f = (fillsOf.get(name) ?? []).map(
      (fl) => [(fl.time - t0) / tf, sig(fl.price), fl.side === 'buy' ? 1 : -1, sig(fl.qty)] as const,
    );
    return {
      name,
      tf,
      t0,
      dt,
      c: sigAt(close, idx, false) as number[],
      lines,
      f,
      thinned: close.length - idx.length,
    };
  });
  return { series, skipped };
}

let assets: { js: string; css: string } | undefined;

/** uPlot's minified script and stylesheet and our client script, read once from the installed packages. */
export function chartAssets(): { js: string; css: string } {
  if (assets) return assets;
  const require = createRequire(import.meta.url);
  const uplot = readFileSync(require.resolve('uplot/dist/uPlot.iife.min.js'), 'utf8');
  const client = readFileSync(new URL('./client/price-chart.js', import.meta.url), 'utf8');
  const css = readFileSync(require.resolve('uplot/dist/uPlot.min.css'), 'utf8');
  for (const [name, text] of [
    ['uPlot', uplot],
    ['price-chart.js', client],
  ] as const) {
    // Inlined as it is, a script must not be able to end its own element.
    if (/<\/script|<!--/i.test(text)) throw new Error(`${name} contains </script or <!--: cannot be inlined`);
  }
  assets = { js: `${uplot}\n${client}`, css: css.replaceAll('</', '<\\/') };
  return assets;
}

/** The price chart's section body: the controls, the chart's box, the data and the scripts. */
export function priceChartHtml(d: PriceChartData): string {
  const { js } = chartAssets();
  const options = d.series
    .map((s, k) => `<option value="${k}">${esc(s.name)} (${s.f.length} fills)</option>`)
    .join('');
  return (
    `<div class="pc-controls">` +
    `<label>Instrument <select id="pc-instrument">${options}</select></label>` +
    `<button type="button" id="pc-left" title="pan left">◀</button>` +
    `<button type="button" id="pc-right" title="pan right">▶</button>` +
    `<button type="button" id="pc-in" title="zoom in">+</button>` +
    `<button type="button" id="pc-out" title="zoom out">−</button>` +
    `<button type="button" id="pc-reset" title="whole run">Reset</button>` +
    `</div>` +
    `<figure><div id="price-chart" class="pc"></div>` +
    `<figcaption id="pc-status">The price chart needs JavaScript.</figcaption>` +
    `<figcaption id="pc-tip">&nbsp;</figcaption></figure>` +
    `<script type="application/json" id="price-data">${scriptJson(d)}</script>` +
    `<script>${js}</script>`
  );
}
