/**
 * `algotrader backtest` on the bundled US stock files: the NYSE calendar, split back-adjustment
 * stated, IBKR commissions by default, annualisation by trading days (daily) or session bars
 * (intraday) stated in the summary and the text; the same fills as runBacktest called directly.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runBacktest } from '@algotrader/backtest';
import { isSessionAligned, NYSE } from '@algotrader/core';
import { FillModelSchema, US_STOCK_SPEC } from '@algotrader/portfolio';
import type { BacktestSummary, FillJson } from '@algotrader/report';
import {
  adjustForSplits,
  BUNDLED_US_DATASETS,
  dividendsFor,
  readCorporateActions,
  readUsDataset,
} from '@algotrader/store';
import { smaCross } from '@algotrader/strategy';
import { bundledData, repoRoot } from '@algotrader/testkit';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runBacktestCmd } from '../apps/cli/src/commands/backtest';
import type { CommandIo } from '../apps/cli/src/sweep/io';

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'algotrader-bt-us-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function capture(): { io: CommandIo; out: string[] } {
  const out: string[] = [];
  return {
    io: { env: {}, cwd: repoRoot, out: (l) => out.push(l), err: () => {}, now: () => 0, quiet: true },
    out,
  };
}

interface JsonOut {
  summary: BacktestSummary & { metrics: { annualisation: { periodsPerYear: number; basis: string } } };
  fills: FillJson[];
  calendar: string;
  dataNotes: string[];
  dividends: { time: number; qty: number; perShare: number; amount: number }[];
}

async function json(argv: string[]): Promise<JsonOut> {
  const c = capture();
  expect(await runBacktestCmd([...argv, '--json'], c.io)).toBe(0);
  return JSON.parse(c.out.join('\n')) as JsonOut;
}

describe('algotrader backtest on data/us', () => {
  test('daily AAPL: NYSE sessions, four splits back-adjusted and stated, IBKR fixed, 252 days — the fills of runBacktest', async () => {
    const r = await json([
      '--strategy',
      'sma_cross',
      '--data',
      'data/us/us_AAPL_1d.csv.gz',
      '--param',
      'fast=20',
      '--param',
      'slow=100',
      '--cash',
      '100000',
    ]);
    expect(r.calendar).toBe('nyse');
    expect(r.summary.metrics.annualisation).toEqual({
      periodsPerYear: 252,
      basis: '252 periods per year (252 nyse trading days)',
    });
    expect(r.dataNotes.filter((n) => n.startsWith('split '))).toHaveLength(4);
    expect(r.dataNotes).toContain('prices: split adjusted (impulsecorp/PickStocksAGI)');
    expect(r.summary.fillModel).toMatchObject({ commission: { kind: 'ibkr_fixed' } });

    const actions = await readCorporateActions(bundledData('us/corporate_actions.csv'));
    const ds = adjustForSplits(
      await readUsDataset(bundledData('us/us_AAPL_1d.csv.gz'), BUNDLED_US_DATASETS['us_AAPL_1d.csv.gz']!),
      actions,
    );
    const dividends = dividendsFor(ds, actions);
    const direct = runBacktest({
      strategy: smaCross,
      params: { fast: 20, slow: 100 },
      data: {
        timeframe: '1d',
        series: [{ instrument: ds.meta.instrument, bars: ds.bars, spec: US_STOCK_SPEC }],
      },
      initialCash: 100_000,
      calendar: NYSE,
      fillModel: FillModelSchema.parse({ commission: { kind: 'ibkr_fixed' } }),
      dividends,
    });
    expect(direct.fills.length).toBeGreaterThan(20);
    expect(r.fills.map((f) => [f.time, f.side, f.qty, f.price, f.fee])).toEqual(
      direct.fills.map((f) => [f.time, f.side, f.qty, f.price, f.fee]),
    );
    expect(r.dataNotes).toContain(
      'dividends: 13 from corporate_actions.csv credited in cash on held shares at their ex-dates',
    );
    expect(r.dividends).toEqual(direct.dividends!.map((d) => ({ ...d, instrument: 'IBKR:AAPL/USD' })));
    expect(r.summary.finalEquity).toBeCloseTo(direct.finalEquity, 6);
    for (const f of r.fills) {
      expect(f.time, String(f.iso)).toBe(NYSE.sessionAt(f.time)?.open);
      expect(Number.isInteger(f.qty)).toBe(true);
    }
  });

  test('SPY 30m file with --tf 1h: session-aligned hourly bars, 1764 bars a year, stated in the text', async () => {
    const argv = [
      '--strategy',
      'sma_cross',
      '--data',
      'data/us/us_SPY_30m.csv.gz',
      '--tf',
      '1h',
      '--param',
      'fast=7',
      '--param',
      'slow=35',
      '--cash',
      '100000',
      '--commission',
      'ibkr_tiered',
    ];
    const r = await json(argv);
    expect(r.summary.metrics.annualisation.periodsPerYear).toBe(1764);
    expect(r.summary.fillModel).toMatchObject({ commission: { kind: 'ibkr_tiered' } });
    expect(r.dataNotes.some((n) => /1h bars aligned to the session/.test(n))).toBe(true);
    expect(r.dataNotes).toContain('dividends: already in the prices (dividend-adjusted), none credited');
    expect(r.fills.length).toBeGreaterThan(20);
    for (const f of r.fills) expect(isSessionAligned(NYSE, f.time, 3_600_000), String(f.iso)).toBe(true);

    const c = capture();
    expect(await runBacktestCmd([...argv, '--out', join(tmp, 'spy1h')], c.io)).toBe(0);
    const text = c.out.join('\n');
    expect(text).toMatch(
      /Calendar: nyse sessions .*annualised by 1764 periods per year \(252 nyse sessions × 7 bars of 60 min in 6\.5 session hours\)/,
    );
    expect(text).toMatch(/Data: regular hours: \d+ extended-hours bars left out/);
  });

  test('bad input is refused with the reason', async () => {
    const base = ['--strategy', 'sma_cross', '--data', 'data/us/us_AAPL_1d.csv.gz'];
    const c = capture();
    await expect(runBacktestCmd([...base, '--commission', 'flat'], c.io)).rejects.toThrow(
      /--commission "flat": expected ibkr_fixed or ibkr_tiered/,
    );
    await expect(
      runBacktestCmd([...base, '--commission', 'ibkr_fixed', '--fee', '0.001'], c.io),
    ).rejects.toThrow(/two commission models/);
    await expect(runBacktestCmd([...base, '--symbols', 'MSFT/USD'], c.io)).rejects.toThrow(
      /us_AAPL_1d.csv.gz holds IBKR:AAPL\/USD, not MSFT\/USD/,
    );
    await expect(runBacktestCmd([...base, '--tf', '1h'], c.io)).rejects.toThrow(/holds 1d bars, not 1h/);
  });
});
