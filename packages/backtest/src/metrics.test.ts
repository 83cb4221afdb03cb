import { parseInstrument, timeframeMs } from '@algotrader/core';
import { targetUnits } from '@algotrader/strategy';
import { describe, expect, it } from 'vitest';
import { barsOf, HOUR, scripted } from '../test/helpers';
import { runBacktest } from './engine';
import { computeMetrics, equityMetrics, periodsPerYear, tradeMetrics, YEAR_MS } from './metrics';
import type { Trade } from './trades';

const DAY = timeframeMs('1d');

/** A curve from per-bar returns, starting at 100 at time `start`; point i is at start + (i+1)·tf. */
function curve(returns: number[], tfMs: number, start = 0) {
  const equity: number[] = [];
  let e = 100;
  for (const r of returns) {
    e *= 1 + r;
    equity.push(e);
  }
  return {
    time: returns.map((_, i) => start + (i + 1) * tfMs),
    equity,
    initialEquity: 100,
    startTime: start,
    tfMs,
  };
}

describe('equityMetrics', () => {
  it('annualises 24/7 bars: 8760 hourly or 365 daily periods per year', () => {
    expect(periodsPerYear(HOUR)).toBe(8760);
    expect(periodsPerYear(DAY)).toBe(365);
  });

  it('gives a constant-growth curve its growth rate as CAGR', () => {
    // 0.01% per hour for exactly one year: CAGR = 1.0001^8760 − 1.
    const m = equityMetrics(curve(new Array(8760).fill(0.0001), HOUR));
    expect(m.cagr).toBeCloseTo(1.0001 ** 8760 - 1, 9);
    expect(m.totalReturn).toBeCloseTo(1.0001 ** 8760 - 1, 9);
    // 0.1% per day for two years: CAGR = 1.001^365 − 1 (the same yearly growth, twice).
    const two = equityMetrics(curve(new Array(730).fill(0.001), DAY));
    expect(two.cagr).toBeCloseTo(1.001 ** 365 - 1, 10);
    expect(two.totalReturn).toBeCloseTo(1.001 ** 730 - 1, 10);
    expect(two.maxDrawdown.depth).toBe(0);
    expect(two.calmar).toBeNaN();
  });

  it('finds a known drawdown: 120 → 90 is −25%, recovered when 130 exceeds 120', () => {
    const time = [1, 2, 3, 4, 5, 6].map((d) => d * DAY);
    const m = equityMetrics({
      time,
      equity: [110, 120, 90, 100, 130, 125],
      initialEquity: 100,
      startTime: 0,
      tfMs: DAY,
    });
    expect(m.maxDrawdown).toEqual({
      depth: 0.25,
      start: 2 * DAY,
      trough: 3 * DAY,
      end: 5 * DAY,
      durationMs: 3 * DAY,
    });
    // CAGR over 6 days: 1.25^(365/6) − 1; Calmar = CAGR / 0.25.
    expect(m.cagr).toBeCloseTo(1.25 ** (365 / 6) - 1, 6);
    expect(m.calmar).toBeCloseTo(m.cagr / 0.25, 9);
  });

  it('reports an unrecovered drawdown as lasting to the end', () => {
    const time = [1, 2, 3, 4].map((d) => d * DAY);
    const m = equityMetrics({ time, equity: [100, 80, 60, 70], initialEquity: 100, startTime: 0, tfMs: DAY });
    // The peak is the initial equity at the start time.
    expect(m.maxDrawdown).toEqual({ depth: 0.4, start: 0, trough: 3 * DAY, end: null, durationMs: 4 * DAY });
  });

  it('computes Sharpe and Sortino from bar returns', () => {
    // Returns 1%, −1%, 2%, 0%: mean 0.5%, sample sd √(0.0005/3), downside dev √(0.01²/4) = 0.5%.
    const c = curve([0.01, -0.01, 0.02, 0], DAY);
    const m = equityMetrics(c);
    const sd = Math.sqrt(0.0005 / 3);
    expect(m.sharpe).toBeCloseTo((0.005 / sd) * Math.sqrt(365), 9);
    expect(m.sortino).toBeCloseTo((0.005 / 0.005) * Math.sqrt(365), 9);
    expect(m.annualVolatility).toBeCloseTo(sd * Math.sqrt(365), 12);
    // A 3.65% risk-free rate is 0.01% per day.
    const rf = equityMetrics(c, { riskFreeRate: 0.0365 });
    expect(rf.sharpe).toBeCloseTo(((0.005 - 0.0001) / sd) * Math.sqrt(365), 9);
  });

  it('splits returns by UTC month of the bar (close time − 1 ms), each against the previous month end', () => {
    const jan1 = Date.UTC(2021, 0, 1);
    const days = (Date.UTC(2021, 3, 1) - jan1) / DAY; // Jan..Mar 2021: 90 daily bars
    const time = Array.from({ length: days }, (_, i) => jan1 + (i + 1) * DAY);
    // The bar closing at Feb 1 00:00 is January's last bar; the run ends with March's last bar, so
    // there is no empty April.
    const equity = time.map((t) => (t <= Date.UTC(2021, 1, 1) ? 110 : t <= Date.UTC(2021, 2, 1) ? 99 : 99));
    const m = equityMetrics({ time, equity, initialEquity: 100, startTime: jan1, tfMs: DAY });
    expect(Object.keys(m.monthlyReturns)).toEqual(['2021-01', '2021-02', '2021-03']);
    expect(m.monthlyReturns['2021-01']).toBeCloseTo(0.1, 12);
    expect(m.monthlyReturns['2021-02']).toBeCloseTo(-0.1, 12);
    expect(m.monthlyReturns['2021-03']).toBe(0);
  });

  it('measures exposure as the share of time invested', () => {
    const m = equityMetrics({ ...curve([0, 0, 0, 0], DAY), exposure: [0, 0.5, 1, 0] });
    expect(m.exposure).toBe(0.5);
    expect(m.avgExposure).toBe(0.375);
    expect(YEAR_MS).toBe(365 * 24 * HOUR);
  });
});

