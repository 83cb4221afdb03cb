/**
 * The tearsheet's figures on inputs whose answers are known: drawdown episodes, rolling risk
 * (against a brute-force recomputation per window), period returns by close time, the histogram,
 * buy-and-hold benchmarks, the per-instrument and exit-reason tables, text tables and tick labels.
 */
import {
  type BacktestData,
  computeMetrics,
  equityMetrics,
  runBacktest,
  type Trade,
} from '@algotrader/backtest';
import { type BarColumns, parseInstrument } from '@algotrader/core';
import { defineStrategy, targetUnits } from '@algotrader/strategy';
import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { buyAndHold } from './benchmark';
import { exitReasonRows, instrumentRows } from './breakdown';
import { drawdownEpisodes, topDrawdowns } from './drawdowns';
import { textTable } from './format';
import { closeMonth, histogram, periodReturns } from './periods';
import { rollingStats, rollingWindow } from './rolling';
import { tickAnchor } from './svg';

const H = 3_600_000;
const DAY = 24 * H;

describe('drawdown episodes', () => {
  test('each fall from a peak until it is regained, the open one unrecovered, deepest first', () => {
    const time = [1, 2, 3, 4, 5, 6, 7, 8].map((h) => h * H);
    // Peak 100 (initial) → 90 → 95 → 100 (recovered at 4h) → 120 → 60 → 80 → 119 (not recovered).
    const equity = [90, 95, 100, 120, 60, 80, 119, 110];
    const eps = drawdownEpisodes(time, equity, 100, 0);
    expect(eps).toEqual([
      { start: 0, trough: 1 * H, end: 3 * H, depth: 1 - 90 / 100, durationMs: 3 * H },
      { start: 4 * H, trough: 5 * H, end: null, depth: 0.5, durationMs: 4 * H },
    ]);
    expect(topDrawdowns(eps, 1)).toEqual([eps[1]]);
  });

  test('the deepest episode is the max drawdown computeMetrics reports', () => {
    const { result } = walkRun(3_000, 11);
    const m = computeMetrics(result);
    const [deepest] = topDrawdowns(
      drawdownEpisodes(result.equity.time, result.equity.equity, result.initialCash, result.startTime),
      1,
    );
    expect(deepest!.depth).toBeCloseTo(m.maxDrawdown.depth, 12);
    expect(deepest!.start).toBe(m.maxDrawdown.start);
    expect(deepest!.trough).toBe(m.maxDrawdown.trough);
    expect(deepest!.end).toBe(m.maxDrawdown.end);
    expect(deepest!.durationMs).toBe(m.maxDrawdown.durationMs);
  });
});

/** A deterministic random walk of `n` hourly bars (an LCG: the same bars on every run). */
function walk(n: number, seed: number, start = Date.UTC(2021, 0, 1), p0 = 100): BarColumns {
  let s = seed;
  const rnd = () => {
    s = (s * 1_103_515_245 + 12_345) % 2_147_483_648;
    return s / 2_147_483_648;
  };
  const openTime = new Float64Array(n);
  const open = new Float64Array(n);
  const high = new Float64Array(n);
  const low = new Float64Array(n);
  const close = new Float64Array(n);
  const volume = new Float64Array(n).fill(1);
  let p = p0;
  for (let i = 0; i < n; i++) {
    openTime[i] = start + i * H;
    open[i] = p;
    p *= 1 + (rnd() - 0.5) * 0.02;
    close[i] = p;
    high[i] = Math.max(open[i]!, p) * 1.001;
    low[i] = Math.min(open[i]!, p) * 0.999;
  }
  return { openTime, open, high, low, close, volume };
}

/** Holds one instrument every other day (even UTC days): fills, trades and flat stretches. */
const alternate = defineStrategy({
  kind: 'single',
  name: 'alternate',
  description: 'long on even UTC days, flat on odd ones',
  paramsSchema: z.object({}).strict(),
  timeframes: 'any',
  warmup: () => 1,
  init: () => ({}),
  onBar(ctx) {
    const even = Math.floor(ctx.time / DAY) % 2 === 0;
    return [targetUnits(ctx.instrument, even ? 0.5 : 0)];
  },
});

