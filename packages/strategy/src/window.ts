import {
  AlgoError,
  type BarColumns,
  ErrorCode,
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

let seekColumnWindow: (w: ColumnWindow, index: number) => void;

/** A view over whole columns with a cursor; only {@link ColumnFeed} moves the cursor. */
class ColumnWindow implements BarWindow {
  readonly capacity: number;
  #i = -1;
  readonly #openTime: Float64Array;
  readonly #open: Float64Array;
  readonly #high: Float64Array;
  readonly #low: Float64Array;
  readonly #close: Float64Array;
  readonly #volume: Float64Array;
  readonly #tfMs: number;

  static {
    seekColumnWindow = (w, index) => {
      w.#i = index;
    };
  }

  constructor(cols: BarColumns, tfMs: number, capacity: number) {
    this.capacity = capacity;
    this.#openTime = cols.openTime;
    this.#open = cols.open;
    this.#high = cols.high;
    this.#low = cols.low;
    this.#close = cols.close;
    this.#volume = cols.volume;
    this.#tfMs = tfMs;
  }

  get length(): number {
    const n = this.#i + 1;
    return Math.min(n, this.capacity);
  }

  #at(col: Float64Array, ago: number): number {
    if (!(ago >= 0 && Math.floor(ago) === ago)) badAgo(ago);
    return ago < this.capacity && ago <= this.#i ? col[this.#i - ago]! : Number.NaN;
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
    const len = this.length;
    if (!(n >= 0 && n <= len && Math.floor(n) === n)) badTail(n, len);
    const dst = out ?? new Float64Array(n);
    const col = this.#column(field);
    const from = this.#i + 1 - n;
    for (let j = 0; j < n; j++) dst[j] = col[from + j]!;
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

/**
 * Engine side of a window over in-memory columns (the backtest): `seek(i)` makes bar `i` the
 * just-closed bar. The strategy is only ever handed `feed.window`, which cannot seek.
 * The columns are trusted to be validated and ascending (the engine checks them first).
 */
export class ColumnFeed {
  readonly window: BarWindow;
  readonly #window: ColumnWindow;
  #index = -1;

  constructor(columns: BarColumns, tf: Timeframe, capacity: number) {
    checkCapacity(capacity);
    this.#window = new ColumnWindow(columns, timeframeMs(tf), capacity);
    this.window = this.#window;
  }

  /** Index of the just-closed bar, -1 before the first. */
  get index(): number {
    return this.#index;
  }

  seek(index: number): void {
    this.#index = index;
    seekColumnWindow(this.#window, index);
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

let pushRingWindow: (w: RingWindow, b: WindowBar) => void;

/** Ring buffers of the last `capacity` bars; only {@link RollingFeed} writes them. */
class RingWindow implements BarWindow {
  readonly capacity: number;
  readonly #tfMs: number;
  readonly #openTime: Float64Array;
  readonly #open: Float64Array;
  readonly #high: Float64Array;
  readonly #low: Float64Array;
  readonly #close: Float64Array;
  readonly #volume: Float64Array;
  /** Slot of the newest bar. */
  #head = -1;
  #count = 0;

  static {
    pushRingWindow = (w, b) => {
      const slot = w.#head + 1 === w.capacity ? 0 : w.#head + 1;
      w.#openTime[slot] = b.openTime;
      w.#open[slot] = b.open;
      w.#high[slot] = b.high;
      w.#low[slot] = b.low;
      w.#close[slot] = b.close;
      w.#volume[slot] = b.volume;
      w.#head = slot;
      if (w.#count < w.capacity) w.#count++;
    };
  }

  constructor(tfMs: number, capacity: number) {
    this.capacity = capacity;
    this.#tfMs = tfMs;
    this.#openTime = new Float64Array(capacity);
    this.#open = new Float64Array(capacity);
    this.#high = new Float64Array(capacity);
    this.#low = new Float64Array(capacity);
    this.#close = new Float64Array(capacity);
    this.#volume = new Float64Array(capacity);
  }

  get length(): number {
    return this.#count;
  }

  #at(col: Float64Array, ago: number): number {
    if (!(ago >= 0 && Math.floor(ago) === ago)) badAgo(ago);
    if (ago >= this.#count) return Number.NaN;
    const slot = this.#head - ago;
    return col[slot >= 0 ? slot : slot + this.capacity]!;
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
    const len = this.#count;
    if (!(n >= 0 && n <= len && Math.floor(n) === n)) badTail(n, len);
    const dst = out ?? new Float64Array(n);
    for (let j = 0; j < n; j++) dst[j] = this[field](n - 1 - j);
    return dst;
  }
}

/**
 * Engine side of a window fed one closed bar at a time (the live runner). Refuses a bar that is
 * not finite, not aligned to the timeframe, or not strictly after the previous one: bad input is
 * an error, never silently dropped or reordered.
 */
export class RollingFeed {
  readonly window: BarWindow;
  readonly #window: RingWindow;
  readonly #tfMs: number;
  readonly #calendar: TradingCalendar | undefined;
  #lastOpen = Number.NEGATIVE_INFINITY;

  /** With a session calendar, intraday bars may also open on the sessions' grid (NYSE 1h from 09:30). */
  constructor(tf: Timeframe, capacity: number, calendar?: TradingCalendar) {
    checkCapacity(capacity);
    this.#tfMs = timeframeMs(tf);
    this.#calendar = calendar?.alwaysOpen ? undefined : calendar;
    this.#window = new RingWindow(this.#tfMs, capacity);
    this.window = this.#window;
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
    pushRingWindow(this.#window, bar);
  }
}
