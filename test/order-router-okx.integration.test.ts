import { Bus, readControl, SYSTEM_TOPOLOGY, subjects } from '@algotrader/bus';
import { clientOrderId, parseConfig, parseInstrument } from '@algotrader/core';
import { createLogger } from '@algotrader/core/node';
import { type BrokerOrder, type LiveBroker, LiveRouter } from '@algotrader/order-router';
import { CONTROL_BUCKET, parsePipelineConfig, readAccount, readAll } from '@algotrader/pipeline';
import { codecs, pb } from '@algotrader/proto';
import { NatsServer, OkxTradeServer, waitFor } from '@algotrader/testkit';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  createBroker,
  createOkxLiveBroker,
  decimalString,
  toOrderRequest,
} from '../apps/order-router/src/okx/index';

/**
 * The order-router for an OKX account end to end: real nats-server, the LiveRouter, the OKX
 * adapter (`createBroker`, as `src/main.ts` loads it) and a real ccxt talking to the local OKX v5
 * private endpoints.
 */

const BTC = parseInstrument('OKX:BTC/USDT');
const CREDS = { apiKey: 'k-router-1', secret: 'S3CR3T-router', passphrase: 'Pa55-router' };
const BATCH = '/api/v5/trade/batch-orders';
const T = Date.UTC(2025, 0, 6, 12);
const silent = createLogger({ service: 'test', level: 'silent' });

const pipeline = parsePipelineConfig({
  account: 'live1',
  broker: 'okx',
  instruments: ['OKX:BTC/USDT'],
  strategies: [{ name: 'sma_cross', instruments: ['OKX:BTC/USDT'] }],
});

async function startOkx(): Promise<OkxTradeServer> {
  const s = await OkxTradeServer.start({
    credentials: CREDS,
    instruments: [{ instId: 'BTC-USDT', tickSz: '0.1', lotSz: '0.00000001', minSz: '0.00001' }],
    balances: { USDT: '100000' },
  });
  s.setMarketPrice('BTC-USDT', '30000');
  return s;
}

function configFor(okx: OkxTradeServer, over: Record<string, string | undefined> = {}) {
  return parseConfig(
    {},
    {
      OKX_API_KEY: CREDS.apiKey,
      OKX_SECRET: CREDS.secret,
      OKX_PASSWORD: CREDS.passphrase,
      OKX_REST_URL: okx.url,
      ...over,
    },
  );
}

