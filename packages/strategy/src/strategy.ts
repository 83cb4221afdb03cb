import { AlgoError, ErrorCode, type Instrument, type Timeframe } from '@algotrader/core';
import type { z } from 'zod';
import type { Decision } from './decision';
import type { FeatureView } from './features';
import type { BarWindow } from './window';

/** What a strategy may know about the account: read-only, valued at the latest closes. */
export interface PortfolioView {
  readonly cash: number;
  /** Cash plus every position valued at its instrument's latest close. */
  readonly equity: number;
  /** Units held (0 when flat). */
  position(instrument: Instrument): number;
  /** Average entry price of the position (NaN when flat). */
  averagePrice(instrument: Instrument): number;
}

/** Input of a single-instrument strategy at one bar close. Reused from bar to bar: do not keep it. */
export interface BarContext<P, S> {
  /** Close time of the bar that just closed (ms UTC): the decision time. */
  readonly time: number;
  readonly params: P;
  /** This instrument's strategy state; the strategy updates it in place. */
  readonly state: S;
  readonly instrument: Instrument;
  readonly bars: BarWindow;
  /** This instrument's declared features at the just-closed bar (see `features(params)`). */
  readonly features: FeatureView;
  readonly portfolio: PortfolioView;
}

/** Input of a multi-instrument strategy once every instrument's bar for `time` is in. Reused: do not keep it. */
export interface BarSetContext<P, S> {
  readonly time: number;
  readonly params: P;
  readonly state: S;
  /** The universe, in a fixed order; `windows[k]` belongs to `instruments[k]`. */
  readonly instruments: readonly Instrument[];
  readonly windows: readonly BarWindow[];
  /** `features[k]`: the declared features of `instruments[k]` at its latest bar. */
  readonly features: readonly FeatureView[];
  /** Whether `instruments[k]` has a bar closing at `time` (false: missing this time, or not listed yet). */
  hasBar(k: number): boolean;
  readonly portfolio: PortfolioView;
}

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** A state that is a class instance serialises itself; the strategy's `restore` rebuilds it. */
export interface Snapshottable {
  snapshot(): JsonValue;
}

interface StrategyCommon<P, S> {
  /** Registry key, snake_case. Also part of signal keys and client order ids. */
  readonly name: string;
  readonly description: string;
  /** Parameters with every default visible; unknown keys rejected (use a strict object). */
  readonly paramsSchema: z.ZodType<P>;
  /** Timeframes the strategy is meant for; 'any' when its logic is timeframe-free. */
  readonly timeframes: 'any' | readonly Timeframe[];
  /**
   * Bars of its windows the strategy reads (the furthest back it ever looks): windows keep exactly
   * this many bars (at least 1), in the backtest as live. Declared features warm up on their own.
   */
  warmup(params: P): number;
  /**
   * The features it reads through `ctx.features`, as feature registry keys derived from the
   * parameters (e.g. `featureKey({ kind: 'sma', period: p.fast })` = `sma:close:20`). The backtest
   * computes them in batch, the live feature-engine streams exactly these; none when absent.
   */
  features?(params: P): readonly string[];
  /** Rebuilds a state from `snapshot()` output; required when the state is a class instance. */
  restore?(snapshot: JsonValue, params: P): S;
}

/** Decides per instrument, one bar at a time; with several instruments each gets its own state. */
export interface SingleStrategy<P, S> extends StrategyCommon<P, S> {
  readonly kind: 'single';
  init(params: P, instrument: Instrument): S;
  /** Decisions may only concern `ctx.instrument`. Return NO_DECISIONS (not a new []) for none. */
  onBar(ctx: BarContext<P, S>): readonly Decision[];
}

/** Decides over a universe once per bar close time (cross-sectional). */
export interface MultiStrategy<P, S> extends StrategyCommon<P, S> {
  readonly kind: 'multi';
  readonly universe: { readonly min: number; readonly max?: number };
  init(params: P, instruments: readonly Instrument[]): S;
  onBarSet(ctx: BarSetContext<P, S>): readonly Decision[];
}

export type Strategy<P, S> = SingleStrategy<P, S> | MultiStrategy<P, S>;
/** Any strategy, parameters and state erased (what the registry holds). */
export type AnyStrategy = Strategy<unknown, unknown>;

/** Identity helper that lets TypeScript infer P and S from the schema and `init`. */
export function defineStrategy<P, S>(s: SingleStrategy<P, S>): SingleStrategy<P, S>;
export function defineStrategy<P, S>(s: MultiStrategy<P, S>): MultiStrategy<P, S>;
export function defineStrategy<P, S>(s: Strategy<P, S>): Strategy<P, S> {
  return s;
}

/** Parses raw parameters (e.g. from a config file or CLI) with the strategy's schema, defaults applied. */
export function parseParams<P>(strategy: Strategy<P, unknown>, raw: unknown = {}): P {
  const r = strategy.paramsSchema.safeParse(raw ?? {});
  if (!r.success) {
    const issues = r.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new AlgoError(
      ErrorCode.InvalidConfig,
      `invalid parameters for strategy ${strategy.name}: ${issues}`,
      {
        strategy: strategy.name,
      },
    );
  }
  return r.data;
}

/** Window capacity for a strategy: its warm-up, at least one bar. */
export function windowCapacity<P>(strategy: Strategy<P, unknown>, params: P): number {
  const w = strategy.warmup(params);
  if (!Number.isSafeInteger(w) || w < 0) {
    throw new AlgoError(
      ErrorCode.InvalidArgument,
      `strategy ${strategy.name}: warmup must be an integer >= 0, got ${w}`,
    );
  }
  return Math.max(1, w);
}

function isSnapshottable(x: unknown): x is Snapshottable {
  return typeof x === 'object' && x !== null && typeof (x as { snapshot?: unknown }).snapshot === 'function';
}

/**
 * A state as JSON: `snapshot()` for a class instance, else the plain object itself, checked to
 * survive a JSON round trip unchanged (so a checkpoint restores exactly what was running).
 */
export function snapshotState(state: unknown): JsonValue {
  if (isSnapshottable(state)) return state.snapshot();
  const text = JSON.stringify(state);
  const back = text === undefined ? undefined : (JSON.parse(text) as JsonValue);
  if (back === undefined || JSON.stringify(back) !== text || !sameJson(state, back)) {
    throw new AlgoError(
      ErrorCode.InvalidArgument,
      'strategy state is not plain JSON (give it a snapshot() method and the strategy a restore())',
    );
  }
  return back;
}

function sameJson(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') return Object.is(a, b);
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return a === b;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Object.getPrototypeOf(a) !== Object.prototype && !Array.isArray(a)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** Inverse of {@link snapshotState}. */
export function restoreState<P, S>(strategy: Strategy<P, S>, snapshot: JsonValue, params: P): S {
  if (strategy.restore) return strategy.restore(snapshot, params);
  return structuredClone(snapshot) as S;
}
