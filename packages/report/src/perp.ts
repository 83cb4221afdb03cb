import type { PerpBacktestResult, PerpMetrics } from '@algotrader/backtest';
import { formatInstrument } from '@algotrader/core';
import { drawdownChart, equityChart } from './charts';
import { esc, scriptJson } from './escape';
import { iso, num, pct, price, textTable, utc } from './format';
import { seriesChart } from './risk-charts';
import { type JsonNumber, jsonNumber } from './summary';

/** What the caller knows about a perp run that the result does not carry. */
export interface PerpRunInfo {
  readonly runId: string;
  /** ms UTC, injected. */
  readonly createdAt: number;
  readonly dataSource: string;
  readonly command?: string;
}

/** A perp backtest's summary: returns, and fees, funding and liquidation losses each on its own line. */
export interface PerpSummary {
  readonly kind: 'perp_backtest_summary';
  readonly version: 1;
  readonly runId: string;
  readonly createdAt: string | null;
  readonly command?: string;
  readonly strategy: string;
  readonly params: unknown;
  readonly timeframe: string;
  readonly instruments: readonly string[];
  readonly dataSource: string;
  readonly period: { readonly start: string | null; readonly end: string | null; readonly points: number };
  readonly initialCash: number;
  readonly finalEquity: number;
  readonly returns: Readonly<Record<string, JsonNumber>>;
  /** Where the P&L came from: final = initial + realized − fees + funding − liquidations + unrealized. */
  readonly pnl: {
    readonly realized: number;
    readonly unrealized: number;
    readonly fees: number;
    readonly funding: number;
    readonly fundingPaid: number;
    readonly fundingReceived: number;
    readonly liquidationLoss: number;
    readonly liquidationFees: number;
  };
  readonly risk: {
    readonly maxLeverage: number;
    readonly minMarginRatio: JsonNumber;
    readonly liquidations: number;
  };
  readonly counts: {
    readonly orders: number;
    readonly fills: number;
    readonly rejected: number;
    readonly fundingSettlements: number;
    readonly unpricedSettlements: number;
  };
  readonly fundingGaps: readonly {
    readonly instrument: string;
    readonly after: string | null;
    readonly before: string | null;
    readonly missing: number;
  }[];
  readonly liquidations: readonly {
    readonly time: string | null;
    readonly instrument: string;
    readonly mode: string;
    readonly qty: number;
    readonly entry: number;
    readonly price: number;
    readonly loss: number;
    readonly fee: number;
  }[];
}

export function buildPerpSummary(r: PerpBacktestResult, m: PerpMetrics, run: PerpRunInfo): PerpSummary {
  const n = r.equity.time.length;
  return {
    kind: 'perp_backtest_summary',
    version: 1,
    runId: run.runId,
    createdAt: iso(run.createdAt),
    ...(run.command === undefined ? {} : { command: run.command }),
    strategy: r.strategy,
    params: r.params,
    timeframe: r.timeframe,
    instruments: r.instruments.map(formatInstrument),
    dataSource: run.dataSource,
    period: { start: iso(r.startTime), end: iso(n > 0 ? r.equity.time[n - 1] : null), points: n },
    initialCash: r.initialCash,
    finalEquity: r.finalEquity,
    returns: {
      totalReturn: jsonNumber(m.totalReturn),
      cagr: jsonNumber(m.cagr),
      sharpe: jsonNumber(m.sharpe),
      sortino: jsonNumber(m.sortino),
      maxDrawdown: jsonNumber(m.maxDrawdown.depth),
      annualVolatility: jsonNumber(m.annualVolatility),
    },
    pnl: {
      realized: m.realizedPnl,
      unrealized: m.unrealizedPnl,
      fees: m.feesPaid,
      funding: m.funding,
      fundingPaid: m.fundingPaid,
      fundingReceived: m.fundingReceived,
      liquidationLoss: m.liquidationLoss,
      liquidationFees: m.liquidationFees,
    },
    risk: {
      maxLeverage: m.maxLeverage,
      minMarginRatio: jsonNumber(m.minMarginRatio),
      liquidations: m.liquidations,
    },
    counts: {
      orders: r.orders.length,
      fills: r.fills.length,
      rejected: r.orders.filter((o) => o.status === 'rejected').length,
      fundingSettlements: m.fundingSettlements,
      unpricedSettlements: m.unpricedSettlements,
    },
    fundingGaps: r.fundingGaps.map((g) => ({
      instrument: formatInstrument(g.instrument),
      after: iso(g.after),
      before: iso(g.before),
      missing: g.missing,
    })),
    liquidations: r.liquidations.map((l) => ({
      time: iso(l.time),
      instrument: formatInstrument(l.instrument),
      mode: l.mode,
      qty: l.qty,
      entry: l.entry,
      price: l.price,
      loss: l.loss,
      fee: l.fee,
    })),
  };
}

