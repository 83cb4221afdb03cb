import {
  AlgoError,
  type Bar,
  ErrorCode,
  formatInstrument,
  type Instrument,
  instrumentSymbol,
  isValidClientOrderId,
  parseInstrument,
  type Timeframe,
  type TradingCalendar,
} from '@algotrader/core';
import type { PlannedOrder } from '@algotrader/portfolio';
import { type BarMsg, decodeBar, encodeBar, type OrderRequestMsg, pb, type Signal } from '@algotrader/proto';
import { type Decision, isTargetDecision, type OrderType, type Side } from '@algotrader/strategy';
import { exitsIn, exitsOut } from './exits-wire';

/** The one mapping between protobuf messages and domain values, validated on the way in. */

export interface InstrumentRef {
  venue: string;
  symbol: string;
}

export function refOf(i: Instrument): InstrumentRef {
  return { venue: i.venue, symbol: instrumentSymbol(i) };
}

export function instrumentOf(
  ref: { venue?: string | null; symbol?: string | null } | null | undefined,
): Instrument {
  if (!ref?.venue || !ref.symbol) {
    throw new AlgoError(ErrorCode.InvalidInstrument, 'message has no instrument');
  }
  return parseInstrument(`${ref.venue}:${ref.symbol}`);
}

/** `OKX:BTC/USDT` (a swap: `OKX:BTC/USDT:USDT`) from a wire reference (the account's and the config's key form). */
export function keyOf(ref: { venue?: string | null; symbol?: string | null } | null | undefined): string {
  return formatInstrument(instrumentOf(ref));
}

/** The wire reference of an instrument key `OKX:BTC/USDT`. */
export function parseKey(key: string): InstrumentRef {
  const i = key.indexOf(':');
  return { venue: key.slice(0, i), symbol: key.slice(i + 1) };
}

/**
 * Decimal string of a double: the shortest text that reads back as the same double, so prices
 * and quantities cross the wire without changing a bit.
 */
export function dec(x: number): string {
  if (!Number.isFinite(x)) throw new AlgoError(ErrorCode.InvalidArgument, `cannot send ${x} as a decimal`);
  return String(x);
}

/** Parses a decimal string; empty or malformed text is an error naming the field. */
export function num(text: string | null | undefined, field: string): number {
  if (text === null || text === undefined || text.trim() === '' || !/^-?[0-9.eE+-]+$/.test(text)) {
    throw new AlgoError(ErrorCode.InvalidData, `${field}: "${text ?? ''}" is not a decimal number`);
  }
  const x = Number(text);
  if (!Number.isFinite(x)) throw new AlgoError(ErrorCode.InvalidData, `${field}: "${text}" is not finite`);
  return x;
}

export const sideToPb = (s: Side): number => (s === 'buy' ? pb.Side.SIDE_BUY : pb.Side.SIDE_SELL);

export function sideOf(x: number | null | undefined): Side {
  if (x === pb.Side.SIDE_BUY) return 'buy';
  if (x === pb.Side.SIDE_SELL) return 'sell';
  throw new AlgoError(ErrorCode.InvalidData, `order side ${x} is neither buy nor sell`);
}

export const typeToPb = (t: OrderType): number =>
  t === 'market' ? pb.OrderType.ORDER_TYPE_MARKET : pb.OrderType.ORDER_TYPE_LIMIT;

export function typeOf(x: number | null | undefined): OrderType {
  if (x === pb.OrderType.ORDER_TYPE_MARKET || x === pb.OrderType.ORDER_TYPE_UNSPECIFIED || x == null)
    return 'market';
  if (x === pb.OrderType.ORDER_TYPE_LIMIT) return 'limit';
  throw new AlgoError(ErrorCode.InvalidData, `order type ${x} is unknown`);
}

/**
 * A validated closed bar of the configured timeframe: the domain bar of @algotrader/core, whose
 * timeframe a stage already knows from its pipeline (a checkpoint restores bars without it).
 */
export type BarIn = Omit<Bar, 'tf'>;

/**
 * A wire Bar as the stages take it, through the one bar codec (@algotrader/proto `decodeBar`):
 * timeframe, aligned open time, close = open + timeframe, finite positive prices with high/low
 * bounding open/close, volume >= 0. Bad bars are errors (dead-lettered and alerted by the caller),
 * never repaired.
 */
export function barIn(b: BarMsg, tf: Timeframe, calendar?: TradingCalendar): Bar {
  return decodeBar(b, calendar ? { tf, calendar } : { tf });
}

/** A checked bar back on the wire (the feature vector carries the bar it was computed on). */
export function barOut(b: BarIn, tf: Timeframe, source: string): BarMsg {
  return encodeBar({ ...b, tf }, source);
}