describe('order-router → OKX adapter → local OKX exchange', () => {
  let nats: NatsServer;
  let okx: OkxTradeServer;
  let bus: Bus;
  let router: LiveRouter;
  let broker: LiveBroker;
  const id = clientOrderId({ account: 'live1', strategy: 'sma_cross', instrument: BTC, decisionCloseMs: T });
  const order = {
    clientOrderId: id,
    account: 'live1',
    strategy: 'sma_cross',
    instrument: { venue: 'OKX', symbol: 'BTC/USDT' },
    side: pb.Side.SIDE_BUY,
    type: pb.OrderType.ORDER_TYPE_LIMIT,
    quantity: '0.01',
    limitPrice: '29000',
    decisionTimeMs: T,
  };
  const placementsOf = (clOrdId: string) =>
    okx.requests.filter((r) => r.path === BATCH && JSON.stringify(r.body).includes(`"clOrdId":"${clOrdId}"`));
  const states = async () =>
    (await readAll(bus, 'EXEC', 'exec.order.live1', codecs.OrderEvent))
      .filter((e) => e.message.clientOrderId === id)
      .map((e) => e.message.state);

  beforeAll(async () => {
    nats = await NatsServer.start();
    okx = await startOkx();
    bus = await Bus.connect({ servers: nats.url, service: 'test' });
    await bus.ensure(SYSTEM_TOPOLOGY);
    broker = await createBroker({ config: configFor(okx), pipeline, log: silent });
    router = await LiveRouter.start({
      bus,
      pipeline,
      clock: { now: () => Date.now() },
      broker,
      pollMs: 200,
    });
  });
  afterAll(async () => {
    await router?.stop();
    await bus?.close();
    await nats?.stop();
    await okx?.stop();
  });

  test('an approved order, delivered twice, lands on OKX once under its clOrdId and rests', async () => {
    await bus.publish(codecs.OrderRequest, subjects.orderApproved('live1'), order, { msgId: `ord:${id}` });
    await bus.publish(codecs.OrderRequest, subjects.orderApproved('live1'), order, {
      msgId: `ord:${id}:again`,
    });
    await waitFor(
      async () => (await states()).includes(pb.OrderState.ORDER_STATE_ACCEPTED),
      10_000,
      'the order accepted',
    );
    // Both deliveries consumed, then a few polls: still one order on the exchange.
    await waitFor(async () => ((await readAccount(bus, 'live1'))?.orderSeq ?? 0) >= 2, 10_000, 'both read');
    await new Promise((r) => setTimeout(r, 500));
    expect(okx.orders().map((o) => o.clOrdId)).toEqual([id]);
    expect(placementsOf(id)).toHaveLength(1);
    expect(placementsOf(id)[0]!.body).toEqual([
      expect.objectContaining({ clOrdId: id, side: 'buy', ordType: 'limit', sz: '0.01', px: '29000' }),
    ]);
    expect(await states()).toEqual([pb.OrderState.ORDER_STATE_SUBMITTED, pb.OrderState.ORDER_STATE_ACCEPTED]);
    expect(await readAll(bus, 'EXEC', 'exec.fill.live1', codecs.Fill)).toEqual([]);
  });

  test('filled on the exchange → FILLED event and one Fill on exec.*, position booked net of the BTC fee', async () => {
    // Filled between the router's order lookup and its balance read: the balances are then ahead of
    // the account. The router must look the order up again rather than halt on a false mismatch.
    okx.beforeNext('/api/v5/account/balance', () => okx.fillOrder(id, '0.01'));
    await waitFor(
      async () => (await readAll(bus, 'EXEC', 'exec.fill.live1', codecs.Fill)).length > 0,
      10_000,
      'the fill published',
    );
    await waitFor(
      async () => (await states()).includes(pb.OrderState.ORDER_STATE_FILLED),
      10_000,
      'the FILLED event',
    );
    // More polls must not publish the fill again.
    await new Promise((r) => setTimeout(r, 600));
    const fills = await readAll(bus, 'EXEC', 'exec.fill.live1', codecs.Fill);
    expect(
      fills.map((f) => [
        f.message.clientOrderId,
        f.message.quantity,
        f.message.price,
        f.message.feeCurrency,
        f.message.maker,
      ]),
    ).toEqual([[id, '0.01', '29000', 'BTC', true]]);
    expect(fills[0]!.message.tradeId).toMatch(/^BTC-USDT:/);
    expect(Number(fills[0]!.message.fee)).toBeGreaterThan(0);
    expect(await states()).toEqual([
      pb.OrderState.ORDER_STATE_SUBMITTED,
      pb.OrderState.ORDER_STATE_ACCEPTED,
      pb.OrderState.ORDER_STATE_FILLED,
    ]);
    const fee = Number(fills[0]!.message.fee);
    await waitFor(
      async () =>
        Math.abs(((await readAccount(bus, 'live1'))?.positions['OKX:BTC/USDT']?.qty ?? 0) - (0.01 - fee)) <
        1e-12,
      10_000,
      'the position booked',
    );
    // The exchange balance matches the booked position: reconciliation does not halt.
    await new Promise((r) => setTimeout(r, 500));
    expect((await readControl(await bus.kv(CONTROL_BUCKET), 'live1')).state).not.toBe('HALTED');
    expect(okx.orders()).toHaveLength(1);
  });

  test('a fresh adapter (after a restart) placing the same order finds it instead of sending it again', async () => {
    const again = await createOkxLiveBroker({
      account: 'live1',
      apiKey: CREDS.apiKey,
      secret: CREDS.secret,
      password: CREDS.passphrase,
      restUrl: okx.url,
      clock: { now: () => Date.now() },
      retry: { attempts: 2, baseMs: 5, maxMs: 10 },
    });
    const o: BrokerOrder = {
      clientOrderId: id,
      instrument: BTC,
      side: 'buy',
      type: 'limit',
      qty: 0.01,
      limitPrice: 29_000,
      strategy: 'sma_cross',
      decisionTime: T,
    };
    const r = await again.place(o);
    expect(r).toMatchObject({ clientOrderId: id, status: 'filled', filledQty: 0.01, avgPrice: 29_000 });
    expect(r.fills.map((f) => [f.qty, f.price])).toEqual([[0.01, 29_000]]);
    expect(placementsOf(id)).toHaveLength(1);
    expect(okx.orders()).toHaveLength(1);

    const snap = await again.snapshot(Date.now() - 3_600_000);
    expect(snap.openOrders).toEqual([]);
    expect(snap.fills.map((f) => [f.clientOrderId, f.qty, f.price])).toEqual([[id, 0.01, 29_000]]);
    expect(snap.balances['BTC']).toBeCloseTo(0.01 - r.fills[0]!.fee, 12);
    expect(snap.balances['USDT']).toBe(100_000 - 290);
    await again.close();
  });
});

