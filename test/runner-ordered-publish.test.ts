import { Bus, SYSTEM_TOPOLOGY } from '@algotrader/bus';
import type { Clock } from '@algotrader/core';
import { Alerter, DeciderRunner } from '@algotrader/pipeline';
import { NatsServer, scaled, waitFor } from '@algotrader/testkit';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { storedMsgIds } from './helpers/stored';
import { threeOutputs } from './helpers/three-outputs';

vi.setConfig({ testTimeout: scaled(60_000) });

const clock: Clock = { now: () => Date.now() };

/** Per input k: three publishes into FEATURES, in this order: k.a, k.b, k.set. */
const decider = threeOutputs('ord');

describe('DeciderRunner orderedPublish: one round trip for a message’s outputs, stream order kept', () => {
  let server: NatsServer;
  let bus: Bus;

  beforeAll(async () => {
    server = await NatsServer.start();
    bus = await Bus.connect({ servers: server.url, service: 'test' });
    await bus.ensure(SYSTEM_TOPOLOGY);
  });
  afterAll(async () => {
    await bus?.close();
    await server?.stop();
  });

  test('the first output held back (as a lost publish retried late) is not overtaken by the next', async () => {
    let laterAnswered = 0;
    let inFlight = 0;
    let maxInFlight = 0;
    // The bus as the runner sees it: input 1's first output goes out only after the two behind it
    // were answered; every publish is counted while in flight.
    const late = {
      publish: async (codec: never, subject: string, message: never, opts: { msgId: string }) => {
        inFlight += 1;
        maxInFlight = Math.max(maxInFlight, inFlight);
        try {
          if (opts.msgId === 'ord:1.a' && laterAnswered < 2) {
            await waitFor(() => laterAnswered >= 2, 20_000, 'the later outputs answered');
          }
          const p = bus.publish(codec, subject, message, opts);
          if (opts.msgId === 'ord:1.b' || opts.msgId === 'ord:1.set') {
            const bump = () => {
              laterAnswered += 1;
            };
            void p.then(bump, bump);
          }
          return await p;
        } finally {
          inFlight -= 1;
        }
      },
    } as unknown as Bus;
    const runner = new DeciderRunner({
      bus: late,
      name: 'test',
      decider,
      state: decider.initial(),
      alerts: new Alerter(bus, 'test', clock),
      orderedPublish: true,
    });
    for (let k = 0; k < 3; k++) {
      runner.apply(k);
      await runner.flush();
    }
    expect(runner.idle).toBe(true);
    const ids = [0, 1, 2].flatMap((k) => [`ord:${k}.a`, `ord:${k}.b`, `ord:${k}.set`]);
    expect(await storedMsgIds(bus, 'FEATURES', 'feat.test.>')).toEqual(ids);
    // Each output's ack folded in once, in stream order.
    expect(runner.state.acked).toHaveLength(9);
    expect(runner.state.acked).toEqual([...runner.state.acked].sort((a, b) => a - b));
    expect(maxInFlight).toBe(3); // a message's outputs went out together
  });
});
