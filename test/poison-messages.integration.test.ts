import { createHash, randomBytes } from 'node:crypto';
import { runBacktest } from '@algotrader/backtest';
import {
  type Bus,
  DEAD_LETTER_PREFIX_BYTES,
  DL_PAYLOAD_BYTES,
  DL_PAYLOAD_SHA256,
  DL_PAYLOAD_TRUNCATED,
  subjects,
} from '@algotrader/bus';
import { barKey, barSetKey, parseInstrument } from '@algotrader/core';
import { type Pipeline, parsePipelineConfig, readAccount, readAll } from '@algotrader/pipeline';
import { codecs, encodeBar } from '@algotrader/proto';
import { readCsvBars } from '@algotrader/store';
import { getStrategy } from '@algotrader/strategy';
import { bundledData, scaled, waitFor } from '@algotrader/testkit';
import { describe, expect, test } from 'vitest';
import { replayPipeline } from '../apps/cli/src/commands/pipeline-replay';
import { between, head, paperBtcConfig } from './helpers/fixtures';
import { backtestFills, pipelineFills, startStages } from './helpers/pipeline';
import { credsOf, paperBtcReplay, startStageUsersServer } from './helpers/stage-users';

const BTC = parseInstrument('OKX:BTC/USDT');
const HOUR = 3_600_000;

/**
 * Replays the real bars after the poison and waits until the paper router has applied their last
 * bar set; returns that close time.
 */
async function replayRestAndSettle(
  collector: Bus,
  admin: Bus,
  pipeline: Pipeline,
  series: Parameters<typeof replayPipeline>[1]['series'],
): Promise<number> {
  const r = await replayPipeline(collector, { venue: pipeline.venue, tf: pipeline.tf, series });
  const lastClose = r.lastClose!;
  await waitFor(
    async () => ((await readAccount(admin, pipeline.account))?.steppedThrough ?? 0) >= lastClose,
    scaled(120_000),
    'the paper router to apply the last real bar set after the poison',
  );
  return lastClose;
}

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
        lastClose = await replayRestAndSettle(collector, admin, pipeline, series(cut));
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

/**
 * Issue 10, the rest of "no message can stop a stage": a replay whose pipeline names its window.
 * Mid-replay, each as the subject's owner: a valid BTC bar and its bar set dated after the window
 * (before the clock), a `sig._set` and a `feat._set` marker dated 2030, an ETH bar on the BTC bar
 * subject, a bar whose instrument is no instrument, and a consistent bar of an instrument another
 * pipeline trades. Each refused one is dead-lettered by every reader with its reason, alerted and
 * counted; the other pipeline's bar is only counted; the fills are the backtest's.
 */
