import {
  AlgoError,
  type Bar,
  type BarColumns,
  closeTimeOf,
  ErrorCode,
  emptyColumns,
  formatInstrument,
  type Instrument,
  sameInstrument,
  type Timeframe,
  timeframeMs,
} from '@algotrader/core';

export type MutableColumns = ReturnType<typeof emptyColumns>;

export const VALUE_COLUMNS = ['open', 'high', 'low', 'close', 'volume'] as const;
export const ALL_COLUMNS = ['openTime', ...VALUE_COLUMNS] as const;

export function columnLength(cols: BarColumns): number {
  const n = cols.openTime.length;
  for (const name of VALUE_COLUMNS) {
    if (cols[name].length !== n) {
      throw new AlgoError(
        ErrorCode.InvalidArgument,
        `bar columns differ in length: openTime has ${n}, ${name} has ${cols[name].length}`,
      );
    }
  }
  return n;
}

/** `Bar[]` to columns, checking every bar belongs to the series being written. */
export function toColumns(
  bars: BarColumns | readonly Bar[],
  instrument: Instrument,
  tf: Timeframe,
): BarColumns {
  if (!Array.isArray(bars)) return bars as BarColumns;
  const list = bars as readonly Bar[];
  const out = emptyColumns(list.length);
  for (let i = 0; i < list.length; i++) {
    const b = list[i]!;
    if (!sameInstrument(b.instrument, instrument) || b.tf !== tf) {
      throw new AlgoError(
        ErrorCode.InvalidArgument,
        `bar ${i} is ${formatInstrument(b.instrument)} ${b.tf}, not ${formatInstrument(instrument)} ${tf}`,
      );
    }
    if (b.closeTime !== closeTimeOf(b.openTime, tf)) {
      throw new AlgoError(
        ErrorCode.InvalidBar,
        `bar ${i} close time ${b.closeTime} is not open ${b.openTime} + ${tf}`,
      );
    }
    out.openTime[i] = b.openTime;
    out.open[i] = b.open;
    out.high[i] = b.high;
    out.low[i] = b.low;
    out.close[i] = b.close;
    out.volume[i] = b.volume;
  }
  return out;
}

/**
 * What the store needs to stay consistent: finite numbers and integer open times on the timeframe
 * grid. Data quality beyond that (OHLC order, outliers) is {@link validateBars}'s report to make.
 */
export function assertStorable(cols: BarColumns, tf: Timeframe, what: string): void {
  const n = columnLength(cols);
  const step = timeframeMs(tf);
  for (let i = 0; i < n; i++) {
    const t = cols.openTime[i]!;
    if (!Number.isInteger(t) || t % step !== 0)
      throw notStorable(what, i, t, 'open time is not on the timeframe grid', tf);
    if (
      !Number.isFinite(cols.open[i]!) ||
      !Number.isFinite(cols.high[i]!) ||
      !Number.isFinite(cols.low[i]!) ||
      !Number.isFinite(cols.close[i]!) ||
      !Number.isFinite(cols.volume[i]!)
    ) {
      throw notStorable(what, i, t, 'non-finite value', tf);
    }
  }
}

// Message built out of line: string templates inside a hot loop's cold branch slow V8 down a lot.
function notStorable(what: string, index: number, openTime: number, why: string, tf: Timeframe): AlgoError {
  return new AlgoError(
    ErrorCode.InvalidBar,
    `${what}: row ${index} (open ${openTime}, ${tf}): ${why}; nothing written`,
    {
      index,
      openTime,
    },
  );
}

export function sameRow(a: BarColumns, i: number, b: BarColumns, j: number): boolean {
  return (
    a.open[i] === b.open[j] &&
    a.high[i] === b.high[j] &&
    a.low[i] === b.low[j] &&
    a.close[i] === b.close[j] &&
    a.volume[i] === b.volume[j]
  );
}

export function take(cols: BarColumns, rows: ArrayLike<number>, count = rows.length): MutableColumns {
  const out = emptyColumns(count);
  for (const name of ALL_COLUMNS) {
    const src = cols[name];
    const dst = out[name];
    for (let k = 0; k < count; k++) dst[k] = src[rows[k]!]!;
  }
  return out;
}

export function slice(cols: BarColumns, start: number, end: number): BarColumns {
  return {
    openTime: cols.openTime.subarray(start, end),
    open: cols.open.subarray(start, end),
    high: cols.high.subarray(start, end),
    low: cols.low.subarray(start, end),
    close: cols.close.subarray(start, end),
    volume: cols.volume.subarray(start, end),
  };
}

export interface MergeCounts {
  duplicates: number;
  conflicts: number;
  readonly conflictOpenTimes: number[];
}

export const MAX_CONFLICT_TIMES = 100;

function noteConflict(counts: MergeCounts, openTime: number): void {
  counts.conflicts++;
  if (counts.conflictOpenTimes.length < MAX_CONFLICT_TIMES) counts.conflictOpenTimes.push(openTime);
}

/**
 * Sorts by open time and collapses repeats within the batch: the first occurrence is kept, a later
 * identical row counts as a duplicate, a later different row as a conflict.
 */
export function sortUnique(cols: BarColumns, counts: MergeCounts): BarColumns {
  const n = cols.openTime.length;
  const t = cols.openTime;
  let ascending = true;
  for (let i = 1; i < n && ascending; i++) ascending = t[i - 1]! < t[i]!;
  if (ascending) return cols;

  const order = Array.from({ length: n }, (_, i) => i);
  // Stable sort keeps "first occurrence in the batch" meaningful for repeats.
  order.sort((a, b) => t[a]! - t[b]!);
  const keep: number[] = [];
  for (const i of order) {
    const last = keep[keep.length - 1];
    if (last !== undefined && t[last] === t[i]) {
      if (sameRow(cols, last, cols, i)) counts.duplicates++;
      else noteConflict(counts, t[i]!);
      continue;
    }
    keep.push(i);
  }
  return take(cols, keep);
}

/**
 * Rows of `incoming` whose open time is not in `existing` (both ascending, unique). Rows already
 * stored are duplicates when identical and conflicts when not; the stored row always wins.
 */
export function newRows(incoming: BarColumns, existing: BarColumns, counts: MergeCounts): BarColumns {
  const n = incoming.openTime.length;
  const m = existing.openTime.length;
  if (m === 0) return incoming;
  const fresh: number[] = [];
  let j = 0;
  for (let i = 0; i < n; i++) {
    const t = incoming.openTime[i]!;
    while (j < m && existing.openTime[j]! < t) j++;
    if (j < m && existing.openTime[j] === t) {
      if (sameRow(incoming, i, existing, j)) counts.duplicates++;
      else noteConflict(counts, t);
    } else {
      fresh.push(i);
    }
  }
  return fresh.length === n ? incoming : take(incoming, fresh);
}
