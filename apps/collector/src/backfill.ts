import {
  alignOpen,
  barKey,
  type Clock,
  formatInstrument,
  type Instrument,
  type Timeframe,
  timeframeMs,
} from '@algotrader/core';
import type { Gap } from '@algotrader/store';
import type { AlertSink } from './alerts';
import { iso, rejectAlert } from './archive';
import { bump, type CollectorCounters, newCollectorCounters } from './metrics';
import type { OkxMarketData } from './okx';
import type { BarReject } from './quality';
import { DEFAULT_RETRY, type RetryPolicy } from './retry';
import type { BarSink } from './sinks';
import { walkCandles } from './walk';

export interface BackfillOptions {
  readonly md: OkxMarketData;
  readonly clock: Clock;
  readonly sink: BarSink;
  readonly alerts: AlertSink;
  /** First open time wanted, ms UTC. */
  readonly since: number;
  /** Open times below this (exclusive). Default and ceiling: the forming bar's open time now. */
  readonly until?: number | undefined;
  /** OKX listing time: nothing older is asked for. */
  readonly listTime?: number | undefined;
  readonly counters?: CollectorCounters;
  readonly retry?: RetryPolicy;
  readonly signal?: AbortSignal | undefined;
  readonly onProgress?: (p: BackfillProgress) => void;
  /**
   * Repair mode: walk only the holes the store has in [since, until) — recorded exchange gaps and
   * bars rejected earlier alike — instead of resuming after the newest stored bar. `holes` answers
   * the missing slots of a range, edges included (`ParquetStore.gaps` with `edges: true`).
   */
  readonly repair?: {
    holes(instrument: Instrument, tf: Timeframe, from: number, to: number): Promise<Gap[]>;
  };
}

export interface BackfillProgress {
  readonly instrument: Instrument;
  readonly tf: Timeframe;
  /** Bars handed to the sink so far. */
  readonly bars: number;
  /** Bar slots walked so far (of `slots`). */
  readonly walked: number;
  readonly slots: number;
  readonly requests: number;
}

export interface BackfillReport {
  readonly instrument: Instrument;
  readonly tf: Timeframe;
  /** Newest bar the sink held before this run, if any (the run resumed after it). */
  readonly resumedAfter: number | undefined;
  readonly from: number;
  readonly to: number;
  readonly bars: number;
  readonly requests: number;
  readonly rejects: readonly BarReject[];
  readonly gaps: readonly Gap[];
  readonly forming: number;
  /** Repair mode: the holes found before the walk and those still there after it. */
  readonly repaired?: { readonly before: readonly Gap[]; readonly after: readonly Gap[] };
}

/**
 * The open-time range a backfill walks: from the latest of `since`, the listing and the bar after the
 * newest one held, up to (excluding) `until` and never past the bar forming at `now`.
 */
export function backfillRange(
  tf: Timeframe,
  p: {
    readonly since: number;
    readonly until?: number | undefined;
    readonly listTime?: number | undefined;
    readonly last?: number | undefined;
    readonly now: number;
  },
): { from: number; to: number; slots: number } {
  const step = timeframeMs(tf);
  const ceiling = alignOpen(p.now, tf);
  const to = Math.min(p.until === undefined ? ceiling : Math.ceil(p.until / step) * step, ceiling);
  const starts = [Math.ceil(p.since / step) * step];
  if (p.last !== undefined) starts.push(p.last + step);
  if (p.listTime !== undefined) starts.push(Math.ceil(p.listTime / step) * step);
  const from = Math.max(...starts);
  return { from, to, slots: Math.max(0, (to - from) / step) };
}

/**
 * Fetches one series' closed bars from `since` (or after the newest bar the sink already holds)
 * up to the last closed bar, window by window, handing each window to the sink before asking for
 * the next. Interrupted anywhere, the next run resumes after the newest bar stored: no hole, and
 * the bar keys make re-sent bars no-ops.
 */
