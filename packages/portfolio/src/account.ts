import { AlgoError, ErrorCode, formatInstrument, type Instrument } from '@algotrader/core';
import type { PortfolioView, Side } from '@algotrader/strategy';
import { type Liquidation, SwapLedger, type SwapPositionBook, type SwapSetting } from './margin';
import { type InstrumentSpec, roundToStep } from './spec';

export const DAY_MS = 86_400_000;

/**
 * Day number of `timeMs` for an account whose day begins `dayOffsetMs` after UTC midnight
 * (e.g. 16 h for midnight in Asia/Shanghai). Pass the start of the period being valued (a bar's
 * open time), so a bar is counted in the day it began.
 */
export function dayOf(timeMs: number, dayOffsetMs = 0): number {
  return Math.floor((timeMs - dayOffsetMs) / DAY_MS);
}

/** One instrument in an `AccountBook`. */
export interface AccountPosition {
  qty: number;
  /** Average cost of the units held; NaN when flat. */
  avg: number;
  /** Σ sold qty × (sell price − average cost at the time); fees not included. */
  realized: number;
  /** Fees paid on this instrument's fills, quote units. */
  fees: number;
  /** T+1 accounts: units bought on day `day` (see `dayOf`), not sellable before the next day. */
  locked?: { qty: number; day: number };
}

/**
 * The account as a plain, serialisable value (what goes into KV), keyed by instrument key
 * `OKX:BTC/USDT`. Instruments never traded are left out of `positions`, unmarked ones out of `marks`.
 */
export interface AccountBook {
  initialCash: number;
  cash: number;
  positions: Record<string, AccountPosition>;
  marks: Record<string, number>;
  /** Equity at the last `revalue()`. */
  equity: number;
  peakEquity: number;
  /** Day number (see `dayOf`) of `dayStartEquity`; -1 before the first valuation. */
  day: number;
  dayStartEquity: number;
  /** Time passed to the last `revalue()`, ms (0 before the first). */
  valuedAt: number;
  /** Perpetual-swap positions (margin, funding, liquidations); absent while no swap was traded. */
  swaps?: Record<string, SwapPositionBook>;
}

export interface AccountOptions {
  readonly initialCash: number;
  readonly specs: readonly InstrumentSpec[];
  /** Day boundary as an offset from UTC midnight, ms (default 0: days are UTC days). */
  readonly dayOffsetMs?: number;
  /** Margin mode and leverage per swap, by instrument key (default cross, 1×). */
  readonly swapSettings?: Readonly<Record<string, SwapSetting>>;
  /** Liquidation fee of swaps, a fraction of the notional at the liquidation price (default 0.0005). */
  readonly liquidationFeeRate?: number;
  /**
   * T+1 (China A-shares): units bought on a day can be sold from the next day on; `applyFill`
   * then needs the fill's time and `sellable` tells what may be sold. Default false (T+0).
   */
  readonly tPlusOne?: boolean;
}

/** A position as reported (a copy; the account keeps its own numbers in columns). */
export interface Position {
  readonly instrument: Instrument;
  readonly qty: number;
  /** Average cost of the units held (NaN when flat). */
  readonly avgPrice: number;
  /** Latest close the position is valued at (NaN before the first). */
  readonly mark: number;
  /** qty × (mark − avgPrice); 0 when flat. */
  readonly unrealizedPnl: number;
  /** Σ sold qty × (sell price − average cost at the time); fees not included. */
  readonly realizedPnl: number;
  /** Fees paid on this instrument's fills, quote units. */
  readonly fees: number;
  /** Swaps only: net funding received (− paid), posted isolated margin, liquidation losses. */
  readonly funding?: number;
  readonly margin?: number;
  readonly liquidationLoss?: number;
}

