import { runBacktest } from '@algotrader/backtest';
import type { Instrument } from '@algotrader/core';
import { type Decision, defineStrategy, NO_DECISIONS, targetUnits } from '@algotrader/strategy';
import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { aShare, aShareSpec } from './instruments';
import { loadBundledCn } from './node';
import { aShareRules, sliceDates } from './rules';

const DAY = 86_400_000;
/** Decision time = close time of the daily bar of `date` (its open time + 1 day). */
const closeOf = (date: string) => Date.parse(`${date}T00:00:00Z`) + DAY;
const iso = (t: number) => new Date(t).toISOString().slice(0, 10);

function scripted(script: Record<number, (i: Instrument) => Decision[]>) {
  return defineStrategy({
    kind: 'single',
    name: 'scripted',
    description: 'decides from a script keyed by decision time (tests only)',
    paramsSchema: z.object({}).strict(),
    timeframes: 'any',
    warmup: () => 1,
    init: () => ({}),
    onBar: (ctx) => script[ctx.time]?.(ctx.instrument) ?? NO_DECISIONS,
  });
}

function run(
  name: 'cn_300750_1d' | 'cn_600519_1d' | 'cn_688981_1d',
  code: string,
  from: string,
  to: string,
  script: Record<number, (i: Instrument) => Decision[]>,
  o: { onRefusal?: 'carry' | 'cancel'; cash?: number } = {},
) {
  const share = aShare(code);
  const data = loadBundledCn(name);
  return runBacktest({
    strategy: scripted(script),
    data: {
      timeframe: '1d',
      series: [
        { instrument: share.instrument, bars: sliceDates(data.bars, from, to), spec: aShareSpec(share) },
      ],
    },
    initialCash: o.cash ?? 1_000_000,
    fillModel: { timing: 'next_open', fees: { maker: 0, taker: 0 } },
    market: aShareRules({ shares: [share], basis: data.basis, onRefusal: o.onRefusal ?? 'carry' }),
  });
}

