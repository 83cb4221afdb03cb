import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runBacktest } from '@algotrader/backtest';
import { parseInstrument } from '@algotrader/core';
import {
  loadPipeline,
  PIPELINE_ENV,
  readAccount,
  readAll,
  STAGES,
  Supervisor,
  stageEntry,
} from '@algotrader/pipeline';
import { codecs } from '@algotrader/proto';
import { readCsvBars } from '@algotrader/store';
import { bundledData, type ClusterNode, repoRoot, scaled, waitFor } from '@algotrader/testkit';
import { describe, expect, test } from 'vitest';
import { replayPipeline } from '../apps/cli/src/commands/pipeline-replay';
import { settledRead, startTestCluster, step, type TestCluster } from './helpers/cluster';
import { head, NO_LIMITS } from './helpers/fixtures';
import { backtestFills, pipelineFills } from './helpers/pipeline';

const BARS = 600;
const btc = parseInstrument('OKX:BTC/USDT');

/**
 * The kill -9 suite on a three-node JetStream cluster (every stream and KV bucket with 3 replicas,
 * the deployed users): the four stages run as their own processes (each as its own NATS user,
 * NATS_URL listing the three nodes), supervised and restarted after a crash. While bars go in,
 * stage processes are killed with SIGKILL, then the node leading MD (the stream leader the
 * collector publishes to), and later a whole host: the node most stages are connected to together
 * with those stages' processes. Afterwards: every bar once in MD and one feature vector and one
 * signal set per bar (0 lost bars), every approved order once and exactly the backtest's
 * (0 duplicate orders), every fill once and the backtest's fills and cash.
 */
