import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  AlgoError,
  ErrorCode,
  type Instrument,
  isTimeframe,
  parseInstrument,
  symbolToken,
  type Timeframe,
} from '@algotrader/core';

/**
 * Hive layout: `<root>/ohlcv/venue=okx/symbol=BTC-USDT/tf=1h/year=2024/month=07/<file>.parquet`.
 * A partition holds the bars whose open time falls in that UTC calendar month. Files being written
 * end in `.tmp` and are never part of the data.
 */
export const DATASET = 'ohlcv';
export const DATA_SUFFIX = '.parquet';
export const TMP_SUFFIX = '.tmp';

export interface SeriesKey {
  readonly instrument: Instrument;
  readonly tf: Timeframe;
}

export interface Partition {
  readonly year: number;
  /** 1-12 */
  readonly month: number;
  /** Absolute directory. */
  readonly dir: string;
  /** First open time in the partition (inclusive). */
  readonly start: number;
  /** First open time of the next month (exclusive). */
  readonly end: number;
}

export function seriesDir(root: string, instrument: Instrument, tf: Timeframe): string {
  return join(
    root,
    DATASET,
    `venue=${instrument.venue.toLowerCase()}`,
    `symbol=${symbolToken(instrument)}`,
    `tf=${tf}`,
  );
}

export function partitionOf(seriesPath: string, year: number, month: number): Partition {
  return {
    year,
    month,
    dir: join(seriesPath, `year=${year}`, `month=${String(month).padStart(2, '0')}`),
    start: Date.UTC(year, month - 1, 1),
    end: Date.UTC(year, month, 1),
  };
}

/** The partition containing open time `ms`. */
export function partitionAt(seriesPath: string, ms: number): Partition {
  const d = new Date(ms);
  return partitionOf(seriesPath, d.getUTCFullYear(), d.getUTCMonth() + 1);
}

/** Existing partitions of a series, ascending, optionally only those overlapping [from, to). */
export function listPartitions(seriesPath: string, from = -Infinity, to = Infinity): Partition[] {
  const out: Partition[] = [];
  for (const y of subdirs(seriesPath, 'year')) {
    for (const m of subdirs(join(seriesPath, `year=${y}`), 'month')) {
      const p = partitionOf(seriesPath, y, m);
      if (p.end > from && p.start < to) out.push(p);
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

/** Data files of a partition, sorted by name. */
export function dataFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith(DATA_SUFFIX) && !f.startsWith('.'))
    .sort()
    .map((f) => join(dir, f));
}

export function tmpFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith(TMP_SUFFIX))
    .map((f) => join(dir, f));
}

/** Every series in the store (directories that exist, even if they hold no files yet). */
export function listSeries(root: string): SeriesKey[] {
  const out: SeriesKey[] = [];
  const base = join(root, DATASET);
  for (const venue of subdirNames(base, 'venue')) {
    for (const symbol of subdirNames(join(base, `venue=${venue}`), 'symbol')) {
      for (const tf of subdirNames(join(base, `venue=${venue}`, `symbol=${symbol}`), 'tf')) {
        if (!isTimeframe(tf)) continue;
        let instrument: Instrument;
        try {
          instrument = parseInstrument(`${venue}:${symbol}`);
        } catch {
          // Not ours (a hand-made directory); the store only lists what it can address.
          continue;
        }
        out.push({ instrument, tf });
      }
    }
  }
  return out;
}

export function fileBytes(files: readonly string[]): number {
  let n = 0;
  for (const f of files) n += statSync(f).size;
  return n;
}

function subdirNames(dir: string, key: string): string[] {
  if (!existsSync(dir)) return [];
  const prefix = `${key}=`;
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && e.name.startsWith(prefix))
    .map((e) => e.name.slice(prefix.length))
    .sort();
}

function subdirs(dir: string, key: 'year' | 'month'): number[] {
  return subdirNames(dir, key)
    .filter((v) => /^\d+$/.test(v))
    .map(Number);
}

export function assertRange(from: number | undefined, to: number | undefined): void {
  for (const [name, v] of [
    ['from', from],
    ['to', to],
  ] as const) {
    if (v !== undefined && !Number.isFinite(v)) {
      throw new AlgoError(ErrorCode.InvalidArgument, `${name} must be a finite ms timestamp, got ${v}`);
    }
  }
}
