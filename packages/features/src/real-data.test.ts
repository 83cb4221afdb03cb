import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { Atr, atr } from './atr';
import { BollingerBands, bollingerBands } from './bollinger';
import { DonchianChannel, donchianChannel } from './donchian';
import { Ema, ema } from './ema';
import type { ScalarIndicator } from './indicator';
import { Macd, macd } from './macd';
import {
  computeBatchFeature,
  createStreamingFeature,
  type FeatureSpec,
  featureHistoryBars,
  featureKey,
  featureWarmup,
  type OhlcvColumns,
} from './registry';
import { RateOfChange, rateOfChange } from './roc';
import { Rsi, rsi } from './rsi';
import { Sma, sma } from './sma';
import { RollingVolatility, rollingVolatility } from './volatility';
import { Wma, wma } from './wma';
import { RollingZScore, rollingZScore } from './zscore';

const CSV = path.resolve(import.meta.dirname, '../../../data/ohlcv/binance_BTC-USDT_1h_2017-2022.csv.gz');

function loadOhlcv(file: string): OhlcvColumns {
  const lines = gunzipSync(readFileSync(file)).toString('utf8').trim().split('\n');
  expect(lines[0]).toBe('ts,open,high,low,close,volume');
  const n = lines.length - 1;
  const cols = {
    open: new Float64Array(n),
    high: new Float64Array(n),
    low: new Float64Array(n),
    close: new Float64Array(n),
    volume: new Float64Array(n),
  };
  for (let i = 0; i < n; i++) {
    const f = lines[i + 1]!.split(',');
    cols.open[i] = Number(f[1]);
    cols.high[i] = Number(f[2]);
    cols.low[i] = Number(f[3]);
    cols.close[i] = Number(f[4]);
    cols.volume[i] = Number(f[5]);
  }
  return cols;
}

let bars: OhlcvColumns;
let close: Float64Array;
let n: number;

beforeAll(() => {
  bars = loadOhlcv(CSV);
  close = bars.close;
  n = close.length;
});

/** Index of the first row where the two columns differ in bits (NaN equals NaN), or −1. */
function firstBitDifference(a: ArrayLike<number>, b: ArrayLike<number>, from = 0): number {
  if (a.length !== b.length) return Math.min(a.length, b.length);
  for (let i = from; i < a.length; i++) if (!Object.is(a[i], b[i])) return i;
  return -1;
}

/**
 * Largest |got − want| / scale(t) over rows where `want` is defined; −1 if the NaN patterns
 * differ (a warm-up mismatch), so callers see a single number to bound.
 */
function worstDeviation(
  got: ArrayLike<number>,
  want: ArrayLike<number>,
  scale: (t: number) => number,
): number {
  let worst = 0;
  for (let t = 0; t < want.length; t++) {
    if (Number.isNaN(want[t]!) !== Number.isNaN(got[t]!)) return Number.POSITIVE_INFINITY;
    if (Number.isNaN(want[t]!)) continue;
    worst = Math.max(worst, Math.abs(got[t]! - want[t]!) / scale(t));
  }
  return worst;
}

function streamScalar(indicator: ScalarIndicator, xs: ArrayLike<number>): Float64Array {
  const out = new Float64Array(xs.length);
  for (let i = 0; i < xs.length; i++) out[i] = indicator.update(xs[i]!);
  return out;
}

// ---- Independent naive references: direct formulas, O(n·period), different arithmetic order. ----

function rows(len: number, first: number, f: (t: number) => number): Float64Array {
  return Float64Array.from({ length: len }, (_, t) => (t < first ? Number.NaN : f(t)));
}
function windowOf(xs: ArrayLike<number>, t: number, p: number): number[] {
  return Array.from({ length: p }, (_, i) => xs[t - p + 1 + i]!);
}
const mean = (w: number[]) => w.reduce((a, b) => a + b, 0) / w.length;
const popStd = (w: number[]) => {
  const m = mean(w);
  return Math.sqrt(w.reduce((a, x) => a + (x - m) ** 2, 0) / w.length);
};
function naiveEma(xs: ArrayLike<number>, p: number, start = 0): Float64Array {
  const a = 2 / (p + 1);
  const out = new Float64Array(xs.length).fill(Number.NaN);
  let prev = 0;
  for (let t = start + p - 1; t < xs.length; t++) {
    prev = t === start + p - 1 ? mean(windowOf(xs, t, p)) : a * xs[t]! + (1 - a) * prev;
    out[t] = prev;
  }
  return out;
}
function naiveWilder(xs: ArrayLike<number>, p: number, first: number): Float64Array {
  // Seed at `first` with the mean of xs[first−p+1…first], then avg = avg + (x − avg)/p.
  const out = new Float64Array(xs.length).fill(Number.NaN);
  let avg = 0;
  for (let t = first; t < xs.length; t++) {
    avg = t === first ? mean(windowOf(xs, t, p)) : avg + (xs[t]! - avg) / p;
    out[t] = avg;
  }
  return out;
}

