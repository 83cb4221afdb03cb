import { type AShare, CHINEXT_REFORM, CN_TICK } from './instruments';

/**
 * Daily price limits (涨跌停), as modelled here:
 * - the band is a fraction of the previous close: ±10 % main board, ±5 % for ST stocks on the main
 *   board, ±20 % on STAR and on ChiNext from 2020-08-24 (±10 % before; ST on ChiNext: the board's);
 * - limit prices are the previous close × (1 ± band) rounded half-up to 0.01 CNY;
 * - new listings: STAR and ChiNext (from the reform) have no band on their first five trading
 *   days; a main-board stock's first day is capped at +44 % / −36 % of the IPO price, which the
 *   bars do not carry, so that day is treated as having no band; a day without a previous close
 *   (first bar of a series) has no band either.
 * Not modelled: the 2014–2020 ChiNext/main first-day rules beyond the above, and delisting-period
 * bands.
 */
export function bandFraction(s: AShare, date: string): number {
  if (s.board === 'star') return 0.2;
  if (s.board === 'chinext') return date >= CHINEXT_REFORM ? 0.2 : s.st ? 0.05 : 0.1;
  return s.st ? 0.05 : 0.1;
}

/** Trading days from the listing during which there is no band (0: only the no-previous-close rule). */
export function unlimitedDays(s: AShare, listed: string): number {
  if (s.board === 'star') return 5;
  if (s.board === 'chinext' && listed >= CHINEXT_REFORM) return 5;
  return 1;
}

/** Half-up to the 0.01 grid, computed in integer cents so 10.005 → 10.01 despite binary doubles. */
export function roundToTick(price: number): number {
  return Math.round(price / CN_TICK + 1e-7) / 100;
}

export interface LimitBand {
  /** Highest price allowed today (Infinity: no band). */
  readonly up: number;
  /** Lowest price allowed today (0: no band). */
  readonly down: number;
}

export const NO_BAND: LimitBand = { up: Number.POSITIVE_INFINITY, down: 0 };

/**
 * Today's band from the previous close. `adjusted` (qfq/hfq prices): the limits are not rounded to
 * the tick, since the tick applies to the raw price (see {@link atLimit}).
 */
export function limitBand(prevClose: number, fraction: number, adjusted = false): LimitBand {
  if (!(prevClose > 0) || !(fraction > 0)) return NO_BAND;
  if (adjusted) return { up: prevClose * (1 + fraction), down: prevClose * (1 - fraction) };
  return { up: roundToTick(prevClose * (1 + fraction)), down: roundToTick(prevClose * (1 - fraction)) };
}

/**
 * Whether `price` sits at the upper (`up`) or lower (`down`) limit. Raw prices: at the limit price
 * exactly (half a tick of float slack). Adjusted prices: within 0.1 % of the unrounded limit — an
 * approximation (the raw limit is rounded to the tick), exact enough above about 5 CNY raw.
 */
export function atLimit(price: number, band: LimitBand, which: 'up' | 'down', adjusted = false): boolean {
  if (which === 'up') {
    if (band.up === Number.POSITIVE_INFINITY) return false;
    return adjusted ? price >= band.up * 0.999 : price >= band.up - CN_TICK / 2;
  }
  if (band.down === 0) return false;
  return adjusted ? price <= band.down * 1.001 : price <= band.down + CN_TICK / 2;
}
