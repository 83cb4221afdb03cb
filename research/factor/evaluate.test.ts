import { parseInstrument } from '@algotrader/core';
import { describe, expect, it } from 'vitest';
import { evaluateFactor } from './evaluate';
import type { Panel } from './panel';
import { pearson, ranks, spearman, tStat } from './stats';

describe('IC statistics with known answers', () => {
  it('Pearson and Spearman on hand-computed cases', () => {
    // dx = dy·perm: cov 4, var 5 and 5 → 0.8; the values are their own ranks, so Spearman is 0.8 too.
    expect(pearson([1, 2, 3, 4], [1, 3, 2, 4])).toBeCloseTo(0.8, 12);
    expect(spearman([1, 2, 3, 4], [1, 3, 2, 4])).toBeCloseTo(0.8, 12);
    // Monotone but not linear: rank IC 1, Pearson 26 / √724.
    expect(spearman([1, 2, 3], [1, 8, 27])).toBeCloseTo(1, 12);
    expect(pearson([1, 2, 3], [1, 8, 27])).toBeCloseTo(26 / Math.sqrt(724), 12);
    expect(pearson([1, 2, 3], [3, 2, 1])).toBeCloseTo(-1, 12);
    // Ties share their average rank: [1, 2.5, 2.5, 4] against [1, 2, 3, 4] → 4.5 / √(4.5·5).
    expect([...ranks([10, 20, 20, 30])]).toEqual([1, 2.5, 2.5, 4]);
    expect(spearman([10, 20, 20, 30], [1, 2, 3, 4])).toBeCloseTo(4.5 / Math.sqrt(22.5), 12);
    expect(pearson([1, 1, 1], [1, 2, 3])).toBeNaN();
    // mean 2, sample sd 1, n 3 → 2·√3.
    expect(tStat([1, 2, 3])).toBeCloseTo(2 * Math.sqrt(3), 12);
  });

  it('evaluates a small panel: IC per period, mean, t-stat, quantile returns, turnover', () => {
    const instruments = ['A', 'B', 'C', 'D'].map((b) => parseInstrument(`X:${b}/USD`));
    // One-bar returns per period, by instrument: period 0 [1,3,2,4]%, period 1 [4,3,2,1]%, period 2 [1,2,3,4]%.
    const returns = [
      [0.01, 0.03, 0.02, 0.04],
      [0.04, 0.03, 0.02, 0.01],
      [0.01, 0.02, 0.03, 0.04],
    ];
    const close = instruments.map((_, k) => {
      const c = [100];
      for (const r of returns) c.push(c[c.length - 1]! * (1 + r[k]!));
      return Float64Array.from(c);
    });
    // Factor A<B<C<D every period; the last row has no forward return.
    const factor = instruments.map((_, k) => Float64Array.from([k + 1, k + 1, k + 1, k + 1]));
    const panel: Panel = { instruments, times: Float64Array.from([0, 1, 2, 3]), close, factor };
    const ev = evaluateFactor(panel, { horizons: [1], quantiles: 2, minAssets: 4 });
    // Per-period rank IC: 0.8 (the hand case above), −1, +1; Pearson is the same (returns linear in ranks).
    expect(ev.icSeries.map((x) => x.rank)).toEqual([0.8, -1, 1].map((v) => expect.closeTo(v, 9)));
    expect(ev.icSeries.map((x) => x.pearson)).toEqual([0.8, -1, 1].map((v) => expect.closeTo(v, 9)));
    const ic = ev.ic[0]!;
    expect(ic.periods).toBe(3);
    // mean 0.8/3; deviations 0.5333, −1.2667, 0.7333 → sample variance 2.42667/2, sd 1.101514.
    expect(ic.rank.mean).toBeCloseTo(0.8 / 3, 9);
    expect(ic.rank.std).toBeCloseTo(1.101514, 5);
    expect(ic.rank.t).toBeCloseTo(0.8 / 3 / (1.101514 / Math.sqrt(3)), 4);
    // Quantiles of 2: bottom {A,B}, top {C,D}: period means 2%,3.5%,1.5% and 3%,1.5%,3.5%.
    expect(ev.quantiles[0]!.meanReturn[0]).toBeCloseTo((0.02 + 0.035 + 0.015) / 3, 12);
    expect(ev.quantiles[0]!.meanReturn[1]).toBeCloseTo((0.03 + 0.015 + 0.035) / 3, 12);
    expect(ev.cumulative.curves[1]!.at(-1)).toBeCloseTo(1.03 * 1.015 * 1.035, 12);
    // The top bucket is {C, D} every period: no turnover; the ranking never changes: autocorrelation 1.
    expect(ev.topTurnover).toBe(0);
    expect(ev.rankAutocorrelation).toBeCloseTo(1, 12);
  });

  it('skips periods with too few instruments and uses only the past for the factor row', () => {
    const instruments = ['A', 'B', 'C'].map((b) => parseInstrument(`X:${b}/USD`));
    const close = [
      Float64Array.from([1, 2, 4]),
      Float64Array.from([1, 3, Number.NaN]),
      Float64Array.from([1, 1, 1]),
    ];
    const factor = [Float64Array.from([3, 1, 0]), Float64Array.from([2, 1, 0]), Float64Array.from([1, 1, 0])];
    const ev = evaluateFactor(
      { instruments, times: Float64Array.from([0, 1, 2]), close, factor },
      { horizons: [1, 2], quantiles: 3, minAssets: 3 },
    );
    // Row 0 → 1: returns [1, 2, 0], factor [3, 2, 1] → rank IC 0.5; row 1 → 2: B has no close, skipped.
    expect(ev.ic[0]!.periods).toBe(1);
    expect(ev.icSeries[0]!.rank).toBeCloseTo(0.5, 12);
    // Horizon 2 from row 0: B's close at row 2 is missing: two instruments only, skipped.
    expect(ev.ic[1]!.periods).toBe(0);
  });
});
