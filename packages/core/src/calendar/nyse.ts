import { calendarFrom, DAY_MS, dayString, type Session, type TradingCalendar } from './calendar';
import { newYorkTime, nthWeekday } from './new-york';

/**
 * The New York Stock Exchange's regular sessions computed from its rules: 09:30–16:00
 * America/New_York, Monday to Friday, without the full-day holidays, closing at 13:00 on the early
 * close days. Tested to reproduce the exchange-calendar reference files for 2020–2023 exactly and
 * the trading dates of the bundled daily histories 1995–2023.
 *
 * Rules (observance: a holiday on Saturday is kept the Friday before, on Sunday the Monday after,
 * except New Year's Day on a Saturday, which is not moved into the old year):
 * New Year's Day; Martin Luther King Jr. Day (3rd Monday of January, from 1998); Washington's
 * Birthday (3rd Monday of February); Good Friday; Memorial Day (last Monday of May); Juneteenth
 * (June 19, from 2022); Independence Day; Labor Day (1st Monday of September); Thanksgiving
 * (4th Thursday of November); Christmas. Early closes at 13:00: the day after Thanksgiving;
 * Christmas Eve on Monday–Thursday; July 3 on Monday, Tuesday or Thursday, and on Wednesday from 2013;
 * Friday July 5 before 2013. One-off closures and early closes are listed below.
 */

/** Closures not given by the rules (national days of mourning, 9/11, Hurricane Sandy). */
const SPECIAL_CLOSURES = new Set([
  '1994-04-27',
  '2001-09-11',
  '2001-09-12',
  '2001-09-13',
  '2001-09-14',
  '2004-06-11',
  '2007-01-02',
  '2012-10-29',
  '2012-10-30',
  '2018-12-05',
  '2025-01-09',
]);

/** One-off 13:00 closes. */
const SPECIAL_EARLY_CLOSES = new Set(['1997-12-26', '1999-12-31', '2003-12-26']);

/** The first year whose rules are modelled (checked against the bundled daily data from 1995). */
export const NYSE_FIRST_YEAR = 1995;

const OPEN_MINUTES = 9 * 60 + 30;
const CLOSE_MINUTES = 16 * 60;
const EARLY_CLOSE_MINUTES = 13 * 60;

/** 00:00 UTC of Easter Sunday (Gregorian; the anonymous algorithm). */
export function easterSunday(year: number): number {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return Date.UTC(year, month - 1, day);
}

/** Saturday → Friday before, Sunday → Monday after. */
function nearestWorkday(day: number): number {
  const wd = new Date(day).getUTCDay();
  if (wd === 6) return day - DAY_MS;
  if (wd === 0) return day + DAY_MS;
  return day;
}

const holidayCache = new Map<number, ReadonlySet<number>>();

/** The full-day holidays given by the rules for one year (not the one-off closures). */
export function nyseHolidays(year: number): ReadonlySet<number> {
  let set = holidayCache.get(year);
  if (set) return set;
  const days: number[] = [];
  const newYear = Date.UTC(year, 0, 1);
  const nyWd = new Date(newYear).getUTCDay();
  if (nyWd === 0) days.push(newYear + DAY_MS);
  else if (nyWd !== 6) days.push(newYear);
  if (year >= 1998) days.push(nthWeekday(year, 0, 1, 3));
  days.push(nthWeekday(year, 1, 1, 3));
  days.push(easterSunday(year) - 2 * DAY_MS);
  days.push(nthWeekday(year, 4, 1, -1));
  if (year >= 2022) days.push(nearestWorkday(Date.UTC(year, 5, 19)));
  days.push(nearestWorkday(Date.UTC(year, 6, 4)));
  days.push(nthWeekday(year, 8, 1, 1));
  days.push(nthWeekday(year, 10, 4, 4));
  days.push(nearestWorkday(Date.UTC(year, 11, 25)));
  set = new Set(days);
  holidayCache.set(year, set);
  return set;
}

function isEarlyClose(day: number): boolean {
  const d = new Date(day);
  const year = d.getUTCFullYear();
  const month = d.getUTCMonth();
  const date = d.getUTCDate();
  const wd = d.getUTCDay();
  if (SPECIAL_EARLY_CLOSES.has(dayString(day))) return true;
  if (day === nthWeekday(year, 10, 4, 4) + DAY_MS) return true;
  if (month === 11 && date === 24 && wd >= 1 && wd <= 4) return true;
  if (month === 6 && date === 3 && (wd === 1 || wd === 2 || wd === 4 || (wd === 3 && year >= 2013)))
    return true;
  if (month === 6 && date === 5 && wd === 5 && year < 2013) return true;
  return false;
}

/** The NYSE session on the date starting `day` (00:00 UTC), or undefined when the exchange is closed. */
export function nyseSession(day: number): Session | undefined {
  const d = new Date(day);
  const year = d.getUTCFullYear();
  if (year < NYSE_FIRST_YEAR) {
    throw new RangeError(`the NYSE calendar models ${NYSE_FIRST_YEAR} onwards, not ${dayString(day)}`);
  }
  const wd = d.getUTCDay();
  if (wd === 0 || wd === 6) return undefined;
  if (nyseHolidays(year).has(day)) return undefined;
  const date = dayString(day);
  if (SPECIAL_CLOSURES.has(date)) return undefined;
  const earlyClose = isEarlyClose(day);
  return {
    date,
    day,
    open: newYorkTime(day, OPEN_MINUTES),
    close: newYorkTime(day, earlyClose ? EARLY_CLOSE_MINUTES : CLOSE_MINUTES),
    earlyClose,
  };
}

/** The NYSE regular-hours calendar (also used for Nasdaq-listed stocks, which share its days and hours). */
export const NYSE: TradingCalendar = calendarFrom(
  'nyse',
  'America/New_York',
  { sessionsPerYear: 252, sessionHours: 6.5 },
  nyseSession,
);
