import { NYSE, parseIbkrInstrument, SimulatedClock } from '@algotrader/core';
import { scaled, TwsServer, waitFor } from '@algotrader/testkit';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import {
  classifyTwsCode,
  IbkrVenue,
  type IbkrVenueOptions,
  parseTwsTime,
} from '../apps/order-router/src/ibkr/index';
import type { OrderRecord, VenueOrder } from '../apps/order-router/src/venue';

const AAPL = parseIbkrInstrument('IBKR:AAPL');
/** Monday 2024-07-01 11:00 New York (EDT): the NYSE is open. */
const IN_SESSION = Date.UTC(2024, 6, 1, 15);
/** Thursday 2024-07-04: Independence Day. */
const HOLIDAY = Date.UTC(2024, 6, 4, 15);

let server: TwsServer;
const venues: IbkrVenue[] = [];

beforeEach(async () => {
  server = new TwsServer();
  await server.start();
});
afterEach(async () => {
  for (const v of venues.splice(0)) await v.close();
  await server.stop();
});

function venue(over: Partial<IbkrVenueOptions> = {}): IbkrVenue {
  const v = new IbkrVenue({
    host: '127.0.0.1',
    port: server.port,
    clientId: 7,
    contracts: [{ instrument: AAPL, primaryExchange: 'NASDAQ' }],
    calendar: NYSE,
    clock: new SimulatedClock(IN_SESSION),
    timeoutMs: scaled(3_000),
    reconnectMs: 50,
    ...over,
  });
  venues.push(v);
  return v;
}

function order(id: string, over: Partial<VenueOrder> = {}): VenueOrder {
  return {
    clientOrderId: id,
    instrument: AAPL,
    side: 'buy',
    type: 'limit',
    qty: 10,
    limitPrice: 190.5,
    strategy: 'sma_cross',
    decisionTime: IN_SESSION,
    ...over,
  };
}

function record(o: VenueOrder, over: Partial<OrderRecord> = {}): OrderRecord {
  return { ...o, status: 'accepted', filledQty: 0, avgFillPrice: 0, events: 1, ...over };
}

const placed = () => server.received.filter((m) => m.id === 3);

