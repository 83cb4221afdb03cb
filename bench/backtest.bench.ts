/**
 * Backtest throughput through the real strategy API, data already in memory, one thread:
 * `sma_cross` on BTC/USDT 1h 2017–2022 (45k bars) and `xs_momentum` on the ten shared 1h symbols;
 * then the cost of writing a run's report (summary, three Parquet files, tearsheet).
 * Prints figures, asserts nothing. Wall-clock figures suffer on a shared machine; CPU time is steadier.
 *
 *   npm run bench -- backtest [--runs=20]
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
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
  // Client order ids are computed on first read (core's BigInt hash costs ~15 µs each); time it on
  // a run of its own, so the report written from `r` still pays for them as a real run's would.
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
const sma = measure('sma_cross 20/50, BTC/USDT 1h 2017–2022', smaCross, { fast: 20, slow: 50 }, btc);
// The same run with protective exits armed on every entry: the per-bar trigger check's cost.
measure(
  'sma_cross 20/50 + stop 2% / take-profit 6% / trailing 3%, BTC/USDT 1h 2017–2022',
  smaCross,
  { fast: 20, slow: 50, exits: { stopLoss: 0.02, takeProfit: 0.06, trailingStop: 0.03 } },
  btc,
);
const ten: BacktestData = { timeframe: '1h', series: await Promise.all(SYMBOLS.map(load)) };
const xs = measure('xs_momentum 168/3/24, ten 1h symbols', xsMomentum, {}, ten);
await reportCost('sma_cross on BTC', sma, btc);
await reportCost('xs_momentum on ten symbols', xs, ten);
console.log(`peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
