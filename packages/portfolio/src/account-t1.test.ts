import { parseInstrument } from '@algotrader/core';
import { describe, expect, test } from 'vitest';
import { Account } from './account';
import { instrumentSpec } from './spec';

// Moutai (SSE:600519) raw opens from the bundled data: 2021-09-29 1,809.00; 2021-09-30 1,818.18.
const MOUTAI = instrumentSpec(parseInstrument('SSE:600519/CNY'), {
  lotSize: 100,
  minQty: 100,
  tickSize: 0.01,
});
const D29 = Date.parse('2021-09-29T01:30:00Z'); // 09:30 Shanghai
const D29_PM = Date.parse('2021-09-29T06:00:00Z'); // 14:00 Shanghai
const D30 = Date.parse('2021-09-30T01:30:00Z');
const SHANGHAI = -8 * 3_600_000; // the day begins at 00:00 Asia/Shanghai (16:00 UTC the day before)

describe('Account T+1 (A-shares)', () => {
  test('shares bought today cannot be sold today; the next day they can', () => {
    const a = Account.open({ initialCash: 400_000, specs: [MOUTAI], tPlusOne: true, dayOffsetMs: SHANGHAI });
    a.applyFill(0, 'buy', 100, 1809, 47.04, D29);
    expect(a.qty(0)).toBe(100);
    expect(a.sellable(0, D29_PM)).toBe(0);
    expect(() => a.applyFill(0, 'sell', 100, 1810, 0, D29_PM)).toThrow(
      'sell of 100 exceeds the 0 sellable (T+1: 100 bought today)',
    );
    expect(a.qty(0)).toBe(100); // nothing booked by the refused sell
    expect(a.sellable(0, D30)).toBe(100);
    a.applyFill(0, 'sell', 100, 1818.18, 229.09, D30);
    expect(a.qty(0)).toBe(0);
    expect(a.cash).toBeCloseTo(400_000 - 180_900 - 47.04 + 181_818 - 229.09, 6);
  });

  test('what was held before today stays sellable; the lock survives a snapshot', () => {
    const a = Account.open({ initialCash: 800_000, specs: [MOUTAI], tPlusOne: true, dayOffsetMs: SHANGHAI });
    a.applyFill(0, 'buy', 200, 1809, 0, D29);
    a.applyFill(0, 'buy', 100, 1818.18, 0, D30);
    expect(a.sellable(0, D30)).toBe(200);
    const b = Account.restore(
      { specs: [MOUTAI], tPlusOne: true, dayOffsetMs: SHANGHAI },
      JSON.parse(JSON.stringify(a.snapshot())),
    );
    expect(b.sellable(0, D30)).toBe(200);
    b.applyFill(0, 'sell', 200, 1820, 0, D30);
    expect(() => b.applyFill(0, 'sell', 100, 1820, 0, D30)).toThrow(/exceeds the 0 sellable/);
    expect(b.sellable(0, D30 + 86_400_000)).toBe(100);
  });

  test('a T+1 fill without its time is refused; a T+0 account is unchanged', () => {
    const a = Account.open({ initialCash: 400_000, specs: [MOUTAI], tPlusOne: true });
    expect(() => a.applyFill(0, 'buy', 100, 1809, 0)).toThrow(/needs its time/);
    const t0 = Account.open({ initialCash: 400_000, specs: [MOUTAI] });
    t0.applyFill(0, 'buy', 100, 1809, 0, D29);
    expect(t0.sellable(0, D29)).toBe(100);
    t0.applyFill(0, 'sell', 100, 1809, 0, D29);
    expect(t0.snapshot().positions['SSE:600519/CNY']?.locked).toBeUndefined();
  });
});
