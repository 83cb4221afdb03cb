import { subjects } from '@algotrader/bus/subjects';
import {
  assertNever,
  featureSetKey,
  featureKey as featureVectorKey,
  formatInstrument,
  type Instrument,
  sessionBarClose,
} from '@algotrader/core';
import {
  createStreamingFeature,
  type FeatureSpec,
  featureKey,
  featureOutputKeys,
  type StreamingFeature,
} from '@algotrader/features';
import {
  alert,
  type BarIn,
  type BarRow,
  barIn,
  barOut,
  type Decider,
  type Effect,
  type InputMeta,
  ohlcvOf,
  out,
  type Pipeline,
  publish,
  rowOf,
  type StageCheckpoint,
} from '@algotrader/pipeline/domain';
import { type BarMsg, type BarSetClosed, codecs, type FeatureVector } from '@algotrader/proto';

/** What the feature-engine saves besides its stream position: enough bars to rebuild every feature. */
export interface FeatureSnapshot {
  v: 1;
  /** Close time of the last bar set passed on. */
  lastSet: number;
  series: Record<string, { lastOpen: number; bars: BarRow[] }>;
}

/** The checkpoint value: the snapshot and the MD stream sequence of the last message fully handled. */
export type FeatureCheckpoint = StageCheckpoint<FeatureSnapshot>;

export type FeatureInput =
  | { readonly kind: 'bar'; readonly bar: BarMsg; readonly meta: InputMeta }
  | { readonly kind: 'set'; readonly set: BarSetClosed; readonly meta: InputMeta };

export type FeatureOutput =
  /** A bar after the last one of its instrument: into the features, its vector out. */
  | {
      readonly kind: 'accepted';
      readonly key: string;
      readonly bar: BarIn;
      readonly instrument: NonNullable<FeatureVector['instrument']> | null;
      readonly source: string;
      readonly correlationId: string | undefined;
    }
  /** The bar closes at or before a bar set already passed on: still accepted, but alerted. */
  | { readonly kind: 'late'; readonly key: string; readonly bar: BarIn }
  /** At or before the last bar of its instrument: dropped. */
  | {
      readonly kind: 'dropped';
      readonly key: string;
      readonly bar: BarIn;
      readonly lastOpen: number;
      readonly seq: number;
    }
  | {
      readonly kind: 'set';
      readonly closeTime: number;
      readonly arrived: readonly string[];
      readonly missing: readonly string[];
      readonly timedOut: boolean;
      readonly correlationId: string | undefined;
    };

export interface FeatureState {
  /** Per configured instrument (`OKX:BTC/USDT`). */
  readonly series: Map<string, Series>;
  lastSet: number;
  readonly counters: { bars: number; duplicates: number; sets: number };
}

/**
 * The features to compute for one instrument: the union, by feature key, of what the strategies
 * trading it declare (nothing else: the configuration does not list features).
 */
export function featuresOf(p: Pipeline, instrument: string): FeatureSpec[] {
  const union = new Map<string, FeatureSpec>();
  for (const e of p.strategies) {
    if (!e.instruments.some((i) => formatInstrument(i) === instrument)) continue;
    for (const f of e.features) union.set(featureKey(f), f);
  }
  return [...union.values()];
}

/** One instrument's last bars and streaming features (incremental: updated in place by `evolve`). */
export class Series {
  readonly key: string;
  readonly instrument: Instrument;
  readonly features: StreamingFeature[];
  readonly outputKeys: string[][];
  readonly history: number;
  /** Per feature, the value names in `outputKeys` order (`f.outputs`, fixed at creation). */
  readonly #outputs: (readonly string[])[];
  /** The FeatureVector subject, and its message id without the close time (both fixed per series). */
  readonly subject: string;
  readonly #idPrefix: string;
  bars: BarRow[] = [];
  lastOpen = Number.NEGATIVE_INFINITY;

  constructor(instrument: Instrument, p: Pipeline) {
    this.instrument = instrument;
    this.key = formatInstrument(instrument);
    const specs = featuresOf(p, this.key);
    this.features = specs.map((f) => createStreamingFeature(f));
    this.outputKeys = specs.map((f) => featureOutputKeys(f));
    this.history = p.featureHistory;
    this.#outputs = this.features.map((f) => f.outputs);
    this.subject = subjects.feature(instrument, p.tf);
    this.#idPrefix = idPrefix(featureVectorKey(instrument, p.tf, 0));
  }

