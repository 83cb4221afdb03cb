import { inspect } from 'node:util';
import { clientOrderId, parseInstrument, SimulatedClock } from '@algotrader/core';
import { type OrderRequestMsg, pb } from '@algotrader/proto';
import { OkxTradeServer } from '@algotrader/testkit';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import {
  type BrokerUpdate,
  type LocalOrder,
  OkxBroker,
  type OkxBrokerOptions,
  type OrderMove,
} from '../apps/order-router/src/okx/index';

/**
 * The OKX spot broker against a local OKX v5 server: a real ccxt `okx` talks to it unmodified
 * (only `urls.api.rest` points there), signs every private request, and the server checks it.
 */

const BTC = parseInstrument('OKX:BTC/USDT');
const T0 = Date.UTC(2026, 0, 5, 12, 0);
const CREDS = { apiKey: 'k-7f3a9c', secret: 'S3CR3T-never-logged', passphrase: 'Pa55-phrase' };
const BATCH = '/api/v5/trade/batch-orders';
const ORDER = '/api/v5/trade/order';
const CANCEL = '/api/v5/trade/cancel-order';
const BALANCE = '/api/v5/account/balance';

let server: OkxTradeServer;
let clock: SimulatedClock;

beforeEach(async () => {
  clock = new SimulatedClock(T0);
  server = await OkxTradeServer.start({
    credentials: CREDS,
    clock,
    instruments: [{ instId: 'BTC-USDT', tickSz: '0.1', lotSz: '0.00000001', minSz: '0.00001' }],
    balances: { USDT: '100000', BTC: '1' },
  });
  server.setMarketPrice('BTC-USDT', '30000');
});

afterEach(async () => {
  await server.stop();
});

function broker(over: Partial<OkxBrokerOptions> = {}): OkxBroker {
  return new OkxBroker({
    account: 'main',
    apiKey: CREDS.apiKey,
    secret: CREDS.secret,
    password: CREDS.passphrase,
    restUrl: server.url,
    enableRateLimit: false,
    timeoutMs: 1_500,
    clock,
    retry: { attempts: 4, baseMs: 5, maxMs: 20 },
    lookupDelayMs: 0,
    symbols: ['BTC/USDT'],
    ...over,
  });
}

let decision = T0;
function request(over: Partial<OrderRequestMsg> = {}): OrderRequestMsg {
  decision += 3_600_000;
  return {
    clientOrderId: clientOrderId({
      account: 'main',
      strategy: 'okxtest',
      instrument: BTC,
      decisionCloseMs: decision,
    }),
    account: 'main',
    strategy: 'okxtest',
    instrument: { venue: 'OKX', symbol: 'BTC/USDT' },
    side: pb.Side.SIDE_BUY,
    type: pb.OrderType.ORDER_TYPE_MARKET,
    quantity: '0.01',
    limitPrice: '',
    quoteAmount: '',
    decisionTimeMs: decision,
    ...over,
  };
}

const limit = (quantity: string, limitPrice: string, over: Partial<OrderRequestMsg> = {}) =>
  request({ type: pb.OrderType.ORDER_TYPE_LIMIT, quantity, limitPrice, ...over });

/** (previous → state) pairs with their seq, e.g. `1:PENDING_SUBMIT>SUBMITTED`. */
function moves(events: readonly OrderMove[]): string[] {
  return events.map((e) => `${e.seq}:${e.previous.toUpperCase()}>${e.status.toUpperCase()}`);
}

/** What the router would keep in KV after publishing these events: the last one per order. */
function localFrom(events: readonly OrderMove[], side: 'buy' | 'sell' = 'buy'): LocalOrder {
  const last = events[events.length - 1]!;
  return {
    clientOrderId: last.clientOrderId,
    symbol: last.symbol,
    side,
    status: last.status,
    filledQuantity: last.filledQty,
    seq: last.seq,
    exchangeOrderId: last.exchangeOrderId,
  };
}

/**
 * Every move and fill in the domain shape, exact: decimals as plain strings (no exponent, no
 * float noise), fill ids unique, each order's moves numbered one after the other from a previous
 * state that is the last move's state.
 */
