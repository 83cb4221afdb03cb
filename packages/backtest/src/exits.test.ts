import { exitOrderId, parseInstrument } from '@algotrader/core';
import { targetUnits, withExits } from '@algotrader/strategy';
import { describe, expect, it } from 'vitest';
import { barsOf, HOUR, scripted } from '../test/helpers';
import { runBacktest } from './engine';
import { computeMetrics } from './metrics';

const X = parseInstrument('BINANCE:X/USDT');
const Y = parseInstrument('BINANCE:Y/USDT');
type Row = readonly [number, number, number, number, number];
const NO_COSTS = { fees: { maker: 0, taker: 0 }, slippage: { kind: 'none' } } as const;

/** Buys 1 unit at the close of bar 0 (fills at bar 1's open) with `exits`; nothing else. */
function run(rows: readonly Row[], exits: Parameters<typeof withExits>[1], fillModel: object = NO_COSTS) {
  return runBacktest({
    strategy: scripted({ [HOUR]: (i) => [withExits(targetUnits(i, 1), exits)] }),
    data: { timeframe: '1h', series: [{ instrument: X, bars: barsOf(rows) }] },
    initialCash: 1000,
    fillModel,
  });
}

describe('backtest: protective exits attached to an entry', () => {
  it('stop touched inside a later bar: sells the position at the stop price, reason stop_loss', () => {
    const r = run(
      [
        [100, 101, 99, 100, 10], // 0: decide at its close
        [100, 102, 98, 101, 10], // 1: entry at 100; stop 95 not touched
        [101, 103, 94, 96, 10], // 2: low 94 touches 95 → exit at 95, stamped at the bar's close
        [96, 97, 90, 91, 10],
      ],
      { stopLoss: { fraction: 0.05 } },
    );
    expect(r.fills.map((f) => [f.side, f.price, f.reason, f.time])).toEqual([
      ['buy', 100, 'signal', HOUR],
      ['sell', 95, 'stop_loss', 3 * HOUR],
    ]);
    expect(r.trades).toHaveLength(1);
    expect(r.trades[0]).toMatchObject({ exitReason: 'stop_loss', pnl: -5 });
    expect(r.positions[0]!.qty).toBe(0);
    // The exit order is on record with its own deterministic id.
    const exit = r.orders[1]!;
    expect(exit.order.reason).toBe('stop_loss');
    expect(exit.status).toBe('filled');
    expect(r.fills[1]!.clientOrderId).toBe(
      exitOrderId({ account: 'backtest', strategy: 'scripted', instrument: X, decisionCloseMs: 3 * HOUR }),
    );
    expect(r.fills[1]!.clientOrderId).not.toBe(r.fills[0]!.clientOrderId);
  });

  it('the entry bar itself is watched with next_open: a fall after the entry open stops out in that bar', () => {
    const r = run(
      [
        [100, 101, 99, 100, 10],
        [100, 100, 90, 92, 10], // entry at the open 100, then down to 90 → stop 95
      ],
      { stopLoss: { price: 95 } },
    );
    expect(r.fills.map((f) => [f.side, f.price, f.reason])).toEqual([
      ['buy', 100, 'signal'],
      ['sell', 95, 'stop_loss'],
    ]);
  });

  it('gap through the stop: filled at the bar open, stamped at the open', () => {
    const r = run(
      [
        [100, 101, 99, 100, 10],
        [100, 102, 98, 101, 10],
        [88, 90, 85, 89, 10], // opens at 88, below the stop at 95
      ],
      { stopLoss: { price: 95 } },
    );
    expect(r.fills[1]).toMatchObject({ side: 'sell', price: 88, reason: 'stop_loss', time: 2 * HOUR });
  });

  it('stop and take-profit both inside one bar: the stop', () => {
    const r = run(
      [
        [100, 101, 99, 100, 10],
        [100, 101, 99, 100, 10],
        [100, 120, 80, 100, 10], // touches 95 and 110
      ],
      { stopLoss: { price: 95 }, takeProfit: { price: 110 } },
    );
    expect(r.fills[1]).toMatchObject({ price: 95, reason: 'stop_loss' });
  });

  it('take-profit: at the level, or at the open when the bar gaps above it', () => {
    const touched = run(
      [
        [100, 101, 99, 100, 10],
        [100, 111, 99, 109, 10],
      ],
      { takeProfit: { fraction: 0.1 } },
    );
    expect(touched.fills[1]!.reason).toBe('take_profit');
    expect(touched.fills[1]!.price).toBeCloseTo(110, 12);
    const gapped = run(
      [
        [100, 101, 99, 100, 10],
        [100, 105, 99, 104, 10],
        [115, 118, 114, 116, 10],
      ],
      { takeProfit: { price: 110 } },
    );
    expect(gapped.fills[1]).toMatchObject({ price: 115, reason: 'take_profit', time: 2 * HOUR });
  });

  it('trailing stop ratchets on each bar high after the bar and fills at the trailed level', () => {
    const r = run(
      [
        [100, 101, 99, 100, 10],
        [100, 110, 99, 108, 10], // entry 100, trail 90 → after the bar: best 110, stop 99
        [108, 120, 100, 118, 10], // low 100 > 99: no exit; best 120 → stop 108
        [118, 119, 107, 110, 10], // low 107 ≤ 108: exit at 108
      ],
      { trailingStop: 0.1 },
    );
    expect(r.fills[1]!.reason).toBe('trailing_stop');
    expect(r.fills[1]!.price).toBeCloseTo(108, 12);
    expect(r.fills[1]!.time).toBe(4 * HOUR);
  });

  it('exits pay fees and slippage as any taker fill', () => {
    const r = run(
      [
        [100, 101, 99, 100, 10],
        [100, 102, 94, 96, 10],
      ],
      { stopLoss: { price: 95 } },
      { fees: { maker: 0.0008, taker: 0.001 }, slippage: { kind: 'bps', bps: 10 } },
    );
    const exit = r.fills[1]!;
    expect(exit.price).toBeCloseTo(95 * 0.999, 12);
    expect(exit.fee).toBeCloseTo(exit.qty * exit.price * 0.001, 12);
    expect(exit.liquidity).toBe('taker');
  });

  it('a signal exit first disarms the protection: a later dip triggers nothing', () => {
    const r = runBacktest({
      strategy: scripted({
        [HOUR]: (i) => [withExits(targetUnits(i, 1), { stopLoss: { price: 95 } })],
        [2 * HOUR]: (i) => [targetUnits(i, 0)],
        [3 * HOUR]: (i) => [targetUnits(i, 1)], // re-entry without exits
      }),
      data: {
        timeframe: '1h',
        series: [
          {
            instrument: X,
            bars: barsOf([
              [100, 101, 99, 100, 10],
              [100, 101, 99, 100, 10],
              [100, 101, 99, 100, 10], // signal sell at its open
              [100, 101, 99, 100, 10], // re-entry at its open
              [100, 101, 80, 90, 10], // would have stopped out
            ]),
          },
        ],
      },
      initialCash: 1000,
      fillModel: NO_COSTS,
    });
    expect(r.fills.map((f) => f.reason)).toEqual(['signal', 'signal', 'signal']);
    expect(r.positions[0]!.qty).toBe(1);
  });

  it('close timing: an entry filled at the decision close is first watched on the next bar', () => {
    const r = run(
      [
        [100, 101, 90, 100, 10], // decision + entry at close 100 (its low 90 came before the entry)
        [100, 101, 94, 99, 10], // 94 ≤ 95 → stop
      ],
      { stopLoss: { price: 95 } },
      { ...NO_COSTS, timing: 'close' },
    );
    expect(r.fills.map((f) => [f.side, f.price, f.reason, f.time])).toEqual([
      ['buy', 100, 'signal', HOUR],
      ['sell', 95, 'stop_loss', 2 * HOUR],
    ]);
  });

  it('metrics: per-exit-reason and per-instrument tables', () => {
    // X: stopped out (−5), then re-entered and taken profit (+10); Y: signal round trip (+2).
    const xBars = barsOf([
      [100, 101, 99, 100, 10],
      [100, 101, 94, 96, 10], // entry 100, stop 95
      [96, 97, 95, 96, 10], // decision at its close: re-enter
      [100, 111, 99, 109, 10], // entry 100, take-profit 110
      [109, 110, 108, 109, 10],
    ]);
    const yBars = barsOf([
      [10, 11, 9, 10, 10],
      [10, 11, 9, 10, 10],
      [12, 13, 11, 12, 10],
      [12, 13, 11, 12, 10],
      [12, 13, 11, 12, 10],
    ]);
    const r = runBacktest({
      strategy: scripted({
        [HOUR]: (i) =>
          i.base === 'X' ? [withExits(targetUnits(i, 1), { stopLoss: { price: 95 } })] : [targetUnits(i, 1)],
        [3 * HOUR]: (i) =>
          i.base === 'X'
            ? [withExits(targetUnits(i, 1), { takeProfit: { price: 110 } })]
            : [targetUnits(i, 0)],
      }),
      data: {
        timeframe: '1h',
        series: [
          { instrument: X, bars: xBars },
          { instrument: Y, bars: yBars },
        ],
      },
      initialCash: 1000,
      fillModel: NO_COSTS,
    });
    expect(r.trades.map((t) => [t.instrument.base, t.exitReason, t.pnl])).toEqual([
      ['X', 'stop_loss', -5],
      ['Y', 'signal', 2], // sold at bar 3's open, before X's take-profit inside that bar
      ['X', 'take_profit', 10],
    ]);
    const m = computeMetrics(r);
    expect(m.byExitReason).toEqual([
      { key: 'signal', trades: 1, winRate: 1, pnl: 2, avgPnl: 2 },
      { key: 'stop_loss', trades: 1, winRate: 0, pnl: -5, avgPnl: -5 },
      { key: 'take_profit', trades: 1, winRate: 1, pnl: 10, avgPnl: 10 },
    ]);
    expect(m.byInstrument).toEqual([
      { key: 'BINANCE:X/USDT', trades: 2, winRate: 0.5, pnl: 5, avgPnl: 2.5 },
      { key: 'BINANCE:Y/USDT', trades: 1, winRate: 1, pnl: 2, avgPnl: 2 },
    ]);
  });
});