/** A strategy's decision as a Signal. */
export function signalOf(account: string, strategy: string, time: number, d: Decision): Signal {
  const base = {
    strategy,
    account,
    instrument: refOf(d.instrument),
    closeTimeMs: time,
    ...(d.exits !== undefined ? { exits: exitsOut(d.exits) } : {}),
  };
  if (isTargetDecision(d)) {
    const t = d.target;
    return {
      ...base,
      target: t.kind === 'units' ? { units: dec(t.qty) } : { equityFraction: dec(t.fraction) },
    };
  }
  return {
    ...base,
    intent: {
      side: sideToPb(d.side),
      type: typeToPb(d.type),
      quantity: dec(d.qty),
      limitPrice: d.limitPrice === undefined ? '' : dec(d.limitPrice),
    },
  };
}

/** Inverse of {@link signalOf}; not validated against spot rules (the risk gate does that). */
export function decisionOf(s: Signal): Decision {
  const exits = exitsIn(s.exits, 'signal exits');
  const d = decisionOnly(s);
  return exits === undefined ? d : { ...d, exits };
}

function decisionOnly(s: Signal): Decision {
  const instrument = instrumentOf(s.instrument);
  if (s.target) {
    if (s.target.units !== undefined && s.target.units !== null && s.target.units !== '') {
      return { instrument, target: { kind: 'units', qty: num(s.target.units, 'target.units') } };
    }
    if (
      s.target.equityFraction !== undefined &&
      s.target.equityFraction !== null &&
      s.target.equityFraction !== ''
    ) {
      return {
        instrument,
        target: { kind: 'equity_fraction', fraction: num(s.target.equityFraction, 'target.equity_fraction') },
      };
    }
    throw new AlgoError(ErrorCode.InvalidData, 'signal target has neither units nor equity_fraction');
  }
  if (s.intent) {
    const type = typeOf(s.intent.type);
    const d: Decision = {
      instrument,
      side: sideOf(s.intent.side),
      qty: num(s.intent.quantity, 'intent.quantity'),
      type,
      ...(type === 'limit' ? { limitPrice: num(s.intent.limitPrice, 'intent.limit_price') } : {}),
    };
    return d;
  }
  throw new AlgoError(ErrorCode.InvalidData, 'signal has no decision');
}

/**
 * An order the risk gate approved, on the wire. `reduce_only` marks a spot sell (it can only shrink
 * a long position) and, on a swap, an order planned as only shrinking the position
 * (`PlannedOrder.reduceOnly`; a sell that opens or extends a short is not); quantities and prices
 * cross as shortest round-trip decimals.
 */
export function orderRequestOut(o: PlannedOrder): OrderRequestMsg {
  return {
    clientOrderId: o.clientOrderId,
    account: o.account,
    strategy: o.strategy,
    instrument: refOf(o.instrument),
    side: sideToPb(o.side),
    type: typeToPb(o.type),
    quantity: dec(o.qty),
    limitPrice: o.limitPrice === undefined ? '' : dec(o.limitPrice),
    quoteAmount: '',
    decisionTimeMs: o.decisionTime,
    reduceOnly: o.instrument.settle !== undefined ? o.reduceOnly === true : o.side === 'sell',
    cancel: false,
    ...(o.exits !== undefined ? { exits: exitsOut(o.exits) } : {}),
  };
}

/**
 * Inverse of {@link orderRequestOut} for an order request (not a cancel): checked once on the way
 * in — a valid client order id, an instrument, side, type, a positive quantity, a limit price for a
 * limit order, a decision time. A quote-amount order (a market buy for so much quote currency) is
 * not a planned order and is refused here.
 */
export function orderRequestIn(m: OrderRequestMsg): PlannedOrder {
  const id = m.clientOrderId ?? '';
  if (!isValidClientOrderId(id)) {
    throw new AlgoError(ErrorCode.InvalidData, `order: client order id "${id}" is not valid`);
  }
  if (m.cancel) throw new AlgoError(ErrorCode.InvalidData, `order ${id}: a cancel request is not an order`);
  if (m.quoteAmount)
    throw new AlgoError(ErrorCode.InvalidData, `order ${id}: a quote amount is not a quantity`);
  const type = typeOf(m.type);
  const qty = num(m.quantity, `order ${id} quantity`);
  if (!(qty > 0)) throw new AlgoError(ErrorCode.InvalidData, `order ${id}: quantity ${qty} is not positive`);
  const decisionTime = Number(m.decisionTimeMs ?? 0);
  if (!Number.isSafeInteger(decisionTime) || decisionTime <= 0) {
    throw new AlgoError(ErrorCode.InvalidData, `order ${id}: no decision time`);
  }
  const exits = exitsIn(m.exits, `order ${id} exits`);
  const instrument = instrumentOf(m.instrument);
  return {
    clientOrderId: id,
    account: m.account ?? '',
    strategy: m.strategy ?? '',
    instrument,
    side: sideOf(m.side),
    qty,
    type,
    ...(type === 'limit' ? { limitPrice: num(m.limitPrice, `order ${id} limit_price`) } : {}),
    decisionTime,
    ...(exits !== undefined ? { exits } : {}),
    // Spot: every sell is reduce-only on the wire, which the planned order does not restate.
    ...(instrument.settle !== undefined && m.reduceOnly ? { reduceOnly: true } : {}),
  };
}
