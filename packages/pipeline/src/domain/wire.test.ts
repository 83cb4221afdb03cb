import { clientOrderId, parseInstrument } from '@algotrader/core';
import { type PlannedOrder, planOrders } from '@algotrader/portfolio';
import { codecs, type OrderRequestMsg } from '@algotrader/proto';
import { type Side, targetFraction, targetUnits, withExits } from '@algotrader/strategy';
import { describe, expect, test } from 'vitest';
import { exitsIn, exitsOut, type ProtectiveExitsMsg } from './exits-wire';
import { decisionOf, keyOf, orderRequestIn, orderRequestOut, parseKey, refOf, signalOf } from './wire';

const btc = parseInstrument('OKX:BTC/USDT');
const decisionTime = 1_700_003_600_000;
const order: PlannedOrder = {
  clientOrderId: clientOrderId({
    account: 'main',
    strategy: 'sma_cross',
    instrument: btc,
    decisionCloseMs: decisionTime,
  }),
  account: 'main',
  strategy: 'sma_cross',
  instrument: btc,
  side: 'buy',
  qty: 0.00123457,
  type: 'limit',
  limitPrice: 27_123.1,
  decisionTime,
};
const wire = (m: OrderRequestMsg): OrderRequestMsg =>
  codecs.OrderRequest.decode(codecs.OrderRequest.encode(m));

describe('order request codec', () => {
  test('a planned order survives encode → bytes → decode bit for bit', () => {
    expect(orderRequestIn(wire(orderRequestOut(order)))).toEqual(order);
    const { limitPrice: _, ...market } = order;
    expect(orderRequestIn(wire(orderRequestOut({ ...market, type: 'market', side: 'sell' })))).toEqual({
      ...market,
      type: 'market',
      side: 'sell',
    });
  });

  test('a spot sell is marked reduce-only, a buy is not', () => {
    expect(orderRequestOut(order).reduceOnly).toBe(false);
    expect(orderRequestOut({ ...order, side: 'sell' }).reduceOnly).toBe(true);
  });

  describe('swap reduce-only (issue 15): the planned order says, the wire carries it both ways', () => {
    const swap = parseInstrument('OKX:BTC/USDT:USDT');
    const plan = (held: number, target: number): PlannedOrder => {
      const p = planOrders({
        account: 'perp1',
        strategy: 'sma_long_short',
        time: decisionTime,
        decisions: [targetUnits(swap, target)],
        portfolio: { cash: 100_000, equity: 100_000, position: () => held, averagePrice: () => 60_000 },
        price: () => 60_000,
        spec: () => ({ instrument: swap, lotSize: 0.0001, minQty: 0.0001, minNotional: 0, tickSize: 0.1 }),
      });
      expect(p.rejections).toEqual([]);
      return p.orders[0]!;
    };
    const cases: [string, number, number, Side, boolean][] = [
      ['long 1 → 0.4: a sell that shrinks', 1, 0.4, 'sell', true],
      ['long 1 → 0: a sell that closes', 1, 0, 'sell', true],
      ['short 1 → −0.25: a buy that shrinks', -1, -0.25, 'buy', true],
      ['flat → −0.5: a sell that opens a short', 0, -0.5, 'sell', false],
      ['short 1 → −2: a sell that extends the short', -1, -2, 'sell', false],
      ['long 1 → −1: a sell that flips', 1, -1, 'sell', false],
      ['short 1 → +0.5: a buy that flips', -1, 0.5, 'buy', false],
      ['flat → 0.5: a buy that opens', 0, 0.5, 'buy', false],
    ];
    test.each(cases)('%s', (_, held, target, side, reduceOnly) => {
      const o = plan(held, target);
      expect(o.side).toBe(side);
      expect(o.reduceOnly === true).toBe(reduceOnly);
      const m = wire(orderRequestOut(o));
      expect(m.reduceOnly).toBe(reduceOnly);
      const back = orderRequestIn(m);
      expect(back.reduceOnly === true).toBe(reduceOnly);
      expect(back).toEqual({ ...o });
    });

    test('spot keeps its meaning: every sell is reduce-only on the wire, and no flag comes back', () => {
      const sell = { ...order, side: 'sell' as const };
      const m = wire(orderRequestOut(sell));
      expect(m.reduceOnly).toBe(true);
      expect(orderRequestIn(m)).toEqual(sell);
      expect(orderRequestIn(m).reduceOnly).toBeUndefined();
      expect(wire(orderRequestOut(order)).reduceOnly).toBe(false);
    });
  });

  const bad: [string, Partial<OrderRequestMsg>, RegExp][] = [
    ['an invalid client order id', { clientOrderId: 'no-dashes' }, /client order id "no-dashes"/],
    ['a cancel request', { cancel: true }, /cancel request/],
    ['a quote amount', { quoteAmount: '100' }, /quote amount/],
    ['a zero quantity', { quantity: '0' }, /not positive/],
    ['a malformed quantity', { quantity: '1,5' }, /not a decimal/],
    ['a limit order without a price', { limitPrice: '' }, /limit_price/],
    ['no decision time', { decisionTimeMs: 0 }, /no decision time/],
    ['no side', { side: 0 }, /neither buy nor sell/],
    ['no instrument', { instrument: null }, /no instrument/],
  ];
  test.each(bad)('refuses %s', (_, patch, message) => {
    expect(() => orderRequestIn(wire({ ...orderRequestOut(order), ...patch }))).toThrow(message);
  });
});

