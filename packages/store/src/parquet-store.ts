import { randomUUID } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, join, relative, resolve, sep } from 'node:path';
import {
  AlgoError,
  type Bar,
  type BarColumns,
  ErrorCode,
  emptyColumns,
  formatInstrument,
  type Instrument,
  sameInstrument,
  type Timeframe,
  timeframeMs,
} from '@algotrader/core';
import { type DuckDBConnection, DuckDBInstance, quotedString, StatementType } from '@duckdb/node-api';
import {
  assertStorable,
  type MergeCounts,
  type MutableColumns,
  newRows,
  sortUnique,
  take,
  toColumns,
} from './columns';
import {
  loadTempTable,
  PARQUET_COLUMNS,
  resultColumns,
  SELECT_DOUBLES,
  sqlList,
  sqlNumber,
  toNumber,
} from './duck';
import {
  assertRange,
  DATA_SUFFIX,
  DATASET,
  dataFiles,
  fileBytes,
  listPartitions,
  listSeries,
  type Partition,
  partitionAt,
  type SeriesKey,
  seriesDir,
  TMP_SUFFIX,
  tmpFiles,
} from './layout';
import type { Gap } from './quality';

export interface StoreOptions {
  /** DuckDB worker threads (default: DuckDB's, the number of cores). */
  readonly threads?: number;
  /** DuckDB memory limit, e.g. `'2GB'` (default: DuckDB's, 80% of RAM). */
  readonly memoryLimit?: string;
  /**
   * After an append, a partition holding more files than this is compacted in the same call, so a
   * live archiver writing one bar at a time does not pile up thousands of files. Default 32;
   * `Infinity` leaves compaction to explicit {@link ParquetStore.compact} calls.
   */
  readonly compactAboveFiles?: number;
}

export interface TimeRange {
  /** Inclusive lower bound on open time, ms UTC. */
  readonly from?: number;
  /** Exclusive upper bound on open time, ms UTC. */
  readonly to?: number;
}

export interface GapQuery extends TimeRange {
  /**
   * Also report missing slots between `from` and the first stored bar, and between the last stored
   * bar and `to` (needs both bounds). Default false: only holes between stored bars.
   */
  readonly edges?: boolean;
}

export interface AppendResult {
  /** Rows newly stored. */
  readonly written: number;
  /** Rows identical to a stored row (or to an earlier row of the same batch): nothing written. */
  readonly duplicates: number;
  /** Rows whose open time is stored with different values: the stored row is kept. */
  readonly conflicts: number;
  /** Open times of the first conflicts (at most 100), ascending, for the alert. */
  readonly conflictOpenTimes: readonly number[];
  /** Partition directories that received a file, relative to the root, e.g. `ohlcv/venue=okx/.../month=07`. */
  readonly partitions: readonly string[];
  /** Partitions compacted afterwards because they exceeded `compactAboveFiles`. */
  readonly compacted: number;
}

export interface SeriesInfo {
  readonly instrument: Instrument;
  readonly tf: Timeframe;
  readonly firstOpen: number;
  readonly lastOpen: number;
  readonly rows: number;
  /** Missing grid slots between the first and last bar. */
  readonly gaps: number;
  readonly partitions: number;
  readonly files: number;
  readonly bytes: number;
}

export interface CompactResult {
  /** Partitions rewritten (those that held more than one file). */
  readonly partitions: number;
  readonly filesBefore: number;
  readonly filesAfter: number;
  /** Rows in the rewritten partitions after dedupe. */
  readonly rows: number;
}

export interface SqlOptions {
  /** Rows returned at most (default 10,000); `truncated` says when more were available. */
  readonly maxRows?: number;
}

export interface SqlResult {
  readonly columns: readonly string[];
  /** DuckDB type names, e.g. `BIGINT`, `DOUBLE`, `VARCHAR`. */
  readonly types: readonly string[];
  /** JS values: BIGINT within ±2^53 becomes a number, beyond stays a bigint; timestamps are Dates. */
  readonly rows: readonly (readonly unknown[])[];
  readonly truncated: boolean;
}

