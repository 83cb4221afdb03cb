import { readFileSync, statfsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { resolve } from 'node:path';
import { Bus, SYSTEM_TOPOLOGY } from '@algotrader/bus';
import { SimulatedClock } from '@algotrader/core';
import { InfluxSink, NullSink } from '@algotrader/metrics';
import { Monitor, MonitorSettingsSchema, readStorage } from '@algotrader/monitor';
import { type Alert, codecs } from '@algotrader/proto';
import { freePort, NatsServer, scaled, VictoriaMetrics, waitFor } from '@algotrader/testkit';
import { DeliverPolicy } from '@nats-io/jetstream';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

// The repository's own users and permissions: the monitor reads storage as the `monitor` user.
const AUTH = readFileSync(resolve(import.meta.dirname, '../infra/nats/auth.conf'), 'utf8');
const ENV = Object.fromEntries(
  [...AUTH.matchAll(/\$(NATS_PASSWORD_([A-Z_]+))/g)].map((m) => [
    m[1]!,
    `pw-${m[2]!.toLowerCase().replace(/_/g, '-')}`,
  ]),
);
const creds = (user: string) => ({ user, password: `pw-${user}` });

/** MD's byte limit for the test: small enough to fill in a few dozen publishes. */
const MD_MAX = 32 * 1024;
/** The server's max_file_store. */
const STORE_MAX = 2 * 1024 * 1024;

interface StoredAlert {
  seq: number;
  alert: Alert;
}

describe('monitor: store_nearly_full before a stream or the store fills, as the monitor user', {
  timeout: scaled(60_000),
}, () => {
  let nats: NatsServer;
  let vm: VictoriaMetrics;
  let httpPort: number;
  const buses: Bus[] = [];
  let admin: Bus;
  let collector: Bus;
  let sink: InfluxSink;
  let monitor: Monitor;
  const clock = new SimulatedClock(Date.UTC(2026, 0, 5));
  const warnings: string[] = [];

  const connect = async (user: string) => {
    const b = await Bus.connect({ servers: nats.url, service: user, ...creds(user), publishAttempts: 2 });
    buses.push(b);
    return b;
  };

  /** Every alert stored on OPS (read by the admin, from the start of the stream). */
  const opsAlerts = async (): Promise<StoredAlert[]> => {
    const c = await admin.js.consumers.get('OPS', {
      filter_subjects: 'ops.alert.>',
      deliver_policy: DeliverPolicy.All,
    });
    const pending = (await c.info()).num_pending;
    const out: StoredAlert[] = [];
    while (out.length < pending) {
      const batch = await c.fetch({ max_messages: pending - out.length, expires: 2_000 });
      for await (const m of batch) out.push({ seq: m.seq, alert: codecs.Alert.decode(m.data) });
    }
    await c.delete().catch(() => {});
    return out;
  };
  const firing = (alerts: StoredAlert[], key: string) =>
    alerts.filter((a) => a.alert.dedupeKey === key && a.alert.labels?.['state'] === 'firing');

  /** Publishes 1 KiB bars-stream messages as the collector until MD holds at least `ratio` of MD_MAX. */
  let n = 0;
  const fillMd = async (ratio: number) => {
    for (;;) {
      const info = await admin.jsm.streams.info('MD');
      if (info.state.bytes >= ratio * MD_MAX) return info.state.bytes;
      n += 1;
      await collector.publishRaw('md.trade.okx.BTC-USDT', new Uint8Array(1024).fill(n % 251), {
        msgId: `fill:${n}`,
      });
    }
  };

  beforeAll(async () => {
    httpPort = await freePort();
    [nats, vm] = await Promise.all([
      NatsServer.start({
        config: `${AUTH}\nhttp: 127.0.0.1:${httpPort}\n`,
        env: ENV,
        maxFileStore: String(STORE_MAX),
      }),
      VictoriaMetrics.start(),
    ]);
    admin = await connect('admin');
    await admin.ensure(SYSTEM_TOPOLOGY);
    const md = await admin.jsm.streams.info('MD');
    await admin.jsm.streams.update('MD', { ...md.config, max_bytes: MD_MAX });
    collector = await connect('collector');
    const bus = await connect('monitor');
    sink = new InfluxSink({ url: vm.url, org: 'algotrader', bucket: 'algotrader', flushIntervalMs: 60_000 });
    monitor = new Monitor({
      bus,
      sink,
      clock,
      settings: MonitorSettingsSchema.parse({
        storageWarnRatio: 0.8,
        storageRearmRatio: 0.75,
        natsHttpUrl: `http://127.0.0.1:${httpPort}`,
      }),
      logger: {
        info() {},
        warn(_o, msg) {
          warnings.push(msg ?? '');
        },
        error(_o, msg) {
          warnings.push(msg ?? '');
        },
      },
    });
  });

  afterAll(async () => {
    await monitor?.stop();
    await sink?.close();
    for (const b of buses.reverse()) await b.close().catch(() => {});
    await Promise.all([nats?.stop(), vm?.stop()]);
  });

  const check = async () => {
    clock.advance(30_000);
    return monitor.storageTick();
  };
  const mdKey = 'store_nearly_full:stream:MD';

  test('one alert per crossing of 80 % of a stream’s max_bytes, re-armed below 75 %; figures in InfluxDB', async () => {
    await fillMd(0.5);
    const below = await check();
    expect(below.report.failures).toEqual([]);
    expect(below.alerts).toEqual([]);
    const mdRow = below.report.streams?.find((s) => s.stream === 'MD');
    expect(mdRow?.maxBytes).toBe(MD_MAX);
    // The server's store and its limit, from /jsz: what $JS.API.INFO does not show without account limits.
    const server = below.report.stores.find((s) => s.scope === 'server');
    expect(server?.limitBytes).toBe(STORE_MAX);
    expect(below.report.stores.find((s) => s.scope === 'account')?.limitBytes).toBe(-1);

    const filled = await fillMd(0.85);
    const first = await check();
    expect(first.alerts.map((a) => `${a.state} ${a.key}`)).toEqual([`firing ${mdKey}`]);
    const alert = first.alerts[0]!;
    expect(alert.severity).toBe('warning');
    expect(alert.labels).toMatchObject({
      scope: 'stream',
      stream: 'MD',
      used: String(filled),
      limit: String(MD_MAX),
      unit: 'bytes',
      percent: ((filled / MD_MAX) * 100).toFixed(1),
    });
    expect(alert.message).toMatch(
      /stream MD is \d+\.\d% full: .* Act now: raise its max_bytes \(NATS_STREAM_MAX_BYTES=MD:/,
    );

    // Still above: no second alert, however many checks.
    expect((await check()).alerts).toEqual([]);
    // Drained into the hysteresis band (75-80 %): neither cleared nor fired again.
    const full = await admin.jsm.streams.info('MD');
    const per = full.state.bytes / full.state.messages;
    await admin.jsm.streams.purge('MD', { keep: Math.floor((0.775 * MD_MAX) / per) });
    const inBand = (await admin.jsm.streams.info('MD')).state.bytes / MD_MAX;
    expect(inBand).toBeGreaterThanOrEqual(0.75);
    expect(inBand).toBeLessThan(0.8);
    expect((await check()).alerts).toEqual([]);

    // Stored on OPS, once.
    let stored = await opsAlerts();
    expect(firing(stored, mdKey)).toHaveLength(1);
    expect(firing(stored, mdKey)[0]!.alert.code).toBe('store_nearly_full');
    expect(firing(stored, mdKey)[0]!.alert.source).toBe('monitor');

    // Space returns (the operator purges MD): the alert clears, once, and the rule re-arms.
    await admin.jsm.streams.purge('MD');
    const cleared = await check();
    expect(cleared.alerts.map((a) => `${a.state} ${a.key}`)).toEqual([`resolved ${mdKey}`]);
    expect((await check()).alerts).toEqual([]);

    // Crossing again: a second alert.
    await fillMd(0.82);
    const second = await check();
    expect(second.alerts.map((a) => `${a.state} ${a.key}`)).toEqual([`firing ${mdKey}`]);
    stored = await opsAlerts();
    expect(firing(stored, mdKey)).toHaveLength(2);
    expect(stored.filter((a) => a.alert.code === 'store_nearly_full')).toHaveLength(3); // 2 firing + 1 resolved

    // The figures reached a real InfluxDB-write-protocol server, one point per check.
    await sink.flush();
    const ratio = await vm.waitForSamples('js_stream_storage_used_ratio{stream="MD"}', 7);
    const values = ratio[0]!.values;
    expect(values).toHaveLength(7);
    expect(values[1]).toBeCloseTo(filled / MD_MAX, 6);
    expect(values[1]!).toBeGreaterThanOrEqual(0.8);
    expect(values[3]).toBeCloseTo(inBand, 6);
    expect(values[4]).toBe(0); // after the purge
    const maxBytes = await vm.waitForSamples('js_stream_storage_max_bytes{stream="MD"}', 7);
    expect(new Set(maxBytes[0]!.values)).toEqual(new Set([MD_MAX]));
    const serverLimit = await vm.waitForSamples('js_store_limit_bytes{scope="server"}', 7);
    expect(new Set(serverLimit[0]!.values)).toEqual(new Set([STORE_MAX]));
    const serverUsed = await vm.waitForSamples('js_store_used_ratio{scope="server"}', 7);
    expect(serverUsed[0]!.values.every((v) => v > 0 && v < 0.8)).toBe(true);
    const errors = await vm.waitForSamples('js_storage_check_read_errors', 7);
    expect(new Set(errors[0]!.values)).toEqual(new Set([0]));
    expect(sink.stats().rejected).toBe(0);
    expect(monitor.storageReadErrors).toBe(0);
  });

  test('the server store nearing max_file_store raises its own alert (scope server, from /jsz)', async () => {
    await admin.jsm.streams.purge('MD');
    // FEATURES has no byte limit of its own: only the server's store bounds it.
    const features = await connect('feature-engine');
    let i = 0;
    for (;;) {
      const used = (await monitor.storageTick()).report.stores.find((s) => s.scope === 'server');
      if (used && used.usedBytes >= 0.82 * STORE_MAX) break;
      for (let k = 0; k < 32; k++) {
        i += 1;
        await features.publishRaw('feat.okx.BTC-USDT.1h', new Uint8Array(2048).fill(i % 251), {
          msgId: `feat-fill:${i}`,
        });
      }
    }
    clock.advance(30_000);
    const r = await monitor.storageTick();
    // The first storageTick of the loop above that saw >= 80 % already fired it: look at OPS.
    const stored = await opsAlerts();
    expect(firing(stored, 'store_nearly_full:server')).toHaveLength(1);
    const a = firing(stored, 'store_nearly_full:server')[0]!.alert;
    expect(a.labels).toMatchObject({ scope: 'server', limit: String(STORE_MAX), unit: 'bytes' });
    expect(a.message).toMatch(/max_file_store/);
    expect(r.alerts).toEqual([]);
    expect(monitor.firing()).toEqual([]); // the main tick's tracker is separate
  });
});

describe('monitor: the disk under the JetStream store, by statfs of a path on it', {
  timeout: scaled(20_000),
}, () => {
  test('used and total bytes of the store directory’s file system', async () => {
    const nats = await NatsServer.start();
    const bus = await Bus.connect({ servers: nats.url, service: 'monitor' });
    try {
      const r = await readStorage({ jsm: bus.jsm, storeDir: nats.storeDir });
      expect(r.failures).toEqual([]);
      const disk = r.stores.find((s) => s.scope === 'disk');
      const fs = statfsSync(nats.storeDir);
      expect(disk?.name).toBe(nats.storeDir);
      expect(disk?.limitBytes).toBe(fs.blocks * fs.bsize);
      expect(disk!.usedBytes).toBeGreaterThan(0);
      expect(disk!.usedBytes).toBeLessThanOrEqual(disk!.limitBytes);
    } finally {
      await bus.close();
      await nats.stop();
    }
  });
});

describe('monitor: a storage source that answers nonsense is counted and logged, never a crash', {
  timeout: scaled(30_000),
}, () => {
  let nats: NatsServer;
  let http: Server;
  let url: string;
  const buses: Bus[] = [];

  beforeAll(async () => {
    nats = await NatsServer.start({ config: AUTH, env: ENV });
    const port = await freePort();
    http = createServer((req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(req.url === '/jsz' ? '{"storage":"a lot","config":{"max_storage":100}}' : '{}');
    });
    await new Promise<void>((ok) => http.listen(port, '127.0.0.1', ok));
    url = `http://127.0.0.1:${port}`;
  });
  afterAll(async () => {
    for (const b of buses.reverse()) await b.close().catch(() => {});
    await new Promise((ok) => http?.close(ok));
    await nats?.stop();
  });

  test('bad /jsz and an unreadable disk path: counted, logged, the stream rule still works', async () => {
    const admin = await Bus.connect({ servers: nats.url, service: 'admin', ...creds('admin') });
    buses.push(admin);
    await admin.ensure(SYSTEM_TOPOLOGY);
    const bus = await Bus.connect({ servers: nats.url, service: 'monitor', ...creds('monitor') });
    buses.push(bus);
    const logged: string[] = [];
    const monitor = new Monitor({
      bus,
      sink: new NullSink(),
      clock: new SimulatedClock(Date.UTC(2026, 0, 5)),
      settings: MonitorSettingsSchema.parse({
        natsHttpUrl: url,
        jsStoreDir: '/nonexistent/algotrader-js',
        storageEveryMs: 100,
      }),
      logger: {
        info() {},
        warn(o, msg) {
          logged.push(`${msg} ${JSON.stringify(o)}`);
        },
        error(o, msg) {
          logged.push(`${msg} ${JSON.stringify(o)}`);
        },
      },
    });
    try {
      const r = await monitor.storageTick();
      expect(r.report.failures).toHaveLength(2);
      expect(r.report.failures[0]).toMatch(/\/jsz\): server used is not a number: a lot/);
      expect(r.report.failures[1]).toMatch(/disk of \/nonexistent\/algotrader-js: .*ENOENT/);
      expect(r.report.streams?.map((s) => s.stream)).toContain('MD');
      expect(monitor.storageReadErrors).toBe(2);
      expect(logged.filter((l) => l.startsWith('cannot read JetStream storage use'))).toHaveLength(2);
      await monitor.storageTick();
      expect(monitor.storageReadErrors).toBe(4);
      // On its own timer (MONITOR_STORAGE_EVERY_MS) the checks go on, each failure counted and logged.
      const t0 = monitor.storageReadErrors;
      monitor.run();
      await waitFor(() => monitor.storageReadErrors >= t0 + 6, 10_000, 'three more storage checks');
      expect(logged.filter((l) => l.startsWith('cannot read JetStream storage use')).length).toBe(
        monitor.storageReadErrors,
      );
    } finally {
      await monitor.stop();
    }
  });
});
