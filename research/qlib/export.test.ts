import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { type BarColumns, type Instrument, parseInstrument, type Timeframe } from '@algotrader/core';
import { ParquetStore, readCsvBars } from '@algotrader/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSessionCalendar } from './calendar-file';
import { exportQlib } from './export';

const FIX = join(import.meta.dirname, '..', 'fixtures');
const FIELDS = ['open', 'high', 'low', 'close', 'volume'] as const;

// --- An independent reader of Qlib's layout (what file_storage.py does), sharing no code with the exporter.
function readLines(path: string): string[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.length > 0);
}
function readBin(path: string): { start: number; values: number[] } {
  const buf = readFileSync(path);
  expect(buf.length % 4).toBe(0);
  const values: number[] = [];
  for (let o = 4; o < buf.length; o += 4) values.push(buf.readFloatLE(o));
  return { start: buf.readFloatLE(0), values };
}
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const hour = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');

/** Every value of every field, and the calendar position of every bar, against the store's bars. */
function checkInstrument(
  dir: string,
  freq: string,
  name: string,
  bars: BarColumns,
  calendar: string[],
  fmt: (ms: number) => string,
): { missing: string[] } {
  const line = readLines(join(dir, 'instruments', 'all.txt')).find((l) => l.split('\t')[0] === name);
  expect(line, `${name} in instruments/all.txt`).toBeDefined();
  const n = bars.openTime.length;
  expect(line!.split('\t')).toEqual([name, fmt(bars.openTime[0]!), fmt(bars.openTime[n - 1]!)]);
  const byTime = new Map<string, number>();
  for (let i = 0; i < n; i++) byTime.set(fmt(bars.openTime[i]!), i);
  const first = calendar.indexOf(fmt(bars.openTime[0]!));
  const last = calendar.indexOf(fmt(bars.openTime[n - 1]!));
  expect(first).toBeGreaterThanOrEqual(0);
  const missing: string[] = [];
  for (const field of FIELDS) {
    const bin = readBin(join(dir, 'features', name.toLowerCase(), `${field}.${freq}.bin`));
    expect(bin.start, `${name} ${field} start index`).toBe(first);
    expect(bin.values.length).toBe(last - first + 1);
    for (let j = 0; j < bin.values.length; j++) {
      const at = calendar[first + j]!;
      const i = byTime.get(at);
      if (i === undefined) {
        expect(bin.values[j], `${name} ${field} ${at} has no bar`).toBeNaN();
        if (field === 'close') missing.push(at);
      } else {
        // float32 is Qlib's storage type: the stored value is the store's value rounded to float32.
        expect(bin.values[j], `${name} ${field} ${at}`).toBe(Math.fround(bars[field][i]!));
      }
    }
  }
  // Every stored bar landed on the calendar.
  for (const t of byTime.keys()) expect(calendar).toContain(t);
  return { missing };
}

let root: string;
let store: ParquetStore;

async function storeFixture(file: string, inst: Instrument, tf: Timeframe): Promise<BarColumns> {
  await store.append(inst, tf, await readCsvBars(file));
  return store.read(inst, tf);
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'qlib-export-'));
  store = await ParquetStore.open(join(root, 'store'), { threads: 1 });
});
afterAll(async () => {
  await store.close();
  rmSync(root, { recursive: true, force: true });
});

