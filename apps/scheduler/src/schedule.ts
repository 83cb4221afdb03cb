import { AlgoError, ErrorCode } from '@algotrader/core';
import { type Cron, nextCron, parseCron, prevCron } from './cron';

/** When a job is due: a cron expression (UTC) or a fixed interval aligned to the epoch. */
export type Schedule =
  | { readonly kind: 'cron'; readonly cron: Cron }
  | { readonly kind: 'every'; readonly everyMs: number; readonly offsetMs: number };

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

/** `cron:<expr>` / a bare cron expression, or `every:<ms>[+<offset ms>]`, as written in config. */
export function parseSchedule(text: string): Schedule {
  const t = text.trim();
  const m = /^every:(\d+)(?:\+(\d+))?$/.exec(t);
  if (m) return every(Number(m[1]), m[2] === undefined ? 0 : Number(m[2]));
  return cron(t.startsWith('cron:') ? t.slice(5) : t);
}

export function describeSchedule(s: Schedule): string {
  return s.kind === 'cron' ? `cron ${s.cron.expression} UTC` : `every ${s.everyMs} ms (+${s.offsetMs})`;
}

/** The first scheduled instant strictly after `afterMs`. */
export function nextAfter(s: Schedule, afterMs: number): number | undefined {
  if (s.kind === 'cron') return nextCron(s.cron, afterMs);
  return (Math.floor((afterMs - s.offsetMs) / s.everyMs) + 1) * s.everyMs + s.offsetMs;
}

/** The last scheduled instant at or before `atMs`. */
export function latestAtOrBefore(s: Schedule, atMs: number): number | undefined {
  if (s.kind === 'cron') return prevCron(s.cron, atMs);
  return Math.floor((atMs - s.offsetMs) / s.everyMs) * s.everyMs + s.offsetMs;
}

/** Scheduled instants in `(fromMs, toMs]`, oldest first, at most `limit` (the most recent ones). */
export function occurrencesBetween(s: Schedule, fromMs: number, toMs: number, limit: number): number[] {
  const out: number[] = [];
  let t = latestAtOrBefore(s, toMs);
  while (t !== undefined && t > fromMs && out.length < limit) {
    out.push(t);
    t = s.kind === 'cron' ? prevCron(s.cron, t - 1) : t - s.everyMs;
  }
  return out.reverse();
}
