/**
 * `algotrader perp-backtest` as a user runs it (the real CLI in a child process): on the bundled
 * OKX swap data from a clone alone, the printed breakdown equals runPerpBacktest's own figures, and
 * a bad flag fails with the usage.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PerpSummary } from '@algotrader/report';
import { describe, expect, test } from 'vitest';
import { cliCwd, runCli } from './helpers/cli';

describe('algotrader perp-backtest', () => {
  test('runs sma_long_short on the bundled data, writes summary and tearsheet, shows funding apart', async () => {
    const out = join(cliCwd, 'perp-run');
    const r = await runCli([
      'perp-backtest',
      '--param',
      'fast=10',
      '--param',
      'slow=30',
      '--param',
      'exposure=2',
      '--leverage',
      '3',
      '--out',
      out,
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as PerpSummary;
    expect(summary.kind).toBe('perp_backtest_summary');
    expect(summary.counts.fundingSettlements).toBeGreaterThan(700);
    const text = r.lines.join('\n');
    expect(text).toMatch(/funding \(paid [\d,.]+, received [\d,.]+\)\s+-?[\d,.]+ USDT/);
    expect(text).toContain('funding gap in OKX:BTC/USDT:USDT: 21 settlements missing');
    expect(existsSync(join(out, 'tearsheet.html'))).toBe(true);
    const p = summary.pnl;
    expect(
      summary.initialCash + p.realized + p.unrealized - p.fees + p.funding - p.liquidationLoss,
    ).toBeCloseTo(summary.finalEquity, 6);
  });

  test('a bad margin mode is a usage error', async () => {
    const r = await runCli(['perp-backtest', '--margin', 'hedge']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--margin must be cross or isolated/);
  });
});
