import { assertNever, canTransition, type OrderStatus } from '@algotrader/core';
import { type Alert, type FillMsg, pb } from '@algotrader/proto';
import { dNeg } from './decimal';
import type { OkxFillRow, OkxOrderState } from './rows';

/** Domain order status ↔ proto OrderState: the execution codec's one mapping. */
export { orderStateIn as fromProtoState, orderStateOut as toProtoState } from '@algotrader/pipeline/domain';

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

export interface InstrumentRef {
  readonly venue: string;
  readonly symbol: string;
}

/** A globally unique trade id: OKX numbers trades per instrument. */
export function fillId(f: Pick<OkxFillRow, 'instId' | 'tradeId'>): string {
  return `${f.instId}:${f.tradeId}`;
}

export function toFill(
  f: OkxFillRow,
  clientOrderId: string,
  account: string,
  instrument: InstrumentRef,
): FillMsg {
  return {
    tradeId: fillId(f),
    clientOrderId,
    account,
    instrument: { venue: instrument.venue, symbol: instrument.symbol },
    side: f.side === 'buy' ? pb.Side.SIDE_BUY : pb.Side.SIDE_SELL,
    quantity: f.fillSz,
    price: f.fillPx,
    // OKX: negative = paid; ours: positive = paid.
    fee: dNeg(f.fee),
    feeCurrency: f.feeCcy,
    timeMs: f.ts,
    maker: f.execType === 'M',
  };
}

export type AlertSeverity = 'info' | 'warning' | 'critical';

export function alert(
  severity: AlertSeverity,
  code: string,
  message: string,
  labels: Record<string, string>,
  timeMs: number,
  source: string,
): Alert {
  const S = pb.Severity;
  return {
    severity:
      severity === 'critical'
        ? S.SEVERITY_CRITICAL
        : severity === 'warning'
          ? S.SEVERITY_WARNING
          : S.SEVERITY_INFO,
    source,
    code,
    message,
    labels,
    timeMs,
    dedupeKey: `${code}:${labels['account'] ?? ''}:${labels['clientOrderId'] ?? labels['currency'] ?? ''}`,
  };
}