  /** `featureKey(instrument, tf, closeTime)`, from the cached prefix. */
  vectorId(closeTime: number): string {
    return `${this.#idPrefix}${closeTime}`;
  }

  push(b: BarIn): void {
    for (const f of this.features) f.update(b);
    this.bars.push(rowOf(b));
    if (this.bars.length > this.history) this.bars.splice(0, this.bars.length - this.history);
    this.lastOpen = b.openTime;
  }

  values(): { values: Record<string, number>; warm: boolean } {
    const values: Record<string, number> = {};
    let warm = true;
    const features = this.features;
    for (let k = 0; k < features.length; k++) {
      const f = features[k]!;
      const keys = this.outputKeys[k]!;
      const outs = this.#outputs[k]!;
      const v = f.values as Record<string, number>;
      for (let j = 0; j < keys.length; j++) values[keys[j]!] = v[outs[j]!]!;
      if (!f.ready) warm = false;
    }
    return { values, warm };
  }
}

const iso = (ms: number) => new Date(ms).toISOString();

/** A message id built for close time 0, without that 0: the part that is the same for every close time. */
function idPrefix(idAtZero: string): string {
  if (!idAtZero.endsWith(':0')) throw new Error(`unexpected id layout: ${idAtZero}`);
  return idAtZero.slice(0, -1);
}

/**
 * Bars in, FeatureVectors out, for one pipeline. Per configured instrument it keeps the last
 * `featureHistory` bars and the streaming features the strategies trading it declare
 * (`featuresOf`); one FeatureVector per bar (those values, which the strategy-runner hands to
 * `ctx.features`, and the bar itself, for the windows) and, per bar set, a copy of the marker
 * after its vectors. A bar at or before the last one of its instrument is dropped and alerted;
 * messages of another venue or timeframe, or of an instrument not configured, decide nothing.
 */
