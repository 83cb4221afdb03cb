/**
 * Trading calendars: when a market trades. Pure (no I/O, no clock); every time is ms UTC and a
 * trading date is the session's date at 00:00 UTC, as daily bars carry it.
 */

/** One trading session: regular hours of one trading date. */
export interface Session {
  /** `YYYY-MM-DD`, the exchange's local date. */
  readonly date: string;
  /** The date at 00:00 UTC (the `ts` of a daily bar). */
  readonly day: number;
  /** First instant of regular trading, ms UTC. */
  readonly open: number;
  /** First instant after regular trading (exclusive), ms UTC. */
  readonly close: number;
  /** Closes before the regular time (e.g. 13:00 New York the day after Thanksgiving). */
  readonly earlyClose: boolean;
}

/**
 * When a market trades. The backtest engine, the strategy-runner's bar-close logic, the risk
 * gate's stale-data guard and the scheduler ask it instead of assuming 24/7.
 */
export interface TradingCalendar {
  /** Stable name, e.g. `nyse`, `always`. */
  readonly name: string;
  /** IANA zone the sessions are defined in. */
  readonly timeZone: string;
  /** True for a market that never closes (crypto): every instant is in a session. */
  readonly alwaysOpen: boolean;
  /** Sessions in a year, for annualising daily returns (NYSE 252; a 24/7 market 365). */
  readonly sessionsPerYear: number;
  /** Hours of a regular session, for annualising intraday returns (NYSE 6.5; 24/7: 24). */
  readonly sessionHours: number;
  /** The session of the trading date starting at `day` (00:00 UTC), or undefined when closed that day. */
  sessionOn(day: number): Session | undefined;
  /** The session containing `ms` (open ≤ ms < close), or undefined. */
  sessionAt(ms: number): Session | undefined;
  /** The first session whose close is after `ms` (the current one, or the next one to open). */
  nextSession(ms: number): Session;
  /** The last session whose open is at or before `ms`. */
  previousSession(ms: number): Session;
  /** Every session whose trading date lies in [fromDay, toDay] (both 00:00 UTC), ascending. */
  sessions(fromDay: number, toDay: number): Session[];
}

export const DAY_MS = 86_400_000;

/** `YYYY-MM-DD` of a UTC midnight. */
export function dayString(day: number): string {
  return new Date(day).toISOString().slice(0, 10);
}

/** 00:00 UTC of a `YYYY-MM-DD` date; NaN for anything else (also for 2020-13-01 or 2021-02-30). */
export function parseDay(date: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return Number.NaN;
  const day = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return dayString(day) === date ? day : Number.NaN;
}

/** 00:00 UTC of the UTC date containing `ms`. */
export function utcDay(ms: number): number {
  return Math.floor(ms / DAY_MS) * DAY_MS;
}

/**
 * A market open around the clock: one session per UTC date, 00:00 → 24:00. The default wherever a
 * calendar may be given, so crypto behaves as before.
 */
export const ALWAYS_OPEN: TradingCalendar = {
  name: 'always',
  timeZone: 'UTC',
  alwaysOpen: true,
  sessionsPerYear: 365,
  sessionHours: 24,
  sessionOn: (day) => utcSession(utcDay(day)),
  sessionAt: (ms) => utcSession(utcDay(ms)),
  nextSession: (ms) => utcSession(utcDay(ms)),
  previousSession: (ms) => utcSession(utcDay(ms)),
  sessions(fromDay, toDay) {
    const out: Session[] = [];
    for (let d = utcDay(fromDay); d <= toDay; d += DAY_MS) out.push(utcSession(d));
    return out;
  },
};

function utcSession(day: number): Session {
  return { date: dayString(day), day, open: day, close: day + DAY_MS, earlyClose: false };
}

/**
 * Builds the lookup methods of a calendar from one function: the session of a UTC date or
 * undefined. Sessions never span two UTC dates' lookups by more than one day either side
 * (true for every exchange whose session lies within its local day).
 */
export function calendarFrom(
  name: string,
  timeZone: string,
  year: { readonly sessionsPerYear: number; readonly sessionHours: number },
  compute: (day: number) => Session | undefined,
  /** Refuse to search further than this many days for a session (a broken rule, not a long holiday). */
  maxGapDays = 30,
): TradingCalendar {
  // Sessions are pure functions of the date: computed once per date (a backtest asks per bar).
  const cache = new Map<number, Session | null>();
  const sessionOn = (day: number): Session | undefined => {
    let s = cache.get(day);
    if (s === undefined) {
      s = compute(day) ?? null;
      if (cache.size < 200_000) cache.set(day, s);
    }
    return s ?? undefined;
  };
  const find = (from: number, step: number, ok: (s: Session) => boolean): Session => {
    let d = utcDay(from);
    for (let i = 0; i <= maxGapDays; i++, d += step * DAY_MS) {
      const s = sessionOn(d);
      if (s && ok(s)) return s;
    }
    throw new RangeError(`${name}: no session within ${maxGapDays} days of ${dayString(utcDay(from))}`);
  };
  return {
    name,
    timeZone,
    alwaysOpen: false,
    sessionsPerYear: year.sessionsPerYear,
    sessionHours: year.sessionHours,
    sessionOn: (day) => sessionOn(utcDay(day)),
    sessionAt(ms) {
      for (const d of [utcDay(ms), utcDay(ms) - DAY_MS, utcDay(ms) + DAY_MS]) {
        const s = sessionOn(d);
        if (s && s.open <= ms && ms < s.close) return s;
      }
      return undefined;
    },
    nextSession: (ms) => find(ms - DAY_MS, 1, (s) => s.close > ms),
    previousSession: (ms) => find(ms + DAY_MS, -1, (s) => s.open <= ms),
    sessions(fromDay, toDay) {
      const out: Session[] = [];
      for (let d = utcDay(fromDay); d <= toDay; d += DAY_MS) {
        const s = sessionOn(d);
        if (s) out.push(s);
      }
      return out;
    },
  };
}

