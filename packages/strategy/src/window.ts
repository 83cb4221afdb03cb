import {
  AlgoError,
  type BarColumns,
  ErrorCode,
  emptyColumns,
  isSessionAligned,
  type Timeframe,
  type TradingCalendar,
  timeframeMs,
} from '@algotrader/core';

export type BarField = 'open' | 'high' | 'low' | 'close' | 'volume';

/**
 * What a strategy sees of one instrument: the bar that has just closed and up to `capacity - 1`
 * bars before it, addressed by how many bars ago (0 = the just-closed bar). There is no index, no
 * array and no method that reaches a later bar: a negative `ago` throws, and the arrays behind a
 * window live in private fields the strategy cannot reach.
 *
 * `capacity` is the strategy's declared warm-up: reads further back than that give NaN in the
 * backtest exactly as they do live, where only that much history is kept.
 */
export interface BarWindow {
  /** Bars visible now: min(bars seen so far, capacity). 0 before the instrument's first bar. */
  readonly length: number;
  readonly capacity: number;
  open(ago?: number): number;
  high(ago?: number): number;
  low(ago?: number): number;
  close(ago?: number): number;
  volume(ago?: number): number;
  openTime(ago?: number): number;
  /** Close time (= open time + timeframe); `closeTime(0)` is the decision time for this instrument. */
  closeTime(ago?: number): number;
  /** The last `n` values of a field, oldest first, copied into `out` (or a new array). `n <= length`. */
  tail(field: BarField, n: number, out?: Float64Array): Float64Array;
}

function badAgo(ago: number): never {
  throw new AlgoError(
    ErrorCode.InvalidArgument,
    `bars ago must be an integer >= 0 (0 = the bar that just closed; later bars do not exist yet), got ${ago}`,
  );
}

function badTail(n: number, length: number): never {
  throw new AlgoError(
    ErrorCode.InvalidArgument,
    `tail(${n}) needs an integer 0..${length} (the bars visible now)`,
  );
}

function checkCapacity(capacity: number): void {
  if (!Number.isSafeInteger(capacity) || capacity < 1) {
    throw new AlgoError(
      ErrorCode.InvalidArgument,
      `window capacity must be an integer >= 1, got ${capacity}`,
    );
  }
}

/** Where a window's bars are: how many are visible and which column index holds the bar `ago` back. */
interface WindowCursor {
  readonly length: number;
  /** Column index of the bar `ago` (an integer >= 0) bars back, or -1 when it is not visible. */
  slot(ago: number): number;
}

/**
 * The one window class: reads columns through a cursor that only the feed moves. Columns, cursor
 * and timeframe live in #private fields, so the strategy gets nothing but the {@link BarWindow} API.
 */
class ColumnsWindow implements BarWindow {
  readonly capacity: number;
  readonly #cursor: WindowCursor;
  readonly #tfMs: number;
  readonly #openTime: Float64Array;
  readonly #open: Float64Array;
  readonly #high: Float64Array;
  readonly #low: Float64Array;
  readonly #close: Float64Array;
  readonly #volume: Float64Array;

  constructor(cols: BarColumns, tfMs: number, capacity: number, cursor: WindowCursor) {
    this.capacity = capacity;
    this.#cursor = cursor;
    this.#tfMs = tfMs;
    this.#openTime = cols.openTime;
    this.#open = cols.open;
    this.#high = cols.high;
    this.#low = cols.low;
    this.#close = cols.close;
    this.#volume = cols.volume;
  }

  get length(): number {
    return this.#cursor.length;
  }

  #at(col: Float64Array, ago: number): number {
    if (!(ago >= 0 && Math.floor(ago) === ago)) badAgo(ago);
    const i = this.#cursor.slot(ago);
    return i < 0 ? Number.NaN : col[i]!;
  }

  open(ago = 0): number {
    return this.#at(this.#open, ago);
  }
  high(ago = 0): number {
    return this.#at(this.#high, ago);
  }
  low(ago = 0): number {
    return this.#at(this.#low, ago);
  }
  close(ago = 0): number {
    return this.#at(this.#close, ago);
  }
  volume(ago = 0): number {
    return this.#at(this.#volume, ago);
  }
  openTime(ago = 0): number {
    return this.#at(this.#openTime, ago);
  }
  closeTime(ago = 0): number {
    return this.#at(this.#openTime, ago) + this.#tfMs;
  }

  tail(field: BarField, n: number, out?: Float64Array): Float64Array {
    const len = this.#cursor.length;
    if (!(n >= 0 && n <= len && Math.floor(n) === n)) badTail(n, len);
    const dst = out ?? new Float64Array(n);
    const col = this.#column(field);
    for (let j = 0; j < n; j++) dst[j] = col[this.#cursor.slot(n - 1 - j)]!;
    return dst;
  }

  #column(field: BarField): Float64Array {
    switch (field) {
      case 'open':
        return this.#open;
      case 'high':
        return this.#high;
      case 'low':
        return this.#low;
      case 'close':
        return this.#close;
      case 'volume':
        return this.#volume;
      default:
        throw new AlgoError(ErrorCode.InvalidArgument, `unknown bar field "${String(field)}"`);
    }
  }
}

