import { isAlgoError } from '@algotrader/core';
import { describe, expect, it } from 'vitest';
import {
  computeBatchFeature,
  createStreamingFeature,
  FEATURE_REPLAY_TOLERANCE,
  type FeatureSpec,
  featureHistoryBars,
  featureKey,
  featureOutputKey,
  featureOutputKeys,
  featureOutputs,
  featureWarmup,
  normalizeFeatureSpec,
  type OhlcvColumns,
  parseFeatureKey,
} from './registry';
import { sma } from './sma';

function syntheticColumns(n: number): OhlcvColumns {
  const close = Float64Array.from({ length: n }, (_, i) => 100 + 8 * Math.sin(i / 9) + ((i * 13) % 7) / 4);
  const open = close.map((c, i) => (i === 0 ? c : close[i - 1]!));
  const high = close.map((c, i) => Math.max(c, open[i]!) + 0.5 + ((i * 5) % 3) / 4);
  const low = close.map((c, i) => Math.min(c, open[i]!) - 0.5 - ((i * 7) % 4) / 4);
  const volume = close.map((_, i) => 10 + ((i * 31) % 17));
  return { open, high, low, close, volume };
}

function expectArgumentError(f: () => unknown, pattern: RegExp): void {
  try {
    f();
    expect.unreachable();
  } catch (e) {
    expect(isAlgoError(e, 'E_ARGUMENT'), String(e)).toBe(true);
    expect(String(e)).toMatch(pattern);
  }
}

describe('feature keys', () => {
  it('are stable strings with defaults filled in', () => {
    expect(featureKey({ kind: 'sma', period: 20 })).toBe('sma:close:20');
    expect(featureKey({ kind: 'ema', period: 50, source: 'high' })).toBe('ema:high:50');
    expect(featureKey({ kind: 'rsi', period: 14 })).toBe('rsi:close:14');
    expect(featureKey({ kind: 'volatility', period: 24 })).toBe('volatility:close:24:1');
    expect(featureKey({ kind: 'volatility', period: 24, periodsPerYear: 8760 })).toBe(
      'volatility:close:24:8760',
    );
    expect(featureKey({ kind: 'bollinger', period: 20 })).toBe('bollinger:close:20:2');
    expect(featureKey({ kind: 'bollinger', period: 20, k: 2.5 })).toBe('bollinger:close:20:2.5');
    expect(featureKey({ kind: 'macd' })).toBe('macd:close:12:26:9');
    expect(featureKey({ kind: 'atr', period: 14 })).toBe('atr:hlc:14');
    expect(featureKey({ kind: 'donchian', period: 55 })).toBe('donchian:hl:55');
  });

  it('are equal for specs that differ only by spelled-out defaults', () => {
    expect(featureKey({ kind: 'macd', fast: 12, slow: 26, signal: 9, source: 'close' })).toBe(
      featureKey({ kind: 'macd' }),
    );
    expect(featureKey({ kind: 'zscore', period: 48, source: 'close' })).toBe(
      featureKey({ kind: 'zscore', period: 48 }),
    );
    expect(normalizeFeatureSpec({ kind: 'bollinger', period: 20 })).toEqual({
      kind: 'bollinger',
      period: 20,
      k: 2,
      source: 'close',
    });
  });

  it('name each output of multi-output features', () => {
    expect(featureOutputs({ kind: 'sma', period: 3 })).toEqual(['value']);
    expect(featureOutputs({ kind: 'macd' })).toEqual(['line', 'signal', 'histogram']);
    expect(featureOutputKeys({ kind: 'roc', period: 24 })).toEqual(['roc:close:24']);
    expect(featureOutputKeys({ kind: 'bollinger', period: 20 })).toEqual([
      'bollinger:close:20:2.middle',
      'bollinger:close:20:2.upper',
      'bollinger:close:20:2.lower',
    ]);
    expect(featureOutputKey({ kind: 'bollinger', period: 20 }, 'lower')).toBe('bollinger:close:20:2.lower');
    expect(featureOutputKey({ kind: 'sma', period: 3 }, 'value')).toBe('sma:close:3');
    expectArgumentError(
      () => featureOutputKey({ kind: 'sma', period: 3 }, 'upper' as 'value'),
      /sma has no output 'upper'/,
    );
  });
});

