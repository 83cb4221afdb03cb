import { parseInstrument } from '@algotrader/core';
import { armProtection, checkProtection, instrumentSpec } from '@algotrader/portfolio';
import { Packr } from 'msgpackr';
import { describe, expect, it } from 'vitest';
import { accountOf, decodeAccount, encodeAccount, newAccount } from './account';

const specs = ['OKX:BTC/USDT', 'OKX:ETH/USDT'].map((s) =>
  instrumentSpec(parseInstrument(s), { lotSize: 1e-6 }),
);

describe('account state', () => {
  it('keeps armed protective exits through KV encoding (NaN for an unset level, the trailing anchor)', () => {
    const s = newAccount('paper', 1_000, 'USDT');
    const protection = armProtection({ takeProfit: { fraction: 0.1 }, trailingStop: 0.05 }, 100.1);
    checkProtection(protection, { open: 100, high: 104.7, low: 99.9, close: 104, volume: 1 });
    s.protections = { 'OKX:BTC/USDT': { strategy: 'sma_cross', protection } };
    const back = decodeAccount(encodeAccount(s));
    expect(back.protections).toEqual(s.protections);
    expect(Number.isNaN(back.protections?.['OKX:BTC/USDT']?.protection.stop)).toBe(true);
    expect(back.protections?.['OKX:BTC/USDT']?.protection.best).toBe(104.7);
    // A state written before exits existed has none.
    expect(decodeAccount(encodeAccount(newAccount('paper', 1, 'USDT'))).protections).toBeUndefined();
  });

  it('keeps the Account book through KV encoding, every double and NaN exactly', () => {
    const s = newAccount('paper', 10_000, 'USDT');
    const a = accountOf(s, specs);
    a.applyFill(0, 'buy', 0.123457, 40_000.1, 4.93827);
    a.applyFill(1, 'buy', 1, 2_000, 2);
    a.applyFill(1, 'sell', 1, 2_100.3, 2.1);
    a.setMark(0, 41_000);
    a.revalue(Date.UTC(2026, 0, 1));
    s.book = a.snapshot();
    const back = decodeAccount(encodeAccount(s));
    expect(back).toEqual(s);
    expect(back.book.positions['OKX:ETH/USDT']!.avg).toBeNaN();
    const again = accountOf(back, specs);
    expect(again.equity).toBe(a.equity);
    expect(again.peakEquity).toBe(a.peakEquity);
    expect(again.snapshot()).toEqual(a.snapshot());
  });

  it('overlays newer marks for instruments the account trades, and only those', () => {
    const s = newAccount('paper', 1_000, 'USDT');
    const a = accountOf(s, specs);
    a.applyFill(0, 'buy', 0.01, 50_000, 0);
    s.book = a.snapshot();
    const later = accountOf(s, specs, { 'OKX:BTC/USDT': 40_000, 'OKX:SOL/USDT': 100 });
    expect(later.equity).toBe(500 + 0.01 * 40_000);
    expect(s.book.marks['OKX:BTC/USDT']).toBe(50_000);
  });

  it('migrates a version-1 state (accounting fields at the top level) and refuses unknown versions', () => {
    const packr = new Packr({ useRecords: false, moreTypes: true });
    const v1 = {
      v: 1,
      account: 'paper',
      quote: 'USDT',
      initialCash: 1_000,
      cash: 500,
      positions: { 'OKX:BTC/USDT': { qty: 0.01, avg: 50_000, realized: 0, fees: 0 } },
      orders: {},
      pending: [],
      done: [],
      marks: { 'OKX:BTC/USDT': 45_000 },
      mdSeq: 7,
      orderSeq: 3,
      steppedThrough: 9,
      visibleThrough: 9,
      lastBarSet: 9,
      equity: 950,
      peakEquity: 1_000,
      day: 20_454,
      dayStartEquity: 990,
      fills: 1,
      updatedMs: 5,
    };
    const s = decodeAccount(packr.pack(v1));
    expect(s.v).toBe(2);
    expect(s.book).toEqual({
      initialCash: 1_000,
      cash: 500,
      positions: v1.positions,
      marks: v1.marks,
      equity: 950,
      peakEquity: 1_000,
      day: 20_454,
      dayStartEquity: 990,
      valuedAt: 0,
    });
    expect(s).toMatchObject({ mdSeq: 7, orderSeq: 3, steppedThrough: 9, fills: 1 });
    expect(Object.keys(s)).not.toContain('cash');
    expect(accountOf(s, specs).dailyLoss).toBeCloseTo(40 / 990, 15);
    expect(() => decodeAccount(packr.pack({ v: 3 }))).toThrow(/version 3/);
  });
});
