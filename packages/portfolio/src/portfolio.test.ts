import { isAlgoError, parseInstrument } from '@algotrader/core';
import { describe, expect, it } from 'vitest';
import { Portfolio } from './portfolio';
import { instrumentSpec } from './spec';

const BTC = parseInstrument('OKX:BTC/USDT');
const ETH = parseInstrument('OKX:ETH/USDT');

describe('Portfolio', () => {
  it('keeps average cost, realized and unrealized P&L, fees and equity', () => {
    const p = new Portfolio(10_000, [instrumentSpec(BTC, { lotSize: 0.001 }), instrumentSpec(ETH)]);
    // Buy 1 @ 100 (fee 0.1), buy 3 @ 200 (fee 0.6): avg = (100 + 600) / 4 = 175.
    p.applyFill(0, 'buy', 1, 100, 0.1);
    p.applyFill(0, 'buy', 3, 200, 0.6);
    expect(p.qty(0)).toBe(4);
    expect(p.avgPrice(0)).toBe(175);
    expect(p.cash).toBeCloseTo(10_000 - 700 - 0.7, 10);
    // Sell 1.5 @ 250 (fee 0.375): realized = 1.5 × (250 − 175) = 112.5; avg unchanged.
    p.applyFill(0, 'sell', 1.5, 250, 0.375);
    expect(p.qty(0)).toBe(2.5);
    expect(p.avgPrice(0)).toBe(175);
    expect(p.realizedPnl).toBe(112.5);
    // Mark at 180: unrealized = 2.5 × (180 − 175) = 12.5.
    p.setMark(0, 180);
    expect(p.unrealizedPnl).toBeCloseTo(12.5, 10);
    expect(p.feesPaid).toBeCloseTo(1.075, 12);
    // Equity = cash + 2.5 × 180 = (10000 − 700.7 + 375 − 0.375) + 450.
    expect(p.equity).toBeCloseTo(10_000 - 700.7 + 374.625 + 450, 9);
    // Equity identity: initial + realized + unrealized − fees.
    expect(p.equity).toBeCloseTo(10_000 + 112.5 + 12.5 - 1.075, 9);
    expect(p.view.position(BTC)).toBe(2.5);
    expect(p.view.position(parseInstrument('OKX:BTC/USDT'))).toBe(2.5);
    expect(p.view.position(parseInstrument('OKX:SOL/USDT'))).toBe(0);
    expect(p.view.averagePrice(ETH)).toBeNaN();
  });

  it('goes flat exactly after selling everything on the lot grid', () => {
    const p = new Portfolio(1000, [instrumentSpec(BTC, { lotSize: 0.1 })]);
    p.applyFill(0, 'buy', 0.1, 10, 0);
    p.applyFill(0, 'buy', 0.2, 10, 0);
    p.applyFill(0, 'sell', 0.3, 10, 0); // 0.1 + 0.2 − 0.3 is 5.5e-17 in floating point
    expect(p.qty(0)).toBe(0);
    expect(p.avgPrice(0)).toBeNaN();
  });

  it('treats overspending and overselling as broken invariants', () => {
    const p = new Portfolio(100, [instrumentSpec(BTC)]);
    const code = (f: () => void) => {
      try {
        f();
      } catch (e) {
        return isAlgoError(e) ? e.code : 'other';
      }
      return 'none';
    };
    expect(code(() => p.applyFill(0, 'buy', 1, 101, 0))).toBe('E_INTERNAL');
    expect(code(() => p.applyFill(0, 'sell', 1, 100, 0))).toBe('E_INTERNAL');
    expect(code(() => p.applyFill(0, 'buy', -1, 100, 0))).toBe('E_ARGUMENT');
    expect(p.cash).toBe(100);
    expect(() => new Portfolio(0, [instrumentSpec(BTC), instrumentSpec(BTC)])).toThrow(/listed twice/);
  });
});
