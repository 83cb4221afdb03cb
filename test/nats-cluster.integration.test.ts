import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Bus, SYSTEM_TOPOLOGY, subjects } from '@algotrader/bus';
import { barKey, parseInstrument } from '@algotrader/core';
import { type ReadMeta, route, StreamReader } from '@algotrader/pipeline';
import { type BarMsg, codecs, encodeBar } from '@algotrader/proto';
import { NatsCluster, scaled, waitFor } from '@algotrader/testkit';
import { describe, expect, test } from 'vitest';

const auth = readFileSync(resolve(import.meta.dirname, '../infra/nats/auth.conf'), 'utf8');
const env = Object.fromEntries(
  [...auth.matchAll(/\$(NATS_PASSWORD_([A-Z_]+))/g)].map((m) => [
    m[1]!,
    `pw-${m[2]!.toLowerCase().replace(/_/g, '-')}`,
  ]),
);
const BTC = parseInstrument('OKX:BTC/USDT');
const HOUR = 3_600_000;
const T0 = Date.UTC(2024, 0, 1);

const bar = (i: number): BarMsg =>
  encodeBar(
    {
      instrument: BTC,
      tf: '1h',
      openTime: T0 + i * HOUR,
      closeTime: T0 + (i + 1) * HOUR,
      open: 100 + i,
      high: 101 + i,
      low: 99 + i,
      close: 100 + i,
      volume: 1,
    },
    'test',
  );

/**
 * Scale-out is a NATS cluster: three nats-server nodes on loopback with the deployed users, every
 * stream and KV bucket with 3 replicas. While the collector's user publishes bars and the
 * feature-engine's user reads the first half in order (the stages' ordered reader), the node
 * leading MD is killed (SIGKILL): publishing fails over, every bar is stored once, a new leader
 * takes the stream; the node is started again and catches up. The stages on the cluster, with the
 * nodes they are connected to killed: test/nats-cluster-stages.integration.test.ts.
 */
describe('a three-node JetStream cluster with R3 streams: the MD leader killed', {
  timeout: scaled(180_000),
}, () => {
  test('publishing fails over: no bar lost, none stored twice; a new leader; the node catches up', async () => {
    const cluster = await NatsCluster.start({ config: auth, env });
    const opened: Bus[] = [];
    const connect = async (service: string) => {
      const b = await Bus.connect({
        servers: cluster.urls,
        service,
        user: service,
        password: `pw-${service}`,
        ensure: { replicas: 3, storage: 'file', duplicateWindowMs: 2 * HOUR },
        publishAttempts: 40,
        publishTimeoutMs: 2_000,
      });
      opened.push(b);
      return b;
    };
    let reader: StreamReader | undefined;
    try {
      const admin = await connect('admin');
      await waitFor(
        () =>
          admin.ensure(SYSTEM_TOPOLOGY).then(
            () => true,
            () => false,
          ),
        scaled(30_000),
        'the topology with 3 replicas',
      );
      for (const s of ['MD', 'ORDERS', 'EXEC', 'KV_checkpoints', 'KV_positions']) {
        expect((await admin.jsm.streams.info(s)).config.num_replicas, s).toBe(3);
      }
      const collector = await connect('collector');
      const fe = await connect('feature-engine');
      const seen: { open: number; seq: number }[] = [];
      reader = new StreamReader({
        bus: fe,
        name: 'feature-engine',
        stream: 'MD',
        filter: 'md.>',
        startSeq: 1,
        routes: [
          route(codecs.Bar, (m: BarMsg, meta: ReadMeta) => {
            seen.push({ open: Number(m.openTimeMs), seq: meta.seq });
          }),
        ],
      });
      reader.start();
      const N = 400;
      const publish = (i: number) =>
        collector.publish(codecs.Bar, subjects.bar(BTC, '1h'), bar(i), {
          msgId: barKey(BTC, '1h', T0 + i * HOUR),
        });
      for (let i = 0; i < N / 2; i++) await publish(i);
      await waitFor(() => seen.length >= N / 2, scaled(60_000), 'the reader to see the first half');
      const seenBeforeKill = [...seen];
      const leader = (await admin.jsm.streams.info('MD')).cluster?.leader ?? '';
      expect(leader).toMatch(/^n\d$/);
      await cluster.node(leader).kill();
      for (let i = N / 2; i < N; i++) await publish(i);
      // Publishes fail over (same msg ids: retries are not stored twice); a new leader took MD.
      await waitFor(
        async () => {
          const info = await admin.jsm.streams.info('MD').catch(() => undefined);
          return info !== undefined && info.cluster?.leader !== leader && info.state.messages === N;
        },
        scaled(60_000),
        'MD to have a new leader and every bar once',
      );
      // The killed node comes back and catches up: every replica holds every bar once.
      await cluster.node(leader).restart();
      await waitFor(
        async () => {
          const info = await admin.jsm.streams.info('MD').catch(() => undefined);
          return (
            (info?.cluster?.replicas ?? []).every((r) => r.current) &&
            (info?.cluster?.replicas?.length ?? 0) === 2
          );
        },
        scaled(60_000),
        'the restarted node to be a current replica again',
      );
      expect((await admin.jsm.streams.info('MD')).state.messages).toBe(N);
      // What the ordered reader saw before the kill: in order, once each.
      expect(seenBeforeKill.map((x) => x.open)).toEqual(
        Array.from({ length: seenBeforeKill.length }, (_, i) => T0 + i * HOUR),
      );
      // And after it: the reader resumed on a live node, every bar in order, none twice.
      await waitFor(() => seen.length >= N, scaled(60_000), 'the reader to resume after the kill');
      expect(seen.map((x) => x.open)).toEqual(Array.from({ length: N }, (_, i) => T0 + i * HOUR));
    } finally {
      await reader?.stop();
      for (const b of opened) await b.close().catch(() => {});
      await cluster.stop();
    }
  });
});
