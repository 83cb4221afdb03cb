import { resolve } from 'node:path';
import { formatInstrument } from '@algotrader/core';
import { loadConfig } from '@algotrader/core/node';
import { writeReport } from '@algotrader/report';
import { getStrategy, parseParams } from '@algotrader/strategy';
import {
  type CalendarRule,
  exportQlib,
  freqTimeframe,
  parseQlibFreq,
  readScores,
  readSessionCalendar,
  toTopkScores,
} from '../../../../research';
import { parse, UsageError } from '../args';
import { loadMarket } from '../sweep/data';
import { type CommandIo, stamp } from '../sweep/io';
import { parseDate, parseNumber, parseRunSpec, RUN_OPTIONS, symbolList } from '../sweep/spec';
import { f2, pct, RESEARCH_USAGE } from './research-format';
import { loadSpecMarket, runInfo, timedBacktest } from './run-common';

export async function exportQlibCmd(argv: string[], io: CommandIo): Promise<number> {
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
    symbols: symbolList(values.symbols),
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

export async function topkCmd(argv: string[], io: CommandIo): Promise<number> {
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
  const market = await loadSpecMarket(spec, values.data, io);
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
  const { result, metrics, runMs } = timedBacktest(strategy, params, market.data, spec);
  const createdAt = io.now();
  const runId = `topk_dropout-${stamp(createdAt)}`;
  const report = await writeReport(resolve(io.cwd, values.out ?? `reports/${runId}`), {
    result,
    metrics,
    data: market.data,
    run: runInfo(spec, {
      runId,
      createdAt,
      dataSource: values.data,
      command: ['algotrader', 'research', 'topk'],
      argv,
    }),
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