describe('the stages as processes on a three-node cluster: kill -9 of stages, of the MD leader and of a whole host mid-replay', {
  // A backstop only: every step has its own deadline that fails it naming the step, and the
  // runner's limit must not cut in first (a late step's deadline plus the cleanup ran past 180 s
  // once, and the runner then reported its own timeout instead of the step that was stuck).
  timeout: scaled(600_000),
}, () => {
  test('0 lost bars, 0 duplicate orders, the fills and cash of the backtest', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'algotrader-cluster-procs-'));
    let tc: TestCluster | undefined;
    let supervisor: Supervisor | undefined;
    try {
      const configPath = join(dir, 'pipeline.json');
      writeFileSync(
        configPath,
        JSON.stringify({
          account: 'paper',
          instruments: ['OKX:BTC/USDT'],
          strategies: [{ name: 'sma_cross', params: { fast: 5, slow: 15 }, instruments: ['OKX:BTC/USDT'] }],
          paper: { initialCash: 10_000, quoteCurrency: 'USDT' },
          risk: NO_LIMITS,
          mode: 'replay',
          // Frequent checkpoints and some messages after each: a restart resumes from a checkpoint
          // and takes again what followed it.
          checkpointEveryMs: 250,
        }),
      );
      const pipeline = await step('the pipeline to load', () => loadPipeline(configPath));
      const bars = head(
        await step('the bundled bars to load', () =>
          readCsvBars(bundledData('demo/binance_BTC-USDT_1h_2024-2025.csv.gz')),
        ),
        BARS,
      );
      const reference = runBacktest({
        strategy: pipeline.strategies[0]!.strategy,
        params: pipeline.strategies[0]!.params,
        data: { timeframe: '1h', series: [{ instrument: btc, bars, spec: pipeline.specs[0]! }] },
        initialCash: 10_000,
        fillModel: pipeline.config.fillModel,
        account: 'paper',
      });
      expect(reference.fills.length, 'the period must trade').toBeGreaterThan(20);

      tc = await startTestCluster({ monitor: true });
      const { cluster, admin, note } = tc;
      const sup = new Supervisor({
        stages: STAGES.map((name) => ({
          name,
          entry: stageEntry(repoRoot, name),
          env: { NATS_USER: name, NATS_PASSWORD: `pw-${name}` },
        })),
        cwd: repoRoot,
        env: {
          // Every node, comma-separated: a stage restarted while a node is down connects to another.
          NATS_URL: cluster.urls.join(','),
          NATS_REPLICAS: '3',
          [PIPELINE_ENV]: configPath,
          ALGOTRADER_LOG_LEVEL: 'warn',
        },
        backoffMs: [200, 500, 1_000],
        onLine: (stage, line) => note(`[${stage}] ${line}`),
        onEvent: (e) => note(`supervisor: ${JSON.stringify(e)}`),
      });
      supervisor = sup;
      sup.start();

      /** Which node each stage is connected to now (from the nodes' monitoring endpoints). */
      const stagesOn = async (node: ClusterNode): Promise<string[]> => {
        const names = await node.clients().catch((): string[] => []);
        return STAGES.filter((s) => names.includes(s));
      };
      const placement = async () => {
        const out: Record<string, string[]> = {};
        for (const n of cluster.nodes) if (n.running) out[n.name] = await stagesOn(n);
        return out;
      };
      await waitFor(
        async () => Object.values(await placement()).flat().length === STAGES.length,
        60_000,
        () => `the four stage processes to connect (${tc!.timeline(40)})`,
      );
      note(`stages connected: ${JSON.stringify(await placement())}`);

      const collector = await tc.connect('collector');
      const killed: { what: string; stages: string[] }[] = [];
      const killStages = (names: readonly string[], why: string) => {
        for (const s of names) {
          note(`kill -9 stage ${s} (${why})`);
          sup.kill(s);
        }
      };
      const killNode = async (node: ClusterNode, what: string, withStages: boolean) => {
        const on = await stagesOn(node);
        killed.push({ what: `${what} ${node.name}`, stages: on });
        note(`kill -9 node ${node.name} (${what}; stages on it: ${on.join(', ') || 'none'})`);
        // A host dies: its nats-server and the stage processes on it at once.
        await Promise.all([node.kill(), withStages ? killStages(on, `on ${node.name}`) : undefined]);
      };
      const restartNode = async (node: ClusterNode) => {
        note(`restart node ${node.name}`);
        await node.restart();
        await waitFor(
          () => tc!.allCurrent(),
          60_000,
          () => `every replica current after ${node.name} came back (${tc!.timeline(60)})`,
        );
        note(`${node.name} back, every replica current`);
      };
      let leaderNode: ClusterNode | undefined;
      let hostNode: ClusterNode | undefined;
      // Each fault at its share of the bars published, one after the other (a chain beside the replay).
      const faults: [number, () => Promise<void>][] = [
        [0.1, async () => killStages(['feature-engine'], 'crash')],
        [
          0.2,
          async () => {
            leaderNode = cluster.node(await tc!.leaderOf('MD'));
            await killNode(leaderNode, 'the MD leader', false);
          },
        ],
        [0.3, async () => killStages(['risk-gate', 'order-router'], 'crash while a node is down')],
        [0.4, () => restartNode(leaderNode!)],
        [
          0.55,
          async () => {
            // The host with the most stages on it (at least one: four stages, three nodes).
            const p = await placement();
            const busiest = Object.entries(p).sort((a, b) => b[1].length - a[1].length)[0]!;
            hostNode = cluster.node(busiest[0]);
            await killNode(hostNode, 'a whole host', true);
          },
        ],
        [0.7, () => restartNode(hostNode!)],
        [0.8, async () => killStages(['strategy-runner'], 'crash')],
      ];
      let published = 0;
      let chain: Promise<void> = Promise.resolve();
      let faultError: unknown;
      const replay = replayPipeline(collector, {
        venue: pipeline.venue,
        tf: pipeline.tf,
        series: [{ instrument: btc, bars }],
        speed: { kind: 'rate', perSecond: 40 },
        onProgress: () => {
          published += 1;
          while (faults.length > 0 && published >= faults[0]![0] * BARS) {
            const [, f] = faults.shift()!;
            chain = chain.then(f).catch((e: unknown) => {
              faultError ??= e;
            });
          }
        },
      });
      const r = await step('the replay to publish every bar through the faults', replay, 120_000);
      await step('the faults to be done', chain, 120_000);
      if (faultError) throw faultError;
      expect(r.sets).toBe(BARS);
      // The last fault can come after the replay's last bar when a node's catch-up was slow: wait
      // (bounded) for every killed stage to be running again before reading what it wrote.
      await waitFor(
        () => STAGES.every((s) => sup.restarts(s) > 0 && sup.running(s)),
        60_000,
        () =>
          `every killed stage to be restarted (${STAGES.map((s) => `${s}: ${sup.restarts(s)}`).join(', ')})\n--- timeline ---\n${tc!.timeline(60)}`,
      );
      let stepped = 0;
      await waitFor(
        async () => {
          stepped = (await readAccount(admin, 'paper').catch(() => undefined))?.steppedThrough ?? stepped;
          return stepped >= r.lastClose!;
        },
        90_000,
        () =>
          `the paper router to apply the last bar set (at bar ${bars.openTime.findIndex((t) => t >= stepped)} of ${BARS})\n--- timeline ---\n${tc!.timeline()}`,
      );

      // The faults happened: every stage crashed and came back; the host's death took stages with it.
      for (const s of STAGES) expect(sup.restarts(s), `${s} was killed and restarted`).toBeGreaterThan(0);
      expect(killed.map((k) => k.what)).toEqual([
        `the MD leader ${leaderNode!.name}`,
        `a whole host ${hostNode!.name}`,
      ]);
      expect(killed[1]!.stages.length, 'stages on the host that died').toBeGreaterThan(0);

      // 0 lost bars: every bar once in MD; one feature vector per bar, in order; one signal set per bar.
      const md = await settledRead('the MD stream info', () => admin.jsm.streams.info('MD'));
      expect(md.state.messages, 'one bar and one bar-set marker per hour').toBe(2 * BARS);
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
      // 0 duplicate orders: every approved order once, exactly the backtest's.
      const approved = await settledRead('the approved orders', () =>
        readAll(admin, 'ORDERS', 'ord.approved.paper', codecs.OrderRequest),
      );
      const ids = approved.map((a) => a.message.clientOrderId);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids).toEqual(reference.orders.map((o) => o.order.clientOrderId));
      // Every fill once, the backtest's fills and cash.
      const fills = await settledRead('the fills', () =>
        readAll(admin, 'EXEC', 'exec.fill.paper', codecs.Fill),
      );
      expect(new Set(fills.map((f) => f.message.tradeId)).size).toBe(fills.length);
      expect(await settledRead('the fills as rows', () => pipelineFills(admin, 'paper'))).toEqual(
        backtestFills(reference.fills),
      );
      const account = (await settledRead('the account', () => readAccount(admin, 'paper')))!;
      expect(account.fills).toBe(reference.fills.length);
      expect(account.book.cash).toBe(reference.equity.cash[reference.equity.cash.length - 1]);
    } catch (e) {
      if (tc) console.error(`--- timeline ---\n${tc.timeline(300)}`);
      throw e;
    } finally {
      await step('the stage processes to stop', () => supervisor?.stop() ?? Promise.resolve()).catch(
        (e: unknown) => console.error((e as Error).message),
      );
      await tc?.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