/** The summary as the CLI prints it: a P&L breakdown table, then gaps and liquidations. */
export function perpSummaryLines(s: PerpSummary): string[] {
  const q = s.instruments.length === 1 ? ` ${s.instruments[0]!.split(':').pop()}` : '';
  const money = (x: number) => `${num(x, 2)}${q}`;
  const lines = [
    `${s.strategy} on ${s.instruments.join(', ')} ${s.timeframe}, ${s.period.start ?? '?'} → ${s.period.end ?? '?'}`,
    '',
    ...textTable(
      ['P&L', 'amount'],
      [
        ['initial cash', money(s.initialCash)],
        ['realized trading P&L', money(s.pnl.realized)],
        ['unrealized P&L (at mark)', money(s.pnl.unrealized)],
        ['trading fees', money(s.pnl.fees === 0 ? 0 : -s.pnl.fees)],
        [
          `funding (paid ${num(s.pnl.fundingPaid, 2)}, received ${num(s.pnl.fundingReceived, 2)})`,
          money(s.pnl.funding),
        ],
        [
          `liquidation losses (${s.risk.liquidations}; fees ${num(s.pnl.liquidationFees, 2)})`,
          money(s.pnl.liquidationLoss === 0 ? 0 : -s.pnl.liquidationLoss),
        ],
        ['final equity', money(s.finalEquity)],
      ],
    ),
    '',
    `total return ${pct(Number(s.returns['totalReturn'] ?? Number.NaN))}, max drawdown ${pct(Number(s.returns['maxDrawdown'] ?? Number.NaN))}, max leverage ${num(s.risk.maxLeverage, 2)}×`,
  ];
  for (const g of s.fundingGaps) {
    lines.push(
      `funding gap in ${g.instrument}: ${g.missing} settlements missing between ${g.after} and ${g.before} (not filled)`,
    );
  }
  if (s.counts.unpricedSettlements > 0) {
    lines.push(
      `${s.counts.unpricedSettlements} settlements held through a funding gap: no funding booked for them`,
    );
  }
  for (const l of s.liquidations) {
    lines.push(
      `LIQUIDATED ${l.instrument} (${l.mode}) at ${l.time}: ${num(l.qty, 4)} @ ${price(l.price)}, lost ${num(l.loss, 2)}`,
    );
  }
  return lines;
}

