/**
 * Loads the bars a research command runs on, from what `--data` names: a CSV file, a directory or
 * glob of CSV files named like the shared data set, a Parquet file (or glob), or `store`.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { BacktestData, InstrumentData } from '@algotrader/backtest';
import {
  AlgoError,
  type BarColumns,
  type CashDividend,
  ErrorCode,
  emptyColumns,
  formatInstrument,
  type Instrument,
  instrument,
  isTimeframe,
  parseTimeframe,
  type Timeframe,
  type TradingCalendar,
} from '@algotrader/core';
// CSV sources need neither DuckDB nor the store: those load only for Parquet and `store` sources.
import { readCsvBars } from '@algotrader/store/csv';

export interface MarketRequest {
  /** A CSV(.gz) file, a directory or glob of `<venue>_<BASE>-<QUOTE>_<tf>_*.csv[.gz]`, a Parquet file or glob, or `store`. */
  readonly data: string;
  /** `BTC/USDT` or `BINANCE:BTC/USDT`; empty: every symbol the source has for the timeframe. */
  readonly symbols: readonly string[];
  /** Required unless the file names say it. */
  readonly timeframe?: Timeframe;
  /** Open times in [from, to), ms UTC. */
  readonly from?: number;
  readonly to?: number;
  /** The store's root, for `store`. */
  readonly dataDir: string;
  /** Relative paths are resolved against it (default: the process's). */
  readonly cwd?: string;
}

export interface Market {
  readonly data: BacktestData;
  /** What was read, for the report: file paths or `store:<dir>`. */
  readonly sources: readonly string[];
  /** The market's session calendar (the bundled US files: NYSE); absent: 24/7. */
  readonly calendar?: TradingCalendar;
  /** What was done to the data on the way in (adjustments, hours, alignment), to be stated with the result. */
  readonly notes?: readonly string[];
  /** Cash dividends to credit (US files whose prices are not dividend-adjusted). */
  readonly dividends?: readonly CashDividend[];
}

/** A requested symbol; the venue is optional (the file name or the store supplies it). */
export interface SymbolRef {
  readonly venue?: string;
  readonly base: string;
  readonly quote: string;
  readonly text: string;
}

export function parseSymbol(text: string): SymbolRef {
  const m = /^(?:([A-Za-z0-9]+):)?([A-Za-z0-9]+)[/-]([A-Za-z0-9]+)$/.exec(text.trim());
  if (!m) {
    throw new AlgoError(
      ErrorCode.InvalidInstrument,
      `cannot read symbol "${text}": expected BASE/QUOTE or VENUE:BASE/QUOTE, e.g. BTC/USDT`,
    );
  }
  return {
    ...(m[1] === undefined ? {} : { venue: m[1].toUpperCase() }),
    base: m[2]!.toUpperCase(),
    quote: m[3]!.toUpperCase(),
    text: text.trim(),
  };
}

function matches(ref: SymbolRef, i: Instrument): boolean {
  return ref.base === i.base && ref.quote === i.quote && (ref.venue === undefined || ref.venue === i.venue);
}

/** `binance_BTC-USDT_1h_2017-2022.csv.gz`: the shared data naming. */
const DATA_FILE =
  /^([A-Za-z0-9]+)_([A-Za-z0-9]+)-([A-Za-z0-9]+)_([0-9]+[mhd])_(.*?)\.(csv(?:\.gz)?|parquet)$/;

export interface NamedFile {
  readonly path: string;
  readonly instrument: Instrument;
  readonly timeframe: string;
  /** Open times the name says the file covers (years `2017-2022` → 2017-01-01 … 2023-01-01), if it says. */
  readonly covers?: readonly [number, number];
}

