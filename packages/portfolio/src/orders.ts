import {
  AlgoError,
  assertNever,
  clientOrderId,
  ErrorCode,
  formatInstrument,
  type Instrument,
} from '@algotrader/core';
import {
  type Decision,
  type ExitReason,
  type Exits,
  isTargetDecision,
  type OrderType,
  type PortfolioView,
  type Side,
  validateDecision,
} from '@algotrader/strategy';
import { decimalSub } from './decimal';
import { ceilToStep, floorToStep, type InstrumentSpec } from './spec';

/** An order ready for the fill model or a broker. Quantities and limit prices are on the spec's grid. */
export interface PlannedOrder {
  /**
   * Deterministic (core `clientOrderId`): the same decision always yields the same id. A plain
   * enumerable field, set when the order is planned (~0.5 µs), so spreading or serialising an
   * order includes it.
   */
  readonly clientOrderId: string;
  readonly account: string;
  readonly strategy: string;
  readonly instrument: Instrument;
  readonly side: Side;
  readonly qty: number;
  readonly type: OrderType;
  readonly limitPrice?: number;
  /** Close time of the bar the decision was taken at (a protective exit: of the bar that triggered it). */
  readonly decisionTime: number;
  /** Protective exits armed when this (buy) order fills; only entries carry them. */
  readonly exits?: Exits;
  /** Why the order exists when it is not a strategy's decision (`stop_loss`, …); absent = `signal`. */
  readonly reason?: ExitReason;
  /**
   * Swaps: true when the order only shrinks the position held at planning (opposite side, at most
   * its size; closing it counts). Never set on an open or a flip, nor on spot (where the wire's
   * `reduce_only` is every sell). Sent to the venue as OKX `reduceOnly`.
   */
  readonly reduceOnly?: boolean;
}

export type RejectReason =
  | 'below_lot_size'
  | 'below_min_qty'
  | 'below_min_notional'
  | 'insufficient_position'
  | 'insufficient_cash'
  | 'no_volume'
  | 'no_price'
  /** A decision with protective exits that needs no order: there is no entry fill to arm them at. */
  | 'exits_without_entry';

/** An expected refusal, returned as a value (never thrown). */
export interface OrderRejection {
  readonly status: 'rejected';
  readonly instrument: Instrument;
  readonly side: Side;
  readonly qty: number;
  readonly reason: RejectReason;
  readonly detail: string;
  readonly decisionTime: number;
}

export interface PlanInput {
  readonly account: string;
  readonly strategy: string;
  /** Decision time: close time of the bar the decisions were taken at. */
  readonly time: number;
  readonly decisions: readonly Decision[];
  /** Current holdings and equity (equity-fraction targets are sized from it). */
  readonly portfolio: PortfolioView;
  /** Reference price of an instrument: its latest close (NaN when unknown). */
  price(instrument: Instrument): number;
  spec(instrument: Instrument): InstrumentSpec;
}

export interface Plan {
  /** Sells first, then buys, so a rebalance frees cash before spending it. */
  readonly orders: PlannedOrder[];
  readonly rejections: OrderRejection[];
}

/**
 * The signal → order step, shared by the backtest and the live risk gate. A target becomes the
 * order that moves the holding toward it: `delta = target − held`, its size rounded DOWN to the lot
 * so the holding never overshoots the target; a delta under one lot is no order at all (already
 * there). An order intent passes through with its size rounded down to the lot and its limit price
 * rounded to the tick in our favour (buy down, sell up). Then the exchange minimums apply.
 *
 * Throws (bugs, not outcomes) for an invalid decision or two decisions about one instrument.
 */
