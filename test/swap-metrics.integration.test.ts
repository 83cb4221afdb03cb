import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { Bus, SYSTEM_TOPOLOGY } from '@algotrader/bus';
import { InfluxSink, SWAP_ACCOUNT_MEASUREMENT, SWAP_POSITION_MEASUREMENT } from '@algotrader/metrics';
import { SCHEMA } from '@algotrader/monitor';
import { readAccount } from '@algotrader/pipeline';
import { registerStrategy, smaLongShort } from '@algotrader/strategy';
import { InfluxDB1, NatsServer } from '@algotrader/testkit';
import { expect, test } from 'vitest';
import { v2WriteProxy } from './helpers/influx-v2-proxy';
import { okxBtcSwapData, smaLongShortPerpPipeline } from './helpers/parity-cases';
import { pipelineFills, replayThroughStages } from './helpers/pipeline';

/**
 * The order-router's swap figures reach a real InfluxDB (1.x, through the metrics sink's v2 write
 * API): a swap strategy (sma_long_short, long and short, cross 3×) replayed on the bundled OKX
 * BTC-USDT-SWAP trade, mark and funding data through the four stages with the paper venue. The
 * points agree with the account and with an independent recomputation of the funding from the
 * fills and the funding file; every query of the perpetual-swaps dashboard names a measurement and
 * fields that were written, and finds values.
 */

registerStrategy(smaLongShort);
const KEY = 'OKX:BTC/USDT:USDT';
const DB = 'algotrader';
const FROM = Date.UTC(2024, 9, 1);
const TO = Date.UTC(2025, 0, 1);
const root = resolve(import.meta.dirname, '..');

type Row = Record<string, number | string | null>;

/** Every point of a measurement as column → value rows. */
async function points(influx: InfluxDB1, m: string): Promise<Row[]> {
  const [res] = await influx.query(`SELECT * FROM "${m}"`, DB);
  const s = res?.series?.[0];
  if (!s) return [];
  return s.values.map((v) => {
    const row: Row = {};
    s.columns.forEach((c, i) => {
      row[c] = v[i] as number | string | null; // time: epoch ms (InfluxDB1.query asks for epoch=ms)
    });
    return row;
  });
}

