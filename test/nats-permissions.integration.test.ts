import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Writable } from 'node:stream';
import { runBacktest } from '@algotrader/backtest';
import { Bus, ensureConsumer, SYSTEM_TOPOLOGY, subjects } from '@algotrader/bus';
import { forceExitKey, parseInstrument } from '@algotrader/core';
import { createLogger } from '@algotrader/core/node';
import { NullSink } from '@algotrader/metrics';
import { Monitor, MonitorSettingsSchema } from '@algotrader/monitor';
import { parseNotifierSettings, startNotifier } from '@algotrader/notifier';
import { notifyVenueConsumer } from '@algotrader/order-router';
import { parsePipelineConfig, readAccount, readSubjectSince } from '@algotrader/pipeline';
import { codecs } from '@algotrader/proto';
import { readCsvBars } from '@algotrader/store';
import { getStrategy } from '@algotrader/strategy';
import { bundledData, NatsServer, scaled, waitFor } from '@algotrader/testkit';
import { RetentionPolicy, StorageType } from '@nats-io/jetstream';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { INIT_TOPOLOGY } from '../apps/cli/src/commands/init';
import { replayPipeline } from '../apps/cli/src/commands/pipeline-replay';
import { runCli } from './helpers/cli';
import { head, NO_LIMITS } from './helpers/fixtures';
import { backtestFills, pipelineFills, startStages } from './helpers/pipeline';

// nats-server resolves `include` relative to the config file, so the harness gets the text itself.
const auth = readFileSync(resolve(import.meta.dirname, '../infra/nats/auth.conf'), 'utf8');
const services = [
  'collector',
  'feature-engine',
  'strategy-runner',
  'risk-gate',
  'order-router',
  'notifier',
  'monitor',
  'scheduler',
  'admin',
  'research-worker',
];
const env = Object.fromEntries(
  services.map((s) => [`NATS_PASSWORD_${s.toUpperCase().replace(/-/g, '_')}`, `pw-${s}`]),
);

const order = {
  clientOrderId: 'at1',
  account: 'main',
  instrument: { venue: 'OKX', symbol: 'BTC/USDT' },
  side: 1,
  type: 1,
  quantity: '0.1',
};

