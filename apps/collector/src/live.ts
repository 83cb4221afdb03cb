import { type Bus, subjects } from '@algotrader/bus';
import {
  alignOpen,
  type FundingGap,
  type FundingSeries,
  formatInstrument,
  fundingKey,
  type Instrument,
  instrumentSymbol,
  parseInstrument,
  symbolToken,
  type Timeframe,
  timeframeMs,
} from '@algotrader/core';
import { type BarSetClosed, codecs, encodeFundingRate, type FundingRateMsg } from '@algotrader/proto';
import type { AlertSink } from './alerts';
import { rejectAlert } from './archive';
import { reportGap } from './backfill';
import { bump, type CollectorCounters, countedRequest, countRetry, newCollectorCounters } from './metrics';
import type { OkxMarketData } from './okx';
import type { OkxPerpData } from './perp';
import { DEFAULT_RETRY, errorLabel, type RetryPolicy, withRetry } from './retry';
import type { Scheduler } from './scheduler';
import { type BarSink, barSetSubject, type MdPublisher, sequentialMdPublisher } from './sinks';
import type { CollectorMetrics } from './telemetry';
import { type WalkPage, walkCandles } from './walk';

export interface LiveLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface LiveOptions {
  readonly md: OkxMarketData;
  /** Where a series resumes (`lastOpenTime`); also where bars go when no `publisher` is given. */
  readonly sink: BarSink;
  readonly publishBarSet: (m: BarSetClosed) => Promise<void>;
  /**
   * Publishes a cycle's bars and markers pipelined and in order ({@link BusMdPublisher}); without
   * it, `sink.write` and `publishBarSet` are awaited one after the other.
   */
  readonly publisher?: MdPublisher | undefined;
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
  /** The current funding rate of each swap, fetched every `everyMs` and published (none when absent). */
  readonly funding?: LiveFundingOptions | undefined;
}

export interface LiveFundingOptions {
  readonly data: OkxPerpData;
  readonly swaps: readonly Instrument[];
  readonly publish: (m: FundingRateMsg) => Promise<void>;
  readonly everyMs: number;
  /**
   * Where settled funding goes (the Parquet funding dataset, @algotrader/store `PerpStore`): when
   * the coming settlement moves on (and once at start), the newest page of
   * `public/funding-rate-history` is fetched and its settlements before it are appended. The
   * current rate itself is never stored: it is a live estimate that may still change before the
   * settlement, not the rate that was paid.
   */
  readonly store?: SettledFundingStore | undefined;
  /** Rows of `funding-rate-history` asked for per append (default 20: about a week of 8 h settlements). */
  readonly settledPage?: number;
}

/** The part of @algotrader/store's `PerpStore` the live funding loop writes to. */
export interface SettledFundingStore {
  appendFunding(
    i: Instrument,
    f: FundingSeries,
  ): Promise<{
    readonly written: number;
    readonly duplicates: number;
    readonly conflicts: readonly {
      readonly time: number;
      readonly stored: number;
      readonly fetched: number;
    }[];
    readonly gaps: readonly FundingGap[];
  }>;
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
  /** Newest open time the sink held when this process started: the bars up to it are in. */
  readonly heldThrough: number | undefined;
}

/** Of a fetched page, what {@link LiveCollector} publishes (possibly one close's slice of it). */
type Fetched = Pick<WalkPage, 'bars' | 'rejects' | 'gaps'>;

/** One step of a cycle's publishing, in stream order: a symbol's bars (of one or more closes), or a marker. */
type Step =
  | { readonly kind: 'bars'; readonly sym: Instrument; readonly st: SeriesState; readonly part: Fetched }
  | {
      readonly kind: 'mark';
      readonly close: number;
      readonly timedOut: boolean;
      /** What the marker sent says (set when it is handed to the publisher). */
      mark?: { arrived: string[]; missing: string[] };
    };

/** What one cycle has done so far. */
interface CycleRun {
  readonly tf: Timeframe;
  /** The newest close: a step failing is alerted for it. */
  readonly close: number;
  readonly fetched: Map<Instrument, { st: SeriesState; pages: Fetched[] }>;
  readonly failed: Set<Instrument>;
  /** Close times whose marker is stored. */
  readonly closes: number[];
  /** The stored marker of the newest close. */
  last: { arrived: string[]; missing: string[] } | undefined;
  published: number;
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
  /** Settled funding appended to the store (live loop): rows written, already held, held with another rate; failed appends. */
  readonly settled = { written: 0, duplicates: 0, conflicts: 0, failures: 0 };
  /** Per swap key: the coming settlement whose earlier settlements are stored. */
  readonly #settledBefore = new Map<string, number>();
  readonly #publisher: MdPublisher;