const DECIMAL = /^\d+(\.\d+)?$/;
function exact(u: Pick<BrokerUpdate, 'events' | 'fills'>): void {
  for (const f of u.fills) {
    expect(f.qty).toMatch(DECIMAL);
    expect(f.price).toMatch(DECIMAL);
    expect(f.fee).toMatch(/^-?\d+(\.\d+)?$/);
    expect(f.side === 'buy' || f.side === 'sell').toBe(true);
    expect(f.symbol).toBe('BTC/USDT');
  }
  expect(new Set(u.fills.map((f) => f.tradeId)).size).toBe(u.fills.length);
  const last = new Map<string, OrderMove>();
  for (const e of u.events) {
    expect(e.filledQty).toMatch(DECIMAL);
    const before = last.get(e.clientOrderId);
    if (before) expect([e.seq, e.previous]).toEqual([before.seq + 1, before.status]);
    last.set(e.clientOrderId, e);
  }
}

const placements = () => server.requests.filter((r) => r.path === BATCH);

describe('placement', () => {
  test('a market buy is submitted, then filled, with its fill and base-coin fee', async () => {
    const b = broker();
    const req = request();
    const r = await b.submit(req);

    expect(r.outcome).toBe('placed');
    expect(r.status).toBe('filled');
    expect(moves(r.events)).toEqual(['1:PENDING_SUBMIT>SUBMITTED', '2:SUBMITTED>FILLED']);
    expect(r.events[1]).toMatchObject({ filledQty: '0.01', avgPrice: '30000', symbol: 'BTC/USDT' });
    expect(r.fills).toHaveLength(1);
    expect(r.fills[0]).toMatchObject({
      clientOrderId: req.clientOrderId,
      qty: '0.01',
      price: '30000',
      fee: '0.00001', // OKX sends -0.00001: paid, in BTC for a spot buy
      feeCurrency: 'BTC',
      maker: false,
      side: 'buy',
      symbol: 'BTC/USDT',
    });
    expect(r.fills[0]!.tradeId).toMatch(/^BTC-USDT:\d+$/);
    exact(r);

    // ccxt's default path: one order in an array to batch-orders, spot cash mode, our clOrdId.
    expect(placements()).toHaveLength(1);
    expect(placements()[0]!.body).toEqual([
      expect.objectContaining({
        instId: 'BTC-USDT',
        clOrdId: req.clientOrderId,
        side: 'buy',
        ordType: 'market',
        sz: '0.01',
        tdMode: 'cash',
        tgtCcy: 'base_ccy',
      }),
    ]);
    expect(server.orders()).toHaveLength(1);
    expect(server.balance('BTC').cash).toBe('1.00999');
    expect(server.balance('USDT').cash).toBe('99700');
  });

  test('a limit order is rounded to the instrument, rests, fills partly, then fully', async () => {
    const b = broker();
    const req = limit('0.0200000049', '29000.04'); // lot 1e-8 truncates, tick 0.1 rounds
    const r = await b.submit(req);
    expect(r.outcome).toBe('placed');
    expect(r.status).toBe('accepted');
    expect(moves(r.events)).toEqual(['1:PENDING_SUBMIT>SUBMITTED', '2:SUBMITTED>ACCEPTED']);
    expect(placements()[0]!.body).toEqual([expect.objectContaining({ sz: '0.02', px: '29000' })]);
    expect(server.balance('USDT')).toEqual({ cash: '100000', frozen: '580', avail: '99420' });

    clock.advance(60_000);
    server.fillOrder(req.clientOrderId!, '0.005');
    const p = await b.refresh(req.clientOrderId!);
    expect(p.status).toBe('partially_filled');
    expect(moves(p.events)).toEqual(['3:ACCEPTED>PARTIALLY_FILLED']);
    expect(p.events[0]).toMatchObject({
      filledQty: '0.005',
      avgPrice: '29000',
      timeMs: T0 + 60_000,
    });
    expect(p.fills.map((f) => [f.qty, f.price, f.fee, f.maker])).toEqual([
      ['0.005', '29000', '0.000004', true],
    ]);

    const quiet = await b.refreshOpen();
    expect(quiet.flatMap((u) => [...u.events, ...u.fills])).toEqual([]);

    clock.advance(60_000);
    server.fillOrder(req.clientOrderId!, '0.015', '28990');
    const [done] = await b.refreshOpen();
    expect(done!.status).toBe('filled');
    expect(moves(done!.events)).toEqual(['4:PARTIALLY_FILLED>FILLED']);
    expect(done!.events[0]!.filledQty).toBe('0.02');
    expect(done!.fills.map((f) => [f.qty, f.price])).toEqual([['0.015', '28990']]);
    exact(done!);
    expect(b.openOrders()).toEqual([]);
    expect(server.balance('USDT').frozen).toBe('0');
  });

  test('a quote-sized market buy spends the quote amount (createMarketBuyOrderWithCost)', async () => {
    const b = broker();
    const r = await b.submit(request({ quantity: '', quoteAmount: '1000' }));
    expect(r.outcome).toBe('placed');
    expect(r.status).toBe('filled');
    expect(placements()[0]!.body).toEqual([
      expect.objectContaining({ ordType: 'market', side: 'buy', sz: '1000', tgtCcy: 'quote_ccy' }),
    ]);
    expect(r.filledQuantity).toBe('0.03333333');
    expect(r.fills[0]!.qty).toBe('0.03333333');
  });

  test('an order below the minimum size is rejected without reaching OKX', async () => {
    const b = broker();
    const r = await b.submit(request({ quantity: '0.000009' }));
    expect(r.outcome).toBe('rejected');
    expect(r.outcome === 'rejected' && r.reason).toBe('below_min_size');
    expect(moves(r.events)).toEqual(['1:PENDING_SUBMIT>REJECTED']);
    expect(server.requests.map((q) => q.path)).toEqual(['/api/v5/public/instruments']);
  });

  test('a redelivered request is answered from what the broker knows, not sent again', async () => {
    const b = broker();
    const req = limit('0.01', '29000');
    await b.submit(req);
    const again = await b.submit(req);
    expect(again.outcome).toBe('placed');
    expect(again.events).toEqual([]);
    expect(placements()).toHaveLength(1);
  });
});

