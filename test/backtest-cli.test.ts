/**
 * `algotrader backtest` on the shared real data: the three example strategies produce the JSON,
 * Parquet and HTML report; `--json` matches runBacktest called directly; CSV, Parquet and store
 * inputs give the same fills; bad input fails with the next step; the summary reaches InfluxDB
 * (VictoriaMetrics speaking its write API) when INFLUX_URL is set.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { type BacktestData, computeMetrics, runBacktest } from '@algotrader/backtest';
import { parseInstrument } from '@algotrader/core';
import { FillModelSchema } from '@algotrader/portfolio';
import type { BacktestSummary, FillJson, PriceChartData } from '@algotrader/report';
import { ParquetStore, readCsvBars } from '@algotrader/store';
import { smaCross } from '@algotrader/strategy';
import { bundledData, repoRoot, VictoriaMetrics } from '@algotrader/testkit';
import { DuckDBInstance, quotedString } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runBacktestCmd } from '../apps/cli/src/commands/backtest';
import { sliceRange } from '../apps/cli/src/sweep/data';
import type { CommandIo } from '../apps/cli/src/sweep/io';

const BTC = bundledData('ohlcv/binance_BTC-USDT_1h_2017-2022.csv.gz');
const DATA_DIR = dirname(BTC);
/** Inside VictoriaMetrics' retention, clear of "now". */
const NOW = Math.floor(Date.now() / 1000) * 1000 - 600_000;

let tmp: string;

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'algotrader-bt-cli-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function capture(env: NodeJS.ProcessEnv = {}): { io: CommandIo; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: { env, cwd: repoRoot, out: (l) => out.push(l), err: (l) => err.push(l), now: () => NOW, quiet: true },
    out,
    err,
  };
}

async function rowCount(file: string): Promise<number> {
  const db = await DuckDBInstance.create(':memory:');
  const con = await db.connect();
  try {
    const rows = (
      await con.runAndReadAll(`SELECT count(*) FROM read_parquet(${quotedString(file)})`)
    ).getRows();
    return Number(rows[0]![0]);
  } finally {
    con.closeSync();
    db.closeSync();
  }
}

interface JsonOutput {
  summary: BacktestSummary;
  files: Record<string, string>;
  fills: FillJson[];
}

