import { AlgoError, type BarColumns, type Instrument, isAlgoError, parseInstrument } from '@algotrader/core';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { decisionKey, NO_DECISIONS, targetFraction, targetUnits, validateDecision } from './decision';
import { bollingerReversion } from './examples/bollinger-reversion';
import { smaCross } from './examples/sma-cross';
import { xsMomentum } from './examples/xs-momentum';
import { ColumnFeatureFeed, declaredFeatures } from './features';
import { StrategyHost } from './host';
import { createRegistry, getStrategy, listStrategies, registerStrategy, StrategyRegistry } from './registry';
import {
  type AnyStrategy,
  defineStrategy,
  type PortfolioView,
  parseParams,
  snapshotState,
  windowCapacity,
} from './strategy';
import { barRow, feedBar as feedOne, randomWalkBars, streamedFeatureRecords } from './testing.test-helper';
import { ColumnFeed, RollingFeed } from './window';

const BTC = parseInstrument('OKX:BTC/USDT');
const ETH = parseInstrument('OKX:ETH/USDT');
const book: PortfolioView = { cash: 1000, equity: 1000, position: () => 0, averagePrice: () => Number.NaN };

function codeOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    return isAlgoError(e) ? e.code : `not an AlgoError: ${String(e)}`;
  }
  return 'no error';
}

describe('registry', () => {
  it('starts with the built-ins', () => {
    expect(listStrategies().map((s) => s.name)).toEqual([
      'bollinger_reversion',
      'sma_cross',
      'topk_dropout',
      'xs_momentum',
    ]);
    expect(getStrategy('sma_cross')).toBe(smaCross);
  });

  it('refuses unknown names and duplicates', () => {
    expect(codeOf(() => getStrategy('nope'))).toBe('E_NOT_FOUND');
    expect(codeOf(() => registerStrategy(smaCross))).toBe('E_CONFLICT');
    const r = new StrategyRegistry();
    expect(codeOf(() => r.register({ ...smaCross, name: 'Bad Name' }))).toBe('E_ARGUMENT');
  });

  it('registers a new strategy in the process-wide registry', () => {
    const mine = defineStrategy({ ...smaCross, name: 'my_sma_for_registry_test' });
    registerStrategy(mine);
    expect(getStrategy('my_sma_for_registry_test')).toBe(mine);
    expect(createRegistry().has('my_sma_for_registry_test')).toBe(false);
  });
});

describe('parameters', () => {
  it('applies visible defaults', () => {
    expect(parseParams(smaCross, {})).toEqual({
      fast: 20,
      slow: 50,
      sizing: { kind: 'equity_fraction', fraction: 0.98 },
    });
    expect(parseParams(xsMomentum, undefined)).toEqual({
      lookback: 168,
      top: 3,
      rebalanceEvery: 24,
      investFraction: 0.98,
    });
    expect(parseParams(bollingerReversion, { sizing: { kind: 'fixed', qty: 2 } }).sizing).toEqual({
      kind: 'fixed',
      qty: 2,
    });
  });

  it('rejects unknown keys and inconsistent values with E_CONFIG', () => {
    expect(codeOf(() => parseParams(smaCross, { fast: 5, slow: 10, fsat: 3 }))).toBe('E_CONFIG');
    expect(codeOf(() => parseParams(smaCross, { fast: 50, slow: 20 }))).toBe('E_CONFIG');
    expect(codeOf(() => parseParams(smaCross, { sizing: { kind: 'equity_fraction', fraction: 1.5 } }))).toBe(
      'E_CONFIG',
    );
  });

  it('sizes windows by the declared warm-up, at least one bar', () => {
    const reads = (n: number): AnyStrategy =>
      ({ ...scripted(() => NO_DECISIONS), warmup: () => n }) as AnyStrategy;
    expect(windowCapacity(reads(7), {})).toBe(7);
    expect(windowCapacity(reads(0), {})).toBe(1);
    // The examples read their indicators as declared features, not from the window.
    expect(windowCapacity(smaCross, parseParams(smaCross, { fast: 3, slow: 7 }))).toBe(1);
  });

  it('derives the declared features from the parameters', () => {
    expect(smaCross.features!(parseParams(smaCross, { fast: 3, slow: 7 }))).toEqual([
      'sma:close:3',
      'sma:close:7',
    ]);
    expect(bollingerReversion.features!(parseParams(bollingerReversion, { k: 2.5 }))).toEqual([
      'bollinger:close:20:2.5',
      'rsi:close:14',
    ]);
    expect(xsMomentum.features!(parseParams(xsMomentum, { lookback: 10 }))).toEqual(['roc:close:10']);
  });
});

