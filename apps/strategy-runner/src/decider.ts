import { subjects } from '@algotrader/bus/subjects';
import {
  AlgoError,
  assertNever,
  ErrorCode,
  formatInstrument,
  instrumentSymbol,
  signalKey,
  signalSetKey,
} from '@algotrader/core';
import {
  type AlertInput,
  alert,
  type BarIn,
  type BarRow,
  barIn,
  type Decider,
  type Effect,
  type InputMeta,
  ohlcvOf,
  out,
  type Pipeline,
  publish,
  rowOf,
  type StageCheckpoint,
  type StrategyEntry,
  signalOf,
} from '@algotrader/pipeline/domain';
import { type BarSetClosed, codecs, type FeatureVector, type SignalSetClosed } from '@algotrader/proto';
import {
  type Decision,
  type HostSnapshot,
  type PortfolioView,
  RollingFeed,
  StrategyHost,
} from '@algotrader/strategy';

/** What the strategy-runner saves besides its stream position: strategy states, window bars, marks. */
export interface RunnerSnapshot {
  v: 1;
  /** Close time of the last step. */
  lastT: number;
  /** Close time whose bars are in the windows but not yet stepped (0: none). */
  pendingT: number;
  /** Instruments with a bar at `pendingT`. */
  pending: string[];
  hosts: Record<string, HostSnapshot>;
  bars: Record<string, BarRow[]>;
  /** Per instrument, the declared feature values of its last bar (absent in older checkpoints). */
  features?: Record<string, Record<string, number>>;
  marks: Record<string, number>;
}

/** The checkpoint value: the snapshot and the FEATURES stream sequence of the last message fully handled. */
export type RunnerCheckpoint = StageCheckpoint<RunnerSnapshot>;

export type RunnerInput =
  | { readonly kind: 'vector'; readonly vector: FeatureVector; readonly meta: InputMeta }
  | { readonly kind: 'set'; readonly set: BarSetClosed; readonly meta: InputMeta };

export type RunnerOutput =
  /** A bar (with its feature values) after the last one of its instrument: into the windows. */
  | {
      readonly kind: 'bar';
      readonly key: string;
      readonly bar: BarIn;
      readonly values: Record<string, number>;
      /** Its close time was decided already: in the windows, not decided on. */
      readonly late: boolean;
    }
  | { readonly kind: 'duplicate'; readonly key: string }
  /** A later bar came before the marker of the pending close time: it is stepped now. */
  | { readonly kind: 'set_missing'; readonly t: number }
  /** Every strategy with a bar at `t` decides once. */
  | { readonly kind: 'step'; readonly t: number; readonly correlationId: string | undefined };

/** A strategy with its windows and host (incremental: moved in place by `evolve`). */
export class Running {
  readonly entry: StrategyEntry;
  readonly feeds: RollingFeed[];
  readonly host: StrategyHost;
  readonly index = new Map<string, number>();

  constructor(entry: StrategyEntry, p: Pipeline, portfolio: PortfolioView) {
    this.entry = entry;
    this.feeds = entry.instruments.map(() => new RollingFeed(p.tf, entry.capacity, p.calendar));
    entry.instruments.forEach((i, k) => {
      this.index.set(formatInstrument(i), k);
    });
    this.host = new StrategyHost({
      strategy: entry.strategy,
      params: entry.params,
      instruments: entry.instruments,
      windows: this.feeds.map((f) => f.window),
      portfolio,
    });
  }
}

/** What the last step did, for `effects` to publish (a host's decisions exist only once it stepped). */
export interface StepResult {
  readonly t: number;
  readonly ran: string[];
  readonly decisions: { readonly strategy: string; readonly decisions: readonly Decision[] }[];
  readonly errors: { readonly strategy: string; readonly message: string }[];
  readonly marks: Record<string, number>;
  readonly instruments: string[];
}

