import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { assertOneBasis, parseCnBars } from './import';
import { CN_DATASETS, type CnDataset, loadBundledCn } from './node';

const iso = (t: number) => new Date(t).toISOString().slice(0, 10);

describe('A-share importers', () => {
  test('every bundled file loads with the stated basis and row count', () => {
    const rows: Record<CnDataset, number> = {
      cn_600519_1d: 4071,
      cn_000300_1d: 4071,
      cn_688111_1d: 457,
      cn_300750_1d: 538,
      cn_688981_1d: 1337,
      cn_600519_1d_akshare_qfq_original: 1954,
    };
    for (const name of Object.keys(rows) as CnDataset[]) {
      const d = loadBundledCn(name);
      expect(d.bars.openTime.length, name).toBe(rows[name]);
      expect(d.basis).toBe(CN_DATASETS[name].basis);
    }
    const moutai = loadBundledCn('cn_600519_1d');
    expect(moutai.format).toBe('shared');
    // Suspended days are rows with volume 0 and OHLC = the previous close.
    let suspended = 0;
    for (let i = 1; i < moutai.bars.volume.length; i++) {
      if (moutai.bars.volume[i] === 0) {
        suspended++;
        expect(moutai.bars.open[i]).toBe(moutai.bars.close[i - 1]);
        expect(moutai.bars.high[i]).toBe(moutai.bars.close[i - 1]);
      }
    }
    expect(suspended).toBe(68);
  });

  test('volume is in shares everywhere: amount / volume sits inside the day range (688981 is read from lots)', () => {
    for (const name of ['cn_300750_1d', 'cn_688981_1d'] as const) {
      const { bars, amount } = loadBundledCn(name);
      const inside: number[] = [];
      for (let i = 0; i < amount.length; i++) {
        if (bars.volume[i]! > 0) inside.push(amount[i]! / bars.volume[i]! / bars.close[i]!);
      }
      inside.sort((a, b) => a - b);
      const median = inside[inside.length >> 1]!;
      expect(median, name).toBeGreaterThan(0.9);
      expect(median, name).toBeLessThan(1.1);
    }
  });

  test('the untouched AKShare export: BOM, Chinese header, close before high, volume in lots of 100', () => {
    const a = loadBundledCn('cn_600519_1d_akshare_qfq_original');
    expect(a.format).toBe('akshare');
    expect(a.code).toBe('600519');
    expect(iso(a.bars.openTime[0]!)).toBe('2018-01-02');
    // Row 2 of the file: 2018-01-02,600519,443.23,447.08,453.39,433.12,49612,3482407648.0,…
    expect([a.bars.open[0], a.bars.high[0], a.bars.low[0], a.bars.close[0]]).toEqual([
      443.23, 453.39, 433.12, 447.08,
    ]);
    expect(a.bars.volume[0]).toBe(4_961_200);
    expect(a.amount[0]).toBe(3_482_407_648);
  });

  test('AKShare qfq against the raw converted file: the same bars, shifted by the cash dividends paid since', () => {
    // Eastmoney/AKShare qfq subtracts the per-share cash dividends paid later (additive), so
    // raw − qfq is one constant for open, high, low and close of a day, and it steps only on
    // ex-dividend days. Volume agrees to the lot (AKShare rounds to 100 shares).
    const a = loadBundledCn('cn_600519_1d_akshare_qfq_original');
    const r = loadBundledCn('cn_600519_1d');
    const row = new Map<number, number>();
    r.bars.openTime.forEach((t, i) => {
      row.set(t, i);
    });
    const fen = (x: number) => Math.round(x * 100) / 100;
    const steps: [string, number][] = [];
    let common = 0;
    let prev = Number.NaN;
    for (let i = 0; i < a.bars.openTime.length; i++) {
      const j = row.get(a.bars.openTime[i]!);
      if (j === undefined) continue;
      common++;
      const d = fen(r.bars.close[j]! - a.bars.close[i]!);
      expect(fen(r.bars.open[j]! - a.bars.open[i]!)).toBe(d);
      expect(fen(r.bars.high[j]! - a.bars.high[i]!)).toBe(d);
      expect(fen(r.bars.low[j]! - a.bars.low[i]!)).toBe(d);
      expect(Math.abs(r.bars.volume[j]! - a.bars.volume[i]!)).toBeLessThan(100);
      if (!Number.isNaN(prev) && d !== prev) steps.push([iso(a.bars.openTime[i]!), fen(prev - d)]);
      prev = d;
    }
    expect(common).toBe(912); // 2018-01-02 → 2021-09-30
    // Moutai's ex-dividend days and cash dividends per share (CNY): 10.999, 14.539, 17.025, 19.293.
    expect(steps).toEqual([
      ['2018-06-15', 11],
      ['2019-06-28', 14.54],
      ['2020-06-24', 17.02],
      ['2021-06-25', 19.29],
    ]);
  });

  test('a malformed AKShare row is refused by file, line and column', () => {
    const file = new URL('../../../data/cn/cn_600519_1d_akshare_qfq_original.csv.gz', import.meta.url);
    const lines = gunzipSync(readFileSync(file)).toString('utf8').split('\n');
    const bad = (i: number, line: string) => [...lines.slice(0, i), line, ...lines.slice(i + 1)].join('\n');
    expect(lines[9]!.startsWith('2018-01-12,600519,')).toBe(true);
    expect(() =>
      parseCnBars(bad(9, lines[9]!.replace(/^([^,]*,[^,]*,[^,]*,)[^,]*/, '$1abc')), 'ak.csv', 'qfq'),
    ).toThrow('ak.csv:10: column 收盘: "abc" is not a number > 0');
    expect(() => parseCnBars(bad(9, '2018-01-12,600519,1,2'), 'ak.csv', 'qfq')).toThrow(
      'ak.csv:10: 4 fields, the header has 12',
    );
    expect(() => parseCnBars(bad(9, lines[9]!.replace('2018-01-12', '2018-01-05')), 'ak.csv', 'qfq')).toThrow(
      'ak.csv:10: column 日期: 2018-01-05 is not after the previous row',
    );
    expect(() => parseCnBars(bad(9, lines[9]!.replace('2018-01-12', '2018/01/12')), 'ak.csv', 'qfq')).toThrow(
      'ak.csv:10: column 日期: "2018/01/12" is not a date (YYYY-MM-DD)',
    );
    expect(() => parseCnBars(bad(9, lines[9]!.replace(',600519,', ',000001,')), 'ak.csv', 'qfq')).toThrow(
      'ak.csv:10: column 股票代码: "000001" after "600519": one stock per file',
    );
    // high below close: 最高 is the 5th column
    expect(() =>
      parseCnBars(bad(9, lines[9]!.replace(/^((?:[^,]*,){4})[^,]*/, '$11.5')), 'ak.csv', 'qfq'),
    ).toThrow(/ak\.csv:10: prices inconsistent: high 1\.5/);
    expect(() => parseCnBars('Date,Open,High,Low,Close,Volume\n', 'x.csv', 'raw')).toThrow(
      /x\.csv:1: unknown header "Date,Open,High,Low,Close,Volume": expected AKShare/,
    );
    expect(() => parseCnBars('日期,股票代码,开盘,收盘,最高,最低\n', 'x.csv', 'raw')).toThrow(
      'x.csv:1: akshare file without its column 成交量',
    );
  });

  test('a pandas index column before the AKShare header is ignored', () => {
    const t =
      ',日期,股票代码,开盘,收盘,最高,最低,成交量,成交额\n0,2018-01-02,600519,443.23,447.08,453.39,433.12,49612,3482407648.0\n';
    const a = parseCnBars(t, 'p.csv', 'qfq');
    expect(a.bars.close[0]).toBe(447.08);
  });

  test('Tushare daily layout: YYYYMMDD, newest first (read in reverse), vol in lots, amount in thousands', () => {
    // Moutai raw 2018-01-02/03 (the bundled raw file's prices) in Tushare's layout.
    const t = [
      'ts_code,trade_date,open,high,low,close,pre_close,change,pct_chg,vol,amount',
      '600519.SH,20180103,701.5,721.4,699.74,715.86,703.85,12.01,1.7063,52019.41,3712539.5',
      '600519.SH,20180102,700,710.16,689.89,703.85,697.49,6.36,0.9118,49612.48,3489782.3',
    ].join('\n');
    const b = parseCnBars(t, 'ts.csv', 'raw');
    expect(b.format).toBe('tushare');
    expect(b.reversed).toBe(true);
    expect(b.code).toBe('600519.SH');
    expect(Array.from(b.bars.openTime, iso)).toEqual(['2018-01-02', '2018-01-03']);
    expect(b.bars.close[1]).toBe(715.86);
    expect(b.bars.volume[0]).toBeCloseTo(4_961_248, 6);
    expect(b.amount[0]).toBeCloseTo(3_489_782_300, 3);
    const mixed = `${t}\n600519.SH,20180104,721,731,716,730,715.86,14,1.9,1,1`;
    expect(() => parseCnBars(mixed, 'ts.csv', 'raw')).toThrow(
      'ts.csv:4: column trade_date: 2018-01-04 is not before',
    );
  });

  test('raw and adjusted stock prices are never mixed silently; an index goes with either', () => {
    expect(() =>
      assertOneBasis([
        { name: 'cn_600519_1d', basis: 'raw' },
        { name: 'cn_000300_1d', basis: 'index' },
      ]),
    ).not.toThrow();
    expect(() =>
      assertOneBasis([
        { name: 'cn_600519_1d', basis: 'raw' },
        { name: 'cn_300750_1d', basis: 'qfq' },
      ]),
    ).toThrow('price bases differ: cn_600519_1d is raw, cn_300750_1d is qfq');
  });
});