/**
 * The bar open times a calendar expects in [fromOpen, toOpen] for bars of `stepMs`: one per session
 * date (its 00:00 UTC) for daily bars, and for intraday bars every grid slot (multiples of `stepMs`
 * since the epoch) that overlaps a session. What a missing-bar check counts instead of the 24/7 grid.
 */
export function expectedBarOpens(
  cal: TradingCalendar,
  stepMs: number,
  fromOpen: number,
  toOpen: number,
): number[] {
  if (toOpen < fromOpen) return [];
  if (stepMs >= DAY_MS) {
    return cal.sessions(utcDay(fromOpen), toOpen).flatMap((s) => (s.day >= fromOpen ? [s.day] : []));
  }
  const out: number[] = [];
  for (const s of cal.sessions(utcDay(fromOpen) - DAY_MS, toOpen + DAY_MS)) {
    for (let t = Math.floor(s.open / stepMs) * stepMs; t < s.close; t += stepMs) {
      if (t >= fromOpen && t <= toOpen && (out.length === 0 || t > out[out.length - 1]!)) out.push(t);
    }
  }
  return out;
}

/** How returns are annualised on a calendar, with the sentence a summary states. */
export interface Annualisation {
  readonly periodsPerYear: number;
  readonly basis: string;
}

/**
 * Periods per year for bars of `stepMs`: a 24/7 market counts bars in a 365-day year; a session
 * market counts trading days for daily bars (252 on the NYSE) and the bars of its session hours
 * for intraday bars (252 × ⌈6.5 h / bar length⌉: 1764 hourly, 3276 half-hourly bars).
 */
export function annualisation(cal: TradingCalendar, stepMs: number): Annualisation {
  if (cal.alwaysOpen) {
    const p = (365 * DAY_MS) / stepMs;
    return { periodsPerYear: p, basis: `${fmt(p)} bars per 365-day year (24/7 market)` };
  }
  if (stepMs >= DAY_MS) {
    const p = (cal.sessionsPerYear * DAY_MS) / stepMs;
    return {
      periodsPerYear: p,
      basis: `${fmt(p)} periods per year (${cal.sessionsPerYear} ${cal.name} trading days)`,
    };
  }
  // Bars per regular session, the last one cut at the close: 7 hourly bars in 6.5 hours (09:30 …
  // 15:30–16:00), 13 half-hourly ones. Counting hours instead (6.5) would understate the bars a year
  // and so the annual mean return by 7% for hourly bars.
  const perSession = Math.ceil((cal.sessionHours * 3_600_000) / stepMs - 1e-9);
  const p = cal.sessionsPerYear * perSession;
  return {
    periodsPerYear: p,
    basis: `${fmt(p)} periods per year (${cal.sessionsPerYear} ${cal.name} sessions × ${perSession} bars of ${stepMs / 60_000} min in ${cal.sessionHours} session hours)`,
  };
}

function fmt(x: number): string {
  return Number.isInteger(x) ? String(x) : x.toFixed(2);
}

/**
 * Trading time in [from, to): the part of the interval that lies inside sessions. On a 24/7
 * calendar that is `to − from`; on the NYSE a Friday-close-to-Monday-open interval is 0. What a
 * staleness check measures instead of wall-clock time.
 */
export function sessionTimeBetween(cal: TradingCalendar, from: number, to: number): number {
  if (!(to > from)) return 0;
  if (cal.alwaysOpen) return to - from;
  let total = 0;
  for (const s of cal.sessions(utcDay(from) - DAY_MS, to)) {
    const a = Math.max(s.open, from);
    const b = Math.min(s.close, to);
    if (b > a) total += b - a;
  }
  return total;
}

/**
 * When a fill on the bar opening at `openTime` happened: at the bar's open (`atOpen`) or close,
 * moved inside the bar's session on a session calendar (an hourly bar on the UTC hour opening at
 * 09:00 New York fills at the 09:30 open; a daily bar stamped 00:00 UTC fills at 09:30 or at the
 * close). The backtest engine and the paper venue both stamp fills with it.
 */
export function fillTime(cal: TradingCalendar, openTime: number, tfMs: number, atOpen: boolean): number {
  const t = atOpen ? openTime : openTime + tfMs;
  if (cal.alwaysOpen) return t;
  const s = cal.nextSession(openTime);
  return atOpen ? Math.max(t, s.open) : Math.min(t, s.close);
}
