import { parseInstrument } from '@algotrader/core';
import { type BarMsg, codecs } from '@algotrader/proto';
import { NatsServer, waitFor } from '@algotrader/testkit';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Bus, serverList } from './bus';
import { loadCheckpoint, saveCheckpoint } from './checkpoint';
import { readControl, updateControl } from './control';
import { PermanentError } from './errors';
import { subjects } from './subjects';
import { SYSTEM_TOPOLOGY } from './topology';

const btc = parseInstrument('OKX:BTC/USDT');
const subject = subjects.bar(btc, '1h');

function bar(i: number): BarMsg & { openTimeMs: number } {
  const open = 1_700_000_000_000 + i * 3_600_000;
  return {
    instrument: { venue: 'OKX', symbol: 'BTC/USDT' },
    timeframe: '1h',
    openTimeMs: open,
    closeTimeMs: open + 3_600_000,
    open: 100 + i,
    high: 101 + i,
    low: 99 + i,
    close: 100.5 + i,
    volume: 1,
  };
}

describe('Bus against a real nats-server', () => {
  let server: NatsServer;
  let bus: Bus;
  beforeAll(async () => {
    server = await NatsServer.start();
    bus = await Bus.connect({ servers: server.url, service: 'test', ensure: { storage: 'file' } });
    await bus.ensure(SYSTEM_TOPOLOGY);
  });
  afterAll(async () => {
    await bus?.close();
    await server?.stop();
  });

  test('ensure is idempotent and declares every stream and bucket', async () => {
    await bus.ensure(SYSTEM_TOPOLOGY);
    const names: string[] = [];
    for await (const s of bus.jsm.streams.list()) names.push(s.config.name);
    for (const s of SYSTEM_TOPOLOGY.streams) expect(names).toContain(s.name);
    for (const k of SYSTEM_TOPOLOGY.kv ?? []) expect(names).toContain(`KV_${k.bucket}`);
  });

  test('publishes with headers, drops a repeated msg id, consumes in order exactly once', async () => {
    for (let i = 0; i < 50; i++) {
      const ack = await bus.publish(codecs.Bar, subject, bar(i), {
        msgId: `bar:t1:${i}`,
        correlationId: `c${i}`,
      });
      expect(ack.duplicate).toBe(false);
    }
    const again = await bus.publish(codecs.Bar, subject, bar(3), { msgId: 'bar:t1:3' });
    expect(again.duplicate).toBe(true);

    const got: { open: number; producer?: string; correlation?: string; type?: string }[] = [];
    const h = await bus.consume({
      stream: 'MD',
      durable: 'order-test',
      filterSubjects: [subject],
      codec: codecs.Bar,
      handler: (b, meta) => {
        got.push({
          open: b.openTimeMs as number,
          ...(meta.producer ? { producer: meta.producer } : {}),
          ...(meta.correlationId ? { correlation: meta.correlationId } : {}),
          ...(meta.headers?.get('Proto-Type') ? { type: meta.headers.get('Proto-Type') } : {}),
        });
      },
    });
    await waitFor(() => got.length >= 50, 10_000, '50 bars');
    await new Promise((r) => setTimeout(r, 200));
    await h.stop();
    expect(got.length).toBe(50);
    expect(got.map((g) => g.open)).toEqual(Array.from({ length: 50 }, (_, i) => bar(i).openTimeMs));
    expect(got[7]).toMatchObject({ producer: 'test', correlation: 'c7', type: 'algotrader.v1.Bar' });
  });

  test('a malformed payload goes to the dead-letter subject and the consumer keeps going', async () => {
    const s = 'md.bar.okx.ETH-USDT.1h';
    await bus.publish(codecs.Bar, s, bar(1), { msgId: 'dl:1' });
    await bus.publishRaw(s, new Uint8Array([0xff, 0xff, 0xff, 0x01]), {
      msgId: 'dl:2',
      headers: { 'Proto-Type': 'algotrader.v1.Bar' },
    });
    // Well-formed bytes without a Proto-Type header: refused like the stage readers refuse it.
    await bus.publishRaw(s, codecs.Bar.encode(bar(5)), { msgId: 'dl:untyped' });
    await bus.publish(codecs.Bar, s, bar(2), { msgId: 'dl:3' });
    const got: number[] = [];
    const h = await bus.consume({
      stream: 'MD',
      durable: 'dl-test',
      filterSubjects: [s],
      codec: codecs.Bar,
      handler: (b) => void got.push(b.openTimeMs as number),
    });
    await waitFor(() => got.length >= 2, 10_000, 'two good bars');
    await h.stop();
    expect(got).toEqual([bar(1).openTimeMs, bar(2).openTimeMs]);
    const dl = await bus.jsm.streams.getMessage('DLQ', { last_by_subj: `dlq.${s}` });
    const letter = codecs.DeadLetter.decode(dl!.data);
    expect(letter.reason).toMatch(/undecodable: no Proto-Type header \(expected algotrader\.v1\.Bar\)/);
    expect(letter.subject).toBe(s);
    const junk = await bus.jsm.streams.getMessage('DLQ', { seq: dl!.seq - 1 });
    const first = codecs.DeadLetter.decode(junk!.data);
    expect(first.reason).toMatch(/undecodable/);
    expect(Array.from(first.payload as Uint8Array)).toEqual([0xff, 0xff, 0xff, 0x01]);
    expect(bus.counters.deadLettered).toBeGreaterThanOrEqual(1);
  });

  test('a transient failure is retried; a poison message is dead-lettered after max deliveries', async () => {
    const s = 'md.bar.okx.SOL-USDT.1h';
    await bus.publish(codecs.Bar, s, bar(10), { msgId: 'p:10' });
    await bus.publish(codecs.Bar, s, bar(11), { msgId: 'p:11' });
    await bus.publish(codecs.Bar, s, bar(12), { msgId: 'p:12' });
    const attempts = new Map<number, number>();
    const ok: number[] = [];
    const h = await bus.consume({
      stream: 'MD',
      durable: 'poison-test',
      filterSubjects: [s],
      codec: codecs.Bar,
      maxDeliver: 3,
      backoffMs: [20],
      handler: (b, meta) => {
        const t = b.openTimeMs as number;
        attempts.set(t, meta.deliveryCount);
        if (t === bar(10).openTimeMs && meta.deliveryCount < 2) throw new Error('transient');
        if (t === bar(11).openTimeMs) throw new Error('always fails');
        if (t === bar(12).openTimeMs && meta.deliveryCount === 1)
          throw new PermanentError('bad business data');
        ok.push(t);
      },
    });
    await waitFor(
      async () => {
        const info = await bus.jsm.consumers.info('MD', 'poison-test');
        return info.num_pending === 0 && info.num_ack_pending === 0;
      },
      15_000,
      'consumer drained',
    );
    await h.stop();
    expect(ok).toEqual([bar(10).openTimeMs]);
    expect(attempts.get(bar(10).openTimeMs)).toBe(2);
    expect(attempts.get(bar(11).openTimeMs)).toBe(3);
    expect(attempts.get(bar(12).openTimeMs)).toBe(1);
    const info = await bus.jsm.streams.info('DLQ');
    const reasons: string[] = [];
    for (let seq = info.state.first_seq; seq <= info.state.last_seq; seq++) {
      const m = await bus.jsm.streams.getMessage('DLQ', { seq });
      if (m?.subject === `dlq.${s}`) reasons.push(codecs.DeadLetter.decode(m.data).reason ?? '');
    }
    expect(reasons.sort()).toEqual(['failed 3 times: always fails', 'poison: bad business data']);
  });

  test('headers: the bus set, ids nats.js would trim are trimmed, CR/LF in an id is refused', async () => {
    const s = 'md.bar.okx.XRP-USDT.1h';
    const ack = await bus.publish(codecs.Bar, s, bar(1), { msgId: 'h:1' });
    const stored = await bus.jsm.streams.getMessage('MD', { seq: ack.seq });
    expect(stored!.header.keys().sort()).toEqual(
      ['Content-Type', 'Correlation-Id', 'Nats-Msg-Id', 'Producer', 'Proto-Type'].sort(),
    );
    expect(stored!.header.get('Nats-Msg-Id')).toBe('h:1');
    expect(stored!.header.get('Correlation-Id')).toBe('h:1');
    expect(stored!.header.get('Producer')).toBe('test');
    // Edge spaces: trimmed as nats.js's header check does, so the repeat is a duplicate.
    const spaced = await bus.publish(codecs.Bar, s, bar(2), { msgId: ' h:2 ', correlationId: ' c2' });
    const spacedMsg = await bus.jsm.streams.getMessage('MD', { seq: spaced.seq });
    expect(spacedMsg!.header.get('Nats-Msg-Id')).toBe('h:2');
    expect(spacedMsg!.header.get('Correlation-Id')).toBe('c2');
    expect((await bus.publish(codecs.Bar, s, bar(2), { msgId: 'h:2' })).duplicate).toBe(true);
    // A line break would smuggle a header of its own into the message: refused, nothing stored.
    const before = (await bus.jsm.streams.info('MD')).state.messages;
    await expect(
      bus.publish(codecs.Bar, s, bar(3), { msgId: 'h:3\r\nProto-Type: algotrader.v1.Fill' }),
    ).rejects.toThrow(/\\r or \\n/);
    await expect(bus.publish(codecs.Bar, s, bar(3), { msgId: 'h:3', correlationId: 'a\nb' })).rejects.toThrow(
      /\\r or \\n/,
    );
    expect((await bus.jsm.streams.info('MD')).state.messages).toBe(before);
  });

  test('acks of a synchronous handler, sent in batches, all reach the server, also when the bus closes at once', async () => {
    const s = 'md.bar.okx.ADA-USDT.1h';
    const n = 300; // more than one batch of 256
    for (let i = 0; i < n; i += 50) {
      await Promise.all(
        Array.from({ length: Math.min(50, n - i) }, (_, k) =>
          bus.publish(codecs.Bar, s, bar(i + k), { msgId: `ack:${i + k}`, correlationId: `corr:${i + k}` }),
        ),
      );
    }
    const own = await Bus.connect({ servers: server.url, service: 'test-acks' });
    let got = 0;
    let firstMeta: Record<string, unknown> | undefined;
    let closing: Promise<void> | undefined;
    try {
      await own.consume({
        stream: 'MD',
        durable: 'ack-batch-test',
        filterSubjects: [s],
        codec: codecs.Bar,
        handler: (_b, meta) => {
          firstMeta ??= { ...meta, headers: undefined };
          // The last handler closes the bus right away: its held acks must still go out.
          if (++got === n) closing = own.close();
        },
      });
      await waitFor(() => closing !== undefined, 15_000, `${n} bars handled`);
      await closing;
    } finally {
      if (!own.nc.isClosed()) await own.close();
    }
    expect(own.counters.acked).toBe(n);
    const info = await bus.jsm.consumers.info('MD', 'ack-batch-test');
    expect(info.num_ack_pending).toBe(0);
    expect(info.num_pending).toBe(0);
    expect(info.ack_floor.stream_seq).toBe(info.delivered.stream_seq);
    // The metadata is read on demand and survives a spread.
    expect(firstMeta).toMatchObject({
      subject: s,
      deliveryCount: 1,
      msgId: 'ack:0',
      correlationId: 'corr:0',
      producer: 'test',
    });
    expect(firstMeta!['streamSeq']).toEqual(expect.any(Number));
  });

  test('checkpoints round-trip through KV with msgpack', async () => {
    const kv = await bus.kv('checkpoints');
    await saveCheckpoint(kv, 'strategy.sma_cross', { fast: [1.5, 2.5], n: 3, name: 'x' });
    expect(await loadCheckpoint(kv, 'strategy.sma_cross')).toEqual({ fast: [1.5, 2.5], n: 3, name: 'x' });
    expect(await loadCheckpoint(kv, 'missing')).toBeUndefined();
  });
});

