import { AlgoError, ErrorCode } from '@algotrader/core';
import type { AccountBook, AccountPosition, SwapPositionBook } from '@algotrader/portfolio';
import { type algotrader, pb } from '@algotrader/proto';
import type { AccountState, ArmedExits, OrderState } from './account';
import { orderStateIn, orderStateOut } from './exec-wire';
import { exitReasonIn, exitReasonOut, exitsIn, exitsOut } from './exits-wire';
import { sideOf, sideToPb, typeOf, typeToPb } from './wire';

/**
 * The KV state that stages share, as protobuf (proto/algotrader/v1/state.proto): the account
 * state (`positions/account.<acct>`), the risk gate's progress (`positions/decided.<acct>`) and
 * the order index (`orders/<client order id>`). Numbers are doubles, so every value comes back
 * bit for bit (NaN included); stream positions and times are 64-bit integers (JS numbers, all
 * below 2^53). Values written before this encoding were msgpack: {@link isLegacyMsgpack} tells
 * them apart (a protobuf value here starts with field 1's tag, 0x08; a msgpack map with 0x80–0x8f
 * or 0xde/0xdf) so the owners can migrate them once.
 */

/** The encoding version written in `AccountState.version` (1 and 2 were msgpack). */
export const ACCOUNT_STATE_VERSION = 3;

type Pb = typeof algotrader.v1;

/** Whether a KV value is a msgpack map (the encoding before protobuf) rather than a protobuf message. */
export function isLegacyMsgpack(b: Uint8Array): boolean {
  const x = b[0];
  return x !== undefined && ((x >= 0x80 && x <= 0x8f) || x === 0xde || x === 0xdf);
}

const num = (x: number | null | undefined): number => Number(x ?? 0);

function orderOut(o: OrderState): algotrader.v1.IOrderRecord {
  return {
    id: o.id,
    strategy: o.strategy,
    instrument: o.instrument,
    side: sideToPb(o.side),
    type: typeToPb(o.type),
    qty: o.qty,
    ...(o.limitPrice === undefined ? {} : { limitPrice: o.limitPrice }),
    decisionTimeMs: o.decisionTime,
    eligibleOpenMs: o.eligibleOpen,
    status: orderStateOut(o.status),
    events: o.events,
    filledQty: o.filledQty,
    avgFillPrice: o.avgFillPrice,
    ...(o.reason === undefined ? {} : { reason: o.reason }),
    ...(o.exchangeId === undefined ? {} : { exchangeId: o.exchangeId }),
    trades: o.trades ?? [],
    ...(o.exits === undefined ? {} : { exits: exitsOut(o.exits) }),
    ...(o.exitReason === undefined ? {} : { exitReason: exitReasonOut(o.exitReason) }),
    ...(o.reduceOnly ? { reduceOnly: true } : {}),
  };
}

function orderIn(m: algotrader.v1.IOrderRecord): OrderState {
  const id = m.id ?? '';
  if (!id) throw new AlgoError(ErrorCode.Decode, 'order record: no client order id');
  const status = orderStateIn(m.status);
  if (status === undefined)
    throw new AlgoError(ErrorCode.Decode, `order record ${id}: status ${m.status} is unknown`);
  const o: OrderState = {
    id,
    strategy: m.strategy ?? '',
    instrument: m.instrument ?? '',
    side: sideOf(m.side),
    type: typeOf(m.type),
    qty: num(m.qty),
    ...(m.limitPrice == null ? {} : { limitPrice: m.limitPrice }),
    decisionTime: num(m.decisionTimeMs),
    eligibleOpen: num(m.eligibleOpenMs),
    status,
    events: num(m.events),
    filledQty: num(m.filledQty),
    avgFillPrice: num(m.avgFillPrice),
    ...(m.reason == null ? {} : { reason: m.reason }),
    ...(m.exchangeId == null ? {} : { exchangeId: m.exchangeId }),
    ...(m.reduceOnly ? { reduceOnly: true } : {}),
  };
  // An empty list and no list mean the same to the router (nothing booked yet).
  if (m.trades && m.trades.length > 0) o.trades = [...m.trades];
  const exits = exitsIn(m.exits, `order record ${id} exits`);
  // UNSPECIFIED: a signal's order, which carries no reason in the domain either.
  const exitReason = m.exitReason ? exitReasonIn(m.exitReason) : undefined;
  return {
    ...o,
    ...(exits === undefined ? {} : { exits }),
    ...(exitReason === undefined ? {} : { exitReason }),
  };
}

