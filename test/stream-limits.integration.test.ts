import { Bus, ensureOptions, SYSTEM_TOPOLOGY } from '@algotrader/bus';
import { parseConfig } from '@algotrader/core';
import { NatsServer, scaled, waitFor } from '@algotrader/testkit';
import { describe, expect, test } from 'vitest';
import { runCli } from './helpers/cli';

const MiB = 1024 * 1024;
const DAY_MS = 86_400_000;
const NS = 1_000_000;

/**
 * Stream limits an operator sets: `NATS_STREAM_MAX_BYTES` / `NATS_STREAM_MAX_AGE` (config
 * `nats.streamMaxBytes` / `nats.streamMaxAgeMs`) are applied by the topology step; a stream they do
 * not name keeps the max_bytes and max_age its server has, so a limit raised or lowered with
 * `nats stream edit` is not reset to unlimited by the next `algotrader init` or stage start.
 */
describe('configured stream limits and limits set on the server', { timeout: scaled(60_000) }, () => {
  test('parses the environment into per-stream limits and refuses a bad value by stream', () => {
    const c = parseConfig(
      {},
      {
        NATS_STREAM_MAX_BYTES: 'MD:10G, FEATURES:512M,OPS:-1,DLQ:4096',
        NATS_STREAM_MAX_AGE: 'FEATURES:7d,OPS:12h,DLQ:90000',
      },
    );
    expect(c.nats.streamMaxBytes).toEqual({ MD: 10 * 1024 * MiB, FEATURES: 512 * MiB, OPS: -1, DLQ: 4096 });
    expect(c.nats.streamMaxAgeMs).toEqual({ FEATURES: 7 * DAY_MS, OPS: 12 * 3_600_000, DLQ: 90_000 });
    expect(parseConfig({}, {}).nats.streamMaxBytes).toEqual({});
    expect(() => parseConfig({}, { NATS_STREAM_MAX_BYTES: 'MD:lots' })).toThrow(/streamMaxBytes\.MD/);
    expect(() => parseConfig({}, { NATS_STREAM_MAX_BYTES: 'md:1G' })).toThrow(
      /nats\.streamMaxBytes\.md: Invalid key/,
    );
    expect(() => parseConfig({}, { NATS_STREAM_MAX_AGE: 'OPS:-5m' })).toThrow(/streamMaxAgeMs\.OPS/);
    // The JSON config file may set the same keys.
    expect(parseConfig({ nats: { streamMaxBytes: { MD: 1024 } } }, {}).nats.streamMaxBytes).toEqual({
      MD: 1024,
    });
  });

  test('the topology step applies configured limits and keeps the server’s own for the rest', async () => {
    const server = await NatsServer.start();
    const connect = (env: Record<string, string>) =>
      Bus.connect({
        servers: server.url,
        service: 'admin',
        ensure: ensureOptions(parseConfig({}, env).nats),
      });
    const configured = { NATS_STREAM_MAX_BYTES: 'MD:64M', NATS_STREAM_MAX_AGE: 'FEATURES:2d' };
    let bus = await connect(configured);
    try {
      await bus.ensure(SYSTEM_TOPOLOGY);
      const info = async (s: string) => (await bus.jsm.streams.info(s)).config;
      expect((await info('MD')).max_bytes).toBe(64 * MiB);
      expect((await info('FEATURES')).max_age).toBe(2 * DAY_MS * NS);
      // Unconfigured: the declared defaults at creation.
      expect((await info('OPS')).max_bytes).toBe(-1);
      expect((await info('SIGNALS')).max_age).toBe(90 * DAY_MS * NS);

      // An operator edits limits on the server (as `nats stream edit` does).
      await bus.jsm.streams.update('OPS', { max_bytes: 8 * MiB });
      await bus.jsm.streams.update('SIGNALS', { max_age: 3_600_000 * NS, duplicate_window: 60_000 * NS });
      await bus.jsm.streams.update('MD', { max_bytes: 2 * MiB });
      await bus.close();

      // The next start (same configuration): the operator's OPS and SIGNALS limits stay; MD is
      // configured, so the configured value wins again.
      bus = await connect(configured);
      await bus.ensure(SYSTEM_TOPOLOGY);
      expect((await info('OPS')).max_bytes).toBe(8 * MiB);
      const signals = await info('SIGNALS');
      expect(signals.max_age).toBe(3_600_000 * NS);
      // The duplicate window is capped by the kept max_age (the server refuses one longer).
      expect(signals.duplicate_window).toBe(3_600_000 * NS);
      expect((await info('MD')).max_bytes).toBe(64 * MiB);
      expect((await info('FEATURES')).max_age).toBe(2 * DAY_MS * NS);
      await bus.close();

      // A configuration that names OPS again takes it over, -1 included.
      bus = await connect({ NATS_STREAM_MAX_BYTES: 'OPS:-1' });
      await bus.ensure(SYSTEM_TOPOLOGY);
      expect((await info('OPS')).max_bytes).toBe(-1);
      expect((await info('MD')).max_bytes).toBe(64 * MiB);
    } finally {
      await bus.close();
      await server.stop();
    }
  });

  test('a start with nothing to change updates no stream; a changed limit updates that stream alone', async () => {
    const server = await NatsServer.start();
    const connect = (env: Record<string, string>) =>
      Bus.connect({
        servers: server.url,
        service: 'admin',
        ensure: ensureOptions(parseConfig({}, env).nats),
      });
    const bus = await connect({});
    const updated: string[] = [];
    try {
      await bus.ensure(SYSTEM_TOPOLOGY);
      // The server announces every stream update (JetStream advisories).
      const sub = bus.nc.subscribe('$JS.EVENT.ADVISORY.STREAM.UPDATED.>', {
        callback: (_, m) => {
          updated.push(m.subject.split('.').pop()!);
        },
      });
      await bus.nc.flush();
      // Every stage of `up` starts like this at the same moment: nothing differs, nothing is updated.
      for (let i = 0; i < 3; i++) {
        const stage = await connect({});
        await stage.ensure(SYSTEM_TOPOLOGY);
        await stage.close();
      }
      // A start with a new limit updates that stream; its advisory comes after any of the above.
      const changed = await connect({ NATS_STREAM_MAX_BYTES: 'DLQ:1M' });
      await changed.ensure(SYSTEM_TOPOLOGY);
      await changed.close();
      await waitFor(() => updated.length > 0, 10_000, 'the advisory of the DLQ update');
      await bus.nc.flush();
      expect(updated).toEqual(['DLQ']);
      sub.unsubscribe();
    } finally {
      await bus.close();
      await server.stop();
    }
  });

  test('algotrader init applies NATS_STREAM_MAX_BYTES, keeps an edited limit, and refuses an unknown stream', async () => {
    const server = await NatsServer.start();
    const bus = await Bus.connect({ servers: server.url, service: 'admin' });
    try {
      const first = await runCli(['init', '--nats', server.url], { NATS_STREAM_MAX_BYTES: 'ORDERS:16M' });
      expect(first.code, first.stderr).toBe(0);
      expect(first.lines.join('\n')).toMatch(/stream ORDERS .* max_bytes 16777216/);
      await bus.jsm.streams.update('EXEC', { max_bytes: 4 * MiB });
      const again = await runCli(['init', '--nats', server.url], { NATS_STREAM_MAX_BYTES: 'ORDERS:16M' });
      expect(again.code, again.stderr).toBe(0);
      expect((await bus.jsm.streams.info('EXEC')).config.max_bytes).toBe(4 * MiB);
      expect((await bus.jsm.streams.info('ORDERS')).config.max_bytes).toBe(16 * MiB);
      const typo = await runCli(['init', '--nats', server.url], { NATS_STREAM_MAX_BYTES: 'ORDER:16M' });
      expect(typo.code).not.toBe(0);
      expect(typo.stderr).toMatch(/unknown stream\(s\) ORDER; the streams are MD, FEATURES/);
    } finally {
      await bus.close();
      await server.stop();
    }
  });
});
