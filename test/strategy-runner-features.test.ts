import { Bus, SYSTEM_TOPOLOGY, subjects } from '@algotrader/bus';
import { type Clock, parseInstrument } from '@algotrader/core';
import { barOut, parsePipelineConfig, readAll } from '@algotrader/pipeline';
import { codecs, type FeatureVector } from '@algotrader/proto';
import { StrategyRunner } from '@algotrader/strategy-runner';
import { NatsServer, waitFor } from '@algotrader/testkit';
import { describe, expect, test } from 'vitest';

const clock: Clock = { now: () => Date.now() };
const HOUR = 3_600_000;
const T0 = Date.UTC(2024, 0, 1);
const btc = parseInstrument('OKX:BTC/USDT');

const pipeline = parsePipelineConfig({
  account: 'paper',
  instruments: ['OKX:BTC/USDT'],
  strategies: [
    {
      name: 'sma_cross',
      params: { fast: 2, slow: 3, sizing: { kind: 'fixed', qty: 1 } },
      instruments: ['OKX:BTC/USDT'],
    },
  ],
  mode: 'replay',
});

/**
 * The vector of bar `h` (closing at T0 + (h+1)h) with the given feature values. Every bar has the
 * same price: a strategy computing its SMAs from the bars would see fast = slow forever and never
 * trade, so a signal proves the runner handed it these values.
 */
function vector(h: number, values: Record<string, number>): FeatureVector {
  const openTime = T0 + h * HOUR;
  const bar = {
    instrument: btc,
    openTime,
    closeTime: openTime + HOUR,
    open: 100,
    high: 100,
    low: 100,
    close: 100,
    volume: 1,
  };
  return {
    instrument: { venue: 'OKX', symbol: 'BTC/USDT' },
    timeframe: '1h',
    closeTimeMs: openTime + HOUR,
    values,
    warm: true,
    bar: barOut(bar, '1h', 'test'),
  };
}

async function publishVector(bus: Bus, h: number, values: Record<string, number>): Promise<number> {
  const ack = await bus.publish(codecs.FeatureVector, subjects.feature(btc, '1h'), vector(h, values), {
    msgId: `test-feat-${h}`,
  });
  return ack.seq;
}

async function publishSet(bus: Bus, h: number): Promise<number> {
  const t = T0 + (h + 1) * HOUR;
  const ack = await bus.publish(
    codecs.BarSetClosed,
    subjects.featureSet('OKX', '1h'),
    { venue: 'OKX', timeframe: '1h', closeTimeMs: t, arrived: ['BTC/USDT'], missing: [], timedOut: false },
    { msgId: `test-featset-${h}` },
  );
  return ack.seq;
}

describe('strategy-runner: ctx.features are the FeatureVector values', () => {
  test('decides on the values it is sent, refuses a vector lacking a declared feature, restores them from its checkpoint', async () => {
    const server = await NatsServer.start();
    const bus = await Bus.connect({ servers: server.url, service: 'test' });
    const runnerBus = await Bus.connect({ servers: server.url, service: 'strategy-runner' });
    let runner: StrategyRunner | undefined;
    try {
      await bus.ensure(SYSTEM_TOPOLOGY);
      runner = await StrategyRunner.start({ bus: runnerBus, pipeline, clock });
      const warm = { 'sma:close:2': Number.NaN, 'sma:close:3': Number.NaN };
      const steps: [number, Record<string, number> | undefined][] = [
        [0, warm],
        [1, { 'sma:close:2': 1, 'sma:close:3': 2 }], // below: sets the side
        [2, { 'sma:close:2': 3, 'sma:close:3': 2 }], // cross up: target 1
        [3, { 'sma:close:2': 1 }], // lacks sma:close:3: refused whole
        [4, { 'sma:close:2': 1, 'sma:close:3': 1 }], // a touch: nothing
        [5, { 'sma:close:2': 0.5, 'sma:close:3': 1 }], // cross down: target 0
      ];
      let last = 0;
      for (const [h, values] of steps) {
        if (values) await publishVector(bus, h, values);
        last = await publishSet(bus, h);
      }
      await waitFor(() => runner!.position >= last, 30_000, 'the runner to read every message');

      const signals = (await readAll(bus, 'SIGNALS', 'sig.sma_cross.>', codecs.Signal)).map(
        ({ message: s }) => [Number(s.closeTimeMs), s.target?.units],
      );
      expect(signals).toEqual([
        [T0 + 3 * HOUR, '1'],
        [T0 + 6 * HOUR, '0'],
      ]);
      const refusals = async () =>
        (await readAll(bus, 'OPS', 'ops.alert.>', codecs.Alert))
          .map((a) => a.message)
          .filter((a) => a.code === 'feature_rejected');
      await waitFor(async () => (await refusals()).length > 0, 30_000, 'the refusal alert');
      const refused = await refusals();
      expect(refused).toHaveLength(1);
      expect(refused[0]!.message).toMatch(/lacks sma:close:3, declared by strategy sma_cross/);

      // A vector applied, the runner stopped before its bar set: the checkpoint carries its values,
      // and the restarted runner decides on them when the set arrives (NaN would decide nothing).
      const seq = await publishVector(bus, 6, { 'sma:close:2': 2, 'sma:close:3': 1 }); // cross up
      await waitFor(() => runner!.position >= seq, 30_000, 'the runner to apply the vector');
      await runner.stop();
      runner = await StrategyRunner.start({ bus: runnerBus, pipeline, clock });
      expect(runner.position).toBe(seq);
      const setSeq = await publishSet(bus, 6);
      await waitFor(() => runner!.position >= setSeq, 30_000, 'the restarted runner to step');
      const after = (await readAll(bus, 'SIGNALS', 'sig.sma_cross.>', codecs.Signal)).map(
        ({ message: s }) => [Number(s.closeTimeMs), s.target?.units],
      );
      expect(after[2]).toEqual([T0 + 7 * HOUR, '1']);
    } finally {
      await runner?.stop();
      await runnerBus.close();
      await bus.close();
      await server.stop();
    }
  });
});
