import { AlgoError, ErrorCode, isSwap } from '@algotrader/core';
import { featureKey } from '@algotrader/features';
import { z } from 'zod';
import { type Decision, NO_DECISIONS, targetFraction, withExits } from '../decision';
import { ExitsSchema, exitsOf } from '../exits';
import { defineStrategy, type JsonValue, type Snapshottable } from '../strategy';

export const SmaLongShortParams = z
  .object({
    fast: z.number().int().min(1).default(20),
    slow: z.number().int().min(2).default(50),
    /** Notional as a fraction of equity on either side (2 = 2× leverage). */
    exposure: z.number().positive().max(100).default(1),
    /** Go long on an upward cross (false: flat instead, a short-only trend follower). */
    long: z.boolean().default(true),
    /** Protective exits on every entry, long or short, e.g. `{ stopLoss: 0.03 }`; none by default. */
    exits: ExitsSchema.default({}),
  })
  .strict()
  .refine((p) => p.fast < p.slow, { message: 'fast must be shorter than slow', path: ['fast'] });

export type SmaLongShortParams = z.infer<typeof SmaLongShortParams>;

class State implements Snapshottable {
  side: -1 | 0 | 1 = 0;
  snapshot(): JsonValue {
    return { side: this.side };
  }
}

/**
 * The SMA crossover on a perpetual swap, both ways: short `exposure` × equity when the fast SMA
 * crosses below the slow one, long (or flat with `long: false`) when it crosses above. Crosses as
 * in `sma_cross` (the sign of the last non-zero difference; a touch is not a cross). Needs a swap:
 * on spot a short is impossible, and the strategy says so at start.
 */
export const smaLongShort = defineStrategy({
  kind: 'single',
  name: 'sma_long_short',
  description:
    'Perpetual swaps: long above the slow SMA, short below it (SMA crossover, both ways, leveraged).',
  paramsSchema: SmaLongShortParams,
  timeframes: 'any',
  warmup: () => 1,
  features: (p: SmaLongShortParams) => [
    featureKey({ kind: 'sma', period: p.fast }),
    featureKey({ kind: 'sma', period: p.slow }),
  ],
  init(_p: SmaLongShortParams, instrument) {
    if (!isSwap(instrument)) {
      throw new AlgoError(
        ErrorCode.InvalidArgument,
        'sma_long_short goes short: give it a swap such as OKX:BTC/USDT:USDT',
      );
    }
    return new State();
  },
  restore(snapshot: JsonValue): State {
    const s = new State();
    s.side = z.object({ side: z.union([z.literal(-1), z.literal(0), z.literal(1)]) }).parse(snapshot).side;
    return s;
  },
  onBar(ctx): readonly Decision[] {
    const p = ctx.params;
    const d =
      ctx.features.get(featureKey({ kind: 'sma', period: p.fast })) -
      ctx.features.get(featureKey({ kind: 'sma', period: p.slow }));
    const side = d > 0 ? 1 : d < 0 ? -1 : 0;
    if (side === 0) return NO_DECISIONS;
    const was = ctx.state.side;
    ctx.state.side = side;
    if (was === 0 || was === side) return NO_DECISIONS;
    const exits = exitsOf(p.exits);
    if (side === 1) {
      return [
        p.long
          ? withExits(targetFraction(ctx.instrument, p.exposure), exits)
          : targetFraction(ctx.instrument, 0),
      ];
    }
    return [withExits(targetFraction(ctx.instrument, -p.exposure), exits)];
  },
});
