import { AlgoError, ErrorCode } from '@algotrader/core';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
/** Asia/Shanghai is UTC+8 all year (no daylight saving since 1991). */
export const SHANGHAI_OFFSET_MS = 8 * HOUR_MS;

/** One continuous trading session of a day, ms UTC. */
export interface Session {
  readonly open: number;
  readonly close: number;
}

/** Continuous trading, Shanghai time: 09:30–11:30 and 13:00–15:00 (auctions not included). */
const SESSIONS_LOCAL: readonly (readonly [number, number])[] = [
  [9.5 * HOUR_MS, 11.5 * HOUR_MS],
  [13 * HOUR_MS, 15 * HOUR_MS],
];

/** `YYYY-MM-DD` of a UTC-midnight day number. */
export function dateOfDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Day number (days since 1970-01-01) of a `YYYY-MM-DD` date; throws on anything else. */
export function dayOfDate(date: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const t = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : Number.NaN;
  if (!m || !Number.isFinite(t) || new Date(t).toISOString().slice(0, 10) !== date) {
    throw new AlgoError(ErrorCode.InvalidArgument, `not a date: "${date}" (expected YYYY-MM-DD)`);
  }
  return t / DAY_MS;
}

/** The Shanghai calendar date (`YYYY-MM-DD`) of an instant, ms UTC. */
export function shanghaiDate(timeMs: number): string {
  return dateOfDay(Math.floor((timeMs + SHANGHAI_OFFSET_MS) / DAY_MS));
}

/**
 * The SSE/SZSE trading calendar: which dates trade, and the sessions of a trading date. Built from
 * the per-date `is_open` table (data/calendars/cn_sse_trading_calendar.csv.gz, 2010–2026); any
 * question about a date outside the table's range is refused rather than guessed.
 */
export class SseCalendar {
  readonly first: string;
  readonly last: string;
  readonly #firstDay: number;
  readonly #open: Uint8Array;
  /** Open day numbers, ascending. */
  readonly #openDays: Int32Array;

  /** `rows`: every date of a contiguous range, with whether it trades. */
  constructor(rows: readonly { readonly date: string; readonly open: boolean }[]) {
    if (rows.length === 0) throw new AlgoError(ErrorCode.InvalidData, 'trading calendar: no rows');
    const firstDay = dayOfDate(rows[0]!.date);
    const open = new Uint8Array(rows.length);
    const days: number[] = [];
    rows.forEach((r, i) => {
      const d = dayOfDate(r.date);
      if (d !== firstDay + i) {
        throw new AlgoError(
          ErrorCode.InvalidData,
          `trading calendar: row ${i + 1} is ${r.date}, expected ${dateOfDay(firstDay + i)} (every date, ascending)`,
        );
      }
      if (r.open) {
        open[i] = 1;
        days.push(d);
      }
    });
    this.#firstDay = firstDay;
    this.#open = open;
    this.#openDays = Int32Array.from(days);
    this.first = rows[0]!.date;
    this.last = rows[rows.length - 1]!.date;
  }

