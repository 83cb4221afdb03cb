import { describe, expect, test } from 'vitest';
import { describeSchedule, latestAtOrBefore, nextAfter, occurrencesBetween, parseSchedule } from './schedule';

const MIN = 60_000;

describe('session-close schedules', () => {
  const s = parseSchedule('session-close:nyse+300000');

  test('fire 5 min after each NYSE close: not on Thanksgiving or the weekend, at 13:05 on the early close', () => {
    // Wed 2020-11-25 → Mon 11-30: Wednesday 16:05 EST, Friday 13:05 (early close), Monday 16:05.
    const got = occurrencesBetween(s, Date.UTC(2020, 10, 25), Date.UTC(2020, 10, 30, 23), 10);
    expect(got).toEqual([
      Date.UTC(2020, 10, 25, 21, 5),
      Date.UTC(2020, 10, 27, 18, 5),
      Date.UTC(2020, 10, 30, 21, 5),
    ]);
    expect(describeSchedule(s)).toBe('300000 ms after each nyse session close');
  });

  test('next and latest around a close (strictly after / at or before)', () => {
    const fri = Date.UTC(2020, 10, 27, 18, 5);
    expect(nextAfter(s, fri - 1)).toBe(fri);
    expect(nextAfter(s, fri)).toBe(Date.UTC(2020, 10, 30, 21, 5));
    expect(latestAtOrBefore(s, fri)).toBe(fri);
    expect(latestAtOrBefore(s, fri - 1)).toBe(Date.UTC(2020, 10, 25, 21, 5));
    // Summer (EDT): the close is 20:00 UTC.
    expect(nextAfter(s, Date.UTC(2024, 6, 1, 12))).toBe(Date.UTC(2024, 6, 1, 20) + 5 * MIN);
  });

  test('bad calendars and offsets are refused with what to write', () => {
    expect(() => parseSchedule('session-close:sse')).toThrow(/unknown calendar "sse".*use one of nyse/);
    expect(() => parseSchedule('session-close:nyse+99999999999')).toThrow(/offset after the close/);
  });
});
