/**
 * Backtest throughput through the real strategy API, data already in memory, one thread:
 * `sma_cross` on BTC/USDT 1h 2017–2022 (45k bars) and `xs_momentum` on the ten shared 1h symbols;
 * then the cost of writing a run's report (summary, three Parquet files, tearsheet).
 * Prints figures, asserts nothing. Wall-clock figures suffer on a shared machine; CPU time is steadier.
 * With `--baseline=DIR` (another checkout with its own node_modules, e.g. the commit before a
 * change) each engine run is followed by the same run on DIR's engine, strategies and fill model,
 * in this process on the same bars, and both figures are printed side by side.
 *
 * Side by side, a first run (a fresh copy of the bars each time: validation, features and the union
 * of open times computed anew, as in a one-shot backtest) and the same bars again (as in a sweep).
 *
 *   npm run bench -- backtest [--runs=20] [--baseline=/path/to/other/checkout] [--side-by-side]
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  type BacktestData,
  type BacktestResult,
  computeMetrics,
  type InstrumentData,
  runBacktest,
} from '@algotrader/backtest';
import { parseInstrument } from '@algotrader/core';
import { FillModelSchema } from '@algotrader/portfolio';
import { writeReport } from '@algotrader/report';
import { readCsvBars } from '@algotrader/store';
import { type AnyStrategy, smaCross, xsMomentum } from '@algotrader/strategy';
import { bundledData } from '@algotrader/testkit';

const RUNS = Number(process.argv.find((a) => a.startsWith('--runs='))?.slice(7) ?? '20') || 20;
const BASELINE = process.argv.find((a) => a.startsWith('--baseline='))?.slice(11);
/** `--side-by-side`: only the runs against the baseline (first runs, then the same bars again). */
const SIDE_ONLY = process.argv.includes('--side-by-side');
const SYMBOLS = ['BTC', 'ETH', 'BNB', 'LTC', 'ADA', 'XRP', 'LINK', 'DOGE', 'SOL', 'AVAX'];
const fillModel = FillModelSchema.parse({
  fees: { maker: 0.0008, taker: 0.001 },
  slippage: { kind: 'bps', bps: 2 },
});

