import { type BarColumns, emptyColumns, type Instrument, parseInstrument } from '@algotrader/core';
import { bollingerBands, rateOfChange, rsi, sma } from '@algotrader/features';
import { describe, expect, it } from 'vitest';
import { decisionKey } from './decision';
import { bollingerReversion } from './examples/bollinger-reversion';
import { smaCross } from './examples/sma-cross';
import { xsMomentum } from './examples/xs-momentum';
import { ColumnFeatureFeed } from './features';
import { StrategyHost } from './host';
import { type AnyStrategy, type PortfolioView, parseParams, windowCapacity } from './strategy';
import { randomWalkBars } from './testing.test-helper';
import { ColumnFeed } from './window';

const BTC = parseInstrument('OKX:BTC/USDT');
const flatBook: PortfolioView = {
  cash: 1000,
  equity: 1000,
  position: () => 0,
  averagePrice: () => Number.NaN,
};

/** Drives a strategy bar by bar through the host, as the engine does; returns "index: decisions". */
function drive(
  strategy: AnyStrategy,
  rawParams: unknown,
  series: { instrument: Instrument; bars: BarColumns }[],
) {
  const params = parseParams(strategy, rawParams);
  const cap = windowCapacity(strategy, params);
  const feeds = series.map((s) => new ColumnFeed(s.bars, '1h', cap));
  const host = new StrategyHost({
    strategy,
    params,
    instruments: series.map((s) => s.instrument),
    windows: feeds.map((f) => f.window),
    portfolio: flatBook,
  });
  const features = series.map((s, k) => new ColumnFeatureFeed(host.declared, s.bars, host.features[k]!));
  const out: string[] = [];
  const n = series[0]!.bars.openTime.length;
  for (let i = 0; i < n; i++) {
    series.forEach((_, k) => {
      feeds[k]!.seek(i);
      features[k]!.seek(i);
      host.updated[k] = 1;
    });
    const ds = host.step(series[0]!.bars.openTime[i]! + 3_600_000);
    if (ds.length > 0) out.push(`${i}: ${ds.map(decisionKey).join('; ')}`);
  }
  return out;
}

function closesOnly(closes: number[]): BarColumns {
  const c = emptyColumns(closes.length);
  closes.forEach((x, i) => {
    c.openTime[i] = i * 3_600_000;
    c.open[i] = x;
    c.high[i] = x;
    c.low[i] = x;
    c.close[i] = x;
    c.volume[i] = 1;
  });
  return c;
}

describe('sma_cross', () => {
  it('goes long on the bar fast crosses above slow and flat where it crosses below', () => {
    // fast=2, slow=4. Bars 3-4: fast 10 < slow 10.75, 10.25 (below). Bar 5: fast (10+11)/2 = 10.5 >
    // slow (10+10+10+11)/4 = 10.25 → long. Bar 9: fast (12+11)/2 = 11.5 < slow (12+13+12+11)/4 = 12 → flat.
    const bars = closesOnly([12, 11, 10, 10, 10, 11, 12, 13, 12, 11, 10, 9, 8]);
    const out = drive(smaCross, { fast: 2, slow: 4, sizing: { kind: 'fixed', qty: 1.5 } }, [
      { instrument: BTC, bars },
    ]);
    expect(out).toEqual(['5: OKX:BTC/USDT target units 1.5', '9: OKX:BTC/USDT target units 0']);
  });

  it('matches a reference built from the batch SMAs (cross = sign change of the last non-zero difference)', () => {
    const bars = randomWalkBars(3000, 3);
    const fast = sma(bars.close, 10);
    const slow = sma(bars.close, 30);
    const expected: string[] = [];
    let side = 0;
    for (let i = 0; i < 3000; i++) {
      const d = fast[i]! - slow[i]!;
      const now = d > 0 ? 1 : d < 0 ? -1 : 0;
      if (now === 0) continue;
      if (side !== 0 && side !== now)
        expected.push(`${i}: OKX:BTC/USDT target ${now > 0 ? 'fraction 0.5' : 'units 0'}`);
      side = now;
    }
    const out = drive(smaCross, { fast: 10, slow: 30, sizing: { kind: 'equity_fraction', fraction: 0.5 } }, [
      { instrument: BTC, bars },
    ]);
    expect(expected.length).toBeGreaterThan(20);
    expect(out).toEqual(expected);
  });

  // fast = 2, slow = 4 on integer closes: both SMAs are exact (sums of integers over 2 and 4), and
  // fast − slow = ((c[t] + c[t−1]) − (c[t−2] + c[t−3])) / 4, so a tie is exact where those pair
  // sums are equal.
  const tieParams = { fast: 2, slow: 4, sizing: { kind: 'fixed', qty: 1 } };
  const exactTies = (closes: number[]) => {
    const f = sma(closes, 2);
    const sl = sma(closes, 4);
    return closes.flatMap((_, i) => (f[i] === sl[i] ? [i] : []));
  };

  it('treats an exact tie reached from above as a touch, not a cross: no sell, no buy back', () => {
    // Bar 5 crosses up (buy). Bar 7: fast = slow = 13 exactly, then bar 8 is above again: nothing
    // (the old rule sold at 7 and bought back at 8). Bar 9: another exact tie from above, then bar
    // 10 goes below: the cross is bar 10, not the touch at 9.
    const closes = [13, 12, 11, 10, 12, 14, 10, 16, 9, 17, 7];
    expect(exactTies(closes)).toEqual([7, 9]);
    const out = drive(smaCross, tieParams, [{ instrument: BTC, bars: closesOnly(closes) }]);
    expect(out).toEqual(['5: OKX:BTC/USDT target units 1', '10: OKX:BTC/USDT target units 0']);
  });

  it('treats an exact tie reached from below as a touch too: the cross is the first bar above', () => {
    // Below from bar 3 on (the first ready bar only sets the side). Bar 5: exact tie from below,
    // bar 6 below again: nothing. Bar 7: exact tie from below, bar 8 above: buy at 8.
    const closes = [17, 7, 19, 4, 20, 3, 20, 3, 21];
    expect(exactTies(closes)).toEqual([5, 7]);
    const out = drive(smaCross, tieParams, [{ instrument: BTC, bars: closesOnly(closes) }]);
    expect(out).toEqual(['8: OKX:BTC/USDT target units 1']);
  });

  it('never trades on the first ready bar, even when it is a tie', () => {
    // Bar 3 (first ready) is a tie: no side yet; bar 4 above only sets the side; bar 6 crosses below.
    const closes = [10, 10, 10, 10, 11, 12, 8, 8];
    expect(exactTies(closes)).toEqual([3]);
    expect(drive(smaCross, tieParams, [{ instrument: BTC, bars: closesOnly(closes) }])).toEqual([
      '6: OKX:BTC/USDT target units 0',
    ]);
  });
});

