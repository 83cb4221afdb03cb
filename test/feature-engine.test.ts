import { Bus, SYSTEM_TOPOLOGY } from '@algotrader/bus';
import { type BarColumns, type Clock, parseInstrument } from '@algotrader/core';
import { FeatureEngine, featuresOf, fixesDiscardNew } from '@algotrader/feature-engine';
import {
  computeBatchFeature,
  FEATURE_REPLAY_TOLERANCE,
  featureHistoryBars,
  featureKey,
  featureOutputKeys,
  featureOutputs,
  parseFeatureKey,
} from '@algotrader/features';
import { parsePipelineConfig, readAll } from '@algotrader/pipeline';
import { codecs } from '@algotrader/proto';
import { readCsvBars } from '@algotrader/store';
import { bundledData, NatsServer, waitFor } from '@algotrader/testkit';
import { describe, expect, test } from 'vitest';
import { replayPipeline } from '../apps/cli/src/commands/pipeline-replay';

const clock: Clock = { now: () => Date.now() };
const N = 360;
const RESTART = 300;

function slice(c: BarColumns, from: number, n: number): BarColumns {
  const a = c.openTime.findIndex((t) => t >= from);
  return {
    openTime: c.openTime.slice(a, a + n),
    open: c.open.slice(a, a + n),
    high: c.high.slice(a, a + n),
    low: c.low.slice(a, a + n),
    close: c.close.slice(a, a + n),
    volume: c.volume.slice(a, a + n),
  };
}

/** Three strategies over three instruments, none of them listing a feature in the configuration. */
const CONFIG = {
  account: 'paper',
  instruments: ['OKX:BTC/USDT', 'OKX:ETH/USDT', 'OKX:LTC/USDT'],
  strategies: [
    { name: 'sma_cross', params: { fast: 3, slow: 8 }, instruments: ['OKX:BTC/USDT', 'OKX:ETH/USDT'] },
    { name: 'bollinger_reversion', params: { period: 10, rsiPeriod: 5 }, instruments: ['OKX:ETH/USDT'] },
    { name: 'xs_momentum', params: { lookback: 6 }, instruments: ['OKX:ETH/USDT', 'OKX:LTC/USDT'] },
  ],
  mode: 'replay',
} as const;

/** The output keys each instrument should carry: the union of what its strategies declare. */
const EXPECTED: Record<string, string[]> = {
  'OKX:BTC/USDT': ['sma:close:3', 'sma:close:8'],
  'OKX:ETH/USDT': [
    'sma:close:3',
    'sma:close:8',
    'bollinger:close:10:2.middle',
    'bollinger:close:10:2.upper',
    'bollinger:close:10:2.lower',
    'rsi:close:5',
    'roc:close:6',
  ],
  'OKX:LTC/USDT': ['roc:close:6'],
};

