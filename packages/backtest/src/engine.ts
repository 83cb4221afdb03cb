import {
  ALWAYS_OPEN,
  AlgoError,
  type BarColumns,
  type CashDividend,
  ErrorCode,
  exitOrderId,
  fillTime,
  formatInstrument,
  type Instrument,
  sessionBarClose,
  type TradingCalendar,
  timeframeMs,
} from '@algotrader/core';
import {
  Account,
  armProtection,
  checkProtection,
  FillModel,
  type FillModelInput,
  floorToStep,
  type InstrumentSpec,
  instrumentSpec,
  type Liquidity,
  type OrderRejection,
  type PlannedOrder,
  type Position,
  type Protection,
  planOrders,
  type Trigger,
} from '@algotrader/portfolio';
import {
  type AnyStrategy,
  ColumnFeatureFeed,
  ColumnFeed,
  type Decision,
  type ExitReason,
  parseParams,
  StrategyHost,
  windowCapacity,
} from '@algotrader/strategy';
import { type BacktestData, validateSeriesOnce } from './data';
import type { MarketRules } from './market';
import { type Fill, RoundTripTracker, type Trade } from './trades';

export interface BacktestConfig {
  readonly strategy: AnyStrategy;
  /** Raw parameters, parsed (defaults applied, unknown keys rejected) by the strategy's schema. */
  readonly params?: unknown;
  readonly data: BacktestData;
  readonly initialCash: number;
  /** Timing (`next_open` default, or `close`), maker/taker fees and slippage. */
  readonly fillModel?: FillModelInput | FillModel;
  /** Account name in client order ids. Default `backtest`. */
  readonly account?: string;
  /** A market's own rules (T+1, price limits, suspensions, fee schedule); default: none. */
  readonly market?: MarketRules;
  /**
   * When the market trades (default `ALWAYS_OPEN`, 24/7). With a session calendar every bar must
   * lie in a session (refused otherwise), fills are stamped inside the session (a next-open fill
   * at the later of the bar's open and the session's open, a close fill at the earlier of the
   * bar's close and the session's close) and metrics are annualised by its trading days / hours.
   */
  readonly calendar?: TradingCalendar;
  /**
   * Cash dividends (e.g. the store's `dividendsFor`): on each instrument's first bar at or after
   * the ex-date, before that bar's fills, the shares held are credited in cash. Give them only
   * with prices that are not dividend-adjusted.
   */
  readonly dividends?: readonly CashDividend[];
}

/** A dividend the backtest credited. */
export interface DividendCredit {
  /** Open time of the bar it was booked on (the first bar of the ex-date). */
  readonly time: number;
  readonly instrument: Instrument;
  readonly qty: number;
  readonly perShare: number;
  readonly amount: number;
}

export type OrderStatus = 'pending' | 'filled' | 'partially_filled' | 'expired' | 'rejected' | 'cancelled';

/** An order with what became of it. */
export interface OrderRecord {
  readonly order: PlannedOrder;
  status: OrderStatus;
  filledQty: number;
  /** NaN unless (partially) filled. */
  fillPrice: number;
  /**
   * Why it did not fill (fully): a fill-model reason, `limit_not_reached`, `replaced` by a newer
   * decision, or the market rules' refusal (`limit_up`, `suspended`: the last one while carried).
   */
  reason?: string;
}

export interface DecisionRecord {
  /** Decision time: close time of the bar. */
  readonly time: number;
  readonly decision: Decision;
}

/** Per bar close time of the union of the instruments' bars, after that close's fills. */
export interface EquityCurve {
  readonly time: Float64Array;
  readonly equity: Float64Array;
  readonly cash: Float64Array;
  /** Value of the positions / equity (0..1 for a long-only spot account). */
  readonly exposure: Float64Array;
  /** equity / running peak − 1 (≤ 0); the running peak starts at the initial cash. */
  readonly drawdown: Float64Array;
}

