/**
 * Writes bars in Qlib's on-disk layout, as qlib/scripts/dump_bin.py (`DumpDataAll`) does and
 * qlib/data/storage/file_storage.py reads it:
 * - `calendars/<freq>.txt`: one time per line, ascending;
 * - `instruments/<market>.txt`: `NAME<TAB>start<TAB>end`, times formatted like the calendar;
 * - `features/<name lowercased>/<field>.<freq>.bin`: little-endian float32, the first value the
 *   index of the instrument's first bar in the calendar, then one value per calendar entry from
 *   there to its last bar; a calendar entry without a bar is NaN (dump_bin reindexes on the calendar).
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  AlgoError,
  type BarColumns,
  ErrorCode,
  formatInstrument,
  type Instrument,
  timeframeMs,
} from '@algotrader/core';
import { featureDirName, formatCalendarTime, freqTimeframe, type QlibFreq, qlibNames } from './names';

export const OHLCV_FIELDS = ['open', 'high', 'low', 'close', 'volume'] as const;

export interface ExportSeries {
  readonly instrument: Instrument;
  /** Ascending by open time, at the freq's timeframe. */
  readonly bars: BarColumns;
  /** Extra per-bar fields, same length as the bars, e.g. `factor` (Qlib's `$factor`) where known. */
  readonly extra?: Readonly<Record<string, Float64Array>>;
}

/**
 * - `union`: every open time any series has (dump_bin's own rule); right for exchange sessions when
 *   no calendar file is at hand, but a moment no instrument traded is then absent, not NaN.
 * - `grid`: every step of the timeframe from the first to the last bar (24/7 crypto): a missing bar is NaN.
 * - `sessions`: an exchange calendar (open times, e.g. the SSE trading days); a bar outside it is an error.
 */
export type CalendarRule =
  | { readonly kind: 'union' }
  | { readonly kind: 'grid' }
  | { readonly kind: 'sessions'; readonly openTimes: readonly number[] };

export interface QlibExportOptions {
  readonly outDir: string;
  readonly freq: QlibFreq;
  readonly calendar: CalendarRule;
  /** Instruments file name (without `.txt`); `all.txt` is always written too. Default `all`. */
  readonly market?: string;
}

export interface ExportedInstrument {
  readonly instrument: Instrument;
  readonly name: string;
  /** Calendar index of the first bar (the leading float of every .bin). */
  readonly startIndex: number;
  /** Values per field (calendar entries from the first to the last bar). */
  readonly length: number;
  /** Calendar entries in that span without a bar (written as NaN). */
  readonly missing: number;
}

export interface QlibExportSummary {
  readonly outDir: string;
  readonly freq: QlibFreq;
  readonly calendar: readonly number[];
  readonly instruments: readonly ExportedInstrument[];
  readonly files: number;
  readonly bytes: number;
}

function bad(message: string, details: Record<string, unknown> = {}): AlgoError {
  return new AlgoError(ErrorCode.InvalidData, message, details);
}

function checkSeries(s: ExportSeries, step: number): void {
  const t = s.bars.openTime;
  const name = formatInstrument(s.instrument);
  for (let i = 0; i < t.length; i++) {
    if (!Number.isFinite(t[i]!) || t[i]! % step !== 0) {
      throw bad(`${name}: bar ${i} open time ${t[i]} is not on the ${step / 60_000}-minute grid`);
    }
    if (i > 0 && t[i]! <= t[i - 1]!) {
      throw bad(`${name}: bar ${i} open time ${new Date(t[i]!).toISOString()} is not after the previous bar`);
    }
  }
  for (const [field, col] of Object.entries(s.extra ?? {})) {
    if (col.length !== t.length) {
      throw bad(`${name}: field ${field} has ${col.length} values for ${t.length} bars`);
    }
  }
}

/** The calendar (open times, ascending) the series are written on. */
export function buildCalendar(series: readonly ExportSeries[], rule: CalendarRule, step: number): number[] {
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  for (const s of series) {
    const t = s.bars.openTime;
    if (t.length === 0) continue;
    first = Math.min(first, t[0]!);
    last = Math.max(last, t[t.length - 1]!);
  }
  if (!Number.isFinite(first)) throw bad('nothing to export: no series has a bar');
  switch (rule.kind) {
    case 'union': {
      const all = new Set<number>();
      for (const s of series) for (const x of s.bars.openTime) all.add(x);
      return [...all].sort((a, b) => a - b);
    }
    case 'grid': {
      const out: number[] = [];
      for (let x = first; x <= last; x += step) out.push(x);
      return out;
    }
    case 'sessions': {
      const sorted = [...rule.openTimes].sort((a, b) => a - b);
      return sorted.filter((x, i) => x >= first && x <= last && (i === 0 || x !== sorted[i - 1]));
    }
    default:
      return assertNeverRule(rule);
  }
}

