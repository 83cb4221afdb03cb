import { describe, expect, test } from 'vitest';
import { AlertTracker } from './alerts';
import { parseMonitorSettings } from './config';
import { type StorageReport, type StreamUsage, storageObservations } from './storage';

const limits = { storageWarnRatio: 0.8, storageRearmRatio: 0.75 };
const MiB = 1_048_576;

function report(streams: StreamUsage[], stores: StorageReport['stores'] = []): StorageReport {
  return { streams, stores, failures: [] };
}
const md = (bytes: number, messages = 10): StreamUsage => ({
  stream: 'MD',
  bytes,
  maxBytes: 100 * MiB,
  messages,
  maxMsgs: -1,
});

describe('store_nearly_full rule', () => {
  test('fires at the warn ratio, stays quiet in the band, clears below the re-arm ratio', () => {
    const tracker = new AlertTracker();
    const run = (bytes: number) =>
      tracker.update(storageObservations(report([md(bytes)]), limits)).map((t) => t.state);
    expect(run(79.9 * MiB)).toEqual([]);
    expect(run(80 * MiB)).toEqual(['firing']);
    expect(run(95 * MiB)).toEqual([]);
    expect(run(76 * MiB)).toEqual([]); // in the band: still firing, no flap
    expect(run(81 * MiB)).toEqual([]);
    expect(run(74.9 * MiB)).toEqual(['resolved']);
    expect(run(77 * MiB)).toEqual([]); // re-armed, but below the warn ratio
    expect(run(85 * MiB)).toEqual(['firing']);
  });

  test('the alert names the stream, the figures and what to do', () => {
    const [o] = storageObservations(report([md(84 * MiB)]), limits);
    expect(o).toMatchObject({
      key: 'store_nearly_full:stream:MD',
      code: 'store_nearly_full',
      severity: 'warning',
      active: true,
      labels: {
        scope: 'stream',
        stream: 'MD',
        used: String(84 * MiB),
        limit: String(100 * MiB),
        unit: 'bytes',
        percent: '84.0',
      },
    });
    expect(o?.message).toBe(
      'stream MD is 84.0% full: 84.0 MiB of 100.0 MiB; at the limit it refuses new messages and the pipeline stops. Act now: raise its max_bytes (NATS_STREAM_MAX_BYTES=MD:<size>, then algotrader init), shorten its max_age, or purge what is not needed',
    );
  });

  test('max_msgs counts when it is the fuller limit; streams without limits are not observed', () => {
    const obs = storageObservations(
      report([
        { stream: 'EXEC', bytes: 10, maxBytes: 1_000, messages: 90, maxMsgs: 100 },
        { stream: 'SIGNALS', bytes: 1e12, maxBytes: -1, messages: 1e9, maxMsgs: -1 },
      ]),
      limits,
    );
    expect(obs.map((o) => o.key)).toEqual(['store_nearly_full:stream:EXEC']);
    expect(obs[0]?.labels).toMatchObject({ unit: 'messages', used: '90', limit: '100', percent: '90.0' });
    expect(obs[0]?.message).toMatch(/raise its max_msgs/);
  });

  test('OPS nearly full says it drops its oldest alerts', () => {
    const [o] = storageObservations(
      report([{ stream: 'OPS', bytes: 9, maxBytes: 10, messages: 1, maxMsgs: -1 }]),
      limits,
    );
    expect(o?.message).toMatch(/drops its oldest alerts/);
  });

  test('store-wide figures: server, account and disk each their own key; no limit, no observation', () => {
    const obs = storageObservations(
      report(
        [],
        [
          { scope: 'account', name: 'account', usedBytes: 5, limitBytes: -1 },
          { scope: 'server', name: '/data/jetstream', usedBytes: 17 * MiB, limitBytes: 20 * MiB },
          { scope: 'disk', name: '/nats-data', usedBytes: 50, limitBytes: 100 },
        ],
      ),
      limits,
    );
    expect(obs.map((o) => [o.key, o.active])).toEqual([
      ['store_nearly_full:server', true],
      ['store_nearly_full:disk', false],
    ]);
    expect(obs[0]?.message).toMatch(
      /max_file_store, \/data\/jetstream\) is 85\.0% full: 17\.0 MiB of 20\.0 MiB/,
    );
    expect(obs[0]?.message).toMatch(/raise max_file_store in infra\/nats\/nats\.conf/);
  });
});

describe('storage settings', () => {
  test('defaults: every 30 s, warn at 80 %, re-arm below 75 %, no /jsz, no disk', () => {
    expect(parseMonitorSettings({})).toMatchObject({
      storageEveryMs: 30_000,
      storageWarnRatio: 0.8,
      storageRearmRatio: 0.75,
      natsHttpUrl: '',
      jsStoreDir: '',
    });
  });

  test('from the environment; a re-arm ratio not below the warn ratio or a bad URL is refused', () => {
    expect(
      parseMonitorSettings({
        MONITOR_STORAGE_EVERY_MS: '5000',
        MONITOR_STORAGE_WARN_RATIO: '0.9',
        MONITOR_STORAGE_REARM_RATIO: '0.85',
        MONITOR_NATS_HTTP_URL: 'http://nats:8222',
        MONITOR_JS_STORE_DIR: '/nats-data',
      }),
    ).toMatchObject({
      storageEveryMs: 5_000,
      storageWarnRatio: 0.9,
      storageRearmRatio: 0.85,
      natsHttpUrl: 'http://nats:8222',
      jsStoreDir: '/nats-data',
    });
    expect(() => parseMonitorSettings({ MONITOR_STORAGE_REARM_RATIO: '0.8' })).toThrow(
      /MONITOR_STORAGE_REARM_RATIO must be below MONITOR_STORAGE_WARN_RATIO/,
    );
    expect(() => parseMonitorSettings({ MONITOR_NATS_HTTP_URL: 'nats://nats:4222' })).toThrow(/natsHttpUrl/);
  });
});
