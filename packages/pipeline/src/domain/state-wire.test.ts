import { parseInstrument } from '@algotrader/core';
import { instrumentSpec } from '@algotrader/portfolio';
import { pb } from '@algotrader/proto';
import { Packr } from 'msgpackr';
import { describe, expect, it } from 'vitest';
import { decodeProgress, encodeProgress } from '../kv';
import {
  type AccountState,
  accountOf,
  decodeAccount,
  decodeOrder,
  encodeAccount,
  encodeOrder,
  newAccount,
  type OrderState,
} from './account';
import { isLegacyMsgpack } from './state-wire';

const specs = ['OKX:BTC/USDT', 'OKX:ETH/USDT'].map((s) =>
  instrumentSpec(parseInstrument(s), { lotSize: 1e-6 }),
);
const packr = new Packr({ useRecords: false, moreTypes: true });

function sample(): AccountState {
  const s = newAccount('paper', 10_000, 'USDT');
  const a = accountOf(s, specs);
  a.applyFill(0, 'buy', 0.123457, 40_000.1, 4.93827);
  a.applyFill(1, 'buy', 1, 2_000, 2);
  a.applyFill(1, 'sell', 1, 2_100.3, 2.1);
  a.setMark(0, 41_000.000000001);
  a.revalue(Date.UTC(2026, 0, 1));
  s.book = a.snapshot();
  const filled: OrderState = {
    id: 'a1b2c3',
    strategy: 'sma',
    instrument: 'OKX:BTC/USDT',
    side: 'buy',
    type: 'market',
    qty: 0.123457,
    decisionTime: 1_767_225_600_000,
    eligibleOpen: 1_767_225_600_000,
    status: 'filled',
    events: 2,
    filledQty: 0.123457,
    avgFillPrice: 40_000.1,
    trades: ['paper:a1b2c3:1'],
  };
  const open: OrderState = {
    id: 'd4e5f6',
    strategy: 'sma',
    instrument: 'OKX:ETH/USDT',
    side: 'sell',
    type: 'limit',
    qty: 2,
    limitPrice: 2_222.5,
    decisionTime: 1_767_229_200_000,
    eligibleOpen: 1_767_229_200_000,
    status: 'accepted',
    events: 1,
    filledQty: 0,
    avgFillPrice: Number.NaN,
    reason: '',
    exchangeId: 'X9',
  };
  s.orders = { [filled.id]: filled, [open.id]: open };
  s.pending = [open.id];
  s.done = [filled.id];
  Object.assign(s, {
    mdSeq: 8_777,
    orderSeq: 2 ** 40,
    steppedThrough: 1_767_229_200_000,
    visibleThrough: 1_767_229_200_000,
    lastBarSet: 1_767_232_800_000,
    fills: 1,
    updatedMs: 1_767_232_801_234,
  });
  return s;
}

