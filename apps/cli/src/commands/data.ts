import { Bus, ensureOptions, natsAuth, SYSTEM_TOPOLOGY } from '@algotrader/bus';
import {
  type AlertSink,
  ArchiveWriter,
  type BarSink,
  BusAlertSink,
  BusBarSink,
  backfillRange,
  backfillSeries,
  columnsToBars,
  createOkx,
  DEFAULT_RETRY,
  iso,
  MemoryAlertSink,
  newCollectorCounters,
  OkxMarketData,
  parseTime,
  StoreBarSink,
  SystemScheduler,
  withRetry,
} from '@algotrader/collector';
import {
  type Config,
  formatInstrument,
  type Instrument,
  isAlgoError,
  parseInstrument,
  parseTimeframe,
  symbolToken,
  type Timeframe,
  timeframeMs,
} from '@algotrader/core';
import { loadConfig } from '@algotrader/core/node';
import {
  type Gap,
  ParquetStore,
  type RejectReason,
  readCsvBarsWithLines,
  readFreqtradeJson,
  screenImport,
  validateBars,
} from '@algotrader/store';
import { parse, requireString, UsageError } from '../args';
import { Progress } from '../progress';
import { backfillPerp } from './data-perp';

export const DATA_USAGE = `algotrader data <command> [options]     (store: ALGOTRADER_DATA_DIR or --data-dir)

  backfill --symbols BTC/USDT,ETH/USDT --tf 15m,1h --since 2023-01-01 [--until|--to DATE] [--repair] [--via-bus [--nats URL]] [--quiet]
        fetch closed OKX candles (OKX_REST_URL overrides the REST root), resuming after the newest stored bar;
        --repair instead asks again for every hole the store has in [--since, --to) (exchange gaps, rejected bars);
        written straight into the store, or with --via-bus published to md.bar.* for a running archiver;
        a swap (BTC/USDT:USDT) gets its mark candles per --tf and its funding history into the perp datasets
  import <file> --symbol OKX:BTC/USDT --tf 1h [--format csv|freqtrade]
        CSV (ts,open,high,low,close,volume; plain or gzip) or freqtrade JSON into the store
  ls [--json]                     per series: first, last, rows, missing bars (JSON: gaps), files, size
  verify [--symbol S] [--tf TF]   gaps and quality (OHLC order, NaN, grid, outlier jumps) of stored series
  sql "<query>" [--json] [--max-rows N]
        read-only SQL over the view ohlcv(venue, symbol, tf, open_time, open, high, low, close, volume, year, month)`;

/** Where the command's output goes (tests pass their own). */
export interface DataIo {
  readonly env: NodeJS.ProcessEnv;
  out(line: string): void;
  err(line: string): void;
}

const defaultIo: DataIo = {
  env: process.env,
  out: (l) => process.stdout.write(`${l}\n`),
  err: (l) => process.stderr.write(`${l}\n`),
};

/** `algotrader data …`; returns the exit code. */
export async function runData(argv: string[], io: DataIo = defaultIo): Promise<number> {
  const [sub, ...rest] = argv;
  switch (sub) {
    case 'backfill':
      return backfillCommand(rest, io);
    case 'import':
      return importCommand(rest, io);
    case 'ls':
      return lsCommand(rest, io);
    case 'verify':
      return verifyCommand(rest, io);
    case 'sql':
      return sqlCommand(rest, io);
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      io.out(DATA_USAGE);
      return 0;
    default:
      throw new UsageError(`unknown data command "${sub}"\n\n${DATA_USAGE}`);
  }
}

const DATA_DIR = { 'data-dir': { type: 'string' } } as const;

function config(io: DataIo): Config {
  return loadConfig(io.env);
}

async function openStore(io: DataIo, dir: unknown): Promise<ParquetStore> {
  return ParquetStore.open(typeof dir === 'string' && dir !== '' ? dir : config(io).dataDir);
}