describe('cancel', () => {
  test('cancels a resting order and releases its hold', async () => {
    const b = broker();
    const req = limit('0.02', '29000');
    await b.submit(req);
    const c = await b.cancel(req.clientOrderId!);
    expect(c.outcome).toBe('canceled');
    expect(moves(c.events)).toEqual(['3:ACCEPTED>PENDING_CANCEL', '4:PENDING_CANCEL>CANCELED']);
    expect(server.count(CANCEL, 'POST')).toBe(1);
    expect(server.balance('USDT')).toEqual({ cash: '100000', frozen: '0', avail: '100000' });
  });

  test('a cancel racing a full fill reports the fill (51400, then the lookup)', async () => {
    const b = broker();
    const req = limit('0.02', '29000');
    await b.submit(req);
    // The order fills on the exchange just before the cancel reaches it.
    server.beforeNext(CANCEL, () => server.fillOrder(req.clientOrderId!, '0.02'));
    const c = await b.cancel(req.clientOrderId!);
    expect(server.requests.find((r) => r.path === CANCEL)?.code).toBe('51400');
    expect(c.outcome).toBe('filled');
    expect(moves(c.events)).toEqual(['3:ACCEPTED>PENDING_CANCEL', '4:PENDING_CANCEL>FILLED']);
    expect(c.fills.map((f) => f.qty)).toEqual(['0.02']);
  });

  test('a cancel racing a partial fill cancels the rest and publishes the part that filled', async () => {
    const b = broker();
    const req = limit('0.02', '29000');
    await b.submit(req);
    server.beforeNext(CANCEL, () => server.fillOrder(req.clientOrderId!, '0.005'));
    const c = await b.cancel(req.clientOrderId!);
    expect(c.outcome).toBe('canceled');
    expect(moves(c.events)).toEqual(['3:ACCEPTED>PENDING_CANCEL', '4:PENDING_CANCEL>CANCELED']);
    expect(c.events[1]!.filledQty).toBe('0.005');
    expect(c.fills.map((f) => f.qty)).toEqual(['0.005']);
  });
});