function bookOut(b: AccountBook): algotrader.v1.IAccountBook {
  return {
    initialCash: b.initialCash,
    cash: b.cash,
    positions: Object.fromEntries(
      Object.entries(b.positions).map(([k, p]) => [
        k,
        { ...p, ...(p.locked ? { locked: { ...p.locked } } : {}) },
      ]),
    ),
    marks: { ...b.marks },
    equity: b.equity,
    peakEquity: b.peakEquity,
    day: b.day,
    dayStartEquity: b.dayStartEquity,
    valuedAtMs: b.valuedAt,
    ...(b.swaps ? { swaps: Object.fromEntries(Object.entries(b.swaps).map(([k, w]) => [k, { ...w }])) } : {}),
  };
}

function swapIn(key: string, w: algotrader.v1.ISwapPositionBook): SwapPositionBook {
  const mode = w.mode;
  if (mode !== 'isolated' && mode !== 'cross')
    throw new AlgoError(ErrorCode.Decode, `account state: swap ${key} has margin mode "${mode}"`);
  return {
    qty: num(w.qty),
    avg: num(w.avg),
    margin: num(w.margin),
    mode,
    leverage: num(w.leverage),
    realized: num(w.realized),
    fees: num(w.fees),
    funding: num(w.funding),
    liquidationLoss: num(w.liquidationLoss),
    liquidationFees: num(w.liquidationFees),
    liquidations: num(w.liquidations),
  };
}

function bookIn(m: algotrader.v1.IAccountBook | null | undefined): AccountBook {
  if (!m) throw new AlgoError(ErrorCode.Decode, 'account state: no book');
  const positions: Record<string, AccountPosition> = {};
  for (const [k, p] of Object.entries(m.positions ?? {})) {
    positions[k] = {
      qty: num(p.qty),
      avg: num(p.avg),
      realized: num(p.realized),
      fees: num(p.fees),
      ...(p.locked ? { locked: { qty: num(p.locked.qty), day: num(p.locked.day) } } : {}),
    };
  }
  const marks: Record<string, number> = {};
  for (const [k, x] of Object.entries(m.marks ?? {})) marks[k] = num(x);
  return {
    initialCash: num(m.initialCash),
    cash: num(m.cash),
    positions,
    marks,
    equity: num(m.equity),
    peakEquity: num(m.peakEquity),
    day: num(m.day),
    dayStartEquity: num(m.dayStartEquity),
    valuedAt: num(m.valuedAtMs),
    // Absent while no swap was traded (an empty map and no map are the same book).
    ...(m.swaps && Object.keys(m.swaps).length > 0
      ? { swaps: Object.fromEntries(Object.entries(m.swaps).map(([k, w]) => [k, swapIn(k, w)])) }
      : {}),
  };
}

/** Account state → protobuf `algotrader.v1.AccountState` bytes. */
export function accountStateToPb(s: AccountState): Uint8Array {
  const P: Pb = pb;
  return P.AccountState.encode({
    version: ACCOUNT_STATE_VERSION,
    account: s.account,
    quote: s.quote,
    book: bookOut(s.book),
    orders: Object.values(s.orders).map(orderOut),
    pending: s.pending,
    done: s.done,
    mdSeq: s.mdSeq,
    orderSeq: s.orderSeq,
    steppedThroughMs: s.steppedThrough,
    visibleThroughMs: s.visibleThrough,
    lastBarSetMs: s.lastBarSet,
    fills: s.fills,
    updatedMs: s.updatedMs,
    swapBooked: s.swapBooked ?? [],
    protections: Object.fromEntries(
      Object.entries(s.protections ?? {}).map(([k, a]) => [
        k,
        {
          strategy: a.strategy,
          dir: a.protection.dir,
          stop: a.protection.stop,
          takeProfit: a.protection.takeProfit,
          trail: a.protection.trail,
          best: a.protection.best,
        },
      ]),
    ),
  }).finish();
}