describe('feature-engine: computes exactly what the configured strategies declare', () => {
  test('per instrument the union of the declared features; the history covers the longest', () => {
    const p = parsePipelineConfig(CONFIG);
    for (const [key, outputs] of Object.entries(EXPECTED)) {
      expect(featuresOf(p, key).flatMap(featureOutputKeys).sort()).toEqual([...outputs].sort());
    }
    expect(p.features.map(featureKey).sort()).toEqual(
      ['sma:close:3', 'sma:close:8', 'bollinger:close:10:2', 'rsi:close:5', 'roc:close:6'].sort(),
    );
    // RSI is recursive: its seed's weight must have decayed below double rounding, so it needs far
    // more than its 6-bar warm-up: 6 + ⌈ln 2⁻⁶⁰ / ln 0.8⌉ = 193 bars.
    expect(p.featureHistory).toBe(
      featureHistoryBars(parseFeatureKey('rsi:close:5'), FEATURE_REPLAY_TOLERANCE),
    );
    expect(p.featureHistory).toBe(193);
  });

  test('a configuration that still lists features is refused with the reason', () => {
    const old = {
      ...CONFIG,
      strategies: [{ ...CONFIG.strategies[0], features: [{ kind: 'sma', period: 3 }] }],
    };
    expect(() => parsePipelineConfig(old)).toThrow(/features are declared by the strategy itself/);
  });

  test.each([{ pipelined: false }, { pipelined: true }])(
    'publishes those keys and the batch values bit for bit, bar by bar, over NATS, across a restart (pipelined: $pipelined)',
    async ({ pipelined }) => {
      const pipeline = parsePipelineConfig(CONFIG);
      const from = Date.UTC(2021, 0, 1);
      const series = await Promise.all(
        ['BTC', 'ETH', 'LTC'].map(async (b) => ({
          instrument: parseInstrument(`OKX:${b}/USDT`),
          bars: slice(await readCsvBars(bundledData(`ohlcv/binance_${b}-USDT_1h_2017-2022.csv.gz`)), from, N),
        })),
      );
      const server = await NatsServer.start();
      const bus = await Bus.connect({ servers: server.url, service: 'test' });
      const feBus = await Bus.connect({ servers: server.url, service: 'feature-engine' });
      let fe: FeatureEngine | undefined;
      try {
        await bus.ensure(SYSTEM_TOPOLOGY);
        fe = await FeatureEngine.start({ bus: feBus, pipeline, clock, pipelined });
        expect(fe.pipelined).toBe(pipelined);
        // 300 bars, a restart from the checkpoint (193 bars kept: the RSI is rebuilt from a replay
        // that does not reach its seed), then the rest.
        const cut = series[0]!.bars.openTime[RESTART]!;
        const first = await replayPipeline(bus, { venue: 'OKX', tf: '1h', series, to: cut });
        await waitFor(
          () => fe!.lastSet >= first.lastClose!,
          60_000,
          'the feature-engine to reach the restart',
        );
        // The position after stop: the last message may still be in flight when lastSet moves.
        await fe.stop();
        const at = fe.position;
        fe = await FeatureEngine.start({ bus: feBus, pipeline, clock, pipelined });
        expect(fe.position, 'resumed from its checkpoint, not from the start of MD').toBe(at);
        const r = await replayPipeline(bus, { venue: 'OKX', tf: '1h', series, from: cut });
        // Decided is not yet stored (a pipelined stage): the position moves once its outputs are.
        const lastMd = (await bus.jsm.streams.info('MD')).state.last_seq;
        await waitFor(
          () => fe!.lastSet >= r.lastClose! && fe!.position >= lastMd,
          60_000,
          'the feature-engine to pass the last bar set on, its vectors stored',
        );
        const vectors = await readAll(bus, 'FEATURES', 'feat.okx.>', codecs.FeatureVector);
        expect(vectors).toHaveLength(3 * N);
        for (const s of series) {
          const key = `OKX:${s.instrument.base}/USDT`;
          const mine = vectors
            .map((v) => v.message)
            .filter((v) => v.instrument?.symbol === `${s.instrument.base}/USDT`);
          expect(mine).toHaveLength(N);
          // The batch form of each declared feature over the same bars, by output key.
          const batch = new Map<string, Float64Array>();
          for (const spec of featuresOf(pipeline, key)) {
            const cols = computeBatchFeature(spec, s.bars) as Record<string, Float64Array>;
            featureOutputKeys(spec).forEach((k, j) => {
              batch.set(k, cols[featureOutputs(spec)[j]!]!);
            });
          }
          mine.forEach((v, i) => {
            expect(Object.keys(v.values ?? {}).sort()).toEqual([...EXPECTED[key]!].sort());
            for (const [k, col] of batch) {
              const got = v.values![k]!;
              if (!Object.is(got, col[i]))
                expect.fail(`${key} bar ${i} ${k}: streamed ${got}, batch ${col[i]}`);
            }
          });
          expect(mine[N - 1]!.warm).toBe(true);
        }
      } finally {
        await fe?.stop();
        await feBus.close();
        await bus.close();
        await server.stop();
      }
    },
  );

  test('pipelined by default only on a server without the discard:new trimming bug (2.10 and later)', async () => {
    for (const [v, fixed] of [
      ['2.9.10', false],
      ['2.9.25', false],
      ['2.10.0', true],
      ['2.11.4', true],
      ['v2.12.1', true],
      ['3.0.0', true],
      ['1.4.1', false],
      ['', false],
      [undefined, false],
      ['nightly', false],
    ] as const) {
      expect(fixesDiscardNew(v), String(v)).toBe(fixed);
    }
    const server = await NatsServer.start();
    const feBus = await Bus.connect({ servers: server.url, service: 'feature-engine' });
    let fe: FeatureEngine | undefined;
    try {
      await feBus.ensure(SYSTEM_TOPOLOGY);
      fe = await FeatureEngine.start({ bus: feBus, pipeline: parsePipelineConfig(CONFIG), clock });
      expect(fe.pipelined).toBe(fixesDiscardNew(feBus.nc.info?.version));
    } finally {
      await fe?.stop();
      await feBus.close();
      await server.stop();
    }
  });
});