async function backfillCommand(argv: string[], io: DataIo): Promise<number> {
  const usage =
    'usage: algotrader data backfill --symbols BTC/USDT,ETH/USDT --tf 15m,1h --since 2023-01-01 [--until|--to DATE] [--repair] [--via-bus [--nats URL]] [--data-dir DIR] [--quiet]';
  const { values } = parse(
    argv,
    {
      symbols: { type: 'string' },
      tf: { type: 'string' },
      since: { type: 'string' },
      until: { type: 'string' },
      to: { type: 'string' },
      repair: { type: 'boolean' },
      'via-bus': { type: 'boolean' },
      nats: { type: 'string' },
      quiet: { type: 'boolean' },
      ...DATA_DIR,
    },
    usage,
  );
  const all = splitList(requireString(values.symbols, 'symbols', usage)).map((s) =>
    parseInstrument(s, 'OKX'),
  );
  const tfs = splitList(requireString(values.tf, 'tf', usage)).map(parseTimeframe);
  const since = parseTime(requireString(values.since, 'since', usage), '--since');
  if (typeof values.until === 'string' && typeof values.to === 'string')
    throw new UsageError(`give --until or --to, not both\n\n${usage}`);
  const untilRaw = typeof values.until === 'string' ? values.until : values.to;
  const until = typeof untilRaw === 'string' ? parseTime(untilRaw, '--until') : undefined;
  const repair = values.repair === true;
  if (repair && values['via-bus'] === true) {
    io.err(
      'error: --repair writes straight into the store (it reads the store for holes); run it without --via-bus',
    );
    return 1;
  }
  const cfg = config(io);
  // Swaps (BTC/USDT:USDT): mark candles per timeframe and funding into the perp datasets.
  const swaps = all.filter((i) => i.settle !== undefined);
  const instruments = all.filter((i) => i.settle === undefined);
  let swapFailures = 0;
  if (swaps.length > 0) {
    if (values['via-bus'] === true) {
      io.err('error: --via-bus carries spot candles only; backfill swaps (BTC/USDT:USDT) without it');
      return 1;
    }
    const dir =
      typeof values['data-dir'] === 'string' && values['data-dir'] !== '' ? values['data-dir'] : cfg.dataDir;
    swapFailures = await backfillPerp(cfg, dir, swaps, tfs, since, until ?? Date.now(), io);
    if (instruments.length === 0) return swapFailures > 0 ? 1 : 0;
  }
  const clock = new SystemScheduler();
  const store = await openStore(io, values['data-dir']);
  let bus: Bus | undefined;
  try {
    let alerts: AlertSink = new MemoryAlertSink();
    let sink: BarSink;
    if (values['via-bus'] === true) {
      bus = await connect(cfg, typeof values.nats === 'string' ? values.nats : cfg.nats.url);
      alerts = new BusAlertSink(bus, clock);
      sink = new BusBarSink(bus, { source: 'backfill', store });
    } else {
      sink = new StoreBarSink(new ArchiveWriter(store, alerts));
    }
    const md = new OkxMarketData(createOkx({ restUrl: cfg.okx.restUrl, sandbox: cfg.okx.sandbox }));
    const listed = await withRetry(() => md.listed(instruments), DEFAULT_RETRY);
    const unlisted = instruments.filter((i) => !listed.has(symbolToken(i)));
    if (unlisted.length > 0) {
      io.err(`error: OKX lists no live SPOT market ${unlisted.map(formatInstrument).join(', ')}`);
      return 1;
    }

    const series = instruments.flatMap((instrument) => tfs.map((tf) => ({ instrument, tf })));
    let total = 0;
    const holes = (i: Instrument, tf: Timeframe, from: number, to: number) =>
      store.gaps(i, tf, { from, to, edges: true });
    for (const s of series) {
      const last = repair ? undefined : await sink.lastOpenTime(s.instrument, s.tf);
      const listTime = listed.get(symbolToken(s.instrument))?.listTime;
      const r = backfillRange(s.tf, { since, until, listTime, last, now: clock.now() });
      total += repair
        ? r.to > r.from
          ? (await holes(s.instrument, s.tf, r.from, r.to)).reduce((a, g) => a + g.missingBars, 0)
          : 0
        : r.slots;
    }
    const progress = new Progress('backfill', total, values.quiet === true);
    const counters = newCollectorCounters();
    let failures = 0;
    for (const s of series) {
      const label = `${formatInstrument(s.instrument)} ${s.tf}`;
      let walked = 0;
      try {
        const report = await backfillSeries(s.instrument, s.tf, {
          md,
          clock,
          sink,
          alerts,
          since,
          until,
          listTime: listed.get(symbolToken(s.instrument))?.listTime,
          counters,
          ...(repair ? { repair: { holes } } : {}),
          onProgress: (p) => {
            progress.tick(p.walked - walked, `${counters.barsPublished} bars, ${counters.requests} requests`);
            walked = p.walked;
          },
        });
        io.out(
          `${label}: ${report.bars} bars ${report.bars ? `${iso(report.from)} → ${iso(report.to - timeframeMs(s.tf))} UTC ` : ''}` +
            `in ${report.requests} requests` +
            (report.resumedAfter !== undefined ? `, resumed after ${iso(report.resumedAfter)}` : '') +
            `, ${report.gaps.length} gap(s)${describeGaps(report.gaps)}, ${report.rejects.length} rejected` +
            describeRejects(report.rejects),
        );
        if (report.repaired) {
          const missing = (gs: readonly Gap[]) => gs.reduce((a, g) => a + g.missingBars, 0);
          const { before, after } = report.repaired;
          io.out(
            `  repair: ${before.length} hole(s) (${missing(before)} bars)${describeGaps(before)} before, ` +
              `${after.length} hole(s) (${missing(after)} bars)${describeGaps(after)} after`,
          );
        }
      } catch (e) {
        failures += 1;
        io.err(`${label}: failed: ${isAlgoError(e) ? `[${e.code}] ` : ''}${(e as Error)?.message ?? e}`);
      }
    }
    progress.finish();
    await alerts.flush();
    io.out(
      `${counters.barsPublished} bars, ${counters.requests} requests, ${counters.retries} retries` +
        (bus ? ' (published to md.bar.*; the archiver stores them)' : ` (stored in ${store.root})`),
    );
    return failures + swapFailures > 0 ? 1 : 0;
  } finally {
    await bus?.close();
    await store.close();
  }
}

