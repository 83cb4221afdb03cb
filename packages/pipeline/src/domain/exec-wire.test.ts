import { parseInstrument } from '@algotrader/core';
import { codecs, type FillMsg, type OrderEvent, type PositionSnapshot, pb } from '@algotrader/proto';
import { EXIT_REASONS } from '@algotrader/strategy';
import { describe, expect, test } from 'vitest';
import {
  type AccountFill,
  fillIn,
  fillOut,
  type HoldingsSnapshot,
  type OrderChange,
  orderEventIn,
  orderEventOut,
  positionSnapshotIn,
  positionSnapshotOut,
} from './exec-wire';

const btc = parseInstrument('OKX:BTC/USDT');
const eth = parseInstrument('OKX:ETH/USDT');
const t = 1_700_003_600_000;

const fill: AccountFill = {
  tradeId: 'BTC-USDT:42',
  clientOrderId: 'a1b2c3-main-sma-1',
  account: 'main',
  instrument: btc,
  side: 'sell',
  qty: 0.00123457,
  price: 27_123.1,
  fee: 0.1 + 0.2, // a double with no short decimal: must still come back bit for bit
  feeCurrency: 'USDT',
  timeMs: t,
  maker: true,
};
const fillWire = (m: FillMsg): FillMsg => codecs.Fill.decode(codecs.Fill.encode(m));

describe('fill codec', () => {
  test('a fill survives encode → bytes → decode bit for bit', () => {
    // A fill sent without a reason (UNSPECIFIED) reads as a strategy signal.
    expect(fillIn(fillWire(fillOut(fill)))).toEqual({ ...fill, reason: 'signal' });
    expect(fillIn(fillWire(fillOut({ ...fill, side: 'buy', maker: false, fee: 0 })))).toEqual({
      ...fill,
      side: 'buy',
      maker: false,
      fee: 0,
      reason: 'signal',
    });
  });

  test('carries the exit reason (every reason round-trips; an unknown number is refused)', () => {
    for (const reason of EXIT_REASONS) {
      expect(fillIn(fillWire(fillOut({ ...fill, reason }))).reason).toBe(reason);
    }
    expect(fillOut({ ...fill, reason: 'stop_loss' }).exitReason).toBe(pb.ExitReason.EXIT_REASON_STOP_LOSS);
    expect(() =>
      fillIn(fillWire({ ...fillOut(fill), exitReason: 99 as unknown as NonNullable<FillMsg['exitReason']> })),
    ).toThrow(/exit reason 99 is unknown/);
  });

  test('writes the fields the order-router always wrote, as shortest decimals', () => {
    expect(fillOut(fill)).toEqual({
      tradeId: 'BTC-USDT:42',
      clientOrderId: 'a1b2c3-main-sma-1',
      account: 'main',
      instrument: { venue: 'OKX', symbol: 'BTC/USDT' },
      side: pb.Side.SIDE_SELL,
      quantity: '0.00123457',
      price: '27123.1',
      fee: '0.30000000000000004',
      feeCurrency: 'USDT',
      timeMs: t,
      maker: true,
    });
  });

  const bad: [string, Partial<FillMsg>, RegExp][] = [
    ['no trade id', { tradeId: '' }, /trade id is missing/],
    ['no client order id', { clientOrderId: '' }, /client order id is missing/],
    ['no account', { account: '' }, /account is missing/],
    ['no instrument', { instrument: null }, /no instrument/],
    ['no side', { side: 0 }, /neither buy nor sell/],
    ['a zero quantity', { quantity: '0' }, /quantity 0 is not positive/],
    ['a malformed price', { price: '1,5' }, /price: "1,5" is not a decimal/],
    ['a negative price', { price: '-3' }, /price -3 is not positive/],
    ['a malformed fee', { fee: 'abc' }, /fee: "abc" is not a decimal/],
    ['no time', { timeMs: 0 }, /no time/],
  ];
  test.each(bad)('refuses %s', (_, patch, message) => {
    expect(() => fillIn(fillWire({ ...fillOut(fill), ...patch }))).toThrow(message);
  });
});

const change: OrderChange = {
  clientOrderId: 'a1b2c3-main-sma-1',
  exchangeOrderId: 'paper-a1b2c3-main-sma-1',
  account: 'main',
  instrument: btc,
  status: 'partially_filled',
  previous: 'accepted',
  filledQty: 0.5,
  avgPrice: 27_000.25,
  reason: '',
  timeMs: t,
  seq: 3,
};
const eventWire = (m: OrderEvent): OrderEvent => codecs.OrderEvent.decode(codecs.OrderEvent.encode(m));

