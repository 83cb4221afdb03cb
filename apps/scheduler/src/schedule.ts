import { AlgoError, ErrorCode, NYSE, type TradingCalendar } from '@algotrader/core';
import { type Cron, nextCron, parseCron, prevCron } from './cron';

/**
 * When a job is due: a cron expression (UTC), a fixed interval aligned to the epoch, or `offsetMs`
 * after each close of a market's sessions (only on trading days; at 13:00 New York on an early close).
 */
export type Schedule =
  | { readonly kind: 'cron'; readonly cron: Cron }
  | { readonly kind: 'every'; readonly everyMs: number; readonly offsetMs: number }
  | { readonly kind: 'session_close'; readonly calendar: TradingCalendar; readonly offsetMs: number };

/** Session calendars a schedule may name. */
const CALENDARS: Readonly<Record<string, TradingCalendar>> = { nyse: NYSE };

/** `offsetMs` after every session close of `calendar`. */
export function afterSessionClose(calendar: TradingCalendar, offsetMs = 0): Schedule {
  if (calendar.alwaysOpen) {
    throw new AlgoError(ErrorCode.InvalidConfig, `calendar ${calendar.name} has no session closes: use cron`);
  }
  if (!Number.isInteger(offsetMs) || offsetMs < 0 || offsetMs >= 12 * 3_600_000) {
    throw new AlgoError(
      ErrorCode.InvalidConfig,
      `offset after the close must be in [0, 12 h) ms, got ${offsetMs}`,
    );
  }
  return { kind: 'session_close', calendar, offsetMs };
}

export function cron(expression: string): Schedule {
  return { kind: 'cron', cron: parseCron(expression) };
}

/** Every `everyMs`, at `k x everyMs + offsetMs` since the epoch (so replicas agree on the instants). */
export function every(everyMs: number, offsetMs = 0): Schedule {
  if (!Number.isInteger(everyMs) || everyMs < 1_000) {
    throw new AlgoError(
      ErrorCode.InvalidConfig,
      `interval must be a whole number of ms >= 1000, got ${everyMs}`,
    );
  }
  if (!Number.isInteger(offsetMs) || offsetMs < 0 || offsetMs >= everyMs) {
    throw new AlgoError(
      ErrorCode.InvalidConfig,
      `interval offset must be in [0, ${everyMs}), got ${offsetMs}`,
    );
  }
  return { kind: 'every', everyMs, offsetMs };
}

/**
 * `cron:<expr>` / a bare cron expression, `every:<ms>[+<offset ms>]`, or
 * `session-close:<calendar>[+<offset ms>]` (e.g. `session-close:nyse+600000`), as written in config.
 */
export function parseSchedule(text: string): Schedule {
  const t = text.trim();
  const sc = /^session-close:([a-z]+)(?:\+(\d+))?$/.exec(t);
  if (sc) {
    const cal = CALENDARS[sc[1]!];
    if (!cal) {
      throw new AlgoError(
        ErrorCode.InvalidConfig,
        `unknown calendar "${sc[1]}" in "${t}": use one of ${Object.keys(CALENDARS).join(', ')}`,
      );
    }
    return afterSessionClose(cal, sc[2] === undefined ? 0 : Number(sc[2]));
  }
  const m = /^every:(\d+)(?:\+(\d+))?$/.exec(t);
  if (m) return every(Number(m[1]), m[2] === undefined ? 0 : Number(m[2]));
  return cron(t.startsWith('cron:') ? t.slice(5) : t);
}

export function describeSchedule(s: Schedule): string {
  if (s.kind === 'session_close') return `${s.offsetMs} ms after each ${s.calendar.name} session close`;
  return s.kind === 'cron' ? `cron ${s.cron.expression} UTC` : `every ${s.everyMs} ms (+${s.offsetMs})`;
}

/** The first scheduled instant strictly after `afterMs`. */
export function nextAfter(s: Schedule, afterMs: number): number | undefined {
  if (s.kind === 'cron') return nextCron(s.cron, afterMs);
  if (s.kind === 'session_close') return s.calendar.nextSession(afterMs - s.offsetMs).close + s.offsetMs;
  return (Math.floor((afterMs - s.offsetMs) / s.everyMs) + 1) * s.everyMs + s.offsetMs;
}

/** The last scheduled instant at or before `atMs`. */
export function latestAtOrBefore(s: Schedule, atMs: number): number | undefined {
  if (s.kind === 'cron') return prevCron(s.cron, atMs);
  if (s.kind === 'session_close') {
    const limit = atMs - s.offsetMs;
    let session = s.calendar.previousSession(limit);
    if (session.close > limit) session = s.calendar.previousSession(session.open - 1);
    return session.close + s.offsetMs;
  }
  return Math.floor((atMs - s.offsetMs) / s.everyMs) * s.everyMs + s.offsetMs;
}

/** Scheduled instants in `(fromMs, toMs]`, oldest first, at most `limit` (the most recent ones). */
export function occurrencesBetween(s: Schedule, fromMs: number, toMs: number, limit: number): number[] {
  const out: number[] = [];
  let t = latestAtOrBefore(s, toMs);
  while (t !== undefined && t > fromMs && out.length < limit) {
    out.push(t);
    t =
      s.kind === 'cron'
        ? prevCron(s.cron, t - 1)
        : s.kind === 'session_close'
          ? latestAtOrBefore(s, t - 1)
          : t - s.everyMs;
  }
  return out.reverse();
}