async function connect(cfg: Config, url: string): Promise<Bus> {
  const bus = await Bus.connect({
    servers: url,
    service: cfg.service,
    ensure: ensureOptions(cfg.nats),
    ...natsAuth(cfg.nats),
  });
  await bus.ensure(SYSTEM_TOPOLOGY);
  return bus;
}

async function importCommand(argv: string[], io: DataIo): Promise<number> {
  const usage =
    'usage: algotrader data import <file> --symbol OKX:BTC/USDT --tf 1h [--format csv|freqtrade] [--data-dir DIR]';
  const { values, positionals } = parse(
    argv,
    { symbol: { type: 'string' }, tf: { type: 'string' }, format: { type: 'string' }, ...DATA_DIR },
    usage,
  );
  const file = positionals[0];
  if (!file) throw new UsageError(`missing <file>\n\n${usage}`);
  const instrument = parseInstrument(requireString(values.symbol, 'symbol', usage), 'OKX');
  const tf = parseTimeframe(requireString(values.tf, 'tf', usage));
  const format = values.format ?? (/\.json(\.gz)?$/i.test(file) ? 'freqtrade' : 'csv');
  if (format !== 'csv' && format !== 'freqtrade')
    throw new UsageError(`--format must be csv or freqtrade\n\n${usage}`);
  // CSV rows carry their file line; freqtrade JSON rows are named by their row number.
  const { cols, lines } =
    format === 'csv'
      ? await readCsvBarsWithLines(file)
      : { cols: await readFreqtradeJson(file), lines: undefined };
  const where = format === 'csv' ? `${file}:` : `${file} row `;
  // Judged in file order before anything is sorted or merged: every refused row keeps its line.
  const screen = screenImport(cols, tf, lines);
  const store = await openStore(io, values['data-dir']);
  try {
    const alerts = new MemoryAlertSink();
    const writer = new ArchiveWriter(store, alerts);
    const res = await writer.write(columnsToBars(instrument, tf, screen.accepted));
    const info = (await store.list()).find(
      (s) => s.tf === tf && formatInstrument(s.instrument) === formatInstrument(instrument),
    );
    const rejected = [...screen.rejects, ...res.rejects];
    io.out(
      `${formatInstrument(instrument)} ${tf}: ${cols.openTime.length} rows read, ${res.written} written, ` +
        `${res.duplicates + screen.repeats} already stored, ${res.conflicts} conflicting (stored kept), ${rejected.length} rejected` +
        describeRejects(rejected),
    );
    const SHOWN = 20;
    for (const r of screen.rejects.slice(0, SHOWN)) {
      io.out(`  rejected ${where}${r.line}: ${iso(r.openTime)} ${r.reason}: ${r.detail}`);
    }
    if (screen.rejects.length > SHOWN) io.out(`  … ${screen.rejects.length - SHOWN} more rejected row(s)`);
    if (screen.conflicts.length > 0) {
      io.out(`  ${screen.conflicts.length} in-file conflict(s) (same time, different values; none stored):`);
      for (const c of screen.conflicts.slice(0, SHOWN)) {
        io.out(`  conflict ${where}${c.lines.join(', ')}: ${iso(c.openTime)}`);
      }
      if (screen.conflicts.length > SHOWN) io.out(`  … ${screen.conflicts.length - SHOWN} more conflict(s)`);
    }
    if (res.conflicts > 0) {
      io.out(
        `  conflicts with the store (stored rows kept): ${res.conflictOpenTimes.slice(0, SHOWN).map(iso).join(', ')}` +
          (res.conflicts > SHOWN ? ', …' : ''),
      );
    }
    if (screen.gaps.length > 0) {
      const missing = screen.gaps.reduce((a, g) => a + g.missingBars, 0);
      io.out(
        `  gaps in the file: ${screen.gaps.length} (${missing} missing bars)${describeGaps(screen.gaps)}`,
      );
    }
    if (info) {
      io.out(
        `  stored: ${info.rows} rows ${iso(info.firstOpen)} → ${iso(info.lastOpen)} UTC, ${info.gaps} missing bar slot(s)`,
      );
    }
    return rejected.length + screen.conflicts.length > 0 ? 1 : 0;
  } finally {
    await store.close();
  }
}