const DEFAULT_COMPACT_ABOVE = 32;
const DEFAULT_MAX_SQL_ROWS = 10_000;
const STALE_TMP_MS = 60 * 60_000;
const STAGING = 'store_incoming';
/** `EXPLAIN [ANALYZE] <statement>`: the explained statement (anything else before it is refused). */
const EXPLAINED = /^\s*EXPLAIN\s+(?:ANALY[SZ]E\s+)?([\s\S]*)$/i;

/**
 * A DuckDB for untrusted SQL: reads only under `dataset` (DuckDB's `allowed_directories` with
 * `enable_external_access = false`: no other file, no URL, no ATTACH of a file, no COPY elsewhere),
 * installs and loads no extension, spills nothing to a temp directory, and locks its configuration
 * so a statement cannot `SET` any of it back.
 */
async function openSqlSandbox(
  dataset: string,
  config: Record<string, string>,
): Promise<{ instance: DuckDBInstance; con: DuckDBConnection }> {
  const instance = await DuckDBInstance.create(':memory:', config);
  const con = await instance.connect();
  try {
    const dir = `${resolve(dataset)}${sep}`;
    for (const setting of [
      `SET allowed_directories = [${quotedString(dir)}]`,
      "SET temp_directory = ''",
      'SET autoinstall_known_extensions = false',
      'SET autoload_known_extensions = false',
      'SET enable_external_access = false',
      'SET lock_configuration = true',
    ]) {
      await con.run(setting);
    }
  } catch (e) {
    con.closeSync();
    instance.closeSync();
    throw e;
  }
  return { instance, con };
}

/** Parses exactly one statement and prepares it (preparing runs nothing). */
async function prepareOne(con: DuckDBConnection, query: string) {
  const statements = await con.extractStatements(query);
  if (statements.count !== 1) {
    throw new AlgoError(ErrorCode.InvalidArgument, `sql: expected one statement, got ${statements.count}`);
  }
  return statements.prepare(0);
}

/**
 * OHLCV history as hive-partitioned Parquet, written and read through an in-process DuckDB.
 * One writer process per root (the archiver); any number of readers. Within the process every call
 * is serialized, so a read never sees a half-finished compaction.
 */
export class ParquetStore {
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;
  /** The locked-down DuckDB of {@link sql}, opened at its first use. */
  private sandbox: { instance: DuckDBInstance; con: DuckDBConnection } | undefined;

  private constructor(
    readonly root: string,
    private readonly instance: DuckDBInstance,
    private readonly con: DuckDBConnection,
    private readonly compactAboveFiles: number,
    private readonly config: Record<string, string>,
  ) {}

  static async open(root: string, options: StoreOptions = {}): Promise<ParquetStore> {
    const compactAbove = options.compactAboveFiles ?? DEFAULT_COMPACT_ABOVE;
    if (!(compactAbove >= 1)) {
      throw new AlgoError(ErrorCode.InvalidArgument, `compactAboveFiles must be >= 1, got ${compactAbove}`);
    }
    const config: Record<string, string> = {};
    if (options.threads !== undefined) config['threads'] = String(options.threads);
    if (options.memoryLimit !== undefined) config['memory_limit'] = options.memoryLimit;
    mkdirSync(join(root, DATASET), { recursive: true });
    const instance = await DuckDBInstance.create(':memory:', config);
    const con = await instance.connect();
    return new ParquetStore(root, instance, con, compactAbove, config);
  }