function walkRun(n: number, seed: number, timing: 'next_open' | 'close' = 'next_open') {
  const data: BacktestData = {
    timeframe: '1h',
    series: [
      { instrument: parseInstrument('OKX:AAA/USDT'), bars: walk(n, seed) },
      // Listed 300 bars later and at another price: a late listing in the benchmarks.
      {
        instrument: parseInstrument('OKX:BBB/USDT'),
        bars: walk(n - 300, seed + 7, Date.UTC(2021, 0, 1) + 300 * H, 40),
      },
    ],
  };
  const result = runBacktest({
    strategy: alternate,
    data,
    initialCash: 10_000,
    fillModel: { timing, fees: { maker: 0.001, taker: 0.002 } },
  });
  return { data, result };
}

describe('rolling volatility and Sharpe ratio', () => {
  test('equal a direct recomputation over every window (running sums do not drift)', () => {
    const { result } = walkRun(2_000, 5);
    const eq = result.equity.equity;
    const w = 100;
    const r = rollingStats(eq, result.initialCash, H, w);
    const rets = Array.from(eq, (e, i) => e / (i === 0 ? result.initialCash : eq[i - 1]!) - 1);
    const P = (365 * DAY) / H;
    let checked = 0;
    for (let i = 0; i < eq.length; i++) {
      if (i < w - 1) {
        expect(r.volatility[i]).toBeNaN();
        continue;
      }
      const win = rets.slice(i - w + 1, i + 1);
      const mean = win.reduce((a, b) => a + b, 0) / w;
      const sd = Math.sqrt(win.reduce((a, b) => a + (b - mean) ** 2, 0) / (w - 1));
      expect(r.volatility[i]).toBeCloseTo(sd * Math.sqrt(P), 9);
      if (sd > 0) {
        expect(r.sharpe[i]).toBeCloseTo((mean / sd) * Math.sqrt(P), 6);
        checked++;
      } else {
        expect(r.sharpe[i]).toBeNaN();
      }
    }
    expect(checked).toBeGreaterThan(1_000);
  });

  test('a window of flat equity has no volatility and no Sharpe ratio, after moves left the window', () => {
    const eq = [...Array.from({ length: 50 }, (_, i) => 100 + (i % 3)), ...new Array(60).fill(101)];
    const r = rollingStats(Float64Array.from(eq), 100, H, 20);
    expect(r.volatility[30]).toBeGreaterThan(0);
    expect(r.volatility[109]).toBe(0);
    expect(r.sharpe[109]).toBeNaN();
  });

  test('the window is 30 days of bars, at least 20 bars', () => {
    expect(rollingWindow(H)).toBe(720);
    expect(rollingWindow(DAY)).toBe(30);
    expect(rollingWindow(7 * DAY)).toBe(20);
  });
});