  constructor(o: LiveOptions) {
    this.#o = o;
    this.#publisher = o.publisher ?? sequentialMdPublisher(o.sink, o.publishBarSet);
    this.counters = o.counters ?? newCollectorCounters();
    for (const tf of o.timeframes) for (const sym of o.symbols) o.metrics?.track(sym, tf);
  }

  start(): void {
    this.#loops = this.#o.timeframes.map((tf) => this.#runTimeframe(tf));
    if (this.#o.funding && this.#o.funding.swaps.length > 0)
      this.#loops.push(this.#runFunding(this.#o.funding));
  }

  /**
   * Every `everyMs`: each swap's current funding rate (`public/funding-rate`) onto the bus. A failed
   * fetch (retries exhausted, a non-finite rate, an instrument OKX does not know) is counted and
   * alerted, and that swap waits for the next round — nothing is published for it, never a guess.
   */
  async #runFunding(f: LiveFundingOptions): Promise<void> {
    const { scheduler } = this.#o;
    const signal = this.#abort.signal;
    while (!signal.aborted) {
      const started = scheduler.now();
      for (const swap of f.swaps) {
        try {
          const r = await withRetry(
            () => countedRequest(this.counters, 'funding-rate', () => f.data.currentFunding(swap)),
            this.#o.retry ?? DEFAULT_RETRY,
            { signal, onRetry: (e) => countRetry(this.counters, 'funding-rate', e) },
          );
          const fetchedAt = scheduler.now();
          const msg = encodeFundingRate(
            { instrument: swap, rate: r.rate, fundingTime: r.fundingTime, fetchedAt },
            r.nextFundingTime ?? 0,
            'okx',
          );
          await f.publish(msg);
          this.counters.fundingPublished += 1;
          if (f.store && r.fundingTime > (this.#settledBefore.get(formatInstrument(swap)) ?? 0)) {
            await this.#storeSettled(f, f.store, swap, r.fundingTime);
          }
        } catch (e) {
          if (signal.aborted) return;
          this.counters.fundingFailures += 1;
          const err = (e as Error).message;
          this.#o.log?.error({ instrument: formatInstrument(swap), err }, 'funding rate fetch failed');
          this.#o.alerts.alert({
            severity: 'warning',
            code: 'funding_failed',
            message: `collector: current funding rate of ${formatInstrument(swap)} not published: ${err}`,
            labels: { instrument: formatInstrument(swap), cause: errorLabel(e) },
            dedupeKey: `funding:${symbolToken(swap)}`,
          });
        }
      }
      try {
        await scheduler.sleepUntil(started + f.everyMs, signal);
      } catch {
        return;
      }
    }
  }

  /**
   * The settlements before `before` from the newest page of `funding-rate-history`, appended to the
   * funding dataset. A failure (fetch, a non-finite rate, the write) is counted and alerted and the
   * next round tries again; a rate that differs from the stored one is alerted and left as stored.
   */
  async #storeSettled(
    f: LiveFundingOptions,
    store: SettledFundingStore,
    swap: Instrument,
    before: number,
  ): Promise<void> {
    const key = formatInstrument(swap);
    const signal = this.#abort.signal;
    try {
      const page = await withRetry(
        () =>
          countedRequest(this.counters, 'funding-rate-history', () =>
            f.data.fundingPage(swap, undefined, f.settledPage ?? 20),
          ),
        this.#o.retry ?? DEFAULT_RETRY,
        { signal, onRetry: (e) => countRetry(this.counters, 'funding-rate-history', e) },
      );
      const rows = page.filter((r) => r.time < before).sort((a, b) => a.time - b.time);
      const bad = rows.find((r) => !Number.isFinite(Number(r.rate)) || r.rate.trim() === '');
      if (bad)
        throw new Error(
          `settled funding at ${new Date(bad.time).toISOString()}: rate "${bad.rate}" is not a finite number`,
        );
      const r = await store.appendFunding(swap, {
        time: Float64Array.from(rows, (x) => x.time),
        rate: Float64Array.from(rows, (x) => Number(x.rate)),
      });
      this.settled.written += r.written;
      this.settled.duplicates += r.duplicates;
      this.settled.conflicts += r.conflicts.length;
      this.#settledBefore.set(key, before);
      for (const c of r.conflicts) {
        this.#o.alerts.alert({
          severity: 'warning',
          code: 'funding_conflict',
          message: `collector: ${key} settlement ${new Date(c.time).toISOString()} fetched at rate ${c.fetched}, stored as ${c.stored}: kept as stored`,
          labels: { instrument: key },
          dedupeKey: `funding_conflict:${symbolToken(swap)}:${c.time}`,
        });
      }
      for (const g of r.gaps) {
        this.#o.alerts.alert({
          severity: 'warning',
          code: 'funding_gap',
          message: `collector: ${key} funding has ${g.missing} settlement(s) missing between ${new Date(g.after).toISOString()} and ${new Date(g.before).toISOString()} (not filled)`,
          labels: { instrument: key },
          dedupeKey: `funding_gap:${symbolToken(swap)}:${g.after}`,
        });
      }
    } catch (e) {
      if (signal.aborted) return;
      this.settled.failures += 1;
      const err = (e as Error).message;
      this.#o.log?.error({ instrument: key, err }, 'settled funding not stored');
      this.#o.alerts.alert({
        severity: 'warning',
        code: 'funding_settled_failed',
        message: `collector: settled funding of ${key} not stored (tried again next round): ${err}`,
        labels: { instrument: key, cause: errorLabel(e) },
        dedupeKey: `funding_settled:${symbolToken(swap)}`,
      });
    }
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
    const failed = new Set<Instrument>();
    // 1. Fetch every symbol's closed bars, publishing nothing yet: a catch-up of several closes is
    // then published close by close (all symbols' bar of C, the marker of C, then C+1), so a
    // consumer deciding on a marker has every symbol's bar of that close before it.
    const fetched = new Map<Instrument, { st: SeriesState; pages: Fetched[] }>();
    for (const sym of o.symbols) {
      const pages: Fetched[] = [];
      try {
        const st = await this.#series(sym, tf, target);
        fetched.set(sym, { st, pages });
        for await (const page of this.#walk(sym, tf, st, close)) pages.push(page);
      } catch (e) {
        if (this.#abort.signal.aborted) throw e;
        failed.add(sym);
        this.#fetchFailed(sym, tf, close, e);
      }
    }
    // 2. The closes to mark: after the last one marked, or on a (re)start from the oldest bar fetched.
    let first = close;
    if (prevMarked !== undefined) first = prevMarked + step;
    else {
      // Pages are ascending: each page's first bar or reject is its oldest (no spread of a long list).
      for (const { pages } of fetched.values()) {
        for (const p of pages) {
          for (const t of [p.bars[0]?.openTime, p.rejects[0]?.openTime]) {
            if (t !== undefined) first = Math.min(first, t + step);
          }
        }
      }
    }
    const venue = o.symbols[0]?.venue ?? 'OKX';
    const run: CycleRun = { tf, close, fetched, failed, closes: [], last: undefined, published: 0 };
    // Every close's bars, each followed by its marker, handed over together: published pipelined,
    // stored in this order (older bars, late ones of closes already marked, before the first marker).
    const steps: Step[] = [];
    for (let c = first; c <= close; c += step) {
      for (const [sym, { st, pages }] of fetched) {
        const part = takeThrough(pages, c - step);
        if (part !== undefined) steps.push({ kind: 'bars', sym, st, part });
      }
      if (c < close) steps.push({ kind: 'mark', close: c, timedOut: false });
    }
    // The newest close's marker goes with them when no symbol will have to be asked again.
    const waiting = (sym: Instrument, st: SeriesState) => {
      if (failed.has(sym) || settled(st, target)) return false;
      for (const x of steps) {
        if (x.kind !== 'bars' || x.sym !== sym) continue;
        if (x.part.bars.some((b) => b.openTime >= target) || x.part.rejects.some((r) => r.openTime >= target))
          return false;
      }
      return true;
    };
    const marksNow = ![...fetched].some(([sym, { st }]) => waiting(sym, st));
    if (marksNow) steps.push({ kind: 'mark', close, timedOut: false });
    await this.#publish(venue, steps, run);
    let timedOut = false;
    if (!marksNow) {
      // 3. The newest close: symbols whose bar has not come are asked again until the timeout.
      const pending = new Set(
        [...fetched].filter(([sym, { st }]) => !failed.has(sym) && !settled(st, target)).map(([sym]) => sym),
      );
      while (pending.size > 0 && o.scheduler.now() < deadline) {
        await o.scheduler.sleepUntil(Math.min(o.scheduler.now() + o.pollMs, deadline), this.#abort.signal);
        for (const sym of [...pending]) {
          const st = fetched.get(sym)?.st;
          if (st === undefined) continue;
          try {
            for await (const page of this.#walk(sym, tf, st, close)) {
              await this.#publish(venue, [{ kind: 'bars', sym, st, part: page }], run);
              if (failed.has(sym)) break;
            }
            if (failed.has(sym) || settled(st, target)) pending.delete(sym);
          } catch (e) {
            if (this.#abort.signal.aborted) throw e;
            pending.delete(sym);
            failed.add(sym);
            this.#fetchFailed(sym, tf, close, e);
          }
        }
      }
      timedOut = pending.size > 0;
      await this.#publish(venue, [{ kind: 'mark', close, timedOut }], run);
    }
    const { arrived, missing } = run.last ?? this.#arrivals(tf, close);
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
    o.onCycle?.({ tf, closes: run.closes, arrived, missing, timedOut, barsPublished: run.published });
  }

  /**
   * Publishes `steps` in this order, pipelined one close at a time (a close's bars together, then
   * its marker), through one batch of the publisher; each step's
   * state (cursor, counters, what arrived) moves once it is stored, in order. A marker lists as
   * arrived the bars stored before it or handed over ahead of it: it is stored only after them. A
   * symbol whose bars fail is alerted and skipped for the rest of the cycle (its cursor stays, the
   * next cycle asks again) and what was not stored goes again in a new batch, its markers
   * recomputed (one already stored keeps its id: a marker is stored at most once). A marker that
   * cannot be published fails the cycle.
   */
  async #publish(venue: string, steps: readonly Step[], run: CycleRun): Promise<void> {
    let rest = steps;
    while (rest.length > 0) {
      const batch = this.#publisher.batch();
      const queued = new Map<SeriesState, Set<number>>();
      const stored = rest.map((x) => x.kind === 'bars' && x.part.bars.length === 0);
      let done = 0;
      let handed = 0;
      // Bars parts handed over since the last marker (see the rounds below).
      let parts = 0;
      const advance = () => {
        while (done < handed && stored[done]) this.#stored(rest[done++]!, run);
      };
      try {
        while (handed < rest.length) {
          const i = handed;
          const x = rest[i]!;
          const onAcked = () => {
            stored[i] = true;
            advance();
          };
          if (x.kind === 'mark') {
            // One close per round. The batch chains each publish on its predecessor's msg id, but
            // a bar's msg id is its bar key, which other writers (the scheduler's catch-up
            // backfill) store too, and nats-server answers a duplicate before it checks the
            // expectation: a chain over shared ids proves only that *a* copy of the predecessor is
            // last, not that this batch's earlier publishes were stored. So a marker goes only
            // after every bar of its close was acked — chained straight on the bar when the close
            // has one symbol's part (then the chain proves it) — and the next close's bars only
            // after the marker was acked. A symbol's bars can then not be stored out of order,
            // and a marker never before a bar it lists.
            if (parts > 1) await batch.flush();
            parts = 0;
            x.mark = this.#arrivals(run.tf, x.close, queued);
            handed += 1;
            await batch.barSet(
              { venue, timeframe: run.tf, closeTimeMs: x.close, ...x.mark, timedOut: x.timedOut },
              onAcked,
            );
            if (handed < rest.length) await batch.flush();
          } else {
            handed += 1;
            if (x.part.bars.length === 0) advance();
            else {
              const q = queued.get(x.st) ?? new Set<number>();
              queued.set(x.st, q);
              for (const b of x.part.bars) q.add(b.openTime);
              parts += 1;
              await batch.bars(x.sym, run.tf, x.part.bars, onAcked);
            }
          }
        }
        await batch.flush();
        advance();
        rest = [];
      } catch (e) {
        advance();
        const head = rest[done];
        if (this.#abort.signal.aborted || head === undefined || head.kind === 'mark') throw e;
        // Not stored, so its cursor did not move: the next cycle asks again.
        run.fetched.delete(head.sym);
        run.failed.add(head.sym);
        this.#fetchFailed(head.sym, run.tf, run.close, e);
        rest = rest.slice(done).filter((x) => x.kind === 'mark' || x.sym !== head.sym);
      }
    }
  }

  /** A step is stored: its state moves (see {@link #applied}), a marker is counted. */
  #stored(x: Step, run: CycleRun): void {
    if (x.kind === 'bars') {
      run.published += this.#applied(x.sym, run.tf, x.st, x.part);
      return;
    }
    this.counters.barSetsPublished += 1;
    run.closes.push(x.close);
    if (x.close === run.close) run.last = x.mark;
  }

  /** Of the close `c`: which symbols' bar is in (published now, or held before this process started). */
  #arrivals(
    tf: Timeframe,
    c: number,
    queued?: ReadonlyMap<SeriesState, ReadonlySet<number>>,
  ): { arrived: string[]; missing: string[] } {
    const step = timeframeMs(tf);
    const arrived: string[] = [];
    const missing: string[] = [];
    for (const sym of this.#o.symbols) {
      const st = this.#state.get(key(sym, tf));
      const held =
        st !== undefined &&
        (st.known.has(c - step) ||
          (st.heldThrough ?? -Infinity) >= c - step ||
          queued?.get(st)?.has(c - step) === true);
      (held ? arrived : missing).push(instrumentSymbol(sym));
    }
    return { arrived, missing };
  }

  async #series(sym: Instrument, tf: Timeframe, target: number): Promise<SeriesState> {
    const k = key(sym, tf);
    let st = this.#state.get(k);
    if (st) return st;
    const step = timeframeMs(tf);
    const last = await this.#o.sink.lastOpenTime(sym, tf);
    // A series with bars resumes right after its last one, so an outage is caught up; `since` only
    // moves that start later when it is set explicitly (and places a series with nothing stored).
    const since = this.#o.since === undefined ? undefined : Math.ceil(this.#o.since / step) * step;
    const resume = last === undefined ? undefined : last + step;
    st = {
      cursor:
        resume === undefined ? (since ?? target) : since === undefined ? resume : Math.max(resume, since),
      lastSeen: last,
      known: new Set(last !== undefined ? [last] : []),
      heldThrough: last,
    };
    this.#state.set(k, st);
    this.#o.metrics?.seed(sym, tf, last);
    return st;
  }

  /** Asks for [cursor, close); publishes nothing and moves no state (see {@link #applied}). */
  #walk(sym: Instrument, tf: Timeframe, st: SeriesState, close: number): AsyncIterable<WalkPage> {
    const o = this.#o;
    if (st.cursor >= close) return emptyWalk();
    return walkCandles({
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
    });
  }

  /**
   * Fetched bars are stored (or there were none): counts them, reports their rejects and gaps, then
   * moves the cursor past them. Until then the cursor stays, so bars not stored are asked again.
   * Returns how many bars were published.
   */
  #applied(sym: Instrument, tf: Timeframe, st: SeriesState, page: Fetched): number {
    const o = this.#o;
    const step = timeframeMs(tf);
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
    return page.bars.length;
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

