/** The perp summary and tearsheet show fees, funding and liquidation losses, each on its own. */
import { aggregateBars, type PerpBacktestResult, perpMetrics, runPerpBacktest } from '@algotrader/backtest';
import { okxSwapContract, parseInstrument } from '@algotrader/core';
import { smaLongShort } from '@algotrader/strategy';
import { describe, expect, test } from 'vitest';
import { okxBtcFunding, okxBtcMark4h, okxBtcSwap1h } from '../../backtest/test/perp-data';
import { num } from './format';
import { buildPerpSummary, perpSummaryLines, renderPerpTearsheet } from './perp';

const SWAP = parseInstrument('OKX:BTC/USDT:USDT');
const mark = okxBtcMark4h();
const bars = aggregateBars(okxBtcSwap1h(), '1h', '4h');
const last = bars.openTime.indexOf(mark.openTime[mark.openTime.length - 1]!) + 1;
const trimmed = {
  openTime: bars.openTime.slice(0, last),
  open: bars.open.slice(0, last),
  high: bars.high.slice(0, last),
  low: bars.low.slice(0, last),
  close: bars.close.slice(0, last),
  volume: bars.volume.slice(0, last),
};

function run(exposure: number, leverage: number, mode: 'isolated' | 'cross'): PerpBacktestResult {
  return runPerpBacktest({
    strategy: smaLongShort,
    params: { fast: 10, slow: 30, exposure },
    timeframe: '4h',
    series: [
      {
        contract: okxSwapContract(SWAP)!,
        bars: trimmed,
        mark,
        funding: okxBtcFunding(),
        setting: { mode, leverage },
      },
    ],
    initialCash: 10_000,
  });
}

const info = { runId: 'perp-<test>', createdAt: Date.UTC(2026, 0, 1), dataSource: 'data/perp' };

describe('perp summary and tearsheet', () => {
  test('the breakdown adds up to the final equity and names the funding gap', () => {
    const r = run(2, 3, 'cross');
    const m = perpMetrics(r);
    const s = buildPerpSummary(r, m, info);
    const p = s.pnl;
    expect(s.initialCash + p.realized + p.unrealized - p.fees + p.funding - p.liquidationLoss).toBeCloseTo(
      s.finalEquity,
      6,
    );
    expect(p.fundingPaid - p.fundingReceived).toBeCloseTo(-p.funding, 9);
    const text = perpSummaryLines(s).join('\n');
    expect(text).toContain(`funding (paid ${num(p.fundingPaid, 2)}, received ${num(p.fundingReceived, 2)})`);
    expect(text).toMatch(
      /funding gap in OKX:BTC\/USDT:USDT: 21 settlements missing between 2025-01-02T00:00:00.000Z/,
    );
    const html = renderPerpTearsheet({ summary: s, result: r });
    expect(html).toContain('Funding paid');
    expect(html).toContain('id="funding-chart"');
    expect(html).toContain('perp-&lt;test&gt;');
    expect(html).not.toContain('perp-<test>');
  });

  test('a 20× isolated run is liquidated and says so everywhere', () => {
    // 15× notional on 20× leverage: a 4–5% move against it takes the margin.
    const r = run(15, 20, 'isolated');
    const m = perpMetrics(r);
    expect(m.liquidations).toBeGreaterThan(0);
    const s = buildPerpSummary(r, m, info);
    expect(s.pnl.liquidationLoss).toBeGreaterThan(0);
    const text = perpSummaryLines(s).join('\n');
    expect(text).toMatch(/LIQUIDATED OKX:BTC\/USDT:USDT \(isolated\)/);
    expect(renderPerpTearsheet({ summary: s, result: r })).toContain('<th>mode</th>');
  });
});
