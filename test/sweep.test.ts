/**
 * `algotrader sweep` and `algotrader worker`: grids, random draws and walk-forward windows; the
 * same ranking from 1 and 2 worker threads and from two worker processes' worth of consumers on a
 * real nats-server (JetStream work queue, protobuf on the wire).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { computeMetrics, runBacktest } from '@algotrader/backtest';
import { parseInstrument } from '@algotrader/core';
import { loadConfig } from '@algotrader/core/node';
import { FillModelSchema } from '@algotrader/portfolio';
import { codecs } from '@algotrader/proto';
import { readCsvBars } from '@algotrader/store';
import { smaCross } from '@algotrader/strategy';
import { bundledData, NatsServer, repoRoot, waitFor } from '@algotrader/testkit';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { runSweepCmd } from '../apps/cli/src/commands/sweep';
import { runWorkerCmd } from '../apps/cli/src/commands/worker';
import { sliceRange } from '../apps/cli/src/sweep/data';
import { connectResearchBus } from '../apps/cli/src/sweep/executor';
import { gridConfigs, parseGridFlag, parseRangeFlag, randomConfigs } from '../apps/cli/src/sweep/grid';
import type { CommandIo } from '../apps/cli/src/sweep/io';
import type { ResearchJob } from '../apps/cli/src/sweep/job';
import { ThreadPool } from '../apps/cli/src/sweep/pool';
import { startResearchWorker } from '../apps/cli/src/sweep/research-worker';
import { parseWalkForward, walkForwardWindows } from '../apps/cli/src/sweep/windows';
import { fromSweepJob, fromSweepResult, toSweepJob, toSweepResult } from '../apps/cli/src/sweep/wire';

const BTC = bundledData('ohlcv/binance_BTC-USDT_1h_2017-2022.csv.gz');
const DAY = 86_400_000;

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'algotrader-sweep-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function capture(): { io: CommandIo; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: {
      env: {},
      // A sweep without --out writes reports/sweep-<id> under cwd: the test's temp dir, never the repo.
      cwd: tmp,
      out: (l) => out.push(l),
      err: (l) => err.push(l),
      now: () => 0,
      quiet: true,
    },
    out,
    err,
  };
}

interface Ranked {
  rank: number;
  jobId: number;
  params: Record<string, unknown>;
  metrics: Record<string, number | null | string>;
  worker: string;
}

interface SweepDoc {
  sweepId: string;
  mode: string;
  configs: number;
  refused: number;
  jobs: number;
  failed: number;
  ranking: Ranked[];
  walkForward?: {
    windows: {
      index: number;
      train: [string, string];
      test: [string, string];
      best: { params: Record<string, unknown>; trainMetric: number; test: Record<string, number> } | null;
    }[];
    outOfSample: { windows: number; compoundedReturn: number };
  };
}

async function sweep(args: string[]): Promise<SweepDoc> {
  const c = capture();
  const code = await runSweepCmd([...args, '--json'], c.io);
  expect(code).toBe(0);
  return JSON.parse(c.out[0]!) as SweepDoc;
}

/** A small sweep: BTC and ETH, 2020, sma_cross fast 5/15/25 × slow 30/60/90, plus slow=5 (refused: fast >= slow). */
const SMALL = [
  '--strategy',
  'sma_cross',
  '--data',
  join(BTC, '..'),
  '--symbols',
  'BTC/USDT,ETH/USDT',
  '--tf',
  '1h',
  '--from',
  '2020-01-01',
  '--to',
  '2021-01-01',
  '--grid',
  'fast=5:25:10',
  '--grid',
  'slow=30,60,90,5',
  '--param',
  'sizing.kind=equity_fraction',
  '--param',
  'sizing.fraction=0.45',
  '--fee',
  '0.001',
];

/** What must not depend on where the jobs ran. */
const comparable = (d: SweepDoc) => d.ranking.map(({ rank, params, metrics }) => ({ rank, params, metrics }));

