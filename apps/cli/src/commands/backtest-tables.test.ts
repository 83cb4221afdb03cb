/**
 * The tables `algotrader backtest` prints under the headline figures: one row per instrument with
 * figures that add up to the run's, aligned columns, and an exit-reason table only when the trades
 * carry reasons (the engine tags none today; here the tags are put on a real run's trades).
 */
import { type BacktestData, runBacktest, type Trade } from '@algotrader/backtest';
import { type BarColumns, parseInstrument } from '@algotrader/core';
import { defineStrategy, NO_DECISIONS, targetUnits } from '@algotrader/strategy';
import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { breakdownTables } from './backtest';

const H = 3_600_000;

function bars(n: number, p0: number, wave: number): BarColumns {
  const openTime = Float64Array.from({ length: n }, (_, i) => Date.UTC(2022, 0, 1) + i * H);
  const close = Float64Array.from({ length: n }, (_, i) => p0 * (1 + 0.05 * Math.sin(i / wave)));
  const open = Float64Array.from(close, (c, i) => (i === 0 ? c : close[i - 1]!));
  return {
    openTime,
    open,
    high: Float64Array.from(close, (c, i) => Math.max(c, open[i]!) * 1.001),
    low: Float64Array.from(close, (c, i) => Math.min(c, open[i]!) * 0.999),
    close,
    volume: new Float64Array(n).fill(1),
  };
}

/** In for 6 hours out of every 12. */
const halfDays = defineStrategy({
  kind: 'single',
  name: 'half_days',
  description: 'long from 00:00 and 12:00 for six hours',
  paramsSchema: z.object({}).strict(),
  timeframes: 'any',
  warmup: () => 1,
  init: () => ({}),
  onBar(ctx) {
    const h = new Date(ctx.time).getUTCHours() % 12;
    if (h === 0) return [targetUnits(ctx.instrument, 1)];
    if (h === 6) return [targetUnits(ctx.instrument, 0)];
    return NO_DECISIONS;
  },
});

const data: BacktestData = {
  timeframe: '1h',
  series: [
    { instrument: parseInstrument('OKX:BTC/USDT'), bars: bars(500, 300, 7) },
    { instrument: parseInstrument('OKX:ETH/USDT'), bars: bars(500, 20, 11) },
  ],
};
const result = runBacktest({
  strategy: halfDays,
  data,
  initialCash: 10_000,
  fillModel: { fees: { taker: 0.001 } },
});

describe('backtest terminal tables', () => {
  test('one aligned row per instrument; net P&L adds up to the run; a strategy without exits exits on signals only', () => {
    const lines = breakdownTables(result, 'next_open', data);
    expect(lines[0]).toBe('Per instrument');
    const [head, rule, ...rest] = lines.slice(1);
    const rows = rest.filter((l) => l.startsWith('  OKX:'));
    expect(rows.map((l) => l.trim().split(/\s+/)[0])).toEqual(['OKX:BTC/USDT', 'OKX:ETH/USDT']);
    // Columns line up: every row is as long as the rule under the header, numbers end at its edge.
    expect(head).toMatch(/^ {2}Instrument +Trades +Win rate +Closed P&L USDT +Net P&L USDT/);
    for (const r of rows) expect(r.length).toBe(rule!.length);
    const net = rows.map((l) => Number(l.trim().split(/\s+/)[4]!.replace(/[,*]/g, '')));
    expect(net[0]! + net[1]!).toBeCloseTo(result.finalEquity - result.initialCash, 1);
    const trades = rows.map((l) => Number(l.trim().split(/\s+/)[1]));
    expect(trades[0]! + trades[1]!).toBe(result.trades.length);
    const at = lines.indexOf('Exit reasons');
    expect(at).toBeGreaterThan(0);
    const reasons = lines.slice(at + 3).filter((l) => l.startsWith('  ') && l.trim() !== '');
    expect(reasons.map((l) => l.trim().split(/\s+/).slice(0, 2))).toEqual([
      ['signal', String(result.trades.length)],
    ]);
  });

  test('an exit-reason table when the trades carry reasons, most trades first, ties by name', () => {
    // Tag the run's own trades as a stop-loss engine would: losers stopped out, winners taken.
    const tagged = result.trades.map((t): Trade & { exitReason: string } => ({
      ...t,
      exitReason: t.pnl > 0 ? 'take_profit' : 'stop_loss',
    }));
    const lines = breakdownTables({ ...result, trades: tagged }, 'next_open', data);
    const at = lines.indexOf('Exit reasons');
    expect(at).toBeGreaterThan(0);
    expect(lines[at + 1]).toMatch(
      /^ {2}Reason +Trades +Win rate +P&L USDT +Avg P&L USDT +Avg return +Avg held$/,
    );
    const rows = lines.slice(at + 3).filter((l) => l.startsWith('  ') && l.trim() !== '');
    const wins = tagged.filter((t) => t.pnl > 0).length;
    const expected = [
      ['take_profit', wins, '100.0%'],
      ['stop_loss', tagged.length - wins, '0.0%'],
      // Most trades first, ties by name.
    ].sort((a, b) => (b[1] as number) - (a[1] as number) || String(a[0]).localeCompare(String(b[0])));
    expect(rows.map((l) => l.trim().split(/\s+/).slice(0, 3))).toEqual(
      expected.map(([r, n, w]) => [String(r), String(n), String(w)]),
    );
  });
});