/**
 * The one owner of an account's numbers — used by the backtest engine, every venue, the risk rules,
 * the monitor and the notifier: cash and long spot positions with average-cost accounting, fees
 * paid in quote currency out of cash, marks, equity, peak equity, day-start equity, drawdown and
 * daily P&L. Instruments are addressed by index (the order of `specs`) on the hot path, or by
 * Instrument / instrument key; per-instrument numbers live in columns, so valuing a bar allocates
 * nothing.
 *
 * Two equities: `equity` is live (cash + Σ qty × mark now); `revalue(time)` books a valuation —
 * peak, day start, drawdown and daily P&L are as of the last one, so every reader sees the same
 * figures the writer computed.
 *
 * Invariants (a violation is a bug upstream and throws): cash never goes below zero, a sell never
 * exceeds the position, quantities stay on the lot grid.
 *
 * Where the next venues' rules go (not built until a venue needs them):
 * - margin and leverage (swaps): a per-instrument margin column beside `#qty`, signed quantities,
 *   and `equity` = cash + Σ unrealized P&L instead of Σ qty × mark; `applyFill` checks free margin
 *   instead of cash;
 * - funding payments and borrow interest: a method booking an amount against cash and a
 *   per-instrument total column (shown in `Position`, kept in `AccountPosition`), called by the
 *   venue when the exchange reports one;
 * - T+1 for shares (A-shares, `tPlusOne`): units bought today are not `sellable` until the next
 *   day (built: `applyFill` with the fill time);
 * - settlement rules (T+1 cash): an unsettled-cash amount with its value date, moved into `cash` by
 *   `revalue` once the date is reached; buying power reads settled cash only.
 */
export class Account {
  readonly instruments: readonly Instrument[];
  readonly specs: readonly InstrumentSpec[];
  readonly view: PortfolioView;
  readonly initialCash: number;
  readonly dayOffsetMs: number;
  readonly tPlusOne: boolean;
  readonly #byRef = new Map<Instrument, number>();
  readonly #byKey = new Map<string, number>();
  readonly #keys: readonly string[];
  readonly #qty: Float64Array;
  readonly #avg: Float64Array;
  readonly #mark: Float64Array;
  readonly #realized: Float64Array;
  readonly #fees: Float64Array;
  /** T+1: units bought on day `#lockedDay[k]` (not sellable that day). */
  readonly #locked: Float64Array;
  readonly #lockedDay: Float64Array;
  #cash: number;
  /** Equity at the last revalue (the book's `equity`). */
  #valued: number;
  /** Σ qty × mark at the last revalue. */
  #valuedPositions = 0;
  #peak: number;
  #day = -1;
  #dayStart: number;
  #valuedAt = 0;
  /** Swap positions and their margin (see margin.ts); spot instruments never touch it. */
  readonly swaps: SwapLedger;
  readonly #markOf = (k: number): number => this.#mark[k]!;
  /** Σ |swap qty| × mark at the last revalue. */
  #valuedSwapGross = 0;
  #dividends = 0;

