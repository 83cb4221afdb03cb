import { AlgoError, ErrorCode } from '@algotrader/core';
import { pb } from '@algotrader/proto';
import {
  EXIT_REASONS,
  type ExitLevel,
  type ExitReason,
  type Exits,
  exitsProblem,
  hasExits,
} from '@algotrader/strategy';
import { dec, num } from './wire';

/**
 * Protective exits and exit reasons on the wire (proto `ProtectiveExits`, `ExitReason`): the one
 * mapping, used by the Signal, OrderRequest and Fill codecs. Levels cross as shortest round-trip
 * decimals, so the paper venue arms exactly the levels the backtest does.
 */

export interface ProtectiveExitsMsg {
  stopLossPrice?: string | null;
  stopLossFraction?: string | null;
  takeProfitPrice?: string | null;
  takeProfitFraction?: string | null;
  trailingStopFraction?: string | null;
}

export function exitsOut(e: Exits): ProtectiveExitsMsg {
  const m: ProtectiveExitsMsg = {};
  if (e.stopLoss) {
    if ('price' in e.stopLoss) m.stopLossPrice = dec(e.stopLoss.price);
    else m.stopLossFraction = dec(e.stopLoss.fraction);
  }
  if (e.takeProfit) {
    if ('price' in e.takeProfit) m.takeProfitPrice = dec(e.takeProfit.price);
    else m.takeProfitFraction = dec(e.takeProfit.fraction);
  }
  if (e.trailingStop !== undefined) m.trailingStopFraction = dec(e.trailingStop);
  return m;
}

const set = (x: string | null | undefined): x is string => x !== undefined && x !== null && x !== '';

function levelIn(
  price: string | null | undefined,
  fraction: string | null | undefined,
  what: string,
): ExitLevel | undefined {
  if (set(price) && set(fraction))
    throw new AlgoError(ErrorCode.InvalidData, `${what}: give a price or a fraction, not both`);
  if (set(price)) return { price: num(price, `${what}_price`) };
  if (set(fraction)) return { fraction: num(fraction, `${what}_fraction`) };
  return undefined;
}

/** Inverse of {@link exitsOut}, checked: undefined when the message sets no level; bad levels throw. */
export function exitsIn(m: ProtectiveExitsMsg | null | undefined, what = 'exits'): Exits | undefined {
  if (!m) return undefined;
  const stopLoss = levelIn(m.stopLossPrice, m.stopLossFraction, `${what}.stop_loss`);
  const takeProfit = levelIn(m.takeProfitPrice, m.takeProfitFraction, `${what}.take_profit`);
  const trailing = set(m.trailingStopFraction)
    ? num(m.trailingStopFraction, `${what}.trailing_stop_fraction`)
    : undefined;
  const e: { stopLoss?: ExitLevel; takeProfit?: ExitLevel; trailingStop?: number } = {};
  if (stopLoss) e.stopLoss = stopLoss;
  if (takeProfit) e.takeProfit = takeProfit;
  if (trailing !== undefined) e.trailingStop = trailing;
  if (!hasExits(e)) return undefined;
  const why = exitsProblem(e);
  if (why) throw new AlgoError(ErrorCode.InvalidData, `${what}: ${why}`);
  return e;
}

const R = pb.ExitReason;
const TO_PB: Readonly<Record<ExitReason, number>> = {
  signal: R.EXIT_REASON_SIGNAL,
  stop_loss: R.EXIT_REASON_STOP_LOSS,
  take_profit: R.EXIT_REASON_TAKE_PROFIT,
  trailing_stop: R.EXIT_REASON_TRAILING_STOP,
  forceexit: R.EXIT_REASON_FORCEEXIT,
  liquidation: R.EXIT_REASON_LIQUIDATION,
};
const FROM_PB: ReadonlyMap<number, ExitReason> = new Map(EXIT_REASONS.map((r) => [TO_PB[r], r]));

export const exitReasonOut = (r: ExitReason): number => TO_PB[r];

/** Proto ExitReason → domain; UNSPECIFIED (a producer that does not say) is `signal`; unknown numbers throw. */
export function exitReasonIn(x: number | null | undefined): ExitReason {
  if (x === null || x === undefined || x === R.EXIT_REASON_UNSPECIFIED) return 'signal';
  const r = FROM_PB.get(x);
  if (r === undefined) throw new AlgoError(ErrorCode.InvalidData, `exit reason ${x} is unknown`);
  return r;
}
