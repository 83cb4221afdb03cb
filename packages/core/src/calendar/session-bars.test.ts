import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import type { BarColumns } from '../bar';
import {
  ALWAYS_OPEN,
  aggregateSessionBars,
  annualisation,
  isSessionAligned,
  lastClosedSessionSlot,
  latestBarOpen,
  NYSE,
  parseDay,
  sessionBarClose,
  sessionSlots,
  utcDay,
} from './index';

const H = 3_600_000;
const M30 = 1_800_000;
const utc = (y: number, mo: number, d: number, h: number, mi = 0) => Date.UTC(y, mo - 1, d, h, mi);

/** A bundled CSV (`ts,open,high,low,close,volume`) as columns. */
function bundled(file: string): BarColumns {
  const raw = gunzipSync(readFileSync(resolve(import.meta.dirname, '../../../../data/us', file)));
  const rows = raw.toString('utf8').trim().split('\n').slice(1);
  const col = (k: number) => Float64Array.from(rows, (r) => Number(r.split(',')[k]));
  return { openTime: col(0), open: col(1), high: col(2), low: col(3), close: col(4), volume: col(5) };
}

describe('session-aligned intraday bars on the NYSE', () => {
  test('a regular session has seven 1h bars from 09:30, the last 15:30–16:00; DST moves them in UTC', () => {
    // 2021-03-12 is EST (UTC−5): 09:30 = 14:30 UTC; 2021-03-15 is EDT (UTC−4): 09:30 = 13:30 UTC.
    const est = sessionSlots(NYSE.sessionOn(parseDay('2021-03-12'))!, H);
    expect(est.map((s) => s.open)).toEqual([14, 15, 16, 17, 18, 19, 20].map((h) => utc(2021, 3, 12, h, 30)));
    expect(est[6]).toEqual({ open: utc(2021, 3, 12, 20, 30), close: utc(2021, 3, 12, 21) });
    const edt = sessionSlots(NYSE.sessionOn(parseDay('2021-03-15'))!, H);
    expect(edt[0]!.open).toBe(utc(2021, 3, 15, 13, 30));
    expect(edt).toHaveLength(7);
    expect(sessionSlots(NYSE.sessionOn(parseDay('2021-03-15'))!, M30)).toHaveLength(13);
  });

  test('an early close (13:00, the day after Thanksgiving) ends with a half-hour 12:30 bar', () => {
    const s = NYSE.sessionOn(parseDay('2021-11-26'))!;
    const slots = sessionSlots(s, H);
    expect(slots).toHaveLength(4);
    // 12:30–13:00 EST = 17:30–18:00 UTC.
    expect(slots[3]).toEqual({ open: utc(2021, 11, 26, 17, 30), close: utc(2021, 11, 26, 18) });
    expect(sessionBarClose(NYSE, utc(2021, 11, 26, 17, 30), H)).toBe(utc(2021, 11, 26, 18));
  });

  test('latest bar open before a close: the cut last bar at a session close, close − step elsewhere', () => {
    // 16:00 EST: the session grid's last bar opens at 15:30 (a UTC-grid bar closing there opens at 15:00, earlier).
    expect(latestBarOpen(NYSE, utc(2021, 3, 12, 21), H)).toBe(utc(2021, 3, 12, 20, 30));
    // 13:00 on an early close: 12:30.
    expect(latestBarOpen(NYSE, utc(2021, 11, 26, 18), H)).toBe(utc(2021, 11, 26, 17, 30));
    // Inside a session, on a grid the session length divides (30m), on 24/7 and daily: close − step.
    expect(latestBarOpen(NYSE, utc(2021, 3, 12, 20, 30), H)).toBe(utc(2021, 3, 12, 19, 30));
    expect(latestBarOpen(NYSE, utc(2021, 3, 12, 21), M30)).toBe(utc(2021, 3, 12, 20, 30));
    expect(latestBarOpen(ALWAYS_OPEN, utc(2021, 3, 12, 21), H)).toBe(utc(2021, 3, 12, 20));
    expect(latestBarOpen(NYSE, parseDay('2021-03-13'), 24 * H)).toBe(parseDay('2021-03-12'));
    // Every session-grid bar of the bundled-data years: never before its open, always before its close.
    for (let d = parseDay('2020-01-01'); d < parseDay('2023-01-01'); d += 24 * H) {
      const s = NYSE.sessionOn(d);
      if (!s) continue;
      for (const slot of sessionSlots(s, H)) {
        const o = latestBarOpen(NYSE, slot.close, H);
        expect(o >= slot.open && o < slot.close).toBe(true);
      }
    }
  });

  test('bar close: cut at the session close on the session grid only', () => {
    expect(sessionBarClose(NYSE, utc(2021, 3, 12, 20, 30), H)).toBe(utc(2021, 3, 12, 21));
    expect(sessionBarClose(NYSE, utc(2021, 3, 12, 19, 30), H)).toBe(utc(2021, 3, 12, 20, 30));
    // A UTC-grid hourly bar (15:00–16:00 EST) keeps open + 1h; so does every 24/7 and daily bar.
    expect(sessionBarClose(NYSE, utc(2021, 3, 12, 20), H)).toBe(utc(2021, 3, 12, 21));
    expect(sessionBarClose(NYSE, utc(2021, 3, 12, 20), 4 * H)).toBe(utc(2021, 3, 13, 0));
    expect(sessionBarClose(ALWAYS_OPEN, utc(2021, 3, 12, 20, 30), H)).toBe(utc(2021, 3, 12, 21, 30));
    expect(sessionBarClose(NYSE, parseDay('2021-03-12'), 24 * H)).toBe(parseDay('2021-03-13'));
    expect(isSessionAligned(NYSE, utc(2021, 3, 12, 14, 30), H)).toBe(true);
    expect(isSessionAligned(NYSE, utc(2021, 3, 12, 15), H)).toBe(false);
    expect(isSessionAligned(NYSE, utc(2021, 3, 12, 21, 30), H)).toBe(false); // after the close
  });

  test('the last closed bar: 16:05 → 15:30–16:00; Monday 09:45 → Friday’s 15:30–16:00', () => {
    expect(lastClosedSessionSlot(NYSE, utc(2021, 3, 12, 21, 5), H)).toEqual({
      open: utc(2021, 3, 12, 20, 30),
      close: utc(2021, 3, 12, 21),
    });
    expect(lastClosedSessionSlot(NYSE, utc(2021, 3, 15, 13, 45), H)).toEqual({
      open: utc(2021, 3, 12, 20, 30),
      close: utc(2021, 3, 12, 21),
    });
    expect(lastClosedSessionSlot(NYSE, utc(2021, 3, 15, 14, 30), H).open).toBe(utc(2021, 3, 15, 13, 30));
  });

  test('annualised by the bars of a session: 7 × 252 hourly, 13 × 252 half-hourly', () => {
    expect(annualisation(NYSE, H).periodsPerYear).toBe(1764);
    expect(annualisation(NYSE, M30).periodsPerYear).toBe(3276);
    expect(annualisation(NYSE, H).basis).toBe(
      '1764 periods per year (252 nyse sessions × 7 bars of 60 min in 6.5 session hours)',
    );
  });
});

