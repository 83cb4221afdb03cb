import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { computeMetrics, runBacktest } from '@algotrader/backtest';
import { formatInstrument } from '@algotrader/core';
import { loadConfig } from '@algotrader/core/node';
import { writeReport } from '@algotrader/report';
import { getStrategy, parseParams } from '@algotrader/strategy';
import {
  buildPanel,
  type CalendarRule,
  evaluateFactor,
  exportQlib,
  factorReportHtml,
  freqTimeframe,
  parseFactor,
  parseQlibFreq,
  readScores,
  readSessionCalendar,
  toTopkScores,
} from '../../../../research';
import { parse, UsageError } from '../args';
import { loadMarket } from '../sweep/data';
import { type CommandIo, processIo, shellQuote, stamp } from '../sweep/io';
import { parseDate, parseNumber, parseRunSpec, RUN_OPTIONS } from '../sweep/spec';

export const RESEARCH_USAGE = `usage: algotrader research <command> [options]   (research/README.md)

  export-qlib --source store|<files> --out DIR --freq day|60min [--symbols A/B,..] [--from D] [--to D]
              [--calendar union|grid|<calendar file>] [--market NAME]
      Qlib's data layout (calendars/, instruments/, features/<name>/<field>.<freq>.bin) from the
      Parquet store or CSV files. Calendar default: union of the bars' times for day, grid (24/7) otherwise.
  factor --data SRC [--factor roc:24] [--horizons 1,2,4,8,24,48] [--quantiles 5] [--min-assets N]
         [--symbols ..] [--tf 1h] [--from D] [--to D] [--out DIR]
      Pearson and rank IC per period (mean, t-stat, decay over horizons), quantile returns, turnover;
      writes factor.html and factor.json. --factor: kind:period[:output] of any registered feature, or JSON.
  topk --scores pred.csv|pred.parquet --data SRC [--topk 50] [--n-drop 5] [--hold-thresh 1]
       [--risk-degree 0.95] [--drop-unknown] [backtest options: --fee --fill --cash --from --to --tf --symbols]
      Backtests Qlib's predictions (datetime, instrument, score) with topk_dropout; writes the usual report.`;

export async function runResearchCmd(argv: string[], io: CommandIo = processIo): Promise<number> {
  const [sub, ...rest] = argv;
  switch (sub) {
    case 'export-qlib':
      return exportQlibCmd(rest, io);
    case 'factor':
      return factorCmd(rest, io);
    case 'topk':
      return topkCmd(rest, io);
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      io.out(RESEARCH_USAGE);
      return 0;
    default:
      throw new UsageError(`unknown research command "${sub}"\n\n${RESEARCH_USAGE}`);
  }
}

