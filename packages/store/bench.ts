/**
 * Parquet store figures: write and read throughput, time to load 1M bars of one symbol into typed
 * arrays, bytes per bar on disk, live-style one-bar appends. Prints figures; never fails on timing.
 *
 *   npx tsx packages/store/bench.ts [bars=1000000]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseInstrument, timeframeMs } from '@algotrader/core';
import { syntheticBars } from '@algotrader/testkit';
import { ParquetStore, readCsvBars, validateBars } from './src/index';

const N = Number(process.argv[2] ?? 1_000_000);
const REAL = path.resolve(import.meta.dirname, '../../data/ohlcv/binance_BTC-USDT_1h_2017-2022.csv.gz');
const BTC = parseInstrument('OKX:BTC/USDT');
const ETH = parseInstrument('OKX:ETH/USDT');

async function time<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t = performance.now();
  const out = await fn();
  return [out, (performance.now() - t) / 1000];
}

const fmt = (x: number, digits = 0) => x.toLocaleString('en-US', { maximumFractionDigits: digits });
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;

const root = mkdtempSync(path.join(os.tmpdir(), 'store-bench-'));
const store = await ParquetStore.open(root);
try {
  const bars = syntheticBars(N, Date.UTC(2023, 0, 1));

  const [w, writeS] = await time(() => store.append(BTC, '1m', bars));
  const [again, reS] = await time(() => store.append(BTC, '1m', bars));

  const reads: number[] = [];
  let loaded = 0;
  for (let k = 0; k < 5; k++) {
    const [cols, s] = await time(() => store.read(BTC, '1m'));
    loaded = cols.openTime.length;
    reads.push(s);
  }
  const [month, monthS] = await time(() =>
    store.read(BTC, '1m', { from: Date.UTC(2023, 5, 1), to: Date.UTC(2023, 6, 1) }),
  );
  const info = (await store.list()).find((s) => s.tf === '1m')!;

  // Live-style: one closed bar at a time onto the end of the series.
  const liveStart = Date.UTC(2023, 0, 1) + N * timeframeMs('1m');
  const live = syntheticBars(200, liveStart);
  const liveTimes: number[] = [];
  for (let i = 0; i < 200; i++) {
    const one = {
      openTime: live.openTime.subarray(i, i + 1),
      open: live.open.subarray(i, i + 1),
      high: live.high.subarray(i, i + 1),
      low: live.low.subarray(i, i + 1),
      close: live.close.subarray(i, i + 1),
      volume: live.volume.subarray(i, i + 1),
    };
    liveTimes.push((await time(() => store.append(BTC, '1m', one)))[1]);
  }

  const [real, csvS] = await time(() => readCsvBars(REAL));
  const [, realWriteS] = await time(() => store.append(ETH, '1h', real));
  const realInfo = (await store.list()).find((s) => s.tf === '1h')!;
  const [, validateS] = await time(async () => validateBars(bars, '1m'));
  const [, gapsS] = await time(() => store.gaps(BTC, '1m'));

  const rows: [string, string][] = [
    ['synthetic 1m bars', fmt(N)],
    [
      'append (new store)',
      `${fmt(writeS, 2)} s  = ${fmt(w.written / writeS)} rows/s  (${w.partitions.length} partitions)`,
    ],
    [
      're-append (all duplicates)',
      `${fmt(reS, 2)} s  = ${fmt(N / reS)} rows/s checked, ${again.written} written`,
    ],
    [
      `read all ${fmt(loaded)} bars -> Float64Array`,
      `median ${fmt(median(reads) * 1000)} ms, best ${fmt(Math.min(...reads) * 1000)} ms  = ${fmt(loaded / median(reads))} rows/s`,
    ],
    ['read one month (43,200 bars)', `${fmt(monthS * 1000, 1)} ms (${fmt(month.openTime.length)} rows)`],
    [
      'bytes per bar on disk (1m synthetic)',
      `${fmt(info.bytes / info.rows, 1)} B  (${fmt(info.bytes / 1e6, 1)} MB)`,
    ],
    [
      'bytes per bar on disk (real BTC 1h)',
      `${fmt(realInfo.bytes / realInfo.rows, 1)} B  (${fmt(realInfo.rows)} bars)`,
    ],
    [
      'live append, 1 bar (200 calls)',
      `median ${fmt(median(liveTimes) * 1000, 1)} ms, max ${fmt(Math.max(...liveTimes) * 1000, 1)} ms (auto-compaction included)`,
    ],
    [
      'import real CSV.gz (45,024 rows)',
      `${fmt(csvS * 1000)} ms; append ${fmt(realWriteS * 1000)} ms (63 partitions)`,
    ],
    ['validateBars 1M bars', `${fmt(validateS * 1000)} ms`],
    ['gaps() over 1M bars', `${fmt(gapsS * 1000)} ms`],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  console.log(`@algotrader/store bench (node ${process.version}, ${os.cpus().length} cpus)`);
  for (const [k, v] of rows) console.log(`  ${k.padEnd(width)}  ${v}`);
} finally {
  await store.close();
  rmSync(root, { recursive: true, force: true });
}
