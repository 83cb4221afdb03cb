import type { BacktestData, BacktestResult, Fill, Metrics, Trade } from '@algotrader/backtest';
import { formatInstrument, timeframeMs } from '@algotrader/core';
import { type Benchmarks, buyAndHold } from './benchmark';
import { type ExitReasonRow, exitReasonRows, type InstrumentRow, instrumentRows } from './breakdown';
import { drawdownChart, type EquityOverlay, equityChart, monthlyHeatmap } from './charts';
import { type DrawdownEpisode, drawdownEpisodes, topDrawdowns } from './drawdowns';
import { esc, scriptJson } from './escape';
import { duration, num, pct, price, utc } from './format';
import { closeDay, histogram, periodReturns } from './periods';
import { chartAssets, priceChartData, priceChartHtml } from './price-chart';
import { returnHistogram, seriesChart } from './risk-charts';
import { rollingStats } from './rolling';
import type { BacktestSummary } from './summary';

export interface TearsheetInput {
  readonly summary: BacktestSummary;
  readonly result: BacktestResult;
  readonly metrics: Metrics;
  /** The bars the run used: price chart, benchmarks, open positions' value (omitted: none of these). */
  readonly data?: BacktestData;
  /**
   * The strategy's declared features (feature registry keys, `strategy.features(params)`): those
   * on the price scale are drawn over the closes.
   */
  readonly features?: readonly string[];
  /** Instruments in the price chart at most (default 12; the most traded first). */
  readonly maxPriceCharts?: number;
  /** Bars embedded for the price chart over all its instruments (default 400,000; min/max kept beyond). */
  readonly maxPricePoints?: number;
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
.pc-controls { display: flex; gap: 6px; align-items: center; margin: 0 0 8px; flex-wrap: wrap; }
.pc-controls button, .pc-controls select { font: inherit; padding: 2px 10px; border: 1px solid #d1d5db; border-radius: 6px; background: #fff; cursor: pointer; }
.pc { min-height: 340px; }
.pc .uplot { width: 100%; }
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
    ['Annualised by', m.annualisation.basis],
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

function priceSection(input: TearsheetInput): string {
  const { result, data } = input;
  if (!data) return '<p class="sub">No bars were passed to the report: no price chart.</p>';
  const maxCharts = input.maxPriceCharts ?? 12;
  // Fills per instrument name, counted in one pass (the name formatted once per instrument object).
  const byName = new Map<string, number>();
  const names = new Map<Fill['instrument'], string>();
  for (const f of result.fills) {
    let name = names.get(f.instrument);
    if (name === undefined) {
      name = formatInstrument(f.instrument);
      names.set(f.instrument, name);
    }
    byName.set(name, (byName.get(name) ?? 0) + 1);
  }
  const counts = data.series.map((s) => byName.get(formatInstrument(s.instrument)) ?? 0);
  // Most traded first; ties keep the universe order; instruments without bars cannot be drawn.
  const order = data.series
    .map((_, k) => k)
    .filter((k) => data.series[k]!.bars.openTime.length > 0)
    .sort((a, b) => counts[b]! - counts[a]! || a - b)
    .slice(0, maxCharts);
  const d = priceChartData(data, result.fills, {
    order,
    maxPoints: input.maxPricePoints ?? 400_000,
    features: input.features ?? [],
  });
  const notes: string[] = [];
  const drawnLines = d.series[0]?.lines.map((l) => l.key) ?? [];
  if (input.features === undefined)
    notes.push('No indicator overlay: the run did not pass its declared features.');
  else if (input.features.length === 0)
    notes.push('The strategy declares no features: no indicator overlay.');
  else if (drawnLines.length > 0) notes.push(`Indicators: ${drawnLines.join(', ')}.`);
  if (d.skipped.length > 0) notes.push(`Not drawn: ${d.skipped.join('; ')}.`);
  if (order.length < data.series.length) {
    notes.push(
      `${data.series.length - order.length} more instruments are not in the chart (the ${order.length} most traded are).`,
    );
  }
  return (
    priceChartHtml(d) +
    `<p class="sub" id="pc-notes">▲ buy (entry) below the price, ▼ sell (exit) above it; close prices at bar close times (UTC). ${esc(notes.join(' '))}</p>`
  );
}

function table(id: string, head: readonly string[], rows: readonly string[][], numericFrom = 1): string {
  const th = head.map((h) => `<th>${esc(h)}</th>`).join('');
  const body = rows
    .map(
      (r) =>
        `<tr>${r.map((c, j) => (j >= numericFrom ? `<td class="n">${c}</td>` : `<td>${c}</td>`)).join('')}</tr>`,
    )
    .join('');
  return `<table id="${esc(id)}"><thead><tr>${th}</tr></thead><tbody>${body}</tbody></table>`;
}

function signed(text: string, x: number): string {
  const c = signClass(x);
  return c ? `<span class="${c}">${esc(text)}</span>` : esc(text);
}

function drawdownTable(top: readonly DrawdownEpisode[]): string {
  if (top.length === 0)
    return '<p class="sub" id="drawdowns">No drawdown: equity never fell below a previous peak.</p>';
  const rows = top.map((e, k) => [
    String(k + 1),
    esc(utc(e.start)),
    esc(utc(e.trough)),
    e.end === null ? 'not recovered' : esc(utc(e.end)),
    signed(pct(-e.depth), -e.depth),
    esc(duration(e.durationMs)),
  ]);
  return table('drawdowns', ['#', 'Peak', 'Trough', 'Recovered', 'Depth', 'Duration'], rows, 4);
}

function instrumentTable(rows: readonly InstrumentRow[], bench: Benchmarks | null, quote: string): string {
  const bh = new Map(bench?.instruments.map((b) => [b.name, b.totalReturn]) ?? []);
  const body = rows.map((r) => {
    const b = bh.get(r.instrument);
    return [
      esc(r.instrument),
      String(r.trades),
      esc(pct(r.winRate, 1)),
      signed(num(r.realisedPnl), r.realisedPnl),
      signed(num(r.netPnl), r.netPnl) + (r.openQty !== 0 ? ' <small>(open)</small>' : ''),
      esc(num(r.fees)),
      esc(pct(r.timeInMarket, 1)),
      b === undefined ? 'n/a' : signed(pct(b, 1), b),
    ];
  });
  return table(
    'instruments',
    [
      'Instrument',
      'Trades',
      'Win rate',
      `Closed P&L (${quote})`,
      `Net P&L (${quote})`,
      `Fees (${quote})`,
      'Time in market',
      'Buy & hold',
    ],
    body,
  );
}

function exitReasonTable(rows: readonly ExitReasonRow[], quote: string): string {
  const body = rows.map((r) => [
    esc(r.reason),
    String(r.trades),
    esc(pct(r.winRate, 1)),
    signed(num(r.pnl), r.pnl),
    signed(num(r.pnl / r.trades), r.pnl),
    signed(pct(r.avgReturn), r.avgReturn),
    esc(duration(r.avgHoldingMs)),
  ]);
  return table(
    'exit-reasons',
    ['Exit reason', 'Trades', 'Win rate', `P&L (${quote})`, `Avg P&L (${quote})`, 'Avg return', 'Avg held'],
    body,
  );
}

const PALETTE = ['#d97706', '#7c3aed', '#0891b2', '#db2777', '#65a30d', '#9333ea'];

/** Benchmark lines for the equity chart: one when a single instrument runs, else equal weight plus each alone. */
function overlays(b: Benchmarks | null): EquityOverlay[] {
  if (!b?.equalWeight) return [];
  if (b.instruments.length === 1) {
    const only = b.instruments[0]!;
    return [
      { name: `Buy & hold ${only.name}`, value: only.value, color: '#d97706', width: 1.2, dash: '5 3' },
    ];
  }
  const many = b.instruments.length > PALETTE.length;
  return [
    ...b.instruments.map(
      (x, k): EquityOverlay =>
        many
          ? {
              name: `${x.name} held`,
              value: x.value,
              color: '#cbd5e1',
              width: 0.7,
              legend: k === 0 ? 'Each instrument held alone' : (false as const),
            }
          : { name: `${x.name} held`, value: x.value, color: PALETTE[k]!, width: 0.8 },
    ),
    {
      name: 'Buy & hold, equal weight',
      value: b.equalWeight.value,
      color: '#b45309',
      width: 1.6,
      dash: '6 3',
    },
  ];
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
  const tfMs = timeframeMs(result.timeframe);
  const t0 = result.startTime;
  const t1 = eq.time[eq.time.length - 1] ?? t0;
  const bench = input.data ? buyAndHold(eq.time, input.data, result.initialCash) : null;
  const equity = equityChart(eq.time, eq.equity, result.initialCash, t0, overlays(bench));
  const episodes = drawdownEpisodes(eq.time, eq.equity, result.initialCash, t0);
  const roll = rollingStats(eq.equity, result.initialCash, tfMs);
  // Daily returns (a point belongs to the day its bar closes in); bar returns for bars of a day or longer.
  const daily = tfMs < 86_400_000;
  const periods = daily
    ? periodReturns(eq.time, eq.equity, result.initialCash, closeDay).ret
    : periodReturns(eq.time, eq.equity, result.initialCash, (t) => t).ret;
  const hist = histogram(periods);
  const unit = daily ? 'daily' : `${result.timeframe} bar`;
  const rows = instrumentRows(result, fm.timing, input.data);
  const reasons = exitReasonRows(result.trades);
  const days = roll.windowMs / 86_400_000;
  const span = Number.isInteger(days) ? `${days}-day` : duration(roll.windowMs);
  const window = `${span} window (${roll.window} bars of ${result.timeframe})`;
  const annual = `annualised by √${num(roll.periodsPerYear, 0)} (bars per 365-day year), risk-free rate 0`;
  const ew = bench?.equalWeight;
  const benchText = !bench
    ? ''
    : bench.instruments.length === 1
      ? ` Dashed orange: buy and hold ${bench.instruments[0]!.name} (bought at the first bar's open, no fees).`
      : ' Dashed brown: buy and hold, equal weight (the cash split equally, each instrument bought at its first open, never rebalanced, no fees); thin lines: each instrument held alone.';
  const { css: chartCss } = chartAssets();
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>${CSS}${chartCss}</style>
</head>
<body>
<main>
<header>
<h1>${esc(title)}</h1>
<p class="sub">${esc(`${summary.timeframe} · ${utc(t0)} → ${utc(eq.time[eq.time.length - 1] ?? Number.NaN)} UTC · run ${summary.runId}`)}</p>
<div class="cards">
${card('Total return', pct(m.totalReturn), signClass(m.totalReturn))}
${ew ? card(bench.instruments.length === 1 ? 'Buy & hold' : 'Buy & hold (equal weight)', pct(ew.totalReturn), signClass(ew.totalReturn)) : ''}
${card('CAGR', pct(m.cagr), signClass(m.cagr))}
${card('Sharpe', num(m.sharpe))}
${card('Sortino', num(m.sortino))}
${card('Max drawdown', pct(m.maxDrawdown.depth), m.maxDrawdown.depth > 0 ? 'neg' : '')}
${card('Win rate', pct(m.winRate))}
${card('Trades', String(m.tradeCount))}
${card('Final equity', `${num(m.finalEquity)} ${quote}`)}
</div>
</header>
<section id="equity"><h2>Equity</h2><figure>${equity.svg}<figcaption>${esc(`Cash plus positions at each bar close, ${quote}; dashed grey: the initial cash.${benchText}${equity.log ? ' Log scale.' : ''}`)}</figcaption></figure></section>
<section id="drawdown"><h2>Drawdown</h2><figure>${drawdownChart(eq.time, eq.drawdown, t0)}<figcaption>Equity below its running peak.</figcaption></figure>
<h2>Top ${Math.min(5, episodes.length)} drawdowns</h2>${drawdownTable(topDrawdowns(episodes, 5))}<p class="sub">${episodes.length} drawdowns in all. Duration: peak to recovery, or to the end of the run when not recovered.</p></section>
<section id="rolling"><h2>Rolling risk</h2>
<figure>${seriesChart('rolling-sharpe', 'Rolling Sharpe ratio', eq.time, roll.sharpe, { color: '#7c3aed', yLabel: (v) => num(v, 1), t0, t1, zero: true })}<figcaption>${esc(`Rolling Sharpe ratio: mean over standard deviation of bar returns in a trailing ${window}, ${annual}. Blank where the window is not full or has no variance.`)}</figcaption></figure>
<figure>${seriesChart('rolling-volatility', 'Rolling volatility', eq.time, roll.volatility, { color: '#0891b2', yLabel: (v) => pct(v, 0), t0, t1, zero: true })}<figcaption>${esc(`Rolling volatility: standard deviation of bar returns in a trailing ${window}, ${annual}.`)}</figcaption></figure>
</section>
<section id="distribution"><h2>Return distribution</h2><figure>${returnHistogram('return-histogram', `Distribution of ${unit} returns`, hist)}<figcaption>${esc(`${hist.n} ${unit} returns (UTC days; a bar belongs to the day it closes in): mean ${pct(hist.mean, 3)}, standard deviation ${pct(hist.sd, 3)}, worst ${pct(hist.min)}, best ${pct(hist.max)}. Bins span the 0.5th–99.5th percentile; ${hist.below + hist.above} returns beyond it are counted in the edge bins.`)}</figcaption></figure></section>
<section id="prices"><h2>Prices and trades</h2>${priceSection(input)}</section>
<section id="per-instrument"><h2>Per instrument</h2>${instrumentTable(rows, bench, quote)}<p class="sub">Closed P&amp;L: closed round trips, fees included. Net P&amp;L: every fill's cash flow and fee, plus a position still open valued at the last close. Time in market: share of the bar closes with a position. Buy &amp; hold: the instrument's last close over its first open.</p>
${reasons.length > 0 ? `<h2>Exit reasons</h2>${exitReasonTable(reasons, quote)}` : '<p class="sub" id="no-exit-reasons">The trades carry no exit reason: no exit-reason table.</p>'}</section>
<section id="monthly"><h2>Monthly returns</h2><figure>${monthlyHeatmap(m.monthlyReturns)}<figcaption>Month-end equity over the previous month-end (UTC; a bar belongs to the month it closes in, so a bar closing at 00:00 on the 1st ends the month before); last column: the year, compounded.</figcaption></figure></section>
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