describe('decisions', () => {
  it('refuses negative targets: spot is long-only', () => {
    expect(codeOf(() => validateDecision(targetUnits(BTC, -1)))).toBe('E_ARGUMENT');
    expect(codeOf(() => validateDecision(targetFraction(BTC, -0.1)))).toBe('E_ARGUMENT');
    expect(codeOf(() => validateDecision(targetFraction(BTC, 1.2)))).toBe('E_ARGUMENT');
    expect(codeOf(() => validateDecision(targetUnits(BTC, Number.NaN)))).toBe('E_ARGUMENT');
    expect(codeOf(() => validateDecision(targetUnits(BTC, 0)))).toBe('no error');
  });

  it('allows short and leveraged targets on a swap, still refusing non-finite ones', () => {
    const SWAP = parseInstrument('OKX:BTC/USDT:USDT');
    expect(codeOf(() => validateDecision(targetUnits(SWAP, -1)))).toBe('no error');
    expect(codeOf(() => validateDecision(targetFraction(SWAP, -2.5)))).toBe('no error');
    expect(codeOf(() => validateDecision(targetFraction(SWAP, Number.POSITIVE_INFINITY)))).toBe('E_ARGUMENT');
    expect(codeOf(() => validateDecision(targetUnits(SWAP, Number.NaN)))).toBe('E_ARGUMENT');
  });

  it('refuses malformed order intents', () => {
    expect(codeOf(() => validateDecision({ instrument: BTC, side: 'buy', qty: 0, type: 'market' }))).toBe(
      'E_ARGUMENT',
    );
    expect(codeOf(() => validateDecision({ instrument: BTC, side: 'buy', qty: 1, type: 'limit' }))).toBe(
      'E_ARGUMENT',
    );
    expect(
      codeOf(() =>
        validateDecision({ instrument: BTC, side: 'sell', qty: 1, type: 'market', limitPrice: 3 }),
      ),
    ).toBe('E_ARGUMENT');
    expect(
      codeOf(() => validateDecision({ instrument: BTC, side: 'sell', qty: 1, type: 'limit', limitPrice: 3 })),
    ).toBe('no error');
  });

  it('has a canonical text form', () => {
    expect(decisionKey(targetFraction(BTC, 0.25))).toBe('OKX:BTC/USDT target fraction 0.25');
    expect(decisionKey({ instrument: ETH, side: 'buy', qty: 2, type: 'limit', limitPrice: 1500 })).toBe(
      'OKX:ETH/USDT buy 2 limit @1500',
    );
  });
});

/** A single-instrument strategy whose decision is whatever `decide` says. */
function scripted(
  decide: (time: number, instrument: Instrument) => ReturnType<AnyStrategy['init']>,
): AnyStrategy {
  return defineStrategy({
    kind: 'single',
    name: 'scripted',
    description: 'test',
    paramsSchema: z.object({}).strict(),
    timeframes: 'any',
    warmup: () => 1,
    init: () => ({}),
    onBar: (ctx) => decide(ctx.time, ctx.instrument) as never,
  });
}

function hostFor(strategy: AnyStrategy, instruments: Instrument[], bars: BarColumns) {
  const feeds = instruments.map(() => new ColumnFeed(bars, '1h', 5));
  const host = new StrategyHost({
    strategy,
    params: parseParams(strategy, {}),
    instruments,
    windows: feeds.map((f) => f.window),
    portfolio: book,
  });
  return { host, feeds };
}

