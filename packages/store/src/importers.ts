import { isAscii } from 'node:buffer';
import { readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { AlgoError, type BarColumns, ErrorCode } from '@algotrader/core';

const COLUMNS = ['ts', 'open', 'high', 'low', 'close', 'volume'] as const;
const TS_ALIASES = new Set(['ts', 'timestamp', 'time', 'date', 'open_time']);
const NUMBER = /^\s*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?\s*$/;
const INTEGER_MS = /^\d+$/;
const ISO = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?))?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * Reads an OHLCV CSV (plain or gzip, detected by content) with a header naming
 * ts,open,high,low,close,volume in any order (`timestamp`/`date`/`time`/`open_time` also name ts).
 * `ts` is the bar open time: integer milliseconds UTC, or an ISO date (no zone means UTC).
 * Rows are returned in file order; ordering and grid checks are {@link validateBars}'s job.
 * Any malformed row throws `AlgoError(InvalidData)` naming the file and 1-based line; nothing is skipped
 * except empty lines.
 */
export async function readCsvBars(path: string): Promise<BarColumns> {
  return parseCsvInput(await readBytes(path), path);
}

/**
 * {@link readCsvBars}, plus the 1-based file line of every row (`lines[i]` for row `i`), so that an
 * importer can name the line of each row it refuses.
 */
export async function readCsvBarsWithLines(path: string): Promise<{ cols: BarColumns; lines: number[] }> {
  const lines: number[] = [];
  const cols = parseCsvInput(await readBytes(path), path, lines);
  return { cols, lines };
}

/**
 * {@link readCsvBars} on text already in memory; `source` names it in errors. When `lines` is given,
 * the 1-based line of each row returned is pushed onto it.
 */
export function parseCsvBars(text: string, source: string, lines?: number[]): BarColumns {
  const firstBreak = text.indexOf('\n');
  const header = (firstBreak < 0 ? text : text.slice(0, firstBreak)).replace(/^\uFEFF/, '').trim();
  const names = header.split(',').map((s) => s.trim().toLowerCase());
  const index = COLUMNS.map((col) => names.findIndex((n) => (col === 'ts' ? TS_ALIASES.has(n) : n === col)));
  if (index.some((i) => i < 0)) {
    throw dataError(source, 1, `header "${header}" must name ts,open,high,low,close,volume`);
  }
  if (firstBreak < 0) return growable(0).done();
  const cols = growable(countLines(text, firstBreak + 1));
  const row = new Float64Array(6);
  const width = names.length;
  // For each field position, the column it fills (-1: a column this reader ignores).
  const slot = new Int8Array(width).fill(-1);
  for (let c = 0; c < 6; c++) slot[index[c]!] = c;
  const n = text.length;
  let lineNo = 1;
  for (let pos = firstBreak + 1; pos < n; ) {
    lineNo++;
    let end = text.indexOf('\n', pos);
    if (end < 0) end = n;
    if (!fastCsvRow(text, pos, end, slot, row)) {
      // Anything but plain digits (blanks, signs, exponents, ISO dates, a bad row): the general path.
      let line = text.slice(pos, end);
      if (line.endsWith('\r')) line = line.slice(0, -1);
      if (line.trim() !== '') {
        const fields = line.split(',');
        const problem = fields.length === width ? parseCsvRow(fields, index, row) : -1;
        if (problem !== 0) throw csvRowError(source, lineNo, line, fields, problem, index);
        cols.push(row);
        lines?.push(lineNo);
      }
    } else {
      cols.push(row);
      lines?.push(lineNo);
    }
    pos = end + 1;
  }
  return cols.done();
}

/**
 * A file's bytes as {@link parseCsvBars} reads them: ASCII (every bundled file) is read straight
 * from the bytes, with no string made of the whole file (a 45k-row file is a 3 MB string otherwise,
 * and ten of them put 30 MB on the heap for the collector to walk); anything else is decoded as UTF-8.
 */
function parseCsvInput(bytes: Buffer, source: string, lines?: number[]): BarColumns {
  return isAscii(bytes)
    ? parseCsvBytes(bytes, source, lines)
    : parseCsvBars(bytes.toString('utf8'), source, lines);
}

/**
 * {@link parseCsvBars} on ASCII bytes: the same columns, the same errors on the same lines. Plain
 * rows are read from the bytes; any other line is decoded and takes the string path's general reader.
 */
