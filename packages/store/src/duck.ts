import { AlgoError, type BarColumns, ErrorCode, emptyColumns } from '@algotrader/core';
import {
  DOUBLE,
  type DuckDBConnection,
  DuckDBDataChunk,
  type DuckDBDoubleVector,
  type DuckDBMaterializedResult,
  DuckDBTypeId,
  DuckDBVector,
  quotedString,
} from '@duckdb/node-api';
import { ALL_COLUMNS, type MutableColumns } from './columns';

/** Parquet schema of one bar. Open time is int64 ms UTC, as on the wire. */
export const PARQUET_COLUMNS = 'open_time, open, high, low, close, volume';

/** SELECT list that reads the file columns as six DOUBLEs, in {@link ALL_COLUMNS} order. */
export const SELECT_DOUBLES =
  'open_time::DOUBLE, open::DOUBLE, high::DOUBLE, low::DOUBLE, close::DOUBLE, volume::DOUBLE';

export function sqlList(files: readonly string[]): string {
  return `[${files.map(quotedString).join(', ')}]`;
}

/** A finite ms bound as a SQL literal (callers have checked it is finite). */
export function sqlNumber(x: number): string {
  return Number.isInteger(x) ? x.toFixed(0) : String(x);
}

/**
 * Replaces temp table `table` with the rows of `cols` (all DOUBLE), filled through the appender one
 * data chunk (2048 rows) at a time: measured ~4M rows/s here, against ~0.3M/s for row-wise appends.
 */
export async function loadTempTable(con: DuckDBConnection, table: string, cols: BarColumns): Promise<void> {
  await con.run(
    `CREATE OR REPLACE TEMP TABLE ${table} (open_time DOUBLE, open DOUBLE, high DOUBLE, low DOUBLE, close DOUBLE, volume DOUBLE)`,
  );
  const appender = await con.createAppender(table);
  try {
    const n = cols.openTime.length;
    const size = DuckDBVector.standardSize();
    const chunk = DuckDBDataChunk.create([DOUBLE, DOUBLE, DOUBLE, DOUBLE, DOUBLE, DOUBLE]);
    for (let offset = 0; offset < n; offset += size) {
      const count = Math.min(size, n - offset);
      chunk.reset();
      chunk.rowCount = count;
      for (let c = 0; c < ALL_COLUMNS.length; c++) {
        const vector = chunk.getColumnVector(c) as DuckDBDoubleVector;
        const src = cols[ALL_COLUMNS[c]!];
        for (let i = 0; i < count; i++) vector.setItem(i, src[offset + i]!);
        vector.flush();
      }
      appender.appendDataChunk(chunk);
    }
  } finally {
    appender.closeSync();
  }
}

/**
 * Copies a six-DOUBLE result (see {@link SELECT_DOUBLES}) into typed arrays, chunk by chunk through
 * the vector readers: no row objects, no per-value JS allocation. A NULL reads as NaN.
 */
export function resultColumns(result: DuckDBMaterializedResult): MutableColumns {
  const types = result.columnTypes();
  if (types.length !== 6 || types.some((t) => t.typeId !== DuckDBTypeId.DOUBLE)) {
    throw new AlgoError(ErrorCode.Internal, `expected six DOUBLE columns, got ${types.join(', ')}`);
  }
  const out = emptyColumns(result.rowCount);
  const targets = ALL_COLUMNS.map((name) => out[name]);
  let row = 0;
  for (let k = 0; k < result.chunkCount; k++) {
    const chunk = result.getChunk(k);
    const n = chunk.rowCount;
    for (let c = 0; c < 6; c++) {
      const vector = chunk.getColumnVector(c) as DuckDBDoubleVector;
      const dst = targets[c]!;
      for (let i = 0; i < n; i++) dst[row + i] = vector.getItem(i) ?? Number.NaN;
    }
    row += n;
  }
  return out;
}

export function toNumber(v: unknown): number | undefined {
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'number') return v;
  throw new AlgoError(ErrorCode.Internal, `expected a number from DuckDB, got ${typeof v}`);
}