describe('control state in KV', () => {
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

  test('defaults to ACTIVE; concurrent writers never lose each other’s change', async () => {
    const kv = await bus.kv('control');
    expect((await readControl(kv, 'main')).state).toBe('ACTIVE');
    await Promise.all([
      updateControl(kv, 'main', { kind: 'state', state: 'HALTED' }, 'risk-gate', 'max daily loss', 1),
      updateControl(kv, 'main', { kind: 'pause', strategy: 'sma_cross' }, 'telegram:1', 'by hand', 2),
      updateControl(kv, 'main', { kind: 'pause', strategy: 'xs_momentum' }, 'cli', 'by hand', 3),
    ]);
    const c = await readControl(kv, 'main');
    expect(c.state).toBe('HALTED');
    expect(c.pausedStrategies).toEqual(['sma_cross', 'xs_momentum']);
    await updateControl(kv, 'main', { kind: 'resume', strategy: 'sma_cross' }, 'cli', '', 4);
    expect((await readControl(kv, 'main')).pausedStrategies).toEqual(['xs_momentum']);
  });
});

describe('serverList', () => {
  test('splits a comma-separated NATS_URL into the nodes of a cluster, in order', () => {
    expect(serverList('nats://a:4222, nats://b:4222,nats://c:4222')).toEqual([
      'nats://a:4222',
      'nats://b:4222',
      'nats://c:4222',
    ]);
    expect(serverList(['nats://a:1', 'nats://b:2,nats://c:3'])).toEqual([
      'nats://a:1',
      'nats://b:2',
      'nats://c:3',
    ]);
  });

  test('refuses an empty list with a clear error', () => {
    expect(() => serverList(' , ')).toThrow(/no NATS server given/);
  });
});
