/**
 * Perp backtest throughput through the real strategy API, data already in memory, one thread:
 * `sma_long_short` on the bundled OKX BTC-USDT-SWAP data (1h trade candles built into 4h, 4h mark
 * candles, 8-hourly funding), cross 3×; then the same run repeated over the data 8 times end to end
 * in time (a longer history of the same shape). Also the importer (CSV → hive Parquet via DuckDB).
 * Prints figures, asserts nothing.
 *
 *   npm run bench -- perp [--runs=20]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { aggregateBars, perpMetrics, runPerpBacktest } from '@algotrader/backtest';
import { type FundingSeries, okxSwapContract, type PriceCandles, parseInstrument } from '@algotrader/core';
import { PerpStore, readCsvBars, readFundingCsv, readPriceCandlesCsv } from '@algotrader/store';
import { smaLongShort } from '@algotrader/strategy';
import { bundledData } from '@algotrader/testkit';

const RUNS = Number(process.argv.find((a) => a.startsWith('--runs='))?.slice(7) ?? '20') || 20;
const SWAP = parseInstrument('OKX:BTC/USDT:USDT');
const contract = okxSwapContract(SWAP)!;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const files = {
  trades: bundledData('perp/okx_BTC-USDT-SWAP_1h_2024-2025.csv.gz'),
  mark: bundledData('perp/okx_BTC-USDT-SWAP_mark_4h_2024-2025.csv.gz'),
  funding: bundledData('perp/okx_BTC-USDT-SWAP_funding_8h_2024-2025.csv'),
};
const mark = readPriceCandlesCsv(files.mark);
const funding = readFundingCsv(files.funding);
const all = aggregateBars(await readCsvBars(files.trades), '1h', '4h');
const n = all.openTime.indexOf(mark.openTime[mark.openTime.length - 1]!) + 1;
const cut = (c: Float64Array) => c.slice(0, n);
const bars = {
  openTime: cut(all.openTime),
  open: cut(all.open),
  high: cut(all.high),
  low: cut(all.low),
  close: cut(all.close),
  volume: cut(all.volume),
};

/** The series repeated `k` times, shifted in time by its span each time (prices as they were). */
function repeat(k: number): { bars: typeof bars; mark: PriceCandles; funding: FundingSeries } {
  const span = bars.openTime[n - 1]! + 4 * 3_600_000 - bars.openTime[0]!;
  const tile = (c: Float64Array, shift: boolean) => {
    const out = new Float64Array(c.length * k);
    for (let j = 0; j < k; j++)
      for (let i = 0; i < c.length; i++) out[j * c.length + i] = c[i]! + (shift ? j * span : 0);
    return out;
  };
  const t = (c: Float64Array) => tile(c, false);
  const fIn = Array.from(funding.time).filter((x) => x < bars.openTime[0]! + span);
  const fr = funding.rate.slice(0, fIn.length);
  return {
    bars: {
      openTime: tile(bars.openTime, true),
      open: t(bars.open),
      high: t(bars.high),
      low: t(bars.low),
      close: t(bars.close),
      volume: t(bars.volume),
    },
    mark: {
      openTime: tile(mark.openTime, true),
      open: t(mark.open),
      high: t(mark.high),
      low: t(mark.low),
      close: t(mark.close),
    },
    funding: { time: tile(Float64Array.from(fIn), true), rate: t(fr) },
  };
}

function measure(label: string, k: number): void {
  const d = k === 1 ? { bars, mark, funding } : repeat(k);
  const once = () => {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const r = runPerpBacktest({
      strategy: smaLongShort,
      params: { fast: 10, slow: 30, exposure: 2 },
      timeframe: '4h',
      series: [{ contract, ...d, setting: { mode: 'cross', leverage: 3 } }],
      initialCash: 10_000,
    });
    const wall = performance.now() - t0;
    const c = process.cpuUsage(c0);
    return { wall, cpu: (c.user + c.system) / 1000, r };
  };
  for (let i = 0; i < 3; i++) once();
  const wall: number[] = [];
  const cpu: number[] = [];
  let last = once();
  for (let i = 0; i < RUNS; i++) {
    last = once();
    wall.push(last.wall);
    cpu.push(last.cpu);
  }
  const steps = d.bars.openTime.length;
  const m = perpMetrics(last.r);
  console.log(
    `${label}: ${steps} bars, ${last.r.fills.length} fills, ${last.r.funding.length} funding settlements, ${RUNS} runs\n` +
      `  wall median ${median(wall).toFixed(2)} ms = ${(((steps / median(wall)) * 1000) / 1e3).toFixed(0)}k bars/s; ` +
      `CPU median ${median(cpu).toFixed(2)} ms; funding ${m.funding.toFixed(2)}, fees ${m.feesPaid.toFixed(2)}, liquidation ${m.liquidationLoss.toFixed(2)}`,
  );
}

console.log(
  `perp bench: load average ${loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')}`,
);
measure('sma_long_short 10/30 2× on cross 3×, OKX BTC-USDT-SWAP 4h', 1);
measure('same, history tiled 8×', 8);

const dir = mkdtempSync(join(tmpdir(), 'algotrader-perp-bench-'));
try {
  const store = await PerpStore.open(dir);
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const rep = await store.importFiles({
    instrument: SWAP,
    trades: { path: files.trades, tf: '1h' },
    mark: { path: files.mark, tf: '4h' },
    funding: { path: files.funding },
  });
  const ms = performance.now() - t0;
  const c = process.cpuUsage(c0);
  store.close();
  console.log(
    `import (CSV → hive Parquet through DuckDB): ${rep.trades?.written} trade + ${rep.mark} mark + ${rep.funding} funding rows in ${ms.toFixed(0)} ms wall, ${((c.user + c.system) / 1000).toFixed(0)} ms CPU; ${rep.fundingGaps.length} funding gap reported`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
console.log(
  `load average after ${loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')}; peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`,
);
