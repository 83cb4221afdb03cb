import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ArchiveWriter,
  backfillSeries,
  createOkx,
  MemoryAlertSink,
  newCollectorCounters,
  OkxMarketData,
  StoreBarSink,
} from '@algotrader/collector';
import { type BarColumns, parseInstrument, SimulatedClock } from '@algotrader/core';
import { ParquetStore, readCsvBars } from '@algotrader/store';
import { bundledData, OkxServer } from '@algotrader/testkit';
import { beforeAll, describe, expect, test } from 'vitest';
import { cleanupStack } from './helpers/cleanup';
import { between } from './helpers/fixtures';

const BTC = parseInstrument('OKX:BTC/USDT');
const H1 = 60 * 60_000;
const HISTORY = '/api/v5/market/history-candles';
const FAST = { attempts: 3, baseMs: 5, maxMs: 20 };
const FROM = Date.UTC(2021, 0, 1);
const TO = Date.UTC(2021, 0, 20);

const cleanup = cleanupStack();
let btc1h: BarColumns;

function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'algotrader-mdloss-'));
  cleanup.push(() => rmSync(d, { recursive: true, force: true }));
  return d;
}

async function startOkx(): Promise<OkxServer> {
  const s = await OkxServer.start({ clock: new SimulatedClock(Date.UTC(2021, 6, 1)) });
  cleanup.push(() => s.stop());
  s.setSeries('BTC-USDT', '1h', between(btc1h, FROM, TO));
  return s;
}

async function openStore(dir: string): Promise<ParquetStore> {
  const store = await ParquetStore.open(dir);
  cleanup.push(() => store.close());
  return store;
}

beforeAll(async () => {
  btc1h = await readCsvBars(bundledData('ohlcv/binance_BTC-USDT_1h_2017-2022.csv.gz'));
});

describe('collector: an empty or short page is asked again before it is believed', () => {
  test('one transient empty page, then a short one: no hole, the re-ask counted', async () => {
    const okx = await startOkx();
    // The very first page of the range (no bar stored before it: the case that used to lose the
    // window silently) comes back empty once, and the re-ask comes back with one row only.
    okx.inject({ kind: 'empty', path: HISTORY });
    okx.inject({ kind: 'short', path: HISTORY });
    const store = await openStore(tempDir());
    const alerts = new MemoryAlertSink();
    const counters = newCollectorCounters();
    const report = await backfillSeries(BTC, '1h', {
      md: new OkxMarketData(createOkx({ restUrl: okx.url, enableRateLimit: false })),
      clock: new SimulatedClock(Date.UTC(2021, 6, 1)),
      sink: new StoreBarSink(new ArchiveWriter(store, alerts)),
      alerts,
      since: FROM,
      until: TO,
      retry: FAST,
      counters,
    });
    expect(okx.count(HISTORY, 'empty')).toBe(1);
    expect(okx.count(HISTORY, 'short')).toBe(1);
    expect(report.gaps).toEqual([]);
    expect(counters.pagesReasked).toBe(1);
    expect(counters.reaskRecovered).toBe(1);
    const stored = await store.read(BTC, '1h');
    expect(Array.from(stored.openTime)).toEqual(Array.from(between(btc1h, FROM, TO).openTime));
  });
});
