/**
 * The steps backtest, lookahead-check, sweep and the research commands share: the --data check,
 * reading the run spec's bars, checking a strategy before any data is read, one timed backtest,
 * and the run description its report carries. One copy, so the commands cannot drift apart.
 */
import {
  type BacktestData,
  type BacktestResult,
  computeMetrics,
  type Metrics,
  runBacktest,
} from '@algotrader/backtest';
import type { CashDividend, Config, TradingCalendar } from '@algotrader/core';
import { loadConfig } from '@algotrader/core/node';
import type { RunInfo } from '@algotrader/report';
import type { AnyStrategy } from '@algotrader/strategy';
import { type Options, parse, UsageError } from '../args';
import { loadMarket, type Market } from '../sweep/data';
import { type CommandIo, shellQuote } from '../sweep/io';
import { checkParams, parseRunSpec, RUN_OPTIONS, type RunSpec, type RunValues } from '../sweep/spec';
import type { StrategyCatalog } from '../sweep/strategies';

const HELP_OPTION = { help: { type: 'boolean', short: 'h' } } as const;

type RunCommandValues<O extends Options> = ReturnType<
  typeof parse<typeof HELP_OPTION & typeof RUN_OPTIONS & O>
>['values'];

/**
 * A strategy-running command's flags: `-h` and the run options plus its own. Undefined when the
 * usage was printed for `--help`; otherwise the flags, the parsed run spec and the --data source.
 */
export function parseRunCommand<O extends Options>(
  argv: string[],
  options: O,
  usage: string,
  io: CommandIo,
): { values: RunCommandValues<O>; spec: RunSpec; data: string } | undefined {
  const { values } = parse(argv, { ...HELP_OPTION, ...RUN_OPTIONS, ...options }, usage);
  // The generic O hides the run flags from the checker here; the callers see the full type.
  const run = values as RunValues & { readonly help?: boolean; readonly data?: string };
  if (run.help) {
    io.out(usage);
    return undefined;
  }
  const spec = parseRunSpec(run, usage);
  return { values, spec, data: requireData(run.data, usage) };
}

/** `--data` is required by every command that runs a strategy. */
function requireData(data: string | undefined, usage: string): string {
  if (!data) throw new UsageError(`missing --data\n\n${usage}`);
  return data;
}

/** The bars the run spec names (symbols, timeframe, range), read from `data`. */
export function loadSpecMarket(
  spec: RunSpec,
  data: string,
  io: CommandIo,
  config: Config = loadConfig(io.env),
): Promise<Market> {
  return loadMarket({
    data,
    symbols: spec.symbols,
    ...(spec.timeframe === undefined ? {} : { timeframe: spec.timeframe }),
    ...(spec.from === undefined ? {} : { from: spec.from }),
    ...(spec.to === undefined ? {} : { to: spec.to }),
    dataDir: config.dataDir,
    cwd: io.cwd,
  });
}

/**
 * Fails fast on an unknown strategy, and on bad parameters of a data-independent one, before any
 * data is read (a data-dependent factory can only be checked once the data is there).
 */
export function precheckStrategy(catalog: StrategyCatalog, spec: RunSpec): void {
  const known = catalog.plain(spec.strategy);
  if (known) checkParams(known, spec.params);
  else catalog.get(spec.strategy);
}

export interface TimedRun {
  readonly result: BacktestResult;
  readonly metrics: Metrics;
  /** The backtest and its metrics, wall-clock ms. */
  readonly runMs: number;
}

/** One backtest with the spec's cash and fill model, and its metrics. */
export function timedBacktest(
  strategy: AnyStrategy,
  params: unknown,
  data: BacktestData,
  spec: RunSpec,
  /** The market's sessions (US stocks: NYSE); absent: 24/7. */
  calendar?: TradingCalendar,
  dividends?: readonly CashDividend[],
): TimedRun {
  const started = performance.now();
  const result = runBacktest({
    strategy,
    params,
    data,
    initialCash: spec.initialCash,
    fillModel: spec.fillModel,
    ...(calendar ? { calendar } : {}),
    ...(dividends ? { dividends } : {}),
  });
  const metrics = computeMetrics(result);
  return { result, metrics, runMs: performance.now() - started };
}

/** What the report records about a run; `command` is the command line without its arguments. */
export function runInfo(
  spec: RunSpec,
  run: {
    readonly runId: string;
    readonly createdAt: number;
    readonly dataSource: string;
    readonly command: readonly string[];
    readonly argv: readonly string[];
  },
): RunInfo {
  return {
    runId: run.runId,
    createdAt: run.createdAt,
    dataSource: run.dataSource,
    ...(spec.from === undefined ? {} : { from: spec.from }),
    ...(spec.to === undefined ? {} : { to: spec.to }),
    fillModel: spec.fillModel,
    command: [...run.command, ...run.argv].map(shellQuote).join(' '),
  };
}