export interface BacktestResult {
  readonly strategy: string;
  readonly params: unknown;
  readonly timeframe: BacktestData['timeframe'];
  readonly instruments: readonly Instrument[];
  readonly initialCash: number;
  /** Open time of the first bar: where the equity curve starts, at the initial cash. */
  readonly startTime: number;
  readonly decisions: readonly DecisionRecord[];
  readonly orders: readonly OrderRecord[];
  /** Decisions the portfolio step refused (below the minimums, nothing to sell, ...). */
  readonly rejections: readonly OrderRejection[];
  readonly fills: readonly Fill[];
  /** Closed round trips; a position still open at the end is in `positions`, not here. */
  readonly trades: readonly Trade[];
  readonly equity: EquityCurve;
  readonly positions: readonly Position[];
  readonly finalEquity: number;
  /** Instrument bars processed (the unit of the throughput figures). */
  readonly barSteps: number;
  /** The calendar it ran on (absent: 24/7). */
  readonly calendar?: TradingCalendar;
  /** Cash dividends credited on held shares (empty without `dividends`). */
  readonly dividends?: readonly DividendCredit[];
}

interface Pending {
  readonly rec: OrderRecord;
  readonly k: number;
}

/** Unions already merged, by the first series' open times; reused while every series is the same array. */
const unions = new WeakMap<
  Float64Array,
  { readonly cols: readonly Float64Array[]; readonly union: Float64Array }[]
>();

/** {@link unionOpenTimes}, merged once per set of open-time arrays (a sweep runs many configurations on one). */
function cachedUnion(series: readonly BarColumns[], step: number, utcGrid: boolean): Float64Array {
  if (series.length === 1) return series[0]!.openTime;
  const cols = series.map((s) => s.openTime);
  const seen = unions.get(cols[0]!);
  const hit = seen?.find((u) => u.cols.length === cols.length && u.cols.every((c, k) => c === cols[k]));
  if (hit) return hit.union;
  const union = unionOpenTimes(series, step, utcGrid);
  if (seen) seen.push({ cols, union });
  else unions.set(cols[0]!, [{ cols, union }]);
  return union;
}

/**
 * Union of the open times of every series (each strictly ascending, validated), ascending, each
 * once. Open times on one grid (multiples of a step, as every 24/7 series of a timeframe is) are
 * marked in a byte per grid slot between the first and the last and read back in order: one pass
 * over the bars and no merge. Otherwise (session grids, a range too sparse for the marks): an N-way
 * merge. `utcGrid`: every open time is known to be a multiple of `step` (validated), so each run
 * of bars one step apart is marked at once, with no division per bar.
 */
function unionOpenTimes(series: readonly BarColumns[], step: number, utcGrid: boolean): Float64Array {
  if (series.length === 1) return series[0]!.openTime;
  const cols = series.map((s) => s.openTime);
  let total = 0;
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const c of cols) {
    total += c.length;
    if (c.length === 0) continue;
    if (c[0]! < lo) lo = c[0]!;
    if (c[c.length - 1]! > hi) hi = c[c.length - 1]!;
  }
  if (total === 0) return new Float64Array(0);
  const slots = (hi - lo) / step + 1;
  if (Number.isSafeInteger(slots) && slots <= 4 * total + 1024) {
    const marks = new Uint8Array(slots);
    let onGrid = true;
    for (const c of cols) {
      const len = c.length;
      if (utcGrid && len > 0) {
        // Runs without a gap are marked at once; a gap's width is a whole number of steps.
        let i = 0;
        let j = (c[0]! - lo) / step;
        while (i < len) {
          let e = i + 1;
          while (e < len && c[e]! - c[e - 1]! === step) e++;
          marks.fill(1, j, j + e - i);
          if (e < len) j += e - i - 1 + (c[e]! - c[e - 1]!) / step;
          i = e;
        }
        continue;
      }
      for (let i = 0; i < len; i++) {
        const j = (c[i]! - lo) / step;
        // A time off the grid gives a fractional slot (the times are integers below 2^53).
        if (j !== Math.floor(j)) {
          onGrid = false;
          break;
        }
        marks[j] = 1;
      }
      if (!onGrid) break;
    }
    if (onGrid) {
      let m = 0;
      for (let j = 0; j < slots; j++) m += marks[j]!;
      const out = new Float64Array(m);
      let o = 0;
      for (let j = 0; j < slots; j++) if (marks[j] === 1) out[o++] = lo + j * step;
      return out;
    }
  }
  return mergeOpenTimes(cols, total);
}

