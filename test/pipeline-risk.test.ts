import { Bus, type Control, readControl, SYSTEM_TOPOLOGY } from '@algotrader/bus';
import { clientOrderId, type Instrument, NYSE } from '@algotrader/core';
import {
  type AccountState,
  AccountStore,
  accountOf,
  CONTROL_BUCKET,
  newAccount,
  orderRequestOut,
  POSITIONS_BUCKET,
  parsePipelineConfig,
  type RiskLimits,
  RiskLimitsSchema,
  readAll,
  type signalOf,
} from '@algotrader/pipeline';
import { instrumentSpec } from '@algotrader/portfolio';
import { codecs, pb } from '@algotrader/proto';
import { evaluate, type GateInput, type Reason, RiskGate, type SignalIn } from '@algotrader/risk-gate';
import { marketOrder, targetFraction, targetUnits, withExits } from '@algotrader/strategy';
import { NatsServer, waitFor } from '@algotrader/testkit';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { applyControl } from '../apps/cli/src/commands/control';
import { NO_LIMITS } from './helpers/fixtures';
import {
  account,
  afterALosingDay,
  BTC,
  booked,
  DAY,
  ETH,
  HOUR,
  publishSignals,
  raisedCritical,
  SPECS,
  T,
} from './helpers/risk';

const OFF: RiskLimits = RiskLimitsSchema.parse(NO_LIMITS);
const ACTIVE: Control = {
  account: 'paper',
  state: 'ACTIVE',
  pausedStrategies: [],
  reason: '',
  updatedMs: 0,
  updatedBy: '',
  revision: 0,
};

function gate(signals: SignalIn[], over: Partial<GateInput> = {}): ReturnType<typeof evaluate> {
  return evaluate({
    account: 'paper',
    time: T,
    signals,
    standing: {},
    state: account(10_000),
    marks: { 'OKX:BTC/USDT': 5_000, 'OKX:ETH/USDT': 3_000 },
    keys: ['OKX:BTC/USDT', 'OKX:ETH/USDT'],
    instruments: [BTC, ETH],
    spec: (i: Instrument) => instrumentSpec(i, { minNotional: 10 }),
    control: ACTIVE,
    limits: OFF,
    mode: 'replay',
    now: T,
    tfMs: HOUR,
    orderTimes: [],
    ...over,
  });
}

const units = (i: Instrument, q: number, strategy = 's1'): SignalIn => ({
  strategy,
  instrument: i,
  decision: targetUnits(i, q),
});

/** The reason of the only order, or of the only refusal. */
function reasonOf(out: ReturnType<typeof evaluate>): Reason | 'APPROVED' | undefined {
  if (out.verdicts.length === 1) return out.verdicts[0]!.reason ?? 'APPROVED';
  if (out.refusals.length === 1) return out.refusals[0]!.reason;
  return undefined;
}

