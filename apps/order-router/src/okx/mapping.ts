import { assertNever, canTransition, type OrderStatus } from '@algotrader/core';
import type { VenueAlert } from '../venue';
import { dNeg } from './decimal';
import type { OkxFillRow, OkxOrderState } from './rows';
import type { OkxFill } from './types';

/**
 * Where an OKX order state takes our order, given where it is. A `live` order we asked to cancel
 * stays `pending_cancel` (the cancel is simply not through yet), as does a partly filled one whose
 * fill did not move; `order_failed` is a rejection when still allowed, else a cancel (as ccxt maps it).
 */
export function statusFromOkx(state: OkxOrderState, current: OrderStatus, fillMoved: boolean): OrderStatus {
  switch (state) {
    case 'live':
      return current === 'pending_cancel' ? 'pending_cancel' : 'accepted';
    case 'partially_filled':
      return current === 'pending_cancel' && !fillMoved ? 'pending_cancel' : 'partially_filled';
    case 'filled':
      return 'filled';
    case 'canceled':
    case 'mmp_canceled':
      return 'canceled';
    case 'order_failed':
      return canTransition(current, 'rejected') ? 'rejected' : 'canceled';
    default:
      return assertNever(state, 'OKX order state');
  }
}

/** A globally unique trade id: OKX numbers trades per instrument. */
export function fillId(f: Pick<OkxFillRow, 'instId' | 'tradeId'>): string {
  return `${f.instId}:${f.tradeId}`;
}

/** An OKX fill row of one of our orders, as the broker reports it. */
export function toFill(f: OkxFillRow, clientOrderId: string, symbol: string): OkxFill {
  return {
    tradeId: fillId(f),
    clientOrderId,
    symbol,
    side: f.side,
    qty: f.fillSz,
    price: f.fillPx,
    // OKX: negative = paid; ours: positive = paid.
    fee: dNeg(f.fee),
    feeCurrency: f.feeCcy,
    timeMs: f.ts,
    maker: f.execType === 'M',
  };
}

export type AlertSeverity = VenueAlert['severity'];

/** An alert of the broker; one per code, account and order (or currency). */
export function alert(
  severity: AlertSeverity,
  code: string,
  message: string,
  labels: Record<string, string>,
): VenueAlert {
  return {
    severity,
    code,
    message,
    labels,
    dedupeKey: `${code}:${labels['account'] ?? ''}:${labels['clientOrderId'] ?? labels['currency'] ?? ''}`,
  };
}
