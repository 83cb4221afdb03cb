import { parseInstrument, positionKey } from '@algotrader/core';
import { parsePipelineConfig } from '@algotrader/pipeline';
import {
  barOut,
  decodeAccount,
  type Effect,
  encodeAccount,
  newAccount,
  step,
} from '@algotrader/pipeline/domain';
import type { OrderRequestMsg } from '@algotrader/proto';
import { describe, expect, test } from 'vitest';
import { type RouterInput, type RouterState, routerDecider, routerState } from './decider';
import { actions, marketOrder, published, run, runSync, type VenueAction } from './decider.test-helper';
import type { SwapReconcileResult } from './okx/swap-venue';
import { PaperVenue } from './paper-venue';
import type { Venue, VenueResult } from './venue';

/**
 * The order-router's decider on a swap account: the funding payments and liquidations an
 * exchange's reconciliation reports are booked into the one Account once each, by their venue
 * ids, and those ids survive the saved value (encode → decode → restore), as after a restart.
 */

const H = 3_600_000;
const KEY = 'OKX:BTC/USDT:USDT';
const SWAP = parseInstrument(KEY);
const p = parsePipelineConfig({
  instruments: [KEY],
  strategies: [{ name: 'sma_cross', instruments: [KEY] }],
  swaps: { [KEY]: { marginMode: 'isolated', leverage: 5 } },
  fillModel: { timing: 'next_open', fees: { maker: 0.0002, taker: 0.0005 }, slippage: { kind: 'none' } },
});
type D = ReturnType<typeof routerDecider>;
const venue: Pick<Venue, 'name' | 'fills'> = { name: 'okx_swap', fills: 'exchange' };

const order = (id: string, qty: number): OrderRequestMsg => marketOrder(p, SWAP, id, 'buy', qty, 10 * H);
const alerts = (fx: readonly Effect[]) =>
  fx.flatMap((e) => (e.kind === 'alert' ? [`${e.alert.severity}:${e.alert.code}`] : []));

/** An isolated 5× long of 0.5 BTC at 60 000, no fee: margin 6 000 posted out of 10 000 cash. */
function opened(d: D): RouterState {
  const s = routerState(newAccount(p.account, 10_000, 'USDT'), p);
  runSync(d, s, { kind: 'order', order: order('sw1', 0.5), seq: 1, now: 5 }, () => ({
    reports: [
      {
        clientOrderId: 'sw1',
        exchangeOrderId: 'x1',
        status: 'filled',
        filledQty: 0.5,
        avgPrice: 60_000,
        fills: [
          { tradeId: 't1', qty: 0.5, price: 60_000, fee: 0, feeCurrency: 'USDT', timeMs: 7, maker: false },
        ],
      },
    ],
    alerts: [],
  }));
  return s;
}

const funding = (billId: string, amount: number) => ({ billId, instrument: SWAP, amount, timeMs: 8 * H });
const reconcile = (r: Omit<SwapReconcileResult, 'reports' | 'alerts'>, now: number): RouterInput => ({
  kind: 'result',
  call: { op: 'reconcile' },
  result: { reports: [], alerts: [], ...r } as SwapReconcileResult,
  now,
});

