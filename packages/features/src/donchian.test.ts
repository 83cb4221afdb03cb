import { describe, expect, it } from 'vitest';
import { DonchianChannel, donchianChannel } from './donchian';

describe('donchian channel', () => {
  it('tracks the highest high and lowest low of the last n bars, current included', () => {
    const high = [1, 3, 2, 5, 4, 1, 1];
    const low = [0, 1, 1, 2, 3, 0.5, 1];
    const d = donchianChannel(high, low, 3);
    expect(Array.from(d.upper)).toEqual([Number.NaN, Number.NaN, 3, 5, 5, 5, 4]);
    expect(Array.from(d.lower)).toEqual([Number.NaN, Number.NaN, 0, 1, 1, 0.5, 0.5]);
    expect(Array.from(d.middle)).toEqual([Number.NaN, Number.NaN, 1.5, 3, 3, 2.75, 2.25]);
  });

  it('matches brute-force max/min on a long zig-zag and streams identically', () => {
    const high = Array.from({ length: 500 }, (_, i) => 100 + ((i * 7919) % 97) - ((i * 31) % 13));
    const low = high.map((h, i) => h - 1 - ((i * 17) % 5));
    const n = 20;
    const d = donchianChannel(high, low, n);
    const s = new DonchianChannel(n);
    for (let t = 0; t < high.length; t++) {
      s.update(high[t]!, low[t]!);
      expect(s.value).toEqual({ upper: d.upper[t], middle: d.middle[t], lower: d.lower[t] });
      if (t < n - 1) continue;
      const hw = high.slice(t - n + 1, t + 1);
      const lw = low.slice(t - n + 1, t + 1);
      expect(d.upper[t]).toBe(Math.max(...hw));
      expect(d.lower[t]).toBe(Math.min(...lw));
    }
  });
});
