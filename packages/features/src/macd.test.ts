import { describe, expect, it } from 'vitest';
import { Macd, macd } from './macd';

/** Independent EMA: α·x + (1 − α)·prev, seeded with the mean of the first n defined inputs. */
function naiveEma(xs: number[], n: number): number[] {
  const out: number[] = [];
  const defined: number[] = [];
  let prev = Number.NaN;
  for (const x of xs) {
    if (Number.isNaN(x)) {
      out.push(Number.NaN);
      continue;
    }
    defined.push(x);
    if (defined.length < n) {
      out.push(Number.NaN);
      continue;
    }
    prev =
      defined.length === n
        ? defined.reduce((a, b) => a + b) / n
        : (2 / (n + 1)) * x + (1 - 2 / (n + 1)) * prev;
    out.push(prev);
  }
  return out;
}

describe('macd', () => {
  const xs = Array.from({ length: 80 }, (_, i) => 50 + 5 * Math.sin(i / 5) + i / 10);

  it('is EMA(fast) − EMA(slow) with an EMA signal over the line', () => {
    const m = macd(xs, 12, 26, 9);
    const fast = naiveEma(xs, 12);
    const slow = naiveEma(xs, 26);
    const line = fast.map((f, i) => f - slow[i]!);
    const signal = naiveEma(line, 9);
    for (let t = 0; t < xs.length; t++) {
      if (t < 33) {
        expect(m.line[t]).toBeNaN();
        expect(m.signal[t]).toBeNaN();
        expect(m.histogram[t]).toBeNaN();
        continue;
      }
      expect(m.line[t]).toBeCloseTo(line[t]!, 10);
      expect(m.signal[t]).toBeCloseTo(signal[t]!, 10);
      expect(m.histogram[t]).toBe(m.line[t]! - m.signal[t]!);
    }
  });

  it('warms up in slow + signal − 1 bars and streams identically', () => {
    const s = new Macd(3, 5, 2);
    expect(s.warmup).toBe(6);
    const batch = macd(xs, 3, 5, 2);
    xs.forEach((x, i) => {
      s.update(x);
      expect(s.ready).toBe(i >= 5);
      expect(s.value).toEqual({
        line: batch.line[i],
        signal: batch.signal[i],
        histogram: batch.histogram[i],
      });
    });
  });

  it('requires fast < slow', () => {
    expect(() => new Macd(26, 12, 9)).toThrowError(/fast/);
  });
});
