import { describe, expect, test } from 'vitest';
import { cronMatches, nextCron, parseCron, prevCron } from './cron';
import { cron, every, occurrencesBetween, parseSchedule } from './schedule';

const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());
const at = (s: string) => Date.parse(s);

describe('cron expressions (UTC)', () => {
  test('next and previous match of common schedules', () => {
    const from = at('2030-01-31T23:59:30Z');
    expect(iso(nextCron(parseCron('5 0 * * *'), from))).toBe('2030-02-01T00:05:00.000Z');
    expect(iso(nextCron(parseCron('*/15 * * * *'), at('2030-01-01T10:14:00Z')))).toBe(
      '2030-01-01T10:15:00.000Z',
    );
    expect(iso(nextCron(parseCron('*/15 * * * *'), at('2030-01-01T10:15:00Z'))), 'strictly after').toBe(
      '2030-01-01T10:30:00.000Z',
    );
    expect(iso(nextCron(parseCron('@monthly'), from))).toBe('2030-02-01T00:00:00.000Z');
    expect(iso(nextCron(parseCron('0 9 * * mon-fri'), at('2030-01-04T09:00:00Z')))).toBe(
      '2030-01-07T09:00:00.000Z',
    );
    expect(iso(nextCron(parseCron('0 0 29 feb *'), from))).toBe('2032-02-29T00:00:00.000Z');
    expect(iso(prevCron(parseCron('30 3 * * *'), at('2030-01-01T03:29:59Z')))).toBe(
      '2029-12-31T03:30:00.000Z',
    );
    expect(iso(prevCron(parseCron('30 3 * * *'), at('2030-01-01T03:30:00Z'))), 'at or before').toBe(
      '2030-01-01T03:30:00.000Z',
    );
  });

  test('day-of-month and day-of-week both restricted: either matches (Vixie cron)', () => {
    const c = parseCron('0 12 13 * fri');
    expect(cronMatches(c, at('2030-09-13T12:00:00Z')), 'Friday the 13th').toBe(true);
    expect(cronMatches(c, at('2030-09-06T12:00:00Z')), 'a Friday').toBe(true);
    expect(cronMatches(c, at('2030-10-13T12:00:00Z')), 'a 13th, Sunday').toBe(true);
    expect(cronMatches(c, at('2030-10-14T12:00:00Z'))).toBe(false);
    expect(parseCron('0 0 * * 7').daysOfWeek.has(0), '7 is Sunday').toBe(true);
  });

  test('lists, ranges with steps and names', () => {
    const c = parseCron('0,30 8-18/2 * jan,jul *');
    expect([...c.minutes]).toEqual([0, 30]);
    expect([...c.hours]).toEqual([8, 10, 12, 14, 16, 18]);
    expect([...c.months]).toEqual([1, 7]);
  });

  test('nonsense is refused with the reason', () => {
    expect(() => parseCron('* * * *')).toThrow(/5 fields/);
    expect(() => parseCron('60 * * * *')).toThrow(/minute "60" is outside 0-59/);
    expect(() => parseCron('* * * * */0')).toThrow(/step/);
    expect(() => parseCron('5-1 * * * *')).toThrow(/backwards/);
    expect(() => parseCron('* * * foo *')).toThrow(/month/);
    expect(nextCron(parseCron('0 0 30 2 *'), 0), '30 February never comes').toBeUndefined();
  });
});

describe('schedules', () => {
  test('intervals are aligned to the epoch so every replica computes the same instants', () => {
    const s = every(600_000, 60_000);
    expect(
      occurrencesBetween(s, at('2030-01-01T00:00:00Z'), at('2030-01-01T00:35:00Z'), 10).map(iso),
    ).toEqual([
      '2030-01-01T00:01:00.000Z',
      '2030-01-01T00:11:00.000Z',
      '2030-01-01T00:21:00.000Z',
      '2030-01-01T00:31:00.000Z',
    ]);
    expect(() => every(500)).toThrow(/>= 1000/);
  });

  test('occurrences keep the most recent ones under the limit, oldest first', () => {
    const got = occurrencesBetween(
      cron('0 * * * *'),
      at('2030-01-01T00:00:00Z'),
      at('2030-01-01T05:30:00Z'),
      2,
    );
    expect(got.map(iso)).toEqual(['2030-01-01T04:00:00.000Z', '2030-01-01T05:00:00.000Z']);
  });

  test('config text', () => {
    expect(parseSchedule('every:60000+5000')).toEqual({ kind: 'every', everyMs: 60_000, offsetMs: 5_000 });
    expect(parseSchedule('cron:@daily').kind).toBe('cron');
    expect(parseSchedule('5 0 * * *').kind).toBe('cron');
  });
});
