/**
 * The live loop's current funding rate: fetched from the local OKX server (`public/funding-rate`,
 * the real answer's shape) through ccxt, published as a `FundingRate` on md.funding.* of a real
 * nats-server; a swap OKX does not know and a non-finite rate are alerted and counted, never
 * published.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Bus, SYSTEM_TOPOLOGY, subjects } from '@algotrader/bus';
import {
  BusBarSink,
  busFundingPublisher,
  createOkx,
  LiveCollector,
  MemoryAlertSink,
  OkxMarketData,
  OkxPerpData,
  SystemScheduler,
} from '@algotrader/collector';
import { parseInstrument, SimulatedClock } from '@algotrader/core';
import { codecs, decodeFundingRate } from '@algotrader/proto';
import { PerpStore } from '@algotrader/store';
import { NatsServer, OkxServer, scaled, waitFor } from '@algotrader/testkit';
import { expect, test } from 'vitest';
import { readStream } from './helpers/jetstream';

const BTC = parseInstrument('OKX:BTC/USDT:USDT');
const ETH = parseInstrument('OKX:ETH/USDT:USDT');
const SOL = parseInstrument('OKX:SOL/USDT:USDT');
const T = Date.UTC(2025, 0, 1, 16);

test('publishes each swap current funding rate on md.funding.*; an unknown swap and a NaN rate are alerted, not published', async () => {
  const nats = await NatsServer.start();
  const okx = await OkxServer.start({ clock: new SimulatedClock(T) });
  let bus: Bus | undefined;
  let live: LiveCollector | undefined;
  try {
    okx.setFunding('BTC-USDT-SWAP', [T - 8 * 3_600_000, T], [0.0001, 0.0021]);
    okx.setFunding('ETH-USDT-SWAP', [T], [0.0001]);
    okx.patchFunding('ETH-USDT-SWAP', T, 'NaN');
    bus = await Bus.connect({ servers: nats.url, service: 'collector' });
    await bus.ensure(SYSTEM_TOPOLOGY);
    const exchange = createOkx({ restUrl: okx.url, enableRateLimit: false });
    const alerts = new MemoryAlertSink();
    live = new LiveCollector({
      md: new OkxMarketData(exchange),
      sink: new BusBarSink(bus, { source: 'okx' }),
      publishBarSet: async () => undefined,
      alerts,
      scheduler: new SystemScheduler(),
      symbols: [],
      timeframes: [],
      settleMs: 0,
      barSetTimeoutMs: 1_000,
      pollMs: 1_000,
      retry: { attempts: 2, baseMs: 5, maxMs: 10 },
      funding: {
        data: new OkxPerpData(exchange),
        swaps: [BTC, ETH, SOL],
        publish: busFundingPublisher(bus),
        everyMs: 60_000,
      },
    });
    live.start();
    await waitFor(
      () => live!.counters.fundingPublished + live!.counters.fundingFailures >= 3,
      scaled(10_000),
    );
    const got = await readStream(bus, 'MD', subjects.fundingAll, codecs.FundingRate);
    expect(got).toHaveLength(1);
    const f = decodeFundingRate(got[0]!);
    // The newest rate, for the settlement after it (the server's `current_period` row).
    expect(f).toMatchObject({ instrument: BTC, rate: 0.0021, fundingTime: T + 8 * 3_600_000 });
    expect(Number(got[0]!.nextFundingTimeMs)).toBe(T + 16 * 3_600_000);
    expect(live.counters.fundingFailures).toBe(2);
    const failed = alerts.alerts
      .filter((a) => a.code === 'funding_failed')
      .map((a) => a.labels?.['instrument']);
    expect(failed.sort()).toEqual(['OKX:ETH/USDT:USDT', 'OKX:SOL/USDT:USDT']);
  } finally {
    await live?.stop();
    await bus?.close();
    await okx.stop();
    await nats.stop();
  }
});

test('settled funding goes into the Parquet funding dataset: appended once (a restart adds no duplicate row), a changed rate is alerted and kept as stored', async () => {
  const nats = await NatsServer.start();
  const okx = await OkxServer.start({ clock: new SimulatedClock(T) });
  const root = mkdtempSync(join(tmpdir(), 'collector-funding-'));
  const H8 = 8 * 3_600_000;
  let bus: Bus | undefined;
  let store: PerpStore | undefined;
  const running: LiveCollector[] = [];
  try {
    bus = await Bus.connect({ servers: nats.url, service: 'collector' });
    await bus.ensure(SYSTEM_TOPOLOGY);
    store = await PerpStore.open(root);
    // Imported history up to T − 16 h; the exchange has settled T − 16 h (same rate), T − 8 h and T since.
    await store.writeFunding(BTC, {
      time: Float64Array.of(T - 3 * H8, T - 2 * H8),
      rate: Float64Array.of(0.0003, 0.0002),
    });
    okx.setFunding('BTC-USDT-SWAP', [T - 2 * H8, T - H8, T], [0.0002, -0.0001, 0.0021]);
    const exchange = createOkx({ restUrl: okx.url, enableRateLimit: false });
    const alerts = new MemoryAlertSink();
    const run = async () => {
      const live = new LiveCollector({
        md: new OkxMarketData(exchange),
        sink: new BusBarSink(bus!, { source: 'okx' }),
        publishBarSet: async () => undefined,
        alerts,
        scheduler: new SystemScheduler(),
        symbols: [],
        timeframes: [],
        settleMs: 0,
        barSetTimeoutMs: 1_000,
        pollMs: 1_000,
        retry: { attempts: 2, baseMs: 5, maxMs: 10 },
        funding: {
          data: new OkxPerpData(exchange),
          swaps: [BTC],
          publish: busFundingPublisher(bus!),
          everyMs: 60_000,
          store: store!,
        },
      });
      running.push(live);
      live.start();
      await waitFor(
        () => live.settled.written + live.settled.duplicates + live.settled.failures > 0,
        scaled(10_000),
      );
      await live.stop();
      return live.settled;
    };
    expect(await run()).toEqual({ written: 2, duplicates: 1, conflicts: 0, failures: 0 });
    const f = await store.readFunding(BTC);
    expect(Array.from(f.time)).toEqual([T - 3 * H8, T - 2 * H8, T - H8, T]);
    expect(Array.from(f.rate)).toEqual([0.0003, 0.0002, -0.0001, 0.0021]);
    // The live (current) rate is not a row: the coming settlement T + 8 h is not in the dataset.
    expect(f.time.includes(T + H8)).toBe(false);

    // A restart fetches the same page again: nothing is written twice.
    expect(await run()).toEqual({ written: 0, duplicates: 3, conflicts: 0, failures: 0 });
    expect(Array.from((await store.readFunding(BTC)).time)).toEqual([T - 3 * H8, T - 2 * H8, T - H8, T]);

    // The exchange now says another rate for a stored settlement: alerted, the stored one is kept.
    okx.patchFunding('BTC-USDT-SWAP', T - H8, '-0.0002');
    expect(await run()).toEqual({ written: 0, duplicates: 2, conflicts: 1, failures: 0 });
    expect(Array.from((await store.readFunding(BTC)).rate)).toEqual([0.0003, 0.0002, -0.0001, 0.0021]);
    expect(alerts.alerts.filter((a) => a.code === 'funding_conflict').map((a) => a.message)).toEqual([
      `collector: OKX:BTC/USDT:USDT settlement ${new Date(T - H8).toISOString()} fetched at rate -0.0002, stored as -0.0001: kept as stored`,
    ]);
    expect(alerts.alerts.filter((a) => a.code === 'funding_settled_failed')).toEqual([]);
  } finally {
    for (const l of running) await l.stop();
    store?.close();
    rmSync(root, { recursive: true, force: true });
    await bus?.close();
    await okx.stop();
    await nats.stop();
  }
});
