import { parseInstrument } from '@algotrader/core';
import { cnCosts } from '@algotrader/markets-cn';
import { loadSseCalendar } from '@algotrader/markets-cn/node';
import { describe, expect, test } from 'vitest';
import type { OrderRecord, VenueOrder } from '../venue';
import { checkReport, findOrder, type Suggestion, suggest, suggestionText } from './manual';

const cal = loadSseCalendar();
const S = { graceMinutes: 60, limitOffsetBps: 50 };
const at = (iso: string) => Date.parse(iso);
const order = (over: Partial<VenueOrder> = {}): VenueOrder => ({
  clientOrderId: 'at0abc123def456',
  instrument: parseInstrument('SSE:688111/CNY'),
  side: 'buy',
  type: 'market',
  qty: 250,
  strategy: 'sma_cross',
  decisionTime: at('2021-09-30T00:00:00Z'),
  ...over,
});
// Kingsoft Office (STAR) closed at 283.32 on 2021-09-30 (data/cn); the band on 10-08 is ±20 %.
const PREV = { close: 283.32, closeTime: at('2021-10-01T00:00:00Z') };

describe('notify venue: suggestions', () => {
  test('STAR: 250 shares (no lots), ±20 % band, for the next trading day after the holiday', () => {
    const g = suggest(order(), at('2021-10-01T00:30:00Z'), PREV, cal, S) as Suggestion;
    expect(g.tradeDate).toBe('2021-10-08');
    expect(g.band).toEqual({ up: 339.98, down: 226.66 });
    expect(g.limit).toBe(284.74); // 283.32 × 1.005 = 284.7366 → 284.74
    expect(g.expiresAt).toBe(at('2021-10-08T08:00:00Z'));
    const text = suggestionText(g, cnCosts());
    expect(text).toContain('BUY 688111 金山办公 Kingsoft Office (SSE, STAR)');
    expect(text).toContain('Shares: 250 shares\n');
    expect(text).toContain("today's band 226.66–339.98, ±20 % of the close 283.32");
  });

  test('refused before reaching the person: off-grid lots, a limit outside the band, no close, not an A-share', () => {
    const now = at('2021-10-01T00:30:00Z');
    expect(suggest(order({ qty: 150 }), now, PREV, cal, S)).toMatchObject({ code: 'lot' });
    expect(
      suggest(order({ instrument: parseInstrument('SSE:600519/CNY'), qty: 150 }), now, PREV, cal, S),
    ).toMatchObject({ error: 'SSE:600519/CNY: 150 shares is not a multiple of 100 shares (one lot)' });
    expect(suggest(order({ type: 'limit', limitPrice: 340 }), now, PREV, cal, S)).toMatchObject({
      code: 'outside_band',
      error: "SSE:688111/CNY: limit 340.00 is outside today's band 226.66–339.98",
    });
    expect(suggest(order(), now, undefined, cal, S)).toMatchObject({ code: 'no_close' });
    expect(suggest(order({ instrument: parseInstrument('OKX:BTC/USDT') }), now, PREV, cal, S)).toMatchObject({
      code: 'not_a_share',
    });
  });

  test('an order reference: the exact id, or a unique start of at least 6 characters', () => {
    const rec = (id: string) => ({ ...order({ clientOrderId: id }) }) as OrderRecord;
    const orders = [rec('at0abc123aaa'), rec('at0abc123bbb'), rec('zz9')];
    expect(findOrder('zz9', orders)).toMatchObject({ clientOrderId: 'zz9' });
    expect(findOrder('at0abc123b', orders)).toMatchObject({ clientOrderId: 'at0abc123bbb' });
    expect(findOrder('at0abc', orders)).toBe('"at0abc" matches 2 orders: give more of the id');
    expect(findOrder('at0', orders)).toMatch(/at least its first 6 characters/);
  });

  test('a report before the market opened for the order is refused', () => {
    const g = suggest(order(), at('2021-10-01T00:30:00Z'), PREV, cal, S) as Suggestion;
    const rec = {
      ...order(),
      status: 'accepted',
      filledQty: 0,
      avgFillPrice: Number.NaN,
      events: 1,
    } as OrderRecord;
    const out = checkReport(
      {
        account: 'cn',
        action: 'filled',
        order: rec.clientOrderId,
        qty: 250,
        price: 284,
        from: 'telegram:1',
        ref: 'tg1',
        timeMs: at('2021-10-07T02:00:00Z'),
      },
      rec,
      g,
      { orders: [rec], positions: {} },
      0,
      0,
      cnCosts(),
    );
    expect(out).toMatchObject({ ok: false });
    expect(out.reply).toContain(
      'the market has not opened for this order yet (it is for 2021-10-08, from 2021-10-08 09:30 Shanghai)',
    );
  });
});