describe('period returns by close time', () => {
  test('a run ending at 2022-01-01 00:00 ends in December: no empty January', () => {
    // Hourly closes from 2021-11-30 01:00 to 2022-01-01 00:00 (the last bar opened 2021-12-31 23:00).
    const start = Date.UTC(2021, 10, 30, 1);
    const end = Date.UTC(2022, 0, 1);
    const time = Array.from({ length: (end - start) / H + 1 }, (_, i) => start + i * H);
    const equity = time.map((_, i) => 100 + i * 0.01);
    const monthly = equityMetrics({
      time,
      equity,
      initialEquity: 100,
      startTime: start - H,
      tfMs: H,
    }).monthlyReturns;
    expect(Object.keys(monthly)).toEqual(['2021-11', '2021-12']);
    expect(closeMonth(end)).toBe('2021-12');
    // The compounded months are the total return.
    const total = Object.values(monthly).reduce((a, r) => a * (1 + r), 1) - 1;
    expect(total).toBeCloseTo(equity[equity.length - 1]! / 100 - 1, 12);
  });

  test('daily returns chain to the total return, one per UTC day', () => {
    const { result } = walkRun(24 * 20, 3);
    const p = periodReturns(result.equity.time, result.equity.equity, 10_000, (t) =>
      Math.floor((t - 1) / DAY),
    );
    expect(p.ret.length).toBe(20);
    const total = p.ret.reduce((a, r) => a * (1 + r), 1) - 1;
    expect(total).toBeCloseTo(result.finalEquity / 10_000 - 1, 10);
  });

  test('the histogram counts every value once; outliers land in the edge bins', () => {
    const xs = [...Array.from({ length: 400 }, (_, i) => Math.sin(i) * 0.01), 0.5, -0.4];
    const h = histogram(xs);
    expect(h.counts.reduce((a, b) => a + b, 0)).toBe(xs.length);
    expect(h.edges).toHaveLength(h.counts.length + 1);
    expect(h.below).toBeGreaterThanOrEqual(1);
    expect(h.above).toBeGreaterThanOrEqual(1);
    expect(h.max).toBe(0.5);
    expect(h.min).toBe(-0.4);
    expect(h.counts.length).toBeGreaterThanOrEqual(10);
  });
});

describe('buy-and-hold benchmarks', () => {
  test('each instrument: cash until its first close, then last close over first open; equal weight: the mean', () => {
    const { data, result } = walkRun(1_000, 9);
    const time = result.equity.time;
    const b = buyAndHold(time, data, 10_000);
    const [a, bb] = data.series.map((s) => s.bars);
    expect(b.instruments.map((x) => x.name)).toEqual(['OKX:AAA/USDT', 'OKX:BBB/USDT']);
    const n = time.length;
    expect(b.instruments[0]!.value[n - 1]).toBeCloseTo((10_000 * a!.close[999]!) / a!.open[0]!, 6);
    expect(b.instruments[0]!.totalReturn).toBeCloseTo(a!.close[999]! / a!.open[0]! - 1, 12);
    // BBB's first bar closes at point 300: cash before.
    expect(b.instruments[1]!.value[299]).toBe(10_000);
    expect(b.instruments[1]!.value[300]).toBeCloseTo((10_000 * bb!.close[0]!) / bb!.open[0]!, 6);
    for (const i of [0, 299, 300, 650, n - 1]) {
      expect(b.equalWeight!.value[i]).toBeCloseTo(
        (b.instruments[0]!.value[i]! + b.instruments[1]!.value[i]!) / 2,
        6,
      );
    }
  });
});

describe('buy-and-hold benchmarks, asked twice', () => {
  test('the same run gets the same curves back; other cash or other bars get their own', () => {
    const { data, result } = walkRun(600, 5);
    const time = result.equity.time;
    const first = buyAndHold(time, data, 10_000);
    expect(buyAndHold(time, data, 10_000)).toBe(first);
    const more = buyAndHold(time, data, 20_000);
    expect(more).not.toBe(first);
    expect(more.instruments[0]!.value[time.length - 1]).toBeCloseTo(
      2 * first.instruments[0]!.value[time.length - 1]!,
      6,
    );
    const other = walkRun(600, 6).data;
    expect(buyAndHold(time, other, 20_000).instruments[0]!.value).not.toEqual(more.instruments[0]!.value);
  });
});

