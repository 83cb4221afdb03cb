import { runBacktest } from '@algotrader/backtest';
import { Bus, SYSTEM_TOPOLOGY } from '@algotrader/bus';
import { parseInstrument } from '@algotrader/core';
import { FeatureEngine } from '@algotrader/feature-engine';
import { OrderRouter, PaperVenue } from '@algotrader/order-router';
import { POSITIONS_BUCKET, readAccount } from '@algotrader/pipeline';
import { RiskGate } from '@algotrader/risk-gate';
import { readCsvBars } from '@algotrader/store';
import { StrategyRunner } from '@algotrader/strategy-runner';
import { bundledData, NatsServer, waitFor } from '@algotrader/testkit';
import { describe, expect, test } from 'vitest';
import { replayPipeline } from '../apps/cli/src/commands/pipeline-replay';
import { head } from './helpers/fixtures';
import { overriding, withBucket } from './helpers/overrides';
import { backtestFills, pipelineFills } from './helpers/pipeline';
import { paperBtcReplay } from './helpers/stage-users';

const BARS = 300;
const btc = parseInstrument('OKX:BTC/USDT');
const clock = { now: () => Date.now() };

/**
 * A bus whose `positions` bucket loses the first write of every risk-gate progress value (as a
 * write during a NATS failover does: refused, or its answer lost); the same write again succeeds.
 */
function losingFirstProgressWrites(bus: Bus, lost: { n: number }): Bus {
  const seen = new Set<string>();
  return withBucket(bus, POSITIONS_BUCKET, (kv) =>
    overriding(kv, {
      put: (k: string, v: Uint8Array) => {
        const id = `${k}:${Buffer.from(v).toString('hex')}`;
        if (k.startsWith('decided.') && !seen.has(id)) {
          seen.add(id);
          lost.n += 1;
          return Promise.reject(new Error('progress write lost (injected)'));
        }
        return kv.put(k, v);
      },
    }),
  );
}

/**
 * The gate writes its decision progress; the paper router steps a bar only once the decisions
 * that may fill on it are written, and the gate decides a close time with signals only once the
 * router has stepped to it. A progress write lost in a NATS failover and never written again left
 * both waiting for each other for good (the cluster stages test stalled on it under load).
 */
describe('risk gate: a lost progress write is written again', () => {
  test('every progress write lost once: the replay still ends with the backtest fills', async () => {
    const bars = head(await readCsvBars(bundledData('demo/binance_BTC-USDT_1h_2024-2025.csv.gz')), BARS);
    const params = { fast: 5, slow: 15 };
    const pipeline = paperBtcReplay(params);
    const reference = runBacktest({
      strategy: pipeline.strategies[0]!.strategy,
      params,
      data: { timeframe: '1h', series: [{ instrument: btc, bars, spec: pipeline.specs[0]! }] },
      initialCash: 10_000,
      fillModel: pipeline.config.fillModel,
      account: 'paper',
    });
    expect(reference.fills.length, 'the period must trade').toBeGreaterThan(5);
    const server = await NatsServer.start();
    const buses: Bus[] = [];
    const stops: (() => Promise<void>)[] = [];
    try {
      const connect = async (service: string) => {
        const b = await Bus.connect({ servers: server.url, service });
        buses.push(b);
        return b;
      };
      const admin = await connect('admin');
      await admin.ensure(SYSTEM_TOPOLOGY);
      const lost = { n: 0 };
      const router = await OrderRouter.start({
        bus: await connect('order-router'),
        pipeline,
        clock,
        venue: new PaperVenue(pipeline),
      });
      stops.push(() => router.stop());
      const gate = await RiskGate.start({
        bus: losingFirstProgressWrites(await connect('risk-gate'), lost),
        pipeline,
        clock,
      });
      stops.push(() => gate.stop());
      const sr = await StrategyRunner.start({ bus: await connect('strategy-runner'), pipeline, clock });
      stops.push(() => sr.stop());
      const fe = await FeatureEngine.start({ bus: await connect('feature-engine'), pipeline, clock });
      stops.push(() => fe.stop());
      const r = await replayPipeline(admin, {
        venue: pipeline.venue,
        tf: pipeline.tf,
        series: [{ instrument: btc, bars }],
      });
      let stepped = 0;
      await waitFor(
        async () => {
          stepped = (await readAccount(admin, 'paper'))?.steppedThrough ?? 0;
          return stepped >= r.lastClose!;
        },
        30_000,
        () =>
          `the router to step the last bar (at bar ${bars.openTime.findIndex((t) => t >= stepped)} of ${BARS}; ${lost.n} progress writes lost, gate ${JSON.stringify(gate.counters)})`,
      );
      expect(lost.n, 'progress writes were lost').toBeGreaterThan(5);
      expect(gate.counters.progressRetries).toBeGreaterThan(0);
      expect(await pipelineFills(admin, 'paper')).toEqual(backtestFills(reference.fills));
    } finally {
      for (const s of stops) await s().catch(() => {});
      for (const b of buses) await b.close().catch(() => {});
      await server.stop();
    }
  });
});