describe('per-service NATS users from infra/nats/auth.conf, enforced by a real nats-server', () => {
  let server: NatsServer;
  const buses: Bus[] = [];
  const as = async (service: string) => {
    const bus = await Bus.connect({
      servers: server.url,
      service,
      user: service,
      password: `pw-${service}`,
      publishAttempts: 1,
      publishTimeoutMs: 1_000,
    });
    buses.push(bus);
    return bus;
  };

  beforeAll(async () => {
    server = await NatsServer.start({ config: auth, env });
    const admin = await as('admin');
    await admin.ensure(SYSTEM_TOPOLOGY);
  });
  afterAll(async () => {
    for (const b of buses) await b.close().catch(() => {});
    await server?.stop();
  });

  test('a connection without credentials is refused', async () => {
    await expect(
      Bus.connect({ servers: server.url, service: 'anon' }).then((b) => b.close()),
    ).rejects.toThrow(/author/i);
  });

  test('a strategy process cannot publish approved orders; the risk gate can', async () => {
    const strategy = await as('strategy-runner');
    await expect(
      strategy.publish(codecs.OrderRequest, 'ord.approved.main', order, { msgId: 'ord:x1' }),
    ).rejects.toThrow(/permissions violation/i);
    const risk = await as('risk-gate');
    const ack = await risk.publish(codecs.OrderRequest, 'ord.approved.main', order, { msgId: 'ord:x2' });
    expect(ack.stream).toBe('ORDERS');
    const info = await (await as('admin')).jsm.streams.info('ORDERS');
    expect(info.state.messages).toBe(1); // only the risk gate's order was stored
  });

  test('a strategy process publishes signals and consumes features through its own durable consumer', async () => {
    const features = await as('feature-engine');
    await features.publish(
      codecs.FeatureVector,
      'feat.okx.BTC-USDT.1h',
      {
        instrument: { venue: 'OKX', symbol: 'BTC/USDT' },
        timeframe: '1h',
        closeTimeMs: 1,
        values: { x: 1 },
        warm: true,
      },
      { msgId: 'feat:1' },
    );
    const strategy = await as('strategy-runner');
    const got: number[] = [];
    const h = await strategy.consume({
      stream: 'FEATURES',
      durable: 'strategy-runner',
      codec: codecs.FeatureVector,
      handler: (f) => void got.push(f.closeTimeMs as number),
    });
    await waitFor(() => got.length === 1, 10_000, 'feature delivered');
    await h.stop();
    const ack = await strategy.publish(
      codecs.Signal,
      'sig.sma_cross.okx.BTC-USDT',
      {
        strategy: 'sma_cross',
        instrument: { venue: 'OKX', symbol: 'BTC/USDT' },
        closeTimeMs: 1,
        target: { units: '0.1' },
      },
      { msgId: 'sig:1' },
    );
    expect(ack.stream).toBe('SIGNALS');
    await expect(
      strategy.publish(codecs.Bar, 'md.bar.okx.BTC-USDT.1h', {}, { msgId: 'bar:forged' }),
    ).rejects.toThrow();
  });

  test('the collector may publish bars but not fills', async () => {
    const collector = await as('collector');
    const ack = await collector.publish(
      codecs.Bar,
      'md.bar.okx.BTC-USDT.1h',
      { timeframe: '1h' },
      { msgId: 'bar:1' },
    );
    expect(ack.stream).toBe('MD');
    await expect(
      collector.publish(codecs.Fill, 'exec.fill.main', { tradeId: 't' }, { msgId: 'fill:1' }),
    ).rejects.toThrow(/permissions violation/i);
  });

  test('the notifier may publish a force-exit command, but neither signals nor approved orders', async () => {
    const notifier = await as('notifier');
    const ack = await notifier.publish(
      codecs.ForceExit,
      subjects.forceExit('main'),
      { requestId: 'telegram-1', account: 'main', all: true, issuedBy: 'telegram:1', timeMs: 1 },
      { msgId: forceExitKey('main', 'telegram-1') },
    );
    expect(ack.stream).toBe('SIGNALS');
    await expect(
      notifier.publish(
        codecs.Signal,
        'sig.sma_cross.okx.BTC-USDT',
        { strategy: 'sma_cross', closeTimeMs: 2, target: { units: '1' } },
        { msgId: 'sig:forged' },
      ),
    ).rejects.toThrow();
    await expect(
      notifier.publish(codecs.OrderRequest, 'ord.approved.main', order, { msgId: 'ord:forged-by-notifier' }),
    ).rejects.toThrow();
  });

  test("the notifier reads the account's fill history (Telegram /performance, /profit) as its own user", async () => {
    const router = await as('order-router');
    await router.publish(
      codecs.Fill,
      'exec.fill.main',
      { tradeId: 'h1', clientOrderId: 'at1', account: 'main', quantity: '1', price: '2', timeMs: 3 },
      { msgId: 'fill:okx:h1' },
    );
    const notifier = await as('notifier');
    const fills = await readSubjectSince(notifier, 'EXEC', 'exec.fill.main', codecs.Fill, undefined);
    expect(fills.map((f) => f.message.tradeId)).toEqual(['h1']);
  });
});

