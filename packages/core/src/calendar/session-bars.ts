import type { BarColumns } from '../bar';
import { AlgoError, ErrorCode } from '../errors';
import { DAY_MS, type Session, type TradingCalendar, utcDay } from './calendar';

/**
 * Intraday bars aligned to a session instead of the UTC epoch: on the NYSE a 1h bar opens at
 * 09:30, 10:30, … 15:30 New York time and the last one closes with the session at 16:00 (a half
 * hour long); on an early close (13:00) the 12:30 bar closes at 13:00. A 30m bar grid is the same
 * on both alignments for a session opening on the half hour. Pure: times are ms UTC.
 */

/** One slot of a session's bar grid: `[open, close)`, `close − open ≤ stepMs`. */
export interface SessionSlot {
  readonly open: number;
  readonly close: number;
}

/** The bar slots of one session for bars of `stepMs` (< 1 day): from its open, the last cut at its close. */
export function sessionSlots(s: Session, stepMs: number): SessionSlot[] {
  checkIntraday(stepMs);
  const out: SessionSlot[] = [];
  for (let t = s.open; t < s.close; t += stepMs) out.push({ open: t, close: Math.min(t + stepMs, s.close) });
  return out;
}

/** The session-aligned slot containing `ms`, or undefined outside every session. */
export function sessionSlotAt(cal: TradingCalendar, ms: number, stepMs: number): SessionSlot | undefined {
  checkIntraday(stepMs);
  const s = cal.sessionAt(ms);
  if (!s) return undefined;
  const open = s.open + Math.floor((ms - s.open) / stepMs) * stepMs;
  return { open, close: Math.min(open + stepMs, s.close) };
}

/** True when `open` starts a session-aligned slot (session open + k × step, inside the session). */
export function isSessionAligned(cal: TradingCalendar, open: number, stepMs: number): boolean {
  return sessionSlotAt(cal, open, stepMs)?.open === open;
}

/**
 * The close time of the bar opening at `open`: for a bar on its session's grid, `open + step` cut
 * at the session's close (the NYSE's 15:30 1h bar closes at 16:00, its 12:30 bar on an early close
 * at 13:00); for any other bar (daily, 24/7, the UTC grid) `open + step`, as before. What the
 * engine and the stages take as the bar's close (its decision time).
 */
export function sessionBarClose(cal: TradingCalendar, open: number, stepMs: number): number {
  const end = open + stepMs;
  if (cal.alwaysOpen || stepMs >= DAY_MS) return end;
  const s = cal.sessionAt(open);
  if (!s || (open - s.open) % stepMs !== 0) return end;
  return Math.min(end, s.close);
}

/**
 * The latest open a bar closing at `close` can have: on a session close the step does not reach
 * from the session's open (NYSE 1h: 16:00, or 13:00 on an early close), the open of the session's
 * cut last slot (15:30, 12:30); otherwise `close − step`, as before (daily, 24/7, the UTC grid).
 * A close time alone does not say which grid its bar is on (a UTC-grid 15:00 bar also closes at
 * 16:00), so this is what "every decision before the bar closing at `close` is made" can name
 * for either grid: it is never before that bar's open and always before `close`.
 */
export function latestBarOpen(cal: TradingCalendar, close: number, stepMs: number): number {
  const start = close - stepMs;
  if (cal.alwaysOpen || stepMs >= DAY_MS) return start;
  const s = cal.sessionAt(close - 1);
  if (!s || s.close !== close) return start;
  const open = s.open + Math.floor((close - 1 - s.open) / stepMs) * stepMs;
  return Math.max(open, start);
}

/** The most recent session-aligned slot that has closed at `now` (for a live bar-close check). */
export function lastClosedSessionSlot(cal: TradingCalendar, now: number, stepMs: number): SessionSlot {
  checkIntraday(stepMs);
  const s = cal.previousSession(now);
  const slots = sessionSlots(s, stepMs);
  for (let i = slots.length - 1; i >= 0; i--) if (slots[i]!.close <= now) return slots[i]!;
  // Before this session's first close: the last slot of the session before it.
  const before = sessionSlots(cal.previousSession(utcDay(s.open) - 1), stepMs);
  return before[before.length - 1]!;
}

/**
 * Session-aligned bars of `toMs` built from finer bars of `fromMs` (e.g. 30m bars on the
 * half-hour grid → NYSE 1h bars 09:30–10:30 … 15:30–16:00): bars outside every session (extended
 * hours) are left out and counted; each slot takes open of the first, highest high, lowest low,
 * close of the last and summed volume of the finer bars inside it. A slot missing one of its finer
 * bars is an error naming it, never built from part of its window.
 */
export function aggregateSessionBars(
  cal: TradingCalendar,
  bars: BarColumns,
  fromMs: number,
  toMs: number,
): { readonly bars: BarColumns; readonly droppedOutsideSessions: number } {
  checkIntraday(toMs);
  if (!(fromMs > 0) || toMs % fromMs !== 0) {
    throw new AlgoError(
      ErrorCode.InvalidArgument,
      `cannot build ${toMs / 60_000}-minute session bars from ${fromMs / 60_000}-minute bars: not a multiple`,
    );
  }
  const n = bars.openTime.length;
  const cols = {
    openTime: new Float64Array(n),
    open: new Float64Array(n),
    high: new Float64Array(n),
    low: new Float64Array(n),
    close: new Float64Array(n),
    volume: new Float64Array(n),
  };
  let m = 0;
  let dropped = 0;
  let i = 0;
  while (i < n) {
    const t = bars.openTime[i]!;
    const slot = sessionSlotAt(cal, t, toMs);
    if (!slot) {
      dropped++;
      i++;
      continue;
    }
    const expected = Math.ceil((slot.close - slot.open) / fromMs);
    let j = i;
    while (j < n && bars.openTime[j]! < slot.close) j++;
    if (j - i !== expected || t !== slot.open) {
      throw new AlgoError(
        ErrorCode.InvalidData,
        `the session bar at ${new Date(slot.open).toISOString()} has ${j - i} of its ${expected} finer bars` +
          ` (first at ${new Date(t).toISOString()}); trim the range or fill the source, this does not guess`,
        { start: slot.open },
      );
    }
    let hi = bars.high[i]!;
    let lo = bars.low[i]!;
    let vol = 0;
    for (let r = i; r < j; r++) {
      if (bars.high[r]! > hi) hi = bars.high[r]!;
      if (bars.low[r]! < lo) lo = bars.low[r]!;
      vol += bars.volume[r]!;
    }
    cols.openTime[m] = slot.open;
    cols.open[m] = bars.open[i]!;
    cols.high[m] = hi;
    cols.low[m] = lo;
    cols.close[m] = bars.close[j - 1]!;
    cols.volume[m] = vol;
    m++;
    i = j;
  }
  return {
    bars: {
      openTime: cols.openTime.slice(0, m),
      open: cols.open.slice(0, m),
      high: cols.high.slice(0, m),
      low: cols.low.slice(0, m),
      close: cols.close.slice(0, m),
      volume: cols.volume.slice(0, m),
    },
    droppedOutsideSessions: dropped,
  };
}

function checkIntraday(stepMs: number): void {
  if (!(stepMs > 0 && stepMs < DAY_MS)) {
    throw new AlgoError(ErrorCode.InvalidArgument, `session-aligned bars are intraday: ${stepMs} ms is not`);
  }
}
