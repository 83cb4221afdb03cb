import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { BarColumns } from '@algotrader/core';
import { describe, expect, it } from 'vitest';
import { parseCsvBars, parseCsvBytes } from './importers';

// parseCsvBars reads plain-digit rows without splitting them; these tests hold it to the plain
// reading (split on commas, `Number` of each field), bit for bit, on real files and on numbers
// chosen to be awkward.

const NAMES = ['ts', 'open', 'high', 'low', 'close', 'volume'] as const;

/** The obvious reader: what every value must equal. */
function reference(text: string): number[][] {
  const lines = text.split('\n');
  const header = lines[0]!
    .replace(/^\uFEFF/, '')
    .trim()
    .split(',');
  const at = NAMES.map((n) => header.findIndex((h) => h.trim().toLowerCase() === n));
  const rows: number[][] = [];
  for (const raw of lines.slice(1)) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.trim() === '') continue;
    const f = line.split(',');
    rows.push(at.map((i) => Number(f[i]!)));
  }
  return rows;
}

function expectSame(cols: BarColumns, rows: number[][]): void {
  const arrays = [cols.openTime, cols.open, cols.high, cols.low, cols.close, cols.volume];
  expect(cols.openTime.length).toBe(rows.length);
  for (let r = 0; r < rows.length; r++) {
    for (let c = 0; c < 6; c++) {
      const got = arrays[c]![r]!;
      const want = rows[r]![c]!;
      if (!Object.is(got, want)) {
        throw new Error(`row ${r + 1} ${NAMES[c]}: got ${got}, want ${want}`);
      }
    }
  }
}

/** The reader of text, and the reader of a file's ASCII bytes: every test holds for both. */
const PARSERS = {
  text: parseCsvBars,
  bytes: (text: string, source: string, lines?: number[]) =>
    parseCsvBytes(Buffer.from(text, 'latin1'), source, lines),
} as const;