function symbolsOf(v: string | undefined): string[] {
  return (v ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

async function exportQlibCmd(argv: string[], io: CommandIo): Promise<number> {
  const { values } = parse(
    argv,
    {
      source: { type: 'string' },
      out: { type: 'string' },
      freq: { type: 'string' },
      symbols: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      calendar: { type: 'string' },
      market: { type: 'string' },
    },
    RESEARCH_USAGE,
  );
  if (!values.source || !values.out || !values.freq) {
    throw new UsageError(`export-qlib needs --source, --out and --freq\n\n${RESEARCH_USAGE}`);
  }
  const freq = parseQlibFreq(values.freq);
  const config = loadConfig(io.env);
  const market = await loadMarket({
    data: values.source,
    symbols: symbolsOf(values.symbols),
    timeframe: freqTimeframe(freq),
    ...(values.from === undefined ? {} : { from: parseDate(values.from, 'from') }),
    ...(values.to === undefined ? {} : { to: parseDate(values.to, 'to') }),
    dataDir: config.dataDir,
    cwd: io.cwd,
  });
  const cal = values.calendar ?? (freq === 'day' ? 'union' : 'grid');
  const calendar: CalendarRule =
    cal === 'union' || cal === 'grid'
      ? { kind: cal }
      : { kind: 'sessions', openTimes: await readSessionCalendar(resolve(io.cwd, cal)) };
  const outDir = resolve(io.cwd, values.out);
  const s = exportQlib(market.data.series, {
    outDir,
    freq,
    calendar,
    ...(values.market === undefined ? {} : { market: values.market }),
  });
  io.out(`Qlib data in ${outDir} (freq ${freq}, calendar ${cal}: ${s.calendar.length} entries)`);
  for (const i of s.instruments) {
    io.out(
      `  ${i.name.padEnd(10)} ${formatInstrument(i.instrument).padEnd(20)} start index ${String(i.startIndex).padStart(6)}  ${i.length} values, ${i.missing} NaN`,
    );
  }
  io.out(`  ${s.files} files, ${(s.bytes / 1e6).toFixed(2)} MB`);
  io.out(
    `  python: qlib.init(provider_uri="${outDir}"); D.features(D.instruments("all"), ["$close"], freq="${freq}")`,
  );
  return 0;
}

const pct = (x: number) => (Number.isFinite(x) ? `${(x * 100).toFixed(3)}%` : 'n/a');
const f4 = (x: number) => (Number.isFinite(x) ? x.toFixed(4) : 'n/a');
const f2 = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : 'n/a');
/** One row of the IC table: right-aligned cells, 10 wide (fits `Pearson IC` and `-12.345%`). */
const table = (cells: string[]) => `  ${cells.map((c) => c.padStart(10)).join(' ')}`;

async function factorCmd(argv: string[], io: CommandIo): Promise<number> {
  const { values } = parse(
    argv,
    {
      data: { type: 'string' },
      factor: { type: 'string' },
      horizons: { type: 'string' },
      quantiles: { type: 'string' },
      'min-assets': { type: 'string' },
      symbols: { type: 'string' },
      tf: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      out: { type: 'string' },
    },
    RESEARCH_USAGE,
  );
  if (!values.data) throw new UsageError(`factor needs --data\n\n${RESEARCH_USAGE}`);
  const { spec, output } = parseFactor(values.factor ?? 'roc:24');
  const horizons = (values.horizons ?? '1,2,4,8,24,48').split(',').map((h) => {
    const n = Number(h);
    if (!Number.isInteger(n) || n < 1) throw new UsageError(`--horizons: "${h}" is not an integer >= 1`);
    return n;
  });
  const quantiles = parseNumber(values.quantiles, 'quantiles', 5, 2);
  const config = loadConfig(io.env);
  const spec0 = parseRunSpec({ ...values, strategy: 'none' }, RESEARCH_USAGE);
  const market = await loadMarket({
    data: values.data,
    symbols: spec0.symbols,
    ...(spec0.timeframe === undefined ? {} : { timeframe: spec0.timeframe }),
    ...(spec0.from === undefined ? {} : { from: spec0.from }),
    ...(spec0.to === undefined ? {} : { to: spec0.to }),
    dataDir: config.dataDir,
    cwd: io.cwd,
  });
  const n = market.data.series.length;
  const minAssets = parseNumber(
    values['min-assets'],
    'min-assets',
    Math.max(3, quantiles, Math.ceil(n / 2)),
    3,
  );
  const started = performance.now();
  const panel = buildPanel(market.data, spec, output);
  const ev = evaluateFactor(panel, { horizons, quantiles, minAssets });
  const ms = performance.now() - started;
  const factorName = values.factor ?? 'roc:24';
  const lines = [
    `factor ${factorName} (${output}) on ${n} instruments, ${market.data.timeframe}, ${panel.times.length} rows: ` +
      `${new Date(panel.times[0]!).toISOString().slice(0, 10)} → ${new Date(panel.times[panel.times.length - 1]!).toISOString().slice(0, 10)}`,
    `  min ${minAssets} instruments per period, ${quantiles} quantiles, computed in ${ms.toFixed(0)} ms`,
    '',
    table([
      'horizon',
      'periods',
      'rank IC',
      't',
      't(n-ovl)',
      'IR',
      'Pearson IC',
      't',
      'Q-spread',
      ...ev.quantiles[0]!.meanReturn.map((_, q) => `Q${q + 1}`),
    ]),
    ...ev.ic.map((x, i) => {
      const q = ev.quantiles[i]!;
      return table([
        String(x.horizon),
        String(x.periods),
        f4(x.rank.mean),
        f2(x.rank.t),
        f2(x.rank.tNonOverlapping),
        f4(x.rank.ir),
        f4(x.pearson.mean),
        f2(x.pearson.t),
        pct(q.spread),
        ...q.meanReturn.map(pct),
      ]);
    }),
    '',
    `  top-quantile turnover per bar ${pct(ev.topTurnover)}, factor rank autocorrelation ${f4(ev.rankAutocorrelation)}`,
    '  (t over all periods overlaps when horizon > 1; t(n-ovl) uses every horizon-th period only)',
  ];
  for (const l of lines) io.out(l);
  const dir = resolve(
    io.cwd,
    values.out ?? `reports/factor-${factorName.replace(/[^A-Za-z0-9]+/g, '_')}-${stamp(io.now())}`,
  );
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'factor.html'), factorReportHtml(`Factor ${factorName}`, lines, ev));
  writeFileSync(
    join(dir, 'factor.json'),
    `${JSON.stringify({ factor: factorName, instruments: panel.instruments.map(formatInstrument), ic: ev.ic, quantiles: ev.quantiles, topTurnover: ev.topTurnover, rankAutocorrelation: ev.rankAutocorrelation }, null, 2)}\n`,
  );
  io.out(`\nChart and figures: ${join(dir, 'factor.html')}, ${join(dir, 'factor.json')}`);
  return 0;
}

