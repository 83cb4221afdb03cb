import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runBacktest } from '@algotrader/backtest';
import { Bus, SYSTEM_TOPOLOGY, subjects } from '@algotrader/bus';
import { type BarColumns, parseInstrument } from '@algotrader/core';
import {
  loadPipeline,
  PIPELINE_ENV,
  type Pipeline,
  readAccount,
  readAll,
  STAGES,
  Supervisor,
  sideOf,
  stageEntry,
} from '@algotrader/pipeline';
import { codecs } from '@algotrader/proto';
import { readCsvBars } from '@algotrader/store';
import { bundledData, NatsServer, repoRoot, sleep, waitFor } from '@algotrader/testkit';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { replayPipeline } from '../apps/cli/src/commands/pipeline-replay';
import { head, NO_LIMITS } from './helpers/fixtures';

const BARS = 1_200;
const btc = parseInstrument('OKX:BTC/USDT');

describe('faults: kill -9 of every stage and of nats-server mid-replay', () => {
  let server: NatsServer;
  let bus: Bus;
  let supervisor: Supervisor;
  let dir: string;
  let pipeline: Pipeline;
  let bars: BarColumns;
  const logs: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'algotrader-faults-'));
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
        // Frequent checkpoints and some messages after each: restarts resume from a checkpoint and
        // replay what followed it.
        checkpointEveryMs: 250,
      }),
    );
    pipeline = await loadPipeline(configPath);
    bars = head(await readCsvBars(bundledData('demo/binance_BTC-USDT_1h_2024-2025.csv.gz')), BARS);
    server = await NatsServer.start();
    bus = await Bus.connect({ servers: server.url, service: 'test' });
    await bus.ensure(SYSTEM_TOPOLOGY);
    supervisor = new Supervisor({
      stages: STAGES.map((name) => ({ name, entry: stageEntry(repoRoot, name) })),
      cwd: repoRoot,
      env: { NATS_URL: server.url, [PIPELINE_ENV]: configPath, ALGOTRADER_LOG_LEVEL: 'warn' },
      backoffMs: [200, 500, 1_000],
      onLine: (stage, line) => {
        logs.push(`[${stage}] ${line}`);
        if (logs.length > 2_000) logs.splice(0, 1_000);
      },
    });
    supervisor.start();
  });

  afterAll(async () => {
    await supervisor?.stop();
    await bus?.close();
    await server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('final fills equal the undisturbed run, no order twice, no bar skipped; a bar published twice orders once', async () => {
    const reference = runBacktest({
      strategy: pipeline.strategies[0]!.strategy,
      params: pipeline.strategies[0]!.params,
      data: { timeframe: '1h', series: [{ instrument: btc, bars, spec: pipeline.specs[0]! }] },
      initialCash: 10_000,
      fillModel: pipeline.config.fillModel,
      account: 'paper',
    });
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
        async () => ((await readAccount(bus, 'paper'))?.steppedThrough ?? 0) >= r.lastClose!,
        90_000,
        'the pipeline to settle the last bar after the faults',
      );
    } catch (e) {
      console.error(logs.slice(-60).join('\n'));
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

    // No order placed twice: every approved order id once, and exactly the backtest's orders.
    const approved = await readAll(bus, 'ORDERS', 'ord.approved.paper', codecs.OrderRequest);
    const ids = approved.map((a) => a.message.clientOrderId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(reference.orders.map((o) => o.order.clientOrderId));

    // The same fills as the undisturbed run, each once.
    const fills = await readAll(bus, 'EXEC', 'exec.fill.paper', codecs.Fill);
    expect(new Set(fills.map((f) => f.message.tradeId)).size).toBe(fills.length);
    expect(
      fills.map(({ message: f }) => [
        Number(f.timeMs),
        sideOf(f.side),
        Number(f.quantity),
        Number(f.price),
        Number(f.fee),
      ]),
    ).toEqual(reference.fills.map((f) => [f.time, f.side, f.qty, f.price, f.fee]));
    const account = (await readAccount(bus, 'paper'))!;
    expect(account.book.cash).toBe(reference.equity.cash[reference.equity.cash.length - 1]);
    expect(account.fills).toBe(reference.fills.length);

    // Replaying the same bars again stores nothing and changes nothing.
    const again = await replayPipeline(bus, { venue: 'OKX', tf: '1h', series: [{ instrument: btc, bars }] });
    expect(again.stored).toBe(0);
    await sleep(500);
    expect((await readAll(bus, 'EXEC', 'exec.fill.paper', codecs.Fill)).length).toBe(fills.length);
  });
});
