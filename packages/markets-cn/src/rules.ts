import type { MarketRules, Refusal } from '@algotrader/backtest';
import type { BarColumns } from '@algotrader/core';
import type { PlannedOrder } from '@algotrader/portfolio';
import { dateOfDay } from './calendar';
import { type CnCostsInput, cnCosts, tradeCosts } from './costs';
import type { PriceBasis } from './import';
import type { AShare } from './instruments';
import { atLimit, bandFraction, limitBand, unlimitedDays } from './limits';

export interface AShareRulesOptions {
  /** Per backtest series, in the same order: the A-share it is, or null (an index: never traded). */
  readonly shares: readonly (AShare | null)[];
  /** The price basis of the stock series (adjusted prices: limits within 0.1 %, see `atLimit`). */
  readonly basis: PriceBasis;
  readonly costs?: CnCostsInput;
  /** An order refused at a price limit or on a suspended day: wait for the next bar, or cancel it. Default `carry`. */
  readonly onRefusal?: 'carry' | 'cancel';
  /** The fill model's timing: which price of the fill bar the order meets (open, or close). Default `next_open`. */
  readonly timing?: 'next_open' | 'close';
}

const DAY_MS = 86_400_000;

/**
 * The A-share market rules for the backtest engine:
 * - T+1: shares bought on a day are sellable from the next trading day (the Account's `tPlusOne`);
 * - a buy meeting the bar at limit-up, or a sell at limit-down, is refused (the queue at the
 *   limit is not ours to jump): at the open for `next_open`, at the close for `close`;
 * - a suspended day (volume 0; the shared files carry it with OHLC = the previous close) fills
 *   nothing;
 * - refusals wait for the next bar (`carry`) or cancel the order (`cancel`);
 * - fees: commission with its minimum, stamp duty by the trade date, transfer fee (`tradeCosts`);
 * - lots: the InstrumentSpec from `aShareSpec` rounds quantities down (100 shares; STAR 200 then 1).
 * Bars are daily with open time = the trade date at 00:00 UTC, as in data/cn.
 */
export function aShareRules(o: AShareRulesOptions): MarketRules {
  const costs = cnCosts(o.costs ?? {});
  const action = o.onRefusal ?? 'carry';
  const adjusted = o.basis === 'qfq' || o.basis === 'hfq';
  const useOpen = (o.timing ?? 'next_open') === 'next_open';
  const refuse = (reason: string): Refusal => ({ action, reason });
  return {
    tPlusOne: true,
    admit(order: PlannedOrder, k: number, row: number, bars: BarColumns): Refusal | null {
      const s = o.shares[k];
      if (!s) return { action: 'cancel', reason: 'not_tradable' };
      if (!(bars.volume[row]! > 0)) return refuse('suspended');
      if (row === 0) return null; // no previous close: no band
      const date = dateOfDay(Math.floor(bars.openTime[row]! / DAY_MS));
      if (s.listed !== '' && dateOfDay(Math.floor(bars.openTime[0]! / DAY_MS)) === s.listed) {
        if (row < unlimitedDays(s, s.listed)) return null; // new listing: no band yet
      }
      const band = limitBand(bars.close[row - 1]!, bandFraction(s, date), adjusted);
      const price = useOpen ? bars.open[row]! : bars.close[row]!;
      if (order.side === 'buy' && atLimit(price, band, 'up', adjusted)) return refuse('limit_up');
      if (order.side === 'sell' && atLimit(price, band, 'down', adjusted)) return refuse('limit_down');
      return null;
    },
    fee(order: PlannedOrder, _k: number, qty: number, price: number, openTime: number): number {
      return tradeCosts(costs, order.side, qty, price, dateOfDay(Math.floor(openTime / DAY_MS))).total;
    },
  };
}

/** The rows of daily `bars` whose trade date is in [from, to] (`YYYY-MM-DD`, inclusive), as fresh arrays. */
export function sliceDates(bars: BarColumns, from: string, to: string): BarColumns {
  const t = bars.openTime;
  const a = Date.parse(`${from}T00:00:00Z`);
  const b = Date.parse(`${to}T00:00:00Z`);
  let i = 0;
  while (i < t.length && t[i]! < a) i++;
  let j = i;
  while (j < t.length && t[j]! <= b) j++;
  return {
    openTime: t.slice(i, j),
    open: bars.open.slice(i, j),
    high: bars.high.slice(i, j),
    low: bars.low.slice(i, j),
    close: bars.close.slice(i, j),
    volume: bars.volume.slice(i, j),
  };
}
