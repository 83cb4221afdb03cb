import { copyFileSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  type Bar,
  type BarColumns,
  closeTimeOf,
  ErrorCode,
  emptyColumns,
  isAlgoError,
  parseInstrument,
  type Timeframe,
  timeframeMs,
} from '@algotrader/core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readCsvBars } from './importers';
import { type AppendResult, ParquetStore } from './parquet-store';
import { validateBars } from './quality';

const DATA = path.resolve(import.meta.dirname, '../../../data/ohlcv');
const BTC = parseInstrument('OKX:BTC/USDT');
const ETH = parseInstrument('OKX:ETH/USDT');
const H = timeframeMs('1h');
const JUL = Date.UTC(2024, 6, 1);

function tempRoot(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'store-test-'));
}

/** Synthetic bars on the grid; values derive from the open time so any two runs agree exactly. */
function synth(start: number, n: number, tf: Timeframe = '1h'): BarColumns {
  const cols = emptyColumns(n);
  for (let i = 0; i < n; i++) {
    const t = start + i * timeframeMs(tf);
    const p = 100 + ((t / timeframeMs(tf)) % 97) / 10;
    cols.openTime[i] = t;
    cols.open[i] = p;
    cols.high[i] = p + 1;
    cols.low[i] = p - 1;
    cols.close[i] = p + 0.5;
    cols.volume[i] = 1 + (i % 5);
  }
  return cols;
}

function concat(...parts: BarColumns[]): BarColumns {
  const n = parts.reduce((k, p) => k + p.openTime.length, 0);
  const out = emptyColumns(n);
  let at = 0;
  for (const p of parts) {
    for (const name of ['openTime', 'open', 'high', 'low', 'close', 'volume'] as const)
      out[name].set(p[name], at);
    at += p.openTime.length;
  }
  return out;
}

function plain(cols: BarColumns) {
  return {
    openTime: [...cols.openTime],
    open: [...cols.open],
    high: [...cols.high],
    low: [...cols.low],
    close: [...cols.close],
    volume: [...cols.volume],
  };
}

/** Every file under the root, relative, with the temp files marked by their suffix. */
function files(root: string): string[] {
  return (readdirSync(root, { recursive: true }) as string[])
    .filter((f) => f.endsWith('.parquet') || f.endsWith('.tmp'))
    .sort();
}

async function caught(p: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await p;
  } catch (e) {
    if (isAlgoError(e)) return e;
    throw e;
  }
  throw new Error('expected the call to fail');
}

