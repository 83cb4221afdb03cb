import { type BarColumns, isAlgoError, parseInstrument } from '@algotrader/core';
import { defineStrategy, NO_DECISIONS, targetUnits } from '@algotrader/strategy';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { barsOf, HOUR, scripted } from '../test/helpers';
import { runBacktest } from './engine';

const X = parseInstrument('BINANCE:X/USDT');
const Y = parseInstrument('BINANCE:Y/USDT');

//           open  high  low  close volume     bar i opens at i h, closes at (i+1) h
const rows = [
  [100, 101, 99, 100, 10], // 0
  [100, 106, 99, 105, 10], // 1: decision at its close (2h): hold 2 units
  [104, 111, 103, 110, 10], // 2
  [110, 121, 109, 120, 10], // 3: decision at its close (4h): hold 0
  [118, 119, 113, 115, 10], // 4
] as const;
const script = {
  [2 * HOUR]: (i: typeof X) => [targetUnits(i, 2)],
  [4 * HOUR]: (i: typeof X) => [targetUnits(i, 0)],
};

describe('runBacktest: next_open (default) fill model, by hand', () => {
  const r = runBacktest({
    strategy: scripted(script),
    data: { timeframe: '1h', series: [{ instrument: X, bars: barsOf(rows) }] },
    initialCash: 1000,
    fillModel: { fees: { maker: 0.0008, taker: 0.001 }, slippage: { kind: 'bps', bps: 50 } },
  });

  it('fills at the next bar open with slippage and the taker fee', () => {
    // Buy: decided at 2h, filled at bar 2's open 104 + 0.5% = 104.52; notional 209.04; fee 0.20904.
    // Sell: decided at 4h, filled at bar 4's open 118 − 0.5% = 117.41; notional 234.82; fee 0.23482.
    expect(r.fills).toHaveLength(2);
    const [buy, sell] = r.fills;
    expect(buy).toMatchObject({ time: 2 * HOUR, side: 'buy', qty: 2, liquidity: 'taker' });
    expect(buy!.price).toBeCloseTo(104.52, 10);
    expect(buy!.fee).toBeCloseTo(0.20904, 12);
    expect(sell).toMatchObject({ time: 4 * HOUR, side: 'sell', qty: 2 });
    expect(sell!.price).toBeCloseTo(117.41, 10);
    expect(sell!.fee).toBeCloseTo(0.23482, 12);
    expect(buy!.clientOrderId).toMatch(/^at[0-9a-z]+$/);
    expect(buy!.clientOrderId).not.toBe(sell!.clientOrderId);
    expect(r.orders.map((o) => o.status)).toEqual(['filled', 'filled']);
  });

  it('books cash, equity and drawdown at every close', () => {
    // Cash after the buy: 1000 − 209.04 − 0.20904 = 790.75096.
    // Equity at closes 1h..5h: 1000, 1000, 790.75096 + 2×110, 790.75096 + 2×120, then flat:
    // 790.75096 + 234.82 − 0.23482 = 1025.33614.
    expect([...r.equity.time]).toEqual([1, 2, 3, 4, 5].map((h) => h * HOUR));
    const expected = [1000, 1000, 1010.75096, 1030.75096, 1025.33614];
    r.equity.equity.forEach((e, i) => {
      expect(e).toBeCloseTo(expected[i]!, 9);
    });
    expect(r.equity.cash[4]).toBeCloseTo(1025.33614, 9);
    expect(r.equity.exposure[2]).toBeCloseTo(220 / 1010.75096, 12);
    expect(r.equity.exposure[4]).toBe(0);
    // Drawdown at the end: 1025.33614 / 1030.75096 − 1.
    expect(r.equity.drawdown[3]).toBe(0);
    expect(r.equity.drawdown[4]).toBeCloseTo(1025.33614 / 1030.75096 - 1, 12);
    expect(r.finalEquity).toBeCloseTo(1025.33614, 9);
  });

  it('records the round trip with its net P&L', () => {
    // pnl = 234.82 − 209.04 − (0.20904 + 0.23482) = 25.33614; return = 25.33614 / 209.04.
    expect(r.trades).toHaveLength(1);
    const t = r.trades[0]!;
    expect(t).toMatchObject({ entryTime: 2 * HOUR, exitTime: 4 * HOUR, qty: 2, holdingMs: 2 * HOUR });
    expect(t.entryPrice).toBeCloseTo(104.52, 10);
    expect(t.exitPrice).toBeCloseTo(117.41, 10);
    expect(t.pnl).toBeCloseTo(25.33614, 9);
    expect(t.return).toBeCloseTo(25.33614 / 209.04, 12);
    expect(t.fees).toBeCloseTo(0.44386, 12);
    // The portfolio's realized P&L is before fees: 2 × (117.41 − 104.52) = 25.78.
    expect(r.positions[0]!.realizedPnl).toBeCloseTo(25.78, 9);
    expect(r.positions[0]!.qty).toBe(0);
  });
});