  /**
   * Stores bars of one series. Rows are merged by open time with what the affected partitions already
   * hold: new open times are written (one new file per partition touched), identical rows are counted
   * as duplicates, and a different row for a stored open time is a conflict: the stored row is kept
   * and the conflict reported, never overwritten. A batch with a non-finite value or an open time off
   * the timeframe grid is refused whole (`AlgoError` `E_BAR`). Each file is written to a temp name,
   * fsynced and renamed, so a crash leaves either the whole file or none of it.
   */
  append(instrument: Instrument, tf: Timeframe, bars: BarColumns | readonly Bar[]): Promise<AppendResult> {
    return this.exclusive(async () => {
      const input = toColumns(bars, instrument, tf);
      assertStorable(input, tf, `append ${formatInstrument(instrument)} ${tf}`);
      const counts: MergeCounts = { duplicates: 0, conflicts: 0, conflictOpenTimes: [] };
      const batch = sortUnique(input, counts);
      const n = batch.openTime.length;
      const dir = seriesDir(this.root, instrument, tf);
      let fresh: BarColumns = batch;
      if (n > 0) {
        const existing = await this.readRange(dir, batch.openTime[0]!, batch.openTime[n - 1]! + 1);
        fresh = newRows(batch, existing, counts);
      }
      const written: Partition[] = [];
      if (fresh.openTime.length > 0) {
        await loadTempTable(this.con, STAGING, fresh);
        try {
          for (const run of partitionRuns(dir, fresh.openTime)) {
            await this.writeFile(
              run.partition.dir,
              `SELECT open_time::BIGINT AS open_time, open, high, low, close, volume FROM ${STAGING}
               WHERE open_time >= ${run.partition.start} AND open_time < ${run.partition.end} ORDER BY open_time`,
            );
            written.push(run.partition);
          }
        } finally {
          await this.con.run(`DROP TABLE IF EXISTS ${STAGING}`);
        }
      }
      let compacted = 0;
      for (const p of written) {
        if (dataFiles(p.dir).length > this.compactAboveFiles) {
          await this.compactPartition(p.dir);
          compacted++;
        }
      }
      return {
        written: fresh.openTime.length,
        duplicates: counts.duplicates,
        conflicts: counts.conflicts,
        conflictOpenTimes: counts.conflictOpenTimes.sort((a, b) => a - b),
        partitions: written.map((p) => relative(this.root, p.dir)),
        compacted,
      };
    });
  }

  /** Bars with open time in [from, to), ascending, one row per open time. */
  read(instrument: Instrument, tf: Timeframe, range: TimeRange = {}): Promise<BarColumns> {
    assertRange(range.from, range.to);
    return this.exclusive(() =>
      this.readRange(seriesDir(this.root, instrument, tf), range.from ?? -Infinity, range.to ?? Infinity),
    );
  }

  /** Open time of the newest stored bar, for resuming a backfill; undefined for an empty series. */
  lastOpenTime(instrument: Instrument, tf: Timeframe): Promise<number | undefined> {
    return this.exclusive(async () => {
      const parts = listPartitions(seriesDir(this.root, instrument, tf));
      // Partitions are months of open time, so the newest non-empty one holds the answer.
      for (let k = parts.length - 1; k >= 0; k--) {
        const files = dataFiles(parts[k]!.dir);
        if (files.length === 0) continue;
        const v = await this.scalar(
          `SELECT max(open_time)::DOUBLE FROM read_parquet(${sqlList(files)})`,
          files,
        );
        if (v !== undefined) return v;
      }
      return undefined;
    });
  }

  /** Every non-empty series with its extent, row count and gap count. */
  list(): Promise<SeriesInfo[]> {
    return this.exclusive(async () => {
      const out: SeriesInfo[] = [];
      for (const key of listSeries(this.root)) {
        const info = await this.seriesInfo(key);
        if (info !== undefined) out.push(info);
      }
      return out;
    });
  }