  private constructor(initialCash: number, o: Omit<AccountOptions, 'initialCash'>) {
    const offset = o.dayOffsetMs ?? 0;
    if (!(Math.abs(offset) < DAY_MS)) {
      throw new AlgoError(ErrorCode.InvalidArgument, `dayOffsetMs must be within ±1 day, got ${offset}`);
    }
    this.dayOffsetMs = offset;
    this.tPlusOne = o.tPlusOne ?? false;
    this.initialCash = initialCash;
    this.specs = o.specs;
    this.instruments = o.specs.map((s) => s.instrument);
    this.#keys = this.instruments.map(formatInstrument);
    this.#keys.forEach((key, k) => {
      if (this.#byKey.has(key))
        throw new AlgoError(ErrorCode.InvalidArgument, `instrument ${key} listed twice`);
      this.#byKey.set(key, k);
      this.#byRef.set(this.instruments[k]!, k);
    });
    const n = o.specs.length;
    this.#qty = new Float64Array(n);
    this.#avg = new Float64Array(n).fill(Number.NaN);
    this.#mark = new Float64Array(n).fill(Number.NaN);
    this.#realized = new Float64Array(n);
    this.#fees = new Float64Array(n);
    this.#locked = new Float64Array(n);
    this.#lockedDay = new Float64Array(n).fill(-1);
    this.#cash = initialCash;
    this.#valued = initialCash;
    this.#peak = initialCash;
    this.#dayStart = initialCash;
    this.swaps = new SwapLedger(o.specs, o.liquidationFeeRate);
    for (const [key, setting] of Object.entries(o.swapSettings ?? {})) {
      const k = this.#byKey.get(key);
      if (k === undefined || !this.swaps.has(k)) {
        throw new AlgoError(
          ErrorCode.InvalidArgument,
          `swap setting for ${key}, which is not a swap of this account`,
        );
      }
      this.swaps.configure(k, setting);
    }
    this.view = new ReadOnlyAccount(this);
  }

  /** A new account holding `initialCash` and nothing else. */
  static open(o: AccountOptions): Account {
    if (!(o.initialCash >= 0 && Number.isFinite(o.initialCash))) {
      throw new AlgoError(
        ErrorCode.InvalidArgument,
        `initial cash must be finite and >= 0, got ${o.initialCash}`,
      );
    }
    return new Account(o.initialCash, o);
  }

  /** The account a `snapshot()` was taken of; throws on a book that is not one. */
  static restore(o: Omit<AccountOptions, 'initialCash'>, book: AccountBook): Account {
    const bad = (what: string) => new AlgoError(ErrorCode.InvalidData, `account book: ${what}`);
    const finite = (name: string, v: unknown, min = Number.NEGATIVE_INFINITY) => {
      if (typeof v !== 'number' || !Number.isFinite(v) || v < min) throw bad(`${name} is ${String(v)}`);
      return v;
    };
    if (typeof book !== 'object' || book === null) throw bad('not an object');
    const a = new Account(finite('initialCash', book.initialCash, 0), o);
    a.#cash = finite('cash', book.cash, 0);
    a.#valued = finite('equity', book.equity);
    // Not kept in the book: exact while no fill came after the valuation (the usual case).
    a.#valuedPositions = a.#valued - a.#cash;
    a.#peak = finite('peakEquity', book.peakEquity);
    a.#dayStart = finite('dayStartEquity', book.dayStartEquity);
    a.#day = finite('day', book.day, -1);
    a.#valuedAt = finite('valuedAt', book.valuedAt);
    for (const [key, p] of Object.entries(book.positions ?? {})) {
      const k = a.#byKey.get(key);
      if (k === undefined) throw bad(`position in ${key}, which this account does not trade`);
      if (typeof p !== 'object' || p === null) throw bad(`position in ${key} is ${String(p)}`);
      a.#qty[k] = finite(`${key} qty`, p.qty, 0);
      a.#realized[k] = finite(`${key} realized`, p.realized);
      a.#fees[k] = finite(`${key} fees`, p.fees, 0);
      // NaN when flat, and allowed when held: a holding found on the exchange has no known cost.
      a.#avg[k] = p.qty === 0 || Number.isNaN(p.avg) ? Number.NaN : finite(`${key} avg`, p.avg, 0);
      if (p.locked !== undefined) {
        a.#locked[k] = finite(`${key} locked qty`, p.locked.qty, 0);
        a.#lockedDay[k] = finite(`${key} locked day`, p.locked.day);
      }
    }
    for (const [key, p] of Object.entries(book.swaps ?? {})) {
      const k = a.#byKey.get(key);
      if (k === undefined || !a.swaps.has(k)) throw bad(`swap position in ${key}, which is not a swap here`);
      if (typeof p !== 'object' || p === null) throw bad(`swap position in ${key} is ${String(p)}`);
      for (const f of [
        'qty',
        'margin',
        'leverage',
        'realized',
        'fees',
        'funding',
        'liquidationLoss',
        'liquidationFees',
        'liquidations',
      ] as const)
        finite(`${key} ${f}`, p[f]);
      a.swaps.restoreOf(k, p);
    }
    for (const [key, m] of Object.entries(book.marks ?? {})) {
      const k = a.#byKey.get(key);
      if (k === undefined) throw bad(`mark of ${key}, which this account does not trade`);
      a.#mark[k] = finite(`${key} mark`, m, 0);
    }
    return a;
  }

  /** Index of an instrument (or key `OKX:BTC/USDT`), -1 when this account does not trade it. */
  indexOf(i: Instrument | string): number {
    if (typeof i === 'string') return this.#byKey.get(i) ?? -1;
    return this.#byRef.get(i) ?? this.#byKey.get(formatInstrument(i)) ?? -1;
  }

  /** Index of an instrument; throws when unknown. */
  require(i: Instrument | string): number {
    const k = this.indexOf(i);
    if (k < 0) {
      const key = typeof i === 'string' ? i : formatInstrument(i);
      throw new AlgoError(ErrorCode.NotFound, `instrument ${key} is not in this account`);
    }
    return k;
  }

  /** Instrument key `OKX:BTC/USDT` of index `k`. */
  keyOf(k: number): string {
    return this.#keys[k]!;
  }

  get cash(): number {
    return this.#cash;
  }

  /** Units held; signed for a swap (negative: short). */
  qty(k: number): number {
    return this.swaps.has(k) ? this.swaps.qtyCol[k]! : this.#qty[k]!;
  }

  avgPrice(k: number): number {
    return this.swaps.has(k) ? this.swaps.avgCol[k]! : this.#avg[k]!;
  }

  mark(k: number): number {
    return this.#mark[k]!;
  }

  /**
   * Units of `k` that may be sold at `timeMs`: the position, less (T+1 accounts) what was bought
   * on the same day.
   */
  sellable(k: number, timeMs: number): number {
    const q = this.#qty[k]!;
    if (!this.tPlusOne || this.#lockedDay[k] !== dayOf(timeMs, this.dayOffsetMs)) return q;
    return Math.max(0, roundToStep(q - this.#locked[k]!, this.specs[k]!.lotSize));
  }

  /** Values instrument `k` at `price` (its latest close) from now on. */
  setMark(k: number, price: number): void {
    this.#mark[k] = price;
  }

  /** Σ qty × mark over held instruments, in spec order: the gross long exposure, quote units. */
  get positionsValue(): number {
    let v = 0;
    const q = this.#qty;
    const m = this.#mark;
    for (let k = 0; k < q.length; k++) if (q[k] !== 0) v += q[k]! * m[k]!;
    return v;
  }

  /** Live equity: cash + Σ qty × mark now (+ Σ swap unrealized P&L). */
  get equity(): number {
    return this.#cash + this.positionsValue + this.swaps.unrealized(this.#markOf);
  }

  get realizedPnl(): number {
    let r = this.swaps.sum(this.swaps.realizedCol);
    for (const x of this.#realized) r += x;
    return r;
  }

  get unrealizedPnl(): number {
    let u = 0;
    for (let k = 0; k < this.#qty.length; k++) {
      const q = this.#qty[k]!;
      if (q !== 0) u += q * (this.#mark[k]! - this.#avg[k]!);
    }
    return u + this.swaps.unrealized(this.#markOf);
  }

  get feesPaid(): number {
    let f = this.swaps.sum(this.swaps.feesCol);
    for (const x of this.#fees) f += x;
    return f;
  }

  position(k: number): Position {
    if (this.swaps.has(k)) return this.#swapPosition(k);
    const qty = this.#qty[k]!;
    const avgPrice = this.#avg[k]!;
    const mark = this.#mark[k]!;
    return {
      instrument: this.instruments[k]!,
      qty,
      avgPrice,
      mark,
      unrealizedPnl: qty === 0 ? 0 : qty * (mark - avgPrice),
      realizedPnl: this.#realized[k]!,
      fees: this.#fees[k]!,
    };
  }

  positions(): Position[] {
    return this.instruments.map((_, k) => this.position(k));
  }

  /**
   * Books a fill: a buy adds at average cost and pays `qty × price + fee`; a sell realises
   * `qty × (price − avg)` and receives `qty × price − fee`. An unmarked instrument is marked at the
   * fill price. `timeMs` (when it executed) is required on a T+1 account: a buy locks its units
   * for that day, and a sell beyond `sellable` throws.
   */
  applyFill(k: number, side: Side, qty: number, price: number, fee: number, timeMs?: number): void {
    const spec = this.specs[k];
    if (!spec || !(qty > 0) || !(price > 0) || !(fee >= 0)) {
      throw new AlgoError(ErrorCode.InvalidArgument, `bad fill: #${k} ${side} ${qty} @ ${price} fee ${fee}`);
    }
    if (this.swaps.has(k)) {
      // A swap fill exchanges no notional: cash moves by realized P&L and the fee (margin.ts).
      this.#cash += this.swaps.fill(k, side === 'buy' ? qty : -qty, price, fee, this.#cash, this.#markOf);
      if (Number.isNaN(this.#mark[k]!)) this.#mark[k] = price;
      return;
    }
    if (this.tPlusOne) this.#settleT1(k, side, qty, timeMs);
    const held = this.#qty[k]!;
    const notional = qty * price;
    if (side === 'buy') {
      const cash = this.#cash - notional - fee;
      // A few ulps of the notional: the fill model sizes buys to the cash it is shown.
      if (cash < -1e-9 * notional) {
        throw new AlgoError(ErrorCode.Internal, `buy of ${notional + fee} exceeds cash ${this.#cash}`);
      }
      this.#cash = Math.max(0, cash);
      const q = roundToStep(held + qty, spec.lotSize);
      this.#avg[k] = held === 0 ? price : (held * this.#avg[k]! + notional) / (held + qty);
      this.#qty[k] = q;
    } else {
      if (qty > held) {
        throw new AlgoError(
          ErrorCode.Internal,
          `sell of ${qty} exceeds the position ${held} (spot is long-only)`,
        );
      }
      this.#cash += notional - fee;
      this.#realized[k]! += qty * (price - this.#avg[k]!);
      const q = roundToStep(held - qty, spec.lotSize);
      this.#qty[k] = q;
      if (q === 0) this.#avg[k] = Number.NaN;
    }
    this.#fees[k]! += fee;
    if (Number.isNaN(this.#mark[k]!)) this.#mark[k] = price;
  }

  /** T+1 bookkeeping of a fill (before it is applied): checks a sell, locks a buy for its day. */
  #settleT1(k: number, side: Side, qty: number, timeMs: number | undefined): void {
    if (timeMs === undefined || !Number.isFinite(timeMs)) {
      throw new AlgoError(ErrorCode.InvalidArgument, `T+1 account: the fill of #${k} needs its time`);
    }
    const day = dayOf(timeMs, this.dayOffsetMs);
    if (side === 'sell') {
      const free = this.sellable(k, timeMs);
      if (qty > free) {
        throw new AlgoError(
          ErrorCode.Internal,
          `sell of ${qty} exceeds the ${free} sellable (T+1: ${this.#qty[k]! - free} bought today)`,
        );
      }
      return;
    }
    if (this.#lockedDay[k] !== day) {
      this.#lockedDay[k] = day;
      this.#locked[k] = 0;
    }
    this.#locked[k]! += qty;
  }

  /**
   * Books a valuation at `timeMs`, the start of the period being valued (a bar's open time); set
   * the period's marks first. When `timeMs` falls in a new day, that day starts at the equity of
   * the previous valuation (the previous day's close; the opening equity on the first valuation).
   * Then equity is taken at the current marks and the peak follows it.
   */
  revalue(timeMs: number): void {
    const day = dayOf(timeMs, this.dayOffsetMs);
    if (day !== this.#day) {
      this.#day = day;
      this.#dayStart = this.#valued;
    }
    const pv = this.positionsValue + this.swaps.unrealized(this.#markOf);
    const e = this.#cash + pv;
    this.#valuedPositions = pv;
    this.#valuedSwapGross = this.swaps.grossNotional(this.#markOf);
    this.#valued = e;
    if (e > this.#peak) this.#peak = e;
    this.#valuedAt = timeMs;
  }

  /** Equity at the last `revalue()` (the opening equity before the first). */
  get valuedEquity(): number {
    return this.#valued;
  }

  /**
   * Gross exposure at the last valuation: (Σ spot qty × mark + Σ |swap qty| × mark) / equity
   * (0 when equity ≤ 0); above 1 with leverage.
   */
  get exposure(): number {
    if (!(this.#valued > 0)) return 0;
    if (this.#valuedSwapGross === 0) return this.#valuedPositions / this.#valued;
    const spot = this.#valuedPositions - this.swaps.unrealized(this.#markOf);
    return (spot + this.#valuedSwapGross) / this.#valued;
  }

  get peakEquity(): number {
    return this.#peak;
  }

  get dayStartEquity(): number {
    return this.#dayStart;
  }

  /** Day number (see `dayOf`) of `dayStartEquity`; -1 before the first valuation. */
  get day(): number {
    return this.#day;
  }

  get valuedAt(): number {
    return this.#valuedAt;
  }

  /** Valued equity / peak − 1 (≤ 0; 0 without a positive peak). */
  get drawdown(): number {
    return this.#peak > 0 ? this.#valued / this.#peak - 1 : 0;
  }

  /** Valued equity − day-start equity. */
  get dailyPnl(): number {
    return this.#valued - this.#dayStart;
  }

  /** (day start − valued equity) / day start: the day's loss as a fraction (0 without a positive day start). */
  get dailyLoss(): number {
    return this.#dayStart > 0 ? (this.#dayStart - this.#valued) / this.#dayStart : 0;
  }

  /**
   * Sets cash to an exchange's balance (a live venue reconciles to the venue's number) and returns
   * the difference applied. Before the first valuation the opening equity and peak follow, so an
   * account opened empty and funded by the first balance read starts its first day at that balance.
   */
  setCash(amount: number): number {
    if (!(amount >= 0 && Number.isFinite(amount))) {
      throw new AlgoError(ErrorCode.InvalidArgument, `cash must be finite and >= 0, got ${amount}`);
    }
    const diff = amount - this.#cash;
    this.#cash = amount;
    if (this.#day === -1) {
      this.#valued = this.equity;
      this.#peak = this.#valued;
      this.#dayStart = this.#valued;
    }
    return diff;
  }

  /**
   * Books a cash dividend on spot instrument `k`: every unit held earns `perShare` in cash. Returns
   * the amount credited (0 when flat). The cash is in the book; the running total is
   * `dividendsReceived` (not part of the snapshot: a live venue reports dividends as cash).
   */
  applyDividend(k: number, perShare: number): number {
    if (!(perShare > 0 && Number.isFinite(perShare))) {
      throw new AlgoError(ErrorCode.InvalidArgument, `a dividend per share must be > 0, got ${perShare}`);
    }
    if (this.swaps.has(k)) {
      throw new AlgoError(
        ErrorCode.InvalidArgument,
        `${this.#keys[k]} is a swap: it pays funding, not dividends`,
      );
    }
    const amount = this.#qty[k]! * perShare;
    this.#cash += amount;
    this.#dividends += amount;
    return amount;
  }

  /** Cash dividends credited since the account was opened or restored. */
  get dividendsReceived(): number {
    return this.#dividends;
  }

  /** The account as a fresh plain value. */
  snapshot(): AccountBook {
    const positions: Record<string, AccountPosition> = {};
    const marks: Record<string, number> = {};
    for (let k = 0; k < this.#keys.length; k++) {
      const key = this.#keys[k]!;
      const qty = this.#qty[k]!;
      if (qty !== 0 || this.#realized[k] !== 0 || this.#fees[k] !== 0) {
        const p: AccountPosition = {
          qty,
          avg: this.#avg[k]!,
          realized: this.#realized[k]!,
          fees: this.#fees[k]!,
        };
        if (this.#locked[k]! > 0) p.locked = { qty: this.#locked[k]!, day: this.#lockedDay[k]! };
        positions[key] = p;
      }
      if (!Number.isNaN(this.#mark[k]!)) marks[key] = this.#mark[k]!;
    }
    const book: AccountBook = {
      initialCash: this.initialCash,
      cash: this.#cash,
      positions,
      marks,
      equity: this.#valued,
      peakEquity: this.#peak,
      day: this.#day,
      dayStartEquity: this.#dayStart,
      valuedAt: this.#valuedAt,
    };
    for (let k = 0; k < this.#keys.length; k++) {
      if (!this.swaps.has(k)) continue;
      const b = this.swaps.snapshotOf(k);
      if (b.qty === 0 && b.realized === 0 && b.fees === 0 && b.funding === 0 && b.liquidations === 0)
        continue;
      book.swaps ??= {};
      book.swaps[this.#keys[k]!] = b;
    }
    return book;
  }

  // --- Perpetual swaps (margin.ts holds the rules; these book their cash effects) -----------------

  /**
   * Books a funding settlement on swap `k`: the position pays `qty × mark × rate` (longs pay when
   * the rate is positive). Returns the amount received (negative when paid).
   */
  applyFunding(k: number, rate: number, markPrice: number): number {
    const pay = this.swaps.funding(k, rate, markPrice);
    this.#cash += pay;
    return pay;
  }

  /**
   * Books a funding payment a venue settled on swap `k` (received > 0, paid < 0) against cash:
   * a live account takes the exchange's amount rather than recomputing it from a rate.
   */
  applyFundingAmount(k: number, amount: number): number {
    if (!this.swaps.has(k)) {
      throw new AlgoError(ErrorCode.InvalidArgument, `${this.#keys[k]} is not a swap: no funding to book`);
    }
    this.#cash += this.swaps.fundingSettled(k, amount);
    return amount;
  }

  /** Mark price at which swap `k` would be liquidated now (NaN when flat). */
  liquidationPrice(k: number): number {
    return this.swaps.liquidationPrice(k, this.#cash, this.#markOf);
  }

  /** OKX margin ratio of swap `k` at the current marks (1 = liquidation; Infinity when flat). */
  marginRatio(k: number): number {
    return this.swaps.marginRatio(k, this.#cash, this.#markOf);
  }

  /** Margin free to open swap positions with, at the current marks. */
  get availableMargin(): number {
    return this.swaps.availableMargin(this.#cash, this.#markOf);
  }

  /**
   * Liquidates swap `k` at `price` (isolated: that position; cross: every cross position, the
   * others at their marks). Returns what was closed; cash falls by the margin or collateral lost.
   */
  liquidate(k: number, price: number): Liquidation[] {
    const r = this.swaps.liquidate(k, price, this.#cash, this.#markOf);
    this.#cash = Math.max(0, this.#cash + r.cashDelta);
    this.#mark[k] = price;
    return r.done;
  }

  /** Net funding received (− paid) over all swaps. */
  get fundingPnl(): number {
    return this.swaps.sum(this.swaps.fundingCol);
  }

  /** Margin and collateral lost to liquidations over all swaps. */
  get liquidationLoss(): number {
    return this.swaps.sum(this.swaps.liqLossCol);
  }

  /** Gross swap notional at the current marks / live equity (0 when equity ≤ 0). */
  get leverage(): number {
    const e = this.equity;
    return e > 0 ? this.swaps.grossNotional(this.#markOf) / e : 0;
  }

  #swapPosition(k: number): Position {
    const s = this.swaps;
    const qty = s.qtyCol[k]!;
    const mark = this.#mark[k]!;
    return {
      instrument: this.instruments[k]!,
      qty,
      avgPrice: s.avgCol[k]!,
      mark,
      unrealizedPnl: s.upl(k, mark),
      realizedPnl: s.realizedCol[k]!,
      fees: s.feesCol[k]!,
      funding: s.fundingCol[k]!,
      margin: s.marginCol[k]!,
      liquidationLoss: s.liqLossCol[k]!,
    };
  }
}

class ReadOnlyAccount implements PortfolioView {
  readonly #a: Account;
  constructor(a: Account) {
    this.#a = a;
  }
  get cash(): number {
    return this.#a.cash;
  }
  get equity(): number {
    return this.#a.equity;
  }
  position(instrument: Instrument): number {
    const k = this.#a.indexOf(instrument);
    return k < 0 ? 0 : this.#a.qty(k);
  }
  averagePrice(instrument: Instrument): number {
    const k = this.#a.indexOf(instrument);
    return k < 0 ? Number.NaN : this.#a.avgPrice(k);
  }
}
