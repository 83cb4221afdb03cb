import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { AlgoError, ErrorCode, formatInstrument, timeframeMs } from '@algotrader/core';
import { loadConfig } from '@algotrader/core/node';
import { type JsonNumber, jsonNumber } from '@algotrader/report';
import { UsageError } from '../args';
import { Progress } from '../progress';
import { connectResearchBus, JetStreamExecutor, type SweepExecutor, ThreadExecutor } from '../sweep/executor';
import { gridConfigs, type Params, parseGridFlag, parseRangeFlag, randomConfigs } from '../sweep/grid';
import { type CommandIo, processIo, shellQuote, stamp } from '../sweep/io';
import { type DataRef, dataExtent, type JobResult, type ResearchJob, shareData } from '../sweep/job';
import { ThreadPool } from '../sweep/pool';
import {
  formatRanking,
  formatWalkForward,
  paramsText,
  parseRank,
  rankResults,
  type WalkForwardJob,
  walkForwardReport,
} from '../sweep/rank';
import { checkParams, parseNumber, RUN_USAGE } from '../sweep/spec';
import { buildStrategy, loadCatalog } from '../sweep/strategies';
import { parseWalkForward, type Window, walkForwardWindows } from '../sweep/windows';
import { assertSweepId } from '../sweep/wire';
import { loadSpecMarket, parseRunCommand } from './run-common';

export const SWEEP_USAGE = `usage: algotrader sweep --strategy NAME --data SRC (--grid k=a:b:step ... | --random N --param-range k=lo:hi ...) [options]

Backtests many parameter sets and ranks them; with --walk-forward, picks the best set on each
rolling train window and reports how it did on the test window after it.

${RUN_USAGE}
  --grid k=start:stop:step | k=a,b,c   a grid axis (repeatable; every combination runs)
  --random N --param-range k=lo:hi     N random sets (integers when both bounds are; repeatable) [--seed S]
  --walk-forward train=180d,test=30d[,step=30d]
  --rank METRIC          sharpe (default), sortino, calmar, total_return, cagr, profit_factor, win_rate,
                         expectancy, final_equity, max_drawdown, annual_volatility, fees_paid, turnover
  --workers N            worker threads (default: the number of cores)
  --distributed          run on \`algotrader worker\` processes through JetStream (stream RESEARCH) [--nats URL]
  --top N                rows of the ranked table (default 20)
  --out DIR              where results.json goes (default reports/sweep-<id>)
  --sweep-id ID          names the sweep (default <yyyymmdd-hhmmss>-<random>)
  --json                 print the results document to stdout
  --quiet                no progress bar

Parameter sets the strategy's schema refuses (e.g. fast >= slow) are skipped and counted.
Example: algotrader sweep --strategy sma_cross --data data/ohlcv --symbols BTC/USDT --tf 1h \\
           --grid fast=5:50:5 --grid slow=20:200:10 --rank sharpe --workers 2`;

type JsonMetrics = Record<string, JsonNumber>;

function jsonMetrics(m: Readonly<Record<string, number>>): JsonMetrics {
  return Object.fromEntries(Object.entries(m).map(([k, v]) => [k, jsonNumber(v)]));
}

