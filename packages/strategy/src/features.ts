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
    return j === undefined ? this.#undeclared(key) : this.values[j]!;
  }

  /** The refusal of a key not declared, out of `get` (read per bar) so that stays small to inline. */
  #undeclared(key: string): never {
    const known = this.keys.length === 0 ? 'it declares none' : `declared: ${this.keys.join(', ')}`;
    throw new AlgoError(
      ErrorCode.InvalidArgument,
      `strategy ${this.#strategy} read feature '${key}', which it does not declare in features(params) (${known})`,
      { strategy: this.#strategy, key },
    );
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

/** One set of bar columns' batch features, by feature key, oldest first (see {@link batchFeature}). */
interface BatchEntry {
  readonly columns: OhlcvColumns;
  readonly outputs: Map<string, Readonly<Record<string, Float64Array>>>;
  bytes: number;
}

/** Batch features already computed, by the columns' `close` array (then every column must match). */
const batches = new WeakMap<Float64Array, BatchEntry[]>();

/**
 * Default cap of the computed features kept per set of columns, bytes: beyond it the oldest are dropped
 * (a sweep over many periods of a long 1m history would otherwise hold them all).
 */
export const BATCH_FEATURE_CACHE_BYTES = 64 * 1024 * 1024;

const sameColumns = (a: OhlcvColumns, b: OhlcvColumns): boolean =>
  a.open === b.open && a.high === b.high && a.low === b.low && a.close === b.close && a.volume === b.volume;

/**
 * `computeBatchFeature(spec, columns)`, computed once per feature and set of column arrays (by
 * identity): a sweep runs many configurations on the same bars, and each configuration with
 * `sma:close:20` reads the same column. The outputs are shared, so nothing may write them; bars
 * handed to a backtest are taken as immutable from then on (the engine's validation cache assumes
 * it too). Row i of a batch feature depends on rows 0…i of the columns only, so a cut window
 * (`subarray`, other arrays) is its own entry, never a slice of another's.
 */
export function batchFeature(
  key: string,
  spec: NormalizedFeatureSpec,
  columns: OhlcvColumns,
  budget = BATCH_FEATURE_CACHE_BYTES,
): Readonly<Record<string, Float64Array>> {
  let list = batches.get(columns.close);
  if (list === undefined) {
    list = [];
    batches.set(columns.close, list);
  }
  let entry = list.find((e) => sameColumns(e.columns, columns));
  if (entry === undefined) {
    entry = { columns, outputs: new Map(), bytes: 0 };
    list.push(entry);
  }
  const hit = entry.outputs.get(key);
  if (hit !== undefined) return hit;
  const out = computeBatchFeature(spec, columns) as Readonly<Record<string, Float64Array>>;
  let bytes = 0;
  for (const o of Object.values(out)) bytes += o.byteLength;
  for (const [k, old] of entry.outputs) {
    if (entry.bytes + bytes <= budget) break;
    for (const o of Object.values(old)) entry.bytes -= o.byteLength;
    entry.outputs.delete(k);
  }
  if (bytes <= budget) {
    entry.outputs.set(key, out);
    entry.bytes += bytes;
  }
  return out;
}

/**
 * Engine side of one instrument's features in the backtest: every declared feature over the whole
 * columns (the features package's batch form, which equals the streaming form bit for bit; once
 * per feature and set of columns, see {@link batchFeature}), and `seek(i)` copies row i into the
 * slots. Row i depends on rows 0…i only.
 */
export class ColumnFeatureFeed {
  readonly #slots: FeatureSlots;
  readonly #columns: Float64Array[];

  constructor(declared: DeclaredFeatures, columns: OhlcvColumns, slots: FeatureSlots) {
    this.#slots = slots;
    this.#columns = [];
    declared.specs.forEach((spec, j) => {
      const out = batchFeature(declared.keys[j]!, spec, columns);
      // Slot order is featureOutputKeys order, which follows featureOutputs.
      for (const o of featureOutputs(spec)) this.#columns.push(out[o]!);
    });
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