test('a swap replay writes funding P&L, leverage, margin ratio and liquidation distance that match the account and an independent recomputation; the dashboard reads what was written', async () => {
  const { mark, funding, bars } = await okxBtcSwapData(FROM, TO);

  const influx = await InfluxDB1.start();
  let proxy: Server | undefined;
  let sink: InfluxSink | undefined;
  const server = await NatsServer.start();
  const bus = await Bus.connect({ servers: server.url, service: 'test' });
  try {
    await influx.createDatabase(DB);
    proxy = await v2WriteProxy(influx);
    sink = new InfluxSink({
      url: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`,
      org: 'algotrader',
      bucket: DB,
      flushIntervalMs: 60_000,
    });
    await bus.ensure(SYSTEM_TOPOLOGY);
    const pipeline = smaLongShortPerpPipeline(
      KEY,
      { fast: 10, slow: 30, exposure: 2 },
      { marginMode: 'cross', leverage: 3 },
    );
    await replayThroughStages(
      server.url,
      bus,
      pipeline,
      [{ instrument: KEY, bars, swap: { mark, funding } }],
      undefined,
      sink,
    );
    await sink.flush();
    expect(sink.stats()).toMatchObject({ rejected: 0, dropped: 0, invalid: 0 });
    const account = (await readAccount(bus, pipeline.account))!;
    const fills = await pipelineFills(bus, pipeline.account);
    expect(fills.some((f) => f.side === 'buy') && fills.some((f) => f.side === 'sell')).toBe(true);

    const acc = await points(influx, SWAP_ACCOUNT_MEASUREMENT);
    const pos = await points(influx, SWAP_POSITION_MEASUREMENT);
    // One point per account save; a replay coalesces the bar steps the router is behind on into
    // one save, so how many depends on how far ahead the stages run (over 100 of 2,200 bars in
    // most runs, 31 and 33 with pipelined stages at load 28).
    expect(acc.length).toBeGreaterThan(10);
    expect(pos).toHaveLength(acc.length);
    expect(new Set(pos.map((p) => `${p['account']} ${p['instrument']}`))).toEqual(new Set([`perp ${KEY}`]));

    // The last point is the saved account's figures.
    const last = acc[acc.length - 1]!;
    const lastPos = pos[pos.length - 1]!;
    const book = account.book.swaps![KEY]!;
    expect(last['time']).toBe(account.book.valuedAt);
    expect(last['funding_pnl']).toBe(book.funding);
    expect(lastPos['funding_pnl']).toBe(book.funding);
    expect(last['equity']).toBe(account.book.equity);
    expect(lastPos['quantity']).toBe(book.qty);

    // Funding, recomputed on its own from the fills and the funding file: at each settlement that
    // is a bar open in the replay, the position held going into it pays qty × mark open × rate.
    const markOpen = new Map<number, number>();
    for (let i = 0; i < mark.openTime.length; i++) markOpen.set(mark.openTime[i]!, mark.open[i]!);
    let held = 0;
    let f = 0;
    let expected = 0;
    const opens = new Set(Array.from(bars.openTime));
    for (let i = 0; i < funding.time.length; i++) {
      const t = funding.time[i]!;
      if (!opens.has(t) || t > account.book.valuedAt) continue;
      for (; f < fills.length && fills[f]!.time < t; f++) {
        held += fills[f]!.side === 'buy' ? fills[f]!.qty : -fills[f]!.qty;
      }
      expected -= held * markOpen.get(t)! * funding.rate[i]!;
    }
    expect(expected).not.toBe(0);
    expect(last['funding_pnl'] as number).toBeCloseTo(expected, 6);

    // Every point: notional = quantity × mark, leverage = |notional| / equity (the account's point
    // at the same time); the account's leverage is its gross notional / equity (one swap here).
    const equityAt = new Map(acc.map((a) => [a['time'] as number, a['equity'] as number]));
    let open = 0;
    for (const p of pos) {
      const q = p['quantity'] as number;
      const notional = p['notional'] as number;
      const equity = equityAt.get(p['time'] as number)!;
      expect(notional).toBe(q * (p['mark_price'] as number));
      expect(p['leverage'] as number).toBeCloseTo(Math.abs(notional) / equity, 12);
      if (q !== 0) {
        open += 1;
        const liq = p['liquidation_price'] as number;
        const m = p['mark_price'] as number;
        expect(p['liquidation_distance'] as number).toBeCloseTo(Math.abs(m - liq) / m, 12);
        expect(p['margin_ratio'] as number).toBeGreaterThan(1);
      } else {
        // Flat: no ratio or distance is written rather than a made-up number.
        expect(p['margin_ratio']).toBeNull();
        expect(p['liquidation_distance']).toBeNull();
      }
    }
    expect(open).toBeGreaterThan(5);
    for (const a of acc) {
      const p = pos.find((x) => x['time'] === a['time'])!;
      expect(a['leverage'] as number).toBeCloseTo(
        Math.abs(p['notional'] as number) / (a['equity'] as number),
        12,
      );
    }

    // The dashboard: each query names a written measurement and written fields, and finds values
    // over the replay's time range.
    const dash = JSON.parse(readFileSync(resolve(root, 'infra/grafana/dashboards/perp.json'), 'utf8')) as {
      panels: { title: string; targets: { query: string }[] }[];
    };
    const titles = dash.panels.map((p) => p.title);
    expect(titles).toEqual(
      expect.arrayContaining(['Funding P&L', 'Leverage', 'Margin ratio', 'Liquidation distance']),
    );
    const written = new Map<string, Set<string>>();
    for (const m of [SWAP_ACCOUNT_MEASUREMENT, SWAP_POSITION_MEASUREMENT]) {
      const [res] = await influx.query(`SHOW FIELD KEYS FROM "${m}"`, DB);
      written.set(m, new Set((res?.series?.[0]?.values ?? []).map((v) => String(v[0]))));
    }
    // What is written is what the monitor's schema (and so the README and generator) declares.
    expect([...written.get(SWAP_ACCOUNT_MEASUREMENT)!].sort()).toEqual(
      Object.keys(SCHEMA.swapAccount.fields).sort(),
    );
    expect([...written.get(SWAP_POSITION_MEASUREMENT)!].sort()).toEqual(
      Object.keys(SCHEMA.swapPosition.fields).sort(),
    );
    let queries = 0;
    for (const panel of dash.panels) {
      for (const t of panel.targets) {
        const m = /FROM "([^"]+)"/.exec(t.query)?.[1] ?? '';
        expect(written.has(m), `${panel.title}: ${t.query}`).toBe(true);
        for (const [, field] of t.query.matchAll(/(?:mean|max|min|last|sum)\("([^"]+)"\)/g)) {
          expect(written.get(m)!.has(field!), `${panel.title}: field ${field}`).toBe(true);
        }
        const q = t.query
          .replaceAll('$timeFilter', `time >= ${FROM}ms AND time <= ${TO}ms`)
          .replaceAll('$__interval', '1d');
        const [res] = await influx.query(q, DB);
        const values = (res?.series ?? []).flatMap((s) => s.values.map((r) => r[1]));
        expect(
          values.some((v) => typeof v === 'number'),
          `${panel.title}: no value for ${q}`,
        ).toBe(true);
        queries += 1;
      }
    }
    expect(queries).toBeGreaterThanOrEqual(6);
  } finally {
    await bus.close();
    await server.stop();
    await sink?.close();
    await new Promise((r) => (proxy ? proxy.close(r) : r(undefined)));
    await influx.stop();
  }
}, 600_000);