/** `algotrader sweep …`; returns the exit code (0, or 1 when every job failed). */
export async function runSweepCmd(
  argv: string[],
  io: CommandIo = processIo,
  signal?: AbortSignal,
): Promise<number> {
  const parsed = parseRunCommand(
    argv,
    {
      grid: { type: 'string', multiple: true },
      random: { type: 'string' },
      'param-range': { type: 'string', multiple: true },
      seed: { type: 'string' },
      'walk-forward': { type: 'string' },
      rank: { type: 'string' },
      workers: { type: 'string' },
      distributed: { type: 'boolean' },
      nats: { type: 'string' },
      top: { type: 'string' },
      out: { type: 'string' },
      'sweep-id': { type: 'string' },
      json: { type: 'boolean' },
      quiet: { type: 'boolean' },
    },
    SWEEP_USAGE,
    io,
  );
  if (!parsed) return 0;
  const { values, spec, data } = parsed;
  const grid = (values.grid ?? []).map(parseGridFlag);
  const ranges = (values['param-range'] ?? []).map(parseRangeFlag);
  if (grid.length > 0 && values.random !== undefined) throw new UsageError('--grid and --random do not mix');
  if (grid.length === 0 && values.random === undefined) {
    throw new UsageError(`give --grid axes or --random N with --param-range\n\n${SWEEP_USAGE}`);
  }
  if (values.random !== undefined && ranges.length === 0)
    throw new UsageError('--random needs --param-range k=lo:hi');
  const by = parseRank(values.rank ?? 'sharpe');
  const wf = values['walk-forward'] === undefined ? undefined : parseWalkForward(values['walk-forward']);
  const workers =
    values.workers === undefined ? availableParallelism() : parseNumber(values.workers, 'workers', 1, 1);
  if (!Number.isSafeInteger(workers)) throw new UsageError('--workers must be an integer >= 1');
  const top = parseNumber(values.top, 'top', 20, 1);

  const catalog = await loadCatalog(spec.modules, io.cwd);
  catalog.get(spec.strategy);
  // The threads start (each imports the strategies) while the bars load; closed on every way out.
  const starting = values.distributed
    ? undefined
    : ThreadPool.start({ threads: workers, modules: spec.modules, cwd: io.cwd, name: 'local' });
  starting?.catch(() => undefined);
  try {
    return await sweep();
  } finally {
    await starting?.then(
      (pool) => pool.close(),
      () => undefined,
    );
  }

  async function sweep(): Promise<number> {
    const config = loadConfig(io.env);
    const market = await loadSpecMarket(spec, data, io, config);
    const tf = market.data.timeframe;

    // Parameter sets: generated, checked by the strategy's schema, repeated ones dropped.
    const raw =
      grid.length > 0
        ? gridConfigs(grid, spec.params)
        : randomConfigs(
            ranges,
            parseNumber(values.random, 'random', 0, 1),
            parseNumber(values.seed, 'seed', 1),
            spec.params,
          );
    const strategy = buildStrategy(catalog, spec.strategy, market.data);
    const configs: Params[] = [];
    const refused: { params: Params; reason: string }[] = [];
    const seen = new Set<string>();
    for (const p of raw) {
      try {
        const key = JSON.stringify(checkParams(strategy, p));
        if (seen.has(key)) continue;
        seen.add(key);
        configs.push(p);
      } catch (e) {
        refused.push({ params: p, reason: (e as Error).message });
      }
    }
    if (configs.length === 0) {
      throw new AlgoError(
        ErrorCode.InvalidConfig,
        `none of the ${raw.length} parameter sets is valid for ${spec.strategy}: ${refused[0]?.reason ?? 'none generated'}`,
      );
    }

    const createdAt = io.now();
    const sweepId = values['sweep-id'] ?? `${stamp(createdAt)}-${randomBytes(3).toString('hex')}`;
    assertSweepId(sweepId);
    const dataRef: DataRef = {
      data: data === 'store' || isAbsolute(data) ? data : resolve(io.cwd, data),
      symbols: market.data.series.map((s) => formatInstrument(s.instrument)),
      timeframe: tf,
    };
    const common = {
      sweepId,
      strategy: spec.strategy,
      dataRef,
      fillModel: spec.fillModel,
      initialCash: spec.initialCash,
    };
    const jobs: ResearchJob[] = [];
    const layout = new Map<number, WalkForwardJob>();
    let windows: Window[] = [];
    if (wf) {
      const [start, end] = dataExtent(market.data, timeframeMs(tf));
      windows = walkForwardWindows(wf, start, end);
      if (windows.length === 0) {
        throw new UsageError(
          `--walk-forward: the data (${new Date(start).toISOString()} → ${new Date(end).toISOString()}) is shorter than one train + test window`,
        );
      }
      configs.forEach((params, config) => {
        for (const w of windows) {
          for (const phase of ['train', 'test'] as const) {
            const [from, to] = w[phase];
            layout.set(jobs.length, { config, window: w.index, phase });
            jobs.push({ ...common, jobId: jobs.length, params, from, to, window: `w${w.index}:${phase}` });
          }
        }
      });
    } else {
      for (const params of configs) {
        jobs.push({
          ...common,
          jobId: jobs.length,
          params,
          ...(spec.from === undefined ? {} : { from: spec.from }),
          ...(spec.to === undefined ? {} : { to: spec.to }),
          window: '',
        });
      }
    }

    io.err(
      `sweep ${sweepId}: ${configs.length} parameter sets${refused.length ? ` (${refused.length} refused by the schema)` : ''}` +
        `${wf ? ` × ${windows.length} windows × train/test` : ''} = ${jobs.length} backtests, ` +
        (values.distributed
          ? 'on algotrader workers via JetStream'
          : `${workers} worker thread${workers > 1 ? 's' : ''}`),
    );
    let results: JobResult[];
    let close: () => Promise<void>;
    let executor: SweepExecutor;
    if (starting) {
      const pool = await starting;
      executor = new ThreadExecutor(pool, { key: sweepId, data: shareData(market.data) });
      close = () => pool.close();
    } else {
      const bus = await connectResearchBus(config, config.service, values.nats);
      executor = new JetStreamExecutor(bus, { warn: (l) => io.err(l) });
      close = () => bus.close();
    }
    // The jobs' wall time: the threads are up (or the bus connected) and the bars shared.
    const progress = new Progress('sweep', jobs.length, values.quiet === true || io.quiet === true);
    const started = performance.now();
    try {
      results = await executor.run(jobs, () => progress.tick(1), signal);
    } finally {
      progress.finish();
      await close();
    }
    const wallSeconds = (performance.now() - started) / 1000;
    const failed = results.filter((r) => r.error !== '');

    const ranked = wf ? [] : rankResults(results, by);
    const walk = wf ? walkForwardReport(windows, layout, results, configs, by) : undefined;
    const doc = {
      kind: 'sweep_results',
      version: 1,
      sweepId,
      createdAt: new Date(createdAt).toISOString(),
      command: ['algotrader', 'sweep', ...argv].map(shellQuote).join(' '),
      strategy: spec.strategy,
      data: {
        source: data,
        sources: market.sources,
        symbols: dataRef.symbols,
        timeframe: tf,
        from: spec.from === undefined ? null : new Date(spec.from).toISOString(),
        to: spec.to === undefined ? null : new Date(spec.to).toISOString(),
      },
      fillModel: spec.fillModel,
      initialCash: spec.initialCash,
      rank: { metric: by.key, better: by.better },
      mode: executor.mode,
      workers: values.distributed ? null : workers,
      configs: configs.length,
      refused: refused.length,
      refusedExamples: refused.slice(0, 10),
      jobs: jobs.length,
      failed: failed.length,
      wallSeconds,
      jobSeconds: results.reduce((s, r) => s + r.seconds, 0),
      ranking: ranked.map((r, i) => ({
        rank: i + 1,
        jobId: r.jobId,
        params: r.params,
        metrics: jsonMetrics(r.metrics),
        ...(r.error ? { error: r.error } : {}),
        worker: r.worker,
      })),
      ...(walk && wf
        ? {
            walkForward: {
              trainDays: wf.trainMs / 86_400_000,
              testDays: wf.testMs / 86_400_000,
              stepDays: wf.stepMs / 86_400_000,
              windows: walk.windows.map((w) => ({
                ...w,
                best: w.best && {
                  ...w.best,
                  trainMetric: jsonNumber(w.best.trainMetric),
                  test: jsonMetrics(w.best.test),
                },
              })),
              outOfSample: {
                windows: walk.outOfSample.windows,
                compoundedReturn: jsonNumber(walk.outOfSample.compoundedReturn),
                meanMetric: jsonNumber(walk.outOfSample.meanMetric),
                worstDrawdown: jsonNumber(walk.outOfSample.worstDrawdown),
              },
              chosen: walk.chosen,
            },
          }
        : {}),
      errors: failed
        .slice(0, 20)
        .map((r) => ({ jobId: r.jobId, params: r.params, window: r.window, error: r.error })),
    };
    const dir = resolve(io.cwd, values.out ?? join('reports', `sweep-${sweepId}`));
    await mkdir(dir, { recursive: true });
    const file = join(dir, 'results.json');
    await writeFile(file, `${JSON.stringify(doc, null, 2)}\n`);

    if (values.json) {
      io.out(JSON.stringify(doc));
    } else {
      io.out(
        `${spec.strategy} on ${dataRef.symbols.join(', ')} ${tf}: ${jobs.length} backtests in ${wallSeconds.toFixed(1)} s` +
          ` (${executor.mode}${values.distributed ? '' : `, ${workers} workers`})${failed.length ? `, ${failed.length} failed` : ''}`,
      );
      io.out('');
      for (const line of walk ? formatWalkForward(walk, by) : formatRanking(ranked, by, top)) io.out(line);
      if (failed.length > 0) io.out(`\nfirst failure: ${paramsText(failed[0]!.params)}: ${failed[0]!.error}`);
      io.out('');
      io.out(`results: ${file}`);
    }
    return failed.length === results.length ? 1 : 0;
  }
}
