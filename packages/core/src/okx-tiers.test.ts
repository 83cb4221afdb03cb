import { describe, expect, test } from 'vitest';
import {
  marginTier,
  OKX_POSITION_TIERS,
  type OkxPositionTierRow,
  okxSwapContract,
  parseInstrument,
  tiersFromOkx,
} from './index';

const BTC_ROWS = OKX_POSITION_TIERS['BTC-USDT']!;

describe('OKX position tiers (public/position-tiers rows → maintenance tiers)', () => {
  test('the bundled rows keep OKX shape: decimal strings, sizes in contracts, tiers 1…n', () => {
    expect(BTC_ROWS[0]).toEqual({
      uly: 'BTC-USDT',
      instFamily: 'BTC-USDT',
      instId: '',
      tier: '1',
      minSz: '0',
      maxSz: '5000',
      mmr: '0.004',
      imr: '0.01',
      maxLever: '100',
      optMgnFactor: '0',
      quoteMaxLoan: '',
      baseMaxLoan: '',
    });
    expect(BTC_ROWS.map((r) => r.tier)).toEqual(['1', '2', '3', '4', '5']);
  });

  test('converts contracts to base units with ctVal: 5,000 contracts of 0.01 BTC is 50 BTC', () => {
    expect(tiersFromOkx(BTC_ROWS, 0.01, 'BTC-USDT-SWAP')).toEqual([
      { maxQty: 50, mmr: 0.004, maxLeverage: 100 },
      { maxQty: 100, mmr: 0.005, maxLeverage: 75 },
      { maxQty: 200, mmr: 0.01, maxLeverage: 50 },
      { maxQty: 400, mmr: 0.02, maxLeverage: 20 },
      { maxQty: 2000, mmr: 0.05, maxLeverage: 10 },
    ]);
    // ETH: ctVal 0.1, so 5,000 contracts are 500 ETH.
    expect(tiersFromOkx(OKX_POSITION_TIERS['ETH-USDT']!, 0.1, 'ETH-USDT-SWAP')[0]).toEqual({
      maxQty: 500,
      mmr: 0.004,
      maxLeverage: 100,
    });
  });

  test('the built-in contracts use them: 60 BTC falls in tier 2 (0.5%), 50 BTC still in tier 1', () => {
    const c = okxSwapContract(parseInstrument('OKX:BTC/USDT:USDT'))!;
    expect(marginTier(c, 50).mmr).toBe(0.004);
    expect(marginTier(c, -60).mmr).toBe(0.005);
    expect(marginTier(c, 450).mmr).toBe(0.05);
    // Beyond the last tier OKX refuses the position; the model keeps the highest rate.
    expect(marginTier(c, 5_000).mmr).toBe(0.05);
  });

  test('accepts a next tier starting one contract above the previous maxSz, and rows out of order', () => {
    const rows = [{ ...BTC_ROWS[1]!, minSz: '5001' }, BTC_ROWS[0]!];
    expect(tiersFromOkx(rows, 0.01, 'x').map((t) => t.maxQty)).toEqual([50, 100]);
  });

  test('bad rows are errors naming the tier and field, never skipped or defaulted', () => {
    const withRow = (i: number, patch: Partial<OkxPositionTierRow>) =>
      BTC_ROWS.map((r, j) => (j === i ? { ...r, ...patch } : r));
    const message = (rows: readonly OkxPositionTierRow[], ctVal = 0.01) => {
      try {
        tiersFromOkx(rows, ctVal, 'BTC-USDT-SWAP');
        return 'none';
      } catch (e) {
        return (e as Error).message;
      }
    };
    expect(message(withRow(1, { mmr: '' }))).toBe(
      'BTC-USDT-SWAP position tiers: tier 2: mmr "" is not a number',
    );
    expect(message(withRow(1, { mmr: 'abc' }))).toContain('tier 2: mmr "abc" is not a number');
    expect(message(withRow(2, { mmr: '1.5' }))).toContain('tier 3: mmr must be within (0, 1), got 1.5');
    expect(message(withRow(2, { mmr: '0.001' }))).toContain(
      "tier 3: mmr 0.001 is below the previous tier's 0.005",
    );
    expect(message(withRow(1, { minSz: '6000' }))).toContain(
      "tier 2: minSz 6000 does not continue the previous tier's maxSz 5000",
    );
    expect(message(withRow(1, { maxSz: '4000' }))).toContain('tier 2: maxSz 4000 must exceed minSz 5000');
    expect(message(withRow(0, { maxLever: '0' }))).toContain('tier 1: maxLever must be > 0');
    expect(message(withRow(4, { tier: '7' }))).toContain('expected tier 5');
    expect(message([])).toContain('no tiers');
    expect(message(BTC_ROWS, 0)).toContain('ctVal must be a finite number > 0, got 0');
  });
});
