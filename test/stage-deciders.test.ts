import { forceExitOrderId, parseInstrument } from '@algotrader/core';
import { type FeatureInput, featureDecider } from '@algotrader/feature-engine';
import { isBadInput } from '@algotrader/pipeline';
import { type AccountState, type Decider, type Effect, newAccount, step } from '@algotrader/pipeline/domain';
import { type BarMsg, pb, type Signal, type SignalSetClosed } from '@algotrader/proto';
import {
  type GateContext,
  type GateMessage,
  type GateSnapshot,
  type GateState,
  gateDecider,
} from '@algotrader/risk-gate';
import type { PortfolioView } from '@algotrader/strategy';
import { type RunnerInput, runnerDecider } from '@algotrader/strategy-runner';
import { describe, expect, test } from 'vitest';
import {
  HOUR,
  hourBarMsg,
  hourBarSet,
  inputMetas,
  runnerInputsOf,
  smaCrossPipeline,
} from './helpers/stages-setup';

/** The deciders alone, no NATS: what the runtime would publish and alert, as plain values. */

const T0 = Date.UTC(2024, 0, 1);
const SYMBOLS = ['BTC/USDT', 'ETH/USDT'] as const;

const pipeline = smaCrossPipeline(SYMBOLS, { fast: 2, slow: 5, sizing: { kind: 'fixed', qty: 1 } });

/** A price path that crosses its moving averages many times (two instruments out of phase). */
function price(k: number, h: number): number {
  return 100 + 10 * Math.sin(h / 4 + k) + (h % 3);
}

function barMsg(k: number, h: number): BarMsg {
  return hourBarMsg(SYMBOLS[k]!, T0 + h * HOUR, price(k, h - 1), price(k, h), 1 + h);
}

const meta = inputMetas();

/** MD for `hours` close times: each instrument's bar, then the bar-set marker; one bar repeated. */
function mdInputs(hours: number): FeatureInput[] {
  const inputs: FeatureInput[] = [];
  for (let h = 0; h < hours; h++) {
    for (let k = 0; k < SYMBOLS.length; k++)
      inputs.push({ kind: 'bar', bar: barMsg(k, h), meta: meta('md.bar') });
    if (h === 10) inputs.push({ kind: 'bar', bar: barMsg(0, h), meta: meta('md.bar') }); // a repeat
    inputs.push({ kind: 'set', set: hourBarSet(T0 + (h + 1) * HOUR, SYMBOLS), meta: meta('md.barset') });
  }
  return inputs;
}

/** Effects as plain data: what would go on the wire (subject, id, body) or to ops.alert. */
function plain(effects: readonly Effect[]): unknown[] {
  return effects.map((e) =>
    e.kind === 'publish'
      ? { subject: e.message.subject, msgId: e.message.msgId, message: e.message.message }
      : e.kind === 'alert'
        ? { alert: e.alert.code, key: e.alert.dedupeKey, message: e.alert.message }
        : { act: e.action },
  );
}

function run<S, I, O, Snap>(
  d: Decider<S, I, O, Snap>,
  state: S,
  inputs: readonly I[],
): { state: S; effects: Effect[] } {
  const effects: Effect[] = [];
  let s = state;
  for (const input of inputs) {
    const r = step(d, s, input);
    s = r.state;
    effects.push(...r.effects);
  }
  return { state: s, effects };
}

/** Through a copy, as the checkpoint's msgpack would be: nothing shared with the running state. */
function restart<S, I, O, Snap>(
  d: Decider<S, I, O, Snap>,
  state: S,
): { state: S; effects: readonly Effect[] } {
  return d.restore(structuredClone(d.snapshot(state)));
}

function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  throw new Error('expected a refusal');
}

const view: PortfolioView = {
  cash: 10_000,
  equity: 10_000,
  position: () => 0,
  averagePrice: () => Number.NaN,
};

/** The feature-engine's published messages as the runner's inputs (the FEATURES stream). */
const featureInputs = (effects: readonly Effect[]): RunnerInput[] => runnerInputsOf(effects, meta);

