import { Bus, SYSTEM_TOPOLOGY } from '@algotrader/bus';
import { type BarColumns, parseInstrument } from '@algotrader/core';
import { readAll, STAGES, type Supervisor } from '@algotrader/pipeline';
import { codecs } from '@algotrader/proto';
import { readCsvBars } from '@algotrader/store';
import { bundledData, NatsServer, scaled, waitFor } from '@algotrader/testkit';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { replayPipeline } from '../apps/cli/src/commands/pipeline-replay';
import { head, paperBtcConfig } from './helpers/fixtures';
import {
  expectReferenceOutcome,
  type PipelineFile,
  referenceBacktest,
  StageLogs,
  settled,
  superviseStages,
  writePipelineFile,
} from './helpers/supervised';

const BARS = 800;
const btc = parseInstrument('OKX:BTC/USDT');
/**
 * The issue's outage, literally: the order-router down for 60 s. It outlasts every timeout on the
 * way at its default — the gate's account wait (`accountWaitMs`, 30 s, not lowered here), the
 * consumers' ack wait (30 s) and the client's idle heartbeat (30 s) — so nothing in this test is
 * a scaled-down stand-in for a real outage.
 */
const OUTAGE_MS = 60_000;
const ACCOUNT_WAIT_MS = 30_000;

describe('a 60 s order-router outage mid-replay (kill -9, down for twice the default account wait)', () => {
  let server: NatsServer;
  let bus: Bus;
  let stages: Supervisor;
  let router: Supervisor;
  let file: PipelineFile;
  let bars: BarColumns;
  const logs = new StageLogs();

  beforeAll(async () => {
    file = await writePipelineFile(paperBtcConfig({ fast: 5, slow: 15 }, { checkpointEveryMs: 250 }));
    expect(file.pipeline.config.risk.accountWaitMs).toBe(ACCOUNT_WAIT_MS);
    bars = head(await readCsvBars(bundledData('demo/binance_BTC-USDT_1h_2024-2025.csv.gz')), BARS);
    server = await NatsServer.start();
    bus = await Bus.connect({ servers: server.url, service: 'test' });
    await bus.ensure(SYSTEM_TOPOLOGY);
    const supervise = (names: readonly string[], backoffMs: number[]) =>
      superviseStages({ url: server.url, file, stages: names, backoffMs, logs });
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
    file?.remove();
  });

  test('bars keep arriving; on restart the router catches up: the backtest orders and fills, none twice, no decision refused', {
    timeout: scaled(240_000),
  }, async () => {
    const reference = referenceBacktest(file.pipeline, btc, bars);
    expect(reference.fills.length, 'the period must trade').toBeGreaterThan(40);

    let sets = 0;
    let downAt = 0;
    let upAt = 0;
    let setsAtRestart = BARS;
    // Paced so that bars keep arriving for the whole outage.
    const perSecond = Math.ceil(BARS / ((OUTAGE_MS * 1.5) / 1_000));
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
          return settled(bus, 'paper', r.lastClose!);
        },
        90_000,
        'the order-router to catch up after its outage',
      );
    } catch (e) {
      console.error(logs.tail(40));
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
    const rejected = await readAll(bus, 'ORDERS', 'ord.rejected.paper', codecs.RiskRejection);
    expect(rejected.filter((x) => /stale|not current/i.test(x.message.detail ?? ''))).toEqual([]);

    // No order lost or placed twice: exactly the backtest's orders; the same fills, each once.
    await expectReferenceOutcome(bus, 'paper', reference);
  });
});
