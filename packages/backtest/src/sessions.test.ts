import {
  ALWAYS_OPEN,
  type BarColumns,
  emptyColumns,
  NYSE,
  parseDay,
  parseIbkrInstrument,
} from '@algotrader/core';
import { US_STOCK_SPEC } from '@algotrader/portfolio';
import { targetUnits } from '@algotrader/strategy';
import { describe, expect, it } from 'vitest';
import { scripted } from '../test/helpers';
import { runBacktest } from './engine';
import { computeMetrics } from './metrics';

const SPY = parseIbkrInstrument('IBKR:SPY');

/** Daily bars keyed by session date: [date, open, high, low, close]. */
function daily(rows: readonly (readonly [string, number, number, number, number])[]): BarColumns {
  const c = emptyColumns(rows.length);
  rows.forEach(([d, o, h, l, cl], i) => {
    c.openTime[i] = parseDay(d);
    c.open[i] = o;
    c.high[i] = h;
    c.low[i] = l;
    c.close[i] = cl;
    c.volume[i] = 1e6;
  });
  return c;
}

// Thanksgiving week 2020: Friday 20th, the weekend, Mon–Wed, Thursday 26th closed, Friday 27th closes at 13:00.
const week = daily([
  ['2020-11-19', 95, 96, 94, 95],
  ['2020-11-20', 96, 97, 95, 96], // decision at its close (Sat 00:00 UTC): hold 10
  ['2020-11-23', 100, 102, 99, 101], // fills here, Monday's open
  ['2020-11-24', 101, 104, 100, 103],
  ['2020-11-25', 104, 106, 103, 105], // decision: hold 0 (Thursday is a holiday)
  ['2020-11-27', 110, 111, 108, 109], // fills here, Friday's open
]);
const script = {
  [parseDay('2020-11-21')]: (i: typeof SPY) => [targetUnits(i, 10.7)],
  [parseDay('2020-11-26')]: (i: typeof SPY) => [targetUnits(i, 0)],
};

