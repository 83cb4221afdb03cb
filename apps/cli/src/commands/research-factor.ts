import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { formatInstrument } from '@algotrader/core';
import { writeReport } from '@algotrader/report';
import { getStrategy, parseParams } from '@algotrader/strategy';
import {
  buildPanel,
  type EvaluateOptions,
  evaluateFactor,
  type FactorEvaluation,
  factorReportHtml,
  parseFactor,
} from '../../../../research';
import { parse, UsageError } from '../args';
import type { Market } from '../sweep/data';
import { type CommandIo, stamp } from '../sweep/io';
import { parseNumber, parseRunSpec, RUN_OPTIONS } from '../sweep/spec';
import { f2, f4, pct, RESEARCH_USAGE, table } from './research-format';
import { loadSpecMarket, runInfo, timedBacktest } from './run-common';

const MARKET_OPTIONS = {
  data: { type: 'string' },
  symbols: { type: 'string' },
  tf: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  out: { type: 'string' },
  quantiles: { type: 'string' },
  'min-assets': { type: 'string' },
} as const;

/** Evaluates, prints the IC table, writes factor.html and factor.json into `dir`. */
function evaluateAndWrite(
  m: Market,
  factorText: string,
  opts: Omit<EvaluateOptions, 'minAssets'> & { readonly minAssets?: number },
  dir: string,
  io: CommandIo,
): FactorEvaluation {
  const { spec, output } = parseFactor(factorText);
  const n = m.data.series.length;
  const minAssets = opts.minAssets ?? Math.max(3, opts.quantiles, Math.ceil(n / 2));
  const started = performance.now();
  const panel = buildPanel(m.data, spec, output);
  const ev = evaluateFactor(panel, { ...opts, minAssets });
  const ms = performance.now() - started;
  const day = (t: number) => new Date(t).toISOString().slice(0, 10);
  const lines = [
    `factor ${factorText} (${output}) on ${n} instruments, ${m.data.timeframe}, ${panel.times.length} rows: ` +
      `${day(panel.times[0]!)} → ${day(panel.times[panel.times.length - 1]!)}`,
    `  min ${minAssets} instruments per period, ${opts.quantiles} quantiles, computed in ${ms.toFixed(0)} ms`,
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
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'factor.html'), factorReportHtml(`Factor ${factorText}`, lines, ev));
  const json = {
    factor: factorText,
    instruments: panel.instruments.map(formatInstrument),
    ic: ev.ic,
    quantiles: ev.quantiles,
    topTurnover: ev.topTurnover,
    rankAutocorrelation: ev.rankAutocorrelation,
  };
  writeFileSync(join(dir, 'factor.json'), `${JSON.stringify(json, null, 2)}\n`);
  io.out(`\nChart and figures: ${join(dir, 'factor.html')}, ${join(dir, 'factor.json')}`);
  return ev;
}

function parseHorizons(text: string): number[] {
  return text.split(',').map((h) => {
    const n = Number(h);
    if (!Number.isInteger(n) || n < 1) throw new UsageError(`--horizons: "${h}" is not an integer >= 1`);
    return n;
  });
}

function minAssetsOf(v: string | undefined): { minAssets?: number } {
  return v === undefined ? {} : { minAssets: parseNumber(v, 'min-assets', 3, 3) };
}

export async function factorCmd(argv: string[], io: CommandIo): Promise<number> {
  const { values } = parse(
    argv,
    { ...MARKET_OPTIONS, factor: { type: 'string' }, horizons: { type: 'string' } },
    RESEARCH_USAGE,
  );
  if (!values.data) throw new UsageError(`factor needs --data\n\n${RESEARCH_USAGE}`);
  const factorText = values.factor ?? 'roc:24';
  parseFactor(factorText);
  const spec = parseRunSpec({ ...values, strategy: 'none' }, RESEARCH_USAGE);
  const m = await loadSpecMarket(spec, values.data, io);
  const dir = resolve(
    io.cwd,
    values.out ?? `reports/factor-${factorText.replace(/[^A-Za-z0-9]+/g, '_')}-${stamp(io.now())}`,
  );
  evaluateAndWrite(
    m,
    factorText,
    {
      horizons: parseHorizons(values.horizons ?? '1,2,4,8,24,48'),
      quantiles: parseNumber(values.quantiles, 'quantiles', 5, 2),
      ...minAssetsOf(values['min-assets']),
    },
    dir,
    io,
  );
  return 0;
}

/**
 * The cross-sectional example end to end: the trailing return as a factor (IC at the rebalance
 * horizon, quantile returns), then its top quantile held long-only with equal weights — the
 * built-in xs_momentum — through the backtest engine.
 */
export async function xsCmd(argv: string[], io: CommandIo): Promise<number> {
  const { values } = parse(
    argv,
    { ...RUN_OPTIONS, ...MARKET_OPTIONS, lookback: { type: 'string' }, rebalance: { type: 'string' } },
    RESEARCH_USAGE,
  );
  if (!values.data) throw new UsageError(`xs needs --data\n\n${RESEARCH_USAGE}`);
  const lookback = parseNumber(values.lookback, 'lookback', 168, 1);
  const rebalance = parseNumber(values.rebalance, 'rebalance', 24, 1);
  const quantiles = parseNumber(values.quantiles, 'quantiles', 5, 2);
  const spec = parseRunSpec({ ...values, strategy: 'xs_momentum' }, RESEARCH_USAGE);
  const m = await loadSpecMarket(spec, values.data, io);
  const dir = resolve(io.cwd, values.out ?? `reports/xs-${stamp(io.now())}`);
  const factorText = `roc:${lookback}`;
  evaluateAndWrite(
    m,
    factorText,
    { horizons: [1, rebalance], quantiles, ...minAssetsOf(values['min-assets']) },
    dir,
    io,
  );

  const n = m.data.series.length;
  const top = Math.ceil(n / quantiles);
  const strategy = getStrategy('xs_momentum');
  const params = parseParams(strategy, { lookback, top, rebalanceEvery: rebalance, ...spec.params });
  const { result, metrics, runMs } = timedBacktest(strategy, params, m.data, spec);
  const createdAt = io.now();
  const runId = `xs_momentum-${stamp(createdAt)}`;
  const report = await writeReport(join(dir, 'backtest'), {
    result,
    metrics,
    data: m.data,
    run: runInfo(spec, {
      runId,
      createdAt,
      dataSource: values.data,
      command: ['algotrader', 'research', 'xs'],
      argv,
    }),
  });
  io.out('');
  io.out(
    `top quantile long-only (xs_momentum lookback ${lookback}, top ${top} of ${n}, rebalance every ${rebalance} bars): ` +
      `${result.fills.length} fills in ${runMs.toFixed(0)} ms`,
  );
  io.out(
    `  total return ${pct(metrics.totalReturn)}, Sharpe ${f2(metrics.sharpe)}, max drawdown ${pct(metrics.maxDrawdown.depth)}, ` +
      `turnover ${f2(metrics.turnover)}x, fees ${f2(metrics.feesPaid)}, final equity ${f2(metrics.finalEquity)}`,
  );
  io.out(`  tearsheet: ${report.files.tearsheet}`);
  return 0;
}
