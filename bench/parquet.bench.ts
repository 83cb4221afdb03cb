/**
 * Parquet writers for the archiver's append path: DuckDB `COPY … TO parquet` (what the store uses,
 * through `ParquetStore.append` and raw) against `parquetjs-lite` (named in the original design), on
 * the same bars — the shared real BTC/USDT 15m 2024-2025 file (35k rows) and 1,000,000 synthetic 1m
 * bars: write rows/s, file size, bytes per bar, and read-back speed of every file through DuckDB
 * (`read_parquet` into typed arrays, checked value for value against the input). Then small files as
 * the archiver writes them (a 300-bar backfill window, a single live bar), and the store's own
 * figures: rows/s written and read, time to load 1,000,000 bars of one symbol into typed arrays,
 * bytes per bar. Prints figures and the choice; fails only when a writer produced wrong data.
 *
 *   npx tsx bench/parquet.bench.ts [--reps=3] [--rows=1000000] [--small=100]
 *
 * Every write ends with the file fsynced (the store fsyncs and renames; the raw writers are given
 * the same fsync), times are the median of `reps` runs, load average is printed before and after.
 */
import {
  closeSync,
  fsyncSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  rmSync,
  statSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { type BarColumns, parseInstrument, type Timeframe } from '@algotrader/core';
import { ParquetStore, readCsvBars } from '@algotrader/store';
import { loadTempTable, resultColumns, SELECT_DOUBLES, sqlList } from '@algotrader/store/duck';
import { bundledData, syntheticBars } from '@algotrader/testkit';
import { type DuckDBConnection, DuckDBInstance, quotedString } from '@duckdb/node-api';

// ---- parquetjs-lite (CommonJS, no type declarations: the part used here, typed by hand) ---------

interface PqWriter {
  appendRow(row: Record<string, number>): Promise<void>;
  close(): Promise<void>;
}
interface PqCursor {
  next(): Promise<Record<string, unknown> | null>;
}
interface PqReader {
  getCursor(): PqCursor;
  getRowCount(): number | { toNumber(): number };
  close(): Promise<void>;
}
interface ParquetLite {
  ParquetSchema: new (fields: Record<string, { type: string; compression?: string }>) => unknown;
  ParquetWriter: {
    openFile(schema: unknown, file: string, opts?: Record<string, unknown>): Promise<PqWriter>;
  };
  ParquetReader: { openFile(file: string): Promise<PqReader> };
}

const args = Object.fromEntries(
  process.argv
    .slice(2)
    .filter((a) => a.startsWith('--'))
    .map((a) => a.slice(2).split('=') as [string, string]),
);
const REPS = Number(args['reps'] ?? 3);
const SYNTH_ROWS = Number(args['rows'] ?? 1_000_000);
const SMALL_FILES = Number(args['small'] ?? 100);
/** DuckDB's default row group; parquetjs-lite's default (4,096) makes it slower still and larger. */
const ROW_GROUP = 122_880;
const COLS = ['openTime', 'open', 'high', 'low', 'close', 'volume'] as const;

const require = createRequire(import.meta.url);
let pq: ParquetLite | undefined;
let pqProblem: string | undefined;
try {
  pq = require('parquetjs-lite') as ParquetLite;
} catch (e) {
  pqProblem = `parquetjs-lite did not load on node ${process.version}: ${(e as Error).message}`;
}

const fmt = (x: number, digits = 0) =>
  Number.isFinite(x) ? x.toLocaleString('en-US', { maximumFractionDigits: digits }) : '–';
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
const load = () =>
  os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t = performance.now();
  const out = await fn();
  return [out, (performance.now() - t) / 1000];
}

