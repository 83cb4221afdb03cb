import type { Account } from './account';

/** A market order on a swap, signed base units (> 0 buys), filled at a bar's open. */
export interface SwapMarketOrder {
  readonly qty: number;
  /** Only shrinks the position: clipped to it, refused when there is nothing to reduce. */
  readonly reduceOnly: boolean;
}

export type SwapFillOutcome =
  | { readonly status: 'filled'; readonly qty: number; readonly price: number; readonly fee: number }
  | {
      readonly status: 'rejected';
      readonly reason: 'reduce_only' | 'insufficient_margin';
      readonly detail: string;
    };

/**
 * How a market order on swap `k` of `book` fills at the trade open `open` — the one rule the perp
 * backtest engine and the paper venue share: price `open × (1 ± slip)` against us, the taker fee on
 * the notional, a reduce-only order clipped to the position; the part that opens (beyond the
 * position it closes) needs its initial margin plus the fee free once the position is closed.
 * Reads the book, books nothing.
 */
export function fillSwapAtOpen(
  book: Account,
  k: number,
  o: SwapMarketOrder,
  open: number,
  takerFee: number,
  slip: number,
): SwapFillOutcome {
  const held = book.qty(k);
  let qty = o.qty;
  if (o.reduceOnly) {
    if (held === 0 || Math.sign(held) === Math.sign(qty)) {
      return {
        status: 'rejected',
        reason: 'reduce_only',
        detail: 'no position to reduce (liquidated or already closed)',
      };
    }
    if (Math.abs(qty) > Math.abs(held)) qty = -held;
  }
  const price = open * (1 + Math.sign(qty) * slip);
  const fee = takerFee * Math.abs(qty) * price;
  const opening =
    held === 0 || Math.sign(held) === Math.sign(qty)
      ? Math.abs(qty)
      : Math.max(0, Math.abs(qty) - Math.abs(held));
  if (opening > 0) {
    const setting = book.swaps.setting(k);
    const need = (opening * price) / setting.leverage + fee;
    // A flip closes the position first (as the ledger books it): its margin comes free and its
    // P&L at `price` is realized, so the opening part is judged against the account after that.
    let released = 0;
    if (held !== 0 && Math.sign(held) !== Math.sign(qty)) {
      released =
        setting.mode === 'isolated'
          ? book.swaps.marginCol[k]! + held * (price - book.avgPrice(k))
          : (Math.abs(held) * book.mark(k)) / setting.leverage + held * (price - book.mark(k));
    }
    const free = book.availableMargin + released;
    if (need > free) {
      return {
        status: 'rejected',
        reason: 'insufficient_margin',
        detail: `needs ${need.toFixed(2)}, ${free.toFixed(2)} free`,
      };
    }
  }
  return { status: 'filled', qty, price, fee };
}
