import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { BacktestSummary } from '@algotrader/report';
import { bundledData, InfluxDB1, repoRoot } from '@algotrader/testkit';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runBacktestCmd } from '../apps/cli/src/commands/backtest';
import { v2WriteProxy } from './helpers/influx-v2-proxy';

const DB = 'algotrader';
const BTC = bundledData('ohlcv/binance_BTC-USDT_1h_2017-2022.csv.gz');
/** The run's creation time, which timestamps its point: well inside the dashboard's range. */
const NOW = Math.floor(Date.now() / 1000) * 1000 - 60_000;

interface Target {
  refId: string;
  query: string;
}
interface Dashboard {
  panels: { title: string; targets: Target[] }[];
}

/** What Grafana does to a raw InfluxQL query before sending it (range: the last hour). */
function expandMacros(query: string): string {
  return query
    .replaceAll('$timeFilter', 'time > now() - 1h')
    .replaceAll('$__interval_ms', '60000')
    .replaceAll('$__interval', '1m');
}

describe('a CLI backtest on the backtest-comparison dashboard', { timeout: 120_000 }, () => {
  let influx: InfluxDB1;
  let proxy: Server;
  let tmp: string;

  beforeAll(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'algotrader-bt-dash-'));
    influx = await InfluxDB1.start();
    await influx.createDatabase(DB);
    proxy = await v2WriteProxy(influx);
  });

  afterAll(async () => {
    await new Promise((r) => proxy?.close(r));
    await influx?.stop();
    rmSync(tmp, { recursive: true, force: true });
  });

  test('every panel query of the provisioned dashboard returns the run the CLI wrote', async () => {
    const err: string[] = [];
    const env = {
      INFLUX_URL: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`,
      INFLUX_ORG: 'algotrader',
      INFLUX_BUCKET: DB,
    };
    const dir = join(tmp, 'run');
    const code = await runBacktestCmd(
      [
        ...['--strategy', 'sma_cross', '--data', BTC, '--from', '2020-01-01', '--to', '2020-04-01'],
        ...['--run-id', 'dash-run', '--out', dir],
      ],
      { env, cwd: repoRoot, out: () => undefined, err: (l) => err.push(l), now: () => NOW, quiet: true },
    );
    expect(err, 'the CLI warns when the summary does not reach InfluxDB').toEqual([]);
    expect(code).toBe(0);
    const summary = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')) as BacktestSummary;
    const m = summary.metrics as Record<string, number | { depth: number }>;
    // What the CLI wrote to summary.json, by the dashboard's field names.
    const expected: Record<string, number> = {
      total_return: m['totalReturn'] as number,
      cagr: m['cagr'] as number,
      sharpe: m['sharpe'] as number,
      max_drawdown: (m['maxDrawdown'] as { depth: number }).depth,
      win_rate: m['winRate'] as number,
      trades: summary.counts.trades,
    };
    expect(summary.counts.trades, 'a run without trades would prove little').toBeGreaterThan(0);

    const dashboard = JSON.parse(
      readFileSync(resolve(repoRoot, 'infra/grafana/dashboards/backtests.json'), 'utf8'),
    ) as Dashboard;
    let checked = 0;
    for (const p of dashboard.panels) {
      for (const t of p.targets) {
        const [res] = await influx.query(expandMacros(t.query), DB);
        expect(res?.error, `${p.title}: ${t.query}`).toBeUndefined();
        const series = (res?.series ?? []).filter((s) => s.tags?.['strategy'] === 'sma_cross');
        expect(series, `${p.title} shows no sma_cross run`).toHaveLength(1);
        const s = series[0]!;
        const rows = s.values.filter((row) => row.slice(1).some((v) => v !== null));
        expect(rows, `${p.title}: one point, the run`).toHaveLength(1);
        s.columns.slice(1).forEach((column, k) => {
          // A series panel selects `last(field)` (named `last`); the table names each field.
          const field = column === 'last' ? /last\("([a-z_]+)"\)/.exec(t.query)![1]! : column;
          expect(rows[0]![k + 1], `${p.title} / ${field}`).toBeCloseTo(expected[field]!, 12);
          checked += 1;
        });
      }
    }
    // The table's six fields and the four series panels.
    expect(checked).toBe(10);
    const [runs] = await influx.query('SHOW TAG VALUES FROM "backtest" WITH KEY = "run"', DB);
    expect(runs?.series?.[0]?.values).toEqual([['run', 'dash-run']]);
  });
});
