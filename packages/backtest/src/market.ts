import type { BarColumns } from '@algotrader/core';
import type { PlannedOrder } from '@algotrader/portfolio';

/** Why an order does not fill on a bar, and what becomes of it. */
export interface Refusal {
  /** `carry`: it waits for the instrument's next bar; `cancel`: it ends here (status `cancelled`). */
  readonly action: 'carry' | 'cancel';
  /** Stable reason, e.g. `limit_up`, `suspended`. */
  readonly reason: string;
}

/**
 * A market's own rules, plugged into the backtest engine (everything optional; without it the
 * engine behaves as for a 24/7 crypto market). The A-share rules (markets-cn `aShareRules`) are
 * one: T+1, price limits, suspensions and their fee schedule.
 */
export interface MarketRules {
  /** Units bought on a day are sellable from the next day on (the Account's `tPlusOne`). */
  readonly tPlusOne?: boolean;
  /**
   * Asked before an order fills on row `row` of its instrument's bars (the fill bar: the next bar
   * for `next_open`, the decision bar for `close`); null lets the fill model fill it.
   */
  admit?(order: PlannedOrder, k: number, row: number, bars: BarColumns): Refusal | null;
  /** The fee of a fill, replacing the fill model's rate (e.g. a minimum commission, stamp duty by date). */
  fee?(order: PlannedOrder, k: number, qty: number, price: number, openTime: number): number;
}