async function lsCommand(argv: string[], io: DataIo): Promise<number> {
  const { values } = parse(
    argv,
    { json: { type: 'boolean' }, ...DATA_DIR },
    'usage: algotrader data ls [--json]',
  );
  const store = await openStore(io, values['data-dir']);
  try {
    const list = await store.list();
    if (values.json === true) {
      for (const s of list) {
        io.out(
          JSON.stringify({
            instrument: formatInstrument(s.instrument),
            tf: s.tf,
            first: s.firstOpen,
            last: s.lastOpen,
            rows: s.rows,
            // Missing bar slots between first and last (the table's "missing bars"), not gap count.
            gaps: s.gaps,
            files: s.files,
            bytes: s.bytes,
          }),
        );
      }
      return 0;
    }
    if (list.length === 0) {
      io.out(`no series in ${store.root}`);
      return 0;
    }
    table(
      io,
      ['series', 'tf', 'first (UTC)', 'last (UTC)', 'rows', 'missing bars', 'files', 'size'],
      list.map((s) => [
        formatInstrument(s.instrument),
        s.tf,
        iso(s.firstOpen),
        iso(s.lastOpen),
        String(s.rows),
        String(s.gaps),
        String(s.files),
        bytes(s.bytes),
      ]),
    );
    return 0;
  } finally {
    await store.close();
  }
}

/** Rejects that mean bad data; `outlier_jump` is a warning (real crashes are outliers too). */
const HARD: ReadonlySet<RejectReason> = new Set([
  'nan',
  'ohlc_inconsistent',
  'negative_volume',
  'off_grid',
  'not_monotonic',
  'duplicate',
]);

