import { describe, expect, it } from 'vitest';
import { crossSectionalRank } from './rank';

describe('cross-sectional rank', () => {
  it('ranks ascending with averaged ties, skipping non-finite values', () => {
    const xs = [3, Number.NaN, 1, 2, 2, Number.POSITIVE_INFINITY];
    expect(Array.from(crossSectionalRank(xs, { scale: 'ordinal' }))).toEqual([
      4,
      Number.NaN,
      1,
      2.5,
      2.5,
      Number.NaN,
    ]);
    // m = 4 finite values: (rank − 1) / 3.
    expect(Array.from(crossSectionalRank(xs))).toEqual([1, Number.NaN, 0, 0.5, 0.5, Number.NaN]);
  });

  it('does not depend on symbol order', () => {
    const xs = [0.3, -1, 7, 0.3, 2];
    const perm = [4, 2, 0, 3, 1];
    const ranked = crossSectionalRank(xs);
    const permuted = crossSectionalRank(perm.map((i) => xs[i]!));
    perm.forEach((i, j) => {
      expect(permuted[j]).toBe(ranked[i]);
    });
  });

  it('handles degenerate cross-sections', () => {
    expect(Array.from(crossSectionalRank([]))).toEqual([]);
    expect(Array.from(crossSectionalRank([Number.NaN, 7]))).toEqual([Number.NaN, 0.5]);
    expect(Array.from(crossSectionalRank([Number.NaN, 7], { scale: 'ordinal' }))).toEqual([Number.NaN, 1]);
    expect(Array.from(crossSectionalRank([4, 4, 4]))).toEqual([0.5, 0.5, 0.5]);
  });
});
