import { fillKey, orderEventKey, parseInstrument, positionKey } from '@algotrader/core';
import { parsePipelineConfig } from '@algotrader/pipeline';
import { barOut, decodeAccount, encodeAccount, newAccount, step } from '@algotrader/pipeline/domain';
import { US_STOCK_SPEC } from '@algotrader/portfolio';
import { type OrderRequestMsg, pb } from '@algotrader/proto';
import { describe, expect, test } from 'vitest';
import { localBook, type RouterAction, type RouterInput, routerDecider, routerState } from './decider';
import { actions, alertCodes as alerts, marketOrder, published, run } from './decider.test-helper';
import { PaperVenue } from './paper-venue';
import type { Venue, VenueResult } from './venue';

/**
 * The order-router's decider alone — no NATS, no KV, no venue I/O. The test plays the shell: it
 * folds inputs in with `step`, answers each `venue` action itself (the real PaperVenue, or an
 * exchange's result written here) and feeds the answer back as the next input, as DeciderRunner
 * does, in order.
 */

const H = 3_600_000;
const BTC = parseInstrument('OKX:BTC/USDT');
const p = parsePipelineConfig({
  instruments: ['OKX:BTC/USDT'],
  strategies: [{ name: 'sma_cross', instruments: ['OKX:BTC/USDT'] }],
  fillModel: { timing: 'next_open', fees: { maker: 0.0008, taker: 0.001 }, slippage: { kind: 'none' } },
});

