import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Bus, SYSTEM_TOPOLOGY, subjects } from '@algotrader/bus';
import {
  Archiver,
  ArchiveWriter,
  BusAlertSink,
  COLLECTOR_MEASUREMENTS,
  CollectorMetrics,
  type CycleReport,
  LiveCollector,
  ManualScheduler,
  newCollectorCounters,
} from '@algotrader/collector';
import { type BarColumns, closeTimeOf, parseInstrument, SimulatedClock } from '@algotrader/core';
import { createMetricsSink, type MetricsSink, NullSink, type SinkStats } from '@algotrader/metrics';
import { codecs } from '@algotrader/proto';
import { ParquetStore } from '@algotrader/store';
import { type ExportedSeries, NatsServer, OkxServer, VictoriaMetrics, waitFor } from '@algotrader/testkit';
import { beforeAll, describe, expect, test } from 'vitest';
import { cleanupStack } from './helpers/cleanup';
import { BTC, btcEthCollector, C0, ETH, H1, loadBtcEth1h, SETTLE } from './helpers/collector';
import { between, valueAt } from './helpers/fixtures';
import { readStream } from './helpers/jetstream';

const CANDLES = '/api/v5/market/candles';

let btc1h: BarColumns;
let eth1h: BarColumns;

const cleanup = cleanupStack();

/** Counts what is offered to the real sink, so drops can be checked against it exactly. */
class CountingSink implements MetricsSink {
  offered = 0;
  /** Distinct (series, field, time, value) offered: a VictoriaMetrics sample each, once deduplicated. */
  readonly samples = new Set<string>();
  constructor(readonly inner: MetricsSink) {}
  point(...args: Parameters<MetricsSink['point']>): void {
    const [measurement, tags, fields, timeMs] = args;
    this.offered += 1;
    const series = `${measurement}|${Object.entries(tags).sort().join(',')}`;
    for (const [k, v] of Object.entries(fields)) {
      if (typeof v === 'number' && Number.isFinite(v)) this.samples.add(`${series}|${k}|${timeMs}|${v}`);
    }
    this.inner.point(...args);
  }
  flush(): Promise<void> {
    return this.inner.flush();
  }
  close(): Promise<void> {
    return this.inner.close();
  }
  stats(): SinkStats {
    return this.inner.stats();
  }
}