describe('parsing feature keys', () => {
  const specs: FeatureSpec[] = [
    { kind: 'sma', period: 20 },
    { kind: 'ema', period: 50, source: 'high' },
    { kind: 'wma', period: 10, source: 'volume' },
    { kind: 'rsi', period: 14 },
    { kind: 'roc', period: 24 },
    { kind: 'zscore', period: 48, source: 'open' },
    { kind: 'volatility', period: 24, periodsPerYear: 8760 },
    { kind: 'bollinger', period: 20, k: 2.5 },
    { kind: 'macd', fast: 5, slow: 35, signal: 5, source: 'low' },
    { kind: 'atr', period: 14 },
    { kind: 'donchian', period: 55 },
  ];

  it('gives back the normalized spec of every kind (a round trip through featureKey)', () => {
    for (const spec of specs) {
      const key = featureKey(spec);
      expect(parseFeatureKey(key)).toEqual(normalizeFeatureSpec(spec));
      expect(featureKey(parseFeatureKey(key))).toBe(key);
    }
  });

  it('refuses shorthand, non-canonical numbers, bad parameters and unknown kinds', () => {
    expectArgumentError(() => parseFeatureKey('sma:10'), /must look like 'sma:<source>:<period>'/);
    expectArgumentError(() => parseFeatureKey('sma:close:010'), /canonical form, got '010'/);
    expectArgumentError(() => parseFeatureKey('sma:close:1e1'), /canonical form/);
    expectArgumentError(() => parseFeatureKey('sma:close:'), /canonical form/);
    expectArgumentError(() => parseFeatureKey('sma:close:0'), /period must be an integer >= 1/);
    expectArgumentError(() => parseFeatureKey('sma:close:2.5'), /period must be an integer/);
    expectArgumentError(() => parseFeatureKey('sma:price:10'), /unknown source 'price'/);
    expectArgumentError(() => parseFeatureKey('bollinger:close:20'), /bollinger:<source>:<period>:<k>/);
    expectArgumentError(() => parseFeatureKey('atr:close:14'), /atr:hlc:<period>/);
    expectArgumentError(() => parseFeatureKey('macd:close:26:12:9'), /fast \(26\) must be < slow/);
    expectArgumentError(() => parseFeatureKey('smaa:close:10'), /unknown kind 'smaa'/);
    expectArgumentError(() => parseFeatureKey('toString:close:10'), /unknown kind/);
  });
});

describe('spec validation', () => {
  it('rejects bad parameters, kinds and sources with E_ARGUMENT', () => {
    expectArgumentError(() => featureKey({ kind: 'sma', period: 0 }), /period/);
    expectArgumentError(() => featureKey({ kind: 'wma', period: 3.5 }), /period/);
    expectArgumentError(() => featureKey({ kind: 'volatility', period: 1 }), /period/);
    expectArgumentError(
      () => featureKey({ kind: 'volatility', period: 5, periodsPerYear: 0 }),
      /periodsPerYear/,
    );
    expectArgumentError(() => featureKey({ kind: 'bollinger', period: 5, k: Number.NaN }), /k/);
    expectArgumentError(() => featureKey({ kind: 'macd', fast: 30 }), /fast/);
    // Specs can arrive from untyped config.
    expectArgumentError(
      () => featureKey({ kind: 'sma', period: 5, source: 'vwap' } as unknown as FeatureSpec),
      /source/,
    );
    expectArgumentError(
      () => createStreamingFeature({ kind: 'kama', period: 5 } as unknown as FeatureSpec),
      /kama/,
    );
    expectArgumentError(() => featureOutputs({ kind: 'kama' } as unknown as FeatureSpec), /kama/);
    expectArgumentError(() => featureOutputs({ kind: 'toString' } as unknown as FeatureSpec), /toString/);
  });

  it('rejects batch columns of different lengths', () => {
    const c = syntheticColumns(10);
    expectArgumentError(
      () => computeBatchFeature({ kind: 'sma', period: 3 }, { ...c, volume: new Float64Array(9) }),
      /length/,
    );
  });
});