describe('algotrader backtest on the shared data', () => {
  const runs = [
    {
      strategy: 'sma_cross',
      args: [
        '--symbols',
        'BTC/USDT',
        '--from',
        '2020-01-01',
        '--to',
        '2021-01-01',
        '--param',
        'fast=10',
        '--param',
        'slow=30',
      ],
      instruments: 1,
    },
    {
      strategy: 'bollinger_reversion',
      args: ['--symbols', 'ETH/USDT', '--from', '2020-01-01', '--to', '2022-01-01', '--param', 'rsiEntry=35'],
      instruments: 1,
    },
    {
      strategy: 'xs_momentum',
      args: ['--from', '2021-01-01', '--to', '2022-01-01', '--param', 'lookback=72', '--param', 'top=3'],
      instruments: 10,
    },
  ];
  for (const run of runs) {
    test(`${run.strategy}: summary.json, fills/trades/equity.parquet and tearsheet.html`, async () => {
      const out = join(tmp, run.strategy);
      const c = capture();
      const code = await runBacktestCmd(
        [
          '--strategy',
          run.strategy,
          '--data',
          DATA_DIR,
          '--tf',
          '1h',
          ...run.args,
          '--fee',
          '0.001',
          '--out',
          out,
        ],
        c.io,
      );
      expect(code).toBe(0);
      for (const f of [
        'summary.json',
        'fills.parquet',
        'trades.parquet',
        'equity.parquet',
        'tearsheet.html',
      ]) {
        expect(existsSync(join(out, f)), f).toBe(true);
      }
      const s = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as BacktestSummary;
      expect(s.strategy).toBe(run.strategy);
      expect(s.instruments).toHaveLength(run.instruments);
      expect(s.counts.fills).toBeGreaterThan(10);
      expect(s.fillModel.fees).toEqual({ maker: 0.001, taker: 0.001 });
      expect(await rowCount(join(out, 'fills.parquet'))).toBe(s.counts.fills);
      expect(await rowCount(join(out, 'trades.parquet'))).toBe(s.counts.trades);
      expect(await rowCount(join(out, 'equity.parquet'))).toBe(s.period.points);
      const html = readFileSync(join(out, 'tearsheet.html'), 'utf8');
      expect(html).toContain('<svg id="equity-chart"');
      // The price chart's data carries every fill of every instrument (at most 12 are charted; here ≤ 10).
      const price = JSON.parse(
        /<script type="application\/json" id="price-data">(.*?)<\/script>/s.exec(html)![1]!,
      ) as PriceChartData;
      expect(price.series.reduce((n, x) => n + x.f.length, 0)).toBe(s.counts.fills);
      // The per-instrument table names every instrument, and its trades add up to the run's.
      const table = c.out.slice(
        c.out.indexOf('Per instrument') + 3,
        c.out.indexOf('Per instrument') + 3 + run.instruments,
      );
      expect(table.map((l) => l.trim().split(/\s+/)[0]).sort()).toEqual([...s.instruments].sort());
      expect(table.reduce((n, l) => n + Number(l.trim().split(/\s+/)[1]), 0)).toBe(s.counts.trades);
      expect(c.out[c.out.indexOf('Per instrument') + 1]).toMatch(/^ {2}Instrument +Trades +Win rate/);
      // Every trade of a strategy without protective exits closes on a signal.
      const reasons = c.out.indexOf('Exit reasons');
      expect(reasons).toBeGreaterThan(0);
      expect(c.out[reasons + 3]!.trim().split(/\s+/).slice(0, 2)).toEqual([
        'signal',
        String(s.counts.trades),
      ]);
      // The readable output names the headline figures and every report file.
      const text = c.out.join('\n');
      expect(text).toContain('Total return');
      expect(text).toContain(join(out, 'tearsheet.html'));
      expect(text).toContain(join(out, 'fills.parquet'));
    });
  }

  test('--json prints the summary and every fill, exactly as runBacktest called directly gives them', async () => {
    const c = capture();
    await runBacktestCmd(
      [
        '--strategy',
        'sma_cross',
        '--data',
        BTC,
        '--symbols',
        'BTC/USDT',
        '--tf',
        '1h',
        '--from',
        '2020-01-01',
        '--to',
        '2021-01-01',
        '--param',
        'fast=10',
        '--param',
        'slow=30',
        '--fee',
        '0.002',
        '--fill',
        'close',
        '--slippage-bps',
        '5',
        '--cash',
        '25000',
        '--out',
        join(tmp, 'json'),
        '--json',
      ],
      c.io,
    );
    expect(c.out).toHaveLength(1);
    const doc = JSON.parse(c.out[0]!) as JsonOutput;

    const all = await readCsvBars(BTC);
    const data: BacktestData = {
      timeframe: '1h',
      series: [
        {
          instrument: parseInstrument('BINANCE:BTC/USDT'),
          bars: sliceRange(all, Date.UTC(2020, 0, 1), Date.UTC(2021, 0, 1)),
        },
      ],
    };
    const fillModel = FillModelSchema.parse({
      timing: 'close',
      fees: { maker: 0.002, taker: 0.002 },
      slippage: { kind: 'bps', bps: 5 },
    });
    const direct = runBacktest({
      strategy: smaCross,
      params: { fast: 10, slow: 30 },
      data,
      initialCash: 25_000,
      fillModel,
    });
    const m = computeMetrics(direct);

    expect(doc.fills.length).toBeGreaterThan(100);
    expect(doc.fills).toEqual(
      direct.fills.map((f) => ({
        time: f.time,
        iso: new Date(f.time).toISOString(),
        instrument: 'BINANCE:BTC/USDT',
        side: f.side,
        qty: f.qty,
        price: f.price,
        fee: f.fee,
        liquidity: f.liquidity,
        clientOrderId: f.clientOrderId,
      })),
    );
    expect(doc.summary.fillModel).toEqual(fillModel);
    expect(doc.summary.initialCash).toBe(25_000);
    expect(doc.summary.finalEquity).toBe(direct.finalEquity);
    expect(doc.summary.metrics['totalReturn']).toBe(m.totalReturn);
    expect(doc.summary.metrics['sharpe']).toBe(m.sharpe);
    expect(doc.summary.counts.trades).toBe(direct.trades.length);
    expect(doc.summary.command).toContain('--fill close');
    expect(doc.files['tearsheet']).toBe(join(tmp, 'json', 'tearsheet.html'));
  });

  test('a Parquet file and the store give the same fills as the CSV', async () => {
    const from = Date.UTC(2021, 0, 1);
    const to = Date.UTC(2021, 6, 1);
    const bars = sliceRange(await readCsvBars(BTC), from, to);
    // The same bars as Parquet (timestamp column), and in a Parquet store.
    const parquet = join(tmp, 'btc.parquet');
    const db = await DuckDBInstance.create(':memory:');
    const con = await db.connect();
    await con.run(
      'CREATE TABLE b (ts TIMESTAMP, open DOUBLE, high DOUBLE, low DOUBLE, close DOUBLE, volume DOUBLE)',
    );
    const app = await con.createAppender('b');
    for (let i = 0; i < bars.openTime.length; i++) {
      app.appendVarchar(new Date(bars.openTime[i]!).toISOString().replace('T', ' ').replace('Z', ''));
      for (const col of [bars.open, bars.high, bars.low, bars.close, bars.volume]) app.appendDouble(col[i]!);
      app.endRow();
    }
    app.closeSync();
    await con.run(`COPY b TO ${quotedString(parquet)} (FORMAT parquet)`);
    con.closeSync();
    db.closeSync();
    const storeDir = join(tmp, 'store');
    const store = await ParquetStore.open(storeDir);
    await store.append(parseInstrument('OKX:BTC/USDT'), '1h', bars);
    await store.close();

    const fills = async (data: string, symbols: string, env: NodeJS.ProcessEnv = {}) => {
      const c = capture(env);
      await runBacktestCmd(
        [
          '--strategy',
          'sma_cross',
          '--data',
          data,
          '--symbols',
          symbols,
          '--tf',
          '1h',
          '--from',
          '2021-01-01',
          '--to',
          '2021-07-01',
          '--out',
          join(tmp, 'inputs'),
          '--json',
        ],
        c.io,
      );
      return (JSON.parse(c.out[0]!) as JsonOutput).fills.map(({ time, side, qty, price, fee }) => ({
        time,
        side,
        qty,
        price,
        fee,
      }));
    };
    const csv = await fills(BTC, 'BTC/USDT');
    expect(csv.length).toBeGreaterThan(20);
    expect(await fills(parquet, 'BTC/USDT')).toEqual(csv);
    expect(await fills('store', 'BTC/USDT', { ALGOTRADER_DATA_DIR: storeDir })).toEqual(csv);
  });

  test('the summary goes to InfluxDB when INFLUX_URL is set', async () => {
    const vm = await VictoriaMetrics.start();
    try {
      const c = capture({ INFLUX_URL: vm.url, INFLUX_ORG: 'algotrader', INFLUX_BUCKET: 'research' });
      await runBacktestCmd(
        [
          '--strategy',
          'sma_cross',
          '--data',
          BTC,
          '--from',
          '2020-01-01',
          '--to',
          '2020-07-01',
          '--run-id',
          'influx-run',
          '--out',
          join(tmp, 'influx'),
        ],
        c.io,
      );
      expect(c.err).toEqual([]);
      const summary = JSON.parse(
        readFileSync(join(tmp, 'influx', 'summary.json'), 'utf8'),
      ) as BacktestSummary;
      await vm.forceFlush();
      const [sharpe] = await vm.waitForSamples('backtest_sharpe{run="influx-run"}', 1);
      expect(sharpe!.metric).toMatchObject({ strategy: 'sma_cross', run: 'influx-run', timeframe: '1h' });
      expect(sharpe!.values[0]).toBeCloseTo(summary.metrics['sharpe'] as number, 9);
      expect(sharpe!.timestamps).toEqual([NOW]);
      const [trades] = await vm.waitForSamples('backtest_trades{run="influx-run"}', 1);
      expect(trades!.values).toEqual([summary.counts.trades]);
    } finally {
      await vm.stop();
    }
  });
});

