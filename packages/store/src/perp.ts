import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import {
  AlgoError,
  ErrorCode,
  type FundingGap,
  type FundingSeries,
  fundingGaps,
  type Instrument,
  type PriceCandles,
  symbolToken,
  type Timeframe,
  validateFunding,
  validatePriceCandles,
} from '@algotrader/core';
import { type DuckDBConnection, DuckDBInstance, quotedString } from '@duckdb/node-api';
import { parseTimestamp, readCsvBars } from './importers';
import { ParquetStore } from './parquet-store';

/**
 * Perpetual-swap datasets beside `ohlcv/` (the trade candles, stored there under the swap's
 * symbol `BTC-USDT-SWAP`), in the same hive layout, one UTC month per partition:
 * - `mark/venue=okx/symbol=BTC-USDT-SWAP/tf=4h/year=2024/month=08/*.parquet` — mark-price candles
 *   (`open_time, open, high, low, close`);
 * - `index/venue=okx/symbol=BTC-USDT/tf=…/…` — index candles, same columns;
 * - `funding/venue=okx/symbol=BTC-USDT-SWAP/year=2024/month=08/*.parquet` — `funding_time, rate`.
 */
export type PriceKind = 'mark' | 'index';

export function priceSeriesDir(root: string, kind: PriceKind, i: Instrument, tf: Timeframe): string {
  // Index candles belong to the underlying pair (OKX `BTC-USDT`), not the swap.
  const symbol = kind === 'index' ? `${i.base}-${i.quote}` : symbolToken(i);
  return join(root, kind, `venue=${i.venue.toLowerCase()}`, `symbol=${symbol}`, `tf=${tf}`);
}

export function fundingSeriesDir(root: string, i: Instrument): string {
  return join(root, 'funding', `venue=${i.venue.toLowerCase()}`, `symbol=${symbolToken(i)}`);
}

function readText(path: string): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    throw new AlgoError(ErrorCode.NotFound, `cannot read ${path}: ${(e as Error).message}`, { path });
  }
  if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = gunzipSync(bytes);
  return bytes.toString('utf8').replace(/^\uFEFF/, '');
}

function csvRows(text: string, path: string, want: readonly string[]): { rows: string[][]; lines: number[] } {
  const lines = text.split('\n');
  const header = (lines[0] ?? '').trim().toLowerCase().split(',');
  const idx = want.map((w) => header.indexOf(w));
  if (idx.some((i) => i < 0)) {
    throw new AlgoError(ErrorCode.InvalidData, `${path}:1: header "${lines[0]}" must name ${want.join(',')}`);
  }
  const rows: string[][] = [];
  const at: number[] = [];
  for (let k = 1; k < lines.length; k++) {
    const line = lines[k]!.replace(/\r$/, '');
    if (line.trim() === '') continue;
    const f = line.split(',');
    rows.push(idx.map((i) => (f[i] ?? '').trim()));
    at.push(k + 1);
  }
  return { rows, lines: at };
}

function num(raw: string, path: string, line: number, what: string): number {
  // Number('') is 0 and Number('inf') NaN: only a real numeral is a number here.
  const v = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isFinite(v)) {
    throw new AlgoError(ErrorCode.InvalidData, `${path}:${line}: ${what} "${raw}" is not a finite number`, {
      path,
      line,
    });
  }
  return v;
}

function ts(raw: string, path: string, line: number): number {
  const t = parseTimestamp(raw);
  if (t === undefined) throw new AlgoError(ErrorCode.InvalidData, `${path}:${line}: bad timestamp "${raw}"`);
  return t;
}

/** Reads a funding CSV `ts,rate` (plain or gzip); a non-finite rate is an error naming the line. */
export function readFundingCsv(path: string): FundingSeries {
  const { rows, lines } = csvRows(readText(path), path, ['ts', 'rate']);
  const time = new Float64Array(rows.length);
  const rate = new Float64Array(rows.length);
  rows.forEach((r, i) => {
    time[i] = ts(r[0]!, path, lines[i]!);
    rate[i] = num(r[1]!, path, lines[i]!, 'funding rate');
  });
  return validateFunding({ time, rate }, path);
}

/** Reads a mark-price or index candle CSV `ts,open,high,low,close` (plain or gzip). */
export function readPriceCandlesCsv(path: string): PriceCandles {
  const { rows, lines } = csvRows(readText(path), path, ['ts', 'open', 'high', 'low', 'close']);
  const n = rows.length;
  const c = {
    openTime: new Float64Array(n),
    open: new Float64Array(n),
    high: new Float64Array(n),
    low: new Float64Array(n),
    close: new Float64Array(n),
  };
  rows.forEach((r, i) => {
    const line = lines[i]!;
    c.openTime[i] = ts(r[0]!, path, line);
    c.open[i] = num(r[1]!, path, line, 'open');
    c.high[i] = num(r[2]!, path, line, 'high');
    c.low[i] = num(r[3]!, path, line, 'low');
    c.close[i] = num(r[4]!, path, line, 'close');
  });
  return validatePriceCandles(c, path);
}