async function load(base: string): Promise<InstrumentData> {
  return {
    instrument: parseInstrument(`BINANCE:${base}/USDT`),
    bars: await readCsvBars(bundledData(`ohlcv/binance_${base}-USDT_1h_2017-2022.csv.gz`)),
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const m = (x: number) => `${(x / 1e6).toFixed(2)}M`;

/** The baseline checkout's engine, strategies and fill model, loaded from its own sources. */
interface Baseline {
  readonly runBacktest: typeof runBacktest;
  readonly strategies: Record<string, AnyStrategy>;
  readonly fillModel: unknown;
  readonly instrument: (s: string) => unknown;
}

async function baseline(dir: string): Promise<Baseline> {
  const src = (pkg: string) => pathToFileURL(join(dir, 'packages', pkg, 'src', 'index.ts')).href;
  const [bt, strat, pf, core] = await Promise.all([
    import(src('backtest')),
    import(src('strategy')),
    import(src('portfolio')),
    import(src('core')),
  ]);
  return {
    runBacktest: bt.runBacktest,
    strategies: { sma_cross: strat.smaCross, xs_momentum: strat.xsMomentum },
    fillModel: pf.FillModelSchema.parse({
      fees: { maker: 0.0008, taker: 0.001 },
      slippage: { kind: 'bps', bps: 2 },
    }),
    instrument: core.parseInstrument,
  };
}

const base = BASELINE ? await baseline(resolve(BASELINE)) : undefined;

/** The same data with the baseline's own instrument objects (bars shared). */
const baseData = (b: Baseline, d: BacktestData): BacktestData => ({
  timeframe: d.timeframe,
  series: d.series.map((s) => ({
    ...s,
    instrument: b.instrument(
      `BINANCE:${s.instrument.base}/${s.instrument.quote}`,
    ) as InstrumentData['instrument'],
  })),
});

/** New arrays with the same bars: nothing computed for the old ones (validation, features, union) applies. */
const freshCopy = (d: BacktestData): BacktestData => ({
  timeframe: d.timeframe,
  series: d.series.map((s) => ({
    ...s,
    bars: {
      openTime: s.bars.openTime.slice(),
      open: s.bars.open.slice(),
      high: s.bars.high.slice(),
      low: s.bars.low.slice(),
      close: s.bars.close.slice(),
      volume: s.bars.volume.slice(),
    },
  })),
});

/**
 * Bar-steps per CPU-second of this checkout and of the baseline, runs interleaved. `first`: every
 * run gets a fresh copy of the bars (made outside the timing), as a one-shot backtest does; otherwise
 * both sides run on the same arrays again, as a sweep does (validation and features cached).
 */
function sideBySide(
  label: string,
  strategy: AnyStrategy,
  params: unknown,
  data: BacktestData,
  first = false,
): void {
  if (!base) return;
  const theirSame = baseData(base, data);
  const input = first ? () => freshCopy(data) : () => data;
  const theirInput = first ? () => baseData(base, freshCopy(data)) : () => theirSame;
  const theirs = base.strategies[strategy.name]!;
  const cpuOf = (f: (d: BacktestData) => BacktestResult): [number, BacktestResult] => {
    const d = f === ours ? input() : theirInput();
    const c0 = process.cpuUsage();
    const r = f(d);
    const c = process.cpuUsage(c0);
    return [(c.user + c.system) / 1000, r];
  };
  const ours = (d: BacktestData) =>
    runBacktest({ strategy, params, data: d, initialCash: 10_000, fillModel });
  const before = (d: BacktestData) =>
    base.runBacktest({
      strategy: theirs,
      params,
      data: d,
      initialCash: 10_000,
      fillModel: base.fillModel as typeof fillModel,
    });
  for (let i = 0; i < 5; i++) {
    ours(input());
    before(theirInput());
  }
  const a: number[] = [];
  const b: number[] = [];
  let ra: BacktestResult | undefined;
  let rb: BacktestResult | undefined;
  // A B B A ...: neither side always runs right after the other's garbage.
  for (let i = 0; i < RUNS; i++) {
    const oursFirst = i % 2 === 0;
    const [c1, r1] = cpuOf(oursFirst ? ours : before);
    const [c2, r2] = cpuOf(oursFirst ? before : ours);
    a.push(oursFirst ? c1 : c2);
    b.push(oursFirst ? c2 : c1);
    ra = oursFirst ? r1 : r2;
    rb = oursFirst ? r2 : r1;
  }
  const steps = ra!.barSteps;
  const same =
    ra!.fills.length === rb!.fills.length &&
    ra!.fills.every(
      (f, i) =>
        f.time === rb!.fills[i]!.time && f.qty === rb!.fills[i]!.qty && f.price === rb!.fills[i]!.price,
    ) &&
    ra!.finalEquity === rb!.finalEquity;
  console.log(
    `  ${label}${first ? ', first run over a fresh copy of the bars,' : ', same bars again,'} side by side, ${RUNS} runs interleaved (load ${loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}): this checkout CPU median ${median(a).toFixed(1)} ms = ${m((steps / median(a)) * 1000)} ` +
      `bar-steps per CPU-second; baseline ${median(b).toFixed(1)} ms = ${m((steps / median(b)) * 1000)}; ` +
      `×${(median(b) / median(a)).toFixed(2)}; fills and final equity ${same ? 'identical' : 'DIFFER'}`,
  );
}

function measure(label: string, strategy: AnyStrategy, params: unknown, data: BacktestData): BacktestResult {
  const once = (): [number, number, BacktestResult] => {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const r = runBacktest({ strategy, params, data, initialCash: 10_000, fillModel });
    const wall = performance.now() - t0;
    const c = process.cpuUsage(c0);
    return [wall, (c.user + c.system) / 1000, r];
  };
  for (let i = 0; i < 5; i++) once(); // JIT warm-up
  const wall: number[] = [];
  const cpu: number[] = [];
  let r: BacktestResult | undefined;
  for (let i = 0; i < RUNS; i++) {
    const [w, c, res] = once();
    wall.push(w);
    cpu.push(c);
    r = res;
  }
  const steps = r!.barSteps;
  const best = Math.min(...wall);
  // Reading every client order id (computed when the order was planned, read through by the fill)
  // on a run of its own, as a report written from `r` does.
  const probe = once()[2];
  const t0 = performance.now();
  let chars = 0;
  for (const f of probe.fills) chars += f.clientOrderId.length;
  const idMs = performance.now() - t0;
  console.log(
    `${label}: ${steps} bar-steps, ${r!.fills.length} fills, ${RUNS} runs\n` +
      `  wall best ${best.toFixed(1)} ms = ${m((steps / best) * 1000)} bar-steps/s, ` +
      `median ${median(wall).toFixed(1)} ms = ${m((steps / median(wall)) * 1000)}/s; ` +
      `CPU median ${median(cpu).toFixed(1)} ms = ${m((steps / median(cpu)) * 1000)} bar-steps per CPU-second\n` +
      `  reading all ${r!.fills.length} client order ids afterwards: +${idMs.toFixed(1)} ms (${chars > 0 ? 'ok' : '-'})`,
  );
  return r!;
}

async function reportCost(label: string, result: BacktestResult, data: BacktestData): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'algotrader-report-bench-'));
  try {
    const metrics = computeMetrics(result);
    const t0 = performance.now();
    const w = await writeReport(dir, {
      result,
      metrics,
      data,
      run: { runId: 'bench', createdAt: Date.now(), dataSource: 'bench', fillModel },
    });
    const ms = performance.now() - t0;
    const kb = (f: string) => `${(statSync(f).size / 1024).toFixed(0)} kB`;
    console.log(
      `  report for ${label}: ${ms.toFixed(0)} ms (tearsheet ${kb(w.files.tearsheet)}, fills ${kb(w.files.fills)}, ` +
        `trades ${kb(w.files.trades)}, equity ${kb(w.files.equity)})`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

console.log(
  `backtest bench: load average ${loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')}`,
);
const btc: BacktestData = { timeframe: '1h', series: [await load('BTC')] };
const ten: BacktestData = { timeframe: '1h', series: await Promise.all(SYMBOLS.map(load)) };
if (SIDE_ONLY) {
  sideBySide('sma_cross', smaCross, { fast: 20, slow: 50 }, btc, true);
  sideBySide('xs_momentum', xsMomentum, {}, ten, true);
  sideBySide('sma_cross', smaCross, { fast: 20, slow: 50 }, btc);
  sideBySide('xs_momentum', xsMomentum, {}, ten);
} else {
  const sma = measure('sma_cross 20/50, BTC/USDT 1h 2017–2022', smaCross, { fast: 20, slow: 50 }, btc);
  sideBySide('sma_cross', smaCross, { fast: 20, slow: 50 }, btc);
  sideBySide('sma_cross', smaCross, { fast: 20, slow: 50 }, btc, true);
  // The same run with protective exits armed on every entry: the per-bar trigger check's cost.
  measure(
    'sma_cross 20/50 + stop 2% / take-profit 6% / trailing 3%, BTC/USDT 1h 2017–2022',
    smaCross,
    { fast: 20, slow: 50, exits: { stopLoss: 0.02, takeProfit: 0.06, trailingStop: 0.03 } },
    btc,
  );
  const xs = measure('xs_momentum 168/3/24, ten 1h symbols', xsMomentum, {}, ten);
  sideBySide('xs_momentum', xsMomentum, {}, ten);
  sideBySide('xs_momentum', xsMomentum, {}, ten, true);
  await reportCost('sma_cross on BTC', sma, btc);
  await reportCost('xs_momentum on ten symbols', xs, ten);
}
console.log(`peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
