import {
  collectFunding,
  collectPriceCandles,
  createOkx,
  DEFAULT_RETRY,
  iso,
  OkxPerpData,
  withRetry,
} from '@algotrader/collector';
import {
  type Config,
  type FundingSeries,
  formatInstrument,
  type Instrument,
  isAlgoError,
  type PriceCandles,
  type Timeframe,
} from '@algotrader/core';
import { PerpStore } from '@algotrader/store';

export interface PerpBackfillIo {
  out(line: string): void;
  err(line: string): void;
}

/** Stored rows outside [from, to) kept, the collected ones inside: a backfill never drops older history. */
function mergeCandles(old: PriceCandles, got: PriceCandles, from: number, to: number): PriceCandles {
  const rows = new Map<number, [number, number, number, number]>();
  for (let k = 0; k < old.openTime.length; k++) {
    const t = old.openTime[k]!;
    if (t < from || t >= to) rows.set(t, [old.open[k]!, old.high[k]!, old.low[k]!, old.close[k]!]);
  }
  for (let k = 0; k < got.openTime.length; k++) {
    rows.set(got.openTime[k]!, [got.open[k]!, got.high[k]!, got.low[k]!, got.close[k]!]);
  }
  const times = [...rows.keys()].sort((a, b) => a - b);
  const col = (j: number) => Float64Array.from(times, (t) => rows.get(t)![j]!);
  return { openTime: Float64Array.from(times), open: col(0), high: col(1), low: col(2), close: col(3) };
}

function mergeFunding(old: FundingSeries, got: FundingSeries, from: number, to: number): FundingSeries {
  const rows = new Map<number, number>();
  for (let k = 0; k < old.time.length; k++) {
    const t = old.time[k]!;
    if (t < from || t >= to) rows.set(t, old.rate[k]!);
  }
  for (let k = 0; k < got.time.length; k++) rows.set(got.time[k]!, got.rate[k]!);
  const times = [...rows.keys()].sort((a, b) => a - b);
  return { time: Float64Array.from(times), rate: Float64Array.from(times, (t) => rows.get(t)!) };
}

const fmt = iso;

/**
 * `data backfill` for swaps (`OKX:BTC/USDT:USDT`): mark-price candles per timeframe and the
 * funding history of [since, until) from OKX's public endpoints into the perp datasets of the
 * store, merged with what is stored outside that range. Forming candles are dropped; bad rows
 * are rejected and named; holes are reported, never filled. Returns the number of failed series.
 */
export async function backfillPerp(
  cfg: Config,
  dataDir: string,
  swaps: readonly Instrument[],
  tfs: readonly Timeframe[],
  since: number,
  until: number,
  io: PerpBackfillIo,
): Promise<number> {
  const md = new OkxPerpData(createOkx({ restUrl: cfg.okx.restUrl, sandbox: cfg.okx.sandbox }));
  const store = await PerpStore.open(dataDir);
  let failures = 0;
  const attempt = async (label: string, f: () => Promise<string>) => {
    try {
      io.out(`${label}: ${await f()}`);
    } catch (e) {
      failures += 1;
      io.err(`${label}: failed: ${isAlgoError(e) ? `[${e.code}] ` : ''}${(e as Error)?.message ?? e}`);
    }
  };
  try {
    for (const i of swaps) {
      const key = formatInstrument(i);
      for (const tf of tfs) {
        await attempt(`${key} mark ${tf}`, async () => {
          const before = md.requests;
          const r = await withRetry(
            () => collectPriceCandles(md, 'mark', i, tf, since, until),
            DEFAULT_RETRY,
          );
          const old = await store.readPriceCandles('mark', i, tf);
          await store.writePriceCandles('mark', i, tf, mergeCandles(old, r.candles, since, until));
          const n = r.candles.openTime.length;
          const span =
            n > 0 ? `${fmt(r.candles.openTime[0]!)} → ${fmt(r.candles.openTime[n - 1]!)} UTC ` : '';
          const gaps = r.gaps.map((g) => `${fmt(g.from)}→${fmt(g.to)} (${g.missing})`).join(', ');
          const rejects = r.rejects.map((x) => `${fmt(x.time)}: ${x.reason}`).join('; ');
          return (
            `${n} candles ${span}in ${md.requests - before} requests, ${r.gaps.length} gap(s)${gaps ? ` [${gaps}]` : ''}, ` +
            `${r.rejects.length} rejected${rejects ? ` [${rejects}]` : ''}, ${r.forming} forming dropped`
          );
        });
      }
      await attempt(`${key} funding`, async () => {
        const before = md.requests;
        const r = await withRetry(() => collectFunding(md, i, since, until), DEFAULT_RETRY);
        const old = await store.readFunding(i);
        await store.writeFunding(i, mergeFunding(old, r.funding, since, until));
        const n = r.funding.time.length;
        const span = n > 0 ? `${fmt(r.funding.time[0]!)} → ${fmt(r.funding.time[n - 1]!)} UTC ` : '';
        const gaps = r.gaps.map((g) => `${fmt(g.after)}→${fmt(g.before)} (${g.missing} missing)`).join(', ');
        const rejects = r.rejects.map((x) => `${fmt(x.time)}: ${x.reason}`).join('; ');
        return (
          `${n} settlements ${span}in ${md.requests - before} requests, ${r.gaps.length} gap(s)${gaps ? ` [${gaps}] (not filled)` : ''}, ` +
          `${r.rejects.length} rejected${rejects ? ` [${rejects}]` : ''}`
        );
      });
    }
    io.out(`swaps: mark candles and funding stored in ${dataDir} (${md.requests} requests)`);
  } finally {
    store.close();
  }
  return failures;
}