/** {@link unionOpenTimes} by an N-way merge (any ascending open times). */
function mergeOpenTimes(cols: readonly Float64Array[], total: number): Float64Array {
  const n = cols.length;
  const at = new Int32Array(n);
  const out = new Float64Array(total);
  let m = 0;
  for (;;) {
    let min = Number.POSITIVE_INFINITY;
    for (let k = 0; k < n; k++) {
      const c = cols[k]!;
      const i = at[k]!;
      if (i < c.length && c[i]! < min) min = c[i]!;
    }
    if (min === Number.POSITIVE_INFINITY) break;
    out[m++] = min;
    for (let k = 0; k < n; k++) {
      const c = cols[k]!;
      if (at[k]! < c.length && c[at[k]!] === min) at[k]!++;
    }
  }
  return out.slice(0, m);
}

/**
 * Runs a strategy over bars, time-aligned across instruments: at each close time of the union of
 * their bars, instruments with a bar then get it (the others simply do not), pending orders fill,
 * the strategy decides through the same `StrategyHost` the live runner uses, and the decisions go
 * through the shared `planOrders` and `FillModel`. Bad data is refused before anything runs.
 */
export function runBacktest(config: BacktestConfig): BacktestResult {
  return new BacktestRun(config).run();
}

class BacktestRun {
  readonly strategy: AnyStrategy;
  readonly params: unknown;
  readonly account: string;
  readonly cols: readonly BarColumns[];
  readonly specs: readonly InstrumentSpec[];
  readonly instruments: readonly Instrument[];
  readonly book: Account;
  readonly model: FillModel;
  readonly feeds: ColumnFeed[];
  /** The strategy's declared features per instrument, computed in batch; moved with `feeds`. */
  readonly featureFeeds: ColumnFeatureFeed[];
  readonly host: StrategyHost;
  readonly tfMs: number;
  readonly calendar: TradingCalendar;
  readonly tracker: RoundTripTracker;
  readonly decisions: DecisionRecord[] = [];
  readonly orders: OrderRecord[] = [];
  readonly rejections: OrderRejection[] = [];
  readonly fills: Fill[] = [];
  readonly pending: Pending[] = [];
  /** Armed protective exits per instrument (undefined: none), with the strategy that armed them. */
  readonly protections: (Protection | undefined)[];
  readonly protectedBy: string[];
  #armed = 0;
  /** Row of instrument k's bar at the current time, -1 when it has none. */
  readonly cur: Int32Array;
  readonly scratch = { open: 0, high: 0, low: 0, close: 0, volume: 0 };
  readonly #price = (i: Instrument): number => this.book.mark(this.book.require(i));
  readonly #spec = (i: Instrument): InstrumentSpec => this.specs[this.book.require(i)]!;

