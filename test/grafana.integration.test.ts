import { readdirSync, readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { InfluxSink } from '@algotrader/metrics';
import {
  buildDashboards,
  DATASOURCE_UID,
  type LagReport,
  MonitorState,
  SCHEMA,
  writeBacktestSummary,
  writeSample,
  writeStorage,
} from '@algotrader/monitor';
import { writeSwapMetrics } from '@algotrader/order-router';
import { parsePipelineConfig } from '@algotrader/pipeline';
import { Account } from '@algotrader/portfolio';
import { pb } from '@algotrader/proto';
import { InfluxDB1, scaled } from '@algotrader/testkit';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { v2WriteProxy } from './helpers/influx-v2-proxy';

const root = resolve(import.meta.dirname, '..');
const dashboardsDir = resolve(root, 'infra/grafana/dashboards');
const DB = 'algotrader';
const MIN = 60_000;
const HOUR = 60 * MIN;

interface Target {
  refId: string;
  query: string;
  rawQuery?: boolean;
  resultFormat?: string;
  datasource?: { type: string; uid: string };
}
interface Panel {
  title: string;
  datasource?: { type: string; uid: string };
  targets: Target[];
}
interface Dashboard {
  uid: string;
  title: string;
  panels: Panel[];
}

function dashboardFiles(): Map<string, Dashboard> {
  const out = new Map<string, Dashboard>();
  for (const f of readdirSync(dashboardsDir)
    .filter((n) => n.endsWith('.json'))
    .sort()) {
    out.set(f, JSON.parse(readFileSync(resolve(dashboardsDir, f), 'utf8')) as Dashboard);
  }
  return out;
}

/** What Grafana does to a raw InfluxQL query before sending it. */
function expandMacros(query: string): string {
  return query
    .replaceAll('$timeFilter', 'time > now() - 6h')
    .replaceAll('$__interval_ms', '60000')
    .replaceAll('$__interval', '1m')
    .replaceAll('$interval', '1m');
}

/**
 * Feeds the monitor's state the kind of traffic a live system produces, samples it every five
 * minutes over the last hour, and writes the samples exactly as the monitor does.
 */
function writeMonitorTraffic(sink: InfluxSink, now: number): number {
  const t0 = Math.floor((now - HOUR) / HOUR) * HOUR;
  const state = new MonitorState({
    barStaleGraceMs: 5 * MIN,
    heartbeatTimeoutMs: MIN,
    expectedServices: ['risk-gate', 'collector'],
    startedMs: t0 - MIN,
  });
  const inst = (symbol: string) => ({ venue: 'OKX', symbol });
  // The account's peak, day start, drawdown and daily P&L come from a real Account, as live.
  const account = Account.open({ initialCash: 10_000, specs: [] });
  let samples = 0;
  for (let step = 0; step <= 12; step++) {
    const t = t0 + step * 5 * MIN;
    // 15m bars with one gap (step 5 skips a bar) and one duplicate; a 1h series too.
    const open = t - 15 * MIN;
    if (step !== 5) {
      state.onBar({
        instrument: inst('BTC/USDT'),
        timeframe: '15m',
        openTimeMs: open,
        closeTimeMs: t,
        open: 1,
        high: 1,
        low: 1,
        close: 1,
        volume: 1,
      });
    }
    if (step === 7)
      state.onBar({ instrument: inst('BTC/USDT'), timeframe: '15m', openTimeMs: open, closeTimeMs: t });
    state.onBar({ instrument: inst('ETH/USDT'), timeframe: '1h', openTimeMs: t - HOUR, closeTimeMs: t });
    // Equity rises, then falls: a peak, a drawdown, a daily P&L.
    const equity = 10_000 + (step < 6 ? step * 100 : (12 - step) * 100 - 300);
    account.setCash(equity);
    account.revalue(t);
    state.onPosition({
      account: 'main',
      timeMs: t,
      cash: String(equity - 3_000),
      equity: String(equity),
      peakEquity: String(account.peakEquity),
      dayStartEquity: String(account.dayStartEquity),
      drawdown: String(account.drawdown),
      dailyPnl: String(account.dailyPnl),
      quoteCurrency: 'USDT',
      positions: [
        {
          instrument: inst('BTC/USDT'),
          quantity: '0.02',
          averagePrice: '60000',
          markPrice: String(60_000 + step * 50),
          realizedPnl: '12.5',
          unrealizedPnl: String(step),
        },
        {
          instrument: inst('ETH/USDT'),
          quantity: '0.5',
          averagePrice: '3000',
          markPrice: '3010',
          unrealizedPnl: '5',
        },
      ],
    });
    // Order flow: approve, submit, fill or cancel or broker-reject, and risk rejections.
    const coid = `o${step}`;
    state.onApproved({ clientOrderId: coid, account: 'main', strategy: 'sma', instrument: inst('BTC/USDT') });
    const S = pb.OrderState;
    state.onOrderEvent({
      clientOrderId: coid,
      account: 'main',
      instrument: inst('BTC/USDT'),
      state: S.ORDER_STATE_SUBMITTED,
      seq: 1,
      timeMs: t,
    });
    const outcome =
      step % 4 === 3
        ? S.ORDER_STATE_CANCELED
        : step % 6 === 5
          ? S.ORDER_STATE_REJECTED
          : S.ORDER_STATE_FILLED;
    state.onOrderEvent({
      clientOrderId: coid,
      account: 'main',
      instrument: inst('BTC/USDT'),
      state: outcome,
      seq: 2,
      timeMs: t + 900,
    });
    if (outcome === S.ORDER_STATE_FILLED) {
      state.onFill({
        tradeId: `tr${step}`,
        clientOrderId: coid,
        account: 'main',
        instrument: inst('BTC/USDT'),
        side: pb.Side.SIDE_BUY,
        quantity: '0.001',
        price: '60000',
        fee: '0.06',
        timeMs: t + 850,
      });
    }
    state.onRejection({
      order: { clientOrderId: `r${step}`, account: 'main' },
      reason:
        step % 2 === 0
          ? pb.RejectReason.REJECT_REASON_MAX_ORDER_NOTIONAL
          : pb.RejectReason.REJECT_REASON_STALE_DATA,
      timeMs: t,
    });
    // Heartbeats: the collector restarts at step 4 and reports errors; risk-gate goes quiet later.
    const collectorStart = step < 4 ? t0 - 2 * HOUR : t0 + 4 * 5 * MIN;
    state.onHeartbeat({
      service: 'collector',
      instance: 'c1',
      timeMs: t,
      startedMs: collectorStart,
      gauges: { handlerErrors: step, published: step * 10 },
    });
    if (step < 9)
      state.onHeartbeat({ service: 'risk-gate', instance: 'r1', timeMs: t, startedMs: t0 - HOUR });
    const lag: LagReport = {
      streams: [{ stream: 'MD', messages: 1_000 + step, bytes: 50_000, consumers: 2, lastSeq: 1_000 + step }],
      consumers: [
        {
          stream: 'MD',
          consumer: 'feature-engine',
          numPending: step * 3,
          numAckPending: step % 3,
          numRedelivered: step % 2,
          numWaiting: 1,
          deliveredSeq: 990,
          ackFloorSeq: 989,
        },
      ],
    };
    writeSample(sink, state.sample(t + MIN), lag);
    // The storage check's figures (its own timer in the monitor): MD filling towards its max_bytes.
    writeStorage(
      sink,
      {
        streams: [
          {
            stream: 'MD',
            bytes: 50_000 + step * 2_000,
            maxBytes: 100_000,
            messages: 1_000 + step,
            maxMsgs: -1,
          },
        ],
        stores: [
          { scope: 'account', name: 'account', usedBytes: 80_000 + step * 2_000, limitBytes: -1 },
          {
            scope: 'server',
            name: '/data/jetstream',
            usedBytes: 80_000 + step * 2_000,
            limitBytes: 1_000_000,
          },
          { scope: 'disk', name: '/data/jetstream', usedBytes: 4e9, limitBytes: 1e10 },
        ],
        failures: [],
      },
      0,
      t + MIN,
    );
    samples += 1;
  }
  // A swap account as the order-router writes it after each save: a cross 3× long with funding.
  const KEY = 'OKX:BTC/USDT:USDT';
  const perp = parsePipelineConfig({
    instruments: [KEY],
    strategies: [{ name: 'sma_cross', instruments: [KEY] }],
    swaps: { [KEY]: { marginMode: 'cross', leverage: 3 } },
  });
  const swapBook = Account.open({ initialCash: 10_000, specs: perp.specs, swapSettings: perp.swapSettings });
  for (let step = 0; step <= 12; step++) {
    const t = t0 + step * 5 * MIN;
    swapBook.setMark(0, 60_000 - step * 100);
    if (step === 0) swapBook.applyFill(0, 'buy', 0.3, 60_000, 9);
    if (step % 4 === 3) swapBook.applyFunding(0, 0.0001, 60_000 - step * 100);
    swapBook.revalue(t);
    writeSwapMetrics(sink, 'perp', swapBook, t + MIN);
  }
  for (const [i, strategy] of ['sma-cross', 'bollinger-reversion'].entries()) {
    for (let night = 0; night < 3; night++) {
      writeBacktestSummary(sink, {
        strategy,
        run: `nightly-${night}`,
        totalReturn: 0.1 * (i + 1) + night / 100,
        cagr: 0.2,
        sharpe: 1.1 + i,
        maxDrawdown: 0.08,
        trades: 40 + night,
        winRate: 0.55,
        finalEquity: 11_000,
        timeMs: now - (3 - night) * 10 * MIN,
      });
    }
  }
  return samples;
}

describe('Grafana dashboards against a real InfluxDB 1.x', { timeout: scaled(20_000) }, () => {
  let influx: InfluxDB1;
  let proxy: Server;
  let sink: InfluxSink;

  beforeAll(async () => {
    influx = await InfluxDB1.start();
    await influx.createDatabase(DB);
    proxy = await v2WriteProxy(influx);
    sink = new InfluxSink({
      url: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`,
      org: 'algotrader',
      bucket: DB,
      flushIntervalMs: 60_000,
    });
    writeMonitorTraffic(sink, Date.now());
    await sink.flush();
  });

  afterAll(async () => {
    await sink?.close();
    await new Promise((r) => proxy?.close(r));
    await influx?.stop();
  });

  test('the monitor’s points reach InfluxDB through the real sink, none refused', async () => {
    const stats = sink.stats();
    expect(stats.rejected).toBe(0);
    expect(stats.dropped).toBe(0);
    expect(stats.written).toBeGreaterThan(100);
    const [res] = await influx.query('SHOW MEASUREMENTS', DB);
    const names = (res?.series?.[0]?.values ?? []).map((v) => v[0]);
    expect(names.sort()).toEqual(
      Object.values(SCHEMA)
        .map((m) => m.measurement)
        .sort(),
    );
  });

  test('the dashboard files are what the generator makes from the schema', () => {
    const files = dashboardFiles();
    const built = buildDashboards();
    expect([...files.keys()], 'run: npm run dashboards -w @algotrader/monitor').toEqual(
      Object.keys(built).sort(),
    );
    for (const [name, json] of Object.entries(built)) {
      expect(files.get(name), `${name} is stale: npm run dashboards -w @algotrader/monitor`).toEqual(json);
    }
  });

  test('the four groups plus P&L and backtest comparison are there, on the provisioned datasource', () => {
    const files = dashboardFiles();
    const titles = [...files.values()].map((d) => d.title).join(' | ');
    for (const group of [
      'Data integrity',
      'Trading health',
      'Risk',
      'System',
      'P&L',
      'Backtest comparison',
    ]) {
      expect(titles).toContain(group);
    }
    const ds = readFileSync(resolve(root, 'infra/grafana/provisioning/datasources/influxdb.yaml'), 'utf8');
    expect(ds).toContain(`uid: ${DATASOURCE_UID}`);
    expect(ds).toMatch(/version: InfluxQL/);
    for (const d of files.values()) {
      for (const p of d.panels) {
        expect(p.datasource?.uid, `${d.title} / ${p.title}`).toBe(DATASOURCE_UID);
        for (const t of p.targets) expect(t.rawQuery, `${d.title} / ${p.title}`).toBe(true);
      }
    }
    const titlesByGroup = (file: string) => (files.get(file)?.panels ?? []).map((p) => p.title);
    expect(titlesByGroup('data.json')).toEqual(expect.arrayContaining(['Bar gap rate', 'Latest-bar lag']));
    expect(titlesByGroup('trading.json')).toEqual(
      expect.arrayContaining(['Order success rate', 'Cancels', 'Fill latency']),
    );
    expect(titlesByGroup('risk.json')).toEqual(
      expect.arrayContaining([
        'Drawdown',
        'Daily P&L (daily loss)',
        'Exposure',
        'Largest single-instrument exposure',
      ]),
    );
    expect(titlesByGroup('system.json')).toEqual(
      expect.arrayContaining(['Consumer lag', 'Redeliveries', 'Service restarts', 'Error count']),
    );
  });

  test('every panel query returns at least one series with a value', async () => {
    let queries = 0;
    const failures: string[] = [];
    for (const [file, d] of dashboardFiles()) {
      for (const p of d.panels) {
        expect(p.targets.length, `${file} / ${p.title} has no query`).toBeGreaterThan(0);
        for (const t of p.targets) {
          const q = expandMacros(t.query);
          expect(q, 'a Grafana macro was left unexpanded').not.toMatch(/\$(?!tag_)/);
          const [res] = await influx.query(q, DB);
          queries += 1;
          const series = res?.series ?? [];
          const hasValue = series.some((s) => s.values.some((row) => row.slice(1).some((v) => v !== null)));
          if (series.length === 0 || !hasValue) failures.push(`${file} / ${p.title} / ${t.refId}: ${q}`);
        }
      }
    }
    expect(failures, 'panels whose query found no data').toEqual([]);
    expect(queries).toBeGreaterThanOrEqual(35);
  });

  test('the README documents every measurement and field', () => {
    const readme = readFileSync(resolve(root, 'infra/grafana/README.md'), 'utf8');
    for (const m of Object.values(SCHEMA)) {
      expect(readme).toContain(`\`${m.measurement}\``);
      for (const f of Object.keys(m.fields)) expect(readme, `${m.measurement}.${f}`).toContain(`\`${f}\``);
      for (const t of m.tags) expect(readme, `${m.measurement} tag ${t}`).toContain(`\`${t}\``);
    }
  });
});
