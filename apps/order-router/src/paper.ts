import type { Bus } from '@algotrader/bus';
import { type Clock, ErrorCode, isAlgoError, isTerminal, isValidClientOrderId } from '@algotrader/core';
import {
  type AccountState,
  AccountStore,
  Alerter,
  applyFill,
  type BarIn,
  barIn,
  DAY_MS,
  type DecisionProgress,
  decodeProgress,
  encodeOrder,
  equityOf,
  KvFollower,
  keyOf,
  newAccount,
  num,
  ORDERS_BUCKET,
  type OrderState,
  Outbox,
  type Pipeline,
  POSITIONS_BUCKET,
  progressKey,
  qtyOf,
  type ReadMeta,
  retire,
  route,
  Serial,
  StreamReader,
  sideOf,
  typeOf,
} from '@algotrader/pipeline';
import { type Bar, type BarSetClosed, codecs, type OrderRequest } from '@algotrader/proto';
import type { KV } from '@nats-io/kv';
import { fillMessage, moveOrder, positionSnapshot } from './events';

export interface PaperRouterOptions {
  readonly bus: Bus;
  readonly pipeline: Pipeline;
  readonly clock: Clock;
  /** Bar sets read ahead of the fills before the MD reader waits (bounds memory in a replay). */
  readonly maxAhead?: number;
  /** Called when the router cannot go on (a second writer on the account); main() exits. */
  readonly onFatal?: (e: Error) => void;
}

interface SetAhead {
  readonly close: number;
  readonly seq: number;
}

/**
 * The paper broker: fills approved orders with the backtest's FillModel on live bars, so a
 * replay through the pipeline fills exactly as the backtest engine does.
 *
 * Deterministic whatever the arrival order of bars, orders and markers:
 * - the fills of the bar opening at X (closing at C = X + tf) are applied once its BarSetClosed is
 *   in AND the risk gate has decided every close time that may fill on it (`decided.<account>`
 *   ≥ X, and every order it approved up to then has been read) — so every order that can fill on
 *   the bar is known, and they fill in the order they were decided, as the backtest's pending list;
 * - an order decided at T fills on its instrument's first bar opening at or after T (next_open;
 *   `close` timing: the decision bar itself, after the decision);
 * - after the bar at X, the state is valid for decisions at C (`visibleThrough`), which is what the
 *   risk gate waits for.
 *
 * The whole account is one KV value written with compare-and-set after the events are published;
 * it also holds the stream positions, so a restart re-reads exactly what the saved state lacks and
 * republishes the same events under the same ids.
 */
export class PaperRouter {
  readonly #o: PaperRouterOptions;
  readonly #serial = new Serial();
  readonly #outbox = new Outbox();
  readonly #alerts: Alerter;
  readonly #store: AccountStore;
  readonly #ordersKv: KV;
  /** Orders that became terminal since the last save: indexed in KV `orders` after it. */
  #retired: OrderState[] = [];
  readonly #progress: KvFollower<DecisionProgress>;
  #state: AccountState;
  /** Bars not yet stepped, by close time, then instrument key. */
  readonly #bars = new Map<number, Map<string, BarIn>>();
  readonly #lastOpen = new Map<string, number>();
  /** Bar sets read but not yet stepped, ascending. */
  readonly #ahead: SetAhead[] = [];
  /** Close time whose first phase (orders decided before it) is applied; `close` timing only. */
  #phase1 = 0;
  #md: StreamReader | undefined;
  #orders: StreamReader | undefined;
  #dirty = false;
  #drained: (() => void) | undefined;
  readonly counters = { bars: 0, sets: 0, steps: 0, orders: 0, fills: 0, duplicates: 0, saves: 0 };

