import { Bus, SYSTEM_TOPOLOGY, subjects } from '@algotrader/bus';
import { type Clock, parseInstrument } from '@algotrader/core';
import { FeatureEngine } from '@algotrader/feature-engine';
import { parsePipelineConfig, readAll } from '@algotrader/pipeline';
import { codecs } from '@algotrader/proto';
import { readCsvBars } from '@algotrader/store';
import { bundledData, NatsServer, scaled, waitFor } from '@algotrader/testkit';
import { DiscardPolicy } from '@nats-io/jetstream';
import { describe, expect, test } from 'vitest';
import { replayPipeline } from '../apps/cli/src/commands/pipeline-replay';
import { head } from './helpers/fixtures';

const BARS = 150;
const btc = parseInstrument('OKX:BTC/USDT');
const clock: Clock = { now: () => Date.now() };

/**
 * A full store: a stream at its max_bytes refuses new messages (discard new, see
 * packages/bus/src/topology.ts for each stream's policy): the publisher gets a clear error, a
 * `storeFull` count and a critical `store_full` alert, nothing already stored is dropped, and a
 * stage whose output stream is full retries in place and carries on by itself once space returns.
 */
describe('a JetStream stream at its max_bytes', { timeout: scaled(90_000) }, () => {
  test('the pipeline streams refuse new messages rather than drop old ones; OPS drops its oldest', async () => {
    const server = await NatsServer.start();
    const bus = await Bus.connect({ servers: server.url, service: 'collector' });
    try {
      await bus.ensure(SYSTEM_TOPOLOGY);
      for (const s of ['MD', 'FEATURES', 'SIGNALS', 'ORDERS', 'EXEC', 'DLQ']) {
        expect((await bus.jsm.streams.info(s)).config.discard, s).toBe(DiscardPolicy.New);
      }
      expect((await bus.jsm.streams.info('OPS')).config.discard).toBe(DiscardPolicy.Old);

      await bus.jsm.streams.update('MD', { max_bytes: 2_048 });
      const bars = head(await readCsvBars(bundledData('demo/binance_BTC-USDT_1h_2024-2025.csv.gz')), 100);
      const subject = subjects.bar(btc, '1h');
      let stored = 0;
      let refused: Error | undefined;
      for (let i = 0; i < 100 && !refused; i++) {
        const bar = {
          instrument: { venue: 'OKX', symbol: 'BTC/USDT' },
          timeframe: '1h',
          openTimeMs: bars.openTime[i]!,
          closeTimeMs: bars.openTime[i]! + 3_600_000,
          open: bars.open[i]!,
          high: bars.high[i]!,
          low: bars.low[i]!,
          close: bars.close[i]!,
          volume: bars.volume[i]!,
          source: 'test',
        };
        await bus.publish(codecs.Bar, subject, bar, { msgId: `b${i}` }).then(
          () => {
            stored += 1;
          },
          (e: Error) => {
            refused = e;
          },
        );
      }
      expect(String(refused)).toMatch(
        /refused, the store is full \(maximum bytes exceeded\): nothing was stored/,
      );
      expect(bus.counters.storeFull).toBe(1);
      // Nothing stored was dropped to make room: the stream holds the first `stored` bars, from 1.
      const md = await bus.jsm.streams.info('MD');
      expect(stored).toBeGreaterThan(3);
      expect(md.state.messages).toBe(stored);
      expect(md.state.first_seq).toBe(1);
      await waitFor(
        async () =>
          (await readAll(bus, 'OPS', 'ops.alert.>', codecs.Alert)).some(
            (a) => a.message.code === 'store_full' && (a.message.message ?? '').includes(subject),
          ),
        scaled(10_000),
        'a store_full alert',
      );
    } finally {
      await bus.close();
      await server.stop();
    }
  });

  test('a stage whose output stream is full retries in place and resumes when space returns: no vector lost or doubled', async () => {
    const server = await NatsServer.start();
    const admin = await Bus.connect({ servers: server.url, service: 'admin' });
    const feBus = await Bus.connect({ servers: server.url, service: 'feature-engine' });
    let fe: FeatureEngine | undefined;
    try {
      await admin.ensure(SYSTEM_TOPOLOGY);
      await admin.jsm.streams.update('FEATURES', { max_bytes: 8_192 });
      const pipeline = parsePipelineConfig({
        account: 'paper',
        instruments: ['OKX:BTC/USDT'],
        strategies: [{ name: 'sma_cross', params: { fast: 5, slow: 15 }, instruments: ['OKX:BTC/USDT'] }],
        mode: 'replay',
      });
      fe = await FeatureEngine.start({ bus: feBus, pipeline, clock });
      const bars = head(await readCsvBars(bundledData('demo/binance_BTC-USDT_1h_2024-2025.csv.gz')), BARS);
      await replayPipeline(admin, { venue: 'OKX', tf: '1h', series: [{ instrument: btc, bars }] });
      await waitFor(
        () => feBus.counters.storeFull >= 2,
        scaled(30_000),
        'the feature-engine to hit the full stream',
      );
      const stuck = (await admin.jsm.streams.info('FEATURES')).state.messages;
      expect(stuck).toBeLessThan(BARS);
      await waitFor(
        async () =>
          (await readAll(admin, 'OPS', 'ops.alert.>', codecs.Alert)).some(
            (a) => a.message.code === 'store_full' && a.message.source === 'feature-engine',
          ),
        scaled(10_000),
        'the store_full alert of the feature-engine',
      );
      // Space returns (an operator raises the limit): the stage carries on by itself.
      await admin.jsm.streams.update('FEATURES', { max_bytes: -1 });
      await waitFor(
        async () => (await admin.jsm.streams.info('FEATURES')).state.messages >= 2 * BARS,
        scaled(30_000),
        'the feature-engine to resume',
      );
      const vectors = await readAll(admin, 'FEATURES', 'feat.okx.>', codecs.FeatureVector);
      expect(vectors.map((v) => Number(v.message.closeTimeMs))).toEqual(
        Array.from(bars.openTime, (t) => t + 3_600_000),
      );
      expect((await readAll(admin, 'FEATURES', 'feat._set.>', codecs.BarSetClosed)).length).toBe(BARS);
    } finally {
      await fe?.stop();
      await feBus.close();
      await admin.close();
      await server.stop();
    }
  });
  test('the server store full (max_file_store): insufficient resources counted and alerted, the stage resumes when space is freed', async () => {
    // The server's own limit is below the disk (the setting docs/DEPLOY.md recommends): a full
    // store is then an answer, "insufficient resources", for every stream, OPS included.
    const server = await NatsServer.start({ maxFileStore: '2MB' });
    const admin = await Bus.connect({ servers: server.url, service: 'admin' });
    const feBus = await Bus.connect({ servers: server.url, service: 'feature-engine' });
    let fe: FeatureEngine | undefined;
    try {
      await admin.ensure(SYSTEM_TOPOLOGY);
      const bars = head(await readCsvBars(bundledData('demo/binance_BTC-USDT_1h_2024-2025.csv.gz')), BARS);
      await replayPipeline(admin, { venue: 'OKX', tf: '1h', series: [{ instrument: btc, bars }] });
      // Other data takes the rest of the store.
      await admin.jsm.streams.add({ name: 'OTHER', subjects: ['other.>'] });
      const blob = new Uint8Array(8_000);
      let full: Error | undefined;
      for (let i = 0; i < 1_000 && !full; i++) {
        await admin.js.publish('other.x', blob).catch((e: Error) => {
          full = e;
        });
      }
      expect(String(full)).toMatch(/insufficient resources/);

      const pipeline = parsePipelineConfig({
        account: 'paper',
        instruments: ['OKX:BTC/USDT'],
        strategies: [{ name: 'sma_cross', params: { fast: 5, slow: 15 }, instruments: ['OKX:BTC/USDT'] }],
        mode: 'replay',
      });
      fe = await FeatureEngine.start({ bus: feBus, pipeline, clock });
      await waitFor(() => feBus.counters.storeFull >= 2, 30_000, 'the feature-engine to be refused');
      // OPS is full too: the alert waits in the stage until the store takes messages again.
      expect((await admin.jsm.streams.info('OPS')).state.messages).toBe(0);

      await admin.jsm.streams.delete('OTHER');
      await waitFor(
        async () => (await readAll(admin, 'FEATURES', 'feat._set.>', codecs.BarSetClosed)).length >= BARS,
        60_000,
        'the feature-engine to resume',
      );
      const vectors = await readAll(admin, 'FEATURES', 'feat.okx.>', codecs.FeatureVector);
      expect(vectors.map((v) => Number(v.message.closeTimeMs))).toEqual(
        Array.from(bars.openTime, (t) => t + 3_600_000),
      );
      await waitFor(
        async () =>
          (await readAll(admin, 'OPS', 'ops.alert.>', codecs.Alert)).some(
            (a) =>
              a.message.code === 'store_full' &&
              a.message.source === 'feature-engine' &&
              /insufficient resources/.test(a.message.message ?? ''),
          ),
        10_000,
        'the store_full alert of the feature-engine, stored once space returned',
      );
    } finally {
      await fe?.stop();
      await feBus.close();
      await admin.close();
      await server.stop();
    }
  });
});