  constructor(readonly config: BacktestConfig) {
    const { strategy, data, initialCash } = config;
    const tf = data.timeframe;
    if (strategy.timeframes !== 'any' && !strategy.timeframes.includes(tf)) {
      throw new AlgoError(
        ErrorCode.InvalidArgument,
        `strategy ${strategy.name} runs on ${strategy.timeframes.join(', ')}, not ${tf}`,
      );
    }
    if (data.series.length === 0)
      throw new AlgoError(ErrorCode.InvalidData, 'a backtest needs at least one instrument');
    this.calendar = config.calendar ?? ALWAYS_OPEN;
    for (const s of data.series) validateSeriesOnce(s.instrument, s.bars, tf, this.calendar);
    if (!this.calendar.alwaysOpen) {
      for (const s of data.series) validateSessions(s.instrument, s.bars, timeframeMs(tf), this.calendar);
    }
    if (data.series.every((s) => s.bars.openTime.length === 0)) {
      throw new AlgoError(ErrorCode.InvalidData, 'a backtest needs at least one bar');
    }
    this.strategy = strategy;
    this.params = parseParams(strategy, config.params);
    this.account = config.account ?? 'backtest';
    this.tfMs = timeframeMs(tf);
    this.cols = data.series.map((s) => s.bars);
    this.specs = data.series.map((s) => instrumentSpec(s.instrument, s.spec));
    this.instruments = this.specs.map((s) => s.instrument);
    this.book = Account.open({ initialCash, specs: this.specs, tPlusOne: config.market?.tPlusOne ?? false });
    this.model =
      config.fillModel instanceof FillModel ? config.fillModel : new FillModel(config.fillModel ?? {});
    const capacity = windowCapacity(strategy, this.params);
    this.feeds = this.cols.map((c) => new ColumnFeed(c, tf, capacity));
    this.host = new StrategyHost({
      strategy,
      params: this.params,
      instruments: this.instruments,
      windows: this.feeds.map((f) => f.window),
      portfolio: this.book.view,
    });
    this.featureFeeds = this.cols.map(
      (c, k) => new ColumnFeatureFeed(this.host.declared, c, this.host.features[k]!),
    );
    this.tracker = new RoundTripTracker(this.instruments.length);
    this.cur = new Int32Array(this.instruments.length).fill(-1);
    this.protections = this.instruments.map(() => undefined);
    this.protectedBy = this.instruments.map(() => '');
  }

  run(): BacktestResult {
    const { cols, feeds, book, host, cur, tfMs } = this;
    const n = cols.length;
    // 24/7: validation put every open time on the UTC grid of the timeframe.
    const opens = cachedUnion(cols, tfMs, this.calendar.alwaysOpen);
    const T = opens.length;
    const time = new Float64Array(T);
    const equity = new Float64Array(T);
    const cash = new Float64Array(T);
    const exposure = new Float64Array(T);
    const drawdown = new Float64Array(T);
    const openTimes = cols.map((c) => c.openTime);
    const closes = cols.map((c) => c.close);
    const lengths = Int32Array.from(cols, (c) => c.openTime.length);
    const next = new Int32Array(n);
    const updated = host.updated;
    let barSteps = 0;
    const dividends = this.#dividendSchedule();
    const nextDividend = new Int32Array(n);
    const credits: DividendCredit[] = [];

    for (let ti = 0; ti < T; ti++) {
      const open = opens[ti]!;
      // The bar's close: cut at its session's close (a 15:30 NYSE hourly bar closes at 16:00).
      const t = sessionBarClose(this.calendar, open, tfMs);
      for (let k = 0; k < n; k++) {
        const i = next[k]!;
        if (i < lengths[k]! && openTimes[k]![i] === open) {
          cur[k] = i;
          next[k] = i + 1;
          // Ex-dates up to this bar: the shares held before its fills earned the dividend.
          const divs = dividends[k]!;
          while (nextDividend[k]! < divs.length && divs[nextDividend[k]!]!.exDay <= open) {
            const d = divs[nextDividend[k]!]!;
            nextDividend[k]! += 1;
            const qty = book.qty(k);
            if (qty === 0) continue;
            const amount = book.applyDividend(k, d.perShare);
            credits.push({ time: open, instrument: this.instruments[k]!, qty, perShare: d.perShare, amount });
          }
          feeds[k]!.seek(i);
          this.featureFeeds[k]!.seek(i);
          book.setMark(k, closes[k]![i]!);
          updated[k] = 1;
          barSteps++;
        } else {
          cur[k] = -1;
        }
      }
      if (this.pending.length > 0) this.fillPending();
      if (this.#armed > 0) this.protect(t);
      const ds = host.step(t);
      if (ds.length > 0) this.decide(ds, t);

      // The bar's valuation, as every venue books it: equity, peak and day start come from the account.
      book.revalue(open);
      const eq = book.valuedEquity;
      time[ti] = t;
      equity[ti] = eq;
      cash[ti] = book.cash;
      exposure[ti] = book.exposure;
      drawdown[ti] = book.drawdown;
    }

    return {
      strategy: this.strategy.name,
      params: this.params,
      timeframe: this.config.data.timeframe,
      instruments: this.instruments,
      initialCash: this.config.initialCash,
      startTime: T > 0 ? opens[0]! : Number.NaN,
      decisions: this.decisions,
      orders: this.orders,
      rejections: this.rejections,
      fills: this.fills,
      trades: this.tracker.trades,
      equity: { time, equity, cash, exposure, drawdown },
      positions: book.positions(),
      finalEquity: T > 0 ? equity[T - 1]! : this.config.initialCash,
      barSteps,
      calendar: this.calendar,
      dividends: credits,
    };
  }

  /** Each instrument's dividends by ex-date; one for an instrument not in the data is an error. */
  #dividendSchedule(): CashDividend[][] {
    const out = this.instruments.map((): CashDividend[] => []);
    for (const d of this.config.dividends ?? []) {
      const k = this.instruments.findIndex((i) => formatInstrument(i) === formatInstrument(d.instrument));
      if (k < 0) {
        throw new AlgoError(
          ErrorCode.InvalidArgument,
          `a dividend of ${formatInstrument(d.instrument)} was given, but the backtest has no such instrument`,
        );
      }
      out[k]!.push(d);
    }
    for (const l of out) l.sort((a, b) => a.exDay - b.exDay);
    return out;
  }