/** Protobuf `algotrader.v1.AccountState` bytes → account state; a wrong version or a malformed value is a Decode error. */
export function accountStateFromPb(bytes: Uint8Array): AccountState {
  let m: algotrader.v1.AccountState;
  try {
    m = pb.AccountState.decode(bytes);
  } catch (e) {
    throw new AlgoError(
      ErrorCode.Decode,
      `account state is not a protobuf AccountState: ${(e as Error).message}`,
    );
  }
  if (m.version !== ACCOUNT_STATE_VERSION)
    throw new AlgoError(
      ErrorCode.Decode,
      `account state encoding version ${m.version} is not ${ACCOUNT_STATE_VERSION}: written by a newer or foreign writer`,
    );
  const orders: Record<string, OrderState> = {};
  for (const o of m.orders) {
    const r = orderIn(o);
    orders[r.id] = r;
  }
  return {
    v: 2,
    account: m.account,
    quote: m.quote,
    book: bookIn(m.book),
    orders,
    pending: [...m.pending],
    done: [...m.done],
    mdSeq: num(m.mdSeq),
    orderSeq: num(m.orderSeq),
    steppedThrough: num(m.steppedThroughMs),
    visibleThrough: num(m.visibleThroughMs),
    lastBarSet: num(m.lastBarSetMs),
    fills: num(m.fills),
    updatedMs: num(m.updatedMs),
    ...(m.swapBooked.length > 0 ? { swapBooked: [...m.swapBooked] } : {}),
    ...(Object.keys(m.protections).length > 0 ? { protections: protectionsIn(m.protections) } : {}),
  };
}

/** Order record (KV bucket `orders`) → protobuf `algotrader.v1.OrderRecord` bytes. */
export function orderRecordToPb(o: OrderState): Uint8Array {
  return pb.OrderRecord.encode(orderOut(o)).finish();
}

export function orderRecordFromPb(bytes: Uint8Array): OrderState {
  try {
    return orderIn(pb.OrderRecord.decode(bytes));
  } catch (e) {
    if (e instanceof AlgoError) throw e;
    throw new AlgoError(
      ErrorCode.Decode,
      `order record is not a protobuf OrderRecord: ${(e as Error).message}`,
    );
  }
}

export interface Progress {
  decidedThrough: number;
  approvedSeq: number;
}

export function progressToPb(p: Progress): Uint8Array {
  return pb.DecisionProgress.encode({
    decidedThroughMs: p.decidedThrough,
    approvedSeq: p.approvedSeq,
  }).finish();
}

export function progressFromPb(bytes: Uint8Array): Progress {
  try {
    const m = pb.DecisionProgress.decode(bytes);
    return { decidedThrough: num(m.decidedThroughMs), approvedSeq: num(m.approvedSeq) };
  } catch (e) {
    throw new AlgoError(
      ErrorCode.Decode,
      `decision progress is not a protobuf DecisionProgress: ${(e as Error).message}`,
    );
  }
}

function protectionsIn(m: { [k: string]: algotrader.v1.IArmedExits }): Record<string, ArmedExits> {
  const out: Record<string, ArmedExits> = {};
  for (const [key, a] of Object.entries(m)) {
    if (a.dir !== 1 && a.dir !== -1)
      throw new AlgoError(ErrorCode.Decode, `armed exits of ${key}: direction ${a.dir} is not +1 or -1`);
    out[key] = {
      strategy: a.strategy ?? '',
      protection: {
        dir: a.dir,
        stop: num(a.stop),
        takeProfit: num(a.takeProfit),
        trail: num(a.trail),
        best: num(a.best),
      },
    };
  }
  return out;
}
