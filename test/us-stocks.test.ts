import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type BacktestResult, computeMetrics, runBacktest } from '@algotrader/backtest';
import { isSessionAligned, NYSE, sessionBarClose } from '@algotrader/core';
import { parsePipelineConfig } from '@algotrader/pipeline';
import { US_STOCK_SPEC } from '@algotrader/portfolio';
import {
  adjustForSplits,
  BUNDLED_US_DATASETS,
  dividendsFor,
  readCorporateActions,
  readUsDataset,
  regularHours,
  sessionAligned,
  type UsDataset,
} from '@algotrader/store';
import { defineStrategy, smaCross, targetUnits } from '@algotrader/strategy';
import { bundledData, repoRoot } from '@algotrader/testkit';
import { beforeAll, describe, expect, test } from 'vitest';
import { z } from 'zod';

/** Every fill at a session's open (next_open), never on a night, weekend or holiday. */
function fillsAtSessionOpens(r: BacktestResult): void {
  for (const f of r.fills) {
    const s = NYSE.sessionAt(f.time);
    expect(s, new Date(f.time).toISOString()).toBeDefined();
    expect(f.time).toBe(s!.open);
    expect(Number.isInteger(f.qty)).toBe(true);
  }
}

/** next_open fills of session-aligned bars: at a bar's open, which lies on the session's grid. */
function fillsInsideSessionsOnTheGrid(r: BacktestResult): void {
  for (const f of r.fills) {
    expect(isSessionAligned(NYSE, f.time, 3_600_000), new Date(f.time).toISOString()).toBe(true);
    expect(Number.isInteger(f.qty)).toBe(true);
  }
}

