import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Bus, SYSTEM_TOPOLOGY, subjects } from '@algotrader/bus';
import {
  Archiver,
  ArchiveWriter,
  BusAlertSink,
  BusBarSink,
  BusMdPublisher,
  backfillSeries,
  busBarSetPublisher,
  type CycleReport,
  createOkx,
  LiveCollector,
  ManualScheduler,
  MemoryAlertSink,
  newCollectorCounters,
  OkxMarketData,
  StoreBarSink,
} from '@algotrader/collector';
import {
  type BarColumns,
  type Clock,
  closeTimeOf,
  parseInstrument,
  SimulatedClock,
  type Timeframe,
} from '@algotrader/core';
import { type Alert, type BarSetClosed, codecs } from '@algotrader/proto';
import { ParquetStore, readCsvBars } from '@algotrader/store';
import { bundledData, NatsServer, OkxServer, waitFor } from '@algotrader/testkit';
import { beforeAll, describe, expect, test } from 'vitest';
import { runData } from '../apps/cli/src/commands/data';
import { cleanupStack } from './helpers/cleanup';
import { between, valueAt } from './helpers/fixtures';
import { readStream } from './helpers/jetstream';

const BTC = parseInstrument('OKX:BTC/USDT');
const ETH = parseInstrument('OKX:ETH/USDT');
const M15 = 15 * 60_000;
const H1 = 60 * 60_000;
const HISTORY = '/api/v5/market/history-candles';
const CANDLES = '/api/v5/market/candles';
/** Retries without the production waits (the backoff itself is not under test here). */
const FAST = { attempts: 6, baseMs: 5, maxMs: 40 };

let btc15: BarColumns;
let btc1h: BarColumns;
let eth1h: BarColumns;

function opensIn(c: BarColumns, from: number, to: number): number[] {
  return Array.from(c.openTime).filter((t) => t >= from && t < to);
}

function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'algotrader-collector-'));
  cleanup.push(() => rmSync(d, { recursive: true, force: true }));
  return d;
}

const cleanup = cleanupStack();

function okxClient(url: string) {
  return new OkxMarketData(createOkx({ restUrl: url, enableRateLimit: false }));
}

async function startOkx(clock: Clock, opts: { historyLimitCap?: number } = {}): Promise<OkxServer> {
  const s = await OkxServer.start({ clock, ...opts });
  cleanup.push(() => s.stop());
  return s;
}

async function startNats(): Promise<NatsServer> {
  const n = await NatsServer.start();
  cleanup.push(() => n.stop());
  return n;
}

interface Pipeline {
  bus: Bus;
  store: ParquetStore;
  writer: ArchiveWriter;
  archiver: Archiver;
  alerts: BusAlertSink;
  close(): Promise<void>;
}

/** Bus + the archiver consumer writing a Parquet store in `dir`: what the collector process runs. */
async function pipeline(url: string, dir: string, clock: Clock): Promise<Pipeline> {
  const bus = await Bus.connect({ servers: url, service: 'collector' });
  await bus.ensure(SYSTEM_TOPOLOGY);
  const store = await ParquetStore.open(dir);
  const alerts = new BusAlertSink(bus, clock);
  const writer = new ArchiveWriter(store, alerts);
  const archiver = await Archiver.start({ bus, writer, batch: 2_000 });
  let closed = false;
  const p: Pipeline = {
    bus,
    store,
    writer,
    archiver,
    alerts,
    close: async () => {
      if (closed) return;
      closed = true;
      await archiver.stop();
      await alerts.flush();
      await bus.close();
      await store.close();
    },
  };
  cleanup.push(() => p.close());
  return p;
}

async function streamedOpens(bus: Bus, subject: string): Promise<number[]> {
  return (await readStream(bus, 'MD', subject, codecs.Bar)).map((b) => Number(b.openTimeMs));
}

/** Alerts as they arrive on `ops.alert.>` (a plain subscription beside the OPS stream). */
interface SeenAlert {
  readonly subject: string;
  readonly code: string;
  readonly message: string;
  readonly labels: Record<string, string>;
}

