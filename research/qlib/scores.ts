/**
 * Reads the prediction table a Qlib workflow records (`pred.pkl` as a DataFrame indexed by
 * datetime and instrument with a `score` column; written out with `pred.to_csv()` or
 * `pred.reset_index().to_parquet()`), and turns it into `topk_dropout` parameters.
 */
import { AlgoError, ErrorCode, formatInstrument, type Instrument } from '@algotrader/core';
import { DuckDBInstance } from '@duckdb/node-api';
import { readText } from './calendar-file';
import { parseCalendarTime, qlibNames } from './names';

/** One prediction: Qlib's datetime (naive, read as UTC), Qlib's instrument name, the score (NaN allowed). */
export interface QlibScore {
  readonly time: number;
  readonly instrument: string;
  readonly score: number;
}

const NUMBER = /^\s*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?\s*$/;

function bad(source: string, where: string, why: string): AlgoError {
  return new AlgoError(ErrorCode.InvalidData, `${source}${where}: ${why}`);
}

/** A score cell: a number, or empty / NaN / nan (pandas writes NaN as an empty field). */
function parseScore(raw: string): number | undefined {
  const s = raw.trim();
  if (s === '' || s.toLowerCase() === 'nan') return Number.NaN;
  return NUMBER.test(s) ? Number(s) : undefined;
}

/** CSV with a header naming datetime, instrument and score (any order, other columns ignored). */
export function parseScoreCsv(text: string, source: string): QlibScore[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = lines[0]!.split(',').map((s) => s.trim().toLowerCase());
  const cols = ['datetime', 'instrument', 'score'].map((c) => header.indexOf(c));
  if (cols.some((c) => c < 0)) {
    throw bad(source, ':1', `header "${lines[0]}" must name datetime, instrument and score`);
  }
  const [dc, ic, sc] = cols as [number, number, number];
  const out: QlibScore[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '') continue;
    const f = line.split(',');
    if (f.length !== header.length) {
      throw bad(source, `:${i + 1}`, `expected ${header.length} fields, got ${f.length}`);
    }
    const time = parseCalendarTime(f[dc]!);
    if (time === undefined) throw bad(source, `:${i + 1}`, `bad datetime "${f[dc]}"`);
    const instrument = f[ic]!.trim();
    if (instrument === '') throw bad(source, `:${i + 1}`, 'empty instrument');
    const score = parseScore(f[sc]!);
    if (score === undefined) throw bad(source, `:${i + 1}`, `bad score "${f[sc]}"`);
    out.push({ time, instrument, score });
  }
  return checkUnique(out, source);
}

function checkUnique(rows: QlibScore[], source: string): QlibScore[] {
  const seen = new Set<string>();
  for (const r of rows) {
    const key = `${r.time}|${r.instrument}`;
    if (seen.has(key)) {
      throw bad(
        source,
        '',
        `two scores for ${r.instrument} at ${new Date(r.time).toISOString()} (one per datetime and instrument)`,
      );
    }
    seen.add(key);
  }
  if (rows.length === 0) throw bad(source, '', 'no scores');
  return rows;
}

/** Parquet with columns datetime (timestamp or text), instrument, score, read through DuckDB. */
export async function readScoreParquet(path: string): Promise<QlibScore[]> {
  const instance = await DuckDBInstance.create(':memory:');
  const con = await instance.connect();
  try {
    const escaped = path.replaceAll("'", "''");
    let reader: Awaited<ReturnType<typeof con.runAndReadAll>>;
    try {
      // strftime on a naive TIMESTAMP keeps the wall time: no session time zone is involved.
      reader = await con.runAndReadAll(
        `SELECT strftime(CAST(datetime AS TIMESTAMP), '%Y-%m-%d %H:%M:%S') AS dt,
                CAST(instrument AS VARCHAR) AS instrument, CAST(score AS DOUBLE) AS score
           FROM read_parquet('${escaped}')`,
      );
    } catch (e) {
      throw new AlgoError(
        ErrorCode.InvalidData,
        `${path}: cannot read datetime, instrument, score: ${(e as Error).message}`,
        {},
        { cause: e },
      );
    }
    const out: QlibScore[] = [];
    reader.getRowsJS().forEach((row, i) => {
      const [dt, instrument, score] = row as [string | null, string | null, number | null];
      const time = dt === null ? undefined : parseCalendarTime(dt);
      if (time === undefined) throw bad(path, ` row ${i + 1}`, `bad datetime ${dt}`);
      if (instrument === null || instrument === '') throw bad(path, ` row ${i + 1}`, 'empty instrument');
      out.push({ time, instrument, score: score ?? Number.NaN });
    });
    return checkUnique(out, path);
  } finally {
    con.closeSync();
    instance.closeSync();
  }
}

/** Reads a score file by its extension: `.parquet`, else CSV (plain or gzip). */
export async function readScores(path: string): Promise<QlibScore[]> {
  if (path.toLowerCase().endsWith('.parquet')) return readScoreParquet(path);
  return parseScoreCsv(await readText(path), path);
}

/** The `scores` parameter of `topk_dropout`: our instrument names, NaN as null (JSON has no NaN). */
export interface TopkScoreRow {
  readonly time: number;
  readonly instrument: string;
  readonly score: number | null;
}

/**
 * Maps Qlib names to the universe's instruments (the same naming the exporter uses). A name outside
 * the universe is an error unless `dropUnknown`, since the strategy could not trade it.
 */
export function toTopkScores(
  scores: readonly QlibScore[],
  universe: readonly Instrument[],
  options: { readonly dropUnknown?: boolean } = {},
): { rows: TopkScoreRow[]; dropped: string[] } {
  const names = qlibNames(universe);
  const rows: TopkScoreRow[] = [];
  const dropped = new Set<string>();
  for (const s of scores) {
    const inst = names.get(s.instrument.toUpperCase());
    if (!inst) {
      dropped.add(s.instrument);
      continue;
    }
    rows.push({
      time: s.time,
      instrument: formatInstrument(inst),
      score: Number.isNaN(s.score) ? null : s.score,
    });
  }
  if (dropped.size > 0 && !options.dropUnknown) {
    const list = [...dropped].slice(0, 10).join(', ');
    throw new AlgoError(
      ErrorCode.InvalidData,
      `scores name instruments outside the universe: ${list}${dropped.size > 10 ? ', …' : ''} (universe: ${[...names.keys()].join(', ')})`,
    );
  }
  return { rows, dropped: [...dropped] };
}
