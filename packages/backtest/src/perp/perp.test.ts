import {
  type BarColumns,
  type FundingSeries,
  isAlgoError,
  okxSwapContract,
  type PriceCandles,
  parseInstrument,
} from '@algotrader/core';
import type { SwapSetting } from '@algotrader/portfolio';
import { defineStrategy, NO_DECISIONS, smaLongShort, targetUnits } from '@algotrader/strategy';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { okxBtcFunding, okxBtcMark4h, okxBtcSwap1h } from '../../test/perp-data';
import { aggregateBars } from './aggregate';
import { runPerpBacktest, type SwapSeries } from './engine';

const SWAP = parseInstrument('OKX:BTC/USDT:USDT');
const contract = okxSwapContract(SWAP)!;
const H = 3_600_000;
const bars1h = okxBtcSwap1h();
const bars4h = aggregateBars(bars1h, '1h', '4h');
const mark = okxBtcMark4h();
const funding = okxBtcFunding();

function sliceBars(b: BarColumns, from: number, to: number): BarColumns {
  const i = b.openTime.findIndex((t) => t >= from);
  const j = b.openTime.findIndex((t) => t >= to);
  const s = (c: Float64Array) => c.slice(i, j < 0 ? undefined : j);
  return {
    openTime: s(b.openTime),
    open: s(b.open),
    high: s(b.high),
    low: s(b.low),
    close: s(b.close),
    volume: s(b.volume),
  };
}

/** The 1h trade candle open at `t`, straight from the file (the fill price of a market order). */
function open1h(t: number): number {
  const i = bars1h.openTime.indexOf(t);
  if (i < 0) throw new Error(`no 1h candle at ${t}`);
  return bars1h.open[i]!;
}

/** Test strategy: at the given decision times, the given target (units) or a reduce-only market order. */
const scripted = defineStrategy({
  kind: 'single',
  name: 'scripted',
  description: 'test: fixed targets at fixed times',
  paramsSchema: z
    .object({
      plan: z.array(
        z.object({ at: z.number(), units: z.number().optional(), reduceSell: z.number().optional() }),
      ),
    })
    .strict(),
  timeframes: 'any',
  warmup: () => 1,
  init: () => ({}),
  onBar(ctx) {
    const step = ctx.params.plan.find((s) => s.at === ctx.time);
    if (!step) return NO_DECISIONS;
    if (step.reduceSell !== undefined) {
      return [
        { instrument: ctx.instrument, side: 'sell', qty: step.reduceSell, type: 'market', reduceOnly: true },
      ];
    }
    return [targetUnits(ctx.instrument, step.units!)];
  },
});

function series(from: number, to: number, setting: SwapSetting): SwapSeries {
  return { contract, bars: sliceBars(bars4h, from, to), mark, funding, setting };
}

const errorOf = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return isAlgoError(e) ? e.message : String(e);
  }
  return 'none';
};

