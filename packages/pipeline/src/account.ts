import { AlgoError, ErrorCode, type OrderStatus } from '@algotrader/core';
import { type InstrumentSpec, roundToStep } from '@algotrader/portfolio';
import type { OrderType, PortfolioView, Side } from '@algotrader/strategy';
import { Packr } from 'msgpackr';

/** Units, cost and results of one instrument (average-cost accounting, as the backtest's Portfolio). */
export interface PositionState {
  qty: number;
  /** NaN when flat. */
  avg: number;
  realized: number;
  fees: number;
}

/** One order the router knows, by client order id. */
export interface OrderState {
  readonly id: string;
  readonly strategy: string;
  /** `OKX:BTC/USDT` */
  readonly instrument: string;
  readonly side: Side;
  readonly type: OrderType;
  readonly qty: number;
  readonly limitPrice?: number;
  /** Close time of the bar that caused it. */
  readonly decisionTime: number;
  /** Open time of the first bar it may fill against. */
  readonly eligibleOpen: number;
  status: OrderStatus;
  /** OrderEvents published so far (the next one's seq is this + 1). */
  events: number;
  filledQty: number;
  avgFillPrice: number;
  reason?: string;
  exchangeId?: string;
}

/**
 * The whole state of one account, kept as ONE value in KV (bucket `positions`, key
 * `account.<account>`) and written with compare-and-set, so a crash never half-applies a fill.
 * The paper router is its only writer; the risk gate and `algotrader status` read it.
 */
export interface AccountState {
  v: 1;
  account: string;
  quote: string;
  initialCash: number;
  cash: number;
  /** By instrument key `OKX:BTC/USDT`. */
  positions: Record<string, PositionState>;
  orders: Record<string, OrderState>;
  /** Non-terminal orders in the order they arrived (fills happen in this order). */
  pending: string[];
  /** Terminal order ids, oldest first; older ones are pruned from `orders` (see KEEP_DONE). */
  done: string[];
  /** Last close price by instrument key. */
  marks: Record<string, number>;
  /** Stream sequence (MD) of the last bar set fully processed. */
  mdSeq: number;
  /** Stream sequence (ORDERS) of the last order request taken in. */
  orderSeq: number;
  /** Close time of the last bar whose fills are all applied (0: none yet). */
  steppedThrough: number;
  /**
   * Decisions at close times up to this one may read this state: every fill the backtest would
   * have applied before deciding at that time is in it.
   */
  visibleThrough: number;
  /** Close time of the last bar set processed. */
  lastBarSet: number;
  equity: number;
  peakEquity: number;
  /** UTC day (bar time) of `dayStartEquity`. */
  day: number;
  dayStartEquity: number;
  fills: number;
  updatedMs: number;
}

export const DAY_MS = 86_400_000;

export function newAccount(account: string, initialCash: number, quote: string): AccountState {
  return {
    v: 1,
    account,
    quote,
    initialCash,
    cash: initialCash,
    positions: {},
    orders: {},
    pending: [],
    done: [],
    marks: {},
    mdSeq: 0,
    orderSeq: 0,
    steppedThrough: 0,
    visibleThrough: 0,
    lastBarSet: 0,
    equity: initialCash,
    peakEquity: initialCash,
    day: -1,
    dayStartEquity: initialCash,
    fills: 0,
    updatedMs: 0,
  };
}

export function positionOf(s: AccountState, key: string): PositionState {
  let p = s.positions[key];
  if (!p) {
    p = { qty: 0, avg: Number.NaN, realized: 0, fees: 0 };
    s.positions[key] = p;
  }
  return p;
}

export function qtyOf(s: AccountState, key: string): number {
  return s.positions[key]?.qty ?? 0;
}

/**
 * Books a fill exactly as `Portfolio.applyFill` of @algotrader/portfolio does (same operations in
 * the same order, so cash and positions agree with the backtest to the bit; a test checks it).
 */
