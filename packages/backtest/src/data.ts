import {
  AlgoError,
  type BarColumns,
  ErrorCode,
  formatInstrument,
  type Instrument,
  type Timeframe,
  timeframeMs,
} from '@algotrader/core';
import type { InstrumentSpec } from '@algotrader/portfolio';

/** Bars of one instrument, with the exchange rules its orders obey. */
export interface InstrumentData {
  readonly instrument: Instrument;
  /** Ascending by open time; may be empty (listed, but no bar in the range). */
  readonly bars: BarColumns;
  /** Lot size, minimums, tick; unset fields take `DEFAULT_SPEC`. */
  readonly spec?: Partial<Omit<InstrumentSpec, 'instrument'>>;
}

/** The market a backtest runs over: one timeframe, one or more instruments. */
export interface BacktestData {
  readonly timeframe: Timeframe;
  readonly series: readonly InstrumentData[];
}

function refuse(instrument: Instrument, index: number, why: string): never {
  const name = formatInstrument(instrument);
  throw new AlgoError(ErrorCode.InvalidData, `${name}: bar ${index} ${why}`, { instrument: name, index });
}

/**
 * Refuses bad data with AlgoError(InvalidData) naming the instrument and the bar index: columns of
 * different lengths, a non-finite field, open times not strictly ascending
 * (unsorted or duplicate) or not aligned to the timeframe, non-positive prices, negative volume,
 * a high below or a low above the other prices. Nothing is dropped or repaired.
 */
export function validateSeries(instrument: Instrument, bars: BarColumns, tf: Timeframe): void {
  const { openTime, open, high, low, close, volume } = bars;
  const n = openTime.length;
  for (const [name, col] of [
    ['open', open],
    ['high', high],
    ['low', low],
    ['close', close],
    ['volume', volume],
  ] as const) {
    if (col.length !== n) {
      refuse(
        instrument,
        Math.min(col.length, n),
        `is missing: ${name} has ${col.length} rows, openTime ${n}`,
      );
    }
  }
  const step = timeframeMs(tf);
  // One pass of plain comparisons (NaN fails every one of them); only a failing row is explained.
  let prev = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    const t = openTime[i]!;
    const o = open[i]!;
    const h = high[i]!;
    const l = low[i]!;
    const c = close[i]!;
    const v = volume[i]!;
    if (
      !(
        t > prev &&
        t < MAX_TIME &&
        Math.floor(t / step) * step === t &&
        l > 0 &&
        l <= o &&
        l <= c &&
        h >= o &&
        h >= c &&
        h < Number.POSITIVE_INFINITY &&
        v >= 0 &&
        v < Number.POSITIVE_INFINITY
      )
    ) {
      explain(instrument, bars, tf, i);
    }
    prev = t;
  }
}

/** Rows of six column buffers already validated for a timeframe (see {@link validateSeriesOnce}). */
interface Validated {
  readonly tf: Timeframe;
  readonly columns: readonly Float64Array[];
}

const validated = new WeakMap<ArrayBufferLike, Validated[]>();

const columnsOf = (b: BarColumns): readonly Float64Array[] => [
  b.openTime,
  b.open,
  b.high,
  b.low,
  b.close,
  b.volume,
];

/** True when `cols` are rows `d…d+n` of `v`'s columns, the same `d` for all six. */
function within(cols: readonly Float64Array[], v: readonly Float64Array[]): boolean {
  const n = cols[0]!.length;
  let d = -1;
  for (let j = 0; j < 6; j++) {
    const c = cols[j]!;
    const w = v[j]!;
    if (c.buffer !== w.buffer || c.length !== n) return false;
    const off = (c.byteOffset - w.byteOffset) / 8;
    if (j === 0) d = off;
    else if (off !== d) return false;
  }
  return Number.isInteger(d) && d >= 0 && d + n <= v[0]!.length;
}

/**
 * {@link validateSeries}, done once per set of columns and timeframe: a sweep (or any caller that
 * runs many backtests over the same bars, whole or as windows cut with `subarray`) pays the pass
 * once. Every check is per row or between neighbouring rows, so rows inside validated rows are
 * valid. Bars handed to a backtest are taken as immutable from then on.
 */
export function validateSeriesOnce(instrument: Instrument, bars: BarColumns, tf: Timeframe): void {
  const cols = columnsOf(bars);
  const seen = validated.get(bars.openTime.buffer);
  if (seen?.some((v) => v.tf === tf && within(cols, v.columns))) return;
  validateSeries(instrument, bars, tf);
  const entry = { tf, columns: cols };
  if (seen) seen.push(entry);
  else validated.set(bars.openTime.buffer, [entry]);
}

/** Far beyond any real bar time (year 2255); also rules out Infinity. */
const MAX_TIME = 9e12;

function explain(instrument: Instrument, bars: BarColumns, tf: Timeframe, i: number): never {
  const t = bars.openTime[i]!;
  const prev = i > 0 ? bars.openTime[i - 1]! : Number.NEGATIVE_INFINITY;
  const o = bars.open[i]!;
  const h = bars.high[i]!;
  const l = bars.low[i]!;
  const c = bars.close[i]!;
  const v = bars.volume[i]!;
  if (!Number.isFinite(t) || t >= MAX_TIME) refuse(instrument, i, `has an invalid open time (${t})`);
  if (t === prev) refuse(instrument, i, `duplicates the open time ${t} of bar ${i - 1}`);
  if (t < prev) refuse(instrument, i, `is out of order: open time ${t} is before bar ${i - 1}'s ${prev}`);
  if (t % timeframeMs(tf) !== 0) refuse(instrument, i, `open time ${t} is not aligned to ${tf}`);
  if (![o, h, l, c, v].every(Number.isFinite)) {
    refuse(instrument, i, `has a non-finite price or volume (o=${o} h=${h} l=${l} c=${c} v=${v})`);
  }
  if (!(l > 0)) refuse(instrument, i, `has a non-positive price (low ${l})`);
  if (v < 0) refuse(instrument, i, `has a negative volume (${v})`);
  refuse(instrument, i, `is inconsistent: high ${h} / low ${l} do not bound open ${o} and close ${c}`);
}

/** The rows of `bars` closing at or before `closeTime`, as fresh arrays (no shared buffer). */
export function truncateBars(bars: BarColumns, tf: Timeframe, closeTime: number): BarColumns {
  const lastOpen = closeTime - timeframeMs(tf);
  let n = 0;
  while (n < bars.openTime.length && bars.openTime[n]! <= lastOpen) n++;
  return {
    openTime: bars.openTime.slice(0, n),
    open: bars.open.slice(0, n),
    high: bars.high.slice(0, n),
    low: bars.low.slice(0, n),
    close: bars.close.slice(0, n),
    volume: bars.volume.slice(0, n),
  };
}
