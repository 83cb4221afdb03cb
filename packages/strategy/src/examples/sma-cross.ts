import { Sma } from '@algotrader/features';
import { z } from 'zod';
import { type Decision, NO_DECISIONS } from '../decision';
import { defineStrategy, type JsonValue, type Snapshottable } from '../strategy';
import { InputTape } from '../tape';
import { flatTarget, longTarget, SizingSchema } from './sizing';

export const SmaCrossParams = z
  .object({
    fast: z.number().int().min(1).default(20),
    slow: z.number().int().min(2).default(50),
    sizing: SizingSchema,
  })
  .strict()
  .refine((p) => p.fast < p.slow, { message: 'fast must be shorter than slow', path: ['fast'] });

export type SmaCrossParams = z.infer<typeof SmaCrossParams>;

class SmaCrossState implements Snapshottable {
  readonly fast: Sma;
  readonly slow: Sma;
  /** The last `slow` closes: enough to rebuild both averages exactly on restore. */
  readonly closes: InputTape;
  /** Whether fast was above slow at the previous ready bar (null before both are ready). */
  above: boolean | null = null;

  constructor(p: SmaCrossParams) {
    this.fast = new Sma(p.fast);
    this.slow = new Sma(p.slow);
    this.closes = new InputTape(p.slow);
  }

  update(close: number): void {
    this.closes.push(close);
    this.fast.update(close);
    this.slow.update(close);
  }

  snapshot(): JsonValue {
    return { closes: this.closes.toArray(), above: this.above };
  }
}

const Snapshot = z.object({ closes: z.array(z.number()), above: z.boolean().nullable() }).strict();

/**
 * Long while the fast SMA of closes is above the slow one: goes long on the bar where fast crosses
 * above slow, flat where it crosses below. Decides only on crosses (a cross needs a previous
 * ready bar, so the first ready bar never trades).
 */
export const smaCross = defineStrategy({
  kind: 'single',
  name: 'sma_cross',
  description: 'Long when the fast SMA crosses above the slow SMA, flat when it crosses below (long-only).',
  paramsSchema: SmaCrossParams,
  timeframes: 'any',
  warmup: (p: SmaCrossParams) => p.slow,
  init: (p: SmaCrossParams) => new SmaCrossState(p),
  restore(snapshot: JsonValue, p: SmaCrossParams): SmaCrossState {
    const s = Snapshot.parse(snapshot);
    const state = new SmaCrossState(p);
    for (const c of s.closes) state.update(c);
    state.above = s.above;
    return state;
  },
  onBar(ctx): readonly Decision[] {
    const s = ctx.state;
    s.update(ctx.bars.close(0));
    if (!s.slow.ready) return NO_DECISIONS;
    const above = s.fast.value > s.slow.value;
    const was = s.above;
    s.above = above;
    if (was === null || was === above) return NO_DECISIONS;
    return [above ? longTarget(ctx.instrument, ctx.params.sizing) : flatTarget(ctx.instrument)];
  },
});
