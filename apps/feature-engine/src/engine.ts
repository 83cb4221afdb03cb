import { type Bus, loadCheckpoint, subjects } from '@algotrader/bus';
import { type Clock, formatInstrument, type Instrument, symbolToken } from '@algotrader/core';
import {
  createStreamingFeature,
  type FeatureSpec,
  featureKey,
  featureOutputKeys,
  type StreamingFeature,
} from '@algotrader/features';
import {
  Alerter,
  type BarIn,
  barIn,
  barOut,
  CHECKPOINTS_BUCKET,
  Checkpointer,
  checkpointKeys,
  Outbox,
  out,
  type Pipeline,
  type ReadMeta,
  route,
  Serial,
  StreamReader,
} from '@algotrader/pipeline';
import { type Bar, type BarSetClosed, codecs, type FeatureVector } from '@algotrader/proto';
import type { KV } from '@nats-io/kv';

type BarRow = [open: number, o: number, h: number, l: number, c: number, v: number];

/** What the feature-engine saves: the stream position and enough bars to rebuild every feature. */
export interface FeatureCheckpoint {
  v: 1;
  /** MD stream sequence of the last message fully handled. */
  seq: number;
  /** Close time of the last bar set passed on. */
  lastSet: number;
  series: Record<string, { lastOpen: number; bars: BarRow[] }>;
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

class Series {
  readonly key: string;
  readonly instrument: Instrument;
  readonly features: StreamingFeature[];
  readonly outputKeys: string[][];
  readonly history: number;
  bars: BarRow[] = [];
  lastOpen = Number.NEGATIVE_INFINITY;

  constructor(instrument: Instrument, p: Pipeline) {
    this.instrument = instrument;
    this.key = formatInstrument(instrument);
    const specs = featuresOf(p, this.key);
    this.features = specs.map((f) => createStreamingFeature(f));
    this.outputKeys = specs.map((f) => featureOutputKeys(f));
    this.history = p.featureHistory;
  }

  push(b: BarIn): void {
    for (const f of this.features) f.update(b);
    this.bars.push([b.openTime, b.open, b.high, b.low, b.close, b.volume]);
    if (this.bars.length > this.history) this.bars.splice(0, this.bars.length - this.history);
    this.lastOpen = b.openTime;
  }

  values(): { values: Record<string, number>; warm: boolean } {
    const values: Record<string, number> = {};
    let warm = true;
    this.features.forEach((f, k) => {
      const keys = this.outputKeys[k]!;
      const v = f.values as Record<string, number>;
      const outs = f.outputs;
      keys.forEach((key, j) => {
        values[key] = v[outs[j]!]!;
      });
      if (!f.ready) warm = false;
    });
    return { values, warm };
  }
}

export interface FeatureEngineOptions {
  readonly bus: Bus;
  readonly pipeline: Pipeline;
  readonly clock: Clock;
}

/**
 * Bars in, FeatureVectors out. Reads the MD stream in order (bars, then the BarSetClosed of their
 * close time), keeps the last bars of each configured instrument and the streaming features the
 * strategies trading it declare (`featuresOf`), publishes one FeatureVector per bar (those values,
 * which the strategy-runner hands to `ctx.features`, and the bar itself, for the windows) and, per
 * bar set, a copy of the marker on `feat._set.*` after its vectors. Its checkpoint keeps
 * `featureHistory` bars per instrument, enough to rebuild every declared feature on restart.
 * A bar at or before the last one seen for its instrument is dropped (counted and alerted).
 */
export class FeatureEngine {
  readonly #o: FeatureEngineOptions;
  readonly #series = new Map<string, Series>();
  readonly #serial = new Serial();
  readonly #outbox = new Outbox();
  readonly #alerts: Alerter;
  readonly #kv: KV;
  readonly #checkpoint: Checkpointer;
  #reader: StreamReader | undefined;
  /** MD sequence of the last message whose effects are computed (its outbox may still be flushing). */
  #applied = 0;
  /** ... and fully published. */
  #seq = 0;
  #lastSet = 0;
  readonly counters = { bars: 0, duplicates: 0, rejected: 0, sets: 0, published: 0 };

