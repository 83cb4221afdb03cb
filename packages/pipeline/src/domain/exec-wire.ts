import { AlgoError, assertNever, ErrorCode, type Instrument, type OrderStatus } from '@algotrader/core';
import { type FillMsg, type OrderEvent, type PositionSnapshot, pb } from '@algotrader/proto';
import type { ExitReason, Side } from '@algotrader/strategy';
import { exitReasonIn, exitReasonOut } from './exits-wire';
import { dec, instrumentOf, num, refOf, sideOf, sideToPb } from './wire';

/**
 * The one mapping between the execution messages (Fill, OrderEvent, PositionSnapshot) and domain
 * values: producers build the wire message only through `…Out`, consumers read it only through
 * `…In`, which checks it once. Every `…Out` sets the same fields the hand-built messages did (an
 * absent optional decimal is the empty string), so the bytes on the wire do not change.
 */

/** An execution on an account, as the order-router books and publishes it. */
export interface AccountFill {
  readonly tradeId: string;
  readonly clientOrderId: string;
  readonly account: string;
  readonly instrument: Instrument;
  readonly side: Side;
  readonly qty: number;
  readonly price: number;
  /** Positive = paid, in `feeCurrency`. */
  readonly fee: number;
  readonly feeCurrency: string;
  readonly timeMs: number;
  readonly maker: boolean;
  /**
   * Why the order was sent: `signal`, or the protective exit that fired (`stop_loss`, …). Absent on
   * the way out: not sent (UNSPECIFIED); on the way in, UNSPECIFIED reads as `signal`.
   */
  readonly reason?: ExitReason;
}

/** One step of an order's life (`seq` counts them per order, from 1). */
export interface OrderChange {
  readonly clientOrderId: string;
  readonly exchangeOrderId: string;
  readonly account: string;
  readonly instrument: Instrument;
  readonly status: OrderStatus;
  /** Undefined on a message that names none (UNSPECIFIED). */
  readonly previous: OrderStatus | undefined;
  /** Cumulative. */
  readonly filledQty: number;
  /** Undefined until something filled. */
  readonly avgPrice: number | undefined;
  readonly reason: string;
  readonly timeMs: number;
  readonly seq: number;
}

/** One instrument's line of a {@link HoldingsSnapshot}; an absent figure is undefined. */
export interface Holding {
  readonly instrument: Instrument;
  readonly qty: number;
  readonly avgPrice: number | undefined;
  readonly realizedPnl: number | undefined;
  readonly unrealizedPnl: number | undefined;
  readonly mark: number | undefined;
}

/**
 * An account's positions, cash and equity at its marks. Peak, day start, drawdown and daily P&L
 * are the Account's own figures (readers show them, never recompute them); undefined when the
 * producer sent none, which readers treat as an incomplete snapshot.
 */
export interface HoldingsSnapshot {
  readonly account: string;
  readonly timeMs: number;
  readonly holdings: readonly Holding[];
  readonly cash: number;
  readonly equity: number;
  readonly quote: string;
  readonly peakEquity: number | undefined;
  readonly dayStartEquity: number | undefined;
  readonly drawdown: number | undefined;
  readonly dailyPnl: number | undefined;
}

const S = pb.OrderState;

/** Domain order status → proto OrderState. */
export function orderStateOut(s: OrderStatus): number {
  switch (s) {
    case 'pending_submit':
      return S.ORDER_STATE_PENDING_SUBMIT;
    case 'submitted':
      return S.ORDER_STATE_SUBMITTED;
    case 'accepted':
      return S.ORDER_STATE_ACCEPTED;
    case 'partially_filled':
      return S.ORDER_STATE_PARTIALLY_FILLED;
    case 'filled':
      return S.ORDER_STATE_FILLED;
    case 'pending_cancel':
      return S.ORDER_STATE_PENDING_CANCEL;
    case 'canceled':
      return S.ORDER_STATE_CANCELED;
    case 'rejected':
      return S.ORDER_STATE_REJECTED;
    case 'expired':
      return S.ORDER_STATE_EXPIRED;
    case 'unknown':
      return S.ORDER_STATE_UNKNOWN;
    default:
      return assertNever(s, 'order status');
  }
}

