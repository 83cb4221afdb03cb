import type { Config, Instrument, OrderStatus } from '@algotrader/core';
import type { Logger } from '@algotrader/core/node';
import type { BarIn, Pipeline } from '@algotrader/pipeline';
import type { Account, Trigger } from '@algotrader/portfolio';
import type { ExitReason, Exits, OrderType, Side } from '@algotrader/strategy';

/**
 * The seam between the one order-router and the place its orders execute: the paper venue (the
 * backtest's FillModel on live bars), OKX spot, and later OKX swaps, IBKR or a person placing
 * orders by hand (see README.md). The router owns the account (one book), the order state
 * machine, the events on the bus and the control state; a venue only executes and reports.
 *
 * Everything a call produces crosses the seam in its {@link VenueResult}: order reports, alerts
 * AND halt requests. A venue never logs something because the seam has no place for it, and it
 * never throws for an answer of the exchange (a refusal, an outage, a bad key): those are results.
 *
 * Contract, for every order call: the client order id is the idempotency key. An outcome the
 * venue could not settle is reported as status `unknown`; a failed query is never "no order" or
 * "flat".
 */
export interface Venue {
  /** Registry name (`paper`, `okx`): also the first token of fill message ids. */
  readonly name: string;
  /**
   * `bars`: fills happen on bars, inside the router's deterministic step ({@link Venue.fillOnBar});
   * `exchange`: fills happen elsewhere and are reported whenever the venue is asked.
   */
  readonly fills: 'bars' | 'exchange';
  /**
   * `exchange` venues that send an entry's protective exits to the exchange, which holds them (OKX
   * spot): the router records them as armed (account `protections`: what is held, and the strategy
   * its exit order books under) without watching them, and disarms them once the position is flat.
   */
  readonly holdsExits?: boolean;
  /** Takes an approved, validated order (or finds it when the id exists already). */
  place(order: VenueOrder): Promise<VenueResult>;
  /** Cancels an order the router has on record; a fill may have won the race. */
  cancel(order: OrderRecord): Promise<VenueResult>;
  /** The current state of one order the router has on record (no report: nothing changed or unknown). */
  lookup(order: OrderRecord): Promise<VenueResult>;
  /** What the venue holds for the account, to open a new book from (first start only). */
  snapshot(): Promise<VenueSnapshot>;
  /**
   * Compares the venue with the router's records: reports what the records lack (events, fills),
   * alerts, and a halt request for anything unexplained. The one reconciliation path.
   */
  reconcile(book: LocalBook): Promise<ReconcileResult>;
  /** `bars` venues: fills one order on the bar it may fill on, given the account's cash and holding. */
  fillOnBar?(
    order: OrderRecord,
    bar: BarIn,
    /** `book`: the account itself (read only), for a swap's margin. */
    account: { cash: number; held: number; book?: Account },
  ): VenueReport;
  /**
   * `bars` venues: fills the exit order of a protective exit that `bar` triggered, at the
   * trigger's reference price (the router watches the exits: exits.ts). A `bars` venue without it
   * refuses entries that carry exits.
   */
  fillTriggered?(
    order: OrderRecord,
    bar: BarIn,
    trigger: Trigger,
    account: { cash: number; held: number; book?: Account },
  ): VenueReport;
  /**
   * Optional: the router has durably saved an account state holding every result this venue
   * returned before the save began. A venue that takes its input from a durable queue (the notify
   * venue's reports) acknowledges it here, never earlier: a crash before the save redelivers it.
   */
  committed?(): void;
  close(): Promise<void>;
}

export interface VenueOrder {
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
  /** Swaps: may only reduce the position (OKX `reduceOnly`). */
  readonly reduceOnly?: boolean;
  readonly strategy: string;
  /** Close time of the bar that caused it. */
  readonly decisionTime: number;
  /**
   * Protective exits to attach (stop-loss, take-profit, trailing stop). A venue that cannot carry
   * them refuses the order (report `rejected` with the reason, and an alert): never drops them.
   */
  readonly exits?: Exits;
  /** Set on the router's own exit order when a protective exit fired. */
  readonly exitReason?: ExitReason;
}

