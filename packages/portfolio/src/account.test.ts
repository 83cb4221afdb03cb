import { isAlgoError, parseInstrument } from '@algotrader/core';
import { describe, expect, it } from 'vitest';
import { Account, type AccountBook, DAY_MS, dayOf } from './account';
import { instrumentSpec } from './spec';

const BTC = parseInstrument('OKX:BTC/USDT');
const ETH = parseInstrument('OKX:ETH/USDT');
const HOUR = 3_600_000;
const JAN1 = Date.UTC(2026, 0, 1);

const code = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return isAlgoError(e) ? e.code : 'other';
  }
  return 'none';
};

describe('Account bookkeeping', () => {
  it('keeps average cost, realized and unrealized P&L, fees and equity', () => {
    const a = Account.open({
      initialCash: 10_000,
      specs: [instrumentSpec(BTC, { lotSize: 0.001 }), instrumentSpec(ETH)],
    });
    // Buy 1 @ 100 (fee 0.1), buy 3 @ 200 (fee 0.6): avg = (100 + 600) / 4 = 175.
    a.applyFill(0, 'buy', 1, 100, 0.1);
    a.applyFill(0, 'buy', 3, 200, 0.6);
    expect(a.qty(0)).toBe(4);
    expect(a.avgPrice(0)).toBe(175);
    expect(a.cash).toBeCloseTo(10_000 - 700 - 0.7, 10);
    // The first fill marks an unmarked instrument at its price.
    expect(a.mark(0)).toBe(100);
    // Sell 1.5 @ 250 (fee 0.375): realized = 1.5 × (250 − 175) = 112.5; avg unchanged.
    a.applyFill(0, 'sell', 1.5, 250, 0.375);
    expect(a.qty(0)).toBe(2.5);
    expect(a.avgPrice(0)).toBe(175);
    expect(a.realizedPnl).toBe(112.5);
    // Mark at 180: unrealized = 2.5 × (180 − 175) = 12.5.
    a.setMark(0, 180);
    expect(a.unrealizedPnl).toBeCloseTo(12.5, 10);
    expect(a.feesPaid).toBeCloseTo(1.075, 12);
    // Equity = cash + 2.5 × 180 = (10000 − 700.7 + 375 − 0.375) + 450.
    expect(a.equity).toBeCloseTo(10_000 - 700.7 + 374.625 + 450, 9);
    // Equity identity: initial + realized + unrealized − fees.
    expect(a.equity).toBeCloseTo(10_000 + 112.5 + 12.5 - 1.075, 9);
    expect(a.position(0)).toMatchObject({ qty: 2.5, avgPrice: 175, mark: 180, realizedPnl: 112.5 });
    expect(a.view.position(BTC)).toBe(2.5);
    expect(a.view.position(parseInstrument('OKX:BTC/USDT'))).toBe(2.5);
    expect(a.view.position(parseInstrument('OKX:SOL/USDT'))).toBe(0);
    expect(a.view.averagePrice(ETH)).toBeNaN();
    expect(a.indexOf('OKX:ETH/USDT')).toBe(1);
    expect(a.indexOf('OKX:SOL/USDT')).toBe(-1);
    expect(code(() => a.require('OKX:SOL/USDT'))).toBe('E_NOT_FOUND');
  });

  it('goes flat exactly after selling everything on the lot grid', () => {
    const a = Account.open({ initialCash: 1000, specs: [instrumentSpec(BTC, { lotSize: 0.1 })] });
    a.applyFill(0, 'buy', 0.1, 10, 0);
    a.applyFill(0, 'buy', 0.2, 10, 0);
    a.applyFill(0, 'sell', 0.3, 10, 0); // 0.1 + 0.2 − 0.3 is 5.5e-17 in floating point
    expect(a.qty(0)).toBe(0);
    expect(a.avgPrice(0)).toBeNaN();
  });

  it('treats overspending and overselling as broken invariants', () => {
    const a = Account.open({ initialCash: 100, specs: [instrumentSpec(BTC)] });
    expect(code(() => a.applyFill(0, 'buy', 1, 101, 0))).toBe('E_INTERNAL');
    expect(code(() => a.applyFill(0, 'sell', 1, 100, 0))).toBe('E_INTERNAL');
    expect(code(() => a.applyFill(0, 'buy', -1, 100, 0))).toBe('E_ARGUMENT');
    expect(a.cash).toBe(100);
    expect(() => Account.open({ initialCash: 0, specs: [instrumentSpec(BTC), instrumentSpec(BTC)] })).toThrow(
      /listed twice/,
    );
    expect(() => Account.open({ initialCash: Number.NaN, specs: [] })).toThrow(/initial cash/);
  });
});