export interface RunnerState {
  readonly running: Running[];
  /** Bars kept per instrument: the largest window of the strategies trading it. */
  readonly keep: Map<string, number>;
  readonly bars: Map<string, BarRow[]>;
  readonly lastOpen: Map<string, number>;
  /** The last close per instrument; the portfolio view values the account with it. */
  readonly marks: Record<string, number>;
  lastT: number;
  pendingT: number;
  pending: Set<string>;
  lastStep: StepResult | undefined;
  readonly counters: {
    vectors: number;
    duplicates: number;
    steps: number;
    signals: number;
    strategyErrors: number;
  };
}

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * FeatureVectors in, Signals out, for one pipeline. Feeds each strategy's rolling windows from the
 * bars inside the vectors and its `ctx.features` from their values (the features it declared; a
 * vector lacking one is refused whole) and, on the feature-engine's bar-set marker for close time
 * T, steps every strategy that has a bar at T once — exactly the backtest engine's time loop,
 * through the same `StrategyHost` — and emits each decision as a Signal, then a SignalSetClosed
 * with the marks, so the risk gate knows the set for T is complete.
 *
 * Strategies see the account through `portfolioOf(marks)`, a read-only view the shell builds over
 * the latest account state (for information: the examples decide from bars and features alone,
 * which is what keeps them in parity).
 */
