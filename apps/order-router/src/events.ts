import { subjects } from '@algotrader/bus/subjects';
import { type OrderStatus, orderEventKey, orderKey, parseInstrument, transition } from '@algotrader/core';
import {
  type AccountState,
  accountOf,
  type Holding,
  type OrderState,
  type OutMessage,
  orderEventOut,
  out,
  type Pipeline,
  positionSnapshotOut,
} from '@algotrader/pipeline/domain';
import { codecs } from '@algotrader/proto';

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
  const ev = orderEventOut({
    clientOrderId: o.id,
    exchangeOrderId: o.exchangeId ?? `paper-${o.id}`,
    account,
    instrument: parseInstrument(o.instrument),
    status: to,
    previous: from,
    filledQty: o.filledQty,
    avgPrice: o.filledQty > 0 ? o.avgFillPrice : undefined,
    reason,
    timeMs,
    seq: o.events,
  });
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
  const a = accountOf(s, p.specs, undefined, p.config.risk.dayOffsetMs, p.swapSettings);
  const holdings: Holding[] = [];
  for (let k = 0; k < p.keys.length; k++) {
    const pos = a.position(k);
    if (pos.qty === 0 && pos.realizedPnl === 0) continue;
    const marked = !Number.isNaN(pos.mark);
    holdings.push({
      instrument: parseInstrument(p.keys[k]!),
      qty: pos.qty,
      avgPrice: pos.qty !== 0 ? pos.avgPrice : undefined,
      realizedPnl: pos.realizedPnl,
      // Never marked: no mark price, and nothing unrealized yet.
      unrealizedPnl: marked ? pos.unrealizedPnl : 0,
      mark: marked ? pos.mark : undefined,
    });
  }
  const snap = positionSnapshotOut({
    account: s.account,
    timeMs,
    holdings,
    cash: a.cash,
    equity: a.valuedEquity,
    quote: s.quote,
    peakEquity: a.peakEquity,
    dayStartEquity: a.dayStartEquity,
    drawdown: a.drawdown,
    dailyPnl: a.dailyPnl,
  });
  return out(codecs.PositionSnapshot, subjects.execPosition(s.account), snap, msgId);
}