describe('shared KV state as protobuf', () => {
  it('round-trips an account state bit for bit (NaN, empty reason, limit price, trades, 2^40 seqs)', () => {
    const s = sample();
    const bytes = encodeAccount(s);
    expect(isLegacyMsgpack(bytes)).toBe(false);
    const back = decodeAccount(bytes);
    expect(back).toEqual(s);
    expect(back.orders.d4e5f6!.reason).toBe('');
    expect(back.orders.d4e5f6!.avgFillPrice).toBeNaN();
    expect(back.book.positions['OKX:ETH/USDT']!.avg).toBeNaN();
    expect(Object.keys(back.orders.a1b2c3!)).not.toContain('limitPrice');
    expect(accountOf(back, specs).snapshot()).toEqual(accountOf(s, specs).snapshot());
  });

  it("keeps an entry's protective exits and an exit order's reason (a restart must not disarm a stop)", () => {
    const s = sample();
    const entry: OrderState = {
      ...s.orders.a1b2c3!,
      id: 'e1',
      exits: { stopLoss: { fraction: 0.03 }, takeProfit: { price: 45_000.5 }, trailingStop: 0.05 },
    };
    const exit: OrderState = { ...s.orders.a1b2c3!, id: 'x1', side: 'sell', exitReason: 'stop_loss' };
    s.orders = { ...s.orders, e1: entry, x1: exit };
    const back = decodeAccount(encodeAccount(s));
    expect(back.orders.e1!.exits).toEqual(entry.exits);
    expect(back.orders.x1!.exitReason).toBe('stop_loss');
    expect(back.orders.a1b2c3!).not.toHaveProperty('exitReason');
    expect(back.orders.a1b2c3!).not.toHaveProperty('exits');
  });

  it('keeps perpetual-swap positions (signed qty, NaN entry when flat, margin mode), T+1 locked units, and refuses an unknown mode', () => {
    const s = sample();
    s.book.swaps = {
      'OKX:BTC/USDT:USDT': {
        qty: -0.25,
        avg: 41_234.5,
        margin: 1_030.8625,
        mode: 'isolated',
        leverage: 10,
        realized: -12.5,
        fees: 3.1,
        funding: 0.4,
        liquidationLoss: 0,
        liquidationFees: 0,
        liquidations: 0,
      },
      'OKX:ETH/USDT:USDT': {
        qty: 0,
        avg: Number.NaN,
        margin: 0,
        mode: 'cross',
        leverage: 3,
        realized: 7,
        fees: 1,
        funding: -0.2,
        liquidationLoss: 55.5,
        liquidationFees: 2.5,
        liquidations: 1,
      },
    };
    s.book.positions['OKX:BTC/USDT']!.locked = { qty: 0.1, day: 20_454 };
    const back = decodeAccount(encodeAccount(s));
    expect(back).toEqual(s);
    expect(back.book.positions['OKX:BTC/USDT']!.locked).toEqual({ qty: 0.1, day: 20_454 });
    expect(Object.keys(back.book.positions['OKX:ETH/USDT']!)).not.toContain('locked');
    expect(back.book.swaps!['OKX:ETH/USDT:USDT']!.avg).toBeNaN();
    const m = pb.AccountState.decode(encodeAccount(s));
    const w = m.book?.swaps?.['OKX:BTC/USDT:USDT'];
    if (!w) throw new Error('the swap position is missing from the encoded state');
    w.mode = 'portfolio';
    expect(() => decodeAccount(pb.AccountState.encode(m).finish())).toThrow(/margin mode "portfolio"/);
  });

  it('is a plain algotrader.v1.AccountState any protobuf library reads (version 3, 64-bit ints as numbers)', () => {
    const m = pb.AccountState.decode(encodeAccount(sample()));
    expect(m.version).toBe(3);
    expect(Number(m.orderSeq)).toBe(2 ** 40);
    expect(m.book!.cash).toBe(sample().book.cash);
    expect(m.orders.map((o) => o.id)).toEqual(['a1b2c3', 'd4e5f6']);
  });

  it('migrates a msgpack state of layout 2 once: read as it was, written back as protobuf', () => {
    const s = sample();
    const old = packr.pack(s);
    expect(isLegacyMsgpack(old)).toBe(true);
    const migrated = decodeAccount(old);
    expect(migrated).toEqual(s);
    const rewritten = encodeAccount(migrated);
    expect(isLegacyMsgpack(rewritten)).toBe(false);
    expect(decodeAccount(rewritten)).toEqual(s);
  });

  it('refuses a protobuf value of another version and bytes that are neither encoding, saying what it is', () => {
    const wrong = pb.AccountState.encode({ version: 4, account: 'paper' }).finish();
    expect(() => decodeAccount(wrong)).toThrow(/encoding version 4 is not 3/);
    expect(() => decodeAccount(new Uint8Array([0x0a, 0xff, 0xff]))).toThrow(/not a protobuf AccountState/);
    expect(() => decodeAccount(packr.pack({ v: 7 }))).toThrow(/version 7/);
  });

  it('keeps the orders index and the decision progress as protobuf, reading the msgpack ones written before', () => {
    const o = sample().orders.d4e5f6!;
    expect(decodeOrder(encodeOrder(o))).toEqual(o);
    expect(decodeOrder(packr.pack(o))).toEqual(o);
    const p = { decidedThrough: 1_767_232_800_000, approvedSeq: 42 };
    const bytes = encodeProgress(p);
    expect(pb.DecisionProgress.decode(bytes).approvedSeq).toBe(42);
    expect(decodeProgress(bytes)).toEqual(p);
    expect(decodeProgress(packr.pack(p))).toEqual(p);
  });
});
