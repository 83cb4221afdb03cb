/**
 * The live loop's current funding rate: fetched from the local OKX server (`public/funding-rate`,
 * the real answer's shape) through ccxt, published as a `FundingRate` on md.funding.* of a real
 * nats-server; a swap OKX does not know and a non-finite rate are alerted and counted, never
 * published.
 */
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