describe('the bundled SPY intraday files', () => {
  const b30 = bundled('us_SPY_30m.csv.gz');
  const b1h = bundled('us_SPY_1h.csv.gz');

  test('the 1h file is on the clock hour (09:00–10:00 holds 30 minutes of pre-market): two 30m bars each', () => {
    const at = new Map<number, number>();
    for (let i = 0; i < b30.openTime.length; i++) at.set(b30.openTime[i]!, i);
    let checked = 0;
    for (let i = 0; i < b1h.openTime.length; i++) {
      const a = at.get(b1h.openTime[i]!);
      const b = at.get(b1h.openTime[i]! + M30);
      if (a === undefined || b === undefined) continue;
      expect(b1h.open[i]).toBe(b30.open[a]);
      expect(b1h.close[i]).toBe(b30.close[b]);
      expect(b1h.high[i]).toBe(Math.max(b30.high[a]!, b30.high[b]!));
      expect(b1h.low[i]).toBe(Math.min(b30.low[a]!, b30.low[b]!));
      checked++;
    }
    expect(checked, 'nearly every hour has both halves').toBeGreaterThan(7_900);
  });

  test('30m → session 1h: 7 bars a session from 09:30, 4 on an early close, extended hours left out and counted', () => {
    const { bars, droppedOutsideSessions } = aggregateSessionBars(NYSE, b30, M30, H);
    const first = b30.openTime[0]!;
    const last = b30.openTime[b30.openTime.length - 1]!;
    const sessions = NYSE.sessions(utcDay(first), utcDay(last)).filter((s) => s.open <= last);
    const early = sessions.filter((s) => s.earlyClose).map((s) => s.date);
    expect(early).toEqual(['2021-11-26', '2022-11-25']);
    expect(bars.openTime.length).toBe((sessions.length - early.length) * 7 + early.length * 4);
    let inSession = 0;
    for (const t of b30.openTime) if (NYSE.sessionAt(t)) inSession++;
    expect(droppedOutsideSessions).toBe(b30.openTime.length - inSession);

    const bySession = new Map<string, number[]>();
    for (const t of bars.openTime) {
      const s = NYSE.sessionAt(t)!;
      bySession.set(s.date, [...(bySession.get(s.date) ?? []), t]);
      expect(isSessionAligned(NYSE, t, H)).toBe(true);
    }
    for (const s of sessions) {
      expect(bySession.get(s.date)).toEqual(sessionSlots(s, H).map((x) => x.open));
    }
    // 2021-03-10 (EST): the 09:30 bar = the 09:30 and 10:00 half hours; the 15:30 bar = the 15:30 half hour.
    const i30 = (t: number) => b30.openTime.indexOf(t);
    const k = bars.openTime.indexOf(utc(2021, 3, 10, 14, 30));
    const [a, b] = [i30(utc(2021, 3, 10, 14, 30)), i30(utc(2021, 3, 10, 15))];
    expect(bars.open[k]).toBe(b30.open[a]);
    expect(bars.close[k]).toBe(b30.close[b]);
    expect(bars.volume[k]).toBe(b30.volume[a]! + b30.volume[b]!);
    const last1 = bars.openTime.indexOf(utc(2021, 3, 10, 20, 30));
    const c = i30(utc(2021, 3, 10, 20, 30));
    expect([bars.open[last1], bars.high[last1], bars.close[last1], bars.volume[last1]]).toEqual([
      b30.open[c],
      b30.high[c],
      b30.close[c],
      b30.volume[c],
    ]);
  });

  test('a session bar missing one of its half hours is refused, naming it', () => {
    const drop = b30.openTime.indexOf(utc(2021, 3, 10, 15));
    const cut = (a: Float64Array) => Float64Array.from([...a.slice(0, drop), ...a.slice(drop + 1)]);
    const holed: BarColumns = {
      openTime: cut(b30.openTime),
      open: cut(b30.open),
      high: cut(b30.high),
      low: cut(b30.low),
      close: cut(b30.close),
      volume: cut(b30.volume),
    };
    expect(() => aggregateSessionBars(NYSE, holed, M30, H)).toThrow(
      /session bar at 2021-03-10T14:30:00.000Z has 1 of its 2 finer bars/,
    );
  });
});
