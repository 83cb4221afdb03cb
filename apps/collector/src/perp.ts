import {
  type FundingGap,
  type FundingSeries,
  fundingGaps,
  type Instrument,
  type PriceCandles,
  symbolToken,
  type Timeframe,
  timeframeMs,
} from '@algotrader/core';
import type { PerpStore, PriceKind } from '@algotrader/store';
import type { okx } from 'ccxt';
import { MalformedResponseError, OKX_BAR } from './okx';

/**
 * Perpetual-swap history from OKX's public endpoints: mark-price candles
 * (`market/history-mark-price-candles`), index candles (`market/history-index-candles`, on the
 * underlying pair `BTC-USDT`), and funding (`public/funding-rate-history`, `public/funding-rate`
 * for the coming settlement). Trade candles of a swap come through the spot walker unchanged (its
 * instId is `BTC-USDT-SWAP`). Same rules as spot: pages walked by `after`, newest first; a forming
 * candle (`confirm` 0) is dropped; a row with a non-finite value is rejected with its reason and
 * never stored; holes are reported, never filled.
 */
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const num = (v: unknown) => (typeof v === 'string' && DECIMAL.test(v) ? Number(v) : Number.NaN);

function okData(body: unknown, what: string): unknown[] {
  const b = body as { code?: unknown; data?: unknown };
  if (typeof b !== 'object' || b === null || b.code !== '0' || !Array.isArray(b.data)) {
    throw new MalformedResponseError(what, body);
  }
  return b.data;
}

export interface PerpReject {
  readonly time: number;
  readonly reason: string;
}

/** Where the index of a swap lives: OKX's index instId is the pair (`BTC-USDT`). */
function instIdOf(kind: PriceKind | 'trade', i: Instrument): string {
  return kind === 'index' ? `${i.base}-${i.quote}` : symbolToken(i);
}

export class OkxPerpData {
  requests = 0;
  constructor(readonly exchange: okx) {}

  /** One page of mark or index candles, newest first as OKX answers. */
  async priceCandles(
    kind: PriceKind,
    i: Instrument,
    tf: Timeframe,
    after: number | undefined,
    limit = 100,
  ): Promise<{ openTime: number; o: number; h: number; l: number; c: number; confirmed: boolean }[]> {
    const params: Record<string, string | number> = { instId: instIdOf(kind, i), bar: OKX_BAR[tf], limit };
    if (after !== undefined) params['after'] = after;
    this.requests++;
    const what = kind === 'mark' ? 'history-mark-price-candles' : 'history-index-candles';
    const body: unknown =
      kind === 'mark'
        ? await this.exchange.publicGetMarketHistoryMarkPriceCandles(params)
        : await this.exchange.publicGetMarketHistoryIndexCandles(params);
    return okData(body, what).map((row) => {
      if (!Array.isArray(row) || row.length < 5 || typeof row[0] !== 'string' || !/^\d+$/.test(row[0])) {
        throw new MalformedResponseError(what, body);
      }
      return {
        openTime: Number(row[0]),
        o: num(row[1]),
        h: num(row[2]),
        l: num(row[3]),
        c: num(row[4]),
        confirmed: row[5] !== '0',
      };
    });
  }

  /** One page of funding history, newest first; the rate as sent (text). */
  async fundingPage(
    i: Instrument,
    after: number | undefined,
    limit = 100,
  ): Promise<{ time: number; rate: string }[]> {
    const params: Record<string, string | number> = { instId: symbolToken(i), limit };
    if (after !== undefined) params['after'] = after;
    this.requests++;
    const body: unknown = await this.exchange.publicGetPublicFundingRateHistory(params);
    return okData(body, 'funding-rate-history').map((r) => {
      const row = r as Record<string, unknown>;
      const t = row['fundingTime'];
      if (typeof t !== 'string' || !/^\d+$/.test(t))
        throw new MalformedResponseError('funding-rate-history', body);
      return {
        time: Number(t),
        rate: typeof row['fundingRate'] === 'string' ? row['fundingRate'] : String(row['fundingRate']),
      };
    });
  }

  /** The coming settlement and its current rate (the live loop's `public/funding-rate`). */
  async currentFunding(
    i: Instrument,
  ): Promise<{ fundingTime: number; rate: number; nextFundingTime?: number }> {
    this.requests++;
    const body: unknown = await this.exchange.publicGetPublicFundingRate({ instId: symbolToken(i) });
    const row = okData(body, 'funding-rate')[0] as Record<string, unknown> | undefined;
    const rate = num(row?.['fundingRate']);
    const t = num(row?.['fundingTime']);
    if (!Number.isFinite(rate) || !Number.isFinite(t)) throw new MalformedResponseError('funding-rate', body);
    const next = num(row?.['nextFundingTime']);
    return { fundingTime: t, rate, ...(Number.isFinite(next) ? { nextFundingTime: next } : {}) };
  }
}

