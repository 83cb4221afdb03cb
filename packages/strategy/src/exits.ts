import { AlgoError, ErrorCode } from '@algotrader/core';
import { z } from 'zod';

/**
 * A protective level: an absolute price, or a fraction of the entry price (a stop-loss of
 * `{ fraction: 0.05 }` on a long entry at 100 sits at 95; a take-profit of `{ fraction: 0.1 }` at 110).
 */
export type ExitLevel = { readonly price: number } | { readonly fraction: number };

/**
 * Protective exits attached to an entry (a decision that opens or adds to a position). The
 * backtest and the paper venue watch them bar by bar and close the whole position when one
 * triggers (rules: packages/backtest/README.md, "Protective exits"); an exchange venue that cannot
 * carry them refuses the entry rather than dropping them.
 */
export interface Exits {
  readonly stopLoss?: ExitLevel;
  readonly takeProfit?: ExitLevel;
  /** Trailing stop distance as a fraction (0 < f < 1) of the best price since the entry. */
  readonly trailingStop?: number;
}

/**
 * Why a fill happened. `signal`: a strategy decision; the protective exits; `forceexit`: an
 * operator closed the position; `liquidation`: the venue closed it (margin). New reasons are
 * added at the end (the wire enum in proto/ follows this list).
 */
export const EXIT_REASONS = [
  'signal',
  'stop_loss',
  'take_profit',
  'trailing_stop',
  'forceexit',
  'liquidation',
] as const;
export type ExitReason = (typeof EXIT_REASONS)[number];

const Level = z.union([
  z.object({ price: z.number().positive().finite() }).strict(),
  z.object({ fraction: z.number().gt(0).lt(1) }).strict(),
]);

/**
 * Exits as strategy parameters: `{ stopLoss: 0.05 }` (a bare number is a fraction) or
 * `{ stopLoss: { price: 95 } }`. Use it in a strategy's params schema (see sma_cross).
 */
export const ExitsSchema = z
  .object({
    stopLoss: z.union([z.number().gt(0).lt(1), Level]).optional(),
    takeProfit: z.union([z.number().gt(0).lt(1), Level]).optional(),
    trailingStop: z.number().gt(0).lt(1).optional(),
  })
  .strict();

/** Parsed `ExitsSchema` output → {@link Exits}; undefined when it sets nothing. */
export function exitsOf(p: z.output<typeof ExitsSchema> | undefined): Exits | undefined {
  if (!p) return undefined;
  const stopLoss = lvl(p.stopLoss);
  const takeProfit = lvl(p.takeProfit);
  const out: { stopLoss?: ExitLevel; takeProfit?: ExitLevel; trailingStop?: number } = {};
  if (stopLoss) out.stopLoss = stopLoss;
  if (takeProfit) out.takeProfit = takeProfit;
  if (p.trailingStop !== undefined) out.trailingStop = p.trailingStop;
  return hasExits(out) ? out : undefined;
}

/** A level as given (a fraction or a price) as an {@link ExitLevel}; a module function, not a closure per call. */
function lvl(x: number | ExitLevel | undefined): ExitLevel | undefined {
  return x === undefined ? undefined : typeof x === 'number' ? { fraction: x } : x;
}

export function hasExits(e: Exits | undefined): e is Exits {
  return !!e && (e.stopLoss !== undefined || e.takeProfit !== undefined || e.trailingStop !== undefined);
}

function checkLevel(l: ExitLevel, what: string): string | undefined {
  if ('price' in l) {
    return Number.isFinite(l.price) && l.price > 0 ? undefined : `${what} price must be > 0, got ${l.price}`;
  }
  if ('fraction' in l) {
    return Number.isFinite(l.fraction) && l.fraction > 0 && l.fraction < 1
      ? undefined
      : `${what} fraction must be within (0, 1), got ${l.fraction}`;
  }
  return `${what} needs a price or a fraction`;
}

/** Why `e` is not a valid set of exits, or undefined. */
export function exitsProblem(e: Exits): string | undefined {
  if (!hasExits(e)) return 'exits set nothing (give stopLoss, takeProfit or trailingStop)';
  const sl = e.stopLoss === undefined ? undefined : checkLevel(e.stopLoss, 'stopLoss');
  if (sl) return sl;
  const tp = e.takeProfit === undefined ? undefined : checkLevel(e.takeProfit, 'takeProfit');
  if (tp) return tp;
  const t = e.trailingStop;
  if (t !== undefined && !(Number.isFinite(t) && t > 0 && t < 1)) {
    return `trailingStop must be a fraction within (0, 1), got ${t}`;
  }
  return undefined;
}

export function assertExits(e: Exits): void {
  const why = exitsProblem(e);
  if (why) throw new AlgoError(ErrorCode.InvalidArgument, `invalid exits: ${why}`);
}

/** Canonical text of exits, for decision keys. */
export function exitsKey(e: Exits): string {
  const l = (x: ExitLevel) => ('price' in x ? `@${x.price}` : `${x.fraction}`);
  const parts: string[] = [];
  if (e.stopLoss) parts.push(`sl ${l(e.stopLoss)}`);
  if (e.takeProfit) parts.push(`tp ${l(e.takeProfit)}`);
  if (e.trailingStop !== undefined) parts.push(`trail ${e.trailingStop}`);
  return parts.join(' ');
}
