import type { LagReport } from './lag';
import type { MonitorSample } from './state';

export type AlertSeverity = 'info' | 'warning' | 'critical';

export interface AlertLimits {
  /** A durable consumer with more undelivered messages than this is lagging. */
  maxConsumerPending: number;
  /** Consumers the lag rule ignores (e.g. an archiver that is allowed to fall behind), `STREAM/name`. */
  ignoreConsumers: readonly string[];
  /** Drawdown (fraction below the peak) that raises a critical alert. */
  maxDrawdown: number;
  /**
   * Hysteresis: a lag or drawdown alert clears only once the value is back below
   * `limit x clearRatio`, so a value wobbling around the limit does not flap.
   */
  clearRatio: number;
  /** Before this much time has passed since the monitor started, a never-seen service is not "missing". */
  heartbeatTimeoutMs: number;
}

/** One rule's verdict about one subject (a consumer, an instrument, a service, an account). */
export interface Observation {
  /** Stable identity of the condition; also the Alert's dedupe_key. */
  key: string;
  code: string;
  severity: Exclude<AlertSeverity, 'info'>;
  /** true: the condition holds; false: it is clear; undefined: inside the hysteresis band, no change. */
  active: boolean | undefined;
  message: string;
  labels: Record<string, string>;
}

export interface AlertTransition {
  key: string;
  code: string;
  /** The rule's severity when firing; `info` when resolved. */
  severity: AlertSeverity;
  state: 'firing' | 'resolved';
  message: string;
  labels: Record<string, string>;
}

/** Applies the alert rules to one sample. Pure. */
export function observe(
  sample: MonitorSample,
  lag: LagReport | undefined,
  limits: AlertLimits,
  monitorStartedMs: number,
): Observation[] {
  const out: Observation[] = [];
  const ignored = new Set(limits.ignoreConsumers);
  for (const c of lag?.consumers ?? []) {
    const id = `${c.stream}/${c.consumer}`;
    if (ignored.has(id)) continue;
    const limit = limits.maxConsumerPending;
    out.push({
      key: `consumer_lag:${c.stream}:${c.consumer}`,
      code: 'consumer_lag',
      severity: 'warning',
      active: band(c.numPending, limit, limits.clearRatio),
      message:
        c.numPending > limit
          ? `consumer ${id} is ${c.numPending} messages behind (limit ${limit})`
          : `consumer ${id} caught up: ${c.numPending} messages behind`,
      labels: { stream: c.stream, consumer: c.consumer, num_pending: String(c.numPending) },
    });
  }
  for (const b of sample.bars) {
    const lagS = Math.round(b.lagMs / 1000);
    out.push({
      key: `bar_stale:${b.instrument}:${b.timeframe}`,
      code: 'bar_stale',
      severity: 'warning',
      active: b.stale,
      message: b.stale
        ? `no ${b.timeframe} bar for ${b.instrument} since ${new Date(b.lastCloseMs).toISOString()} (${lagS} s ago)`
        : `${b.timeframe} bars for ${b.instrument} flowing again (latest closed ${lagS} s ago)`,
      labels: { instrument: b.instrument, timeframe: b.timeframe, lag_s: String(lagS) },
    });
  }
  for (const s of sample.services) {
    const neverSeen = s.ageMs === undefined;
    const inGrace = neverSeen && sample.timeMs - monitorStartedMs <= limits.heartbeatTimeoutMs;
    out.push({
      key: `heartbeat_missing:${s.service}`,
      code: 'heartbeat_missing',
      severity: 'critical',
      active: inGrace ? undefined : !s.up,
      message: s.up
        ? `${s.service} is sending heartbeats again (${s.instances} instance${s.instances === 1 ? '' : 's'})`
        : neverSeen
          ? `no heartbeat from ${s.service} since the monitor started`
          : `no heartbeat from ${s.service} for ${Math.round((s.ageMs ?? 0) / 1000)} s`,
      labels: { service: s.service },
    });
  }
  for (const a of sample.accounts) {
    const pct = (a.drawdown * 100).toFixed(1);
    out.push({
      key: `drawdown:${a.account}`,
      code: 'drawdown_limit',
      severity: 'critical',
      active: band(a.drawdown, limits.maxDrawdown, limits.clearRatio),
      message:
        a.drawdown > limits.maxDrawdown
          ? `account ${a.account} is ${pct}% below its peak equity (limit ${(limits.maxDrawdown * 100).toFixed(1)}%)`
          : `account ${a.account} drawdown back to ${pct}%`,
      labels: { account: a.account, drawdown: a.drawdown.toFixed(4), equity: String(a.equity) },
    });
  }
  return out;
}

function band(value: number, limit: number, clearRatio: number): boolean | undefined {
  if (value > limit) return true;
  if (value <= limit * clearRatio) return false;
  return undefined;
}

/**
 * Turns observations into alerts with hysteresis: one alert when a condition starts, one `info`
 * alert when it clears, nothing while it persists. A condition whose subject disappears (a deleted
 * consumer) is resolved.
 */
export class AlertTracker {
  readonly #active = new Map<string, Observation>();
  /** What the latest update resolved, for {@link revert}. */
  #resolved = new Map<string, Observation>();

  /**
   * @param keep keys of firing alerts to leave alone when not observed this time (their source could
   *   not be read, e.g. the JetStream API timed out), instead of resolving them.
   */
  update(
    observations: readonly Observation[],
    keep: (key: string) => boolean = () => false,
  ): AlertTransition[] {
    this.#resolved = new Map();
    const out: AlertTransition[] = [];
    const seen = new Set<string>();
    for (const o of observations) {
      seen.add(o.key);
      const firing = this.#active.has(o.key);
      if (o.active === true && !firing) {
        this.#active.set(o.key, o);
        out.push({ ...pick(o), severity: o.severity, state: 'firing' });
      } else if (o.active === false && firing) {
        this.#resolved.set(o.key, this.#active.get(o.key)!);
        this.#active.delete(o.key);
        out.push({ ...pick(o), severity: 'info', state: 'resolved' });
      }
    }
    for (const [key, o] of this.#active) {
      if (seen.has(key) || keep(key)) continue;
      this.#resolved.set(key, o);
      this.#active.delete(key);
      out.push({
        ...pick(o),
        message: `${o.code} ${key}: no longer reported`,
        severity: 'info',
        state: 'resolved',
      });
    }
    return out;
  }

  /**
   * Undoes a transition of the latest update whose alert could not be published, so the next
   * evaluation produces it again.
   */
  revert(t: AlertTransition): void {
    if (t.state === 'firing') {
      this.#active.delete(t.key);
      return;
    }
    const o = this.#resolved.get(t.key);
    if (o) this.#active.set(t.key, o);
  }

  activeKeys(): string[] {
    return [...this.#active.keys()].sort();
  }
}

function pick(o: Observation): Pick<AlertTransition, 'key' | 'code' | 'message' | 'labels'> {
  return { key: o.key, code: o.code, message: o.message, labels: o.labels };
}