/** A TCP port that accepts connections and never answers: a hung InfluxDB. */
async function blackhole(): Promise<{ url: string; server: Server }> {
  const sockets = new Set<Socket>();
  const server = createServer((s) => {
    sockets.add(s);
    s.on('error', () => {});
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  cleanup.push(
    () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  );
  return { url: `http://127.0.0.1:${port}`, server };
}

/**
 * Production sink settings except a small buffer (to see it fill), short timers (more attempts) and,
 * for the hung server, a short request timeout (so the test's cleanup does not wait 5 s twice).
 */
function influxSink(
  url: string,
  run: string,
  maxBufferedPoints = 50_000,
  requestTimeoutMs = 5_000,
): CountingSink {
  const sink = new CountingSink(
    createMetricsSink(
      { url, org: 'algotrader', bucket: 'algotrader' },
      {
        defaultTags: { host: 'test', run },
        maxBufferedPoints,
        flushIntervalMs: 50,
        minRetryDelayMs: 50,
        maxRetryDelayMs: 200,
        requestTimeoutMs,
      },
    ),
  );
  cleanup.push(() => sink.close());
  return sink;
}

async function startVm(): Promise<VictoriaMetrics> {
  const vm = await VictoriaMetrics.start();
  cleanup.push(() => vm.stop());
  return vm;
}

/**
 * What the collector process runs, over a real nats-server, the local OKX server through ccxt and
 * a Parquet store: the live loop (1h, BTC and ETH, catching up since C0 - 3h) and the archiver,
 * both reporting to `sink` through one {@link CollectorMetrics}; the time is a manual scheduler.
 */
async function rig(sink: MetricsSink, opts: { seriesTo?: number } = {}) {
  const nats = await NatsServer.start();
  cleanup.push(() => nats.stop());
  const clock = new SimulatedClock(C0 + 10_000);
  const scheduler = new ManualScheduler(clock);
  const okx = await OkxServer.start({ clock });
  cleanup.push(() => okx.stop());
  const to = opts.seriesTo ?? C0 + 48 * H1;
  okx.setSeries('BTC-USDT', '1h', between(btc1h, C0 - 48 * H1, to));
  okx.setSeries('ETH-USDT', '1h', between(eth1h, C0 - 48 * H1, to));
  const bus = await Bus.connect({ servers: nats.url, service: 'collector' });
  await bus.ensure(SYSTEM_TOPOLOGY);
  const dir = mkdtempSync(join(tmpdir(), 'algotrader-collector-metrics-'));
  const store = await ParquetStore.open(dir);
  const alerts = new BusAlertSink(bus, clock);
  const counters = newCollectorCounters();
  const metrics = new CollectorMetrics({
    sink,
    clock: scheduler,
    counters,
    gauges: () => ({ alerts_dropped: alerts.dropped }),
  });
  const writer = new ArchiveWriter(store, alerts);
  const archiver = await Archiver.start({ bus, writer, batch: 2_000, metrics });
  const cycles: CycleReport[] = [];
  let onCycle: (() => void) | undefined;
  const collector = new LiveCollector({
    ...btcEthCollector(okx.url, bus, store),
    alerts,
    scheduler,
    since: C0 - 3 * H1,
    counters,
    metrics,
    onCycle: (c) => {
      cycles.push(c);
      onCycle?.();
    },
  });
  cleanup.push(async () => {
    await collector.stop();
    await archiver.stop();
    await alerts.flush();
    await bus.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const cycleCount = (n: number) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`cycle ${n} did not come within 20 s`)), 20_000);
      const check = () => {
        if (cycles.length >= n) {
          clearTimeout(timer);
          onCycle = undefined;
          resolve();
        }
      };
      onCycle = check;
      check();
    });
  /** Starts the loop; resolves after its first cycle (the catch-up to close C0). */
  const start = async () => {
    collector.start();
    await cycleCount(1);
  };
  /** Moves the clock to the next close + settle and waits for that cycle; returns its wall time, ms. */
  const nextCycle = async () => {
    const n = cycles.length;
    const close = cycles[n - 1]!.closes.at(-1)! + H1;
    const t0 = performance.now();
    scheduler.set(close + SETTLE);
    await cycleCount(n + 1);
    return performance.now() - t0;
  };
  const opens = async (i: typeof BTC) =>
    (await readStream(bus, 'MD', subjects.bar(i, '1h'), codecs.Bar)).map((b) => Number(b.openTimeMs));
  return {
    natsUrl: nats.url,
    okx,
    bus,
    writer,
    metrics,
    counters,
    cycles,
    collector,
    start,
    nextCycle,
    opens,
  };
}

/** Every closed 1h open time from C0 - 3h up to (excluding) `close`. */
function closedUpTo(close: number): number[] {
  const out: number[] = [];
  for (let t = C0 - 3 * H1; t < close; t += H1) out.push(t);
  return out;
}

/**
 * The export with repeated samples (same time and value) removed: the sink writes at least once (a
 * batch whose answer came late is sent again), and the collector may write a point twice in one
 * instant (archiver batches while the simulated clock stands still); InfluxDB, unlike
 * VictoriaMetrics, keeps one point per series and time.
 */