describe('StrategyHost', () => {
  const bars = randomWalkBars(10, 1);

  it('checks what the strategy returns: a negative target is an error, not an order', () => {
    const { host, feeds } = hostFor(
      scripted((_, i) => [targetUnits(i, -2)]),
      [BTC],
      bars,
    );
    feeds[0]!.seek(0);
    host.updated[0] = 1;
    expect(codeOf(() => host.step(1))).toBe('E_ARGUMENT');
  });

  it('keeps a single-instrument strategy to its own instrument', () => {
    const { host, feeds } = hostFor(
      scripted(() => [targetUnits(ETH, 1)]),
      [BTC],
      bars,
    );
    feeds[0]!.seek(0);
    host.updated[0] = 1;
    expect(() => host.step(1)).toThrow(/may only trade OKX:BTC\/USDT/);
  });

  it('calls a single-instrument strategy only for instruments with a bar now, and merges their decisions', () => {
    const seen: string[] = [];
    const s = scripted((t, i) => {
      seen.push(`${t} ${i.base}`);
      return [targetUnits(i, 1)];
    });
    const { host, feeds } = hostFor(s, [BTC, ETH], bars);
    for (const f of feeds) f.seek(0);
    host.updated[1] = 1;
    expect(host.step(10).map(decisionKey)).toEqual(['OKX:ETH/USDT target units 1']);
    host.updated[0] = 1;
    host.updated[1] = 1;
    expect(host.step(20).map(decisionKey)).toEqual([
      'OKX:BTC/USDT target units 1',
      'OKX:ETH/USDT target units 1',
    ]);
    expect(host.step(30)).toBe(NO_DECISIONS);
    expect(seen).toEqual(['10 ETH', '20 BTC', '20 ETH']);
  });

  it('refuses a universe the strategy cannot take', () => {
    expect(codeOf(() => hostFor(xsMomentum, [BTC], bars))).toBe('E_ARGUMENT');
  });
});

