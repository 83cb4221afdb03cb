import { type Bus, subjects } from '@algotrader/bus';
import {
  alignOpen,
  barSetKey,
  formatInstrument,
  type Instrument,
  instrumentSymbol,
  symbolToken,
  type Timeframe,
  timeframeMs,
} from '@algotrader/core';
import { type BarSetClosed, codecs } from '@algotrader/proto';
import type { AlertSink } from './alerts';
import { rejectAlert } from './archive';
import { reportGap } from './backfill';
import { bump, type CollectorCounters, newCollectorCounters } from './metrics';
import type { OkxMarketData } from './okx';
import { DEFAULT_RETRY, errorLabel, type RetryPolicy } from './retry';
import type { Scheduler } from './scheduler';
import type { BarSink } from './sinks';
import type { CollectorMetrics } from './telemetry';
import { walkCandles } from './walk';

export interface LiveLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface LiveOptions {
  readonly md: OkxMarketData;
  readonly sink: BarSink;
  readonly publishBarSet: (m: BarSetClosed) => Promise<void>;
  readonly alerts: AlertSink;
  readonly scheduler: Scheduler;
  readonly symbols: readonly Instrument[];
  readonly timeframes: readonly Timeframe[];
  /** Wait after a bar's close before asking for it, so the exchange has settled. */
  readonly settleMs: number;
  /** After a close, give up waiting for missing symbols this long after it and publish the set. */
  readonly barSetTimeoutMs: number;
  /** Between asks for symbols whose bar has not come yet. */
  readonly pollMs: number;
  /** Where a series with nothing stored starts; default: only the last closed bar. */
  readonly since?: number | undefined;
  readonly retry?: RetryPolicy;
  readonly counters?: CollectorCounters;
  /**
   * Points for InfluxDB (latest bar, data health, loop, request counters). Synchronous and
   * buffered: the loop never waits on it. Build it over the same `counters`.
   */
  readonly metrics?: CollectorMetrics | undefined;
  readonly log?: LiveLogger;
  /** Called after each cycle (tests and metrics). */
  readonly onCycle?: (c: CycleReport) => void;
}

export interface CycleReport {
  readonly tf: Timeframe;
  /** Close times whose BarSetClosed this cycle published, ascending. */
  readonly closes: readonly number[];
  /** Of the newest close: symbols ("BTC/USDT") whose bar is in, and those that are not. */
  readonly arrived: readonly string[];
  readonly missing: readonly string[];
  readonly timedOut: boolean;
  readonly barsPublished: number;
}

interface SeriesState {
  /** Next open time to ask for. */
  cursor: number;
  /** Newest open time the exchange returned (kept or rejected): gap reports start after it. */
  lastSeen: number | undefined;
  /** Recent open times known published or stored (bounded), to say which bars of a close arrived. */
  readonly known: Set<number>;
}

const KNOWN_KEEP = 256;

/**
 * At every bar close + settle delay, per timeframe: fetch each symbol's newly closed bars (all of
 * them since its last one, so a collector that was down catches up), publish them, then publish one
 * `BarSetClosed` per close time listing which symbols arrived and which are missing. Symbols whose
 * bar has not come are asked again every `pollMs` until `barSetTimeoutMs` after the close.
 *
 * Errors: ccxt's NetworkError family is retried with backoff inside the fetch (counted); whatever
 * is left (retries exhausted, a malformed body, a bad symbol) is alerted and that symbol is skipped
 * for this cycle — the loop itself never stops on an error.
 */
export class LiveCollector {
  readonly counters: CollectorCounters;
  readonly #o: LiveOptions;
  readonly #state = new Map<string, SeriesState>();
  readonly #abort = new AbortController();
  #loops: Promise<void>[] = [];

  constructor(o: LiveOptions) {
    this.#o = o;
    this.counters = o.counters ?? newCollectorCounters();
    for (const tf of o.timeframes) for (const sym of o.symbols) o.metrics?.track(sym, tf);
  }

