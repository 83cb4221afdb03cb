import { clientOrderId, parseInstrument } from '@algotrader/core';
import type { PlannedOrder } from '@algotrader/portfolio';
import { codecs, type OrderRequestMsg } from '@algotrader/proto';
import { describe, expect, test } from 'vitest';
import { keyOf, orderRequestIn, orderRequestOut, parseKey, refOf } from './wire';

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
