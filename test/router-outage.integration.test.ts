import { Bus, SYSTEM_TOPOLOGY } from '@algotrader/bus';
import { type BarColumns, parseInstrument } from '@algotrader/core';
import {
  decodeProgress,
  POSITIONS_BUCKET,
  progressKey,
  readAccount,
  readAll,
  STAGES,
  type Supervisor,
} from '@algotrader/pipeline';
import { codecs, pb } from '@algotrader/proto';
import { readCsvBars } from '@algotrader/store';
import { bundledData, NatsServer, scaled, waitFor } from '@algotrader/testkit';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { replayPipeline } from '../apps/cli/src/commands/pipeline-replay';
import { between, head, NO_LIMITS, paperBtcConfig } from './helpers/fixtures';
import { pipelineFills } from './helpers/pipeline';
import {
  expectReferenceOutcome,
  type PipelineFile,
  referenceBacktest,
  StageLogs,
  settled,
  superviseStages,
  writePipelineFile,
} from './helpers/supervised';

const btc = parseInstrument('OKX:BTC/USDT');
const HOUR = 3_600_000;

/**
 * The stages as processes on a private nats-server; the order-router under its own supervisor,
 * which restarts it `restartMs` after it is killed (or `routerDown` and `routerUp` for an outage
 * the test ends itself).
 */
function outageRig(config: Record<string, unknown>, restartMs: number) {
  const rig = {
    server: undefined as unknown as NatsServer,
    bus: undefined as unknown as Bus,
    stages: undefined as unknown as Supervisor,
    router: undefined as unknown as Supervisor,
    file: undefined as unknown as PipelineFile,
    logs: new StageLogs(),
    /** kill -9 of the order-router, not restarted until `routerUp`. */
    async routerDown(): Promise<void> {
      rig.router.kill('order-router');
      await rig.router.stop();
    },
    routerUp(): void {
      rig.router = supervise(['order-router'], [200, 500, 1_000]);
      rig.router.start();
    },
  };
  const supervise = (names: readonly string[], backoffMs: number[]) =>
    superviseStages({ url: rig.server.url, file: rig.file, stages: names, backoffMs, logs: rig.logs });
  beforeAll(async () => {
    rig.file = await writePipelineFile(config);
    rig.server = await NatsServer.start();
    rig.bus = await Bus.connect({ servers: rig.server.url, service: 'test' });
    await rig.bus.ensure(SYSTEM_TOPOLOGY);
    rig.stages = supervise(
      STAGES.filter((s) => s !== 'order-router'),
      [200, 500, 1_000],
    );
    rig.router = supervise(['order-router'], [restartMs]);
    rig.stages.start();
    rig.router.start();
  });
  afterAll(async () => {
    await rig.router?.stop();
    await rig.stages?.stop();
    await rig.bus?.close();
    await rig.server?.stop();
    rig.file?.remove();
  });
  return rig;
}

async function demoBars(n: number): Promise<BarColumns> {
  return head(await readCsvBars(bundledData('demo/binance_BTC-USDT_1h_2024-2025.csv.gz')), n);
}

/**
 * The issue's outage, literally: the order-router down for 60 s. It outlasts every timeout on the
 * way at its default — the gate's account wait (`accountWaitMs`, 30 s, not lowered here), the
 * consumers' ack wait (30 s) and the client's idle heartbeat (30 s) — so nothing in this test is
 * a scaled-down stand-in for a real outage.
 */
const OUTAGE_MS = 60_000;
const ACCOUNT_WAIT_MS = 30_000;

describe('replay: a 60 s order-router outage (kill -9, down for twice the default account wait)', () => {
  const BARS = 800;
  const rig = outageRig(paperBtcConfig({ fast: 5, slow: 15 }, { checkpointEveryMs: 250 }), OUTAGE_MS);

  test('bars keep arriving; on restart the router catches up: the backtest orders and fills, none twice, no decision refused', {
    timeout: scaled(240_000),
  }, async () => {
    const { bus, router, file, logs } = rig;
    expect(file.pipeline.config.risk.accountWaitMs).toBe(ACCOUNT_WAIT_MS);
    const bars = await demoBars(BARS);
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
    expect(rejected.filter((x) => x.message.reason === pb.RejectReason.REJECT_REASON_STALE_DATA)).toEqual([]);

    // No order lost or placed twice: exactly the backtest's orders; the same fills, each once.
    await expectReferenceOutcome(bus, 'paper', reference);
  });
});

/**
 * Live mode has a clock: the gate does not wait for the router forever, it refuses the orders of a
 * close time once `accountWaitMs` has passed (STALE_DATA, alert account_behind). The targets stay
 * pending, and once the router is back the next close time plans them against the account then.
 */
