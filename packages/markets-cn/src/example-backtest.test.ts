import { computeMetrics, runBacktest } from '@algotrader/backtest';
import { smaCross } from '@algotrader/strategy';
import { expect, test } from 'vitest';
import { cnCosts, tradeCosts } from './costs';
import { aShare, aShareSpec } from './instruments';
import { atLimit, limitBand } from './limits';
import { loadBundledCn, loadSseCalendar } from './node';
import { aShareRules, sliceDates } from './rules';

const iso = (t: number) => new Date(t).toISOString().slice(0, 10);

test('sma_cross on Moutai (raw) 2010 → 2021-09 under the A-share rules, against the CSI 300', () => {
  const moutai = aShare('SSE:600519');
  const raw = loadBundledCn('cn_600519_1d');
  const csi = loadBundledCn('cn_000300_1d');
  const bars = sliceDates(raw.bars, '2010-01-04', '2021-09-30');
  const index = sliceDates(csi.bars, '2010-01-04', '2021-09-30');
  const cal = loadSseCalendar();
  const r = runBacktest({
    strategy: smaCross,
    params: { fast: 20, slow: 60 },
    data: { timeframe: '1d', series: [{ instrument: moutai.instrument, bars, spec: aShareSpec(moutai) }] },
    initialCash: 1_000_000,
    fillModel: { timing: 'next_open', fees: { maker: 0, taker: 0 } },
    market: aShareRules({ shares: [moutai], basis: raw.basis }),
  });
  const perYear = cal.tradingDaysPerYear();
  const m = computeMetrics(r, { periodsPerYear: perYear });
  const days = cal.tradingDays('2010-01-04', '2021-09-30');
  expect(r.equity.time.length).toBe(days); // one point per trading day: the annualisation basis
  expect(index.openTime.length).toBe(days);

  const row = new Map<string, number>();
  bars.openTime.forEach((t, i) => {
    row.set(iso(t), i);
  });
  const costs = cnCosts();
  const boughtOn = new Set<string>();
  expect(r.fills.length).toBeGreaterThan(20);
  for (const f of r.fills) {
    const d = iso(f.time);
    const i = row.get(d)!;
    expect(f.qty % 100, d).toBe(0);
    expect(bars.volume[i], `${d} is suspended`).toBeGreaterThan(0);
    const band = limitBand(bars.close[i - 1]!, 0.1);
    expect(f.price).toBe(bars.open[i]);
    if (f.side === 'buy') {
      expect(atLimit(f.price, band, 'up'), `${d} buy at limit-up`).toBe(false);
      boughtOn.add(d);
    } else {
      expect(atLimit(f.price, band, 'down'), `${d} sell at limit-down`).toBe(false);
      expect(boughtOn.has(d), `${d} sold on the day of a buy`).toBe(false);
    }
    expect(f.fee).toBe(tradeCosts(costs, f.side, f.qty, f.price, d).total);
  }
  // Refused orders are accounted for: each one carried then filled, or still pending at the end.
  for (const o of r.orders)
    expect(['filled', 'partially_filled', 'pending', 'cancelled']).toContain(o.status);
  const bench = index.close[index.close.length - 1]! / index.open[0]! - 1;
  console.log(
    `sma_cross(20,60) SSE:600519 2010-01-04 → 2021-09-30: ${r.fills.length} fills, return ${(m.totalReturn * 100).toFixed(1)} %, ` +
      `Sharpe ${m.sharpe.toFixed(2)} (annualised over ${perYear.toFixed(1)} trading days), max DD ${(m.maxDrawdown.depth * 100).toFixed(1)} %, ` +
      `fees ${m.feesPaid.toFixed(2)} CNY; CSI 300 buy and hold ${(bench * 100).toFixed(1)} %`,
  );
  // Annualised with 242-ish trading days, not 365 calendar days.
  const plain = computeMetrics(r);
  expect(m.annualVolatility / plain.annualVolatility).toBeCloseTo(Math.sqrt(perYear / 365), 12);
});