  /** Fills waiting orders whose instrument has a bar now, in the order they were planned (sells first). */
  fillPending(): void {
    const pending = this.pending;
    let kept = 0;
    for (let j = 0; j < pending.length; j++) {
      const p = pending[j]!;
      const row = this.cur[p.k]!;
      if (row < 0 || !this.execute(p.rec, p.k, row)) pending[kept++] = p;
    }
    pending.length = kept;
  }

  /**
   * Protective exits, after the pending orders of this close time and before the strategy decides:
   * every instrument with a bar now and armed exits, in instrument order (packages/portfolio
   * protection.ts has the trigger rules).
   */
  protect(t: number): void {
    const n = this.protections.length;
    for (let k = 0; k < n; k++) {
      const prot = this.protections[k];
      const row = this.cur[k]!;
      if (prot === undefined || row < 0) continue;
      const held = this.book.qty(k);
      if (held === 0) {
        this.#disarm(k);
        continue;
      }
      const trig = checkProtection(prot, this.#bar(k, row));
      if (trig) this.exit(k, row, t, held, trig);
    }
  }

  /** Closes instrument k's position for a triggered protective exit, as a market order at the trigger. */
  exit(k: number, row: number, t: number, held: number, trig: Trigger): void {
    const order = makeExitOrder(
      this.account,
      this.protectedBy[k]!,
      this.instruments[k]!,
      held > 0 ? 'sell' : 'buy',
      Math.abs(held),
      t,
      trig.reason,
    );
    const rec: OrderRecord = { order, status: 'pending', filledQty: 0, fillPrice: Number.NaN };
    this.orders.push(rec);
    const bar = this.scratch;
    const openTime = this.cols[k]!.openTime[row]!;
    // What may be sold now (a T+1 market holds back today's buys); the scratch holds bar `row`.
    const position = held > 0 ? this.book.sellable(k, openTime) : held;
    const out = this.model.fillAt(
      order.side,
      order.qty,
      trig.price,
      bar,
      this.book.cash,
      position,
      this.specs[k]!,
    );
    this.#settle(
      rec,
      k,
      out,
      openTime,
      trig.gap ? openTime : sessionBarClose(this.calendar, openTime, this.tfMs),
    );
  }

