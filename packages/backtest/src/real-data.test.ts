import { bollingerReversion, smaCross, xsMomentum } from '@algotrader/strategy';
import { describe, expect, it } from 'vitest';
import { loadBinance1h, SYMBOLS_1H } from '../test/ohlcv';
import type { BacktestData } from './data';
import { type BacktestResult, runBacktest } from './engine';
import { computeMetrics } from './metrics';

const fillModel = { fees: { maker: 0.0008, taker: 0.001 }, slippage: { kind: 'bps' as const, bps: 2 } };

/** What must hold for any run: ids unique, cash never negative, the books add up. */
function checkBooks(r: BacktestResult): void {
  const ids = r.fills.map((f) => f.clientOrderId);
  expect(new Set(ids).size).toBe(ids.length);
  expect(Math.min(...r.equity.cash)).toBeGreaterThanOrEqual(0);
  expect(r.equity.equity.every(Number.isFinite)).toBe(true);
  // equity − initial = realized − fees + unrealized (average-cost accounting).
  let pnl = 0;
  for (const p of r.positions) pnl += p.realizedPnl - p.fees + p.unrealizedPnl;
  expect(r.finalEquity - r.initialCash).toBeCloseTo(pnl, 6);
  // Closed round trips plus what is still open explain every fee.
  const tradeFees = r.trades.reduce((s, t) => s + t.fees, 0);
  const allFees = r.fills.reduce((s, f) => s + f.fee, 0);
  expect(tradeFees).toBeLessThanOrEqual(allFees + 1e-9);
}

describe('examples on real Binance 1h data, 2017–2022', () => {
  const btc: BacktestData = { timeframe: '1h', series: [loadBinance1h('BTC')] };

  it('sma_cross trades BTC', () => {
    const r = runBacktest({
      strategy: smaCross,
      params: { fast: 24, slow: 96 },
      data: btc,
      initialCash: 10_000,
      fillModel,
    });
    expect(r.barSteps).toBe(45_024);
    expect(r.trades.length).toBeGreaterThan(50);
    checkBooks(r);
    const m = computeMetrics(r);
    expect(m.tradeCount).toBe(r.trades.length);
    expect(m.maxDrawdown.depth).toBeGreaterThan(0);
    expect(m.exposure).toBeGreaterThan(0.2);
    expect(m.exposure).toBeLessThan(0.8);
    expect(Object.keys(m.monthlyReturns)).toHaveLength(63); // 2017-08 .. 2022-10
  });

  it('bollinger_reversion trades BTC', () => {
    const r = runBacktest({ strategy: bollingerReversion, data: btc, initialCash: 10_000, fillModel });
    expect(r.trades.length).toBeGreaterThan(50);
    checkBooks(r);
    // Every round trip opens with a buy and closes flat: holding times are positive.
    expect(r.trades.every((t) => t.holdingMs > 0 && t.exitTime > t.entryTime)).toBe(true);
  });

  it('xs_momentum trades the ten symbols and never holds more than top k', () => {
    const data: BacktestData = { timeframe: '1h', series: SYMBOLS_1H.map((s) => loadBinance1h(s)) };
    const params = { lookback: 168, top: 3, rebalanceEvery: 24 };
    const r = runBacktest({ strategy: xsMomentum, params, data, initialCash: 10_000, fillModel });
    expect(r.trades.length).toBeGreaterThan(100);
    expect(new Set(r.trades.map((t) => t.instrument.base)).size).toBe(10);
    checkBooks(r);
    // Replay the fills: after each time's fills, at most 3 instruments are held.
    const held = new Map<string, number>();
    let maxHeld = 0;
    r.fills.forEach((f, i) => {
      // Kept on the default 1e-8 lot grid, as the portfolio keeps it.
      const q = (held.get(f.instrument.base) ?? 0) + (f.side === 'buy' ? f.qty : -f.qty);
      held.set(f.instrument.base, Number(q.toFixed(8)));
      if (r.fills[i + 1]?.time !== f.time) {
        maxHeld = Math.max(maxHeld, [...held.values()].filter((q) => q > 0).length);
      }
    });
    expect(maxHeld).toBeLessThanOrEqual(3);
    expect(maxHeld).toBe(3);
  });
});