describe('A-share backtest rules on the bundled real data (hand-computed)', () => {
  test('CATL after its listing: a buy meets seven one-price limit-up days and fills on the first open below the limit', () => {
    // 2018-06-11 listing (no band), then 06-12 … 06-21 open = close = the previous close × 1.1
    // (qfq). A buy decided at the close of 06-11 is carried over those days and fills at the
    // open of 06-22, 71.75448.
    const script = { [closeOf('2018-06-11')]: (i: Instrument) => [targetUnits(i, 1000)] };
    const r = run('cn_300750_1d', 'SZSE:300750', '2018-06-11', '2018-06-29', script);
    expect(r.fills).toHaveLength(1);
    expect(iso(r.fills[0]!.time)).toBe('2018-06-22');
    expect(r.fills[0]!.price).toBe(71.75448);
    expect(r.fills[0]!.qty).toBe(1000);
    // 71,754.48 × 0.025 % = 17.94 commission; transfer 0.72.
    expect(r.fills[0]!.fee).toBe(18.66);
    expect(r.orders[0]!.status).toBe('filled');

    const cancelled = run('cn_300750_1d', 'SZSE:300750', '2018-06-11', '2018-06-29', script, {
      onRefusal: 'cancel',
    });
    expect(cancelled.fills).toHaveLength(0);
    expect(cancelled.orders[0]).toMatchObject({ status: 'cancelled', reason: 'limit_up' });
  });

  test('a suspended day (Moutai 2012-09-03, volume 0) never fills: carried to 09-04, or cancelled', () => {
    const script = { [closeOf('2012-08-31')]: (i: Instrument) => [targetUnits(i, 300)] };
    const r = run('cn_600519_1d', 'SSE:600519', '2012-08-01', '2012-09-28', script);
    expect(r.fills.map((f) => [iso(f.time), f.price, f.qty])).toEqual([['2012-09-04', 237, 300]]);
    // 71,100 × 0.025 % = 17.775 → 17.78 commission; transfer 0.711 → 0.71.
    expect(r.fills[0]!.fee).toBe(18.49);
    const c = run('cn_600519_1d', 'SSE:600519', '2012-08-01', '2012-09-28', script, { onRefusal: 'cancel' });
    expect(c.fills).toHaveLength(0);
    expect(c.orders[0]).toMatchObject({ status: 'cancelled', reason: 'suspended' });
  });

  test('stamp duty by trade date on SMIC sells: 0.1 % on 2023-08-25, 0.05 % on 2023-08-28; buys pay none', () => {
    const script = {
      [closeOf('2023-08-23')]: (i: Instrument) => [targetUnits(i, 1000)], // buy at 08-24 open 48.13
      [closeOf('2023-08-24')]: (i: Instrument) => [targetUnits(i, 0)], // sell at 08-25 open 48.40
      [closeOf('2023-08-25')]: (i: Instrument) => [targetUnits(i, 1000)], // buy at 08-28 open 50.72
      [closeOf('2023-08-28')]: (i: Instrument) => [targetUnits(i, 0)], // sell at 08-29 open 48.61
    };
    const r = run('cn_688981_1d', 'SSE:688981', '2023-08-01', '2023-09-15', script);
    expect(r.fills.map((f) => [iso(f.time), f.side, f.price, f.fee])).toEqual([
      // 48,130: commission 12.03 (12.0325), transfer 0.48
      ['2023-08-24', 'buy', 48.13, 12.51],
      // 48,400: commission 12.10, stamp 0.1 % 48.40, transfer 0.48
      ['2023-08-25', 'sell', 48.4, 60.98],
      // 50,720: commission 12.68, transfer 0.51 (0.5072)
      ['2023-08-28', 'buy', 50.72, 13.19],
      // 48,610: commission 12.15 (12.1525), stamp 0.05 % 24.31 (24.305), transfer 0.49 (0.4861)
      ['2023-08-29', 'sell', 48.61, 36.95],
    ]);
  });

  test('minimum commission and STAR lots: 200 SMIC shares pay 5 CNY; 150 is below the STAR minimum; 250.7 → 250', () => {
    const r = run('cn_688981_1d', 'SSE:688981', '2023-08-01', '2023-09-15', {
      [closeOf('2023-08-23')]: (i: Instrument) => [targetUnits(i, 200)],
    });
    // 200 × 48.13 = 9,626: 0.025 % is 2.41, so the 5 CNY minimum; transfer 0.10 (0.09626).
    expect(r.fills.map((f) => [f.qty, f.fee])).toEqual([[200, 5.1]]);
    const small = run('cn_688981_1d', 'SSE:688981', '2023-08-01', '2023-09-15', {
      [closeOf('2023-08-23')]: (i: Instrument) => [targetUnits(i, 150)],
    });
    expect(small.fills).toHaveLength(0);
    expect(small.rejections[0]).toMatchObject({ reason: 'below_min_qty' });
    const odd = run('cn_688981_1d', 'SSE:688981', '2023-08-01', '2023-09-15', {
      [closeOf('2023-08-23')]: (i: Instrument) => [targetUnits(i, 250.7)],
    });
    expect(odd.fills[0]!.qty).toBe(250);
    const main = run('cn_600519_1d', 'SSE:600519', '2012-08-01', '2012-09-28', {
      [closeOf('2012-08-08')]: (i: Instrument) => [targetUnits(i, 399)],
    });
    expect(main.fills[0]!.qty).toBe(300); // lots of 100, rounded down
  });

  test('a buy the fees make unaffordable shrinks by a lot instead of overdrawing cash', () => {
    // Cash for exactly 100 CATL shares at 71.75448 but not the 5 CNY minimum commission on top.
    const r = run(
      'cn_300750_1d',
      'SZSE:300750',
      '2018-06-11',
      '2018-06-29',
      { [closeOf('2018-06-11')]: (i: Instrument) => [targetUnits(i, 200)] },
      { cash: 14_352 },
    );
    // 200 × 71.75448 = 14,350.90 + 5.14 fees > 14,352 → 100 shares (7,175.45 + 5.07).
    expect(r.fills.map((f) => [f.qty, f.fee])).toEqual([[100, 5.07]]);
    expect(r.orders[0]!.status).toBe('partially_filled');
  });
});
