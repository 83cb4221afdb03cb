/**
 * Backfill of one year of 15m bars (the shared real BTC/USDT 2024-2025 file, 35,110 bars) from the
 * local OKX server through ccxt with its real rate limiter on: requests per second against the
 * limit ccxt enforces (OKX `rateLimit` 110 ms per cost unit; `history-candles` costs 1, so at most
 * 1000 / 110 = 9.09 requests/s). Two runs: the fetch loop alone (bars into memory), then the same
 * loop writing each window into a Parquet store through the archiver's write path, to show whether
 * storage slows the loop below the limiter. Prints figures only; nothing fails on timing.
 *
 * `npx tsx bench/backfill.bench.ts [--fetch-only]`
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  ArchiveWriter,
  type BarSink,
  backfillSeries,
  createOkx,
  MemoryAlertSink,
  newCollectorCounters,
  OkxMarketData,
  StoreBarSink,
} from '@algotrader/collector';
import { parseInstrument, SimulatedClock } from '@algotrader/core';
import { ParquetStore, readCsvBars } from '@algotrader/store';
import { bundledData, OkxServer } from '@algotrader/testkit';

const FETCH_ONLY = process.argv.includes('--fetch-only');
const BTC = parseInstrument('OKX:BTC/USDT');
const CANDLE_PATHS = ['/api/v5/market/history-candles', '/api/v5/market/candles'];

const cols = await readCsvBars(bundledData('ohlcv/binance_BTC-USDT_15m_2024-2025.csv.gz'));
const first = cols.openTime[0]!;
const last = cols.openTime[cols.openTime.length - 1]!;
// The exchange's "now": the last candle is forming, so a year of closed 15m bars is on offer.
const clock = new SimulatedClock(last + 5 * 60_000);
const okx = await OkxServer.start({ clock });
okx.setSeries('BTC-USDT', '15m', cols);

const exchange = createOkx({ restUrl: okx.url, enableRateLimit: true });
const rateLimitMs = exchange.rateLimit ?? 110;
const limitPerS = 1000 / rateLimitMs;
console.log(
  `data: ${cols.openTime.length} bars ${new Date(first).toISOString().slice(0, 10)} → ${new Date(last).toISOString().slice(0, 10)}; ` +
    `ccxt okx rateLimit ${rateLimitMs.toFixed(0)} ms/cost unit, history-candles cost 1 → limit ${limitPerS.toFixed(2)} req/s`,
);

async function run(label: string, sink: BarSink): Promise<void> {
  const md = new OkxMarketData(exchange);
  const counters = newCollectorCounters();
  const before = okx.requests.length;
  const t0 = performance.now();
  const report = await backfillSeries(BTC, '15m', {
    md,
    clock,
    sink,
    alerts: new MemoryAlertSink(),
    since: first,
    counters,
  });
  const seconds = (performance.now() - t0) / 1000;
  const reqs = okx.requests.slice(before).filter((r) => CANDLE_PATHS.includes(r.path));
  const recent = reqs.filter((r) => r.path.endsWith('/candles')).length;
  // The limit compared against is the one for cost-1 history-candles requests (candles cost 1/2).
  const hist = reqs.filter((r) => r.path.endsWith('/history-candles'));
  const gaps = hist.slice(1).map((r, i) => r.atMs - hist[i]!.atMs);
  gaps.sort((a, b) => a - b);
  const q = (p: number) => gaps[Math.min(gaps.length - 1, Math.floor(p * gaps.length))] ?? 0;
  const span = hist.length > 1 ? (hist[hist.length - 1]!.atMs - hist[0]!.atMs) / 1000 : seconds;
  const steady = (hist.length - 1) / span;
  console.log(`\n${label}`);
  console.log(
    `  ${report.bars} bars in ${report.requests} requests (${reqs.length - recent} history-candles, ${recent} candles for the newest 1,440 bars) in ${seconds.toFixed(2)} s: ` +
      `${(report.bars / seconds).toFixed(0)} bars/s`,
  );
  console.log(
    `  requests/s: ${(report.requests / seconds).toFixed(2)} overall, ${steady.toFixed(2)} over the history-candles run ` +
      `= ${((steady / limitPerS) * 100).toFixed(1)}% of the ${limitPerS.toFixed(2)} req/s ccxt allows`,
  );
  console.log(
    `  gap between requests: min ${q(0)} ms, median ${q(0.5)} ms, p95 ${q(0.95)} ms, max ${gaps[gaps.length - 1] ?? 0} ms ` +
      `(limiter: ${rateLimitMs.toFixed(0)} ms per cost unit)`,
  );
  console.log(`  retries ${counters.retries}, gaps ${report.gaps.length}, rejects ${report.rejects.length}`);
}

const memory: BarSink = { write: async () => {}, lastOpenTime: async () => undefined };
await run('fetch loop only (bars into memory):', memory);

if (!FETCH_ONLY) {
  const dir = mkdtempSync(join(tmpdir(), 'algotrader-bench-backfill-'));
  const store = await ParquetStore.open(dir);
  try {
    await run(
      'fetch loop + Parquet store (archiver write path, one append per 300-bar window):',
      new StoreBarSink(new ArchiveWriter(store, new MemoryAlertSink())),
    );
    const [info] = await store.list();
    console.log(`  stored ${info?.rows} rows in ${info?.files} files, ${info?.bytes} bytes`);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
await okx.stop();
