import { resolve } from 'node:path';
import type { BacktestData, BacktestResult, Metrics } from '@algotrader/backtest';
import { formatInstrument } from '@algotrader/core';
import { loadConfig } from '@algotrader/core/node';
import { type FillModelConfig, FillModelSchema } from '@algotrader/portfolio';
import {
  buildSummary,
  buyAndHold,
  duration,
  exitReasonRows,
  fillJson,
  instrumentRows,
  num,
  pct,
  type ReportFiles,
  recordSummary,
  textTable,
  utc,
  writeReport,
} from '@algotrader/report';
import { declaredFeatures } from '@algotrader/strategy';
import { type CommandIo, processIo, stamp } from '../sweep/io';
import { checkParams, RUN_USAGE } from '../sweep/spec';
import { buildStrategy, loadCatalog } from '../sweep/strategies';
import { loadSpecMarket, parseRunCommand, precheckStrategy, runInfo, timedBacktest } from './run-common';

export const BACKTEST_USAGE = `usage: algotrader backtest --strategy NAME --data SRC [options]

Runs one backtest and writes its report: summary.json, fills/trades/equity.parquet, tearsheet.html.

${RUN_USAGE}
  --out DIR              report directory (default reports/<run id>)
  --run-id ID            names the run (default <strategy>-<yyyymmdd-hhmmss>)
  --json                 print the summary and every fill to stdout as one JSON document; writes
                         no report files unless --out is given too ("files" is then null)

Results also go to InfluxDB (measurement backtest, beside the nightly runs) when INFLUX_URL is set.
Example: algotrader backtest --strategy sma_cross --data data/ohlcv --symbols BTC/USDT --tf 1h \\
           --from 2020-01-01 --to 2021-01-01 --param fast=10 --param slow=30 --fee 0.001 --fill next_open`;

/** `algotrader backtest …`; returns the exit code (bad input throws, main prints it). */
export async function runBacktestCmd(argv: string[], io: CommandIo = processIo): Promise<number> {
  const parsed = parseRunCommand(
    argv,
    { out: { type: 'string' }, 'run-id': { type: 'string' }, json: { type: 'boolean' } },
    BACKTEST_USAGE,
    io,
  );
  if (!parsed) return 0;
  const { values, data } = parsed;
  const catalog = await loadCatalog(parsed.spec.modules, io.cwd);
  precheckStrategy(catalog, parsed.spec);
  const config = loadConfig(io.env);
  const market = await loadSpecMarket(parsed.spec, data, io, config);
  // Stocks pay per share: the bundled US files default to IBKR fixed unless a fee model was given.
  const spec =
    market.calendar && values.fee === undefined && values.commission === undefined
      ? {
          ...parsed.spec,
          fillModel: FillModelSchema.parse({ ...parsed.spec.fillModel, commission: { kind: 'ibkr_fixed' } }),
        }
      : parsed.spec;
  const strategy = buildStrategy(catalog, spec.strategy, market.data);
  const params = checkParams(strategy, spec.params);
  const { result, metrics, runMs } = timedBacktest(
    strategy,
    params,
    market.data,
    spec,
    market.calendar,
    market.dividends,
  );

  const createdAt = io.now();
  const runId = values['run-id'] ?? `${spec.strategy}-${stamp(createdAt)}`;
  const run = runInfo(spec, {
    runId,
    createdAt,
    dataSource: data,
    command: ['algotrader', 'backtest'],
    argv,
  });
  const reportStarted = performance.now();
  // `--json` alone is for scripts: the document on stdout is the whole output, nothing is written.
  const writeFiles = !values.json || values.out !== undefined;
  const report = writeFiles
    ? await writeReport(resolve(io.cwd, values.out ?? `reports/${runId}`), {
        result,
        metrics,
        data: market.data,
        // The strategy's declared features, drawn over the prices in the tearsheet.
        features: declaredFeatures(strategy, params).keys,
        run,
      })
    : { summary: buildSummary(result, metrics, run), files: null };
  const reportMs = performance.now() - reportStarted;

  if (config.influx.url) {
    const { createMetricsSink } = await import('@algotrader/metrics');
    const sink = createMetricsSink(config.influx, { flushIntervalMs: 60_000 });
    recordSummary(sink, report.summary, metrics);
    await sink.close();
    const st = sink.stats();
    if (st.written === 0) {
      io.err(
        `warning: the summary did not reach InfluxDB at ${config.influx.url}: ${st.lastError ?? 'not written'}`,
      );
    }
  }

  if (values.json) {
    io.out(
      JSON.stringify({
        summary: report.summary,
        files: report.files,
        fills: result.fills.map(fillJson),
        calendar: result.calendar?.name ?? 'always',
        dataNotes: market.notes ?? [],
        dividends: (result.dividends ?? []).map((d) => ({
          time: d.time,
          instrument: formatInstrument(d.instrument),
          qty: d.qty,
          perShare: d.perShare,
          amount: d.amount,
        })),
      }),
    );
  } else if (report.files) {
    const lines = describeRun(result, metrics, report.files, { runMs, reportMs });
    // The calendar, the annualisation and what was done to the data, under the headline figures.
    const stated = [
      `  Calendar: ${result.calendar?.name ?? 'always'}${result.calendar && !result.calendar.alwaysOpen ? ' sessions (fills inside sessions; no bars expected over nights, weekends, holidays)' : ' (24/7)'}; annualised by ${metrics.annualisation.basis}`,
      ...(market.notes ?? []).map((n) => `  Data: ${n}`),
      ...(result.dividends && result.dividends.length > 0
        ? [
            `  Dividends credited: ${result.dividends.length}, ${result.dividends.reduce((s, d) => s + d.amount, 0).toFixed(2)} ${result.instruments[0]?.quote ?? ''}`,
          ]
        : []),
      '',
    ];
    lines.splice(
      lines.findIndex((l) => l.startsWith('Report in ')),
      0,
      ...stated,
    );
    const tables = breakdownTables(result, spec.fillModel.timing, market.data);
    // The tables go under the headline figures, before where the report is.
    const at = lines.findIndex((l) => l.startsWith('Report in '));
    lines.splice(at, 0, ...tables);
    for (const line of lines) io.out(line);
  }
  return 0;
}

