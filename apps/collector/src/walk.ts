import {
  alignOpen,
  type Bar,
  type Clock,
  type Instrument,
  type Timeframe,
  timeframeMs,
} from '@algotrader/core';
import type { Gap } from '@algotrader/store';
import { type CollectorCounters, countedRequest, countRetry } from './metrics';
import {
  type CandleEndpoint,
  OKX_CANDLES_DEPTH,
  OKX_MAX_LIMIT,
  type OkxMarketData,
  type RawCandle,
} from './okx';
import { type BarReject, screenBars } from './quality';
import { type RetryPolicy, withRetry } from './retry';

export interface WalkOptions {
  readonly md: OkxMarketData;
  /** Decides which endpoint still reaches a bar, and which candle may still be forming. */
  readonly clock: Clock;
  readonly instrument: Instrument;
  readonly tf: Timeframe;
  /** First open time wanted (inclusive; rounded up to the grid). */
  readonly from: number;
  /** Open times below this (exclusive). */
  readonly to: number;
  /**
   * Open time of the newest bar already held before `from`. A hole between it and the first bar the
   * exchange returns is then reported as a gap; without it, leading missing bars (before a listing)
   * are not.
   */
  readonly prevOpen?: number | undefined;
  readonly retry: RetryPolicy;
  readonly counters: CollectorCounters;
  /** Rows asked per request (OKX caps it at 300). */
  readonly limit?: number;
  readonly signal?: AbortSignal | undefined;
}

export interface WalkPage {
  /** Closed, valid bars, ascending. */
  readonly bars: Bar[];
  readonly rejects: BarReject[];
  /** Holes in the exchange's answer, reported, never filled. */
  readonly gaps: Gap[];
  /** Forming candles seen (and dropped): the walk stops at the first one. */
  readonly forming: number;
  readonly requests: number;
  /** Every open time below this has been asked for: where a resumed walk starts. */
  readonly cursor: number;
  readonly done: boolean;
}

/**
 * Walks [from, to) forwards in windows of `limit` bars over OKX's candle endpoints, choosing
 * `market/candles` while the window is within its reach (1,440 bars) and `history-candles` before.
 *
 * Each window [cursor, end) is asked with `before = cursor - 1`, `after = end` (OKX: rows strictly
 * newer than `before` and strictly older than `after`, newest first). OKX returns the *newest*
 * `limit` rows in those bounds and may return fewer than asked, so when the oldest row returned is
 * still after `cursor` the rest of the window is asked again with `after = oldest`, until a page
 * reaches `cursor` or comes back empty twice in a row (then the missing rows are a real hole: an
 * empty page is asked again once before it is believed, counted in `pagesReasked`). A hole between
 * two rows of one answer is confirmed by the exchange's own neighbouring candles. Pagination
 * follows what came back, never the page size asked for.
 *
 * Forwards (not backwards from now) so that what has been handed on is always a prefix of the
 * range: a walk interrupted anywhere resumes from the newest bar stored without leaving a hole.
 */
export async function* walkCandles(o: WalkOptions): AsyncGenerator<WalkPage> {
  const step = timeframeMs(o.tf);
  const limit = Math.min(o.limit ?? OKX_MAX_LIMIT, OKX_MAX_LIMIT);
  let cursor = Math.ceil(o.from / step) * step;
  let lastSeen = o.prevOpen;
  while (cursor < o.to) {
    o.signal?.throwIfAborted();
    const end = Math.min(cursor + limit * step, o.to);
    const endpoint = endpointFor(cursor, o.clock.now(), o.tf);
    let requests = 0;
    const rows: RawCandle[] = [];
    let upper = end;
    const ask = () =>
      withRetry(
        () => {
          requests += 1;
          return countedRequest(o.counters, endpoint, () =>
            o.md.candles({
              instrument: o.instrument,
              tf: o.tf,
              endpoint,
              after: upper,
              ...(cursor > 0 ? { before: cursor - 1 } : {}),
              limit,
            }),
          );
        },
        o.retry,
        { signal: o.signal, onRetry: (e) => countRetry(o.counters, endpoint, e) },
      );
    for (;;) {
      let inWindow = inRange(await ask(), cursor, upper);
      if (inWindow.length === 0) {
        // An empty answer for a range not yet covered is only believed when a second request agrees:
        // one transient empty page must not become a hole (OKX does send them now and then).
        o.counters.pagesReasked += 1;
        inWindow = inRange(await ask(), cursor, upper);
        if (inWindow.length > 0) o.counters.reaskRecovered += 1;
      }
      if (inWindow.length === 0) break;
      rows.push(...inWindow);
      const oldest = Math.min(...inWindow.map((r) => r.openTime));
      if (oldest <= cursor) break;
      upper = oldest;
    }
    rows.sort((a, b) => a.openTime - b.openTime);

    let stopAt: number | undefined;
    let forming = 0;
    const closed: Bar[] = [];
    for (const r of rows) {
      if (closed.length > 0 && closed[closed.length - 1]!.openTime === r.openTime) continue;
      // `confirm` says it; without it, a candle whose close is still ahead of us is forming.
      if (r.confirmed === false || (r.confirmed === undefined && r.openTime + step > o.clock.now())) {
        forming += 1;
        stopAt = r.openTime;
        break;
      }
      closed.push({
        instrument: o.instrument,
        tf: o.tf,
        openTime: r.openTime,
        closeTime: r.openTime + step,
        open: r.open,
        high: r.high,
        low: r.low,
        close: r.close,
        volume: r.volume,
      });
    }
    o.counters.formingDropped += forming;

    const gaps: Gap[] = [];
    for (const b of closed) {
      if (lastSeen !== undefined && b.openTime - lastSeen > step) {
        gaps.push({
          fromOpen: lastSeen + step,
          toOpen: b.openTime - step,
          missingBars: (b.openTime - lastSeen) / step - 1,
        });
      }
      lastSeen = b.openTime;
    }
    const { accepted, rejects } = screenBars(o.instrument, o.tf, closed);
    cursor = stopAt ?? end;
    const done = stopAt !== undefined || cursor >= o.to;
    yield { bars: accepted, rejects, gaps, forming, requests, cursor, done };
    if (done) return;
  }
}

function inRange(page: readonly RawCandle[], from: number, below: number): RawCandle[] {
  return page.filter((r) => r.openTime >= from && r.openTime < below);
}

/** `market/candles` while the bar is among its newest 1,440 (ccxt's own border), else history. */
export function endpointFor(openTime: number, nowMs: number, tf: Timeframe): CandleEndpoint {
  const border = alignOpen(nowMs, tf) - (OKX_CANDLES_DEPTH - 1) * timeframeMs(tf);
  return openTime >= border ? 'candles' : 'history-candles';
}