describe('exchange refusals', () => {
  test('insufficient funds (51008) is a rejected order and an alert, not an exception', async () => {
    const b = broker();
    const r = await b.submit(limit('10', '30000'));
    expect(server.requests.find((q) => q.path === BATCH)?.code).toBe('51008');
    expect(r.outcome).toBe('rejected');
    expect(r.outcome === 'rejected' && r.reason).toBe('insufficient_funds');
    expect(r.status).toBe('rejected');
    expect(moves(r.events)).toEqual(['1:PENDING_SUBMIT>REJECTED']);
    expect(r.alerts.map((a) => [a.code, a.severity])).toEqual([['okx_insufficient_funds', 'warning']]);
    expect(r.halt).toBeUndefined();
    expect(server.orders()).toHaveLength(0);
  });

  test('a rate limit (HTTP 429, 50011) is backed off and retried: one order', async () => {
    const b = broker();
    server.inject({ kind: 'rateLimit', path: BATCH, times: 2 });
    const r = await b.submit(request());
    expect(r.outcome).toBe('placed');
    expect(r.status).toBe('filled');
    expect(placements().map((p) => p.status)).toEqual([429, 429, 200]);
    expect(server.orders()).toHaveLength(1);
  });

  test('maintenance (50001) rejects and signals a halt', async () => {
    const b = broker();
    server.inject({ kind: 'maintenance', path: BATCH });
    const r = await b.submit(request());
    expect(r.outcome === 'rejected' && r.reason).toBe('maintenance');
    expect(r.halt?.reason).toBe('maintenance');
    expect(r.alerts.some((a) => a.severity === 'critical')).toBe(true);
    expect(server.orders()).toHaveLength(0);
  });

  test('a bad signature (50113) is an authentication failure that halts', async () => {
    const b = broker({ secret: 'not-the-secret' });
    const r = await b.submit(request());
    expect(server.requests.some((q) => q.status === 401 && q.code === '50113')).toBe(true);
    expect(r.outcome === 'rejected' && r.reason).toBe('authentication');
    expect(r.halt?.reason).toBe('authentication');
    expect(server.orders()).toHaveLength(0);
    const rec = await b.reconcile([], []);
    expect(rec.verdict).toBe('halt');
    expect(rec.balances).toBeUndefined();
  });

  test('sandbox mode sends x-simulated-trading, which demo keys need', async () => {
    await server.stop();
    server = await OkxTradeServer.start({
      credentials: CREDS,
      clock,
      environment: 'demo',
      balances: { USDT: '1000' },
    });
    server.setMarketPrice('BTC-USDT', '30000');
    const live = await broker().submit(request());
    expect(live.halt?.reason).toBe('authentication'); // 50101: key does not match the environment
    const demo = await broker({ sandbox: true }).submit(request());
    expect(demo.outcome).toBe('placed');
  });
});