describe('per-instrument table', () => {
  for (const timing of ['next_open', 'close'] as const) {
    test(`${timing}: net P&L adds up to the run's, trades and fees to the totals, time in market to the exposure`, () => {
      const { data, result } = walkRun(1_500, 13, timing);
      const m = computeMetrics(result);
      const rows = instrumentRows(result, timing, data);
      expect(rows.map((r) => r.instrument)).toEqual(['OKX:AAA/USDT', 'OKX:BBB/USDT']);
      expect(rows.every((r) => r.trades > 10)).toBe(true);
      // Every fill's cash flow plus open positions at the last close is the change in equity.
      expect(rows.reduce((s, r) => s + r.netPnl, 0)).toBeCloseTo(result.finalEquity - result.initialCash, 6);
      expect(rows.reduce((s, r) => s + r.trades, 0)).toBe(result.trades.length);
      expect(rows.reduce((s, r) => s + r.fees, 0)).toBeCloseTo(m.feesPaid, 9);
      expect(rows.reduce((s, r) => s + r.realisedPnl, 0)).toBeCloseTo(
        result.trades.reduce((s, t) => s + t.pnl, 0),
        9,
      );
      // Both hold on the same days, so the union is the longer one; the engine's exposure counts it.
      const held = Array.from(result.equity.exposure, (x) => x > 0).filter(Boolean).length;
      expect(Math.max(rows[0]!.timeInMarket, rows[1]!.timeInMarket)).toBeCloseTo(
        held / result.equity.time.length,
        12,
      );
      expect(rows[0]!.winRate).toBeCloseTo(
        result.trades.filter((t) => t.instrument.base === 'AAA' && t.pnl > 0).length / rows[0]!.trades,
        12,
      );
    });
  }
});

describe('per-instrument flat detection', () => {
  test('a position bought in parts and sold whole is flat, though the float sum leaves a residue', () => {
    const { result } = walkRun(400, 21);
    const inst = result.instruments[0]!;
    const fill = (time: number, side: 'buy' | 'sell', qty: number) => ({
      time,
      instrument: inst,
      side,
      qty,
      price: 100,
      fee: 0,
      liquidity: 'taker' as const,
      clientOrderId: `c${time}`,
      reason: 'signal' as const,
    });
    const t0 = result.equity.time[0]!;
    // 0.1 + 0.2 − 0.3 = 5.6e-17 in floating point.
    const fills = [fill(t0, 'buy', 0.1), fill(t0 + H, 'buy', 0.2), fill(t0 + 3 * H, 'sell', 0.3)];
    const rows = instrumentRows({ ...result, fills, trades: [] }, 'close', undefined);
    // Held at the points t0 .. t0 + 2h (the sell at t0 + 3h is booked at that point): 3 points.
    expect(rows[0]!.timeInMarket).toBeCloseTo(3 / result.equity.time.length, 12);
    expect(rows[0]!.openQty).toBe(0);
  });
});

describe('exit-reason table', () => {
  const t = (pnl: number, exitReason?: string): Trade =>
    ({
      instrument: parseInstrument('OKX:AAA/USDT'),
      entryTime: 0,
      exitTime: H,
      entryPrice: 1,
      exitPrice: 1,
      qty: 1,
      pnl,
      return: pnl / 100,
      fees: 0,
      holdingMs: H,
      ...(exitReason === undefined ? {} : { exitReason }),
    }) as Trade;

  test('absent when no trade carries a reason (nothing made up)', () => {
    expect(exitReasonRows([t(1), t(-1)])).toEqual([]);
  });

  test('grouped by reason, most trades first, untagged ones apart', () => {
    const rows = exitReasonRows([t(5, 'take_profit'), t(-2, 'stop_loss'), t(-3, 'stop_loss'), t(1)]);
    expect(rows.map((r) => [r.reason, r.trades, r.pnl, r.winRate])).toEqual([
      ['stop_loss', 2, -5, 0],
      ['take_profit', 1, 5, 1],
      ['untagged', 1, 1, 1],
    ]);
  });
});

describe('text', () => {
  test('a text table pads every column to its widest cell, numbers to the right', () => {
    const lines = textTable(
      ['Name', 'Trades', 'P&L'],
      [
        ['A', '5', '−1.00'],
        ['LONGER', '123', '10.00'],
      ],
    );
    expect(lines).toEqual([
      'Name    Trades    P&L',
      '──────  ──────  ─────',
      'A            5  −1.00',
      'LONGER     123  10.00',
    ]);
  });

  test('an x-axis label at the chart edge ends (or starts) at its tick instead of being cut', () => {
    expect(tickAnchor(984, '2022-01', 1000)).toBe('end');
    expect(tickAnchor(500, '2022-01', 1000)).toBe('middle');
    expect(tickAnchor(4, '2022-01', 1000)).toBe('start');
  });
});
