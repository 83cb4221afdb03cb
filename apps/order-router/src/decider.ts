import { subjects } from '@algotrader/bus/subjects';
import {
  canTransition,
  fillKey,
  formatInstrument,
  isTerminal,
  latestBarOpen,
  type OrderStatus,
  orderKey,
  parseInstrument,
  positionKey,
} from '@algotrader/core';
import {
  type AccountState,
  accountOf,
  act,
  alert,
  type BarIn,
  barIn,
  type Decider,
  type Effect,
  fillOut,
  KEEP_SWAP_BOOKED,
  keyOf,
  newAccount,
  type OrderState,
  out,
  type Pipeline,
  publish,
  retire,
  type Severity,
} from '@algotrader/pipeline/domain';
import type { Account } from '@algotrader/portfolio';
import { type BarMsg, type BarSetClosed, codecs, type OrderRequestMsg } from '@algotrader/proto';
import { barSetOpen, bookFill, markAndRevalue } from './book';
import { moveOrder, positionSnapshot } from './events';
import { armAfterFill, fillReason, triggeredExits } from './exits';
import { parseApproved, record, reduces } from './intake';
import type { FundingBill, LiquidationOrder, SwapReconcileResult } from './okx/swap-venue';
import { liquidateOnMarks, settleSwapFunding } from './swap-bars';
import type {
  HaltRequest,
  LocalBook,
  OrderRecord,
  ReconcileResult,
  TriggeredExitReport,
  Venue,
  VenueOrder,
  VenueReport,
  VenueResult,
  VenueSnapshot,
} from './venue';

/**
 * The order-router's logic, with no I/O: what an approved order, a bar, a bar-set marker, the
 * risk gate's progress, a poll tick or a venue's answer does to the one account. The venue is
 * reached only through `venue` actions (place / cancel / lookup / reconcile), which the shell
 * executes and whose {@link VenueResult} comes back as a `result` input; a `bars` venue's fill on a
 * bar is pure (the backtest's FillModel) and runs inside the step. The shell (`router.ts`) reads
 * the streams, the control state and the order index, and executes the actions.
 */

/** What the risk gate has decided (KV `decided.<account>`), as the router reads it. */
export interface Progress {
  readonly decidedThrough: number;
  readonly approvedSeq: number;
}

/** A call on the venue, executed by the shell; its answer comes back as a `result` input. */
export type VenueCall =
  | { readonly op: 'place'; readonly order: VenueOrder; readonly late: boolean }
  | { readonly op: 'cancel'; readonly order: OrderRecord }
  | { readonly op: 'lookup'; readonly order: OrderRecord }
  /** The local book is read when the call is made (after the lookups before it are folded in). */
  | { readonly op: 'reconcile' };

export type RouterAction =
  | { readonly type: 'venue'; readonly call: VenueCall }
  /** HALTED by compare-and-set unless already, with a critical alert when it switches. */
  | { readonly type: 'halt'; readonly request: HaltRequest }
  /** Save the account value (compare-and-set), then index `retired` in KV `orders`. */
  | { readonly type: 'save'; readonly retired: readonly OrderState[] };

/** An action as an effect. */
const action = (a: RouterAction): Effect => act(a);

/** An alert as an effect: the same key and code alert once. */
const notice = (severity: Severity, code: string, message: string, dedupeKey: string): Effect =>
  alert({ severity, code, message, dedupeKey });

export type RouterInput =
  /** A new book (first start): what the venue holds. */
  | { readonly kind: 'open'; readonly held: VenueSnapshot }
  | { readonly kind: 'bar'; readonly bar: BarMsg }
  | { readonly kind: 'set'; readonly set: BarSetClosed; readonly seq: number }
  | {
      readonly kind: 'order';
      readonly order: OrderRequestMsg;
      readonly seq: number;
      readonly now: number;
      /** Context the shell reads (see {@link orderNeeds}): the id is in KV `orders`. */
      readonly known?: boolean;
      /** Context: the account's control state, when the order is new. */
      readonly control?: { readonly halted: boolean; readonly reason: string };
    }
  | { readonly kind: 'progress'; readonly progress: Progress }
  /** `exchange` venues: look open orders up, then reconcile. */
  | { readonly kind: 'poll' }
  | { readonly kind: 'result'; readonly call: VenueCall; readonly result: VenueResult; readonly now: number };