describe('OKX adapter on its own', () => {
  let okx: OkxTradeServer;
  beforeAll(async () => {
    okx = await startOkx();
  });
  afterAll(async () => {
    await okx?.stop();
  });

  const adapter = () =>
    createOkxLiveBroker({
      account: 'solo',
      apiKey: CREDS.apiKey,
      secret: CREDS.secret,
      password: CREDS.passphrase,
      restUrl: okx.url,
      clock: { now: () => Date.now() },
      retry: { attempts: 2, baseMs: 5, maxMs: 10 },
      lookupDelayMs: 0,
    });

  test('createBroker refuses without keys and names the missing OKX_* variables', async () => {
    const config = configFor(okx, { OKX_SECRET: undefined, OKX_PASSWORD: undefined });
    const err = await createBroker({ config, pipeline, log: silent }).then(
      () => undefined,
      (e: Error) => e,
    );
    expect(err?.message).toMatch(/OKX_SECRET/);
    expect(err?.message).toMatch(/OKX_PASSWORD/);
    expect(err?.message).not.toMatch(/OKX_API_KEY/);
    expect(okx.requests).toEqual([]);
  });

  test('maps BrokerOrder to the proto request with plain decimal strings', () => {
    expect(decimalString(1e-7)).toBe('0.0000001');
    expect(decimalString(1.5e-8)).toBe('0.000000015');
    expect(decimalString(0.1)).toBe('0.1');
    expect(decimalString(1e21)).toBe('1000000000000000000000');
    const base = {
      clientOrderId: 'x',
      instrument: BTC,
      side: 'buy',
      strategy: 's',
      decisionTime: T,
    } as const;
    expect(toOrderRequest({ ...base, type: 'market', qty: 0, quoteAmount: 250.5 }, 'a')).toMatchObject({
      type: pb.OrderType.ORDER_TYPE_MARKET,
      quantity: '',
      quoteAmount: '250.5',
      instrument: { venue: 'OKX', symbol: 'BTC/USDT' },
    });
    expect(toOrderRequest({ ...base, type: 'limit', qty: 2e-7, limitPrice: 30_000.5 }, 'a')).toMatchObject({
      type: pb.OrderType.ORDER_TYPE_LIMIT,
      quantity: '0.0000002',
      limitPrice: '30000.5',
      quoteAmount: '',
    });
  });

  test('an open order shows in the snapshot; lookup and cancel report by client id', async () => {
    const b = await adapter();
    const cid = clientOrderId({ account: 'solo', strategy: 's', instrument: BTC, decisionCloseMs: T + 1 });
    const placed = await b.place({
      clientOrderId: cid,
      instrument: BTC,
      side: 'buy',
      type: 'limit',
      qty: 0.02,
      limitPrice: 28_000,
      strategy: 's',
      decisionTime: T,
    });
    expect(placed).toMatchObject({ status: 'accepted', filledQty: 0, fills: [] });
    const snap = await b.snapshot(0);
    expect(snap.openOrders.map((o) => [o.clientOrderId, o.status])).toEqual([[cid, 'accepted']]);
    expect(snap.balances['USDT']).toBe(100_000);

    okx.fillOrder(cid, '0.005');
    const part = await b.lookup(cid, BTC);
    expect(part).toMatchObject({ status: 'partially_filled', filledQty: 0.005 });
    const canceled = await b.cancel(cid, BTC);
    expect(canceled).toMatchObject({ status: 'canceled', filledQty: 0.005 });
    // Every fill known so far travels with each report.
    expect(canceled.fills.map((f) => f.qty)).toEqual([0.005]);

    const unknown = clientOrderId({
      account: 'solo',
      strategy: 's',
      instrument: BTC,
      decisionCloseMs: T + 2,
    });
    expect(await b.lookup(unknown, BTC)).toBeUndefined();
    await b.close();
  });

  test('a failed query makes the snapshot throw, never report empty', async () => {
    const b = await adapter();
    okx.inject({ kind: 'malformed', path: '/api/v5/account/balance', times: 10 });
    await expect(b.snapshot(0)).rejects.toThrow();
    okx.clearFaults();
    okx.inject({ kind: 'http5xx', path: '/api/v5/trade/orders-pending', times: 10 });
    await expect(b.snapshot(0)).rejects.toThrow();
    okx.clearFaults();
    expect((await b.snapshot(0)).balances['USDT']).toBeGreaterThan(0);
    await b.close();
  });
});
