import { exitOrderId, parseInstrument, type SwapMark } from '@algotrader/core';
import type { AccountState, BarIn, OrderState, Pipeline } from '@algotrader/pipeline';
import { type Account, armProtection, checkProtection, type Trigger } from '@algotrader/portfolio';
import type { ExitReason } from '@algotrader/strategy';

/** Strategy label of the risk gate's force-exit orders (risk-gate `FORCE_EXIT`, Telegram `/forceexit`). */
const FORCE_EXIT_STRATEGY = 'forceexit';

/** Why an order was sent, as its fills say: the protective exit that fired, an operator's force-exit, or a signal. */
export function fillReason(o: OrderState): ExitReason {
  return o.exitReason ?? (o.strategy === FORCE_EXIT_STRATEGY ? 'forceexit' : 'signal');
}

/**
 * Protective exits on a `bars` venue (paper), the same steps as the backtest engine so a replay
 * fills bit for bit alike (packages/portfolio protection.ts has the trigger rules):
 * - {@link armAfterFill}: after an order's fills are booked — a position back at zero disarms;
 *   an entry carrying exits (re-)arms them at the fill price;
 * - {@link triggeredExits}: after the pending orders of a bar set are filled and before anything
 *   decided at its close, every instrument with a bar and armed exits, in the pipeline's
 *   instrument order, is checked; a trigger becomes an exit order (core `exitOrderId`) that the
 *   venue fills at the trigger (`Venue.fillTriggered`).
 * On an `exchange` venue the exchange holds the exits (or the venue refuses the entry): the router
 * arms nothing.
 */

/** Arms or disarms instrument `o.instrument`'s exits after `o` filled at `price`. */
export function armAfterFill(s: AccountState, o: OrderState, account: Account, price: number): void {
  const held = account.qty(account.require(o.instrument));
  if (held === 0) {
    if (s.protections) delete s.protections[o.instrument];
    return;
  }
  if (o.exits === undefined) return;
  s.protections ??= {};
  s.protections[o.instrument] = {
    strategy: o.strategy,
    protection: armProtection(o.exits, price, o.side === 'buy' ? 1 : -1),
  };
}

export interface TriggeredExit {
  readonly order: OrderState;
  readonly bar: BarIn;
  readonly trigger: Trigger;
}

/**
 * The exits the bar set closing at `c` triggers, as new orders (not yet recorded). Moves the
 * trailing anchors of the positions it does not close.
 */
export function triggeredExits(
  s: AccountState,
  p: Pipeline,
  bars: ReadonlyMap<string, BarIn> | undefined,
  c: number,
  account: Account,
): TriggeredExit[] {
  const armed = s.protections;
  if (!armed || !bars) return [];
  const out: TriggeredExit[] = [];
  for (const key of p.keys) {
    const x = armed[key];
    const bar = bars.get(key);
    if (!x || !bar) continue;
    const held = account.qty(account.require(key));
    if (held === 0) {
      delete armed[key];
      continue;
    }
    // A swap whose mark reached its liquidation price in this bar is liquidated instead: which
    // came first is unknown, so the worse (as the perp backtest engine decides).
    if (bar.swap !== undefined && liquidationTouched(account, account.require(key), bar.swap)) continue;
    const trigger = checkProtection(x.protection, bar);
    if (!trigger) continue;
    const id = exitOrderId({
      account: p.account,
      strategy: x.strategy,
      instrument: parseInstrument(key),
      decisionCloseMs: c,
    });
    out.push({
      bar,
      trigger,
      order: {
        id,
        strategy: x.strategy,
        instrument: key,
        side: held > 0 ? 'sell' : 'buy',
        type: 'market',
        qty: Math.abs(held),
        decisionTime: c,
        // The bar it triggered on (its own open: a session-cut bar opens later than c − tf).
        eligibleOpen: bar.openTime,
        status: 'pending_submit',
        events: 0,
        filledQty: 0,
        avgFillPrice: Number.NaN,
        exitReason: trigger.reason,
      },
    });
  }
  return out;
}

/** The mark candle reached position k's liquidation price (low for a long, high for a short). */
function liquidationTouched(account: Account, k: number, m: SwapMark): boolean {
  if (!account.swaps.has(k)) return false;
  const q = account.qty(k);
  const liq = account.liquidationPrice(k);
  return q > 0 ? m.markLow <= liq : m.markHigh >= liq;
}