function fsyncFile(file: string): void {
  const fd = openSync(file, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function head(c: BarColumns, n: number): BarColumns {
  return {
    openTime: c.openTime.subarray(0, n),
    open: c.open.subarray(0, n),
    high: c.high.subarray(0, n),
    low: c.low.subarray(0, n),
    close: c.close.subarray(0, n),
    volume: c.volume.subarray(0, n),
  };
}

function sameBars(a: BarColumns, b: BarColumns): boolean {
  if (a.openTime.length !== b.openTime.length) return false;
  for (const k of COLS) {
    const x = a[k];
    const y = b[k];
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  }
  return true;
}

// ---- DuckDB raw: the store's own staging (appender, one data chunk at a time) and COPY -------------

async function duckWrite(
  con: DuckDBConnection,
  cols: BarColumns,
  file: string,
  codec: string,
): Promise<void> {
  await loadTempTable(con, 'bars', cols);
  await con.run(
    `COPY (SELECT open_time::BIGINT AS open_time, open, high, low, close, volume FROM bars ORDER BY open_time)
     TO ${quotedString(file)} (FORMAT parquet, COMPRESSION ${codec})`,
  );
  fsyncFile(file);
}

/** Any Parquet file(s) with these columns → typed arrays, through DuckDB's vector readers. */
async function duckRead(con: DuckDBConnection, files: string | string[]): Promise<BarColumns> {
  const list = Array.isArray(files) ? sqlList(files) : quotedString(files);
  return resultColumns(await con.run(`SELECT ${SELECT_DOUBLES} FROM read_parquet(${list})`));
}

// ---- parquetjs-lite --------------------------------------------------------------------------------

function pqSchema(codec: string): unknown {
  const f = (type: string) => ({ type, compression: codec });
  return new pq!.ParquetSchema({
    open_time: f('INT64'),
    open: f('DOUBLE'),
    high: f('DOUBLE'),
    low: f('DOUBLE'),
    close: f('DOUBLE'),
    volume: f('DOUBLE'),
  });
}

async function pqWrite(cols: BarColumns, file: string, codec: string): Promise<void> {
  const w = await pq!.ParquetWriter.openFile(pqSchema(codec), file, { rowGroupSize: ROW_GROUP });
  const n = cols.openTime.length;
  for (let i = 0; i < n; i++) {
    await w.appendRow({
      open_time: cols.openTime[i]!,
      open: cols.open[i]!,
      high: cols.high[i]!,
      low: cols.low[i]!,
      close: cols.close[i]!,
      volume: cols.volume[i]!,
    });
  }
  await w.close();
  fsyncFile(file);
}

/** parquetjs-lite's own row cursor (for reference: the store reads through DuckDB). */
async function pqRead(file: string): Promise<number> {
  const r = await pq!.ParquetReader.openFile(file);
  const cursor = r.getCursor();
  let n = 0;
  for (let row = await cursor.next(); row; row = await cursor.next()) n += 1;
  await r.close();
  return n;
}

// ---- the run -----------------------------------------------------------------------------------

interface Row {
  data: string;
  writer: string;
  rows: number;
  runs: number;
  writeS: number;
  writeCpuS: number;
  bytes: number;
  files: number;
  readS: number;
  readCpuS: number;
  ok: boolean;
  note?: string | undefined;
}

interface Measured {
  wallS: number;
  cpuS: number;
}

/** Wall and CPU time (all threads of the process: DuckDB's workers included) of `fn`. */
async function measure<T>(fn: () => Promise<T>): Promise<[T, Measured]> {
  const cpu = process.cpuUsage();
  const t = performance.now();
  const out = await fn();
  const used = process.cpuUsage(cpu);
  return [out, { wallS: (performance.now() - t) / 1000, cpuS: (used.user + used.system) / 1e6 }];
}

interface Contender {
  readonly writer: string;
  readonly reps: number;
  /** Writes the bars (the run's own paths); returns the files and the time of the write itself. */
  write(rep: number): Promise<{ files: string[]; m: Measured; note?: string | undefined }>;
}

const results: Row[] = [];
/** Progress on stderr, so a long run shows where it is. */
const progress = (what: string) => process.stderr.write(`  … ${what} (load ${load()})\n`);
const root = mkdtempSync(path.join(os.tmpdir(), 'parquet-bench-'));
const instance = await DuckDBInstance.create(':memory:');
const con = await instance.connect();
const BTC = parseInstrument('OKX:BTC/USDT');
const loadBefore = load();
const started = performance.now();

/**
 * Every writer on the same bars, interleaved (run k of each writer before run k + 1 of any), so a
 * change in the machine's load hits them alike; then every result read back through DuckDB, also
 * interleaved, and compared value for value with the input. Medians.
 */
async function compare(data: string, tf: Timeframe, cols: BarColumns): Promise<void> {
  const n = cols.openTime.length;
  const dir = path.join(root, data.replace(/\W+/g, '-'));
  mkdirSync(dir, { recursive: true });
  const file = (name: string, rep: number) => path.join(dir, `${name}-${rep}.parquet`);
  // parquetjs-lite takes about a minute per million rows here: one run on the big set.
  const pqReps = n > 100_000 ? 1 : REPS;
  const contenders: Contender[] = [
    {
      // The archiver's path: merge check against the store, monthly partitions, COPY to a temp
      // name, fsync, rename; a new store each run (opening DuckDB is not timed).
      writer: 'DuckDB COPY, store append (zstd)',
      reps: REPS,
      async write(rep) {
        const sroot = path.join(dir, `store-${rep}`);
        const store = await ParquetStore.open(sroot);
        try {
          const [res, m] = await measure(() => store.append(BTC, tf, cols));
          const files = readdirSync(sroot, { recursive: true, withFileTypes: true })
            .filter((e) => e.isFile() && e.name.endsWith('.parquet'))
            .map((e) => path.join(e.parentPath, e.name))
            .sort();
          return { files, m, note: `${res.partitions.length} monthly partitions` };
        } finally {
          await store.close();
        }
      },
    },
    ...['zstd', 'snappy'].map(
      (codec): Contender => ({
        writer: `DuckDB COPY, raw one file (${codec})`,
        reps: REPS,
        async write(rep) {
          const f = file(`duck-${codec}`, rep);
          const [, m] = await measure(() => duckWrite(con, cols, f, codec));
          return { files: [f], m };
        },
      }),
    ),
    ...(pq
      ? ['SNAPPY', 'GZIP'].map(
          (codec): Contender => ({
            writer: `parquetjs-lite, one file (${codec.toLowerCase()})`,
            reps: pqReps,
            async write(rep) {
              const f = file(`pq-${codec}`, rep);
              const [, m] = await measure(() => pqWrite(cols, f, codec));
              return { files: [f], m, note: pqReps === 1 ? '1 write run' : undefined };
            },
          }),
        )
      : []),
  ];

  const writes = contenders.map(() => [] as Measured[]);
  const outputs: ({ files: string[]; note?: string | undefined } | Error)[] = contenders.map(
    () => new Error('not run'),
  );
  for (let rep = 0; rep < REPS; rep++) {
    for (const [i, c] of contenders.entries()) {
      if (rep >= c.reps || (outputs[i] instanceof Error && rep > 0)) continue;
      try {
        const out = await c.write(rep);
        writes[i]!.push(out.m);
        if (rep === 0) outputs[i] = out;
      } catch (e) {
        outputs[i] = e as Error;
      }
      progress(`${data}: write ${rep + 1}/${c.reps} ${c.writer}`);
    }
  }
  const reads = contenders.map(() => [] as Measured[]);
  const same = contenders.map(() => true);
  const readErrors: (string | undefined)[] = contenders.map(() => undefined);
  for (let rep = 0; rep < Math.max(REPS, 3); rep++) {
    for (const [i] of contenders.entries()) {
      const out = outputs[i]!;
      if (out instanceof Error || readErrors[i]) continue;
      try {
        const [cols2, m] = await measure(() => duckRead(con, out.files));
        reads[i]!.push(m);
        same[i] = same[i]! && sameBars(cols2, cols);
      } catch (e) {
        readErrors[i] = `DuckDB cannot read it: ${(e as Error).message.split('\n')[0]}`;
      }
    }
    progress(`${data}: read-back ${rep + 1}`);
  }

  for (const [i, c] of contenders.entries()) {
    const out = outputs[i]!;
    const med = (xs: Measured[], k: keyof Measured) => (xs.length ? median(xs.map((x) => x[k])) : Number.NaN);
    if (out instanceof Error) {
      results.push({
        data,
        writer: c.writer,
        rows: n,
        runs: 0,
        writeS: Number.NaN,
        writeCpuS: Number.NaN,
        bytes: Number.NaN,
        files: 0,
        readS: Number.NaN,
        readCpuS: Number.NaN,
        ok: false,
        note: `failed: ${out.message}`,
      });
      continue;
    }
    let note = [out.note, readErrors[i]].filter(Boolean).join('; ');
    if (c.writer.startsWith('parquetjs') && n <= 100_000) {
      const [own, m] = await measure(() => pqRead(out.files[0]!));
      note = [note, `its own row reader ${fmt(m.wallS * 1000)} ms${own === n ? '' : ` (${own} rows!)`}`]
        .filter(Boolean)
        .join('; ');
    }
    results.push({
      data,
      writer: c.writer,
      rows: n,
      runs: writes[i]!.length,
      writeS: med(writes[i]!, 'wallS'),
      writeCpuS: med(writes[i]!, 'cpuS'),
      bytes: out.files.reduce((acc, f) => acc + statSync(f).size, 0),
      files: out.files.length,
      readS: med(reads[i]!, 'wallS'),
      readCpuS: med(reads[i]!, 'cpuS'),
      ok: same[i]! && !readErrors[i],
      note: note || undefined,
    });
  }
}

const real = await readCsvBars(bundledData('ohlcv/binance_BTC-USDT_15m_2024-2025.csv.gz'));
await compare('real BTC 15m 2024-25', '15m', real);
const synthetic = syntheticBars(SYNTH_ROWS, Date.UTC(2023, 0, 1));
await compare(`synthetic 1m x ${fmt(SYNTH_ROWS)}`, '1m', synthetic);

// Small files, as the archiver writes them: a 300-bar backfill window, and one live bar per close.
interface Small {
  what: string;
  writer: string;
  msPerFile: number;
  bytesPerFile: number;
}
const small: Small[] = [];
for (const size of [300, 1]) {
  const part = head(real, size);
  const dir = path.join(root, `small-${size}`);
  mkdirSync(dir, { recursive: true });
  const writers: [string, (f: string) => Promise<void>][] = [
    ['DuckDB COPY (zstd)', (f) => duckWrite(con, part, f, 'zstd')],
  ];
  if (pq) writers.push(['parquetjs-lite (snappy)', (f) => pqWrite(part, f, 'SNAPPY')]);
  const times = writers.map(() => [] as number[]);
  const bytes = writers.map(() => 0);
  for (let k = 0; k < SMALL_FILES; k++) {
    for (const [i, [name, write]] of writers.entries()) {
      const f = path.join(dir, `${name.replace(/\W+/g, '-')}-${k}.parquet`);
      const [, m] = await measure(() => write(f));
      times[i]!.push(m.wallS);
      bytes[i]! += statSync(f).size;
    }
  }
  for (const [i, [writer]] of writers.entries()) {
    small.push({
      what: `${size} bar${size > 1 ? 's' : ''}`,
      writer,
      msPerFile: median(times[i]!) * 1000,
      bytesPerFile: bytes[i]! / SMALL_FILES,
    });
  }
  progress(`small files of ${size}`);
}

// The store itself: the figures the issue asks for, on the synthetic series (one symbol, 1M bars).
const storeRoot = path.join(root, 'store-figures');
const store = await ParquetStore.open(storeRoot);
const [appended, appendS] = await timed(() => store.append(BTC, '1m', synthetic));
const reads: number[] = [];
let loaded = 0;
for (let k = 0; k < Math.max(REPS, 5); k++) {
  const [c, s] = await timed(() => store.read(BTC, '1m'));
  loaded = c.openTime.length;
  reads.push(s);
}
const info = (await store.list()).find((x) => x.tf === '1m')!;
await store.append(BTC, '15m', real);
const realInfo = (await store.list()).find((x) => x.tf === '15m')!;
const [, realReadS] = await timed(() => store.read(BTC, '15m'));
await store.close();

// ---- report ------------------------------------------------------------------------------------

const elapsed = (performance.now() - started) / 1000;
console.log(
  `parquet bench: node ${process.version}, ${os.cpus().length} cpus (${os.cpus()[0]?.model ?? '?'}), ` +
    `load average ${loadBefore} at start, ${load()} at end, ${fmt(elapsed, 1)} s`,
);
console.log(
  '  medians; writes interleaved across writers, each ending fsynced; read = read_parquet of the written file(s) ' +
    'into Float64Arrays through DuckDB, compared value for value with the input (same); CPU = all threads',
);
if (pqProblem) console.log(`!! ${pqProblem}`);
const table = [
  [
    'data',
    'writer',
    'rows',
    'runs',
    'write s',
    'write CPU s',
    'write rows/s',
    'bytes',
    'B/bar',
    'files',
    'read ms',
    'read CPU ms',
    'read rows/s',
    'same',
    'note',
  ],
  ...results.map((r) => [
    r.data,
    r.writer,
    fmt(r.rows),
    String(r.runs),
    fmt(r.writeS, 3),
    fmt(r.writeCpuS, 3),
    fmt(r.rows / r.writeS),
    fmt(r.bytes),
    fmt(r.bytes / r.rows, 1),
    String(r.files),
    fmt(r.readS * 1000, 1),
    fmt(r.readCpuS * 1000, 1),
    fmt(r.rows / r.readS),
    r.ok ? 'yes' : 'NO',
    r.note ?? '',
  ]),
];
const widths = table[0]!.map((_, c) => Math.max(...table.map((row) => row[c]!.length)));
for (const [i, row] of table.entries()) {
  console.log(
    `  ${row.map((cell, c) => (c < 2 || c === 14 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ')}`,
  );
  if (i === 0) console.log(`  ${widths.map((w) => '-'.repeat(w)).join('  ')}`);
}
console.log(`\nsmall files, ${SMALL_FILES} each, interleaved, median ms per file (the archiver's batches):`);
for (const s of small) {
  console.log(
    `  ${s.what.padEnd(8)} ${s.writer.padEnd(24)} ${fmt(s.msPerFile, 2).padStart(7)} ms/file  ${fmt(s.bytesPerFile).padStart(6)} B/file`,
  );
}
console.log('\nParquetStore (DuckDB, zstd, monthly partitions):');
console.log(
  `  append ${fmt(SYNTH_ROWS)} 1m bars to a new store: ${fmt(appendS, 2)} s = ${fmt(appended.written / appendS)} rows/s (${appended.partitions.length} partitions)`,
);
console.log(
  `  load all ${fmt(loaded)} bars of one symbol into Float64Arrays: median ${fmt(median(reads) * 1000)} ms, best ${fmt(Math.min(...reads) * 1000)} ms = ${fmt(loaded / median(reads))} rows/s (target < 500 ms)`,
);
console.log(
  `  bytes per bar: ${fmt(info.bytes / info.rows, 1)} (synthetic 1m), ${fmt(realInfo.bytes / realInfo.rows, 1)} (real BTC 15m, ${realInfo.partitions} monthly files)`,
);
console.log(`  read real BTC 15m (${fmt(realInfo.rows)} bars): ${fmt(realReadS * 1000, 1)} ms`);

// ---- the choice ----------------------------------------------------------------------------------

const at = (data: string, writer: string) =>
  results.find((r) => r.data.startsWith(data) && r.writer.startsWith(writer));
const lines: string[] = [];
let verdict = 'DuckDB COPY (kept)';
for (const data of ['real', 'synthetic']) {
  const duck = at(data, 'DuckDB COPY, raw one file (zstd)');
  for (const codec of ['snappy', 'gzip']) {
    const lite = at(data, `parquetjs-lite, one file (${codec})`);
    if (!duck || !lite || !Number.isFinite(lite.writeS)) continue;
    lines.push(
      `${data}: parquetjs-lite (${codec}) against DuckDB COPY (zstd): write ${fmt(lite.writeS / duck.writeS, 1)}x the time ` +
        `(${fmt(lite.writeCpuS / duck.writeCpuS, 1)}x the CPU), file ${fmt(lite.bytes / duck.bytes, 2)}x the size, ` +
        `read back through DuckDB ${fmt(lite.readS / duck.readS, 1)}x the time (${fmt(lite.readCpuS / duck.readCpuS, 1)}x the CPU)`,
    );
    if (lite.writeS < duck.writeS && lite.writeCpuS < duck.writeCpuS && lite.bytes <= duck.bytes && lite.ok)
      verdict = `parquetjs-lite (${codec})`;
  }
}
if (!pq) lines.push('parquetjs-lite could not be measured (see above)');
if (results.some((r) => !r.ok && Number.isFinite(r.writeS)))
  lines.push('!! a writer produced data that does not read back equal');
console.log(`\nchoice: ${verdict}`);
for (const l of lines) console.log(`  ${l}`);

con.closeSync();
instance.closeSync();
rmSync(root, { recursive: true, force: true });
if (results.some((r) => !r.ok && r.writer.startsWith('DuckDB'))) process.exitCode = 1;
