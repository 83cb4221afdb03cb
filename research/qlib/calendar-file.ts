import { readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { AlgoError, ErrorCode } from '@algotrader/core';
import { parseCalendarTime } from './names';

/** A text file, gunzipped when it starts with the gzip magic bytes. */
export async function readText(path: string): Promise<string> {
  const raw = await readFile(path);
  const text = raw[0] === 0x1f && raw[1] === 0x8b ? gunzipSync(raw) : raw;
  return text.toString('utf8').replace(/^\uFEFF/, '');
}

/**
 * Session open times from an exchange calendar file: a CSV with a header naming `date` (and
 * optionally `is_open`: rows with 1 are sessions, as in the shared cn_sse_trading_calendar.csv;
 * without it every row is a session, as in us_nyse_sessions_2020_2023.csv), or a Qlib calendar
 * (`calendars/day.txt`: one date or date-time per line).
 */
export async function readSessionCalendar(path: string): Promise<number[]> {
  const lines = (await readText(path)).split(/\r?\n/);
  const header = lines[0]!.split(',').map((s) => s.trim().toLowerCase());
  const dateCol = header.indexOf('date');
  const openCol = header.indexOf('is_open');
  const out: number[] = [];
  const fail = (line: number, why: string): never => {
    throw new AlgoError(ErrorCode.InvalidData, `${path}:${line}: ${why}`);
  };
  if (dateCol >= 0) {
    for (let i = 1; i < lines.length; i++) {
      const line = lines[i]!;
      if (line.trim() === '') continue;
      const f = line.split(',');
      const t = parseCalendarTime(f[dateCol] ?? '');
      if (t === undefined) fail(i + 1, `bad date "${f[dateCol]}"`);
      // Without an is_open column every row is a session (an exchange's session list).
      const open = openCol < 0 ? '1' : (f[openCol] ?? '').trim();
      if (open !== '0' && open !== '1') fail(i + 1, `is_open must be 0 or 1, got "${open}"`);
      if (open === '1') out.push(t!);
    }
  } else {
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!.trim();
      if (line === '') continue;
      const t = parseCalendarTime(line);
      if (t === undefined) fail(i + 1, `bad calendar entry "${line}" (expected YYYY-MM-DD[ HH:MM:SS])`);
      out.push(t!);
    }
  }
  if (out.length === 0) throw new AlgoError(ErrorCode.InvalidData, `${path}: no sessions`);
  return out;
}