describe('risk rules: each refuses with its reason code', () => {
  test('an order within every limit is approved, sized by the backtest planOrders', () => {
    const out = gate([{ strategy: 's1', instrument: BTC, decision: targetFraction(BTC, 0.5) }]);
    expect(reasonOf(out)).toBe('APPROVED');
    expect(out.verdicts[0]!.order.qty).toBe(1); // 0.5 × 10,000 / 5,000
    expect(out.verdicts[0]!.order.clientOrderId).toBe(
      clientOrderId({ account: 'paper', strategy: 's1', instrument: BTC, decisionCloseMs: T }),
    );
  });

  test('MAX_ORDER_NOTIONAL: notional above the limit', () => {
    expect(reasonOf(gate([units(BTC, 1)], { limits: { ...OFF, maxOrderNotional: 4_000 } }))).toBe(
      'MAX_ORDER_NOTIONAL',
    );
    expect(reasonOf(gate([units(BTC, 1)], { limits: { ...OFF, maxOrderNotional: 5_000 } }))).toBe('APPROVED');
  });

  test('MAX_POSITION_NOTIONAL: the position after the buy above the limit', () => {
    const state = account(10_000, { 'OKX:BTC/USDT': 0.5 });
    const limits = { ...OFF, maxPositionNotional: 6_000 };
    expect(reasonOf(gate([units(BTC, 1.5)], { state, limits }))).toBe('MAX_POSITION_NOTIONAL');
    expect(reasonOf(gate([units(BTC, 1.1)], { state, limits }))).toBe('APPROVED');
  });

  test('MAX_GROSS_EXPOSURE: all positions after the buy above the multiple of equity', () => {
    const state = account(7_000, { 'OKX:ETH/USDT': 1 });
    const limits = { ...OFF, maxGrossExposure: 1 };
    expect(reasonOf(gate([units(BTC, 1.5)], { state, limits }))).toBe('MAX_GROSS_EXPOSURE');
    expect(reasonOf(gate([units(BTC, 1.2)], { state, limits }))).toBe('APPROVED');
  });

  test('MAX_ORDER_RATE: the limit of orders within a minute is reached', () => {
    const limits = { ...OFF, maxOrdersPerMinute: 3 };
    const busy = [T - 50_000, T - 20_000, T - 1_000];
    expect(reasonOf(gate([units(BTC, 1)], { limits, orderTimes: busy }))).toBe('MAX_ORDER_RATE');
    expect(reasonOf(gate([units(BTC, 1)], { limits, orderTimes: [T - 70_000, ...busy.slice(1)] }))).toBe(
      'APPROVED',
    );
  });

  test('MAX_DAILY_LOSS: equity below the day start by the limit, and the account is to be halted', () => {
    const state = afterALosingDay(); // 1/6 below the day's start
    const out = gate([units(BTC, 1)], { state, limits: { ...OFF, maxDailyLoss: 0.1 } });
    expect(reasonOf(out)).toBe('MAX_DAILY_LOSS');
    expect(out.halt?.reason).toBe('MAX_DAILY_LOSS');
    expect(gate([units(BTC, 1)], { state, limits: { ...OFF, maxDailyLoss: 0.2 } }).halt).toBeUndefined();
  });

  test('MAX_DAILY_LOSS counts from the start of the configured day (risk.dayOffsetMs)', () => {
    // Valued yesterday at 13:00 UTC (12 000; the first valuation, so that day opened at 11 000),
    // then the BTC sold at 3 000 (10 000); the gate values the decision bar, today 11:00 UTC.
    const valuedYesterday = (offset: number) => {
      const s = newAccount('paper', 11_000, 'USDT');
      const a = accountOf(s, SPECS, undefined, offset);
      a.applyFill(0, 'buy', 1, 4_000, 0);
      a.setMark(0, 5_000);
      a.revalue(T - DAY + HOUR);
      a.applyFill(0, 'sell', 1, 3_000, 0);
      s.book = a.snapshot();
      s.visibleThrough = T;
      return s;
    };
    const limits = { ...OFF, maxDailyLoss: 0.1 };
    // UTC days: today is a new day, opened at yesterday's last valuation (12 000): 1/6 lost.
    expect(gate([units(BTC, 1)], { state: valuedYesterday(0), limits }).halt?.reason).toBe('MAX_DAILY_LOSS');
    // Days beginning at 12:00 UTC: still the day that opened at 11 000: 1/11 lost, within the limit.
    const noon = 12 * HOUR;
    const out = gate([units(BTC, 1)], {
      state: valuedYesterday(noon),
      limits: { ...limits, dayOffsetMs: noon },
    });
    expect(out.halt).toBeUndefined();
    expect(reasonOf(out)).toBe('APPROVED');
  });

  test('MAX_DRAWDOWN: equity below the running peak by the limit, and the account is to be halted', () => {
    // 20 000 two days ago; then 3 ETH bought at 5 000 now marked at 3 000: 14 000, 30 % below the peak.
    const state = booked(20_000, (a) => {
      a.revalue(T - 2 * DAY);
      a.applyFill(1, 'buy', 3, 5_000, 0);
    });
    const out = gate([units(BTC, 1)], { state, limits: { ...OFF, maxDrawdown: 0.25 } });
    expect(reasonOf(out)).toBe('MAX_DRAWDOWN');
    expect(out.halt?.reason).toBe('MAX_DRAWDOWN');
    expect(gate([units(BTC, 1)], { state, limits: { ...OFF, maxDrawdown: 0.35 } }).halt).toBeUndefined();
  });

  test('STALE_DATA: a decision older than the limit by the clock (live mode only)', () => {
    const limits = { ...OFF, staleAfterBars: 1 };
    expect(reasonOf(gate([units(BTC, 1)], { limits, mode: 'live', now: T + 2 * HOUR }))).toBe('STALE_DATA');
    expect(reasonOf(gate([units(BTC, 1)], { limits, mode: 'live', now: T + 60_000 }))).toBe('APPROVED');
    expect(reasonOf(gate([units(BTC, 1)], { limits, mode: 'replay', now: T + 2 * HOUR }))).toBe('APPROVED');
  });

  test('live: a target refused because the account is behind stays pending and is planned at the next close time', () => {
    const behind = 'account paper is not current';
    const first = gate([units(BTC, 1)], { mode: 'live', accountBehind: behind });
    expect(reasonOf(first)).toBe('STALE_DATA');
    expect(first.pending).toEqual({ s1: { 'OKX:BTC/USDT': targetUnits(BTC, 1) } });
    // Next close time, no signal, the account current again: the target is planned and approved.
    const next = gate([], { mode: 'live', time: T + HOUR, now: T + HOUR, pending: first.pending });
    expect(next.verdicts.map((v) => [v.order.side, v.order.qty, v.reason])).toEqual([['buy', 1, undefined]]);
    // An order of this close time: its own client order id, not the refused one's.
    expect(next.verdicts[0]!.order.clientOrderId).not.toBe(first.verdicts[0]!.order.clientOrderId);
    expect(next.pending).toEqual({});
    // Still behind: still pending. A new target of the strategy replaces the pending one.
    expect(gate([], { mode: 'live', accountBehind: behind, pending: first.pending }).pending).toEqual(
      first.pending,
    );
    const replaced = gate([units(BTC, 0)], { mode: 'live', time: T + HOUR, pending: first.pending });
    expect(replaced.verdicts).toEqual([]);
    expect(replaced.pending).toEqual({});
    // Refused for another reason (halted): not pending. Replay: never pending (the gate waits there).
    const halted = gate([units(BTC, 1)], {
      mode: 'live',
      accountBehind: behind,
      control: { ...ACTIVE, state: 'HALTED' },
    });
    expect(halted.pending).toEqual({});
    expect(gate([units(BTC, 1)], { accountBehind: behind }).pending).toEqual({});
    // Stale by the clock (live): pending too, planned at a fresh close time.
    const limits = { ...OFF, staleAfterBars: 1 };
    expect(gate([units(BTC, 1)], { mode: 'live', limits, now: T + 2 * HOUR }).pending).toEqual(first.pending);
    expect(gate([], { pending: first.pending }).verdicts).toEqual([]);
  });

  test('STALE_DATA on a session calendar: a decision ages only in trading time (Friday close → Monday open)', () => {
    const limits = { ...OFF, staleAfterBars: 1 };
    const friClose = Date.UTC(2025, 0, 10, 21); // 16:00 New York (EST)
    const at = (now: number, cal?: typeof NYSE) =>
      reasonOf(
        gate([units(BTC, 1)], {
          limits,
          mode: 'live',
          time: friClose,
          now,
          ...(cal ? { calendar: cal } : {}),
        }),
      );
    // Monday 09:31: one minute of trading time, 2.5 days of clock time.
    expect(at(Date.UTC(2025, 0, 13, 14, 31), NYSE)).toBe('APPROVED');
    expect(at(Date.UTC(2025, 0, 13, 14, 31))).toBe('STALE_DATA');
    // Monday 11:00: 1.5 h of trading time > one 1h bar.
    expect(at(Date.UTC(2025, 0, 13, 16), NYSE)).toBe('STALE_DATA');
  });

  test('NO_SHORT: a sell beyond the position, or a negative target', () => {
    const state = account(10_000, { 'OKX:BTC/USDT': 0.5 });
    const sell = gate([{ strategy: 's1', instrument: BTC, decision: marketOrder(BTC, 'sell', 1) }], {
      state,
    });
    expect(reasonOf(sell)).toBe('NO_SHORT');
    const negative = gate([
      { strategy: 's1', instrument: BTC, decision: { invalid: 'target -1', negative: true } },
    ]);
    expect(reasonOf(negative)).toBe('NO_SHORT');
  });

  test('INSUFFICIENT_CASH: a buy beyond the cash (plus the tolerance)', () => {
    expect(reasonOf(gate([units(BTC, 1)], { state: account(1_000) }))).toBe('INSUFFICIENT_CASH');
    expect(reasonOf(gate([units(BTC, 1)], { state: account(4_990) }))).toBe('APPROVED');
  });

  test('BELOW_MIN_NOTIONAL: below the exchange minimum', () => {
    expect(reasonOf(gate([units(BTC, 0.001)]))).toBe('BELOW_MIN_NOTIONAL');
  });

  test('STRATEGY_PAUSED: the strategy is paused in the control state', () => {
    const control = { ...ACTIVE, pausedStrategies: ['s1'] };
    expect(reasonOf(gate([units(BTC, 1)], { control }))).toBe('STRATEGY_PAUSED');
    expect(reasonOf(gate([units(BTC, 1, 's2')], { control }))).toBe('APPROVED');
  });

  test('REDUCE_ONLY: buys refused while reducing, sells go through', () => {
    const control = { ...ACTIVE, state: 'REDUCING' as const };
    const state = account(10_000, { 'OKX:BTC/USDT': 1 });
    expect(reasonOf(gate([units(BTC, 2)], { control, state }))).toBe('REDUCE_ONLY');
    expect(reasonOf(gate([units(BTC, 0)], { control, state }))).toBe('APPROVED');
  });

  test('HALTED blocks every new order and lets the cancel of a replaced order through', () => {
    const state = account(10_000, { 'OKX:BTC/USDT': 1 });
    state.orders.old1 = {
      id: 'old1',
      strategy: 's1',
      instrument: 'OKX:BTC/USDT',
      side: 'buy',
      type: 'market',
      qty: 0.5,
      decisionTime: T - HOUR,
      eligibleOpen: T - HOUR,
      status: 'accepted',
      events: 1,
      filledQty: 0,
      avgFillPrice: Number.NaN,
    };
    state.pending.push('old1');
    const out = gate([units(BTC, 0)], { state, control: { ...ACTIVE, state: 'HALTED', reason: 'ops' } });
    expect(out.verdicts.map((v) => v.reason)).toEqual(['HALTED']);
    expect(out.cancels.map((c) => c.clientOrderId)).toEqual(['old1']);
  });

  test('targets of two strategies on one instrument are netted; equity fractions at the marks', () => {
    const out = gate(
      [
        { strategy: 's1', instrument: BTC, decision: targetFraction(BTC, 0.25) },
        { strategy: 's2', instrument: BTC, decision: targetUnits(BTC, 0.5) },
      ],
      {},
    );
    expect(out.verdicts).toHaveLength(1);
    expect(out.verdicts[0]!.order.qty).toBe(1); // 0.25 × 10,000 / 5,000 + 0.5
    expect(out.verdicts[0]!.order.strategy).toBe('net');
    // A standing target stays: s2 alone moving to 0 leaves s1's 0.5 BTC.
    const next = gate([{ strategy: 's2', instrument: BTC, decision: targetUnits(BTC, 0) }], {
      standing: out.standing,
      state: account(5_000, { 'OKX:BTC/USDT': 1 }),
    });
    expect(next.verdicts.map((v) => [v.order.side, v.order.qty])).toEqual([['sell', 0.5]]);
  });

  test('protective exits ride on the approved entry; netted across strategies they are refused, not dropped', () => {
    const exits = { stopLoss: { fraction: 0.05 }, trailingStop: 0.1 };
    const one = gate([
      { strategy: 's1', instrument: BTC, decision: withExits(targetFraction(BTC, 0.5), exits) },
    ]);
    expect(reasonOf(one)).toBe('APPROVED');
    expect(one.verdicts[0]!.order.exits).toEqual(exits);
    expect(orderRequestOut(one.verdicts[0]!.order).exits).toEqual({
      stopLossFraction: '0.05',
      trailingStopFraction: '0.1',
    });
    const two = gate([
      { strategy: 's1', instrument: BTC, decision: withExits(targetFraction(BTC, 0.25), exits) },
      { strategy: 's2', instrument: BTC, decision: targetUnits(BTC, 0.5) },
    ]);
    expect(two.verdicts).toEqual([]);
    expect(two.refusals).toHaveLength(1);
    expect(two.refusals[0]!.detail).toMatch(/cannot be netted across strategies \(s1, s2\)/);
  });
});

