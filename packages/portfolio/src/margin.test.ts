import { isAlgoError, okxSwapContract, parseInstrument } from '@algotrader/core';
import { describe, expect, it } from 'vitest';
import { Account } from './account';
import { instrumentSpec, swapSpec } from './spec';

const BTC = parseInstrument('OKX:BTC/USDT:USDT');
const ETH = parseInstrument('OKX:ETH/USDT:USDT');
const SPOT = parseInstrument('OKX:BTC/USDT');
const specs = [swapSpec(okxSwapContract(BTC)!), swapSpec(okxSwapContract(ETH)!), instrumentSpec(SPOT)];

function open(cash: number, btc: 'isolated' | 'cross', eth: 'isolated' | 'cross', lev = 10): Account {
  return Account.open({
    initialCash: cash,
    specs,
    swapSettings: {
      'OKX:BTC/USDT:USDT': { mode: btc, leverage: lev },
      'OKX:ETH/USDT:USDT': { mode: eth, leverage: lev },
    },
  });
}

const errorOf = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return isAlgoError(e) ? `${e.code}: ${e.message}` : String(e);
  }
  return 'none';
};

describe('swap positions in the Account', () => {
  it('opens long and short without exchanging the notional; equity = cash + unrealized', () => {
    const a = open(10_000, 'isolated', 'cross');
    a.applyFill(0, 'buy', 1, 50_000, 25); // taker 0.05% of 50,000
    a.applyFill(1, 'sell', 2, 3_000, 3);
    expect(a.qty(0)).toBe(1);
    expect(a.qty(1)).toBe(-2);
    expect(a.cash).toBe(10_000 - 25 - 3);
    expect(a.position(0).margin).toBe(5_000); // 1 × 50,000 / 10
    a.setMark(0, 51_000);
    a.setMark(1, 2_900);
    // +1,000 on the long, +200 on the short.
    expect(a.equity).toBe(9_972 + 1_000 + 200);
    expect(a.view.position(ETH)).toBe(-2);
    // Closing half of the short realizes 1 × (3,000 − 2,900).
    a.applyFill(1, 'buy', 1, 2_900, 1.45);
    expect(a.realizedPnl).toBe(100);
    expect(a.cash).toBeCloseTo(9_972 + 100 - 1.45, 9);
    // A buy of 3 flips the remaining −1 to +2 (one-way mode): 1 closes, 2 open at 2,950.
    a.applyFill(1, 'buy', 3, 2_950, 0);
    expect(a.qty(1)).toBe(2);
    expect(a.avgPrice(1)).toBe(2_950);
    expect(a.realizedPnl).toBe(100 + 50);
    a.revalue(Date.UTC(2025, 0, 1));
    // Gross exposure: (51,000 + 2 × 2,900) / equity.
    expect(a.exposure).toBeCloseTo((51_000 + 5_800) / a.valuedEquity, 12);
  });

  it('funding across a settlement: the long pays and the short receives qty × mark × rate', () => {
    const a = open(10_000, 'isolated', 'cross');
    a.applyFill(0, 'buy', 1, 50_000, 0);
    a.applyFill(1, 'sell', 2, 3_000, 0);
    // Rate +0.01% with marks 51,000 and 3,100.
    expect(a.applyFunding(0, 0.0001, 51_000)).toBeCloseTo(-5.1, 12);
    expect(a.applyFunding(1, 0.0001, 3_100)).toBeCloseTo(0.62, 12);
    // Rate −0.02%: the long receives, the short pays.
    expect(a.applyFunding(0, -0.0002, 50_000)).toBeCloseTo(10, 12);
    expect(a.applyFunding(1, -0.0002, 3_000)).toBeCloseTo(-1.2, 12);
    expect(a.fundingPnl).toBeCloseTo(-5.1 + 0.62 + 10 - 1.2, 12);
    expect(a.cash).toBeCloseTo(10_000 - 5.1 + 0.62 + 10 - 1.2, 9);
    // Isolated funding moves the posted margin: 5,000 − 5.1 + 10.
    expect(a.position(0).margin).toBeCloseTo(5_004.9, 9);
    expect(a.position(0).funding).toBeCloseTo(4.9, 12);
    // A flat instrument pays nothing; a non-finite rate is an error, never a zero.
    expect(open(10_000, 'cross', 'cross').applyFunding(0, 0.0003, 50_000)).toBe(0);
    expect(errorOf(() => a.applyFunding(0, Number.NaN, 50_000))).toMatch(
      /E_DATA: .*finite rate and mark, got NaN/,
    );
  });

  it('an isolated long is liquidated at the computed price and loses exactly its margin', () => {
    const a = open(10_000, 'isolated', 'cross');
    a.applyFill(0, 'buy', 1, 50_000, 25);
    // margin 5,000 + 1 × (P − 50,000) = 0.4% × P  →  P = 45,000 / 0.996
    const p = 45_000 / 0.996;
    expect(a.liquidationPrice(0)).toBeCloseTo(p, 9);
    a.setMark(0, p);
    expect(a.marginRatio(0)).toBeCloseTo(1, 12);
    const [l] = a.liquidate(0, p);
    expect(l!.tradingPnl).toBeCloseTo(p - 50_000, 9);
    expect(l!.fee).toBeCloseTo(0.0005 * p, 9); // 22.59
    expect(l!.insurance).toBeCloseTo(0.004 * p - 0.0005 * p, 9);
    expect(l!.loss).toBeCloseTo(5_000, 9);
    expect(a.qty(0)).toBe(0);
    expect(a.cash).toBeCloseTo(10_000 - 25 - 5_000, 9);
    expect(a.liquidationLoss).toBeCloseTo(5_000, 9);
    // Identity: equity = initial + realized − fees + funding − liquidation losses + unrealized.
    expect(a.equity).toBeCloseTo(10_000 + a.realizedPnl - a.feesPaid + a.fundingPnl - a.liquidationLoss, 9);
    expect(a.snapshot().swaps?.['OKX:BTC/USDT:USDT']).toMatchObject({ qty: 0, liquidations: 1 });
  });

  it('a position past the first tier is held to the rate of its own tier (OKX position-tiers), and liquidated whole', () => {
    // 60 BTC sits in tier 2 (50–100 BTC): mmr 0.5%, not tier 1's 0.4%.
    const a = Account.open({
      initialCash: 1_000_000,
      specs,
      swapSettings: {
        'OKX:BTC/USDT:USDT': { mode: 'isolated', leverage: 10 },
        'OKX:ETH/USDT:USDT': { mode: 'cross', leverage: 10 },
      },
    });
    a.applyFill(0, 'buy', 60, 50_000, 0);
    // margin 300,000 + 60 (P − 50,000) = 0.005 × 60 × P  →  P = 2,700,000 / 59.7
    const p = 2_700_000 / 59.7;
    expect(a.liquidationPrice(0)).toBeCloseTo(p, 9);
    // At tier 1's rate it would sit lower: 2,700,000 / 59.76.
    expect(a.liquidationPrice(0)).toBeGreaterThan(2_700_000 / 59.76);
    a.setMark(0, p);
    expect(a.marginRatio(0)).toBeCloseTo(1, 12);
    // The model liquidates the whole position at that price (OKX may first cut it down a tier;
    // the model does not, so the loss shown is the whole margin).
    const [l] = a.liquidate(0, p);
    expect(l!.qty).toBe(60);
    expect(l!.loss).toBeCloseTo(300_000, 6);
    expect(a.qty(0)).toBe(0);
  });

  it('an isolated short liquidates above the entry', () => {
    const a = open(10_000, 'isolated', 'cross');
    a.applyFill(0, 'sell', 1, 50_000, 0);
    // 5,000 + (50,000 − P) = 0.4% × P  →  P = 55,000 / 1.004
    expect(a.liquidationPrice(0)).toBeCloseTo(55_000 / 1.004, 9);
  });

  it('isolated vs cross on two positions: only cross positions share collateral', () => {
    // BTC long 1 @ 50,000 isolated (margin 5,000); ETH short 10 @ 3,000 cross.
    const mixed = open(10_000, 'isolated', 'cross');
    mixed.applyFill(0, 'buy', 1, 50_000, 0);
    mixed.applyFill(1, 'sell', 10, 3_000, 0);
    mixed.setMark(0, 48_000);
    // Cross collateral = 10,000 − 5,000 (isolated margin); BTC's loss is not in it.
    // 5,000 + 10 × (3,000 − P) = 0.4% × 10 × P  →  P = 35,000 / 10.04
    expect(mixed.liquidationPrice(1)).toBeCloseTo(35_000 / 10.04, 9);
    const both = open(10_000, 'cross', 'cross');
    both.applyFill(0, 'buy', 1, 50_000, 0);
    both.applyFill(1, 'sell', 10, 3_000, 0);
    both.setMark(0, 48_000);
    // Now BTC's −2,000 and its maintenance 0.4% × 48,000 = 192 eat into ETH's collateral:
    // 10,000 − 2,000 − 192 = 7,808  →  P = (30,000 + 7,808) / 10.04
    expect(both.liquidationPrice(1)).toBeCloseTo(37_808 / 10.04, 9);
    // The cross liquidation takes every cross position and the whole cross collateral; the
    // isolated BTC position and its margin survive in the mixed account.
    const p = 35_000 / 10.04;
    const done = mixed.liquidate(1, p);
    expect(done.map((l) => l.k)).toEqual([1]);
    expect(mixed.cash).toBeCloseTo(5_000, 9);
    expect(mixed.qty(0)).toBe(1);
    const all = both.liquidate(1, 37_808 / 10.04);
    expect(all.map((l) => l.k)).toEqual([1, 0]);
    expect(both.cash).toBe(0);
    expect(all.reduce((s, l) => s + l.loss, 0)).toBeCloseTo(10_000, 9);
  });

  it('refuses to open beyond the free margin and leverage beyond the maximum', () => {
    const a = open(1_000, 'cross', 'cross', 5);
    expect(errorOf(() => a.applyFill(0, 'buy', 1, 50_000, 0))).toMatch(
      /needs margin 10000.0000, only 1000.0000 is free/,
    );
    expect(a.availableMargin).toBe(1_000);
    expect(errorOf(() => open(1_000, 'cross', 'cross', 101))).toMatch(
      /leverage must be within \[1, 100\], got 101/,
    );
  });

  it('survives a snapshot and restore', () => {
    const a = open(10_000, 'isolated', 'cross');
    a.applyFill(0, 'buy', 1, 50_000, 25);
    a.applyFunding(0, 0.0001, 50_000);
    a.setMark(0, 50_500);
    a.revalue(Date.UTC(2025, 0, 1));
    const b = Account.restore({ specs }, JSON.parse(JSON.stringify(a.snapshot())));
    expect(b.snapshot()).toEqual(a.snapshot());
    expect(b.liquidationPrice(0)).toBe(a.liquidationPrice(0));
    expect(b.equity).toBe(a.equity);
  });
});