describe('order event codec', () => {
  test('an order change survives encode → bytes → decode, with and without a fill', () => {
    expect(orderEventIn(eventWire(orderEventOut(change)))).toEqual(change);
    const unfilled: OrderChange = {
      ...change,
      status: 'rejected',
      filledQty: 0,
      avgPrice: undefined,
      reason: 'x',
    };
    expect(orderEventIn(eventWire(orderEventOut(unfilled)))).toEqual(unfilled);
    expect(orderEventOut(unfilled).averagePrice).toBe('');
  });

  test('every order status maps to its own proto state and back', () => {
    const all = [
      'pending_submit',
      'submitted',
      'accepted',
      'partially_filled',
      'filled',
      'pending_cancel',
      'canceled',
      'rejected',
      'expired',
      'unknown',
    ] as const;
    const states = all.map((status) => orderEventOut({ ...change, status }).state);
    expect(new Set(states).size).toBe(all.length);
    expect(all.map((status) => orderEventIn(eventWire(orderEventOut({ ...change, status }))).status)).toEqual(
      all,
    );
  });

  const bad: [string, Partial<OrderEvent>, RegExp][] = [
    ['no client order id', { clientOrderId: '' }, /client order id is missing/],
    ['no account', { account: '' }, /account is missing/],
    ['no instrument', { instrument: null }, /no instrument/],
    ['an unspecified state', { state: 0 }, /state 0 is unknown/],
    ['an unknown state', { state: 99 as NonNullable<OrderEvent['state']> }, /state 99 is unknown/],
    ['a negative filled quantity', { filledQuantity: '-1' }, /filled quantity -1 < 0/],
    ['a malformed average price', { averagePrice: 'n/a' }, /average_price: "n\/a"/],
    ['no sequence', { seq: 0 }, /no sequence/],
    ['no time', { timeMs: 0 }, /no time/],
  ];
  test.each(bad)('refuses %s', (_, patch, message) => {
    expect(() => orderEventIn(eventWire({ ...orderEventOut(change), ...patch }))).toThrow(message);
  });
});

const snap: HoldingsSnapshot = {
  account: 'main',
  timeMs: t,
  holdings: [
    {
      instrument: btc,
      qty: 0.5,
      avgPrice: 27_000.25,
      realizedPnl: 1.5,
      unrealizedPnl: -3.25,
      mark: 26_993.75,
    },
    // Sold out: no average price; never marked: no mark, an unrealized P&L of 0.
    { instrument: eth, qty: 0, avgPrice: undefined, realizedPnl: -2, unrealizedPnl: 0, mark: undefined },
  ],
  cash: 9_000.1,
  equity: 22_496.975,
  quote: 'USDT',
  peakEquity: 23_000,
  dayStartEquity: 22_500,
  drawdown: 22_496.975 / 23_000 - 1,
  dailyPnl: 22_496.975 - 22_500,
};
const snapWire = (m: PositionSnapshot): PositionSnapshot =>
  codecs.PositionSnapshot.decode(codecs.PositionSnapshot.encode(m));

describe('position snapshot codec', () => {
  test('a snapshot survives encode → bytes → decode bit for bit', () => {
    expect(positionSnapshotIn(snapWire(positionSnapshotOut(snap)))).toEqual(snap);
    expect(positionSnapshotOut(snap).positions?.[1]).toEqual({
      instrument: { venue: 'OKX', symbol: 'ETH/USDT' },
      quantity: '0',
      averagePrice: '',
      realizedPnl: '-2',
      unrealizedPnl: '0',
      markPrice: '',
    });
  });

  test("a snapshot without the account's figures reads as one without them (readers decide)", () => {
    const {
      peakEquity: _p,
      dayStartEquity: _d,
      drawdown: _w,
      dailyPnl: _l,
      ...bare
    } = positionSnapshotOut(snap);
    const back = positionSnapshotIn(snapWire(bare));
    expect([back.peakEquity, back.dayStartEquity, back.drawdown, back.dailyPnl]).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    expect(back.equity).toBe(snap.equity);
  });

  const bad: [string, Partial<PositionSnapshot>, RegExp][] = [
    ['no account', { account: '' }, /account is missing/],
    ['no time', { timeMs: 0 }, /no time/],
    ['no equity', { equity: '' }, /equity: "" is not a decimal/],
    ['malformed cash', { cash: '1e' }, /cash: "1e" is not finite/],
    ['a malformed peak', { peakEquity: 'x' }, /peak_equity: "x"/],
    ['a position without an instrument', { positions: [{ quantity: '1' }] }, /no instrument/],
    [
      'a position without a quantity',
      { positions: [{ instrument: { venue: 'OKX', symbol: 'BTC/USDT' } }] },
      /position 0 quantity/,
    ],
  ];
  test.each(bad)('refuses %s', (_, patch, message) => {
    expect(() => positionSnapshotIn(snapWire({ ...positionSnapshotOut(snap), ...patch }))).toThrow(message);
  });
});