const ALL_STATUSES: readonly OrderStatus[] = [
  'pending_submit',
  'submitted',
  'accepted',
  'partially_filled',
  'filled',
  'pending_cancel',
  'canceled',
  'rejected',
  'expired',
  'unknown',
];
const FROM_PB: ReadonlyMap<number, OrderStatus> = new Map(ALL_STATUSES.map((s) => [orderStateOut(s), s]));

/** Proto OrderState → domain order status; undefined for UNSPECIFIED or a number we do not know. */
export function orderStateIn(x: number | null | undefined): OrderStatus | undefined {
  return x == null ? undefined : FROM_PB.get(x);
}

const opt = (x: number | undefined): string => (x === undefined ? '' : dec(x));
const optIn = (text: string | null | undefined, field: string): number | undefined =>
  text === null || text === undefined || text === '' ? undefined : num(text, field);

function timeIn(x: number | null | undefined, what: string): number {
  const t = Number(x ?? 0);
  if (!Number.isSafeInteger(t) || t <= 0) throw new AlgoError(ErrorCode.InvalidData, `${what}: no time`);
  return t;
}

function required(text: string | null | undefined, what: string): string {
  if (!text) throw new AlgoError(ErrorCode.InvalidData, `${what} is missing`);
  return text;
}

export function fillOut(f: AccountFill): FillMsg {
  return {
    tradeId: f.tradeId,
    clientOrderId: f.clientOrderId,
    account: f.account,
    instrument: refOf(f.instrument),
    side: sideToPb(f.side),
    quantity: dec(f.qty),
    price: dec(f.price),
    fee: dec(f.fee),
    feeCurrency: f.feeCurrency,
    timeMs: f.timeMs,
    maker: f.maker,
    ...(f.reason !== undefined ? { exitReason: exitReasonOut(f.reason) } : {}),
  };
}

/**
 * Inverse of {@link fillOut}, checked once: a trade id, client order id and account, an
 * instrument and side, a positive quantity and price, a decimal fee (empty = none), a time.
 */
export function fillIn(m: FillMsg): AccountFill {
  const tradeId = required(m.tradeId, 'fill: trade id');
  const what = `fill ${tradeId}`;
  const qty = num(m.quantity, `${what} quantity`);
  if (!(qty > 0)) throw new AlgoError(ErrorCode.InvalidData, `${what}: quantity ${qty} is not positive`);
  const price = num(m.price, `${what} price`);
  if (!(price > 0)) throw new AlgoError(ErrorCode.InvalidData, `${what}: price ${price} is not positive`);
  return {
    tradeId,
    clientOrderId: required(m.clientOrderId, `${what}: client order id`),
    account: required(m.account, `${what}: account`),
    instrument: instrumentOf(m.instrument),
    side: sideOf(m.side),
    qty,
    price,
    fee: optIn(m.fee, `${what} fee`) ?? 0,
    feeCurrency: m.feeCurrency ?? '',
    timeMs: timeIn(m.timeMs, what),
    maker: !!m.maker,
    reason: exitReasonIn(m.exitReason),
  };
}

export function orderEventOut(e: OrderChange): OrderEvent {
  return {
    clientOrderId: e.clientOrderId,
    exchangeOrderId: e.exchangeOrderId,
    account: e.account,
    instrument: refOf(e.instrument),
    state: orderStateOut(e.status),
    previousState: e.previous === undefined ? S.ORDER_STATE_UNSPECIFIED : orderStateOut(e.previous),
    filledQuantity: dec(e.filledQty),
    averagePrice: opt(e.avgPrice),
    reason: e.reason,
    timeMs: e.timeMs,
    seq: e.seq,
  };
}

