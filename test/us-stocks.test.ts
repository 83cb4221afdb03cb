import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type BacktestResult, computeMetrics, runBacktest } from '@algotrader/backtest';
import { NYSE } from '@algotrader/core';
import { parsePipelineConfig } from '@algotrader/pipeline';
import { US_STOCK_SPEC } from '@algotrader/portfolio';
import {
  adjustForSplits,
  BUNDLED_US_DATASETS,
  readCorporateActions,
  readUsDataset,
  regularHours,
  type UsDataset,
} from '@algotrader/store';
import { smaCross } from '@algotrader/strategy';
import { bundledData, repoRoot } from '@algotrader/testkit';
import { beforeAll, describe, expect, test } from 'vitest';

/** Every fill at a session's open (next_open), never on a night, weekend or holiday. */
function fillsAtSessionOpens(r: BacktestResult): void {
  for (const f of r.fills) {
    const s = NYSE.sessionAt(f.time);
    expect(s, new Date(f.time).toISOString()).toBeDefined();
    expect(f.time).toBe(s!.open);
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
      '1638 periods per year (252 nyse sessions × 6.5 session hours)',
    );
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