describe('declared features (ctx.features)', () => {
  const bars = randomWalkBars(40, 7);

  /** A single-instrument strategy declaring `declared` that reads `reads` at every bar. */
  function reader(declared: string[], reads: string[], seen: number[][]): AnyStrategy {
    return defineStrategy({
      kind: 'single',
      name: 'reader',
      description: 'test',
      paramsSchema: z.object({}).strict(),
      timeframes: 'any',
      warmup: () => 1,
      features: () => declared,
      init: () => ({}),
      onBar(ctx) {
        seen.push(reads.map((k) => ctx.features.get(k)));
        return NO_DECISIONS;
      },
    });
  }

  function step(host: StrategyHost, feeds: ColumnFeed[], features: ColumnFeatureFeed[], i: number) {
    feeds.forEach((f, k) => {
      f.seek(i);
      features[k]!.seek(i);
      host.updated[k] = 1;
    });
    return host.step(i);
  }

  it('hands the declared values to onBar, NaN during warm-up', () => {
    const seen: number[][] = [];
    const s = reader(
      ['sma:close:3', 'bollinger:close:5:2'],
      ['sma:close:3', 'bollinger:close:5:2.upper'],
      seen,
    );
    const { host, feeds } = hostFor(s, [BTC], bars);
    expect(host.features[0]!.keys).toEqual([
      'sma:close:3',
      'bollinger:close:5:2.middle',
      'bollinger:close:5:2.upper',
      'bollinger:close:5:2.lower',
    ]);
    const features = [new ColumnFeatureFeed(host.declared, bars, host.features[0]!)];
    for (let i = 0; i < 6; i++) step(host, feeds, features, i);
    const three = (i: number) => (bars.close[i - 2]! + bars.close[i - 1]! + bars.close[i]!) / 3;
    expect(seen.map((r) => Number.isNaN(r[0]!))).toEqual([true, true, false, false, false, false]);
    expect(seen[3]![0]).toBeCloseTo(three(3), 12);
    expect(seen.map((r) => Number.isNaN(r[1]!))).toEqual([true, true, true, true, false, false]);
    expect(seen[5]![1]).toBeGreaterThan(seen[5]![0]! - 1e9); // a number, not NaN, once warm
  });

  it('refuses to read a feature the strategy did not declare, naming it and the declared ones', () => {
    const s = reader(['sma:close:3'], ['sma:close:4'], []);
    const { host, feeds } = hostFor(s, [BTC], bars);
    const features = [new ColumnFeatureFeed(host.declared, bars, host.features[0]!)];
    expect(() => step(host, feeds, features, 0)).toThrow(
      /strategy reader read feature 'sma:close:4', which it does not declare in features\(params\) \(declared: sma:close:3\)/,
    );
    const none = hostFor(reader([], ['sma:close:3'], []), [BTC], bars);
    none.feeds[0]!.seek(0);
    none.host.updated[0] = 1;
    expect(() => none.host.step(0)).toThrow(/it declares none/);
    // A multi-output feature is read by output, not by its feature key.
    const multi = hostFor(reader(['bollinger:close:5:2'], ['bollinger:close:5:2'], []), [BTC], bars);
    multi.feeds[0]!.seek(0);
    multi.host.updated[0] = 1;
    expect(() => multi.host.step(0)).toThrow(/bollinger:close:5:2.middle/);
  });

  it('refuses a declaration that is not a canonical feature key, at construction', () => {
    const e = (() => {
      try {
        hostFor(reader(['sma:10'], [], []), [BTC], bars);
      } catch (err) {
        return err;
      }
      return undefined;
    })();
    expect(isAlgoError(e, 'E_CONFIG')).toBe(true);
    expect(String(e)).toMatch(/strategy reader declares feature 'sma:10'/);
  });

  it('takes live values from a feature-vector record, refusing one that lacks a declared key', () => {
    const { host } = hostFor(reader(['sma:close:3', 'rsi:close:2'], [], []), [BTC], bars);
    const slots = host.features[0]!;
    slots.setFrom({ 'sma:close:3': 1.5, 'rsi:close:2': Number.NaN, 'ema:close:9': 7 });
    expect(slots.get('sma:close:3')).toBe(1.5);
    expect(slots.get('rsi:close:2')).toBeNaN();
    expect(codeOf(() => slots.setFrom({ 'sma:close:3': 2 }))).toBe('E_DATA');
    expect(() => slots.setFrom({ 'sma:close:3': 2 })).toThrow(/lack rsi:close:2/);
    expect(slots.get('sma:close:3'), 'nothing written from a refused record').toBe(1.5);
  });

  it('gives a multi-instrument strategy one view per instrument', () => {
    const btc = randomWalkBars(30, 8);
    const eth = randomWalkBars(30, 9);
    const got: number[][] = [];
    const s = defineStrategy({
      kind: 'multi',
      name: 'multi_reader',
      description: 'test',
      paramsSchema: z.object({}).strict(),
      timeframes: 'any',
      universe: { min: 2 },
      warmup: () => 1,
      features: () => ['roc:close:4'],
      init: () => ({}),
      onBarSet(ctx) {
        got.push(ctx.features.map((f) => f.get('roc:close:4')));
        return NO_DECISIONS;
      },
    });
    const feeds = [btc, eth].map((b) => new ColumnFeed(b, '1h', 1));
    const host = new StrategyHost({
      strategy: s,
      params: {},
      instruments: [BTC, ETH],
      windows: feeds.map((f) => f.window),
      portfolio: book,
    });
    const features = [btc, eth].map((b, k) => new ColumnFeatureFeed(host.declared, b, host.features[k]!));
    for (let i = 0; i < 30; i++) step(host, feeds, features, i);
    expect(got[29]).toEqual([btc.close[29]! / btc.close[25]! - 1, eth.close[29]! / eth.close[25]! - 1]);
  });
});