test('no service user holds the whole JetStream API, the whole KV space or the checkpoints of others', () => {
  const blocks = auth.split(/\{ user: /).slice(1);
  expect(blocks.length).toBe(services.length);
  for (const b of blocks) {
    const user = b.slice(0, b.indexOf(','));
    if (user === 'admin') continue;
    expect(b, user).not.toMatch(/"\$JS\.API\.>"|"\$JS\.API\.STREAM\.(CREATE|UPDATE|DELETE|PURGE)|"\$KV\.>"/);
    expect(b, user).not.toContain('"$KV.checkpoints.>"');
    for (const m of b.matchAll(/"\$KV\.checkpoints\.([^".]+)\.>"/g)) expect(m[1], user).toBe(user);
  }
});

/** Each user's `$JS…`/`$KV…` publish allows in auth.conf. */
function jsGrants(): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const b of auth.split(/\{ user: /).slice(1)) {
    const user = b.slice(0, b.indexOf(','));
    const allow = (b.split('subscribe:')[0] ?? '').split('deny:')[0] ?? '';
    out.set(
      user,
      [...allow.matchAll(/"([^"]+)"/g)]
        .map((m) => m[1]!)
        .filter((g) => g.startsWith('$JS') || g.startsWith('$KV')),
    );
  }
  return out;
}

test('docs/SECURITY.md lists every $JS and $KV grant of every service exactly as auth.conf has them', () => {
  const doc = readFileSync(resolve(import.meta.dirname, '../docs/SECURITY.md'), 'utf8');
  const section = doc.slice(doc.indexOf('### Every JetStream and KV grant'));
  const documented = new Map<string, string[]>();
  for (const row of section.matchAll(/^\| ([a-z-]+) +\| (.+?) +\| .* \|$/gm)) {
    if (row[1] === 'admin' || row[1] === 'service' || /^-+$/.test(row[1]!)) continue;
    const list = documented.get(row[1]!) ?? [];
    list.push(...[...row[2]!.matchAll(/`([^`]+)`/g)].map((m) => m[1]!));
    documented.set(row[1]!, list);
  }
  const granted = jsGrants();
  granted.delete('admin');
  expect(Object.fromEntries([...documented].map(([u, g]) => [u, [...g].sort()]))).toEqual(
    Object.fromEntries([...granted].map(([u, g]) => [u, [...g].sort()])),
  );
});

test("no service may create a durable, and only the native router's three names may be deleted", () => {
  for (const [user, grants] of jsGrants()) {
    if (user === 'admin') continue;
    // Creates only of a random name with a filter (ordered readers, watchers): `CREATE.<S>.>` or `.*.`.
    for (const g of grants.filter((x) => x.includes('.CONSUMER.CREATE.') || x.includes('DURABLE.CREATE')))
      expect(g, user).toMatch(/^\$JS\.API\.CONSUMER\.CREATE\.[A-Za-z_]+\.(>|\*\..+)$/);
    for (const g of grants.filter((x) => x.includes('.CONSUMER.DELETE.'))) {
      expect(user).toBe('order-router');
      expect(g).toMatch(
        /^\$JS\.API\.CONSUMER\.DELETE\.(MD|ORDERS|KV_positions)\.order-router-native-(md|orders|decided)$/,
      );
    }
  }
});

/**
 * The attacks of issue 10, as a strategy process or the collector would try them with their own
 * credentials against a real nats-server running infra/nats/auth.conf; then the risk gate's own
 * rights are shown to work, so a refusal is the permission, not a broken setup.
 */
describe('least privilege down to the JetStream API: the attacks of issue 10 are refused', () => {
  let server: NatsServer;
  const buses: Bus[] = [];
  const as = async (service: string) => {
    const bus = await Bus.connect({
      servers: server.url,
      service,
      user: service,
      password: `pw-${service}`,
      publishAttempts: 1,
      publishTimeoutMs: 1_000,
    });
    buses.push(bus);
    return bus;
  };
  let admin: Bus;

  beforeAll(async () => {
    server = await NatsServer.start({ config: auth, env });
    admin = await as('admin');
    await admin.ensure(SYSTEM_TOPOLOGY);
  });
  afterAll(async () => {
    for (const b of buses) await b.close().catch(() => {});
    await server?.stop();
  });

  const denied = /permissions violation/i;

  for (const attacker of ['strategy-runner', 'collector', 'feature-engine', 'order-router']) {
    test(`${attacker}: cannot delete, recreate or re-route the DLQ into ord.approved.*`, async () => {
      const bus = await as(attacker);
      await expect(bus.jsm.streams.delete('DLQ')).rejects.toThrow(denied);
      await expect(bus.jsm.streams.purge('DLQ')).rejects.toThrow(denied);
      // The attack of the issue: a stream on a subject the attacker may publish, republishing to
      // the approved-orders subject; then the same through an update of the existing DLQ.
      await expect(
        bus.jsm.streams.add({
          name: 'EVIL',
          subjects: ['dlq.evil'],
          retention: RetentionPolicy.Limits,
          storage: StorageType.Memory,
          republish: { src: 'dlq.evil', dest: 'ord.approved.paper' },
        }),
      ).rejects.toThrow(denied);
      await expect(
        bus.jsm.streams.update('DLQ', { republish: { src: 'dlq.>', dest: 'ord.approved.paper' } }),
      ).rejects.toThrow(denied);
      // A stream sourcing or mirroring another one into ORDERS is a stream change as well.
      await expect(bus.jsm.streams.update('ORDERS', { sources: [{ name: 'DLQ' }] })).rejects.toThrow(denied);
      await expect(bus.jsm.streams.delete('KV_checkpoints')).rejects.toThrow(denied);
      await expect(
        bus.publish(codecs.OrderRequest, 'ord.approved.paper', order, { msgId: `ord:${attacker}` }),
      ).rejects.toThrow();
      // Nothing changed: the DLQ has its own subjects and no republish; ORDERS took nothing.
      const dlq = await admin.jsm.streams.info('DLQ');
      expect(dlq.config.subjects).toEqual(['dlq.>']);
      expect(dlq.config.republish).toBeUndefined();
      expect((await admin.jsm.streams.info('ORDERS')).config.sources ?? []).toEqual([]);
      await expect(admin.jsm.streams.info('EVIL')).rejects.toThrow(/not found/i);
      expect((await admin.jsm.streams.info('ORDERS')).state.messages).toBe(0);
    });
  }

  test("a stage writes its own checkpoint and no other stage's (the forged risk-gate checkpoint)", async () => {
    const stages = ['feature-engine', 'strategy-runner', 'risk-gate', 'order-router'];
    for (const s of stages) {
      const bus = await as(s);
      const kv = await bus.kv('checkpoints');
      await kv.put(`${s}.paper`, new Uint8Array([1]));
      expect([...((await kv.get(`${s}.paper`))?.value ?? [])]).toEqual([1]);
      for (const other of stages.filter((o) => o !== s)) {
        await expect(kv.put(`${other}.paper`, new Uint8Array([9])), `${s} → ${other}`).rejects.toThrow(
          denied,
        );
        await expect(kv.get(`${other}.paper`), `${s} reads ${other}`).rejects.toThrow(denied);
      }
    }
    for (const s of ['collector', 'monitor', 'notifier', 'scheduler', 'research-worker']) {
      const bus = await as(s);
      const js = bus.js;
      await expect(js.publish('$KV.checkpoints.risk-gate.paper', new Uint8Array([9])), s).rejects.toThrow(
        denied,
      );
    }
    const kv = await admin.kv('checkpoints');
    expect([...((await kv.get('risk-gate.paper'))?.value ?? [])]).toEqual([1]);
  });

  test('only the order-router writes account states, only the risk gate its decision progress', async () => {
    const router = await (await as('order-router')).kv('positions');
    await router.put('account.paper', new Uint8Array([1]));
    await expect(router.put('decided.paper', new Uint8Array([1]))).rejects.toThrow(denied);
    const gate = await (await as('risk-gate')).kv('positions');
    await gate.put('decided.paper', new Uint8Array([1]));
    await expect(gate.put('account.paper', new Uint8Array([2]))).rejects.toThrow(denied);
    const strategy = await (await as('strategy-runner')).kv('positions');
    expect([...((await strategy.get('account.paper'))?.value ?? [])]).toEqual([1]);
    await expect(strategy.put('account.paper', new Uint8Array([3]))).rejects.toThrow(denied);
    for (const s of ['strategy-runner', 'feature-engine', 'collector']) {
      const bus = await as(s);
      await expect(bus.js.publish('$KV.control.account.paper', new Uint8Array([1])), s).rejects.toThrow(
        denied,
      );
    }
  });

  test('the risk gate publishes approved orders (its grant works)', async () => {
    const risk = await as('risk-gate');
    const ack = await risk.publish(codecs.OrderRequest, 'ord.approved.paper', order, { msgId: 'ord:gate' });
    expect(ack.stream).toBe('ORDERS');
  });
});

describe('the whole pipeline with per-service users', { timeout: scaled(120_000) }, () => {
  test('each stage runs as its own user (bars published as the collector): the backtest fills, no permission violation', async () => {
    const all = await readCsvBars(bundledData('demo/binance_BTC-USDT_1h_2024-2025.csv.gz'));
    const btc = head(all, 1_200);
    const params = { fast: 10, slow: 30 };
    const bt = runBacktest({
      strategy: getStrategy('sma_cross'),
      params,
      data: { timeframe: '1h', series: [{ instrument: parseInstrument('OKX:BTC/USDT'), bars: btc }] },
      initialCash: 10_000,
      account: 'paper',
    });
    expect(bt.fills.length).toBeGreaterThan(10);
    const server = await NatsServer.start({ config: auth, env });
    const opened: Bus[] = [];
    const connect = async (service: string) => {
      const b = await Bus.connect({ servers: server.url, service, user: service, password: `pw-${service}` });
      opened.push(b);
      return b;
    };
    try {
      const admin = await connect('admin');
      await admin.ensure(SYSTEM_TOPOLOGY);
      const pipeline = parsePipelineConfig({
        account: 'paper',
        instruments: ['OKX:BTC/USDT'],
        strategies: [{ name: 'sma_cross', params, instruments: ['OKX:BTC/USDT'] }],
        paper: { initialCash: 10_000, quoteCurrency: 'USDT' },
        risk: NO_LIMITS,
        mode: 'replay',
      });
      const stages = await startStages(server.url, pipeline, (s) => ({ user: s, password: `pw-${s}` }));
      try {
        const collector = await connect('collector');
        const r = await replayPipeline(collector, {
          venue: pipeline.venue,
          tf: pipeline.tf,
          series: [{ instrument: parseInstrument('OKX:BTC/USDT'), bars: btc }],
        });
        await waitFor(
          async () => ((await readAccount(admin, pipeline.account))?.steppedThrough ?? 0) >= r.lastClose!,
          scaled(90_000),
          'the paper router to apply the last bar set',
        );
      } finally {
        await stages.stop();
      }
      expect(await pipelineFills(admin, 'paper')).toEqual(backtestFills(bt.fills));
      // The one refusal expected: the monitor's own ensureIfAllowed above.
      const violations = server.logs
        .split('\n')
        .filter((l) => /violation/i.test(l) && !l.includes('"$JS.API.STREAM.UPDATE.MD"'));
      expect(violations).toEqual([]);
    } finally {
      for (const b of opened) await b.close().catch(() => {});
      await server.stop();
    }
  });
});

describe('the monitor and the notifier with their own users', { timeout: scaled(60_000) }, () => {
  test('consumers, lag, control and ledger work; the server logs no permission violation', async () => {
    const server = await NatsServer.start({ config: auth, env });
    const opened: Bus[] = [];
    const connect = async (service: string) => {
      const b = await Bus.connect({ servers: server.url, service, user: service, password: `pw-${service}` });
      opened.push(b);
      return b;
    };
    const quiet = new Writable({ write: (_c, _e, cb) => cb() });
    try {
      const admin = await connect('admin');
      // What `algotrader init` does: streams, buckets and the services' durables (theirs to bind to).
      await admin.ensure(INIT_TOPOLOGY);
      const monitorBus = await connect('monitor');
      // As init left it, nothing differs: the monitor only reads the streams and buckets (it may
      // not change them) and the topology step asks for no update, so nothing is refused.
      expect(await monitorBus.ensureIfAllowed(SYSTEM_TOPOLOGY)).toBe(true);
      const monitor = new Monitor({
        bus: monitorBus,
        sink: new NullSink(),
        clock: { now: () => Date.now() },
        settings: MonitorSettingsSchema.parse({}),
      });
      await monitor.start();
      const sinkFile = join(mkdtempSync(join(tmpdir(), 'notifier-perm-')), 'messages.log');
      const notifier = await startNotifier({
        bus: await connect('notifier'),
        settings: parseNotifierSettings({}, { account: 'paper', sinkFile, tickMs: 50 }),
        telegram: { allowedChatIds: [] },
        log: createLogger({ service: 'notifier', level: 'warn', destination: quiet }),
        console: quiet,
      });
      try {
        const router = await connect('order-router');
        await router.publish(
          codecs.Fill,
          'exec.fill.paper',
          {
            tradeId: 't1',
            clientOrderId: 'at1',
            account: 'paper',
            instrument: { venue: 'OKX', symbol: 'BTC/USDT' },
            side: 1,
            quantity: '0.1',
            price: '100',
            fee: '0.01',
            feeCurrency: 'USDT',
            timeMs: Date.now(),
          },
          { msgId: 'fill:perm:1' },
        );
        await waitFor(() => monitor.handled >= 1, scaled(20_000), 'the monitor to take the fill');
        const tick = await monitor.tick();
        expect(tick.lag, 'the monitor reads consumer lag').toBeDefined();
        await waitFor(
          () => {
            try {
              return readFileSync(sinkFile, 'utf8').length > 0;
            } catch {
              return false;
            }
          },
          scaled(20_000),
          'the notifier to write the fill',
        );
      } finally {
        await notifier.stop();
        await monitor.stop();
      }
      // The one refusal expected: the monitor's own ensureIfAllowed above.
      const violations = server.logs
        .split('\n')
        .filter((l) => /violation/i.test(l) && !l.includes('"$JS.API.STREAM.UPDATE.MD"'));
      expect(violations).toEqual([]);
    } finally {
      for (const b of opened) await b.close().catch(() => {});
      await server.stop();
    }
  });
});

describe('algotrader init: the admin identity creates the topology', { timeout: scaled(60_000) }, () => {
  test('refused with the next step for a service user; done as admin, after which a stage user finds it', async () => {
    const server = await NatsServer.start({ config: auth, env });
    try {
      const denied = await runCli(['init', '--nats', server.url], {
        NATS_USER: 'strategy-runner',
        NATS_PASSWORD: 'pw-strategy-runner',
      });
      expect(denied.code).toBe(1);
      expect(denied.stderr).toMatch(/may not create streams[\s\S]*NATS_USER=admin/);
      const ok = await runCli(['init', '--nats', server.url], {
        NATS_USER: 'admin',
        NATS_PASSWORD: 'pw-admin',
      });
      expect(ok.code, ok.stderr).toBe(0);
      expect(ok.lines.join('\n')).toMatch(/stream ORDERS[\s\S]*stream RESEARCH[\s\S]*bucket checkpoints/);
      // ... and the services' durables, which their users may bind to but not create.
      expect(ok.lines.join('\n')).toMatch(
        /durable MD\/archiver +md\.bar\.>[\s\S]*durable RESEARCH\/research-worker/,
      );
      expect(ok.lines.join('\n')).not.toMatch(/order-router-manual/);
      // With a notify pipeline in ALGOTRADER_PIPELINE: that account's order-router-manual durable too.
      const dir = mkdtempSync(join(tmpdir(), 'init-notify-'));
      const pipelineFile = join(dir, 'pipeline.json');
      writeFileSync(
        pipelineFile,
        JSON.stringify({
          account: 'cn1',
          venue: 'SSE',
          timeframe: '1d',
          instruments: ['SSE:600519/CNY'],
          strategies: [{ name: 'sma_cross', instruments: ['SSE:600519/CNY'] }],
          broker: 'notify',
          paper: { initialCash: 1_000_000, quoteCurrency: 'CNY' },
          specs: { 'SSE:600519/CNY': { lotSize: 100, minQty: 100, tickSize: 0.01 } },
          mode: 'live',
        }),
      );
      const notify = await runCli(['init', '--nats', server.url], {
        NATS_USER: 'admin',
        NATS_PASSWORD: 'pw-admin',
        ALGOTRADER_PIPELINE: pipelineFile,
      });
      expect(notify.code, notify.stderr).toBe(0);
      expect(notify.lines.join('\n')).toMatch(/durable OPS\/order-router-manual +ops\.manual\.cn1/);
      const bus = await Bus.connect({
        servers: server.url,
        service: 'risk-gate',
        user: 'risk-gate',
        password: 'pw-risk-gate',
      });
      try {
        expect(await bus.ensureIfAllowed(SYSTEM_TOPOLOGY)).toBe(false);
        await bus.kv('checkpoints');
        const router = await Bus.connect({
          servers: server.url,
          service: 'order-router',
          user: 'order-router',
          password: 'pw-order-router',
        });
        try {
          // The notify venue's router binds to the durable init made (it may not create one).
          await ensureConsumer(router.jsm, notifyVenueConsumer('cn1'));
        } finally {
          await router.close();
        }
      } finally {
        await bus.close();
      }
    } finally {
      await server.stop();
    }
  });
});