describe('protective exits on the wire', () => {
  const exits = { stopLoss: { fraction: 0.1 + 0.2 }, takeProfit: { price: 31_000.5 }, trailingStop: 0.05 };

  test('an order request carries them bit for bit; an order without exits sends none', () => {
    expect(orderRequestIn(wire(orderRequestOut({ ...order, exits })))).toEqual({ ...order, exits });
    expect(orderRequestOut(order).exits).toBeUndefined();
    expect(wire(orderRequestOut(order)).exits).toBeNull();
  });

  test('a signal carries them with its decision', () => {
    const d = withExits(targetFraction(btc, 0.5), { stopLoss: { price: 25_000 }, trailingStop: 0.1 });
    const s = codecs.Signal.decode(codecs.Signal.encode(signalOf('main', 'sma_cross', decisionTime, d)));
    expect(decisionOf(s)).toEqual(d);
    expect(exitsOut({ stopLoss: { price: 25_000 } })).toEqual({ stopLossPrice: '25000' });
  });

  const badExits: [string, ProtectiveExitsMsg, RegExp][] = [
    ['a price and a fraction for one level', { stopLossPrice: '1', stopLossFraction: '0.1' }, /not both/],
    ['a fraction outside (0, 1)', { takeProfitFraction: '1.5' }, /takeProfit fraction/],
    ['a malformed level', { trailingStopFraction: 'x' }, /trailing_stop_fraction: "x" is not a decimal/],
  ];
  test.each(badExits)('refuses %s', (_, exits, message) => {
    expect(() => orderRequestIn(wire({ ...orderRequestOut(order), exits }))).toThrow(message);
  });

  test('no level set is no exits', () => {
    expect(exitsIn({})).toBeUndefined();
    expect(exitsIn(null)).toBeUndefined();
  });
});

describe('instrument references', () => {
  test('a swap keeps its settlement currency across the wire: its key never collides with spot', () => {
    const swap = parseInstrument('OKX:BTC/USDT:USDT');
    const spot = parseInstrument('OKX:BTC/USDT');
    expect(refOf(swap)).toEqual({ venue: 'OKX', symbol: 'BTC/USDT:USDT' });
    expect(keyOf(refOf(swap))).toBe('OKX:BTC/USDT:USDT');
    expect(keyOf(refOf(spot))).toBe('OKX:BTC/USDT');
    expect(keyOf(parseKey('OKX:BTC/USDT:USDT'))).toBe('OKX:BTC/USDT:USDT');
  });
});