export function parseCsvBytes(bytes: Buffer, source: string, lines?: number[]): BarColumns {
  const n = bytes.length;
  const firstBreak = bytes.indexOf(10);
  if (firstBreak < 0) return parseCsvBars(bytes.toString('latin1'), source, lines);
  const header = bytes
    .toString('latin1', 0, firstBreak)
    .replace(/^\uFEFF/, '')
    .trim();
  const names = header.split(',').map((s) => s.trim().toLowerCase());
  const index = COLUMNS.map((col) => names.findIndex((n) => (col === 'ts' ? TS_ALIASES.has(n) : n === col)));
  if (index.some((i) => i < 0)) {
    throw dataError(source, 1, `header "${header}" must name ts,open,high,low,close,volume`);
  }
  let rows = n > firstBreak + 1 && bytes[n - 1] !== 10 ? 1 : 0;
  for (let i = bytes.indexOf(10, firstBreak + 1); i >= 0; i = bytes.indexOf(10, i + 1)) rows++;
  const cols = growable(rows);
  const row = new Float64Array(6);
  const width = names.length;
  const slot = new Int8Array(width).fill(-1);
  for (let c = 0; c < 6; c++) slot[index[c]!] = c;
  let lineNo = 1;
  for (let pos = firstBreak + 1; pos < n; ) {
    lineNo++;
    const next = fastCsvRowBytes(bytes, pos, slot, row);
    if (next >= 0) {
      cols.push(row);
      lines?.push(lineNo);
      pos = next;
      continue;
    }
    let end = bytes.indexOf(10, pos);
    if (end < 0) end = n;
    let line = bytes.toString('latin1', pos, end);
    if (line.endsWith('\r')) line = line.slice(0, -1);
    if (line.trim() !== '') {
      const fields = line.split(',');
      const problem = fields.length === width ? parseCsvRow(fields, index, row) : -1;
      if (problem !== 0) throw csvRowError(source, lineNo, line, fields, problem, index);
      cols.push(row);
      lines?.push(lineNo);
    }
    pos = end + 1;
  }
  return cols.done();
}

/**
 * {@link fastCsvRow} on bytes, finding the line's end as it goes: the position after the row's
 * line break (or the end of the bytes), or -1 for a row it does not read (the caller then takes
 * the general path). A line ends at `\n`, `\r\n`, or a `\r` or nothing at the very end, as there.
 */
function fastCsvRowBytes(bytes: Buffer, start: number, slot: Int8Array, row: Float64Array): number {
  const n = bytes.length;
  const last = slot.length - 1;
  let p = start;
  for (let f = 0; f <= last; f++) {
    const c = slot[f]!;
    const from = p;
    let mantissa = 0;
    let digits = 0;
    let fraction = -1;
    for (; p < n; p++) {
      const ch = bytes[p]!;
      if (ch >= 48 && ch <= 57) {
        mantissa = mantissa * 10 + (ch - 48);
        digits++;
        if (fraction >= 0) fraction++;
      } else if (ch === 46 && fraction < 0 && c !== 0) {
        fraction = 0;
      } else {
        break;
      }
    }
    if (digits === 0) return -1;
    if (c >= 0) {
      if (digits > 15) {
        if (c === 0) return -1;
        row[c] = Number(bytes.toString('latin1', from, p));
      } else {
        row[c] = fraction > 0 ? mantissa / POW10[fraction]! : mantissa;
      }
    }
    if (f < last) {
      if (p >= n || bytes[p] !== 44) return -1;
      p++;
    } else {
      // The last field ends the line: at the end, at \n, or at one \r before \n or the end.
      if (p === n) return n;
      if (bytes[p] === 10) return p + 1;
      if (bytes[p] === 13 && (p + 1 === n || bytes[p + 1] === 10)) return Math.min(p + 2, n);
      return -1;
    }
  }
  return -1;
}

/** Lines from `from` on, a last line without a newline included: the rows, when none is blank. */
function countLines(text: string, from: number): number {
  let count = text.length > from && !text.endsWith('\n') ? 1 : 0;
  for (let i = text.indexOf('\n', from); i >= 0; i = text.indexOf('\n', i + 1)) count++;
  return count;
}

/** Exact powers of ten (every one up to 1e22 is a double without rounding). */
const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k);