  private constructor(o: FeatureEngineOptions, kv: KV) {
    this.#o = o;
    this.#kv = kv;
    this.#alerts = new Alerter(o.bus, 'feature-engine', o.clock);
    for (const i of o.pipeline.instruments) this.#series.set(formatInstrument(i), new Series(i, o.pipeline));
    this.#checkpoint = new Checkpointer({
      bus: o.bus,
      kv,
      key: checkpointKeys.featureEngine(o.pipeline.venue, o.pipeline.tf),
      everyMs: o.pipeline.config.checkpointEveryMs,
      serial: this.#serial,
      snapshot: () => this.snapshot(),
    });
  }

  /** Restores the checkpoint (rebuilding features from its bars) and starts reading after it. */
  static async start(o: FeatureEngineOptions): Promise<FeatureEngine> {
    const kv = await o.bus.kv(CHECKPOINTS_BUCKET);
    const e = new FeatureEngine(o, kv);
    const ck = await loadCheckpoint<FeatureCheckpoint>(
      kv,
      checkpointKeys.featureEngine(o.pipeline.venue, o.pipeline.tf),
    );
    if (ck) e.#restore(ck);
    e.#reader = new StreamReader({
      bus: o.bus,
      name: 'feature-engine',
      stream: 'MD',
      filter: 'md.>',
      startSeq: e.#seq + 1,
      routes: [
        route(codecs.Bar, (m: Bar, meta) => e.#serial.run(() => e.#onBar(m, meta))),
        route(codecs.BarSetClosed, (m: BarSetClosed, meta) => e.#serial.run(() => e.#onBarSet(m, meta))),
      ],
      onDeadLetter: (reason, meta) => {
        e.counters.rejected += 1;
        e.#alerts.raise({
          severity: 'warning',
          code: 'md_rejected',
          message: `feature-engine refused ${meta.subject} #${meta.seq}: ${reason}`,
          labels: { subject: meta.subject },
          dedupeKey: `${meta.seq}`,
        });
      },
    });
    e.#reader.start();
    return e;
  }

  /** Stream position handled so far (MD sequence). */
  get position(): number {
    return this.#seq;
  }

  get lastSet(): number {
    return this.#lastSet;
  }

  async stop(): Promise<void> {
    await this.#reader?.stop();
    this.#checkpoint.stop();
    await this.#serial.run(() => this.#checkpoint.flush().catch(() => undefined));
  }

  snapshot(): FeatureCheckpoint | undefined {
    if (!this.#outbox.empty) return undefined;
    const series: FeatureCheckpoint['series'] = {};
    for (const [k, s] of this.#series)
      series[k] = { lastOpen: s.lastOpen, bars: s.bars.map((b) => [...b] as BarRow) };
    return { v: 1, seq: this.#seq, lastSet: this.#lastSet, series };
  }

  #restore(ck: FeatureCheckpoint): void {
    this.#seq = ck.seq;
    this.#applied = ck.seq;
    this.#lastSet = ck.lastSet;
    for (const [k, saved] of Object.entries(ck.series)) {
      const s = this.#series.get(k);
      if (!s) continue;
      for (const [openTime, open, high, low, close, volume] of saved.bars) {
        s.push({
          instrument: s.instrument,
          openTime,
          closeTime: openTime + this.#o.pipeline.tfMs,
          open,
          high,
          low,
          close,
          volume,
        });
      }
      s.lastOpen = saved.lastOpen;
    }
  }

  async #onBar(m: Bar, meta: ReadMeta): Promise<void> {
    const p = this.#o.pipeline;
    if (meta.seq > this.#applied) {
      if (m.timeframe !== p.tf || (m.instrument?.venue ?? '').toUpperCase() !== p.venue) {
        this.#applied = meta.seq;
      } else {
        const key = `${p.venue}:${m.instrument?.symbol ?? ''}`;
        const s = this.#series.get(key);
        if (!s) {
          this.#applied = meta.seq;
        } else {
          const b = barIn(m, p.tf); // a bad bar throws: dead-lettered and alerted by the reader
          this.#applied = meta.seq;
          if (b.openTime <= s.lastOpen) {
            this.counters.duplicates += 1;
            this.#alerts.raise({
              severity: 'warning',
              code: 'bar_dropped',
              message: `${key} bar at ${new Date(b.openTime).toISOString()} is not after the last one seen (${new Date(s.lastOpen).toISOString()}): dropped`,
              labels: { instrument: key },
              dedupeKey: `${key}:${b.openTime}:${meta.seq}`,
            });
          } else {
            if (b.closeTime <= this.#lastSet) {
              this.#alerts.raise({
                severity: 'warning',
                code: 'bar_late',
                message: `${key} bar closing ${new Date(b.closeTime).toISOString()} arrived after its bar set`,
                labels: { instrument: key },
                dedupeKey: `${key}:${b.openTime}`,
              });
            }
            s.push(b);
            this.counters.bars += 1;
            const { values, warm } = s.values();
            const fv: FeatureVector = {
              instrument: m.instrument ?? null,
              timeframe: p.tf,
              closeTimeMs: b.closeTime,
              values,
              warm,
              bar: barOut(b, p.tf, m.source ?? ''),
            };
            this.#outbox.push(
              out(
                codecs.FeatureVector,
                subjects.feature(s.instrument, p.tf),
                fv,
                `feat:${p.venue.toLowerCase()}:${symbolToken(s.instrument)}:${p.tf}:${b.closeTime}`,
                meta.msgId,
              ),
            );
          }
        }
      }
    }
    await this.#outbox.flush(this.#o.bus);
    this.#seq = meta.seq;
  }

  async #onBarSet(m: BarSetClosed, meta: ReadMeta): Promise<void> {
    const p = this.#o.pipeline;
    if (meta.seq > this.#applied) {
      this.#applied = meta.seq;
      const t = Number(m.closeTimeMs ?? 0);
      if ((m.venue ?? '').toUpperCase() === p.venue && m.timeframe === p.tf && t > this.#lastSet) {
        const arrived: string[] = [];
        const missing: string[] = [];
        for (const s of this.#series.values()) {
          const sym = `${s.instrument.base}/${s.instrument.quote}`;
          (s.lastOpen === t - p.tfMs ? arrived : missing).push(sym);
        }
        this.#lastSet = t;
        this.counters.sets += 1;
        this.#outbox.push(
          out(
            codecs.BarSetClosed,
            subjects.featureSet(p.venue, p.tf),
            {
              venue: p.venue,
              timeframe: p.tf,
              closeTimeMs: t,
              arrived,
              missing,
              timedOut: m.timedOut ?? false,
            },
            `featset:${p.venue.toLowerCase()}:${p.tf}:${t}`,
            meta.msgId,
          ),
        );
      }
    }
    await this.#outbox.flush(this.#o.bus);
    this.#seq = meta.seq;
    await this.#checkpoint.after();
  }
}