describe('feature-engine decider', () => {
  const md = mdInputs(60);

  test('the same inputs give the same outputs: one vector per new bar, one marker per set, the repeat dropped with an alert', () => {
    const d = featureDecider(pipeline);
    const a = run(d, d.initial(), md);
    const b = run(featureDecider(pipeline), featureDecider(pipeline).initial(), md);
    expect(plain(a.effects)).toEqual(plain(b.effects));
    const out = plain(a.effects) as { subject?: string; alert?: string }[];
    expect(out.filter((e) => e.subject?.startsWith('feat.okx.'))).toHaveLength(60 * SYMBOLS.length);
    expect(out.filter((e) => e.subject === 'feat._set.okx.1h')).toHaveLength(60);
    expect(out.filter((e) => e.alert === 'bar_dropped')).toHaveLength(1);
    expect(a.state.counters).toEqual({ bars: 120, duplicates: 1, sets: 60 });
  });

  test('decide does not change the state; a bad bar is refused as bad input before anything changes', () => {
    const d = featureDecider(pipeline);
    const { state } = run(d, d.initial(), md.slice(0, 30));
    const before = structuredClone(d.snapshot(state));
    d.decide(state, md[30]!);
    expect(d.snapshot(state)).toEqual(before);
    const bad = { ...barMsg(0, 99), high: 1 }; // high below the close
    const e = thrown(() => d.decide(state, { kind: 'bar', bar: bad, meta: meta('md.bar') }));
    expect(isBadInput(e), String(e)).toBe(true);
    expect(d.snapshot(state)).toEqual(before);
  });

  test('snapshot → restore → continue equals an uninterrupted run, bit for bit', () => {
    const d = featureDecider(pipeline);
    const whole = run(d, d.initial(), md);
    for (const cut of [7, 23, md.length - 5]) {
      const first = run(d, d.initial(), md.slice(0, cut));
      const restored = restart(d, first.state);
      const rest = run(d, restored.state, md.slice(cut));
      expect(plain([...first.effects, ...rest.effects]), `restart after input ${cut}`).toEqual(
        plain(whole.effects),
      );
      expect(d.snapshot(rest.state)).toEqual(d.snapshot(whole.state));
    }
  });
});

describe('strategy-runner decider', () => {
  const fe = featureDecider(pipeline);
  const features = featureInputs(run(fe, fe.initial(), mdInputs(80)).effects);

  test('the same inputs give the same signals, and a SignalSetClosed per close time', () => {
    const d = runnerDecider(pipeline, () => view);
    const a = run(d, d.initial(), features);
    const b = run(
      runnerDecider(pipeline, () => view),
      runnerDecider(pipeline, () => view).initial(),
      features,
    );
    expect(plain(a.effects)).toEqual(plain(b.effects));
    const out = plain(a.effects) as { subject?: string }[];
    const signals = out.filter((e) => e.subject?.startsWith('sig.sma_cross.'));
    // The price path crosses: without signals this test could not see a difference.
    expect(signals.length).toBeGreaterThan(4);
    expect(out.filter((e) => e.subject === 'sig._set.okx.1h')).toHaveLength(80);
  });

  test('snapshot → restore → continue equals an uninterrupted run (mid close time too)', () => {
    const d = runnerDecider(pipeline, () => view);
    const whole = run(d, d.initial(), features);
    // 3 inputs per close time (two vectors, one marker): cuts after a marker and between vectors.
    for (const cut of [30, 31, 32, features.length - 4]) {
      const first = run(d, d.initial(), features.slice(0, cut));
      const restored = restart(d, first.state);
      expect(restored.effects).toEqual([]);
      const rest = run(d, restored.state, features.slice(cut));
      expect(plain([...first.effects, ...rest.effects]), `restart after input ${cut}`).toEqual(
        plain(whole.effects),
      );
    }
  });

  test('a vector lacking a declared feature is refused as bad input, the state untouched', () => {
    const d = runnerDecider(pipeline, () => view);
    const { state } = run(d, d.initial(), features.slice(0, 9));
    const next = features[9]!;
    if (next.kind !== 'vector') throw new Error('input 9 should be a vector');
    const values = { ...next.vector.values };
    delete values['sma:close:5'];
    const before = structuredClone(d.snapshot(state));
    const e = thrown(() => d.decide(state, { ...next, vector: { ...next.vector, values } }));
    expect(isBadInput(e)).toBe(true);
    expect(String(e)).toMatch(/lacks sma:close:5, declared by strategy sma_cross/);
    expect(d.snapshot(state)).toEqual(before);
  });
});

