import { type Bus, readControl, subjects, updateControl } from '@algotrader/bus';
import {
  type Clock,
  canTransition,
  ErrorCode,
  fillKey,
  isAlgoError,
  isTerminal,
  type OrderStatus,
  orderKey,
  parseInstrument,
  positionKey,
} from '@algotrader/core';
import {
  type AccountState,
  AccountStore,
  Alerter,
  accountOf,
  type BarIn,
  barIn,
  CONTROL_BUCKET,
  type DecisionProgress,
  decodeProgress,
  encodeOrder,
  fillOut,
  KvFollower,
  keyOf,
  newAccount,
  ORDERS_BUCKET,
  type OrderState,
  Outbox,
  out,
  type Pipeline,
  POSITIONS_BUCKET,
  progressKey,
  type ReadMeta,
  retire,
  route,
  Serial,
  StreamReader,
} from '@algotrader/pipeline';
import type { Account } from '@algotrader/portfolio';
import { type BarMsg, type BarSetClosed, codecs, type OrderRequestMsg } from '@algotrader/proto';
import type { KV } from '@nats-io/kv';
import { bookFill, markAndRevalue } from './book';
import { moveOrder, positionSnapshot } from './events';
import { armAfterFill, fillReason, triggeredExits } from './exits';
import { parseApproved, record, reduces } from './intake';
import type { HaltRequest, ReconcileResult, Venue, VenueReport, VenueResult, VenueSnapshot } from './venue';

export interface OrderRouterOptions {
  readonly bus: Bus;
  readonly pipeline: Pipeline;
  readonly clock: Clock;
  readonly venue: Venue;
  /** `exchange` venues: how often open orders are looked up and the account reconciled, ms. */
  readonly pollMs?: number;
  /** BarMsg sets read ahead of the fills before the MD reader waits (bounds memory in a replay). */
  readonly maxAhead?: number;
  /** Called when the router cannot go on (a second writer on the account); main() exits. */
  readonly onFatal?: (e: Error) => void;
}

interface SetAhead {
  readonly close: number;
  readonly seq: number;
}

/**
 * The order-router: approved orders go to the {@link Venue}; its reports become OrderEvents and
 * Fills on EXEC and fills in the ONE account book, its alerts become Alerts, its halt requests the
 * HALTED control state. Every bar set closing marks the book at the closes and moves equity, peak
 * and day-start equity, whatever the venue, so the risk gate's loss limits see a real account.
 *
 * Deterministic on a `bars` venue (paper), whatever the arrival order of bars, orders and markers:
 * - the fills of the bar opening at X (closing at C = X + tf) are applied once its BarSetClosed is
 *   in AND the risk gate has decided every close time that may fill on it (`decided.<account>`
 *   ≥ X, and every order it approved up to then has been read), in the order they were decided;
 * - an order decided at T fills on its instrument's first bar opening at or after T (next_open;
 *   `close` timing: the decision bar itself, after the decision);
 * - after the bar at X the state is valid for decisions at C (`visibleThrough`).
 * On an `exchange` venue the orders go out as they come; the state is valid for C once the bar set
 * of C is marked and no order decided before C is still open. Open orders are looked up and the
 * account reconciled every `pollMs`.
 *
 * While the account is HALTED the router refuses orders that would increase a position; cancels
 * and reducing orders pass (the risk gate refuses them too; this holds whatever is in the stream).
 *
 * The whole account is one KV value written with compare-and-set after the events are published;
 * it also holds the stream positions, so a restart re-reads exactly what the saved state lacks and
 * republishes the same events under the same ids.
 */
