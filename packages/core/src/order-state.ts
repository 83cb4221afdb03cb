import { AlgoError, ErrorCode } from './errors';

/** Lifecycle of one order, as the order-router tracks it (mirrors proto OrderState). */
export type OrderStatus =
  | 'pending_submit'
  | 'submitted'
  | 'accepted'
  | 'partially_filled'
  | 'filled'
  | 'pending_cancel'
  | 'canceled'
  | 'rejected'
  | 'expired'
  | 'unknown';

export const TERMINAL_STATUSES: ReadonlySet<OrderStatus> = new Set([
  'filled',
  'canceled',
  'rejected',
  'expired',
]);

export function isTerminal(s: OrderStatus): boolean {
  return TERMINAL_STATUSES.has(s);
}

/**
 * Every allowed transition. Anything not listed is a bug or an exchange surprise and is refused
 * with an error (the router alerts and reconciles instead of guessing).
 */
const TRANSITIONS: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  pending_submit: ['submitted', 'accepted', 'partially_filled', 'filled', 'rejected', 'unknown', 'canceled'],
  // A submitted order can fill before we hear it was accepted (market orders usually do).
  submitted: [
    'accepted',
    'partially_filled',
    'filled',
    'rejected',
    'canceled',
    'expired',
    'unknown',
    'pending_cancel',
  ],
  accepted: ['partially_filled', 'filled', 'pending_cancel', 'canceled', 'expired', 'unknown'],
  partially_filled: ['partially_filled', 'filled', 'pending_cancel', 'canceled', 'expired', 'unknown'],
  // Cancel racing a fill: the exchange may fill (fully or partly) an order we asked to cancel.
  pending_cancel: ['canceled', 'filled', 'partially_filled', 'expired', 'unknown'],
  // A timeout leaves the outcome unknown; a lookup by client order id resolves it to anything.
  unknown: [
    'submitted',
    'accepted',
    'partially_filled',
    'filled',
    'canceled',
    'rejected',
    'expired',
    'pending_cancel',
  ],
  filled: [],
  canceled: [],
  rejected: [],
  expired: [],
};

export function canTransition(from: OrderStatus, to: OrderStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** Returns `to`, or throws E_CONFLICT naming the order when the transition is not in the table. */
export function transition(clientOrderId: string, from: OrderStatus, to: OrderStatus): OrderStatus {
  if (from === to && to !== 'partially_filled') return to;
  if (!canTransition(from, to)) {
    throw new AlgoError(ErrorCode.Conflict, `order ${clientOrderId}: illegal transition ${from} → ${to}`, {
      clientOrderId,
      from,
      to,
    });
  }
  return to;
}