describe('perp backtest on the bundled OKX BTC-USDT-SWAP data', () => {
  it('liquidates a 10× isolated long in the 2024-12-05 20:00 crash candle at the computed price', () => {
    const from = Date.UTC(2024, 11, 4);
    const to = Date.UTC(2024, 11, 8);
    const entry = Date.UTC(2024, 11, 5, 20);
    const run = (setting: SwapSetting, cash: number) =>
      runPerpBacktest({
        strategy: scripted,
        params: {
          plan: [
            { at: entry, units: 1 },
            { at: entry + 8 * H, reduceSell: 1 },
          ],
        },
        timeframe: '4h',
        series: [series(from, to, setting)],
        initialCash: cash,
        takerFee: 0.0005,
      });
    const r = run({ mode: 'isolated', leverage: 10 }, 20_000);
    // Hand computation: the order fills at the 20:00 trade open E; margin E / 10; tier 1 mmr 0.4%:
    // E/10 + (P − E) = 0.004 P  →  P = 0.9 E / 0.996. The mark candle's low, 88,834.4, is below it.
    const E = open1h(entry);
    const P = (0.9 * E) / 0.996;
    expect(P).toBeGreaterThan(88_834.4);
    expect(r.fills[0]).toMatchObject({ kind: 'trade', qty: 1, price: E, time: entry });
    expect(r.fills[0]!.fee).toBeCloseTo(0.0005 * E, 9);
    expect(r.liquidations).toHaveLength(1);
    const l = r.liquidations[0]!;
    expect(l.time).toBe(entry + 4 * H);
    expect(l.price).toBeCloseTo(P, 6);
    expect(l.loss).toBeCloseTo(E / 10, 6);
    expect(l.fee).toBeCloseTo(0.0005 * P, 6);
    expect(r.totals.liquidationLoss).toBeCloseTo(E / 10, 6);
    expect(r.totals.fees).toBeCloseTo(0.0005 * E, 9);
    // The candle closed at 96,935.6, −2% from the open: held to the close the long would have
    // recovered most of it; liquidated, the account keeps the loss.
    expect(r.finalEquity).toBeCloseTo(20_000 - 0.0005 * E - E / 10, 6);
    // The reduce-only sell decided after the liquidation finds nothing to reduce.
    expect(r.orders[1]).toMatchObject({ status: 'rejected', order: { reduceOnly: true } });
    expect(r.orders[1]!.reason).toMatch(/^reduce_only: no position/);

    // Cross margin with the same leverage: the whole wallet stands behind the position, no liquidation,
    // and the reduce-only sell closes it.
    const c = run({ mode: 'cross', leverage: 10 }, 20_000);
    expect(c.liquidations).toHaveLength(0);
    expect(c.orders[1]).toMatchObject({ status: 'filled', filledQty: -1 });
    const exit = open1h(entry + 8 * H);
    const funded = c.funding.reduce((s, f) => s + f.amount, 0);
    expect(c.finalEquity).toBeCloseTo(20_000 + (exit - E) - 0.0005 * (E + exit) + funded, 6);
  });

  it('books funding on a 1 BTC short: Σ mark × rate over the settlements it was held through', () => {
    const start = Date.UTC(2024, 8, 1);
    const end = Date.UTC(2024, 9, 1);
    const r = runPerpBacktest({
      strategy: scripted,
      params: {
        plan: [
          { at: start, units: -1 },
          { at: end, units: 0 },
        ],
      },
      timeframe: '4h',
      series: [series(Date.UTC(2024, 7, 25), Date.UTC(2024, 9, 5), { mode: 'cross', leverage: 1 })],
      initialCash: 100_000,
      takerFee: 0,
    });
    // Filled at the Sep 1 00:00 open (after that settlement) and closed at the Oct 1 00:00 open
    // (after that one): held through (Sep 1 00:00, Oct 1 00:00], 90 settlements. A short receives
    // 1 × mark × rate, the mark being the 4h mark candle opening at the settlement.
    let expected = 0;
    let count = 0;
    for (let i = 0; i < funding.time.length; i++) {
      const t = funding.time[i]!;
      if (t <= start || t > end) continue;
      const m = mark.open[mark.openTime.indexOf(t)]!;
      expected += m * funding.rate[i]!;
      count++;
    }
    expect(count).toBe(90);
    expect(r.funding).toHaveLength(90);
    expect(r.totals.funding).toBeCloseTo(expected, 9);
    expect(r.totals.fundingReceived - r.totals.fundingPaid).toBeCloseTo(expected, 9);
    expect(r.funding.every((f) => f.qty === -1)).toBe(true);
    const pnl = open1h(start) - open1h(end);
    expect(r.finalEquity).toBeCloseTo(100_000 + pnl + expected, 6);
  });

  it('sma_long_short goes short and long; its funding equals a recomputation from the fills and the funding file', () => {
    const r = runPerpBacktest({
      strategy: smaLongShort,
      params: { fast: 10, slow: 30, exposure: 2 },
      timeframe: '4h',
      // The mark history ends with the 2025-05-27 00:00 candle: the run stops there.
      series: [series(0, Date.UTC(2025, 4, 27, 4), { mode: 'cross', leverage: 3 })],
      initialCash: 10_000,
      takerFee: 0.0005,
      slippageBps: 1,
    });
    expect(r.fills.some((f) => f.qty < 0)).toBe(true);
    expect(r.fills.some((f) => f.qty > 0)).toBe(true);
    expect(r.totals.fundingPaid).toBeGreaterThan(0);
    expect(r.totals.fundingReceived).toBeGreaterThan(0);
    // Independent loop: the position at each settlement from the fills (trade fills at a bar open
    // come after that open's settlement; liquidations are stamped with their bar's close), times
    // the mark candle's open and the rate.
    let expected = 0;
    let paid = 0;
    for (let i = 0; i < funding.time.length; i++) {
      const t = funding.time[i]!;
      let q = 0;
      for (const f of r.fills) if (f.kind === 'trade' ? f.time < t : f.time <= t) q += f.qty;
      q = Math.round(q / 0.0001) * 0.0001;
      if (q === 0 || t < bars4h.openTime[0]!) continue;
      const amount = -q * mark.open[mark.openTime.indexOf(t)]! * funding.rate[i]!;
      expected += amount;
      if (amount < 0) paid -= amount;
    }
    expect(r.totals.funding).toBeCloseTo(expected, 6);
    expect(r.totals.fundingPaid).toBeCloseTo(paid, 6);
    // The books add up: initial + realized − fees + funding − liquidations + unrealized.
    const t = r.totals;
    expect(r.finalEquity).toBeCloseTo(
      r.initialCash + t.realizedPnl - t.fees + t.funding - t.liquidationLoss + t.unrealizedPnl,
      6,
    );
    // The funding file's hole is reported, and the settlements held through it booked nothing.
    expect(r.fundingGaps).toEqual([
      { after: Date.UTC(2025, 0, 2), before: Date.UTC(2025, 0, 9, 8), missing: 21, instrument: SWAP },
    ]);
    expect(r.unpricedSettlements.length).toBe(21);
    expect(Math.max(...r.equity.exposure)).toBeGreaterThan(1.5);
  });

  it('refuses bad input: a missing mark candle, a non-finite funding rate, a zero contract value', () => {
    const base = series(Date.UTC(2024, 8, 1), Date.UTC(2024, 8, 3), { mode: 'cross', leverage: 1 });
    const cfg = (s: SwapSeries) => ({
      strategy: scripted,
      params: { plan: [] },
      timeframe: '4h' as const,
      series: [s],
      initialCash: 1_000,
    });
    const k = mark.openTime.indexOf(Date.UTC(2024, 8, 2, 8));
    const holed: PriceCandles = {
      openTime: Float64Array.from([...mark.openTime.slice(0, k), ...mark.openTime.slice(k + 1)]),
      open: Float64Array.from([...mark.open.slice(0, k), ...mark.open.slice(k + 1)]),
      high: Float64Array.from([...mark.high.slice(0, k), ...mark.high.slice(k + 1)]),
      low: Float64Array.from([...mark.low.slice(0, k), ...mark.low.slice(k + 1)]),
      close: Float64Array.from([...mark.close.slice(0, k), ...mark.close.slice(k + 1)]),
    };
    expect(errorOf(() => runPerpBacktest(cfg({ ...base, mark: holed })))).toBe(
      'OKX:BTC/USDT:USDT: mark candle missing for the bar at 2024-09-02T08:00:00.000Z',
    );
    const rate = funding.rate.slice();
    rate[5] = Number.NaN;
    const f: FundingSeries = { time: funding.time, rate };
    expect(errorOf(() => runPerpBacktest(cfg({ ...base, funding: f })))).toMatch(
      /funding: row 6: funding rate NaN .* is not finite/,
    );
    expect(errorOf(() => runPerpBacktest(cfg({ ...base, contract: { ...contract, ctVal: 0 } })))).toMatch(
      /ctVal must be a finite number > 0, got 0/,
    );
  });

  it('aggregates 1h candles into 4h and refuses a window with a candle missing', () => {
    expect(bars4h.openTime.length).toBe(6712 / 4);
    expect(bars4h.open[0]).toBe(bars1h.open[0]);
    expect(bars4h.close[0]).toBe(bars1h.close[3]);
    expect(bars4h.high[0]).toBe(Math.max(...bars1h.high.slice(0, 4)));
    const holed = sliceBars(bars1h, bars1h.openTime[0]!, bars1h.openTime[8]!);
    const drop = (c: Float64Array) => Float64Array.from([...c.slice(0, 5), ...c.slice(6)]);
    const bad = {
      ...holed,
      openTime: drop(holed.openTime),
      open: drop(holed.open),
      high: drop(holed.high),
      low: drop(holed.low),
      close: drop(holed.close),
      volume: drop(holed.volume),
    };
    expect(errorOf(() => aggregateBars(bad, '1h', '4h'))).toMatch(
      /window at 2024-08-20T20:00:00.000Z has 3 of its 4 1h candles/,
    );
  });
});
