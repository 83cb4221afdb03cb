import { runBacktest } from '@algotrader/backtest';
import { parseInstrument } from '@algotrader/core';
import { parsePipelineConfig, readAccount, readAll } from '@algotrader/pipeline';
import { codecs } from '@algotrader/proto';
import { readCsvBars } from '@algotrader/store';
import { bundledData, type ClusterNode, scaled, waitFor } from '@algotrader/testkit';
import { describe, expect, test } from 'vitest';
import { replayPipeline } from '../apps/cli/src/commands/pipeline-replay';
import { closeBus, settledRead, startTestCluster, step, type TestCluster } from './helpers/cluster';
import { head, NO_LIMITS } from './helpers/fixtures';
import { backtestFills, pipelineFills, startStages } from './helpers/pipeline';

const BARS = 1_000;
const btc = parseInstrument('OKX:BTC/USDT');
const STAGE_NAMES = ['feature-engine', 'strategy-runner', 'risk-gate', 'order-router'];

/**
 * The four decision stages on a three-node cluster with R3 streams and the deployed users. Mid
 * replay the node every stage is connected to (the MD leader) is killed with SIGKILL, restarted,
 * and then the node most stages moved to is killed too: each stage reconnects to a live node, its
 * readers replace the consumers left on the dead node and resume after the last message they
 * handled. Fills, orders and feature vectors equal the undisturbed run (the backtest). Every step
 * has a deadline that names it; when one fails, the timeline of steps and client warnings is shown.
 */
