import {
  AlgoError,
  ErrorCode,
  formatInstrument,
  type Instrument,
  type Timeframe,
  timeframeMs,
} from '@algotrader/core';

/**
 * Qlib's frequency names, as its file names spell them (qlib/utils/time.py `Freq.__str__`: `day`,
 * `<n>min`; `Freq.parse` accepts no hours, so one hour is `60min`).
 */
export const QLIB_FREQS = {
  day: '1d',
  '240min': '4h',
  '60min': '1h',
  '15min': '15m',
  '5min': '5m',
  '1min': '1m',
} as const satisfies Record<string, Timeframe>;

export type QlibFreq = keyof typeof QLIB_FREQS;

export function isQlibFreq(x: string): x is QlibFreq {
  return Object.hasOwn(QLIB_FREQS, x);
}

export function parseQlibFreq(x: string): QlibFreq {
  if (!isQlibFreq(x)) {
    throw new AlgoError(
      ErrorCode.InvalidArgument,
      `unknown Qlib freq "${x}": use one of ${Object.keys(QLIB_FREQS).join(', ')}`,
    );
  }
  return x;
}

export function freqTimeframe(freq: QlibFreq): Timeframe {
  return QLIB_FREQS[freq];
}

/**
 * A calendar entry as dump_bin.py writes it: `%Y-%m-%d` for `day`, `%Y-%m-%d %H:%M:%S` otherwise.
 * The time is the bar's open time in UTC (Qlib's calendars are naive; for crypto UTC is the session).
 */
export function formatCalendarTime(openMs: number, freq: QlibFreq): string {
  const iso = new Date(openMs).toISOString();
  if (freq === 'day') {
    if (openMs % timeframeMs('1d') !== 0) {
      throw new AlgoError(
        ErrorCode.InvalidData,
        `daily bar open time ${iso} is not 00:00 UTC: daily bars carry the session date at 00:00 UTC`,
      );
    }
    return iso.slice(0, 10);
  }
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}

/** Inverse of {@link formatCalendarTime} (also what a Qlib score table's `datetime` column holds), naive = UTC. */
export function parseCalendarTime(text: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?$/.exec(text.trim());
  if (!m) return undefined;
  const ms = Date.UTC(
    Number(m[1]),
    Number(m[2]) - 1,
    Number(m[3]),
    Number(m[4] ?? 0),
    Number(m[5] ?? 0),
    Number(m[6] ?? 0),
  );
  // Date.UTC rolls 2020-02-31 over into March: a date that does not round-trip is not a date.
  const back = new Date(ms).toISOString();
  if (back.slice(0, 10) !== `${m[1]}-${m[2]}-${m[3]}`) return undefined;
  if (m[7] !== undefined && Number(m[7]) !== 0) return undefined;
  return ms;
}

/**
 * Exchange prefixes of Qlib's China data (scripts/data_collector/yahoo/collector.py `normalize_symbol`:
 * `600519.ss` → `sh600519`, upper-cased in instruments/). `BJ` for Beijing is the usual convention
 * (Qlib's collectors have no BSE source).
 */
const CN_PREFIX: Readonly<Record<string, string>> = { SSE: 'SH', SZSE: 'SZ', BSE: 'BJ' };

/** US exchanges: Qlib's US data names a stock by its ticker alone (scripts/data_collector/yahoo: `AAPL`). */
const US_VENUES = new Set(['NYSE', 'NASDAQ', 'ARCA', 'AMEX', 'BATS', 'US']);

/**
 * The instrument name Qlib sees: A-shares as `SH600519` / `SZ300750` / `BJ…` (the code with its
 * exchange prefix), US stocks by ticker (`SPY`), anything else as base and quote joined, e.g.
 * `BTCUSDT` (the venue is dropped: {@link qlibNames} refuses two instruments that would share a name).
 */
export function qlibName(i: Instrument): string {
  const prefix = CN_PREFIX[i.venue];
  if (prefix) return `${prefix}${i.base}`;
  return US_VENUES.has(i.venue) ? i.base : `${i.base}${i.quote}`;
}

/** Names Windows cannot create; qlib/utils `code_to_fname` prefixes them with `_qlib_`. */
const RESERVED = new Set([
  'CON',
  'PRN',
  'AUX',
  'NUL',
  ...Array.from({ length: 10 }, (_, i) => `COM${i}`),
  ...Array.from({ length: 10 }, (_, i) => `LPT${i}`),
]);

/** The directory under `features/` (dump_bin: `code_to_fname(code).lower()`). */
export function featureDirName(name: string): string {
  return (RESERVED.has(name.toUpperCase()) ? `_qlib_${name}` : name).toLowerCase();
}

/** Qlib names of a universe, checked to be distinct; the map goes from Qlib name back to the instrument. */
export function qlibNames(instruments: readonly Instrument[]): Map<string, Instrument> {
  const out = new Map<string, Instrument>();
  for (const i of instruments) {
    const name = qlibName(i);
    const other = out.get(name);
    if (other) {
      throw new AlgoError(
        ErrorCode.Conflict,
        `${formatInstrument(other)} and ${formatInstrument(i)} would both be "${name}" in Qlib: export one venue at a time`,
      );
    }
    out.set(name, i);
  }
  return out;
}
