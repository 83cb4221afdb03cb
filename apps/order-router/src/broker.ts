import type { Config, Instrument, OrderStatus } from '@algotrader/core';
import type { Logger } from '@algotrader/core/node';
import type { Pipeline } from '@algotrader/pipeline';
import type { OrderType, Side } from '@algotrader/strategy';

/**
 * The seam between the order-router and a real exchange. The paper broker lives in the router
 * itself (it needs the bars); every other account type is a `LiveBroker`, created by the factory
 * that `src/okx/index.ts` exports as `createBroker` (OKX spot through ccxt).
 *
 * Contract, for every method: the client order id is the idempotency key. A call that times out
 * or fails on the network must be resolved by looking the order up by that id before any retry
 * (OKX: 51016 "duplicate clOrdId" means the order exists). A failed query throws; it is never
 * reported as "no order" or "flat".
 */
export interface LiveBroker {
  readonly name: string;
  /** Places the order (or finds it when the id already exists) and reports what the exchange has. */
  place(order: BrokerOrder): Promise<BrokerReport>;
  /** Cancels by client order id and reports the final state (a fill may have won the race). */
  cancel(clientOrderId: string, instrument: Instrument): Promise<BrokerReport>;
  /** Current state of one order by client order id; undefined only when the exchange says it does not exist. */
  lookup(clientOrderId: string, instrument: Instrument): Promise<BrokerReport | undefined>;
  /** Open orders, fills since `sinceMs`, balances: for reconciliation at start and periodically. */
  snapshot(sinceMs: number): Promise<BrokerSnapshot>;
  close(): Promise<void>;
}

export interface BrokerOrder {
  /** Deterministic, letters and digits, at most 32 (OKX clOrdId). */
  readonly clientOrderId: string;
  readonly instrument: Instrument;
  readonly side: Side;
  readonly type: OrderType;
  /** Base units; 0 when `quoteAmount` sizes a market buy. */
  readonly qty: number;
  readonly limitPrice?: number;
  /** Quote units for a quote-sized market buy. */
  readonly quoteAmount?: number;
  readonly strategy: string;
  /** Close time of the bar that caused it. */
  readonly decisionTime: number;
}

export interface BrokerFill {
  readonly tradeId: string;
  readonly qty: number;
  readonly price: number;
  /** Positive = paid. */
  readonly fee: number;
  readonly feeCurrency: string;
  readonly timeMs: number;
  readonly maker: boolean;
}

export interface BrokerReport {
  readonly clientOrderId: string;
  readonly exchangeOrderId?: string;
  readonly instrument: Instrument;
  readonly status: OrderStatus;
  /** Cumulative. */
  readonly filledQty: number;
  readonly avgPrice: number;
  readonly reason?: string;
  /** Every fill of the order known so far (the router applies each trade id once). */
  readonly fills: readonly BrokerFill[];
}

export interface BrokerSnapshot {
  readonly openOrders: readonly BrokerReport[];
  readonly fills: readonly (BrokerFill & {
    readonly clientOrderId: string;
    readonly instrument: Instrument;
  })[];
  /** Free + used, by currency. */
  readonly balances: Readonly<Record<string, number>>;
}

export interface BrokerContext {
  readonly config: Config;
  readonly pipeline: Pipeline;
  readonly log: Logger;
}

/** What `src/okx/index.ts` exports. */
export type BrokerFactory = (ctx: BrokerContext) => Promise<LiveBroker>;
