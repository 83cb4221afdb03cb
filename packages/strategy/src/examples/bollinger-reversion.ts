import { BollingerBands, Rsi } from '@algotrader/features';
import { z } from 'zod';
import { type Decision, NO_DECISIONS } from '../decision';
import { defineStrategy, type JsonValue, type Snapshottable } from '../strategy';
import { InputTape } from '../tape';
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

/**
 * Closes kept for a restore. The bands depend on the last `period` closes only; Wilder's RSI is
 * recursive, and after 50·rsiPeriod bars the seed's weight, (1 − 1/rsiPeriod)^(50·rsiPeriod) < e⁻⁵⁰,
 * is far below double rounding, so the replayed RSI equals the running one.
 */
function tapeLength(p: BollingerReversionParams): number {
  return Math.max(p.period, 50 * p.rsiPeriod);
}

class BollingerReversionState implements Snapshottable {
  readonly bands: BollingerBands;
  readonly rsi: Rsi;
  readonly closes: InputTape;
  /** Whether the strategy has asked to be long (its target, not necessarily filled yet). */
  long = false;

  constructor(p: BollingerReversionParams) {
    this.bands = new BollingerBands(p.period, p.k);
    this.rsi = new Rsi(p.rsiPeriod);
    this.closes = new InputTape(tapeLength(p));
  }

  update(close: number): void {
    this.closes.push(close);
    this.bands.update(close);
    this.rsi.update(close);
  }

  snapshot(): JsonValue {
    return { closes: this.closes.toArray(), long: this.long };
  }
}

const Snapshot = z.object({ closes: z.array(z.number()), long: z.boolean() }).strict();

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
  warmup: (p: BollingerReversionParams) => Math.max(p.period, p.rsiPeriod + 1),
  init: (p: BollingerReversionParams) => new BollingerReversionState(p),
  restore(snapshot: JsonValue, p: BollingerReversionParams): BollingerReversionState {
    const s = Snapshot.parse(snapshot);
    const state = new BollingerReversionState(p);
    for (const c of s.closes) state.update(c);
    state.long = s.long;
    return state;
  },
  onBar(ctx): readonly Decision[] {
    const s = ctx.state;
    const close = ctx.bars.close(0);
    s.update(close);
    if (!s.bands.ready || !s.rsi.ready) return NO_DECISIONS;
    if (!s.long && close < s.bands.lower && s.rsi.value < ctx.params.rsiEntry) {
      s.long = true;
      return [longTarget(ctx.instrument, ctx.params.sizing)];
    }
    if (s.long && close >= s.bands.middle) {
      s.long = false;
      return [flatTarget(ctx.instrument)];
    }
    return NO_DECISIONS;
  },
});
