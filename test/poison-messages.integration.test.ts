import { createHash, randomBytes } from 'node:crypto';
import { runBacktest } from '@algotrader/backtest';
import {
  DEAD_LETTER_PREFIX_BYTES,
  DL_PAYLOAD_BYTES,
  DL_PAYLOAD_SHA256,
  DL_PAYLOAD_TRUNCATED,
  subjects,
} from '@algotrader/bus';
import { barKey, barSetKey, parseInstrument } from '@algotrader/core';
import { readAccount, readAll } from '@algotrader/pipeline';
import { codecs, encodeBar } from '@algotrader/proto';
import { readCsvBars } from '@algotrader/store';
import { getStrategy } from '@algotrader/strategy';
import { bundledData, scaled, waitFor } from '@algotrader/testkit';
import { describe, expect, test } from 'vitest';
import { replayPipeline } from '../apps/cli/src/commands/pipeline-replay';
import { between, head } from './helpers/fixtures';
import { backtestFills, pipelineFills, startStages } from './helpers/pipeline';
import { credsOf, paperBtcReplay, startStageUsersServer } from './helpers/stage-users';

const BTC = parseInstrument('OKX:BTC/USDT');
const HOUR = 3_600_000;

/**
 * Issue 10: one message must not stop trading. In the middle of a replay through the four stages
 * (each as its own NATS user), the collector's user publishes a message just under the server's
 * max_payload on md.bar.*, then a valid bar and its bar set dated 2030. Both are dead-lettered
 * with a reason and alerted; the stages move on, and the fills are the backtest's.
 */
describe('poison market data: a near-max_payload message and a bar dated 2030', {
  timeout: scaled(150_000),
}, () => {
  test('dead-lettered as bounded references with reasons and alerts; the stages move on; fills equal the backtest', async () => {
    const all = await readCsvBars(bundledData('demo/binance_BTC-USDT_1h_2024-2025.csv.gz'));
    const bars = head(all, 1_000);
    const cut = bars.openTime[500]!;
    const params = { fast: 10, slow: 30 };
    const bt = runBacktest({
      strategy: getStrategy('sma_cross'),
      params,
      data: { timeframe: '1h', series: [{ instrument: BTC, bars }] },
      initialCash: 10_000,
      account: 'paper',
    });
    expect(bt.fills.length).toBeGreaterThan(10);
    const nats = await startStageUsersServer();
    const { server, connect, admin } = nats;
    try {
      const pipeline = paperBtcReplay(params);
      const collector = await connect('collector');
      const maxPayload = collector.nc.info!.max_payload;
      // Just under max_payload with its headers: the stream stores it.
      const huge = randomBytes(maxPayload - 2_048);
      const future = Date.UTC(2030, 0, 1);
      const stages = await startStages(server.url, pipeline, credsOf);
      let lastClose = 0;
      try {
        const series = (from: number, to?: number) => [{ instrument: BTC, bars: between(bars, from, to) }];
        await replayPipeline(collector, { venue: pipeline.venue, tf: pipeline.tf, series: series(0, cut) });
        const hugeAck = await collector.publishRaw(subjects.bar(BTC, '1h'), huge, {
          msgId: 'bar:poison:huge',
          headers: { 'Proto-Type': codecs.Bar.typeName },
        });
        expect(hugeAck.stream).toBe('MD');
        const bar2030 = encodeBar(
          {
            instrument: BTC,
            tf: '1h',
            openTime: future,
            closeTime: future + HOUR,
            open: 100,
            high: 101,
            low: 99,
            close: 100,
            volume: 1,
          },
          'test',
        );
        await collector.publish(codecs.Bar, subjects.bar(BTC, '1h'), bar2030, {
          msgId: barKey(BTC, '1h', future),
        });
        await collector.publish(
          codecs.BarSetClosed,
          subjects.barSet('okx', '1h'),
          { venue: 'OKX', timeframe: '1h', closeTimeMs: future + HOUR, arrived: ['BTC/USDT'], missing: [] },
          { msgId: barSetKey('okx', '1h', future + HOUR) },
        );
        const r = await replayPipeline(collector, {
          venue: pipeline.venue,
          tf: pipeline.tf,
          series: series(cut),
        });
        lastClose = r.lastClose!;
        await waitFor(
          async () => ((await readAccount(admin, pipeline.account))?.steppedThrough ?? 0) >= lastClose,
          scaled(120_000),
          'the paper router to apply the last real bar set after the poison',
        );
      } finally {
        await stages.stop();
      }
      expect(await pipelineFills(admin, 'paper')).toEqual(backtestFills(bt.fills));
      expect((await readAccount(admin, 'paper'))!.steppedThrough).toBe(lastClose);

      const letters = (await readAll(admin, 'DLQ', 'dlq.>', codecs.DeadLetter)).map((s) => s.message);
      const hugeLetters = letters.filter((d) => d.headers?.[DL_PAYLOAD_BYTES] === String(huge.length));
      // Both readers of md.> refused it: the feature-engine and the order-router.
      expect(hugeLetters.map((d) => d.consumer).sort()).toEqual(['feature-engine', 'order-router-md']);
      for (const d of hugeLetters) {
        expect(d.reason).toMatch(/undecodable|refused/);
        expect(d.payload?.length).toBe(DEAD_LETTER_PREFIX_BYTES);
        expect(Buffer.from(d.payload!)).toEqual(huge.subarray(0, DEAD_LETTER_PREFIX_BYTES));
        expect(d.headers?.[DL_PAYLOAD_TRUNCATED]).toBe('true');
        expect(d.headers?.[DL_PAYLOAD_SHA256]).toBe(createHash('sha256').update(huge).digest('hex'));
        expect(d.stream).toBe('MD');
      }
      const futureLetters = letters.filter((d) => /implausible time/.test(d.reason ?? ''));
      // The 2030 bar and its bar set, each refused by both readers.
      expect(futureLetters.length).toBe(4);
      expect(futureLetters.every((d) => /2030-01-01T01:00:00.000Z/.test(d.reason ?? ''))).toBe(true);
      const alerts = (await readAll(admin, 'OPS', 'ops.alert.>', codecs.Alert)).map((s) => s.message);
      const mdRejected = alerts.filter((a) => a.code === 'md_rejected');
      expect(mdRejected.length).toBeGreaterThanOrEqual(6);
      expect(mdRejected.some((a) => /implausible time/.test(a.message ?? ''))).toBe(true);
    } finally {
      await nats.stop();
    }
  });
});