  #disarm(k: number): void {
    if (this.protections[k] !== undefined) {
      this.protections[k] = undefined;
      this.#armed -= 1;
    }
  }

  /** Instrument k's bar `row` in the scratch bar. */
  #bar(k: number, row: number): typeof this.scratch {
    const c = this.cols[k]!;
    const bar = this.scratch;
    bar.open = c.open[row]!;
    bar.high = c.high[row]!;
    bar.low = c.low[row]!;
    bar.close = c.close[row]!;
    bar.volume = c.volume[row]!;
    return bar;
  }

  decide(ds: readonly Decision[], t: number): void {
    const { book } = this;
    for (const d of ds) {
      this.decisions.push({ time: t, decision: d });
      if (this.pending.length > 0) {
        const k = book.require(d.instrument);
        // A newer decision about an instrument supersedes its unfilled order (live: cancel/replace).
        const pending = this.pending;
        let kept = 0;
        for (let j = 0; j < pending.length; j++) {
          const p = pending[j]!;
          if (p.k !== k) {
            pending[kept++] = p;
          } else {
            p.rec.status = 'cancelled';
            p.rec.reason = 'replaced';
          }
        }
        pending.length = kept;
      }
    }
    const plan = planOrders({
      account: this.account,
      strategy: this.strategy.name,
      time: t,
      decisions: ds,
      portfolio: book.view,
      price: this.#price,
      spec: this.#spec,
    });
    for (const r of plan.rejections) this.rejections.push(r);
    const now = this.model.timing === 'close';
    for (const o of plan.orders) {
      const rec: OrderRecord = { order: o, status: 'pending', filledQty: 0, fillPrice: Number.NaN };
      this.orders.push(rec);
      const k = book.require(o.instrument);
      const row = this.cur[k]!;
      if (!(now && row >= 0 && this.execute(rec, k, row))) this.pending.push({ rec, k });
    }
  }

  /** When a fill on the bar opening at `openTime` happened: its open (next_open) or close, inside the session. */
  #fillTime(openTime: number): number {
    return fillTime(this.calendar, openTime, this.tfMs, this.model.timing === 'next_open');
  }

  /** Fills (or ends) an order on bar `row`; false when the market rules carry it to the next bar. */
  execute(rec: OrderRecord, k: number, row: number): boolean {
    const order = rec.order;
    const c = this.cols[k]!;
    const market = this.config.market;
    const refused = market?.admit?.(order, k, row, c);
    if (refused) {
      rec.reason = refused.reason;
      if (refused.action === 'carry') return false;
      rec.status = 'cancelled';
      return true;
    }
    const bar = this.#bar(k, row);
    const p = this.book;
    const openTime = c.openTime[row]!;
    const out = this.model.fill(order, bar, p.cash, p.sellable(k, openTime), this.specs[k]!);
    return this.#settle(rec, k, out, openTime, this.#fillTime(openTime));
  }

  /**
   * Books a fill outcome at fill time `time` (bar opening at `openTime`): account, fill, round trip,
   * record; arms or disarms the protective exits.
   */
  #settle(
    rec: OrderRecord,
    k: number,
    out: ReturnType<FillModel['fill']>,
    openTime: number,
    time: number,
  ): boolean {
    const order = rec.order;
    const p = this.book;
    const market = this.config.market;
    switch (out.status) {
      case 'filled': {
        const sized = market?.fee ? this.#marketFee(market, order, k, out.qty, out.price, openTime) : out;
        if (sized.qty <= 0) {
          rec.status = 'rejected';
          rec.reason = `insufficient_cash: cash ${p.cash} pays for no lot at ${out.price} with fees`;
          return true;
        }
        p.applyFill(k, order.side, sized.qty, out.price, sized.fee, openTime);
        const fill = makeFill(time, order, sized.qty, out.price, sized.fee, out.liquidity);
        this.fills.push(fill);
        const after = p.qty(k);
        this.tracker.onFill(k, fill, after);
        rec.status = out.partial || sized.qty < out.qty ? 'partially_filled' : 'filled';
        rec.filledQty = sized.qty;
        rec.fillPrice = out.price;
        delete rec.reason;
        if (after === 0) this.#disarm(k);
        else if (order.exits !== undefined) {
          if (this.protections[k] === undefined) this.#armed += 1;
          this.protections[k] = armProtection(order.exits, out.price, order.side === 'buy' ? 1 : -1);
          this.protectedBy[k] = order.strategy;
        }
        return true;
      }
      case 'expired':
        rec.status = 'expired';
        rec.reason = out.reason;
        return true;
      case 'rejected':
        rec.status = 'rejected';
        rec.reason = `${out.reason}: ${out.detail}`;
        return true;
    }
  }

  /** The market's fee for a fill; a buy the fee makes unaffordable shrinks by lots (0: none fits). */
  #marketFee(
    market: MarketRules,
    order: PlannedOrder,
    k: number,
    qty: number,
    price: number,
    openTime: number,
  ): { qty: number; fee: number } {
    const spec = this.specs[k]!;
    let q = qty;
    let fee = market.fee!(order, k, q, price, openTime);
    if (order.side === 'buy') {
      const cash = this.book.cash;
      while (q > 0 && q * price + fee > cash) {
        q = floorToStep(q - spec.lotSize, spec.lotSize);
        if (q < spec.minQty) q = 0;
        fee = q > 0 ? market.fee!(order, k, q, price, openTime) : 0;
      }
    }
    return { qty: q, fee };
  }
}

