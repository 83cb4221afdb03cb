import type { Instrument } from '@algotrader/core';
import { z } from 'zod';
import { type TargetDecision, targetFraction, targetUnits } from '../decision';

/** How a long-only example sizes its position when it goes long. */
export const SizingSchema = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('fixed'), qty: z.number().positive() }).strict(),
    /** Fraction of equity; below 1 to leave room for the fee and slippage of the entry. */
    z
      .object({ kind: z.literal('equity_fraction'), fraction: z.number().gt(0).max(1).default(0.98) })
      .strict(),
  ])
  .default({ kind: 'equity_fraction', fraction: 0.98 });

export type Sizing = z.infer<typeof SizingSchema>;

export function longTarget(instrument: Instrument, sizing: Sizing): TargetDecision {
  return sizing.kind === 'fixed'
    ? targetUnits(instrument, sizing.qty)
    : targetFraction(instrument, sizing.fraction);
}

export function flatTarget(instrument: Instrument): TargetDecision {
  return targetUnits(instrument, 0);
}