describe('parameter sets and windows', () => {
  test('a grid axis is a start:stop:step range (stop included on the grid) or a list', () => {
    expect(parseGridFlag('fast=5:50:5').values).toEqual([5, 10, 15, 20, 25, 30, 35, 40, 45, 50]);
    expect(parseGridFlag('k=1.5:2.5:0.25').values).toEqual([1.5, 1.75, 2, 2.25, 2.5]);
    expect(parseGridFlag('slow=20:45:10').values).toEqual([20, 30, 40]);
    expect(parseGridFlag('sizing.kind=fixed,equity_fraction').values).toEqual(['fixed', 'equity_fraction']);
    expect(() => parseGridFlag('fast=50:5:5')).toThrow('need start <= stop');
    expect(
      gridConfigs([parseGridFlag('fast=1,2'), parseGridFlag('sizing.qty=0.1,0.2')], {
        sizing: { kind: 'fixed' },
      }),
    ).toEqual([
      { sizing: { kind: 'fixed', qty: 0.1 }, fast: 1 },
      { sizing: { kind: 'fixed', qty: 0.2 }, fast: 1 },
      { sizing: { kind: 'fixed', qty: 0.1 }, fast: 2 },
      { sizing: { kind: 'fixed', qty: 0.2 }, fast: 2 },
    ]);
  });

  test('random draws are distinct, inside the ranges, and the same for the same seed', () => {
    const ranges = [parseRangeFlag('fast=5:50'), parseRangeFlag('slow=20:200')];
    const a = randomConfigs(ranges, 100, 7, {});
    expect(a).toHaveLength(100);
    expect(new Set(a.map((p) => JSON.stringify(p))).size).toBe(100);
    for (const p of a) {
      expect(Number.isInteger(p['fast'])).toBe(true);
      expect(p['fast']).toBeGreaterThanOrEqual(5);
      expect(p['slow']).toBeLessThanOrEqual(200);
    }
    expect(randomConfigs(ranges, 100, 7, {})).toEqual(a);
    expect(randomConfigs(ranges, 100, 8, {})).not.toEqual(a);
    // A space smaller than asked: every combination once.
    expect(randomConfigs([parseRangeFlag('fast=1:3')], 10, 1, {})).toHaveLength(3);
  });

  test('walk-forward windows roll by the test length and stop before the data ends', () => {
    const wf = parseWalkForward('train=180d,test=30d');
    const start = Date.UTC(2020, 0, 1);
    const w = walkForwardWindows(wf, start, Date.UTC(2021, 0, 1));
    expect(w).toHaveLength(6); // 366 days: 180 + 6 × 30 = 360 fit, a 7th test window would not
    expect(w[0]).toEqual({
      index: 0,
      train: [start, start + 180 * DAY],
      test: [start + 180 * DAY, start + 210 * DAY],
    });
    for (let i = 1; i < w.length; i++) expect(w[i]!.test[0]).toBe(w[i - 1]!.test[1]);
    // 84 + 3 days per window, moving 7 days: starts 0 and 7 fit in 100 days, 14 would end at day 101.
    expect(walkForwardWindows(parseWalkForward('train=12w,test=72h,step=1w'), 0, 100 * DAY)).toHaveLength(2);
  });

  test('jobs and results cross the wire as protobuf and come back the same', () => {
    const job: ResearchJob = {
      sweepId: 's1',
      jobId: 7,
      strategy: 'sma_cross',
      params: { fast: 5, sizing: { kind: 'fixed', qty: 0.1 } },
      dataRef: { data: '/data/x', symbols: ['BINANCE:BTC/USDT'], timeframe: '1h' },
      from: Date.UTC(2020, 0, 1),
      to: Date.UTC(2021, 0, 1),
      fillModel: FillModelSchema.parse({}),
      initialCash: 5_000,
      window: 'w2:test',
    };
    expect(fromSweepJob(codecs.SweepJob.decode(codecs.SweepJob.encode(toSweepJob(job))))).toEqual(job);
    const result = {
      ...job,
      worker: 'w',
      seconds: 0.5,
      error: '',
      metrics: { sharpe: 1.5, profit_factor: Infinity },
    };
    const {
      dataRef: _d,
      from: _f,
      to: _t,
      fillModel: _m,
      initialCash: _c,
      strategy: _s,
      ...expected
    } = result;
    expect(
      fromSweepResult(codecs.SweepResult.decode(codecs.SweepResult.encode(toSweepResult(result)))),
    ).toEqual(expected);
    expect(() => fromSweepJob({ ...toSweepJob(job), timeframe: '7m' })).toThrow('timeframe "7m"');
    expect(() => fromSweepJob({ ...toSweepJob(job), paramsJson: '[1]' })).toThrow(
      'params_json must be a JSON object',
    );
  });
});