  start(): void {
    this.#loops = this.#o.timeframes.map((tf) => this.#runTimeframe(tf));
  }

  async stop(): Promise<void> {
    this.#abort.abort(new Error('collector stopping'));
    await Promise.allSettled(this.#loops);
  }

  async #runTimeframe(tf: Timeframe): Promise<void> {
    const { scheduler, settleMs } = this.#o;
    const step = timeframeMs(tf);
    const signal = this.#abort.signal;
    let marked: number | undefined;
    while (!signal.aborted) {
      const close = alignOpen(scheduler.now() - settleMs, tf);
      if (marked === undefined || close > marked) {
        try {
          await this.#cycle(tf, marked, close);
        } catch (e) {
          if (signal.aborted) return;
          this.#o.log?.error({ tf, close, err: (e as Error).message }, 'collector cycle failed');
          this.#o.alerts.alert({
            severity: 'critical',
            code: 'cycle_failed',
            message: `collector ${tf} cycle for close ${new Date(close).toISOString()} failed: ${(e as Error).message}`,
            labels: { tf, close: String(close) },
          });
        }
        marked = close;
      }
      try {
        await scheduler.sleepUntil(close + step + settleMs, signal);
      } catch {
        return;
      }
    }
  }

  async #cycle(tf: Timeframe, prevMarked: number | undefined, close: number): Promise<void> {
    const o = this.#o;
    const startedAt = o.scheduler.now();
    const step = timeframeMs(tf);
    const target = close - step;
    const deadline = close + o.barSetTimeoutMs;
    const pending = new Set(o.symbols);
    const failed = new Set<Instrument>();
    let published = 0;
    for (;;) {
      for (const sym of [...pending]) {
        try {
          const state = await this.#series(sym, tf, target);
          published += await this.#catchUp(sym, tf, state, close);
          // In, or answered and rejected: either way there is nothing more to wait for.
          if (state.known.has(target) || (state.lastSeen ?? Number.NEGATIVE_INFINITY) >= target) {
            pending.delete(sym);
          }
        } catch (e) {
          if (this.#abort.signal.aborted) throw e;
          pending.delete(sym);
          failed.add(sym);
          this.#fetchFailed(sym, tf, close, e);
        }
      }
      if (pending.size === 0 || o.scheduler.now() >= deadline) break;
      await o.scheduler.sleepUntil(Math.min(o.scheduler.now() + o.pollMs, deadline), this.#abort.signal);
    }
    const timedOut = pending.size > 0;
    const first = prevMarked === undefined ? close : prevMarked + step;
    const closes: number[] = [];
    let arrived: string[] = [];
    let missing: string[] = [];
    for (let c = first; c <= close; c += step) {
      arrived = [];
      missing = [];
      for (const sym of o.symbols) {
        const st = this.#state.get(key(sym, tf));
        (st?.known.has(c - step) ? arrived : missing).push(instrumentSymbol(sym));
      }
      const venue = o.symbols[0]?.venue ?? 'OKX';
      await o.publishBarSet({ venue, timeframe: tf, closeTimeMs: c, arrived, missing, timedOut });
      this.counters.barSetsPublished += 1;
      closes.push(c);
    }
    this.counters.cycles += 1;
    o.metrics?.cycleDone({
      tf,
      close,
      startedAt,
      arrived: arrived.length,
      missing: missing.length,
      timedOut,
    });
    if (missing.length > 0) {
      o.log?.warn(
        { tf, close, missing, failed: [...failed].map(formatInstrument), timedOut },
        'bar set incomplete',
      );
    }
    o.onCycle?.({ tf, closes, arrived, missing, timedOut, barsPublished: published });
  }

  async #series(sym: Instrument, tf: Timeframe, target: number): Promise<SeriesState> {
    const k = key(sym, tf);
    let st = this.#state.get(k);
    if (st) return st;
    const step = timeframeMs(tf);
    const last = await this.#o.sink.lastOpenTime(sym, tf);
    const since = this.#o.since === undefined ? target : Math.ceil(this.#o.since / step) * step;
    st = {
      cursor: last !== undefined ? Math.max(last + step, since) : since,
      lastSeen: last,
      known: new Set(last !== undefined ? [last] : []),
    };
    this.#state.set(k, st);
    this.#o.metrics?.seed(sym, tf, last);
    return st;
  }

  /** Fetches [cursor, close) and publishes what came; returns how many bars were published. */
  async #catchUp(sym: Instrument, tf: Timeframe, st: SeriesState, close: number): Promise<number> {
    const o = this.#o;
    const step = timeframeMs(tf);
    let published = 0;
    if (st.cursor >= close) return 0;
    for await (const page of walkCandles({
      md: o.md,
      clock: o.scheduler,
      instrument: sym,
      tf,
      from: st.cursor,
      to: close,
      prevOpen: st.lastSeen,
      retry: o.retry ?? DEFAULT_RETRY,
      counters: this.counters,
      signal: this.#abort.signal,
    })) {
      if (page.bars.length > 0) await o.sink.write(sym, tf, page.bars);
      published += page.bars.length;
      this.counters.barsPublished += page.bars.length;
      o.metrics?.published(sym, tf, page.bars);
      o.metrics?.rejected(page.rejects, 'collector');
      o.metrics?.gapsReported(sym, tf, page.gaps);
      for (const b of page.bars) remember(st.known, b.openTime);
      for (const r of page.rejects) {
        this.counters.barsRejected += 1;
        bump(this.counters.rejectsByReason, r.reason);
        o.alerts.alert(rejectAlert(r, 'collector'));
      }
      for (const g of page.gaps) reportGap(o.alerts, this.counters, sym, tf, g);
      const seen = [...page.bars.map((b) => b.openTime), ...page.rejects.map((r) => r.openTime)];
      if (seen.length > 0) st.lastSeen = Math.max(st.lastSeen ?? -Infinity, ...seen);
      // Only past what the exchange has actually returned: a bar not there yet is asked again.
      if (st.lastSeen !== undefined) st.cursor = Math.max(st.cursor, st.lastSeen + step);
    }
    return published;
  }

  #fetchFailed(sym: Instrument, tf: Timeframe, close: number, e: unknown): void {
    this.counters.fetchFailures += 1;
    this.#o.metrics?.fetchFailed(sym, tf);
    const label = errorLabel(e);
    this.#o.log?.warn({ symbol: formatInstrument(sym), tf, err: (e as Error)?.message }, 'fetch failed');
    this.#o.alerts.alert({
      severity: 'warning',
      code: 'fetch_failed',
      message: `${formatInstrument(sym)} ${tf}: skipped for the close ${new Date(close).toISOString()}: ${(e as Error)?.message ?? e}`,
      labels: { instrument: formatInstrument(sym), tf, close: String(close), error: label },
      dedupeKey: `${symbolToken(sym)}:${tf}:${close}:fetch_failed`,
    });
  }
}

function key(i: Instrument, tf: Timeframe): string {
  return `${formatInstrument(i)}|${tf}`;
}

function remember(set: Set<number>, t: number): void {
  set.add(t);
  if (set.size > KNOWN_KEEP) {
    const oldest = Math.min(...set);
    set.delete(oldest);
  }
}

/** Publishes a BarSetClosed on `md.barset.<venue>.<tf>`; its id is the venue, timeframe and close time. */
export function busBarSetPublisher(bus: Bus): (m: BarSetClosed) => Promise<void> {
  return async (m) => {
    const venue = m.venue ?? 'OKX';
    const tf = m.timeframe as Timeframe;
    await bus.publish(codecs.BarSetClosed, subjects.barSet(venue, tf), m, {
      msgId: barSetKey(venue, tf, Number(m.closeTimeMs)),
    });
  };
}