describe('streaming and batch features', () => {
  const columns = syntheticColumns(300);
  const specs: FeatureSpec[] = [
    { kind: 'sma', period: 10 },
    { kind: 'ema', period: 10, source: 'open' },
    { kind: 'wma', period: 7, source: 'volume' },
    { kind: 'rsi', period: 14 },
    { kind: 'roc', period: 5, source: 'high' },
    { kind: 'zscore', period: 20, source: 'low' },
    { kind: 'volatility', period: 20, periodsPerYear: 365 },
    { kind: 'bollinger', period: 20, k: 1.5 },
    { kind: 'macd', fast: 5, slow: 13, signal: 4 },
    { kind: 'atr', period: 14 },
    { kind: 'donchian', period: 20 },
  ];

  it.each(specs.map((s) => [featureKey(s), s] as const))('%s agrees bitwise row by row', (_, spec) => {
    const batch = computeBatchFeature(spec, columns) as Readonly<Record<string, Float64Array>>;
    const live = createStreamingFeature(spec);
    expect(Object.keys(batch)).toEqual([...live.outputs]);
    const n = columns.close.length;
    for (let i = 0; i < n; i++) {
      live.update({
        open: columns.open[i]!,
        high: columns.high[i]!,
        low: columns.low[i]!,
        close: columns.close[i]!,
        volume: columns.volume[i]!,
      });
      const values = live.values as Readonly<Record<string, number>>;
      for (const o of live.outputs) expect(values[o], `${o} row ${i}`).toBe(batch[o]![i]);
      expect(live.value).toBe(batch[live.outputs[0]!]![i]);
      expect(live.ready).toBe(i >= live.warmup - 1);
    }
    expect(featureWarmup(spec)).toBe(live.warmup);
    for (const o of live.outputs) {
      const firstDefined = batch[o]!.findIndex((v) => !Number.isNaN(v));
      expect(firstDefined, o).toBe(live.warmup - 1);
    }
    live.reset();
    expect(live.ready).toBe(false);
    expect(live.value).toBeNaN();
  });

  it('reads the declared source column', () => {
    const out = computeBatchFeature({ kind: 'sma', period: 4, source: 'volume' }, columns);
    expect(Array.from(out.value)).toEqual(Array.from(sma(columns.volume, 4)));
  });

  it('has the documented warm-ups', () => {
    expect(featureWarmup({ kind: 'sma', period: 20 })).toBe(20);
    expect(featureWarmup({ kind: 'ema', period: 20 })).toBe(20);
    expect(featureWarmup({ kind: 'rsi', period: 14 })).toBe(15);
    expect(featureWarmup({ kind: 'roc', period: 10 })).toBe(11);
    expect(featureWarmup({ kind: 'volatility', period: 24 })).toBe(25);
    expect(featureWarmup({ kind: 'atr', period: 14 })).toBe(14);
    expect(featureWarmup({ kind: 'macd' })).toBe(34);
    expect(featureWarmup({ kind: 'donchian', period: 20 })).toBe(20);
  });

  it('asks for extra history only for recursive features', () => {
    for (const spec of specs) {
      const recursive = ['ema', 'rsi', 'atr', 'macd'].includes(spec.kind);
      const extra = featureHistoryBars(spec) - featureWarmup(spec);
      if (recursive) expect(extra, spec.kind).toBeGreaterThan(0);
      else expect(extra, spec.kind).toBe(0);
    }
    // EMA(20): (19/21)^k ≤ 1e-9 needs k ≥ 207.06.
    expect(featureHistoryBars({ kind: 'ema', period: 20 })).toBe(20 + 208);
    expect(featureHistoryBars({ kind: 'ema', period: 1 })).toBe(1);
    // Below double rounding: (19/21)^k ≤ 2^-60 needs k ≥ 415.7.
    expect(featureHistoryBars({ kind: 'ema', period: 20 }, FEATURE_REPLAY_TOLERANCE)).toBe(20 + 416);
    expect(featureHistoryBars({ kind: 'sma', period: 20 }, FEATURE_REPLAY_TOLERANCE)).toBe(20);
    expectArgumentError(() => featureHistoryBars({ kind: 'ema', period: 20 }, 0), /tolerance must be in/);
  });
});