export interface PerpImport {
  readonly instrument: Instrument;
  /** Trade candles `ts,open,high,low,close,volume` → `ohlcv/` under the swap symbol. */
  readonly trades?: { readonly path: string; readonly tf: Timeframe };
  readonly mark?: { readonly path: string; readonly tf: Timeframe };
  readonly index?: { readonly path: string; readonly tf: Timeframe };
  readonly funding?: { readonly path: string };
}

export interface PerpImportReport {
  readonly trades?: { readonly written: number; readonly duplicates: number; readonly conflicts: number };
  readonly mark?: number;
  readonly index?: number;
  readonly funding?: number;
  /** Holes in the funding history (reported, never filled). */
  readonly fundingGaps: readonly FundingGap[];
}

/**
 * Mark, index and funding datasets of perpetual swaps, written and read through DuckDB. A write
 * replaces the whole series (the importer's files are the full history): it goes to a temp
 * directory first and is renamed into place, so a reader sees the old series or the new one.
 */
export class PerpStore {
  private constructor(
    readonly root: string,
    private readonly instance: DuckDBInstance,
    private readonly con: DuckDBConnection,
  ) {}

  static async open(root: string): Promise<PerpStore> {
    mkdirSync(root, { recursive: true });
    const instance = await DuckDBInstance.create(':memory:');
    return new PerpStore(root, instance, await instance.connect());
  }

  close(): void {
    this.con.closeSync();
    this.instance.closeSync();
  }

  async writePriceCandles(kind: PriceKind, i: Instrument, tf: Timeframe, c: PriceCandles): Promise<number> {
    validatePriceCandles(c, `${kind} ${symbolToken(i)} ${tf}`);
    await this.load(
      'perp_stage',
      ['open_time', 'open', 'high', 'low', 'close'],
      [c.openTime, c.open, c.high, c.low, c.close],
    );
    return this.replaceSeries(
      priceSeriesDir(this.root, kind, i, tf),
      `SELECT open_time::BIGINT AS open_time, open, high, low, close,
         year(make_timestamp(open_time::BIGINT * 1000)) AS year,
         lpad(month(make_timestamp(open_time::BIGINT * 1000))::VARCHAR, 2, '0') AS month
       FROM perp_stage ORDER BY open_time`,
    );
  }

  async readPriceCandles(
    kind: PriceKind,
    i: Instrument,
    tf: Timeframe,
    range: Range = {},
  ): Promise<PriceCandles> {
    const cols = await this.readSeries(
      priceSeriesDir(this.root, kind, i, tf),
      'open_time::DOUBLE, open, high, low, close',
      'open_time',
      range,
      5,
    );
    const [openTime, open, high, low, close] = cols as [
      Float64Array,
      Float64Array,
      Float64Array,
      Float64Array,
      Float64Array,
    ];
    return { openTime, open, high, low, close };
  }

  async writeFunding(i: Instrument, f: FundingSeries): Promise<number> {
    validateFunding(f, `funding ${symbolToken(i)}`);
    await this.load('perp_stage', ['funding_time', 'rate'], [f.time, f.rate]);
    return this.replaceSeries(
      fundingSeriesDir(this.root, i),
      `SELECT funding_time::BIGINT AS funding_time, rate,
         year(make_timestamp(funding_time::BIGINT * 1000)) AS year,
         lpad(month(make_timestamp(funding_time::BIGINT * 1000))::VARCHAR, 2, '0') AS month
       FROM perp_stage ORDER BY funding_time`,
    );
  }

  async readFunding(i: Instrument, range: Range = {}): Promise<FundingSeries> {
    const [time, rate] = (await this.readSeries(
      fundingSeriesDir(this.root, i),
      'funding_time::DOUBLE, rate',
      'funding_time',
      range,
      2,
    )) as [Float64Array, Float64Array];
    return { time, rate };
  }

  /**
   * Adds settlements to a swap's funding series (the live collector's newly settled rows), keeping
   * what is stored: a settlement already held with the same rate is a duplicate and writes nothing;
   * one held with a different rate is a conflict, reported and left as stored (never overwritten).
   * `gaps` are the holes on either side of the rows written (reported, never filled).
   */
  async appendFunding(i: Instrument, f: FundingSeries): Promise<FundingAppend> {
    validateFunding(f, `funding ${symbolToken(i)}`);
    const held = await this.readFunding(i);
    const rows = new Map<number, number>();
    for (let k = 0; k < held.time.length; k++) rows.set(held.time[k]!, held.rate[k]!);
    const written: number[] = [];
    let duplicates = 0;
    const conflicts: FundingConflict[] = [];
    for (let k = 0; k < f.time.length; k++) {
      const t = f.time[k]!;
      const rate = f.rate[k]!;
      const was = rows.get(t);
      if (was === undefined) {
        rows.set(t, rate);
        written.push(t);
      } else if (Object.is(was, rate)) duplicates += 1;
      else conflicts.push({ time: t, stored: was, fetched: rate });
    }
    if (written.length === 0) return { written: 0, duplicates, conflicts, gaps: [] };
    const time = Float64Array.from([...rows.keys()].sort((a, b) => a - b));
    const merged = { time, rate: Float64Array.from(time, (t) => rows.get(t)!) };
    await this.writeFunding(i, merged);
    const fresh = new Set(written);
    const gaps = fundingGaps(merged).filter((g) => fresh.has(g.after) || fresh.has(g.before));
    return { written: written.length, duplicates, conflicts, gaps };
  }

