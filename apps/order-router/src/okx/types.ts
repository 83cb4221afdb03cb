import type { Clock, OrderStatus } from '@algotrader/core';
import type { VenueAlert } from '../venue';
import type { OkxConnectionOptions } from './client';
import type { OkxErrorClass } from './errors';
import type { RetryPolicy } from './retry';

/** pino-compatible; the broker never passes it a key, secret or passphrase. */
export interface OkxBrokerLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface OkxBrokerOptions extends OkxConnectionOptions {
  /** Our account name: a label of every alert. */
  readonly account: string;
  readonly clock: Clock;
  /** Symbols traded (`BTC/USDT`): reconciliation checks the balance of each base currency. */
  readonly symbols?: readonly string[];
  /** Backoff for rate limits and for reads that time out. Default 5 attempts, 250 ms doubling to 5 s. */
  readonly retry?: RetryPolicy;
  /**
   * Pause before looking up an order whose placement outcome is unknown, so a request still in
   * flight at OKX has landed. Default 1,000 ms.
   */
  readonly lookupDelayMs?: number;
  /** Placements of one order in all: the first, plus resubmissions after a lookup found nothing. Default 3. */
  readonly maxPlacements?: number;
  /**
   * Look the clOrdId up before the FIRST placement too (default true): a request redelivered after
   * a restart finds its order even when OKX would accept the id again (only live ids are unique).
   */
  readonly preflightLookup?: boolean;
  /** How far back reconciliation reads fills. Default 24 h: keep it within the fill stream's duplicate window. */
  readonly fillsLookbackMs?: number;
  /** Per currency, the difference between exchange and local holdings still taken as a match. Default 0. */
  readonly positionTolerance?: Readonly<Record<string, string>>;
  /** Per currency, holdings on the account that the system does not trade (added to local positions). */
  readonly externalHoldings?: Readonly<Record<string, string>>;
  /** Whether a clOrdId is one of ours (core's clientOrderId: `at` + 28 base36). */
  readonly ownsClientOrderId?: (clOrdId: string) => boolean;
  readonly logger?: OkxBrokerLogger;
}

/** Why trading should stop: nothing will succeed until a human looks. */
export type HaltReason = 'authentication' | 'account' | 'maintenance' | 'clock_skew' | 'state_conflict';

export interface HaltSignal {
  readonly reason: HaltReason;
  readonly detail: string;
}

export type RejectReason =
  | 'insufficient_funds'
  | 'below_min_size'
  | 'invalid_request'
  | 'invalid_order'
  | 'exchange_unavailable'
  | HaltReason;

/**
 * One execution as OKX reported it: exact decimal strings as OKX sent them, with the side and the
 * instrument reconciliation needs to explain a balance. The router books it as a VenueFill.
 */
export interface OkxFill {
  /** `instId:tradeId` (OKX numbers trades per instrument). */
  readonly tradeId: string;
  readonly clientOrderId: string;
  /** `BTC/USDT`. */
  readonly symbol: string;
  readonly side: 'buy' | 'sell';
  readonly qty: string;
  readonly price: string;
  /** Positive = paid (OKX's sign flipped). */
  readonly fee: string;
  readonly feeCurrency: string;
  readonly timeMs: number;
  readonly maker: boolean;
}

/** One move of an order through core's transition table, numbered per order from 1. */
export interface OrderMove {
  readonly clientOrderId: string;
  /** OKX ordId; empty while unknown. */
  readonly exchangeOrderId: string;
  /** `BTC/USDT`. */
  readonly symbol: string;
  readonly status: OrderStatus;
  readonly previous: OrderStatus;
  /** Cumulative filled quantity, exact ('0' when none). */
  readonly filledQty: string;
  /** Exact; empty while nothing is filled. */
  readonly avgPrice: string;
  readonly reason: string;
  readonly timeMs: number;
  readonly seq: number;
}

/** What one broker call changed, in this order: order moves, new fills, alerts, a halt. */
export interface BrokerUpdate {
  readonly clientOrderId: string;
  /** Status after the call. */
  readonly status: OrderStatus;
  /** OKX ordId; empty while unknown. */
  readonly exchangeOrderId: string;
  readonly filledQuantity: string;
  readonly averagePrice: string;
  readonly fills: readonly OkxFill[];
  readonly events: readonly OrderMove[];
  readonly alerts: readonly VenueAlert[];
  /** Set when trading should stop (the router switches to HALTED). */
  readonly halt: HaltSignal | undefined;
}