describe('IbkrVenue through @stoqey/ib against the local TWS server', () => {
  test('a limit buy goes out as SMART/NASDAQ STK with orderRef = client order id; partial then full fill, each execution once', async () => {
    const v = venue();
    await v.start();
    const r = await v.place(order('at1abc'));
    expect(r.reports[0]).toMatchObject({ clientOrderId: 'at1abc', status: 'accepted', filledQty: 0 });
    const sent = placed()[0]!.fields;
    // PLACE_ORDER fields: symbol 4, secType 5, exchange 10, primaryExch 11, currency 12, action 17,
    // quantity 18, type 19, limit 20, tif 22, orderRef 27, outsideRth 34.
    expect([sent[4], sent[5], sent[10], sent[11], sent[12], sent[17], sent[18], sent[19], sent[20]]).toEqual([
      'AAPL',
      'STK',
      'SMART',
      'NASDAQ',
      'USD',
      'BUY',
      '10',
      'LMT',
      '190.5',
    ]);
    expect([sent[22], sent[27], sent[34]]).toEqual(['DAY', 'at1abc', '0']);

    const id = Number(r.reports[0]!.exchangeOrderId);
    server.inject({ kind: 'duplicate_next_execution' });
    server.fill(id, 4, 190.25);
    const rec = record(order('at1abc'), { exchangeOrderId: String(id) });
    let partial = await v.lookup(rec);
    await waitFor(async () => {
      if (partial.reports[0]?.fills.length) return true;
      partial = await v.lookup(rec);
      return partial.reports[0]?.fills.length === 1;
    }, scaled(5_000));
    expect(partial.reports[0]).toMatchObject({ status: 'partially_filled', filledQty: 4, avgPrice: 190.25 });
    expect(partial.reports[0]!.fills).toEqual([
      expect.objectContaining({ qty: 4, price: 190.25, fee: 1, feeCurrency: 'USD' }),
    ]);
    server.fill(id, 6, 190.0);
    let done = await v.lookup(rec);
    await waitFor(async () => {
      if (done.reports[0]?.status === 'filled') return true;
      done = await v.lookup(rec);
      return done.reports[0]?.status === 'filled';
    }, scaled(5_000));
    expect(done.reports[0]).toMatchObject({ status: 'filled', filledQty: 10 });
    expect(done.reports[0]!.avgPrice).toBeCloseTo((4 * 190.25 + 6 * 190) / 10, 9);
    // The duplicated first execution and the replays of every lookup add nothing.
    const again = await v.lookup(rec);
    expect(again.reports[0]!.fills).toEqual([]);
    const snap = await v.snapshot();
    expect(snap.positions['IBKR:AAPL/USD']).toEqual({ qty: 10, price: (4 * 190.25 + 6 * 190) / 10 });
    expect(snap.cash).toBeCloseTo(100_000 - 4 * 190.25 - 6 * 190 - 2, 2);
  });

  test('cancel: a resting order ends canceled; a cancel that loses the race to a fill reports the fill', async () => {
    const v = venue();
    await v.start();
    const a = await v.place(order('at7can'));
    const rec = record(order('at7can'), { exchangeOrderId: a.reports[0]!.exchangeOrderId! });
    const c = await v.cancel(rec);
    expect(c.reports[0]).toMatchObject({ clientOrderId: 'at7can', status: 'canceled', filledQty: 0 });
    expect(server.orderByRef('at7can')!.status).toBe('Cancelled');

    const b = await v.place(order('at7won'));
    const id = Number(b.reports[0]!.exchangeOrderId);
    server.fill(id, 10, 190.2);
    const raced = await v.cancel(record(order('at7won'), { exchangeOrderId: String(id) }));
    // TWS answers 10148 (cannot cancel, state Filled): the order is filled, not canceled.
    expect(raced.reports[0]).toMatchObject({ status: 'filled', filledQty: 10 });
  });

  test('start checks each contract with TWS (conId, tick, listing exchange) and refuses one TWS does not know', async () => {
    const v = venue();
    await v.start();
    expect(v.details.get('IBKR:AAPL/USD')).toEqual({
      conId: 265598,
      minTick: 0.01,
      primaryExchange: 'NASDAQ',
      longName: 'APPLE INC',
    });
    const wrong = venue({ clientId: 9, contracts: [{ instrument: AAPL, primaryExchange: 'NYSE' }] });
    await expect(wrong.start()).rejects.toThrow(
      /TWS has no US stock AAPL on SMART with listing exchange NYSE in USD \(TWS 200: No security definition/,
    );
  });

  test('an order the exchange rejects ends rejected with the TWS reason', async () => {
    const v = venue();
    await v.start();
    server.inject({ kind: 'reject_next_order', reason: 'YOUR ORDER IS NOT ACCEPTED. PRICE TOO FAR' });
    const { limitPrice: _, ...limit } = order('at2rej');
    const r = await v.place({ ...limit, type: 'market' });
    expect(r.reports[0]).toMatchObject({ status: 'rejected', filledQty: 0 });
    expect(r.reports[0]!.reason).toMatch(/^TWS 201: Order rejected - reason:YOUR ORDER IS NOT ACCEPTED/);
    expect(r.halt).toBeUndefined();
  });

  test('session-aware: refused on a holiday without reaching TWS, sent with outsideRth when configured', async () => {
    const closed = venue({ clock: new SimulatedClock(HOLIDAY) });
    await closed.start();
    const r = await closed.place(order('at3hol'));
    expect(r.reports[0]!.status).toBe('rejected');
    expect(r.reports[0]!.reason).toMatch(
      /^market_closed: nyse is closed .* next session opens 2024-07-05T13:30:00.000Z/,
    );
    expect(placed()).toHaveLength(0);
    await closed.close();

    const ext = venue({ clock: new SimulatedClock(HOLIDAY), outsideRth: true, clientId: 8 });
    await ext.start();
    expect((await ext.place(order('at3ext'))).reports[0]!.status).toBe('accepted');
    expect(placed()[0]!.fields[34]).toBe('1');
  });

  test('whole shares only: a fractional or quote-sized order is refused before TWS', async () => {
    const v = venue();
    await v.start();
    expect((await v.place(order('at4frac', { qty: 2.5 }))).reports[0]!.reason).toMatch(/whole shares/);
    expect(
      (await v.place(order('at4q', { qty: 0, quoteAmount: 500, type: 'market' }))).reports[0]!.status,
    ).toBe('rejected');
    expect(placed()).toHaveLength(0);
  });

  test('the connection drops mid-order: the outcome is unknown, then after the reconnect the order is found by orderRef', async () => {
    const v = venue();
    await v.start();
    server.inject({ kind: 'disconnect_on_next_order' });
    const r = await v.place(order('at5drop'));
    expect(r.reports[0]!.status).toBe('unknown');
    expect(r.alerts.map((a) => a.code)).toContain('ibkr_disconnected');
    await waitFor(() => v.connected && v.connects === 2, scaled(5_000), 'reconnect');
    const id = server.orderByRef('at5drop')!.orderId;
    server.fill(id, 10, 190.4);
    const rec = record(order('at5drop'), { status: 'unknown' });
    let found = await v.lookup(rec);
    await waitFor(async () => {
      if (found.reports[0]?.status === 'filled') return true;
      found = await v.lookup(rec);
      return found.reports[0]?.status === 'filled';
    }, scaled(5_000));
    expect(found.reports[0]).toMatchObject({ clientOrderId: 'at5drop', status: 'filled', filledQty: 10 });
    expect(found.reports[0]!.fills).toHaveLength(1);
  });

  test('a restarted router finds its open order by orderRef and books a fill that came while it was away once', async () => {
    const first = venue();
    await first.start();
    const r = await first.place(order('at6open'));
    const id = Number(r.reports[0]!.exchangeOrderId);
    await first.close();
    server.fill(id, 3, 190.1); // while no one is connected

    const second = venue();
    await second.start();
    const rec = record(order('at6open'), { exchangeOrderId: String(id) });
    const res = await second.lookup(rec);
    expect(res.reports[0]).toMatchObject({ status: 'partially_filled', filledQty: 3 });
    expect(res.reports[0]!.fills.map((f) => f.qty)).toEqual([3]);
    // Reconcile: the book (3 shares from that fill, now booked) matches TWS; no halt.
    const booked = record(order('at6open'), { status: 'partially_filled', filledQty: 3 });
    const rc = await second.reconcile({ orders: [booked], positions: { 'IBKR:AAPL/USD': 3 } });
    expect(rc.halt).toBeUndefined();
    expect(rc.cash).toBeCloseTo(100_000 - 3 * 190.1 - 1, 2);
    // A book that disagrees with TWS halts.
    const bad = await second.reconcile({ orders: [booked], positions: { 'IBKR:AAPL/USD': 5 } });
    expect(bad.halt).toMatchObject({ reason: 'reconcile_mismatch' });
    expect(bad.halt!.detail).toMatch(/IBKR:AAPL\/USD: TWS holds 3, the book 5/);
  });

  test('a failed positions query is a failure, never flat', async () => {
    const v = venue();
    await v.start();
    server.inject({ kind: 'fail_next_positions', code: 321, message: 'Error validating request:-positions' });
    await expect(v.snapshot()).rejects.toThrow(/positions query failed: TWS 321/);
    server.inject({ kind: 'fail_next_positions', code: 321, message: 'Error validating request:-positions' });
    const rc = await v.reconcile({ orders: [], positions: { 'IBKR:AAPL/USD': 5 } });
    expect(rc.halt).toBeUndefined();
    expect(rc.cash).toBeUndefined();
    expect(rc.alerts.map((a) => a.code)).toEqual(['ibkr_positions_unavailable']);
  });

  test('a client id already in use is refused with a halt reason, not retried forever', async () => {
    const a = venue();
    await a.start();
    const b = venue();
    await expect(b.start()).rejects.toThrow(/client id already in use/);
  });

  test('error codes and TWS times', () => {
    expect([201, 110, 326, 203, 1100, 504, 100, 2104].map(classifyTwsCode)).toEqual([
      'order_rejected',
      'order_rejected',
      'halt',
      'halt',
      'retry',
      'retry',
      'retry',
      'info',
    ]);
    expect(parseTwsTime('20240701 15:00:01 UTC')).toBe(Date.UTC(2024, 6, 1, 15, 0, 1));
    expect(parseTwsTime('20240701 11:00:01 US/Eastern')).toBeUndefined();
  });
});
