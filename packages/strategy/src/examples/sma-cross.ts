import { featureKey } from '@algotrader/features';
import { z } from 'zod';
import { type Decision, NO_DECISIONS, withExits } from '../decision';
import { ExitsSchema, exitsOf } from '../exits';
import { defineStrategy, type JsonValue, type Snapshottable } from '../strategy';
import { flatTarget, longTarget, SizingSchema } from './sizing';

export const SmaCrossParams = z
  .object({
    fast: z.number().int().min(1).default(20),
    slow: z.number().int().min(2).default(50),
    sizing: SizingSchema,
    /** Protective exits attached to every entry, e.g. `{ stopLoss: 0.03, trailingStop: 0.05 }`; none by default. */
    exits: ExitsSchema.default({}),
  })
  .strict()
  .refine((p) => p.fast < p.slow, { message: 'fast must be shorter than slow', path: ['fast'] });

export type SmaCrossParams = z.infer<typeof SmaCrossParams>;

const fastKey = (p: SmaCrossParams) => featureKey({ kind: 'sma', period: p.fast });
const slowKey = (p: SmaCrossParams) => featureKey({ kind: 'sma', period: p.slow });

class SmaCrossState implements Snapshottable {
  readonly fast: string;
  readonly slow: string;
  /**
   * Sign of the last non-zero fast − slow (1 above, −1 below), 0 until there is one. A bar where
   * the two are exactly equal leaves it unchanged: a touch is not a cross.
   */
  side: -1 | 0 | 1 = 0;

  constructor(p: SmaCrossParams) {
    this.fast = fastKey(p);
    this.slow = slowKey(p);
  }

  snapshot(): JsonValue {
    return { side: this.side };
  }
}

const Snapshot = z.union([
  z.object({ side: z.union([z.literal(-1), z.literal(0), z.literal(1)]) }).strict(),
  // Checkpoints written before the strategy read declared features: `above` was the side.
  z
    .object({ closes: z.array(z.number()), above: z.boolean().nullable() })
    .strict()
    .transform((o) => ({ side: o.above === null ? 0 : o.above ? 1 : -1 }) as const),
]);

/**
 * Long while the fast SMA of closes is above the slow one: goes long on the bar where fast crosses
 * above slow, flat where it crosses below. Decides only on crosses.
 *
 * A cross is a change of the sign of the last NON-ZERO difference fast − slow (backtrader's
 * CrossOver): a bar where fast equals slow exactly is a touch, not a cross, and decides nothing;
 * if the next unequal bar is on the same side as before the touch nothing happens, if it is on
 * the other side that bar is the cross. The first bar with both SMAs ready only sets the side
 * (a cross needs an earlier side), so it never trades.
 */
export const smaCross = defineStrategy({
  kind: 'single',
  name: 'sma_cross',
  description: 'Long when the fast SMA crosses above the slow SMA, flat when it crosses below (long-only).',
  paramsSchema: SmaCrossParams,
  timeframes: 'any',
  // Reads no bars: everything comes from the two declared SMAs.
  warmup: () => 1,
  features: (p: SmaCrossParams) => [fastKey(p), slowKey(p)],
  init: (p: SmaCrossParams) => new SmaCrossState(p),
  restore(snapshot: JsonValue, p: SmaCrossParams): SmaCrossState {
    const state = new SmaCrossState(p);
    state.side = Snapshot.parse(snapshot).side;
    return state;
  },
  onBar(ctx): readonly Decision[] {
    const s = ctx.state;
    // NaN during warm-up: neither comparison holds, so the side stays 0.
    const d = ctx.features.get(s.fast) - ctx.features.get(s.slow);
    const side = d > 0 ? 1 : d < 0 ? -1 : 0;
    if (side === 0) return NO_DECISIONS;
    const was = s.side;
    s.side = side;
    if (was === 0 || was === side) return NO_DECISIONS;
    return [
      side === 1
        ? withExits(longTarget(ctx.instrument, ctx.params.sizing), exitsOf(ctx.params.exits))
        : flatTarget(ctx.instrument),
    ];
  },
});