export class OrderRouter {
  readonly #o: OrderRouterOptions;
  readonly #v: Venue;
  readonly #serial = new Serial();
  readonly #outbox = new Outbox();
  readonly #alerts: Alerter;
  readonly #store: AccountStore;
  readonly #ordersKv: KV;
  readonly #control: KV;
  readonly #progress: KvFollower<DecisionProgress> | undefined;
  #state: AccountState;
  /** The accounting of `#state` (its `book` is this Account's snapshot as of the last save). */
  readonly #account: Account;
  /** Orders that became terminal since the last save: indexed in KV `orders` after it. */
  #retired: OrderState[] = [];
  /** Bars not yet stepped, by close time, then instrument key. */
  readonly #bars = new Map<number, Map<string, BarIn>>();
  readonly #lastOpen = new Map<string, number>();
  /** BarMsg sets read but not yet stepped, ascending. */
  readonly #ahead: SetAhead[] = [];
  /** Fill ids booked by this process (a venue reports each once; this guards a repeat). */
  readonly #booked = new Set<string>();
  /** Close time whose first phase (orders decided before it) is applied; `close` timing only. */
  #phase1 = 0;
  #md: StreamReader | undefined;
  #orders: StreamReader | undefined;
  #timer: NodeJS.Timeout | undefined;
  #stopped = false;
  #dirty = false;
  #drained: (() => void) | undefined;
  readonly counters = {
    bars: 0,
    sets: 0,
    steps: 0,
    orders: 0,
    fills: 0,
    duplicates: 0,
    saves: 0,
    halts: 0,
    refused: 0,
  };

  private constructor(
    o: OrderRouterOptions,
    store: AccountStore,
    ordersKv: KV,
    control: KV,
    progress: KvFollower<DecisionProgress> | undefined,
    state: AccountState,
  ) {
    this.#o = o;
    this.#v = o.venue;
    this.#store = store;
    this.#ordersKv = ordersKv;
    this.#control = control;
    this.#progress = progress;
    this.#state = state;
    this.#account = accountOf(state, o.pipeline.specs, undefined, o.pipeline.config.risk.dayOffsetMs);
    this.#alerts = new Alerter(o.bus, 'order-router', o.clock);
  }

