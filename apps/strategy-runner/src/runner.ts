import { type Bus, loadCheckpoint, subjects } from '@algotrader/bus';
import {
  AlgoError,
  type Clock,
  ErrorCode,
  formatInstrument,
  type Instrument,
  instrumentSymbol,
  signalKey,
} from '@algotrader/core';
import {
  type AccountState,
  Alerter,
  accountKey,
  accountOf,
  barIn,
  CHECKPOINTS_BUCKET,
  Checkpointer,
  checkpointKeys,
  decodeAccount,
  KvFollower,
  Outbox,
  out,
  type Pipeline,
  POSITIONS_BUCKET,
  type ReadMeta,
  route,
  Serial,
  type StrategyEntry,
  StreamReader,
  signalOf,
} from '@algotrader/pipeline';
import { type BarSetClosed, codecs, type FeatureVector, type SignalSetClosed } from '@algotrader/proto';
import {
  type Decision,
  type HostSnapshot,
  type PortfolioView,
  RollingFeed,
  StrategyHost,
  type WindowBar,
} from '@algotrader/strategy';
import type { KV } from '@nats-io/kv';

type BarRow = [open: number, o: number, h: number, l: number, c: number, v: number];

/** What the strategy-runner saves after a close time: stream position, strategy states, window bars. */
export interface RunnerCheckpoint {
  v: 1;
  /** FEATURES stream sequence of the last message fully handled. */
  seq: number;
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

class Running {
  readonly entry: StrategyEntry;
  readonly feeds: RollingFeed[];
  readonly host: StrategyHost;
  readonly index = new Map<string, number>();

  constructor(entry: StrategyEntry, p: Pipeline, portfolio: PortfolioView) {
    this.entry = entry;
    this.feeds = entry.instruments.map(() => new RollingFeed(p.tf, entry.capacity));
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

export interface StrategyRunnerOptions {
  readonly bus: Bus;
  readonly pipeline: Pipeline;
  readonly clock: Clock;
}

/**
 * FeatureVectors in, Signals out. Feeds each strategy's rolling windows from the bars inside the
 * FeatureVectors and its `ctx.features` from their values (the features it declared; a vector
 * lacking one is refused) and, on the feature-engine's bar-set marker for close time T, steps every strategy
 * that has a bar at T once — exactly the backtest engine's time loop, through the same
 * `StrategyHost` — publishes each decision as a Signal, then a SignalSetClosed with the marks, so
 * the risk gate knows the set for T is complete.
 *
 * Strategies see the account through a PortfolioView of the latest account state in KV (for
 * information: the examples decide from bars and features alone, which is what keeps them in parity).
 */
export class StrategyRunner {
  readonly #o: StrategyRunnerOptions;
  readonly #running: Running[];
  readonly #serial = new Serial();
  readonly #outbox = new Outbox();
  readonly #alerts: Alerter;
  readonly #checkpoint: Checkpointer;
  readonly #account: KvFollower<AccountState>;
  /** Bars kept per instrument: the largest window of the strategies trading it. */
  readonly #keep = new Map<string, number>();
  readonly #bars = new Map<string, BarRow[]>();
  readonly #lastOpen = new Map<string, number>();
  readonly #marks: Record<string, number> = {};
  #reader: StreamReader | undefined;
  #applied = 0;
  #seq = 0;
  #lastT = 0;
  #pendingT = 0;
  #pending = new Set<string>();
  readonly counters = { vectors: 0, duplicates: 0, steps: 0, signals: 0, strategyErrors: 0 };

  private constructor(o: StrategyRunnerOptions, checkpoints: KV, positions: KV) {
    this.#o = o;
    this.#alerts = new Alerter(o.bus, 'strategy-runner', o.clock);
    this.#account = new KvFollower(positions, accountKey(o.pipeline.account), decodeAccount, 1_000);
    const view = this.#portfolioView();
    this.#running = o.pipeline.strategies.map((e) => new Running(e, o.pipeline, view));
    for (const r of this.#running) {
      for (const i of r.entry.instruments) {
        const k = formatInstrument(i);
        this.#keep.set(k, Math.max(this.#keep.get(k) ?? 1, r.entry.capacity));
      }
    }
    this.#checkpoint = new Checkpointer({
      bus: o.bus,
      kv: checkpoints,
      key: checkpointKeys.strategyRunner(o.pipeline.account),
      everyMs: o.pipeline.config.checkpointEveryMs,
      serial: this.#serial,
      snapshot: () => this.snapshot(),
    });
  }

