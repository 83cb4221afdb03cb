import { type CashDividend, emptyColumns, NYSE, parseDay, parseIbkrInstrument } from '@algotrader/core';
import { US_STOCK_SPEC } from '@algotrader/portfolio';
import { targetUnits } from '@algotrader/strategy';
import { describe, expect, it } from 'vitest';
import { scripted } from '../test/helpers';
import { runBacktest } from './engine';

const SPY = parseIbkrInstrument('IBKR:SPY');

/** Daily bars (open = close = price) on the given session dates. */
function days(rows: readonly (readonly [string, number])[]) {
  const c = emptyColumns(rows.length);
  rows.forEach(([d, p], i) => {
    c.openTime[i] = parseDay(d);
    c.open[i] = p;
    c.high[i] = p;
    c.low[i] = p;
    c.close[i] = p;
    c.volume[i] = 1e6;
  });
  return c;
}

// 2021-03-01 (Mon) … 2021-03-05 (Fri); the ex-date is Wednesday 03-03: the price drops by the $2 dividend.
const bars = days([
  ['2021-03-01', 100],
  ['2021-03-02', 100],
  ['2021-03-03', 98],
  ['2021-03-04', 98],
  ['2021-03-05', 98],
]);
const div: CashDividend = { instrument: SPY, exDay: parseDay('2021-03-03'), perShare: 2, source: 'test' };
const run = (script: Parameters<typeof scripted>[0], dividends: readonly CashDividend[] = [div]) =>
  runBacktest({
    strategy: scripted(script),
    data: { timeframe: '1d', series: [{ instrument: SPY, bars, spec: US_STOCK_SPEC }] },
    initialCash: 10_000,
    calendar: NYSE,
    fillModel: { fees: { maker: 0, taker: 0 } },
    dividends,
  });
const at = (d: string) => parseDay(d);

describe('cash dividends in the backtest', () => {
  it('held over the ex-date: 10 shares × $2 credited on the ex-date’s bar; equity whole across the drop', () => {
    // Decision at Monday's close (Tue 00:00 UTC): hold 10, filled at Tuesday's open (100).
    const r = run({ [at('2021-03-02')]: (i) => [targetUnits(i, 10)] });
    expect(r.fills.map((f) => [f.qty, f.price])).toEqual([[10, 100]]);
    expect(r.dividends).toEqual([
      { time: at('2021-03-03'), instrument: SPY, qty: 10, perShare: 2, amount: 20 },
    ]);
    // Cash 10000 − 1000 + 20; shares 10 × 98: the $2 drop is paid back in cash.
    expect(r.finalEquity).toBe(10_000 - 1000 + 20 + 980);
    const without = run({ [at('2021-03-02')]: (i) => [targetUnits(i, 10)] }, []);
    expect(without.finalEquity).toBe(10_000 - 1000 + 980);
    expect(without.dividends).toEqual([]);
  });

  it('sold at the ex-date’s open: still the holder of record, credited; bought at it: not', () => {
    const sold = run({
      [at('2021-03-02')]: (i) => [targetUnits(i, 10)],
      [at('2021-03-03')]: (i) => [targetUnits(i, 0)], // fills at Wednesday's open
    });
    expect(sold.fills.map((f) => [f.side, f.time])).toEqual([
      ['buy', Date.UTC(2021, 2, 2, 14, 30)],
      ['sell', Date.UTC(2021, 2, 3, 14, 30)],
    ]);
    expect(sold.dividends?.map((d) => d.amount)).toEqual([20]);
    const bought = run({ [at('2021-03-03')]: (i) => [targetUnits(i, 10)] });
    expect(bought.fills[0]!.time).toBe(Date.UTC(2021, 2, 3, 14, 30));
    expect(bought.dividends).toEqual([]);
  });

  it('a dividend of an instrument not in the backtest is refused', () => {
    expect(() => run({}, [{ ...div, instrument: parseIbkrInstrument('IBKR:AAPL') }])).toThrow(
      /a dividend of IBKR:AAPL\/USD was given, but the backtest has no such instrument/,
    );
  });
});