describe('state snapshots', () => {
  it('refuses a plain state that would not survive JSON', () => {
    expect(snapshotState({ a: 1, b: [true, null, 'x'] })).toEqual({ a: 1, b: [true, null, 'x'] });
    expect(codeOf(() => snapshotState({ when: new Date(0) }))).toBe('E_ARGUMENT');
    expect(codeOf(() => snapshotState({ m: new Map() }))).toBe('E_ARGUMENT');
    expect(codeOf(() => snapshotState({ x: Number.NaN }))).toBe('E_ARGUMENT');
  });

  /**
   * Live restart: run A uninterrupted; run B to bar `cut`, checkpoint through JSON text, then a
   * fresh host C restores it, its rolling windows are warmed with the last bars (no decisions), and
   * it carries on. C must decide exactly as A from `cut + 1` on.
   */
  function restartMatches(strategy: AnyStrategy, raw: unknown, series: BarColumns[], cut: number): number {
    const params = parseParams(strategy, raw);
    const cap = windowCapacity(strategy, params);
    const instruments = series.map((_, k) => parseInstrument(`OKX:T${k}/USDT`));
    // The feature-engine is a separate stage that keeps running: the same records for every host.
    const specs = declaredFeatures(strategy, params).specs;
    const records = series.map((b) => streamedFeatureRecords(specs, b));
    const make = () => {
      const feeds = series.map(() => new RollingFeed('1h', cap));
      const host = new StrategyHost({
        strategy,
        params,
        instruments,
        windows: feeds.map((f) => f.window),
        portfolio: book,
      });
      return { feeds, host };
    };
    const feedBar = (feeds: RollingFeed[], host: StrategyHost, i: number) => {
      series.forEach((b, k) => {
        feedOne(feeds[k]!, host, k, b, i, records[k]![i]!);
      });
    };
    const n = series[0]!.openTime.length;
    const a = make();
    const b = make();
    const fromA: string[] = [];
    for (let i = 0; i < n; i++) {
      feedBar(a.feeds, a.host, i);
      const ds = a.host.step(i).map(decisionKey).join('; ');
      if (i > cut && ds) fromA.push(`${i}: ${ds}`);
      if (i <= cut) {
        feedBar(b.feeds, b.host, i);
        b.host.step(i);
      }
    }
    const checkpoint = JSON.parse(JSON.stringify(b.host.snapshot()));
    const c = make();
    c.host.restore(checkpoint);
    for (let i = Math.max(0, cut + 1 - cap); i <= cut; i++) {
      series.forEach((bars, k) => {
        c.feeds[k]!.push(barRow(bars, i));
      });
    }
    const fromC: string[] = [];
    for (let i = cut + 1; i < n; i++) {
      feedBar(c.feeds, c.host, i);
      const ds = c.host.step(i).map(decisionKey).join('; ');
      if (ds) fromC.push(`${i}: ${ds}`);
    }
    expect(fromC).toEqual(fromA);
    return fromA.length;
  }

  it('restores sma_cross exactly', () => {
    expect(
      restartMatches(smaCross, { fast: 10, slow: 40 }, [randomWalkBars(3000, 21)], 1234),
    ).toBeGreaterThan(20);
  });

  it('restores bollinger_reversion exactly', () => {
    expect(
      restartMatches(bollingerReversion, { rsiEntry: 40 }, [randomWalkBars(4000, 22)], 2345),
    ).toBeGreaterThan(10);
  });

  it('restores xs_momentum exactly', () => {
    const series = [31, 32, 33, 34].map((seed) => randomWalkBars(2000, seed));
    expect(
      restartMatches(xsMomentum, { lookback: 48, top: 2, rebalanceEvery: 6 }, series, 999),
    ).toBeGreaterThan(20);
  });

  it('restores the examples from checkpoints written before they read declared features', () => {
    const sma = parseParams(smaCross, { fast: 2, slow: 3 });
    expect(smaCross.restore!({ closes: [1, 2, 3], above: true }, sma).side).toBe(1);
    expect(smaCross.restore!({ closes: [1, 2, 3], above: false }, sma).side).toBe(-1);
    expect(smaCross.restore!({ closes: [], above: null }, sma).side).toBe(0);
    expect(() => smaCross.restore!({ above: 'yes' }, sma)).toThrow();
    const bb = parseParams(bollingerReversion, {});
    expect(bollingerReversion.restore!({ closes: [1, 2], long: true }, bb).long).toBe(true);
    expect(
      xsMomentum.restore!({ closes: [[1], [2]], steps: 7, held: [1] }, parseParams(xsMomentum, {})),
    ).toEqual({
      steps: 7,
      held: [1],
    });
  });

  it('refuses a checkpoint of another strategy', () => {
    const { host } = hostFor(smaCross, [BTC], randomWalkBars(5, 1));
    expect(() => host.restore({ strategy: 'xs_momentum', states: [{}] })).toThrow(AlgoError);
  });
});