export type RouterOutput =
  | { readonly kind: 'bar'; readonly key: string; readonly bar: BarIn }
  | { readonly kind: 'duplicate' }
  | { readonly kind: 'set'; readonly close: number; readonly seq: number }
  | {
      readonly kind: 'new';
      readonly order: OrderState;
      readonly seq: number;
      readonly now: number;
      readonly refused?: string;
      readonly quoteAmount?: number;
      readonly late: boolean;
    }
  | { readonly kind: 'repeat'; readonly id: string; readonly seq: number }
  | { readonly kind: 'cancel'; readonly id: string; readonly seq: number }
  | {
      readonly kind: 'cancel-ignored';
      readonly id: string;
      readonly seq: number;
      readonly status?: OrderStatus;
    }
  /** An order already taken in (a re-read): only the step. */
  | { readonly kind: 'advance' }
  | Extract<RouterInput, { kind: 'open' | 'progress' | 'poll' | 'result' }>;

interface SetAhead {
  readonly close: number;
  readonly seq: number;
}

export interface RouterCounters {
  bars: number;
  sets: number;
  steps: number;
  orders: number;
  fills: number;
  duplicates: number;
  refused: number;
}

export interface RouterState {
  /** The saved value (KV `positions`, `account.<account>`); its `book` is written from `book` by `snapshot`. */
  readonly account: AccountState;
  /** The accounting of `account`. */
  readonly book: Account;
  /** Bars not yet stepped, by close time, then instrument key. */
  readonly bars: Map<number, Map<string, BarIn>>;
  readonly lastOpen: Map<string, number>;
  /** Bar sets read but not yet stepped, ascending. */
  readonly ahead: SetAhead[];
  /** Close time whose first phase (orders decided before it) is applied; `close` timing only. */
  phase1: number;
  progress: Progress | undefined;
  /** Something changed that a crash must not lose: the next step ends with a save. */
  dirty: boolean;
  /** Orders that became terminal (or changed after) since the last save: indexed after it. */
  retired: OrderState[];
  /**
   * Finished orders of `account.done` whose records the shell took out of the saved value once
   * the order index held them (the value stays small: it is written and read at every step).
   * In memory only: rebuilt from the index at start. The reconciliation still sees them.
   */
  readonly finished: Map<string, OrderState>;
  /** Messages and alerts of the output being folded, taken by `effects`. */
  readonly owed: Effect[];
  readonly halts: HaltRequest[];
  readonly counters: RouterCounters;
}

export interface RouterDeps {
  readonly pipeline: Pipeline;
  /** The venue's name, how it fills and, for a `bars` venue, its fill on a bar (pure). */
  readonly venue: Pick<Venue, 'name' | 'fills' | 'holdsExits' | 'fillOnBar' | 'fillTriggered'>;
}

/** What a report can change in a finished order's record. */
function orderMark(o: OrderState): string {
  return `${o.status}:${o.events}:${o.filledQty}:${o.avgFillPrice}:${o.trades?.length ?? 0}`;
}

/** What the shell must read before an order can be decided: the order index, the control state. */
export function orderNeeds(
  s: RouterState,
  m: OrderRequestMsg,
  seq: number,
): { known: boolean; control: boolean } {
  const id = m.clientOrderId ?? '';
  const fresh =
    seq > s.account.orderSeq &&
    !m.cancel &&
    s.account.orders[id] === undefined &&
    !s.account.done.includes(id);
  return { known: fresh, control: fresh };
}

/** The router's records as a venue compares them (open and recently finished orders, holdings). */
export function localBook(s: RouterState): LocalBook {
  const a = s.account;
  const orders = [...a.pending, ...a.done]
    .map((id) => a.orders[id] ?? s.finished.get(id))
    .filter((o): o is OrderState => !!o);
  const b = s.book;
  return {
    orders: orders.map(record),
    positions: Object.fromEntries(b.instruments.map((_, k) => [b.keyOf(k), b.qty(k)])),
  };
}

