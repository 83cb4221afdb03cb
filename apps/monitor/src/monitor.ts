import {
  type Bus,
  type BusLogger,
  type ConsumerHandle,
  type ConsumerSpec,
  monitorConsumers,
  subjects,
} from '@algotrader/bus';
import { alertKey, type Clock } from '@algotrader/core';
import type { MetricsSink } from '@algotrader/metrics';
import { type Alert, type Codec, codecs, pb } from '@algotrader/proto';
import { AlertTracker, type AlertTransition, observe } from './alerts';
import type { MonitorSettings } from './config';
import { type LagReport, readLag } from './lag';
import { writeSample, writeStorage } from './points';
import { type MonitorSample, MonitorState } from './state';
import { readStorage, type StorageReport, storageObservations } from './storage';

export interface MonitorOptions {
  bus: Bus;
  sink: MetricsSink;
  clock: Clock;
  settings: MonitorSettings;
  logger?: BusLogger;
}

export interface TickResult {
  sample: MonitorSample;
  /** Undefined when the JetStream API could not be read this time. */
  lag: LagReport | undefined;
  /** Alerts published by this tick. */
  alerts: AlertTransition[];
}

export interface StorageTickResult {
  report: StorageReport;
  /** `store_nearly_full` alerts published by this check. */
  alerts: AlertTransition[];
}

const SEVERITY: Record<AlertTransition['severity'], number> = {
  info: pb.Severity.SEVERITY_INFO,
  warning: pb.Severity.SEVERITY_WARNING,
  critical: pb.Severity.SEVERITY_CRITICAL,
};

/**
 * Watches the bus and JetStream and turns what it sees into metrics and alerts. Message handlers
 * only update {@link MonitorState}; every `tick()` reads consumer lag, writes one sample of points
 * and runs the alert rules. Time comes from the injected clock.
 */
export class Monitor {
  readonly state: MonitorState;
  readonly #o: MonitorOptions;
  readonly #log: BusLogger;
  readonly #tracker = new AlertTracker();
  readonly #startedMs: number;
  readonly #consumers: ConsumerHandle[] = [];
  #handled = 0;
  #timer: NodeJS.Timeout | undefined;
  #ticking: Promise<TickResult> | undefined;
  /** The storage rule has its own tracker: the main tick does not observe its keys. */
  readonly #storageTracker = new AlertTracker();
  #storageTimer: NodeJS.Timeout | undefined;
  #storageTicking: Promise<StorageTickResult> | undefined;
  #storageReadErrors = 0;

  constructor(opts: MonitorOptions) {
    this.#o = opts;
    this.#log = opts.logger ?? opts.bus.log;
    this.#startedMs = opts.clock.now();
    this.state = new MonitorState({
      barStaleGraceMs: opts.settings.barStaleGraceMs,
      heartbeatTimeoutMs: opts.settings.heartbeatTimeoutMs,
      expectedServices: opts.settings.expectedServices,
      startedMs: this.#startedMs,
    });
  }

  /** Messages the handlers have taken in so far. */
  get handled(): number {
    return this.#handled;
  }