/** Cursor over whole columns: bar `index` is the just-closed bar. */
class ColumnCursor implements WindowCursor {
  index = -1;
  constructor(readonly capacity: number) {}

  get length(): number {
    return Math.min(this.index + 1, this.capacity);
  }

  slot(ago: number): number {
    return ago < this.capacity && ago <= this.index ? this.index - ago : -1;
  }
}

/**
 * Engine side of a window over in-memory columns (the backtest): `seek(i)` makes bar `i` the
 * just-closed bar. The strategy is only ever handed `feed.window`, which cannot seek.
 * The columns are trusted to be validated and ascending (the engine checks them first).
 */
export class ColumnFeed {
  readonly window: BarWindow;
  readonly #cursor: ColumnCursor;

  constructor(columns: BarColumns, tf: Timeframe, capacity: number) {
    checkCapacity(capacity);
    this.#cursor = new ColumnCursor(capacity);
    this.window = new ColumnsWindow(columns, timeframeMs(tf), capacity, this.#cursor);
  }

  /** Index of the just-closed bar, -1 before the first. */
  get index(): number {
    return this.#cursor.index;
  }

  seek(index: number): void {
    this.#cursor.index = index;
  }
}

/** A bar as pushed into a {@link RollingFeed} (the live runner's input). */
export interface WindowBar {
  readonly openTime: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
}

/** Cursor over ring buffers of the last `capacity` bars. */
class RingCursor implements WindowCursor {
  /** Slot of the newest bar. */
  #head = -1;
  #count = 0;
  constructor(readonly capacity: number) {}

  get length(): number {
    return this.#count;
  }

  /** Makes the next slot the newest bar's and returns it (the oldest bar's, once the ring is full). */
  advance(): number {
    const slot = this.#head + 1 === this.capacity ? 0 : this.#head + 1;
    this.#head = slot;
    if (this.#count < this.capacity) this.#count++;
    return slot;
  }

  slot(ago: number): number {
    if (ago >= this.#count) return -1;
    const slot = this.#head - ago;
    return slot >= 0 ? slot : slot + this.capacity;
  }
}

/**
 * Engine side of a window fed one closed bar at a time (the live runner). Refuses a bar that is
 * not finite, not aligned to the timeframe, or not strictly after the previous one: bad input is
 * an error, never silently dropped or reordered.
 */
export class RollingFeed {
  readonly window: BarWindow;
  readonly #cols: ReturnType<typeof emptyColumns>;
  readonly #cursor: RingCursor;
  readonly #tfMs: number;
  readonly #calendar: TradingCalendar | undefined;
  #lastOpen = Number.NEGATIVE_INFINITY;

  /** With a session calendar, intraday bars may also open on the sessions' grid (NYSE 1h from 09:30). */
  constructor(tf: Timeframe, capacity: number, calendar?: TradingCalendar) {
    checkCapacity(capacity);
    this.#tfMs = timeframeMs(tf);
    this.#calendar = calendar?.alwaysOpen ? undefined : calendar;
    this.#cols = emptyColumns(capacity);
    this.#cursor = new RingCursor(capacity);
    this.window = new ColumnsWindow(this.#cols, this.#tfMs, capacity, this.#cursor);
  }

  push(bar: WindowBar): void {
    const { openTime, open, high, low, close, volume } = bar;
    if (![openTime, open, high, low, close, volume].every(Number.isFinite)) {
      throw new AlgoError(ErrorCode.InvalidBar, `bar at open time ${openTime} has a non-finite field`, {
        openTime,
      });
    }
    const cal = this.#calendar;
    if (openTime % this.#tfMs !== 0 && !(cal && isSessionAligned(cal, openTime, this.#tfMs))) {
      throw new AlgoError(ErrorCode.InvalidBar, `bar open time ${openTime} is not aligned to the timeframe`, {
        openTime,
      });
    }
    if (openTime <= this.#lastOpen) {
      throw new AlgoError(
        ErrorCode.InvalidBar,
        `bar open time ${openTime} is not after the previous bar's (${this.#lastOpen}): out of order or duplicate`,
        { openTime, previous: this.#lastOpen },
      );
    }
    this.#lastOpen = openTime;
    const slot = this.#cursor.advance();
    const cols = this.#cols;
    cols.openTime[slot] = openTime;
    cols.open[slot] = open;
    cols.high[slot] = high;
    cols.low[slot] = low;
    cols.close[slot] = close;
    cols.volume[slot] = volume;
  }
}
