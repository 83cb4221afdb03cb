import { fillKey, paperFillKey, parseInstrument } from '@algotrader/core';
import { parsePipelineConfig } from '@algotrader/pipeline';
import { describe, expect, test } from 'vitest';
import { PaperVenue } from './paper-venue';
import type { OrderRecord } from './venue';

const BTC = parseInstrument('OKX:BTC/USDT');
const H = 3_600_000;
const p = parsePipelineConfig({
  instruments: ['OKX:BTC/USDT'],
  strategies: [{ name: 'sma_cross', instruments: ['OKX:BTC/USDT'] }],
  fillModel: { timing: 'next_open', fees: { maker: 0.0008, taker: 0.001 }, slippage: { kind: 'none' } },
});
const order = (o: Partial<OrderRecord> = {}): OrderRecord => ({
  clientOrderId: 'at1',
  instrument: BTC,
  side: 'buy',
  type: 'market',
  qty: 0.1,
  strategy: 's',
  decisionTime: 10 * H,
  status: 'accepted',
  filledQty: 0,
  avgFillPrice: Number.NaN,
  events: 1,
  ...o,
});
const bar = {
  instrument: BTC,
  tf: '1h',
  openTime: 10 * H,
  closeTime: 11 * H,
  open: 100,
  high: 110,
  low: 90,
  close: 105,
  volume: 50,
} as const;

describe('paper venue', () => {
  test("fills a market order at the next bar's open with the backtest's taker fee, one fill keyed fill:paper:<id>:1", () => {
    const r = new PaperVenue(p).fillOnBar(order(), bar as never, { cash: 1_000, held: 0 });
    expect(r).toMatchObject({ status: 'filled', filledQty: 0.1, avgPrice: 100, timeMs: 10 * H });
    expect(r.fills).toHaveLength(1);
    expect(r.fills[0]).toMatchObject({ qty: 0.1, price: 100, feeCurrency: 'USDT', maker: false });
    expect(r.fills[0]!.fee).toBeCloseTo(0.01, 12);
    expect(fillKey('paper', r.fills[0]!.tradeId)).toBe(paperFillKey('at1', 1));
  });

  test('a limit the bar never reaches expires; a sell of nothing is cancelled with the reason', () => {
    const v = new PaperVenue(p);
    expect(
      v.fillOnBar(order({ type: 'limit', limitPrice: 80 }), bar as never, { cash: 1_000, held: 0 }),
    ).toMatchObject({
      status: 'expired',
      fills: [],
    });
    expect(v.fillOnBar(order({ side: 'sell' }), bar as never, { cash: 0, held: 0 })).toMatchObject({
      status: 'canceled',
      reason: expect.stringMatching(/^insufficient_position/),
    });
  });

  test('takes an order as accepted, refuses a quote-sized one, and has nothing to reconcile', async () => {
    const v = new PaperVenue(p);
    expect((await v.place(order())).reports).toMatchObject([{ status: 'accepted' }]);
    expect((await v.place({ ...order(), quoteAmount: 50 })).reports).toMatchObject([{ status: 'rejected' }]);
    expect(await v.reconcile({ orders: [order()], positions: {} })).toEqual({ reports: [], alerts: [] });
    expect(await v.snapshot()).toEqual({ cash: 10_000, positions: {} });
  });

  test('fills a triggered exit at the trigger (slippage and taker fee as any market order), stamped by gap or close', () => {
    const v = new PaperVenue(p);
    const exit = order({ side: 'sell', exitReason: 'stop_loss' });
    const inBar = v.fillTriggered(
      exit,
      bar as never,
      { reason: 'stop_loss', price: 95, gap: false },
      { cash: 0, held: 0.1 },
    );
    expect(inBar).toMatchObject({ status: 'filled', filledQty: 0.1, avgPrice: 95, timeMs: 11 * H });
    expect(inBar.fills[0]!.fee).toBeCloseTo(0.1 * 95 * 0.001, 12);
    const gapped = v.fillTriggered(
      exit,
      bar as never,
      { reason: 'stop_loss', price: 100, gap: true },
      { cash: 0, held: 0.1 },
    );
    expect(gapped).toMatchObject({ status: 'filled', avgPrice: 100, timeMs: 10 * H });
  });
});
