import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { type AlgoError, ErrorCode, isAlgoError } from '@algotrader/core';
import { afterAll, describe, expect, it } from 'vitest';
import { readCsvBars, readFreqtradeJson } from './importers';

const DATA = path.resolve(import.meta.dirname, '../../../data/ohlcv');
const dir = mkdtempSync(path.join(os.tmpdir(), 'store-importers-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string | Buffer): string {
  const p = path.join(dir, name);
  writeFileSync(p, content);
  return p;
}

async function caught(p: Promise<unknown>): Promise<AlgoError> {
  try {
    await p;
  } catch (e) {
    if (isAlgoError(e)) return e;
    throw e;
  }
  throw new Error('expected the import to fail');
}

describe('readCsvBars', () => {
  it('reads the real gzip BTC 1h file: every row, first and last values exact', async () => {
    const cols = await readCsvBars(path.join(DATA, 'binance_BTC-USDT_1h_2017-2022.csv.gz'));
    expect(cols.openTime.length).toBe(45_024);
    expect([
      cols.openTime[0],
      cols.open[0],
      cols.high[0],
      cols.low[0],
      cols.close[0],
      cols.volume[0],
    ]).toEqual([1502942400000, 4261.48, 4313.62, 4261.32, 4308.83, 47.181009]);
    expect(cols.openTime[45_023]).toBe(Date.UTC(2022, 9, 11, 10));
    expect(cols.close[45_023]).toBe(19093.63);
  });

  it('reads plain CSV with CRLF, columns in any order, and ISO timestamps read as UTC', async () => {
    const p = file(
      'iso.csv',
      'date,close,open,high,low,volume\r\n' +
        '2024-07-10T00:00:00Z,2,1,3,0.5,10\r\n' +
        '2024-07-10 01:00:00,3,2,4,1.5,11\r\n' +
        '2024-07-10T02:00:00+02:00,4,3,5,2.5,12\r\n' +
        '\r\n',
    );
    const cols = await readCsvBars(p);
    expect([...cols.openTime]).toEqual([
      Date.UTC(2024, 6, 10, 0),
      Date.UTC(2024, 6, 10, 1),
      Date.UTC(2024, 6, 10, 0),
    ]);
    expect([...cols.open]).toEqual([1, 2, 3]);
    expect([...cols.close]).toEqual([2, 3, 4]);
  });

  it('names the file and the line of a malformed row (gzip)', async () => {
    const lines = [
      'ts,open,high,low,close,volume',
      '1720569600000,1,2,0.5,1.5,10',
      '1720573200000,1,2,oops,1.5,10',
    ];
    const p = file('bad.csv.gz', gzipSync(lines.join('\n')));
    const err = await caught(readCsvBars(p));
    expect(err.code).toBe(ErrorCode.InvalidData);
    expect(err.message).toContain(`${p}:3:`);
    expect(err.message).toContain('bad low "oops"');
    expect(err.details).toMatchObject({ path: p, line: 3 });
  });

  it('refuses a row with a missing field, an empty value, a bad timestamp or NaN', async () => {
    const header = 'ts,open,high,low,close,volume\n';
    const ok = '1720569600000,1,2,0.5,1.5,10\n';
    const cases: [string, RegExp][] = [
      ['1720573200000,1,2,0.5,1.5\n', /:3: expected 6 fields, got 5/],
      ['1720573200000,1,2,,1.5,10\n', /:3: bad low ""/],
      ['yesterday,1,2,0.5,1.5,10\n', /:3: bad timestamp "yesterday"/],
      ['1720573200000,1,2,0.5,NaN,10\n', /:3: bad close "NaN"/],
      ['1720573200000,0x10,2,0.5,1.5,10\n', /:3: bad open "0x10"/],
    ];
    for (const [i, [row, message]] of cases.entries()) {
      const err = await caught(readCsvBars(file(`case${i}.csv`, header + ok + row)));
      expect(err.message).toMatch(message);
    }
  });

  it('reads gzip of several members (the last trailer states only its own size), a BOM, blank lines and no final newline', async () => {
    const head = '\uFEFFts,open,high,low,close,volume\n1000,1,2,0.5,1.5,10\n\n';
    const tail = '2000,1.5,2,1,2,20';
    // The last member's size is a hint for the output buffer only: too small must not cut the rows.
    const members = Buffer.concat([gzipSync(head), gzipSync(tail)]);
    const expected = { openTime: [1000, 2000], close: [1.5, 2], volume: [10, 20] };
    for (const [name, content] of [
      ['plain.csv', head + tail],
      ['one.csv.gz', gzipSync(head + tail)],
      ['members.csv.gz', members],
    ] as const) {
      const cols = await readCsvBars(file(name, content));
      expect(
        { openTime: [...cols.openTime], close: [...cols.close], volume: [...cols.volume] },
        name,
      ).toEqual(expected);
    }
    const lying = Buffer.from(gzipSync(head + tail));
    lying.writeUInt32LE(3, lying.length - 4);
    expect((await caught(readCsvBars(file('lying.csv.gz', lying)))).message).toMatch(/corrupt gzip/);
  });

  it('refuses a header without the OHLCV columns', async () => {
    const err = await caught(readCsvBars(file('hdr.csv', 'time,o,h,l,c,v\n1,1,1,1,1,1\n')));
    expect(err.message).toMatch(/hdr\.csv:1: header/);
  });

  it('reports a missing file as not found', async () => {
    const err = await caught(readCsvBars(path.join(dir, 'nope.csv')));
    expect(err.code).toBe(ErrorCode.NotFound);
  });
});

describe('readFreqtradeJson', () => {
  it("reads freqtrade's [[ts, o, h, l, c, v], ...] format, plain and gzip", async () => {
    const rows = [
      [1720569600000, 58050.0, 58050.0, 57422.94, 57486.37, 714.34882],
      [1720573200000, 57486.38, 58000.01, 57309.09, 57798.89, 954.09973],
    ];
    for (const p of [
      file('ft.json', JSON.stringify(rows)),
      file('ft.json.gz', gzipSync(JSON.stringify(rows))),
    ]) {
      const cols = await readFreqtradeJson(p);
      expect([...cols.openTime]).toEqual([1720569600000, 1720573200000]);
      expect([...cols.low]).toEqual([57422.94, 57309.09]);
      expect([...cols.volume]).toEqual([714.34882, 954.09973]);
    }
  });

  it('names the file, line and row of a malformed row', async () => {
    const text = '[\n  [1720569600000, 1, 2, 0.5, 1.5, 10],\n  [1720573200000, 1, 2, 0.5, null, 10]\n]\n';
    const p = file('bad.json', text);
    const err = await caught(readFreqtradeJson(p));
    expect(err.code).toBe(ErrorCode.InvalidData);
    expect(err.message).toContain(`${p}:3: row 2: bad close null`);
  });

  it('locates the bad row on a single-line file too, and refuses short rows and non-arrays', async () => {
    const one = file('one.json', '[[1720569600000,1,2,0.5,1.5,10],[1720573200000,1,2]]');
    expect((await caught(readFreqtradeJson(one))).message).toContain(
      ':1: row 2: expected an array of 6 values',
    );
    const obj = file('obj.json', '{"a": 1}');
    expect((await caught(readFreqtradeJson(obj))).message).toMatch(/expected a JSON array/);
    const broken = file('broken.json', '[[1,2,3');
    expect((await caught(readFreqtradeJson(broken))).message).toMatch(/not valid JSON/);
  });
});