export interface PriceHistory {
  readonly candles: PriceCandles;
  readonly rejects: readonly PerpReject[];
  /** Holes on the timeframe grid between the first and the last candle: `[from, to]` open times missing. */
  readonly gaps: readonly { readonly from: number; readonly to: number; readonly missing: number }[];
  readonly forming: number;
}

/** Closed mark or index candles with open time in [from, to), walked backwards page by page. */
export async function collectPriceCandles(
  md: OkxPerpData,
  kind: PriceKind,
  i: Instrument,
  tf: Timeframe,
  from: number,
  to: number,
): Promise<PriceHistory> {
  const rows = new Map<number, { o: number; h: number; l: number; c: number }>();
  const rejects: PerpReject[] = [];
  let forming = 0;
  let after: number | undefined = to;
  for (;;) {
    const page = await md.priceCandles(kind, i, tf, after, 100);
    if (page.length === 0) break;
    for (const r of page) {
      if (r.openTime < from || r.openTime >= to) continue;
      if (!r.confirmed) {
        forming++;
        continue;
      }
      const ok =
        [r.o, r.h, r.l, r.c].every((v) => Number.isFinite(v) && v > 0) &&
        r.l <= Math.min(r.o, r.c) &&
        r.h >= Math.max(r.o, r.c);
      if (!ok) rejects.push({ time: r.openTime, reason: `bad ${kind} candle ${r.o},${r.h},${r.l},${r.c}` });
      else rows.set(r.openTime, r);
    }
    const oldest = page[page.length - 1]!.openTime;
    if (oldest <= from) break;
    after = oldest;
  }
  const times = [...rows.keys()].sort((a, b) => a - b);
  const pick = (f: (r: { o: number; h: number; l: number; c: number }) => number) =>
    Float64Array.from(times, (t) => f(rows.get(t)!));
  const step = timeframeMs(tf);
  const gaps: { from: number; to: number; missing: number }[] = [];
  for (let k = 1; k < times.length; k++) {
    const d = times[k]! - times[k - 1]!;
    if (d > step) gaps.push({ from: times[k - 1]! + step, to: times[k]! - step, missing: d / step - 1 });
  }
  return {
    candles: {
      openTime: Float64Array.from(times),
      open: pick((r) => r.o),
      high: pick((r) => r.h),
      low: pick((r) => r.l),
      close: pick((r) => r.c),
    },
    rejects,
    gaps,
    forming,
  };
}

export interface FundingHistory {
  readonly funding: FundingSeries;
  readonly rejects: readonly PerpReject[];
  readonly gaps: readonly FundingGap[];
}

/** Funding settlements in [from, to), walked backwards; a non-finite rate is rejected, not zeroed. */
export async function collectFunding(
  md: OkxPerpData,
  i: Instrument,
  from: number,
  to: number,
): Promise<FundingHistory> {
  const rows = new Map<number, number>();
  const rejects: PerpReject[] = [];
  let after: number | undefined = to;
  for (;;) {
    const page = await md.fundingPage(i, after, 100);
    if (page.length === 0) break;
    for (const r of page) {
      if (r.time < from || r.time >= to) continue;
      const rate = num(r.rate);
      if (!Number.isFinite(rate))
        rejects.push({ time: r.time, reason: `funding rate "${r.rate}" is not a finite number` });
      else rows.set(r.time, rate);
    }
    const oldest = page[page.length - 1]!.time;
    if (oldest <= from) break;
    after = oldest;
  }
  const times = [...rows.keys()].sort((a, b) => a - b);
  const funding = { time: Float64Array.from(times), rate: Float64Array.from(times, (t) => rows.get(t)!) };
  // A rejected settlement is a hole too: reported with the rest, never filled.
  return { funding, rejects, gaps: fundingGaps(funding) };
}

/** Collects a swap's mark candles and funding for [from, to) into the perp datasets. */
export async function collectPerpHistory(
  md: OkxPerpData,
  store: PerpStore,
  i: Instrument,
  markTf: Timeframe,
  from: number,
  to: number,
): Promise<{ mark: PriceHistory; funding: FundingHistory }> {
  const mark = await collectPriceCandles(md, 'mark', i, markTf, from, to);
  const funding = await collectFunding(md, i, from, to);
  await store.writePriceCandles('mark', i, markTf, mark.candles);
  await store.writeFunding(i, funding.funding);
  return { mark, funding };
}