describe('risk-gate decider', () => {
  const fe = featureDecider(pipeline);
  const features = featureInputs(run(fe, fe.initial(), mdInputs(80)).effects);
  const rd = runnerDecider(pipeline, () => view);
  const account: AccountState = newAccount('paper', 10_000, 'USDT');
  const context = (t: number, halted = false): GateContext => ({
    account,
    control: {
      account: 'paper',
      state: halted ? 'HALTED' : 'ACTIVE',
      pausedStrategies: [],
      reason: '',
      updatedMs: 0,
      updatedBy: '',
      revision: 0,
    },
    now: t + 1_000,
  });
  /** The runner's published messages as the gate's inputs, each set with what the shell would read. */
  const signals: GateMessage[] = run(rd, rd.initial(), features).effects.flatMap((e): GateMessage[] => {
    if (e.kind !== 'publish') return [];
    const m = e.message;
    if (m.subject.startsWith('sig._set.')) {
      const set = m.message as SignalSetClosed;
      return [{ kind: 'set', set, meta: meta(m.subject), context: context(Number(set.closeTimeMs)) }];
    }
    return [{ kind: 'signal', signal: m.message as Signal, meta: { ...meta(m.subject), msgId: m.msgId } }];
  });

  /** As the runtime does it: every publish acked (stream sequences counted here) and folded in. */
  function runAcked(
    d: ReturnType<typeof gateDecider>,
    state: GateState,
    inputs: readonly GateMessage[],
    acks = { seq: 0 },
  ): { state: GateState; effects: Effect[] } {
    const effects: Effect[] = [];
    let s = state;
    for (const input of inputs) {
      const r = step(d, s, input);
      s = r.state;
      for (const e of r.effects) if (e.kind === 'publish') s = d.acked!(s, e.message, ++acks.seq);
      effects.push(...r.effects);
    }
    return { state: s, effects };
  }

  const decisions = (effects: readonly Effect[]) =>
    (plain(effects) as { subject?: string }[]).filter((e) => e.subject?.startsWith('ord.'));

  test('the same inputs give the same decisions, orders and the progress through every close time', () => {
    const a = runAcked(gateDecider(pipeline), gateDecider(pipeline).initial(), signals);
    const b = runAcked(gateDecider(pipeline), gateDecider(pipeline).initial(), signals);
    expect(plain(a.effects)).toEqual(plain(b.effects));
    const approved = decisions(a.effects).filter((e) => e.subject === 'ord.approved.paper');
    // The signals cross: without orders this test could not see a difference.
    expect(approved.length).toBeGreaterThan(4);
    const progress = (plain(a.effects) as { act?: { type: string; through: number } }[]).filter(
      (e) => e.act?.type === 'progress',
    );
    expect(progress).toHaveLength(80);
    expect(a.state.lastT).toBe(T0 + 80 * HOUR);
    expect(a.state.outbox).toEqual([]);
    expect(a.state.approvedSeq).toBeGreaterThan(0);
  });

  test('HALTED: every new order is refused, nothing approved', () => {
    const halted = signals.map((i) =>
      i.kind === 'set' ? { ...i, context: context(Number(i.set.closeTimeMs), true) } : i,
    );
    const d = gateDecider(pipeline);
    const out = decisions(runAcked(d, d.initial(), halted).effects) as {
      subject: string;
      message: { reason?: number };
    }[];
    expect(out.length).toBeGreaterThan(4);
    expect(out.every((e) => e.subject === 'ord.rejected.paper')).toBe(true);
  });

  test('snapshot → restore → continue equals an uninterrupted run; unacked decisions are owed again', () => {
    const d = gateDecider(pipeline);
    const whole = runAcked(d, d.initial(), signals);
    for (const cut of [12, 13, Math.floor(signals.length / 2), signals.length - 2]) {
      const acks = { seq: 0 };
      const first = runAcked(d, d.initial(), signals.slice(0, cut), acks);
      const restored = restart(d, first.state);
      expect(restored.effects).toEqual([]);
      const rest = runAcked(d, restored.state, signals.slice(cut), acks);
      expect(plain([...first.effects, ...rest.effects]), `restart after input ${cut}`).toEqual(
        plain(whole.effects),
      );
      expect(d.snapshot(rest.state)).toEqual(d.snapshot(whole.state));
    }
    // A crash after the decisions were saved, before any was acked: restore republishes them.
    const k = signals.findIndex((i, n) => {
      if (i.kind !== 'set') return false;
      const before = runAcked(d, d.initial(), signals.slice(0, n)).state;
      return step(d, before, i).effects.some((e) => e.kind === 'publish');
    });
    expect(k).toBeGreaterThan(0);
    const before = runAcked(d, d.initial(), signals.slice(0, k));
    const decided = step(d, before.state, signals[k]!);
    const saved: GateSnapshot = structuredClone(d.snapshot(decided.state));
    expect(saved.outbox.length).toBeGreaterThan(0);
    const again = d.restore(saved);
    const published = (es: readonly Effect[]) => plain(es.filter((e) => e.kind === 'publish'));
    expect(published(again.effects)).toEqual(published(decided.effects));
    const rest = runAcked(d, again.state, signals.slice(k + 1));
    expect(decisions([...before.effects, ...decided.effects, ...rest.effects])).toEqual(
      decisions(whole.effects),
    );
  });
});

