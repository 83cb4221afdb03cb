import { describe, expect, it } from 'vitest';
import { equityMetrics } from './metrics';

// equityMetrics finds month ends from each month's bounds instead of a date string per bar; this
// holds it to the plain per-bar reading on irregular times (gaps of hours to months, closes exactly
// at midnight on the 1st, leap days, year ends).

const HOUR = 3_600_000;

/** The plain reading: a key per bar, a month ends where the next bar's key differs. */
function naiveMonthly(time: number[], equity: number[], initial: number): Record<string, number> {
  const key = (closeMs: number) => {
    const d = new Date(closeMs - 1);
    return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
  };
  const out: Record<string, number> = {};
  let base = initial;
  for (let i = 0; i < time.length; i++) {
    if (i === time.length - 1 || key(time[i + 1]!) !== key(time[i]!)) {
      out[key(time[i]!)] = equity[i]! / base - 1;
      base = equity[i]!;
    }
  }
  return out;
}

describe('monthly returns', () => {
  it('match the per-bar month keys on irregular times, bit for bit', () => {
    let s = 0x9e3779b9;
    const rand = (): number => {
      s ^= s << 13;
      s ^= s >>> 17;
      s ^= s << 5;
      return (s >>> 0) / 2 ** 32;
    };
    const time: number[] = [];
    const equity: number[] = [];
    let t = Date.UTC(2019, 11, 31, 22);
    let e = 100;
    for (let i = 0; i < 20_000; i++) {
      const r = rand();
      // Mostly hourly, sometimes a close exactly at a month's first midnight, sometimes a long gap.
      if (r < 0.01) {
        const d = new Date(t);
        t = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
      } else if (r < 0.012) {
        t += Math.floor(rand() * 90) * 24 * HOUR + HOUR;
      } else {
        t += HOUR;
      }
      e *= 1 + (rand() - 0.5) / 50;
      time.push(t);
      equity.push(e);
    }
    const m = equityMetrics({ time, equity, initialEquity: 100, startTime: time[0]! - HOUR, tfMs: HOUR });
    const want = naiveMonthly(time, equity, 100);
    expect(Object.keys(m.monthlyReturns)).toEqual(Object.keys(want));
    for (const k of Object.keys(want)) expect(Object.is(m.monthlyReturns[k], want[k])).toBe(true);
    expect(Object.keys(want).length).toBeGreaterThan(24);
    expect(Object.keys(want)).toContain('2020-02');
  });
});
