import { Bus, loadCheckpoint, SYSTEM_TOPOLOGY, saveCheckpoint, subjects } from '@algotrader/bus';
import { AlgoError, type Clock, ErrorCode, parseInstrument } from '@algotrader/core';
import { CHECKPOINTS_BUCKET, readAll, StageRuntime, stageRoute } from '@algotrader/pipeline';
import {
  type Action,
  act,
  type Decider,
  out,
  publish,
  type StageCheckpoint,
} from '@algotrader/pipeline/domain';
import { type BarMsg, type BarSetClosed, codecs } from '@algotrader/proto';
import { NatsServer, waitFor } from '@algotrader/testkit';
import { describe, expect, test } from 'vitest';

/**
 * The shell alone, around a decider small enough to check by hand: it counts bars and sums their
 * closes, refuses a negative close, and publishes a running total per bar.
 */

const clock: Clock = { now: () => Date.now() };
const btc = parseInstrument('OKX:BTC/USDT');
const KEY = 'test.stage-runtime';

interface Tally {
  count: number;
  sum: number;
}
type Counted = { readonly n: number; readonly close: number; readonly correlationId: string | undefined };

const tally: Decider<Tally, { bar: BarMsg; msgId: string | undefined }, Counted, Tally> = {
  initial: () => ({ count: 0, sum: 0 }),
  decide(state, { bar, msgId }) {
    const close = Number(bar.close);
    if (!(close >= 0)) throw new AlgoError(ErrorCode.InvalidBar, `close ${close} is negative`);
    return [{ n: state.count + 1, close, correlationId: msgId }];
  },
  evolve: (state, o) => ({ count: o.n, sum: state.sum + o.close }),
  effects: (state, o) => [
    publish(
      out(
        codecs.BarSetClosed,
        subjects.featureSet('TEST', '1h'),
        { venue: 'TEST', timeframe: '1h', closeTimeMs: state.sum, arrived: [], missing: [], timedOut: false },
        `tally:${o.n}`,
        o.correlationId,
      ),
    ),
  ],
  snapshot: (state) => ({ ...state }),
  restore: (snap) => ({ state: { count: snap.count, sum: snap.sum }, effects: [] }),
};

function start(bus: Bus) {
  return StageRuntime.start({
    bus,
    clock,
    name: 'tally',
    stream: 'MD',
    filter: 'md.bar.>',
    checkpointKey: KEY,
    checkpointEveryMs: 0,
    decider: tally,
    routes: [
      stageRoute(codecs.Bar, (bar: BarMsg, meta) => ({ bar, msgId: meta.msgId }), { checkpoint: true }),
    ],
    deadLetterAlert: (reason, meta) => ({
      severity: 'warning',
      code: 'tally_rejected',
      message: `tally refused #${meta.seq}: ${reason}`,
      dedupeKey: String(meta.seq),
    }),
  });
}

async function publishBar(bus: Bus, h: number, close: number): Promise<number> {
  const openTimeMs = Date.UTC(2024, 0, 1) + h * 3_600_000;
  const bar: BarMsg = {
    instrument: { venue: 'OKX', symbol: 'BTC/USDT' },
    timeframe: '1h',
    openTimeMs,
    closeTimeMs: openTimeMs + 3_600_000,
    open: 1,
    high: 1_000,
    low: -1_000,
    close,
    volume: 1,
    source: 'test',
  };
  return (await bus.publish(codecs.Bar, subjects.bar(btc, '1h'), bar, { msgId: `bar-${h}` })).seq;
}