/** The 1-thread run of SMALL, the reference the other runs are compared with. */
let one: SweepDoc;

describe('algotrader sweep', () => {
  test('ranks every valid parameter set by the metric; the set the schema refuses is counted', async () => {
    one = await sweep([...SMALL, '--workers', '1']);
    expect(one.mode).toBe('threads');
    expect(one.configs).toBe(9);
    expect(one.refused).toBe(3);
    expect(one.jobs).toBe(9);
    expect(one.failed).toBe(0);
    const sharpes = one.ranking.map((r) => r.metrics['sharpe'] as number);
    expect(sharpes).toEqual([...sharpes].sort((a, b) => b - a));
    // The figures are real backtests: the winner recomputed directly.
    const best = one.ranking[0]!;
    const load = async (base: string) => ({
      instrument: parseInstrument(`BINANCE:${base}/USDT`),
      bars: sliceRange(
        await readCsvBars(bundledData(`ohlcv/binance_${base}-USDT_1h_2017-2022.csv.gz`)),
        Date.UTC(2020, 0, 1),
        Date.UTC(2021, 0, 1),
      ),
    });
    const direct = runBacktest({
      strategy: smaCross,
      params: best.params,
      data: { timeframe: '1h', series: [await load('BTC'), await load('ETH')] },
      initialCash: 10_000,
      fillModel: FillModelSchema.parse({ fees: { maker: 0.001, taker: 0.001 } }),
    });
    expect(best.metrics['sharpe']).toBe(computeMetrics(direct).sharpe);
    expect(best.metrics['fills']).toBe(direct.fills.length);
  });

  test('2 worker threads give the same ranking as 1, both threads working', async () => {
    const two = await sweep([...SMALL, '--workers', '2']);
    expect(comparable(two)).toEqual(comparable(one));
    expect(new Set(one.ranking.map((r) => r.worker))).toEqual(new Set(['local/t1']));
    expect(new Set(two.ranking.map((r) => r.worker))).toEqual(new Set(['local/t1', 'local/t2']));
  });

  test('writes the results file and prints a ranked table', async () => {
    const c = capture();
    const out = join(tmp, 'table');
    await runSweepCmd(
      [...SMALL, '--workers', '2', '--rank', 'total_return', '--top', '3', '--out', out],
      c.io,
    );
    const doc = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as SweepDoc;
    expect(doc.ranking).toHaveLength(9);
    expect(c.out[2]).toMatch(/^#\s+total_return\s+sharpe\s+max dd\s+trades\s+win rate\s+params$/);
    expect(c.out[3]).toContain(`1  `);
    expect(c.out[3]).toContain(
      `fast=${doc.ranking[0]!.params['fast']} slow=${doc.ranking[0]!.params['slow']}`,
    );
    expect(c.out.filter((l) => /^\s*\d+\s/.test(l))).toHaveLength(3);
    expect(c.out).toContain('… 6 more in the results file');
  });

  test('threads started while the bars load are closed when the bars cannot be loaded', async () => {
    const start = ThreadPool.start.bind(ThreadPool);
    const pools: Promise<ThreadPool>[] = [];
    const starts = vi.spyOn(ThreadPool, 'start').mockImplementation((o) => {
      const p = start(o);
      pools.push(p);
      return p;
    });
    const closes = vi.spyOn(ThreadPool.prototype, 'close');
    try {
      const args = [...SMALL, '--workers', '2'];
      args[args.indexOf('--symbols') + 1] = 'BTC/USDT,FOO/USDT';
      await expect(runSweepCmd(args, capture().io)).rejects.toThrow(/no 1h file for FOO\/USDT/);
      expect(pools).toHaveLength(1);
      const pool = await pools[0]!;
      expect(closes.mock.contexts).toContain(pool);
    } finally {
      starts.mockRestore();
      closes.mockRestore();
    }
  });

  test('walk-forward picks the best set on each train window and reports it on the test window', async () => {
    const doc = await sweep([
      '--strategy',
      'sma_cross',
      '--data',
      BTC,
      '--from',
      '2020-01-01',
      '--to',
      '2021-01-01',
      '--grid',
      'fast=5,20',
      '--grid',
      'slow=50,100',
      '--walk-forward',
      'train=120d,test=60d',
      '--workers',
      '2',
    ]);
    const wf = doc.walkForward!;
    expect(doc.jobs).toBe(4 * 4 * 2); // 4 sets × 4 windows × train/test
    expect(wf.windows).toHaveLength(4);
    expect(wf.windows[0]!.train).toEqual(['2020-01-01T00:00:00.000Z', '2020-04-30T00:00:00.000Z']);
    expect(wf.windows[0]!.test).toEqual(['2020-04-30T00:00:00.000Z', '2020-06-29T00:00:00.000Z']);
    // Each window's choice is the train winner: rerun that window's train part for every set.
    const w1 = wf.windows[1]!;
    const train = await sweep([
      '--strategy',
      'sma_cross',
      '--data',
      BTC,
      '--from',
      w1.train[0],
      '--to',
      w1.train[1],
      '--grid',
      'fast=5,20',
      '--grid',
      'slow=50,100',
      '--workers',
      '1',
    ]);
    expect(w1.best!.params).toEqual(train.ranking[0]!.params);
    expect(w1.best!.trainMetric).toBe(train.ranking[0]!.metrics['sharpe']);
    const chained = wf.windows.reduce((p, w) => p * (1 + w.best!.test['total_return']!), 1) - 1;
    expect(wf.outOfSample).toMatchObject({ windows: 4, compoundedReturn: chained });
  });
});

describe('distributed sweep through the JetStream work queue', () => {
  test('two workers share the jobs and the ranking is the same as on threads', async () => {
    const nats = await NatsServer.start();
    const stop = new AbortController();
    try {
      // One worker as the command runs it (1 thread), one embedded with jobs on its main thread.
      const c1 = capture();
      const command = runWorkerCmd(
        ['--threads', '1', '--nats', nats.url, '--name', 'cmd-worker'],
        c1.io,
        stop.signal,
      );
      const bus = await connectResearchBus(loadConfig({}), 'research-worker', nats.url);
      const inline = await startResearchWorker({
        bus,
        threads: 0,
        modules: [],
        cwd: repoRoot,
        dataDir: tmp,
        name: 'inline',
      });
      // Both pull loops waiting (the command's worker starts a thread first) before any job is out.
      await waitFor(
        async () => (await bus.jsm.consumers.info('RESEARCH', 'research-worker')).num_waiting >= 2,
        30_000,
        'both workers pulling',
      );
      const doc = await sweep([...SMALL, '--distributed', '--nats', nats.url]);
      expect(doc.mode).toBe('jetstream');
      expect(comparable(doc)).toEqual(comparable(one));
      const by = new Map<string, number>();
      for (const r of doc.ranking)
        by.set(r.worker.split('/')[0]!, (by.get(r.worker.split('/')[0]!) ?? 0) + 1);
      expect([...by.keys()].sort()).toEqual(['cmd-worker', 'inline']);
      expect(inline.processed()).toBe(by.get('inline'));
      await inline.stop();
      await bus.close();
      stop.abort();
      expect(await command).toBe(0);
      expect(c1.err.at(-1)).toBe(`worker cmd-worker stopping after ${by.get('cmd-worker')} jobs`);
      // The work queue is empty: every job was acked, every result taken.
      const check = await connectResearchBus(loadConfig({}), 'cli', nats.url);
      // (the server applies acks asynchronously: give the last ones a moment)
      await waitFor(
        async () => (await check.jsm.streams.info('RESEARCH')).state.messages === 0,
        5_000,
        'an empty queue',
      );
      await check.close();
    } finally {
      stop.abort();
      await nats.stop();
    }
  });
});