/**
 * Inverse of {@link orderEventOut}, checked once: a client order id and account, an instrument, a
 * known state, a cumulative filled quantity >= 0 (empty = nothing filled), a time, a sequence >= 1.
 */
export function orderEventIn(m: OrderEvent): OrderChange {
  const id = required(m.clientOrderId, 'order event: client order id');
  const what = `order event of ${id}`;
  const status = orderStateIn(m.state);
  if (status === undefined)
    throw new AlgoError(ErrorCode.InvalidData, `${what}: state ${m.state} is unknown`);
  const filledQty = optIn(m.filledQuantity, `${what} filled_quantity`) ?? 0;
  if (filledQty < 0) throw new AlgoError(ErrorCode.InvalidData, `${what}: filled quantity ${filledQty} < 0`);
  const seq = Number(m.seq ?? 0);
  if (!Number.isSafeInteger(seq) || seq < 1)
    throw new AlgoError(ErrorCode.InvalidData, `${what}: no sequence`);
  return {
    clientOrderId: id,
    exchangeOrderId: m.exchangeOrderId ?? '',
    account: required(m.account, `${what}: account`),
    instrument: instrumentOf(m.instrument),
    status,
    previous: orderStateIn(m.previousState),
    filledQty,
    avgPrice: optIn(m.averagePrice, `${what} average_price`),
    reason: m.reason ?? '',
    timeMs: timeIn(m.timeMs, what),
    seq,
  };
}

export function positionSnapshotOut(s: HoldingsSnapshot): PositionSnapshot {
  return {
    account: s.account,
    timeMs: s.timeMs,
    positions: s.holdings.map((h) => ({
      instrument: refOf(h.instrument),
      quantity: dec(h.qty),
      averagePrice: opt(h.avgPrice),
      realizedPnl: opt(h.realizedPnl),
      unrealizedPnl: opt(h.unrealizedPnl),
      markPrice: opt(h.mark),
    })),
    cash: dec(s.cash),
    equity: dec(s.equity),
    quoteCurrency: s.quote,
    peakEquity: opt(s.peakEquity),
    dayStartEquity: opt(s.dayStartEquity),
    drawdown: opt(s.drawdown),
    dailyPnl: opt(s.dailyPnl),
  };
}

/**
 * Inverse of {@link positionSnapshotOut}, checked once: an account, a time, decimal cash and
 * equity, each position with an instrument and a decimal quantity; every other figure empty or a
 * decimal. A malformed number anywhere refuses the whole snapshot (never a partial one).
 */
export function positionSnapshotIn(m: PositionSnapshot): HoldingsSnapshot {
  const account = required(m.account, 'position snapshot: account');
  const what = `position snapshot of ${account}`;
  return {
    account,
    timeMs: timeIn(m.timeMs, what),
    holdings: (m.positions ?? []).map((p, i) => {
      const at = `${what} position ${i}`;
      return {
        instrument: instrumentOf(p.instrument),
        qty: num(p.quantity, `${at} quantity`),
        avgPrice: optIn(p.averagePrice, `${at} average_price`),
        realizedPnl: optIn(p.realizedPnl, `${at} realized_pnl`),
        unrealizedPnl: optIn(p.unrealizedPnl, `${at} unrealized_pnl`),
        mark: optIn(p.markPrice, `${at} mark_price`),
      };
    }),
    cash: num(m.cash, `${what} cash`),
    equity: num(m.equity, `${what} equity`),
    quote: m.quoteCurrency ?? '',
    peakEquity: optIn(m.peakEquity, `${what} peak_equity`),
    dayStartEquity: optIn(m.dayStartEquity, `${what} day_start_equity`),
    drawdown: optIn(m.drawdown, `${what} drawdown`),
    dailyPnl: optIn(m.dailyPnl, `${what} daily_pnl`),
  };
}