describe('ParquetStore with the real Binance BTC 1h 2017-2022 file', () => {
  let root: string;
  let store: ParquetStore;
  let real: BarColumns;
  let first: AppendResult;

  beforeAll(async () => {
    root = tempRoot();
    store = await ParquetStore.open(root);
    real = await readCsvBars(path.join(DATA, 'binance_BTC-USDT_1h_2017-2022.csv.gz'));
    first = await store.append(BTC, '1h', real);
  });
  afterAll(async () => {
    await store.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('round-trips every bar exactly', async () => {
    expect(first).toMatchObject({ written: 45_024, duplicates: 0, conflicts: 0 });
    const back = await store.read(BTC, '1h');
    expect(back.openTime).toBeInstanceOf(Float64Array);
    expect(plain(back)).toEqual(plain(real));
  });

  it('writes one hive partition per UTC month of open time', () => {
    // 2017-08 .. 2022-10 inclusive.
    expect(first.partitions.length).toBe(63);
    expect(first.partitions[0]).toBe('ohlcv/venue=okx/symbol=BTC-USDT/tf=1h/year=2017/month=08');
    expect(first.partitions.at(-1)).toBe('ohlcv/venue=okx/symbol=BTC-USDT/tf=1h/year=2022/month=10');
    const all = files(root);
    expect(all.length).toBe(63);
    for (const f of all) {
      expect(f).toMatch(
        /^ohlcv\/venue=okx\/symbol=BTC-USDT\/tf=1h\/year=20\d\d\/month=(0[1-9]|1[0-2])\/part-[\w-]+\.parquet$/,
      );
    }
  });

  it('writes nothing when the same bars are appended again', async () => {
    const before = files(root);
    const again = await store.append(BTC, '1h', real);
    expect(again).toEqual({
      written: 0,
      duplicates: 45_024,
      conflicts: 0,
      conflictOpenTimes: [],
      partitions: [],
      compacted: 0,
    });
    expect(files(root)).toEqual(before);
    expect((await store.read(BTC, '1h')).openTime.length).toBe(45_024);
  });

  it('reports the real gaps, the same ones the quality check finds', async () => {
    const gaps = await store.gaps(BTC, '1h');
    expect(gaps).toEqual(validateBars(real, '1h').gaps);
    expect(gaps.length).toBe(27);
    expect(gaps[0]).toEqual({
      fromOpen: Date.UTC(2017, 8, 6, 17),
      toOpen: Date.UTC(2017, 8, 6, 22),
      missingBars: 6,
    });
  });

  it('lists the series with its extent, rows and missing slots', async () => {
    const [info, ...rest] = await store.list();
    expect(rest).toEqual([]);
    expect(info).toMatchObject({
      instrument: BTC,
      tf: '1h',
      firstOpen: real.openTime[0],
      lastOpen: real.openTime[45_023],
      rows: 45_024,
      gaps: 127,
      partitions: 63,
      files: 63,
    });
    expect(info!.bytes).toBeGreaterThan(0);
  });

  it('reads a half-open [from, to) window', async () => {
    const from = Date.UTC(2020, 2, 12, 0);
    const to = Date.UTC(2020, 2, 13, 0);
    const day = await store.read(BTC, '1h', { from, to });
    expect(day.openTime.length).toBe(24);
    expect(day.openTime[0]).toBe(from);
    expect(day.openTime[23]).toBe(to - H);
    expect(await store.lastOpenTime(BTC, '1h')).toBe(Date.UTC(2022, 9, 11, 10));
  });

  it('answers SQL over the whole store through the ohlcv view', async () => {
    const res = await store.sql(
      `SELECT venue, symbol, tf, year, month, count(*) AS n, max(high) AS top
       FROM ohlcv WHERE year = 2021 GROUP BY ALL ORDER BY month LIMIT 2`,
    );
    expect(res.columns).toEqual(['venue', 'symbol', 'tf', 'year', 'month', 'n', 'top']);
    expect(res.types).toEqual(['VARCHAR', 'VARCHAR', 'VARCHAR', 'INTEGER', 'INTEGER', 'BIGINT', 'DOUBLE']);
    const inJan = [...real.openTime].filter((t) => t >= Date.UTC(2021, 0, 1) && t < Date.UTC(2021, 1, 1));
    expect(res.rows[0]!.slice(0, 6)).toEqual(['okx', 'BTC-USDT', '1h', 2021, 1, inJan.length]);
    expect(res.truncated).toBe(false);
  });
});

describe('ParquetStore merge, compaction and safety', () => {
  let root: string;
  let store: ParquetStore;

  beforeEach(async () => {
    root = tempRoot();
    store = await ParquetStore.open(root, { compactAboveFiles: Number.POSITIVE_INFINITY });
  });
  afterEach(async () => {
    await store.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('keeps the stored row on a conflict, reports it, and still writes the new rows', async () => {
    await store.append(BTC, '1h', synth(JUL, 48));
    const update = synth(JUL + 40 * H, 16); // 8 stored + 8 new
    update.close[1] = update.close[1]! + 1; // differs from the stored bar at JUL + 41h
    update.volume[3] = 999; // and at JUL + 43h
    const res = await store.append(BTC, '1h', update);
    expect(res).toMatchObject({ written: 8, duplicates: 6, conflicts: 2 });
    expect(res.conflictOpenTimes).toEqual([JUL + 41 * H, JUL + 43 * H]);
    const back = await store.read(BTC, '1h');
    expect(back.openTime.length).toBe(56);
    expect(back.close[41]).toBe(synth(JUL, 48).close[41]);
    expect(back.volume[43]).toBe(synth(JUL, 48).volume[43]);
  });

  it('dedupes within one batch: first occurrence wins, later differing copies are conflicts', async () => {
    const a = synth(JUL, 3);
    const b = synth(JUL, 3);
    b.close[2] = 1;
    const res = await store.append(BTC, '1h', concat(a, b));
    expect(res).toMatchObject({ written: 3, duplicates: 2, conflicts: 1, conflictOpenTimes: [JUL + 2 * H] });
    expect((await store.read(BTC, '1h')).close[2]).toBe(a.close[2]);
  });

  it('accepts Bar objects and refuses bars of another series', async () => {
    const bars: Bar[] = [0, 1, 2].map((i) => ({
      instrument: BTC,
      tf: '1h',
      openTime: JUL + i * H,
      closeTime: closeTimeOf(JUL + i * H, '1h'),
      open: 1,
      high: 2,
      low: 0.5,
      close: 1.5,
      volume: 3,
    }));
    expect((await store.append(BTC, '1h', bars)).written).toBe(3);
    const err = await caught(store.append(ETH, '1h', bars));
    expect(err.code).toBe(ErrorCode.InvalidArgument);
  });

  it('refuses a whole batch holding NaN or an off-grid open time, writing nothing', async () => {
    const nan = synth(JUL, 10);
    nan.high[7] = Number.NaN;
    const e1 = await caught(store.append(BTC, '1h', nan));
    expect(e1.code).toBe(ErrorCode.InvalidBar);
    expect(e1.message).toMatch(/row 7 .*non-finite/);
    const off = synth(JUL, 10);
    off.openTime[4] = off.openTime[4]! + 1000;
    expect((await caught(store.append(BTC, '1h', off))).message).toMatch(/row 4 .*grid/);
    expect(files(root)).toEqual([]);
    expect(await store.lastOpenTime(BTC, '1h')).toBeUndefined();
  });

  it('keeps reads ascending after backfilling a hole, and finds holes in a synthetic series', async () => {
    const head = synth(JUL, 100);
    const tail = synth(JUL + 110 * H, 50);
    await store.append(BTC, '1h', tail);
    await store.append(BTC, '1h', head); // older bars land in a newer file of the same partition
    expect(await store.gaps(BTC, '1h')).toEqual([
      { fromOpen: JUL + 100 * H, toOpen: JUL + 109 * H, missingBars: 10 },
    ]);
    const back = await store.read(BTC, '1h');
    expect(plain(back)).toEqual(plain(concat(head, tail)));
    // A window starting inside the hole clips it; edges also reports the uncovered ends.
    expect(await store.gaps(BTC, '1h', { from: JUL + 105 * H, to: JUL + 200 * H })).toEqual([
      { fromOpen: JUL + 105 * H, toOpen: JUL + 109 * H, missingBars: 5 },
    ]);
    expect(await store.gaps(BTC, '1h', { from: JUL - 2 * H, to: JUL + 200 * H, edges: true })).toEqual([
      { fromOpen: JUL - 2 * H, toOpen: JUL - H, missingBars: 2 },
      { fromOpen: JUL + 100 * H, toOpen: JUL + 109 * H, missingBars: 10 },
      { fromOpen: JUL + 160 * H, toOpen: JUL + 199 * H, missingBars: 40 },
    ]);
    const hole = synth(JUL + 100 * H, 10);
    expect((await store.append(BTC, '1h', hole)).written).toBe(10);
    expect(await store.gaps(BTC, '1h')).toEqual([]);
    expect((await store.list())[0]).toMatchObject({ rows: 160, gaps: 0, files: 3 });
  });

  it('compacts many small files into one per partition, keeping every row', async () => {
    // Ten live-style batches into July, two into August.
    for (let k = 0; k < 10; k++) await store.append(BTC, '1h', synth(JUL + k * 24 * H, 24));
    const aug = Date.UTC(2024, 7, 1);
    await store.append(BTC, '1h', synth(aug, 5));
    await store.append(BTC, '1h', synth(aug + 5 * H, 5));
    await store.append(ETH, '1h', synth(JUL, 5));
    const before = await store.read(BTC, '1h');
    expect(files(root).length).toBe(13);

    const res = await store.compact(BTC, '1h');
    expect(res).toEqual({ partitions: 2, filesBefore: 12, filesAfter: 2, rows: 250 });
    expect(files(root).length).toBe(3); // ETH untouched
    expect(plain(await store.read(BTC, '1h'))).toEqual(plain(before));
    expect(files(root).filter((f) => f.includes('month=07') && f.includes('BTC'))).toHaveLength(1);
    expect((await store.compact()).partitions).toBe(0); // nothing left to do
  });

  it('compacts a partition automatically once it holds more than compactAboveFiles files', async () => {
    const auto = await ParquetStore.open(root, { compactAboveFiles: 3 });
    try {
      const results: AppendResult[] = [];
      for (let k = 0; k < 4; k++) results.push(await auto.append(BTC, '1h', synth(JUL + k * H, 1)));
      expect(results.map((r) => r.compacted)).toEqual([0, 0, 0, 1]);
      expect(files(root)).toHaveLength(1);
      expect((await auto.read(BTC, '1h')).openTime.length).toBe(4);
    } finally {
      await auto.close();
    }
  });

  it('ignores temp files of an interrupted write and drops copies left by an interrupted compaction', async () => {
    const res = await store.append(BTC, '1h', synth(JUL, 24));
    const dir = path.join(root, res.partitions[0]!);
    const [only] = readdirSync(dir);
    // A writer that died mid-COPY leaves a temp file; a compaction that died before deleting the
    // old files leaves an identical second copy.
    writeFileSync(path.join(dir, '.part-crashed.parquet.tmp'), 'half a file');
    copyFileSync(path.join(dir, only!), path.join(dir, 'part-9999999999999-copy.parquet'));

    const back = await store.read(BTC, '1h');
    expect(plain(back)).toEqual(plain(synth(JUL, 24)));
    expect((await store.list())[0]).toMatchObject({ rows: 24, gaps: 0, files: 2 });
    expect((await store.sql('SELECT count(DISTINCT open_time) AS n FROM ohlcv')).rows).toEqual([[24]]);
    expect((await store.append(BTC, '1h', synth(JUL, 24))).duplicates).toBe(24);
    expect(await store.compact()).toMatchObject({ partitions: 1, filesBefore: 2, filesAfter: 1, rows: 24 });
    expect((await store.sql('SELECT count(*) AS n FROM ohlcv')).rows).toEqual([[24]]);
  });

  it('leaves no temp file behind after appends and compaction', async () => {
    await store.append(BTC, '1h', synth(JUL, 100));
    await store.append(BTC, '1h', synth(JUL + 100 * H, 100));
    await store.compact();
    expect(files(root).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('runs only single read-only SQL statements, and works on an empty store', async () => {
    expect((await store.sql('SELECT count(*) AS n FROM ohlcv')).rows).toEqual([[0]]);
    await store.append(BTC, '1h', synth(JUL, 30));
    const limited = await store.sql('SELECT open_time FROM ohlcv ORDER BY open_time', { maxRows: 10 });
    expect(limited.rows.length).toBe(10);
    expect(limited.rows[0]).toEqual([JUL]);
    expect(limited.truncated).toBe(true);
    for (const q of [
      `COPY (SELECT 1) TO '${path.join(root, 'x.csv')}'`,
      'CREATE TABLE t AS SELECT 1',
      'SELECT 1; SELECT 2',
      'DROP VIEW ohlcv',
    ]) {
      expect((await caught(store.sql(q))).code).toBe(ErrorCode.InvalidArgument);
    }
    expect((await caught(store.sql('SELECT nope FROM ohlcv'))).message).toMatch(/sql: .*nope/);
  });

  it('refuses hostile SQL: no file is written, no file outside the dataset is read, no setting is undone', async () => {
    await store.append(BTC, '1h', synth(JUL, 30));
    const before = files(root);
    // A directory beside the store, and a Parquet file in it (a "foreign" file to read or plant).
    const outside = mkdtempSync(path.join(os.tmpdir(), 'store-outside-'));
    try {
      const foreign = path.join(outside, 'foreign.parquet');
      const writer = await ParquetStore.open(path.join(outside, 'w'));
      await writer.append(ETH, '1h', synth(JUL, 3));
      const written = files(path.join(outside, 'w')).find((f) => f.endsWith('.parquet'))!;
      copyFileSync(path.join(outside, 'w', written), foreign);
      await writer.close();
      const partition = path.join(root, path.dirname(before[0]!));
      const q = (x: string) => `'${x.replace(/'/g, "''")}'`;
      const hostile = [
        // the issue's attacks: EXPLAIN ANALYZE runs what it explains
        `EXPLAIN ANALYZE COPY (SELECT 42) TO ${q(path.join(outside, 'pwned.csv'))}`,
        `explain analyze copy (select * from ohlcv) to ${q(path.join(partition, 'part-0-evil.parquet'))} (FORMAT parquet)`,
        `/* first */ EXPLAIN ANALYZE COPY (SELECT 42) TO ${q(path.join(outside, 'pwned2.csv'))}`,
        `EXPLAIN (FORMAT json) COPY (SELECT 42) TO ${q(path.join(outside, 'pwned3.csv'))}`,
        `COPY (SELECT 42) TO ${q(path.join(partition, 'part-1-evil.parquet'))}`,
        `EXPORT DATABASE ${q(path.join(outside, 'export'))}`,
        `ATTACH ${q(path.join(outside, 'x.duckdb'))} AS x`,
        'CREATE TABLE t AS SELECT 1',
        'INSTALL httpfs',
        'LOAD httpfs',
        'SET enable_external_access = true',
        "SET allowed_directories = ['/']",
        'RESET lock_configuration',
        // reads outside the store's dataset directory
        "SELECT * FROM read_csv('/etc/passwd', sep = ':')",
        "SELECT * FROM read_text('/etc/passwd')",
        "SELECT * FROM read_blob('/etc/hostname')",
        "SELECT * FROM glob('/etc/*')",
        "SELECT * FROM sniff_csv('/etc/passwd')",
        "SELECT * FROM '/etc/passwd'",
        "SELECT * FROM read_csv('/proc/self/environ')",
        `SELECT * FROM read_parquet(${q(foreign)})`,
        `SELECT * FROM read_parquet(${q(`${path.join(root, 'ohlcv')}/../../${path.basename(outside)}/foreign.parquet`)})`,
        "SELECT * FROM read_parquet('https://example.com/x.parquet')",
        "SELECT * FROM query('COPY (SELECT 1) TO ''/tmp/pwned-by-query.csv''')",
      ];
      const ran: string[] = [];
      for (const h of hostile) {
        try {
          await store.sql(h);
          ran.push(h);
        } catch (e) {
          if (!isAlgoError(e) || e.code !== ErrorCode.InvalidArgument) throw e;
        }
      }
      expect(ran).toEqual([]);
      // Nothing was written anywhere, and the store reads and writes as before.
      expect(readdirSync(outside).sort()).toEqual(['foreign.parquet', 'w']);
      expect(files(root)).toEqual(before);
      expect((await store.sql('SELECT count(*) FROM ohlcv')).rows).toEqual([[30]]);
      expect((await store.append(BTC, '1h', synth(JUL + 30 * H, 2))).written).toBe(2);
      expect((await store.list())[0]).toMatchObject({ rows: 32, gaps: 0 });
      // The legitimate path: queries and plans over the store, a store file read by its path.
      expect((await store.sql('EXPLAIN SELECT count(*) FROM ohlcv')).rows.length).toBeGreaterThan(0);
      expect((await store.sql('EXPLAIN ANALYZE SELECT count(*) FROM ohlcv')).rows.length).toBeGreaterThan(0);
      const own = path.join(root, before[0]!);
      expect((await store.sql(`SELECT count(*) FROM read_parquet(${q(own)})`)).rows).toEqual([[30]]);
      expect((await store.sql('SELECT count(*) FROM ohlcv')).rows).toEqual([[32]]);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it('gives lastOpenTime for resuming, and undefined for an unknown series', async () => {
    expect(await store.lastOpenTime(BTC, '1h')).toBeUndefined();
    await store.append(BTC, '1h', synth(JUL, 24 * 45)); // into August
    expect(await store.lastOpenTime(BTC, '1h')).toBe(JUL + (24 * 45 - 1) * H);
    expect(await store.lastOpenTime(BTC, '4h')).toBeUndefined();
  });

  it('fails calls after close', async () => {
    const other = await ParquetStore.open(root);
    await other.close();
    await expect(other.read(BTC, '1h')).rejects.toThrow(/closed/);
  });
});
