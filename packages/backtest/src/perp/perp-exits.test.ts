import { okxSwapContract, parseInstrument } from '@algotrader/core';
import { defineStrategy, NO_DECISIONS, targetUnits, validateDecision, withExits } from '@algotrader/strategy';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { okxBtcFunding, okxBtcMark4h, okxBtcSwap1h } from '../../test/perp-data';
import { aggregateBars } from './aggregate';
import { runPerpBacktest } from './engine';

const SWAP = parseInstrument('OKX:BTC/USDT:USDT');
const contract = okxSwapContract(SWAP)!;
const H = 3_600_000;
const bars = aggregateBars(okxBtcSwap1h(), '1h', '4h');
const mark = okxBtcMark4h();
const funding = okxBtcFunding();

/** At `at` (a decision close time), target `units` with protective exits given as fractions. */
const entry = defineStrategy({
  kind: 'single',
  name: 'entry_with_exits',
  description: 'test: one target with exits at a fixed time',
  paramsSchema: z
    .object({
      at: z.number(),
      units: z.number(),
      stopLoss: z.number().optional(),
      takeProfit: z.number().optional(),
      trailingStop: z.number().optional(),
    })
    .strict(),
  timeframes: 'any',
  warmup: () => 1,
  init: () => ({}),
  onBar(ctx) {
    const p = ctx.params;
    if (ctx.time !== p.at) return NO_DECISIONS;
    return [
      withExits(targetUnits(ctx.instrument, p.units), {
        ...(p.stopLoss === undefined ? {} : { stopLoss: { fraction: p.stopLoss } }),
        ...(p.takeProfit === undefined ? {} : { takeProfit: { fraction: p.takeProfit } }),
        ...(p.trailingStop === undefined ? {} : { trailingStop: p.trailingStop }),
      }),
    ];
  },
});

const FROM = Date.UTC(2024, 10, 1);
const TO = Date.UTC(2025, 1, 1);
const run = (params: Record<string, number>) =>
  runPerpBacktest({
    strategy: entry,
    params,
    timeframe: '4h',
    series: [{ contract, bars, mark, funding, setting: { mode: 'cross' as const, leverage: 3 } }].map((s) => {
      const i = s.bars.openTime.indexOf(FROM);
      const j = s.bars.openTime.indexOf(TO);
      const cut = (c: Float64Array) => c.slice(i, j);
      return {
        ...s,
        bars: {
          openTime: cut(s.bars.openTime),
          open: cut(s.bars.open),
          high: cut(s.bars.high),
          low: cut(s.bars.low),
          close: cut(s.bars.close),
          volume: cut(s.bars.volume),
        },
      };
    }),
    initialCash: 100_000,
    takerFee: 0.0005,
    slippageBps: 2,
  });

/**
 * Independent of the engine: the first 4h bar from `from` on whose range (or open, a gap) reaches
 * `level` in the direction `up`; returns the reference price and the fill time.
 */
function firstTouch(from: number, level: number, up: boolean): { price: number; time: number } {
  for (let i = bars.openTime.indexOf(from); i < bars.openTime.length; i++) {
    const t = bars.openTime[i]!;
    const o = bars.open[i]!;
    if (up ? o >= level : o <= level) return { price: o, time: t };
    if (up ? bars.high[i]! >= level : bars.low[i]! <= level) return { price: level, time: t + 4 * H };
  }
  throw new Error('never touched');
}

describe('protective exits in the perp engine (long and short)', () => {
  const decided = Date.UTC(2024, 10, 12, 4);
  const entryOpen = bars.open[bars.openTime.indexOf(decided)]!;

  it('a short 1 BTC with a 3% stop-loss is bought back at the stop (+ slippage) in the bar that reaches it', () => {
    const r = run({ at: decided, units: -1, stopLoss: 0.03 });
    const sell = entryOpen * (1 - 0.0002);
    expect(r.fills[0]).toMatchObject({ time: decided, qty: -1, price: sell });
    // The stop sits 3% above the short's fill price; checked from the bar after the entry bar's
    // open onward (the entry bar itself is checked after its fill).
    const stop = sell * 1.03;
    const hit = firstTouch(decided, stop, true);
    expect(r.fills[1]).toMatchObject({
      kind: 'trade',
      qty: 1,
      reason: 'stop_loss',
      time: hit.time,
      reduceOnly: true,
    });
    expect(r.fills[1]!.price).toBeCloseTo(hit.price * 1.0002, 6);
    expect(r.fills[1]!.fee).toBeCloseTo(0.0005 * hit.price * 1.0002, 6);
    expect(r.fills).toHaveLength(2);
    expect(r.positions[0]!.qty).toBe(0);
  });

  it('a long 1 BTC with a 5% take-profit sells at the level (− slippage)', () => {
    const r = run({ at: decided, units: 1, takeProfit: 0.05, stopLoss: 0.5 });
    const buy = entryOpen * 1.0002;
    expect(r.fills[0]).toMatchObject({ time: decided, qty: 1, price: buy });
    const hit = firstTouch(decided, buy * 1.05, true);
    expect(r.fills[1]).toMatchObject({ qty: -1, reason: 'take_profit', time: hit.time });
    expect(r.fills[1]!.price).toBeCloseTo(hit.price * (1 - 0.0002), 6);
  });

  it('a short with a 4% trailing stop follows the lowest low and buys back 4% above it', () => {
    const r = run({ at: decided, units: -0.5, trailingStop: 0.04 });
    const sell = entryOpen * (1 - 0.0002);
    // Own loop: the best (lowest) price moves only after a bar was checked against the stop.
    let best = sell;
    let expected: { price: number; time: number } | undefined;
    for (let i = bars.openTime.indexOf(decided); i < bars.openTime.length && !expected; i++) {
      const stop = best * 1.04;
      if (bars.open[i]! >= stop) expected = { price: bars.open[i]!, time: bars.openTime[i]! };
      else if (bars.high[i]! >= stop) expected = { price: stop, time: bars.openTime[i]! + 4 * H };
      else best = Math.min(best, bars.low[i]!);
    }
    expect(r.fills[1]).toMatchObject({ qty: 0.5, reason: 'trailing_stop', time: expected!.time });
    expect(r.fills[1]!.price).toBeCloseTo(expected!.price * 1.0002, 6);
  });

  it('exits on a swap short are an entry there; on spot a sell with exits stays refused', () => {
    const stop = { stopLoss: { fraction: 0.1 } };
    expect(() => validateDecision(withExits(targetUnits(SWAP, -1), stop))).not.toThrow();
    const spot = parseInstrument('OKX:BTC/USDT');
    expect(() =>
      validateDecision(withExits({ instrument: spot, side: 'sell', qty: 1, type: 'market' }, stop)),
    ).toThrow(/exits go with an entry/);
    const r = run({ at: decided, units: -1, stopLoss: 0.03 });
    expect(r.orders[0]!.order.exits).toEqual({ stopLoss: { fraction: 0.03 } });
  });
});