function watchAlerts(bus: Bus): SeenAlert[] {
  const got: SeenAlert[] = [];
  bus.nc.subscribe('ops.alert.>', {
    callback: (_e, m) => {
      const a: Alert = codecs.Alert.decode(m.data);
      got.push({ subject: m.subject, code: a.code ?? '', message: a.message ?? '', labels: { ...a.labels } });
    },
  });
  return got;
}

beforeAll(async () => {
  NatsServer.assertInstalled();
  [btc15, btc1h, eth1h] = await Promise.all([
    readCsvBars(bundledData('ohlcv/binance_BTC-USDT_15m_2024-2025.csv.gz')),
    readCsvBars(bundledData('ohlcv/binance_BTC-USDT_1h_2017-2022.csv.gz')),
    readCsvBars(bundledData('ohlcv/binance_ETH-USDT_1h_2017-2022.csv.gz')),
  ]);
});

describe('backfill', () => {
  test('interrupted mid-window with NATS killed, it resumes after the newest bar: no gap, no duplicate', async () => {
    const nats = await startNats();
    const from = Date.UTC(2025, 2, 1);
    const series = between(btc15, from);
    const lastOpen = series.openTime[series.openTime.length - 1]!;
    // The newest candle is still forming on the exchange: it must not be fetched.
    const clock = new SimulatedClock(lastOpen + 5 * 60_000);
    // OKX may answer fewer rows than asked: each 300-bar window takes three 100-row pages here.
    const okx = await startOkx(clock, { historyLimitCap: 100 });
    okx.setSeries('BTC-USDT', '15m', series);
    const expected = opensIn(series, from, lastOpen);
    const dir = tempDir();
    const subject = subjects.bar(BTC, '15m');

    let p = await pipeline(nats.url, dir, clock);
    const abort = new AbortController();
    let calls = 0;
    // Dies right after the 2nd of a window's 3 pages came back: that window is lost mid-way.
    class CrashingMarketData extends OkxMarketData {
      override async candles(q: Parameters<OkxMarketData['candles']>[0]) {
        const rows = await super.candles(q);
        if (++calls === 41) abort.abort(new Error('simulated crash'));
        return rows;
      }
    }
    const crashing = new CrashingMarketData(createOkx({ restUrl: okx.url, enableRateLimit: false }));
    await expect(
      backfillSeries(BTC, '15m', {
        md: crashing,
        clock,
        sink: new BusBarSink(p.bus, { source: 'backfill', store: p.store }),
        alerts: p.alerts,
        since: from,
        retry: FAST,
        signal: abort.signal,
      }),
    ).rejects.toThrow('simulated crash');
    const beforeCrash = await streamedOpens(p.bus, subject);
    expect(beforeCrash.length).toBeGreaterThan(0);
    expect(beforeCrash.length).toBeLessThan(expected.length);
    expect(beforeCrash.length % 300).toBe(0);
    await p.close();
    await nats.restart(); // SIGKILL and start again on the same JetStream store

    p = await pipeline(nats.url, dir, clock);
    const firstRequest = okx.requests.length;
    const report = await backfillSeries(BTC, '15m', {
      md: okxClient(okx.url),
      clock,
      sink: new BusBarSink(p.bus, { source: 'backfill', store: p.store }),
      alerts: p.alerts,
      since: from,
      retry: FAST,
    });
    const resumePoint = beforeCrash[beforeCrash.length - 1]!;
    expect(report.resumedAfter).toBe(resumePoint);
    // It asked for the bar after the newest one it had, not for `since` again.
    const first = okx.requests.slice(firstRequest).find((r) => r.path === HISTORY)!;
    expect(Number(first.query['before'])).toBe(resumePoint + M15 - 1);
    expect(report.bars).toBe(expected.length - beforeCrash.length);
    expect(report.gaps).toEqual([]);

    await waitFor(
      async () => (await p.store.lastOpenTime(BTC, '15m')) === expected[expected.length - 1],
      20_000,
      'archiver caught up',
    );
    const stored = await p.store.read(BTC, '15m');
    expect(Array.from(stored.openTime)).toEqual(expected);
    expect(Array.from(stored.close)).toEqual(Array.from(series.close.subarray(0, expected.length)));
    expect(await p.store.gaps(BTC, '15m')).toEqual([]);
    // Each bar is in the stream exactly once, across the crash and the NATS restart.
    expect(await streamedOpens(p.bus, subject)).toEqual(expected);
    expect(p.writer.counters.rejected).toBe(0);
  });

  test('a candle OKX still calls forming (confirm "0") is never published, even when our clock says it closed', async () => {
    const x = Date.UTC(2025, 5, 2, 12, 0);
    const exchangeClock = new SimulatedClock(x + 10 * 60_000); // candle x is 10 min into its 15
    const ourClock = new SimulatedClock(x + 20 * 60_000); // we run 10 min ahead: for us x has closed
    const okx = await startOkx(exchangeClock);
    okx.setSeries('BTC-USDT', '15m', between(btc15, x - 40 * M15, x + 10 * M15));
    const store = await ParquetStore.open(tempDir());
    cleanup.push(() => store.close());
    const alerts = new MemoryAlertSink();
    const counters = newCollectorCounters();
    const run = () =>
      backfillSeries(BTC, '15m', {
        md: okxClient(okx.url),
        clock: ourClock,
        sink: new StoreBarSink(new ArchiveWriter(store, alerts)),
        alerts,
        since: x - 10 * M15,
        retry: FAST,
        counters,
      });

    const r1 = await run();
    // The exchange did send it (so dropping it was the collector's doing)...
    expect(okx.requests.some((r) => r.path === CANDLES && r.rows === 11)).toBe(true);
    expect(r1.forming).toBe(1);
    expect(counters.formingDropped).toBe(1);
    expect(r1.bars).toBe(10);
    expect(await store.lastOpenTime(BTC, '15m')).toBe(x - M15);

    // Once the exchange has closed it, the next run takes it with its final values.
    exchangeClock.set(x + M15 + 1_000);
    ourClock.set(x + M15 + 16 * 60_000); // for us x + 15m has closed too; OKX says it is forming
    const r2 = await run();
    expect(r2.bars).toBe(1);
    expect(r2.forming).toBe(1); // x + 15m is now the forming one
    const stored = await store.read(BTC, '15m', { from: x });
    expect(Array.from(stored.openTime)).toEqual([x]);
    expect(stored.close[0]).toBe(valueAt(btc15, x, 'close'));
  });

  test('a gap in the exchange answer is reported and alerted, not filled', async () => {
    const since = Date.UTC(2021, 4, 1);
    const clock = new SimulatedClock(Date.UTC(2021, 5, 1, 0, 30));
    const okx = await startOkx(clock);
    okx.setSeries('BTC-USDT', '1h', between(btc1h, since - 24 * H1, Date.UTC(2021, 5, 2)));
    const gapFrom = Date.UTC(2021, 4, 10, 5);
    expect(okx.removeCandles('BTC-USDT', '1h', gapFrom, gapFrom + 3 * H1)).toBe(4);
    const store = await ParquetStore.open(tempDir());
    cleanup.push(() => store.close());
    const alerts = new MemoryAlertSink();
    const report = await backfillSeries(BTC, '1h', {
      md: okxClient(okx.url),
      clock,
      sink: new StoreBarSink(new ArchiveWriter(store, alerts)),
      alerts,
      since,
      retry: FAST,
    });
    const gap = { fromOpen: gapFrom, toOpen: gapFrom + 3 * H1, missingBars: 4 };
    expect(report.gaps).toEqual([gap]);
    expect(alerts.alerts.filter((a) => a.code === 'exchange_gap')).toMatchObject([
      { severity: 'warning', labels: { fromOpen: String(gapFrom), missingBars: '4' } },
    ]);
    expect(await store.gaps(BTC, '1h')).toEqual([gap]);
    const stored = await store.read(BTC, '1h');
    const want = opensIn(btc1h, since, Date.UTC(2021, 5, 1)).filter(
      (t) => t < gapFrom || t > gapFrom + 3 * H1,
    );
    expect(Array.from(stored.openTime)).toEqual(want);
  });

  test('rate limits, 5xx and maintenance answers are retried and counted; exhausted retries fail loudly', async () => {
    const since = Date.UTC(2021, 0, 1);
    const clock = new SimulatedClock(Date.UTC(2021, 6, 1));
    const okx = await startOkx(clock);
    okx.setSeries('BTC-USDT', '1h', between(btc1h, since, Date.UTC(2021, 1, 1)));
    okx.inject({ kind: 'rateLimit', times: 2, path: HISTORY });
    okx.inject({ kind: 'http5xx', times: 2, path: HISTORY });
    okx.inject({ kind: 'maintenance', times: 1, path: HISTORY });
    const store = await ParquetStore.open(tempDir());
    cleanup.push(() => store.close());
    const alerts = new MemoryAlertSink();
    const counters = newCollectorCounters();
    const opts = {
      md: okxClient(okx.url),
      clock,
      sink: new StoreBarSink(new ArchiveWriter(store, alerts)),
      alerts,
      since,
      until: Date.UTC(2021, 1, 1),
      retry: FAST,
      counters,
    };
    const report = await backfillSeries(BTC, '1h', opts);
    expect(report.bars).toBe(opensIn(btc1h, since, Date.UTC(2021, 1, 1)).length);
    expect(okx.count(HISTORY, 'rateLimit')).toBe(2);
    expect(okx.requests.filter((r) => r.fault === 'rateLimit').every((r) => r.status === 429)).toBe(true);
    expect(okx.count(HISTORY, 'http5xx')).toBe(2);
    expect(okx.count(HISTORY, 'maintenance')).toBe(1);
    expect(counters.retries).toBe(5);
    expect(counters.retriesByCause).toEqual({ rate_limited: 2, unavailable: 2, maintenance: 1 });
    expect(report.requests).toBe(okx.count(HISTORY));

    okx.inject({ kind: 'http5xx', times: 10, path: HISTORY });
    const empty = { write: async () => {}, lastOpenTime: async () => undefined };
    await expect(
      backfillSeries(BTC, '1h', { ...opts, sink: empty, retry: { ...FAST, attempts: 3 } }),
    ).rejects.toMatchObject({ name: 'ExchangeNotAvailable' });
    expect(counters.retries).toBe(7);
  });

  test('NaN and inverted candles from OKX are rejected with their reason and alerted on ops.alert.warning', async () => {
    const nats = await startNats();
    const since = Date.UTC(2022, 1, 1);
    const clock = new SimulatedClock(Date.UTC(2022, 1, 3));
    const okx = await startOkx(clock);
    okx.setSeries('BTC-USDT', '1h', between(btc1h, since, Date.UTC(2022, 1, 4)));
    const nanAt = since + 5 * H1;
    const invertedAt = since + 9 * H1;
    okx.patchCandle('BTC-USDT', '1h', nanAt, { close: 'NaN' });
    okx.patchCandle('BTC-USDT', '1h', invertedAt, { high: String(valueAt(btc1h, invertedAt, 'low') - 100) });
    const p = await pipeline(nats.url, tempDir(), clock);
    const seen = watchAlerts(p.bus);
    const report = await backfillSeries(BTC, '1h', {
      md: okxClient(okx.url),
      clock,
      sink: new BusBarSink(p.bus, { source: 'backfill', store: p.store }),
      alerts: p.alerts,
      since,
      retry: FAST,
    });
    expect(report.rejects.map((r) => [r.openTime, r.reason])).toEqual([
      [nanAt, 'nan'],
      [invertedAt, 'ohlc_inconsistent'],
    ]);
    await waitFor(() => seen.filter((a) => a.code === 'bar_rejected').length === 2, 10_000, 'reject alerts');
    expect(
      seen
        .filter((a) => a.code === 'bar_rejected')
        .map((a) => [a.labels['openTime'], a.labels['reason']])
        .sort(),
    ).toEqual([
      [String(nanAt), 'nan'],
      [String(invertedAt), 'ohlc_inconsistent'],
    ]);
    expect(seen.find((a) => a.labels['reason'] === 'nan')?.message).toMatch(/non-finite value/);
    // Never published, never stored: they are reported holes, not silently fixed bars.
    const streamed = await streamedOpens(p.bus, subjects.bar(BTC, '1h'));
    expect(streamed).not.toContain(nanAt);
    expect(streamed).not.toContain(invertedAt);
    await waitFor(async () => (await p.store.lastOpenTime(BTC, '1h')) === Date.UTC(2022, 1, 2, 23), 10_000);
    expect(await p.store.gaps(BTC, '1h')).toEqual([
      { fromOpen: nanAt, toOpen: nanAt, missingBars: 1 },
      { fromOpen: invertedAt, toOpen: invertedAt, missingBars: 1 },
    ]);
  });
});

