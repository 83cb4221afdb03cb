import { AlgoError, ErrorCode, type OrderStatus } from '@algotrader/core';
import {
  Account,
  type AccountBook,
  type InstrumentSpec,
  type Protection,
  type SwapSetting,
} from '@algotrader/portfolio';
import type { ExitReason, Exits, OrderType, Side } from '@algotrader/strategy';
import { Packr } from 'msgpackr';
import {
  accountStateFromPb,
  accountStateToPb,
  isLegacyMsgpack,
  orderRecordFromPb,
  orderRecordToPb,
} from './state-wire';

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
  /** Protective exits to arm when this entry fills. */
  readonly exits?: Exits;
  /** Set on an order the router made for a protective exit that fired (`stop_loss`, …); absent = a signal's. */
  readonly exitReason?: ExitReason;
  /** Trade ids of the executions booked (saved with the fills: a report repeated after a restart books nothing). */
  trades?: string[];
  /** Swaps: may only reduce the position (OKX `reduceOnly`); saved, so a resumed order still carries it. */
  readonly reduceOnly?: boolean;
}

/** Protective exits armed on an open position (a `bars` venue: the router watches them bar by bar). */
export interface ArmedExits {
  /** Strategy of the entry that armed them: the exit order carries it. */
  readonly strategy: string;
  readonly protection: Protection;
}

/**
 * The whole state of one account, kept as ONE value in KV (bucket `positions`, key
 * `account.<account>`) and written with compare-and-set, so a crash never half-applies a fill.
 * The order-router is its only writer; the risk gate, the strategy-runner and `algotrader status`
 * read it. Every accounting number (cash, positions, marks, equity, peak and day-start equity) is
 * the `book` of @algotrader/portfolio's `Account` (see `accountOf`); the rest is the router's.
 */
export interface AccountState {
  v: 2;
  account: string;
  quote: string;
  /** The Account's snapshot: restore it with `accountOf`, write it back with `account.snapshot()`. */
  book: AccountBook;
  orders: Record<string, OrderState>;
  /** Non-terminal orders in the order they arrived (fills happen in this order). */
  pending: string[];
  /** Terminal order ids, oldest first, the last KEEP_DONE; their records leave `orders` once indexed (see KEEP_DONE). */
  done: string[];
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
  fills: number;
  updatedMs: number;
  /** Armed protective exits by instrument key (absent in states written before exits existed). */
  protections?: Record<string, ArmedExits>;
  /**
   * Venue ids of swap funding bills (`funding:<billId>`) and liquidations (`liquidation:<ordId>`)
   * already booked into `book`, newest last (the last {@link KEEP_SWAP_BOOKED}); absent while none.
   */
  swapBooked?: string[];
}

/** Swap funding/liquidation ids kept: far more than one venue answer holds (OKX returns at most 100 of each). */
export const KEEP_SWAP_BOOKED = 1000;

export function newAccount(account: string, initialCash: number, quote: string): AccountState {
  return {
    v: 2,
    account,
    quote,
    book: Account.open({ initialCash, specs: [] }).snapshot(),
    orders: {},
    pending: [],
    done: [],
    mdSeq: 0,
    orderSeq: 0,
    steppedThrough: 0,
    visibleThrough: 0,
    lastBarSet: 0,
    fills: 0,
    updatedMs: 0,
  };
}

/** Exchanges whose shares bought on a day can be sold from the next day on (China A-shares). */
export const T_PLUS_ONE_VENUES: ReadonlySet<string> = new Set(['SSE', 'SZSE']);

/**
 * The Account of a state, for the instruments of `specs` (the pipeline's, in its order). `marks`
 * (by instrument key; keys the account does not trade are skipped) overlay the book's, for a reader
 * that knows newer closes than the writer saved — e.g. the risk gate at its decision time. On
 * SSE/SZSE instruments the Account is T+1 (`sellable`, fills booked with their time). The
 * Account is a fresh object: changes reach KV only through `state.book = account.snapshot()`.
 */
