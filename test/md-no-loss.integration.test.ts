import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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
import { runData } from '../apps/cli/src/commands/data';
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

describe('algotrader data backfill --repair', () => {
  test('refills a recorded exchange gap and a bar rejected earlier; a plain re-run does not', async () => {
    const okx = await startOkx();
    const holeFrom = Date.UTC(2021, 0, 5, 4);
    const bad = Date.UTC(2021, 0, 12, 9);
    okx.removeCandles('BTC-USDT', '1h', holeFrom, holeFrom + 3 * H1);
    okx.patchCandle('BTC-USDT', '1h', bad, { high: '1' });
    const dir = tempDir();
    const out: string[] = [];
    const io = {
      env: { OKX_REST_URL: okx.url, ALGOTRADER_DATA_DIR: dir },
      out: (l: string) => out.push(l),
      err: (l: string) => out.push(l),
    };
    const run = (...extra: string[]) =>
      runData(
        [
          'backfill',
          '--symbols',
          'BTC/USDT',
          '--tf',
          '1h',
          '--since',
          '2021-01-01',
          '--to',
          '2021-01-20',
          '--quiet',
          ...extra,
        ],
        io,
      );
    expect(await run()).toBe(0);
    expect(out.join('\n')).toMatch(/1 gap\(s\).*1 rejected \(ohlc_inconsistent: 1/);
    // The exchange has the bars again (its own gap was transient; the bad tick was corrected).
    okx.setSeries('BTC-USDT', '1h', between(btc1h, FROM, TO));
    expect(await run()).toBe(0);
    const holes = [
      { fromOpen: holeFrom, toOpen: holeFrom + 3 * H1, missingBars: 4 },
      { fromOpen: bad, toOpen: bad, missingBars: 1 },
    ];
    const store = await openStore(dir);
    expect(await store.gaps(BTC, '1h')).toEqual(holes);
    await store.close();

    out.length = 0;
    const asked = okx.requests.length;
    expect(await run('--repair')).toBe(0);
    expect(out.join('\n')).toMatch(/repair: 2 hole\(s\) \(5 bars\).* before, 0 hole\(s\) \(0 bars\) after/);
    // Only the holes were asked for, not the whole range again.
    expect(okx.requests.length - asked).toBeLessThanOrEqual(4);
    const repaired = await openStore(dir);
    expect(await repaired.gaps(BTC, '1h')).toEqual([]);
    const stored = await repaired.read(BTC, '1h');
    expect(Array.from(stored.openTime)).toEqual(Array.from(between(btc1h, FROM, TO).openTime));
  });
});

describe('algotrader data import keeps file order and names every refused row', () => {
  test('out-of-order, in-file conflict, negative volume: refused by file and line; gaps and store conflicts printed', async () => {
    const dir = tempDir();
    const t = (h: number) => Date.UTC(2022, 0, 1, h);
    const row = (h: number, close = 100, vol = 5) => `${t(h)},100,110,90,${close},${vol}`;
    const file = join(dir, 'bars.csv');
    writeFileSync(
      file,
      [
        'ts,open,high,low,close,volume', // line 1
        row(0), // 2
        row(1), // 3
        row(3), // 4
        row(2), // 5: older than the row before it
        row(4), // 6
        row(4, 101), // 7: same time as line 6, other values
        row(5), // 8
        row(5), // 9: an exact repeat, harmless
        row(6, 100, -1), // 10: negative volume
        row(7), // 11
      ].join('\n'),
    );
    const out: string[] = [];
    const io = {
      env: { ALGOTRADER_DATA_DIR: join(dir, 'store') },
      out: (l: string) => out.push(l),
      err: (l: string) => out.push(l),
    };
    const run = (f: string) => runData(['import', f, '--symbol', 'OKX:BTC/USDT', '--tf', '1h'], io);
    expect(await run(file)).toBe(1);
    const text = out.join('\n');
    expect(text).toContain(`rejected ${file}:5: 2022-01-01 02:00 not_monotonic`);
    expect(text).toContain(`rejected ${file}:10: 2022-01-01 06:00 negative_volume`);
    expect(text).toContain(`conflict ${file}:6, 7: 2022-01-01 04:00`);
    expect(text).toMatch(/gaps in the file: 3 \(3 missing bars\)/);
    const store = await openStore(join(dir, 'store'));
    const stored = await store.read(BTC, '1h');
    // Kept in file order: lines 2, 3, 4, 8, 11; nothing sorted into place, no conflict resolved by a guess.
    expect(Array.from(stored.openTime)).toEqual([t(0), t(1), t(3), t(5), t(7)]);
    await store.close();

    // A second file disagreeing with what is stored: reported as a conflict with the store, by time.
    out.length = 0;
    const other = join(dir, 'other.csv');
    writeFileSync(other, ['ts,open,high,low,close,volume', row(0, 105), row(1)].join('\n'));
    expect(await run(other)).toBe(0);
    expect(out.join('\n')).toContain('conflicts with the store (stored rows kept): 2022-01-01 00:00');
  });
});