/** An order as the router has it on record (what a venue resumes from after a restart). */
export interface OrderRecord extends VenueOrder {
  readonly status: OrderStatus;
  /** Cumulative filled quantity already booked. */
  readonly filledQty: number;
  readonly avgFillPrice: number;
  /** OrderEvents published so far. */
  readonly events: number;
  readonly exchangeOrderId?: string;
  /** Trade ids already booked for it (a venue can tell a redelivered execution from a new one). */
  readonly trades?: readonly string[];
}

export interface VenueFill {
  /** Unique per venue: the fill's message id is `fill:<venue>:<tradeId>`. */
  readonly tradeId: string;
  readonly qty: number;
  readonly price: number;
  /** Positive = paid. */
  readonly fee: number;
  readonly feeCurrency: string;
  readonly timeMs: number;
  readonly maker: boolean;
}

export interface VenueReport {
  readonly clientOrderId: string;
  readonly exchangeOrderId?: string;
  readonly status: OrderStatus;
  /** Cumulative. */
  readonly filledQty: number;
  readonly avgPrice: number;
  readonly reason?: string;
  /** Executions not reported before (the router also books each trade id once). */
  readonly fills: readonly VenueFill[];
  /** When it happened (bar time on the paper venue); default: the router's clock. */
  readonly timeMs?: number;
  /**
   * Set on an order the router did not place: the exit order an exchange-held protective exit of
   * entry `entry` placed when it triggered (an OKX stop-loss / take-profit attached to the entry).
   * The router records it as its own exit order (`exitReason`) before booking it.
   */
  readonly triggeredExit?: TriggeredExitReport;
}

/** What an order the exchange placed for a triggered protective exit is. */
export interface TriggeredExitReport {
  /** Client order id of the entry that carried the exits. */
  readonly entry: string;
  readonly reason: ExitReason;
  readonly instrument: Instrument;
  readonly side: Side;
  /** Base units the exit order was for. */
  readonly qty: number;
}

export type VenueSeverity = 'info' | 'warning' | 'critical';

export interface VenueAlert {
  readonly severity: VenueSeverity;
  /** Stable machine code, e.g. `okx_insufficient_funds`. */
  readonly code: string;
  readonly message: string;
  /** The same key and code alert once. */
  readonly dedupeKey: string;
  readonly labels?: Readonly<Record<string, string>>;
}

/** Nothing will succeed until a person looks: the router switches the account to HALTED. */
export interface HaltRequest {
  /** Stable: `authentication`, `maintenance`, `clock_skew`, `account`, `reconcile_mismatch`, … */
  readonly reason: string;
  readonly detail: string;
}

export interface VenueResult {
  /** In the order they happened; an order may appear more than once (e.g. submitted, then filled). */
  readonly reports: readonly VenueReport[];
  readonly alerts: readonly VenueAlert[];
  readonly halt?: HaltRequest;
}

export interface VenueSnapshot {
  /** Quote currency held (free + in orders). */
  readonly cash: number;
  /**
   * Base units held, by instrument key `OKX:BTC/USDT`, with the venue's own valuation per unit in
   * the quote currency (NaN when it gives none): a new book takes them in at that price.
   */
  readonly positions: Readonly<Record<string, { readonly qty: number; readonly price: number }>>;
}

export interface LocalBook {
  /** Open orders and the recently finished ones. */
  readonly orders: readonly OrderRecord[];
  /** Base units, net of fees paid in the base coin, by instrument key. */
  readonly positions: Readonly<Record<string, number>>;
}

export interface ReconcileResult extends VenueResult {
  /** The venue's quote balance when it could be read: the account's cash follows it. */
  readonly cash?: number;
}

/** What a venue factory gets: the environment's config, the pipeline, a logger. */
export interface VenueContext {
  readonly config: Config;
  readonly pipeline: Pipeline;
  readonly log: Logger;
}

export const NOTHING: VenueResult = { reports: [], alerts: [] };
