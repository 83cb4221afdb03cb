import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runBacktest } from '@algotrader/backtest';
import { Bus, SYSTEM_TOPOLOGY } from '@algotrader/bus';
import { type BarColumns, parseInstrument } from '@algotrader/core';
import {
  loadPipeline,
  PIPELINE_ENV,
  type Pipeline,
  readAccount,
  readAll,
  STAGES,
  Supervisor,
  stageEntry,
} from '@algotrader/pipeline';
import { codecs } from '@algotrader/proto';
import { readCsvBars } from '@algotrader/store';
import { bundledData, NatsServer, repoRoot, scaled, waitFor } from '@algotrader/testkit';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { replayPipeline } from '../apps/cli/src/commands/pipeline-replay';
import { head, NO_LIMITS } from './helpers/fixtures';
import { backtestFills, pipelineFills } from './helpers/pipeline';

const BARS = 800;
const btc = parseInstrument('OKX:BTC/USDT');
/** The risk gate's wait for the account before the fix refused the decision (scaled down from 30 s). */
const ACCOUNT_WAIT_MS = 1_500;
/**
 * How long the order-router stays down: ten times the gate's account wait, as the 60 s
 * outage was twice the default 30 s wait (a real 60 s would make this test take minutes on a
 * shared machine; the ratio is what matters: the gate gives up many times over).
 */
const OUTAGE_MS = 15_000;

describe("a long order-router outage mid-replay (kill -9, down for 10x the gate's account wait)", () => {
  let server: NatsServer;
  let bus: Bus;
  let stages: Supervisor;
  let router: Supervisor;
  let dir: string;
  let pipeline: Pipeline;
  let bars: BarColumns;
  const logs: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'algotrader-outage-'));
    const configPath = join(dir, 'pipeline.json');
    writeFileSync(
      configPath,
      JSON.stringify({
        account: 'paper',
        instruments: ['OKX:BTC/USDT'],
        strategies: [{ name: 'sma_cross', params: { fast: 5, slow: 15 }, instruments: ['OKX:BTC/USDT'] }],
        paper: { initialCash: 10_000, quoteCurrency: 'USDT' },
        risk: { ...NO_LIMITS, accountWaitMs: ACCOUNT_WAIT_MS },
        mode: 'replay',
        checkpointEveryMs: 250,
      }),
    );
    pipeline = await loadPipeline(configPath);
    bars = head(await readCsvBars(bundledData('demo/binance_BTC-USDT_1h_2024-2025.csv.gz')), BARS);
    server = await NatsServer.start();
    bus = await Bus.connect({ servers: server.url, service: 'test' });
    await bus.ensure(SYSTEM_TOPOLOGY);
    const supervise = (names: readonly string[], backoffMs: number[]) =>
      new Supervisor({
        stages: names.map((name) => ({ name, entry: stageEntry(repoRoot, name) })),
        cwd: repoRoot,
        env: { NATS_URL: server.url, [PIPELINE_ENV]: configPath, ALGOTRADER_LOG_LEVEL: 'warn' },
        backoffMs,
        onLine: (stage, line) => {
          logs.push(`[${stage}] ${line}`);
          if (logs.length > 2_000) logs.splice(0, 1_000);
        },
      });
    stages = supervise(
      STAGES.filter((s) => s !== 'order-router'),
      [200, 500, 1_000],
    );
    // The order-router's supervisor restarts it only after the outage.
    router = supervise(['order-router'], [OUTAGE_MS]);
    stages.start();
    router.start();
  });

  afterAll(async () => {
    await router?.stop();
    await stages?.stop();
    await bus?.close();
    await server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('bars keep arriving; on restart the router catches up: the backtest orders and fills, none twice, no decision refused', {
    timeout: scaled(120_000),
  }, async () => {
    const reference = runBacktest({
      strategy: pipeline.strategies[0]!.strategy,
      params: pipeline.strategies[0]!.params,
      data: { timeframe: '1h', series: [{ instrument: btc, bars, spec: pipeline.specs[0]! }] },
      initialCash: 10_000,
      fillModel: pipeline.config.fillModel,
      account: 'paper',
    });
    expect(reference.fills.length, 'the period must trade').toBeGreaterThan(40);

    let sets = 0;
    let downAt = 0;
    let upAt = 0;
    let setsAtRestart = BARS;
    // Paced so that bars keep arriving for the whole outage.
    const perSecond = Math.ceil(BARS / ((OUTAGE_MS * 2) / 1_000));
    const replay = replayPipeline(bus, {
      venue: 'OKX',
      tf: '1h',
      series: [{ instrument: btc, bars }],
      speed: { kind: 'rate', perSecond },
      onProgress: () => {
        sets += 1;
        if (downAt && !upAt && router.restarts('order-router') > 0) {
          upAt = Date.now();
          setsAtRestart = sets;
        }
        if (sets === Math.floor(BARS / 5)) {
          downAt = Date.now();
          router.kill('order-router');
        }
      },
    });
    const r = await replay;
    expect(r.sets).toBe(BARS);
    try {
      await waitFor(
        async () => {
          if (!upAt && router.restarts('order-router') > 0) upAt = Date.now();
          return ((await readAccount(bus, 'paper'))?.steppedThrough ?? 0) >= r.lastClose!;
        },
        scaled(90_000),
        'the order-router to catch up after its outage',
      );
    } catch (e) {
      console.error(logs.slice(-40).join('\n'));
      throw e;
    }
    expect(router.restarts('order-router')).toBe(1);
    // The outage was long, and the bars kept coming during it.
    expect(upAt - downAt).toBeGreaterThanOrEqual(OUTAGE_MS);
    expect(setsAtRestart - BARS / 5, 'bar sets published while the router was down').toBeGreaterThan(
      BARS / 4,
    );

    // The gate waited for the account instead of refusing on staleness, and said so.
    const alerts = (await readAll(bus, 'OPS', 'ops.alert.>', codecs.Alert)).map((a) => a.message.code);
    expect(alerts.filter((c) => c === 'account_behind')).toEqual([]);
    expect(alerts.filter((c) => c === 'account_wait').length).toBeGreaterThan(0);

    // No order lost or placed twice: exactly the backtest's orders; the same fills, each once.
    const approved = await readAll(bus, 'ORDERS', 'ord.approved.paper', codecs.OrderRequest);
    expect(approved.map((a) => a.message.clientOrderId)).toEqual(
      reference.orders.map((o) => o.order.clientOrderId),
    );
    const fills = await pipelineFills(bus, 'paper');
    expect(new Set(fills.map((f) => `${f.id}:${f.time}`)).size).toBe(fills.length);
    expect(fills).toEqual(backtestFills(reference.fills));
    const account = (await readAccount(bus, 'paper'))!;
    expect(account.book.cash).toBe(reference.equity.cash[reference.equity.cash.length - 1]);
  });
});
