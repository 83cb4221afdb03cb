import { featureKey } from '@algotrader/features';
import { z } from 'zod';
import { type Decision, NO_DECISIONS, targetFraction } from '../decision';
import { defineStrategy, type JsonValue } from '../strategy';

export const XsMomentumParams = z
  .object({
    /** Trailing return horizon, in bars. */
    lookback: z.number().int().min(1).default(168),
    /** How many of the best performers to hold. */
    top: z.number().int().min(1).default(3),
    /** Rebalance on every `rebalanceEvery`-th bar close of the universe (counted from the first). */
    rebalanceEvery: z.number().int().min(1).default(24),
    /** Share of equity invested in total, split equally; below 1 to leave room for fees and slippage. */
    investFraction: z.number().gt(0).max(1).default(0.98),
  })
  .strict();

export type XsMomentumParams = z.infer<typeof XsMomentumParams>;

const rocKey = (p: XsMomentumParams) => featureKey({ kind: 'roc', period: p.lookback });

interface XsMomentumState {
  /** Bar closes of the universe seen so far. */
  steps: number;
  /** Instruments the strategy last asked to hold (by universe index). */
  held: number[];
}

const Snapshot = z
  .object({
    steps: z.number().int().min(0),
    held: z.array(z.number().int().min(0)),
    closes: z.array(z.array(z.number())).optional(),
  })
  .strict();

/** Reused by every rebalance (nothing of it outlives a call): the returns and the ranking. */
const scratch = { roc: new Float64Array(0), ranked: [] as number[] };

/**
 * Cross-sectional momentum, long-only: every `rebalanceEvery` bar closes, rank the instruments
 * that have a bar now and a full lookback by trailing return (`close / close[lookback] − 1`), and
 * hold the best `top` with equal weights (`investFraction / top` of equity each); everything else
 * goes flat. Ties keep universe order.
 */
export const xsMomentum = defineStrategy({
  kind: 'multi',
  name: 'xs_momentum',
  description:
    'Hold the top-k instruments by trailing return, equal weight, rebalanced every R bars (long-only).',
  paramsSchema: XsMomentumParams,
  timeframes: 'any',
  universe: { min: 2 },
  // Reads no bars: the trailing return is the declared rate of change.
  warmup: () => 1,
  features: (p: XsMomentumParams) => [rocKey(p)],
  init: (): XsMomentumState => ({ steps: 0, held: [] }),
  restore: (snapshot: JsonValue): XsMomentumState => {
    // `closes` only in checkpoints written before the strategy read declared features.
    const { steps, held } = Snapshot.parse(snapshot);
    return { steps, held };
  },
  onBarSet(ctx): readonly Decision[] {
    const s = ctx.state;
    const n = ctx.instruments.length;
    const step = s.steps++;
    if (step % ctx.params.rebalanceEvery !== 0) return NO_DECISIONS;
    const key = rocKey(ctx.params);
    if (scratch.roc.length < n) scratch.roc = new Float64Array(n);
    const roc = scratch.roc;
    const ranked = scratch.ranked;
    let m = 0;
    // Ranked by return, best first, as each arrives (a stable insertion sort): an equal return goes
    // after the ones already there, so ties keep universe order.
    for (let k = 0; k < n; k++) {
      const r = ctx.features[k]!.get(key);
      roc[k] = r;
      if (!ctx.hasBar(k) || Number.isNaN(r)) continue;
      let j = m++;
      while (j > 0 && roc[ranked[j - 1]!]! < r) {
        ranked[j] = ranked[j - 1]!;
        j--;
      }
      ranked[j] = k;
    }
    if (m === 0) return NO_DECISIONS;
    const { top, investFraction } = ctx.params;
    const chosen = ranked.slice(0, Math.min(top, m)).sort((a, b) => a - b);
    const weight = investFraction / top;
    const decisions: Decision[] = [];
    for (const k of s.held) if (!chosen.includes(k)) decisions.push(targetFraction(ctx.instruments[k]!, 0));
    for (const k of chosen) decisions.push(targetFraction(ctx.instruments[k]!, weight));
    s.held = chosen;
    return decisions;
  },
});
