import type { ExitReason } from '@algotrader/strategy';
import type { OkxReads } from './client';
import type { OkxOrderRow } from './rows';
import type { TrackedOrder } from './tracker';

/**
 * The link between an entry and the stop-loss / take-profit OKX holds for it. OKX gives the
 * attached algo order a new `algoId` of its own when the entry fills (the entry's `attachAlgoId` is
 * NOT posted to it) but carries the entry's `attachAlgoClOrdId` over as its `algoClOrdId`, and the
 * market order it places when a leg triggers carries both. So the entry is sent with
 * `attachAlgoClOrdId` = `ax` + the 28 characters of its own id (`at` + 28, core clientOrderId):
 * from a triggered order's `algoClOrdId` the entry is known without any stored mapping, after a
 * restart too. The router records the exit order under that same `ax` id (its fills have no
 * clOrdId of ours on OKX).
 */
const ENTRY = /^at([0-9a-z]{28})$/;
const EXIT = /^ax([0-9a-z]{28})$/;

/** The `attachAlgoClOrdId` of entry `clientOrderId`; undefined when the id is not of the router's form. */
export function attachedExitId(clientOrderId: string): string | undefined {
  const m = ENTRY.exec(clientOrderId);
  return m ? `ax${m[1]}` : undefined;
}

/** The entry whose attached exit has this `algoClOrdId`; undefined when it is not one of ours. */
export function entryOfAttachedExit(algoClOrdId: string): string | undefined {
  const m = EXIT.exec(algoClOrdId);
  return m ? `at${m[1]}` : undefined;
}

/** The reason of an attached exit from the leg OKX says triggered (`actualSide`); undefined: unknown. */
export function attachedExitReason(
  actualSide: string,
): Extract<ExitReason, 'stop_loss' | 'take_profit'> | undefined {
  if (actualSide === 'sl') return 'stop_loss';
  if (actualSide === 'tp') return 'take_profit';
  return undefined;
}

/**
 * OKX's row of a tracked order: by clOrdId, except the market order a triggered stop-loss /
 * take-profit placed, which carries no clOrdId of ours (it is tracked under its algo's client id):
 * by its ordId.
 */
export function rowOf(reads: OkxReads, t: TrackedOrder): Promise<OkxOrderRow> {
  if (entryOfAttachedExit(t.clientOrderId) !== undefined && t.exchangeOrderId !== '')
    return reads.orderById(t.instId, t.exchangeOrderId);
  return reads.orderByClientId(t.instId, t.clientOrderId);
}
