import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { computeMetrics, runBacktest } from '@algotrader/backtest';
import { Bus, SYSTEM_TOPOLOGY, subjects } from '@algotrader/bus';
import { Archiver, ArchiveWriter, BusAlertSink, createOkx, OkxMarketData } from '@algotrader/collector';
import {
  alignOpen,
  type BarColumns,
  parseInstrument,
  SimulatedClock,
  symbolToken,
  type Timeframe,
  timeframeMs,
} from '@algotrader/core';
import { InfluxSink } from '@algotrader/metrics';
import { type Alert, codecs } from '@algotrader/proto';
import {
  type BacktestSpec,
  BacktestSpecSchema,
  type CompactionServer,
  DAILY_SUMMARY_DUE,
  type JobReport,
  KvLock,
  LeaseStore,
  NIGHTLY_BACKTESTS,
  openLeaseBucket,
  Scheduler,
  type SchedulerEvent,
  SchedulerJobs,
  type StandardJobName,
  serveCompactionRequests,
  standardJobs,
} from '@algotrader/scheduler';
import { ParquetStore, readCsvBars } from '@algotrader/store';
import { getStrategy } from '@algotrader/strategy';
import { bundledData, NatsServer, OkxServer, scaled, VictoriaMetrics, waitFor } from '@algotrader/testkit';
import type { KV } from '@nats-io/kv';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { INIT_TOPOLOGY } from '../apps/cli/src/commands/init';
import { cleanupStack } from './helpers/cleanup';
import { between } from './helpers/fixtures';
import { readStream } from './helpers/jetstream';

const BTC = parseInstrument('OKX:BTC/USDT');
const MIN = 60_000;
const H1 = 60 * MIN;
const DAY = 24 * H1;
const RETENTION = 8 * DAY;
/** The seeded store holds bars opened in [SEED_FROM, CUT); the exchange has them all. */
const SEED_FROM = Date.UTC(2025, 1, 1);
const CUT = Date.UTC(2025, 5, 1);
const PRE_CUT_MONTHS = [2, 3, 4, 5] as const;
const TFS: readonly Timeframe[] = ['1h', '15m'];
/** Retries without the production waits. */
const FAST = { attempts: 4, baseMs: 5, maxMs: 40 };
const at = (iso: string) => Date.parse(iso);

let btc1h: BarColumns;
let btc15: BarColumns;
let vm: VictoriaMetrics;
const cleanup = cleanupStack();

const source = (tf: Timeframe) => (tf === '1h' ? btc1h : btc15);
const opensIn = (tf: Timeframe, from: number, to: number) =>
  Array.from(source(tf).openTime).filter((t) => t >= from && t < to);

function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'algotrader-scheduler-jobs-'));
  cleanup.push(() => rmSync(d, { recursive: true, force: true }));
  return d;
}

/**
 * A store of real bars (shared data set) for [SEED_FROM, CUT), written in small appends as a live
 * archiver would, so every month partition holds several files.
 */
async function seedStore(): Promise<string> {
  const dir = tempDir();
  const store = await ParquetStore.open(dir, { compactAboveFiles: Number.POSITIVE_INFINITY });
  for (const tf of TFS) {
    const part = between(source(tf), SEED_FROM, CUT);
    const chunk = (3 * DAY) / timeframeMs(tf);
    for (let i = 0; i < part.openTime.length; i += chunk) {
      await store.append(BTC, tf, {
        openTime: part.openTime.subarray(i, i + chunk),
        open: part.open.subarray(i, i + chunk),
        high: part.high.subarray(i, i + chunk),
        low: part.low.subarray(i, i + chunk),
        close: part.close.subarray(i, i + chunk),
        volume: part.volume.subarray(i, i + chunk),
      });
    }
  }
  await store.close();
  return dir;
}

function monthDir(dir: string, tf: Timeframe, month: number): string {
  return join(
    dir,
    'ohlcv',
    'venue=okx',
    `symbol=${symbolToken(BTC)}`,
    `tf=${tf}`,
    'year=2025',
    `month=${String(month).padStart(2, '0')}`,
  );
}