/** A self-contained HTML tearsheet of a perp run (inline SVG, nothing fetched, every text escaped). */
export function renderPerpTearsheet(input: {
  readonly summary: PerpSummary;
  readonly result: PerpBacktestResult;
}): string {
  const { summary: s, result: r } = input;
  const eq = r.equity;
  const t0 = r.startTime;
  const t1 = eq.time.length > 0 ? eq.time[eq.time.length - 1]! : t0;
  // Cumulative funding at each bar close.
  const cum = new Float64Array(eq.time.length);
  let acc = 0;
  let j = 0;
  for (let i = 0; i < eq.time.length; i++) {
    while (j < r.funding.length && r.funding[j]!.time < eq.time[i]!) acc += r.funding[j++]!.amount;
    cum[i] = acc;
  }
  const card = (k: string, v: string, sign = 0) =>
    `<div class="card"><div class="k">${esc(k)}</div><div class="v${sign > 0 ? ' pos' : sign < 0 ? ' neg' : ''}">${esc(v)}</div></div>`;
  const cards = [
    card('Final equity', num(s.finalEquity, 2)),
    card(
      'Total return',
      pct(Number(s.returns['totalReturn'] ?? Number.NaN)),
      Math.sign(s.finalEquity - s.initialCash),
    ),
    card('Trading fees', num(-s.pnl.fees, 2), -1),
    card('Funding (net)', num(s.pnl.funding, 2), Math.sign(s.pnl.funding)),
    card('Funding paid', num(s.pnl.fundingPaid, 2)),
    card('Funding received', num(s.pnl.fundingReceived, 2)),
    card('Liquidation losses', num(-s.pnl.liquidationLoss, 2), s.pnl.liquidationLoss > 0 ? -1 : 0),
    card('Liquidations', String(s.risk.liquidations), s.risk.liquidations > 0 ? -1 : 0),
    card('Max leverage', `${num(s.risk.maxLeverage, 2)}×`),
  ].join('');
  const liqRows = s.liquidations
    .map(
      (l) =>
        `<tr><td>${esc(l.time ?? '')}</td><td>${esc(l.instrument)}</td><td>${esc(l.mode)}</td><td class="n">${esc(num(l.qty, 4))}</td><td class="n">${esc(price(l.entry))}</td><td class="n">${esc(price(l.price))}</td><td class="n">${esc(num(l.loss, 2))}</td></tr>`,
    )
    .join('');
  const gapRows = s.fundingGaps
    .map(
      (g) =>
        `<li>${esc(g.instrument)}: ${g.missing} settlements missing between ${esc(g.after ?? '')} and ${esc(g.before ?? '')} — not filled</li>`,
    )
    .join('');
  const title = `${s.strategy} — ${s.instruments.join(', ')}`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title>
<style>body{font:14px/1.45 system-ui,sans-serif;margin:0;background:#f9fafb;color:#111827}main{max-width:1040px;margin:0 auto;padding:24px 16px}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(150px,1fr));gap:8px}.card{background:#fff;border:1px solid #e5e7eb;border-radius:8px;padding:10px 12px}
.card .k{color:#6b7280;font-size:12px}.card .v{font-size:18px;font-weight:600}.pos{color:#15803d}.neg{color:#b91c1c}
figure{margin:12px 0;background:#fff;border:1px solid #e5e7eb;border-radius:8px;padding:8px}svg.chart{display:block;width:100%;height:auto}
table{border-collapse:collapse;width:100%;background:#fff}th,td{padding:4px 10px;border-bottom:1px solid #f3f4f6;text-align:left}td.n{text-align:right}</style></head>
<body><main><h1>${esc(title)}</h1><p>${esc(s.timeframe)} · ${esc(s.period.start ?? '')} → ${esc(s.period.end ?? '')} · run ${esc(s.runId)}</p>
<div class="cards">${cards}</div>
<h2>Equity (positions at the mark price)</h2><figure>${equityChart(eq.time, eq.equity, r.initialCash, t0).svg}</figure>
<figure>${drawdownChart(eq.time, eq.drawdown, t0)}</figure>
<h2>Funding</h2><figure>${seriesChart('funding-chart', 'Cumulative funding (received − paid)', eq.time, cum, { color: '#7c3aed', t0, t1, zero: true, yLabel: (v) => num(v, 0) })}</figure>
${gapRows ? `<ul class="gaps">${gapRows}</ul>` : '<p>No gaps in the funding history.</p>'}
<h2>Leverage</h2><figure>${seriesChart('leverage-chart', 'Gross leverage (notional / equity)', eq.time, eq.exposure, { color: '#ea580c', t0, t1, zero: true, yLabel: (v) => `${num(v, 1)}×` })}</figure>
<h2>Liquidations</h2>${liqRows ? `<table><tr><th>time</th><th>instrument</th><th>mode</th><th>qty</th><th>entry</th><th>price</th><th>loss</th></tr>${liqRows}</table>` : '<p>None.</p>'}
<p>Last bar ${esc(utc(t1))}.</p>
<script type="application/json" id="summary-json">${scriptJson(s)}</script>
</main></body></html>
`;
}