describe('risk-gate decider: an operator force-exit', () => {
  const BTC = parseInstrument('OKX:BTC/USDT');
  const t = T0 + 5 * HOUR;
  /** Holds 1.5 BTC (no ETH), with a strategy's buy of BTC still open. */
  function holding(extra: Partial<AccountState> = {}): AccountState {
    const a = newAccount('paper', 10_000, 'USDT');
    a.book.positions['OKX:BTC/USDT'] = { qty: 1.5, avg: 100, realized: 0, fees: 0 };
    a.book.marks['OKX:BTC/USDT'] = 110;
    a.visibleThrough = t;
    a.orders['atopen1'] = {
      id: 'atopen1',
      strategy: 'sma_cross',
      instrument: 'OKX:BTC/USDT',
      side: 'buy',
      type: 'market',
      qty: 0.5,
      decisionTime: t,
      eligibleOpen: t,
      status: 'accepted',
      events: 2,
      filledQty: 0,
      avgFillPrice: Number.NaN,
    };
    a.pending.push('atopen1');
    return { ...a, ...extra };
  }
  const d = gateDecider(pipeline);
  const state: GateState = {
    ...d.initial(),
    lastT: t - HOUR,
    standing: { sma_cross: { 'OKX:BTC/USDT': { kind: 'units', qty: 1.5 } } },
  };
  const exit = (command: object, account: AccountState = holding()): GateMessage => ({
    kind: 'forceexit',
    command: { account: 'paper', issuedBy: 'telegram:1', timeMs: 1, ...command },
    meta: meta('sig._forceexit.paper'),
    context: { account, now: Date.UTC(2026, 0, 1) },
  });

  test('cancels the open orders of the instrument, then sells the whole position, reduce-only', () => {
    const r = step(
      d,
      state,
      exit({ requestId: 'telegram-5', instrument: { venue: 'OKX', symbol: 'BTC/USDT' } }),
    );
    const id = forceExitOrderId('paper', BTC, 'telegram-5');
    const out = plain(r.effects) as { subject: string; msgId: string; message: Record<string, unknown> }[];
    expect(out.map((e) => [e.subject, e.msgId])).toEqual([
      ['ord.approved.paper', 'ord:atopen1:cancel'],
      ['ord.approved.paper', `ord:${id}`],
    ]);
    expect(out[1]!.message).toMatchObject({
      clientOrderId: id,
      strategy: 'forceexit',
      side: pb.Side.SIDE_SELL,
      quantity: '1.5',
      reduceOnly: true,
      // The next close time after the account's (t): the paper venue fills it on the bar opening then.
      decisionTimeMs: t + HOUR,
    });
    expect(r.state.standing['sma_cross']!['OKX:BTC/USDT']).toEqual({ kind: 'units', qty: 0 });
    expect(r.state.outbox).toHaveLength(2);
    // Decided again (a crash before the ack): the very same messages.
    expect(
      plain(
        step(d, state, exit({ requestId: 'telegram-5', instrument: { venue: 'OKX', symbol: 'BTC/USDT' } }))
          .effects,
      ),
    ).toEqual(out);
  });

  test('a second force-exit before the account shows the first is refused, not a second sell', () => {
    const btc = { venue: 'OKX', symbol: 'BTC/USDT' };
    const first = step(d, state, exit({ requestId: 'telegram-8', instrument: btc }));
    const id = forceExitOrderId('paper', BTC, 'telegram-8');
    expect(first.state.forceExits['OKX:BTC/USDT']).toEqual({ id, t: t + HOUR });
    // The paper router has not saved the order yet: the account is as before.
    const second = plain(
      step(d, first.state, exit({ requestId: 'telegram-9', instrument: btc })).effects,
    ) as {
      subject: string;
      message: { reason: number; detail: string };
    }[];
    expect(second.map((e) => e.subject)).toEqual(['ord.rejected.paper']);
    expect(second[0]!.message).toMatchObject({
      reason: pb.RejectReason.REJECT_REASON_NO_SHORT,
      detail: `force-exit: an exit of OKX:BTC/USDT is already open (order ${id})`,
    });
    // Once the account shows it finished (position still there: bought again), a new exit goes out.
    const later = holding({ done: [id], steppedThrough: t + 2 * HOUR, visibleThrough: t + 2 * HOUR });
    const third = plain(
      step(d, first.state, exit({ requestId: 'telegram-10', instrument: btc }, later)).effects,
    ) as {
      subject: string;
    }[];
    expect(third.map((e) => e.subject)).toEqual(['ord.approved.paper', 'ord.approved.paper']);
    // The checkpoint keeps it (and an older checkpoint without it restores to none).
    expect(d.restore(structuredClone(d.snapshot(first.state))).state.forceExits).toEqual(
      first.state.forceExits,
    );
    const { forceExits: _, ...old } = d.snapshot(first.state);
    expect(d.restore(old).state.forceExits).toEqual({});
  });

  test('refusals say why: nothing held, an exit already open, an instrument not traded; "all" of nothing is an alert', () => {
    const refusal = (input: GateMessage) => {
      const out = plain(step(d, state, input).effects) as {
        subject: string;
        message: { reason: number; detail: string };
      }[];
      expect(out).toHaveLength(1);
      expect(out[0]!.subject).toBe('ord.rejected.paper');
      return out[0]!.message;
    };
    expect(
      refusal(exit({ requestId: 'r1', instrument: { venue: 'OKX', symbol: 'ETH/USDT' } })),
    ).toMatchObject({
      reason: pb.RejectReason.REJECT_REASON_UNSPECIFIED,
      detail: 'force-exit: account paper holds no OKX:ETH/USDT',
    });
    expect(
      refusal(exit({ requestId: 'r2', instrument: { venue: 'OKX', symbol: 'SOL/USDT' } })),
    ).toMatchObject({
      detail: 'force-exit: account paper does not trade OKX:SOL/USDT',
    });
    const exiting = holding();
    exiting.orders['fxopen'] = {
      ...exiting.orders['atopen1']!,
      id: 'fxopen',
      strategy: 'forceexit',
      side: 'sell',
    };
    exiting.pending.push('fxopen');
    expect(
      refusal(exit({ requestId: 'r3', instrument: { venue: 'OKX', symbol: 'BTC/USDT' } }, exiting)),
    ).toMatchObject({
      reason: pb.RejectReason.REJECT_REASON_NO_SHORT,
      detail: 'force-exit: an exit of OKX:BTC/USDT is already open (order fxopen)',
    });
    const flat = plain(
      step(d, state, exit({ requestId: 'r4', all: true }, newAccount('paper', 10_000, 'USDT'))).effects,
    );
    expect(flat).toEqual([
      {
        alert: 'forceexit_nothing_held',
        key: 'r4',
        message: 'force-exit r4 of all positions (by telegram:1): account paper holds nothing',
      },
    ]);
  });

  test("another account's command is not ours; a malformed one is bad input", () => {
    expect(
      step(d, state, {
        ...exit({ requestId: 'r5', all: true }),
        command: { account: 'main', requestId: 'r5', all: true },
      }).effects,
    ).toEqual([]);
    const e = thrown(() => d.decide(state, exit({ requestId: 'no:colons', all: true })));
    expect(isBadInput(e)).toBe(true);
    expect(isBadInput(thrown(() => d.decide(state, exit({ requestId: 'r6' }))))).toBe(true);
  });
});