describe('archiver', () => {
  test('stores good bars from any producer, rejects NaN / inverted ones with reason and alert, dead-letters junk', async () => {
    const nats = await startNats();
    const clock = new SimulatedClock(Date.UTC(2022, 0, 1));
    const p = await pipeline(nats.url, tempDir(), clock);
    const seen = watchAlerts(p.bus);
    const producer = await Bus.connect({ servers: nats.url, service: 'replay' });
    cleanup.push(() => producer.close());
    const t = Date.UTC(2021, 11, 31);
    const bar = (open: number, o: number, h: number, l: number, c: number) => ({
      instrument: { venue: 'OKX', symbol: 'ETH/USDT' },
      timeframe: '1h',
      openTimeMs: open,
      closeTimeMs: closeTimeOf(open, '1h'),
      open: o,
      high: h,
      low: l,
      close: c,
      volume: 10,
      source: 'replay',
    });
    const subject = subjects.bar(ETH, '1h');
    const send = (b: ReturnType<typeof bar>) =>
      producer.publish(codecs.Bar, subject, b, { msgId: `bar:okx:ETH-USDT:1h:${b.openTimeMs}` });
    await send(bar(t, 100, 110, 95, 105));
    await send(bar(t + H1, 105, Number.NaN, 100, 104));
    await send(bar(t + 2 * H1, 104, 90, 101, 102)); // high below low
    await send(bar(t + 3 * H1, 102, 103, 101, 102.5));
    await producer.publishRaw(subject, new Uint8Array([0xff, 0xff, 0xff]), { msgId: 'junk-1' });

    await waitFor(() => p.writer.counters.received === 4 && p.writer.counters.deadLettered === 1, 15_000);
    const stored = await p.store.read(ETH, '1h');
    expect(Array.from(stored.openTime)).toEqual([t, t + 3 * H1]);
    expect(p.writer.counters.rejectsByReason).toEqual({ nan: 1, ohlc_inconsistent: 1 });
    await waitFor(() => seen.filter((a) => a.code === 'bar_rejected').length === 2, 10_000);
    expect(
      seen
        .filter((a) => a.code === 'bar_rejected')
        .map((a) => a.labels['reason'])
        .sort(),
    ).toEqual(['nan', 'ohlc_inconsistent']);
    expect(seen.every((a) => a.labels['stage'] === 'archiver')).toBe(true);
    const dead = await readStream(p.bus, 'DLQ', 'dlq.md.bar.>', codecs.DeadLetter);
    expect(dead).toHaveLength(1);
    expect(dead[0]!.reason).toMatch(/^undecodable/);
  });
});