  static async start(o: StrategyRunnerOptions): Promise<StrategyRunner> {
    const checkpoints = await o.bus.kv(CHECKPOINTS_BUCKET);
    const positions = await o.bus.kv(POSITIONS_BUCKET);
    const r = new StrategyRunner(o, checkpoints, positions);
    await r.#account.start();
    const ck = await loadCheckpoint<RunnerCheckpoint>(
      checkpoints,
      checkpointKeys.strategyRunner(o.pipeline.account),
    );
    if (ck) r.#restore(ck);
    r.#reader = new StreamReader({
      bus: o.bus,
      name: 'strategy-runner',
      stream: 'FEATURES',
      filter: 'feat.>',
      startSeq: r.#seq + 1,
      routes: [
        route(codecs.FeatureVector, (m: FeatureVector, meta) => r.#serial.run(() => r.#onVector(m, meta))),
        route(codecs.BarSetClosed, (m: BarSetClosed, meta) => r.#serial.run(() => r.#onSet(m, meta))),
      ],
      onDeadLetter: (reason, meta) =>
        r.#alerts.raise({
          severity: 'warning',
          code: 'feature_rejected',
          message: `strategy-runner refused ${meta.subject} #${meta.seq}: ${reason}`,
          dedupeKey: `${meta.seq}`,
        }),
    });
    r.#reader.start();
    return r;
  }

  get position(): number {
    return this.#seq;
  }

  get lastT(): number {
    return this.#lastT;
  }

  async stop(): Promise<void> {
    await this.#reader?.stop();
    this.#account.stop();
    this.#checkpoint.stop();
    await this.#serial.run(() => this.#checkpoint.flush().catch(() => undefined));
  }

  snapshot(): RunnerCheckpoint | undefined {
    if (!this.#outbox.empty) return undefined;
    const hosts: Record<string, HostSnapshot> = {};
    for (const r of this.#running) hosts[r.entry.id] = r.host.snapshot();
    const bars: Record<string, BarRow[]> = {};
    for (const [k, rows] of this.#bars) bars[k] = rows.map((b) => [...b] as BarRow);
    const features: Record<string, Record<string, number>> = {};
    for (const r of this.#running) {
      r.entry.instruments.forEach((i, k) => {
        const key = formatInstrument(i);
        features[key] = { ...features[key], ...r.host.features[k]!.toRecord() };
      });
    }
    return {
      v: 1,
      seq: this.#seq,
      lastT: this.#lastT,
      pendingT: this.#pendingT,
      pending: [...this.#pending],
      hosts,
      bars,
      features,
      marks: { ...this.#marks },
    };
  }

  #portfolioView(): PortfolioView {
    const p = this.#o.pipeline;
    const account = this.#account;
    const marks = this.#marks;
    return {
      get cash() {
        return account.value?.book.cash ?? p.config.paper.initialCash;
      },
      get equity() {
        const a = account.value;
        return a ? accountOf(a, p.specs, marks).equity : p.config.paper.initialCash;
      },
      position: (i: Instrument) => account.value?.book.positions[formatInstrument(i)]?.qty ?? 0,
      averagePrice: (i: Instrument) => account.value?.book.positions[formatInstrument(i)]?.avg ?? Number.NaN,
    };
  }

  #restore(ck: RunnerCheckpoint): void {
    this.#seq = ck.seq;
    this.#applied = ck.seq;
    this.#lastT = ck.lastT;
    this.#pendingT = ck.pendingT;
    this.#pending = new Set(ck.pending);
    Object.assign(this.#marks, ck.marks);
    for (const [k, rows] of Object.entries(ck.bars)) {
      if (!this.#keep.has(k)) continue;
      this.#bars.set(k, rows);
      const last = rows[rows.length - 1];
      if (last) this.#lastOpen.set(k, last[0]);
    }
    for (const r of this.#running) {
      r.entry.instruments.forEach((i, k) => {
        const key = formatInstrument(i);
        const rows = this.#bars.get(key) ?? [];
        for (const row of rows.slice(-r.entry.capacity)) r.feeds[k]!.push(toWindowBar(row));
        this.#restoreFeatures(r, k, key, ck.features?.[key]);
        if (ck.pendingT > 0 && this.#pending.has(key)) r.host.updated[k] = 1;
      });
      const snap = ck.hosts[r.entry.id];
      if (snap) r.host.restore(snap);
    }
  }

  /** The features a strategy saw last, from the checkpoint; NaN (with an alert) if it lacks them. */
  #restoreFeatures(r: Running, k: number, key: string, saved: Record<string, number> | undefined): void {
    const slots = r.host.features[k]!;
    if (slots.keys.length === 0 || !rowsHave(this.#bars.get(key))) return;
    const missing = saved ? slots.missing(saved) : slots.keys;
    if (missing.length === 0) {
      slots.setFrom(saved!);
      return;
    }
    this.#alerts.raise({
      severity: 'warning',
      code: 'features_not_restored',
      message: `checkpoint has no ${missing.join(', ')} for ${key}: strategy ${r.entry.id} reads NaN until its next bar`,
      labels: { strategy: r.entry.id, instrument: key },
      dedupeKey: `${r.entry.id}:${key}`,
    });
  }

  async #onVector(m: FeatureVector, meta: ReadMeta): Promise<void> {
    const p = this.#o.pipeline;
    if (meta.seq > this.#applied) {
      const ours = m.timeframe === p.tf && (m.instrument?.venue ?? '').toUpperCase() === p.venue;
      const key = `${p.venue}:${m.instrument?.symbol ?? ''}`;
      if (!ours || !this.#keep.has(key)) {
        this.#applied = meta.seq;
      } else {
        if (!m.bar) throw new AlgoError(ErrorCode.InvalidData, 'FeatureVector without its bar');
        const b = barIn(m.bar, p.tf);
        const values = m.values ?? {};
        // Checked before anything changes: a vector without a declared feature is refused whole.
        for (const r of this.#running) {
          const k = r.index.get(key);
          const missing = k === undefined ? [] : r.host.features[k]!.missing(values);
          if (missing.length > 0) {
            throw new AlgoError(
              ErrorCode.InvalidData,
              `FeatureVector for ${key} lacks ${missing.join(', ')}, declared by strategy ${r.entry.id} (is the feature-engine on the same configuration?)`,
            );
          }
        }
        this.#applied = meta.seq;
        this.counters.vectors += 1;
        if (b.openTime <= (this.#lastOpen.get(key) ?? Number.NEGATIVE_INFINITY)) {
          this.counters.duplicates += 1;
        } else {
          if (this.#pendingT > 0 && b.closeTime > this.#pendingT) {
            this.#alerts.raise({
              severity: 'warning',
              code: 'set_missing',
              message: `no bar-set marker for ${new Date(this.#pendingT).toISOString()} before later bars: stepping it now`,
              dedupeKey: `${this.#pendingT}`,
            });
            this.#step(this.#pendingT, meta);
          }
          const late = b.closeTime <= this.#lastT;
          if (late) {
            this.#alerts.raise({
              severity: 'warning',
              code: 'bar_late',
              message: `${key} bar closing ${new Date(b.closeTime).toISOString()} came after its close time was decided: in the windows, not decided on`,
              dedupeKey: `${key}:${b.openTime}`,
            });
          }
          this.#lastOpen.set(key, b.openTime);
          const row: BarRow = [b.openTime, b.open, b.high, b.low, b.close, b.volume];
          const rows = this.#bars.get(key) ?? [];
          rows.push(row);
          const keep = this.#keep.get(key)!;
          if (rows.length > keep) rows.splice(0, rows.length - keep);
          this.#bars.set(key, rows);
          for (const r of this.#running) {
            const k = r.index.get(key);
            if (k === undefined) continue;
            r.feeds[k]!.push(b);
            r.host.features[k]!.setFrom(values);
            if (!late) r.host.updated[k] = 1;
          }
          if (!late) {
            this.#marks[key] = b.close;
            this.#pendingT = b.closeTime;
            this.#pending.add(key);
          }
        }
      }
    }
    await this.#outbox.flush(this.#o.bus);
    this.#seq = meta.seq;
  }

  async #onSet(m: BarSetClosed, meta: ReadMeta): Promise<void> {
    const p = this.#o.pipeline;
    if (meta.seq > this.#applied) {
      this.#applied = meta.seq;
      const t = Number(m.closeTimeMs ?? 0);
      if ((m.venue ?? '').toUpperCase() === p.venue && m.timeframe === p.tf && t > this.#lastT) {
        if (this.#pendingT > 0 && this.#pendingT < t) this.#step(this.#pendingT, meta);
        this.#step(t, meta);
      }
    }
    await this.#outbox.flush(this.#o.bus);
    this.#seq = meta.seq;
    await this.#checkpoint.after();
  }

  /** Steps every strategy with a bar at `t` once and queues its signals and the set marker. */
  #step(t: number, meta: ReadMeta): void {
    const p = this.#o.pipeline;
    const ran: string[] = [];
    for (const r of this.#running) {
      let any = false;
      for (let k = 0; k < r.host.updated.length; k++) if (r.host.updated[k] === 1) any = true;
      if (!any) continue;
      ran.push(r.entry.id);
      let ds: readonly Decision[];
      try {
        ds = r.host.step(t);
      } catch (e) {
        r.host.updated.fill(0);
        this.counters.strategyErrors += 1;
        this.#alerts.raise({
          severity: 'critical',
          code: 'strategy_error',
          message: `strategy ${r.entry.id} failed at ${new Date(t).toISOString()}: ${(e as Error).message}`,
          labels: { strategy: r.entry.id },
          dedupeKey: `${r.entry.id}:${t}`,
        });
        continue;
      }
      const seen = new Map<string, number>();
      for (const d of ds) {
        const key = formatInstrument(d.instrument);
        const n = seen.get(key) ?? 0;
        seen.set(key, n + 1);
        const id = signalKey(r.entry.id, d.instrument, t) + (n === 0 ? '' : `:${n}`);
        this.#outbox.push(
          out(
            codecs.Signal,
            subjects.signal(r.entry.id, d.instrument),
            signalOf(p.account, r.entry.id, t, d),
            id,
            meta.msgId,
          ),
        );
        this.counters.signals += 1;
      }
    }
    const marks: Record<string, number> = {};
    const instruments: string[] = [];
    for (const i of p.instruments) {
      const key = formatInstrument(i);
      if (this.#pending.has(key) && this.#pendingT === t) {
        const sym = instrumentSymbol(i);
        instruments.push(sym);
        marks[sym] = this.#marks[key]!;
      }
    }
    const set: SignalSetClosed = {
      venue: p.venue,
      timeframe: p.tf,
      closeTimeMs: t,
      strategies: ran,
      marks,
      instruments,
    };
    this.#outbox.push(
      out(
        codecs.SignalSetClosed,
        subjects.signalSet(p.venue, p.tf),
        set,
        `sigset:${p.venue.toLowerCase()}:${p.tf}:${t}`,
        meta.msgId,
      ),
    );
    this.counters.steps += 1;
    this.#lastT = t;
    if (this.#pendingT <= t) {
      this.#pendingT = 0;
      this.#pending.clear();
    }
  }
}

function toWindowBar(r: BarRow): WindowBar {
  return { openTime: r[0], open: r[1], high: r[2], low: r[3], close: r[4], volume: r[5] };
}

function rowsHave(rows: readonly BarRow[] | undefined): boolean {
  return rows !== undefined && rows.length > 0;
}
