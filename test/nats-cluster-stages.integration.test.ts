import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { runBacktest } from '@algotrader/backtest';
import { Bus, SYSTEM_TOPOLOGY } from '@algotrader/bus';
import { parseInstrument } from '@algotrader/core';
import { parsePipelineConfig, readAccount, readAll } from '@algotrader/pipeline';
import { codecs } from '@algotrader/proto';
import { readCsvBars } from '@algotrader/store';
import { bundledData, type ClusterNode, NatsCluster, scaled, waitFor } from '@algotrader/testkit';
import { describe, expect, test } from 'vitest';
import { replayPipeline } from '../apps/cli/src/commands/pipeline-replay';
import { head, NO_LIMITS } from './helpers/fixtures';
import { backtestFills, pipelineFills, startStages } from './helpers/pipeline';

const auth = readFileSync(resolve(import.meta.dirname, '../infra/nats/auth.conf'), 'utf8');
const env = Object.fromEntries(
  [...auth.matchAll(/\$(NATS_PASSWORD_([A-Z_]+))/g)].map((m) => [
    m[1]!,
    `pw-${m[2]!.toLowerCase().replace(/_/g, '-')}`,
  ]),
);
const BARS = 1_000;
const btc = parseInstrument('OKX:BTC/USDT');
const STAGE_NAMES = ['feature-engine', 'strategy-runner', 'risk-gate', 'order-router'];

/**
 * The four decision stages on a three-node cluster with R3 streams and the deployed users. Mid
 * replay the node every stage is connected to (the MD leader) is killed with SIGKILL, restarted,
 * and then the node most stages moved to is killed too: each stage reconnects to a live node, its
 * readers replace the consumers left on the dead node and resume after the last message they
 * handled. Fills, orders and feature vectors equal the undisturbed run (the backtest).
 */