describe('order-router decider, swap funding and liquidations from reconciliation', () => {
  test("the account takes the pipeline's margin mode and leverage (not cross 1×), restored too", () => {
    const d = routerDecider({ pipeline: p, venue });
    const s = opened(d);
    expect(s.book.swaps.setting(0)).toEqual({ mode: 'isolated', leverage: 5 });
    expect(s.book.swaps.marginCol[0]).toBeCloseTo(6_000, 9);
    expect(s.book.cash).toBe(10_000);
    const r = d.restore(decodeAccount(encodeAccount(d.snapshot(s)))).state;
    expect(r.book.swaps.setting(0)).toEqual({ mode: 'isolated', leverage: 5 });
  });

  test('a funding payment moves cash by its amount once; a second identical result, or one after a restart, books nothing', () => {
    const d = routerDecider({ pipeline: p, venue });
    const s = opened(d);
    const fx = step(d, s, reconcile({ funding: [funding('b1', -1.5), funding('b2', 0.25)] }, 100)).effects;
    expect(s.book.cash).toBe(10_000 - 1.5 + 0.25);
    expect(s.book.fundingPnl).toBe(-1.25);
    // Funding on an isolated position comes out of (goes into) its margin.
    expect(s.book.swaps.marginCol[0]).toBeCloseTo(6_000 - 1.25, 9);
    expect(s.account.swapBooked).toEqual(['funding:b1', 'funding:b2']);
    expect(published(fx).map((m) => m.msgId)).toContain(positionKey(p.account, 100));
    expect(actions(fx).map((a) => a.type)).toEqual(['save']);
    expect(alerts(fx)).toEqual([]);

    const again = step(d, s, reconcile({ funding: [funding('b1', -1.5), funding('b2', 0.25)] }, 101)).effects;
    expect(s.book.cash).toBe(10_000 - 1.25);
    expect(published(again)).toEqual([]);

    const r = d.restore(decodeAccount(encodeAccount(d.snapshot(s)))).state;
    expect(r.account.swapBooked).toEqual(['funding:b1', 'funding:b2']);
    expect(r.book.fundingPnl).toBe(-1.25);
    const after = step(d, r, reconcile({ funding: [funding('b2', 0.25), funding('b3', -2)] }, 102)).effects;
    expect(r.book.cash).toBe(10_000 - 1.25 - 2);
    expect(r.account.swapBooked).toEqual(['funding:b1', 'funding:b2', 'funding:b3']);
    expect(published(after).map((m) => m.msgId)).toEqual([positionKey(p.account, 102)]);
  });

  test('a liquidation closes the position, loses exactly the isolated margin, alerts critical and halts; repeated after a restart it books nothing', () => {
    const d = routerDecider({ pipeline: p, venue });
    const s = opened(d);
    const liq = { ordId: 'L1', instrument: SWAP, qty: -0.5, price: 49_000, timeMs: 9 * H };
    const result = {
      funding: [funding('b1', -1.5)],
      liquidations: [liq],
      halt: { reason: 'liquidation', detail: `${KEY} -0.5 @ 49000` },
      cash: 3_900,
    };
    const fx = step(d, s, reconcile(result, 200)).effects;
    // 10 000 − 1.5 funding − (6 000 − 1.5) isolated margin = 4 000; the halting result's cash is not taken.
    expect(s.book.cash).toBe(4_000);
    expect(s.book.qty(0)).toBe(0);
    expect(s.book.liquidationLoss).toBeCloseTo(5_998.5, 9);
    expect(s.book.fundingPnl).toBe(-1.5);
    expect(alerts(fx)).toEqual(['critical:swap_liquidation_booked']);
    expect(actions(fx).map((a) => a.type)).toEqual(['halt', 'save']);
    expect(s.account.swapBooked).toEqual(['funding:b1', 'liquidation:L1']);

    const r = d.restore(decodeAccount(encodeAccount(d.snapshot(s)))).state;
    expect(r.book.cash).toBe(4_000);
    expect(r.book.liquidationLoss).toBeCloseTo(5_998.5, 9);
    const again = step(d, r, reconcile(result, 201)).effects;
    expect(r.book.cash).toBe(4_000);
    expect(r.book.qty(0)).toBe(0);
    expect(alerts(again)).toEqual([]);
    expect(published(again)).toEqual([]);
  });

  test('a liquidation of a position the book does not hold is alerted, never booked as a loss', () => {
    const d = routerDecider({ pipeline: p, venue });
    const s = routerState(newAccount(p.account, 10_000, 'USDT'), p);
    const fx = step(
      d,
      s,
      reconcile(
        { liquidations: [{ ordId: 'L9', instrument: SWAP, qty: 0.2, price: 70_000, timeMs: 1 }] },
        300,
      ),
    ).effects;
    expect(s.book.cash).toBe(10_000);
    expect(alerts(fx)).toEqual(['critical:swap_liquidation_unbooked']);
    expect(s.account.swapBooked).toEqual(['liquidation:L9']);
  });

  test('a reduce-only order keeps its flag across a restart: the lookup after it carries reduceOnly, an opening order none', () => {
    const d = routerDecider({ pipeline: p, venue });
    const s = opened(d);
    const shrink = { ...marketOrder(p, SWAP, 'sw2', 'sell', 0.2, 11 * H), reduceOnly: true };
    const placed: VenueAction[] = [];
    // The placement's outcome is not known (a timeout): the order stays pending, to be looked up.
    const unknown = (a: VenueAction) => {
      placed.push(a);
      const id = a.call.op === 'reconcile' ? '' : a.call.order.clientOrderId;
      return {
        reports: [
          { clientOrderId: id, status: 'unknown' as const, filledQty: 0, avgPrice: Number.NaN, fills: [] },
        ],
        alerts: [],
      };
    };
    runSync(d, s, { kind: 'order', order: shrink, seq: 2, now: 6 }, unknown);
    runSync(d, s, { kind: 'order', order: order('sw3', 0.1), seq: 3, now: 6 }, unknown);
    expect(placed.map((a) => [a.call.op, a.call.op === 'reconcile' ? '' : a.call.order.reduceOnly])).toEqual([
      ['place', true],
      ['place', undefined],
    ]);
    expect(s.account.orders['sw2']!.reduceOnly).toBe(true);

    const r = d.restore(decodeAccount(encodeAccount(d.snapshot(s)))).state;
    expect(r.account.pending).toEqual(['sw2', 'sw3']);
    expect(r.account.orders['sw2']!.reduceOnly).toBe(true);
    expect(r.account.orders['sw3']!.reduceOnly).toBeUndefined();
    const calls = actions(step(d, r, { kind: 'poll' }).effects).flatMap((a) =>
      a.type === 'venue' && a.call.op === 'lookup'
        ? [[a.call.order.clientOrderId, a.call.order.reduceOnly]]
        : [],
    );
    expect(calls).toEqual([
      ['sw2', true],
      ['sw3', undefined],
    ]);
  });

  test('paper: a reduce-only sell placed before a restart fills after it clipped to the long (flat), never flipping short', async () => {
    const paper = new PaperVenue(p);
    const d = routerDecider({ pipeline: p, venue: paper });
    const answer = async (a: VenueAction): Promise<VenueResult> =>
      a.call.op === 'place' ? paper.place(a.call.order) : { reports: [], alerts: [] };
    const swapBar = (openTime: number, open: number) =>
      barOut(
        {
          instrument: SWAP,
          openTime,
          closeTime: openTime + H,
          open,
          high: open,
          low: open,
          close: open,
          volume: 1,
        },
        '1h',
        'test',
      );
    const set = (close: number, seq: number): RouterInput => ({
      kind: 'set',
      set: { venue: 'OKX', timeframe: '1h', closeTimeMs: close, arrived: [], missing: [], timedOut: false },
      seq,
    });
    const s = routerState(newAccount(p.account, 10_000, 'USDT'), p);
    await run(d, s, { kind: 'order', order: order('pb1', 0.5), seq: 1, now: 5 }, answer);
    step(d, s, { kind: 'bar', bar: swapBar(10 * H, 60_000) });
    await run(d, s, set(11 * H, 1), answer);
    await run(d, s, { kind: 'progress', progress: { decidedThrough: 10 * H, approvedSeq: 1 } }, answer);
    expect(s.book.qty(0)).toBe(0.5);

    const shrink = { ...marketOrder(p, SWAP, 'pb2', 'sell', 0.8, 11 * H), reduceOnly: true };
    await run(d, s, { kind: 'order', order: shrink, seq: 2, now: 6 }, answer);
    expect(s.account.pending).toEqual(['pb2']);
    // The router restarts before the bar the order fills on.
    const r = d.restore(decodeAccount(encodeAccount(d.snapshot(s)))).state;
    step(d, r, { kind: 'bar', bar: swapBar(11 * H, 60_000) });
    await run(d, r, set(12 * H, 2), answer);
    await run(d, r, { kind: 'progress', progress: { decidedThrough: 11 * H, approvedSeq: 2 } }, answer);
    expect(r.account.done).toContain('pb2');
    expect(r.book.qty(0)).toBe(0);
  });
});
