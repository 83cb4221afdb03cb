import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseInstrument } from '@algotrader/core';
import { ParquetStore, readCsvBars } from '@algotrader/store';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runResearchCmd } from '../apps/cli/src/commands/research';
import type { CommandIo } from '../apps/cli/src/sweep/io';

const FIX = join(import.meta.dirname, 'fixtures');
let root: string;

function io(lines: string[]): CommandIo {
  return {
    env: { ALGOTRADER_DATA_DIR: join(root, 'store') },
    cwd: root,
    out: (l) => lines.push(l),
    err: (l) => lines.push(`ERR ${l}`),
    now: () => Date.UTC(2026, 0, 1),
    quiet: true,
  };
}

const SHARES = [
  ['sse_600519-CNY', 'SSE:600519/CNY'],
  ['sse_688111-CNY', 'SSE:688111/CNY'],
  ['szse_300750-CNY', 'SZSE:300750/CNY'],
  ['sse_000300-CNY', 'SSE:000300/CNY'],
] as const;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'research-cli-'));
  const store = await ParquetStore.open(join(root, 'store'), { threads: 1 });
  try {
    for (const [file, text] of SHARES) {
      await store.append(
        parseInstrument(text),
        '1d',
        await readCsvBars(join(FIX, 'cn', `${file}_1d_2019H2-2020.csv.gz`)),
      );
    }
  } finally {
    await store.close();
  }
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('algotrader research', () => {
  it('export-qlib --source store writes the A-share store on the SSE calendar', async () => {
    const lines: string[] = [];
    const code = await runResearchCmd(
      [
        'export-qlib',
        '--source',
        'store',
        '--out',
        'qlib',
        '--freq',
        'day',
        '--calendar',
        join(FIX, 'calendars', 'cn_sse_trading_calendar_2019H2-2020.csv.gz'),
        '--market',
        'csi_demo',
      ],
      io(lines),
    );
    expect(code).toBe(0);
    const cal = readFileSync(join(root, 'qlib', 'calendars', 'day.txt'), 'utf8')
      .trim()
      .split('\n');
    expect(cal[0]).toBe('2019-07-01');
    expect(cal.at(-1)).toBe('2020-12-31');
    expect(cal).not.toContain('2020-10-01');
    const inst = readFileSync(join(root, 'qlib', 'instruments', 'csi_demo.txt'), 'utf8');
    expect(inst).toContain('SH688111\t2019-11-18\t2020-12-31\n');
    expect(inst).toContain('SZ300750\t2019-07-01\t2020-08-24\n');
    const bin = readFileSync(join(root, 'qlib', 'features', 'sh600519', 'close.day.bin'));
    expect(bin.readFloatLE(0)).toBe(0);
    expect(bin.length / 4 - 1).toBe(cal.length);
    expect(lines.join('\n')).toMatch(/SH600519\s+SSE:600519\/CNY/);
  });

  it('topk runs Qlib predictions (Parquet) through topk_dropout and writes a report', async () => {
    // Scores: the 20-day return as "prediction", made in SQL over the store's own bars.
    const path = join(root, 'pred.parquet');
    const db = await DuckDBInstance.create(':memory:');
    const con = await db.connect();
    await con.run(
      `COPY (
         SELECT make_timestamp(open_time * 1000) AS datetime,
                CASE WHEN venue = 'sse' THEN 'SH' ELSE 'SZ' END || split_part(symbol, '-', 1) AS instrument,
                close / lag(close, 20) OVER (PARTITION BY venue, symbol ORDER BY open_time) - 1 AS score
           FROM read_parquet('${join(root, 'store')}/ohlcv/**/*.parquet', hive_partitioning = true)
       ) TO '${path}' (FORMAT parquet)`,
    );
    con.closeSync();
    db.closeSync();
    const lines: string[] = [];
    const code = await runResearchCmd(
      [
        'topk',
        '--scores',
        path,
        '--data',
        'store',
        '--tf',
        '1d',
        '--topk',
        '2',
        '--n-drop',
        '1',
        '--out',
        'topk',
        '--fee',
        '0.001',
        '--cash',
        '1000000',
      ],
      io(lines),
    );
    expect(code).toBe(0);
    const text = lines.join('\n');
    expect(text).toMatch(/predictions from .*pred\.parquet \(\d+ in the universe\)/);
    const fills = Number(/(\d+) fills/.exec(text)?.[1]);
    expect(fills).toBeGreaterThan(10);
    expect(existsSync(join(root, 'topk', 'tearsheet.html'))).toBe(true);
  });

  it('factor prints IC figures and writes the chart', async () => {
    const lines: string[] = [];
    const code = await runResearchCmd(
      [
        'factor',
        '--data',
        join(FIX, 'crypto'),
        '--factor',
        'roc:24',
        '--horizons',
        '1,4,24',
        '--out',
        'factor',
      ],
      io(lines),
    );
    expect(code).toBe(0);
    const text = lines.join('\n');
    expect(text).toMatch(/factor roc:24 \(value\) on 10 instruments, 1h, 718 rows/);
    expect(text).toMatch(/^\s+24\s+\d+\s+-?\d\.\d{4}/m);
    const html = readFileSync(join(root, 'factor', 'factor.html'), 'utf8');
    expect(html).toContain('<svg');
    const json = JSON.parse(readFileSync(join(root, 'factor', 'factor.json'), 'utf8'));
    expect(json.ic.map((x: { horizon: number }) => x.horizon)).toEqual([1, 4, 24]);
  });

  it('xs evaluates momentum and backtests its top quantile through the engine', async () => {
    const lines: string[] = [];
    const code = await runResearchCmd(
      [
        'xs',
        '--data',
        join(FIX, 'crypto'),
        '--lookback',
        '72',
        '--rebalance',
        '24',
        '--fee',
        '0.001',
        '--out',
        'xs',
      ],
      io(lines),
    );
    expect(code).toBe(0);
    const text = lines.join('\n');
    expect(text).toMatch(/factor roc:72 \(value\) on 10 instruments/);
    expect(text).toMatch(/xs_momentum lookback 72, top 2 of 10, rebalance every 24 bars\): \d+ fills/);
    expect(existsSync(join(root, 'xs', 'factor.html'))).toBe(true);
    const summary = JSON.parse(readFileSync(join(root, 'xs', 'backtest', 'summary.json'), 'utf8'));
    expect(JSON.stringify(summary)).toContain('xs_momentum');
  });

  it('refuses an unknown freq and a missing flag with a usage message', async () => {
    await expect(
      runResearchCmd(['export-qlib', '--source', 'store', '--out', 'x', '--freq', '1h'], io([])),
    ).rejects.toThrow(/unknown Qlib freq "1h": use one of day, 240min, 60min/);
    await expect(runResearchCmd(['topk', '--data', 'store'], io([]))).rejects.toThrow(/topk needs --scores/);
  });
});