describe('tradeMetrics', () => {
  const X = parseInstrument('BINANCE:X/USDT');
  const trade = (pnl: number, hours: number): Trade => ({
    instrument: X,
    entryTime: 0,
    exitTime: hours * HOUR,
    entryPrice: 100,
    exitPrice: 100 + pnl,
    qty: 1,
    pnl,
    return: pnl / 100,
    fees: 0,
    holdingMs: hours * HOUR,
    exitReason: 'signal',
  });

  it('counts wins, losses, streaks, profit factor and expectancy', () => {
    const trades = [trade(10, 1), trade(20, 2), trade(-5, 3), trade(-5, 4), trade(-5, 5), trade(30, 9)];
    const m = tradeMetrics(trades);
    expect(m).toMatchObject({
      tradeCount: 6,
      winRate: 0.5,
      profitFactor: 60 / 15,
      expectancy: 45 / 6,
      avgWin: 20,
      avgLoss: -5,
      avgHoldingMs: 4 * HOUR,
      maxConsecutiveWins: 2,
      maxConsecutiveLosses: 3,
    });
    expect(m.bestTrade).toBe(trades[5]);
    expect(m.worstTrade).toBe(trades[2]);
  });

  it('is undefined (NaN) without trades and infinite profit factor without losses', () => {
    expect(tradeMetrics([]).winRate).toBeNaN();
    expect(tradeMetrics([]).bestTrade).toBeNull();
    expect(tradeMetrics([trade(1, 1)]).profitFactor).toBe(Number.POSITIVE_INFINITY);
  });
});

describe('computeMetrics on a backtest', () => {
  it('adds fees and turnover from the fills', () => {
    const X = parseInstrument('BINANCE:X/USDT');
    const r = runBacktest({
      strategy: scripted({ [2 * HOUR]: (i) => [targetUnits(i, 2)], [4 * HOUR]: (i) => [targetUnits(i, 0)] }),
      data: {
        timeframe: '1h',
        series: [
          {
            instrument: X,
            bars: barsOf([
              [100, 101, 99, 100, 10],
              [100, 106, 99, 105, 10],
              [104, 111, 103, 110, 10],
              [110, 121, 109, 120, 10],
              [118, 119, 113, 115, 10],
            ]),
          },
        ],
      },
      initialCash: 1000,
      fillModel: { fees: { maker: 0, taker: 0.001 } },
    });
    const m = computeMetrics(r);
    // Buy 2 @ 104, sell 2 @ 118: fees 0.208 + 0.236; equity 1000, 1000, 791.792+220, 791.792+240, 791.792+236−0.236 = 1027.556.
    expect(m.feesPaid).toBeCloseTo(0.444, 12);
    const meanEquity = (1000 + 1000 + 1011.792 + 1031.792 + 1027.556) / 5;
    expect(m.turnover).toBeCloseTo((208 + 236) / meanEquity, 12);
    expect(m.tradeCount).toBe(1);
    expect(m.exposure).toBe(2 / 5);
    expect(m.totalReturn).toBeCloseTo(0.027556, 12);
    expect(m.startTime).toBe(0);
    expect(m.endTime).toBe(5 * HOUR);
    expect(m.maxDrawdown.depth).toBeCloseTo(1 - 1027.556 / 1031.792, 12);
  });
});