/** Per pre-cut month partition: its Parquet files and its rows. */
async function partitions(dir: string, store: ParquetStore) {
  const out: Record<string, { files: number; rows: number }> = {};
  for (const tf of TFS) {
    for (const m of PRE_CUT_MONTHS) {
      const files = readdirSync(monthDir(dir, tf, m)).filter((f) => f.endsWith('.parquet')).length;
      const bars = await store.read(BTC, tf, { from: Date.UTC(2025, m - 1, 1), to: Date.UTC(2025, m, 1) });
      out[`${tf} 2025-${m}`] = { files, rows: bars.openTime.length };
    }
  }
  return out;
}

async function startOkx(clock: SimulatedClock): Promise<OkxServer> {
  const okx = await OkxServer.start({ clock });
  cleanup.push(() => okx.stop());
  okx.setSeries('BTC-USDT', '1h', between(btc1h, SEED_FROM));
  okx.setSeries('BTC-USDT', '15m', between(btc15, SEED_FROM));
  return okx;
}

const streamedOpens = async (bus: Bus, tf: Timeframe) =>
  (await readStream(bus, 'MD', subjects.bar(BTC, tf), codecs.Bar)).map((b) => Number(b.openTimeMs));

const alertsWithCode = async (bus: Bus, code: string): Promise<Alert[]> =>
  (await readStream(bus, 'OPS', 'ops.alert.>', codecs.Alert)).filter((a) => a.code === code);

