import { exitOrderId, parseInstrument } from '@algotrader/core';
import {
  accountOf,
  type BarIn,
  newAccount,
  type OrderState,
  parsePipelineConfig,
} from '@algotrader/pipeline';
import { describe, expect, test } from 'vitest';
import { armAfterFill, fillReason, triggeredExits } from './exits';
import { parseApproved, record } from './intake';
import { attachedExits, refuseExits } from './okx/venue';

const H = 3_600_000;
const KEY = 'OKX:BTC/USDT';
const p = parsePipelineConfig({
  account: 'paper',
  instruments: [KEY, 'OKX:ETH/USDT'],
  strategies: [{ name: 'sma_cross', instruments: [KEY] }],
});
const entry: OrderState = {
  id: 'at1',
  strategy: 'sma_cross',
  instrument: KEY,
  side: 'buy',
  type: 'market',
  qty: 1,
  decisionTime: 10 * H,
  eligibleOpen: 10 * H,
  status: 'accepted',
  events: 1,
  filledQty: 0,
  avgFillPrice: Number.NaN,
  exits: { stopLoss: { fraction: 0.05 }, trailingStop: 0.1 },
};
const bar = (open: number, high: number, low: number, close: number): BarIn => ({
  instrument: parseInstrument(KEY),
  openTime: 11 * H,
  closeTime: 12 * H,
  open,
  high,
  low,
  close,
  volume: 10,
});

function setup() {
  const s = newAccount('paper', 1_000, 'USDT');
  const a = accountOf(s, p.specs);
  a.applyFill(a.require(KEY), 'buy', 1, 100, 0);
  armAfterFill(s, entry, a, 100);
  return { s, a };
}

describe('order-router: protective exits on a bars venue', () => {
  test('an entry fill with exits arms them at the fill price; flat disarms', () => {
    const { s, a } = setup();
    expect(s.protections?.[KEY]).toMatchObject({ strategy: 'sma_cross', protection: { dir: 1, best: 100 } });
    expect(s.protections?.[KEY]?.protection.stop).toBeCloseTo(95, 12);
    a.applyFill(a.require(KEY), 'sell', 1, 101, 0);
    const { exits: _, ...sell } = entry;
    armAfterFill(s, { ...sell, side: 'sell' }, a, 101);
    expect(s.protections?.[KEY]).toBeUndefined();
  });

  test('a bar that touches the stop yields one exit order (whole position, exitOrderId, reason)', () => {
    const { s, a } = setup();
    const out = triggeredExits(s, p, new Map([[KEY, bar(99, 101, 94, 96)]]), 12 * H, a);
    expect(out).toHaveLength(1);
    expect(out[0]!.trigger).toEqual({ reason: 'stop_loss', price: 95, gap: false });
    expect(out[0]!.order).toMatchObject({
      id: exitOrderId({
        account: 'paper',
        strategy: 'sma_cross',
        instrument: parseInstrument(KEY),
        decisionCloseMs: 12 * H,
      }),
      side: 'sell',
      qty: 1,
      exitReason: 'stop_loss',
      status: 'pending_submit',
    });
  });

  test('a bar that triggers nothing moves the trailing anchor; no bar, no check', () => {
    const { s, a } = setup();
    expect(triggeredExits(s, p, new Map(), 12 * H, a)).toEqual([]);
    expect(triggeredExits(s, p, new Map([[KEY, bar(100, 120, 99, 118)]]), 12 * H, a)).toEqual([]);
    expect(s.protections?.[KEY]?.protection.best).toBe(120);
    // The trailing stop now sits at 108, above the fixed 95.
    const out = triggeredExits(s, p, new Map([[KEY, bar(118, 119, 107, 110)]]), 13 * H, a);
    expect(out[0]!.trigger.reason).toBe('trailing_stop');
  });

  test('intake reads exits from the order request and refuses them on a sell', () => {
    const msg = {
      clientOrderId: 'at1',
      instrument: { venue: 'OKX', symbol: 'BTC/USDT' },
      side: 1,
      type: 1,
      quantity: '1',
      decisionTimeMs: 10 * H,
      exits: { stopLossFraction: '0.05' },
    };
    expect(parseApproved(msg, p)).toMatchObject({ exits: { stopLoss: { fraction: 0.05 } } });
    expect(parseApproved({ ...msg, side: 2 }, p).error).toMatch(/exits go with a buy/);
    expect(parseApproved({ ...msg, exits: { stopLossFraction: '7' } }, p).error).toMatch(/stopLoss fraction/);
    expect(record(entry).exits).toEqual(entry.exits);
  });

  test('the OKX venue refuses exits it cannot attach (trailing stop, fraction): rejected with the reason, and an alert', () => {
    const why = attachedExits(record(entry));
    expect(why).toMatch(
      /a trailing stop is not supported on the OKX venue \(it would be a move_order_stop algo order/,
    );
    const { trailingStop: _, ...fractionOnly } = entry.exits!;
    expect(attachedExits(record({ ...entry, exits: fractionOnly }))).toMatch(
      /stop-loss as a fraction \(0.05\) is not supported on the OKX venue yet \(it needs the fill price\)/,
    );
    const r = refuseExits(record(entry), why as string);
    expect(r.reports).toMatchObject([
      {
        clientOrderId: 'at1',
        status: 'rejected',
        reason: expect.stringMatching(/not supported on the OKX venue/),
      },
    ]);
    expect(r.alerts).toMatchObject([{ severity: 'warning', code: 'exits_unsupported', dedupeKey: 'at1' }]);
  });

  test('fills name their reason: a fired exit, an operator force-exit, else a signal', () => {
    expect(fillReason(entry)).toBe('signal');
    expect(fillReason({ ...entry, exitReason: 'take_profit' })).toBe('take_profit');
    expect(fillReason({ ...entry, strategy: 'forceexit', side: 'sell' })).toBe('forceexit');
  });
});
