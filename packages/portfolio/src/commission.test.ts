import { parseIbkrInstrument } from '@algotrader/core';
import { describe, expect, test } from 'vitest';
import { CommissionSchema, stockCommission } from './commission';
import { FillModel } from './fill-model';
import { instrumentSpec, US_STOCK_SPEC } from './spec';

const fixed = CommissionSchema.parse({ kind: 'ibkr_fixed' });
const tiered = CommissionSchema.parse({ kind: 'ibkr_tiered' });
const spec = instrumentSpec(parseIbkrInstrument('IBKR:AAPL'), US_STOCK_SPEC);

describe('IBKR stock commissions, by hand', () => {
  test('fixed: the $1.00 minimum, the per-share rate, the 1% maximum', () => {
    expect(stockCommission(fixed, 'buy', 100, 50).total).toBe(1); // 0.50 → min 1.00
    expect(stockCommission(fixed, 'buy', 1000, 50).total).toBeCloseTo(5, 12); // 1000 × 0.005
    // 10,000 shares at $0.25: 50.00 per share, capped at 1% of 2,500 = 25.00.
    expect(stockCommission(fixed, 'buy', 10_000, 0.25).total).toBeCloseTo(25, 12);
    // 1 share at $10: the minimum $1.00 is above 1% of $10, so the cap wins: $0.10.
    expect(stockCommission(fixed, 'buy', 1, 10).total).toBeCloseTo(0.1, 12);
  });

  test('sells pay SEC and FINRA fees, rounded up to the cent', () => {
    // 300 @ 120: commission 1.50; SEC 36,000 × 27.8/10⁶ = 1.0008 → 1.01; TAF 300 × 0.000166 = 0.0498 → 0.05.
    const sell = stockCommission(fixed, 'sell', 300, 120);
    expect([sell.commission, sell.secFee, sell.finraTaf]).toEqual([1.5, 1.01, 0.05]);
    expect(sell.total).toBeCloseTo(2.56, 12);
    // 100,000 @ 10: commission 500 (cap 10,000); SEC 27.80; TAF 16.60 capped at 8.30.
    const big = stockCommission(fixed, 'sell', 100_000, 10);
    expect([big.commission, big.secFee, big.finraTaf]).toEqual([500, 27.8, 8.3]);
    expect(big.total).toBeCloseTo(536.1, 9);
  });

  test('tiered: $0.0035 with a $0.35 minimum, plus clearing per share outside the min/max', () => {
    expect(stockCommission(tiered, 'buy', 100, 50).total).toBeCloseTo(0.35 + 0.02, 12);
    expect(stockCommission(tiered, 'buy', 1000, 50).total).toBeCloseTo(3.5 + 0.2, 12);
    expect(stockCommission(tiered, 'buy', 1, 10).total).toBeCloseTo(0.1 + 0.0002, 12); // 1% cap 0.10
  });

  test('the fill model sizes a buy so shares, commission and all fit the cash, whole shares only', () => {
    const m = new FillModel({ commission: { kind: 'ibkr_fixed' } });
    const bar = { open: 100, high: 101, low: 99, close: 100, volume: 1e6 };
    // 1000.50 cash buys 10 shares at 100 only without the $1 minimum: 9 shares (900 + 1).
    const out = m.fill({ side: 'buy', qty: 50, type: 'market' }, bar, 1000.5, 0, spec);
    expect(out).toMatchObject({ status: 'filled', qty: 9, price: 100, fee: 1, partial: true });
    // 1001 cash: 10 shares + $1.00 fit exactly.
    expect(m.fill({ side: 'buy', qty: 50, type: 'market' }, bar, 1001, 0, spec)).toMatchObject({ qty: 10 });
    // 12.9 shares wanted → 12.
    expect(m.fill({ side: 'buy', qty: 12.9, type: 'market' }, bar, 1e6, 0, spec)).toMatchObject({ qty: 12 });
    expect(m.fill({ side: 'buy', qty: 0.5, type: 'market' }, bar, 1e6, 0, spec)).toMatchObject({
      status: 'rejected',
      reason: 'below_lot_size',
    });
  });

  test('unknown settings are refused', () => {
    expect(() => CommissionSchema.parse({ kind: 'ibkr_fixed', perShare: -1 })).toThrow();
    expect(() => CommissionSchema.parse({ kind: 'ibkr_fixed', venuePerShare: 0.1 })).toThrow();
  });
});