describe('risk gate over NATS: control state, halts and cancels', () => {
  let server: NatsServer;
  let bus: Bus;
  let gateProc: RiskGate;
  const pipeline = parsePipelineConfig({
    account: 'paper',
    instruments: ['OKX:BTC/USDT', 'OKX:ETH/USDT'],
    strategies: [{ name: 'sma_cross', params: { fast: 2, slow: 3 }, instruments: ['OKX:BTC/USDT'] }],
    risk: { ...OFF, maxDailyLoss: 0.1, accountWaitMs: 5_000 },
    mode: 'replay',
  });

  beforeAll(async () => {
    server = await NatsServer.start();
    bus = await Bus.connect({ servers: server.url, service: 'test' });
    await bus.ensure(SYSTEM_TOPOLOGY);
    gateProc = await RiskGate.start({ bus, pipeline, clock: { now: () => Date.now() } });
  });
  afterAll(async () => {
    await gateProc?.stop();
    await bus?.close();
    await server?.stop();
  });

  async function decide(t: number, state: AccountState, decisions: Parameters<typeof signalOf>[3][]) {
    const store = new AccountStore(await bus.kv(POSITIONS_BUCKET), 'paper');
    await store.load();
    state.visibleThrough = t;
    await store.save(state);
    const seq = await publishSignals(bus, t, decisions);
    // Decided AND published (lastT moves before the decisions are out).
    await waitFor(() => gateProc.position >= seq, 10_000, `the gate to decide ${t}`);
  }

  test('an operator halt blocks the new order and lets the cancel of the order it replaces through', async () => {
    const state = account(10_000);
    state.orders.open1 = {
      id: 'open1',
      strategy: 'sma_cross',
      instrument: 'OKX:BTC/USDT',
      side: 'buy',
      type: 'market',
      qty: 0.5,
      decisionTime: T - HOUR,
      eligibleOpen: T - HOUR,
      status: 'accepted',
      events: 1,
      filledQty: 0,
      avgFillPrice: Number.NaN,
    };
    state.pending.push('open1');
    await applyControl(bus, 'paper', 'halt', undefined, 'test halt');
    await decide(T, state, [targetUnits(BTC, 1)]);
    const approved = await readAll(bus, 'ORDERS', 'ord.approved.paper', codecs.OrderRequest);
    expect(approved.map((a) => [a.message.clientOrderId, a.message.cancel])).toEqual([['open1', true]]);
    const rejected = await readAll(bus, 'ORDERS', 'ord.rejected.paper', codecs.RiskRejection);
    expect(rejected.map((r) => r.message.reason)).toEqual([pb.RejectReason.REJECT_REASON_HALTED]);
    await applyControl(bus, 'paper', 'resume', undefined, 'test over');
  });

  test('a daily loss beyond the limit rejects, switches the account to HALTED and raises a critical alert', async () => {
    await decide(T + HOUR, afterALosingDay(T + HOUR), [targetUnits(BTC, 1)]);
    const rejected = await readAll(bus, 'ORDERS', 'ord.rejected.paper', codecs.RiskRejection);
    expect(rejected.at(-1)?.message.reason).toBe(pb.RejectReason.REJECT_REASON_MAX_DAILY_LOSS);
    const control = await readControl(await bus.kv(CONTROL_BUCKET), 'paper');
    expect(control.state).toBe('HALTED');
    await waitFor(() => raisedCritical(bus, 'halted_daily_loss'), 5_000, 'the critical alert');
    // Halted now: the next decision is refused as HALTED.
    await decide(T + 2 * HOUR, account(10_000), [targetUnits(BTC, 1)]);
    const after = await readAll(bus, 'ORDERS', 'ord.rejected.paper', codecs.RiskRejection);
    expect(after.at(-1)?.message.reason).toBe(pb.RejectReason.REJECT_REASON_HALTED);
  });
});

