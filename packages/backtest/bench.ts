/**
 * Throughput of the backtest engine on real data held in memory. Prints figures, asserts nothing.
 *   npx tsx packages/backtest/bench.ts
 * Wall-clock figures suffer when the machine is shared; the CPU-time line is steadier.
 * A bar-step is one instrument bar processed (window moved, marks updated, strategy called, equity
 * booked). Loading and parsing the CSV files is not timed; validation of the data is.
 */
import { type AnyStrategy, smaCross, xsMomentum } from '@algotrader/strategy';
import { type BacktestData, type BacktestResult, runBacktest } from './src/index';
import { loadBinance1h, SYMBOLS_1H } from './test/ohlcv';

const fillModel = { fees: { maker: 0.0008, taker: 0.001 }, slippage: { kind: 'bps' as const, bps: 2 } };

function measure(
  label: string,
  strategy: AnyStrategy,
  params: unknown,
  data: BacktestData,
  runs: number,
): void {
  const once = (): [number, number, BacktestResult] => {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const r = runBacktest({ strategy, params, data, initialCash: 10_000, fillModel });
    const wall = performance.now() - t0;
    const c = process.cpuUsage(c0);
    return [wall, (c.user + c.system) / 1000, r];
  };
  for (let i = 0; i < 5; i++) once(); // JIT warm-up
  const ms: number[] = [];
  const cpu: number[] = [];
  let last: BacktestResult | undefined;
  for (let i = 0; i < runs; i++) {
    const [t, c, r] = once();
    ms.push(t);
    cpu.push(c);
    last = r;
  }
  ms.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  const r = last!;
  const best = ms[0]!;
  const median = ms[Math.floor(ms.length / 2)]!;
  const steps = r.barSteps;
  const times = r.equity.time.length;
  // Client order ids are computed on first read (core's BigInt hash costs ~15 µs each); time it.
  const t0 = performance.now();
  let chars = 0;
  for (const f of r.fills) chars += f.clientOrderId.length;
  const idMs = performance.now() - t0;
  const f = (x: number) => `${(x / 1e6).toFixed(2)}M`;
  console.log(
    `${label}: ${steps} bar-steps (${times} close times, ${r.fills.length} fills, ${r.trades.length} trades)\n` +
      `  best ${best.toFixed(1)} ms = ${f((steps / best) * 1000)} bar-steps/s; ` +
      `median ${median.toFixed(1)} ms = ${f((steps / median) * 1000)} bar-steps/s ` +
      `(${f((times / median) * 1000)} close times/s)\n` +
      `  process CPU time (all threads, incl. GC helpers), median ${cpu[Math.floor(cpu.length / 2)]!.toFixed(1)} ms = ` +
      `${f((steps / cpu[Math.floor(cpu.length / 2)]!) * 1000)} bar-steps per CPU-second\n` +
      `  reading all ${r.fills.length} client order ids afterwards: +${idMs.toFixed(1)} ms (${chars > 0 ? 'ok' : '-'})`,
  );
}

const btc: BacktestData = { timeframe: '1h', series: [loadBinance1h('BTC')] };
const ten: BacktestData = { timeframe: '1h', series: SYMBOLS_1H.map((s) => loadBinance1h(s)) };

const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;
console.log(
  `node ${process.version}, ${process.arch}; RSS after loading the CSVs ${mb(process.memoryUsage().rss)}`,
);
measure('sma_cross (20/50) BTC/USDT 1h 2017-2022', smaCross, {}, btc, 30);
measure('xs_momentum (168/top 3/every 24) 10 symbols 1h', xsMomentum, {}, ten, 10);
console.log(`peak RSS ${mb(process.resourceUsage().maxRSS * 1024)} (includes gunzip + CSV parsing)`);