const bar = (openTime: number, open: number, close = open) =>
  barOut(
    {
      instrument: BTC,
      openTime,
      closeTime: openTime + H,
      open,
      high: Math.max(open, close),
      low: Math.min(open, close),
      close,
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
const order = (id: string, side: 'buy' | 'sell', qty: number, decisionTime: number): OrderRequestMsg =>
  marketOrder(p, BTC, id, side, qty, decisionTime);

describe('order-router decider, paper venue (fills on bars)', () => {
  const venue = new PaperVenue(p);
  const paper = async (a: Extract<RouterAction, { type: 'venue' }>): Promise<VenueResult> => {
    const c = a.call;
    if (c.op === 'place') return venue.place(c.order);
    if (c.op === 'cancel') return venue.cancel(c.order);
    return { reports: [], alerts: [] };
  };
  const fresh = () => routerState(newAccount(p.account, 10_000, 'USDT'), p);

  test('an order asks the venue to place it; the answer publishes its events, and nothing is saved before the bar', async () => {
    const d = routerDecider({ pipeline: p, venue });
    const s = fresh();
    const first = step(d, s, { kind: 'order', order: order('at1', 'buy', 0.5, 10 * H), seq: 1, now: 5 });
    expect(published(first.effects)).toEqual([]);
    expect(actions(first.effects)).toMatchObject([{ type: 'venue', call: { op: 'place', late: false } }]);
    const answered = step(d, s, {
      kind: 'result',
      call: (actions(first.effects)[0] as Extract<RouterAction, { type: 'venue' }>).call,
      result: await paper(actions(first.effects)[0] as never),
      now: 6,
    });
    // pending_submit → accepted, under ord:<id>:<seq>.
    expect(published(answered.effects).map((m) => m.msgId)).toEqual([orderEventKey('at1', 1)]);
    expect(actions(answered.effects)).toEqual([]);
    expect(s.account.orderSeq).toBe(1);
    expect(s.account.pending).toEqual(['at1']);
  });

  test("a bar's fills wait for the risk gate's progress; then the fill, the snapshot and one save, in that order", async () => {
    const d = routerDecider({ pipeline: p, venue });
    const s = fresh();
    await run(d, s, { kind: 'order', order: order('at1', 'buy', 0.5, 10 * H), seq: 1, now: 5 }, paper);
    step(d, s, { kind: 'bar', bar: bar(10 * H, 100, 104) });
    const early = await run(d, s, set(11 * H, 7), paper);
    expect(early).toEqual([]);
    expect(s.book.qty(0)).toBe(0);
    // Decided through the bar's open, every approved order read: the step runs.
    const fx = await run(
      d,
      s,
      { kind: 'progress', progress: { decidedThrough: 10 * H, approvedSeq: 1 } },
      paper,
    );
    expect(published(fx).map((m) => m.msgId)).toEqual([
      fillKey('paper', 'at1:1'),
      orderEventKey('at1', 2),
      positionKey(p.account, 11 * H),
    ]);
    expect(actions(fx)).toMatchObject([{ type: 'save', retired: [{ id: 'at1', status: 'filled' }] }]);
    expect(s.book.qty(0)).toBe(0.5);
    expect(s.book.cash).toBeCloseTo(10_000 - 50 - 0.05, 9);
    expect(s.account).toMatchObject({ steppedThrough: 11 * H, visibleThrough: 11 * H, mdSeq: 7, fills: 1 });
    expect(s.account.done).toEqual(['at1']);
  });

  test('an order still missing (approvedSeq ahead of what was read) holds the step back', async () => {
    const d = routerDecider({ pipeline: p, venue });
    const s = fresh();
    step(d, s, { kind: 'bar', bar: bar(10 * H, 100) });
    step(d, s, set(11 * H, 3));
    expect(
      await run(d, s, { kind: 'progress', progress: { decidedThrough: 10 * H, approvedSeq: 2 } }, paper),
    ).toEqual([]);
    const fx = await run(
      d,
      s,
      { kind: 'order', order: order('at2', 'buy', 1, 10 * H), seq: 2, now: 5 },
      paper,
    );
    expect(published(fx).map((m) => m.msgId)).toContain(fillKey('paper', 'at2:1'));
  });

  test('HALTED: an order adding to the position is rejected without a venue call; a reducing sell goes out', async () => {
    const d = routerDecider({ pipeline: p, venue });
    const s = fresh();
    s.book.applyFill(0, 'buy', 1, 100, 0);
    const whileHalted = (id: string, side: 'buy' | 'sell', seq: number) =>
      step(d, s, {
        kind: 'order',
        order: order(id, side, 1, 10 * H),
        seq,
        now: 5,
        control: { halted: true, reason: 'MAX_DAILY_LOSS' },
      });
    const buy = whileHalted('at3', 'buy', 1);
    expect(actions(buy.effects)).toEqual([]);
    expect(alerts(buy.effects)).toEqual(['order_refused_halted']);
    expect(published(buy.effects)).toHaveLength(1);
    expect(s.account.orders['at3']).toMatchObject({
      status: 'rejected',
      reason: expect.stringMatching(/HALTED/),
    });
    const sell = whileHalted('at4', 'sell', 2);
    expect(actions(sell.effects)).toMatchObject([{ type: 'venue', call: { op: 'place' } }]);
    expect(s.counters.refused).toBe(1);
  });

  test('decide reads only: deciding twice gives the same outputs and leaves the state as it was', () => {
    const d = routerDecider({ pipeline: p, venue });
    const s = fresh();
    step(d, s, { kind: 'bar', bar: bar(10 * H, 100) });
    const before = JSON.stringify(d.snapshot(s));
    const input: RouterInput = { kind: 'order', order: order('at5', 'buy', 1, 10 * H), seq: 1, now: 5 };
    expect(d.decide(s, input)).toEqual(d.decide(s, input));
    expect(JSON.stringify(d.snapshot(s))).toBe(before);
    // A repeated bar, a repeated marker and a re-read order are recognised.
    expect(d.decide(s, { kind: 'bar', bar: bar(10 * H, 100) })).toEqual([{ kind: 'duplicate' }]);
    step(d, s, set(11 * H, 4));
    expect(d.decide(s, set(11 * H, 4))).toEqual([]);
    step(d, s, input);
    expect(d.decide(s, input)).toEqual([{ kind: 'advance' }]);
  });

  test('an id the order index knows (or the account holds) is a duplicate: alerted, never placed', () => {
    const d = routerDecider({ pipeline: p, venue });
    const s = fresh();
    const fx = step(d, s, {
      kind: 'order',
      order: order('at6', 'buy', 1, 10 * H),
      seq: 1,
      now: 5,
      known: true,
    });
    expect(alerts(fx.effects)).toEqual(['order_duplicate']);
    expect(actions(fx.effects)).toEqual([]);
    expect(s.account.orderSeq).toBe(1);
  });
});

describe('order-router decider, exchange venue', () => {
  const venue: Pick<Venue, 'name' | 'fills'> = { name: 'okx', fills: 'exchange' };
  const fresh = () => routerState(newAccount(p.account, 10_000, 'USDT'), p);
  const filled = (tradeId: string, qty: number): VenueResult => ({
    reports: [
      {
        clientOrderId: 'at1',
        exchangeOrderId: 'x1',
        status: 'filled',
        filledQty: qty,
        avgPrice: 100,
        fills: [{ tradeId, qty, price: 100, fee: 0.1, feeCurrency: 'USDT', timeMs: 7, maker: false }],
      },
    ],
    alerts: [],
  });

  test('a fill reported again after a restart (snapshot → restore) is not booked twice: its trade id is saved', async () => {
    const d = routerDecider({ pipeline: p, venue });
    const s = fresh();
    const fx = await run(
      d,
      s,
      { kind: 'order', order: order('at1', 'buy', 1, 10 * H), seq: 1, now: 5 },
      async () => filled('t1', 1),
    );
    expect(published(fx).map((m) => m.msgId)).toContain(fillKey('okx', 't1'));
    expect(actions(fx).map((a) => a.type)).toEqual(['venue', 'save']);
    expect(s.book.qty(0)).toBe(1);
    // The saved value (its KV bytes), restored as after kill -9; the venue reports the same execution again.
    const r = d.restore(decodeAccount(encodeAccount(d.snapshot(s)))).state;
    expect(r.account.orders['at1']?.trades).toEqual(['t1']);
    const again = step(d, r, {
      kind: 'result',
      call: { op: 'reconcile' },
      result: {
        reports: [{ ...filled('t1', 1).reports[0]!, clientOrderId: 'at1' }],
        alerts: [],
      },
      now: 9,
    });
    expect(published(again.effects).filter((m) => m.msgId.startsWith('fill:'))).toEqual([]);
    expect(r.book.qty(0)).toBe(1);
    expect(r.book.cash).toBeCloseTo(s.book.cash, 9);
  });

  test('a part fill and then its rest, each trade once; a repeated report of both books nothing more', async () => {
    const d = routerDecider({ pipeline: p, venue });
    const s = fresh();
    await run(d, s, { kind: 'order', order: order('at1', 'buy', 1, 10 * H), seq: 1, now: 5 }, async () => ({
      reports: [{ ...filled('t1', 0.4).reports[0]!, status: 'partially_filled' }],
      alerts: [],
    }));
    const both: VenueResult = {
      reports: [
        {
          ...filled('t1', 1).reports[0]!,
          fills: [...filled('t1', 0.4).reports[0]!.fills, ...filled('t2', 0.6).reports[0]!.fills],
        },
      ],
      alerts: [],
    };
    const fx = step(d, s, {
      kind: 'result',
      call: { op: 'lookup', order: localBook(s).orders[0]! },
      result: both,
      now: 8,
    });
    expect(
      published(fx.effects)
        .filter((m) => m.msgId.startsWith('fill:'))
        .map((m) => m.msgId),
    ).toEqual([fillKey('okx', 't2')]);
    expect(s.book.qty(0)).toBeCloseTo(1, 12);
    const repeat = step(d, s, { kind: 'result', call: { op: 'reconcile' }, result: both, now: 9 });
    expect(published(repeat.effects).filter((m) => m.msgId.startsWith('fill:'))).toEqual([]);
  });

  test('an exit the exchange holds: armed by the entry fill; its triggered order is recorded under the entry strategy, booked with its reason, disarms; once', async () => {
    const holding: Pick<Venue, 'name' | 'fills' | 'holdsExits'> = { ...venue, holdsExits: true };
    const d = routerDecider({ pipeline: p, venue: holding });
    const s = fresh();
    const entry = {
      ...order('at1', 'buy', 1, 10 * H),
      exits: { stopLossPrice: '90', takeProfitPrice: '120' },
    };
    await run(d, s, { kind: 'order', order: entry, seq: 1, now: 5 }, async () => filled('t1', 1));
    expect(s.account.protections?.['OKX:BTC/USDT']?.strategy).toBe('s');
    const net = s.book.qty(0);
    const triggered: VenueResult = {
      reports: [
        {
          clientOrderId: 'ax1',
          exchangeOrderId: 'x2',
          status: 'filled',
          filledQty: net,
          avgPrice: 90,
          fills: [
            { tradeId: 't2', qty: net, price: 90, fee: 0.09, feeCurrency: 'USDT', timeMs: 9, maker: false },
          ],
          triggeredExit: { entry: 'at1', reason: 'stop_loss', instrument: BTC, side: 'sell', qty: net },
        },
      ],
      alerts: [],
    };
    const fx = step(d, s, { kind: 'result', call: { op: 'reconcile' }, result: triggered, now: 9 }).effects;
    const fills = published(fx).filter((m) => m.msgId.startsWith('fill:'));
    expect(fills.map((m) => [m.msgId, (m.message as { exitReason?: number }).exitReason])).toEqual([
      [fillKey('okx', 't2'), pb.ExitReason.EXIT_REASON_STOP_LOSS],
    ]);
    expect(s.account.orders['ax1']).toMatchObject({
      strategy: 's',
      side: 'sell',
      exitReason: 'stop_loss',
      status: 'filled',
    });
    expect(s.book.qty(0)).toBe(0);
    expect(s.account.protections?.['OKX:BTC/USDT']).toBeUndefined();
    expect(alerts(fx)).toEqual([]);
    // Reported again after a restart: on record, its trade booked; nothing more.
    const r = d.restore(decodeAccount(encodeAccount(d.snapshot(s)))).state;
    const again = step(d, r, {
      kind: 'result',
      call: { op: 'reconcile' },
      result: triggered,
      now: 10,
    }).effects;
    expect(published(again).filter((m) => m.msgId.startsWith('fill:'))).toEqual([]);
    expect(r.book.qty(0)).toBe(0);
  });

  test('poll: a lookup per open order, then reconcile; its cash is taken, its halt request asked for before the save', async () => {
    const d = routerDecider({ pipeline: p, venue });
    const s = fresh();
    await run(d, s, { kind: 'order', order: order('at1', 'buy', 1, 10 * H), seq: 1, now: 5 }, async () => ({
      reports: [{ clientOrderId: 'at1', status: 'accepted', filledQty: 0, avgPrice: Number.NaN, fills: [] }],
      alerts: [],
    }));
    const seen: string[] = [];
    const fx = await run(d, s, { kind: 'poll' }, async (a) => {
      seen.push(a.call.op);
      return a.call.op === 'reconcile'
        ? ({
            reports: [],
            alerts: [
              { severity: 'critical', code: 'reconcile_mismatch', message: 'BTC differs', dedupeKey: 'k' },
            ],
            halt: { reason: 'reconcile_mismatch', detail: 'BTC differs' },
            cash: 123,
          } as VenueResult)
        : { reports: [], alerts: [] };
    });
    expect(seen).toEqual(['lookup', 'reconcile']);
    expect(actions(fx).map((a) => a.type)).toEqual(['venue', 'venue', 'halt', 'save']);
    expect(alerts(fx)).toEqual(['reconcile_mismatch']);
    // A halting reconciliation does not move cash (its balance may be what is wrong).
    expect(s.book.cash).toBe(10_000);
  });
});

describe('order-router decider, paper venue, session-aligned NYSE bars', () => {
  // Friday 2021-03-12 (EST): the 14:30 bar is 19:30–20:30 UTC, the cut last one 20:30–21:00 UTC.
  const SPY = parseInstrument('IBKR:SPY/USD');
  const q = parsePipelineConfig({
    account: 'paper',
    venue: 'IBKR',
    instruments: ['IBKR:SPY/USD'],
    strategies: [{ name: 'sma_cross', instruments: ['IBKR:SPY/USD'] }],
    paper: { initialCash: 100_000, quoteCurrency: 'USD' },
    specs: { 'IBKR:SPY/USD': US_STOCK_SPEC },
    fillModel: { timing: 'next_open', commission: { kind: 'ibkr_fixed' } },
    mode: 'replay',
  });
  const t1430 = Date.UTC(2021, 2, 12, 19, 30);
  const t1530 = Date.UTC(2021, 2, 12, 20, 30);
  const t1600 = Date.UTC(2021, 2, 12, 21);
  const spyBar = (openTime: number, closeTime: number, price: number) =>
    barOut(
      { instrument: SPY, openTime, closeTime, open: price, high: price, low: price, close: price, volume: 1 },
      '1h',
      'test',
    );
  const ibkrSet = (close: number, seq: number): RouterInput => ({
    kind: 'set',
    set: { venue: 'IBKR', timeframe: '1h', closeTimeMs: close, arrived: [], missing: [], timedOut: false },
    seq,
  });
  const venue = new PaperVenue(q);
  const paper = async (a: Extract<RouterAction, { type: 'venue' }>): Promise<VenueResult> => {
    const c = a.call;
    if (c.op === 'place') return venue.place(c.order);
    if (c.op === 'cancel') return venue.cancel(c.order);
    return { reports: [], alerts: [] };
  };

  test("an order decided at 15:30 fills on the cut 15:30–16:00 bar's open once the gate has decided through 15:30", async () => {
    const d = routerDecider({ pipeline: q, venue });
    const s = routerState(newAccount(q.account, 100_000, 'USD'), q);
    step(d, s, { kind: 'bar', bar: spyBar(t1430, t1530, 390) });
    await run(d, s, ibkrSet(t1530, 1), paper);
    await run(d, s, { kind: 'progress', progress: { decidedThrough: t1430, approvedSeq: 0 } }, paper);
    expect(s.account.steppedThrough).toBe(t1530);
    await run(
      d,
      s,
      { kind: 'order', order: marketOrder(q, SPY, 'o1', 'buy', 10, t1530), seq: 1, now: 5 },
      paper,
    );
    step(d, s, { kind: 'bar', bar: spyBar(t1530, t1600, 400) });
    await run(d, s, ibkrSet(t1600, 2), paper);
    // 15:00 (16:00 − 1h) is not enough: the set's bar opens at 15:30, and so may orders decided then.
    await run(d, s, { kind: 'progress', progress: { decidedThrough: t1600 - H, approvedSeq: 1 } }, paper);
    expect(s.account.steppedThrough).toBe(t1530);
    const fx = await run(
      d,
      s,
      { kind: 'progress', progress: { decidedThrough: t1530, approvedSeq: 1 } },
      paper,
    );
    expect(published(fx).map((m) => m.msgId)).toContain(fillKey('paper', 'o1:1'));
    expect(s.book.qty(0)).toBe(10);
    expect(s.account.steppedThrough).toBe(t1600);
  });

  test('an order decided at 15:30 arriving after the 16:00 step is late (its fill bar, the cut 15:30 bar, is settled)', async () => {
    const d = routerDecider({ pipeline: q, venue });
    const s = routerState(newAccount(q.account, 100_000, 'USD'), q);
    step(d, s, { kind: 'bar', bar: spyBar(t1530, t1600, 400) });
    await run(d, s, ibkrSet(t1600, 1), paper);
    await run(d, s, { kind: 'progress', progress: { decidedThrough: t1530, approvedSeq: 0 } }, paper);
    expect(s.account.steppedThrough).toBe(t1600);
    const late = step(d, s, {
      kind: 'order',
      order: marketOrder(q, SPY, 'o2', 'buy', 1, t1530),
      seq: 1,
      now: 5,
    });
    expect(actions(late.effects)).toMatchObject([{ type: 'venue', call: { op: 'place', late: true } }]);
  });
});
