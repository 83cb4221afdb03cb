import { Bus, OrderedPublisher, SYSTEM_TOPOLOGY } from '@algotrader/bus';
import { AlgoError, ErrorCode } from '@algotrader/core';
import { codecs } from '@algotrader/proto';
import { NatsServer, scaled, waitFor } from '@algotrader/testkit';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';

import { storedMsgIds } from './helpers/stored';

vi.setConfig({ testTimeout: scaled(60_000) });

const HOUR = 3_600_000;

function bar(k: number) {
  const open = 1_700_000_000_000 - (1_700_000_000_000 % HOUR) + k * HOUR;
  return {
    instrument: { venue: 'OKX', symbol: 'ETH/USDT' },
    timeframe: '1h',
    openTimeMs: open,
    closeTimeMs: open + HOUR,
    open: 100 + k,
    high: 101 + k,
    low: 99 + k,
    close: 100.5 + k,
    volume: 1,
    source: 'test',
  };
}

/** Every message of a subject filter in MD, in stream order: the msg ids. */

describe('OrderedPublisher: pipelined publishes keep stream order, exactly once', () => {
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

  test('a publish held back (a lost send retried late) is not overtaken by the ones after it', async () => {
    const subject = 'md.bar.okx.ETH-USDT.1h';
    const n = 300;
    const held = 40;
    let settledAfterHeld = 0;
    // The bus as the publisher sees it: message `held` goes out only once 100 later publishes
    // were answered, as a publish lost with a dropped connection is sent again after its timeout.
    const late: Bus = {
      publish: async (codec: never, subj: string, message: never, opts: { msgId: string }) => {
        const k = Number(opts.msgId.split(':').pop());
        if (k === held && settledAfterHeld < 100) {
          await waitFor(() => settledAfterHeld >= 100, 20_000, 'later publishes answered');
        }
        const p = bus.publish(codec, subj, message, opts);
        if (k > held) void p.then(bump, bump);
        return p;
      },
    } as unknown as Bus;
    const bump = () => {
      settledAfterHeld += 1;
    };
    const out = new OrderedPublisher(late, { window: 256 });
    const acked: number[] = [];
    for (let k = 0; k < n; k++) {
      await out.publish(codecs.Bar, subject, bar(k), `t1:${k}`, () => acked.push(k));
    }
    await out.flush();
    const ids = Array.from({ length: n }, (_, k) => `t1:${k}`);
    expect(await storedMsgIds(bus, 'MD', subject)).toEqual(ids);
    expect(acked).toEqual(ids.map((_, k) => k));
    expect(out.resends).toBeGreaterThan(0); // the later ones were refused and sent again

    // A second run of the same messages stores nothing and changes nothing.
    const again = new OrderedPublisher(bus);
    let dups = 0;
    for (let k = 0; k < n; k++) {
      await again.publish(codecs.Bar, subject, bar(k), `t1:${k}`, (a) => {
        if (a.duplicate) dups += 1;
      });
    }
    await again.flush();
    expect(dups).toBe(n);
    expect(await storedMsgIds(bus, 'MD', subject)).toEqual(ids);
  });

  test('another writer into the stream between two publishes costs a round, not the order', async () => {
    const subject = 'md.bar.okx.BTC-USDT.1h';
    const n = 200;
    const other = new OrderedPublisher(bus);
    let foreignSent = false;
    const interleaved: Bus = {
      publish: async (codec: never, subj: string, message: never, opts: { msgId: string }) => {
        if (opts.msgId === 't2:60' && !foreignSent) {
          foreignSent = true;
          await bus.publish(codecs.Bar, 'md.bar.okx.SOL-USDT.1h', bar(0) as never, { msgId: 'foreign-1' });
        }
        return bus.publish(codec, subj, message, opts);
      },
    } as unknown as Bus;
    const out = new OrderedPublisher(interleaved);
    for (let k = 0; k < n; k++) await out.publish(codecs.Bar, subject, bar(k), `t2:${k}`);
    await out.flush();
    await other.flush();
    expect(await storedMsgIds(bus, 'MD', subject)).toEqual(Array.from({ length: n }, (_, k) => `t2:${k}`));
    expect(await storedMsgIds(bus, 'MD', 'md.bar.okx.SOL-USDT.1h')).toEqual(['foreign-1']);
    // The one after the foreign message was refused (its predecessor was not the last) and sent again.
    expect(out.resends).toBeGreaterThan(0);
  });

  test('a publish that fails for good is thrown; what came before it is acked and stored', async () => {
    const subject = 'md.bar.okx.XRP-USDT.1h';
    const failing: Bus = {
      publish: async (codec: never, subj: string, message: never, opts: { msgId: string }) => {
        if (opts.msgId === 't3:30') {
          throw new AlgoError(ErrorCode.Transport, 'publish refused for good (test)');
        }
        return bus.publish(codec, subj, message, opts);
      },
    } as unknown as Bus;
    const out = new OrderedPublisher(failing, { window: 16 });
    const acked: number[] = [];
    const run = async () => {
      for (let k = 0; k < 100; k++)
        await out.publish(codecs.Bar, subject, bar(k), `t3:${k}`, () => acked.push(k));
      await out.flush();
    };
    await expect(run()).rejects.toThrow('publish refused for good (test)');
    expect(acked).toEqual(Array.from({ length: 30 }, (_, k) => k));
    // The ones sent after it in the same window were refused: nothing stored behind a gap.
    expect(await storedMsgIds(bus, 'MD', subject)).toEqual(Array.from({ length: 30 }, (_, k) => `t3:${k}`));
  });
});