describe('exits are never refused by the size or rate caps (issue 10)', () => {
  test('a spot sell of at most the holding passes MAX_ORDER_NOTIONAL; a buy of the same size does not', () => {
    // 8 BTC held at 5 000 = 40 000, cap 25 000 (the default): the strategy wants out.
    const state = account(10_000, { 'OKX:BTC/USDT': 8 });
    const limits = { ...OFF, maxOrderNotional: 25_000 };
    const exit = gate([units(BTC, 0)], { state, limits });
    expect(reasonOf(exit)).toBe('APPROVED');
    expect(exit.verdicts[0]!.order.side).toBe('sell');
    expect(exit.verdicts[0]!.order.qty).toBe(8);
    // A partial exit too.
    expect(reasonOf(gate([units(BTC, 2)], { state, limits }))).toBe('APPROVED');
    // An entry of that size is still refused.
    expect(reasonOf(gate([units(BTC, 14)], { state, limits }))).toBe('MAX_ORDER_NOTIONAL');
    // A sell beyond the holding is no exit: refused (NO_SHORT on spot) whatever the cap.
    const over = gate([{ strategy: 's1', instrument: BTC, decision: marketOrder(BTC, 'sell', 9) }], {
      state,
      limits,
    });
    expect(reasonOf(over)).toBe('NO_SHORT');
  });

  test('an exit is counted in MAX_ORDER_RATE but never refused by it', () => {
    const state = account(10_000, { 'OKX:BTC/USDT': 1 });
    const limits = { ...OFF, maxOrdersPerMinute: 3 };
    const busy = [T - 50_000, T - 20_000, T - 1_000];
    const exit = gate([units(BTC, 0)], { state, limits, orderTimes: busy });
    expect(reasonOf(exit)).toBe('APPROVED');
    expect(exit.orderTimes).toHaveLength(4);
    expect(reasonOf(gate([units(BTC, 1.5)], { state, limits, orderTimes: busy }))).toBe('MAX_ORDER_RATE');
  });
});