describe('bollinger_reversion', () => {
  it('buys below the lower band with RSI under the threshold and exits at the middle band', () => {
    const bars = randomWalkBars(4000, 5);
    const p = { period: 20, k: 2, rsiPeriod: 14, rsiEntry: 35 };
    const bb = bollingerBands(bars.close, p.period, p.k);
    const r = rsi(bars.close, p.rsiPeriod);
    const expected: string[] = [];
    let long = false;
    for (let i = 0; i < 4000; i++) {
      const c = bars.close[i]!;
      if (Number.isNaN(bb.lower[i]!) || Number.isNaN(r[i]!)) continue;
      if (!long && c < bb.lower[i]! && r[i]! < p.rsiEntry) {
        long = true;
        expected.push(`${i}: OKX:BTC/USDT target fraction 0.98`);
      } else if (long && c >= bb.middle[i]!) {
        long = false;
        expected.push(`${i}: OKX:BTC/USDT target units 0`);
      }
    }
    expect(expected.length).toBeGreaterThan(10);
    expect(drive(bollingerReversion, p, [{ instrument: BTC, bars }])).toEqual(expected);
  });
});

describe('xs_momentum', () => {
  it('holds the top k by trailing return, equal weight, every R bars', () => {
    const names = ['AAA', 'BBB', 'CCC', 'DDD'];
    const series = names.map((b, k) => ({
      instrument: parseInstrument(`OKX:${b}/USDT`),
      bars: randomWalkBars(600, 100 + k),
    }));
    const p = { lookback: 24, top: 2, rebalanceEvery: 12, investFraction: 0.8 };
    const roc = series.map((s) => rateOfChange(s.bars.close, p.lookback));
    const expected: string[] = [];
    let held: number[] = [];
    for (let i = 0; i < 600; i += p.rebalanceEvery) {
      const ready = [0, 1, 2, 3].filter((k) => !Number.isNaN(roc[k]![i]!));
      if (ready.length === 0) continue;
      const chosen = ready
        .sort((a, b) => roc[b]![i]! - roc[a]![i]!)
        .slice(0, p.top)
        .sort((a, b) => a - b);
      const ds = [
        ...held.filter((k) => !chosen.includes(k)).map((k) => `OKX:${names[k]}/USDT target fraction 0`),
        ...chosen.map((k) => `OKX:${names[k]}/USDT target fraction 0.4`),
      ];
      expected.push(`${i}: ${ds.join('; ')}`);
      held = chosen;
    }
    const out = drive(xsMomentum, p, series);
    expect(out.length).toBeGreaterThan(40);
    expect(out).toEqual(expected);
  });
});
