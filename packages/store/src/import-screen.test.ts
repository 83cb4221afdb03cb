import { describe, expect, test } from 'vitest';
import { screenImport } from './import-screen';
import { parseCsvBars } from './importers';

const H = 3_600_000;

describe('screenImport', () => {
  test('names refused rows by their file line, blank lines counted; identical repeats are not errors', () => {
    const lines: number[] = [];
    const text = [
      'ts,open,high,low,close,volume',
      `${0},1,2,1,2,1`,
      '',
      `${2 * H},1,2,1,2,1`,
      `${H},1,2,1,2,1`,
      `${2 * H},1,2,1,2,1`,
    ].join('\n');
    const cols = parseCsvBars(text, 'x.csv', lines);
    expect(lines).toEqual([2, 4, 5, 6]);
    const s = screenImport(cols, '1h', lines);
    expect(s.rejects.map((r) => [r.line, r.reason])).toEqual([[5, 'not_monotonic']]);
    expect(s.repeats).toBe(1);
    expect(s.conflicts).toEqual([]);
    expect(Array.from(s.accepted.openTime)).toEqual([0, 2 * H]);
    expect(s.gaps).toEqual([{ fromOpen: H, toOpen: H, missingBars: 1 }]);
  });
});