describe('Qlib export', () => {
  it('writes A-share daily bars on the SSE calendar: holidays absent, every value back from the .bin files', async () => {
    const universe = [
      ['sse_600519-CNY', 'SSE:600519/CNY', 'SH600519'],
      ['sse_000300-CNY', 'SSE:000300/CNY', 'SH000300'],
      ['sse_688111-CNY', 'SSE:688111/CNY', 'SH688111'],
      ['szse_300750-CNY', 'SZSE:300750/CNY', 'SZ300750'],
    ] as const;
    const series = [];
    for (const [file, text] of universe) {
      const inst = parseInstrument(text);
      const bars = await storeFixture(join(FIX, 'cn', `${file}_1d_2019H2-2020.csv.gz`), inst, '1d');
      series.push({ instrument: inst, bars });
    }
    const calFile = join(FIX, 'calendars', 'cn_sse_trading_calendar_2019H2-2020.csv.gz');
    const out = join(root, 'cn');
    const summary = exportQlib(series, {
      outDir: out,
      freq: 'day',
      calendar: { kind: 'sessions', openTimes: await readSessionCalendar(calFile) },
      market: 'demo',
    });
    expect(summary.instruments.map((i) => i.name)).toEqual(universe.map((u) => u[2]));

    // The calendar is exactly the SSE open days the data spans (read here from the CSV by hand).
    const sse = gunzipSync(readFileSync(calFile))
      .toString('utf8')
      .split('\n')
      .slice(1)
      .filter((l) => l.endsWith(',1'))
      .map((l) => l.split(',')[0]!);
    const calendar = readLines(join(out, 'calendars', 'day.txt'));
    const allBars = series.flatMap((s) => [...s.bars.openTime].map(day)).sort();
    expect(calendar).toEqual(sse.filter((d) => d >= allBars[0]! && d <= allBars[allBars.length - 1]!));
    for (const holiday of ['2019-10-01', '2019-10-07', '2020-01-24', '2020-01-31', '2020-05-01']) {
      expect(calendar).not.toContain(holiday);
    }
    expect(calendar).toContain('2020-02-03');

    for (const [k, [, , name]] of universe.entries()) {
      const { missing } = checkInstrument(out, 'day', name, series[k]!.bars, calendar, day);
      // Suspended A-share days are rows (volume 0), so nothing inside a listed span is missing.
      expect(missing).toEqual([]);
    }
    // STAR listing 2019-11-18: its files start at that day's calendar index, not 0.
    expect(readBin(join(out, 'features', 'sh688111', 'close.day.bin')).start).toBe(
      calendar.indexOf('2019-11-18'),
    );
    expect(readLines(join(out, 'instruments', 'demo.txt'))).toEqual(
      readLines(join(out, 'instruments', 'all.txt')),
    );
    expect(existsSync(join(out, 'features', 'sh600519', 'factor.day.bin'))).toBe(false);
  });

  it('writes a crypto pair on a 24/7 hourly grid with NaN for the exchange outage hours', async () => {
    const btc = parseInstrument('BINANCE:BTC/USDT');
    const eth = parseInstrument('BINANCE:ETH/USDT');
    const series = [
      {
        instrument: btc,
        bars: await storeFixture(
          join(FIX, 'crypto', 'binance_BTC-USDT_1h_2021-09-15_2021-10-15.csv.gz'),
          btc,
          '1h',
        ),
      },
      {
        instrument: eth,
        bars: await storeFixture(
          join(FIX, 'crypto', 'binance_ETH-USDT_1h_2021-09-15_2021-10-15.csv.gz'),
          eth,
          '1h',
        ),
      },
    ];
    const out = join(root, 'crypto');
    exportQlib(series, { outDir: out, freq: '60min', calendar: { kind: 'grid' } });
    const calendar = readLines(join(out, 'calendars', '60min.txt'));
    expect(calendar[0]).toBe('2021-09-15 00:00:00');
    expect(calendar[calendar.length - 1]).toBe('2021-10-14 23:00:00');
    expect(calendar.length).toBe(30 * 24);
    for (let i = 1; i < calendar.length; i++) {
      expect(
        Date.parse(`${calendar[i]!.replace(' ', 'T')}Z`) -
          Date.parse(`${calendar[i - 1]!.replace(' ', 'T')}Z`),
      ).toBe(3_600_000);
    }
    const { missing } = checkInstrument(out, '60min', 'BTCUSDT', series[0]!.bars, calendar, hour);
    // Binance's outage of 2021-09-29: the bars after 06:00 resume at 09:00.
    expect(missing).toEqual(['2021-09-29 07:00:00', '2021-09-29 08:00:00']);
    checkInstrument(out, '60min', 'ETHUSDT', series[1]!.bars, calendar, hour);
  });

  it('writes a US stock on the NYSE session list: market holidays absent', async () => {
    const spy = parseInstrument('NYSE:SPY/USD');
    const bars = await storeFixture(join(FIX, 'us', 'nyse_SPY-USD_1d_2020-2021.csv.gz'), spy, '1d');
    const calFile = join(FIX, 'calendars', 'us_nyse_sessions_2020-2021.csv.gz');
    const out = join(root, 'us');
    exportQlib([{ instrument: spy, bars }], {
      outDir: out,
      freq: 'day',
      calendar: { kind: 'sessions', openTimes: await readSessionCalendar(calFile) },
    });
    const sessions = gunzipSync(readFileSync(calFile))
      .toString('utf8')
      .split('\n')
      .slice(1)
      .filter((l) => l !== '')
      .map((l) => l.split(',')[0]!);
    const calendar = readLines(join(out, 'calendars', 'day.txt'));
    expect(calendar).toEqual(sessions);
    // New Year, MLK day, Good Friday, Independence Day (observed), Thanksgiving, Christmas.
    for (const h of ['2020-01-01', '2020-01-20', '2020-04-10', '2020-07-03', '2020-11-26', '2020-12-25']) {
      expect(calendar).not.toContain(h);
    }
    const { missing } = checkInstrument(out, 'day', 'SPY', bars, calendar, day);
    expect(missing).toEqual([]);
  });

  it('refuses a bar on a day the session calendar has closed, and an existing export', async () => {
    const inst = parseInstrument('SSE:600519/CNY');
    const bars = await store.read(inst, '1d');
    const sessions = [...bars.openTime].filter((t) => day(t) !== '2020-06-01');
    const out = join(root, 'bad');
    expect(() =>
      exportQlib([{ instrument: inst, bars }], {
        outDir: out,
        freq: 'day',
        calendar: { kind: 'sessions', openTimes: sessions },
      }),
    ).toThrow(/2020-06-01.*not in the calendar/);
    const ok = join(root, 'twice');
    exportQlib([{ instrument: inst, bars }], { outDir: ok, freq: 'day', calendar: { kind: 'union' } });
    expect(() =>
      exportQlib([{ instrument: inst, bars }], { outDir: ok, freq: 'day', calendar: { kind: 'union' } }),
    ).toThrow(/exists/);
  });
});