describe('runBacktest: close fill model', () => {
  it('fills at the decision bar close', () => {
    const r = runBacktest({
      strategy: scripted(script),
      data: { timeframe: '1h', series: [{ instrument: X, bars: barsOf(rows) }] },
      initialCash: 1000,
      fillModel: { timing: 'close', fees: { maker: 0, taker: 0.001 } },
    });
    // Buy 2 @ 105 at 2h (fee 0.21), sell 2 @ 120 at 4h (fee 0.24): pnl = 30 − 0.45 = 29.55.
    expect(r.fills.map((f) => [f.time, f.side, f.qty, f.price])).toEqual([
      [2 * HOUR, 'buy', 2, 105],
      [4 * HOUR, 'sell', 2, 120],
    ]);
    expect(r.fills[0]!.fee).toBeCloseTo(0.21, 12);
    expect(r.fills[1]!.fee).toBeCloseTo(0.24, 12);
    // Equity: 1000, 789.79 + 210, 789.79 + 220, 1029.55, 1029.55.
    const expected = [1000, 999.79, 1009.79, 1029.55, 1029.55];
    r.equity.equity.forEach((e, i) => {
      expect(e).toBeCloseTo(expected[i]!, 9);
    });
    expect(r.trades[0]!.pnl).toBeCloseTo(29.55, 9);
  });
});

describe('runBacktest: lot size and minimum notional', () => {
  it('rounds targets down to the lot and returns sub-minimum orders as rejections', () => {
    const r = runBacktest({
      strategy: scripted({
        [2 * HOUR]: (i) => [targetUnits(i, 2.7)], // → 2.5 on a 0.5 lot, filled at 104
        [3 * HOUR]: (i) => [targetUnits(i, 2.9)], // delta 0.4 < one lot: no order at all
        [4 * HOUR]: (i) => [targetUnits(i, 3)], // delta 0.5 × 120 = 60 < 150 min notional: rejected
      }),
      data: {
        timeframe: '1h',
        series: [{ instrument: X, bars: barsOf(rows), spec: { lotSize: 0.5, minNotional: 150 } }],
      },
      initialCash: 1000,
      fillModel: { fees: { maker: 0, taker: 0 } },
    });
    expect(r.fills.map((f) => [f.qty, f.price])).toEqual([[2.5, 104]]);
    expect(r.orders).toHaveLength(1);
    expect(r.rejections).toEqual([
      expect.objectContaining({
        reason: 'below_min_notional',
        qty: 0.5,
        side: 'buy',
        decisionTime: 4 * HOUR,
      }),
    ]);
    expect(r.positions[0]!.qty).toBe(2.5);
  });

  it('caps an all-in buy at the cash available after fees', () => {
    const r = runBacktest({
      strategy: scripted({ [2 * HOUR]: (i) => [targetUnits(i, 100)] }),
      data: { timeframe: '1h', series: [{ instrument: X, bars: barsOf(rows), spec: { lotSize: 0.01 } }] },
      initialCash: 1000,
      fillModel: { fees: { maker: 0, taker: 0.001 } },
    });
    // 1000 / (104 × 1.001) = 9.6057… → 9.6 units; cost 998.4 + fee 0.9984.
    expect(r.orders[0]).toMatchObject({ status: 'partially_filled', filledQty: 9.6 });
    expect(r.equity.cash[2]).toBeCloseTo(1000 - 998.4 - 0.9984, 9);
  });
});