describe('on 5 years of BTC-USDT 1h bars', () => {
  it('loads the data set', () => {
    expect(n).toBe(45024);
    expect(close[0]).toBe(4308.83);
  });

  describe('streaming equals batch, bit for bit', () => {
    const scalars: [string, () => ScalarIndicator, (xs: Float64Array) => Float64Array][] = [
      ['sma 20', () => new Sma(20), (xs) => sma(xs, 20)],
      ['ema 20', () => new Ema(20), (xs) => ema(xs, 20)],
      ['wma 20', () => new Wma(20), (xs) => wma(xs, 20)],
      ['rsi 14', () => new Rsi(14), (xs) => rsi(xs, 14)],
      ['roc 24', () => new RateOfChange(24), (xs) => rateOfChange(xs, 24)],
      ['zscore 48', () => new RollingZScore(48), (xs) => rollingZScore(xs, 48)],
      [
        'volatility 24 annualised',
        () => new RollingVolatility(24, 8760),
        (xs) => rollingVolatility(xs, 24, 8760),
      ],
    ];
    it.each(scalars)('%s', (_, make, batch) => {
      expect(firstBitDifference(streamScalar(make(), close), batch(close))).toBe(-1);
    });

    it('atr 14', () => {
      const a = new Atr(14);
      const live = Float64Array.from(close, (c, i) => a.update(bars.high[i]!, bars.low[i]!, c));
      expect(firstBitDifference(live, atr(bars.high, bars.low, close, 14))).toBe(-1);
    });

    it('bollinger 20 × 2, macd 12/26/9, donchian 55', () => {
      const bb = new BollingerBands(20, 2);
      const m = new Macd();
      const dc = new DonchianChannel(55);
      const live = {
        bu: new Float64Array(n),
        bl: new Float64Array(n),
        ms: new Float64Array(n),
        dm: new Float64Array(n),
      };
      for (let i = 0; i < n; i++) {
        bb.update(close[i]!);
        m.update(close[i]!);
        dc.update(bars.high[i]!, bars.low[i]!);
        live.bu[i] = bb.upper;
        live.bl[i] = bb.lower;
        live.ms[i] = m.signal;
        live.dm[i] = dc.middle;
      }
      const b = bollingerBands(close, 20, 2);
      expect(firstBitDifference(live.bu, b.upper)).toBe(-1);
      expect(firstBitDifference(live.bl, b.lower)).toBe(-1);
      expect(firstBitDifference(live.ms, macd(close).signal)).toBe(-1);
      expect(firstBitDifference(live.dm, donchianChannel(bars.high, bars.low, 55).middle)).toBe(-1);
    });
  });

  describe('registry: live feature equals backtest column, bit for bit', () => {
    const specs: FeatureSpec[] = [
      { kind: 'sma', period: 200 },
      { kind: 'ema', period: 50 },
      { kind: 'wma', period: 10, source: 'volume' },
      { kind: 'rsi', period: 14 },
      { kind: 'roc', period: 168 },
      { kind: 'zscore', period: 72, source: 'high' },
      { kind: 'volatility', period: 168, periodsPerYear: 8760 },
      { kind: 'bollinger', period: 20, k: 2 },
      { kind: 'macd' },
      { kind: 'atr', period: 14 },
      { kind: 'donchian', period: 55 },
    ];
    it.each(specs.map((s) => [featureKey(s), s] as const))('%s', (_, spec) => {
      const batch = computeBatchFeature(spec, bars) as Readonly<Record<string, Float64Array>>;
      const live = createStreamingFeature(spec);
      const streamed = live.outputs.map(() => new Float64Array(n));
      for (let i = 0; i < n; i++) {
        live.update({
          open: bars.open[i]!,
          high: bars.high[i]!,
          low: bars.low[i]!,
          close: bars.close[i]!,
          volume: bars.volume[i]!,
        });
        const values = live.values as Readonly<Record<string, number>>;
        live.outputs.forEach((o, k) => {
          streamed[k]![i] = values[o]!;
        });
      }
      live.outputs.forEach((o, k) => {
        expect(firstBitDifference(streamed[k]!, batch[o]!), o).toBe(-1);
        expect(
          batch[o]!.findIndex((v) => !Number.isNaN(v)),
          o,
        ).toBe(live.warmup - 1);
      });
    });
  });

  describe('matches naive reference formulas within 1e-9', () => {
    const price = (t: number) => close[t]!;

    it('sma, wma, bollinger, zscore', () => {
      const p = 20;
      expect(
        worstDeviation(
          sma(close, p),
          rows(n, p - 1, (t) => mean(windowOf(close, t, p))),
          price,
        ),
      ).toBeLessThan(1e-12);
      const wmaRef = rows(n, p - 1, (t) => {
        const w = windowOf(close, t, p);
        return w.reduce((a, x, i) => a + (i + 1) * x, 0) / ((p * (p + 1)) / 2);
      });
      expect(worstDeviation(wma(close, p), wmaRef, price)).toBeLessThan(1e-12);
      const b = bollingerBands(close, p, 2);
      const upperRef = rows(n, p - 1, (t) => mean(windowOf(close, t, p)) + 2 * popStd(windowOf(close, t, p)));
      expect(worstDeviation(b.upper, upperRef, price)).toBeLessThan(1e-12);
      // σ itself, relative to σ: the exact scatter keeps it accurate even for quiet windows.
      const sigmaRef = rows(n, p - 1, (t) => popStd(windowOf(close, t, p)));
      const sigma = b.upper.map((u, t) => (u - b.middle[t]!) / 2);
      // (Scale floor 1e-6·price so a near-flat window does not divide by ~0.)
      expect(worstDeviation(sigma, sigmaRef, (t) => sigmaRef[t]! + 1e-6 * price(t))).toBeLessThan(1e-9);
      const zRef = rows(n, 47, (t) => {
        const w = windowOf(close, t, 48);
        return (close[t]! - mean(w)) / popStd(w);
      });
      expect(worstDeviation(rollingZScore(close, 48), zRef, () => 1)).toBeLessThan(1e-9);
    });

    it('ema and macd', () => {
      expect(worstDeviation(ema(close, 20), naiveEma(close, 20), price)).toBeLessThan(1e-12);
      const slow = naiveEma(close, 26);
      const line = naiveEma(close, 12).map((f, t) => f - slow[t]!);
      const m = macd(close);
      const signalRef = naiveEma(line, 9, 25);
      const lineRef = line.map((v, t) => (Number.isNaN(signalRef[t]!) ? Number.NaN : v));
      expect(worstDeviation(m.line, lineRef, price)).toBeLessThan(1e-12);
      expect(worstDeviation(m.signal, signalRef, price)).toBeLessThan(1e-12);
    });

    it('rsi and atr (Wilder)', () => {
      const gains = Float64Array.from(close, (c, t) => (t === 0 ? 0 : Math.max(c - close[t - 1]!, 0)));
      const losses = Float64Array.from(close, (c, t) => (t === 0 ? 0 : Math.max(close[t - 1]! - c, 0)));
      const g = naiveWilder(gains, 14, 14);
      const l = naiveWilder(losses, 14, 14);
      const rsiRef = g.map((ag, t) => (l[t] === 0 ? 100 : 100 - 100 / (1 + ag / l[t]!)));
      expect(worstDeviation(rsi(close, 14), rsiRef, () => 100)).toBeLessThan(1e-9);
      const tr = Float64Array.from(close, (_, t) => {
        const h = bars.high[t]!;
        const lo = bars.low[t]!;
        if (t === 0) return h - lo;
        const pc = close[t - 1]!;
        return Math.max(h - lo, Math.abs(h - pc), Math.abs(lo - pc));
      });
      expect(
        worstDeviation(atr(bars.high, bars.low, close, 14), naiveWilder(tr, 14, 13), price),
      ).toBeLessThan(1e-12);
    });

    it('roc, volatility, donchian', () => {
      const rocRef = rows(n, 24, (t) => (close[t]! - close[t - 24]!) / close[t - 24]!);
      expect(
        worstDeviation(rateOfChange(close, 24), rocRef, (t) => Math.max(Math.abs(rocRef[t]!), 1e-6)),
      ).toBeLessThan(1e-9);
      const logReturns = Float64Array.from(close, (c, t) =>
        t === 0 ? Number.NaN : Math.log(c) - Math.log(close[t - 1]!),
      );
      const volRef = rows(n, 24, (t) => {
        const w = windowOf(logReturns, t, 24);
        const m = mean(w);
        return Math.sqrt((w.reduce((a, r) => a + (r - m) ** 2, 0) / 23) * 8760);
      });
      const vol = rollingVolatility(close, 24, 8760);
      expect(worstDeviation(vol, volRef, (t) => volRef[t]!)).toBeLessThan(1e-9);
      const d = donchianChannel(bars.high, bars.low, 55);
      const upperRef = rows(n, 54, (t) => Math.max(...windowOf(bars.high, t, 55)));
      const lowerRef = rows(n, 54, (t) => Math.min(...windowOf(bars.low, t, 55)));
      expect(firstBitDifference(d.upper, upperRef)).toBe(-1);
      expect(firstBitDifference(d.lower, lowerRef)).toBe(-1);
    });
  });

  describe('live (started later) versus backtest (started earlier)', () => {
    const offset = 20_000;
    const slice = (c: OhlcvColumns, from: number): OhlcvColumns => ({
      open: c.open.subarray(from),
      high: c.high.subarray(from),
      low: c.low.subarray(from),
      close: c.close.subarray(from),
      volume: c.volume.subarray(from),
    });

    const windowSpecs: FeatureSpec[] = [
      { kind: 'sma', period: 50 },
      { kind: 'wma', period: 30 },
      { kind: 'zscore', period: 48 },
      { kind: 'volatility', period: 24, periodsPerYear: 8760 },
      { kind: 'bollinger', period: 20 },
      { kind: 'roc', period: 24 },
      { kind: 'donchian', period: 55 },
      { kind: 'sma', period: 24, source: 'volume' },
    ];
    it.each(windowSpecs.map((s) => [featureKey(s), s] as const))(
      '%s: identical bits once warm, whatever bar the stream started at',
      (_, spec) => {
        const full = computeBatchFeature(spec, bars) as Readonly<Record<string, Float64Array>>;
        const late = computeBatchFeature(spec, slice(bars, offset)) as Readonly<Record<string, Float64Array>>;
        const warm = featureWarmup(spec) - 1;
        for (const [output, column] of Object.entries(late)) {
          expect(firstBitDifference(column, full[output]!.subarray(offset), warm), output).toBe(-1);
        }
      },
    );

    const recursiveSpecs: [FeatureSpec, number][] = [
      [{ kind: 'ema', period: 20 }, 1],
      [{ kind: 'ema', period: 200 }, 1],
      [{ kind: 'rsi', period: 14 }, 0],
      [{ kind: 'atr', period: 14 }, 1],
      [{ kind: 'macd' }, 1],
    ];
    it.each(recursiveSpecs.map(([s, p]) => [featureKey(s), s, p] as const))(
      '%s: differs at warm-up, agrees within 1e-9 after featureHistoryBars',
      (_, spec, priceScaled) => {
        const full = computeBatchFeature(spec, bars) as Readonly<Record<string, Float64Array>>;
        const late = computeBatchFeature(spec, slice(bars, offset)) as Readonly<Record<string, Float64Array>>;
        const history = featureHistoryBars(spec);
        const scale = (t: number) => (priceScaled ? close[offset + t]! : 100);
        for (const [output, column] of Object.entries(late)) {
          const reference = full[output]!.subarray(offset);
          const first = featureWarmup(spec) - 1;
          expect(column[first], `${output} should still carry its seed`).not.toBe(reference[first]);
          let worst = 0;
          for (let t = history - 1; t < column.length; t++) {
            worst = Math.max(worst, Math.abs(column[t]! - reference[t]!) / scale(t));
          }
          expect(worst, output).toBeLessThan(1e-9);
        }
      },
    );
  });
});