describe('live: an order-router outage; refused targets stay pending and the account converges', () => {
  const ACCOUNT_WAIT = 1_000;
  /** The router down at least this long: many times the gate's account wait. */
  const LIVE_OUTAGE_MS = 10 * ACCOUNT_WAIT;
  const BARS = 400;
  /** The router is killed after this many bar sets; it comes back at the cut. */
  const KILL_AT = 60;
  const rig = outageRig(
    paperBtcConfig(
      { fast: 5, slow: 15 },
      {
        mode: 'live',
        checkpointEveryMs: 250,
        // Historical bars in live mode: no staleness by the clock, only the account's.
        risk: { ...NO_LIMITS, accountWaitMs: ACCOUNT_WAIT },
      },
    ),
    500,
  );

  test('targets refused while the router is down are planned again when it is back: the account holds the last target, no order twice', {
    timeout: scaled(150_000),
  }, async () => {
    const { bus, file, logs } = rig;
    const bars = await demoBars(BARS);
    // The cut between the two parts: right after a buy target decided while the router is down
    // (its close time is the open of the bar that fills it in the backtest), with one bar set more
    // before the cut and none of the strategy's decisions at the first close time after it.
    const planned = referenceBacktest(file.pipeline, btc, bars).fills;
    const buy = planned.findLast(
      (f, i) =>
        f.side === 'buy' &&
        f.time > bars.openTime[KILL_AT + 30]! &&
        f.time < bars.openTime[BARS - 60]! &&
        (planned[i + 1]?.time ?? Number.POSITIVE_INFINITY) > f.time + 3 * HOUR,
    );
    expect(buy, 'a buy to cut after').toBeDefined();
    const cut = buy!.time + HOUR;
    const replay = (from: number, to?: number) =>
      replayPipeline(bus, {
        venue: 'OKX',
        tf: '1h',
        series: [{ instrument: btc, bars: between(bars, from, to) }],
      });
    const caughtUp = async (lastClose: number, what: string) => {
      try {
        await waitFor(() => settled(bus, 'paper', lastClose), 90_000, what);
      } catch (e) {
        console.error(logs.tail(40));
        throw e;
      }
    };
    // The router up and current, then down while the bars up to the cut are decided.
    const a = await replay(0, bars.openTime[KILL_AT]!);
    await caughtUp(a.lastClose!, 'the router to apply the first bars');
    await rig.routerDown();
    const downAt = Date.now();
    const b = await replay(bars.openTime[KILL_AT]!, cut);
    const positions = await bus.kv(POSITIONS_BUCKET);
    const decided = async () => {
      const e = await positions.get(progressKey('paper'));
      return e && e.value.length > 0 ? decodeProgress(e.value).decidedThrough : 0;
    };
    await waitFor(
      async () => (await decided()) >= b.lastClose! - HOUR && Date.now() - downAt >= LIVE_OUTAGE_MS,
      60_000,
      'the gate to decide every bar set before the cut, the router down',
    );
    rig.routerUp();
    await caughtUp(b.lastClose!, 'the router back, caught up with the bars before the cut');
    const signals = async () =>
      (await readAll(bus, 'SIGNALS', 'sig.sma_cross.>', codecs.Signal)).map((s) => ({
        t: Number(s.message.closeTimeMs),
        long: Number(s.message.target?.equityFraction || s.message.target?.units || 0) > 0,
      }));
    const refused = (await readAll(bus, 'ORDERS', 'ord.rejected.paper', codecs.RiskRejection)).map(
      (x) => x.message,
    );
    const stale = refused.filter((x) => x.reason === pb.RejectReason.REJECT_REASON_STALE_DATA);
    expect(stale.length, 'orders refused while the router was down').toBeGreaterThan(2);
    const before = await signals();
    const lastTarget = before.at(-1)!;
    // The last target before the cut was refused (the router was down): it is what stays pending.
    expect(stale.map((x) => Number(x.order?.decisionTimeMs))).toContain(lastTarget.t);

    const c = await replay(cut);
    await caughtUp(c.lastClose!, 'the last bar set applied');

    // The pending target was planned at the first close time after the cut, which had no signal.
    const approved = (await readAll(bus, 'ORDERS', 'ord.approved.paper', codecs.OrderRequest)).map(
      (a) => a.message,
    );
    const firstAfter = cut + HOUR;
    expect((await signals()).some((s) => s.t === firstAfter)).toBe(false);
    const replanned = approved.filter((o) => Number(o.decisionTimeMs) === firstAfter);
    expect(replanned.length, 'orders of the pending target at the first close time after the cut').toBe(1);
    expect(replanned[0]!.side).toBe(lastTarget.long ? pb.Side.SIDE_BUY : pb.Side.SIDE_SELL);

    // No order twice, each filled once; the account holds the strategy's last target.
    const ids = approved.map((o) => o.clientOrderId);
    expect(new Set(ids).size).toBe(ids.length);
    const fills = await pipelineFills(bus, 'paper');
    expect(new Set(fills.map((f) => f.id)).size).toBe(fills.length);
    expect(fills.every((f) => ids.includes(f.id))).toBe(true);
    const target = (await signals()).at(-1)!;
    const account = (await readAccount(bus, 'paper'))!;
    const qty = account.book.positions['OKX:BTC/USDT']?.qty ?? 0;
    if (target.long) expect(qty).toBeGreaterThan(0);
    else expect(qty).toBe(0);
  });
});
