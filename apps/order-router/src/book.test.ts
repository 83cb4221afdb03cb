import { parsePipelineConfig } from '@algotrader/pipeline';
import { Account, DAY_MS } from '@algotrader/portfolio';
import { describe, expect, test } from 'vitest';
import { bookFill, markAndRevalue } from './book';

const p = parsePipelineConfig({
  instruments: ['OKX:BTC/USDT'],
  strategies: [{ name: 'sma_cross', instruments: ['OKX:BTC/USDT'] }],
  specs: { 'OKX:BTC/USDT': { lotSize: 0.00000001 } },
});
const KEY = 'OKX:BTC/USDT';
const fill = (qty: number, price: number, fee: number, feeCurrency: string) => ({
  tradeId: 't1',
  qty,
  price,
  fee,
  feeCurrency,
  timeMs: 0,
  maker: false,
});

describe('booking venue fills in the Account', () => {
  test('a fee in the base coin leaves what the exchange holds; cash moves by qty × price', () => {
    const a = Account.open({ initialCash: 10_000, specs: p.specs });
    expect(bookFill(a, p, KEY, 'buy', fill(0.3, 30_000, 0.0003, 'BTC'))).toBeUndefined();
    expect(a.qty(0)).toBeCloseTo(0.2997, 12);
    expect(a.cash).toBeCloseTo(1_000, 9);
    expect(a.position(0).fees).toBeCloseTo(9, 9);
  });

  test('a fee in the quote currency is a fee; one in a third currency is booked as zero and said so', () => {
    const a = Account.open({ initialCash: 10_000, specs: p.specs });
    bookFill(a, p, KEY, 'buy', fill(0.1, 30_000, 3, 'USDT'));
    expect(a.cash).toBeCloseTo(6_997, 9);
    expect(bookFill(a, p, KEY, 'sell', fill(0.05, 30_000, 0.2, 'OKB'))).toMatch(/OKB .* booked as 0/);
    expect(a.cash).toBeCloseTo(8_497, 9);
  });

  test('a bar set marks and values the account; a new day starts at the last valuation', () => {
    const a = Account.open({ initialCash: 10_000, specs: p.specs });
    const bar = (close: number) => new Map([[KEY, { close } as never]]);
    const day1 = 20_000 * DAY_MS + 23 * 3_600_000; // bar 22:00-23:00
    markAndRevalue(a, p, day1, bar(30_000));
    bookFill(a, p, KEY, 'buy', fill(0.1, 30_000, 0, 'USDT'));
    markAndRevalue(a, p, day1 + 3_600_000, bar(40_000)); // 23:00-24:00, same day
    expect(a.valuedEquity).toBe(11_000);
    expect(a.dayStartEquity).toBe(10_000);
    markAndRevalue(a, p, day1 + 2 * 3_600_000, bar(20_000)); // next day
    expect(a.dayStartEquity).toBe(11_000);
    expect(a.peakEquity).toBe(11_000);
    expect(a.valuedEquity).toBe(9_000);
  });
});