describe('idempotent submission', () => {
  test('timeout, and the order DID land: found by client id, never sent twice', async () => {
    const b = broker({ timeoutMs: 750 });
    server.inject({ kind: 'hang', path: BATCH, apply: true });
    const req = request();
    const r = await b.submit(req);
    expect(r.outcome).toBe('placed');
    expect(r.status).toBe('filled');
    expect(moves(r.events)).toEqual(['1:PENDING_SUBMIT>UNKNOWN', '2:UNKNOWN>FILLED']);
    expect(r.fills).toHaveLength(1);
    expect(placements()).toHaveLength(1);
    expect(server.orders()).toHaveLength(1);
    // The lookup by clOrdId came after the placement that hung.
    const trail = server.requests.map((q) => `${q.method} ${q.path} ${q.code || q.fault}`);
    expect(trail).toEqual([
      'GET /api/v5/public/instruments 0',
      `GET ${ORDER} 51603`, // preflight: not there yet
      `POST ${BATCH} hang`,
      `GET ${ORDER} 0`, // found
      'GET /api/v5/trade/fills 0',
    ]);
    expect(server.requests[3]!.query['clOrdId']).toBe(req.clientOrderId);
  });

  test('timeout, and the order did NOT land: looked up, then resubmitted once', async () => {
    const b = broker({ timeoutMs: 750 });
    server.inject({ kind: 'hang', path: BATCH, apply: false });
    const r = await b.submit(request());
    expect(r.outcome).toBe('placed');
    expect(moves(r.events)).toEqual([
      '1:PENDING_SUBMIT>UNKNOWN',
      '2:UNKNOWN>SUBMITTED',
      '3:SUBMITTED>FILLED',
    ]);
    const trail = server.requests.map((q) => `${q.method} ${q.path} ${q.code || q.fault}`);
    expect(trail.slice(1, 5)).toEqual([
      `GET ${ORDER} 51603`,
      `POST ${BATCH} hang`,
      `GET ${ORDER} 51603`, // the lookup BEFORE the retry
      `POST ${BATCH} 0`,
    ]);
    expect(placements()).toHaveLength(2);
    expect(server.orders()).toHaveLength(1);
  });

  test('lookups that keep failing leave the outcome unknown: nothing is sent again', async () => {
    const b = broker({ timeoutMs: 750 });
    server.inject({ kind: 'hang', path: BATCH, apply: true });
    // From the placement on, every lookup meets a 502.
    server.beforeNext(BATCH, () =>
      server.inject({ kind: 'http5xx', path: ORDER, method: 'GET', times: 100 }),
    );
    const r = await b.submit(request());
    expect(r.outcome).toBe('unknown');
    expect(r.status).toBe('unknown');
    expect(r.alerts.map((a) => a.code)).toContain('okx_order_outcome_unknown');
    expect(placements()).toHaveLength(1);

    // Once OKX answers again, a refresh settles it.
    server.clearFaults();
    const later = await b.refresh(r.clientOrderId);
    expect(later.status).toBe('filled');
    expect(moves(later.events)).toEqual(['2:UNKNOWN>FILLED']);
    expect(later.fills).toHaveLength(1);
  });

  test('a duplicate client id (51016) means the order exists: it is fetched, not duplicated', async () => {
    const req = limit('0.02', '29000');
    const first = await broker().submit(req);
    expect(first.status).toBe('accepted');

    // A second process without the first one's memory, sending straight away.
    const other = broker({ preflightLookup: false });
    const r = await other.submit(req);
    expect(server.requests.filter((q) => q.path === BATCH).map((q) => q.code)).toEqual(['0', '51016']);
    expect(r.outcome).toBe('placed');
    expect(r.status).toBe('accepted');
    expect(r.exchangeOrderId).toBe(first.exchangeOrderId);
    expect(server.orders()).toHaveLength(1);
  });

  test('a filled order whose id OKX would accept again is found before placing', async () => {
    const req = request();
    await broker().submit(req); // filled: OKX only refuses ids of LIVE orders
    const r = await broker().submit(req);
    expect(r.outcome).toBe('placed');
    expect(r.status).toBe('filled');
    expect(placements()).toHaveLength(1);
    expect(server.orders()).toHaveLength(1);
  });
});