/** Refuses bars outside every session of a calendar, naming the instrument and the bar. */
function validateSessions(
  instrument: Instrument,
  bars: BarColumns,
  tfMs: number,
  cal: TradingCalendar,
): void {
  const t = bars.openTime;
  for (let i = 0; i < t.length; i++) {
    const open = t[i]!;
    const ok =
      tfMs >= 86_400_000 ? cal.sessionOn(open)?.day === open : cal.nextSession(open).open < open + tfMs;
    if (!ok) {
      const name = formatInstrument(instrument);
      throw new AlgoError(
        ErrorCode.InvalidData,
        `${name}: bar ${i} at ${new Date(open).toISOString()} lies outside every ${cal.name} session ` +
          '(daily bars carry the session date at 00:00 UTC; drop extended-hours bars before a regular-hours backtest)',
        { instrument: name, index: i },
      );
    }
  }
}

/**
 * A fill whose client order id is read through from its order (set when it was planned), as a
 * class: an object literal with a getter is built by the runtime's slow path with a new closure
 * each time (~15 % of a 10-symbol backtest's CPU with the GC it caused). `clientOrderId` lives on
 * the prototype, so `toJSON` lists it where the literal had it.
 */
class EngineFill implements Fill {
  readonly time: number;
  readonly instrument: Instrument;
  readonly side: PlannedOrder['side'];
  readonly qty: number;
  readonly price: number;
  readonly fee: number;
  readonly liquidity: Liquidity;
  readonly reason: ExitReason;
  readonly #order: PlannedOrder;

  constructor(
    time: number,
    order: PlannedOrder,
    qty: number,
    price: number,
    fee: number,
    liquidity: Liquidity,
  ) {
    this.time = time;
    this.instrument = order.instrument;
    this.side = order.side;
    this.qty = qty;
    this.price = price;
    this.fee = fee;
    this.liquidity = liquidity;
    this.reason = order.reason ?? 'signal';
    this.#order = order;
  }

  get clientOrderId(): string {
    return this.#order.clientOrderId;
  }

  toJSON(): Record<keyof Fill, unknown> {
    const { time, instrument, side, qty, price, fee, liquidity, reason, clientOrderId } = this;
    return { time, instrument, side, qty, price, fee, liquidity, reason, clientOrderId };
  }
}

function makeFill(
  time: number,
  order: PlannedOrder,
  qty: number,
  price: number,
  fee: number,
  liquidity: Liquidity,
): Fill {
  return new EngineFill(time, order, qty, price, fee, liquidity);
}

/** A protective exit as an order, with its id (core `exitOrderId`); no getter (see portfolio's makeOrder). */
function makeExitOrder(
  account: string,
  strategy: string,
  instrument: Instrument,
  side: 'buy' | 'sell',
  qty: number,
  time: number,
  reason: ExitReason,
): PlannedOrder {
  return {
    account,
    strategy,
    instrument,
    side,
    qty,
    type: 'market',
    decisionTime: time,
    reason,
    clientOrderId: exitOrderId({ account, strategy, instrument, decisionCloseMs: time }),
  };
}
