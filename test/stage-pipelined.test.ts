import { Bus, loadCheckpoint, SYSTEM_TOPOLOGY, subjects } from '@algotrader/bus';
import { type Clock, parseInstrument } from '@algotrader/core';
import { CHECKPOINTS_BUCKET, StageRuntime, stageRoute } from '@algotrader/pipeline';
import type { StageCheckpoint } from '@algotrader/pipeline/domain';
import { type BarMsg, codecs } from '@algotrader/proto';
import { NatsServer, scaled, waitFor } from '@algotrader/testkit';
import { describe, expect, test, vi } from 'vitest';
import { storedMsgIds } from './helpers/stored';
import { type Acked, threeOutputs } from './helpers/three-outputs';

vi.setConfig({ testTimeout: scaled(90_000) });

/**
 * A pipelined stage (`pipelined: true`): a message's outputs go out while the next message is
 * decided. Whatever happens to one publish — refused, overtaken by the ones behind it, failing for
 * the last message of a quiet stream — the stream holds every output once, in decision order, and
 * the position (and the checkpoint) never passes a message whose outputs are not all stored.
 */

const clock: Clock = { now: () => Date.now() };
const btc = parseInstrument('OKX:BTC/USDT');
const KEY = 'test.stage-pipelined';
const N = 12;

/** Per bar k: three publishes into FEATURES, p:k.a, p:k.b, p:k.set, in that order. */
const three = threeOutputs('p');

function bar(h: number): BarMsg {
  const openTimeMs = Date.UTC(2024, 0, 1) + h * 3_600_000;
  return {
    instrument: { venue: 'OKX', symbol: 'BTC/USDT' },
    timeframe: '1h',
    openTimeMs,
    closeTimeMs: openTimeMs + 3_600_000,
    open: 1,
    high: 1,
    low: 1,
    close: 1,
    volume: 1,
    source: 'test',
  };
}

describe('StageRuntime pipelined: outputs in flight across messages, nothing lost, reordered or passed', () => {
  test('a refused publish, one overtaken and one failing at the end of the stream are all resent in order', async () => {
    const server = await NatsServer.start();
    const bus = await Bus.connect({ servers: server.url, service: 'test' });
    const real = await Bus.connect({ servers: server.url, service: 'three' });
    let runtime: StageRuntime<Acked, number, number, Acked> | undefined;
    const attempts = new Map<string, number>();
    let inFlight = 0;
    let maxInFlight = 0;
    let answered = 0;
    let releaseLast: (() => void) | undefined;
    const lastHeld = new Promise<void>((r) => {
      releaseLast = r;
    });
    let lastRetried = false;
    // The stage's bus with faults on its publishes into FEATURES: p:5.b refused once, p:8.a
    // answered only after two publishes behind it were (they are refused for order: p:8.a is not
    // stored yet), and the very last output failing once, its resend held until the test says.
    const publish = async (...args: Parameters<Bus['publish']>) => {
      const [, subject, , opts] = args;
      if (!subject.startsWith('feat.test.')) return real.publish(...args);
      const id = opts!.msgId!;
      const n = (attempts.get(id) ?? 0) + 1;
      attempts.set(id, n);
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      try {
        if (id === 'p:5.b' && n === 1) throw new Error('injected: publish refused');
        if (id === `p:${N - 1}.set` && n === 1) throw new Error('injected: the last publish lost');
        if (id === `p:${N - 1}.set`) {
          lastRetried = true;
          await lastHeld;
        }
        if (id === 'p:8.a' && n === 1) {
          const before = answered;
          await waitFor(() => answered >= before + 2, 20_000, 'the two publishes behind p:8.a answered');
        }
        return await real.publish(...args);
      } finally {
        inFlight -= 1;
        answered += 1;
      }
    };
    const stageBus = new Proxy(real, {
      get: (target, prop) => {
        if (prop === 'publish') return publish;
        const v = Reflect.get(target, prop, target);
        return typeof v === 'function' ? v.bind(target) : v;
      },
    });
    try {
      await bus.ensure(SYSTEM_TOPOLOGY);
      let last = 0;
      // Stored before the stage starts: it reads them back to back, as in a replay.
      for (let h = 0; h < N; h++) {
        last = (await bus.publish(codecs.Bar, subjects.bar(btc, '1h'), bar(h), { msgId: `bar-${h}` })).seq;
      }
      runtime = await StageRuntime.start({
        bus: stageBus,
        clock,
        name: 'three',
        stream: 'MD',
        filter: 'md.bar.>',
        checkpointKey: KEY,
        checkpointEveryMs: 50,
        decider: three,
        orderedPublish: true,
        pipelined: true,
        routes: [
          stageRoute(
            codecs.Bar,
            (b: BarMsg) => Math.round((Number(b.openTimeMs) - Date.UTC(2024, 0, 1)) / 3_600_000),
            {
              checkpoint: true,
            },
          ),
        ],
        deadLetterAlert: (reason, meta) => ({
          severity: 'warning',
          code: 'three_rejected',
          message: `three refused #${meta.seq}: ${reason}`,
          dedupeKey: String(meta.seq),
        }),
      });
      const rt = runtime;
      // The last output's resend is held: every bar is decided, yet the position stays short of
      // the last, and no checkpoint names it.
      await waitFor(() => lastRetried, 30_000, 'the last output resent after its failure');
      expect(rt.position).toBeLessThan(last);
      expect(rt.idle).toBe(false);
      const ckv = await bus.kv(CHECKPOINTS_BUCKET);
      expect((await loadCheckpoint<StageCheckpoint<Acked>>(ckv, KEY))?.seq ?? 0).toBeLessThan(last);
      releaseLast!();
      // No message comes after it: the stage's own retry delivers it and the position moves.
      await waitFor(() => rt.position >= last, 30_000, 'the position to reach the last bar');
      await waitFor(
        async () => (await loadCheckpoint<StageCheckpoint<Acked>>(ckv, KEY))?.seq === last,
        30_000,
        'the checkpoint at the last bar',
      );

      const ids = Array.from({ length: N }, (_, k) => [`p:${k}.a`, `p:${k}.b`, `p:${k}.set`]).flat();
      expect(await storedMsgIds(bus, 'FEATURES', 'feat.test.>')).toEqual(ids);
      // Every ack folded in once, in stream order.
      expect(rt.state.acked).toHaveLength(3 * N);
      expect(rt.state.acked).toEqual([...rt.state.acked].sort((a, b) => a - b));
      // The faults happened, and were resent.
      expect(attempts.get('p:5.b')).toBeGreaterThanOrEqual(2);
      expect(attempts.get('p:8.b')).toBeGreaterThanOrEqual(2);
      expect(attempts.get(`p:${N - 1}.set`)).toBe(2);
      // More than one message's outputs were in flight at once: the stage did not wait per message.
      expect(maxInFlight).toBeGreaterThan(3);
    } finally {
      releaseLast?.();
      await runtime?.stop();
      await real.close();
      await bus.close();
      await server.stop();
    }
  });
});