export function runnerDecider(
  p: Pipeline,
  portfolioOf: (marks: Readonly<Record<string, number>>) => PortfolioView,
): Decider<RunnerState, RunnerInput, RunnerOutput, RunnerSnapshot> {
  // The pipeline's instruments as the state keys them and as a SignalSetClosed names them: built
  // once, not at every step.
  const named = p.instruments.map((i) => ({ key: formatInstrument(i), sym: instrumentSymbol(i) }));

  const initial = (): RunnerState => {
    const marks: Record<string, number> = {};
    const view = portfolioOf(marks);
    const running = p.strategies.map((e) => new Running(e, p, view));
    const keep = new Map<string, number>();
    for (const r of running) {
      for (const i of r.entry.instruments) {
        const k = formatInstrument(i);
        keep.set(k, Math.max(keep.get(k) ?? 1, r.entry.capacity));
      }
    }
    return {
      running,
      keep,
      bars: new Map(),
      lastOpen: new Map(),
      marks,
      lastT: 0,
      pendingT: 0,
      pending: new Set(),
      lastStep: undefined,
      counters: { vectors: 0, duplicates: 0, steps: 0, signals: 0, strategyErrors: 0 },
    };
  };

  const decideVector = (state: RunnerState, m: FeatureVector, meta: InputMeta): RunnerOutput[] => {
    const ours = m.timeframe === p.tf && (m.instrument?.venue ?? '').toUpperCase() === p.venue;
    const key = `${p.venue}:${m.instrument?.symbol ?? ''}`;
    if (!ours || !state.keep.has(key)) return [];
    if (!m.bar) throw new AlgoError(ErrorCode.InvalidData, 'FeatureVector without its bar');
    const bar = barIn(m.bar, p.tf, p.calendar);
    const values = m.values ?? {};
    for (const r of state.running) {
      const k = r.index.get(key);
      const missing = k === undefined ? [] : r.host.features[k]!.missing(values);
      if (missing.length > 0) {
        throw new AlgoError(
          ErrorCode.InvalidData,
          `FeatureVector for ${key} lacks ${missing.join(', ')}, declared by strategy ${r.entry.id} (is the feature-engine on the same configuration?)`,
        );
      }
    }
    if (bar.openTime <= (state.lastOpen.get(key) ?? Number.NEGATIVE_INFINITY))
      return [{ kind: 'duplicate', key }];
    const outputs: RunnerOutput[] = [];
    const stepPending = state.pendingT > 0 && bar.closeTime > state.pendingT;
    if (stepPending) {
      outputs.push(
        { kind: 'set_missing', t: state.pendingT },
        { kind: 'step', t: state.pendingT, correlationId: meta.msgId },
      );
    }
    // After stepping pendingT, lastT is pendingT and this bar closes after it.
    const late = !stepPending && bar.closeTime <= state.lastT;
    outputs.push({ kind: 'bar', key, bar, values, late });
    return outputs;
  };

  const decideSet = (state: RunnerState, m: BarSetClosed, meta: InputMeta): RunnerOutput[] => {
    const t = Number(m.closeTimeMs ?? 0);
    if ((m.venue ?? '').toUpperCase() !== p.venue || m.timeframe !== p.tf || t <= state.lastT) return [];
    const outputs: RunnerOutput[] = [];
    if (state.pendingT > 0 && state.pendingT < t)
      outputs.push({ kind: 'step', t: state.pendingT, correlationId: meta.msgId });
    outputs.push({ kind: 'step', t, correlationId: meta.msgId });
    return outputs;
  };

  const evolveBar = (state: RunnerState, o: Extract<RunnerOutput, { kind: 'bar' }>): void => {
    const { key, bar: b, values, late } = o;
    state.counters.vectors += 1;
    state.lastOpen.set(key, b.openTime);
    const rows = state.bars.get(key) ?? [];
    rows.push(rowOf(b));
    const keep = state.keep.get(key)!;
    if (rows.length > keep) rows.splice(0, rows.length - keep);
    state.bars.set(key, rows);
    for (const r of state.running) {
      const k = r.index.get(key);
      if (k === undefined) continue;
      r.feeds[k]!.push(b);
      r.host.features[k]!.setFrom(values);
      if (!late) r.host.updated[k] = 1;
    }
    if (!late) {
      // A swap is marked at its mark price (as the Account values it), spot at the close.
      state.marks[key] = b.swap ? b.swap.markClose : b.close;
      state.pendingT = b.closeTime;
      state.pending.add(key);
    }
  };

  /** Steps every strategy with a bar at `t` once; what it decided is kept for `effects`. */
  const evolveStep = (state: RunnerState, t: number): void => {
    const result: StepResult = { t, ran: [], decisions: [], errors: [], marks: {}, instruments: [] };
    for (const r of state.running) {
      let any = false;
      for (let k = 0; k < r.host.updated.length; k++) if (r.host.updated[k] === 1) any = true;
      if (!any) continue;
      result.ran.push(r.entry.id);
      try {
        // Copied: the host's array is only valid until its next step.
        result.decisions.push({ strategy: r.entry.id, decisions: [...r.host.step(t)] });
      } catch (e) {
        r.host.updated.fill(0);
        state.counters.strategyErrors += 1;
        result.errors.push({ strategy: r.entry.id, message: (e as Error).message });
      }
    }
    for (const { key, sym } of named) {
      if (state.pending.has(key) && state.pendingT === t) {
        result.instruments.push(sym);
        result.marks[sym] = state.marks[key]!;
      }
    }
    for (const d of result.decisions) state.counters.signals += d.decisions.length;
    state.counters.steps += 1;
    state.lastT = t;
    if (state.pendingT <= t) {
      state.pendingT = 0;
      state.pending.clear();
    }
    state.lastStep = result;
  };

  const stepEffects = (s: StepResult, correlationId: string | undefined): Effect[] => {
    const effects: Effect[] = [];
    for (const e of s.errors) {
      effects.push(
        alert({
          severity: 'critical',
          code: 'strategy_error',
          message: `strategy ${e.strategy} failed at ${iso(s.t)}: ${e.message}`,
          labels: { strategy: e.strategy },
          dedupeKey: `${e.strategy}:${s.t}`,
        }),
      );
    }
    for (const { strategy, decisions } of s.decisions) {
      const legs = new Map<string, number>();
      for (const d of decisions) {
        const key = formatInstrument(d.instrument);
        const n = legs.get(key) ?? 0;
        legs.set(key, n + 1);
        const signal = signalOf(p.account, strategy, s.t, d);
        const id = signalKey(strategy, d.instrument, s.t, n);
        effects.push(
          publish(out(codecs.Signal, subjects.signal(strategy, d.instrument), signal, id, correlationId)),
        );
      }
    }
    const set: SignalSetClosed = {
      venue: p.venue,
      timeframe: p.tf,
      closeTimeMs: s.t,
      strategies: s.ran,
      marks: s.marks,
      instruments: s.instruments,
    };
    const id = signalSetKey(p.venue, p.tf, s.t);
    effects.push(
      publish(out(codecs.SignalSetClosed, subjects.signalSet(p.venue, p.tf), set, id, correlationId)),
    );
    return effects;
  };

  return {
    initial,
    decide: (state, input) =>
      input.kind === 'vector'
        ? decideVector(state, input.vector, input.meta)
        : decideSet(state, input.set, input.meta),

    evolve(state, o) {
      switch (o.kind) {
        case 'bar':
          evolveBar(state, o);
          return state;
        case 'duplicate':
          state.counters.vectors += 1;
          state.counters.duplicates += 1;
          return state;
        case 'set_missing':
          return state;
        case 'step':
          evolveStep(state, o.t);
          return state;
        default:
          return assertNever(o, 'strategy-runner output');
      }
    },

    effects(state, o) {
      switch (o.kind) {
        case 'bar':
          return o.late
            ? [
                alert({
                  severity: 'warning',
                  code: 'bar_late',
                  message: `${o.key} bar closing ${iso(o.bar.closeTime)} came after its close time was decided: in the windows, not decided on`,
                  dedupeKey: `${o.key}:${o.bar.openTime}`,
                }),
              ]
            : [];
        case 'duplicate':
          return [];
        case 'set_missing':
          return [
            alert({
              severity: 'warning',
              code: 'set_missing',
              message: `no bar-set marker for ${iso(o.t)} before later bars: stepping it now`,
              dedupeKey: `${o.t}`,
            }),
          ];
        case 'step':
          return stepEffects(state.lastStep!, o.correlationId);
        default:
          return assertNever(o, 'strategy-runner output');
      }
    },

    snapshot(state) {
      const hosts: Record<string, HostSnapshot> = {};
      for (const r of state.running) hosts[r.entry.id] = r.host.snapshot();
      const bars: Record<string, BarRow[]> = {};
      for (const [k, rows] of state.bars) bars[k] = rows.map((b) => [...b] as BarRow);
      const features: Record<string, Record<string, number>> = {};
      for (const r of state.running) {
        r.entry.instruments.forEach((i, k) => {
          const key = formatInstrument(i);
          features[key] = { ...features[key], ...r.host.features[k]!.toRecord() };
        });
      }
      return {
        v: 1,
        lastT: state.lastT,
        pendingT: state.pendingT,
        pending: [...state.pending],
        hosts,
        bars,
        features,
        marks: { ...state.marks },
      };
    },

    restore(ck) {
      const state = initial();
      const effects: Effect[] = [];
      state.lastT = ck.lastT;
      state.pendingT = ck.pendingT;
      state.pending = new Set(ck.pending);
      Object.assign(state.marks, ck.marks);
      for (const [k, rows] of Object.entries(ck.bars)) {
        if (!state.keep.has(k)) continue;
        state.bars.set(k, rows);
        const last = rows[rows.length - 1];
        if (last) state.lastOpen.set(k, last[0]);
      }
      for (const r of state.running) {
        r.entry.instruments.forEach((i, k) => {
          const key = formatInstrument(i);
          const rows = state.bars.get(key) ?? [];
          for (const row of rows.slice(-r.entry.capacity)) r.feeds[k]!.push(ohlcvOf(row));
          const missing = restoreFeatures(state, r, k, key, ck.features?.[key]);
          if (missing) effects.push(alert(missing));
          if (ck.pendingT > 0 && state.pending.has(key)) r.host.updated[k] = 1;
        });
        const snap = ck.hosts[r.entry.id];
        if (snap) r.host.restore(snap);
      }
      return { state, effects };
    },
  };
}

/** The features a strategy saw last, from the checkpoint; NaN (and the alert returned) if it lacks them. */
function restoreFeatures(
  state: RunnerState,
  r: Running,
  k: number,
  key: string,
  saved: Record<string, number> | undefined,
): AlertInput | undefined {
  const slots = r.host.features[k]!;
  const rows = state.bars.get(key);
  if (slots.keys.length === 0 || rows === undefined || rows.length === 0) return undefined;
  const missing = saved ? slots.missing(saved) : slots.keys;
  if (missing.length === 0) {
    slots.setFrom(saved!);
    return undefined;
  }
  return {
    severity: 'warning',
    code: 'features_not_restored',
    message: `checkpoint has no ${missing.join(', ')} for ${key}: strategy ${r.entry.id} reads NaN until its next bar`,
    labels: { strategy: r.entry.id, instrument: key },
    dedupeKey: `${r.entry.id}:${key}`,
  };
}