/**
 * The common row — unsigned integer ms, then plain decimals like `27123.45` — read straight from the
 * text without splitting it. Returns false for anything else (the caller then takes the general
 * path, which accepts and rejects exactly as before). Same numbers as `Number(field)`: a decimal of
 * at most 15 digits is its digits (an exact integer) divided by an exact power of ten, one
 * correctly rounded division; longer ones go through `Number` itself.
 */
function fastCsvRow(text: string, start: number, end: number, slot: Int8Array, row: Float64Array): boolean {
  if (end > start && text.charCodeAt(end - 1) === 13) end--;
  let p = start;
  for (let f = 0; f < slot.length; f++) {
    const c = slot[f]!;
    const from = p;
    let mantissa = 0;
    let digits = 0;
    let fraction = -1;
    for (; p < end; p++) {
      const ch = text.charCodeAt(p);
      if (ch >= 48 && ch <= 57) {
        mantissa = mantissa * 10 + (ch - 48);
        digits++;
        if (fraction >= 0) fraction++;
      } else if (ch === 46 && fraction < 0 && c !== 0) {
        fraction = 0;
      } else {
        break;
      }
    }
    if (digits === 0) return false;
    if (f === slot.length - 1 ? p !== end : p >= end || text.charCodeAt(p) !== 44) return false;
    if (c >= 0) {
      if (digits > 15) {
        if (c === 0) return false;
        row[c] = Number(text.slice(from, p));
      } else {
        row[c] = fraction > 0 ? mantissa / POW10[fraction]! : mantissa;
      }
    }
    p++;
  }
  return true;
}

/** Fills `row`; returns 0, or the 1-based column (in COLUMNS order) that failed. Kept free of string building. */
function parseCsvRow(fields: readonly string[], index: readonly number[], row: Float64Array): number {
  const ts = parseTimestamp(fields[index[0]!]!);
  if (ts === undefined) return 1;
  row[0] = ts;
  for (let c = 1; c < 6; c++) {
    const raw = fields[index[c]!]!;
    if (!NUMBER.test(raw)) return c + 1;
    row[c] = Number(raw);
  }
  return 0;
}

function csvRowError(
  source: string,
  line: number,
  text: string,
  fields: readonly string[],
  problem: number,
  index: readonly number[],
): AlgoError {
  if (problem < 0) {
    return dataError(source, line, `expected ${index.length} fields, got ${fields.length}: "${clip(text)}"`);
  }
  const col = COLUMNS[problem - 1]!;
  const value = fields[index[problem - 1]!]!;
  return dataError(source, line, `bad ${col === 'ts' ? 'timestamp' : col} "${value}": "${clip(text)}"`);
}

/**
 * Reads freqtrade's OHLCV JSON (`[[ts_ms, open, high, low, close, volume], ...]`, plain or gzip).
 * A malformed row throws `AlgoError(InvalidData)` naming the file, the line and the row number.
 */
export async function readFreqtradeJson(path: string): Promise<BarColumns> {
  const text = await readText(path);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new AlgoError(
      ErrorCode.InvalidData,
      `${path}: not valid JSON: ${(e as Error).message}`,
      { path },
      { cause: e },
    );
  }
  if (!Array.isArray(data)) {
    throw dataError(path, 1, 'expected a JSON array of [ts, open, high, low, close, volume] rows');
  }
  const cols = growable(data.length);
  for (let r = 0; r < data.length; r++) {
    const row: unknown = data[r];
    const problem = freqtradeRowProblem(row);
    if (problem !== undefined) {
      throw dataError(path, lineOfElement(text, r), `row ${r + 1}: ${problem}: ${clip(JSON.stringify(row))}`);
    }
    const fields = row as readonly unknown[];
    const ts = typeof fields[0] === 'number' ? fields[0] : parseTimestamp(fields[0] as string)!;
    cols.push([ts, ...(fields.slice(1, 6) as number[])]);
  }
  return cols.done();
}

function freqtradeRowProblem(row: unknown): string | undefined {
  if (!Array.isArray(row) || row.length !== 6) return 'expected an array of 6 values';
  const ts: unknown = row[0];
  if (typeof ts === 'number') {
    if (!Number.isInteger(ts) || ts < 0) return `bad timestamp ${ts}`;
  } else if (typeof ts !== 'string' || parseTimestamp(ts) === undefined) {
    return `bad timestamp ${JSON.stringify(ts)}`;
  }
  for (let c = 1; c < 6; c++) {
    const v: unknown = row[c];
    if (typeof v !== 'number' || !Number.isFinite(v)) return `bad ${COLUMNS[c]} ${JSON.stringify(v)}`;
  }
  return undefined;
}