describe('the four stages on a three-node cluster: the nodes they are connected to killed mid-replay', {
  timeout: scaled(180_000),
}, () => {
  test('no bar lost, no order or fill twice, the backtest fills', async () => {
    const bars = head(await readCsvBars(bundledData('demo/binance_BTC-USDT_1h_2024-2025.csv.gz')), BARS);
    const params = { fast: 5, slow: 15 };
    const pipeline = parsePipelineConfig({
      account: 'paper',
      instruments: ['OKX:BTC/USDT'],
      strategies: [{ name: 'sma_cross', params, instruments: ['OKX:BTC/USDT'] }],
      paper: { initialCash: 10_000, quoteCurrency: 'USDT' },
      risk: NO_LIMITS,
      mode: 'replay',
    });
    const reference = runBacktest({
      strategy: pipeline.strategies[0]!.strategy,
      params,
      data: { timeframe: '1h', series: [{ instrument: btc, bars, spec: pipeline.specs[0]! }] },
      initialCash: 10_000,
      fillModel: pipeline.config.fillModel,
      account: 'paper',
    });
    expect(reference.fills.length, 'the period must trade').toBeGreaterThan(40);

    const cluster = await NatsCluster.start({ config: auth, env });
    const opened: Bus[] = [];
    const connect = async (service: string) => {
      const b = await Bus.connect({
        servers: cluster.urls,
        service,
        user: service,
        password: `pw-${service}`,
        ensure: { replicas: 3, storage: 'file', duplicateWindowMs: 2 * 3_600_000 },
        publishAttempts: 40,
        publishTimeoutMs: 2_000,
      });
      opened.push(b);
      return b;
    };
    let stages: Awaited<ReturnType<typeof startStages>> | undefined;
    try {
      const admin = await connect('admin');
      await waitFor(
        () =>
          admin.ensure(SYSTEM_TOPOLOGY).then(
            () => true,
            () => false,
          ),
        scaled(30_000),
        'the topology with 3 replicas',
      );
      const leader = cluster.node((await admin.jsm.streams.info('MD')).cluster?.leader ?? '');
      // Every stage starts on the MD leader's node (the client learns the other nodes from it).
      stages = await startStages(leader.url, pipeline, (s) => ({ user: s, password: `pw-${s}` }));
      const on = () => stages!.buses.map((b) => b.nc.info?.server_name ?? '?');
      expect(on()).toEqual(STAGE_NAMES.map(() => leader.name));
      const allCurrent = async () => {
        for (const s of ['MD', 'FEATURES', 'SIGNALS', 'ORDERS', 'EXEC', 'KV_checkpoints', 'KV_positions']) {
          const info = await admin.jsm.streams.info(s).catch(() => undefined);
          const replicas = info?.cluster?.replicas ?? [];
          if (!info?.cluster?.leader || replicas.length !== 2 || !replicas.every((r) => r.current))
            return false;
        }
        return true;
      };
      const killed: { node: string; stagesOn: string[] }[] = [];
      const kill = async (node: ClusterNode) => {
        killed.push({ node: node.name, stagesOn: STAGE_NAMES.filter((_, i) => on()[i] === node.name) });
        await node.kill();
      };
      const mostUsed = (): ClusterNode => {
        const names = on();
        const counts = cluster.nodes.map((n) => names.filter((x) => x === n.name).length);
        return cluster.nodes[counts.indexOf(Math.max(...counts))]!;
      };
      // The bars go in at full speed, so the stages have a backlog when their node dies (the case
      // where the ordered consumer, left on the dead node, waited forever); the kills follow the
      // order-router's progress through the bars.
      const collector = await connect('collector');
      const replay = replayPipeline(collector, {
        venue: pipeline.venue,
        tf: pipeline.tf,
        series: [{ instrument: btc, bars }],
      });
      const stepped = async () =>
        (await readAccount(admin, 'paper').catch(() => undefined))?.steppedThrough ?? 0;
      const reach = (share: number, what: string) =>
        waitFor(
          async () => (await stepped()) >= bars.openTime[Math.floor(share * BARS)]!,
          scaled(60_000),
          () => `the stages to reach ${share * 100}% of the bars ${what} (stages on ${on().join(', ')})`,
        );
      await reach(0.2, 'before the first kill');
      await kill(leader);
      await reach(0.35, `after ${leader.name} was killed`);
      await leader.restart();
      await waitFor(allCurrent, scaled(60_000), 'every replica current before the next kill');
      await reach(0.5, 'before the second kill');
      const second = mostUsed();
      await kill(second);
      await reach(0.65, `after ${second.name} was killed`);
      await second.restart();
      const r = await replay;
      expect(r.sets).toBe(BARS);
      await waitFor(
        async () => (await stepped()) >= r.lastClose!,
        scaled(90_000),
        'the paper router to apply the last bar set after the kills',
      );
      // The kills hit the stages: all four on the first node, at least one on the second.
      expect(killed[0]).toEqual({ node: leader.name, stagesOn: STAGE_NAMES });
      expect(killed[1]!.stagesOn.length).toBeGreaterThan(0);

      // No bar lost or taken twice: one feature vector per bar, in order; one signal set per bar.
      const vectors = await readAll(admin, 'FEATURES', 'feat.okx.>', codecs.FeatureVector);
      expect(vectors.map((v) => Number(v.message.closeTimeMs))).toEqual(
        Array.from(bars.openTime, (t) => t + 3_600_000),
      );
      expect((await readAll(admin, 'SIGNALS', 'sig._set.>', codecs.SignalSetClosed)).length).toBe(BARS);
      // Every order decided once: exactly the backtest's orders.
      const approved = await readAll(admin, 'ORDERS', 'ord.approved.paper', codecs.OrderRequest);
      expect(approved.map((a) => a.message.clientOrderId)).toEqual(
        reference.orders.map((o) => o.order.clientOrderId),
      );
      // The same fills as the undisturbed run, each once, and the same cash.
      expect(await pipelineFills(admin, 'paper')).toEqual(backtestFills(reference.fills));
      const account = (await readAccount(admin, 'paper'))!;
      expect(account.book.cash).toBe(reference.equity.cash[reference.equity.cash.length - 1]);
    } finally {
      await stages?.stop().catch(() => {});
      for (const b of opened) await b.close().catch(() => {});
      await cluster.stop();
    }
  });
});