  private constructor(
    o: PaperRouterOptions,
    store: AccountStore,
    ordersKv: KV,
    progress: KvFollower<DecisionProgress>,
    state: AccountState,
  ) {
    this.#o = o;
    this.#store = store;
    this.#ordersKv = ordersKv;
    this.#progress = progress;
    this.#state = state;
    this.#alerts = new Alerter(o.bus, 'order-router', o.clock);
  }

  static async start(o: PaperRouterOptions): Promise<PaperRouter> {
    const p = o.pipeline;
    const kv = await o.bus.kv(POSITIONS_BUCKET);
    const store = new AccountStore(kv, p.account);
    const state =
      (await store.load()) ?? newAccount(p.account, p.config.paper.initialCash, p.config.paper.quoteCurrency);
    const progress = new KvFollower(kv, progressKey(p.account), decodeProgress, 250);
    const ordersKv = await o.bus.kv(ORDERS_BUCKET);
    const r = new PaperRouter(o, store, ordersKv, progress, state);
    // A crash may have come between saving the account and indexing its finished orders.
    r.#retired = state.done.map((id) => state.orders[id]).filter((x): x is OrderState => x !== undefined);
    await r.#index();
    r.#phase1 = state.visibleThrough > state.steppedThrough ? state.visibleThrough : 0;
    await progress.start();
    r.#watchProgress();
    r.#md = new StreamReader({
      bus: o.bus,
      name: 'order-router-md',
      stream: 'MD',
      filter: 'md.>',
      startSeq: state.mdSeq + 1,
      routes: [
        route(codecs.Bar, (m: Bar) => r.#serial.run(() => r.#onBar(m))),
        route(codecs.BarSetClosed, async (m: BarSetClosed, meta) => {
          await r.#serial.run(() => r.#onSet(m, meta));
          await r.#backpressure();
        }),
      ],
      onDeadLetter: (reason, meta) =>
        r.#alerts.raise({
          severity: 'warning',
          code: 'md_rejected',
          message: `order-router refused ${meta.subject} #${meta.seq}: ${reason}`,
          dedupeKey: `${meta.seq}`,
        }),
    });
    r.#orders = new StreamReader({
      bus: o.bus,
      name: 'order-router',
      stream: 'ORDERS',
      filter: `ord.approved.${p.account}`,
      startSeq: state.orderSeq + 1,
      routes: [
        route(codecs.OrderRequest, (m: OrderRequest, meta) => r.#serial.run(() => r.#onOrder(m, meta))),
      ],
      onDeadLetter: (reason, meta) =>
        r.#alerts.raise({
          severity: 'critical',
          code: 'order_rejected',
          message: `order-router refused ${meta.subject} #${meta.seq}: ${reason}`,
          dedupeKey: `${meta.seq}`,
        }),
    });
    r.#md.start();
    r.#orders.start();
    return r;
  }

  /** A copy of the account state as last computed (saved or about to be). */
  get state(): AccountState {
    return structuredClone(this.#state);
  }

  async stop(): Promise<void> {
    this.#drained?.();
    await this.#orders?.stop();
    await this.#md?.stop();
    this.#progress.stop();
    await this.#serial.run(() => this.#save().catch(() => undefined));
  }

  #watchProgress(): void {
    this.#progress.onChange(() => {
      void this.#serial.run(() => this.#advance()).catch((e: unknown) => this.#failed(e));
    });
  }

  async #backpressure(): Promise<void> {
    const max = this.#o.maxAhead ?? 2_000;
    if (this.#ahead.length < max) return;
    await new Promise<void>((r) => {
      this.#drained = r;
    });
  }

  async #onBar(m: Bar): Promise<void> {
    const p = this.#o.pipeline;
    if (m.timeframe !== p.tf || (m.instrument?.venue ?? '').toUpperCase() !== p.venue) return;
    const key = keyOf(m.instrument);
    if (p.indexOf(key) < 0) return;
    const b = barIn(m, p.tf);
    if (
      b.closeTime <= this.#state.steppedThrough ||
      b.openTime <= (this.#lastOpen.get(key) ?? Number.NEGATIVE_INFINITY)
    ) {
      this.counters.duplicates += 1;
      return;
    }
    this.#lastOpen.set(key, b.openTime);
    let at = this.#bars.get(b.closeTime);
    if (!at) {
      at = new Map();
      this.#bars.set(b.closeTime, at);
    }
    at.set(key, b);
    this.counters.bars += 1;
  }

  async #onSet(m: BarSetClosed, meta: ReadMeta): Promise<void> {
    const p = this.#o.pipeline;
    if ((m.venue ?? '').toUpperCase() !== p.venue || m.timeframe !== p.tf) return;
    const close = Number(m.closeTimeMs ?? 0);
    const lastKnown =
      this.#ahead.length > 0 ? this.#ahead[this.#ahead.length - 1]!.close : this.#state.steppedThrough;
    if (close <= lastKnown) return;
    this.#ahead.push({ close, seq: meta.seq });
    this.counters.sets += 1;
    await this.#advance();
  }

  async #onOrder(m: OrderRequest, meta: ReadMeta): Promise<void> {
    const s = this.#state;
    if (meta.seq > s.orderSeq) await this.#take(m, meta);
    await this.#advance();
  }

  /** Records an order request (or a cancel) and queues its event. */
  async #take(m: OrderRequest, meta: ReadMeta): Promise<void> {
    const p = this.#o.pipeline;
    const s = this.#state;
    const now = this.#o.clock.now();
    const id = m.clientOrderId ?? '';
    if (m.cancel) {
      const o = s.orders[id];
      if (o && !isTerminal(o.status)) {
        this.#outbox.push(moveOrder(p.account, o, 'canceled', now, 'replaced by a newer decision'));
        this.#retire(id);
      } else {
        this.#alerts.raise({
          severity: 'info',
          code: 'cancel_ignored',
          message: `cancel of ${id}: ${o ? `already ${o.status}` : 'unknown order'}`,
          dedupeKey: `${id}:${meta.seq}`,
        });
      }
    } else if (s.orders[id] !== undefined || s.done.includes(id) || (await this.#known(id))) {
      this.counters.duplicates += 1;
      this.#alerts.raise({
        severity: 'warning',
        code: 'order_duplicate',
        message: `order ${id} was already received: ignored`,
        dedupeKey: `${id}:${meta.seq}`,
      });
    } else {
      this.counters.orders += 1;
      const parsed = this.#parse(m);
      const o: OrderState = {
        id,
        strategy: m.strategy ?? '',
        instrument: parsed.instrument,
        side: parsed.side,
        type: parsed.type,
        qty: parsed.qty,
        ...(parsed.limitPrice !== undefined ? { limitPrice: parsed.limitPrice } : {}),
        decisionTime: parsed.decisionTime,
        eligibleOpen: p.fillModel.timing === 'next_open' ? parsed.decisionTime : parsed.decisionTime - p.tfMs,
        status: 'pending_submit',
        events: 0,
        filledQty: 0,
        avgFillPrice: Number.NaN,
      };
      s.orders[id] = o;
      if (parsed.error) {
        this.#outbox.push(moveOrder(p.account, o, 'rejected', now, parsed.error));
        this.#retire(id);
      } else {
        this.#outbox.push(moveOrder(p.account, o, 'accepted', now));
        s.pending.push(id);
        if (o.eligibleOpen <= s.steppedThrough - p.tfMs) {
          this.#alerts.raise({
            severity: 'warning',
            code: 'order_late',
            message: `order ${id} decided at ${new Date(o.decisionTime).toISOString()} arrived after its fill bar was settled: it fills on the next one`,
            dedupeKey: id,
          });
        }
      }
    }
    // Not saved now: the ORDERS position saved with the next bar's state re-reads it after a crash.
    s.orderSeq = meta.seq;
  }

  #parse(m: OrderRequest): {
    instrument: string;
    side: 'buy' | 'sell';
    type: 'market' | 'limit';
    qty: number;
    limitPrice?: number;
    decisionTime: number;
    error?: string;
  } {
    const p = this.#o.pipeline;
    let instrument = `${m.instrument?.venue ?? '?'}:${m.instrument?.symbol ?? '?'}`;
    try {
      instrument = keyOf(m.instrument);
      const side = sideOf(m.side);
      const type = typeOf(m.type);
      const qty = num(m.quantity, 'quantity');
      const decisionTime = Number(m.decisionTimeMs ?? 0);
      const limitPrice = type === 'limit' ? num(m.limitPrice, 'limit_price') : undefined;
      const error = !isValidClientOrderId(m.clientOrderId ?? '')
        ? `client order id "${m.clientOrderId}" is not valid`
        : p.indexOf(instrument) < 0
          ? `${instrument} is not traded by this account`
          : !(qty > 0)
            ? `quantity ${qty} is not positive`
            : !(decisionTime > 0)
              ? 'no decision time'
              : m.quoteAmount
                ? 'quote-sized orders are not supported by the paper broker'
                : undefined;
      return {
        instrument,
        side,
        type,
        qty,
        decisionTime,
        ...(limitPrice !== undefined ? { limitPrice } : {}),
        ...(error ? { error } : {}),
      };
    } catch (e) {
      return {
        instrument,
        side: 'buy',
        type: 'market',
        qty: 0,
        decisionTime: 0,
        error: (e as Error).message,
      };
    }
  }

  /** Applies every bar step the inputs allow, then publishes and saves. */
  async #advance(): Promise<void> {
    const p = this.#o.pipeline;
    const s = this.#state;
    const close = p.fillModel.timing === 'close';
    let stepped = false;
    for (;;) {
      const next = this.#ahead[0];
      if (!next) break;
      const c = next.close;
      const x = c - p.tfMs;
      const progress = this.#progress.value;
      const decided = progress?.decidedThrough ?? 0;
      const ordersIn = s.orderSeq >= (progress?.approvedSeq ?? 0);
      if (this.#phase1 !== c) {
        if (!(decided >= x && ordersIn)) break;
        this.#fill(c, x);
        this.#settle(c);
        this.#phase1 = c;
        stepped = true;
      }
      if (close) {
        // Orders decided at C itself fill on this bar's close: wait for those decisions too.
        if (!(decided >= c && ordersIn)) break;
        this.#fill(c, c);
      }
      this.#bars.delete(c);
      this.#ahead.shift();
      s.steppedThrough = c;
      s.mdSeq = next.seq;
      this.#phase1 = 0;
      this.counters.steps += 1;
      stepped = true;
      if (this.#ahead.length < (this.#o.maxAhead ?? 2_000) / 2) {
        this.#drained?.();
        this.#drained = undefined;
      }
    }
    if (stepped) this.#dirty = true;
    // EXEC readers order an order's events by their seq; one round trip for the lot.
    await this.#outbox.flush(this.#o.bus, undefined, true);
    if (this.#dirty) await this.#save();
  }

  /** Fills, in arrival order, the open orders decided at or before `maxDecision` that may fill on the bar closing at `c`. */
  #fill(c: number, maxDecision: number): void {
    const p = this.#o.pipeline;
    const s = this.#state;
    const x = c - p.tfMs;
    const bars = this.#bars.get(c);
    if (!bars) return;
    const model = p.fillModel;
    for (const id of [...s.pending]) {
      const o = s.orders[id];
      if (!o || o.decisionTime > maxDecision || o.eligibleOpen > x) continue;
      const bar = bars.get(o.instrument);
      if (!bar) continue;
      const k = p.indexOf(o.instrument);
      const spec = p.specs[k]!;
      const order = {
        side: o.side,
        qty: o.qty,
        type: o.type,
        ...(o.limitPrice !== undefined ? { limitPrice: o.limitPrice } : {}),
      };
      const r = model.fill(order, bar, s.cash, qtyOf(s, o.instrument), spec);
      const time = model.timing === 'next_open' ? bar.openTime : bar.closeTime;
      switch (r.status) {
        case 'filled': {
          applyFill(s, o.instrument, spec, o.side, r.qty, r.price, r.fee);
          o.filledQty = r.qty;
          o.avgFillPrice = r.price;
          s.fills += 1;
          this.counters.fills += 1;
          this.#outbox.push(
            fillMessage(p.account, p.venue, s.quote, o, 1, {
              qty: r.qty,
              price: r.price,
              fee: r.fee,
              timeMs: time,
              maker: r.liquidity === 'maker',
            }),
          );
          if (r.partial) {
            this.#outbox.push(moveOrder(p.account, o, 'partially_filled', time));
            this.#outbox.push(
              moveOrder(p.account, o, 'canceled', time, 'rest cancelled: a bar-level order lives one bar'),
            );
          } else {
            this.#outbox.push(moveOrder(p.account, o, 'filled', time));
          }
          break;
        }
        case 'expired':
          this.#outbox.push(moveOrder(p.account, o, 'expired', time, r.reason));
          break;
        case 'rejected':
          this.#outbox.push(moveOrder(p.account, o, 'canceled', time, `${r.reason}: ${r.detail}`));
          break;
      }
      this.#retire(id);
    }
  }

  #retire(id: string): void {
    const o = this.#state.orders[id];
    if (o) this.#retired.push(structuredClone(o));
    retire(this.#state, id);
  }

  /** Whether an order id was seen before the account's recent history (KV `orders`). */
  async #known(id: string): Promise<boolean> {
    const e = await this.#ordersKv.get(id);
    return e !== null && e.operation === 'PUT';
  }

  /** Indexes finished orders by client order id, after the account state that finished them is saved. */
  async #index(): Promise<void> {
    while (this.#retired.length > 0) {
      const o = this.#retired[0]!;
      await this.#ordersKv.put(o.id, encodeOrder(o));
      this.#retired.shift();
    }
  }

  /** Marks at the bar closing at `c`, equity, peak and day start; the state is now valid for decisions at `c`. */
  #settle(c: number): void {
    const p = this.#o.pipeline;
    const s = this.#state;
    const day = Math.floor((c - p.tfMs) / DAY_MS);
    if (day !== s.day) {
      s.day = day;
      s.dayStartEquity = s.equity;
    }
    const bars = this.#bars.get(c);
    if (bars) for (const [key, b] of bars) s.marks[key] = b.close;
    s.equity = equityOf(s, p.keys);
    if (s.equity > s.peakEquity) s.peakEquity = s.equity;
    s.visibleThrough = c;
    s.lastBarSet = c;
    this.#outbox.push(positionSnapshot(s, p, c, `pos:${p.account}:${c}`));
  }

  async #save(): Promise<void> {
    this.#state.updatedMs = this.#o.clock.now();
    try {
      await this.#store.save(this.#state);
    } catch (e) {
      if (isAlgoError(e, ErrorCode.Conflict)) this.#failed(e);
      throw e;
    }
    this.#dirty = false;
    this.counters.saves += 1;
    await this.#index();
  }

  /**
   * Another writer changed the account (or an invariant broke): this instance's state can no
   * longer be trusted. Alert and hand over to `onFatal` (the process exits and restarts from KV).
   */
  #failed(e: unknown): void {
    const err = e as Error;
    this.#o.bus.log.error({ err: err.message }, 'order-router failed');
    this.#alerts.raise({
      severity: 'critical',
      code: 'router_failed',
      message: `order-router ${this.#o.pipeline.account}: ${err.message}`,
      dedupeKey: String(this.#o.clock.now()),
    });
    this.#o.onFatal?.(err);
  }
}