async function verifyCommand(argv: string[], io: DataIo): Promise<number> {
  const usage = 'usage: algotrader data verify [--symbol OKX:BTC/USDT] [--tf 1h] [--data-dir DIR]';
  const { values } = parse(argv, { symbol: { type: 'string' }, tf: { type: 'string' }, ...DATA_DIR }, usage);
  const only: Instrument | undefined =
    typeof values.symbol === 'string' ? parseInstrument(values.symbol, 'OKX') : undefined;
  const onlyTf: Timeframe | undefined = typeof values.tf === 'string' ? parseTimeframe(values.tf) : undefined;
  const store = await openStore(io, values['data-dir']);
  try {
    let bad = 0;
    const list = (await store.list()).filter(
      (s) =>
        (only === undefined || formatInstrument(s.instrument) === formatInstrument(only)) &&
        (onlyTf === undefined || s.tf === onlyTf),
    );
    if (list.length === 0) io.out('no series to verify');
    for (const s of list) {
      const cols = await store.read(s.instrument, s.tf);
      const report = validateBars(cols, s.tf);
      const hard = report.rejects.filter((r) => HARD.has(r.reason));
      const warn = report.rejects.filter((r) => !HARD.has(r.reason));
      const missing = report.gaps.reduce((a, g) => a + g.missingBars, 0);
      bad += hard.length;
      io.out(
        `${hard.length ? 'FAIL' : 'ok  '} ${formatInstrument(s.instrument)} ${s.tf}: ${cols.openTime.length} rows ` +
          `${iso(s.firstOpen)} → ${iso(s.lastOpen)} UTC, ${report.gaps.length} gap(s) (${missing} missing bars)` +
          `${describeGaps(report.gaps)}, ${hard.length} bad bar(s), ${warn.length} outlier warning(s)`,
      );
      for (const r of [...hard, ...warn].slice(0, 10)) {
        io.out(`     ${HARD.has(r.reason) ? 'bad ' : 'warn'} ${iso(r.openTime)} ${r.reason}: ${r.detail}`);
      }
      if (hard.length + warn.length > 10) io.out(`     … ${hard.length + warn.length - 10} more`);
    }
    return bad > 0 ? 1 : 0;
  } finally {
    await store.close();
  }
}

async function sqlCommand(argv: string[], io: DataIo): Promise<number> {
  const usage = 'usage: algotrader data sql "<query>" [--json] [--max-rows N] [--data-dir DIR]';
  const { values, positionals } = parse(
    argv,
    { json: { type: 'boolean' }, 'max-rows': { type: 'string' }, ...DATA_DIR },
    usage,
  );
  const query = positionals.join(' ').trim();
  if (!query) throw new UsageError(`missing "<query>"\n\n${usage}`);
  const maxRows = typeof values['max-rows'] === 'string' ? Number(values['max-rows']) : undefined;
  if (maxRows !== undefined && !(Number.isInteger(maxRows) && maxRows >= 0)) {
    throw new UsageError(`--max-rows must be a non-negative integer\n\n${usage}`);
  }
  const store = await openStore(io, values['data-dir']);
  try {
    const res = await store.sql(query, maxRows === undefined ? {} : { maxRows });
    if (values.json === true) {
      for (const row of res.rows) {
        io.out(JSON.stringify(Object.fromEntries(res.columns.map((c, i) => [c, jsonValue(row[i])]))));
      }
    } else {
      table(
        io,
        [...res.columns],
        res.rows.map((r) => r.map((v) => String(jsonValue(v)))),
      );
    }
    if (res.truncated) io.err(`(output truncated at ${res.rows.length} rows; raise --max-rows)`);
    return 0;
  } finally {
    await store.close();
  }
}

function splitList(s: string): string[] {
  return s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);
}

function describeGaps(gaps: readonly Gap[]): string {
  if (gaps.length === 0) return '';
  const shown = gaps
    .slice(0, 3)
    .map((g) => `${iso(g.fromOpen)}→${iso(g.toOpen)} (${g.missingBars})`)
    .join(', ');
  return ` [${shown}${gaps.length > 3 ? ', …' : ''}]`;
}

function describeRejects(rejects: readonly { reason: string; openTime: number }[]): string {
  if (rejects.length === 0) return '';
  const by = new Map<string, number>();
  for (const r of rejects) by.set(r.reason, (by.get(r.reason) ?? 0) + 1);
  return ` (${[...by].map(([k, v]) => `${k}: ${v}`).join(', ')}; first at ${iso(rejects[0]!.openTime)})`;
}

function jsonValue(v: unknown): unknown {
  if (typeof v === 'bigint') return v.toString();
  if (v instanceof Date) return v.toISOString();
  return v;
}

function bytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 / 1024).toFixed(1)} MiB`;
}

function table(io: DataIo, head: string[], rows: string[][]): void {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  io.out(line(head));
  for (const r of rows) io.out(line(r));
}