function assertNeverRule(x: never): never {
  throw new AlgoError(ErrorCode.InvalidArgument, `unknown calendar rule ${JSON.stringify(x)}`);
}

/** Writes the Qlib data directory; refuses to write over an existing export of the same freq. */
export function exportQlib(series: readonly ExportSeries[], options: QlibExportOptions): QlibExportSummary {
  const { outDir, freq } = options;
  const market = options.market ?? 'all';
  if (!/^[A-Za-z0-9_-]+$/.test(market)) {
    throw new AlgoError(ErrorCode.InvalidArgument, `market "${market}" must be letters, digits, _ or -`);
  }
  const step = timeframeMs(freqTimeframe(freq));
  for (const s of series) checkSeries(s, step);
  const names = qlibNames(series.map((s) => s.instrument));
  const calendar = buildCalendar(series, options.calendar, step);
  const index = new Map<number, number>();
  for (let i = 0; i < calendar.length; i++) index.set(calendar[i]!, i);

  const calendarFile = join(outDir, 'calendars', `${freq}.txt`);
  if (existsSync(calendarFile)) {
    throw new AlgoError(
      ErrorCode.Conflict,
      `${calendarFile} exists: export into an empty directory (nothing is overwritten)`,
    );
  }
  mkdirSync(join(outDir, 'calendars'), { recursive: true });
  mkdirSync(join(outDir, 'instruments'), { recursive: true });

  const exported: ExportedInstrument[] = [];
  const instrumentLines: string[] = [];
  let files = 0;
  let bytes = 0;
  const nameOf = new Map([...names].map(([n, i]) => [formatInstrument(i), n]));
  for (const s of series) {
    const t = s.bars.openTime;
    if (t.length === 0) continue;
    const name = nameOf.get(formatInstrument(s.instrument))!;
    const slots = new Int32Array(t.length);
    for (let i = 0; i < t.length; i++) {
      const at = index.get(t[i]!);
      if (at === undefined) {
        throw bad(
          `${formatInstrument(s.instrument)}: a bar at ${new Date(t[i]!).toISOString()} is not in the calendar (a closed day?)`,
          { instrument: formatInstrument(s.instrument), openTime: t[i] },
        );
      }
      slots[i] = at;
    }
    const startIndex = slots[0]!;
    const length = slots[t.length - 1]! - startIndex + 1;
    const dir = join(outDir, 'features', featureDirName(name));
    mkdirSync(dir, { recursive: true });
    const fields: [string, ArrayLike<number>][] = [
      ...OHLCV_FIELDS.map((f): [string, ArrayLike<number>] => [f, s.bars[f]]),
      ...Object.entries(s.extra ?? {}).map(([f, v]): [string, ArrayLike<number>] => [f.toLowerCase(), v]),
    ];
    for (const [field, values] of fields) {
      const buf = Buffer.alloc((length + 1) * 4);
      // dump_bin: np.hstack([date_index, values]).astype("<f")
      buf.writeFloatLE(startIndex, 0);
      for (let j = 0; j < length; j++) buf.writeFloatLE(Number.NaN, 4 + 4 * j);
      for (let i = 0; i < t.length; i++) buf.writeFloatLE(values[i]!, 4 + 4 * (slots[i]! - startIndex));
      writeFileSync(join(dir, `${field}.${freq}.bin`), buf);
      files++;
      bytes += buf.length;
    }
    exported.push({ instrument: s.instrument, name, startIndex, length, missing: length - t.length });
    instrumentLines.push(
      [name, formatCalendarTime(t[0]!, freq), formatCalendarTime(t[t.length - 1]!, freq)].join('\t'),
    );
  }
  const calendarText = `${calendar.map((x) => formatCalendarTime(x, freq)).join('\n')}\n`;
  writeFileSync(calendarFile, calendarText);
  const instrumentsText = `${instrumentLines.join('\n')}\n`;
  for (const m of new Set(['all', market])) {
    writeFileSync(join(outDir, 'instruments', `${m.toLowerCase()}.txt`), instrumentsText);
    files++;
    bytes += Buffer.byteLength(instrumentsText);
  }
  files++;
  bytes += Buffer.byteLength(calendarText);
  return { outDir, freq, calendar, instruments: exported, files, bytes };
}