  /** Imports the files of one swap (e.g. the bundled `data/perp/`); reports the funding gaps. */
  async importFiles(spec: PerpImport): Promise<PerpImportReport> {
    const { instrument: i } = spec;
    const out: {
      trades?: { written: number; duplicates: number; conflicts: number };
      mark?: number;
      index?: number;
      funding?: number;
      fundingGaps: FundingGap[];
    } = { fundingGaps: [] };
    if (spec.trades) {
      const bars = await readCsvBars(spec.trades.path);
      const store = await ParquetStore.open(this.root);
      try {
        const r = await store.append(i, spec.trades.tf, bars);
        out.trades = { written: r.written, duplicates: r.duplicates, conflicts: r.conflicts };
      } finally {
        await store.close();
      }
    }
    if (spec.mark)
      out.mark = await this.writePriceCandles('mark', i, spec.mark.tf, readPriceCandlesCsv(spec.mark.path));
    if (spec.index)
      out.index = await this.writePriceCandles(
        'index',
        i,
        spec.index.tf,
        readPriceCandlesCsv(spec.index.path),
      );
    if (spec.funding) {
      const f = readFundingCsv(spec.funding.path);
      out.funding = await this.writeFunding(i, f);
      out.fundingGaps = fundingGaps(f);
    }
    return out;
  }

  private async load(table: string, names: readonly string[], cols: readonly Float64Array[]): Promise<void> {
    await this.con.run(
      `CREATE OR REPLACE TEMP TABLE ${table} (${names.map((n) => `${n} DOUBLE`).join(', ')})`,
    );
    const app = await this.con.createAppender(table);
    try {
      const n = cols[0]!.length;
      for (let r = 0; r < n; r++) {
        for (const c of cols) app.appendDouble(c[r]!);
        app.endRow();
      }
      app.flushSync();
    } finally {
      app.closeSync();
    }
  }

  private async replaceSeries(dir: string, select: string): Promise<number> {
    const tmp = `${dir}.tmp-${randomUUID().slice(0, 8)}`;
    mkdirSync(dirname(dir), { recursive: true });
    try {
      const r = await this.con.run(
        `COPY (${select}) TO ${quotedString(tmp)} (FORMAT parquet, COMPRESSION zstd, PARTITION_BY (year, month))`,
      );
      const rows = Number((await r.getRowsJS())[0]?.[0] ?? 0);
      const old = `${dir}.old-${randomUUID().slice(0, 8)}`;
      if (existsSync(dir)) renameSync(dir, old);
      renameSync(tmp, dir);
      rmSync(old, { recursive: true, force: true });
      return rows;
    } catch (e) {
      rmSync(tmp, { recursive: true, force: true });
      throw e;
    } finally {
      await this.con.run('DROP TABLE IF EXISTS perp_stage');
    }
  }

  private async readSeries(
    dir: string,
    select: string,
    timeCol: string,
    range: Range,
    width: number,
  ): Promise<Float64Array[]> {
    if (!existsSync(dir)) return Array.from({ length: width }, () => new Float64Array(0));
    const where: string[] = [];
    if (range.from !== undefined) where.push(`${timeCol} >= ${Math.ceil(range.from)}`);
    if (range.to !== undefined) where.push(`${timeCol} < ${Math.ceil(range.to)}`);
    const glob = quotedString(join(dir, '**', '*.parquet'));
    const reader = await this.con.runAndReadAll(
      `SELECT ${select} FROM read_parquet(${glob}, hive_partitioning = false)
       ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY ${timeCol}`,
    );
    const cols = reader.getColumnsJS() as unknown as (number | null)[][];
    return cols.map((c) => Float64Array.from(c, (v) => (v === null ? Number.NaN : Number(v))));
  }
}

/** A settlement fetched with a rate other than the one stored for it. */
export interface FundingConflict {
  readonly time: number;
  readonly stored: number;
  readonly fetched: number;
}

/** What {@link PerpStore.appendFunding} did. */
export interface FundingAppend {
  /** Settlements added. */
  readonly written: number;
  /** Settlements already stored with the same rate. */
  readonly duplicates: number;
  /** Settlements stored with another rate: kept as stored. */
  readonly conflicts: readonly FundingConflict[];
  /** Holes next to the settlements added. */
  readonly gaps: readonly FundingGap[];
}

export interface Range {
  readonly from?: number;
  readonly to?: number;
}