  #index(date: string): number {
    const i = dayOfDate(date) - this.#firstDay;
    if (i < 0 || i >= this.#open.length) {
      throw new AlgoError(
        ErrorCode.InvalidArgument,
        `${date} is outside the trading calendar (${this.first} → ${this.last}); extend data/calendars/cn_sse_trading_calendar.csv.gz`,
      );
    }
    return i;
  }

  /** Whether `date` (`YYYY-MM-DD`) is a trading day. */
  isOpen(date: string): boolean {
    return this.#open[this.#index(date)] === 1;
  }

  /** The first trading day strictly after `date`. */
  next(date: string): string {
    return this.#step(date, 1);
  }

  /** The last trading day strictly before `date`. */
  previous(date: string): string {
    return this.#step(date, -1);
  }

  #step(date: string, dir: 1 | -1): string {
    let i = this.#index(date) + dir;
    while (i >= 0 && i < this.#open.length && this.#open[i] !== 1) i += dir;
    if (i < 0 || i >= this.#open.length) {
      throw new AlgoError(
        ErrorCode.InvalidArgument,
        `no trading day ${dir > 0 ? 'after' : 'before'} ${date} within the calendar (${this.first} → ${this.last})`,
      );
    }
    return dateOfDay(this.#firstDay + i);
  }

  /** Trading days in [from, to] (both `YYYY-MM-DD`, inclusive). */
  tradingDays(from: string, to: string): number {
    const a = this.#firstDay + this.#index(from);
    const b = this.#firstDay + this.#index(to);
    return lowerBound(this.#openDays, b + 1) - lowerBound(this.#openDays, a);
  }

  /** Trading days per calendar year, averaged over the whole years the table covers (for annualisation). */
  tradingDaysPerYear(): number {
    const y0 = Number(this.first.slice(0, 4)) + (this.first.endsWith('-01-01') ? 0 : 1);
    const y1 = Number(this.last.slice(0, 4)) - (this.last.endsWith('-12-31') ? 0 : 1);
    if (y1 < y0) throw new AlgoError(ErrorCode.InvalidData, 'trading calendar: no whole year');
    return this.tradingDays(`${y0}-01-01`, `${y1}-12-31`) / (y1 - y0 + 1);
  }

  /** The sessions of a trading day, ms UTC (empty on a closed day). */
  sessions(date: string): Session[] {
    if (!this.isOpen(date)) return [];
    const midnight = dayOfDate(date) * DAY_MS - SHANGHAI_OFFSET_MS;
    return SESSIONS_LOCAL.map(([a, b]) => ({ open: midnight + a, close: midnight + b }));
  }

  /** The close (15:00 Shanghai) of a trading day, ms UTC. */
  closeOf(date: string): number {
    const s = this.sessions(date);
    if (s.length === 0) throw new AlgoError(ErrorCode.InvalidArgument, `${date} is not a trading day`);
    return s[s.length - 1]!.close;
  }

  /** Whether the market is in continuous trading at `timeMs` (lunch break and closed days: no). */
  inSession(timeMs: number): boolean {
    return this.sessions(shanghaiDate(timeMs)).some((s) => timeMs >= s.open && timeMs < s.close);
  }

  /**
   * The trading day an order placed at `timeMs` is for: today when before today's close on a
   * trading day, else the next trading day.
   */
  tradingDateFor(timeMs: number): string {
    const d = shanghaiDate(timeMs);
    if (this.isOpen(d) && timeMs < this.closeOf(d)) return d;
    return this.next(d);
  }
}

function lowerBound(a: Int32Array, x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Parses the calendar CSV (`date,ts,is_open`; `ts` is the date at 00:00 UTC and must agree with
 * it). Errors name the file and line.
 */
export function parseSseCalendar(text: string, file: string): SseCalendar {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = lines[0]?.split(',').map((h) => h.trim());
  const di = header?.indexOf('date') ?? -1;
  const oi = header?.indexOf('is_open') ?? -1;
  const ti = header?.indexOf('ts') ?? -1;
  if (di < 0 || oi < 0) {
    throw new AlgoError(ErrorCode.InvalidData, `${file}:1: expected a header with date and is_open`);
  }
  const rows: { date: string; open: boolean }[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '') continue;
    const f = line.split(',');
    const date = f[di]?.trim() ?? '';
    const flag = f[oi]?.trim();
    const at = `${file}:${i + 1}`;
    let day: number;
    try {
      day = dayOfDate(date);
    } catch {
      throw new AlgoError(ErrorCode.InvalidData, `${at}: column date: "${date}" is not YYYY-MM-DD`);
    }
    if (flag !== '0' && flag !== '1') {
      throw new AlgoError(ErrorCode.InvalidData, `${at}: column is_open: "${flag}" is not 0 or 1`);
    }
    if (ti >= 0 && Number(f[ti]) !== day * DAY_MS) {
      throw new AlgoError(ErrorCode.InvalidData, `${at}: column ts: ${f[ti]} is not ${date} 00:00 UTC`);
    }
    rows.push({ date, open: flag === '1' });
  }
  try {
    return new SseCalendar(rows);
  } catch (e) {
    throw new AlgoError(ErrorCode.InvalidData, `${file}: ${(e as Error).message}`);
  }
}
