import { atRow } from './validate';

/** What every streaming indicator has. */
export interface Indicator {
  /** Updates needed before the first defined value: update number `warmup` (1-based) yields it. */
  readonly warmup: number;
  /** True once `warmup` updates have been seen; until then every output is NaN. */
  readonly ready: boolean;
  /** Forgets all history, as if newly constructed. */
  reset(): void;
}

/** A single-input, single-output indicator. */
export interface ScalarIndicator extends Indicator {
  readonly value: number;
  /** Feeds the next bar's input and returns the new value (NaN until ready). */
  update(x: number): number;
}

/** Batch form of a scalar indicator: loops the streaming form, so the two agree bitwise by construction. */
export function runScalar(
  feature: string,
  values: ArrayLike<number>,
  indicator: ScalarIndicator,
): Float64Array {
  const out = new Float64Array(values.length);
  let i = 0;
  try {
    for (; i < values.length; i++) out[i] = indicator.update(values[i]!);
  } catch (e) {
    throw atRow(feature, i, e);
  }
  return out;
}
