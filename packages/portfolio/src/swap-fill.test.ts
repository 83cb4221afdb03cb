import { okxSwapContract, parseInstrument } from '@algotrader/core';
import { describe, expect, it } from 'vitest';
import { Account } from './account';
import { swapSpec } from './spec';
import { fillSwapAtOpen } from './swap-fill';

const BTC = parseInstrument('OKX:BTC/USDT:USDT');

function account(mode: 'cross' | 'isolated', leverage: number): Account {
  const a = Account.open({
    initialCash: 10_000,
    specs: [swapSpec(okxSwapContract(BTC)!)],
    swapSettings: { 'OKX:BTC/USDT:USDT': { mode, leverage } },
  });
  a.setMark(0, 50_000);
  return a;
}

describe('fillSwapAtOpen (the swap market fill the perp engine and the paper venue share)', () => {
  it('fills at the open moved against us by the slippage, with the taker fee on the notional', () => {
    const a = account('cross', 5);
    expect(fillSwapAtOpen(a, 0, { qty: -0.5, reduceOnly: false }, 50_000, 0.0005, 0.0001)).toEqual({
      status: 'filled',
      qty: -0.5,
      price: 49_995,
      fee: 0.0005 * 0.5 * 49_995,
    });
  });

  it('refuses an opening beyond the free margin, naming the figures', () => {
    const a = account('cross', 5);
    // 1.1 BTC at 50,000 / 5 = 11,000 + fee > 10,000 free.
    expect(fillSwapAtOpen(a, 0, { qty: 1.1, reduceOnly: false }, 50_000, 0.0005, 0)).toEqual({
      status: 'rejected',
      reason: 'insufficient_margin',
      detail: 'needs 11027.50, 10000.00 free',
    });
  });

  it.each(['cross', 'isolated'] as const)(
    'a %s flip is judged after the close frees its margin: long 1.5 → short 1.5 at 10×',
    (mode) => {
      const a = account(mode, 10);
      a.applyFill(0, 'buy', 1.5, 50_000, 0);
      // 10,000 − 7,500 margin = 2,500 free now; the 1.5 short needs 7,500 + fee, which fits only
      // once the long's 7,500 is released.
      expect(a.availableMargin).toBeCloseTo(2_500, 9);
      const r = fillSwapAtOpen(a, 0, { qty: -3, reduceOnly: false }, 50_000, 0.0005, 0);
      expect(r).toMatchObject({ status: 'filled', qty: -3 });
      // Booking it agrees: the ledger closes first and finds the margin.
      a.applyFill(0, 'sell', 3, 50_000, (r as { fee: number }).fee);
      expect(a.qty(0)).toBe(-1.5);
      // At 47,000 the long realizes −4,500: 2,500 + 7,500 − 4,500 = 5,500 free after the close,
      // short of the 7,050 + fee the new short needs.
      const b = account(mode, 10);
      b.applyFill(0, 'buy', 1.5, 50_000, 0);
      expect(fillSwapAtOpen(b, 0, { qty: -3, reduceOnly: false }, 47_000, 0.0005, 0)).toMatchObject({
        status: 'rejected',
        reason: 'insufficient_margin',
      });
    },
  );

  it('clips a reduce-only order to the position and refuses one with nothing to reduce', () => {
    const a = account('cross', 5);
    expect(fillSwapAtOpen(a, 0, { qty: -1, reduceOnly: true }, 50_000, 0, 0)).toMatchObject({
      status: 'rejected',
      reason: 'reduce_only',
    });
    a.applyFill(0, 'buy', 0.3, 50_000, 0);
    expect(fillSwapAtOpen(a, 0, { qty: -1, reduceOnly: true }, 50_000, 0, 0)).toMatchObject({
      status: 'filled',
      qty: -0.3,
    });
  });
});