describe('StageRuntime: the one shell of the live stages', () => {
  test('publishes each output once with its id, dead-letters refused input with an alert, resumes from its checkpoint', async () => {
    const server = await NatsServer.start();
    const bus = await Bus.connect({ servers: server.url, service: 'test' });
    const stageBus = await Bus.connect({ servers: server.url, service: 'tally' });
    let runtime: Awaited<ReturnType<typeof start>> | undefined;
    try {
      await bus.ensure(SYSTEM_TOPOLOGY);
      runtime = await start(stageBus);
      let last = 0;
      for (const [h, close] of [
        [0, 10],
        [1, 20],
        [2, -5],
        [3, 30],
      ] as const)
        last = await publishBar(bus, h, close);
      await waitFor(() => runtime!.position >= last, 30_000, 'the runtime to handle every bar');
      expect(runtime.state).toEqual({ count: 3, sum: 60 });
      expect(runtime.deadLettered).toBe(1);

      const totals = async () =>
        (await readAll(bus, 'FEATURES', 'feat._set.test.1h', codecs.BarSetClosed)).map((m) => [
          m.msgId,
          Number((m.message as BarSetClosed).closeTimeMs),
        ]);
      expect(await totals()).toEqual([
        ['tally:1', 10],
        ['tally:2', 30],
        ['tally:3', 60],
      ]);
      const dead = await readAll(bus, 'DLQ', 'dlq.>', codecs.DeadLetter);
      expect(dead.map((d) => [d.message.consumer, Number(d.message.streamSeq)])).toEqual([
        ['tally', last - 1],
      ]);
      expect(dead[0]!.message.reason).toMatch(/close -5 is negative/);
      await waitFor(
        async () =>
          (await readAll(bus, 'OPS', 'ops.alert.>', codecs.Alert)).some(
            (a) => a.message.code === 'tally_rejected',
          ),
        30_000,
        'the dead-letter alert',
      );

      // Stopped and started again: the position and the state come back from one KV value, and
      // nothing already handled is decided or published again.
      await runtime.stop();
      const saved = await loadCheckpoint<StageCheckpoint<Tally>>(await bus.kv(CHECKPOINTS_BUCKET), KEY);
      expect(saved).toEqual({ count: 3, sum: 60, seq: last });
      runtime = await start(stageBus);
      expect(runtime.position).toBe(last);
      expect(runtime.state).toEqual({ count: 3, sum: 60 });
      const next = await publishBar(bus, 4, 40);
      await waitFor(() => runtime!.position >= next, 30_000, 'the restarted runtime to handle the next bar');
      expect(await totals()).toEqual([
        ['tally:1', 10],
        ['tally:2', 30],
        ['tally:3', 60],
        ['tally:4', 100],
      ]);
    } finally {
      await runtime?.stop();
      await stageBus.close();
      await bus.close();
      await server.stop();
    }
  });

  test('context before deciding, decisions saved before they are published, actions in order, acks folded in, owed outputs published on restore', async () => {
    interface Owed {
      sum: number;
      /** Outputs decided, not yet acked. */
      owed: string[];
      lastAck: number;
    }
    type In = { bar: BarMsg; extra?: number };
    const totalOut = (sum: number, id: string) =>
      publish(
        out(
          codecs.BarSetClosed,
          subjects.featureSet('TEST', '1h'),
          { venue: 'TEST', timeframe: '1h', closeTimeMs: sum, arrived: [], missing: [], timedOut: false },
          id,
        ),
      );
    const owedDecider: Decider<Owed, In, { close: number; id: string }, Owed> = {
      initial: () => ({ sum: 0, owed: [], lastAck: 0 }),
      decide: (state, { bar, extra }) => {
        if (extra === undefined) throw new Error('no context');
        return [{ close: Number(bar.close) + extra, id: `owed:${state.sum + Number(bar.close) + extra}` }];
      },
      evolve: (state, o) => ({ ...state, sum: state.sum + o.close, owed: [...state.owed, o.id] }),
      effects: (state, o) => [act({ type: 'before' }), totalOut(state.sum, o.id), act({ type: 'after' })],
      acked: (state, m, ackSeq) => ({
        ...state,
        owed: state.owed.filter((id) => id !== m.msgId),
        lastAck: ackSeq,
      }),
      snapshot: (state) => ({ ...state, owed: [...state.owed] }),
      restore: (snap) => ({ state: { ...snap }, effects: snap.owed.map((id) => totalOut(snap.sum, id)) }),
    };
    const server = await NatsServer.start();
    const bus = await Bus.connect({ servers: server.url, service: 'test' });
    const stageBus = await Bus.connect({ servers: server.url, service: 'owed' });
    const ckv = await (async () => {
      await bus.ensure(SYSTEM_TOPOLOGY);
      return bus.kv(CHECKPOINTS_BUCKET);
    })();
    const seen: unknown[] = [];
    let contexts = 0;
    const startOwed = () =>
      StageRuntime.start({
        bus: stageBus,
        clock,
        name: 'owed',
        stream: 'MD',
        filter: 'md.bar.>',
        checkpointKey: `${KEY}.owed`,
        checkpointEveryMs: 0,
        decider: owedDecider,
        routes: [stageRoute(codecs.Bar, (bar: BarMsg): In => ({ bar }), { checkpoint: true })],
        deadLetterAlert: (reason) => ({
          severity: 'warning',
          code: 'owed_rejected',
          message: reason,
          dedupeKey: reason,
        }),
        context: async (input) => {
          contexts += 1;
          return { ...input, extra: 1 };
        },
        checkpointBeforePublish: true,
        act: async (a: Action, state: Owed) => {
          const saved = await loadCheckpoint<StageCheckpoint<Owed>>(ckv, `${KEY}.owed`);
          seen.push({ type: a.type, savedOwed: saved?.owed, savedSeq: saved?.seq, lastAck: state.lastAck });
        },
      });
    let runtime: Awaited<ReturnType<typeof startOwed>> | undefined;
    try {
      runtime = await startOwed();
      const s1 = await publishBar(bus, 0, 10);
      const s2 = await publishBar(bus, 1, 20);
      await waitFor(() => runtime!.position >= s2, 30_000, 'both bars handled');
      const published = async () =>
        (await readAll(bus, 'FEATURES', 'feat._set.test.1h', codecs.BarSetClosed)).map((m) => [
          m.msgId,
          m.seq,
        ]);
      const first = await published();
      expect(first.map(([id]) => id)).toEqual(['owed:11', 'owed:32']);
      expect(contexts).toBe(2);
      // Saved before the publish (the output owed at the message's position), acked after it.
      expect(seen).toEqual([
        { type: 'before', savedOwed: ['owed:11'], savedSeq: s1, lastAck: 0 },
        { type: 'after', savedOwed: ['owed:11'], savedSeq: s1, lastAck: first[0]![1] },
        { type: 'before', savedOwed: ['owed:32'], savedSeq: s2, lastAck: first[0]![1] },
        { type: 'after', savedOwed: ['owed:32'], savedSeq: s2, lastAck: first[1]![1] },
      ]);
      await runtime.stop();
      runtime = undefined;
      expect(await loadCheckpoint(ckv, `${KEY}.owed`)).toEqual({
        sum: 32,
        owed: [],
        lastAck: first[1]![1],
        seq: s2,
      });

      // A crash between the save and the publish leaves an owed output: published on start, before reading on.
      await saveCheckpoint(ckv, `${KEY}.owed`, { sum: 50, owed: ['owed:50'], lastAck: 0, seq: s2 });
      runtime = await startOwed();
      expect((await published()).map(([id]) => id)).toEqual(['owed:11', 'owed:32', 'owed:50']);
      expect(runtime.state.owed).toEqual([]);
      expect(contexts).toBe(2);
    } finally {
      await runtime?.stop();
      await stageBus.close();
      await bus.close();
      await server.stop();
    }
  });
  test('an action may return inputs (a venue answering a call): decided at once, their effects before what was queued after the action', async () => {
    type In = { kind: 'bar'; bar: BarMsg } | { kind: 'answer'; n: number };
    type Out = { kind: 'asked'; close: number } | { kind: 'answered'; n: number };
    const msg = (id: string) =>
      publish(
        out(
          codecs.BarSetClosed,
          subjects.featureSet('TEST', '1h'),
          { venue: 'TEST', timeframe: '1h', closeTimeMs: 1, arrived: [], missing: [], timedOut: false },
          id,
        ),
      );
    const asking: Decider<{ answers: number[] }, In, Out, { answers: number[] }> = {
      initial: () => ({ answers: [] }),
      decide: (_state, i) =>
        i.kind === 'bar' ? [{ kind: 'asked', close: Number(i.bar.close) }] : [{ kind: 'answered', n: i.n }],
      evolve: (state, o) => (o.kind === 'answered' ? { answers: [...state.answers, o.n] } : state),
      effects: (_state, o) =>
        o.kind === 'asked'
          ? [act({ type: 'ask', close: o.close } as Action), msg(`after:${o.close}`)]
          : [msg(`answer:${o.n}`)],
      snapshot: (state) => ({ answers: [...state.answers] }),
      restore: (snap) => ({ state: { answers: [...snap.answers] }, effects: [] }),
    };
    const server = await NatsServer.start();
    const bus = await Bus.connect({ servers: server.url, service: 'test' });
    let runtime: StageRuntime<{ answers: number[] }, In, Out, { answers: number[] }> | undefined;
    try {
      await bus.ensure(SYSTEM_TOPOLOGY);
      let failOnce = true;
      runtime = await StageRuntime.start({
        bus,
        clock,
        name: 'asking',
        stream: 'MD',
        filter: 'md.bar.>',
        checkpointKey: `${KEY}.asking`,
        checkpointEveryMs: 0,
        decider: asking,
        routes: [stageRoute(codecs.Bar, (bar: BarMsg): In => ({ kind: 'bar', bar }), { checkpoint: true })],
        deadLetterAlert: (reason) => ({
          severity: 'warning',
          code: 'asking_rejected',
          message: reason,
          dedupeKey: reason,
        }),
        act: async (a) => {
          // The first call fails: retried in place, answered once.
          if (failOnce) {
            failOnce = false;
            throw new Error('venue timeout');
          }
          return [{ kind: 'answer', n: 2 * (a as unknown as { close: number }).close }];
        },
      });
      await publishBar(bus, 0, 10);
      const s2 = await publishBar(bus, 1, 20);
      await waitFor(() => runtime!.position >= s2, 30_000, 'both bars handled');
      const ids = (await readAll(bus, 'FEATURES', 'feat._set.test.1h', codecs.BarSetClosed)).map(
        (m) => m.msgId,
      );
      expect(ids).toEqual(['answer:20', 'after:10', 'answer:40', 'after:20']);
      expect(runtime.state.answers).toEqual([20, 40]);
    } finally {
      await runtime?.stop();
      await bus.close();
      await server.stop();
    }
  });
});
