import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Bus, SYSTEM_TOPOLOGY, subjects } from '@algotrader/bus';
import { forceExitKey } from '@algotrader/core';
import { readSubjectSince } from '@algotrader/pipeline';
import { codecs } from '@algotrader/proto';
import { NatsServer, waitFor } from '@algotrader/testkit';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

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
    ).rejects.toThrow();
    const risk = await as('risk-gate');
    const ack = await risk.publish(codecs.OrderRequest, 'ord.approved.main', order, { msgId: 'ord:x2' });
    expect(ack.stream).toBe('ORDERS');
    const info = await risk.jsm.streams.info('ORDERS');
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
    ).rejects.toThrow();
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