async function exportUnique(vm: VictoriaMetrics, match: string): Promise<ExportedSeries[]> {
  return (await vm.export(match)).map((s) => {
    const seen = new Set<string>();
    const keep = s.timestamps.map((t, i) => {
      const k = `${t}:${s.values[i]}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
    return {
      metric: s.metric,
      timestamps: s.timestamps.filter((_, i) => keep[i]),
      values: s.values.filter((_, i) => keep[i]),
    };
  });
}

const samples = (series: ExportedSeries[]) => series.reduce((n, x) => n + x.values.length, 0);

function one(series: ExportedSeries[], name: string, labels: Record<string, string> = {}): ExportedSeries {
  const hit = series.filter(
    (s) => s.metric['__name__'] === name && Object.entries(labels).every(([k, v]) => s.metric[k] === v),
  );
  if (hit.length !== 1) {
    throw new Error(`expected one series ${name} ${JSON.stringify(labels)}, got ${hit.length}`);
  }
  return hit[0]!;
}

beforeAll(async () => {
  NatsServer.assertInstalled();
  VictoriaMetrics.assertInstalled();
  [btc1h, eth1h] = await loadBtcEth1h();
});

describe('collector metrics in InfluxDB (VictoriaMetrics speaking the v2 write API)', () => {
  test('the live loop writes latest bars, data health, loop, request/error, reject and archive points with their tags', async () => {
    const vm = await startVm();
    const sink = influxSink(vm.url, 'arrive');
    const r = await rig(sink);
    const C1 = C0 + H1;
    const C2 = C0 + 2 * H1;
    // Catch-up window [C0-3h, C0): BTC's C0-2h bar comes back NaN (rejected), ETH's C0-2h is missing
    // (a gap), and the first two candle requests are rate limited (retried).
    r.okx.patchCandle('BTC-USDT', '1h', C0 - 2 * H1, { close: 'NaN' });
    r.okx.removeCandles('ETH-USDT', '1h', C0 - 2 * H1, C0 - 2 * H1);
    r.okx.inject({ kind: 'rateLimit', times: 2, path: CANDLES });
    await r.start();
    // Cycle 2: ETH's answer is malformed (not retried): skipped for this close, caught up next time.
    r.okx.inject({ kind: 'malformed', instId: 'ETH-USDT', path: CANDLES, times: 1 });
    await r.nextCycle();
    await r.nextCycle();
    expect(r.cycles.map((c) => [c.closes, c.arrived, c.missing])).toEqual([
      // On start: one marker per caught-up close since C0 - 3h.
      [[C0 - 2 * H1, C0 - H1, C0], ['BTC/USDT', 'ETH/USDT'], []],
      [[C1], ['BTC/USDT'], ['ETH/USDT']],
      [[C2], ['BTC/USDT', 'ETH/USDT'], []],
    ]);
    // Another producer puts an inverted bar on the bus: the archiver rejects it.
    const producer = await Bus.connect({ servers: r.natsUrl, service: 'replay' });
    cleanup.push(() => producer.close());
    const sol = parseInstrument('OKX:SOL/USDT');
    const t = C0 - 5 * H1;
    await producer.publish(
      codecs.Bar,
      subjects.bar(sol, '1h'),
      {
        instrument: { venue: 'OKX', symbol: 'SOL/USDT' },
        timeframe: '1h',
        openTimeMs: t,
        closeTimeMs: closeTimeOf(t, '1h'),
        open: 100,
        high: 90,
        low: 95,
        close: 96,
        volume: 1,
        source: 'replay',
      },
      { msgId: `bar:okx:SOL-USDT:1h:${t}` },
    );
    await waitFor(
      () => r.writer.counters.written === 8 && r.writer.counters.rejected === 1,
      15_000,
      'archived',
    );
    await sink.flush();
    expect(sink.stats()).toMatchObject({ dropped: 0, rejected: 0, invalid: 0, buffered: 0 });
    expect(sink.stats().written).toBe(sink.offered);
    expect(r.metrics.failures).toBe(0);

    let all: ExportedSeries[] = [];
    await waitFor(
      async () => {
        all = await exportUnique(vm, '{__name__=~"collector_.*"}');
        return samples(all) >= sink.samples.size;
      },
      15_000,
      'every field of every point',
    );
    expect(samples(all)).toBe(sink.samples.size);
    // Each point is one sample per field; every series carries the sink's default tags.
    expect(all.every((s) => s.metric['host'] === 'test' && s.metric['run'] === 'arrive')).toBe(true);
    const names = [...new Set(all.map((s) => s.metric['__name__']!))].sort();
    const measurements = new Set(names.map((n) => /^collector_[a-z]+/.exec(n)![0]));
    expect([...measurements].sort()).toEqual(Object.values(COLLECTOR_MEASUREMENTS).sort());

    const btc = { instrument: 'OKX:BTC/USDT', timeframe: '1h' };
    const eth = { instrument: 'OKX:ETH/USDT', timeframe: '1h' };
    // Latest bar per series: one point per new newest bar, stamped with its open time.
    const btcClose = one(all, 'collector_bar_close', btc);
    expect(btcClose.timestamps).toEqual([C0 - H1, C0, C1]);
    expect(btcClose.values).toEqual([C0 - H1, C0, C1].map((x) => valueAt(btc1h, x, 'close')));
    expect(one(all, 'collector_bar_volume', btc).values).toEqual(
      [C0 - H1, C0, C1].map((x) => valueAt(btc1h, x, 'volume')),
    );
    const ethHigh = one(all, 'collector_bar_high', eth);
    expect(ethHigh.timestamps).toEqual([C0 - H1, C1]); // nothing new in the skipped cycle
    expect(ethHigh.values).toEqual([C0 - H1, C1].map((x) => valueAt(eth1h, x, 'high')));
    for (const f of ['open', 'low']) expect(one(all, `collector_bar_${f}`, eth).values).toHaveLength(2);

    // Health at each cycle's end (C0+10s: start-up catch-up; then close + settle).
    const ends = [C0 + 10_000, C1 + SETTLE, C2 + SETTLE];
    const health = (field: string, labels: Record<string, string>) => {
      const s = one(all, `collector_health_${field}`, labels);
      expect(s.timestamps).toEqual(ends.slice(ends.length - s.values.length));
      return s.values;
    };
    expect(health('bars', btc)).toEqual([2, 3, 4]);
    expect(health('bars', eth)).toEqual([2, 2, 4]);
    expect(health('last_bar_age_s', btc)).toEqual([10, 2, 2]);
    expect(health('last_bar_age_s', eth)).toEqual([10, 3602, 2]);
    expect(health('lag_bars', btc)).toEqual([0, 0, 0]);
    expect(health('lag_bars', eth)).toEqual([0, 1, 0]);
    expect(health('gaps', eth)).toEqual([1, 1, 1]);
    expect(health('missing_bars', eth)).toEqual([1, 1, 1]);
    expect(health('gaps', btc)).toEqual([0, 0, 0]);
    expect(health('rejects', btc)).toEqual([1, 1, 1]);
    expect(health('fetch_failures', eth)).toEqual([0, 1, 1]);
    // Per minute since the previous point with time elapsed (none at the first: no time passed).
    const minutes = (C1 + SETTLE - (C0 + 10_000)) / 60_000;
    const btcRate = health('bars_per_min', btc);
    expect(btcRate[0]).toBeCloseTo(3 / minutes, 9);
    expect(btcRate[1]).toBeCloseTo(1 / 60, 9);
    expect(health('bars_per_min', eth)[1]).toBeCloseTo(2 / 60, 9);

    const loop = (field: string) => one(all, `collector_loop_${field}`, { timeframe: '1h' }).values;
    expect(loop('cycles')).toEqual([1, 2, 3]);
    expect(loop('arrived')).toEqual([2, 1, 2]);
    expect(loop('missing')).toEqual([0, 1, 0]);
    expect(loop('timed_out')).toEqual([0, 0, 0]);
    expect(loop('delay_s')).toEqual([10, 2, 2]);

    // Request counters agree with what the OKX server saw.
    const candles = { endpoint: 'candles' };
    expect(one(all, 'collector_requests_requests', candles).values.at(-1)).toBe(r.okx.count(CANDLES));
    expect(one(all, 'collector_requests_errors', candles).values.at(-1)).toBe(3);
    expect(one(all, 'collector_requests_retries', candles).values.at(-1)).toBe(2);
    expect(r.okx.count(CANDLES, 'rateLimit')).toBe(2);
    const limited = { endpoint: 'candles', cause: 'rate_limited' };
    expect(one(all, 'collector_errors_errors', limited).values.at(-1)).toBe(2);
    expect(one(all, 'collector_errors_retries', limited).values.at(-1)).toBe(2);
    const malformed = { endpoint: 'candles', cause: 'MalformedResponseError' };
    expect(one(all, 'collector_errors_errors', malformed).values).toEqual([1, 1]);
    expect(one(all, 'collector_errors_retries', malformed).values).toEqual([0, 0]);

    expect(one(all, 'collector_rejects_count', { ...btc, stage: 'collector', reason: 'nan' }).values).toEqual(
      [1, 1, 1],
    );
    const archRejects = one(all, 'collector_rejects_count', {
      instrument: 'OKX:SOL/USDT',
      timeframe: '1h',
      stage: 'archiver',
      reason: 'ohlc_inconsistent',
    });
    expect(Math.max(...archRejects.values)).toBe(1);
    expect(Math.max(...one(all, 'collector_archive_written').values)).toBe(8);
    expect(Math.max(...one(all, 'collector_archive_rejected').values)).toBe(1);
    expect(one(all, 'collector_process_bars_published').values).toEqual([4, 5, 8]);
    expect(one(all, 'collector_process_metrics_dropped').values.every((v) => v === 0)).toBe(true);
    expect(one(all, 'collector_process_alerts_dropped').values.at(-1)).toBe(0);
  });

  test('InfluxDB refusing connections or hanging does not slow or stop the live loop; the full buffer drops the oldest, counted', async () => {
    const CYCLES = 24;
    const CAPACITY = 50;
    const run = async (sink: MetricsSink) => {
      const r = await rig(sink, { seriesTo: C0 + (CYCLES + 4) * H1 });
      await r.start();
      let ms = 0;
      const dropped: number[] = [];
      const offered: number[] = [];
      for (let k = 0; k < CYCLES; k++) {
        ms += await r.nextCycle();
        dropped.push(sink.stats().dropped);
        offered.push(sink instanceof CountingSink ? sink.offered : 0);
      }
      const last = r.cycles.at(-1)!.closes.at(-1)!;
      expect(r.cycles.map((c) => c.missing)).toEqual(r.cycles.map(() => []));
      // Every closed bar published, once, whatever the metrics sink does.
      const want = closedUpTo(last);
      expect(await r.opens(BTC)).toEqual(want);
      expect(await r.opens(ETH)).toEqual(want);
      expect(r.counters.barsPublished).toBe(2 * want.length);
      // The stats and the count offered, read together: the rig's timers can offer a point after the
      // last cycle (a busy machine makes that likely), so the last cycle's count is not the total.
      return {
        ms,
        dropped,
        offered,
        stats: sink.stats(),
        total: sink instanceof CountingSink ? sink.offered : 0,
        sink,
      };
    };

    await run(new NullSink()); // warm-up: JIT, ccxt, DuckDB; not compared
    const vm = await startVm();
    // The default buffer here: a simulated hour passes in a few ms, so between two 50 ms flushes even a
    // healthy sink would overflow 50 points.
    const healthy = await run(influxSink(vm.url, 'healthy'));
    expect(healthy.stats.dropped).toBe(0);
    expect(healthy.stats.failedWrites).toBe(0);

    // Port 1 (tcpmux) is privileged and unused: connections are refused. A free port picked at
    // random could be taken by a server of a test running in parallel before the sink connects.
    const refusedUrl = 'http://127.0.0.1:1';
    const refused = await run(influxSink(refusedUrl, 'refused', CAPACITY));
    const hung = await run(influxSink((await blackhole()).url, 'hung', CAPACITY, 1_000));

    const bound = 2 * healthy.ms + 1_000;
    const report = `healthy ${healthy.ms.toFixed(0)} ms, refused ${refused.ms.toFixed(0)} ms, hung ${hung.ms.toFixed(0)} ms for ${CYCLES} cycles`;
    console.log(report);
    expect(refused.ms, report).toBeLessThanOrEqual(bound);
    expect(hung.ms, report).toBeLessThanOrEqual(bound);

    for (const down of [refused, hung]) {
      // It tried, failed, kept nothing beyond its bound and counted every point it let go.
      expect(down.stats.written).toBe(0);
      expect(down.stats.buffered).toBeLessThanOrEqual(2 * CAPACITY); // the ring + one batch in flight
      const total = down.total;
      expect(total).toBeGreaterThan(3 * CAPACITY);
      expect(down.stats.dropped + down.stats.buffered).toBe(total);
      // Nothing dropped while the points fit; then the counter only grows.
      down.offered.forEach((n, k) => {
        if (n <= CAPACITY) expect(down.dropped[k]).toBe(0);
      });
      expect(down.dropped.at(-1)!).toBeGreaterThan(0);
      expect(down.dropped).toEqual([...down.dropped].sort((a, b) => a - b));
    }
    await waitFor(() => refused.sink.stats().failedWrites > 0, 5_000, 'a failed write');
    expect(refused.sink.stats().lastError).toMatch(/ECONNREFUSED/);
  });

  test('VictoriaMetrics killed mid-run: cycles keep their pace and publish everything; after the restart the newest points arrive, the dropped ones counted', async () => {
    const vm = await startVm();
    const CAPACITY = 50;
    const sink = influxSink(vm.url, 'killed', CAPACITY);
    const r = await rig(sink, { seriesTo: C0 + 30 * H1 });
    await r.start();
    const PHASE = 11;
    let up = 0;
    for (let k = 0; k < PHASE; k++) {
      up += await r.nextCycle();
      await sink.flush(); // as the minutes between two closes would (not timed)
    }
    // A point a timer offers after the last flush (a busy machine runs one late) is flushed too.
    await waitFor(
      async () => {
        await sink.flush();
        return sink.stats().buffered === 0;
      },
      10_000,
      'the sink to hold nothing while VictoriaMetrics is up',
    );
    expect(sink.stats()).toMatchObject({ dropped: 0, buffered: 0 });
    const before = one(
      await exportUnique(vm, 'collector_loop_cycles{run="killed"}'),
      'collector_loop_cycles',
    );
    expect(before.values).toEqual(Array.from({ length: PHASE + 1 }, (_, i) => i + 1));

    await vm.kill();
    // Let the sink find out (and go into its retry backoff) before the outage cycles are timed.
    r.metrics.report();
    await waitFor(() => sink.stats().consecutiveFailures > 0, 5_000, 'the sink noticing the outage');
    let down = 0;
    for (let k = 0; k < PHASE; k++) down += await r.nextCycle();
    const report = `up ${up.toFixed(0)} ms, down ${down.toFixed(0)} ms for ${PHASE} cycles each`;
    console.log(report);
    expect(down, report).toBeLessThanOrEqual(2 * up + 1_000);
    const during = sink.stats();
    expect(during.consecutiveFailures).toBeGreaterThan(0);
    expect(during.dropped).toBeGreaterThan(0);
    expect(during.buffered).toBeLessThanOrEqual(2 * CAPACITY);
    const last = r.cycles.at(-1)!.closes.at(-1)!;
    expect(r.cycles).toHaveLength(2 * PHASE + 1);
    expect(await r.opens(BTC)).toEqual(closedUpTo(last));
    expect(await r.opens(ETH)).toEqual(closedUpTo(last));

    await vm.restart();
    // The background retry delivers the newest buffered points without anyone calling flush().
    const total = 2 * PHASE + 1;
    let cycles: number[] = [];
    await waitFor(
      async () => {
        const s = await vm.export('collector_loop_cycles{run="killed"}');
        cycles = s[0]?.values ?? [];
        return cycles.includes(total);
      },
      20_000,
      'the last cycle point after the restart',
    );
    // The oldest points of the outage were the ones dropped: the first outage cycle is missing.
    expect(cycles).not.toContain(PHASE + 2);
    await waitFor(() => sink.stats().buffered === 0, 10_000, 'buffer drained');
    const after = sink.stats();
    expect(after.dropped + after.written).toBe(sink.offered);
    // The loss itself is reported once InfluxDB is back.
    r.metrics.report();
    await sink.flush();
    await waitFor(
      async () => {
        const lost = await vm.export('collector_process_metrics_dropped{run="killed"}');
        return (lost[0]?.values ?? []).includes(after.dropped);
      },
      10_000,
      'metrics_dropped reported',
    );
  });

  test('a metrics sink that throws never breaks a cycle', async () => {
    const throwing: MetricsSink = {
      point() {
        throw new Error('sink exploded');
      },
      flush: async () => {},
      close: async () => {},
      stats: () => new NullSink().stats(),
    };
    const r = await rig(throwing);
    await r.start();
    await r.nextCycle();
    await r.nextCycle();
    expect(r.cycles).toHaveLength(3);
    expect(r.metrics.failures).toBeGreaterThan(0);
    expect(await r.opens(BTC)).toEqual(closedUpTo(C0 + 2 * H1));
    expect(await r.opens(ETH)).toEqual(closedUpTo(C0 + 2 * H1));
  });
});