describe('backtest on the NYSE calendar, by hand', () => {
  const r = runBacktest({
    strategy: scripted(script),
    data: { timeframe: '1d', series: [{ instrument: SPY, bars: week, spec: US_STOCK_SPEC }] },
    initialCash: 10_000,
    calendar: NYSE,
    fillModel: { commission: { kind: 'ibkr_fixed' } },
  });

  it("a decision on Friday's bar fills at Monday's open, in whole shares, at 09:30 New York", () => {
    const buy = r.fills[0]!;
    // 10.7 target units → 10 whole shares; Monday 2020-11-23 09:30 EST = 14:30 UTC.
    expect(buy).toMatchObject({ side: 'buy', qty: 10, price: 100, time: Date.UTC(2020, 10, 23, 14, 30) });
    // IBKR fixed: 10 × $0.005 = $0.05, below the $1.00 minimum → $1.00; no regulatory fees on a buy.
    expect(buy.fee).toBe(1);
  });

  it('a decision before the Thanksgiving holiday fills at the next session (Friday) with SEC and FINRA fees', () => {
    const sell = r.fills[1]!;
    expect(sell).toMatchObject({ side: 'sell', qty: 10, price: 110, time: Date.UTC(2020, 10, 27, 14, 30) });
    // Commission $1.00 (minimum); SEC 1100 × 27.80/10⁶ = 0.03058 → $0.04; FINRA TAF 10 × 0.000166 → $0.01.
    expect(sell.fee).toBeCloseTo(1.05, 12);
    // Cash: 10000 − 1000 − 1 + 1100 − 1.05.
    expect(r.finalEquity).toBeCloseTo(10_097.95, 9);
    expect(r.trades[0]!.pnl).toBeCloseTo(97.95, 9);
  });

  it('annualises daily returns by 252 trading days and says so', () => {
    const m = computeMetrics(r);
    expect(m.annualisation).toEqual({
      periodsPerYear: 252,
      basis: '252 periods per year (252 nyse trading days)',
    });
    const m24 = computeMetrics({ ...r, calendar: ALWAYS_OPEN });
    expect(m24.annualisation.periodsPerYear).toBe(365);
    // Same returns, √(252/365) times the volatility.
    expect(m.annualVolatility / m24.annualVolatility).toBeCloseTo(Math.sqrt(252 / 365), 12);
  });

  it('the 24/7 default is unchanged: fills stamped at the bar open (00:00 UTC)', () => {
    const r24 = runBacktest({
      strategy: scripted(script),
      data: { timeframe: '1d', series: [{ instrument: SPY, bars: week, spec: US_STOCK_SPEC }] },
      initialCash: 10_000,
    });
    expect(r24.fills.map((f) => f.time)).toEqual([parseDay('2020-11-23'), parseDay('2020-11-27')]);
    expect(r24.fills[0]!.fee).toBeCloseTo(1000 * 0.001, 12); // the default taker fraction
  });

  it('refuses a bar on a holiday or a weekend, naming it', () => {
    const run = (d: string) => () =>
      runBacktest({
        strategy: scripted({}),
        data: { timeframe: '1d', series: [{ instrument: SPY, bars: daily([[d, 1, 1, 1, 1]]) }] },
        initialCash: 1000,
        calendar: NYSE,
      });
    expect(run('2020-11-26')).toThrow(/bar 0 at 2020-11-26T00:00:00.000Z lies outside every nyse session/);
    expect(run('2020-11-21')).toThrow(/outside every nyse session/);
    expect(run('2020-11-27')).not.toThrow();
  });

  it('hourly: a decision at an early close (13:00 New York) fills at the next session open, annualised by session hours', () => {
    // 2020-11-27 closes 13:00 EST = 18:00 UTC: hourly bars on the UTC hour 14:00–17:00 overlap it.
    const opens = [14, 15, 16, 17].map((h) => Date.UTC(2020, 10, 27, h));
    const monday = [14, 15].map((h) => Date.UTC(2020, 10, 30, h));
    const c = emptyColumns(6);
    [...opens, ...monday].forEach((t, i) => {
      c.openTime[i] = t;
      c.open[i] = 100 + i;
      c.high[i] = 101 + i;
      c.low[i] = 99 + i;
      c.close[i] = 100 + i;
      c.volume[i] = 1000;
    });
    const h = runBacktest({
      strategy: scripted({ [Date.UTC(2020, 10, 27, 18)]: (i) => [targetUnits(i, 5)] }),
      data: { timeframe: '1h', series: [{ instrument: SPY, bars: c, spec: US_STOCK_SPEC }] },
      initialCash: 10_000,
      calendar: NYSE,
      fillModel: { commission: { kind: 'ibkr_tiered' } },
    });
    // Monday's first bar opens 09:00 EST; the session (and the fill) at 09:30 = 14:30 UTC, price its open 104.
    expect(h.fills[0]).toMatchObject({ qty: 5, price: 104, time: Date.UTC(2020, 10, 30, 14, 30) });
    // Tiered: 5 × 0.0035 = 0.0175 → minimum 0.35 (below 1% of 520) + clearing 5 × 0.0002.
    expect(h.fills[0]!.fee).toBeCloseTo(0.351, 12);
    expect(computeMetrics(h).annualisation).toEqual({
      periodsPerYear: 1764,
      basis: '1764 periods per year (252 nyse sessions × 7 bars of 60 min in 6.5 session hours)',
    });
    // A bar entirely after the early close is refused.
    c.openTime[3] = Date.UTC(2020, 10, 27, 18);
    expect(() =>
      runBacktest({
        strategy: scripted({}),
        data: { timeframe: '1h', series: [{ instrument: SPY, bars: c }] },
        initialCash: 1,
        calendar: NYSE,
      }),
    ).toThrow(/bar 3 at 2020-11-27T18:00:00.000Z lies outside/);
  });

  it('session-aligned hourly bars: the 12:30 bar of an early close decides at 13:00 and fills at the next 09:30', () => {
    // 2020-11-27 closes at 13:00 EST (18:00 UTC): bars 09:30, 10:30, 11:30, 12:30–13:00; Monday 09:30, 10:30.
    const opens = [
      Date.UTC(2020, 10, 27, 14, 30),
      Date.UTC(2020, 10, 27, 15, 30),
      Date.UTC(2020, 10, 27, 16, 30),
      Date.UTC(2020, 10, 27, 17, 30),
      Date.UTC(2020, 10, 30, 14, 30),
      Date.UTC(2020, 10, 30, 15, 30),
    ];
    const c = emptyColumns(opens.length);
    opens.forEach((t, i) => {
      c.openTime[i] = t;
      c.open[i] = 200 + i;
      c.high[i] = 201 + i;
      c.low[i] = 199 + i;
      c.close[i] = 200 + i;
      c.volume[i] = 1000;
    });
    const decideAt = Date.UTC(2020, 10, 27, 18); // 13:00 EST, not 13:30
    const r = runBacktest({
      strategy: scripted({ [decideAt]: (i) => [targetUnits(i, 3)] }),
      data: { timeframe: '1h', series: [{ instrument: SPY, bars: c, spec: US_STOCK_SPEC }] },
      initialCash: 10_000,
      calendar: NYSE,
      fillModel: { commission: { kind: 'ibkr_fixed' } },
    });
    expect(Array.from(r.equity.time.slice(2, 5))).toEqual([
      Date.UTC(2020, 10, 27, 17, 30),
      decideAt,
      Date.UTC(2020, 10, 30, 15, 30),
    ]);
    // Monday's 09:30 bar (open 204): 3 shares, $1 minimum commission.
    expect(r.fills).toHaveLength(1);
    expect(r.fills[0]).toMatchObject({
      side: 'buy',
      qty: 3,
      price: 204,
      time: Date.UTC(2020, 10, 30, 14, 30),
      fee: 1,
    });
  });
});