export function applyFill(
  s: AccountState,
  key: string,
  spec: InstrumentSpec,
  side: Side,
  qty: number,
  price: number,
  fee: number,
): void {
  if (!(qty > 0) || !(price > 0) || !(fee >= 0)) {
    throw new AlgoError(ErrorCode.InvalidArgument, `bad fill: ${key} ${side} ${qty} @ ${price} fee ${fee}`);
  }
  const p = positionOf(s, key);
  const held = p.qty;
  const notional = qty * price;
  if (side === 'buy') {
    const cash = s.cash - notional - fee;
    if (cash < -1e-9 * notional) {
      throw new AlgoError(ErrorCode.Internal, `buy of ${notional + fee} exceeds cash ${s.cash}`);
    }
    s.cash = Math.max(0, cash);
    const q = roundToStep(held + qty, spec.lotSize);
    p.avg = held === 0 ? price : (held * p.avg + notional) / (held + qty);
    p.qty = q;
  } else {
    if (qty > held) {
      throw new AlgoError(
        ErrorCode.Internal,
        `sell of ${qty} exceeds the position ${held} (spot is long-only)`,
      );
    }
    s.cash += notional - fee;
    p.realized += qty * (price - p.avg);
    const q = roundToStep(held - qty, spec.lotSize);
    p.qty = q;
    if (q === 0) p.avg = Number.NaN;
  }
  p.fees += fee;
  if (s.marks[key] === undefined) s.marks[key] = price;
}

/**
 * Cash plus positions at their marks, summed in `keys` order over held instruments (the order the
 * backtest's Portfolio sums in, so the float result is the same).
 */
export function equityOf(
  s: AccountState,
  keys: readonly string[],
  marks: Readonly<Record<string, number>> = s.marks,
): number {
  let v = 0;
  for (const k of keys) {
    const q = s.positions[k]?.qty ?? 0;
    if (q !== 0) v += q * (marks[k] ?? Number.NaN);
  }
  return s.cash + v;
}

/** A read-only view for `planOrders` and strategies, valued at `marks`. */
export function portfolioView(
  s: AccountState,
  keys: readonly string[],
  keyOf: (i: { venue: string; base: string; quote: string }) => string,
  marks: Readonly<Record<string, number>> = s.marks,
): PortfolioView {
  const equity = equityOf(s, keys, marks);
  return {
    cash: s.cash,
    equity,
    position: (i) => s.positions[keyOf(i)]?.qty ?? 0,
    averagePrice: (i) => s.positions[keyOf(i)]?.avg ?? Number.NaN,
  };
}

/**
 * Terminal orders kept in the account value (it is rewritten at every bar, so it stays small);
 * older ones live in the KV bucket `orders`, by client order id.
 */
export const KEEP_DONE = 100;

/** Moves an order that became terminal from `pending` to `done`, pruning the oldest. */
export function retire(s: AccountState, id: string): void {
  const i = s.pending.indexOf(id);
  if (i >= 0) s.pending.splice(i, 1);
  s.done.push(id);
  while (s.done.length > KEEP_DONE) {
    const old = s.done.shift()!;
    delete s.orders[old];
  }
}

const packr = new Packr({ useRecords: false, moreTypes: true });

export function encodeOrder(o: OrderState): Uint8Array {
  return packr.pack(o);
}

export function decodeOrder(b: Uint8Array): OrderState {
  return packr.unpack(b) as OrderState;
}

export function encodeAccount(s: AccountState): Uint8Array {
  return packr.pack(s);
}

export function decodeAccount(bytes: Uint8Array): AccountState {
  const s = packr.unpack(bytes) as AccountState;
  if (s?.v !== 1) throw new AlgoError(ErrorCode.Decode, `account state version ${String(s?.v)} is not 1`);
  return s;
}

export const accountKey = (account: string) => `account.${account}`;