describe('the four stages on a three-node cluster: the nodes they are connected to killed mid-replay', {
  // A backstop only: every step has its own deadline that fails it naming the step, and the
  // runner's limit must not cut in first (a late step's deadline plus the cleanup ran past 180 s
  // once, and the runner then reported its own timeout instead of the step that was stuck).
  timeout: scaled(600_000),
}, () => {
  test('no bar lost, no order or fill twice, the backtest fills', async () => {
    const bars = head(
      await step('the bundled bars to load', () =>
        readCsvBars(bundledData('demo/binance_BTC-USDT_1h_2024-2025.csv.gz')),
      ),
      BARS,
    );
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

    const tc: TestCluster = await startTestCluster();
    const { cluster, admin, note } = tc;
    let stages: Awaited<ReturnType<typeof startStages>> | undefined;
    try {
      const leader = cluster.node(await tc.leaderOf('MD'));
      // Every stage starts on the MD leader's node (the client learns the other nodes from it).
      // The feature-engine pipelined, as it runs on nats-server 2.10 and later (docker-compose's
      // 2.11): its chained publishes in flight while the nodes fail over.
      stages = await step('the four stages to start on the MD leader', () =>
        startStages(leader.url, pipeline, (s) => ({ user: s, password: `pw-${s}` }), {
          logger: tc.logger,
          fePipelined: true,
        }),
      );
      expect(stages.fePipelined).toBe(true);
      const buses = stages.buses;
      const on = () => buses.map((b) => b.nc.info?.server_name ?? '?');
      expect(on()).toEqual(STAGE_NAMES.map(() => leader.name));
      const killed: { node: string; stagesOn: string[] }[] = [];
      const kill = async (node: ClusterNode) => {
        killed.push({ node: node.name, stagesOn: STAGE_NAMES.filter((_, i) => on()[i] === node.name) });
        note(`kill -9 ${node.name} (stages on ${on().join(', ')})`);
        await node.kill();
      };
      const restart = async (node: ClusterNode) => {
        note(`restart ${node.name}`);
        await node.restart();
        note(`${node.name} restarted`);
      };
      const mostUsed = (): ClusterNode => {
        const names = on();
        const counts = cluster.nodes.map((n) => names.filter((x) => x === n.name).length);
        return cluster.nodes[counts.indexOf(Math.max(...counts))]!;
      };
      // The bars go in at full speed, so the stages have a backlog when their node dies (the case
      // where the ordered consumer, left on the dead node, waited forever); the kills follow the
      // order-router's progress through the bars.
      const collector = await tc.connect('collector');
      let published = 0;
      const replay = replayPipeline(collector, {
        venue: pipeline.venue,
        tf: pipeline.tf,
        series: [{ instrument: btc, bars }],
        onProgress: () => {
          published += 1;
        },
      });
      let stepped = 0;
      const progress = async () => {
        stepped = (await readAccount(admin, 'paper').catch(() => undefined))?.steppedThrough ?? stepped;
        return stepped;
      };
      const state = () =>
        `bars published ${published}/${BARS}, router stepped to bar ${bars.openTime.findIndex((t) => t >= stepped)}, stages on ${on().join(', ')}\n--- timeline ---\n${tc.timeline()}`;
      const reach = async (share: number, what: string) => {
        await waitFor(
          async () => (await progress()) >= bars.openTime[Math.floor(share * BARS)]!,
          60_000,
          () => `the stages to reach ${share * 100}% of the bars ${what} (${state()})`,
        );
        note(`reached ${share * 100}% ${what}`);
      };
      await reach(0.2, 'before the first kill');
      await kill(leader);
      await reach(0.35, `after ${leader.name} was killed`);
      await restart(leader);
      await waitFor(
        () => tc.allCurrent(),
        60_000,
        () => `every replica current before the next kill (${state()})`,
      );
      await reach(0.5, 'before the second kill');
      const second = mostUsed();
      await kill(second);
      await reach(0.65, `after ${second.name} was killed`);
      await restart(second);
      const r = await step('the replay to publish every bar', replay, 120_000);
      note(`replay done: ${r.sets} bar sets`);
      expect(r.sets).toBe(BARS);
      await waitFor(
        async () => (await progress()) >= r.lastClose!,
        90_000,
        () => `the paper router to apply the last bar set after the kills (${state()})`,
      );
      note('the router applied the last bar set');
      // The kills hit the stages: all four on the first node, at least one on the second.
      expect(killed[0]).toEqual({ node: leader.name, stagesOn: STAGE_NAMES });
      expect(killed[1]!.stagesOn.length).toBeGreaterThan(0);

      // No bar lost or taken twice: one feature vector per bar, in order; one signal set per bar.
      const vectors = await settledRead('the feature vectors', () =>
        readAll(admin, 'FEATURES', 'feat.okx.>', codecs.FeatureVector),
      );
      expect(vectors.map((v) => Number(v.message.closeTimeMs))).toEqual(
        Array.from(bars.openTime, (t) => t + 3_600_000),
      );
      const sets = await settledRead('the signal sets', () =>
        readAll(admin, 'SIGNALS', 'sig._set.>', codecs.SignalSetClosed),
      );
      expect(sets.length).toBe(BARS);
      // Every order decided once: exactly the backtest's orders.
      const approved = await settledRead('the approved orders', () =>
        readAll(admin, 'ORDERS', 'ord.approved.paper', codecs.OrderRequest),
      );
      expect(approved.map((a) => a.message.clientOrderId)).toEqual(
        reference.orders.map((o) => o.order.clientOrderId),
      );
      // The same fills as the undisturbed run, each once, and the same cash.
      expect(await settledRead('the fills', () => pipelineFills(admin, 'paper'))).toEqual(
        backtestFills(reference.fills),
      );
      const account = (await settledRead('the account', () => readAccount(admin, 'paper')))!;
      expect(account.book.cash).toBe(reference.equity.cash[reference.equity.cash.length - 1]);
    } catch (e) {
      console.error(`--- timeline ---\n${tc.timeline(300)}`);
      throw e;
    } finally {
      if (stages) {
        await step('the stages to stop', () => stages!.stop()).catch((e: unknown) => {
          console.error(`${(e as Error).message}\n--- timeline ---\n${tc.timeline(300)}`);
        });
        for (const b of stages.buses) await closeBus(b, `the ${b.service} stage connection`);
      }
      await tc.stop();
    }
  });
});