export function planOrders(input: PlanInput): Plan {
  const { decisions, portfolio, time } = input;
  const seen = new Set<string>();
  const sells: PlannedOrder[] = [];
  const buys: PlannedOrder[] = [];
  const rejections: OrderRejection[] = [];
  for (const d of decisions) {
    validateDecision(d);
    const key = formatInstrument(d.instrument);
    if (seen.has(key)) {
      throw new AlgoError(
        ErrorCode.InvalidArgument,
        `two decisions about ${key} at ${time}: send one per instrument`,
      );
    }
    seen.add(key);
    const spec = input.spec(d.instrument);
    const held = portfolio.position(d.instrument);
    const ref = input.price(d.instrument);
    let side: Side;
    let qty: number;
    let type: OrderType = 'market';
    let limitPrice: number | undefined;

    if (isTargetDecision(d)) {
      let targetQty: number;
      const t = d.target;
      switch (t.kind) {
        case 'units':
          targetQty = t.qty;
          break;
        case 'equity_fraction':
          if (t.fraction > 0 && !(ref > 0)) {
            rejections.push(rejection(d, 'buy', 0, time, 'no_price', `no reference price to size ${key}`));
            continue;
          }
          targetQty = t.fraction === 0 ? 0 : (t.fraction * portfolio.equity) / ref;
          break;
        default:
          return assertNever(t, 'target');
      }
      // Exact on the decimals: −0.2 − (−0.7) is 0.5, not 0.49999999999999994 (which floors to 0.49).
      const delta = decimalSub(targetQty, held);
      side = delta >= 0 ? 'buy' : 'sell';
      // Going flat sells the whole holding as is: it is made of lot-rounded fills, and rounding it
      // again could leave dust where doubles cannot hold the lot grid exactly.
      qty = targetQty === 0 ? Math.abs(held) : floorToStep(Math.abs(delta), spec.lotSize);
      if (qty === 0) {
        // Exits arm on an entry's fill; refusing says so rather than dropping them unseen.
        if (d.exits !== undefined) {
          rejections.push(
            rejection(
              d,
              'buy',
              0,
              time,
              'exits_without_entry',
              `${key} is already at its target: no entry to attach the exits to (they arm when an entry fills)`,
            ),
          );
        }
        continue;
      }
    } else {
      side = d.side;
      qty = floorToStep(d.qty, spec.lotSize);
      type = d.type;
      if (d.type === 'limit') {
        limitPrice =
          side === 'buy'
            ? floorToStep(d.limitPrice!, spec.tickSize)
            : ceilToStep(d.limitPrice!, spec.tickSize);
      }
      if (qty === 0) {
        rejections.push(
          rejection(d, side, qty, time, 'below_lot_size', `qty ${d.qty} is below one lot of ${spec.lotSize}`),
        );
        continue;
      }
      if (side === 'sell' && qty > held) {
        rejections.push(
          rejection(
            d,
            side,
            qty,
            time,
            'insufficient_position',
            `sell ${qty} but hold ${held} (spot is long-only)`,
          ),
        );
        continue;
      }
    }
    const price = limitPrice ?? ref;
    if (!(price > 0)) {
      rejections.push(rejection(d, side, qty, time, 'no_price', `no reference price for ${key}`));
      continue;
    }
    if (qty < spec.minQty) {
      rejections.push(rejection(d, side, qty, time, 'below_min_qty', `qty ${qty} < min ${spec.minQty}`));
      continue;
    }
    if (qty * price < spec.minNotional) {
      rejections.push(
        rejection(
          d,
          side,
          qty,
          time,
          'below_min_notional',
          `notional ${qty * price} < min ${spec.minNotional}`,
        ),
      );
      continue;
    }
    const order = makeOrder(input.account, input.strategy, d.instrument, side, qty, type, limitPrice, time);
    // Exits ride on the entry; a target that only reduces the position keeps the protection it has.
    // On a swap the entry side is the target's: a sell toward a short carries them.
    if (d.exits !== undefined && side === entrySide(d)) Object.assign(order, { exits: d.exits });
    if (d.instrument.settle !== undefined && shrinks(side, qty, held))
      Object.assign(order, { reduceOnly: true });
    (side === 'sell' ? sells : buys).push(order);
  }
  return { orders: sells.length === 0 ? buys : [...sells, ...buys], rejections };
}

/** Whether an order of `side`/`qty` only shrinks the signed position `held` (a close included, a flip not). */
function shrinks(side: Side, qty: number, held: number): boolean {
  return side === 'sell' ? held > 0 && qty <= held : held < 0 && qty <= -held;
}

/** The side that opens toward a decision's position: buy, or on a swap a sell toward a short. */
function entrySide(d: Decision): Side {
  if (d.instrument.settle === undefined) return 'buy';
  if (!isTargetDecision(d)) return d.side;
  const t = d.target;
  return (t.kind === 'units' ? t.qty : t.fraction) < 0 ? 'sell' : 'buy';
}

/**
 * An order with its client order id (core's `clientOrderId`, ~0.5 µs with the id's prefix kept per
 * instrument). Fields are listed one by one (no spread, no getter: a literal with a getter is built
 * by the runtime's slow path with a new closure each time, as costly as the id itself) and the
 * optional limit price only when set: this literal is on the backtest's order path. The key order
 * is the one orders always serialised in.
 */
function makeOrder(
  account: string,
  strategy: string,
  instrument: Instrument,
  side: Side,
  qty: number,
  type: OrderType,
  limitPrice: number | undefined,
  decisionTime: number,
): PlannedOrder {
  const order = {
    account,
    strategy,
    instrument,
    side,
    qty,
    type,
    decisionTime,
    clientOrderId: clientOrderId({ account, strategy, instrument, decisionCloseMs: decisionTime }),
  };
  return limitPrice === undefined ? order : Object.assign(order, { limitPrice });
}

function rejection(
  d: Decision,
  side: Side,
  qty: number,
  decisionTime: number,
  reason: RejectReason,
  detail: string,
): OrderRejection {
  return { status: 'rejected', instrument: d.instrument, side, qty, reason, detail, decisionTime };
}