describe('runBacktest: several instruments', () => {
  // X has bars opening at 0..4h; Y at 1h, 3h and 5h only.
  const xBars = barsOf(rows);
  const yRows = [
    [50, 51, 49, 50, 5],
    [52, 53, 51, 52, 5],
    [54, 55, 53, 54, 5],
  ] as const;
  const yBars: BarColumns = { ...barsOf(yRows), openTime: Float64Array.from([1, 3, 5], (h) => h * HOUR) };

  it('walks the union of close times; an instrument missing a bar just does not get one', () => {
    const seen: string[] = [];
    const probe = defineStrategy({
      kind: 'multi',
      name: 'probe',
      description: 'records what it sees',
      paramsSchema: z.object({}).strict(),
      timeframes: 'any',
      universe: { min: 1 },
      warmup: () => 3,
      init: () => ({}),
      onBarSet(ctx) {
        const w = ctx.windows;
        seen.push(
          `${ctx.time / HOUR}h X:${ctx.hasBar(0) ? 'new' : 'old'}@${w[0]!.close(0)} Y:${ctx.hasBar(1) ? 'new' : 'old'}@${w[1]!.close(0)} n=${w[1]!.length}`,
        );
        return ctx.time === 2 * HOUR ? [targetUnits(ctx.instruments[1]!, 1)] : NO_DECISIONS;
      },
    });
    const r = runBacktest({
      strategy: probe,
      data: {
        timeframe: '1h',
        series: [
          { instrument: X, bars: xBars },
          { instrument: Y, bars: yBars },
        ],
      },
      initialCash: 1000,
      fillModel: { fees: { maker: 0, taker: 0 } },
    });
    expect(seen).toEqual([
      '1h X:new@100 Y:old@NaN n=0',
      '2h X:new@105 Y:new@50 n=1',
      '3h X:new@110 Y:old@50 n=1',
      '4h X:new@120 Y:new@52 n=2',
      '5h X:new@115 Y:old@52 n=2',
      '6h X:old@115 Y:new@54 n=3',
    ]);
    expect([...r.equity.time]).toEqual([1, 2, 3, 4, 5, 6].map((h) => h * HOUR));
    // Decided at 2h; Y has no bar opening at 2h, so the order waits for Y's next bar (opens 3h, at 52).
    expect(r.fills.map((f) => [f.time / HOUR, f.instrument.base, f.price])).toEqual([[3, 'Y', 52]]);
    expect(r.barSteps).toBe(8);
  });
});