/** infra/nats/auth.conf must already grant what these jobs need; a missing grant fails the test. */
function authWithJobPermissions(text: string): string {
  expect(text).toContain('"svc.collector.compact", "md.bar.>"');
  expect(text).toMatch(/subscribe: \{ allow: \["svc\.collector\.compact"/);
  expect(text).toContain('allow_responses: true');
  return text;
}

interface Replica {
  name: string;
  bus: Bus;
  kv: KV;
  jobs: SchedulerJobs;
  sink: InfluxSink;
}

interface Recorded {
  events: (SchedulerEvent & { replica: string })[];
  reports: { replica: string; job: string; report: JobReport }[];
}

interface ReplicaOptions {
  url: string;
  auth?: boolean;
  clock: SimulatedClock;
  okx: OkxServer;
  dir: string;
  storeWriter: 'archiver' | 'scheduler';
  backtests?: BacktestSpec[];
  recorded: Recorded;
  lock?: (kv: KV, name: string) => KvLock;
}

/** Two scheduler replicas: separate connections, lease stores, OKX clients and metrics sinks. */
async function startReplicas(o: ReplicaOptions): Promise<Replica[]> {
  const out: Replica[] = [];
  for (const name of ['a', 'b']) {
    const bus = await Bus.connect({
      servers: o.url,
      service: 'scheduler',
      ...(o.auth ? { user: 'scheduler', password: 'pw-scheduler' } : {}),
    });
    cleanup.push(() => bus.close());
    // As runService: the scheduler's own user may not change streams (the admin made them).
    await bus.ensureIfAllowed(SYSTEM_TOPOLOGY);
    const kv = await openLeaseBucket(bus.js, { retentionMs: RETENTION, storage: 'memory' });
    const sink = new InfluxSink({
      url: vm.url,
      org: 'algotrader',
      bucket: 'algotrader',
      flushIntervalMs: 60_000,
    });
    cleanup.push(() => sink.close());
    const jobs = new SchedulerJobs({
      bus,
      clock: o.clock,
      log: { info() {}, warn() {}, error() {} },
      instance: name,
      dataDir: o.dir,
      storeWriter: o.storeWriter,
      symbols: [BTC],
      timeframes: TFS,
      since: undefined,
      md: new OkxMarketData(createOkx({ restUrl: o.okx.url, enableRateLimit: false })),
      metrics: sink,
      backtests: o.backtests ?? [],
      retry: FAST,
      compactTimeoutMs: 20_000,
      ...(o.lock ? { lock: o.lock(kv, name) } : {}),
      onReport: (job, report) => o.recorded.reports.push({ replica: name, job, report }),
    });
    out.push({ name, bus, kv, jobs, sink });
  }
  return out;
}

/** Schedulers over the replicas with the standard jobs; `off` leaves a job out. */
function schedulers(
  replicas: Replica[],
  clock: SimulatedClock,
  recorded: Recorded,
  schedules: Partial<Record<StandardJobName, string>>,
): Scheduler[] {
  return replicas.map(
    (r) =>
      new Scheduler({
        jobs: standardJobs(r.jobs.actions(), schedules),
        leases: new LeaseStore(r.kv),
        clock,
        instance: r.name,
        leaseRetentionMs: RETENTION,
        onEvent: (e) => recorded.events.push({ ...e, replica: r.name }),
        onError: (e) => {
          throw e;
        },
      }),
  );
}

/** Both replicas tick on the same instants, as two processes would, until `ticks` are done. */
async function drive(s: Scheduler[], clock: SimulatedClock, ticks: number): Promise<void> {
  for (let i = 0; i < ticks; i++) {
    await Promise.all(s.map((x) => x.tick()));
    await Promise.all(s.map((x) => x.idle()));
    clock.advance(30_000);
  }
}

const started = (r: Recorded) =>
  r.events
    .filter((e) => e.type === 'started')
    .map((e) => `${e.job} ${new Date(e.scheduledMs).toISOString()}`)
    .sort();

beforeAll(async () => {
  NatsServer.assertInstalled();
  VictoriaMetrics.assertInstalled();
  [btc1h, btc15, vm] = await Promise.all([
    readCsvBars(bundledData('demo/binance_BTC-USDT_1h_2024-2025.csv.gz')),
    readCsvBars(bundledData('ohlcv/binance_BTC-USDT_15m_2024-2025.csv.gz')),
    VictoriaMetrics.start(),
  ]);
});

afterAll(async () => {
  await vm?.stop();
});

describe('scheduler jobs doing their real work, two replicas', { timeout: scaled(60_000) }, () => {
  test('the archiver owns the store: backfill via md.bar.*, compaction by the collector, the daily trigger, nightly backtests into VictoriaMetrics; each occurrence once', async () => {
    // A real nats-server with the per-service users of infra/nats/auth.conf (plus the jobs' permissions).
    const auth = authWithJobPermissions(
      readFileSync(resolve(import.meta.dirname, '../infra/nats/auth.conf'), 'utf8'),
    );
    const env = Object.fromEntries(
      [...auth.matchAll(/\$(NATS_PASSWORD_([A-Z_]+))/g)].map((m) => [
        m[1]!,
        `pw-${m[2]!.toLowerCase().replace(/_/g, '-')}`,
      ]),
    );
    const nats = await NatsServer.start({ config: auth, env });
    cleanup.push(() => nats.stop());
    const admin = await Bus.connect({
      servers: nats.url,
      service: 'admin',
      user: 'admin',
      password: 'pw-admin',
    });
    cleanup.push(() => admin.close());
    // `algotrader init`: the topology and the durables (the collector's user binds to its archiver).
    await admin.ensure(INIT_TOPOLOGY);

    const dir = await seedStore();
    // 2025-06-03 01:10 UTC: the hourly backfill (01:07) and two daily summaries (00:05 of 06-02
    // and of 06-03, inside its 30 h catch-up) are due.
    const clock = new SimulatedClock(at('2025-06-03T01:10:00Z'));
    const okx = await startOkx(clock);

    // The collector process: its archiver is the store's single writer and answers compaction requests.
    const collector = await Bus.connect({
      servers: nats.url,
      service: 'collector',
      user: 'collector',
      password: 'pw-collector',
    });
    cleanup.push(() => collector.close());
    const store = await ParquetStore.open(dir);
    const alerts = new BusAlertSink(collector, clock);
    const archiver = await Archiver.start({
      bus: collector,
      writer: new ArchiveWriter(store, alerts),
      batch: 2_000,
    });
    const served: CompactionServer = serveCompactionRequests(collector.nc, () => store.compact());
    cleanup.push(async () => {
      await served.stop();
      await archiver.stop();
      await alerts.flush();
      await store.close();
    });

    const backtests: BacktestSpec[] = [
      BacktestSpecSchema.parse({
        strategy: 'sma_cross',
        params: { fast: 10, slow: 30 },
        symbols: ['BTC/USDT'],
        timeframe: '1h',
        lookbackDays: 60,
      }),
      BacktestSpecSchema.parse({
        name: 'bollinger_15m',
        strategy: 'bollinger_reversion',
        symbols: ['BTC/USDT'],
        timeframe: '15m',
        lookbackDays: 20,
      }),
    ];
    const rec: Recorded = { events: [], reports: [] };
    const replicas = await startReplicas({
      url: nats.url,
      auth: true,
      clock,
      okx,
      dir,
      storeWriter: 'archiver',
      backtests,
      recorded: rec,
    });

    // Phase 1: compaction and backtests are not scheduled yet.
    await drive(
      schedulers(replicas, clock, rec, { 'parquet-compaction': 'off', 'nightly-backtests': 'off' }),
      clock,
      3,
    );
    expect(started(rec)).toEqual([
      'catch-up-backfill 2025-06-03T01:07:00.000Z',
      'daily-summary 2025-06-02T00:05:00.000Z',
      'daily-summary 2025-06-03T00:05:00.000Z',
    ]);
    // The closed bars after the newest stored one (05-31 23:00 / 23:45) are on the bus, then in the store.
    const phase1 = at('2025-06-03T01:00:00Z'); // the bar forming at 01:10 opened then
    for (const tf of TFS) {
      expect(await streamedOpens(admin, tf), `${tf} on md.bar`).toEqual(opensIn(tf, CUT, phase1));
    }
    await waitFor(
      async () =>
        (await store.lastOpenTime(BTC, '1h')) === phase1 - H1 &&
        (await store.lastOpenTime(BTC, '15m')) === phase1 - 15 * MIN,
      15_000,
      'the archiver stored the backfilled bars',
    );
    const before = await partitions(dir, store);
    for (const p of Object.values(before)) expect(p.files).toBeGreaterThan(1);

    // Phase 2, two hours later, replicas restarted: backfill (03:07), compaction (03:30) and the
    // backtests (scheduled 01:00 here, so their window is what phase 1 stored) are due. The daily
    // summaries are done and stay done.
    clock.set(at('2025-06-03T03:31:00Z'));
    await drive(schedulers(replicas, clock, rec, { 'nightly-backtests': '0 1 * * *' }), clock, 3);
    expect(started(rec)).toEqual([
      'catch-up-backfill 2025-06-03T01:07:00.000Z',
      'catch-up-backfill 2025-06-03T03:07:00.000Z',
      'daily-summary 2025-06-02T00:05:00.000Z',
      'daily-summary 2025-06-03T00:05:00.000Z',
      'nightly-backtests 2025-06-03T01:00:00.000Z',
      'parquet-compaction 2025-06-03T03:30:00.000Z',
    ]);
    expect(rec.events.filter((e) => e.type === 'failed')).toEqual([]);
    expect(rec.events.filter((e) => e.type === 'succeeded')).toHaveLength(6);
    for (const e of rec.events.filter((x) => x.type === 'started')) {
      const l = await new LeaseStore(replicas[0]!.kv).get(e.job, e.scheduledMs);
      expect(l?.lease).toMatchObject({ status: 'done', holder: e.replica, attempt: 1 });
    }

    // Backfill: each closed bar once on the bus, resumed after the newest one held; then stored.
    for (const tf of TFS) {
      const expected = opensIn(tf, CUT, alignOpen(at('2025-06-03T03:31:00Z'), tf));
      expect(await streamedOpens(admin, tf), `${tf} on md.bar`).toEqual(expected);
      await waitFor(
        async () => (await store.lastOpenTime(BTC, tf)) === expected.at(-1),
        15_000,
        `${tf} stored`,
      );
      expect(Array.from((await store.read(BTC, tf, { from: CUT })).openTime)).toEqual(expected);
    }
    const backfills = rec.reports.filter((r) => r.job === 'catch-up-backfill').map((r) => r.report);
    expect(backfills.map((r) => r.kind === 'backfill' && [r.via, r.bars])).toEqual([
      ['bus', 49 + 196],
      ['bus', 2 + 10],
    ]);

    // Compaction ran in the collector (the writer): one file per partition, every row kept.
    expect(served.served).toBe(1);
    const after = await partitions(dir, store);
    for (const [k, p] of Object.entries(after)) {
      expect(p, k).toEqual({ files: 1, rows: before[k]!.rows });
    }
    const compaction = rec.reports.find((r) => r.job === 'parquet-compaction')!.report;
    expect(compaction).toMatchObject({ kind: 'compaction', via: 'collector' });
    if (compaction.kind === 'compaction') expect(compaction.filesAfter).toBeLessThan(compaction.filesBefore);

    // The daily-summary trigger: one per day, for the notifier.
    const triggers = await alertsWithCode(admin, DAILY_SUMMARY_DUE);
    expect(triggers.map((a) => a.labels?.['due_ms'])).toEqual([
      String(at('2025-06-02T00:05:00Z')),
      String(at('2025-06-03T00:05:00Z')),
    ]);
    expect(triggers.every((a) => a.source === 'scheduler')).toBe(true);

    // Nightly backtests: the same figures as running the backtest on the stored window ourselves.
    const run = 'nightly-2025-06-03T01:00Z';
    const end = at('2025-06-03T01:00:00Z');
    const expected = new Map<string, ReturnType<typeof computeMetrics>>();
    for (const b of backtests) {
      const tf = b.timeframe as Timeframe;
      const bars = await store.read(BTC, tf, { from: end - b.lookbackDays * DAY, to: end });
      expect(bars.openTime.at(-1)).toBe(end - timeframeMs(tf));
      const result = runBacktest({
        strategy: getStrategy(b.strategy),
        params: b.params,
        data: { timeframe: tf, series: [{ instrument: BTC, bars }] },
        initialCash: b.initialCash,
      });
      expected.set(b.name ?? b.strategy, computeMetrics(result));
    }
    expect(expected.get('sma_cross')!.tradeCount).toBeGreaterThan(0);
    const totalReturn = await vm.waitForSamples(`backtest_total_return{run="${run}"}`, 2);
    expect(totalReturn.map((s) => s.metric['strategy'])).toEqual(['bollinger_15m', 'sma_cross']);
    for (const s of totalReturn) {
      const m = expected.get(s.metric['strategy']!)!;
      expect(s.values).toHaveLength(1);
      expect(s.values[0]).toBeCloseTo(m.totalReturn, 9);
      expect(s.timestamps).toEqual([end]);
    }
    const trades = await vm.waitForSamples(`backtest_trades{run="${run}",strategy="sma_cross"}`, 1);
    expect(trades[0]!.values).toEqual([expected.get('sma_cross')!.tradeCount]);
    const headline = await alertsWithCode(admin, NIGHTLY_BACKTESTS);
    expect(headline).toHaveLength(1);
    expect(headline[0]!.labels).toMatchObject({
      run,
      backtests: '2',
      failed: '0',
      'sma_cross.total_return': String(expected.get('sma_cross')!.totalReturn),
      'sma_cross.trades': String(expected.get('sma_cross')!.tradeCount),
    });
    expect(headline[0]!.message).toMatch(
      /sma_cross \(OKX:BTC\/USDT 1h, 2025-04-04 → 2025-06-03\): return -?\d/,
    );

    // Nothing more falls due: more ticks run nothing again.
    await drive(schedulers(replicas, clock, rec, { 'nightly-backtests': '0 1 * * *' }), clock, 2);
    expect(rec.events.filter((e) => e.type === 'started')).toHaveLength(6);
  });

  test('the scheduler owns the store: backfill and compaction write it directly, one replica at a time', async () => {
    const nats = await NatsServer.start();
    cleanup.push(() => nats.stop());
    const dir = await seedStore();
    const clock = new SimulatedClock(at('2025-06-03T03:31:00Z'));
    const okx = await startOkx(clock);
    const held: { what: string; from: number; to: number }[] = [];
    // A lock that records when its holder writes the store.
    class RecordingLock extends KvLock {
      override withLock<T>(
        what: string,
        signal: AbortSignal,
        fn: (s: AbortSignal) => Promise<T>,
      ): Promise<T> {
        return super.withLock(what, signal, async (s) => {
          const span = { what, from: performance.now(), to: Number.NaN };
          held.push(span);
          try {
            return await fn(s);
          } finally {
            span.to = performance.now();
          }
        });
      }
    }
    const rec: Recorded = { events: [], reports: [] };
    const replicas = await startReplicas({
      url: nats.url,
      clock,
      okx,
      dir,
      storeWriter: 'scheduler',
      recorded: rec,
      lock: (kv, name) => new RecordingLock({ kv, holder: name, clock, pollMs: 20 }),
    });
    const reader = await ParquetStore.open(dir);
    cleanup.push(() => reader.close());
    const before = await partitions(dir, reader);

    await drive(schedulers(replicas, clock, rec, { 'daily-summary': 'off' }), clock, 3);
    expect(started(rec)).toEqual([
      'catch-up-backfill 2025-06-03T03:07:00.000Z',
      'parquet-compaction 2025-06-03T03:30:00.000Z',
    ]);
    expect(rec.events.filter((e) => e.type === 'succeeded')).toHaveLength(2);
    // Both wrote the store, never at the same time.
    expect(held.map((h) => h.what).sort()).toEqual(['catch-up-backfill', 'parquet-compaction']);
    const [first, second] = [...held].sort((x, y) => x.from - y.from);
    expect(first!.to).toBeLessThanOrEqual(second!.from);

    // Nothing went over the bus: the bars are in the store, each once.
    expect((await replicas[0]!.bus.jsm.streams.info('MD')).state.messages).toBe(0);
    for (const tf of TFS) {
      const stored = await reader.read(BTC, tf, { from: CUT });
      expect(Array.from(stored.openTime), tf).toEqual(
        opensIn(tf, CUT, alignOpen(at('2025-06-03T03:31:00Z'), tf)),
      );
    }
    const backfill = rec.reports.find((r) => r.job === 'catch-up-backfill')!.report;
    expect(backfill).toMatchObject({ kind: 'backfill', via: 'store', bars: 51 + 206 });
    const after = await partitions(dir, reader);
    for (const [k, p] of Object.entries(after)) expect(p, k).toEqual({ files: 1, rows: before[k]!.rows });
  });

  test('compaction with no writer answering fails, names the fix, and is retried once by one replica', async () => {
    const nats = await NatsServer.start();
    cleanup.push(() => nats.stop());
    const dir = tempDir();
    const store = await ParquetStore.open(dir, { compactAboveFiles: Number.POSITIVE_INFINITY });
    cleanup.push(() => store.close());
    const may = between(btc1h, Date.UTC(2025, 4, 1), Date.UTC(2025, 5, 1));
    for (const [from, to] of [
      [0, 200],
      [200, 400],
      [400, may.openTime.length],
    ] as const) {
      await store.append(BTC, '1h', {
        openTime: may.openTime.subarray(from, to),
        open: may.open.subarray(from, to),
        high: may.high.subarray(from, to),
        low: may.low.subarray(from, to),
        close: may.close.subarray(from, to),
        volume: may.volume.subarray(from, to),
      });
    }
    const clock = new SimulatedClock(at('2025-06-03T03:31:00Z'));
    const okx = await startOkx(clock);
    const rec: Recorded = { events: [], reports: [] };
    const replicas = await startReplicas({
      url: nats.url,
      clock,
      okx,
      dir,
      storeWriter: 'archiver',
      recorded: rec,
    });
    const only = {
      'catch-up-backfill': 'off',
      'daily-summary': 'off',
      'nightly-backtests': 'off',
    } as const;
    const s = schedulers(replicas, clock, rec, only);
    await drive(s, clock, 2);
    const failed = rec.events.filter((e) => e.type === 'failed');
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ job: 'parquet-compaction', attempt: 1, willRetry: true });
    expect(failed[0]!.type === 'failed' && failed[0]!.error).toMatch(
      /nothing serves svc\.collector\.compact.*SCHEDULER_STORE_WRITER=scheduler/,
    );
    expect(readdirSync(monthDir(dir, '1h', 5)).filter((f) => f.endsWith('.parquet'))).toHaveLength(3);

    // The writer comes up; five minutes after the failure one replica asks again and it compacts.
    const writer = await Bus.connect({ servers: nats.url, service: 'collector' });
    cleanup.push(() => writer.close());
    const served = serveCompactionRequests(writer.nc, () => store.compact());
    cleanup.push(() => served.stop());
    clock.advance(5 * MIN);
    await drive(s, clock, 2);
    expect(rec.events.filter((e) => e.type === 'started').map((e) => e.attempt)).toEqual([1, 2]);
    expect(rec.events.filter((e) => e.type === 'succeeded')).toEqual([
      expect.objectContaining({ job: 'parquet-compaction', attempt: 2 }),
    ]);
    expect(served.served).toBe(1);
    expect(readdirSync(monthDir(dir, '1h', 5)).filter((f) => f.endsWith('.parquet'))).toHaveLength(1);
    expect((await store.read(BTC, '1h')).openTime.length).toBe(may.openTime.length);
    const lease = await new LeaseStore(replicas[1]!.kv).get('parquet-compaction', at('2025-06-03T03:30:00Z'));
    expect(lease?.lease).toMatchObject({ status: 'done', attempt: 2 });
  });
});