/**
 * - `placed`: the order is on the exchange (in any state, filled included);
 * - `rejected`: it is not, and will not be: `reason` says why (status `rejected`);
 * - `unknown`: it may or may not be — lookups kept failing. Do NOT submit it again; refresh or
 *   reconciliation resolves it (status `unknown`).
 */
export type SubmitResult = BrokerUpdate &
  (
    | { readonly outcome: 'placed' }
    | { readonly outcome: 'rejected'; readonly reason: RejectReason; readonly detail: string }
    | { readonly outcome: 'unknown'; readonly detail: string }
  );

/**
 * - `canceled`: done (part of it may have filled first);
 * - `filled`: the cancel lost the race, the order filled;
 * - `pending`: the cancel was sent, the exchange has not confirmed it yet — refresh later;
 * - `failed`: the cancel could not be sent (see alerts/halt); the order is as `status` says;
 * - `unknown_order`: neither this broker nor OKX knows the client id.
 */
export type CancelResult = BrokerUpdate & {
  readonly outcome: 'canceled' | 'filled' | 'pending' | 'failed' | 'unknown_order';
  readonly detail: string;
};

/** An order as the router last recorded it (its KV entry), for reconciliation and resuming. */
export interface LocalOrder {
  readonly clientOrderId: string;
  /** `BTC/USDT`. */
  readonly symbol: string;
  readonly side: 'buy' | 'sell';
  readonly status: OrderStatus;
  /** Cumulative filled quantity last published ('' or '0' when none). */
  readonly filledQuantity: string;
  /** Seq of the last order event published for it: the next one continues from here. */
  readonly seq: number;
  readonly exchangeOrderId?: string;
  readonly averagePrice?: string;
}

/** A spot position as the router holds it: base-currency units, NET of fees paid in the base coin. */
export interface LocalPosition {
  /** `BTC/USDT`: the base currency (BTC) is what is compared. */
  readonly symbol: string;
  readonly quantity: string;
}

export interface ReconcileOptions {
  /** Read fills from here on. Default: now − `fillsLookbackMs`. */
  readonly sinceMs?: number;
  /** Fill ids (`OkxFill.tradeId`) the router already has: never emitted again. */
  readonly knownTradeIds?: ReadonlySet<string>;
}

export type ReconcileQuery = 'open_orders' | 'fills' | 'balance' | 'order' | 'algo_order';

export interface ReconcileFailure {
  readonly query: ReconcileQuery;
  readonly clientOrderId?: string;
  readonly error: string;
  /** What the error means (an authentication failure or maintenance halts; see errors.ts). */
  readonly class: OkxErrorClass;
}

export type MismatchKind =
  | 'order_state'
  | 'missing_fills'
  | 'orphan_order'
  /** The order a stop-loss / take-profit attached to one of our entries placed when it triggered. */
  | 'triggered_exit'
  | 'order_not_on_exchange'
  | 'foreign_order'
  | 'foreign_fill'
  | 'position'
  | 'state_conflict';

export interface Mismatch {
  readonly kind: MismatchKind;
  /** True when what reconciliation emits (events, fills) accounts for it. */
  readonly explained: boolean;
  readonly detail: string;
  readonly clientOrderId?: string;
  readonly currency?: string;
  readonly local?: string;
  readonly exchange?: string;
}

/**
 * - `ok`: exchange and local records agree;
 * - `resolved`: they differed only by what `events` and `fills` carry: publish them;
 * - `failed`: a query failed — nothing is concluded about what it would have shown (never "flat");
 *   retry later, do not trade on it;
 * - `halt`: an unexplained mismatch: switch to HALTED and alert.
 */
export type ReconcileVerdict = 'ok' | 'resolved' | 'failed' | 'halt';

export interface ReconcileReport {
  readonly verdict: ReconcileVerdict;
  readonly halt: boolean;
  /** Order moves missing locally, per order in sequence. */
  readonly events: readonly OrderMove[];
  /** Fills missing locally, oldest first. */
  readonly fills: readonly OkxFill[];
  readonly alerts: readonly VenueAlert[];
  readonly failures: readonly ReconcileFailure[];
  readonly mismatches: readonly Mismatch[];
  /** Client ids the broker now follows (open orders, resumed or adopted). */
  readonly tracking: readonly string[];
  /** Exchange balances per currency; undefined when the query failed (never an empty "flat" map). */
  readonly balances:
    | Readonly<Record<string, { total: string; available: string; frozen: string; eqUsd: string }>>
    | undefined;
  readonly timeMs: number;
}