  /** Runs of missing grid slots within [from, to), ascending. */
  gaps(instrument: Instrument, tf: Timeframe, query: GapQuery = {}): Promise<Gap[]> {
    assertRange(query.from, query.to);
    const edges = query.edges ?? false;
    if (edges && (query.from === undefined || query.to === undefined)) {
      throw new AlgoError(ErrorCode.InvalidArgument, 'gaps with edges needs both from and to');
    }
    return this.exclusive(async () => {
      const dir = seriesDir(this.root, instrument, tf);
      const step = timeframeMs(tf);
      const from = query.from ?? -Infinity;
      const to = query.to ?? Infinity;
      const firstSlot = Math.ceil(from / step) * step;
      const lastSlot = Math.ceil(to / step) * step - step;
      // Stored bars just outside the window bound the holes that cross its edges.
      const before = Number.isFinite(from) ? await this.neighbour(dir, from, 'before') : undefined;
      const after = Number.isFinite(to) ? await this.neighbour(dir, to, 'after') : undefined;
      const anchors = [before, after].filter((x) => x !== undefined);
      if (edges) anchors.push(firstSlot - step, lastSlot + step);
      const files = listPartitions(dir, from, to).flatMap((p) => dataFiles(p.dir));
      const inRange = files.length
        ? `SELECT open_time FROM read_parquet(${sqlList(files)}) WHERE ${rangeSql(from, to)}`
        : 'SELECT NULL::BIGINT AS open_time WHERE false';
      const extra = anchors.length
        ? ` UNION SELECT unnest([${anchors.map(sqlNumber).join(', ')}])::BIGINT AS open_time`
        : '';
      const sql = `SELECT prev::DOUBLE, t::DOUBLE FROM (
          SELECT open_time AS t, lag(open_time) OVER (ORDER BY open_time) AS prev
          FROM (${inRange}${extra})
        ) WHERE t - prev > ${step} ORDER BY t`;
      const reader = await this.withFiles(files, () => this.con.runAndReadAll(sql));
      const out: Gap[] = [];
      for (const [prevRaw, tRaw] of reader.getRowsJS()) {
        const fromOpen = Math.max(toNumber(prevRaw)! + step, firstSlot);
        const toOpen = Math.min(toNumber(tRaw)! - step, lastSlot);
        if (toOpen >= fromOpen) out.push({ fromOpen, toOpen, missingBars: (toOpen - fromOpen) / step + 1 });
      }
      return out;
    });
  }

  /**
   * Rewrites each partition holding several files into one sorted, deduplicated file (for a repeated
   * open time the row from the oldest file wins). Atomic per partition: the new file is renamed in
   * before the old ones are removed; a crash in between leaves identical duplicates that reads and
   * the next compaction drop. No arguments: the whole store.
   */
  compact(instrument?: Instrument, tf?: Timeframe): Promise<CompactResult> {
    return this.exclusive(async () => {
      let partitions = 0;
      let filesBefore = 0;
      let filesAfter = 0;
      let rows = 0;
      for (const key of listSeries(this.root)) {
        if (instrument !== undefined && !sameInstrument(key.instrument, instrument)) continue;
        if (tf !== undefined && key.tf !== tf) continue;
        for (const p of listPartitions(seriesDir(this.root, key.instrument, key.tf))) {
          removeStaleTmp(p.dir);
          const files = dataFiles(p.dir);
          filesBefore += files.length;
          if (files.length <= 1) {
            filesAfter += files.length;
            continue;
          }
          rows += await this.compactPartition(p.dir);
          partitions++;
          filesAfter += 1;
        }
      }
      return { partitions, filesBefore, filesAfter, rows };
    });
  }

