import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import {
  ALWAYS_OPEN,
  DAY_MS,
  dayString,
  easterSunday,
  NYSE,
  newYorkDaylight,
  newYorkTime,
  nyseHolidays,
  parseDay,
  sessionTimeBetween,
} from './index';

const dataDir = resolve(import.meta.dirname, '../../../../data');
const rows = (file: string): string[][] => {
  const raw = readFileSync(resolve(dataDir, file));
  const text = file.endsWith('.gz') ? gunzipSync(raw).toString('utf8') : raw.toString('utf8');
  return text
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split(','));
};

describe('NYSE calendar from rules', () => {
  test('reproduces the reference sessions 2020-01-02 → 2023-01-13 exactly (open, close, early close)', () => {
    const ref = rows('calendars/us_nyse_sessions_2020_2023.csv');
    expect(ref.length).toBe(765);
    const first = parseDay(ref[0]![0]!);
    const last = parseDay(ref.at(-1)![0]!);
    const got = NYSE.sessions(first, last).map((s) =>
      [s.date, String(s.day), String(s.open), String(s.close), s.earlyClose ? '1' : '0'].join(','),
    );
    expect(got).toEqual(ref.map((r) => r.join(',')));
  });

  test('reproduces the reference full-day holidays 2020–2022 exactly', () => {
    const ref = rows('calendars/us_nyse_holidays_2020_2022.csv').map((r) => r[0]!);
    const got: string[] = [];
    for (let d = Date.UTC(2020, 0, 1); d < Date.UTC(2023, 0, 1); d += DAY_MS) {
      const wd = new Date(d).getUTCDay();
      if (wd !== 0 && wd !== 6 && NYSE.sessionOn(d) === undefined) got.push(dayString(d));
    }
    expect(got).toEqual(ref);
  });

  test("matches every trading date of SPY's daily history 1999-11 → 2023-03 (9/11, Sandy, mournings)", () => {
    const dates = rows('us/us_SPY_1d.csv.gz').map((r) => Number(r[0]));
    const got = NYSE.sessions(dates[0]!, dates.at(-1)!).map((s) => s.day);
    expect(got.length).toBe(dates.length);
    expect(got).toEqual(dates);
  });

  test("matches every trading date of ORCL's daily history 1995 → 2014 (before MLK Day closed the NYSE)", () => {
    const dates = rows('us/us_ORCL_1d.csv.gz').map((r) => Number(r[0]));
    expect(NYSE.sessions(dates[0]!, dates.at(-1)!).map((s) => s.day)).toEqual(dates);
  });

  test('later years from the rules: 2025 has the Carter closure, Juneteenth and the usual early closes', () => {
    const closed = (d: string) => NYSE.sessionOn(parseDay(d)) === undefined;
    expect(closed('2025-01-09')).toBe(true);
    expect(closed('2025-06-19')).toBe(true);
    expect(closed('2025-04-18')).toBe(true); // Good Friday
    expect(NYSE.sessionOn(parseDay('2025-07-03'))?.earlyClose).toBe(true); // Thursday
    expect(NYSE.sessionOn(parseDay('2025-12-24'))?.earlyClose).toBe(true); // Wednesday
    expect(NYSE.sessionOn(parseDay('2026-07-03'))).toBeUndefined(); // July 4 is a Saturday
    expect(NYSE.sessionOn(parseDay('2027-12-31'))?.earlyClose).toBe(false); // New Year on Saturday: not moved
  });

  test('Easter dates and DST switches', () => {
    expect(dayString(easterSunday(2024))).toBe('2024-03-31');
    expect(dayString(easterSunday(2000))).toBe('2000-04-23');
    expect(dayString(easterSunday(2038))).toBe('2038-04-25');
    expect(newYorkDaylight(parseDay('2024-03-09'))).toBe(false);
    expect(newYorkDaylight(parseDay('2024-03-10'))).toBe(true);
    expect(newYorkDaylight(parseDay('2024-11-02'))).toBe(true);
    expect(newYorkDaylight(parseDay('2024-11-03'))).toBe(false);
    expect(newYorkDaylight(parseDay('2006-04-02'))).toBe(true); // old rule: first Sunday of April
    expect(newYorkDaylight(parseDay('2006-10-29'))).toBe(false); // last Sunday of October
    expect(nyseHolidays(2023).has(parseDay('2023-01-02'))).toBe(true);
  });

  test('New York time agrees with the runtime time-zone database at 09:30 every day 1999–2030', () => {
    const fmt = new Intl.DateTimeFormat('en-US', {
      timeZone: 'America/New_York',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    for (let d = Date.UTC(1999, 0, 1); d < Date.UTC(2031, 0, 1); d += DAY_MS) {
      const t = newYorkTime(d, 9 * 60 + 30);
      if (fmt.format(t) !== '09:30') throw new Error(`${dayString(d)}: ${fmt.format(t)}`);
    }
  });

  test('lookups: a weekend, a holiday and an early close', () => {
    // Friday 2020-11-27 closes at 13:00 EST = 18:00 UTC; Saturday and Sunday are closed.
    const fri = NYSE.sessionOn(parseDay('2020-11-27'))!;
    expect(fri.close).toBe(Date.UTC(2020, 10, 27, 18));
    expect(NYSE.sessionAt(Date.UTC(2020, 10, 27, 18))).toBeUndefined();
    expect(NYSE.sessionAt(Date.UTC(2020, 10, 27, 17, 59))?.date).toBe('2020-11-27');
    expect(NYSE.nextSession(Date.UTC(2020, 10, 28, 12)).date).toBe('2020-11-30');
    expect(NYSE.previousSession(Date.UTC(2020, 10, 29, 12)).date).toBe('2020-11-27');
    // Thanksgiving itself: nothing; the session before is Wednesday.
    expect(NYSE.sessionOn(parseDay('2020-11-26'))).toBeUndefined();
    expect(NYSE.nextSession(Date.UTC(2020, 10, 25, 22)).date).toBe('2020-11-27');
    expect(() => NYSE.sessionOn(parseDay('1990-01-02'))).toThrow(/1995 onwards/);
  });

  test('sessionTimeBetween: trading time only (a weekend is 0, an early close counts to 13:00)', () => {
    const fri = Date.UTC(2025, 0, 10, 21); // Friday 16:00 EST
    expect(sessionTimeBetween(NYSE, fri, Date.UTC(2025, 0, 13, 14, 30))).toBe(0);
    expect(sessionTimeBetween(NYSE, fri - 3_600_000, Date.UTC(2025, 0, 13, 15, 30))).toBe(2 * 3_600_000);
    // Wednesday 2020-11-25 15:00 EST → Friday 27th 17:00 EST: 1 h Wednesday, Thanksgiving 0, Friday 09:30–13:00.
    const wed = Date.UTC(2020, 10, 25, 20);
    expect(sessionTimeBetween(NYSE, wed, Date.UTC(2020, 10, 27, 22))).toBe(3_600_000 + 3.5 * 3_600_000);
    expect(sessionTimeBetween(ALWAYS_OPEN, fri, fri + 1234)).toBe(1234);
  });

  test('ALWAYS_OPEN: every instant is in a session of its UTC date', () => {
    const t = Date.UTC(2024, 5, 1, 13, 7);
    const s = ALWAYS_OPEN.sessionAt(t)!;
    expect([s.open, s.close]).toEqual([Date.UTC(2024, 5, 1), Date.UTC(2024, 5, 2)]);
    expect(ALWAYS_OPEN.sessions(Date.UTC(2024, 5, 1), Date.UTC(2024, 5, 3)).length).toBe(3);
  });
});
