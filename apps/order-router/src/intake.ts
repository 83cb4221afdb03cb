import { isSwap, isValidClientOrderId, parseInstrument } from '@algotrader/core';
import {
  exitsIn,
  keyOf,
  num,
  type OrderState,
  type Pipeline,
  sideOf,
  typeOf,
} from '@algotrader/pipeline/domain';
import type { OrderRequestMsg } from '@algotrader/proto';
import type { Exits, Side } from '@algotrader/strategy';
import type { OrderRecord } from './venue';

/** An approved order as the router takes it; `error` says why it is refused (a value, not a throw). */
export interface ParsedOrder {
  readonly instrument: string;
  readonly side: Side;
  readonly type: 'market' | 'limit';
  readonly qty: number;
  readonly limitPrice?: number;
  readonly quoteAmount?: number;
  readonly decisionTime: number;
  readonly exits?: Exits;
  /** Swaps: the approved order may only reduce the position (wire `reduce_only`; spot ignores it). */
  readonly reduceOnly?: boolean;
  readonly error?: string;
}

/** Checks an OrderRequestMsg from `ord.approved`: client id, instrument of this account, size, decision time. */
export function parseApproved(m: OrderRequestMsg, p: Pipeline): ParsedOrder {
  let instrument = `${m.instrument?.venue ?? '?'}:${m.instrument?.symbol ?? '?'}`;
  try {
    instrument = keyOf(m.instrument);
    const side = sideOf(m.side);
    const type = typeOf(m.type);
    const quoteAmount = m.quoteAmount ? num(m.quoteAmount, 'quote_amount') : undefined;
    const qty = quoteAmount !== undefined && !m.quantity ? 0 : num(m.quantity, 'quantity');
    const decisionTime = Number(m.decisionTimeMs ?? 0);
    const limitPrice = type === 'limit' ? num(m.limitPrice, 'limit_price') : undefined;
    const exits = exitsIn(m.exits);
    const error = !isValidClientOrderId(m.clientOrderId ?? '')
      ? `client order id "${m.clientOrderId}" is not valid`
      : p.indexOf(instrument) < 0
        ? `${instrument} is not traded by this account`
        : !(qty > 0) && !(quoteAmount !== undefined && quoteAmount > 0)
          ? `quantity ${qty} is not positive`
          : !(decisionTime > 0)
            ? 'no decision time'
            : exits !== undefined && side !== 'buy' && !isSwap(parseInstrument(instrument))
              ? 'protective exits go with a buy (an entry; on a swap a sell too)'
              : undefined;
    return {
      instrument,
      side,
      type,
      qty,
      decisionTime,
      ...(limitPrice !== undefined ? { limitPrice } : {}),
      ...(quoteAmount !== undefined ? { quoteAmount } : {}),
      ...(m.reduceOnly && isSwap(parseInstrument(instrument)) ? { reduceOnly: true } : {}),
      ...(exits !== undefined ? { exits } : {}),
      ...(error ? { error } : {}),
    };
  } catch (e) {
    return { instrument, side: 'buy', type: 'market', qty: 0, decisionTime: 0, error: (e as Error).message };
  }
}

/**
 * Whether an order only shrinks the position `held` (signed): what may still go out while the
 * account is HALTED. The same test is a swap's reduce-only.
 */
export function reduces(side: Side, qty: number, held: number): boolean {
  return side === 'sell' ? held > 0 && qty <= held : held < 0 && qty <= -held;
}

/** The router's record of an order as a venue sees it. */
export function record(o: OrderState): OrderRecord {
  return {
    clientOrderId: o.id,
    instrument: parseInstrument(o.instrument),
    side: o.side,
    type: o.type,
    qty: o.qty,
    ...(o.limitPrice !== undefined ? { limitPrice: o.limitPrice } : {}),
    strategy: o.strategy,
    decisionTime: o.decisionTime,
    status: o.status,
    filledQty: o.filledQty,
    avgFillPrice: o.avgFillPrice,
    events: o.events,
    ...(o.exchangeId !== undefined ? { exchangeOrderId: o.exchangeId } : {}),
    ...(o.exits !== undefined ? { exits: o.exits } : {}),
    ...(o.exitReason !== undefined ? { exitReason: o.exitReason } : {}),
    ...(o.trades?.length ? { trades: [...o.trades] } : {}),
    ...(o.reduceOnly ? { reduceOnly: true } : {}),
  };
}