for (const [kind, parseCsvBars] of Object.entries(PARSERS))
  describe(`parseCsvBars fast path (${kind})`, () => {
    it('reads every bundled file exactly as split + Number does', () => {
      const dirs = ['../../../data/ohlcv', '../../../data/demo'].map((d) =>
        path.resolve(import.meta.dirname, d),
      );
      let files = 0;
      for (const dir of dirs) {
        for (const name of readdirSync(dir).filter((n) => n.endsWith('.csv.gz'))) {
          const text = gunzipSync(readFileSync(path.join(dir, name))).toString('utf8');
          expectSame(parseCsvBars(text, name), reference(text));
          files++;
        }
      }
      expect(files).toBeGreaterThanOrEqual(12);
    });

    it('gives Number()’s double for awkward decimals: long, short, leading zeros, trailing dots, 15+ digits', () => {
      // A deterministic generator (xorshift), so a failure names a reproducible value.
      let s = 0x2545f491;
      const next = (): number => {
        s ^= s << 13;
        s ^= s >>> 17;
        s ^= s << 5;
        return (s >>> 0) / 2 ** 32;
      };
      const digits = (n: number): string =>
        Array.from({ length: n }, () => String(Math.floor(next() * 10))).join('');
      const fixed = [
        '0',
        '0.0',
        '00012.5000',
        '5.',
        '.5',
        '0.1',
        '0.30000000000000004',
        '123456789012345',
        '1234567890123456',
        '12345678901234567890',
        '9007199254740993',
        '0.000000000000000000001',
        '0.0000000000000000000001',
        '0.00000000000000000000001',
        '999999999999999.9',
        '4261.48',
        '47.181009',
      ];
      const values: string[] = [...fixed];
      for (let k = 0; k < 20_000; k++) {
        const intLen = Math.floor(next() * 9);
        const fracLen = Math.floor(next() * 14);
        const v = `${digits(intLen)}${fracLen > 0 || intLen === 0 ? `.${digits(Math.max(fracLen, intLen === 0 ? 1 : 0))}` : ''}`;
        values.push(v);
      }
      const lines = ['ts,open,high,low,close,volume'];
      for (let i = 0; i < values.length; i += 5) {
        const row = [String(1_600_000_000_000 + i * 60_000)];
        for (let c = 0; c < 5; c++) row.push(values[(i + c) % values.length]!);
        lines.push(row.join(','));
      }
      const text = `${lines.join('\n')}\n`;
      expectSame(parseCsvBars(text, 'awkward.csv'), reference(text));
    });

    it('mixes plain rows with rows for the general path (CRLF, blanks, exponents, extra columns, blank lines)', () => {
      const text = [
        'volume,close,extra,ts,open,high,low',
        '1.5,100.25,note,1700000000000,100,101,99.5',
        '2,100.5,1.25,1700000060000,100.25,101.5,99',
        ' 3 ,1e2,x,1700000120000,+100,101,99\r',
        '',
        '4,100.75,,1700000180000,100.5,102,100\r',
        '   ',
        '5,101,9,1700000240000,100.75,101.25,100.5',
      ].join('\n');
      const cols = parseCsvBars(text, 'mixed.csv');
      expect(Array.from(cols.openTime)).toEqual([
        1700000000000, 1700000060000, 1700000120000, 1700000180000, 1700000240000,
      ]);
      expect(Array.from(cols.close)).toEqual([100.25, 100.5, 100, 100.75, 101]);
      expect(Array.from(cols.open)).toEqual([100, 100.25, 100, 100.5, 100.75]);
      expect(Array.from(cols.volume)).toEqual([1.5, 2, 3, 4, 5]);
    });

    it('still refuses what the general path refuses, naming the line', () => {
      const bad = (row: string) => () =>
        parseCsvBars(`ts,open,high,low,close,volume\n1,1,1,1,1,1\n${row}\n`, 'bad.csv');
      expect(bad('2,1,1,1,1')).toThrow(/bad\.csv:3: expected 6 fields, got 5/);
      expect(bad('2,1,1,1,1,1,1')).toThrow(/bad\.csv:3: expected 6 fields, got 7/);
      expect(bad('2,1,1,,1,1')).toThrow(/bad\.csv:3: bad low ""/);
      expect(bad('2,1,1.2.3,1,1,1')).toThrow(/bad\.csv:3: bad high "1\.2\.3"/);
      expect(bad('2.5,1,1,1,1,1')).toThrow(/bad\.csv:3: bad timestamp "2\.5"/);
      expect(bad('2,1,1,1,1,NaN')).toThrow(/bad\.csv:3: bad volume "NaN"/);
    });
  });

describe('parseCsvBytes', () => {
  it('reads line ends, blank lines and refusals as the text reader does, with the same line numbers', () => {
    const H = 'ts,open,high,low,close,volume';
    const texts = [
      `${H}\n1,2,3,1,2,5\n2,2,3,1,2,5`,
      `${H}\n1,2,3,1,2,5\n2,2,3,1,2,5\r`,
      `${H}\r\n1,2,3,1,2,5\r\n\r\n2,2,3,1,2,5\r\n`,
      `${H}\n1,2,3,1,2,5\r\r\n`,
      `${H}\n\n\n1,2,3,1,2,5\n   \n2,2,3,1,2,5\n`,
      `${H}\n1,2,3,1,2,5\n2,2,3,1,2`,
      `${H}\n1,2,3,1,2,5\n2,2,3,1,2,5,`,
      `${H}\n1,2,3,1,2,5\n2,2,3,1\n,2,5`,
      `${H}\n1,2,3,1,2,5\n2,2,3,1,2,5\r3,2,3,1,2,5\n`,
      `${H}\n1,2,3,1,2,12345678901234567\n2,2,3,1,2,5\n`,
      `${H}\n2021-01-01,2,3,1,2,5\n2021-01-01T01:00Z,2,3,1,2,5\n`,
      `${H}\n`,
      H,
      'ts,open\n1,2\n',
    ];
    for (const text of texts) {
      const run = (parse: typeof PARSERS.text) => {
        const lines: number[] = [];
        try {
          const c = parse(text, 'f.csv', lines);
          return {
            cols: [c.openTime, c.open, c.high, c.low, c.close, c.volume].map((a) => Array.from(a)),
            lines,
          };
        } catch (e) {
          return { error: (e as Error).message };
        }
      };
      expect(run(PARSERS.bytes), JSON.stringify(text)).toEqual(run(PARSERS.text));
    }
  });
});