export function featureDecider(
  p: Pipeline,
): Decider<FeatureState, FeatureInput, FeatureOutput, FeatureSnapshot> {
  const initial = (): FeatureState => {
    const series = new Map<string, Series>();
    for (const i of p.instruments) series.set(formatInstrument(i), new Series(i, p));
    return { series, lastSet: 0, counters: { bars: 0, duplicates: 0, sets: 0 } };
  };

  const setSubject = subjects.featureSet(p.venue, p.tf);
  const setIdPrefix = idPrefix(featureSetKey(p.venue, p.tf, 0));
  /** Series key (`OKX:BTC/USDT`) by wire symbol, so a bar builds no string to find its series. */
  const keyOf = new Map<string, string>();
  const seriesKey = (symbol: string): string => {
    let k = keyOf.get(symbol);
    if (k === undefined) {
      k = `${p.venue}:${symbol}`;
      if (keyOf.size < 4096) keyOf.set(symbol, k);
    }
    return k;
  };

  const decideBar = (state: FeatureState, m: BarMsg, meta: InputMeta): FeatureOutput[] => {
    if (m.timeframe !== p.tf || (m.instrument?.venue ?? '').toUpperCase() !== p.venue) return [];
    const key = seriesKey(m.instrument?.symbol ?? '');
    const s = state.series.get(key);
    if (!s) return [];
    const bar = barIn(m, p.tf, p.calendar); // a bad bar throws: dead-lettered and alerted by the runtime
    if (bar.openTime <= s.lastOpen)
      return [{ kind: 'dropped', key, bar, lastOpen: s.lastOpen, seq: meta.seq }];
    const accepted: FeatureOutput = {
      kind: 'accepted',
      key,
      bar,
      instrument: m.instrument ?? null,
      source: m.source ?? '',
      correlationId: meta.msgId,
    };
    return bar.closeTime <= state.lastSet ? [{ kind: 'late', key, bar }, accepted] : [accepted];
  };

  const decideSet = (state: FeatureState, m: BarSetClosed, meta: InputMeta): FeatureOutput[] => {
    const t = Number(m.closeTimeMs ?? 0);
    if ((m.venue ?? '').toUpperCase() !== p.venue || m.timeframe !== p.tf || t <= state.lastSet) return [];
    const arrived: string[] = [];
    const missing: string[] = [];
    for (const s of state.series.values()) {
      const sym = `${s.instrument.base}/${s.instrument.quote}`;
      // The bar closing at t (a session-aligned last bar closes with the session, not at open + tf).
      (sessionBarClose(p.calendar, s.lastOpen, p.tfMs) === t ? arrived : missing).push(sym);
    }
    return [
      {
        kind: 'set',
        closeTime: t,
        arrived,
        missing,
        timedOut: m.timedOut ?? false,
        correlationId: meta.msgId,
      },
    ];
  };

  return {
    initial,
    decide: (state, input) =>
      input.kind === 'bar'
        ? decideBar(state, input.bar, input.meta)
        : decideSet(state, input.set, input.meta),

    evolve(state, o) {
      switch (o.kind) {
        case 'accepted':
          state.series.get(o.key)!.push(o.bar);
          state.counters.bars += 1;
          return state;
        case 'dropped':
          state.counters.duplicates += 1;
          return state;
        case 'late':
          return state;
        case 'set':
          state.lastSet = o.closeTime;
          state.counters.sets += 1;
          return state;
        default:
          return assertNever(o, 'feature-engine output');
      }
    },

    effects(state, o): Effect[] {
      switch (o.kind) {
        case 'accepted': {
          const s = state.series.get(o.key)!;
          const { values, warm } = s.values();
          const fv: FeatureVector = {
            instrument: o.instrument,
            timeframe: p.tf,
            closeTimeMs: o.bar.closeTime,
            values,
            warm,
            bar: barOut(o.bar, p.tf, o.source),
          };
          return [
            publish(out(codecs.FeatureVector, s.subject, fv, s.vectorId(o.bar.closeTime), o.correlationId)),
          ];
        }
        case 'dropped':
          return [
            alert({
              severity: 'warning',
              code: 'bar_dropped',
              message: `${o.key} bar at ${iso(o.bar.openTime)} is not after the last one seen (${iso(o.lastOpen)}): dropped`,
              labels: { instrument: o.key },
              dedupeKey: `${o.key}:${o.bar.openTime}:${o.seq}`,
            }),
          ];
        case 'late':
          return [
            alert({
              severity: 'warning',
              code: 'bar_late',
              message: `${o.key} bar closing ${iso(o.bar.closeTime)} arrived after its bar set`,
              labels: { instrument: o.key },
              dedupeKey: `${o.key}:${o.bar.openTime}`,
            }),
          ];
        case 'set': {
          const marker: BarSetClosed = {
            venue: p.venue,
            timeframe: p.tf,
            closeTimeMs: o.closeTime,
            arrived: [...o.arrived],
            missing: [...o.missing],
            timedOut: o.timedOut,
          };
          return [
            publish(
              out(codecs.BarSetClosed, setSubject, marker, `${setIdPrefix}${o.closeTime}`, o.correlationId),
            ),
          ];
        }
        default:
          return assertNever(o, 'feature-engine output');
      }
    },

    snapshot(state) {
      const series: FeatureSnapshot['series'] = {};
      for (const [k, s] of state.series)
        series[k] = { lastOpen: s.lastOpen, bars: s.bars.map((b) => [...b] as BarRow) };
      return { v: 1, lastSet: state.lastSet, series };
    },

    /** Rebuilds every feature from the saved bars (enough of them: `featureHistory`). */
    restore(snap) {
      const state = initial();
      state.lastSet = snap.lastSet;
      for (const [k, saved] of Object.entries(snap.series)) {
        const s = state.series.get(k);
        if (!s) continue;
        for (const row of saved.bars) {
          const bar = ohlcvOf(row);
          s.push({
            ...bar,
            instrument: s.instrument,
            closeTime: sessionBarClose(p.calendar, bar.openTime, p.tfMs),
          });
        }
        s.lastOpen = saved.lastOpen;
      }
      return { state, effects: [] };
    },
  };
}
