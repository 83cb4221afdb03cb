import type { MetricFields, MetricsSink, MetricTags } from '@algotrader/metrics';
import { NullSink } from '@algotrader/metrics';
import { parsePipelineConfig } from '@algotrader/pipeline';
import { Account } from '@algotrader/portfolio';
import { describe, expect, test } from 'vitest';
import { swapFigures, writeSwapMetrics } from './swap-metrics';

/**
 * The swap figures of a book, against hand-computed numbers: an isolated 5× long of 0.5 BTC at
 * 60 000 (margin 6 000, no fee), marked at 58 000, then one funding settlement at +0.01 %.
 */

const KEY = 'OKX:BTC/USDT:USDT';
const p = parsePipelineConfig({
  instruments: [KEY, 'OKX:ETH/USDT'],
  strategies: [{ name: 'sma_cross', instruments: [KEY] }],
  swaps: { [KEY]: { marginMode: 'isolated', leverage: 5 } },
});

class MemorySink extends NullSink implements MetricsSink {
  readonly points: { m: string; tags: MetricTags; fields: MetricFields; t: number | undefined }[] = [];
  override point(m: string, tags: MetricTags, fields: MetricFields, t?: number): void {
    this.points.push({ m, tags, fields, t });
  }
}

function book(): Account {
  const a = Account.open({ initialCash: 10_000, specs: p.specs, swapSettings: p.swapSettings });
  a.setMark(0, 60_000);
  a.applyFill(0, 'buy', 0.5, 60_000, 0);
  a.setMark(0, 58_000);
  return a;
}

describe('swap metrics', () => {
  test('leverage, margin ratio, liquidation price and distance, funding P&L by hand', () => {
    const a = book();
    a.applyFunding(0, 0.0001, 58_000); // the long pays 0.5 × 58 000 × 0.0001 = 2.9
    const f = swapFigures(a)!;
    const pos = f.positions[KEY]!;
    // Equity: 10 000 − 2.9 funding + 0.5 × (58 000 − 60 000) unrealized = 8 997.1.
    expect(f.account.equity).toBeCloseTo(8_997.1, 9);
    expect(pos.funding_pnl).toBeCloseTo(-2.9, 12);
    expect(f.account.funding_pnl).toBe(pos.funding_pnl);
    expect(pos.notional).toBe(29_000);
    expect(pos.leverage).toBeCloseTo(29_000 / 8_997.1, 12);
    expect(f.account.leverage).toBeCloseTo(29_000 / 8_997.1, 12);
    // Margin 6 000 − 2.9 funding; maintenance 0.004 (tier 1) × 0.5 × 58 000 = 116.
    expect(pos.margin).toBeCloseTo(5_997.1, 9);
    expect(pos.margin_ratio).toBeCloseTo((5_997.1 - 1_000) / 116, 9);
    // 5 997.1 + 0.5 (P − 60 000) = 0.004 × 0.5 × P  →  P = 24 002.9 / 0.498.
    expect(pos.liquidation_price).toBeCloseTo(24_002.9 / 0.498, 6);
    expect(pos.liquidation_distance).toBeCloseTo((58_000 - 24_002.9 / 0.498) / 58_000, 9);
    expect(f.account).toMatchObject({ positions: 1, liquidation_loss: 0 });
    expect(f.account.min_margin_ratio).toBe(pos.margin_ratio);
    expect(f.account.min_liquidation_distance).toBe(pos.liquidation_distance);
    // The spot instrument is not a swap: no point for it.
    expect(Object.keys(f.positions)).toEqual([KEY]);
  });

  test('flat: no margin ratio or liquidation figures are made up; an account without swaps writes nothing', () => {
    const a = book();
    a.applyFill(0, 'sell', 0.5, 58_000, 0);
    const sink = new MemorySink();
    writeSwapMetrics(sink, 'perp', a, 123);
    expect(sink.points.map((x) => [x.m, x.tags, x.t])).toEqual([
      ['swap_account', { account: 'perp' }, 123],
      ['swap_position', { account: 'perp', instrument: KEY }, 123],
    ]);
    const pos = sink.points[1]!.fields;
    expect(pos['quantity']).toBe(0);
    expect(pos['leverage']).toBe(0);
    expect('margin_ratio' in pos || 'liquidation_distance' in pos || 'liquidation_price' in pos).toBe(false);
    expect('min_margin_ratio' in sink.points[0]!.fields).toBe(false);

    const spot = parsePipelineConfig({
      instruments: ['OKX:BTC/USDT'],
      strategies: [{ name: 'sma_cross', instruments: ['OKX:BTC/USDT'] }],
    });
    const none = new MemorySink();
    writeSwapMetrics(none, 'main', Account.open({ initialCash: 1_000, specs: spot.specs }), 1);
    expect(none.points).toEqual([]);
  });
});
