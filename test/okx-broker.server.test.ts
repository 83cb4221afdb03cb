import { SimulatedClock } from '@algotrader/core';
import { OkxTradeServer } from '@algotrader/testkit';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { classifyOkxError, createOkxTradeClient } from '../apps/order-router/src/okx/index';

/**
 * The local OKX trading server against ccxt's own unified methods: if ccxt reads its answers as it
 * reads OKX's (statuses, amounts, fees, balances, error classes), the broker's tests mean something.
 */

const T0 = Date.UTC(2026, 0, 5, 12, 0);
const CREDS = { apiKey: 'k-contract', secret: 'contract-secret', passphrase: 'contract-pass' };

let server: OkxTradeServer;
let clock: SimulatedClock;

beforeEach(async () => {
  clock = new SimulatedClock(T0);
  server = await OkxTradeServer.start({ credentials: CREDS, clock, balances: { USDT: '10000', BTC: '0.5' } });
  server.setMarketPrice('BTC-USDT', '30000');
});

afterEach(async () => {
  await server.stop();
});

const client = (over: { secret?: string; timeoutMs?: number } = {}) =>
  createOkxTradeClient({
    apiKey: CREDS.apiKey,
    secret: over.secret ?? CREDS.secret,
    password: CREDS.passphrase,
    restUrl: server.url,
    enableRateLimit: false,
    timeoutMs: over.timeoutMs ?? 2_000,
  });

async function classOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'no error';
  } catch (e) {
    return classifyOkxError(e);
  }
}

describe('ccxt reads the server as OKX', () => {
  test('markets: one SPOT instruments request, precision and minimum from tickSz/lotSz/minSz', async () => {
    const ex = client();
    const markets = await ex.loadMarkets();
    expect(server.requests.map((r) => `${r.path}?${new URLSearchParams(r.query)}`)).toEqual([
      '/api/v5/public/instruments?instType=SPOT',
    ]);
    expect(markets['BTC/USDT']).toMatchObject({
      id: 'BTC-USDT',
      spot: true,
      active: true,
      precision: { amount: 1e-8, price: 0.1 },
      limits: { amount: { min: 0.00001 } },
    });
  });

  test('an order through its life: create, fetch by client id, open list, partial fill, trades, cancel', async () => {
    const ex = client();
    const created = await ex.createOrder('BTC/USDT', 'limit', 'buy', 0.02, 29000, { clOrdId: 'abc123' });
    expect(created.id).toMatch(/^\d+$/);
    expect(created.status).toBeUndefined(); // batch-orders answers ids only

    let o = await ex.fetchOrder('', 'BTC/USDT', { clientOrderId: 'abc123' });
    expect(o).toMatchObject({
      id: created.id,
      clientOrderId: 'abc123',
      status: 'open',
      amount: 0.02,
      price: 29000,
    });
    expect(o.filled).toBe(0);
    expect((await ex.fetchOpenOrders('BTC/USDT')).map((x) => x.id)).toEqual([created.id]);

    clock.advance(1_000);
    server.fillOrder('abc123', '0.005');
    o = await ex.fetchOrder(created.id!, 'BTC/USDT');
    expect(o).toMatchObject({ status: 'open', filled: 0.005, average: 29000, remaining: 0.015 });
    expect(o.fee).toEqual({ cost: 0.000004, currency: 'BTC' }); // OKX -0.000004 → ccxt positive

    const trades = await ex.fetchMyTrades('BTC/USDT');
    expect(trades).toHaveLength(1);
    expect(trades[0]).toMatchObject({
      order: created.id,
      side: 'buy',
      amount: 0.005,
      price: 29000,
      takerOrMaker: 'maker',
      timestamp: T0 + 1_000,
      fee: { cost: 0.000004, currency: 'BTC' },
    });

    const bal = await ex.fetchBalance();
    expect(bal['USDT']).toMatchObject({ total: 9855, used: 435, free: 9420 }); // 0.015 × 29000 still held
    expect(bal['BTC']).toMatchObject({ total: 0.504996, free: 0.504996, used: 0 });

    await ex.cancelOrder(created.id!, 'BTC/USDT');
    o = await ex.fetchOrder(created.id!, 'BTC/USDT');
    expect(o.status).toBe('canceled');
    expect(await ex.fetchOpenOrders('BTC/USDT')).toEqual([]);
    expect((await ex.fetchBalance())['USDT']).toMatchObject({ used: 0, free: 9855 });
  });

  test('a market buy fills at once; createMarketBuyOrderWithCost spends quote units', async () => {
    const ex = client();
    const a = await ex.createOrder('BTC/USDT', 'market', 'buy', 0.01, undefined, { clOrdId: 'mkt1' });
    expect((await ex.fetchOrder(a.id!, 'BTC/USDT')).status).toBe('closed');
    const b = await ex.createMarketBuyOrderWithCost('BTC/USDT', 300, { clOrdId: 'mkt2' });
    const o = await ex.fetchOrder(b.id!, 'BTC/USDT');
    expect(o).toMatchObject({ status: 'closed', filled: 0.01, cost: 300 });
  });
});

describe('errors arrive as the ccxt classes OKX_NOTES lists', () => {
  test('51008, 51016, 51603, 51400', async () => {
    const ex = client();
    expect(await classOf(ex.createOrder('BTC/USDT', 'limit', 'buy', 1, 29000, { clOrdId: 'big' }))).toBe(
      'insufficient_funds',
    );
    await ex.createOrder('BTC/USDT', 'limit', 'buy', 0.01, 29000, { clOrdId: 'dup' });
    expect(await classOf(ex.createOrder('BTC/USDT', 'limit', 'buy', 0.01, 29000, { clOrdId: 'dup' }))).toBe(
      'duplicate',
    );
    expect(await classOf(ex.fetchOrder('', 'BTC/USDT', { clientOrderId: 'nope' }))).toBe('not_found');
    expect(await classOf(ex.cancelOrder('', 'BTC/USDT', { clientOrderId: 'nope' }))).toBe('not_found');
    expect(server.requests.map((r) => r.code).filter((c) => c !== '0')).toEqual([
      '51008',
      '51016',
      '51603',
      '51400',
    ]);
  });

  test('50011 / HTTP 429, 50001, 50113, a hung request', async () => {
    const ex = client({ timeoutMs: 750 });
    await ex.loadMarkets();
    server.inject({ kind: 'rateLimit' });
    expect(await classOf(ex.fetchBalance())).toBe('rate_limited');
    server.inject({ kind: 'maintenance' });
    expect(await classOf(ex.fetchBalance())).toBe('maintenance');
    server.inject({ kind: 'hang' });
    expect(await classOf(ex.fetchBalance())).toBe('ambiguous');
    const bad = client({ secret: 'wrong' });
    await bad.loadMarkets(); // public: unsigned
    expect(await classOf(bad.fetchBalance())).toBe('authentication');
    expect(server.requests.at(-1)).toMatchObject({ status: 401, code: '50113' });
  });

  test("a malformed 200 balance does not throw in ccxt — it reads as an empty account (why the broker doesn't use it)", async () => {
    const ex = client();
    server.inject({ kind: 'malformed', path: '/api/v5/account/balance' });
    const bal = await ex.fetchBalance();
    expect(bal['BTC']).toBeUndefined();
    expect(bal['USDT']).toBeUndefined();
  });
});
