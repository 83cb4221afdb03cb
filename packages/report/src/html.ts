import type { BacktestData, BacktestResult, Fill, Metrics, Trade } from '@algotrader/backtest';
import { formatInstrument, sameInstrument, timeframeMs } from '@algotrader/core';
import { drawdownChart, equityChart, monthlyHeatmap, priceChart } from './charts';
import { esc, scriptJson } from './escape';
import { duration, num, pct, price, utc } from './format';
import type { BacktestSummary } from './summary';

export interface TearsheetInput {
  readonly summary: BacktestSummary;
  readonly result: BacktestResult;
  readonly metrics: Metrics;
  /** The bars the run used, for the price charts (omitted: no price charts). */
  readonly data?: BacktestData;
  /** Instruments with a price chart at most (default 12; the most traded first). */
  readonly maxPriceCharts?: number;
  /** Fill markers per price chart at most (default 4000). */
  readonly maxMarkers?: number;
  /** Rows of the trades table at most (default 500, the latest). */
  readonly maxTradeRows?: number;
}

const CSS = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; background: #f9fafb; color: #111827; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
main { max-width: 1040px; margin: 0 auto; padding: 24px 16px 48px; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 16px; margin: 28px 0 8px; }
.sub { color: #4b5563; margin: 0; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(150px, 1fr)); gap: 8px; margin-top: 16px; }
.card { background: #fff; border: 1px solid #e5e7eb; border-radius: 8px; padding: 10px 12px; }
.card .k { color: #6b7280; font-size: 12px; }
.card .v { font-size: 18px; font-weight: 600; font-variant-numeric: tabular-nums; }
.pos { color: #15803d; } .neg { color: #b91c1c; }
figure { margin: 0 0 12px; background: #fff; border: 1px solid #e5e7eb; border-radius: 8px; padding: 8px; }
figcaption { color: #6b7280; font-size: 12px; padding: 4px 4px 0; }
svg.chart { display: block; width: 100%; height: auto; }
table { border-collapse: collapse; width: 100%; background: #fff; border: 1px solid #e5e7eb; }
th, td { text-align: left; padding: 4px 10px; border-bottom: 1px solid #f3f4f6; vertical-align: top; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
th { background: #f3f4f6; font-weight: 600; }
.cols { display: grid; grid-template-columns: 1fr 1fr; gap: 16px; }
@media (max-width: 760px) { .cols { grid-template-columns: 1fr; } }
code { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 12px; word-break: break-all; }
`;

function signClass(x: number): string {
  return x > 0 ? 'pos' : x < 0 ? 'neg' : '';
}

function card(label: string, value: string, cls = ''): string {
  return `<div class="card"><div class="k">${esc(label)}</div><div class="v ${cls}">${esc(value)}</div></div>`;
}

function tradeLine(t: Trade | null, quote: string): string {
  if (!t) return 'n/a';
  return `${num(t.pnl)} ${quote} (${pct(t.return)}), ${formatInstrument(t.instrument)} ${utc(t.entryTime)} → ${utc(t.exitTime)}`;
}

function metricRows(m: Metrics, r: BacktestResult, quote: string): [string, string][] {
  const dd = m.maxDrawdown;
  return [
    ['Initial cash', `${num(r.initialCash)} ${quote}`],
    ['Final equity', `${num(m.finalEquity)} ${quote}`],
    ['Total return', pct(m.totalReturn)],
    ['CAGR', pct(m.cagr)],
    ['Annual volatility', pct(m.annualVolatility)],
    ['Sharpe ratio', num(m.sharpe)],
    ['Sortino ratio', num(m.sortino)],
    ['Calmar ratio', num(m.calmar)],
    ['Max drawdown', pct(dd.depth)],
    ['Max drawdown: peak', utc(dd.start)],
    ['Max drawdown: trough', utc(dd.trough)],
    ['Max drawdown: recovered', dd.end === null ? 'not recovered' : utc(dd.end)],
    ['Max drawdown: duration', duration(dd.durationMs)],
    ['Time in market', pct(m.exposure)],
    ['Average exposure', pct(m.avgExposure)],
    ['Turnover', `${num(m.turnover)}×`],
    ['Fees paid', `${num(m.feesPaid)} ${quote}`],
    ['Trades (closed round trips)', String(m.tradeCount)],
    ['Win rate', pct(m.winRate)],
    ['Profit factor', num(m.profitFactor)],
    ['Expectancy (per trade)', `${num(m.expectancy)} ${quote}`],
    ['Average win', `${num(m.avgWin)} ${quote}`],
    ['Average loss', `${num(m.avgLoss)} ${quote}`],
    ['Average holding time', duration(m.avgHoldingMs)],
    ['Best trade', tradeLine(m.bestTrade, quote)],
    ['Worst trade', tradeLine(m.worstTrade, quote)],
    ['Max consecutive wins', String(m.maxConsecutiveWins)],
    ['Max consecutive losses', String(m.maxConsecutiveLosses)],
    ['Fills', String(r.fills.length)],
    ['Orders', String(r.orders.length)],
    ['Rejected at planning', String(r.rejections.length)],
    ['Bar-steps', String(r.barSteps)],
  ];
}

/** Nested parameters as dotted keys → JSON text (strings as they are). */
export function flatten(value: unknown, prefix = ''): [string, string][] {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0) return prefix ? [[prefix, '{}']] : [];
    return entries.flatMap(([k, v]) => flatten(v, prefix ? `${prefix}.${k}` : k));
  }
  return [[prefix || '(value)', typeof value === 'string' ? value : JSON.stringify(value)]];
}

function kvTable(id: string, rows: readonly [string, string][], numeric = false): string {
  const body = rows
    .map(
      ([k, v]) => `<tr><th scope="row">${esc(k)}</th><td${numeric ? ' class="n"' : ''}>${esc(v)}</td></tr>`,
    )
    .join('');
  return `<table id="${esc(id)}"><tbody>${body}</tbody></table>`;
}

function tradesTable(trades: readonly Trade[], max: number): string {
  const shown = trades.slice(Math.max(0, trades.length - max));
  const rows = shown
    .map(
      (t) =>
        `<tr><td>${esc(formatInstrument(t.instrument))}</td><td>${esc(utc(t.entryTime))}</td><td>${esc(utc(t.exitTime))}</td>` +
        `<td class="n">${esc(price(t.entryPrice))}</td><td class="n">${esc(price(t.exitPrice))}</td><td class="n">${esc(price(t.qty))}</td>` +
        `<td class="n ${signClass(t.pnl)}">${esc(num(t.pnl))}</td><td class="n ${signClass(t.return)}">${esc(pct(t.return))}</td>` +
        `<td class="n">${esc(num(t.fees))}</td><td class="n">${esc(duration(t.holdingMs))}</td></tr>`,
    )
    .join('');
  const note =
    shown.length < trades.length
      ? `<figcaption>The latest ${shown.length} of ${trades.length} trades; all of them are in trades.parquet.</figcaption>`
      : '';
  return (
    `<table id="trades"><thead><tr><th>Instrument</th><th>Entry</th><th>Exit</th><th>Entry price</th><th>Exit price</th>` +
    `<th>Qty</th><th>P&amp;L</th><th>Return</th><th>Fees</th><th>Held</th></tr></thead><tbody>${rows}</tbody></table>${note}`
  );
}

function priceCharts(input: TearsheetInput): string {
  const { result, data } = input;
  if (!data) return '';
  const maxCharts = input.maxPriceCharts ?? 12;
  const maxMarkers = input.maxMarkers ?? 4000;
  const tfMs = timeframeMs(data.timeframe);
  const last = result.equity.time[result.equity.time.length - 1];
  const fillsBy = data.series.map((s) =>
    result.fills.filter((f) => sameInstrument(f.instrument, s.instrument)),
  );
  // Most traded first; ties keep the universe order.
  const order = data.series
    .map((_, k) => k)
    .sort((a, b) => fillsBy[b]!.length - fillsBy[a]!.length || a - b)
    .slice(0, maxCharts);
  let out = '';
  for (const k of order) {
    const s = data.series[k]!;
    const fills: readonly Fill[] = fillsBy[k]!;
    const name = formatInstrument(s.instrument);
    const chart = priceChart(`price-chart-${k}`, name, s.bars, tfMs, fills, {
      maxMarkers,
      t0: result.startTime,
      ...(last === undefined ? {} : { t1: last }),
    });
    const caption =
      `${fills.length} fills: ▲ buy (entry) ▼ sell (exit)` +
      (chart.drawn < fills.length ? `; the first ${chart.drawn} are marked` : '');
    out += `<figure class="price-chart" data-instrument="${esc(name)}" data-fills="${fills.length}">${chart.svg}<figcaption>${esc(caption)}</figcaption></figure>`;
  }
  if (order.length < data.series.length) {
    out += `<p class="sub">${data.series.length - order.length} more instruments are not drawn (the ${order.length} most traded are).</p>`;
  }
  return out;
}

/**
 * The tearsheet: one self-contained HTML file (inline CSS and SVG, no script to run, nothing
 * fetched). Every piece of text from the run is escaped; the summary is embedded as JSON in a
 * `<script type="application/json" id="summary-json">` element for tools.
 */
export function renderTearsheet(input: TearsheetInput): string {
  const { summary, result, metrics: m } = input;
  const quote = result.instruments[0]?.quote ?? '';
  const instruments = summary.instruments.join(', ');
  const title = `${summary.strategy} — ${summary.instruments.length > 3 ? `${summary.instruments.length} instruments` : instruments}`;
  const eq = result.equity;
  const fm = summary.fillModel;
  const run: [string, string][] = [
    ['Run id', summary.runId],
    ['Created', summary.createdAt ?? 'n/a'],
    ['Strategy', summary.strategy],
    ['Instruments', instruments],
    ['Timeframe', summary.timeframe],
    ['Data', summary.data.source],
    ['Requested range', `${summary.data.from ?? 'start of data'} → ${summary.data.to ?? 'end of data'}`],
    [
      'Bars run',
      `${summary.period.start ?? 'n/a'} → ${summary.period.end ?? 'n/a'} (${summary.period.points} close times)`,
    ],
    ...(summary.command === undefined ? [] : ([['Command', summary.command]] as [string, string][])),
  ];
  const fillRows: [string, string][] = [
    [
      'Timing',
      fm.timing === 'next_open'
        ? 'next_open: decided at a bar close, filled at the next bar open'
        : 'close: filled at the close of the decision bar',
    ],
    ['Taker fee', pct(fm.fees.taker, 3)],
    ['Maker fee', pct(fm.fees.maker, 3)],
    ...flatten(fm.slippage, 'Slippage'),
  ];
  const params = flatten(summary.params);
  const equity = equityChart(eq.time, eq.equity, result.initialCash, result.startTime);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>${CSS}</style>
</head>
<body>
<main>
<header>
<h1>${esc(title)}</h1>
<p class="sub">${esc(`${summary.timeframe} · ${utc(result.startTime)} → ${utc(eq.time[eq.time.length - 1] ?? Number.NaN)} UTC · run ${summary.runId}`)}</p>
<div class="cards">
${card('Total return', pct(m.totalReturn), signClass(m.totalReturn))}
${card('CAGR', pct(m.cagr), signClass(m.cagr))}
${card('Sharpe', num(m.sharpe))}
${card('Sortino', num(m.sortino))}
${card('Max drawdown', pct(m.maxDrawdown.depth), m.maxDrawdown.depth > 0 ? 'neg' : '')}
${card('Win rate', pct(m.winRate))}
${card('Trades', String(m.tradeCount))}
${card('Final equity', `${num(m.finalEquity)} ${quote}`)}
</div>
</header>
<section id="equity"><h2>Equity</h2><figure>${equity.svg}<figcaption>${esc(`Cash plus positions at each bar close, ${quote}; dashed: the initial cash.${equity.log ? ' Log scale.' : ''}`)}</figcaption></figure></section>
<section id="drawdown"><h2>Drawdown</h2><figure>${drawdownChart(eq.time, eq.drawdown, result.startTime)}<figcaption>Equity below its running peak.</figcaption></figure></section>
<section id="prices"><h2>Prices and trades</h2>${priceCharts(input)}</section>
<section id="monthly"><h2>Monthly returns</h2><figure>${monthlyHeatmap(m.monthlyReturns)}<figcaption>Month-end equity over the previous month-end (UTC); last column: the year, compounded.</figcaption></figure></section>
<section id="metrics-section"><h2>Metrics</h2>${kvTable('metrics', metricRows(m, result, quote), true)}</section>
<div class="cols">
<section><h2>Parameters</h2>${params.length ? kvTable('params', params) : '<p class="sub" id="params">none</p>'}</section>
<section><h2>Fill model</h2>${kvTable('fill-model', fillRows)}</section>
</div>
<section><h2>Run</h2>${kvTable('run', run)}</section>
<section><h2>Trades</h2>${tradesTable(result.trades, input.maxTradeRows ?? 500)}</section>
</main>
<script type="application/json" id="summary-json">${scriptJson(summary)}</script>
</body>
</html>
`;
}
