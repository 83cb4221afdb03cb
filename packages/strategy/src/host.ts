import { AlgoError, ErrorCode, formatInstrument, type Instrument, sameInstrument } from '@algotrader/core';
import { type Decision, NO_DECISIONS, validateDecision } from './decision';
import { type DeclaredFeatures, declaredFeatures, FeatureSlots } from './features';
import type { AnyStrategy, BarContext, BarSetContext, JsonValue, PortfolioView, Strategy } from './strategy';
import { restoreState, snapshotState } from './strategy';
import type { BarWindow } from './window';

class SingleContext implements BarContext<unknown, unknown> {
  time = Number.NaN;
  constructor(
    readonly params: unknown,
    public state: unknown,
    readonly instrument: Instrument,
    readonly bars: BarWindow,
    readonly features: FeatureSlots,
    readonly portfolio: PortfolioView,
  ) {}
}

class SetContext implements BarSetContext<unknown, unknown> {
  time = Number.NaN;
  readonly #updated: Uint8Array;
  constructor(
    readonly params: unknown,
    public state: unknown,
    readonly instruments: readonly Instrument[],
    readonly windows: readonly BarWindow[],
    readonly features: readonly FeatureSlots[],
    readonly portfolio: PortfolioView,
    updated: Uint8Array,
  ) {
    this.#updated = updated;
  }
  hasBar(k: number): boolean {
    return this.#updated[k] === 1;
  }
}

/** A checkpoint of everything a strategy remembers between bars. */
export interface HostSnapshot {
  readonly strategy: string;
  /** One state per instrument for a single-instrument strategy, one in all for a multi one. */
  readonly states: readonly JsonValue[];
}

export interface StrategyHostOptions<P> {
  readonly strategy: Strategy<P, unknown>;
  /** Already parsed (see `parseParams`). */
  readonly params: P;
  readonly instruments: readonly Instrument[];
  /** `windows[k]` shows `instruments[k]`; the caller's feeds move them before each `step`. */
  readonly windows: readonly BarWindow[];
  readonly portfolio: PortfolioView;
}

/**
 * Runs one strategy over a universe: owns its state(s), the reused contexts, and the checks on
 * what it returns. The backtest engine and the live runner both drive strategies through this,
 * so a strategy cannot behave differently between them.
 */
export class StrategyHost {
  readonly strategy: AnyStrategy;
  readonly instruments: readonly Instrument[];
  /** Set `updated[k] = 1` for each instrument with a bar closing at the next `step`'s time. */
  readonly updated: Uint8Array;
  /** What the strategy declared with these parameters (`strategy.features(params)`). */
  readonly declared: DeclaredFeatures;
  /**
   * `features[k]` is what `ctx.features` shows of `instruments[k]`: the caller's feeds write it
   * together with the windows (`ColumnFeatureFeed` in the backtest, `setFrom` a FeatureVector
   * live), so both read the same accessor.
   */
  readonly features: readonly FeatureSlots[];
  readonly #params: unknown;
  readonly #single: SingleContext[] = [];
  readonly #set: SetContext | undefined;
  readonly #collected: Decision[] = [];

  constructor(opts: StrategyHostOptions<unknown>) {
    const { strategy, params, instruments, windows, portfolio } = opts;
    if (instruments.length === 0 || windows.length !== instruments.length) {
      throw new AlgoError(
        ErrorCode.InvalidArgument,
        `strategy ${strategy.name}: need one window per instrument and at least one instrument`,
      );
    }
    this.strategy = strategy;
    this.instruments = instruments;
    this.updated = new Uint8Array(instruments.length);
    this.#params = params;
    this.declared = declaredFeatures(strategy, params);
    const outputKeys = this.declared.outputKeys;
    const features = instruments.map(() => new FeatureSlots(strategy.name, outputKeys));
    this.features = features;
    if (strategy.kind === 'single') {
      instruments.forEach((inst, k) => {
        this.#single.push(
          new SingleContext(params, strategy.init(params, inst), inst, windows[k]!, features[k]!, portfolio),
        );
      });
      this.#set = undefined;
    } else {
      const { min, max } = strategy.universe;
      if (instruments.length < min || (max !== undefined && instruments.length > max)) {
        throw new AlgoError(
          ErrorCode.InvalidArgument,
          `strategy ${strategy.name} needs ${min}..${max ?? '∞'} instruments, got ${instruments.length}`,
        );
      }
      this.#set = new SetContext(
        params,
        strategy.init(params, instruments),
        instruments,
        windows,
        features,
        portfolio,
        this.updated,
      );
    }
  }

  /**
   * Lets the strategy decide at close time `time`, after the caller moved the windows and set
   * `updated`. Returns the validated decisions (the shared NO_DECISIONS when there are none);
   * the returned array is only valid until the next call. `updated` is cleared.
   */
  step(time: number): readonly Decision[] {
    const s = this.strategy;
    const upd = this.updated;
    let out: readonly Decision[] = NO_DECISIONS;
    if (s.kind === 'single') {
      let collected = false;
      for (let k = 0; k < this.#single.length; k++) {
        if (upd[k] !== 1) continue;
        upd[k] = 0;
        const ctx = this.#single[k]!;
        ctx.time = time;
        const ds = s.onBar(ctx);
        if (ds.length === 0) continue;
        this.#check(ds, ctx.instrument);
        if (out.length === 0) {
          out = ds;
        } else {
          if (!collected) {
            this.#collected.length = 0;
            this.#collected.push(...out);
            out = this.#collected;
            collected = true;
          }
          this.#collected.push(...ds);
        }
      }
      return out;
    }
    const ctx = this.#set!;
    ctx.time = time;
    out = s.onBarSet(ctx);
    upd.fill(0);
    if (out.length > 0) this.#check(out, undefined);
    return out;
  }

  /** A loop, not `some` with a closure per decision (under tsx each closure is also named). */
  #inUniverse(inst: Instrument): boolean {
    for (const i of this.instruments) if (i === inst || sameInstrument(i, inst)) return true;
    return false;
  }

  #check(ds: readonly Decision[], only: Instrument | undefined): void {
    for (const d of ds) {
      validateDecision(d);
      const ok =
        only !== undefined
          ? d.instrument === only || sameInstrument(d.instrument, only)
          : this.#inUniverse(d.instrument);
      if (!ok) {
        throw new AlgoError(
          ErrorCode.InvalidArgument,
          `strategy ${this.strategy.name} decided about ${formatInstrument(d.instrument)}, ` +
            (only
              ? `but a single-instrument strategy may only trade ${formatInstrument(only)}`
              : 'outside its universe'),
        );
      }
    }
  }

  snapshot(): HostSnapshot {
    const states = this.#set
      ? [snapshotState(this.#set.state)]
      : this.#single.map((c) => snapshotState(c.state));
    return { strategy: this.strategy.name, states };
  }

  /** Replaces the state(s) with a checkpoint taken by `snapshot()` of a host over the same universe. */
  restore(snap: HostSnapshot): void {
    const expected = this.#set ? 1 : this.#single.length;
    if (snap.strategy !== this.strategy.name || snap.states.length !== expected) {
      throw new AlgoError(
        ErrorCode.InvalidArgument,
        `checkpoint of ${snap.strategy} with ${snap.states.length} state(s) does not fit ${this.strategy.name} with ${expected}`,
      );
    }
    if (this.#set) this.#set.state = restoreState(this.strategy, snap.states[0]!, this.#params);
    else
      this.#single.forEach((c, k) => {
        c.state = restoreState(this.strategy, snap.states[k]!, this.#params);
      });
  }
}
