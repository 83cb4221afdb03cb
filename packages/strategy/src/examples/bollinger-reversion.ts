import { type BollingerSpec, featureKey, featureOutputKey, type RsiSpec } from '@algotrader/features';
import { z } from 'zod';
import { type Decision, NO_DECISIONS } from '../decision';
import { defineStrategy, type JsonValue, type Snapshottable } from '../strategy';
import { flatTarget, longTarget, SizingSchema } from './sizing';

export const BollingerReversionParams = z
  .object({
    period: z.number().int().min(2).default(20),
    k: z.number().positive().default(2),
    rsiPeriod: z.number().int().min(1).default(14),
    /** Enter only while RSI is below this (oversold). */
    rsiEntry: z.number().gt(0).lt(100).default(30),
    sizing: SizingSchema,
  })
  .strict();

export type BollingerReversionParams = z.infer<typeof BollingerReversionParams>;

const bandsSpec = (p: BollingerReversionParams): BollingerSpec => ({
  kind: 'bollinger',
  period: p.period,
  k: p.k,
});
const rsiSpec = (p: BollingerReversionParams): RsiSpec => ({ kind: 'rsi', period: p.rsiPeriod });

class BollingerReversionState implements Snapshottable {
  readonly lower: string;
  readonly middle: string;
  readonly rsi: string;
  /** Whether the strategy has asked to be long (its target, not necessarily filled yet). */
  long = false;

  constructor(p: BollingerReversionParams) {
    this.lower = featureOutputKey(bandsSpec(p), 'lower');
    this.middle = featureOutputKey(bandsSpec(p), 'middle');
    this.rsi = featureKey(rsiSpec(p));
  }

  snapshot(): JsonValue {
    return { long: this.long };
  }
}

// `closes`: checkpoints written before the strategy read declared features (no longer needed).
const Snapshot = z.object({ long: z.boolean(), closes: z.array(z.number()).optional() }).strict();

/**
 * Mean reversion, long-only: buys when the close is below the lower Bollinger band while RSI is
 * below `rsiEntry`; sells everything when the close is back at or above the middle band.
 */
export const bollingerReversion = defineStrategy({
  kind: 'single',
  name: 'bollinger_reversion',
  description:
    'Buy below the lower Bollinger band when RSI is oversold, exit at the middle band (long-only).',
  paramsSchema: BollingerReversionParams,
  timeframes: 'any',
  // Reads the just-closed bar's close; the bands and the RSI are declared features.
  warmup: () => 1,
  features: (p: BollingerReversionParams) => [featureKey(bandsSpec(p)), featureKey(rsiSpec(p))],
  init: (p: BollingerReversionParams) => new BollingerReversionState(p),
  restore(snapshot: JsonValue, p: BollingerReversionParams): BollingerReversionState {
    const state = new BollingerReversionState(p);
    state.long = Snapshot.parse(snapshot).long;
    return state;
  },
  onBar(ctx): readonly Decision[] {
    const s = ctx.state;
    const f = ctx.features;
    const close = ctx.bars.close(0);
    const lower = f.get(s.lower);
    const middle = f.get(s.middle);
    const rsi = f.get(s.rsi);
    // Nothing before both are warm (NaN), as the strategy did when it ran its own indicators.
    if (Number.isNaN(lower) || Number.isNaN(rsi)) return NO_DECISIONS;
    if (!s.long && close < lower && rsi < ctx.params.rsiEntry) {
      s.long = true;
      return [longTarget(ctx.instrument, ctx.params.sizing)];
    }
    if (s.long && close >= middle) {
      s.long = false;
      return [flatTarget(ctx.instrument)];
    }
    return NO_DECISIONS;
  },
});
