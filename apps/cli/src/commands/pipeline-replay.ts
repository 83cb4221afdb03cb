import { type Bus, OrderedPublisher, subjects } from '@algotrader/bus';
import {
  AlgoError,
  type Bar,
  type BarColumns,
  barKey,
  barSetKey,
  closeTimeOf,
  ErrorCode,
  type FundingSeries,
  formatInstrument,
  type Instrument,
  instrumentSymbol,
  type PriceCandles,
  parseInstrument,
  parseTimeframe,
  type SwapMark,
  sessionBarClose,
  type Timeframe,
  type TradingCalendar,
  timeframeMs,
} from '@algotrader/core';
import { loadPipeline, type Pipeline } from '@algotrader/pipeline';
import { barAt, codecs, encodeBar } from '@algotrader/proto';
import { ParquetStore, readCsvBars } from '@algotrader/store';
import { parse, requireString, UsageError } from '../args';
import { cliContext, connectBus } from '../context';
import { Progress } from '../progress';
import { describeReplay, replayBars } from './replay';

export interface ReplaySeries {
  readonly instrument: Instrument;
  readonly bars: BarColumns;
  /**
   * A swap's mark candles (one for every bar's open time) and funding history: each bar goes out
   * with its mark candle and the rate settled at its open (market.proto `SwapMark`).
   */
  readonly swap?: { readonly mark: PriceCandles; readonly funding: FundingSeries };
}

/** Cursor over a swap's mark candles and funding rows, moving forward with the bars. */
class SwapCursor {
  #m = 0;
  #f = 0;
  constructor(
    readonly instrument: Instrument,
    readonly swap: { readonly mark: PriceCandles; readonly funding: FundingSeries },
  ) {}

