import { formatInstrument } from '@algotrader/core';
import { type MetricsSink, SWAP_ACCOUNT_MEASUREMENT, SWAP_POSITION_MEASUREMENT } from '@algotrader/metrics';
import type { Account } from '@algotrader/portfolio';

/** Fields of `swap_position` (one point per swap instrument the account trades). */
export interface SwapPositionFields {
  /** Signed base units (> 0 long, < 0 short). */
  readonly quantity: number;
  /** quantity × mark price, signed, quote currency. */
  readonly notional: number;
  readonly mark_price: number;
  /** Net funding of this swap since the account opened: received − paid, quote currency. */
  readonly funding_pnl: number;
  /** |notional| / account equity (0 when equity ≤ 0). */
  readonly leverage: number;
  /** Isolated margin posted (0 for cross). */
  readonly margin: number;
  /** OKX margin ratio (1 = liquidation); only while a position is open. */
  readonly margin_ratio?: number;
  /** Mark price at which the position is liquidated; only while open. */
  readonly liquidation_price?: number;
  /** |mark − liquidation price| / mark: how far the mark may move before liquidation; only while open. */
  readonly liquidation_distance?: number;
}

/** Fields of `swap_account` (one point per account holding swaps). */
export interface SwapAccountFields {
  readonly equity: number;
  /** Net funding over all swaps: received − paid, quote currency. */
  readonly funding_pnl: number;
  /** Gross swap notional / equity (the account's `leverage`). */
  readonly leverage: number;
  readonly liquidation_loss: number;
  /** Open swap positions. */
  readonly positions: number;
  /** Lowest margin ratio over open positions; only when one is open. */
  readonly min_margin_ratio?: number;
  /** Smallest liquidation distance over open positions; only when one is open. */
  readonly min_liquidation_distance?: number;
}

export interface SwapFigures {
  readonly account: SwapAccountFields;
  /** By instrument key (`OKX:BTC/USDT:USDT`). */
  readonly positions: Readonly<Record<string, SwapPositionFields>>;
}

/**
 * The swap figures of an account book at its current marks: what the perpetual-swaps dashboard
 * shows. Undefined for an account with no swap instrument. A figure that is not finite (a ratio
 * with nothing to divide by) is left out, never written as 0.
 */
export function swapFigures(book: Account): SwapFigures | undefined {
  const equity = book.equity;
  const positions: Record<string, SwapPositionFields> = {};
  let open = 0;
  let minRatio = Number.POSITIVE_INFINITY;
  let minDistance = Number.POSITIVE_INFINITY;
  for (let k = 0; k < book.instruments.length; k++) {
    if (!book.swaps.has(k)) continue;
    const qty = book.qty(k);
    const mark = book.mark(k);
    const notional = qty * mark;
    const f: {
      -readonly [K in keyof SwapPositionFields]: SwapPositionFields[K];
    } = {
      quantity: qty,
      notional,
      mark_price: mark,
      funding_pnl: book.swaps.fundingCol[k]!,
      leverage: equity > 0 ? Math.abs(notional) / equity : 0,
      margin: book.swaps.marginCol[k]!,
    };
    if (qty !== 0) {
      open += 1;
      const ratio = book.marginRatio(k);
      const liq = book.liquidationPrice(k);
      if (Number.isFinite(ratio)) {
        f.margin_ratio = ratio;
        minRatio = Math.min(minRatio, ratio);
      }
      if (Number.isFinite(liq) && mark > 0) {
        f.liquidation_price = liq;
        f.liquidation_distance = Math.abs(mark - liq) / mark;
        minDistance = Math.min(minDistance, f.liquidation_distance);
      }
    }
    positions[formatInstrument(book.instruments[k]!)] = f;
  }
  if (Object.keys(positions).length === 0) return undefined;
  return {
    account: {
      equity,
      funding_pnl: book.fundingPnl,
      leverage: book.leverage,
      liquidation_loss: book.liquidationLoss,
      positions: open,
      ...(Number.isFinite(minRatio) ? { min_margin_ratio: minRatio } : {}),
      ...(Number.isFinite(minDistance) ? { min_liquidation_distance: minDistance } : {}),
    },
    positions,
  };
}

/** Writes {@link swapFigures} of `book` as `swap_account` and `swap_position` points at `timeMs`. */
export function writeSwapMetrics(sink: MetricsSink, account: string, book: Account, timeMs: number): void {
  const f = swapFigures(book);
  if (!f) return;
  const clean = (o: object) =>
    Object.fromEntries(Object.entries(o).filter(([, v]) => typeof v === 'number' && Number.isFinite(v)));
  sink.point(SWAP_ACCOUNT_MEASUREMENT, { account }, clean(f.account), timeMs);
  for (const [instrument, p] of Object.entries(f.positions)) {
    sink.point(SWAP_POSITION_MEASUREMENT, { account, instrument }, clean(p), timeMs);
  }
}
