import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseInstrument } from '@algotrader/core';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseScoreCsv, readScores, toTopkScores } from './scores';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'qlib-scores-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const universe = ['SSE:600519/CNY', 'SZSE:300750/CNY', 'BINANCE:BTC/USDT'].map((s) => parseInstrument(s));

// What `pred.to_csv("pred.csv")` writes for Qlib's prediction frame (index datetime, instrument; NaN empty).
const CSV = `datetime,instrument,score
2020-01-02,SH600519,0.0123
2020-01-02,SZ300750,-0.004
2020-01-03,SH600519,
2020-01-03,SZ300750,1e-3
`;

describe('Qlib score import', () => {
  it('reads the CSV a Qlib workflow writes and maps the names to the universe', async () => {
    const path = join(dir, 'pred.csv');
    writeFileSync(path, CSV);
    const rows = await readScores(path);
    expect(rows).toEqual([
      { time: Date.UTC(2020, 0, 2), instrument: 'SH600519', score: 0.0123 },
      { time: Date.UTC(2020, 0, 2), instrument: 'SZ300750', score: -0.004 },
      { time: Date.UTC(2020, 0, 3), instrument: 'SH600519', score: Number.NaN },
      { time: Date.UTC(2020, 0, 3), instrument: 'SZ300750', score: 0.001 },
    ]);
    const { rows: mapped } = toTopkScores(rows, universe);
    expect(mapped[0]).toEqual({ time: Date.UTC(2020, 0, 2), instrument: 'SSE:600519/CNY', score: 0.0123 });
    expect(mapped[1]!.instrument).toBe('SZSE:300750/CNY');
    expect(mapped[2]!.score).toBeNull();
  });

  it('reads Parquet with a timestamp datetime column (pred.reset_index().to_parquet())', async () => {
    const path = join(dir, 'pred.parquet');
    const db = await DuckDBInstance.create(':memory:');
    const con = await db.connect();
    await con.run(
      `COPY (SELECT * FROM (VALUES
         (TIMESTAMP '2021-09-15 01:00:00', 'BTCUSDT', 0.5),
         (TIMESTAMP '2021-09-15 02:00:00', 'BTCUSDT', CAST('NaN' AS DOUBLE)),
         (TIMESTAMP '2021-09-15 03:00:00', 'BTCUSDT', NULL)) t(datetime, instrument, score))
       TO '${path}' (FORMAT parquet)`,
    );
    con.closeSync();
    db.closeSync();
    const rows = await readScores(path);
    expect(rows).toEqual([
      { time: Date.UTC(2021, 8, 15, 1), instrument: 'BTCUSDT', score: 0.5 },
      { time: Date.UTC(2021, 8, 15, 2), instrument: 'BTCUSDT', score: Number.NaN },
      { time: Date.UTC(2021, 8, 15, 3), instrument: 'BTCUSDT', score: Number.NaN },
    ]);
    expect(toTopkScores(rows, universe).rows[0]!.instrument).toBe('BINANCE:BTC/USDT');
  });

  it('refuses duplicates, bad cells, missing columns and names outside the universe', async () => {
    expect(() => parseScoreCsv(`${CSV}2020-01-02,SH600519,0.5\n`, 'dup.csv')).toThrow(
      /two scores for SH600519/,
    );
    expect(() => parseScoreCsv('datetime,instrument,score\n2020-02-31,SH600519,1\n', 'd.csv')).toThrow(
      /d\.csv:2: bad datetime "2020-02-31"/,
    );
    expect(() => parseScoreCsv('datetime,instrument,score\n2020-01-02,SH600519,abc\n', 's.csv')).toThrow(
      /bad score "abc"/,
    );
    expect(() => parseScoreCsv('date,code,pred\n', 'h.csv')).toThrow(
      /must name datetime, instrument and score/,
    );
    const rows = parseScoreCsv(`${CSV}2020-01-03,SH601318,0.2\n`, 'x.csv');
    expect(() => toTopkScores(rows, universe)).toThrow(/outside the universe: SH601318/);
    const { rows: kept, dropped } = toTopkScores(rows, universe, { dropUnknown: true });
    expect(dropped).toEqual(['SH601318']);
    expect(kept).toHaveLength(4);
    // A file path in an error names the file.
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'datetime,instrument,score\n2020-01-02,SH600519\n');
    await expect(readScores(bad)).rejects.toThrow(/bad\.csv:2: expected 3 fields, got 2/);
    expect(readFileSync(bad, 'utf8')).toContain('SH600519');
  });
});