describe('poison bar times and instruments: the replay window, markers from the future, unknown instruments', {
  timeout: scaled(150_000),
}, () => {
  test('refused before any state with reasons, counters and alerts; fills equal the backtest', async () => {
    const all = await readCsvBars(bundledData('demo/binance_BTC-USDT_1h_2024-2025.csv.gz'));
    const bars = head(all, 700);
    const cut = bars.openTime[400]!;
    const last = bars.openTime[bars.openTime.length - 1]!;
    const params = { fast: 10, slow: 30 };
    const bt = runBacktest({
      strategy: getStrategy('sma_cross'),
      params,
      data: { timeframe: '1h', series: [{ instrument: BTC, bars }] },
      initialCash: 10_000,
      account: 'paper',
    });
    expect(bt.fills.length).toBeGreaterThan(5);
    const window = {
      from: new Date(bars.openTime[0]!).toISOString(),
      to: new Date(last + HOUR).toISOString(),
    };
    const pipeline = parsePipelineConfig(paperBtcConfig(params, { replayWindow: window }));
    const nats = await startStageUsersServer();
    const { server, connect, admin } = nats;
    try {
      const [collector, featureEngine, strategyRunner] = [
        await connect('collector'),
        await connect('feature-engine'),
        await connect('strategy-runner'),
      ];
      const stages = await startStages(server.url, pipeline, credsOf);
      const [fe, sr, rg, router] = stages.buses;
      let lastClose = 0;
      const bar = (instrument: typeof BTC, open: number, symbol?: string) => {
        const b = encodeBar(
          {
            instrument,
            tf: '1h',
            openTime: open,
            closeTime: open + HOUR,
            open: 100,
            high: 101,
            low: 99,
            close: 100,
            volume: 1,
          },
          'test',
        );
        return symbol === undefined ? b : { ...b, instrument: { venue: 'OKX', symbol } };
      };
      try {
        const series = (from: number, to?: number) => [{ instrument: BTC, bars: between(bars, from, to) }];
        await replayPipeline(collector, { venue: pipeline.venue, tf: pipeline.tf, series: series(0, cut) });
        // After the window, before the clock: without the bound it would become the latest bar.
        const after = Date.UTC(2025, 5, 1);
        await collector.publish(codecs.Bar, subjects.bar(BTC, '1h'), bar(BTC, after), {
          msgId: barKey(BTC, '1h', after),
        });
        await collector.publish(
          codecs.BarSetClosed,
          subjects.barSet('okx', '1h'),
          { venue: 'OKX', timeframe: '1h', closeTimeMs: after + HOUR, arrived: ['BTC/USDT'], missing: [] },
          { msgId: barSetKey('okx', '1h', after + HOUR) },
        );
        const y2030 = Date.UTC(2030, 0, 1);
        await strategyRunner.publish(
          codecs.SignalSetClosed,
          subjects.signalSet('okx', '1h'),
          {
            venue: 'OKX',
            timeframe: '1h',
            closeTimeMs: y2030,
            strategies: ['sma_cross'],
            marks: {},
            instruments: [],
          },
          { msgId: 'sigset:poison:2030' },
        );
        await featureEngine.publish(
          codecs.BarSetClosed,
          subjects.featureSet('okx', '1h'),
          { venue: 'OKX', timeframe: '1h', closeTimeMs: y2030, arrived: ['BTC/USDT'], missing: [] },
          { msgId: 'featset:poison:2030' },
        );
        // An ETH bar on the BTC subject, and no instrument at all: unknown to the system.
        const ETH = parseInstrument('OKX:ETH/USDT');
        await collector.publish(codecs.Bar, subjects.bar(BTC, '1h'), bar(ETH, cut), {
          msgId: 'bar:poison:eth-on-btc',
        });
        await collector.publish(codecs.Bar, subjects.bar(BTC, '1h'), bar(BTC, cut, 'BTC_USDT'), {
          msgId: 'bar:poison:no-instrument',
        });
        // Another pipeline's instrument, consistent: normal on a shared MD, ignored and counted.
        const ZZZ = parseInstrument('OKX:ZZZ/USDT');
        await collector.publish(codecs.Bar, subjects.bar(ZZZ, '1h'), bar(ZZZ, cut), {
          msgId: 'bar:other:zzz',
        });
        lastClose = await replayRestAndSettle(collector, admin, pipeline, series(cut));
      } finally {
        await stages.stop();
      }
      expect(await pipelineFills(admin, 'paper')).toEqual(backtestFills(bt.fills));
      expect((await readAccount(admin, 'paper'))!.steppedThrough).toBe(lastClose);

      const letters = (await readAll(admin, 'DLQ', 'dlq.>', codecs.DeadLetter)).map((x) => x.message);
      const by = (re: RegExp) =>
        letters
          .filter((d) => re.test(d.reason ?? ''))
          .map((d) => `${d.consumer} ${d.subject}`)
          .sort();
      const md = ['feature-engine', 'order-router-md'];
      expect(by(/outside the replay window/)).toEqual(
        [...md.map((c) => `${c} md.bar.okx.BTC-USDT.1h`), ...md.map((c) => `${c} md.barset.okx.1h`)].sort(),
      );
      expect(by(/implausible time: signal set closes at 2030/)).toEqual(['risk-gate sig._set.okx.1h']);
      expect(by(/implausible time: bar set closes at 2030/)).toEqual(['strategy-runner feat._set.okx.1h']);
      expect(by(/unknown instrument: bar of OKX:ETH\/USDT 1h on md.bar.okx.BTC-USDT.1h/)).toEqual(
        md.map((c) => `${c} md.bar.okx.BTC-USDT.1h`),
      );
      expect(by(/unknown instrument: .*"BTC_USDT"/)).toEqual(md.map((c) => `${c} md.bar.okx.BTC-USDT.1h`));
      expect(letters.filter((d) => /ZZZ/.test(d.subject ?? '') || /ZZZ/.test(d.reason ?? ''))).toEqual([]);
      expect(letters).toHaveLength(10);

      for (const b of [fe!, router!]) {
        expect(b.counters.outsideWindowRefused).toBe(2);
        expect(b.counters.unknownInstruments).toBe(2);
        expect(b.counters.ignoredOtherPipeline).toBe(1);
      }
      expect(sr!.counters.futureRefused).toBe(1);
      expect(rg!.counters.futureRefused).toBe(1);

      const alerts = (await readAll(admin, 'OPS', 'ops.alert.>', codecs.Alert)).map((x) => x.message);
      const said = (code: string, re: RegExp) =>
        alerts.filter((a) => a.code === code && re.test(a.message ?? '')).length;
      expect(said('md_rejected', /outside the replay window/)).toBe(4);
      expect(said('md_rejected', /unknown instrument/)).toBe(4);
      expect(said('signal_rejected', /implausible time/)).toBe(1);
      expect(said('feature_rejected', /implausible time/)).toBe(1);
    } finally {
      await nats.stop();
    }
  });
});