  /**
   * Runs one read-only statement (a SELECT, or EXPLAIN [ANALYZE] of one) with a view `ohlcv` over the
   * whole store: columns venue, symbol, tf, open_time (BIGINT ms), open, high, low, close, volume,
   * year, month. Anything else (COPY, CREATE, SET, ATTACH, LOAD, EXPLAIN ANALYZE of a COPY, several
   * statements) is refused with `E_ARGUMENT`.
   *
   * Two layers: the statement type is checked before it runs, and the statement runs in a DuckDB of
   * its own (not the store's writer) whose file access is limited to the store's dataset directory,
   * with extensions neither installed nor loaded and the configuration locked
   * ({@link openSqlSandbox}), so a statement the check missed still cannot read `/etc/passwd`,
   * write a file elsewhere or turn the settings back.
   */
  sql(query: string, options: SqlOptions = {}): Promise<SqlResult> {
    const maxRows = options.maxRows ?? DEFAULT_MAX_SQL_ROWS;
    if (!Number.isInteger(maxRows) || maxRows < 0) {
      throw new AlgoError(
        ErrorCode.InvalidArgument,
        `maxRows must be a non-negative integer, got ${maxRows}`,
      );
    }
    return this.exclusive(async () => {
      this.sandbox ??= await openSqlSandbox(join(this.root, DATASET), this.config);
      const con = this.sandbox.con;
      await this.createOhlcvView(con);
      try {
        const prepared = await prepareOne(con, query);
        const type = prepared.statementType;
        if (type !== StatementType.SELECT && type !== StatementType.EXPLAIN) {
          throw new AlgoError(
            ErrorCode.InvalidArgument,
            `sql: only read-only queries (SELECT, EXPLAIN) run here, got ${StatementType[type]}`,
          );
        }
        // EXPLAIN ANALYZE runs what it explains: only a SELECT may be explained.
        if (type === StatementType.EXPLAIN) {
          const inner = EXPLAINED.exec(query)?.[1];
          const innerType = inner === undefined ? undefined : (await prepareOne(con, inner)).statementType;
          if (innerType !== StatementType.SELECT) {
            throw new AlgoError(
              ErrorCode.InvalidArgument,
              `sql: EXPLAIN runs here only of a SELECT, got ${innerType === undefined ? 'a query not starting with EXPLAIN' : StatementType[innerType]}`,
            );
          }
        }
        const reader = await prepared.streamAndReadUntil(maxRows + 1);
        const rows = reader
          .getRowsJS()
          .slice(0, maxRows)
          .map((row) => row.map(plainValue));
        return {
          columns: reader.columnNames(),
          types: reader.columnTypes().map((t) => t.toString()),
          rows,
          truncated: reader.currentRowCount > maxRows || !reader.done,
        };
      } catch (e) {
        if (e instanceof AlgoError) throw e;
        throw new AlgoError(
          ErrorCode.InvalidArgument,
          `sql: ${(e as Error).message}`,
          { query },
          { cause: e },
        );
      }
    });
  }

  /** Waits for running calls, then releases DuckDB. Further calls fail. */
  async close(): Promise<void> {
    if (this.closed) return;
    const pending = this.queue;
    this.closed = true;
    await pending.catch(() => undefined);
    this.con.closeSync();
    this.instance.closeSync();
    this.sandbox?.con.closeSync();
    this.sandbox?.instance.closeSync();
  }