  /** Starts the consumers (new messages only on first creation). */
  async start(): Promise<void> {
    // Its durables (created by `algotrader init` under auth; the monitor's user binds to them).
    const d = monitorConsumers(this.#o.settings.consumerPrefix);
    const s = this.state;
    await this.#consume(d.bars, codecs.Bar, (m) => s.onBar(m));
    await this.#consume(d.positions, codecs.PositionSnapshot, (m) => s.onPosition(m));
    await this.#consume(d.orders, codecs.OrderEvent, (m) => s.onOrderEvent(m));
    await this.#consume(d.fills, codecs.Fill, (m) => s.onFill(m));
    await this.#consume(d.approved, codecs.OrderRequest, (m) => s.onApproved(m));
    await this.#consume(d.rejected, codecs.RiskRejection, (m) => s.onRejection(m));
    await this.#consume(d.heartbeats, codecs.Heartbeat, (m) => s.onHeartbeat(m));
  }

  /** Sources of the storage check that could not be read, since start (also logged, and written as a metric). */
  get storageReadErrors(): number {
    return this.#storageReadErrors;
  }

  /** Ticks every `settings.intervalMs`, and checks storage every `settings.storageEveryMs`, until {@link stop}. */
  run(): void {
    this.#timer ??= setInterval(() => {
      if (this.#ticking) return; // a slow JetStream API must not pile up ticks
      this.tick().catch((e) => this.#log.error({ err: (e as Error).message }, 'monitor tick failed'));
    }, this.#o.settings.intervalMs);
    if (!this.#storageTimer) {
      const check = () => {
        if (this.#storageTicking) return;
        this.storageTick().catch((e) =>
          this.#log.error({ err: (e as Error).message }, 'storage check failed'),
        );
      };
      this.#storageTimer = setInterval(check, this.#o.settings.storageEveryMs);
      check();
    }
  }

  /**
   * One storage check: read how full streams and stores are, write the figures, publish a
   * `store_nearly_full` alert once per crossing of `storageWarnRatio` (re-armed below
   * `storageRearmRatio`). A source that cannot be read is counted and logged; its alerts stay as
   * they were.
   */
  async storageTick(): Promise<StorageTickResult> {
    if (this.#storageTicking) return this.#storageTicking;
    this.#storageTicking = this.#storageTick().finally(() => {
      this.#storageTicking = undefined;
    });
    return this.#storageTicking;
  }

  async #storageTick(): Promise<StorageTickResult> {
    const settings = this.#o.settings;
    const report = await readStorage({
      jsm: this.#o.bus.jsm,
      ...(settings.natsHttpUrl ? { natsHttpUrl: settings.natsHttpUrl } : {}),
      ...(settings.jsStoreDir ? { storeDir: settings.jsStoreDir } : {}),
    });
    for (const f of report.failures) {
      this.#storageReadErrors += 1;
      this.#log.warn({ err: f, readErrors: this.#storageReadErrors }, 'cannot read JetStream storage use');
    }
    const now = this.#o.clock.now();
    writeStorage(this.#o.sink, report, this.#storageReadErrors, now);
    const read = new Set(report.stores.map((s) => `store_nearly_full:${s.scope}`));
    const transitions = this.#storageTracker.update(
      storageObservations(report, settings),
      // Keep what could not be read this time (a failed list, an unreachable /jsz).
      (key) => (key.startsWith('store_nearly_full:stream:') ? !report.streams : !read.has(key)),
    );
    const published: AlertTransition[] = [];
    for (const t of transitions) {
      const ops = t.labels['stream'] === 'OPS' || t.labels['scope'] !== 'stream';
      // Logged in any case: when OPS itself (or the whole store) is the one filling up, the log may
      // be the only place the warning is seen.
      this.#log.warn({ key: t.key, state: t.state, labels: t.labels }, t.message);
      try {
        await this.#publish(t, now);
        published.push(t);
      } catch (e) {
        this.#storageTracker.revert(t);
        this.#log.error(
          { err: (e as Error).message, key: t.key, opsAffected: ops },
          'store_nearly_full alert publish failed; retrying next check',
        );
      }
    }
    return { report, alerts: published };
  }

  /** One round: read lag, write points, evaluate and publish alerts. */
  async tick(): Promise<TickResult> {
    if (this.#ticking) return this.#ticking;
    this.#ticking = this.#tick().finally(() => {
      this.#ticking = undefined;
    });
    return this.#ticking;
  }

  async #tick(): Promise<TickResult> {
    const settings = this.#o.settings;
    let lag: LagReport | undefined;
    try {
      lag = await readLag(this.#o.bus.jsm, settings.streams.length ? { streams: settings.streams } : {});
    } catch (e) {
      this.#log.warn({ err: (e as Error).message }, 'cannot read consumer lag');
    }
    const now = this.#o.clock.now();
    const sample = this.state.sample(now);
    if (sample.invalid > 0)
      this.#log.warn({ count: sample.invalid }, 'messages with unusable fields ignored');
    writeSample(this.#o.sink, sample, lag);
    const observations = observe(sample, lag, settings, this.#startedMs);
    const transitions = this.#tracker.update(observations, (key) => !lag && key.startsWith('consumer_lag:'));
    const published: AlertTransition[] = [];
    for (const t of transitions) {
      try {
        await this.#publish(t, now);
        published.push(t);
        this.#log.info({ key: t.key, state: t.state, severity: t.severity }, t.message);
      } catch (e) {
        this.#tracker.revert(t);
        this.#log.error(
          { err: (e as Error).message, key: t.key },
          'alert publish failed; retrying next tick',
        );
      }
    }
    return { sample, lag, alerts: published };
  }

  /** Keys of the alerts currently firing. */
  firing(): string[] {
    return this.#tracker.activeKeys();
  }

  /** Stops ticking and the consumers; the bus and the sink belong to the caller. */
  async stop(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
    if (this.#storageTimer) clearInterval(this.#storageTimer);
    this.#storageTimer = undefined;
    await this.#ticking?.catch(() => {});
    await this.#storageTicking?.catch(() => {});
    for (const c of this.#consumers.splice(0)) await c.stop();
  }

  async #publish(t: AlertTransition, now: number): Promise<void> {
    const alert: Alert = {
      severity: SEVERITY[t.severity],
      source: this.#o.bus.service,
      code: t.code,
      message: t.message,
      labels: { ...t.labels, state: t.state },
      timeMs: now,
      dedupeKey: t.key,
    };
    await this.#o.bus.publish(codecs.Alert, subjects.alert(t.severity), alert, {
      msgId: alertKey(this.#o.bus.service, t.code, `${t.key}:${t.state}:${now}`),
    });
  }

  async #consume<T>(spec: ConsumerSpec, codec: Codec<T>, handle: (m: T) => void): Promise<void> {
    const h = await this.#o.bus.consume({
      ...spec,
      codec,
      handler: (m) => {
        handle(m);
        this.#handled += 1;
      },
    });
    this.#consumers.push(h);
  }
}