describe('Account valuation', () => {
  it('starts the first day at the opening equity, rolls the day at UTC midnight, follows the peak', () => {
    const a = Account.open({ initialCash: 1000, specs: [instrumentSpec(BTC)] });
    expect(a.day).toBe(-1);
    a.applyFill(0, 'buy', 1, 100, 0);
    a.setMark(0, 110);
    a.revalue(JAN1 + 22 * HOUR);
    // First valuation: the day starts at the opening equity (the cash), not at the marked value.
    expect(a.day).toBe(dayOf(JAN1));
    expect(a.dayStartEquity).toBe(1000);
    expect(a.valuedEquity).toBe(1010);
    expect(a.peakEquity).toBe(1010);
    expect(a.dailyPnl).toBe(10);
    expect(a.drawdown).toBe(0);
    expect(a.exposure).toBe(110 / 1010);

    a.setMark(0, 90);
    a.revalue(JAN1 + 23 * HOUR);
    expect(a.dayStartEquity).toBe(1000);
    expect(a.valuedEquity).toBe(990);
    expect(a.peakEquity).toBe(1010);
    expect(a.dailyPnl).toBe(-10);
    expect(a.dailyLoss).toBe(0.01);
    expect(a.drawdown).toBe(990 / 1010 - 1);

    // The bar opening at midnight belongs to Jan 2, which starts at the previous valuation (990),
    // not at the equity at this bar's mark.
    a.setMark(0, 80);
    a.revalue(JAN1 + DAY_MS);
    expect(a.day).toBe(dayOf(JAN1) + 1);
    expect(a.dayStartEquity).toBe(990);
    expect(a.valuedEquity).toBe(980);
    expect(a.dailyPnl).toBe(-10);
    expect(a.valuedAt).toBe(JAN1 + DAY_MS);

    a.setMark(0, 200);
    a.revalue(JAN1 + DAY_MS + HOUR);
    expect(a.peakEquity).toBe(1100);
    expect(a.drawdown).toBe(0);
    expect(a.dayStartEquity).toBe(990);
  });

  it('rolls the day at the configured offset from UTC midnight', () => {
    expect(dayOf(JAN1 + DAY_MS, HOUR)).toBe(dayOf(JAN1));
    expect(dayOf(JAN1 + DAY_MS + HOUR, HOUR)).toBe(dayOf(JAN1) + 1);
    expect(dayOf(JAN1 - 8 * HOUR, -8 * HOUR)).toBe(dayOf(JAN1)); // 16:00 UTC = midnight UTC+8
    const a = Account.open({ initialCash: 1000, specs: [instrumentSpec(BTC)], dayOffsetMs: HOUR });
    a.applyFill(0, 'buy', 1, 100, 0);
    a.setMark(0, 90);
    a.revalue(JAN1 + 23 * HOUR);
    a.setMark(0, 80);
    a.revalue(JAN1 + DAY_MS); // 00:00 UTC: still the day that began at 01:00 UTC
    expect(a.dayStartEquity).toBe(1000);
    expect(a.valuedEquity).toBe(980);
    a.setMark(0, 70);
    a.revalue(JAN1 + DAY_MS + HOUR); // 01:00 UTC: a new day, starting at the 00:00 valuation
    expect(a.dayStartEquity).toBe(980);
    expect(a.valuedEquity).toBe(970);
    expect(() => Account.open({ initialCash: 1, specs: [], dayOffsetMs: DAY_MS })).toThrow(/dayOffsetMs/);
  });

  it('sets cash from an exchange balance; an account opened empty starts its day at that balance', () => {
    const a = Account.open({ initialCash: 0, specs: [instrumentSpec(BTC)] });
    expect(a.setCash(5_000)).toBe(5_000);
    expect(a.peakEquity).toBe(5_000);
    a.revalue(JAN1);
    expect(a.dayStartEquity).toBe(5_000);
    expect(a.valuedEquity).toBe(5_000);
    // Once valued, a balance correction moves cash only; the next valuation picks it up.
    expect(a.setCash(4_900)).toBe(-100);
    expect(a.cash).toBe(4_900);
    expect(a.valuedEquity).toBe(5_000);
    a.revalue(JAN1 + HOUR);
    expect(a.valuedEquity).toBe(4_900);
    expect(a.dailyPnl).toBe(-100);
    expect(a.peakEquity).toBe(5_000);
    expect(code(() => a.setCash(-1))).toBe('E_ARGUMENT');
  });
});