/** The bar of `target` is in, or the exchange answered past it: nothing more to wait for. */
function settled(st: SeriesState, target: number): boolean {
  return st.known.has(target) || (st.lastSeen ?? Number.NEGATIVE_INFINITY) >= target;
}

/**
 * Removes from `pages` (in place) and returns what is at or before `through` (bars and rejects by
 * open time, gaps by their first missing open), or undefined when there is nothing.
 */
function takeThrough(pages: Fetched[], through: number): Fetched | undefined {
  const bars: Fetched['bars'] = [];
  const rejects: Fetched['rejects'] = [];
  const gaps: Fetched['gaps'] = [];
  for (let i = 0; i < pages.length; i++) {
    const p = pages[i]!;
    bars.push(...p.bars.filter((b) => b.openTime <= through));
    rejects.push(...p.rejects.filter((r) => r.openTime <= through));
    gaps.push(...p.gaps.filter((g) => g.fromOpen <= through));
    pages[i] = {
      bars: p.bars.filter((b) => b.openTime > through),
      rejects: p.rejects.filter((r) => r.openTime > through),
      gaps: p.gaps.filter((g) => g.fromOpen > through),
    };
  }
  return bars.length + rejects.length + gaps.length > 0 ? { bars, rejects, gaps } : undefined;
}

async function* emptyWalk(): AsyncIterable<WalkPage> {}

function remember(set: Set<number>, t: number): void {
  set.add(t);
  if (set.size > KNOWN_KEEP) {
    const oldest = Math.min(...set);
    set.delete(oldest);
  }
}

/** Publishes a swap's current funding rate on `md.funding.<instrument>` (one per swap and fetch). */
export function busFundingPublisher(bus: Bus): (m: FundingRateMsg) => Promise<void> {
  return async (m) => {
    const i = parseInstrument(`${m.venue}:${m.symbol}`);
    await bus.publish(codecs.FundingRate, subjects.funding(i), m, {
      msgId: fundingKey(i, Number(m.fetchedAtMs)),
    });
  };
}

/** Publishes a BarSetClosed on `md.barset.<venue>.<tf>`; its id is the venue, timeframe and close time. */
export function busBarSetPublisher(bus: Bus): (m: BarSetClosed) => Promise<void> {
  return async (m) => {
    const { subject, msgId } = barSetSubject(m);
    await bus.publish(codecs.BarSetClosed, subject, m, { msgId });
  };
}
