import type { ExitLevel, ExitReason, Exits } from '@algotrader/strategy';
import type { FillBar } from './fill-model';

/**
 * The protective exits watching one open position, bar by bar — the same rules in the backtest
 * engine and the live paper venue (packages/backtest/README.md, "Protective exits"):
 *
 * - armed by the fill of an entry that carries {@link Exits}, at that fill's price; a later entry
 *   with exits re-arms them, one without keeps them; a position back at zero disarms them;
 * - a long position's stop and take-profit are checked against the bar's low and high (a short's
 *   the other way round); a touch triggers;
 * - fill reference: the trigger price, or the bar's open when the bar opened beyond it (gap);
 * - stop and take-profit both touched inside one bar: the stop (we cannot know which came first,
 *   so assume the worse);
 * - the trailing stop sits `trailingStop` below the best price seen since the entry (the entry
 *   price, then each evaluated bar's high for a long); the best price moves only AFTER a bar has
 *   been checked, so a bar's own high never raises the stop that bar is checked against (no
 *   look-ahead inside the bar). The stop that binds is the higher of the fixed and trailing stop
 *   (for a long), and names the reason.
 */
export interface Protection {
  /** +1 long, −1 short. */
  readonly dir: 1 | -1;
  /** Fixed stop price; NaN when none. */
  readonly stop: number;
  /** Take-profit price; NaN when none. */
  readonly takeProfit: number;
  /** Trailing distance as a fraction; NaN when none. */
  readonly trail: number;
  /** Best price since the entry (highest for a long, lowest for a short): the trailing stop's anchor. */
  best: number;
}

/** What a bar did to a protected position. */
export interface Trigger {
  readonly reason: Extract<ExitReason, 'stop_loss' | 'take_profit' | 'trailing_stop'>;
  /** Reference fill price before slippage: the trigger level, or the open when the bar gapped through. */
  readonly price: number;
  /** The bar opened beyond the level (fill at the open). */
  readonly gap: boolean;
}

function level(l: ExitLevel | undefined, entry: number, sign: number): number {
  if (l === undefined) return Number.NaN;
  return 'price' in l ? l.price : entry * (1 + sign * l.fraction);
}

/** Protection for a position entered at `entry` (`dir` +1 long, −1 short). */
export function armProtection(exits: Exits, entry: number, dir: 1 | -1 = 1): Protection {
  return {
    dir,
    stop: level(exits.stopLoss, entry, -dir),
    takeProfit: level(exits.takeProfit, entry, dir),
    trail: exits.trailingStop ?? Number.NaN,
    best: entry,
  };
}

/** The stop that binds now and its reason (fixed wins a tie); price NaN when there is none. */
export function bindingStop(p: Protection): { price: number; reason: 'stop_loss' | 'trailing_stop' } {
  return trailingBinds(p)
    ? { price: trailingLevel(p), reason: 'trailing_stop' }
    : { price: p.stop, reason: 'stop_loss' };
}

/** The trailing stop's level now; NaN without one. */
function trailingLevel(p: Protection): number {
  return Number.isNaN(p.trail) ? Number.NaN : p.best * (1 - p.dir * p.trail);
}

/** Whether the trailing stop (rather than the fixed one) binds: long, the higher; short, the lower; a tie is the fixed stop's. */
function trailingBinds(p: Protection): boolean {
  const trailing = trailingLevel(p);
  if (Number.isNaN(trailing)) return false;
  if (Number.isNaN(p.stop)) return true;
  return p.dir * (trailing - p.stop) > 0;
}

/**
 * Checks `bar` against the protection; returns the trigger, or undefined when nothing triggered —
 * in which case the trailing anchor has moved to the bar's high (long) / low (short).
 */
export function checkProtection(p: Protection, bar: FillBar): Trigger | undefined {
  // No allocation on this per-bar path: the binding stop is computed inline.
  const trails = trailingBinds(p);
  const stop = trails ? trailingLevel(p) : p.stop;
  const reason = trails ? 'trailing_stop' : 'stop_loss';
  const tp = p.takeProfit;
  const d = p.dir;
  const open = bar.open;
  // The price moving against the position: the low for a long, the high for a short.
  const adverse = d === 1 ? bar.low : bar.high;
  const favourable = d === 1 ? bar.high : bar.low;
  const hasStop = !Number.isNaN(stop);
  const hasTp = !Number.isNaN(tp);
  // Gaps first: the bar opened beyond a level, the open is the first price we could get.
  if (hasStop && d * (open - stop) <= 0) return { reason, price: open, gap: true };
  if (hasTp && d * (open - tp) >= 0) return { reason: 'take_profit', price: open, gap: true };
  // Inside the bar: the stop first when both were touched (pessimistic).
  if (hasStop && d * (adverse - stop) <= 0) return { reason, price: stop, gap: false };
  if (hasTp && d * (favourable - tp) >= 0) return { reason: 'take_profit', price: tp, gap: false };
  if (d * (favourable - p.best) > 0) p.best = favourable;
  return undefined;
}
