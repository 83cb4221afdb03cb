import { Bus, SYSTEM_TOPOLOGY, subjects } from '@algotrader/bus';
import { type BarColumns, parseInstrument } from '@algotrader/core';
import { type Pipeline, readAll, STAGES, type Supervisor } from '@algotrader/pipeline';
import { codecs } from '@algotrader/proto';
import { readCsvBars } from '@algotrader/store';
import { bundledData, NatsServer, sleep, waitFor } from '@algotrader/testkit';
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

const BARS = 1_200;
const btc = parseInstrument('OKX:BTC/USDT');

describe('faults: kill -9 of every stage and of nats-server mid-replay', () => {
  let server: NatsServer;
  let bus: Bus;
  let supervisor: Supervisor;
  let file: PipelineFile;
  let pipeline: Pipeline;
  let bars: BarColumns;
  const logs = new StageLogs();

  beforeAll(async () => {
    // Frequent checkpoints and some messages after each: restarts resume from a checkpoint and
    // replay what followed it.
    file = await writePipelineFile(paperBtcConfig({ fast: 5, slow: 15 }, { checkpointEveryMs: 250 }));
    pipeline = file.pipeline;
    bars = head(await readCsvBars(bundledData('demo/binance_BTC-USDT_1h_2024-2025.csv.gz')), BARS);
    server = await NatsServer.start();
    bus = await Bus.connect({ servers: server.url, service: 'test' });
    await bus.ensure(SYSTEM_TOPOLOGY);
    supervisor = superviseStages({
      url: server.url,
      file,
      stages: STAGES,
      backoffMs: [200, 500, 1_000],
      logs,
    });
    supervisor.start();
  });

  afterAll(async () => {
    await supervisor?.stop();
    await bus?.close();
    await server?.stop();
    file?.remove();
  });

  test('final fills equal the undisturbed run, no order twice, no bar skipped; a bar published twice orders once', async () => {
    const reference = referenceBacktest(pipeline, btc, bars);
    expect(reference.fills.length, 'the period must trade').toBeGreaterThan(60);

    // Each fault at its share of the replay, one after the other.
    const faults: [number, () => Promise<void>][] = [
      [0.12, async () => supervisor.kill('feature-engine')],
      [0.25, async () => supervisor.kill('strategy-runner')],
      [0.38, async () => supervisor.kill('risk-gate')],
      [0.5, async () => supervisor.kill('order-router')],
      [0.62, () => server.restart()],
      [0.75, async () => supervisor.kill('order-router')],
      [0.85, async () => supervisor.kill('feature-engine')],
    ];
    let sets = 0;
    let pending: Promise<void> = Promise.resolve();
    const replay = replayPipeline(bus, {
      venue: 'OKX',
      tf: '1h',
      series: [{ instrument: btc, bars }],
      speed: { kind: 'rate', perSecond: 80 },
      onProgress: () => {
        sets += 1;
        while (faults.length > 0 && sets >= faults[0]![0] * BARS) {
          const [, f] = faults.shift()!;
          pending = pending.then(f);
        }
        if (sets === Math.floor(BARS / 2)) {
          // The same bar again, under another message id (as a second collector would send it).
          const i = Math.floor(BARS / 2) - 1;
          pending = pending.then(async () => {
            await bus.publish(
              codecs.Bar,
              subjects.bar(btc, '1h'),
              {
                instrument: { venue: 'OKX', symbol: 'BTC/USDT' },
                timeframe: '1h',
                openTimeMs: bars.openTime[i]!,
                closeTimeMs: bars.openTime[i]! + 3_600_000,
                open: bars.open[i]!,
                high: bars.high[i]!,
                low: bars.low[i]!,
                close: bars.close[i]!,
                volume: bars.volume[i]!,
                source: 'second-collector',
              },
              { msgId: `bar-again:${bars.openTime[i]}` },
            );
          });
        }
      },
    });
    const r = await replay;
    await pending;
    expect(r.sets).toBe(BARS);
    try {
      await waitFor(
        () => settled(bus, 'paper', r.lastClose!),
        90_000,
        'the pipeline to settle the last bar after the faults',
      );
    } catch (e) {
      console.error(logs.tail(60));
      throw e;
    }
    for (const s of STAGES)
      expect(supervisor.restarts(s), `${s} was killed and restarted`).toBeGreaterThan(0);

    // No bar skipped: one feature vector and one signal-set marker per bar.
    const vectors = await readAll(bus, 'FEATURES', 'feat.okx.>', codecs.FeatureVector);
    expect(vectors.map((v) => Number(v.message.closeTimeMs))).toEqual(
      Array.from(bars.openTime, (t) => t + 3_600_000),
    );
    const sigsets = await readAll(bus, 'SIGNALS', 'sig._set.>', codecs.SignalSetClosed);
    expect(sigsets.length).toBe(BARS);

    // No order placed twice, the same fills as the undisturbed run, each once, the same cash.
    await expectReferenceOutcome(bus, 'paper', reference);
    const fills = await readAll(bus, 'EXEC', 'exec.fill.paper', codecs.Fill);

    // Replaying the same bars again stores nothing and changes nothing.
    const again = await replayPipeline(bus, { venue: 'OKX', tf: '1h', series: [{ instrument: btc, bars }] });
    expect(again.stored).toBe(0);
    await sleep(500);
    expect((await readAll(bus, 'EXEC', 'exec.fill.paper', codecs.Fill)).length).toBe(fills.length);
  });
});
