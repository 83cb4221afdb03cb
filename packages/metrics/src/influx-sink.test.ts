import { performance } from 'node:perf_hooks';
import { VictoriaMetrics } from '@algotrader/testkit';
import { afterEach, describe, expect, test } from 'vitest';
import { InfluxSink, type InfluxSinkOptions } from './influx-sink';

const servers: VictoriaMetrics[] = [];
const sinks: InfluxSink[] = [];

async function startServer(args: string[] = []): Promise<VictoriaMetrics> {
  const vm = await VictoriaMetrics.start({ args });
  servers.push(vm);
  return vm;
}

function sinkFor(vm: VictoriaMetrics, opts: Partial<InfluxSinkOptions> = {}): InfluxSink {
  const sink = new InfluxSink({ url: vm.url, org: 'algotrader', bucket: 'test', ...opts });
  sinks.push(sink);
  return sink;
}

afterEach(async () => {
  for (const s of sinks.splice(0)) await s.close();
  for (const s of servers.splice(0)) await s.stop();
});

/** Whole seconds, a few minutes back: inside any retention, clear of "now". */
const BASE_MS = Math.floor(Date.now() / 1000) * 1000 - 600_000;

describe('InfluxSink against a server speaking the InfluxDB v2 write API', () => {
  test('written points arrive with their measurement, tags, fields and timestamps', async () => {
    const vm = await startServer();
    const sink = sinkFor(vm, { batchSize: 100, defaultTags: { service: 'metrics-test' } });
    for (let i = 0; i < 250; i++) {
      sink.point(
        'bus',
        { stream: 'MD' },
        { published: i, lag_ms: i / 2, healthy: i % 2 === 0 },
        BASE_MS + i * 1000,
      );
    }
    await sink.flush();
    expect(sink.stats()).toMatchObject({ written: 250, buffered: 0, dropped: 0, rejected: 0 });

    // VictoriaMetrics names a series <measurement>_<field>.
    const series = await vm.waitForSamples('{__name__=~"bus_.*"}', 3 * 250);
    expect(series.map((s) => s.metric)).toEqual([
      { __name__: 'bus_healthy', service: 'metrics-test', stream: 'MD' },
      { __name__: 'bus_lag_ms', service: 'metrics-test', stream: 'MD' },
      { __name__: 'bus_published', service: 'metrics-test', stream: 'MD' },
    ]);
    const [healthy, lag, published] = series;
    const idx = Array.from({ length: 250 }, (_, i) => i);
    expect(published?.values).toEqual(idx);
    expect(published?.timestamps).toEqual(idx.map((i) => BASE_MS + i * 1000));
    expect(lag?.values).toEqual(idx.map((i) => i / 2));
    expect(healthy?.values).toEqual(idx.map((i) => (i % 2 === 0 ? 1 : 0)));
  });

  test('a partial batch is written by the flush timer, without flush()', async () => {
    const vm = await startServer();
    const sink = sinkFor(vm, { batchSize: 1000, flushIntervalMs: 100 });
    for (let i = 0; i < 3; i++) sink.point('timer', {}, { n: i }, BASE_MS + i);
    const [s] = await vm.waitForSamples('timer_n', 3);
    expect(s?.values).toEqual([0, 1, 2]);
    expect(sink.stats().written).toBe(3);
  });

  test('server down: point() stays synchronous and fast, the buffer stays bounded and drops the oldest; server back: the newest buffered and later points arrive', async () => {
    const vm = await startServer();
    const sink = sinkFor(vm, {
      maxBufferedPoints: 1000,
      batchSize: 200,
      flushIntervalMs: 50,
      minRetryDelayMs: 50,
      maxRetryDelayMs: 200,
    });
    sink.point('probe', {}, { up: 1 }, BASE_MS);
    await sink.flush();
    await vm.waitForSamples('probe_up', 1);

    await vm.kill();
    const n = 100_000;
    const t0 = performance.now();
    let returned: unknown;
    for (let i = 0; i < n; i++) returned = sink.point('down', { phase: 'outage' }, { seq: i }, BASE_MS + i);
    const elapsedMs = performance.now() - t0;
    // No I/O and no awaiting on the caller's path: a plain return, and a bound no I/O-bound loop meets.
    expect(returned).toBeUndefined();
    expect(elapsedMs).toBeLessThan(5_000);
    expect(sink.stats()).toMatchObject({ buffered: 1000, dropped: n - 1000 });

    // flush() reports the outage; the failed batch goes back to the buffer, nothing more is lost.
    await expect(sink.flush()).rejects.toThrow();
    await new Promise((r) => setTimeout(r, 300)); // a few background retries fail meanwhile
    const during = sink.stats();
    expect(during).toMatchObject({ buffered: 1000, dropped: n - 1000 });
    expect(during.failedWrites).toBeGreaterThanOrEqual(2);
    expect(during.consecutiveFailures).toBeGreaterThanOrEqual(2);

    await vm.restart();
    // The background retry delivers the buffer without anyone calling flush().
    const [down] = await vm.waitForSamples('down_seq', 1000, 20_000);
    expect(down?.values).toEqual(Array.from({ length: 1000 }, (_, i) => n - 1000 + i));

    for (let i = 0; i < 100; i++) sink.point('after', {}, { seq: i }, BASE_MS + i);
    const [after] = await vm.waitForSamples('after_seq', 100, 20_000);
    expect(after?.values).toHaveLength(100);
    expect(sink.stats()).toMatchObject({
      written: 1 + 1000 + 100,
      dropped: n - 1000,
      buffered: 0,
      consecutiveFailures: 0,
    });
  });

  test('close() writes what is buffered; points offered afterwards are dropped and counted', async () => {
    const vm = await startServer();
    const sink = sinkFor(vm, { batchSize: 100, flushIntervalMs: 60_000 });
    for (let i = 0; i < 10; i++) sink.point('closing', {}, { n: i }, BASE_MS + i);
    await sink.close();
    expect(sink.stats()).toMatchObject({ written: 10, buffered: 0, dropped: 0 });
    sink.point('closing', {}, { n: 99 }, BASE_MS + 99);
    expect(sink.stats()).toMatchObject({ written: 10, buffered: 0, dropped: 1 });
    const [s] = await vm.waitForSamples('closing_n', 10);
    expect(s?.values).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  test('close() with the server down returns promptly and counts the unsent points as dropped', async () => {
    const vm = await startServer();
    const sink = sinkFor(vm, { batchSize: 100 });
    await vm.kill();
    for (let i = 0; i < 10; i++) sink.point('lost', {}, { n: i });
    const t0 = performance.now();
    await sink.close();
    expect(performance.now() - t0).toBeLessThan(5_000);
    expect(sink.stats()).toMatchObject({ written: 0, buffered: 0, dropped: 10 });
  });

  test('a refusal (HTTP 401) is final: the batch is counted as rejected, not retried', async () => {
    const vm = await startServer(['-httpAuth.username=metrics', '-httpAuth.password=secret']);
    const sink = sinkFor(vm, { batchSize: 10, minRetryDelayMs: 20, maxRetryDelayMs: 20 });
    for (let i = 0; i < 25; i++) sink.point('refused', {}, { n: i }, BASE_MS + i);
    await expect(sink.flush()).rejects.toThrow(/401|nauthori/i);
    await new Promise((r) => setTimeout(r, 200)); // time enough for retries, were there any
    // 3 requests (10 + 10 + 5 points), each refused once.
    expect(sink.stats()).toMatchObject({
      rejected: 25,
      buffered: 0,
      failedWrites: 3,
      written: 0,
      dropped: 0,
    });
  });

  test('points without a usable field are counted as invalid and never sent', async () => {
    const vm = await startServer();
    const sink = sinkFor(vm, { batchSize: 10 });
    sink.point('bad', {}, {});
    sink.point('bad', {}, { x: Number.NaN, y: Number.POSITIVE_INFINITY });
    sink.point('good', {}, { x: 1, y: Number.NaN }, BASE_MS);
    await sink.flush();
    expect(sink.stats()).toMatchObject({ invalid: 2, written: 1 });
    const series = await vm.waitForSamples('{__name__=~"good_.*|bad_.*"}', 1);
    expect(series.map((s) => s.metric['__name__'])).toEqual(['good_x']);
  });
});