describe('algotrader backtest refuses bad input with the next step', () => {
  const base = ['--data', BTC, '--out', join(tmpdir(), 'never-written')];

  test('an unknown strategy lists the available ones', async () => {
    await expect(runBacktestCmd(['--strategy', 'sma_crosss', ...base], capture().io)).rejects.toThrow(
      'unknown strategy "sma_crosss"; available: bollinger_reversion, sma_cross, topk_dropout, xs_momentum',
    );
  });

  test('an unknown --param names it and lists the schema keys with their defaults', async () => {
    await expect(
      runBacktestCmd(['--strategy', 'sma_cross', '--param', 'fats=10', ...base], capture().io),
    ).rejects.toThrow(
      /unknown parameter "fats" for strategy sma_cross; its parameters \(defaults\): fast=20, slow=50, sizing=/,
    );
  });

  test('an invalid --param value names the schema key', async () => {
    await expect(
      runBacktestCmd(['--strategy', 'sma_cross', '--param', 'fast=ten', ...base], capture().io),
    ).rejects.toThrow(/--param: invalid parameters for strategy sma_cross: fast: .*expected number/);
    await expect(
      runBacktestCmd(
        ['--strategy', 'sma_cross', '--param', 'fast=40', '--param', 'slow=30', ...base],
        capture().io,
      ),
    ).rejects.toThrow('fast: fast must be shorter than slow');
  });

  test('a symbol without a file says which symbols have one', async () => {
    await expect(
      runBacktestCmd(
        ['--strategy', 'sma_cross', '--data', DATA_DIR, '--symbols', 'DOT/USDT', '--tf', '1h'],
        capture().io,
      ),
    ).rejects.toThrow(
      /no 1h file for DOT\/USDT in the requested range \(1h files exist for BINANCE:ADA\/USDT, /,
    );
  });

  test('a missing --data or a bad --fill is a usage error', async () => {
    await expect(runBacktestCmd(['--strategy', 'sma_cross'], capture().io)).rejects.toThrow('missing --data');
    await expect(
      runBacktestCmd(['--strategy', 'sma_cross', '--fill', 'open', ...base], capture().io),
    ).rejects.toThrow('--fill "open": expected next_open');
  });
});
