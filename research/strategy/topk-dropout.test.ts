import { join } from 'node:path';
import { lookaheadCheck, runBacktest } from '@algotrader/backtest';
import { type BarColumns, emptyColumns, formatInstrument, parseInstrument } from '@algotrader/core';
import { readCsvBars } from '@algotrader/store';
import { getStrategy } from '@algotrader/strategy';
import { describe, expect, it } from 'vitest';

const DAY = 86_400_000;
const T0 = Date.UTC(2021, 0, 4);
const names = ['AAA', 'BBB', 'CCC', 'DDD'] as const;
const universe = names.map((n) => parseInstrument(`X:${n}/USD`));
const DAYS = 7;

/** Flat prices (10) so that every quantity is hand-computable; DDD is suspended (volume 0) on day 5. */
function bars(k: number): BarColumns {
  const c = emptyColumns(DAYS);
  for (let i = 0; i < DAYS; i++) {
    c.openTime[i] = T0 + i * DAY;
    c.open[i] = 10;
    c.high[i] = 10;
    c.low[i] = 10;
    c.close[i] = 10;
    c.volume[i] = names[k] === 'DDD' && i === 5 ? 0 : 100;
  }
  return c;
}

/** Scores per day, in universe order (AAA, BBB, CCC, DDD); null is Qlib's NaN; day 3 has no predictions. */
const TABLE: Record<number, (number | null)[]> = {
  0: [4, 3, 2, 1],
  1: [1, 4, 3, 2],
  2: [4, 1, 2, 3],
  4: [null, 1, 5, 2],
  5: [3, 2, 1, 0.5],
};
const scores = Object.entries(TABLE).flatMap(([d, row]) =>
  row.map((score, k) => ({ time: T0 + Number(d) * DAY, instrument: formatInstrument(universe[k]!), score })),
);

/** Holdings after each rebalance's fills (decided at day i's close, filled at day i+1's open). */
function holdingsPerRebalance(params: Record<string, unknown>) {
  const result = runBacktest({
    strategy: getStrategy('topk_dropout'),
    params: { topk: 2, nDrop: 1, scores, ...params },
    data: { timeframe: '1d', series: universe.map((instrument, k) => ({ instrument, bars: bars(k) })) },
    initialCash: 10_000,
    fillModel: { timing: 'next_open', fees: { maker: 0, taker: 0 } },
  });
  const out: { held: string[]; qty: Record<string, number> }[] = [];
  for (let i = 0; i < DAYS - 1; i++) {
    const qty: Record<string, number> = {};
    for (const f of result.fills) {
      if (f.time > T0 + (i + 1) * DAY) continue;
      qty[f.instrument.base] = (qty[f.instrument.base] ?? 0) + (f.side === 'buy' ? f.qty : -f.qty);
    }
    const held = Object.keys(qty)
      .filter((n) => qty[n]! > 1e-9)
      .sort();
    out.push({ held, qty });
  }
  return out;
}

describe('topk_dropout (Qlib TopkDropoutStrategy) through the backtest engine', () => {
  it('holds the top-k and replaces at most n_drop per rebalance (hand-computed)', () => {
    const h = holdingsPerRebalance({});
    expect(h.map((x) => x.held)).toEqual([
      // day 0: nothing held; buy the best topk of today = [AAA, BBB]
      ['AAA', 'BBB'],
      // day 1: last = [BBB 4, AAA 1], today = [CCC 3]; AAA is the lowest of the three: swap for CCC
      ['BBB', 'CCC'],
      // day 2: last = [CCC 2, BBB 1], today = [AAA 4]; drop BBB for AAA. DDD (3) beats CCC (2) but
      // n_drop = 1 allows one replacement a day: a plain top-2 would hold AAA and DDD.
      ['AAA', 'CCC'],
      // day 3: no predictions, no trades
      ['AAA', 'CCC'],
      // day 4: AAA's score is NaN, sorted last: sold for the best newcomer DDD (2)
      ['CCC', 'DDD'],
      // day 5: DDD would go, but it is suspended (volume 0): kept, while AAA is still bought (as Qlib)
      ['AAA', 'CCC', 'DDD'],
    ]);
    // Day 0: 10,000 × 0.95 / 2 at 10 = 475 each. Day 1: cash 500 + AAA's 4,750 = 5,250; × 0.95 / 1 at 10.
    expect(h[0]!.qty['AAA']).toBeCloseTo(475, 6);
    expect(h[0]!.qty['BBB']).toBeCloseTo(475, 6);
    expect(h[1]!.qty['CCC']).toBeCloseTo(498.75, 6);
    // Kept holdings are not resized.
    expect(h[1]!.qty['BBB']).toBeCloseTo(475, 6);
  });

  it('keeps a holding younger than hold_thresh rebalances', () => {
    const h = holdingsPerRebalance({ holdThresh: 2 });
    expect(h.map((x) => x.held)).toEqual([
      ['AAA', 'BBB'],
      // AAA was bought one rebalance ago: not sold, yet CCC is still bought (len(sell) + topk − |last| = 1)
      ['AAA', 'BBB', 'CCC'],
      // last = [AAA 4, CCC 2, BBB 1], today = []: BBB (held 2) is the one dropped, nothing bought
      ['AAA', 'CCC'],
      ['AAA', 'CCC'],
      ['CCC', 'DDD'],
      ['AAA', 'CCC', 'DDD'],
    ]);
  });

  it('refuses scores for an instrument outside the universe', () => {
    expect(() =>
      runBacktest({
        strategy: getStrategy('topk_dropout'),
        params: { topk: 2, nDrop: 1, scores: [...scores, { time: T0, instrument: 'X:ZZZ/USD', score: 1 }] },
        data: { timeframe: '1d', series: universe.map((instrument, k) => ({ instrument, bars: bars(k) })) },
        initialCash: 10_000,
      }),
    ).toThrow(/outside the universe: X:ZZZ\/USD/);
  });

  it('decides the same on truncated data (no look-ahead) over four real hourly pairs', async () => {
    const series = await Promise.all(
      ['BTC', 'ETH', 'LTC', 'XRP'].map(async (b) => ({
        instrument: parseInstrument(`BINANCE:${b}/USDT`),
        bars: await readCsvBars(
          join(
            import.meta.dirname,
            '..',
            'fixtures',
            'crypto',
            `binance_${b}-USDT_1h_2021-09-15_2021-10-15.csv.gz`,
          ),
        ),
      })),
    );
    const hourly = series.flatMap((s) =>
      [...s.bars.openTime].map((time, i) => ({
        time,
        instrument: formatInstrument(s.instrument),
        score: s.bars.close[i]! / s.bars.open[i]! - 1,
      })),
    );
    const report = lookaheadCheck(
      getStrategy('topk_dropout'),
      { topk: 2, nDrop: 1, rebalanceEvery: 24, scores: hourly },
      { timeframe: '1h', series },
      { cuts: 4, initialCash: 10_000 },
    );
    expect(report.compared).toBeGreaterThan(20);
    expect(report.violations).toEqual([]);
    expect(report.ok).toBe(true);
  });
});