  /** The mark candle at `open` (an error when there is none) and the rate settled at `open`, if any. */
  at(open: number): SwapMark {
    const { mark, funding } = this.swap;
    while (this.#m < mark.openTime.length && mark.openTime[this.#m]! < open) this.#m += 1;
    if (mark.openTime[this.#m] !== open) {
      throw new AlgoError(
        ErrorCode.InvalidData,
        `${formatInstrument(this.instrument)}: mark candle missing for the bar at ${new Date(open).toISOString()}`,
      );
    }
    while (this.#f < funding.time.length && funding.time[this.#f]! < open) this.#f += 1;
    const rate = funding.time[this.#f] === open ? funding.rate[this.#f]! : undefined;
    return {
      markOpen: mark.open[this.#m]!,
      markHigh: mark.high[this.#m]!,
      markLow: mark.low[this.#m]!,
      markClose: mark.close[this.#m]!,
      ...(rate === undefined ? {} : { fundingRate: rate }),
    };
  }
}

export interface PipelineReplayOptions {
  readonly venue: string;
  readonly tf: Timeframe;
  readonly series: readonly ReplaySeries[];
  /**
   * The venue's trading calendar: a bar on its session grid closes cut at the session close (the
   * NYSE's 15:30 1h bar at 16:00), as the stages decode it; bars on the UTC grid close at open + tf.
   */
  readonly calendar?: TradingCalendar;
  /** Open times in [from, to) only. */
  readonly from?: number;
  readonly to?: number;
  /** 'max', a multiple of real time, or close times per second. */
  readonly speed?: ReplaySpeed;
  readonly source?: string;
  readonly onProgress?: (bars: number, close: number) => void;
  readonly signal?: AbortSignal;
  /** Publishes in flight at most (default 256); 1 waits for each ack before the next publish. */
  readonly window?: number;
}

export type ReplaySpeed =
  | { readonly kind: 'max' }
  | { readonly kind: 'x'; readonly factor: number }
  | { readonly kind: 'rate'; readonly perSecond: number };

export interface PipelineReplayResult {
  bars: number;
  sets: number;
  stored: number;
  duplicates: number;
  firstClose: number | undefined;
  lastClose: number | undefined;
  seconds: number;
}

function withSwap(b: Bar, cursor: SwapCursor | undefined): Bar {
  return cursor ? { ...b, swap: cursor.at(b.openTime) } : b;
}

/** `max`, `10x` (ten times real time) or `50/s` (bar closes per second). */
export function parseSpeed(text: string): ReplaySpeed {
  if (text === 'max') return { kind: 'max' };
  const x = /^([0-9.]+)x$/.exec(text);
  if (x && Number(x[1]) > 0) return { kind: 'x', factor: Number(x[1]) };
  const r = /^([0-9.]+)\/s$/.exec(text);
  if (r && Number(r[1]) > 0) return { kind: 'rate', perSecond: Number(r[1]) };
  throw new UsageError(`--speed must be max, <n>x or <n>/s, got "${text}"`);
}

/**
 * Publishes the bars of several instruments in time order, as the collector does live: per close
 * time, every instrument's bar (ids are bar keys, so a second replay stores nothing new), then the
 * BarSetClosed for that close time listing what arrived and what is missing. Close times where no
 * instrument has a bar are skipped, as the backtest's time loop skips them.
 */
export async function replayPipeline(bus: Bus, o: PipelineReplayOptions): Promise<PipelineReplayResult> {
  const started = Date.now();
  const speed = o.speed ?? { kind: 'max' };
  const rows = o.series.map(() => 0);
  const cursors = o.series.map((s) => (s.swap ? new SwapCursor(s.instrument, s.swap) : undefined));
  const result: PipelineReplayResult = {
    bars: 0,
    sets: 0,
    stored: 0,
    duplicates: 0,
    firstClose: undefined,
    lastClose: undefined,
    seconds: 0,
  };
  const inRange = (t: number) => (o.from === undefined || t >= o.from) && (o.to === undefined || t < o.to);
  o.series.forEach((s, k) => {
    while (rows[k]! < s.bars.openTime.length && !inRange(s.bars.openTime[rows[k]!]!)) {
      if (o.to !== undefined && s.bars.openTime[rows[k]!]! >= o.to) break;
      rows[k]! += 1;
    }
  });
  let prevClose: number | undefined;
  const out = new OrderedPublisher(bus, o.window === undefined ? {} : { window: o.window });
  let sent = 0;
  const t0 = Date.now();
  for (;;) {
    if (o.signal?.aborted) break;
    let open = Number.POSITIVE_INFINITY;
    o.series.forEach((s, k) => {
      const i = rows[k]!;
      if (i < s.bars.openTime.length) {
        const t = s.bars.openTime[i]!;
        if (inRange(t) && t < open) open = t;
      }
    });
    if (open === Number.POSITIVE_INFINITY) break;
    const close = o.calendar ? sessionBarClose(o.calendar, open, timeframeMs(o.tf)) : closeTimeOf(open, o.tf);
    if (speed.kind === 'x' && prevClose !== undefined) await sleep(((close - prevClose) / speed.factor) | 0);
    if (speed.kind === 'rate') {
      const due = t0 + (sent * 1000) / speed.perSecond;
      if (due > Date.now()) await sleep(due - Date.now());
    }
    const arrived: string[] = [];
    const missing: string[] = [];
    for (const [k, s] of o.series.entries()) {
      const i = rows[k]!;
      const c = s.bars;
      if (i < c.openTime.length && c.openTime[i] === open) {
        rows[k] = i + 1;
        arrived.push(instrumentSymbol(s.instrument));
        await out.publish(
          codecs.Bar,
          subjects.bar(s.instrument, o.tf),
          encodeBar(withSwap(barAt(s.instrument, o.tf, c, i, o.calendar), cursors[k]), o.source ?? 'replay'),
          barKey(s.instrument, o.tf, open),
          (ack) => {
            if (ack.duplicate) result.duplicates += 1;
            else result.stored += 1;
          },
        );
      } else {
        missing.push(instrumentSymbol(s.instrument));
      }
    }
    // After its bars in the stream (the publisher keeps the order): the stages decide on the marker.
    await out.publish(
      codecs.BarSetClosed,
      subjects.barSet(o.venue, o.tf),
      { venue: o.venue, timeframe: o.tf, closeTimeMs: close, arrived, missing, timedOut: false },
      barSetKey(o.venue, o.tf, close),
      () => {
        result.bars += arrived.length;
        result.sets += 1;
        result.firstClose ??= close;
        result.lastClose = close;
        o.onProgress?.(arrived.length, close);
      },
    );
    prevClose = close;
    sent += 1;
  }
  await out.flush();
  result.seconds = (Date.now() - started) / 1000;
  return result;
}

/** Bars of every configured instrument: the pipeline's `data` files, else the Parquet store. */
export async function loadReplaySeries(
  p: Pipeline,
  storeDir: string,
  range: { from?: number; to?: number } = {},
): Promise<ReplaySeries[]> {
  const files = new Map(
    Object.entries(p.config.data).map(([k, v]) => [formatInstrument(parseInstrument(k, p.venue)), v]),
  );
  const missing = p.keys.filter((k) => !files.has(k));
  const store = missing.length > 0 ? await ParquetStore.open(storeDir) : undefined;
  try {
    const out: ReplaySeries[] = [];
    for (const [k, instrument] of p.instruments.entries()) {
      const file = files.get(p.keys[k]!);
      const bars = file
        ? sliceColumns(await readCsvBars(file), range.from, range.to)
        : await store!.read(instrument, p.tf, {
            ...(range.from !== undefined ? { from: range.from } : {}),
            ...(range.to !== undefined ? { to: range.to } : {}),
          });
      out.push({ instrument, bars });
    }
    return out;
  } finally {
    await store?.close();
  }
}

function sliceColumns(c: BarColumns, from: number | undefined, to: number | undefined): BarColumns {
  if (from === undefined && to === undefined) return c;
  let a = 0;
  while (a < c.openTime.length && from !== undefined && c.openTime[a]! < from) a++;
  let b = a;
  while (b < c.openTime.length && (to === undefined || c.openTime[b]! < to)) b++;
  return {
    openTime: c.openTime.slice(a, b),
    open: c.open.slice(a, b),
    high: c.high.slice(a, b),
    low: c.low.slice(a, b),
    close: c.close.slice(a, b),
    volume: c.volume.slice(a, b),
  };
}

function parseTime(text: string | undefined, flag: string): number | undefined {
  if (text === undefined) return undefined;
  const ms = /^[0-9]+$/.test(text)
    ? Number(text)
    : Date.parse(text.length === 10 ? `${text}T00:00:00Z` : text);
  if (!Number.isFinite(ms))
    throw new UsageError(`--${flag} must be a date (2024-08-01) or epoch ms, got "${text}"`);
  return ms;
}

const USAGE = `usage:
  algotrader replay --config <pipeline.json> [--from 2024-08-01] [--to 2024-10-01] [--speed max|10x|50/s] [--nats URL] [--quiet]
      publish the configured instruments' bars in time order, with a BarSetClosed per close time
      (bars from the configuration's "data" files, else the Parquet store)
  algotrader replay --data <csv[.gz]> --symbol OKX:BTC/USDT [--data <csv> --symbol OKX:ETH/USDT]..
                    --tf 1h [--from …] [--to …] [--speed …] [--bars-only] [--nats URL] [--quiet]
      publish files' bars in time order (the n-th --data is the n-th --symbol), with a
      BarSetClosed per close time naming these symbols: a running "up" whose pipeline trades
      exactly them decides on every bar. --bars-only: bars only, no markers (fills a stream;
      the stages would wait for markers that never come).`;

/** `algotrader replay`: the pipeline replay, or the replay of files when `--data` is given. */
export async function runPipelineReplay(argv: string[]): Promise<number> {
  const { values } = parse(
    argv,
    {
      config: { type: 'string' },
      data: { type: 'string', multiple: true },
      symbol: { type: 'string', multiple: true },
      tf: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      speed: { type: 'string' },
      nats: { type: 'string' },
      store: { type: 'string' },
      quiet: { type: 'boolean' },
      'bars-only': { type: 'boolean' },
    },
    USAGE,
  );
  let from = parseTime(values.from as string | undefined, 'from');
  let to = parseTime(values.to as string | undefined, 'to');
  const ctx = cliContext();
  const files = (values.data as string[] | undefined) ?? [];
  if (files.length > 0) {
    const symbols = (values.symbol as string[] | undefined) ?? [];
    if (symbols.length !== files.length) {
      throw new UsageError(
        `give one --symbol per --data (${files.length} file(s), ${symbols.length} symbol(s))\n\n${USAGE}`,
      );
    }
    const instruments = symbols.map((s) => parseInstrument(s));
    const venues = new Set(instruments.map((i) => i.venue));
    if (venues.size > 1)
      throw new UsageError(`one venue per replay, got ${[...venues].join(', ')}\n\n${USAGE}`);
    const keys = instruments.map(formatInstrument);
    if (new Set(keys).size !== keys.length) throw new UsageError(`a --symbol is given twice\n\n${USAGE}`);
    const tf = parseTimeframe(requireString(values.tf, 'tf', USAGE));
    const series: ReplaySeries[] = [];
    for (const [k, file] of files.entries())
      series.push({ instrument: instruments[k]!, bars: await readCsvBars(file) });
    const range = { ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}) };
    const bus = await connectBus(ctx, values.nats as string | undefined);
    try {
      if (values['bars-only'] === true) {
        for (const s of series) {
          const progress = new Progress('replay', s.bars.openTime.length, values.quiet === true);
          const r = await replayBars(bus, s.instrument, tf, s.bars, {
            source: 'replay',
            onProgress: (n) => progress.tick(n),
            ...range,
          });
          progress.finish();
          console.log(`${describeReplay(s.instrument, tf, r)}; no bar-set markers (--bars-only)`);
        }
        return 0;
      }
      const total = series.reduce((n, s) => n + countInRange(s.bars, from, to), 0);
      const progress = new Progress('replay', total, values.quiet === true);
      const abort = new AbortController();
      process.once('SIGINT', () => abort.abort());
      const r = await replayPipeline(bus, {
        venue: instruments[0]!.venue,
        tf,
        series,
        speed: parseSpeed((values.speed as string | undefined) ?? 'max'),
        source: 'replay',
        signal: abort.signal,
        onProgress: (n) => progress.tick(n),
        ...range,
      });
      progress.finish();
      console.log(describeSeriesReplay(keys, tf, r));
      return 0;
    } finally {
      await bus.close();
    }
  }
  const configPath = (values.config as string | undefined) ?? process.env['ALGOTRADER_PIPELINE'];
  if (!configPath) throw new UsageError(`missing --config (or ALGOTRADER_PIPELINE)\n\n${USAGE}`);
  const p = await loadPipeline(configPath);
  // No --from/--to: the configuration's replay window (its stages refuse bars outside it).
  if (from === undefined) from = p.replayWindow?.fromMs;
  if (to === undefined) to = p.replayWindow?.toMs;
  const series = await loadReplaySeries(p, (values.store as string | undefined) ?? ctx.config.dataDir, {
    ...(from !== undefined ? { from } : {}),
    ...(to !== undefined ? { to } : {}),
  });
  const total = series.reduce((n, s) => n + countInRange(s.bars, from, to), 0);
  const bus = await connectBus(ctx, values.nats as string | undefined);
  const abort = new AbortController();
  process.once('SIGINT', () => abort.abort());
  try {
    const progress = new Progress('replay', total, values.quiet === true);
    const r = await replayPipeline(bus, {
      venue: p.venue,
      tf: p.tf,
      calendar: p.calendar,
      series,
      speed: parseSpeed((values.speed as string | undefined) ?? 'max'),
      source: 'replay',
      signal: abort.signal,
      onProgress: (n) => progress.tick(n),
      ...(from !== undefined ? { from } : {}),
      ...(to !== undefined ? { to } : {}),
    });
    progress.finish();
    console.log(describePipelineReplay(p, r));
    return 0;
  } finally {
    await bus.close();
  }
}

export function describePipelineReplay(p: Pipeline, r: PipelineReplayResult): string {
  return describeSeriesReplay(p.keys, p.tf, r);
}

function countInRange(c: BarColumns, from: number | undefined, to: number | undefined): number {
  return c.openTime.filter((t) => (from === undefined || t >= from) && (to === undefined || t < to)).length;
}

export function describeSeriesReplay(
  keys: readonly string[],
  tf: Timeframe,
  r: PipelineReplayResult,
): string {
  const iso = (ms: number | undefined) =>
    ms === undefined ? '-' : new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
  return (
    `${keys.join(', ')} ${tf}: ${r.bars} bars in ${r.sets} bar sets (closes ${iso(r.firstClose)} → ${iso(r.lastClose)} UTC), ` +
    `${r.stored} stored, ${r.duplicates} already in the stream, ${r.seconds.toFixed(1)} s ` +
    `(${(r.bars / Math.max(r.seconds, 1e-3)).toFixed(0)} bars/s)`
  );
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, Math.max(0, ms)));
}
