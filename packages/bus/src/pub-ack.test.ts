import { NatsServer } from '@algotrader/testkit';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { Kvm } from '@nats-io/kv';
import { type NatsConnection, headers as natsHeaders } from '@nats-io/nats-core';
import { connect } from '@nats-io/transport-node';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { isRetryablePublishError, isUnansweredPublish, storeFullReason } from './errors';
import { jetStreamViaMux, PubAckMux } from './pub-ack';

const data = new Uint8Array([1, 2, 3]);
const withId = (id: string, expectLast?: string) => {
  const h = natsHeaders();
  h.set('Nats-Msg-Id', id);
  if (expectLast !== undefined) h.set('Nats-Expected-Last-Msg-Id', expectLast);
  return h;
};

describe('PubAckMux against a real nats-server', () => {
  let server: NatsServer;
  let nc: NatsConnection;
  let mux: PubAckMux;
  beforeAll(async () => {
    server = await NatsServer.start();
    nc = await connect({ servers: server.url, inboxPrefix: '_INBOX_t' });
    const jsm = await jetstreamManager(nc);
    await jsm.streams.add({ name: 'S', subjects: ['s.>'] });
    await jsm.streams.add({ name: 'SMALL', subjects: ['small.>'], max_msgs: 1, discard: 'new' as never });
    mux = new PubAckMux(nc, '_INBOX_t');
  });
  afterAll(async () => {
    await nc?.close();
    await server?.stop();
  });

  test('the stream ack, a duplicate as a duplicate, acks matched to their publishes when many are in flight', async () => {
    const a = await mux.publish('s.a', data, withId('m1'), 5_000);
    expect(a).toMatchObject({ stream: 'S', seq: 1, duplicate: false });
    expect(await mux.publish('s.a', data, withId('m1'), 5_000)).toMatchObject({ seq: 1, duplicate: true });
    const acks = await Promise.all(
      Array.from({ length: 300 }, (_, i) => mux.publish('s.b', data, withId(`p${i}`), 5_000)),
    );
    expect(acks.map((x) => x.seq)).toEqual(Array.from({ length: 300 }, (_, i) => i + 2));
    expect(mux.pending).toBe(0);
  });

  test("a refusal is nats.js's JetStreamApiError with the server's err_code; a full stream reads as full", async () => {
    const e = await mux.publish('s.a', data, withId('m9', 'not-the-last'), 5_000).catch((x: unknown) => x);
    expect((e as Error).name).toBe('JetStreamApiError');
    expect((e as { code: number }).code).toBe(10070); // wrong last msg id
    expect(isRetryablePublishError(e)).toBe(false);
    await mux.publish('small.x', data, withId('f1'), 5_000);
    const full = await mux.publish('small.x', data, withId('f2'), 5_000).catch((x: unknown) => x);
    expect(storeFullReason(full)).toMatch(/maximum messages/i);
  });

  test('no stream for the subject: no responders, retryable; nobody answering: a timeout', async () => {
    const none = await mux.publish('nowhere.x', data, withId('n1'), 5_000).catch((x: unknown) => x);
    expect((none as Error).name).toBe('JetStreamNotEnabled');
    expect(isRetryablePublishError(none)).toBe(true);
    // A plain subscriber that never answers: the publish has a responder but no ack.
    const silent = nc.subscribe('silent.x');
    const started = performance.now();
    const t = await mux.publish('silent.x', data, withId('t1'), 300).catch((x: unknown) => x);
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
    expect(isUnansweredPublish(t)).toBe(true);
    expect(isRetryablePublishError(t)).toBe(true);
    // A shorter timeout behind a longer one still expires on time.
    const long = mux.publish('silent.x', data, withId('t2'), 60_000).catch((x: unknown) => x);
    const shortStarted = performance.now();
    const short = await mux.publish('silent.x', data, withId('t3'), 300).catch((x: unknown) => x);
    expect(isUnansweredPublish(short)).toBe(true);
    expect(performance.now() - shortStarted).toBeLessThan(30_000);
    expect(mux.pending).toBe(1);
    silent.unsubscribe();
    // Nobody listens any more: the long one is still pending until its deadline (not shortened).
    expect(mux.pending).toBe(1);
    void long;
  });

  test('a closed connection rejects what is pending and what comes after', async () => {
    const nc2 = await connect({ servers: server.url });
    const mux2 = new PubAckMux(nc2, '_INBOX');
    nc2.subscribe('silent.y');
    const p = mux2.publish('silent.y', data, withId('c1'), 60_000).catch((x: unknown) => x);
    await nc2.close();
    expect(((await p) as Error).name).toBe('ClosedConnectionError');
    await expect(mux2.publish('s.a', data, withId('c2'), 1_000)).rejects.toThrow(/closed/);
  });

  test("a KV bucket over jetStreamViaMux writes through the mux: put, create, compare-and-set, delete, and nats.js's refusals", async () => {
    const kv = await new Kvm(jetStreamViaMux(jetstream(nc), mux, 5_000)).create('B');
    const before = mux.sent;
    const r1 = await kv.put('a', new Uint8Array([1]));
    const r2 = await kv.update('a', new Uint8Array([2]), r1);
    expect(r2).toBeGreaterThan(r1);
    await expect(kv.update('a', new Uint8Array([3]), r1)).rejects.toThrow(/wrong last sequence/i);
    const c = await kv.create('b', new Uint8Array([4]));
    await expect(kv.create('b', new Uint8Array([5]))).rejects.toThrow(/wrong last sequence/i);
    await kv.delete('b');
    // create after a delete: nats.js's fallback (read the tombstone, write over its revision).
    expect(await kv.create('b', new Uint8Array([6]))).toBeGreaterThan(c);
    expect([...((await kv.get('a'))?.value ?? [])]).toEqual([2]);
    expect([...((await kv.get('b'))?.value ?? [])]).toEqual([6]);
    expect(mux.sent - before).toBe(8);
  });
});
