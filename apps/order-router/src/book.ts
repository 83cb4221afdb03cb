import type { BarIn, Pipeline } from '@algotrader/pipeline/domain';
import type { Account } from '@algotrader/portfolio';
import type { Side } from '@algotrader/strategy';
import type { VenueFill } from './venue';

/**
 * How a venue's reports move the one Account (@algotrader/portfolio): every venue books fills and
 * marks through these two, so peak and day-start equity move the same way on paper and on an
 * exchange.
 */

/**
 * Books one execution. A fee in the quote currency is a fee; one in the base coin (OKX spot buys)
 * is taken from the units at the fill price, so the holding is what the exchange holds and cash
 * moves by qty × price. Returns why it could not be booked as reported (a fee in a third currency
 * is booked as zero).
 */
export function bookFill(a: Account, p: Pipeline, key: string, side: Side, f: VenueFill): string | undefined {
  const k = a.require(key);
  const base = p.instruments[p.indexOf(key)]!.base;
  const quote = p.config.paper.quoteCurrency;
  if (f.feeCurrency === base && f.fee > 0) {
    const units = side === 'buy' ? f.qty - f.fee : f.qty + f.fee;
    a.applyFill(k, side, units, f.price, f.fee * f.price, f.timeMs);
    return undefined;
  }
  const fee = f.feeCurrency === quote ? f.fee : 0;
  a.applyFill(k, side, f.qty, f.price, fee, f.timeMs);
  return fee === f.fee
    ? undefined
    : `fee ${f.fee} ${f.feeCurrency} is in neither ${base} nor ${quote}: booked as 0`;
}

/**
 * The open time of the bar set closing at `c`: its bars' own open (a bar on a session grid cut at
 * the session close, the NYSE's 15:30–16:00 1h bar, opens later than `c − tf`); `c − tf` when the
 * set brought no bar here.
 */
export function barSetOpen(p: Pipeline, c: number, bars: ReadonlyMap<string, BarIn> | undefined): number {
  if (bars) for (const b of bars.values()) return b.openTime;
  return c - p.tfMs;
}

/** Marks at the closes of the bar set closing at `c` and books the valuation of its bar (open time). */
export function markAndRevalue(
  a: Account,
  p: Pipeline,
  c: number,
  bars: ReadonlyMap<string, BarIn> | undefined,
): void {
  // A swap is marked at its mark candle's close, as the perp backtest marks it.
  if (bars) for (const [key, b] of bars) a.setMark(a.require(key), b.swap ? b.swap.markClose : b.close);
  a.revalue(barSetOpen(p, c, bars));
}
