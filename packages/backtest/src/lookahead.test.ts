import {
  type AnyStrategy,
  bollingerReversion,
  defineStrategy,
  NO_DECISIONS,
  smaCross,
  targetUnits,
  xsMomentum,
} from '@algotrader/strategy';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { loadBinance1h, SYMBOLS_1H } from '../test/ohlcv';
import { type BacktestData, truncateBars } from './data';
import { lookaheadCheck } from './lookahead';

const btc: BacktestData = { timeframe: '1h', series: [loadBinance1h('BTC')] };
/** The first 8000 bars: the cheat decides at every bar, so a shorter run keeps the test quick. */
const btcHead: BacktestData = {
  timeframe: '1h',
  series: [
    {
      instrument: btc.series[0]!.instrument,
      bars: truncateBars(btc.series[0]!.bars, '1h', btc.series[0]!.bars.openTime[7999]! + 3_600_000),
    },
  ],
};

/**
 * A cheat: built from the data set, it reads the raw close column outside the strategy API and
 * holds 1 unit exactly when the NEXT close is higher. It emits a decision at every bar it can.
 */
const peeking = (data: BacktestData): AnyStrategy => {
  const { openTime, close } = data.series[0]!.bars;
  const row = new Map<number, number>();
  openTime.forEach((t, i) => {
    row.set(t + 3_600_000, i);
  });
  return defineStrategy({
    kind: 'single',
    name: 'peeking',
    description: 'looks one bar ahead through captured arrays',
    paramsSchema: z.object({}).strict(),
    timeframes: 'any',
    warmup: () => 1,
    init: () => ({}),
    onBar(ctx) {
      const i = row.get(ctx.time)!;
      const next = close[i + 1];
      if (next === undefined) return NO_DECISIONS;
      return [targetUnits(ctx.instrument, next > close[i]! ? 0.01 : 0)];
    },
  });
};

describe('lookaheadCheck', () => {
  it('flags a strategy that peeks at the next bar through raw arrays', () => {
    const report = lookaheadCheck(peeking, {}, btcHead);
    expect(btcHead.series[0]!.bars.close).toHaveLength(8000);
    expect(report.ok).toBe(false);
    expect(report.cuts).toHaveLength(8);
    // At every cut, the decision at the cut itself needed the bar after it.
    for (const cut of report.cuts) {
      expect(report.violations).toContainEqual(expect.objectContaining({ cut, time: cut, truncated: '' }));
    }
  });

  it('passes sma_cross', () => {
    const report = lookaheadCheck(smaCross, {}, btc);
    expect(report.violations).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.compared).toBeGreaterThan(1000);
  });

  it('passes bollinger_reversion', () => {
    const report = lookaheadCheck(bollingerReversion, { sizing: { kind: 'fixed', qty: 0.01 } }, btc);
    expect(report.violations).toEqual([]);
    expect(report.compared).toBeGreaterThan(500);
  });

  it('passes xs_momentum over ten symbols', () => {
    const data: BacktestData = { timeframe: '1h', series: SYMBOLS_1H.map((s) => loadBinance1h(s)) };
    const report = lookaheadCheck(xsMomentum, { lookback: 72, top: 3, rebalanceEvery: 24 }, data, {
      cuts: 4,
    });
    expect(report.violations).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.compared).toBeGreaterThan(1000);
  });
});