describe('live loop (simulated clock)', () => {
  const C0 = Date.UTC(2022, 2, 1);
  const SETTLE = 2_000;

  async function live(opts: { timeoutMs?: number } = {}) {
    const nats = await startNats();
    const clock = new SimulatedClock(C0 + 10_000);
    const scheduler = new ManualScheduler(clock);
    const okx = await startOkx(clock);
    okx.setSeries('BTC-USDT', '1h', between(btc1h, C0 - 48 * H1, C0 + 48 * H1));
    okx.setSeries('ETH-USDT', '1h', between(eth1h, C0 - 48 * H1, C0 + 48 * H1));
    const p = await pipeline(nats.url, tempDir(), clock);
    const cycles: CycleReport[] = [];
    const collector = new LiveCollector({
      md: okxClient(okx.url),
      sink: new BusBarSink(p.bus, { source: 'okx', store: p.store }),
      publishBarSet: busBarSetPublisher(p.bus),
      publisher: new BusMdPublisher(p.bus, { source: 'okx' }),
      alerts: p.alerts,
      scheduler,
      symbols: [BTC, ETH],
      timeframes: ['1h'],
      settleMs: SETTLE,
      barSetTimeoutMs: opts.timeoutMs ?? 30_000,
      pollMs: 5_000,
      since: C0 - 3 * H1,
      retry: FAST,
      onCycle: (c) => cycles.push(c),
    });
    cleanup.push(() => collector.stop());
    const seen = watchAlerts(p.bus);
    /** Waits for the loop to finish `n` cycles and go back to sleep. */
    const cyclesDone = async (n: number) => {
      await waitFor(() => cycles.length >= n && scheduler.sleeping > 0, 20_000, `${n} cycle(s)`);
      expect(cycles).toHaveLength(n);
    };
    const opens = async (i: typeof BTC, tf: Timeframe = '1h') => streamedOpens(p.bus, subjects.bar(i, tf));
    const barSets = async () =>
      (await readStream(p.bus, 'MD', 'md.barset.okx.1h', codecs.BarSetClosed)).map((b: BarSetClosed) => ({
        close: Number(b.closeTimeMs),
        arrived: b.arrived,
        missing: b.missing,
        timedOut: b.timedOut,
      }));
    return { okx, p, scheduler, collector, cycles, seen, cyclesDone, opens, barSets };
  }

  test('publishes exactly the closed bars, catches up, reports a late or missing symbol in BarSetClosed', async () => {
    const { okx, p, scheduler, collector, cycles, seen, cyclesDone, opens, barSets } = await live();
    // ETH's bar [C0, C0+1h) never comes from the exchange: a hole.
    okx.removeCandles('ETH-USDT', '1h', C0, C0);
    const C3 = C0 + 3 * H1;
    const C4 = C0 + 4 * H1;

    collector.start();
    await cyclesDone(1); // on start: catch up since C0-3h, close C0
    const C1 = C0 + H1;
    const C2 = C0 + 2 * H1;
    expect(scheduler.nextWake).toBe(C1 + SETTLE);

    scheduler.set(C1 + SETTLE);
    // ETH stays pending: the loop polls, then gives up at the timeout.
    await waitFor(() => scheduler.nextWake === C1 + SETTLE + 5_000, 10_000, 'poll for ETH');
    scheduler.set(C1 + 30_000);
    await cyclesDone(2);

    scheduler.set(C2 + SETTLE);
    await cyclesDone(3);

    // BTC's bar [C2, C3) is late: not there by the timeout, there by the next close.
    okx.removeCandles('BTC-USDT', '1h', C2, C2);
    scheduler.set(C3 + SETTLE);
    await waitFor(() => scheduler.nextWake === C3 + SETTLE + 5_000, 10_000, 'poll for BTC');
    scheduler.set(C3 + 30_000);
    await cyclesDone(4);
    okx.setSeries('BTC-USDT', '1h', between(btc1h, C0 - 48 * H1, C0 + 48 * H1));
    // Two bars later: the loop wakes once and publishes both closes it slept through.
    scheduler.set(C4 + H1 + SETTLE);
    await cyclesDone(5);

    expect(cycles.map((c) => [c.closes, c.arrived, c.missing, c.timedOut])).toEqual([
      // On start: one marker per caught-up close, each after that close's bars.
      [[C0 - 2 * H1, C0 - H1, C0], ['BTC/USDT', 'ETH/USDT'], [], false],
      [[C1], ['BTC/USDT'], ['ETH/USDT'], true],
      [[C2], ['BTC/USDT', 'ETH/USDT'], [], false],
      [[C3], ['ETH/USDT'], ['BTC/USDT'], true],
      [[C4, C4 + H1], ['BTC/USDT', 'ETH/USDT'], [], false],
    ]);
    const both = ['BTC/USDT', 'ETH/USDT'];
    expect(await barSets()).toEqual([
      { close: C0 - 2 * H1, arrived: both, missing: [], timedOut: false },
      { close: C0 - H1, arrived: both, missing: [], timedOut: false },
      { close: C0, arrived: both, missing: [], timedOut: false },
      { close: C1, arrived: ['BTC/USDT'], missing: ['ETH/USDT'], timedOut: true },
      { close: C2, arrived: both, missing: [], timedOut: false },
      { close: C3, arrived: ['ETH/USDT'], missing: ['BTC/USDT'], timedOut: true },
      { close: C4, arrived: both, missing: [], timedOut: false },
      { close: C4 + H1, arrived: both, missing: [], timedOut: false },
    ]);
    // Closed bars only, each once, the late one included; the forming candle is never published.
    const closed = [C0 - 3 * H1, C0 - 2 * H1, C0 - H1, C0, C1, C2, C3, C4];
    expect(await opens(BTC)).toEqual(closed);
    expect(await opens(ETH)).toEqual(closed.filter((t) => t !== C0));
    expect(okx.requests.some((r) => r.rows > 0 && Number(r.query['after']) > C4 + H1)).toBe(false);
    // ETH's hole is reported once the exchange moved past it, and not filled.
    await waitFor(() => seen.some((a) => a.code === 'exchange_gap'), 10_000, 'gap alert');
    expect(seen.filter((a) => a.code === 'exchange_gap').map((a) => a.labels)).toEqual([
      expect.objectContaining({ instrument: 'OKX:ETH/USDT', fromOpen: String(C0), missingBars: '1' }),
    ]);
    await waitFor(async () => (await p.store.lastOpenTime(ETH, '1h')) === C4, 10_000, 'archived');
    expect(await p.store.gaps(ETH, '1h')).toEqual([{ fromOpen: C0, toOpen: C0, missingBars: 1 }]);
    expect(await p.store.gaps(BTC, '1h')).toEqual([]);
    expect(collector.counters.gapsReported).toBe(1);
  });

  test('a malformed answer for one symbol alerts and skips it for the cycle; the others go on, it catches up', async () => {
    const { okx, scheduler, collector, cycles, seen, cyclesDone, opens } = await live();
    okx.inject({ kind: 'malformed', instId: 'ETH-USDT', path: CANDLES, times: 1 });

    collector.start();
    await cyclesDone(1);
    expect(cycles[0]).toMatchObject({ arrived: ['BTC/USDT'], missing: ['ETH/USDT'], timedOut: false });
    await waitFor(() => seen.some((a) => a.code === 'fetch_failed'), 10_000, 'fetch_failed alert');
    const alert = seen.find((a) => a.code === 'fetch_failed')!;
    expect(alert.labels['instrument']).toBe('OKX:ETH/USDT');
    expect(alert.message).toMatch(/malformed OKX candles response/);
    expect(collector.counters.fetchFailures).toBe(1);
    expect(await opens(ETH)).toEqual([]);

    const C1 = C0 + H1;
    scheduler.set(C1 + SETTLE);
    await cyclesDone(2);
    expect(cycles[1]).toMatchObject({ closes: [C1], arrived: ['BTC/USDT', 'ETH/USDT'], missing: [] });
    // ETH caught up everything it missed, in order.
    expect(await opens(ETH)).toEqual([C0 - 3 * H1, C0 - 2 * H1, C0 - H1, C0]);
    expect(await opens(BTC)).toEqual([C0 - 3 * H1, C0 - 2 * H1, C0 - H1, C0]);
  });
});