  static async start(o: OrderRouterOptions): Promise<OrderRouter> {
    const p = o.pipeline;
    const kv = await o.bus.kv(POSITIONS_BUCKET);
    const store = new AccountStore(kv, p.account);
    const saved = await store.load();
    const bars = o.venue.fills === 'bars';
    let state = saved;
    let held: VenueSnapshot | undefined;
    if (!state) {
      held = await o.venue.snapshot();
      state = newAccount(p.account, held.cash, p.config.paper.quoteCurrency);
    }
    const progress = bars ? new KvFollower(kv, progressKey(p.account), decodeProgress, 250) : undefined;
    const r = new OrderRouter(
      o,
      store,
      await o.bus.kv(ORDERS_BUCKET),
      await o.bus.kv(CONTROL_BUCKET),
      progress,
      state,
    );
    if (held) r.#open(held);
    // A crash may have come between saving the account and indexing its finished orders.
    r.#retired = state.done.map((id) => state.orders[id]).filter((x): x is OrderState => x !== undefined);
    await r.#index();
    r.#phase1 = state.visibleThrough > state.steppedThrough ? state.visibleThrough : 0;
    if (progress) {
      await progress.start();
      progress.onChange(() => {
        void r.#serial.run(() => r.#advance()).catch((e: unknown) => r.#failed(e));
      });
    } else {
      await r.#serial.run(() => r.#poll());
    }
    r.#md = new StreamReader({
      bus: o.bus,
      name: 'order-router-md',
      stream: 'MD',
      filter: 'md.>',
      startSeq: state.mdSeq + 1,
      routes: [
        route(codecs.Bar, (m: BarMsg) => r.#serial.run(() => r.#onBar(m))),
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
        route(codecs.OrderRequest, (m: OrderRequestMsg, meta) => r.#serial.run(() => r.#onOrder(m, meta))),
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
    if (!bars) r.#schedulePoll();
    return r;
  }

  /**
   * A new book from what the venue holds: its cash, and each holding taken in at the venue's own
   * valuation (its cost before this account is unknown); the first day starts at that equity. A
   * holding the venue gives no price for cannot be booked: alerted, and reconciliation halts on it.
   */
  #open(held: VenueSnapshot): void {
    const a = this.#account;
    for (const [key, h] of Object.entries(held.positions)) {
      const k = a.indexOf(key);
      if (k >= 0 && h.price > 0) {
        a.setCash(a.cash + h.qty * h.price);
        a.applyFill(k, 'buy', h.qty, h.price, 0);
        this.#alerts.raise({
          severity: 'info',
          code: 'holding_adopted',
          message: `${this.#v.name} holds ${h.qty} of ${key}: taken into the new book at ${h.price}`,
          dedupeKey: `${this.#o.pipeline.account}:${key}`,
        });
      } else {
        this.#alerts.raise({
          severity: 'critical',
          code: 'holding_unexplained',
          message: `${this.#v.name} holds ${h.qty} of ${key}, which a new book cannot take in (no price): sell or move it before trading`,
          dedupeKey: `${this.#o.pipeline.account}:${key}`,
        });
      }
    }
    a.setCash(held.cash);
    this.#state.book = a.snapshot();
  }

  /** A copy of the account state as last computed (saved or about to be). */
  get state(): AccountState {
    return { ...structuredClone(this.#state), book: this.#account.snapshot() };
  }

  get venue(): Venue {
    return this.#v;
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#drained?.();
    await this.#orders?.stop();
    await this.#md?.stop();
    this.#progress?.stop();
    await this.#serial.run(() => this.#save().catch(() => undefined));
    await this.#v.close();
  }

  #schedulePoll(): void {
    if (this.#stopped) return;
    this.#timer = setTimeout(() => {
      void this.#serial
        .run(() => this.#poll())
        .catch((e: unknown) => this.#o.bus.log.warn({ err: (e as Error).message }, 'poll failed'))
        .finally(() => this.#schedulePoll());
    }, this.#o.pollMs ?? 5_000);
  }

  async #backpressure(): Promise<void> {
    const max = this.#o.maxAhead ?? 2_000;
    if (this.#ahead.length < max) return;
    await new Promise<void>((r) => {
      this.#drained = r;
    });
  }

  async #onBar(m: BarMsg): Promise<void> {
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

  async #onOrder(m: OrderRequestMsg, meta: ReadMeta): Promise<void> {
    if (meta.seq > this.#state.orderSeq) {
      await this.#take(m, meta);
      // An exchange acted on it: never lose that to a crash before the next bar.
      if (this.#v.fills === 'exchange') this.#dirty = true;
    }
    await this.#advance();
  }

  /** Records an order request (or a cancel) and hands it to the venue. */
  async #take(m: OrderRequestMsg, meta: ReadMeta): Promise<void> {
    const p = this.#o.pipeline;
    const s = this.#state;
    const now = this.#o.clock.now();
    const id = m.clientOrderId ?? '';
    if (m.cancel) {
      const o = s.orders[id];
      if (o && !isTerminal(o.status)) {
        this.#handle(await this.#call('cancel', id, () => this.#v.cancel(record(o))));
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
      const parsed = parseApproved(m, p);
      const o: OrderState = {
        id,
        strategy: m.strategy ?? '',
        instrument: parsed.instrument,
        side: parsed.side,
        type: parsed.type,
        qty: parsed.qty,
        ...(parsed.limitPrice !== undefined ? { limitPrice: parsed.limitPrice } : {}),
        decisionTime: parsed.decisionTime,
        ...(parsed.exits !== undefined ? { exits: parsed.exits } : {}),
        eligibleOpen: p.fillModel.timing === 'close' ? parsed.decisionTime - p.tfMs : parsed.decisionTime,
        status: 'pending_submit',
        events: 0,
        filledQty: 0,
        avgFillPrice: Number.NaN,
      };
      s.orders[id] = o;
      const refused = parsed.error ?? this.#exitsRefused(o) ?? (await this.#haltedFor(o));
      if (refused) {
        this.#outbox.push(moveOrder(p.account, o, 'rejected', now, refused));
        this.#retire(id);
      } else {
        s.pending.push(id);
        const late = this.#v.fills === 'bars' && o.eligibleOpen <= s.steppedThrough - p.tfMs;
        this.#handle(
          await this.#call('place', id, () =>
            this.#v.place({
              ...record(o),
              ...(parsed.quoteAmount !== undefined ? { quoteAmount: parsed.quoteAmount } : {}),
            }),
          ),
        );
        if (late && !isTerminal(o.status)) {
          this.#alerts.raise({
            severity: 'warning',
            code: 'order_late',
            message: `order ${id} decided at ${new Date(o.decisionTime).toISOString()} arrived after its fill bar was settled: it fills on the next one`,
            dedupeKey: id,
          });
        }
      }
    }
    // A bars venue does not save now: the ORDERS position saved with the next bar's state re-reads it after a crash.
    s.orderSeq = meta.seq;
  }

  /** A `bars` venue that cannot fill protective exits refuses an entry carrying them (exchange venues refuse in `place`). */
  #exitsRefused(o: OrderState): string | undefined {
    if (o.exits === undefined || this.#v.fills !== 'bars' || this.#v.fillTriggered) return undefined;
    const why = `the ${this.#v.name} venue cannot carry protective exits (stop-loss, take-profit, trailing stop)`;
    this.#alerts.raise({
      severity: 'warning',
      code: 'exits_unsupported',
      message: `order ${o.id}: ${why}: refused`,
      dedupeKey: o.id,
    });
    return why;
  }

  /** Why the order may not go out while the account is HALTED; undefined when it may. */
  async #haltedFor(o: OrderState): Promise<string | undefined> {
    const control = await readControl(this.#control, this.#o.pipeline.account);
    if (control.state !== 'HALTED') return undefined;
    const held = this.#account.qty(this.#account.require(o.instrument));
    if (reduces(o.side, o.qty, held)) return undefined;
    this.counters.refused += 1;
    const why = `trading is HALTED (${control.reason || 'by control'}): an order that adds to a position is refused`;
    this.#alerts.raise({
      severity: 'warning',
      code: 'order_refused_halted',
      message: `order ${o.id} ${o.side} ${o.qty} ${o.instrument}: ${why}`,
      dedupeKey: o.id,
    });
    return why;
  }

  /**
   * A venue call that threw (a bug, or an error the venue did not turn into a result) is a
   * critical alert, never a crash; an order whose placement threw may or may not be out there:
   * `unknown`, which the next lookup by client order id settles.
   */
  async #call(
    what: 'place' | 'cancel' | 'lookup' | 'reconcile',
    id: string,
    fn: () => Promise<VenueResult>,
  ): Promise<VenueResult> {
    try {
      return await fn();
    } catch (e) {
      const message = `${this.#v.name} ${what}${id ? ` of ${id}` : ''} failed: ${(e as Error).message}`;
      return {
        reports:
          what === 'place'
            ? [
                {
                  clientOrderId: id,
                  status: 'unknown',
                  filledQty: 0,
                  avgPrice: Number.NaN,
                  reason: message,
                  fills: [],
                },
              ]
            : [],
        alerts: [
          { severity: 'critical', code: 'venue_failed', message, dedupeKey: `${what}:${id}:${message}` },
        ],
      };
    }
  }

  /** Applies what a venue call produced: reports, then alerts; a halt request is queued. */
  #handle(r: VenueResult): void {
    for (const rep of r.reports) {
      const o = this.#state.orders[rep.clientOrderId];
      if (!o) {
        this.#alerts.raise({
          severity: 'warning',
          code: 'venue_report_unknown_order',
          message: `${this.#v.name} reports order ${rep.clientOrderId} (${rep.status}), which the account has no record of`,
          dedupeKey: `${rep.clientOrderId}:${rep.status}:${rep.filledQty}`,
        });
        continue;
      }
      this.#apply(o, rep);
    }
    for (const a of r.alerts) {
      this.#alerts.raise({
        severity: a.severity,
        code: a.code,
        message: a.message,
        dedupeKey: a.dedupeKey,
        labels: { venue: this.#v.name, ...a.labels },
      });
    }
    if (r.halt) this.#halts.push(r.halt);
  }

  readonly #halts: HaltRequest[] = [];

  /** Moves the order along what the venue reports and books fills not seen before. */
  #apply(o: OrderState, r: VenueReport): void {
    const p = this.#o.pipeline;
    const s = this.#state;
    const time = r.timeMs ?? this.#o.clock.now();
    if (r.exchangeOrderId) o.exchangeId = r.exchangeOrderId;
    let n = 0;
    let lastPrice = Number.NaN;
    for (const f of r.fills) {
      const key = `${o.id}:${f.tradeId}`;
      if (this.#booked.has(key)) continue;
      this.#booked.add(key);
      n += 1;
      try {
        const note = bookFill(this.#account, p, o.instrument, o.side, f);
        if (note)
          this.#alerts.raise({
            severity: 'warning',
            code: 'fill_fee_currency',
            message: note,
            dedupeKey: key,
          });
      } catch (e) {
        // The venue is the truth: the fill is published; reconciliation compares the holdings.
        this.#alerts.raise({
          severity: 'warning',
          code: 'fill_unexpected',
          message: `fill ${f.tradeId} of ${o.id} does not fit the account: ${(e as Error).message}`,
          dedupeKey: key,
        });
      }
      s.fills += 1;
      this.counters.fills += 1;
      lastPrice = f.price;
      const fill = fillOut({
        tradeId: f.tradeId,
        clientOrderId: o.id,
        account: p.account,
        instrument: parseInstrument(o.instrument),
        side: o.side,
        qty: f.qty,
        price: f.price,
        fee: f.fee,
        feeCurrency: f.feeCurrency,
        timeMs: f.timeMs,
        maker: f.maker,
        reason: fillReason(o),
      });
      this.#outbox.push(
        out(
          codecs.Fill,
          subjects.execFill(p.account),
          fill,
          fillKey(this.#v.name, f.tradeId),
          orderKey(o.id),
        ),
      );
    }
    if (n > 0 && this.#v.fills === 'bars') armAfterFill(s, o, this.#account, lastPrice);
    if (Number.isFinite(r.filledQty) && r.filledQty >= o.filledQty) {
      o.filledQty = r.filledQty;
      if (r.filledQty > 0) o.avgFillPrice = r.avgPrice;
    }
    const path: OrderStatus[] = [];
    // The rest of a part-filled order cancelled or expired: it was part-filled first.
    if (
      (r.status === 'canceled' || r.status === 'expired') &&
      o.filledQty > 0 &&
      o.status !== 'partially_filled' &&
      o.status !== 'pending_cancel' &&
      canTransition(o.status, 'partially_filled')
    ) {
      path.push('partially_filled');
    }
    path.push(r.status);
    for (const to of path) {
      if (to === o.status && (to !== 'partially_filled' || n === 0)) continue;
      if (!canTransition(o.status, to)) {
        this.#alerts.raise({
          severity: 'warning',
          code: 'order_transition_refused',
          message: `${this.#v.name} reports ${o.id} ${to}, but it is ${o.status}: kept`,
          dedupeKey: `${o.id}:${o.status}:${to}`,
        });
        continue;
      }
      this.#outbox.push(moveOrder(p.account, o, to, time, to === r.status ? (r.reason ?? '') : ''));
    }
    if (isTerminal(o.status)) this.#retire(o.id);
  }

  /** `exchange` venues: open orders looked up, then the one reconciliation. */
  async #poll(): Promise<void> {
    const s = this.#state;
    for (const id of [...s.pending]) {
      const o = s.orders[id];
      if (o) this.#handle(await this.#call('lookup', id, () => this.#v.lookup(record(o))));
    }
    const orders = [...s.pending, ...s.done].map((id) => s.orders[id]).filter((o): o is OrderState => !!o);
    const a = this.#account;
    const positions = Object.fromEntries(a.instruments.map((_, k) => [a.keyOf(k), a.qty(k)]));
    const r: ReconcileResult = await this.#call('reconcile', '', () =>
      this.#v.reconcile({ orders: orders.map(record), positions }),
    );
    this.#handle(r);
    if (r.cash !== undefined && !r.halt) a.setCash(r.cash);
    this.#dirty = true;
    await this.#advance();
  }

  /** Applies every bar step the inputs allow, then publishes, halts and saves. */
  async #advance(): Promise<void> {
    const p = this.#o.pipeline;
    const s = this.#state;
    const bars = this.#v.fills === 'bars';
    const close = p.fillModel.timing === 'close';
    let stepped = false;
    for (;;) {
      const next = this.#ahead[0];
      if (!next) break;
      const c = next.close;
      const x = c - p.tfMs;
      if (bars) {
        const progress = this.#progress?.value;
        const decided = progress?.decidedThrough ?? 0;
        const ordersIn = s.orderSeq >= (progress?.approvedSeq ?? 0);
        if (this.#phase1 !== c) {
          if (!(decided >= x && ordersIn)) break;
          this.#fill(c, x);
          this.#protect(c);
          this.#settle(c);
          this.#phase1 = c;
          stepped = true;
        }
        if (close) {
          // Orders decided at C itself fill on this bar's close: wait for those decisions too.
          if (!(decided >= c && ordersIn)) break;
          this.#fill(c, c);
        }
      } else {
        this.#settle(c);
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
    if (!bars) {
      // Valid for a decision at C once C is marked and nothing decided before C is still open.
      const open = s.pending.map((id) => s.orders[id]).filter((o) => o && !isTerminal(o.status));
      const oldest = open.reduce((m, o) => Math.min(m, o!.decisionTime), Number.POSITIVE_INFINITY);
      const visible = Math.min(s.steppedThrough, oldest);
      if (visible > s.visibleThrough) {
        s.visibleThrough = visible;
        stepped = true;
      }
    }
    if (stepped) this.#dirty = true;
    // EXEC readers order an order's events by their seq; one round trip for the lot.
    await this.#outbox.flush(this.#o.bus, undefined, true);
    await this.#haltIfAsked();
    if (this.#dirty) await this.#save();
  }

  /** Fills, in arrival order, the open orders decided at or before `maxDecision` that may fill on the bar closing at `c`. */
  #fill(c: number, maxDecision: number): void {
    const s = this.#state;
    const x = c - this.#o.pipeline.tfMs;
    const bars = this.#bars.get(c);
    if (!bars || !this.#v.fillOnBar) return;
    for (const id of [...s.pending]) {
      const o = s.orders[id];
      if (!o || o.decisionTime > maxDecision || o.eligibleOpen > x) continue;
      const bar = bars.get(o.instrument);
      if (!bar) continue;
      const a = this.#account;
      this.#apply(
        o,
        this.#v.fillOnBar(record(o), bar, { cash: a.cash, held: a.qty(a.require(o.instrument)) }),
      );
    }
  }

  /** Protective exits the bar set closing at `c` triggers (exits.ts), filled by the venue in instrument order. */
  #protect(c: number): void {
    const v = this.#v;
    if (!v.fillTriggered) return;
    const s = this.#state;
    const a = this.#account;
    for (const x of triggeredExits(s, this.#o.pipeline, this.#bars.get(c), c, a)) {
      const o = x.order;
      s.orders[o.id] = o;
      s.pending.push(o.id);
      this.#apply(
        o,
        v.fillTriggered(record(o), x.bar, x.trigger, { cash: a.cash, held: a.qty(a.require(o.instrument)) }),
      );
    }
  }

  /** Marks at the bar set closing at `c`: equity, peak and day start move; a position snapshot goes out. */
  #settle(c: number): void {
    const p = this.#o.pipeline;
    const s = this.#state;
    markAndRevalue(this.#account, p, c, this.#bars.get(c));
    s.book = this.#account.snapshot();
    s.lastBarSet = c;
    if (this.#v.fills === 'bars') s.visibleThrough = c;
    this.#outbox.push(positionSnapshot(s, p, c, positionKey(p.account, c)));
  }

  /** Venue halt requests → HALTED (compare-and-set) and a critical alert when the state switches. */
  async #haltIfAsked(): Promise<void> {
    while (this.#halts.length > 0) {
      const h = this.#halts[0]!;
      const p = this.#o.pipeline;
      const detail = `${this.#v.name}: ${h.reason}: ${h.detail}`;
      const control = await readControl(this.#control, p.account);
      // Already HALTED (by us, the risk gate or a person): the venue's own alerts say what else broke.
      if (control.state !== 'HALTED') {
        const now = this.#o.clock.now();
        await updateControl(
          this.#control,
          p.account,
          { kind: 'state', state: 'HALTED' },
          'order-router',
          detail,
          now,
        );
        this.counters.halts += 1;
        this.#alerts.raise({
          severity: 'critical',
          code: `halted_${h.reason}`,
          message: `account ${p.account} HALTED: ${detail}`,
          labels: { account: p.account, venue: this.#v.name },
          dedupeKey: `${p.account}:${now}`,
        });
      }
      this.#halts.shift();
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

  async #save(): Promise<void> {
    this.#state.book = this.#account.snapshot();
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