describe('Account snapshot and restore', () => {
  const specs = [instrumentSpec(BTC, { lotSize: 1e-6 }), instrumentSpec(ETH, { lotSize: 1e-6 })];

  /** Random fills and hourly valuations across several days; `cut` restores from a snapshot there. */
  function run(cut: number | undefined): { book: AccountBook; curve: number[] } {
    let a = Account.open({ initialCash: 10_000, specs, dayOffsetMs: 5 * HOUR });
    let seed = 42;
    const rnd = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const curve: number[] = [];
    for (let n = 0; n < 500; n++) {
      if (n === cut) {
        // Through a structured clone, as KV storage keeps every double (and NaN).
        a = Account.restore({ specs, dayOffsetMs: 5 * HOUR }, structuredClone(a.snapshot()));
      }
      const k = rnd() < 0.5 ? 0 : 1;
      const price = 100 + rnd() * 1_000;
      const held = a.qty(k);
      const sell = held > 0 && rnd() < 0.45;
      const qty = sell
        ? rnd() < 0.3
          ? held
          : Math.floor(held * rnd() * 1e6) / 1e6
        : Math.floor(((a.cash * 0.3) / price) * 1e6) / 1e6;
      const fee = qty * price * 0.001;
      if (qty > 0 && (sell || qty * price + fee <= a.cash))
        a.applyFill(k, sell ? 'sell' : 'buy', qty, price, fee);
      a.setMark(k, price);
      a.revalue(JAN1 + n * HOUR);
      curve.push(a.valuedEquity, a.peakEquity, a.dayStartEquity, a.drawdown, a.exposure);
    }
    return { book: a.snapshot(), curve };
  }

  it('a restored account carries on exactly as the uninterrupted one', () => {
    const whole = run(undefined);
    const cut = run(237);
    expect(cut.curve).toEqual(whole.curve);
    expect(cut.book).toEqual(whole.book);
    expect(whole.book.day).toBe(dayOf(JAN1 + 499 * HOUR, 5 * HOUR));
    expect(Object.keys(whole.book.positions).sort()).toEqual(['OKX:BTC/USDT', 'OKX:ETH/USDT']);
  });

  it('snapshot is a fresh plain value and restore refuses a book that is not one', () => {
    const a = Account.open({ initialCash: 100, specs });
    const s = a.snapshot();
    s.cash = 1;
    expect(a.cash).toBe(100);
    expect(s).toEqual({
      initialCash: 100,
      cash: 1,
      positions: {},
      marks: {},
      equity: 100,
      peakEquity: 100,
      day: -1,
      dayStartEquity: 100,
      valuedAt: 0,
    });
    const bad = (f: (b: AccountBook) => void) => {
      const b = a.snapshot();
      f(b);
      return () => Account.restore({ specs }, b);
    };
    expect(bad((b) => (b.positions['OKX:SOL/USDT'] = { qty: 1, avg: 1, realized: 0, fees: 0 }))).toThrow(
      /OKX:SOL\/USDT, which this account does not trade/,
    );
    expect(bad((b) => (b.cash = Number.NaN))).toThrow(/cash is NaN/);
    expect(bad((b) => (b.positions['OKX:BTC/USDT'] = { qty: 1, avg: -5, realized: 0, fees: 0 }))).toThrow(
      /avg is -5/,
    );
  });
});