describe('reconciliation', () => {
  test('restart with an order open on OKX: it is found, caught up and tracked again', async () => {
    const before = broker();
    const req = limit('0.02', '29000');
    const placed = await before.submit(req);
    const local = localFrom(placed.events);
    expect(local).toMatchObject({ status: 'accepted', seq: 2, filledQuantity: '0' });

    // Down for a while; the order partly fills meanwhile.
    clock.advance(600_000);
    server.fillOrder(req.clientOrderId!, '0.005');

    const after = broker();
    const rec = await after.reconcile([local], [{ symbol: 'BTC/USDT', quantity: '1' }]);
    expect(rec.failures).toEqual([]);
    expect(rec.verdict).toBe('resolved');
    expect(moves(rec.events)).toEqual(['3:ACCEPTED>PARTIALLY_FILLED']);
    expect(rec.fills.map((f) => [f.qty, f.fee])).toEqual([['0.005', '0.000004']]);
    expect(rec.tracking).toEqual([req.clientOrderId]);
    expect(rec.balances?.['BTC']?.total).toBe('1.004996');
    expect(rec.mismatches.every((m) => m.explained)).toBe(true);
    expect(rec.mismatches.map((m) => m.kind).sort()).toEqual(['missing_fills', 'position']);
    exact(rec);

    clock.advance(60_000);
    server.fillOrder(req.clientOrderId!, '0.015');
    const [u] = await after.refreshOpen();
    expect(moves(u!.events)).toEqual(['4:PARTIALLY_FILLED>FILLED']);
    expect(u!.fills.map((f) => f.qty)).toEqual(['0.015']);

    const again = await after.reconcile(
      [localFrom([...placed.events, ...rec.events, ...u!.events])],
      [{ symbol: 'BTC/USDT', quantity: '1.019984' }],
    );
    expect(again.verdict).toBe('ok');
    expect(again.events).toEqual([]);
    expect(again.fills).toEqual([]);
  });

  test("an order of ours missing from the records is adopted; someone else's order halts", async () => {
    const req = limit('0.01', '29000');
    await broker().submit(req); // placed, then the process died before recording it
    const rec = await broker().reconcile([], [{ symbol: 'BTC/USDT', quantity: '1' }]);
    expect(rec.verdict).toBe('resolved');
    expect(moves(rec.events)).toEqual(['1:PENDING_SUBMIT>ACCEPTED']);
    expect(rec.mismatches).toEqual([expect.objectContaining({ kind: 'orphan_order', explained: true })]);

    server.exchange.place({
      instId: 'BTC-USDT',
      tdMode: 'cash',
      side: 'buy',
      ordType: 'limit',
      sz: '0.01',
      px: '25000',
      clOrdId: 'manual1',
    });
    const halted = await broker().reconcile([localFrom(rec.events)], [{ symbol: 'BTC/USDT', quantity: '1' }]);
    expect(halted.verdict).toBe('halt');
    expect(halted.mismatches).toContainEqual(
      expect.objectContaining({ kind: 'foreign_order', explained: false }),
    );
    expect(halted.alerts.map((a) => a.code)).toEqual(['okx_reconcile_mismatch']);
  });

  test('a failed balance query is reported as a failure, never as a flat account', async () => {
    const b = broker();
    // A 200 whose body is cut off: ccxt hands back the text, and its fetchBalance would read "no coins".
    server.inject({ kind: 'malformed', path: BALANCE, times: 100 });
    const rec = await b.reconcile([], [{ symbol: 'BTC/USDT', quantity: '1' }]);
    expect(rec.verdict).toBe('failed');
    expect(rec.halt).toBe(false);
    expect(rec.failures).toEqual([expect.objectContaining({ query: 'balance' })]);
    expect(rec.balances).toBeUndefined();
    expect(rec.mismatches).toEqual([]);
    expect(rec.alerts.map((a) => a.code)).toEqual(['okx_reconcile_failed']);

    // With the query working, the same records against a different holding are a halt.
    server.clearFaults();
    const real = await b.reconcile([], [{ symbol: 'BTC/USDT', quantity: '0' }]);
    expect(real.verdict).toBe('halt');
    expect(real.mismatches).toEqual([
      expect.objectContaining({ kind: 'position', currency: 'BTC', exchange: '1', explained: false }),
    ]);
  });

  test('a failed open-orders query is a failure too, and a 5xx on fills as well', async () => {
    const b = broker();
    server.inject({ kind: 'http5xx', path: '/api/v5/trade/orders-pending', times: 100 });
    server.inject({ kind: 'busy', path: '/api/v5/trade/fills-history', times: 100 });
    const rec = await b.reconcile([], [{ symbol: 'BTC/USDT', quantity: '1' }]);
    expect(rec.verdict).toBe('failed');
    expect(rec.failures.map((f) => f.query).sort()).toEqual(['fills', 'open_orders']);
  });
});

describe('secrets', () => {
  test('the key, secret and passphrase never appear in logs, results or the broker itself', async () => {
    const lines: string[] = [];
    const logger = {
      info: (o: object, m: string) => lines.push(JSON.stringify(o) + m),
      warn: (o: object, m: string) => lines.push(JSON.stringify(o) + m),
      error: (o: object, m: string) => lines.push(JSON.stringify(o) + m),
    };
    const b = broker({ logger, timeoutMs: 750 });
    server.inject({ kind: 'hang', path: BATCH, apply: true });
    const results: unknown[] = [await b.submit(request())];
    server.inject({ kind: 'rateLimit', path: BATCH });
    results.push(await b.submit(limit('10', '30000')));
    results.push(await broker({ logger, secret: 'wrong' }).submit(request()));
    results.push(await b.reconcile([], []));
    const text = [...lines, JSON.stringify(results), JSON.stringify(b), inspect(b, { depth: 10 })].join('\n');
    expect(lines.length).toBeGreaterThan(0);
    for (const secret of [CREDS.apiKey, CREDS.secret, CREDS.passphrase]) expect(text).not.toContain(secret);
  });
});