  // ---------------------------------------------------------------------------------------------

  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    if (this.closed) {
      return Promise.reject(new AlgoError(ErrorCode.Internal, `ParquetStore at ${this.root} is closed`));
    }
    const run = this.queue.then(fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async readRange(dir: string, from: number, to: number): Promise<BarColumns> {
    const files = listPartitions(dir, from, to).flatMap((p) => dataFiles(p.dir));
    if (files.length === 0) return emptyColumns(0);
    const base = `SELECT ${SELECT_DOUBLES} FROM read_parquet(${sqlList(files)}) WHERE ${rangeSql(from, to)}`;
    // Files are listed in time order and DuckDB keeps insertion order, so the result is normally
    // ascending already; only out-of-order appends (a backfilled hole) need the sort.
    let cols = resultColumns(await this.withFiles(files, () => this.con.run(base)));
    if (!isNonDecreasing(cols.openTime)) {
      cols = resultColumns(await this.withFiles(files, () => this.con.run(`${base} ORDER BY open_time`)));
    }
    return dropRepeats(cols);
  }

  private async seriesInfo(key: SeriesKey): Promise<SeriesInfo | undefined> {
    const parts = listPartitions(seriesDir(this.root, key.instrument, key.tf));
    const files = parts.flatMap((p) => dataFiles(p.dir));
    if (files.length === 0) return undefined;
    const reader = await this.withFiles(files, () =>
      this.con.runAndReadAll(
        `SELECT min(open_time)::DOUBLE, max(open_time)::DOUBLE, count(DISTINCT open_time)::DOUBLE
         FROM read_parquet(${sqlList(files)})`,
      ),
    );
    const [first, last, count] = (reader.getRowsJS()[0] ?? []).map(toNumber);
    if (first === undefined || last === undefined || count === undefined || count === 0) return undefined;
    return {
      instrument: key.instrument,
      tf: key.tf,
      firstOpen: first,
      lastOpen: last,
      rows: count,
      gaps: (last - first) / timeframeMs(key.tf) + 1 - count,
      partitions: parts.length,
      files: files.length,
      bytes: fileBytes(files),
    };
  }

  /** Nearest stored open time strictly before `at`, or at/after `at`. */
  private async neighbour(dir: string, at: number, side: 'before' | 'after'): Promise<number | undefined> {
    const parts = side === 'before' ? listPartitions(dir, -Infinity, at).reverse() : listPartitions(dir, at);
    for (const p of parts) {
      const files = dataFiles(p.dir);
      if (files.length === 0) continue;
      const sql =
        side === 'before'
          ? `SELECT max(open_time)::DOUBLE FROM read_parquet(${sqlList(files)}) WHERE open_time < ${sqlNumber(at)}`
          : `SELECT min(open_time)::DOUBLE FROM read_parquet(${sqlList(files)}) WHERE open_time >= ${sqlNumber(at)}`;
      const v = await this.scalar(sql, files);
      if (v !== undefined) return v;
    }
    return undefined;
  }

  private async scalar(sql: string, files: readonly string[]): Promise<number | undefined> {
    const reader = await this.withFiles(files, () => this.con.runAndReadAll(sql));
    return toNumber(reader.getRowsJS()[0]?.[0]);
  }

  /** Rewrites a partition's files into one; returns its row count. */
  private async compactPartition(dir: string): Promise<number> {
    const files = dataFiles(dir);
    const rows = await this.writeFile(
      dir,
      `SELECT DISTINCT ON (open_time) ${PARQUET_COLUMNS}
       FROM read_parquet(${sqlList(files)}, filename = true) ORDER BY open_time, filename`,
    );
    for (const f of files) rmSync(f, { force: true });
    fsyncDir(dir);
    return rows;
  }

  /** COPY a query to a new file in `dir`: temp name, fsync, rename. Returns the rows written. */
  private async writeFile(dir: string, select: string): Promise<number> {
    mkdirSync(dir, { recursive: true });
    const name = `part-${Date.now()}-${randomUUID().slice(0, 8)}${DATA_SUFFIX}`;
    const tmp = join(dir, `.${name}${TMP_SUFFIX}`);
    try {
      const result = await this.con.run(
        `COPY (${select}) TO ${quotedString(tmp)} (FORMAT parquet, COMPRESSION zstd)`,
      );
      fsyncFile(tmp);
      renameSync(tmp, join(dir, name));
      fsyncDir(dir);
      return toNumber((await result.getRowsJS())[0]?.[0]) ?? 0;
    } catch (e) {
      rmSync(tmp, { force: true });
      throw e;
    }
  }

  private async createOhlcvView(con: DuckDBConnection): Promise<void> {
    const hasData = listSeries(this.root).some((k) =>
      listPartitions(seriesDir(this.root, k.instrument, k.tf)).some((p) => dataFiles(p.dir).length > 0),
    );
    const glob = join(resolve(this.root), DATASET, '*', '*', '*', '*', '*', `*${DATA_SUFFIX}`);
    const source = hasData
      ? `SELECT venue, symbol, tf, open_time, open, high, low, close, volume, year, month
         FROM read_parquet(${quotedString(glob)}, hive_partitioning = true,
           hive_types = {'venue': VARCHAR, 'symbol': VARCHAR, 'tf': VARCHAR, 'year': INTEGER, 'month': INTEGER})`
      : `SELECT NULL::VARCHAR AS venue, NULL::VARCHAR AS symbol, NULL::VARCHAR AS tf, NULL::BIGINT AS open_time,
           NULL::DOUBLE AS open, NULL::DOUBLE AS high, NULL::DOUBLE AS low, NULL::DOUBLE AS close,
           NULL::DOUBLE AS volume, NULL::INTEGER AS year, NULL::INTEGER AS month WHERE false`;
    await con.run(`CREATE OR REPLACE TEMP VIEW ohlcv AS ${source}`);
  }

  /**
   * Runs `fn`; if it fails because a listed file vanished (another process compacted the partition
   * between our listing and the scan), the caller's listing is stale: say so clearly.
   */
  private async withFiles<T>(files: readonly string[], fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (e) {
      const gone = files.filter((f) => !existsSync(f));
      if (gone.length > 0) {
        throw new AlgoError(
          ErrorCode.Conflict,
          `store files changed during the read (${gone.length} removed, e.g. ${basename(gone[0]!)}): retry`,
          { gone },
          { cause: e },
        );
      }
      throw new AlgoError(ErrorCode.Internal, `duckdb: ${(e as Error).message}`, undefined, { cause: e });
    }
  }
}

interface PartitionRun {
  readonly partition: Partition;
  readonly start: number;
  readonly end: number;
}

/** Splits ascending open times into runs that share a month partition. */
function partitionRuns(dir: string, openTimes: Float64Array): PartitionRun[] {
  const runs: PartitionRun[] = [];
  let start = 0;
  while (start < openTimes.length) {
    const partition = partitionAt(dir, openTimes[start]!);
    let end = start + 1;
    while (end < openTimes.length && openTimes[end]! < partition.end) end++;
    runs.push({ partition, start, end });
    start = end;
  }
  return runs;
}

function rangeSql(from: number, to: number): string {
  const parts: string[] = [];
  if (Number.isFinite(from)) parts.push(`open_time >= ${sqlNumber(Math.ceil(from))}`);
  if (Number.isFinite(to)) parts.push(`open_time < ${sqlNumber(Math.ceil(to))}`);
  return parts.length ? parts.join(' AND ') : 'true';
}

function isNonDecreasing(t: Float64Array): boolean {
  for (let i = 1; i < t.length; i++) if (t[i]! < t[i - 1]!) return false;
  return true;
}

/** Keeps the first of adjacent rows with the same open time (copies left by a crashed compaction). */
function dropRepeats(cols: MutableColumns): BarColumns {
  const t = cols.openTime;
  const n = t.length;
  let repeats = 0;
  for (let i = 1; i < n; i++) if (t[i] === t[i - 1]) repeats++;
  if (repeats === 0) return cols;
  const keep = new Int32Array(n - repeats);
  let k = 0;
  for (let i = 0; i < n; i++) if (i === 0 || t[i] !== t[i - 1]) keep[k++] = i;
  return take(cols, keep);
}

function plainValue(v: unknown): unknown {
  if (typeof v === 'bigint' && v <= BigInt(Number.MAX_SAFE_INTEGER) && v >= BigInt(Number.MIN_SAFE_INTEGER)) {
    return Number(v);
  }
  return v;
}

function fsyncFile(path: string): void {
  const fd = openSync(path, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Makes a rename durable. Not supported on every platform (Windows): best effort there. */
function fsyncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Directory fsync is an extra guarantee, not a precondition.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function removeStaleTmp(dir: string): void {
  const now = Date.now();
  for (const f of tmpFiles(dir)) {
    try {
      if (now - statSync(f).mtimeMs > STALE_TMP_MS) rmSync(f, { force: true });
    } catch {
      // Gone already, or not ours to remove: harmless either way.
    }
  }
}
