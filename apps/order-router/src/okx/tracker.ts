import { AlgoError, type Clock, ErrorCode, isTerminal, type OrderStatus, transition } from '@algotrader/core';
import { dAdd, dGt, dLt, dSub } from './decimal';
import { fillId, statusFromOkx, toFill } from './mapping';
import type { OkxFillRow, OkxOrderRow } from './rows';
import type { OkxFill, OrderMove } from './types';

/** One order the broker follows on the exchange: the state it last published, and its fills. */
export interface TrackedOrder {
  readonly clientOrderId: string;
  readonly account: string;
  /** ccxt symbol, `BTC/USDT`. */
  readonly symbol: string;
  /** OKX instId, `BTC-USDT`. */
  readonly instId: string;
  readonly side: 'buy' | 'sell';
  status: OrderStatus;
  /** Sequence number of the last event published for this order (0: none yet). */
  seq: number;
  exchangeOrderId: string;
  /** Cumulative filled quantity as last published. */
  filled: string;
  avgPx: string;
  /** Fill ids (`instId:tradeId`) published. */
  readonly tradeIds: Set<string>;
  /** Quantity covered by fills published so far (by this process or, when resumed, before). */
  fillsQty: string;
  /**
   * Part of `fillsQty` published before this process knew the order (resumed from the router's
   * records, fill ids unknown): the oldest fills adding up to it are not published again.
   */
  unattributed: string;
  /** The market order a stop-loss / take-profit attached to an entry placed when it triggered. */
  exit?: AttachedExitOf;
}

/** What the order a triggered attached algo order placed is the exit of, and why. */
export interface AttachedExitOf {
  /** Client order id of the entry that carried the stop-loss / take-profit. */
  readonly entry: string;
  readonly reason: 'stop_loss' | 'take_profit';
}

export interface Changes {
  readonly events: OrderMove[];
  readonly fills: OkxFill[];
}

export const noChanges = (): Changes => ({ events: [], fills: [] });

/**
 * Moves orders through core's transition table and turns every move into an {@link OrderMove}
 * (seq + 1, previous state) and every new exchange fill into an {@link OkxFill} (exact decimals).
 * A move the table does not allow throws AlgoError(E_CONFLICT) and changes nothing.
 */
export class OrderTracker {
  readonly orders = new Map<string, TrackedOrder>();

  constructor(private readonly clock: Clock) {}

  get(clientOrderId: string): TrackedOrder | undefined {
    return this.orders.get(clientOrderId);
  }

  /** Orders not yet final, or final with fills still to publish. */
  active(): TrackedOrder[] {
    return [...this.orders.values()].filter((t) => !isTerminal(t.status) || dLt(t.fillsQty, t.filled));
  }

  add(t: TrackedOrder): TrackedOrder {
    this.orders.set(t.clientOrderId, t);
    return t;
  }

  /** A move decided here (submitted, unknown, pending_cancel, rejected): an event, no fills. */
  move(t: TrackedOrder, to: OrderStatus, reason = '', timeMs = this.clock.now()): OrderMove | undefined {
    if (to === t.status) return undefined;
    const from = t.status;
    t.status = transition(t.clientOrderId, from, to);
    return this.#event(t, from, reason, timeMs);
  }

  /**
   * Applies what the exchange says about the order (`row`) and its fills (all of them, oldest
   * first, or undefined when not fetched): publishes the fills not yet published, then one event
   * if the state or the filled quantity moved.
   */
  apply(t: TrackedOrder, row: OkxOrderRow, fills: readonly OkxFillRow[] | undefined, reason = ''): Changes {
    if (dLt(row.accFillSz, t.filled)) {
      throw new AlgoError(
        ErrorCode.Conflict,
        `order ${t.clientOrderId}: OKX reports ${row.accFillSz} filled, ${t.filled} already published`,
        { clientOrderId: t.clientOrderId },
      );
    }
    if (t.exchangeOrderId !== '' && row.ordId !== t.exchangeOrderId) {
      throw new AlgoError(
        ErrorCode.Conflict,
        `order ${t.clientOrderId}: OKX answers with order ${row.ordId}, tracked as ${t.exchangeOrderId}`,
        { clientOrderId: t.clientOrderId },
      );
    }
    const fillMoved = dGt(row.accFillSz, t.filled);
    const from = t.status;
    const next = transition(t.clientOrderId, from, statusFromOkx(row.state, from, fillMoved));
    const idLearned = t.exchangeOrderId === '';
    t.exchangeOrderId = row.ordId;
    const out = noChanges();
    if (fills) out.fills.push(...this.#newFills(t, fills));
    if (next === from && !fillMoved && !idLearned) return out;
    t.status = next;
    t.filled = row.accFillSz;
    t.avgPx = row.avgPx;
    out.events.push(this.#event(t, from, reason, row.uTime));
    return out;
  }

  #newFills(t: TrackedOrder, rows: readonly OkxFillRow[]): OkxFill[] {
    const out: OkxFill[] = [];
    for (const f of rows) {
      const id = fillId(f);
      if (f.ordId !== t.exchangeOrderId || t.tradeIds.has(id)) continue;
      t.tradeIds.add(id);
      if (dGt(t.unattributed, '0')) {
        if (dGt(f.fillSz, t.unattributed)) {
          throw new AlgoError(
            ErrorCode.Conflict,
            `order ${t.clientOrderId}: fill ${id} of ${f.fillSz} straddles the ${t.unattributed} already published`,
            { clientOrderId: t.clientOrderId },
          );
        }
        t.unattributed = dSub(t.unattributed, f.fillSz);
        continue;
      }
      t.fillsQty = dAdd(t.fillsQty, f.fillSz);
      out.push(toFill(f, t.clientOrderId, t.symbol));
    }
    return out;
  }

  #event(t: TrackedOrder, from: OrderStatus, reason: string, timeMs: number): OrderMove {
    t.seq += 1;
    return {
      clientOrderId: t.clientOrderId,
      exchangeOrderId: t.exchangeOrderId,
      symbol: t.symbol,
      status: t.status,
      previous: from,
      filledQty: t.filled === '' ? '0' : t.filled,
      avgPrice: t.avgPx,
      reason,
      timeMs,
      seq: t.seq,
    };
  }
}
