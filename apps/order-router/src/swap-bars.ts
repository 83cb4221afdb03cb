import { formatInstrument } from '@algotrader/core';
import type { BarIn, Pipeline } from '@algotrader/pipeline/domain';
import type { Account } from '@algotrader/portfolio';

/**
 * What a bar set does to the swaps of a venue that fills on bars (the paper venue), in the perp
 * backtest engine's order (packages/backtest/src/perp/engine.ts): funding settles at the bars'
 * open before the orders fill, liquidation is judged against the mark candle after they fill, and
 * the positions are marked at the mark close afterwards (book.ts). A venue on an exchange reports
 * funding and liquidations itself (reconciliation), so these are for `fills: 'bars'` only.
 */

export interface SwapFunding {
  readonly key: string;
  readonly rate: number;
  readonly mark: number;
  readonly qty: number;
  readonly amount: number;
}

/**
 * Funding settled at the open of the bars closing at `c`: a position held into the settlement pays
 * (long, rate > 0) or receives qty × mark open × rate. Only bars that carry a rate settle.
 */
export function settleSwapFunding(
  book: Account,
  p: Pipeline,
  bars: ReadonlyMap<string, BarIn> | undefined,
): SwapFunding[] {
  const out: SwapFunding[] = [];
  if (!bars) return out;
  for (const inst of p.instruments) {
    const key = formatInstrument(inst);
    const b = bars.get(key);
    const rate = b?.swap?.fundingRate;
    if (b?.swap === undefined || rate === undefined) continue;
    const k = book.indexOf(key);
    if (k < 0 || !book.swaps.has(k)) continue;
    const qty = book.qty(k);
    if (qty === 0) continue;
    const amount = book.applyFunding(k, rate, b.swap.markOpen);
    out.push({ key, rate, mark: b.swap.markOpen, qty, amount });
  }
  return out;
}

export interface SwapLiquidated {
  readonly key: string;
  readonly qty: number;
  readonly price: number;
  readonly loss: number;
  readonly positions: number;
}

/**
 * Positions whose liquidation price the mark candle's low (long) or high (short) reached are
 * liquidated there, or at the mark open when the candle gapped past it.
 */
export function liquidateOnMarks(
  book: Account,
  p: Pipeline,
  bars: ReadonlyMap<string, BarIn> | undefined,
): SwapLiquidated[] {
  const out: SwapLiquidated[] = [];
  if (!bars) return out;
  for (const inst of p.instruments) {
    const key = formatInstrument(inst);
    const m = bars.get(key)?.swap;
    if (m === undefined) continue;
    const k = book.indexOf(key);
    if (k < 0 || !book.swaps.has(k)) continue;
    const q = book.qty(k);
    if (q === 0) continue;
    const liq = book.liquidationPrice(k);
    const touched = q > 0 ? m.markLow <= liq : m.markHigh >= liq;
    if (!touched) continue;
    const price = q > 0 ? Math.min(liq, m.markOpen) : Math.max(liq, m.markOpen);
    const done = book.liquidate(k, price);
    out.push({ key, qty: q, price, loss: done.reduce((x, d) => x + d.loss, 0), positions: done.length });
  }
  return out;
}