async function readText(path: string): Promise<string> {
  const bytes = await readBytes(path);
  // ASCII (every bundled file) decodes as latin1 to the same string, about twice as fast.
  return isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
}

/** A file's bytes, gunzipped when they are gzip (detected by content). */
async function readBytes(path: string): Promise<Buffer> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (e) {
    throw new AlgoError(
      ErrorCode.NotFound,
      `cannot read ${path}: ${(e as Error).message}`,
      { path },
      { cause: e },
    );
  }
  if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      bytes = gunzipSync(bytes, { chunkSize: gunzipChunk(bytes) });
    } catch (e) {
      throw new AlgoError(
        ErrorCode.InvalidData,
        `${path}: corrupt gzip: ${(e as Error).message}`,
        { path },
        { cause: e },
      );
    }
  }
  return bytes;
}

/**
 * One output buffer of the size the gzip trailer states, so the output is not 16 KiB chunks copied
 * together at the end (~5 ms per MB). Only a hint: the trailer holds the size mod 2³² and may lie
 * (bounded by deflate's ~1032:1 ratio and 256 MiB); a larger output still comes out whole.
 */
function gunzipChunk(gz: Buffer): number {
  if (gz.length < 18) return 64 * 1024;
  return Math.max(64, Math.min(gz.readUInt32LE(gz.length - 4) + 1, gz.length * 1032, 2 ** 28));
}

/** Integer ms, or an ISO date/date-time; a date-time without a zone is read as UTC. */
export function parseTimestamp(raw: string): number | undefined {
  const s = raw.trim();
  if (INTEGER_MS.test(s)) return Number(s);
  const m = ISO.exec(s);
  if (!m) return undefined;
  const zone = m[3] === undefined ? 'Z' : m[3].length === 5 ? `${m[3].slice(0, 3)}:${m[3].slice(3)}` : m[3];
  const iso = `${m[1]}T${m[2] ?? '00:00'}${zone}`;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? undefined : ms;
}

function dataError(path: string, line: number, message: string): AlgoError {
  return new AlgoError(ErrorCode.InvalidData, `${path}:${line}: ${message}`, { path, line });
}

function clip(s: string): string {
  return s.length > 120 ? `${s.slice(0, 117)}...` : s;
}

/** 1-based line on which the `k`-th element of the top-level JSON array starts (error path only). */
function lineOfElement(text: string, k: number): number {
  let line = 1;
  let depth = 0;
  let seen = -1;
  let inString = false;
  let expectElement = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '\n') {
      line++;
      continue;
    }
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
      continue;
    }
    if (expectElement && !/\s/.test(ch) && ch !== ']') {
      expectElement = false;
      seen++;
      if (seen === k) return line;
    }
    if (ch === '"') inString = true;
    else if (ch === '[' || ch === '{') {
      depth++;
      if (depth === 1) expectElement = true;
    } else if (ch === ']' || ch === '}') depth--;
    else if (ch === ',' && depth === 1) expectElement = true;
  }
  return line;
}

interface Growable {
  push(row: ArrayLike<number>): void;
  done(): BarColumns;
}

function growable(capacity: number): Growable {
  let cap = Math.max(16, capacity);
  let n = 0;
  let arrays = Array.from({ length: 6 }, () => new Float64Array(cap));
  return {
    push(row) {
      if (n === cap) {
        cap *= 2;
        arrays = arrays.map((a) => {
          const b = new Float64Array(cap);
          b.set(a);
          return b;
        });
      }
      for (let c = 0; c < 6; c++) arrays[c]![n] = row[c]!;
      n++;
    },
    done() {
      // Sized exactly from the line count (no blank lines): the arrays as they are, not a copy.
      const [openTime, open, high, low, close, volume] = arrays.map((a) =>
        a.length === n ? a : a.slice(0, n),
      ) as [Float64Array, Float64Array, Float64Array, Float64Array, Float64Array, Float64Array];
      return { openTime, open, high, low, close, volume };
    },
  };
}