describe('runBacktest: the union of open times', () => {
  const Z = parseInstrument('BINANCE:Z/USDT');
  const bar = [100, 101, 99, 100, 10] as const;
  /** Bars opening at the given hours (ascending). */
  const at = (hours: readonly number[]): BarColumns => {
    const b = barsOf(hours.map(() => bar));
    hours.forEach((h, i) => {
      b.openTime[i] = h * HOUR;
    });
    return b;
  };
  const closes = (hours: readonly number[][]) => {
    const r = runBacktest({
      strategy: scripted({}),
      data: {
        timeframe: '1h',
        series: hours.map((h, k) => ({ instrument: [X, Y, Z][k]!, bars: at(h) })),
      },
      initialCash: 1000,
    });
    return [...r.equity.time].map((t) => t / HOUR - 1);
  };
  const expected = (hours: readonly number[][]) => [...new Set(hours.flat())].sort((a, b) => a - b);

  it('is every open time once, ascending, with gaps, late listings and early delistings', () => {
    const gaps = [[3, 4, 5, 9, 10, 11], [0, 1, 5, 6, 7, 8, 12], []];
    expect(closes(gaps)).toEqual([0, 1, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(closes(gaps)).toEqual(expected(gaps));
    // Series without a gap (marked as one run), with and beside series with gaps.
    const runs = [
      [2, 3, 4],
      [0, 1, 5, 9],
      [7, 8, 9, 10],
    ];
    expect(closes(runs)).toEqual([0, 1, 2, 3, 4, 5, 7, 8, 9, 10]);
    expect(
      closes([
        [5, 6],
        [0, 1, 2],
      ]),
    ).toEqual([0, 1, 2, 5, 6]);
  });

  it('is the same when the times are too sparse to mark (a merge) or start before 1970', () => {
    const sparse = [
      [0, 7, 9000],
      [5, 7, 20_000, 20_001],
      [-3, 9000],
    ];
    expect(closes(sparse)).toEqual(expected(sparse));
    expect(closes(sparse)).toEqual([-3, 0, 5, 7, 9000, 20_000, 20_001]);
  });
});

describe('runBacktest: bad data is refused', () => {
  const refusal = (mutate: (b: BarColumns) => void) => {
    const bars = barsOf(rows);
    mutate(bars);
    try {
      runBacktest({
        strategy: scripted({}),
        data: {
          timeframe: '1h',
          series: [
            { instrument: Y, bars: barsOf(rows) },
            { instrument: X, bars },
          ],
        },
        initialCash: 1000,
      });
    } catch (e) {
      if (isAlgoError(e)) return { code: e.code, message: e.message, details: e.details };
      throw e;
    }
    return undefined;
  };

  it('refuses a NaN price, naming instrument and index', () => {
    const r = refusal((b) => {
      b.close[3] = Number.NaN;
    });
    expect(r?.code).toBe('E_DATA');
    expect(r?.message).toMatch(/BINANCE:X\/USDT: bar 3 .*non-finite/);
    expect(r?.details).toEqual({ instrument: 'BINANCE:X/USDT', index: 3 });
  });

  it('refuses unsorted bars', () => {
    const r = refusal((b) => {
      b.openTime[2] = 3 * HOUR;
      b.openTime[3] = 2 * HOUR;
    });
    expect(r?.code).toBe('E_DATA');
    expect(r?.message).toMatch(/BINANCE:X\/USDT: bar 3 is out of order/);
  });

  it('refuses duplicate open times', () => {
    const r = refusal((b) => {
      b.openTime[4] = 3 * HOUR;
    });
    expect(r?.message).toMatch(/BINANCE:X\/USDT: bar 4 duplicates the open time/);
    expect(r?.details).toMatchObject({ index: 4 });
  });

  it('refuses misaligned times, inconsistent highs and negative volume', () => {
    expect(refusal((b) => (b.openTime[1] = HOUR + 1))?.message).toMatch(/bar 1 open time .* not aligned/);
    expect(refusal((b) => (b.high[2] = 100))?.message).toMatch(/bar 2 is inconsistent/);
    expect(refusal((b) => (b.volume[0] = -1))?.message).toMatch(/bar 0 has a negative volume/);
    expect(refusal((b) => (b.low[1] = 0))?.message).toMatch(/bar 1 has a non-positive price/);
  });

  it('accepts the same data unmodified', () => {
    expect(refusal(() => {})).toBeUndefined();
  });
});

describe('runBacktest: what a sweep reuses', () => {
  it('serialises a fill with its client order id, in the fields order of the Fill type', () => {
    const r = runBacktest({
      strategy: scripted(script),
      data: { timeframe: '1h', series: [{ instrument: X, bars: barsOf(rows) }] },
      initialCash: 1000,
    });
    const json = JSON.parse(JSON.stringify(r.fills[0]));
    expect(Object.keys(json)).toEqual([
      'time',
      'instrument',
      'side',
      'qty',
      'price',
      'fee',
      'liquidity',
      'reason',
      'clientOrderId',
    ]);
    expect(json.clientOrderId).toBe(r.fills[0]!.clientOrderId);
  });

  it('validates bars once, but still refuses new columns and windows reaching outside what was checked', () => {
    const bars = barsOf(rows);
    const run = (b: BarColumns, timeframe: '1h' | '4h' = '1h') =>
      runBacktest({
        strategy: scripted({}),
        data: { timeframe, series: [{ instrument: X, bars: b }] },
        initialCash: 1000,
      });
    const window = (from: number, to: number): BarColumns => ({
      openTime: bars.openTime.subarray(from, to),
      open: bars.open.subarray(from, to),
      high: bars.high.subarray(from, to),
      low: bars.low.subarray(from, to),
      close: bars.close.subarray(from, to),
      volume: bars.volume.subarray(from, to),
    });
    expect(run(window(1, 4)).barSteps).toBe(3);
    // Rows 1..3 validated as a window do not make row 4 valid: the whole set is checked.
    bars.high[4] = 1;
    expect(() => run(bars)).toThrow(/bar 4 is inconsistent/);
    bars.high[4] = 119;
    expect(run(bars).barSteps).toBe(5);
    expect(run(window(1, 4)).barSteps).toBe(3);
    // Validated for 1h says nothing about 4h (open times 1h, 2h, ... are not aligned to it).
    expect(() => run(bars, '4h')).toThrow(/not aligned to 4h/);
    // Columns mixed from two sets are new columns.
    const copy = barsOf(rows);
    copy.low[2] = 200;
    expect(() => run({ ...bars, low: copy.low })).toThrow(/bar 2 is inconsistent/);
  });
});
