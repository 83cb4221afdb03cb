import { okxSwapContract, parseInstrument } from '@algotrader/core';
import { Account, swapSpec } from '@algotrader/portfolio';
import { describe, expect, it } from 'vitest';
import { checkSwapOrder, marginHealth, type PerpRiskLimits } from './perp-rules';

const BTC = parseInstrument('OKX:BTC/USDT:USDT');
const KEY = 'OKX:BTC/USDT:USDT';
const NONE: PerpRiskLimits = {
  maxAccountLeverage: null,
  minLiquidationDistance: null,
  maxFundingRate: null,
  haltMarginRatio: null,
  alertMarginRatio: null,
};

function account(mode: 'isolated' | 'cross', leverage = 10): Account {
  const a = Account.open({
    initialCash: 10_000,
    specs: [swapSpec(okxSwapContract(BTC)!)],
    swapSettings: { [KEY]: { mode, leverage } },
  });
  a.setMark(0, 50_000);
  return a;
}

describe('perp risk rules', () => {
  it('account leverage: 1 BTC at 50,000 on 10,000 equity is 5×', () => {
    const a = account('isolated');
    const buy = { k: 0, qty: 1, price: 50_000, fee: 0 };
    expect(checkSwapOrder(a, buy, NONE)).toEqual({ ok: true });
    expect(checkSwapOrder(a, buy, { ...NONE, maxAccountLeverage: 3 })).toEqual({
      ok: false,
      reason: 'MAX_ACCOUNT_LEVERAGE',
      detail: 'account leverage would be 5.00×, limit 3×',
    });
  });

  it('instrument leverage: held to its own limit as well as the configured leverage', () => {
    const a = account('cross', 10);
    const v = checkSwapOrder(
      a,
      { k: 0, qty: 0.5, price: 50_000, fee: 0 },
      { ...NONE, maxInstrumentLeverage: { [KEY]: 2 } },
    );
    expect(v).toMatchObject({ ok: false, reason: 'MAX_INSTRUMENT_LEVERAGE' });
    if (!v.ok) expect(v.detail).toMatch(/is 2\.50× equity 10000\.00, limit 2×/);
  });

  it('liquidation distance: a 10× isolated long sits 9.64% above its liquidation price', () => {
    const a = account('isolated');
    // Liquidation at 45,000 / 0.996 = 45,180.72: (50,000 − 45,180.72) / 50,000 = 9.64%.
    const buy = { k: 0, qty: 1, price: 50_000, fee: 0 };
    const v = checkSwapOrder(a, buy, { ...NONE, minLiquidationDistance: 0.15 });
    expect(v).toMatchObject({ ok: false, reason: 'MIN_LIQUIDATION_DISTANCE' });
    if (!v.ok)
      expect(v.detail).toBe(
        'OKX:BTC/USDT:USDT: liquidation at 45180.72 would be 9.64% from the mark 50000, minimum 15.00%',
      );
    expect(checkSwapOrder(a, buy, { ...NONE, minLiquidationDistance: 0.09 })).toEqual({ ok: true });
  });

  it('funding guard: refuses the paying side of an extreme rate, allows the receiving side', () => {
    const a = account('cross', 5);
    const L = { ...NONE, maxFundingRate: 0.002 };
    expect(checkSwapOrder(a, { k: 0, qty: 0.1, price: 50_000, fee: 0, fundingRate: 0.003 }, L)).toMatchObject(
      {
        ok: false,
        reason: 'EXTREME_FUNDING',
      },
    );
    expect(checkSwapOrder(a, { k: 0, qty: -0.1, price: 50_000, fee: 0, fundingRate: 0.003 }, L)).toEqual({
      ok: true,
    });
  });

  it('insufficient margin: 3 BTC at 10× needs 15,000', () => {
    const a = account('isolated');
    expect(checkSwapOrder(a, { k: 0, qty: 3, price: 50_000, fee: 0 }, NONE)).toEqual({
      ok: false,
      reason: 'INSUFFICIENT_MARGIN',
      detail: 'OKX:BTC/USDT:USDT: needs 15000.00 margin, 10000.00 free',
    });
  });

  it('an order that only reduces is allowed whatever the limits', () => {
    const a = account('isolated');
    a.applyFill(0, 'buy', 1, 50_000, 0);
    const strict = { ...NONE, maxAccountLeverage: 0.1, minLiquidationDistance: 0.9, maxFundingRate: 0 };
    expect(checkSwapOrder(a, { k: 0, qty: -0.5, price: 50_000, fee: 0, fundingRate: -1 }, strict)).toEqual({
      ok: true,
    });
  });

  it('margin ratio: alerts below the alert level, halts below the halt level', () => {
    const a = account('isolated');
    a.applyFill(0, 'buy', 1, 50_000, 0);
    const L = { ...NONE, alertMarginRatio: 6, haltMarginRatio: 3 };
    // Mark 46,000: (5,000 − 4,000) / (0.4% × 46,000 = 184) = 5.43.
    a.setMark(0, 46_000);
    const h = marginHealth(a, L);
    expect(h.halt).toBeUndefined();
    expect(h.alerts).toHaveLength(1);
    expect(h.alerts[0]!.marginRatio).toBeCloseTo(1000 / 184, 12);
    // Mark 45,500: 500 / 182 = 2.75 < 3.
    a.setMark(0, 45_500);
    expect(marginHealth(a, L).halt).toEqual({
      reason: 'MARGIN_RATIO',
      detail: 'OKX:BTC/USDT:USDT: margin ratio 2.747 < halt level 3 (liquidation at 45180.72)',
    });
  });
});
