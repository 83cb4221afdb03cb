import { AlgoError, ErrorCode } from '@algotrader/core';
import {
  computeBatchFeature,
  featureOutputKeys,
  featureOutputs,
  type NormalizedFeatureSpec,
  type OhlcvColumns,
  parseFeatureKey,
} from '@algotrader/features';
import type { Strategy } from './strategy';

/**
 * What a strategy reads of one instrument's declared features: their values at that instrument's
 * latest bar (the just-closed one when it has a bar now). Reused from bar to bar: do not keep it.
 */
export interface FeatureView {
  /** The keys `get` accepts: one per output of each declared feature (`featureOutputKeys`). */
  readonly keys: readonly string[];
  /**
   * The value of a declared feature output, e.g. `sma:close:20` or `bollinger:close:20:2.lower`.
   * NaN during the feature's warm-up (and before the instrument's first bar). Throws for a key the
   * strategy did not declare: it would be computed nowhere live.
   */
  get(key: string): number;
}

/** A strategy's declared features for given parameters, validated and each once. */
export interface DeclaredFeatures {
  /** Feature keys (`sma:close:20`), in declaration order. */
  readonly keys: readonly string[];
  readonly specs: readonly NormalizedFeatureSpec[];
  /** The readable keys, one per output, in slot order (what a FeatureView's values hold). */
  readonly outputKeys: readonly string[];
}

/**
 * Runs `strategy.features(params)` and checks every key is a canonical feature registry key. A
 * key declared twice counts once. Throws AlgoError(E_CONFIG) naming the strategy and the key.
 */
export function declaredFeatures<P>(strategy: Strategy<P, unknown>, params: P): DeclaredFeatures {
  const declared = strategy.features?.(params) ?? [];
  const keys: string[] = [];
  const specs: NormalizedFeatureSpec[] = [];
  const outputKeys: string[] = [];
  for (const key of declared) {
    if (keys.includes(key)) continue;
    let spec: NormalizedFeatureSpec;
    try {
      spec = parseFeatureKey(key);
    } catch (e) {
      throw new AlgoError(
        ErrorCode.InvalidConfig,
        `strategy ${strategy.name} declares feature '${key}': ${(e as Error).message}`,
        { strategy: strategy.name, key },
      );
    }
    keys.push(key);
    specs.push(spec);
    outputKeys.push(...featureOutputKeys(spec));
  }
  return { keys, specs, outputKeys };
}

/**
 * The one FeatureView implementation, over a slot array the engine side writes (batch columns in
 * the backtest, FeatureVector values live). Reading goes through a key → slot map.
 */
export class FeatureSlots implements FeatureView {
  readonly keys: readonly string[];
  /** Current value per slot (NaN until written); the engine side writes, the strategy reads. */
  readonly values: Float64Array;
  readonly #strategy: string;
  readonly #slot: ReadonlyMap<string, number>;

  constructor(strategy: string, outputKeys: readonly string[]) {
    this.#strategy = strategy;
    this.keys = outputKeys;
    this.values = new Float64Array(outputKeys.length).fill(Number.NaN);
    this.#slot = new Map(outputKeys.map((k, j) => [k, j]));
  }

  get(key: string): number {
    const j = this.#slot.get(key);
    if (j === undefined) {
      const known = this.keys.length === 0 ? 'it declares none' : `declared: ${this.keys.join(', ')}`;
      throw new AlgoError(
        ErrorCode.InvalidArgument,
        `strategy ${this.#strategy} read feature '${key}', which it does not declare in features(params) (${known})`,
        { strategy: this.#strategy, key },
      );
    }
    return this.values[j]!;
  }

  /** Keys of `this.keys` that `values` lacks. */
  missing(values: Readonly<Record<string, number>>): string[] {
    return this.keys.filter((k) => typeof values[k] !== 'number');
  }

  /**
   * Takes every declared output from a record keyed by output key (a FeatureVector's `values`).
   * Throws AlgoError(E_DATA) before writing anything when one is missing.
   */
  setFrom(values: Readonly<Record<string, number>>): void {
    const missing = this.missing(values);
    if (missing.length > 0) {
      throw new AlgoError(
        ErrorCode.InvalidData,
        `features for strategy ${this.#strategy} lack ${missing.join(', ')} (is the feature-engine on the same configuration?)`,
        { strategy: this.#strategy, missing },
      );
    }
    for (let j = 0; j < this.keys.length; j++) this.values[j] = values[this.keys[j]!]!;
  }

  /** The current values by key (for a checkpoint). */
  toRecord(): Record<string, number> {
    const out: Record<string, number> = {};
    for (let j = 0; j < this.keys.length; j++) out[this.keys[j]!] = this.values[j]!;
    return out;
  }
}

/**
 * Engine side of one instrument's features in the backtest: computes every declared feature over
 * the whole columns once (the features package's batch form, which equals the streaming form bit
 * for bit), and `seek(i)` copies row i into the slots. Row i depends on rows 0…i only.
 */
export class ColumnFeatureFeed {
  readonly #slots: FeatureSlots;
  readonly #columns: Float64Array[];

  constructor(declared: DeclaredFeatures, columns: OhlcvColumns, slots: FeatureSlots) {
    this.#slots = slots;
    this.#columns = [];
    for (const spec of declared.specs) {
      const out = computeBatchFeature(spec, columns) as Readonly<Record<string, Float64Array>>;
      // Slot order is featureOutputKeys order, which follows featureOutputs.
      for (const o of featureOutputs(spec)) this.#columns.push(out[o]!);
    }
    if (this.#columns.length !== slots.keys.length) {
      throw new AlgoError(ErrorCode.Internal, 'batch feature outputs do not match the declared keys');
    }
  }

  seek(row: number): void {
    const v = this.#slots.values;
    const cols = this.#columns;
    for (let j = 0; j < cols.length; j++) v[j] = cols[j]![row]!;
  }
}