describe('US stocks on the shared data: session-aware backtests', () => {
  const daily: UsDataset[] = [];
  beforeAll(async () => {
    const actions = await readCorporateActions(bundledData('us/corporate_actions.csv'));
    for (const f of ['us_SPY_1d.csv.gz', 'us_AAPL_1d.csv.gz', 'us_MSFT_1d.csv.gz']) {
      daily.push(
        adjustForSplits(await readUsDataset(bundledData(`us/${f}`), BUNDLED_US_DATASETS[f]!), actions),
      );
    }
  });

  test('daily sma_cross on SPY, split-adjusted AAPL and MSFT, IBKR fixed commissions', () => {
    expect(daily.map((d) => d.adjustments.length)).toEqual([0, 4, 1]);
    const r = runBacktest({
      strategy: smaCross,
      params: { fast: 20, slow: 100 },
      data: {
        timeframe: '1d',
        series: daily.map((d) => ({ instrument: d.meta.instrument, bars: d.bars, spec: US_STOCK_SPEC })),
      },
      initialCash: 100_000,
      calendar: NYSE,
      fillModel: { commission: { kind: 'ibkr_fixed' } },
    });
    expect(r.fills.length).toBeGreaterThan(100);
    fillsAtSessionOpens(r);
    // Fridays' decisions fill on Mondays (or the next session after a holiday): some fill days are Mondays.
    expect(r.fills.some((f) => new Date(f.time).getUTCDay() === 1)).toBe(true);
    // Every order pays at least the $1 minimum (unless 1% of its value is less).
    expect(r.fills.every((f) => f.fee >= Math.min(1, 0.01 * f.qty * f.price) - 1e-12)).toBe(true);
    const m = computeMetrics(r);
    expect(m.annualisation.periodsPerYear).toBe(252);
    expect(Number.isFinite(m.sharpe)).toBe(true);
  });

  test('hourly sma_cross on SPY regular hours, annualised by session hours', async () => {
    const ds = regularHours(
      await readUsDataset(bundledData('us/us_SPY_1h.csv.gz'), BUNDLED_US_DATASETS['us_SPY_1h.csv.gz']!),
    );
    const r = runBacktest({
      strategy: smaCross,
      params: { fast: 7, slow: 35 },
      data: {
        timeframe: '1h',
        series: [{ instrument: ds.meta.instrument, bars: ds.bars, spec: US_STOCK_SPEC }],
      },
      initialCash: 100_000,
      calendar: NYSE,
      fillModel: { commission: { kind: 'ibkr_tiered' } },
    });
    expect(r.fills.length).toBeGreaterThan(20);
    for (const f of r.fills) {
      // A fill on the session's first (09:00 or 10:00 New York) bar is stamped at 09:30.
      const s = NYSE.sessionAt(f.time);
      expect(s).toBeDefined();
      expect(f.time % 1_800_000).toBe(0);
    }
    expect(computeMetrics(r).annualisation.basis).toBe(
      '1764 periods per year (252 nyse sessions × 7 bars of 60 min in 6.5 session hours)',
    );
  });

  test('session-aligned hourly SPY (09:30–10:30 … 15:30–16:00, built from the 30m file): decisions at each bar close, the last at 16:00', async () => {
    const ds = sessionAligned(
      await readUsDataset(bundledData('us/us_SPY_30m.csv.gz'), BUNDLED_US_DATASETS['us_SPY_30m.csv.gz']!),
      '1h',
    );
    expect(ds.meta).toMatchObject({ timeframe: '1h', hours: 'regular', alignment: 'session' });
    expect(ds.droppedOutsideSessions).toBeGreaterThan(9_000); // pre- and after-market half hours
    const r = runBacktest({
      strategy: smaCross,
      params: { fast: 7, slow: 35 },
      data: {
        timeframe: '1h',
        series: [{ instrument: ds.meta.instrument, bars: ds.bars, spec: US_STOCK_SPEC }],
      },
      initialCash: 100_000,
      calendar: NYSE,
      fillModel: { commission: { kind: 'ibkr_tiered' } },
    });
    expect(r.equity.time.length).toBe(ds.bars.openTime.length);
    for (let i = 0; i < r.equity.time.length; i++) {
      const open = ds.bars.openTime[i]!;
      expect(isSessionAligned(NYSE, open, 3_600_000)).toBe(true);
      // Valued at the bar's close: never after its session's close (the 15:30 bar at 16:00, not 16:30).
      expect(r.equity.time[i]).toBe(sessionBarClose(NYSE, open, 3_600_000));
      expect(r.equity.time[i]).toBeLessThanOrEqual(NYSE.sessionAt(open)!.close);
    }
    const closes = r.equity.time.filter((t) => NYSE.sessions(t - 86_400_000, t).some((s) => s.close === t));
    expect(closes.length, 'one bar ends each session').toBe(
      new Set(Array.from(ds.bars.openTime, (t) => NYSE.sessionAt(t)!.date)).size,
    );
    expect(r.fills.length).toBeGreaterThan(20);
    fillsInsideSessionsOnTheGrid(r);
    expect(computeMetrics(r).annualisation.periodsPerYear).toBe(1764);
  });

  test('AAPL held 2020-01 → 2023-03 earns its 13 dividends in cash, on the split-adjusted share count', async () => {
    const actions = await readCorporateActions(bundledData('us/corporate_actions.csv'));
    const aapl = daily[1]!;
    const from = aapl.bars.openTime.findIndex((t) => t >= Date.UTC(2020, 0, 2));
    const cut = (a: Float64Array) => a.slice(from);
    const bars = {
      openTime: cut(aapl.bars.openTime),
      open: cut(aapl.bars.open),
      high: cut(aapl.bars.high),
      low: cut(aapl.bars.low),
      close: cut(aapl.bars.close),
      volume: cut(aapl.bars.volume),
    };
    const dividends = dividendsFor(aapl, actions);
    const hold = defineHold();
    const run = (divs: typeof dividends) =>
      runBacktest({
        strategy: hold,
        data: { timeframe: '1d', series: [{ instrument: aapl.meta.instrument, bars, spec: US_STOCK_SPEC }] },
        initialCash: 100_000,
        calendar: NYSE,
        fillModel: { commission: { kind: 'ibkr_fixed' } },
        dividends: divs,
      });
    const withDivs = run(dividends);
    const without = run([]);
    const qty = withDivs.fills[0]!.qty;
    expect(withDivs.fills).toHaveLength(1);
    expect(withDivs.dividends).toHaveLength(13);
    for (const d of withDivs.dividends!) expect(d.qty).toBe(qty);
    const perShare = dividends.reduce((s, d) => s + d.perShare, 0);
    // 0.77/4 + 0.82/4 × 2 + 0.205 × 2 + 0.22 × 4 + 0.23 × 4 = 2.8125 a (today’s) share.
    expect(perShare).toBeCloseTo(2.8125, 12);
    expect(withDivs.finalEquity - without.finalEquity).toBeCloseTo(qty * 2.8125, 6);
  });

  test('the example IBKR pipeline (config/pipeline.ibkr.json) parses: NYSE market, whole shares, IBKR fixed', () => {
    const p = parsePipelineConfig(
      JSON.parse(readFileSync(join(repoRoot, 'config/pipeline.ibkr.json'), 'utf8')),
    );
    expect(p.config.broker).toBe('ibkr');
    expect(p.calendar).toBe(NYSE);
    expect(p.specs.map((s) => s.lotSize)).toEqual([1, 1]);
    expect(p.fillModel.config.commission?.kind).toBe('ibkr_fixed');
  });
});

/** Buys as many whole shares as 90% of the cash allows at the first close, then holds. */
function defineHold() {
  return defineStrategy({
    kind: 'single',
    name: 'hold',
    description: 'buy once, hold (tests only)',
    paramsSchema: z.object({}).strict(),
    timeframes: 'any',
    warmup: () => 1,
    init: () => ({ done: false }),
    onBar: (ctx) => {
      if (ctx.state.done) return [];
      ctx.state.done = true;
      return [targetUnits(ctx.instrument, Math.floor((0.9 * ctx.portfolio.cash) / ctx.bars.close()))];
    },
  });
}
