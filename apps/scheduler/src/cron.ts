import { AlgoError, ErrorCode } from '@algotrader/core';

/**
 * A parsed five-field cron expression, `minute hour day-of-month month day-of-week`, evaluated in
 * UTC. Fields take `*`, numbers, ranges `a-b`, steps `*\/n` and `a-b/n`, lists `a,b`, and names
 * (`jan`…`dec`, `sun`…`sat`); day-of-week 0 and 7 are Sunday. As in Vixie cron, when both
 * day-of-month and day-of-week are restricted a day matches if either does. Macros: `@hourly`,
 * `@daily` (`@midnight`), `@weekly`, `@monthly`, `@yearly` (`@annually`).
 */
export interface Cron {
  readonly expression: string;
  readonly minutes: ReadonlySet<number>;
  readonly hours: ReadonlySet<number>;
  readonly daysOfMonth: ReadonlySet<number>;
  readonly months: ReadonlySet<number>;
  readonly daysOfWeek: ReadonlySet<number>;
  readonly domRestricted: boolean;
  readonly dowRestricted: boolean;
}

const MACROS: Record<string, string> = {
  '@hourly': '0 * * * *',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@weekly': '0 0 * * 0',
  '@monthly': '0 0 1 * *',
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
};

const MONTH_NAMES = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DAY_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

interface FieldSpec {
  name: string;
  min: number;
  max: number;
  names?: readonly string[];
  /** Value of names[0]. */
  nameBase?: number;
}

const FIELDS: readonly FieldSpec[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day-of-month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: MONTH_NAMES, nameBase: 1 },
  { name: 'day-of-week', min: 0, max: 7, names: DAY_NAMES, nameBase: 0 },
];

export function parseCron(expression: string): Cron {
  const text = expression.trim().toLowerCase();
  const expanded = MACROS[text] ?? text;
  const parts = expanded.split(/\s+/);
  if (parts.length !== 5) {
    throw bad(
      expression,
      `expected 5 fields (minute hour day-of-month month day-of-week), got ${parts.length}`,
    );
  }
  const sets = parts.map((p, i) => parseField(expression, p, FIELDS[i]!));
  const dow = sets[4]!;
  if (dow.has(7)) {
    dow.delete(7);
    dow.add(0);
  }
  return {
    expression,
    minutes: sets[0]!,
    hours: sets[1]!,
    daysOfMonth: sets[2]!,
    months: sets[3]!,
    daysOfWeek: dow,
    domRestricted: !parts[2]!.startsWith('*'),
    dowRestricted: !parts[4]!.startsWith('*'),
  };
}

function parseField(expression: string, text: string, f: FieldSpec): Set<number> {
  const out = new Set<number>();
  for (const item of text.split(',')) {
    const m = /^(\*|[a-z0-9]+(?:-[a-z0-9]+)?)(?:\/(\d+))?$/.exec(item);
    if (!m) throw bad(expression, `${f.name} "${item}" is not a number, range, list or step`);
    const step = m[2] === undefined ? 1 : Number(m[2]);
    if (!(step >= 1)) throw bad(expression, `${f.name} step must be at least 1`);
    let lo: number;
    let hi: number;
    if (m[1] === '*') {
      lo = f.min;
      hi = f.name === 'day-of-week' ? 6 : f.max;
    } else {
      const [a, b] = m[1]!.split('-');
      lo = value(expression, a!, f);
      // `5/15` means from 5 to the end in steps of 15.
      hi = b !== undefined ? value(expression, b, f) : m[2] !== undefined ? f.max : lo;
    }
    if (lo > hi) throw bad(expression, `${f.name} range ${lo}-${hi} runs backwards`);
    for (let v = lo; v <= hi; v += step) out.add(v);
  }
  return out;
}

function value(expression: string, token: string, f: FieldSpec): number {
  const named = f.names?.indexOf(token) ?? -1;
  const v = named >= 0 ? named + (f.nameBase ?? 0) : /^\d+$/.test(token) ? Number(token) : Number.NaN;
  if (!Number.isInteger(v) || v < f.min || v > f.max) {
    throw bad(expression, `${f.name} "${token}" is outside ${f.min}-${f.max}`);
  }
  return v;
}

function bad(expression: string, why: string): AlgoError {
  return new AlgoError(ErrorCode.InvalidConfig, `cron "${expression}": ${why}`, { expression });
}

const MINUTE = 60_000;
/** Searching further than this for a match means the expression never matches (e.g. 30 Feb). */
const HORIZON_MS = 5 * 366 * 86_400_000;

function dayMatches(c: Cron, d: Date): boolean {
  const dom = c.daysOfMonth.has(d.getUTCDate());
  const dow = c.daysOfWeek.has(d.getUTCDay());
  if (c.domRestricted && c.dowRestricted) return dom || dow;
  return dom && dow;
}

/** True when the minute starting at `ms` (any ms inside it) matches. */
export function cronMatches(c: Cron, ms: number): boolean {
  const d = new Date(ms);
  return (
    c.minutes.has(d.getUTCMinutes()) &&
    c.hours.has(d.getUTCHours()) &&
    c.months.has(d.getUTCMonth() + 1) &&
    dayMatches(c, d)
  );
}

/** The first matching minute strictly after `afterMs`, or undefined when none within five years. */
export function nextCron(c: Cron, afterMs: number): number | undefined {
  let t = Math.floor(afterMs / MINUTE) * MINUTE + MINUTE;
  const limit = afterMs + HORIZON_MS;
  while (t <= limit) {
    const d = new Date(t);
    if (!c.months.has(d.getUTCMonth() + 1)) {
      t = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
      continue;
    }
    if (!dayMatches(c, d)) {
      t = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1);
      continue;
    }
    if (!c.hours.has(d.getUTCHours())) {
      t = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), d.getUTCHours() + 1);
      continue;
    }
    if (!c.minutes.has(d.getUTCMinutes())) {
      t += MINUTE;
      continue;
    }
    return t;
  }
  return undefined;
}

/** The last matching minute at or before `atMs`, or undefined when none within five years. */
export function prevCron(c: Cron, atMs: number): number | undefined {
  let t = Math.floor(atMs / MINUTE) * MINUTE;
  const limit = atMs - HORIZON_MS;
  while (t >= limit) {
    const d = new Date(t);
    if (!c.months.has(d.getUTCMonth() + 1)) {
      // Last minute of the previous month.
      t = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) - MINUTE;
      continue;
    }
    if (!dayMatches(c, d)) {
      t = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) - MINUTE;
      continue;
    }
    if (!c.hours.has(d.getUTCHours())) {
      t = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), d.getUTCHours()) - MINUTE;
      continue;
    }
    if (!c.minutes.has(d.getUTCMinutes())) {
      t -= MINUTE;
      continue;
    }
    return t;
  }
  return undefined;
}