export function parseDataFileName(path: string): NamedFile | undefined {
  const m = DATA_FILE.exec(basename(path));
  if (!m) return undefined;
  const years = /^(\d{4})-(\d{4})$/.exec(m[5]!);
  return {
    path,
    instrument: instrument(m[1]!, m[2]!, m[3]!),
    timeframe: m[4]!,
    ...(years ? { covers: [Date.UTC(Number(years[1]), 0, 1), Date.UTC(Number(years[2]) + 1, 0, 1)] } : {}),
  };
}

function notFound(message: string): AlgoError {
  return new AlgoError(ErrorCode.NotFound, message);
}

/** Files of a directory, or matching a glob in its last path segment (`*`, `?`). */
function listFiles(pattern: string): string[] {
  if (existsSync(pattern) && statSync(pattern).isDirectory()) {
    return readdirSync(pattern)
      .sort()
      .map((f) => join(pattern, f));
  }
  const dir = dirname(pattern);
  const glob = basename(pattern);
  if (/[*?[]/.test(dir)) {
    throw new AlgoError(
      ErrorCode.InvalidArgument,
      `--data ${pattern}: only the file name may hold wildcards`,
    );
  }
  if (!existsSync(dir)) throw notFound(`--data ${pattern}: no directory ${dir}`);
  const re = new RegExp(
    `^${glob
      .replace(/[.+^${}()|\\]/g, '\\$&')
      .replaceAll('*', '.*')
      .replaceAll('?', '.')}$`,
  );
  return readdirSync(dir)
    .filter((f) => re.test(f))
    .sort()
    .map((f) => join(dir, f));
}

function isGlob(p: string): boolean {
  return /[*?]/.test(basename(p));
}

/** The rows with open time in [from, to), as fresh arrays. */
export function sliceRange(bars: BarColumns, from = -Infinity, to = Infinity): BarColumns {
  const t = bars.openTime;
  let a = 0;
  while (a < t.length && t[a]! < from) a++;
  let b = a;
  while (b < t.length && t[b]! < to) b++;
  if (a === 0 && b === t.length) return bars;
  return {
    openTime: t.slice(a, b),
    open: bars.open.slice(a, b),
    high: bars.high.slice(a, b),
    low: bars.low.slice(a, b),
    close: bars.close.slice(a, b),
    volume: bars.volume.slice(a, b),
  };
}

/**
 * Several files of one instrument as one ascending series: a repeated open time with the same
 * values is kept once; with different values it is refused, naming the instrument and the time.
 */
export function mergeSeries(name: string, parts: readonly BarColumns[]): BarColumns {
  if (parts.length === 1) return parts[0]!;
  let total = 0;
  for (const p of parts) total += p.openTime.length;
  const rows: [number, number][] = [];
  parts.forEach((p, k) => {
    for (let i = 0; i < p.openTime.length; i++) rows.push([k, i]);
  });
  rows.sort((x, y) => parts[x[0]]!.openTime[x[1]]! - parts[y[0]]!.openTime[y[1]]! || x[0] - y[0]);
  const out = emptyColumns(total);
  const fields = ['openTime', 'open', 'high', 'low', 'close', 'volume'] as const;
  let n = 0;
  for (const [k, i] of rows) {
    const p = parts[k]!;
    if (n > 0 && out.openTime[n - 1] === p.openTime[i]) {
      if (fields.some((f) => out[f][n - 1] !== p[f][i])) {
        throw new AlgoError(
          ErrorCode.InvalidData,
          `${name}: two files hold different bars for open time ${new Date(p.openTime[i]!).toISOString()}`,
        );
      }
      continue;
    }
    for (const f of fields) out[f][n] = p[f][i]!;
    n++;
  }
  return {
    openTime: out.openTime.slice(0, n),
    open: out.open.slice(0, n),
    high: out.high.slice(0, n),
    low: out.low.slice(0, n),
    close: out.close.slice(0, n),
    volume: out.volume.slice(0, n),
  };
}

function requireTimeframe(req: MarketRequest, inferred: readonly string[]): Timeframe {
  if (req.timeframe) return req.timeframe;
  const distinct = [...new Set(inferred)];
  if (distinct.length === 1 && isTimeframe(distinct[0]!)) return parseTimeframe(distinct[0]!);
  throw new AlgoError(
    ErrorCode.InvalidArgument,
    distinct.length > 1
      ? `--data ${req.data} holds several timeframes (${distinct.join(', ')}): choose one with --tf`
      : 'missing --tf (e.g. --tf 1h)',
  );
}

/** Loads the requested bars; see {@link MarketRequest}. */
export async function loadMarket(req: MarketRequest): Promise<Market> {
  const refs = req.symbols.map(parseSymbol);
  if (req.data === 'store') return loadStore(req, refs);
  const path = resolve(req.cwd ?? process.cwd(), req.data);
  const glob = isGlob(path);
  if (!glob && !existsSync(path)) {
    throw notFound(
      `--data ${req.data}: no such file or directory (give a CSV or Parquet file, a directory, or "store")`,
    );
  }
  const isDir = !glob && statSync(path).isDirectory();
  if (path.endsWith('.parquet')) return loadParquet(req, refs, path);
  if (!glob && !isDir) return loadCsvFile(req, refs, path);
  return loadCsvFiles(req, refs, path);
}

function series(
  refsOrder: readonly SymbolRef[],
  found: ReadonlyMap<string, { instrument: Instrument; bars: BarColumns }>,
): InstrumentData[] {
  const all = [...found.values()];
  if (refsOrder.length === 0) {
    return all.sort((a, b) => formatInstrument(a.instrument).localeCompare(formatInstrument(b.instrument)));
  }
  return refsOrder.map((r) => all.find((s) => matches(r, s.instrument))!);
}

async function loadCsvFile(req: MarketRequest, refs: readonly SymbolRef[], path: string): Promise<Market> {
  if (refs.length > 1) {
    throw new AlgoError(
      ErrorCode.InvalidArgument,
      `--data ${req.data} is one file (one symbol) but --symbols names ${refs.length}: give a directory or glob of files`,
    );
  }
  const us = await loadUsFile(req, refs, path);
  if (us) return us;
  const named = parseDataFileName(path);
  const ref = refs[0];
  if (!ref && !named) {
    throw new AlgoError(
      ErrorCode.InvalidArgument,
      `name the symbol of ${basename(path)}: --symbols BTC/USDT (or VENUE:BTC/USDT)`,
    );
  }
  const inst = ref
    ? instrument(ref.venue ?? named?.instrument.venue ?? 'FILE', ref.base, ref.quote)
    : named!.instrument;
  const tf = requireTimeframe(req, named ? [named.timeframe] : []);
  if (named && req.timeframe && named.timeframe !== req.timeframe) {
    throw new AlgoError(
      ErrorCode.InvalidArgument,
      `${basename(path)} holds ${named.timeframe} bars, not ${req.timeframe}: pass --tf ${named.timeframe}`,
    );
  }
  const bars = sliceRange(await readCsvBars(path), req.from, req.to);
  return { data: { timeframe: tf, series: [{ instrument: inst, bars }] }, sources: [path] };
}

async function loadCsvFiles(
  req: MarketRequest,
  refs: readonly SymbolRef[],
  pattern: string,
): Promise<Market> {
  const named = listFiles(pattern)
    .filter((p) => /\.csv(\.gz)?$/.test(p))
    .map(parseDataFileName)
    .filter((f): f is NamedFile => f !== undefined);
  if (named.length === 0) {
    throw notFound(
      `--data ${req.data}: no files named like binance_BTC-USDT_1h_2017-2022.csv.gz (<venue>_<BASE>-<QUOTE>_<tf>_<anything>.csv[.gz])`,
    );
  }
  const wanted = named.filter((f) => refs.length === 0 || refs.some((r) => matches(r, f.instrument)));
  const tf = requireTimeframe(
    req,
    wanted.map((f) => f.timeframe),
  );
  const files = wanted.filter(
    (f) =>
      f.timeframe === tf &&
      (f.covers === undefined ||
        (f.covers[1] > (req.from ?? -Infinity) && f.covers[0] < (req.to ?? Infinity))),
  );
  for (const r of refs) {
    if (!files.some((f) => matches(r, f.instrument))) {
      const have = [
        ...new Set(named.filter((f) => f.timeframe === tf).map((f) => formatInstrument(f.instrument))),
      ];
      throw notFound(
        `--data ${req.data}: no ${tf} file for ${r.text} in the requested range` +
          (have.length ? ` (${tf} files exist for ${have.join(', ')})` : ` (no ${tf} files at all)`),
      );
    }
  }
  if (files.length === 0) throw notFound(`--data ${req.data}: no ${tf} files cover the requested range`);
  const groups = new Map<string, { instrument: Instrument; files: NamedFile[] }>();
  for (const f of files) {
    const key = formatInstrument(f.instrument);
    const g = groups.get(key) ?? { instrument: f.instrument, files: [] };
    g.files.push(f);
    groups.set(key, g);
  }
  const found = new Map<string, { instrument: Instrument; bars: BarColumns }>();
  for (const [key, g] of groups) {
    const parts = await Promise.all(g.files.map((f) => readCsvBars(f.path)));
    found.set(key, {
      instrument: g.instrument,
      bars: sliceRange(mergeSeries(key, parts), req.from, req.to),
    });
  }
  return { data: { timeframe: tf, series: series(refs, found) }, sources: files.map((f) => f.path) };
}

const TIME_COLUMNS = ['open_time', 'ts', 'timestamp', 'time', 'date'];

/**
 * Parquet with columns open_time (or ts/timestamp/time/date; integer ms or a TIMESTAMP), open,
 * high, low, close, volume; with a `symbol` column (`BTC/USDT` or `BTC-USDT`) it may hold several
 * instruments, otherwise it is one (named by --symbols or the file name).
 */
async function loadParquet(req: MarketRequest, refs: readonly SymbolRef[], path: string): Promise<Market> {
  const { DuckDBInstance, quotedString } = await import('@duckdb/node-api');
  const db = await DuckDBInstance.create(':memory:', { threads: '2' });
  const con = await db.connect();
  try {
    const src = `read_parquet(${quotedString(path)})`;
    const described = await con.runAndReadAll(`DESCRIBE SELECT * FROM ${src}`);
    const cols = new Map(described.getRows().map((r) => [String(r[0]).toLowerCase(), String(r[1])]));
    const timeCol = TIME_COLUMNS.find((c) => cols.has(c));
    const missing = ['open', 'high', 'low', 'close', 'volume'].filter((c) => !cols.has(c));
    if (!timeCol || missing.length > 0) {
      throw new AlgoError(
        ErrorCode.InvalidData,
        `${req.data}: Parquet needs columns open_time (or ts), open, high, low, close, volume; missing ${[...(timeCol ? [] : ['open_time']), ...missing].join(', ')}`,
      );
    }
    const type = cols.get(timeCol)!;
    const t = /^(TIMESTAMP|DATE)/i.test(type) ? `epoch_ms(${timeCol}::TIMESTAMP)` : timeCol;
    const range = [
      req.from === undefined ? '' : `AND ${t} >= ${req.from}`,
      req.to === undefined ? '' : `AND ${t} < ${req.to}`,
    ].join(' ');
    const read = async (where: string): Promise<BarColumns> => {
      const r = await con.runAndReadAll(
        `SELECT ${t}::DOUBLE, open::DOUBLE, high::DOUBLE, low::DOUBLE, close::DOUBLE, volume::DOUBLE
         FROM ${src} WHERE true ${where} ${range} ORDER BY 1`,
      );
      const rows = r.getRows();
      const out = emptyColumns(rows.length);
      const fields = ['openTime', 'open', 'high', 'low', 'close', 'volume'] as const;
      rows.forEach((row, i) => {
        fields.forEach((f, c) => {
          const v = row[c];
          out[f][i] = typeof v === 'number' ? v : Number.NaN;
        });
      });
      return out;
    };
    const named = parseDataFileName(path);
    const tf = requireTimeframe(req, named ? [named.timeframe] : []);
    if (!cols.has('symbol')) {
      if (refs.length > 1) {
        throw new AlgoError(
          ErrorCode.InvalidArgument,
          `${req.data} has no symbol column (one instrument) but --symbols names ${refs.length}`,
        );
      }
      const ref = refs[0];
      if (!ref && !named) {
        throw new AlgoError(
          ErrorCode.InvalidArgument,
          `name the symbol of ${basename(path)}: --symbols BTC/USDT`,
        );
      }
      const inst = ref
        ? instrument(ref.venue ?? named?.instrument.venue ?? 'FILE', ref.base, ref.quote)
        : named!.instrument;
      return {
        data: { timeframe: tf, series: [{ instrument: inst, bars: await read('') }] },
        sources: [path],
      };
    }
    const listed = await con.runAndReadAll(
      `SELECT DISTINCT replace(symbol, '-', '/') FROM ${src} ORDER BY 1`,
    );
    const symbols = listed.getRows().map((r) => String(r[0]));
    const chosen = refs.length > 0 ? refs : symbols.map(parseSymbol);
    const out: InstrumentData[] = [];
    for (const r of chosen) {
      const sym = `${r.base}/${r.quote}`;
      if (!symbols.includes(sym)) {
        throw notFound(`${req.data} has no rows for ${r.text} (symbols there: ${symbols.join(', ')})`);
      }
      const bars = await read(`AND replace(symbol, '-', '/') = ${quotedString(sym)}`);
      out.push({
        instrument: instrument(r.venue ?? named?.instrument.venue ?? 'FILE', r.base, r.quote),
        bars,
      });
    }
    return { data: { timeframe: tf, series: out }, sources: [path] };
  } finally {
    con.closeSync();
    db.closeSync();
  }
}

async function loadStore(req: MarketRequest, refs: readonly SymbolRef[]): Promise<Market> {
  const root = resolve(req.cwd ?? process.cwd(), req.dataDir);
  const { ParquetStore } = await import('@algotrader/store');
  const store = await ParquetStore.open(root, { threads: 2 });
  try {
    const all = await store.list();
    const tf = requireTimeframe(
      req,
      all.filter((s) => refs.length === 0 || refs.some((r) => matches(r, s.instrument))).map((s) => s.tf),
    );
    const ofTf = all.filter((s) => s.tf === tf);
    const instruments: Instrument[] = [];
    if (refs.length === 0) {
      if (ofTf.length === 0)
        throw notFound(`the store at ${root} has no ${tf} series (see: algotrader data ls)`);
      instruments.push(...ofTf.map((s) => s.instrument));
    }
    for (const r of refs) {
      const hits = ofTf.filter((s) => matches(r, s.instrument));
      if (hits.length === 0) {
        throw notFound(
          `the store at ${root} has no ${tf} series for ${r.text}` +
            (ofTf.length ? ` (it has ${ofTf.map((s) => formatInstrument(s.instrument)).join(', ')})` : '') +
            '; fetch it with: algotrader data backfill',
        );
      }
      if (hits.length > 1) {
        throw new AlgoError(
          ErrorCode.InvalidArgument,
          `${r.text} is stored for several venues (${hits.map((s) => s.instrument.venue).join(', ')}): write VENUE:${r.base}/${r.quote}`,
        );
      }
      instruments.push(hits[0]!.instrument);
    }
    const out: InstrumentData[] = [];
    for (const i of instruments) {
      out.push({
        instrument: i,
        bars: await store.read(i, tf, {
          ...(req.from === undefined ? {} : { from: req.from }),
          ...(req.to === undefined ? {} : { to: req.to }),
        }),
      });
    }
    return { data: { timeframe: tf, series: out }, sources: [`store:${root}`] };
  } finally {
    await store.close();
  }
}

/**
 * A bundled US stock file (data/us, named in the store's `BUNDLED_US_DATASETS`): read with its
 * metadata and checked against the NYSE calendar; unadjusted prices back-adjusted for the splits in
 * `corporate_actions.csv` beside it (recorded, and refused if a split drop remains); intraday bars
 * kept to regular hours: on the file's own grid for its timeframe, or session-aligned bars of a
 * coarser `--tf` (the 30m file with `--tf 1h`: 09:30–10:30 … 15:30–16:00). Undefined for any other
 * file. Every step is returned as a note, none is silent.
 */
async function loadUsFile(
  req: MarketRequest,
  refs: readonly SymbolRef[],
  path: string,
): Promise<Market | undefined> {
  const us = await import('@algotrader/store/us');
  const meta = us.BUNDLED_US_DATASETS[basename(path)];
  if (!meta) return undefined;
  const ref = refs[0];
  if (ref && !matches(ref, meta.instrument)) {
    throw new AlgoError(
      ErrorCode.InvalidArgument,
      `${basename(path)} holds ${formatInstrument(meta.instrument)}, not ${ref.text}`,
    );
  }
  const { NYSE } = await import('@algotrader/core');
  const { US_STOCK_SPEC } = await import('@algotrader/portfolio');
  let ds = await us.readUsDataset(path, meta, NYSE);
  const notes: string[] = [];
  const actionsPath = join(dirname(path), 'corporate_actions.csv');
  const actions = existsSync(actionsPath) ? await us.readCorporateActions(actionsPath) : [];
  ds = us.adjustForSplits(ds, actions);
  for (const a of ds.adjustments) {
    notes.push(
      `split ${a.action.ratio}:1 on ${new Date(a.action.day).toISOString().slice(0, 10)} back-adjusted (${a.rowsAdjusted} earlier rows; ${a.action.source})`,
    );
  }
  notes.push(`prices: ${ds.meta.adjustment.replaceAll('_', ' ')} (${meta.source})`);
  const dividends = ds.meta.adjustment === 'split_dividend_adjusted' ? [] : us.dividendsFor(ds, actions);
  notes.push(
    ds.meta.adjustment === 'split_dividend_adjusted'
      ? 'dividends: already in the prices (dividend-adjusted), none credited'
      : `dividends: ${dividends.length} from corporate_actions.csv credited in cash on held shares at their ex-dates`,
  );
  const tf = req.timeframe ?? meta.timeframe;
  if (meta.timeframe === '1d' || tf === '1d') {
    if (tf !== meta.timeframe) {
      throw new AlgoError(
        ErrorCode.InvalidArgument,
        `${basename(path)} holds ${meta.timeframe} bars, not ${tf}: pass --tf ${meta.timeframe}`,
      );
    }
  } else if (tf === meta.timeframe && tf === '1h') {
    ds = us.regularHours(ds, NYSE);
    notes.push(
      `regular hours: ${ds.droppedOutsideSessions} extended-hours bars left out; bars on the clock hour as the file has them`,
    );
  } else {
    ds = us.sessionAligned(ds, tf, NYSE);
    notes.push(
      `regular hours: ${ds.droppedOutsideSessions} extended-hours bars left out; ${tf} bars aligned to the session (from 09:30, the last cut at the close)`,
    );
  }
  const bars = sliceRange(ds.bars, req.from, req.to);
  return {
    data: { timeframe: tf, series: [{ instrument: meta.instrument, bars, spec: US_STOCK_SPEC }] },
    sources: [path],
    calendar: NYSE,
    notes,
    dividends,
  };
}