async function topkCmd(argv: string[], io: CommandIo): Promise<number> {
  const { values } = parse(
    argv,
    {
      ...RUN_OPTIONS,
      scores: { type: 'string' },
      topk: { type: 'string' },
      'n-drop': { type: 'string' },
      'hold-thresh': { type: 'string' },
      'risk-degree': { type: 'string' },
      'drop-unknown': { type: 'boolean' },
      out: { type: 'string' },
    },
    RESEARCH_USAGE,
  );
  if (!values.scores || !values.data)
    throw new UsageError(`topk needs --scores and --data\n\n${RESEARCH_USAGE}`);
  const spec = parseRunSpec({ ...values, strategy: 'topk_dropout' }, RESEARCH_USAGE);
  const config = loadConfig(io.env);
  const market = await loadMarket({
    data: values.data,
    symbols: spec.symbols,
    ...(spec.timeframe === undefined ? {} : { timeframe: spec.timeframe }),
    ...(spec.from === undefined ? {} : { from: spec.from }),
    ...(spec.to === undefined ? {} : { to: spec.to }),
    dataDir: config.dataDir,
    cwd: io.cwd,
  });
  const universe = market.data.series.map((s) => s.instrument);
  const table = await readScores(resolve(io.cwd, values.scores));
  const { rows, dropped } = toTopkScores(table, universe, { dropUnknown: values['drop-unknown'] === true });
  if (dropped.length > 0)
    io.err(`warning: ${dropped.length} instruments outside the data dropped: ${dropped.join(', ')}`);
  const strategy = getStrategy('topk_dropout');
  const params = parseParams(strategy, {
    ...spec.params,
    scores: rows,
    ...(values.topk === undefined ? {} : { topk: parseNumber(values.topk, 'topk', 50, 1) }),
    ...(values['n-drop'] === undefined ? {} : { nDrop: parseNumber(values['n-drop'], 'n-drop', 5, 1) }),
    ...(values['hold-thresh'] === undefined
      ? {}
      : { holdThresh: parseNumber(values['hold-thresh'], 'hold-thresh', 1, 1) }),
    ...(values['risk-degree'] === undefined
      ? {}
      : { riskDegree: parseNumber(values['risk-degree'], 'risk-degree', 0.95) }),
  });
  const started = performance.now();
  const result = runBacktest({
    strategy,
    params,
    data: market.data,
    initialCash: spec.initialCash,
    fillModel: spec.fillModel,
  });
  const metrics = computeMetrics(result);
  const runMs = performance.now() - started;
  const createdAt = io.now();
  const runId = `topk_dropout-${stamp(createdAt)}`;
  const report = await writeReport(resolve(io.cwd, values.out ?? `reports/${runId}`), {
    result,
    metrics,
    data: market.data,
    run: {
      runId,
      createdAt,
      dataSource: values.data,
      ...(spec.from === undefined ? {} : { from: spec.from }),
      ...(spec.to === undefined ? {} : { to: spec.to }),
      fillModel: spec.fillModel,
      command: ['algotrader', 'research', 'topk', ...argv].map(shellQuote).join(' '),
    },
  });
  io.out(`${table.length} predictions from ${values.scores} (${rows.length} in the universe)`);
  const fills = result.fills.length;
  io.out(
    `topk_dropout on ${universe.length} instruments ${result.timeframe}: ${fills} fills, ${result.decisions.length} decisions, in ${runMs.toFixed(0)} ms`,
  );
  io.out(
    `  total return ${pct(metrics.totalReturn)}, Sharpe ${f2(metrics.sharpe)}, max drawdown ${pct(metrics.maxDrawdown.depth)}, turnover ${f2(metrics.turnover)}x, final equity ${f2(metrics.finalEquity)}`,
  );
  io.out(`  report: ${report.files.tearsheet}`);
  return 0;
}