/** The state of a saved account value (the orders it finished are indexed again: a crash may have come first). */
export function routerState(account: AccountState, p: Pipeline): RouterState {
  return {
    account,
    book: accountOf(account, p.specs, undefined, p.config.risk.dayOffsetMs, p.swapSettings),
    bars: new Map(),
    lastOpen: new Map(),
    ahead: [],
    phase1: account.visibleThrough > account.steppedThrough ? account.visibleThrough : 0,
    progress: undefined,
    dirty: false,
    retired: account.done.map((id) => account.orders[id]).filter((o): o is OrderState => o !== undefined),
    finished: new Map(),
    owed: [],
    halts: [],
    counters: { bars: 0, sets: 0, steps: 0, orders: 0, fills: 0, duplicates: 0, refused: 0 },
  };
}

export function routerDecider(
  deps: RouterDeps,
): Decider<RouterState, RouterInput, RouterOutput, AccountState> {
  const p = deps.pipeline;
  const v = deps.venue;
  const bars = v.fills === 'bars';

  function decide(s: RouterState, input: RouterInput): RouterOutput[] {
    switch (input.kind) {
      case 'open':
      case 'progress':
      case 'poll':
      case 'result':
        return [input];
      case 'bar': {
        const m = input.bar;
        if (m.timeframe !== p.tf || (m.instrument?.venue ?? '').toUpperCase() !== p.venue) return [];
        const key = keyOf(m.instrument);
        if (p.indexOf(key) < 0) return [];
        const b = barIn(m, p.tf, p.calendar);
        if (
          b.closeTime <= s.account.steppedThrough ||
          b.openTime <= (s.lastOpen.get(key) ?? Number.NEGATIVE_INFINITY)
        ) {
          return [{ kind: 'duplicate' }];
        }
        return [{ kind: 'bar', key, bar: b }];
      }
      case 'set': {
        const m = input.set;
        if ((m.venue ?? '').toUpperCase() !== p.venue || m.timeframe !== p.tf) return [];
        const close = Number(m.closeTimeMs ?? 0);
        const last = s.ahead.length > 0 ? s.ahead[s.ahead.length - 1]!.close : s.account.steppedThrough;
        return close <= last ? [] : [{ kind: 'set', close, seq: input.seq }];
      }
      case 'order':
        return [decideOrder(s, input)];
    }
  }

  function decideOrder(s: RouterState, i: Extract<RouterInput, { kind: 'order' }>): RouterOutput {
    const { order: m, seq } = i;
    const a = s.account;
    if (seq <= a.orderSeq) return { kind: 'advance' };
    const id = m.clientOrderId ?? '';
    if (m.cancel) {
      const o = a.orders[id] ?? s.finished.get(id);
      return o && !isTerminal(o.status)
        ? { kind: 'cancel', id, seq }
        : { kind: 'cancel-ignored', id, seq, ...(o ? { status: o.status } : {}) };
    }
    if (a.orders[id] !== undefined || a.done.includes(id) || i.known) return { kind: 'repeat', id, seq };
    const parsed = parseApproved(m, p);
    const order: OrderState = {
      id,
      strategy: m.strategy ?? '',
      instrument: parsed.instrument,
      side: parsed.side,
      type: parsed.type,
      qty: parsed.qty,
      ...(parsed.limitPrice !== undefined ? { limitPrice: parsed.limitPrice } : {}),
      decisionTime: parsed.decisionTime,
      ...(parsed.exits !== undefined ? { exits: parsed.exits } : {}),
      // Saved with the order: a lookup, a re-placement or a bar fill after a restart still carries it.
      ...(parsed.reduceOnly ? { reduceOnly: true } : {}),
      eligibleOpen: p.fillModel.timing === 'close' ? parsed.decisionTime - p.tfMs : parsed.decisionTime,
      status: 'pending_submit',
      events: 0,
      filledQty: 0,
      avgFillPrice: Number.NaN,
    };
    const refused = parsed.error ?? exitsRefused(s, order) ?? haltedFor(s, order, i.control);
    return {
      kind: 'new',
      order,
      seq,
      now: i.now,
      // The stepped bar's open: a session-cut bar (NYSE 15:30–16:00) opens after steppedThrough − tf.
      late: bars && order.eligibleOpen <= latestBarOpen(p.calendar, a.steppedThrough, p.tfMs),
      ...(refused !== undefined ? { refused } : {}),
      ...(parsed.quoteAmount !== undefined ? { quoteAmount: parsed.quoteAmount } : {}),
    };
  }

  /** A `bars` venue that cannot fill protective exits refuses an entry carrying them (exchange venues refuse in `place`). */
  function exitsRefused(s: RouterState, o: OrderState): string | undefined {
    if (o.exits === undefined || v.fills !== 'bars' || v.fillTriggered) return undefined;
    const why = `the ${v.name} venue cannot carry protective exits (stop-loss, take-profit, trailing stop)`;
    s.owed.push(notice('warning', 'exits_unsupported', `order ${o.id}: ${why}: refused`, o.id));
    return why;
  }

  /** While HALTED, an order that adds to a position is refused; cancels and reducing orders pass. */
  function haltedFor(
    s: RouterState,
    o: OrderState,
    control: { halted: boolean; reason: string } | undefined,
  ) {
    if (!control?.halted) return undefined;
    if (reduces(o.side, o.qty, s.book.qty(s.book.require(o.instrument)))) return undefined;
    return `trading is HALTED (${control.reason || 'by control'}): an order that adds to a position is refused`;
  }

  function evolve(s: RouterState, o: RouterOutput): RouterState {
    const a = s.account;
    switch (o.kind) {
      case 'open':
        open(s, o.held);
        return s;
      case 'bar': {
        s.lastOpen.set(o.key, o.bar.openTime);
        let at = s.bars.get(o.bar.closeTime);
        if (!at) {
          at = new Map();
          s.bars.set(o.bar.closeTime, at);
        }
        at.set(o.key, o.bar);
        s.counters.bars += 1;
        return s;
      }
      case 'duplicate':
        s.counters.duplicates += 1;
        return s;
      case 'set':
        s.ahead.push({ close: o.close, seq: o.seq });
        s.counters.sets += 1;
        advance(s);
        return s;
      case 'new': {
        s.counters.orders += 1;
        const ord = o.order;
        a.orders[ord.id] = ord;
        a.orderSeq = o.seq;
        if (o.refused !== undefined) {
          if (o.refused.startsWith('trading is HALTED')) {
            s.counters.refused += 1;
            s.owed.push(
              notice(
                'warning',
                'order_refused_halted',
                `order ${ord.id} ${ord.side} ${ord.qty} ${ord.instrument}: ${o.refused}`,
                ord.id,
              ),
            );
          }
          s.owed.push(publish(moveOrder(p.account, ord, 'rejected', o.now, o.refused)));
          retireOrder(s, ord.id);
          takenIn(s);
          advance(s);
          return s;
        }
        a.pending.push(ord.id);
        takenIn(s);
        const order: VenueOrder = {
          ...record(ord),
          ...(o.quoteAmount !== undefined ? { quoteAmount: o.quoteAmount } : {}),
        };
        // The result steps the account (the order is known to the venue by then).
        s.owed.push(action({ type: 'venue', call: { op: 'place', order, late: o.late } }));
        return s;
      }
      case 'repeat':
        s.counters.duplicates += 1;
        s.owed.push(
          notice(
            'warning',
            'order_duplicate',
            `order ${o.id} was already received: ignored`,
            `${o.id}:${o.seq}`,
          ),
        );
        a.orderSeq = o.seq;
        advance(s);
        return s;
      case 'cancel':
        a.orderSeq = o.seq;
        takenIn(s);
        s.owed.push(
          action({
            type: 'venue',
            call: { op: 'cancel', order: record(a.orders[o.id]!) },
          }),
        );
        return s;
      case 'cancel-ignored':
        s.owed.push(
          notice(
            'info',
            'cancel_ignored',
            `cancel of ${o.id}: ${o.status ? `already ${o.status}` : 'unknown order'}`,
            `${o.id}:${o.seq}`,
          ),
        );
        a.orderSeq = o.seq;
        advance(s);
        return s;
      case 'advance':
        advance(s);
        return s;
      case 'progress':
        s.progress = o.progress;
        advance(s);
        return s;
      case 'poll':
        for (const id of a.pending) {
          const ord = a.orders[id];
          if (ord) s.owed.push(action({ type: 'venue', call: { op: 'lookup', order: record(ord) } }));
        }
        s.owed.push(action({ type: 'venue', call: { op: 'reconcile' } }));
        return s;
      case 'result':
        result(s, o.call, o.result, o.now);
        return s;
    }
  }

  /** An exchange acted on it: never lose that to a crash before the next bar. (A `bars` venue saves
   * the ORDERS position with the next bar's state, which re-reads it after a crash.) */
  function takenIn(s: RouterState): void {
    if (!bars) s.dirty = true;
  }

  /** What a venue call produced: reports, then alerts; a halt request is queued for the step. */
  function result(s: RouterState, call: VenueCall, r: VenueResult, now: number): void {
    for (const rep of r.reports) {
      const o =
        s.account.orders[rep.clientOrderId] ??
        revive(s, rep.clientOrderId) ??
        (rep.triggeredExit
          ? takeInExit(s, rep.clientOrderId, rep.triggeredExit, rep.timeMs ?? now)
          : undefined);
      if (!o) {
        s.owed.push(
          notice(
            'warning',
            'venue_report_unknown_order',
            `${v.name} reports order ${rep.clientOrderId} (${rep.status}), which the account has no record of`,
            `${rep.clientOrderId}:${rep.status}:${rep.filledQty}`,
          ),
        );
        continue;
      }
      const before = isTerminal(o.status) && s.account.done.includes(o.id) ? orderMark(o) : undefined;
      apply(s, o, rep, now);
      // A finished order the report changed (fills the records did not cover): indexed again.
      if (before !== undefined && orderMark(o) !== before) s.retired.push(structuredClone(o));
    }
    for (const x of r.alerts) {
      s.owed.push(
        alert({
          severity: x.severity,
          code: x.code,
          message: x.message,
          dedupeKey: x.dedupeKey,
          labels: { venue: v.name, ...x.labels },
        }),
      );
    }
    if (r.halt) s.halts.push(r.halt);
    if (call.op === 'place') {
      const o = s.account.orders[call.order.clientOrderId];
      if (call.late && o && !isTerminal(o.status)) {
        s.owed.push(
          notice(
            'warning',
            'order_late',
            `order ${o.id} decided at ${new Date(o.decisionTime).toISOString()} arrived after its fill bar was settled: it fills on the next one`,
            o.id,
          ),
        );
      }
    }
    if (call.op === 'reconcile') {
      bookSwapEvents(s, r as SwapReconcileResult, now);
      const cash = (r as ReconcileResult).cash;
      if (cash !== undefined && !r.halt) s.book.setCash(cash);
      s.dirty = true;
    }
    // Lookups of one poll step once the reconciliation is in, like the poll itself.
    if (call.op !== 'lookup') advance(s);
  }

  /**
   * The order an exchange placed when a protective exit it holds triggered (an OKX stop-loss
   * attached to entry `x.entry`): recorded as the router's own exit order, under the strategy that
   * armed the exits and with the exit's reason, so its fills are booked and published (Fill
   * `exit_reason`) like those of the paper venue's exits; the fill that flattens the position
   * disarms the exits (`armAfterFill`).
   */
  function takeInExit(s: RouterState, id: string, x: TriggeredExitReport, time: number): OrderState {
    const a = s.account;
    const key = formatInstrument(x.instrument);
    const strategy =
      a.protections?.[key]?.strategy ?? (a.orders[x.entry] ?? s.finished.get(x.entry))?.strategy;
    if (strategy === undefined)
      s.owed.push(
        notice(
          'warning',
          'exit_strategy_unknown',
          `${v.name} reports exit order ${id} (${x.reason} of ${x.entry}), but neither the entry nor its armed exits are on record: booked under strategy "${x.entry}"`,
          id,
        ),
      );
    const o: OrderState = {
      id,
      strategy: strategy ?? x.entry,
      instrument: key,
      side: x.side,
      type: 'market',
      qty: x.qty,
      decisionTime: time,
      eligibleOpen: time,
      status: 'pending_submit',
      events: 0,
      filledQty: 0,
      avgFillPrice: Number.NaN,
      exitReason: x.reason,
    };
    a.orders[id] = o;
    a.pending.push(id);
    // One leg fired: the exchange ended the other with it (one cancels the other), so nothing is armed any more.
    if (a.protections) delete a.protections[key];
    return o;
  }

  /**
   * Books the swap funding payments and liquidations a reconciliation reports, each once: their
   * venue ids are saved with the account (`swapBooked`), so a venue reporting them again — after a
   * restart it has forgotten them — books nothing. A liquidation closes the position at the
   * venue's price (the Account's liquidation model books the margin lost) and is alerted
   * critical; then the account is revalued and its positions published.
   */
  function bookSwapEvents(s: RouterState, r: SwapReconcileResult, now: number): void {
    const funding = r.funding ?? [];
    const liquidations = r.liquidations ?? [];
    if (funding.length === 0 && liquidations.length === 0) return;
    const a = s.account;
    const booked = new Set(a.swapBooked ?? []);
    const ids: string[] = [];
    for (const f of funding) {
      const id = `funding:${f.billId}`;
      if (booked.has(id)) continue;
      booked.add(id);
      ids.push(id);
      bookFunding(s, f);
    }
    for (const l of liquidations) {
      const id = `liquidation:${l.ordId}`;
      if (booked.has(id)) continue;
      booked.add(id);
      ids.push(id);
      bookLiquidation(s, l);
    }
    if (ids.length === 0) return;
    a.swapBooked = [...(a.swapBooked ?? []), ...ids].slice(-KEEP_SWAP_BOOKED);
    const b = s.book;
    if (b.valuedAt > 0) b.revalue(b.valuedAt);
    a.book = b.snapshot();
    s.owed.push(publish(positionSnapshot(a, p, now, positionKey(p.account, now))));
    s.dirty = true;
  }

  function bookFunding(s: RouterState, f: FundingBill): void {
    const key = formatInstrument(f.instrument);
    const k = s.book.indexOf(key);
    try {
      if (k < 0) throw new Error(`${key} is not an instrument of this account`);
      s.book.applyFundingAmount(k, f.amount);
    } catch (e) {
      s.owed.push(
        notice(
          'warning',
          'swap_funding_unbooked',
          `${v.name} funding bill ${f.billId} (${f.amount} on ${key}) could not be booked: ${(e as Error).message}; reconciliation takes the venue's cash`,
          `funding:${f.billId}`,
        ),
      );
    }
  }

  function bookLiquidation(s: RouterState, l: LiquidationOrder): void {
    const key = formatInstrument(l.instrument);
    const b = s.book;
    const k = b.indexOf(key);
    const dedupe = `liquidation:${l.ordId}`;
    const held = k >= 0 ? b.qty(k) : 0;
    if (k < 0 || held === 0 || !b.swaps.has(k)) {
      s.owed.push(
        notice(
          'critical',
          'swap_liquidation_unbooked',
          `${v.name} liquidated ${l.qty} of ${key} at ${l.price} (order ${l.ordId}), but the book holds ${held}: nothing booked; compare the account with the venue before resuming`,
          dedupe,
        ),
      );
      return;
    }
    const cash = b.cash;
    const step = p.specs[k]?.lotSize ?? 0;
    let what: string;
    if (Math.abs(held + l.qty) <= step / 2 + 1e-12) {
      const done = b.liquidate(k, l.price);
      const loss = done.reduce((x, d) => x + d.loss, 0);
      what = `closed ${held} at ${l.price}, ${done.length} position(s), liquidation loss ${loss.toFixed(4)}`;
    } else {
      // A partial liquidation (a tier reduced): the part closed at the venue's price.
      b.applyFill(k, l.qty > 0 ? 'buy' : 'sell', Math.abs(l.qty), l.price, 0, l.timeMs);
      what = `reduced ${held} by ${l.qty} at ${l.price} (partial), ${b.qty(k)} left`;
    }
    s.owed.push(
      notice(
        'critical',
        'swap_liquidation_booked',
        `${v.name} liquidated ${key} (order ${l.ordId}): ${what}; cash ${cash.toFixed(4)} → ${b.cash.toFixed(4)}`,
        dedupe,
      ),
    );
  }

  /**
   * Moves the order along what the venue reports and books the executions whose trade ids it has
   * not booked (the ids are saved with the order: a report repeated after a restart books nothing).
   */
  function apply(s: RouterState, o: OrderState, r: VenueReport, now: number): void {
    const time = r.timeMs ?? now;
    if (r.exchangeOrderId) o.exchangeId = r.exchangeOrderId;
    let n = 0;
    let lastPrice = Number.NaN;
    for (const f of r.fills) {
      const key = `${o.id}:${f.tradeId}`;
      if (o.trades?.includes(f.tradeId)) continue;
      o.trades = [...(o.trades ?? []), f.tradeId];
      n += 1;
      try {
        const note = bookFill(s.book, p, o.instrument, o.side, f);
        if (note) s.owed.push(notice('warning', 'fill_fee_currency', note, key));
      } catch (e) {
        // The venue is the truth: the fill is published; reconciliation compares the holdings.
        s.owed.push(
          notice(
            'warning',
            'fill_unexpected',
            `fill ${f.tradeId} of ${o.id} does not fit the account: ${(e as Error).message}`,
            key,
          ),
        );
      }
      s.account.fills += 1;
      s.counters.fills += 1;
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
      s.owed.push(
        publish(
          out(codecs.Fill, subjects.execFill(p.account), fill, fillKey(v.name, f.tradeId), orderKey(o.id)),
        ),
      );
    }
    if (n > 0 && (v.fills === 'bars' || v.holdsExits)) armAfterFill(s.account, o, s.book, lastPrice);
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
        s.owed.push(
          notice(
            'warning',
            'order_transition_refused',
            `${v.name} reports ${o.id} ${to}, but it is ${o.status}: kept`,
            `${o.id}:${o.status}:${to}`,
          ),
        );
        continue;
      }
      s.owed.push(publish(moveOrder(p.account, o, to, time, to === r.status ? (r.reason ?? '') : '')));
    }
    if (isTerminal(o.status)) retireOrder(s, o.id);
  }

  /** Applies every bar step the inputs allow; then the halts asked for, and a save when owed. */
  function advance(s: RouterState): void {
    const a = s.account;
    const close = p.fillModel.timing === 'close';
    let stepped = false;
    for (;;) {
      const next = s.ahead[0];
      if (!next) break;
      const c = next.close;
      // This set's bar open (not c − tf: a session-cut bar, NYSE 15:30–16:00, opens at 15:30).
      const x = barSetOpen(p, c, s.bars.get(c));
      if (bars) {
        const decided = s.progress?.decidedThrough ?? 0;
        const ordersIn = a.orderSeq >= (s.progress?.approvedSeq ?? 0);
        if (s.phase1 !== c) {
          if (!(decided >= x && ordersIn)) break;
          fund(s, c);
          fill(s, c, x);
          protect(s, c);
          liquidate(s, c);
          settle(s, c);
          s.phase1 = c;
          stepped = true;
        }
        if (close) {
          // Orders decided at C itself fill on this bar's close: wait for those decisions too.
          if (!(decided >= c && ordersIn)) break;
          fill(s, c, c);
        }
      } else {
        settle(s, c);
      }
      s.bars.delete(c);
      s.ahead.shift();
      a.steppedThrough = c;
      a.mdSeq = next.seq;
      s.phase1 = 0;
      s.counters.steps += 1;
      stepped = true;
    }
    if (!bars) {
      // Valid for a decision at C once C is marked and nothing decided before C is still open.
      const open = a.pending.map((id) => a.orders[id]).filter((o) => o && !isTerminal(o.status));
      const oldest = open.reduce((m, o) => Math.min(m, o!.decisionTime), Number.POSITIVE_INFINITY);
      const visible = Math.min(a.steppedThrough, oldest);
      if (visible > a.visibleThrough) {
        a.visibleThrough = visible;
        stepped = true;
      }
    }
    if (stepped) s.dirty = true;
    for (const request of s.halts.splice(0)) s.owed.push(action({ type: 'halt', request }));
    if (s.dirty) {
      s.dirty = false;
      s.owed.push(action({ type: 'save', retired: s.retired.splice(0) }));
    }
  }

  /** Fills, in arrival order, the open orders decided at or before `maxDecision` that may fill on the bar closing at `c`. */
  function fill(s: RouterState, c: number, maxDecision: number): void {
    const a = s.account;
    const at = s.bars.get(c);
    if (!at || !v.fillOnBar) return;
    for (const id of [...a.pending]) {
      const o = a.orders[id];
      if (!o || o.decisionTime > maxDecision) continue;
      const bar = at.get(o.instrument);
      // The bar's own open, not c − tf: the NYSE's session-cut 15:30 bar (closing at 16:00) fills an order decided at 15:30.
      if (!bar || o.eligibleOpen > bar.openTime) continue;
      const b = s.book;
      apply(
        s,
        o,
        v.fillOnBar(record(o), bar, { cash: b.cash, held: b.qty(b.require(o.instrument)), book: b }),
        c,
      );
    }
  }

  /** Protective exits the bar set closing at `c` triggers (exits.ts), filled by the venue in instrument order. */
  function protect(s: RouterState, c: number): void {
    if (!v.fillTriggered) return;
    const a = s.account;
    const b = s.book;
    for (const x of triggeredExits(a, p, s.bars.get(c), c, b)) {
      const o = x.order;
      a.orders[o.id] = o;
      a.pending.push(o.id);
      apply(
        s,
        o,
        v.fillTriggered(record(o), x.bar, x.trigger, {
          cash: b.cash,
          held: b.qty(b.require(o.instrument)),
          book: b,
        }),
        c,
      );
    }
  }

  /**
   * Swap funding settled at the open of the bars closing at `c` (swap-bars.ts), before they fill
   * orders; booked in the account's swap book (its `funding`), which is saved and published with
   * the position snapshot — no alert per settlement.
   */
  function fund(s: RouterState, c: number): void {
    settleSwapFunding(s.book, p, s.bars.get(c));
  }

  /** Swap positions the mark candles of the bars closing at `c` liquidate (swap-bars.ts). */
  function liquidate(s: RouterState, c: number): void {
    for (const l of liquidateOnMarks(s.book, p, s.bars.get(c))) {
      s.owed.push(
        notice(
          'critical',
          'swap_liquidation_booked',
          `${v.name} liquidated ${l.key}: closed ${l.qty} at ${l.price}, ${l.positions} position(s), liquidation loss ${l.loss.toFixed(4)}`,
          `liquidation:${l.key}:${c}`,
        ),
      );
    }
  }

  /** Marks at the bar set closing at `c`: equity, peak and day start move; a position snapshot goes out. */
  function settle(s: RouterState, c: number): void {
    const a = s.account;
    markAndRevalue(s.book, p, c, s.bars.get(c));
    a.book = s.book.snapshot();
    a.lastBarSet = c;
    if (bars) a.visibleThrough = c;
    s.owed.push(publish(positionSnapshot(a, p, c, positionKey(p.account, c))));
  }

  /**
   * A new book from what the venue holds: its cash, and each holding taken in at the venue's own
   * valuation (its cost before this account is unknown); the first day starts at that equity. A
   * holding the venue gives no price for cannot be booked: alerted, and reconciliation halts on it.
   */
  function open(s: RouterState, held: VenueSnapshot): void {
    const b = s.book;
    for (const [key, h] of Object.entries(held.positions)) {
      const k = b.indexOf(key);
      if (k >= 0 && h.price > 0) {
        b.setCash(b.cash + h.qty * h.price);
        b.applyFill(k, 'buy', h.qty, h.price, 0);
        s.owed.push(
          notice(
            'info',
            'holding_adopted',
            `${v.name} holds ${h.qty} of ${key}: taken into the new book at ${h.price}`,
            `${p.account}:${key}`,
          ),
        );
      } else {
        s.owed.push(
          notice(
            'critical',
            'holding_unexplained',
            `${v.name} holds ${h.qty} of ${key}, which a new book cannot take in (no price): sell or move it before trading`,
            `${p.account}:${key}`,
          ),
        );
      }
    }
    b.setCash(held.cash);
    s.account.book = b.snapshot();
  }

  /**
   * A finished order taken out of the saved value, back into it (a report about it came); the
   * shell takes it out again once the index holds it as it is.
   */
  function revive(s: RouterState, id: string): OrderState | undefined {
    const o = s.finished.get(id);
    if (!o || !s.account.done.includes(id)) return undefined;
    s.account.orders[id] = o;
    return o;
  }

  function retireOrder(s: RouterState, id: string): void {
    // A report about an order already finished (a late execution): it is in `done` once only.
    if (s.account.done.includes(id)) return;
    const o = s.account.orders[id];
    if (o) s.retired.push(structuredClone(o));
    retire(s.account, id);
  }

  return {
    initial: () =>
      routerState(newAccount(p.account, p.config.paper.initialCash, p.config.paper.quoteCurrency), p),
    decide,
    evolve,
    effects: (s) => s.owed.splice(0),
    snapshot: (s) => ({ ...s.account, book: s.book.snapshot() }),
    restore: (saved) => ({ state: routerState(saved, p), effects: [] }),
  };
}