export function accountOf(
  s: AccountState,
  specs: readonly InstrumentSpec[],
  marks?: Readonly<Record<string, number>>,
  dayOffsetMs?: number,
  /** Margin mode and leverage of the swaps (the pipeline's `swapSettings`); a swap in the book keeps its own. */
  swapSettings?: Readonly<Record<string, SwapSetting>>,
): Account {
  const tPlusOne = specs.some((x) => T_PLUS_ONE_VENUES.has(x.instrument.venue));
  const a = Account.restore(
    {
      specs,
      tPlusOne,
      ...(dayOffsetMs === undefined ? {} : { dayOffsetMs }),
      ...(swapSettings ? { swapSettings } : {}),
    },
    s.book,
  );
  if (marks) {
    for (const [key, px] of Object.entries(marks)) {
      const k = a.indexOf(key);
      if (k >= 0) a.setMark(k, px);
    }
  }
  return a;
}

/**
 * Terminal orders kept in `done`, by id: a repeated order is known without a read. Their records
 * stay in the value only until the KV bucket `orders` (every finished order, by client order id)
 * holds them — the router then keeps them in memory for the venue's reconciliation — so the value,
 * rewritten at every bar, stays small.
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

/** Reads values written before the protobuf encoding (migration only; nothing writes msgpack here). */
const packr = new Packr({ useRecords: false, moreTypes: true });

/** An order record for KV bucket `orders`: protobuf `algotrader.v1.OrderRecord`. */
export function encodeOrder(o: OrderState): Uint8Array {
  return orderRecordToPb(o);
}

/** Decodes an `orders` value: protobuf, or a msgpack value written before it (read as it was). */
export function decodeOrder(b: Uint8Array): OrderState {
  return isLegacyMsgpack(b) ? (packr.unpack(b) as OrderState) : orderRecordFromPb(b);
}

/** The account state for KV: protobuf `algotrader.v1.AccountState` (state.proto), encoding version 3. */
export function encodeAccount(s: AccountState): Uint8Array {
  return accountStateToPb(s);
}

/**
 * Decodes an account state: protobuf (version 3), or — the one-time migration — a msgpack value of
 * layout 2 or 1 written before it, which the router rewrites as protobuf at its next save.
 */
export function decodeAccount(bytes: Uint8Array): AccountState {
  return isLegacyMsgpack(bytes) ? decodeLegacyAccount(bytes) : accountStateFromPb(bytes);
}

/**
 * Decodes a msgpack account state (before protobuf). Version 1 (accounting fields at the top level, before the one
 * Account) is migrated: its fields are exactly the book's, with the same day numbering (UTC days
 * of bar open times); only `valuedAt` is unknown and starts at 0.
 */
function decodeLegacyAccount(bytes: Uint8Array): AccountState {
  const s = packr.unpack(bytes) as AccountState | V1 | { v?: unknown } | undefined;
  if (s?.v === 2) return s as AccountState;
  if (s?.v === 1) return fromV1(s as V1);
  throw new AlgoError(ErrorCode.Decode, `account state version ${String(s?.v)} is not 2 (or 1, migrated)`);
}

/** The layout written before the one Account (kept only to migrate it). */
interface V1 extends Omit<AccountState, 'v' | 'book'> {
  v: 1;
  initialCash: number;
  cash: number;
  positions: AccountBook['positions'];
  marks: Record<string, number>;
  equity: number;
  peakEquity: number;
  day: number;
  dayStartEquity: number;
}

function fromV1(o: V1): AccountState {
  const {
    v: _v,
    initialCash,
    cash,
    positions,
    marks,
    equity,
    peakEquity,
    day,
    dayStartEquity,
    ...router
  } = o;
  return {
    v: 2,
    ...router,
    book: { initialCash, cash, positions, marks, equity, peakEquity, day, dayStartEquity, valuedAt: 0 },
  };
}

export const accountKey = (account: string) => `account.${account}`;
