import { parseInstrument } from '@algotrader/core';
import { featureOutputKeys, parseFeatureKey } from '@algotrader/features';
import {
  type AnyStrategy,
  defineStrategy,
  NO_DECISIONS,
  type PortfolioView,
  RollingFeed,
  StrategyHost,
} from '@algotrader/strategy';
import { feedBar, streamedFeatureRecords } from '@algotrader/strategy/testing';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { loadBinance1h } from '../test/ohlcv';
import { truncateBars } from './data';
import { runBacktest } from './engine';

/** One feature of every kind, recursive ones included, on several sources. */
const DECLARED = [
  'sma:close:20',
  'ema:close:12',
  'wma:high:10',
  'rsi:close:14',
  'roc:close:48',
  'zscore:volume:30',
  'volatility:close:24:8760',
  'bollinger:close:20:2',
  'macd:close:12:26:9',
  'atr:hlc:14',
  'donchian:hl:20',
];
const OUTPUT_KEYS = DECLARED.flatMap((k) => featureOutputKeys(parseFeatureKey(k)));

/** Records every declared output of every instrument with a bar now: `time k` → values. */
function recorder(seen: Map<string, number[]>): AnyStrategy {
  return defineStrategy({
    kind: 'multi',
    name: 'feature_recorder',
    description: 'records ctx.features (tests only)',
    paramsSchema: z.object({}).strict(),
    timeframes: 'any',
    universe: { min: 2 },
    warmup: () => 1,
    features: () => DECLARED,
    init: () => ({}),
    onBarSet(ctx) {
      ctx.instruments.forEach((_, k) => {
        if (ctx.hasBar(k))
          seen.set(
            `${ctx.time} ${k}`,
            OUTPUT_KEYS.map((key) => ctx.features[k]!.get(key)),
          );
      });
      return NO_DECISIONS;
    },
  });
}

const book: PortfolioView = { cash: 1, equity: 1, position: () => 0, averagePrice: () => Number.NaN };

describe('ctx.features: the backtest and the live runner hand a strategy the same values', () => {
  it('bit for bit, every kind, on real series that start at different times', () => {
    // SOL lists in August 2020: the universe's time loop has instruments without a bar.
    const cut = Date.UTC(2020, 11, 1);
    const series = ['BTC', 'SOL'].map((b) => {
      const s = loadBinance1h(b);
      const from = s.bars.openTime.findIndex((t) => t >= Date.UTC(2020, 6, 1));
      const bars = truncateBars(
        {
          openTime: s.bars.openTime.slice(from),
          open: s.bars.open.slice(from),
          high: s.bars.high.slice(from),
          low: s.bars.low.slice(from),
          close: s.bars.close.slice(from),
          volume: s.bars.volume.slice(from),
        },
        '1h',
        cut,
      );
      return { instrument: parseInstrument(`OKX:${b}/USDT`), bars };
    });
    expect(series[1]!.bars.openTime[0]!).toBeGreaterThan(series[0]!.bars.openTime[0]!);

    const fromBacktest = new Map<string, number[]>();
    runBacktest({
      strategy: recorder(fromBacktest),
      data: { timeframe: '1h', series },
      initialCash: 10_000,
    });

    // The live runner's way: rolling windows, values taken from the streamed records.
    const fromLive = new Map<string, number[]>();
    const feeds = series.map(() => new RollingFeed('1h', 1));
    const host = new StrategyHost({
      strategy: recorder(fromLive),
      params: {},
      instruments: series.map((s) => s.instrument),
      windows: feeds.map((f) => f.window),
      portfolio: book,
    });
    const specs = DECLARED.map(parseFeatureKey);
    const records = series.map((s) => streamedFeatureRecords(specs, s.bars));
    const next = series.map(() => 0);
    for (;;) {
      let open = Number.POSITIVE_INFINITY;
      series.forEach((s, k) => {
        open = Math.min(open, s.bars.openTime[next[k]!] ?? Number.POSITIVE_INFINITY);
      });
      if (open === Number.POSITIVE_INFINITY) break;
      series.forEach((s, k) => {
        const i = next[k]!;
        if (s.bars.openTime[i] !== open) return;
        feedBar(feeds[k]!, host, k, s.bars, i, records[k]![i]!);
        next[k] = i + 1;
      });
      host.step(open + 3_600_000);
    }

    const bars = series.reduce((n, s) => n + s.bars.openTime.length, 0);
    expect(fromBacktest.size).toBe(bars);
    expect([...fromLive.keys()]).toEqual([...fromBacktest.keys()]);
    let finite = 0;
    for (const [key, values] of fromBacktest) {
      const live = fromLive.get(key)!;
      values.forEach((v, j) => {
        // Object.is: equal bits, NaN (warm-up) equal to NaN.
        if (!Object.is(v, live[j])) expect.fail(`${key} ${OUTPUT_KEYS[j]}: backtest ${v}, live ${live[j]}`);
        if (Number.isFinite(v)) finite++;
      });
    }
    expect(finite, 'most values are past warm-up').toBeGreaterThan(0.9 * bars * OUTPUT_KEYS.length);
  });

  it('stops a backtest whose strategy reads a feature it did not declare, naming both', () => {
    const s = loadBinance1h('BTC');
    const bars = truncateBars(s.bars, '1h', s.bars.openTime[50]!);
    const sneaky = defineStrategy({
      kind: 'single',
      name: 'sneaky',
      description: 'reads an undeclared feature (tests only)',
      paramsSchema: z.object({}).strict(),
      timeframes: 'any',
      warmup: () => 1,
      features: () => ['sma:close:10'],
      init: () => ({}),
      onBar(ctx) {
        ctx.features.get('sma:close:11');
        return NO_DECISIONS;
      },
    });
    expect(() =>
      runBacktest({
        strategy: sneaky,
        data: { timeframe: '1h', series: [s].map(() => ({ ...s, bars })) },
        initialCash: 1,
      }),
    ).toThrow(
      /strategy sneaky read feature 'sma:close:11', which it does not declare .*declared: sma:close:10/,
    );
  });
});
