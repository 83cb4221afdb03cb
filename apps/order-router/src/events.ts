import { subjects } from '@algotrader/bus';
import { type OrderStatus, orderEventKey, orderKey, transition } from '@algotrader/core';
import {
  type AccountState,
  accountOf,
  dec,
  type OrderState,
  type OutMessage,
  out,
  type Pipeline,
  parseKey,
} from '@algotrader/pipeline';
import { codecs, type OrderEvent, type PositionSnapshot, pb } from '@algotrader/proto';

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
  return out(
    codecs.OrderEvent,
    subjects.execOrder(account),
    ev,
    orderEventKey(o.id, o.events),
    orderKey(o.id),
  );
}

/** Positions, cash and equity of the account at its marks, with the Account's own valuation figures. */
export function positionSnapshot(s: AccountState, p: Pipeline, timeMs: number, msgId: string): OutMessage {
  const a = accountOf(s, p.specs);
  const positions: NonNullable<PositionSnapshot['positions']> = [];
  for (let k = 0; k < p.keys.length; k++) {
    const pos = a.position(k);
    if (pos.qty === 0 && pos.realizedPnl === 0) continue;
    const marked = !Number.isNaN(pos.mark);
    positions.push({
      instrument: parseKey(p.keys[k]!),
      quantity: dec(pos.qty),
      averagePrice: pos.qty !== 0 ? dec(pos.avgPrice) : '',
      realizedPnl: dec(pos.realizedPnl),
      unrealizedPnl: marked ? dec(pos.unrealizedPnl) : '0',
      markPrice: marked ? dec(pos.mark) : '',
    });
  }
  const snap: PositionSnapshot = {
    account: s.account,
    timeMs,
    positions,
    cash: dec(a.cash),
    equity: dec(a.valuedEquity),
    quoteCurrency: s.quote,
    peakEquity: dec(a.peakEquity),
    dayStartEquity: dec(a.dayStartEquity),
    drawdown: dec(a.drawdown),
    dailyPnl: dec(a.dailyPnl),
  };
  return out(codecs.PositionSnapshot, subjects.execPosition(s.account), snap, msgId);
}
