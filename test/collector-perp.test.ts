/**
 * The perp collector through ccxt against the local OKX market-data server, loaded with the bundled
 * real OKX BTC-USDT-SWAP mark candles and funding history: pages walked newest first, the forming
 * candle dropped, the real funding hole reported (never filled), a junk rate rejected (never zero),
 * and what was collected lands in the hive datasets equal to the source file.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  collectFunding,
  collectPerpHistory,
  collectPriceCandles,
  createOkx,
  OkxPerpData,
} from '@algotrader/collector';
import { parseInstrument, SimulatedClock } from '@algotrader/core';
import { PerpStore, readFundingCsv, readPriceCandlesCsv } from '@algotrader/store';
import { bundledData, OkxServer } from '@algotrader/testkit';
import { afterEach, describe, expect, test } from 'vitest';
import { runData } from '../apps/cli/src/commands/data';

const SWAP = parseInstrument('OKX:BTC/USDT:USDT');
const mark = readPriceCandlesCsv(bundledData('perp/okx_BTC-USDT-SWAP_mark_4h_2024-2025.csv.gz'));
const funding = readFundingCsv(bundledData('perp/okx_BTC-USDT-SWAP_funding_8h_2024-2025.csv'));
const H = 3_600_000;

let server: OkxServer | undefined;
let dir: string | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

async function start(now: number) {
  const clock = new SimulatedClock(now);
  server = await OkxServer.start({ clock });
  server.setPriceSeries('mark', 'BTC-USDT-SWAP', '4h', mark);
  server.setFunding('BTC-USDT-SWAP', funding.time, funding.rate);
  return new OkxPerpData(createOkx({ restUrl: server.url, enableRateLimit: false }));
}

describe('perp collector', () => {
  test('funding history over the real January 2025 hole: reported, not filled; every rate as in the file', async () => {
    const md = await start(Date.UTC(2025, 5, 1));
    const from = Date.UTC(2024, 11, 1);
    const to = Date.UTC(2025, 1, 1);
    const r = await collectFunding(md, SWAP, from, to);
    expect(r.gaps).toEqual([{ after: Date.UTC(2025, 0, 2), before: Date.UTC(2025, 0, 9, 8), missing: 21 }]);
    const want = Array.from(funding.time).filter((t) => t >= from && t < to);
    expect(Array.from(r.funding.time)).toEqual(want);
    expect(Array.from(r.funding.rate)).toEqual(want.map((t) => funding.rate[funding.time.indexOf(t)]!));
    // 165 settlements at 100 a page, walked back by `after`.
    expect(md.requests).toBeGreaterThanOrEqual(2);
    expect(
      server!.requests
        .filter((q) => q.path === '/api/v5/public/funding-rate-history')
        .map((q) => q.query['after'])[0],
    ).toBe(String(to));
  });

  test('a junk funding rate is rejected with its reason and left as a hole, never a zero', async () => {
    const md = await start(Date.UTC(2025, 5, 1));
    const t = Date.UTC(2024, 9, 1, 8);
    server!.patchFunding('BTC-USDT-SWAP', t, 'NaN');
    const r = await collectFunding(md, SWAP, Date.UTC(2024, 9, 1), Date.UTC(2024, 9, 2));
    expect(r.rejects).toEqual([{ time: t, reason: 'funding rate "NaN" is not a finite number' }]);
    expect(Array.from(r.funding.time)).toEqual([Date.UTC(2024, 9, 1), Date.UTC(2024, 9, 1, 16)]);
    expect(r.gaps).toEqual([{ after: Date.UTC(2024, 9, 1), before: Date.UTC(2024, 9, 1, 16), missing: 1 }]);
  });

  test('mark candles: the forming one dropped, the rest equal to the file; stored in the hive dataset', async () => {
    // Now is inside the 2025-03-01 04:00 candle: it is still forming.
    const now = Date.UTC(2025, 2, 1, 5);
    const md = await start(now);
    const from = Date.UTC(2025, 1, 1);
    const r = await collectPriceCandles(md, 'mark', SWAP, '4h', from, Date.UTC(2025, 2, 2));
    expect(r.forming).toBe(1);
    const want = Array.from(mark.openTime).filter((t) => t >= from && t < Date.UTC(2025, 2, 1, 4));
    expect(Array.from(r.candles.openTime)).toEqual(want);
    expect(r.candles.close[0]).toBe(mark.close[mark.openTime.indexOf(from)]);
    expect(r.gaps).toEqual([]);
    dir = mkdtempSync(join(tmpdir(), 'perp-collect-'));
    const store = await PerpStore.open(dir);
    try {
      const out = await collectPerpHistory(md, store, SWAP, '4h', from, Date.UTC(2025, 1, 8));
      expect(out.mark.candles.openTime.length).toBe(7 * 6);
      const back = await store.readPriceCandles('mark', SWAP, '4h');
      expect(Array.from(back.close)).toEqual(Array.from(out.mark.candles.close));
      expect((await store.readFunding(SWAP)).time.length).toBe(7 * 3);
    } finally {
      store.close();
    }
  });

  test('the live loop reads the coming settlement and its rate', async () => {
    const md = await start(Date.UTC(2025, 5, 1));
    const next = await md.currentFunding(SWAP);
    const last = funding.time[funding.time.length - 1]!;
    expect(next).toEqual({
      fundingTime: last + 8 * H,
      nextFundingTime: last + 16 * H,
      rate: funding.rate[funding.rate.length - 1]!,
    });
  });
});

describe('algotrader data backfill of a swap', () => {
  test('mark candles and funding into the perp datasets, holes reported; a later range keeps the earlier one', async () => {
    await start(Date.UTC(2025, 5, 1));
    dir = mkdtempSync(join(tmpdir(), 'perp-backfill-'));
    const out: string[] = [];
    const err: string[] = [];
    const io = {
      env: { OKX_REST_URL: server!.url, ALGOTRADER_DATA_DIR: dir },
      out: (l: string) => out.push(l),
      err: (l: string) => err.push(l),
    };
    const run = (since: string, until: string) =>
      runData(
        [
          'backfill',
          '--symbols',
          'BTC/USDT:USDT',
          '--tf',
          '4h',
          '--since',
          since,
          '--until',
          until,
          '--quiet',
        ],
        io,
      );
    expect(await run('2024-12-01', '2025-02-01'), err.join('\n')).toBe(0);
    expect(out[0]).toMatch(
      /^OKX:BTC\/USDT:USDT mark 4h: 372 candles 2024-12-01 00:00 → 2025-01-31 20:00 UTC in \d+ requests, 0 gap\(s\), 0 rejected, 0 forming dropped$/,
    );
    expect(out[1]).toMatch(
      /^OKX:BTC\/USDT:USDT funding: 165 settlements .* 1 gap\(s\) \[2025-01-02 00:00→2025-01-09 08:00 \(21 missing\)\] \(not filled\), 0 rejected$/,
    );
    const inRange = (t: number, from: number, to: number) => t >= from && t < to;
    const from = Date.UTC(2024, 11, 1);
    const mid = Date.UTC(2025, 1, 1);
    const to = Date.UTC(2025, 1, 8);
    // A second range after the first: the store holds both, each row as in the source file.
    expect(await run('2025-02-01', '2025-02-08'), err.join('\n')).toBe(0);
    const store = await PerpStore.open(dir);
    try {
      const m = await store.readPriceCandles('mark', SWAP, '4h');
      const want = Array.from(mark.openTime).filter((t) => inRange(t, from, to));
      expect(Array.from(m.openTime)).toEqual(want);
      expect(Array.from(m.close)).toEqual(want.map((t) => mark.close[mark.openTime.indexOf(t)]!));
      const f = await store.readFunding(SWAP);
      const wantF = Array.from(funding.time).filter((t) => inRange(t, from, to));
      expect(Array.from(f.time)).toEqual(wantF);
      expect(Array.from(f.rate)).toEqual(wantF.map((t) => funding.rate[funding.time.indexOf(t)]!));
      expect(wantF.some((t) => t >= mid)).toBe(true);
    } finally {
      store.close();
    }
    // --via-bus carries spot candles only: refused with what to do.
    err.length = 0;
    expect(
      await runData(
        ['backfill', '--symbols', 'BTC/USDT:USDT', '--tf', '4h', '--since', '2025-01-01', '--via-bus'],
        io,
      ),
    ).toBe(1);
    expect(err[0]).toContain('backfill swaps (BTC/USDT:USDT) without it');
  });
});