export async function backfillSeries(
  instrument: Instrument,
  tf: Timeframe,
  o: BackfillOptions,
): Promise<BackfillReport> {
  const step = timeframeMs(tf);
  const counters = o.counters ?? newCollectorCounters();
  const last = o.repair ? undefined : await o.sink.lastOpenTime(instrument, tf);
  const { from, to, slots: all } = backfillRange(tf, { ...o, last, now: o.clock.now() });
  const holesBefore = o.repair && to > from ? await o.repair.holes(instrument, tf, from, to) : undefined;
  // Each span [from, to) walked, with the open time of the bar held just before it.
  const spans = holesBefore
    ? holesBefore.map((g) => ({
        from: g.fromOpen,
        to: g.toOpen + step,
        prev: g.fromOpen > from ? g.fromOpen - step : undefined,
      }))
    : [{ from, to, prev: last }];
  const slots = holesBefore ? holesBefore.reduce((a, g) => a + g.missingBars, 0) : all;
  const rejects: BarReject[] = [];
  const gaps: Gap[] = [];
  let bars = 0;
  let requests = 0;
  let forming = 0;
  let walked = 0;
  o.onProgress?.({ instrument, tf, bars, walked, slots, requests });
  // One window is stored while the next is fetched; the next is handed on only after the previous
  // one was accepted, so what the sink holds is still always a prefix of the range.
  let storing: Promise<void> = Promise.resolve();
  let storeError: { e: unknown } | undefined;
  const handOn = async () => {
    await storing;
    if (storeError) throw storeError.e;
  };
  let walkedBefore = 0;
  try {
    for (const span of spans) {
      for await (const page of walkCandles({
        md: o.md,
        clock: o.clock,
        instrument,
        tf,
        from: span.from,
        to: span.to,
        prevOpen: span.prev,
        retry: o.retry ?? DEFAULT_RETRY,
        counters,
        signal: o.signal,
      })) {
        await handOn();
        if (page.bars.length > 0) {
          storing = o.sink.write(instrument, tf, page.bars).catch((e: unknown) => {
            storeError = { e };
          });
        }
        bars += page.bars.length;
        counters.barsPublished += page.bars.length;
        requests += page.requests;
        forming += page.forming;
        for (const r of page.rejects) {
          counters.barsRejected += 1;
          bump(counters.rejectsByReason, r.reason);
          o.alerts.alert(rejectAlert(r, 'collector'));
        }
        rejects.push(...page.rejects);
        for (const g of page.gaps) reportGap(o.alerts, counters, instrument, tf, g);
        gaps.push(...page.gaps);
        walked = walkedBefore + (page.cursor - span.from) / step;
        o.onProgress?.({ instrument, tf, bars, walked, slots, requests });
      }
      walkedBefore += (span.to - span.from) / step;
    }
  } finally {
    // Also on an error: never leave a write running behind the caller's back.
    await storing;
  }
  await handOn();
  const report = { instrument, tf, resumedAfter: last, from, to, bars, requests, rejects, gaps, forming };
  if (!holesBefore || !o.repair) return report;
  return {
    ...report,
    repaired: { before: holesBefore, after: await o.repair.holes(instrument, tf, from, to) },
  };
}

/** A hole in what the exchange returned: counted and alerted, never filled. */
export function reportGap(
  alerts: AlertSink,
  counters: CollectorCounters,
  instrument: Instrument,
  tf: Timeframe,
  g: Gap,
): void {
  counters.gapsReported += 1;
  counters.missingBarsReported += g.missingBars;
  alerts.alert({
    severity: 'warning',
    code: 'exchange_gap',
    message: `${formatInstrument(instrument)} ${tf}: OKX returned no bar for ${g.missingBars} slot(s) ${iso(g.fromOpen)} → ${iso(g.toOpen)} UTC (reported, not filled)`,
    labels: {
      instrument: formatInstrument(instrument),
      tf,
      fromOpen: String(g.fromOpen),
      toOpen: String(g.toOpen),
      missingBars: String(g.missingBars),
    },
    dedupeKey: `${barKey(instrument, tf, g.fromOpen)}:gap:${g.toOpen}`,
  });
}