describe('algotrader data', () => {
  test('backfill, resume, import, ls, verify and sql over one store', async () => {
    const since = Date.UTC(2022, 8, 1);
    const clock = new SimulatedClock(Date.UTC(2022, 8, 8, 0, 20));
    const okx = await startOkx(clock);
    okx.setSeries('BTC-USDT', '1h', between(btc1h, since, Date.UTC(2022, 8, 9)));
    okx.setSeries('ETH-USDT', '1h', between(eth1h, since, Date.UTC(2022, 8, 9)));
    okx.removeCandles('ETH-USDT', '1h', Date.UTC(2022, 8, 3, 4), Date.UTC(2022, 8, 3, 5));
    const dir = tempDir();
    const out: string[] = [];
    const err: string[] = [];
    const io = {
      env: { OKX_REST_URL: okx.url, ALGOTRADER_DATA_DIR: dir },
      out: (l: string) => out.push(l),
      err: (l: string) => err.push(l),
    };
    const run = async (...argv: string[]) => {
      out.length = 0;
      err.length = 0;
      return runData(argv, io);
    };
    const until = '2022-09-08T00:00Z';
    /** `data backfill` of `symbols` 1h from 2022-09-01 until `until`, then `more` options. */
    const backfill = (symbols: string, ...more: string[]) =>
      run('backfill', '--symbols', symbols, '--tf', '1h', '--since', '2022-09-01', '--until', until, ...more);

    // The CLI's backfill runs with ccxt's real rate limiter; the clock is the wall clock, so --until.
    expect(await backfill('BTC/USDT,ETH/USDT', '--quiet'), err.join('\n')).toBe(0);
    expect(out[0]).toMatch(/^OKX:BTC\/USDT 1h: 168 bars .* 0 gap\(s\), 0 rejected$/);
    expect(out[1]).toMatch(
      /^OKX:ETH\/USDT 1h: 166 bars .* 1 gap\(s\) \[2022-09-03 04:00→2022-09-03 05:00 \(2\)\]/,
    );

    expect(await backfill('BTC/USDT', '--quiet')).toBe(0);
    expect(out[0]).toMatch(/^OKX:BTC\/USDT 1h: 0 bars in 0 requests, resumed after 2022-09-07 23:00/);

    const file = bundledData('demo/binance_BTC-USDT_1h_2024-2025.csv.gz');
    expect(await run('import', file, '--symbol', 'OKX:SOL/USDT', '--tf', '1h')).toBe(0);
    expect(out[0]).toBe(
      'OKX:SOL/USDT 1h: 8777 rows read, 8777 written, 0 already stored, 0 conflicting (stored kept), 0 rejected',
    );
    expect(await run('import', file, '--symbol', 'OKX:SOL/USDT', '--tf', '1h')).toBe(0);
    expect(out[0]).toMatch(/8777 rows read, 0 written, 8777 already stored/);

    expect(await run('ls', '--json')).toBe(0);
    const ls = out.map((l) => JSON.parse(l) as { instrument: string; rows: number; gaps: number });
    expect(ls.map((s) => [s.instrument, s.rows, s.gaps])).toEqual([
      ['OKX:BTC/USDT', 168, 0],
      ['OKX:ETH/USDT', 166, 2],
      ['OKX:SOL/USDT', 8777, expect.any(Number)],
    ]);
    expect(await run('ls')).toBe(0);
    expect(out[0]).toMatch(/^series\s+tf\s+first \(UTC\)\s+last \(UTC\)\s+rows\s+missing/);

    expect(await run('verify', '--symbol', 'OKX:ETH/USDT')).toBe(0);
    expect(out).toEqual([
      'ok   OKX:ETH/USDT 1h: 166 rows 2022-09-01 00:00 → 2022-09-07 23:00 UTC, 1 gap(s) (2 missing bars) [2022-09-03 04:00→2022-09-03 05:00 (2)], 0 bad bar(s), 0 outlier warning(s)',
    ]);

    expect(
      await run('sql', 'SELECT symbol, count(*) AS n FROM ohlcv GROUP BY symbol ORDER BY symbol', '--json'),
    ).toBe(0);
    expect(out.map((l) => JSON.parse(l))).toEqual([
      { symbol: 'BTC-USDT', n: 168 },
      { symbol: 'ETH-USDT', n: 166 },
      { symbol: 'SOL-USDT', n: 8777 },
    ]);
    await expect(run('sql', 'DROP VIEW ohlcv')).rejects.toThrow(/only read-only/);

    // freqtrade JSON, told apart by its extension.
    const json = join(tempDir(), 'ADA_USDT-1h.json');
    writeFileSync(
      json,
      JSON.stringify([
        [Date.UTC(2022, 0, 1), 1, 2, 0.5, 1.5, 10],
        [Date.UTC(2022, 0, 1, 1), 1.5, 1.6, 1.4, 1.45, 7],
      ]),
    );
    expect(await run('import', json, '--symbol', 'ADA/USDT', '--tf', '1h')).toBe(0);
    expect(out[0]).toMatch(/^OKX:ADA\/USDT 1h: 2 rows read, 2 written/);

    // --via-bus: published for a running archiver instead of written here (resume still reads the store).
    const nats = await startNats();
    expect(
      await backfill('BTC/USDT', '--via-bus', '--nats', nats.url, '--data-dir', tempDir(), '--quiet'),
      err.join('\n'),
    ).toBe(0);
    expect(out.at(-1)).toMatch(/^168 bars, 1 requests, 0 retries \(published to md\.bar\.\*/);
    const bus = await Bus.connect({ servers: nats.url, service: 'test' });
    cleanup.push(() => bus.close());
    expect(await streamedOpens(bus, subjects.bar(BTC, '1h'))).toEqual(
      opensIn(btc1h, since, Date.UTC(2022, 8, 8)),
    );
  });
});
