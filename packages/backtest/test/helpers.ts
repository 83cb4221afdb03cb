import { type BarColumns, emptyColumns, type Instrument } from '@algotrader/core';
import { type AnyStrategy, type Decision, defineStrategy, NO_DECISIONS } from '@algotrader/strategy';
import { z } from 'zod';

export const HOUR = 3_600_000;

/** Bars from rows of [open, high, low, close, volume], 1h apart from `start`. */
export function barsOf(
  rows: readonly (readonly [number, number, number, number, number])[],
  start = 0,
): BarColumns {
  const c = emptyColumns(rows.length);
  rows.forEach(([o, h, l, cl, v], i) => {
    c.openTime[i] = start + i * HOUR;
    c.open[i] = o;
    c.high[i] = h;
    c.low[i] = l;
    c.close[i] = cl;
    c.volume[i] = v;
  });
  return c;
}

/** A single-instrument strategy that returns `script[decision time]` for its instrument. */
export function scripted(script: Record<number, (i: Instrument) => Decision[]>): AnyStrategy {
  return defineStrategy({
    kind: 'single',
    name: 'scripted',
    description: 'decides from a script keyed by decision time (tests only)',
    paramsSchema: z.object({}).strict(),
    timeframes: 'any',
    warmup: () => 1,
    init: () => ({}),
    onBar: (ctx) => script[ctx.time]?.(ctx.instrument) ?? NO_DECISIONS,
  });
}
