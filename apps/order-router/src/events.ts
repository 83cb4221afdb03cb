import { subjects } from '@algotrader/bus';
import { type OrderStatus, transition } from '@algotrader/core';
import {
  type AccountState,
  dec,
  equityOf,
  type OrderState,
  type OutMessage,
  out,
  type Pipeline,
  parseKey,
} from '@algotrader/pipeline';
import { codecs, type Fill, type OrderEvent, type PositionSnapshot, pb } from '@algotrader/proto';

const STATE: Record<OrderStatus, number> = {
  pending_submit: pb.OrderState.ORDER_STATE_PENDING_SUBMIT,
  submitted: pb.OrderState.ORDER_STATE_SUBMITTED,
  accepted: pb.OrderState.ORDER_STATE_ACCEPTED,
  partially_filled: pb.OrderState.ORDER_STATE_PARTIALLY_FILLED,
  filled: pb.OrderState.ORDER_STATE_FILLED,
  pending_cancel: pb.OrderState.ORDER_STATE_PENDING_CANCEL,
  canceled: pb.OrderState.ORDER_STATE_CANCELED,
  rejected: pb.OrderState.ORDER_STATE_REJECTED,
  expired: pb.OrderState.ORDER_STATE_EXPIRED,
  unknown: pb.OrderState.ORDER_STATE_UNKNOWN,
};

export function orderStatePb(s: OrderStatus): number {
  return STATE[s];
}

/**
 * Moves an order to `to` through the core transition table (an illegal move throws) and returns
 * its OrderEvent; `ord:<id>:<seq>` is its message id, so a replay after a crash repeats it exactly.
 */
export function moveOrder(
  account: string,
  o: OrderState,
  to: OrderStatus,
  timeMs: number,
  reason = '',
): OutMessage {
  const from = o.status;
  o.status = transition(o.id, from, to);
  o.events += 1;
  if (reason) o.reason = reason;
  const ev: OrderEvent = {
    clientOrderId: o.id,
    exchangeOrderId: o.exchangeId ?? `paper-${o.id}`,
    account,
    instrument: parseKey(o.instrument),
    state: STATE[to],
    previousState: STATE[from],
    filledQuantity: dec(o.filledQty),
    averagePrice: o.filledQty > 0 ? dec(o.avgFillPrice) : '',
    reason,
    timeMs,
    seq: o.events,
  };
  return out(codecs.OrderEvent, subjects.execOrder(account), ev, `ord:${o.id}:${o.events}`, `ord:${o.id}`);
}

export function fillMessage(
  account: string,
  venue: string,
  quote: string,
  o: OrderState,
  n: number,
  f: { qty: number; price: number; fee: number; timeMs: number; maker: boolean },
): OutMessage {
  const tradeId = `${venue.toLowerCase()}-paper-${o.id}-${n}`;
  const fill: Fill = {
    tradeId,
    clientOrderId: o.id,
    account,
    instrument: parseKey(o.instrument),
    side: o.side === 'buy' ? pb.Side.SIDE_BUY : pb.Side.SIDE_SELL,
    quantity: dec(f.qty),
    price: dec(f.price),
    fee: dec(f.fee),
    feeCurrency: quote,
    timeMs: f.timeMs,
    maker: f.maker,
  };
  return out(codecs.Fill, subjects.execFill(account), fill, `fill:paper:${o.id}:${n}`, `ord:${o.id}`);
}

/** Positions, cash and equity of the account at its marks. */
export function positionSnapshot(s: AccountState, p: Pipeline, timeMs: number, msgId: string): OutMessage {
  const positions: NonNullable<PositionSnapshot['positions']> = [];
  for (const key of p.keys) {
    const pos = s.positions[key];
    if (!pos || (pos.qty === 0 && pos.realized === 0)) continue;
    const mark = s.marks[key];
    positions.push({
      instrument: parseKey(key),
      quantity: dec(pos.qty),
      averagePrice: pos.qty !== 0 ? dec(pos.avg) : '',
      realizedPnl: dec(pos.realized),
      unrealizedPnl: pos.qty !== 0 && mark !== undefined ? dec(pos.qty * (mark - pos.avg)) : '0',
      markPrice: mark !== undefined ? dec(mark) : '',
    });
  }
  const snap: PositionSnapshot = {
    account: s.account,
    timeMs,
    positions,
    cash: dec(s.cash),
    equity: dec(equityOf(s, p.keys)),
    quoteCurrency: s.quote,
  };
  return out(codecs.PositionSnapshot, subjects.execPosition(s.account), snap, msgId);
}
