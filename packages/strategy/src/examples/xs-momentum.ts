import { RateOfChange } from '@algotrader/features';
import { z } from 'zod';
import { type Decision, NO_DECISIONS, targetFraction } from '../decision';
import { defineStrategy, type JsonValue, type Snapshottable } from '../strategy';
import { InputTape } from '../tape';

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

class XsMomentumState implements Snapshottable {
  readonly roc: RateOfChange[];
  /** Per instrument, its last `lookback + 1` closes: enough to rebuild its rate of change exactly. */
  readonly closes: InputTape[];
  /** Bar closes of the universe seen so far. */
  steps = 0;
  /** Instruments the strategy last asked to hold (by universe index). */
  held: number[] = [];

  constructor(p: XsMomentumParams, n: number) {
    this.roc = Array.from({ length: n }, () => new RateOfChange(p.lookback));
    this.closes = Array.from({ length: n }, () => new InputTape(p.lookback + 1));
  }

  update(k: number, close: number): void {
    this.closes[k]!.push(close);
    this.roc[k]!.update(close);
  }

  snapshot(): JsonValue {
    return { closes: this.closes.map((t) => t.toArray()), steps: this.steps, held: [...this.held] };
  }
}

const Snapshot = z
  .object({ closes: z.array(z.array(z.number())), steps: z.number().int(), held: z.array(z.number().int()) })
  .strict();

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
  warmup: (p: XsMomentumParams) => p.lookback + 1,
  init: (p: XsMomentumParams, instruments) => new XsMomentumState(p, instruments.length),
  restore(snapshot: JsonValue, p: XsMomentumParams): XsMomentumState {
    const s = Snapshot.parse(snapshot);
    const state = new XsMomentumState(p, s.closes.length);
    s.closes.forEach((closes, k) => {
      for (const c of closes) state.update(k, c);
    });
    state.steps = s.steps;
    state.held = s.held;
    return state;
  },
  onBarSet(ctx): readonly Decision[] {
    const s = ctx.state;
    const n = ctx.instruments.length;
    for (let k = 0; k < n; k++) if (ctx.hasBar(k)) s.update(k, ctx.windows[k]!.close(0));
    const step = s.steps++;
    if (step % ctx.params.rebalanceEvery !== 0) return NO_DECISIONS;
    const ranked: number[] = [];
    for (let k = 0; k < n; k++) if (ctx.hasBar(k) && s.roc[k]!.ready) ranked.push(k);
    if (ranked.length === 0) return NO_DECISIONS;
    // Stable sort: equal returns keep universe order.
    ranked.sort((a, b) => s.roc[b]!.value - s.roc[a]!.value);
    const { top, investFraction } = ctx.params;
    const chosen = ranked.slice(0, top).sort((a, b) => a - b);
    const weight = investFraction / top;
    const decisions: Decision[] = [];
    for (const k of s.held) if (!chosen.includes(k)) decisions.push(targetFraction(ctx.instruments[k]!, 0));
    for (const k of chosen) decisions.push(targetFraction(ctx.instruments[k]!, weight));
    s.held = chosen;
    return decisions;
  },
});