/** The readable result: what ran, the headline metrics, where the report is. */
export function describeRun(
  r: BacktestResult,
  m: Metrics,
  files: ReportFiles,
  took: { readonly runMs: number; readonly reportMs: number },
): string[] {
  const quote = r.instruments[0]?.quote ?? '';
  const last = r.equity.time[r.equity.time.length - 1] ?? Number.NaN;
  const rows: [string, string, string, string][] = [
    ['Total return', pct(m.totalReturn), 'Sharpe', num(m.sharpe)],
    ['CAGR', pct(m.cagr), 'Sortino', num(m.sortino)],
    ['Max drawdown', pct(m.maxDrawdown.depth), 'Calmar', num(m.calmar)],
    ['Drawdown length', duration(m.maxDrawdown.durationMs), 'Volatility (ann.)', pct(m.annualVolatility)],
    ['Trades', String(m.tradeCount), 'Win rate', pct(m.winRate)],
    ['Profit factor', num(m.profitFactor), 'Expectancy', `${num(m.expectancy)} ${quote}`],
    ['Avg holding', duration(m.avgHoldingMs), 'Time in market', pct(m.exposure)],
    ['Fees paid', `${num(m.feesPaid)} ${quote}`, 'Turnover', `${num(m.turnover)}×`],
    ['Initial cash', `${num(r.initialCash)} ${quote}`, 'Final equity', `${num(m.finalEquity)} ${quote}`],
  ];
  const w = [16, 14, 18, 14];
  return [
    `${r.strategy} on ${r.instruments.map(formatInstrument).join(', ')} ${r.timeframe}, ${utc(r.startTime)} → ${utc(last)} UTC`,
    `  ${r.equity.time.length} close times, ${r.barSteps} bar-steps, ${r.fills.length} fills, in ${took.runMs.toFixed(0)} ms; report written in ${took.reportMs.toFixed(0)} ms`,
    '',
    ...rows.map(
      (row) => `  ${row.map((c, i) => (i % 2 === 0 ? c.padEnd(w[i]!) : c.padStart(w[i]!))).join('   ')}`,
    ),
    '',
    `Report in ${files.dir}:`,
    `  ${files.tearsheet}`,
    `  ${files.summary}`,
    `  ${files.fills}`,
    `  ${files.trades}`,
    `  ${files.equity}`,
  ];
}

/** Instruments in the terminal's table at most; the tearsheet has them all. */
const MAX_INSTRUMENT_ROWS = 30;

/** Per-instrument table, and the exit-reason table when the trades carry reasons; each ends with a blank line. */
export function breakdownTables(
  r: BacktestResult,
  timing: FillModelConfig['timing'],
  data: BacktestData,
): string[] {
  const quote = r.instruments[0]?.quote ?? '';
  const bench = new Map(buyAndHold(r.equity.time, data, r.initialCash).instruments.map((b) => [b.name, b]));
  const rows = instrumentRows(r, timing, data);
  const shown = rows.slice(0, MAX_INSTRUMENT_ROWS);
  const out = [
    'Per instrument',
    ...textTable(
      [
        'Instrument',
        'Trades',
        'Win rate',
        `Closed P&L ${quote}`,
        `Net P&L ${quote}`,
        `Fees ${quote}`,
        'In market',
        'Buy & hold',
      ],
      shown.map((x) => [
        x.instrument,
        String(x.trades),
        pct(x.winRate, 1),
        num(x.realisedPnl),
        `${num(x.netPnl)}${x.openQty !== 0 ? '*' : ''}`,
        num(x.fees),
        pct(x.timeInMarket, 1),
        pct(bench.get(x.instrument)?.totalReturn ?? Number.NaN, 1),
      ]),
    ).map((l) => `  ${l}`),
  ];
  if (rows.length > shown.length) out.push(`  … ${rows.length - shown.length} more in the tearsheet`);
  if (rows.some((x) => x.openQty !== 0)) out.push('  * a position is still open, valued at the last close');
  out.push('');
  const reasons = exitReasonRows(r.trades);
  if (reasons.length > 0) {
    out.push(
      'Exit reasons',
      ...textTable(
        ['Reason', 'Trades', 'Win rate', `P&L ${quote}`, `Avg P&L ${quote}`, 'Avg return', 'Avg held'],
        reasons.map((x) => [
          x.reason,
          String(x.trades),
          pct(x.winRate, 1),
          num(x.pnl),
          num(x.pnl / x.trades),
          pct(x.avgReturn),
          duration(x.avgHoldingMs),
        ]),
      ).map((l) => `  ${l}`),
      '',
    );
  }
  return out;
}
