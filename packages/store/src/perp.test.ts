import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ErrorCode, isAlgoError, parseInstrument } from '@algotrader/core';
import { afterAll, describe, expect, it } from 'vitest';
import { ParquetStore } from './parquet-store';
import { fundingSeriesDir, PerpStore, priceSeriesDir, readFundingCsv, readPriceCandlesCsv } from './perp';

const PERP = path.resolve(import.meta.dirname, '../../../data/perp');
const SWAP = parseInstrument('OKX:BTC/USDT:USDT');
const dir = mkdtempSync(path.join(os.tmpdir(), 'store-perp-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string): string {
  const p = path.join(dir, name);
  writeFileSync(p, content);
  return p;
}

function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (isAlgoError(e, ErrorCode.InvalidData)) return e.message;
    throw e;
  }
  return 'no error';
}

describe('perp importer', () => {
  it('imports the bundled OKX BTC swap files into hive datasets and reports the funding gap', async () => {
    const root = path.join(dir, 'store');
    const store = await PerpStore.open(root);
    try {
      const report = await store.importFiles({
        instrument: SWAP,
        trades: { path: path.join(PERP, 'okx_BTC-USDT-SWAP_1h_2024-2025.csv.gz'), tf: '1h' },
        mark: { path: path.join(PERP, 'okx_BTC-USDT-SWAP_mark_4h_2024-2025.csv.gz'), tf: '4h' },
        funding: { path: path.join(PERP, 'okx_BTC-USDT-SWAP_funding_8h_2024-2025.csv') },
      });
      expect(report.trades).toEqual({ written: 6712, duplicates: 0, conflicts: 0 });
      expect(report.mark).toBe(1677);
      expect(report.funding).toBe(818);
      // The README's gap: no settlements from 2025-01-02 00:00 to 2025-01-09 08:00, 21 missing.
      expect(report.fundingGaps).toEqual([
        { after: Date.UTC(2025, 0, 2, 0), before: Date.UTC(2025, 0, 9, 8), missing: 21 },
      ]);
      const fdir = fundingSeriesDir(root, SWAP);
      expect(fdir).toContain(path.join('funding', 'venue=okx', 'symbol=BTC-USDT-SWAP'));
      expect(readdirSync(fdir).sort()).toEqual(['year=2024', 'year=2025']);
      expect(existsSync(path.join(priceSeriesDir(root, 'mark', SWAP, '4h'), 'year=2024', 'month=08'))).toBe(
        true,
      );

      const f = await store.readFunding(SWAP, { from: Date.UTC(2024, 7, 21), to: Date.UTC(2024, 7, 22) });
      expect(Array.from(f.time)).toEqual([0, 8, 16].map((h) => Date.UTC(2024, 7, 21, h)));
      const csv = readFundingCsv(path.join(PERP, 'okx_BTC-USDT-SWAP_funding_8h_2024-2025.csv'));
      const k = csv.time.indexOf(Date.UTC(2024, 7, 21, 0));
      expect(Array.from(f.rate)).toEqual(Array.from(csv.rate.slice(k, k + 3)));

      const mark = await store.readPriceCandles('mark', SWAP, '4h');
      expect(mark.openTime.length).toBe(1677);
      expect(mark.openTime[0]).toBe(1724169600000);
      // The trade candles live in ohlcv/ under the swap's own symbol, beside spot.
      const ohlcv = await ParquetStore.open(root);
      try {
        expect((await ohlcv.list()).map((s) => `${s.instrument.settle}:${s.tf}:${s.rows}`)).toEqual([
          'USDT:1h:6712',
        ]);
      } finally {
        await ohlcv.close();
      }
      // Importing again replaces the series rather than doubling it.
      await store.importFiles({
        instrument: SWAP,
        funding: { path: path.join(PERP, 'okx_BTC-USDT-SWAP_funding_8h_2024-2025.csv') },
      });
      expect((await store.readFunding(SWAP)).time.length).toBe(818);
    } finally {
      store.close();
    }
  });

  it('refuses a non-finite funding rate, naming the file and line', () => {
    const p = file('bad-funding.csv', 'ts,rate\n1724169600000,0.0001\n1724198400000,NaN\n');
    expect(errorOf(() => readFundingCsv(p))).toBe(`${p}:3: funding rate "NaN" is not a finite number`);
    const q = file('empty-rate.csv', 'ts,rate\n1724169600000,\n');
    expect(errorOf(() => readFundingCsv(q))).toMatch(/:2: funding rate "" is not a finite number/);
    const r = file('unordered.csv', 'ts,rate\n1724198400000,0.0001\n1724169600000,0.0001\n');
    expect(errorOf(() => readFundingCsv(r))).toMatch(/row 2: settlement time 1724169600000 is not after/);
  });

  it('refuses a mark candle whose low and high do not bound it', () => {
    const p = file('bad-mark.csv', 'ts,open,high,low,close\n1724169600000,100,99,98,99\n');
    expect(errorOf(() => readPriceCandlesCsv(p))).toMatch(/row 1: low 98 \/ high 99 do not bound open 100/);
  });
});
