import { DAY_MS } from './calendar';

/**
 * America/New_York from the US daylight-saving rules (no time-zone database needed, so the result
 * does not depend on the ICU data a runtime ships):
 * - from 2007: EDT from the second Sunday of March to the first Sunday of November;
 * - 1987–2006: from the first Sunday of April to the last Sunday of October.
 * Both switch at 02:00 local time, which no trading session straddles, so a whole date has one offset.
 */

/** 00:00 UTC of the `n`-th (1-based) `weekday` (0 = Sunday) of a month (0-based); n = -1: the last. */
export function nthWeekday(year: number, month: number, weekday: number, n: number): number {
  if (n > 0) {
    const first = Date.UTC(year, month, 1);
    const shift = (weekday - new Date(first).getUTCDay() + 7) % 7;
    return first + (shift + (n - 1) * 7) * DAY_MS;
  }
  const last = Date.UTC(year, month + 1, 0);
  const back = (new Date(last).getUTCDay() - weekday + 7) % 7;
  return last - back * DAY_MS;
}

/** Whether New York keeps daylight time on the local date starting `day` (00:00 UTC of that date). */
export function newYorkDaylight(day: number): boolean {
  const year = new Date(day).getUTCFullYear();
  if (year < 1987) throw new RangeError(`New York time before 1987 is not modelled (year ${year})`);
  const [start, end] =
    year >= 2007
      ? [nthWeekday(year, 2, 0, 2), nthWeekday(year, 10, 0, 1)]
      : [nthWeekday(year, 3, 0, 1), nthWeekday(year, 9, 0, -1)];
  return day >= start && day < end;
}

/** ms UTC of a New York wall-clock time (minutes after midnight) on the local date `day`. */
export function newYorkTime(day: number, minutes: number): number {
  const offsetHours = newYorkDaylight(day) ? 4 : 5;
  return day + (minutes + offsetHours * 60) * 60_000;
}
