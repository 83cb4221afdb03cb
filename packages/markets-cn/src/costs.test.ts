import { describe, expect, test } from 'vitest';
import { cnCosts, stampDutyRate, tradeCosts } from './costs';

describe('A-share trading costs (hand-computed)', () => {
  const c = cnCosts();

  test('stamp duty by trade date: 0.1 % on sells before 2023-08-28, 0.05 % from it, never on buys', () => {
    expect(stampDutyRate(c, 'sell', '2023-08-25')).toBe(0.001);
    expect(stampDutyRate(c, 'sell', '2023-08-28')).toBe(0.0005);
    expect(stampDutyRate(c, 'buy', '2023-08-28')).toBe(0);
    expect(stampDutyRate(c, 'buy', '2021-01-04')).toBe(0);
    expect(stampDutyRate(c, 'buy', '2008-05-05')).toBe(0.001); // both sides 2008-04-24 → 2008-09-18
    // 100 Moutai @ 1,800 = 180,000 CNY sold on 2023-08-25: commission 45, stamp 180, transfer 1.80.
    expect(tradeCosts(c, 'sell', 100, 1800, '2023-08-25')).toEqual({
      commission: 45,
      stampDuty: 180,
      transferFee: 1.8,
      total: 226.8,
    });
    // The same sale on 2023-08-28: stamp 90.
    expect(tradeCosts(c, 'sell', 100, 1800, '2023-08-28').total).toBe(136.8);
    // The buy: commission 45 + transfer 1.80.
    expect(tradeCosts(c, 'buy', 100, 1800, '2023-08-28').total).toBe(46.8);
  });

  test('minimum commission per order: 100 shares @ 10 CNY pays 5, not 0.25', () => {
    expect(tradeCosts(c, 'buy', 100, 10, '2024-01-02')).toEqual({
      commission: 5,
      stampDuty: 0,
      transferFee: 0.01,
      total: 5.01,
    });
    const cheap = cnCosts({ commissionRate: 0.0001, minCommission: 0.1 });
    expect(tradeCosts(cheap, 'buy', 100, 10, '2024-01-02').commission).toBe(0.1);
  });

  test('settings are validated: a negative minimum or dates out of order are refused', () => {
    expect(() => cnCosts({ minCommission: -1 })).toThrow();
    expect(() =>
      cnCosts({
        stampDuty: [
          { from: '2023-08-28', rate: 0.0005, sides: 'sell' },
          { from: '2008-09-19', rate: 0.001, sides: 'sell' },
        ],
      }),
    ).toThrow(/stampDuty dates must ascend/);
  });
});
