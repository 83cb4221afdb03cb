import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  Bus,
  type ConsumerSpec,
  ensureConsumer,
  HALT_STAGES,
  haltKey,
  readControl,
  requestHalt,
  STREAM_MAX_CONSUMERS,
  updateControl,
} from '@algotrader/bus';
import { watchControl } from '@algotrader/notifier';
import { NOTIFY_DURABLE, notifyVenueConsumer } from '@algotrader/order-router';
import {
  AccountStore,
  CONTROL_BUCKET,
  POSITIONS_BUCKET,
  parsePipelineConfig,
  RiskLimitsSchema,
  readAll,
} from '@algotrader/pipeline';
import { manualReportSubject } from '@algotrader/pipeline/domain';
import { codecs, pb } from '@algotrader/proto';
import { RiskGate } from '@algotrader/risk-gate';
import { targetUnits } from '@algotrader/strategy';
import { NatsServer, scaled, waitFor } from '@algotrader/testkit';
import { AckPolicy } from '@nats-io/jetstream';
import type { KV } from '@nats-io/kv';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { INIT_TOPOLOGY } from '../apps/cli/src/commands/init';
import { WORKER_DURABLE } from '../apps/cli/src/sweep/research-worker';
import { WORKER_CONSUMER } from '../apps/cli/src/sweep/wire';
import { NO_LIMITS } from './helpers/fixtures';
import { account, BTC, publishSignals, raisedCritical, T } from './helpers/risk';

/**
 * Issue 10, second round: a service's credentials reach no other service's durable consumer, the
 * order-router's consumer on OPS is pinned to its one name, and a stage can only halt an account.
 * Every check runs against a real nats-server with infra/nats/auth.conf; each refusal is paired with
 * the owner doing the same thing successfully, so a refusal is the permission, not a broken setup.
 */

const auth = readFileSync(resolve(import.meta.dirname, '../infra/nats/auth.conf'), 'utf8');
const USERS = [
  'collector',
  'feature-engine',
  'strategy-runner',
  'risk-gate',
  'order-router',
  'notifier',
  'monitor',
  'scheduler',
  'research-worker',
] as const;
const env = Object.fromEntries(
  [...USERS, 'admin'].map((s) => [`NATS_PASSWORD_${s.toUpperCase().replace(/-/g, '_')}`, `pw-${s}`]),
);
const denied = /permissions violation/i;

/** Who owns a durable, by its name (the default names auth.conf grants). */
function ownerOf(durable: string): (typeof USERS)[number] {
  if (durable === 'archiver') return 'collector';
  if (durable === NOTIFY_DURABLE) return 'order-router';
  if (durable === WORKER_DURABLE) return 'research-worker';
  const owner = USERS.find((u) => durable.startsWith(`${u}-`));
  if (!owner) throw new Error(`no owner for durable ${durable}`);
  return owner;
}

/**
 * Every durable consumer the services use — the very specs they bind to, as `algotrader init`
 * creates them (the notify venue's for account `paper`) — with its owner and one sample subject.
 */
const DURABLES: (ConsumerSpec & { owner: (typeof USERS)[number]; sample: string })[] = [
  ...(INIT_TOPOLOGY.consumers ?? []),
  notifyVenueConsumer('paper'),
].map((d) => ({
  ...d,
  owner: ownerOf(d.durable),
  sample: d.filterSubjects![0]!.replace('>', 'okx.BTC-USDT.1h'),
}));
describe('durable consumers belong to their owner alone', { timeout: scaled(120_000) }, () => {
  let server: NatsServer;
  const buses = new Map<string, Bus>();
  const as = async (service: string) => {
    const known = buses.get(service);
    if (known) return known;
    const bus = await Bus.connect({
      servers: server.url,
      service,
      user: service,
      password: `pw-${service}`,
      publishAttempts: 1,
      publishTimeoutMs: 1_000,
    });
    buses.set(service, bus);
    return bus;
  };

  beforeAll(async () => {
    server = await NatsServer.start({ config: auth, env });
    const admin = await as('admin');
    // `algotrader init`: the streams, buckets and every service's durable (the notify venue's too).
    await admin.ensure(INIT_TOPOLOGY);
    await ensureConsumer(admin.jsm, notifyVenueConsumer('paper'));
    // One message under every durable's filter (published as admin: who may publish is not the point).
    for (const d of DURABLES) await admin.js.publish(d.sample, new Uint8Array([1]), { msgID: d.durable });
  });
  afterAll(async () => {
    for (const b of buses.values()) await b.close().catch(() => {});
    await server?.stop();
  });

  test('the test covers every durable init creates, and every owner is a user of auth.conf', () => {
    expect(DURABLES.map((d) => d.durable).sort()).toEqual(
      [
        'archiver',
        ...['alerts', 'fills', 'orders', 'positions', 'rejections'].map((x) => `notifier-${x}`),
        ...['bars', 'positions', 'orders', 'fills', 'approved', 'rejected', 'heartbeats'].map(
          (x) => `monitor-${x}`,
        ),
        NOTIFY_DURABLE,
        WORKER_DURABLE,
      ].sort(),
    );
  });

  test('each owner binds to its durable made by init, pulls from it and acknowledges (the legitimate path)', async () => {
    for (const d of DURABLES) {
      const bus = await as(d.owner);
      // What the service does at start: the durable exists with its settings, nothing to create.
      await ensureConsumer(bus.jsm, d);
      const c = await bus.js.consumers.get(d.stream, d.durable);
      const m = await c.next({ expires: 5_000 });
      expect(m?.subject, `${d.owner} pulls ${d.durable}`).toBe(d.sample);
      await m!.ackAck();
    }
  });

  test("no owner may create or change its own durable either: that is init's (admin) job", async () => {
    const admin = await as('admin');
    const allowed: string[] = [];
    for (const d of DURABLES) {
      const bus = await as(d.owner);
      const where = `${d.owner} → its own ${d.stream}/${d.durable}`;
      const before = await admin.jsm.consumers.info(d.stream, d.durable);
      const attempts: [string, () => Promise<unknown>][] = [
        [
          'create/update',
          () =>
            bus.jsm.consumers.add(d.stream, {
              durable_name: d.durable,
              ack_policy: AckPolicy.Explicit,
              filter_subject: d.filterSubjects![0]!,
              inactive_threshold: 1_000_000_000,
            }),
        ],
        ['update', () => bus.jsm.consumers.update(d.stream, d.durable, { ack_wait: 1e9 })],
        [
          'legacy durable create',
          () =>
            bus.nc.request(`$JS.API.CONSUMER.DURABLE.CREATE.${d.stream}.${d.durable}`, '{}', {
              timeout: 5_000,
            }),
        ],
        ['delete', () => bus.jsm.consumers.delete(d.stream, d.durable)],
      ];
      for (const [what, attempt] of attempts) {
        try {
          await attempt();
          allowed.push(`${where}: ${what}`);
        } catch (e) {
          if (!denied.test((e as Error).message)) allowed.push(`${where}: ${what}: ${(e as Error).message}`);
        }
      }
      const after = await admin.jsm.consumers.info(d.stream, d.durable);
      expect(after.config.ack_wait, d.durable).toBe(before.config.ack_wait);
      expect(after.config.inactive_threshold ?? 0, d.durable).toBe(0);
    }
    expect(allowed).toEqual([]);
  });

  test('a service whose durable is missing stops with a message naming algotrader init; it runs once init made it', async () => {
    const admin = await as('admin');
    const worker = await as('research-worker');
    await admin.jsm.consumers.delete('RESEARCH', WORKER_DURABLE);
    const consume = () => worker.consume({ ...WORKER_CONSUMER, codec: codecs.SweepJob, handler: () => {} });
    await expect(consume()).rejects.toThrow(
      /durable consumer research-worker on stream RESEARCH does not exist[\s\S]*algotrader init[\s\S]*admin/,
    );
    await expect(admin.jsm.consumers.info('RESEARCH', WORKER_DURABLE)).rejects.toThrow(/not found/i);
    // init (admin) creates it again; the same call now binds.
    await admin.ensure({ streams: [], consumers: [WORKER_CONSUMER] });
    const h = await consume();
    await h.stop();
    // A durable whose filter is not the service's: refused with the same next step, not re-filtered.
    await admin.jsm.consumers.update('OPS', NOTIFY_DURABLE, { filter_subject: manualReportSubject('other') });
    await expect(
      ensureConsumer((await as('order-router')).jsm, notifyVenueConsumer('paper')),
    ).rejects.toThrow(/filters ops\.manual\.other[\s\S]*algotrader init/);
    await admin.jsm.consumers.update('OPS', NOTIFY_DURABLE, { filter_subject: manualReportSubject('paper') });
  });

  test('no other service may create, update, pull from or acknowledge on a durable it does not own', async () => {
    const admin = await as('admin');
    const before = new Map<string, { ack_wait: number | undefined; ack_floor: number; delivered: number }>();
    for (const d of DURABLES) {
      const i = await admin.jsm.consumers.info(d.stream, d.durable);
      before.set(d.durable, {
        ack_wait: i.config.ack_wait,
        ack_floor: i.ack_floor.stream_seq,
        delivered: i.delivered.stream_seq,
      });
    }
    const allowed: string[] = [];
    const expectDenied = async (what: string, p: Promise<unknown>) => {
      try {
        await p;
        allowed.push(what);
      } catch (e) {
        if (!denied.test((e as Error).message)) allowed.push(`${what}: ${(e as Error).message}`);
      }
    };
    for (const user of USERS) {
      const bus = await as(user);
      for (const d of DURABLES.filter((x) => x.owner !== user)) {
        const where = `${user} → ${d.stream}/${d.durable}`;
        // Update another's durable: e.g. a short inactive threshold deletes it once idle.
        await expectDenied(
          `${where} create/update`,
          bus.jsm.consumers.add(d.stream, {
            durable_name: d.durable,
            ack_policy: AckPolicy.Explicit,
            filter_subject: d.filterSubjects![0]!,
            inactive_threshold: 1_000_000_000,
          }),
        );
        await expectDenied(
          `${where} update`,
          bus.jsm.consumers.update(d.stream, d.durable, { ack_wait: 1e9 }),
        );
        await expectDenied(
          `${where} legacy durable create`,
          bus.nc.request(`$JS.API.CONSUMER.DURABLE.CREATE.${d.stream}.${d.durable}`, '{}', {
            timeout: 5_000,
          }),
        );
        // Pull its messages (they would go to the attacker and wait out the ack timeout).
        await expectDenied(
          `${where} next`,
          bus.nc.request(`$JS.API.CONSUMER.MSG.NEXT.${d.stream}.${d.durable}`, '{"batch":1,"no_wait":true}', {
            timeout: 5_000,
          }),
        );
        await expectDenied(`${where} delete`, bus.jsm.consumers.delete(d.stream, d.durable));
        // The unfiltered create: the name only in the body, as `durable_name` or `name`. Refused by
        // permission or answered with an error by the server, never done (no service holds the
        // body-only CONSUMER.CREATE.<stream>; docs/SECURITY.md).
        for (const config of [{ durable_name: d.durable }, { name: d.durable }]) {
          await expectDenied(
            `${where} create by body ${JSON.stringify(config)}`,
            bus.nc
              .request(
                `$JS.API.CONSUMER.CREATE.${d.stream}`,
                JSON.stringify({
                  stream_name: d.stream,
                  config: { ...config, ack_policy: 'explicit', inactive_threshold: 1_000_000_000 },
                }),
                { timeout: 5_000 },
              )
              .then((m) => {
                const r = m.json<{ error?: { description: string } }>();
                if (r.error) throw new Error(`permissions violation (server: ${r.error.description})`);
              }),
          );
        }
        // Acknowledge in its name (a message the owner never saw would count as handled).
        await expectDenied(
          `${where} ack`,
          bus.nc.request(`$JS.ACK.${d.stream}.${d.durable}.1.1.1.1.0`, '+ACK', { timeout: 5_000 }),
        );
      }
    }
    expect(allowed).toEqual([]);
    for (const d of DURABLES) {
      const i = await admin.jsm.consumers.info(d.stream, d.durable);
      expect(
        {
          ack_wait: i.config.ack_wait,
          ack_floor: i.ack_floor.stream_seq,
          delivered: i.delivered.stream_seq,
        },
        d.durable,
      ).toEqual(before.get(d.durable));
      expect(i.config.inactive_threshold ?? 0, d.durable).toBe(0);
    }
  });

  test('the order-router cannot create a consumer named in the body only (config.name archiver); its own named form works', async () => {
    // The native router's ordered consumers once needed the body-only CONSUMER.CREATE.<stream>,
    // which a deny by subject cannot check: config.name `archiver` then took over the collector's
    // durable. Now they are created by the named subject, and the body-only form is refused.
    const router = await as('order-router');
    const admin = await as('admin');
    // The collector's durable, as the collector makes it (idempotent when the test above ran).
    await ensureConsumer((await as('collector')).jsm, DURABLES.find((d) => d.durable === 'archiver')!);
    const before = await admin.jsm.consumers.info('MD', 'archiver');
    const body = (name: string, filter: string) =>
      JSON.stringify({
        stream_name: 'MD',
        config: {
          name,
          filter_subject: filter,
          deliver_policy: 'all',
          ack_policy: 'explicit',
          inactive_threshold: 1_000_000_000,
        },
      });
    const outcome = (subject: string, name: string, filter: string) =>
      router.nc.request(subject, body(name, filter), { timeout: 5_000 }).then(
        (m) => m.json<{ error?: { description: string }; name?: string }>(),
        (e: Error) => ({ refused: e.message }),
      );
    const taken = await outcome('$JS.API.CONSUMER.CREATE.MD', 'archiver', 'md.>');
    expect(taken, 'the body-only create with config.name archiver').toEqual({
      refused: expect.stringMatching(denied),
    });
    const orders = await outcome('$JS.API.CONSUMER.CREATE.ORDERS', 'monitor-approved', 'ord.>');
    expect(orders, 'the body-only create on ORDERS').toEqual({ refused: expect.stringMatching(denied) });
    const after = await admin.jsm.consumers.info('MD', 'archiver');
    expect(after.config.inactive_threshold ?? 0).toBe(0);
    expect(after.config.filter_subjects ?? [after.config.filter_subject]).toEqual(
      before.config.filter_subjects ?? [before.config.filter_subject],
    );
    // The legitimate path, as the native router does it: its own name in the subject.
    const own = 'order-router-native-md-test';
    const created = await outcome(`$JS.API.CONSUMER.CREATE.MD.${own}.md.>`, own, 'md.>');
    expect(created, 'the named create with its own name').toMatchObject({ name: own });
    await admin.jsm.consumers.delete('MD', own);
    // ... and that named form cannot carry another's name either.
    const named = await outcome('$JS.API.CONSUMER.CREATE.MD.archiver.md.>', 'archiver', 'md.>');
    expect(named).toEqual({ refused: expect.stringMatching(denied) });
  });

  test('the order-router reads the person reports through order-router-manual only, under no other name', async () => {
    const router = await as('order-router');
    for (const name of ['order-router-manual-paper', 'evil', 'notifier-alerts']) {
      await expect(
        router.jsm.consumers.add('OPS', {
          durable_name: name,
          ack_policy: AckPolicy.Explicit,
          filter_subject: 'ops.manual.>',
        }),
        name,
      ).rejects.toThrow(denied);
    }
    // Its own name with another filter (e.g. the alerts) is refused as well.
    await expect(
      router.jsm.consumers.update('OPS', NOTIFY_DURABLE, { filter_subject: 'ops.alert.>' }),
    ).rejects.toThrow(denied);
    const info = await router.jsm.consumers.info('OPS', NOTIFY_DURABLE);
    expect(info.config.filter_subject).toBe(manualReportSubject('paper'));
  });
  test("the order-router deletes only its native consumers' three names, no other service's ordered consumer", async () => {
    const router = await as('order-router');
    const admin = await as('admin');
    // An ordered consumer as a stage's reader makes it (a name of its own, in the subject).
    const ordered = async (bus: Bus, stream: string, name: string, filter: string) => {
      const r = await bus.nc.request(
        `$JS.API.CONSUMER.CREATE.${stream}.${name}.${filter}`,
        JSON.stringify({
          stream_name: stream,
          config: {
            name,
            filter_subject: filter,
            deliver_policy: 'all',
            ack_policy: 'none',
            mem_storage: true,
            inactive_threshold: 60_000_000_000,
          },
        }),
        { timeout: 5_000 },
      );
      expect(r.json<{ error?: unknown }>().error, `${bus.service} creates ${stream}/${name}`).toBeUndefined();
    };
    await ordered(await as('feature-engine'), 'MD', 'fe-reader', 'md.>');
    // (any name but the three, even one of its own readers')
    await ordered(router, 'ORDERS', 'router-reader', 'ord.approved.paper');
    const victims: [string, string][] = [
      ['MD', 'fe-reader'],
      ['ORDERS', 'router-reader'],
    ];
    // A KV watcher of another service (the strategy-runner follows account states).
    await ordered(await as('strategy-runner'), 'KV_positions', 'sr-watch', '$KV.positions.account.paper');
    victims.push(['KV_positions', 'sr-watch']);
    for (const [stream, name] of victims) {
      await expect(router.jsm.consumers.delete(stream, name), `${stream}/${name}`).rejects.toThrow(denied);
      expect((await admin.jsm.consumers.info(stream, name)).name).toBe(name);
    }
    // Its own fixed names (the native router's, deleted at start and stop) it may delete.
    for (const [stream, what, filter] of [
      ['MD', 'md', 'md.>'],
      ['ORDERS', 'orders', 'ord.approved.paper'],
      ['KV_positions', 'decided', '$KV.positions.decided.paper'],
    ] as const) {
      const name = `order-router-native-${what}`;
      await ordered(router, stream, name, filter);
      await expect(router.jsm.consumers.delete(stream, name)).resolves.toBe(true);
    }
    for (const [stream, name] of victims) await admin.jsm.consumers.delete(stream, name);
  });

  test('every stream caps its consumers (max_consumers): a reader cannot exhaust the server', async () => {
    const admin = await as('admin');
    for (const s of INIT_TOPOLOGY.streams) {
      const info = await admin.jsm.streams.info(s.name);
      expect(info.config.max_consumers, s.name).toBe(STREAM_MAX_CONSUMERS[s.name]);
      expect(info.config.max_consumers, s.name).toBeGreaterThan(0);
    }
    // The strategy-runner may read FEATURES: it creates consumers until the cap refuses one.
    const runner = await as('strategy-runner');
    const cap = STREAM_MAX_CONSUMERS.FEATURES!;
    const existing = (await admin.jsm.streams.info('FEATURES')).state.consumer_count;
    const create = (k: number) =>
      runner.nc
        .request(
          `$JS.API.CONSUMER.CREATE.FEATURES.flood-${k}.feat.>`,
          JSON.stringify({
            stream_name: 'FEATURES',
            config: { name: `flood-${k}`, filter_subject: 'feat.>', ack_policy: 'none', mem_storage: true },
          }),
          { timeout: 5_000 },
        )
        .then((m) => m.json<{ error?: { description: string } }>().error?.description);
    let made = 0;
    for (let k = 0; k < cap - existing; k++) {
      expect(await create(k), `consumer ${k}`).toBeUndefined();
      made++;
    }
    expect(await create(cap)).toMatch(/maximum consumers limit reached/);
    expect((await admin.jsm.streams.info('FEATURES')).state.consumer_count).toBe(cap);
    for (let k = 0; k < made; k++) await admin.jsm.consumers.delete('FEATURES', `flood-${k}`);
  });
});

const state = (s: 'ACTIVE' | 'HALTED', by: string) =>
  codecs.ControlState.encode({
    account: 'paper',
    state: s === 'ACTIVE' ? pb.TradingState.TRADING_STATE_ACTIVE : pb.TradingState.TRADING_STATE_HALTED,
    pausedStrategies: [],
    reason: 'forged',
    updatedMs: 1,
    updatedBy: by,
  });

describe('a stage can halt an account, never re-activate it', { timeout: scaled(60_000) }, () => {
  let server: NatsServer;
  const buses: Bus[] = [];
  const kvAs = async (service: string): Promise<KV> => {
    const bus = await Bus.connect({ servers: server.url, service, user: service, password: `pw-${service}` });
    buses.push(bus);
    return bus.kv('control');
  };

  beforeAll(async () => {
    server = await NatsServer.start({ config: auth, env });
    const admin = await Bus.connect({
      servers: server.url,
      service: 'admin',
      user: 'admin',
      password: 'pw-admin',
    });
    buses.push(admin);
    await admin.ensure(INIT_TOPOLOGY);
  });
  afterAll(async () => {
    for (const b of buses) await b.close().catch(() => {});
    await server?.stop();
  });

  test("the server refuses a stage's write to the operator's key or another stage's halt key", async () => {
    const notifier = await kvAs('notifier');
    await updateControl(notifier, 'paper', { kind: 'state', state: 'HALTED' }, 'telegram:1', 'by hand', 1);
    for (const stage of HALT_STAGES) {
      const kv = await kvAs(stage);
      await expect(kv.put('account.paper', state('ACTIVE', 'telegram:1')), stage).rejects.toThrow(denied);
      await expect(kv.delete('account.paper'), stage).rejects.toThrow(denied);
      const other = HALT_STAGES.find((s) => s !== stage)!;
      await expect(kv.put(haltKey('paper', other), state('HALTED', other)), stage).rejects.toThrow(denied);
    }
    for (const s of ['strategy-runner', 'feature-engine', 'collector', 'monitor']) {
      const c = await Bus.connect({ servers: server.url, service: s, user: s, password: `pw-${s}` });
      buses.push(c);
      for (const key of ['account.paper', haltKey('paper', 'risk-gate')]) {
        await expect(c.js.publish(`$KV.control.${key}`, state('ACTIVE', s)), `${s} ${key}`).rejects.toThrow(
          denied,
        );
      }
    }
    const c = await readControl(notifier, 'paper');
    expect([c.state, c.updatedBy]).toEqual(['HALTED', 'telegram:1']);
  });

  test('a stage halt holds through its own ACTIVE, delete, purge and garbage, and a /pause; /resume lifts it', async () => {
    const notifier = await kvAs('notifier');
    const gate = await kvAs('risk-gate');
    const router = await kvAs('order-router');
    await updateControl(notifier, 'paper', { kind: 'state', state: 'ACTIVE' }, 'telegram:1', 'resume', 2);
    expect((await readControl(gate, 'paper')).state).toBe('ACTIVE');

    const seen: string[] = [];
    const watch = await watchControl(notifier, 'paper', { warn: () => {} }, (_p, n) =>
      seen.push(`${n.state}:${n.updatedBy}`),
    );
    try {
      const halted = await requestHalt(gate, 'paper', 'risk-gate', 'max drawdown', 3);
      expect([halted.state, halted.updatedBy, halted.reason]).toEqual([
        'HALTED',
        'risk-gate',
        'max drawdown',
      ]);
      expect(halted.refused).toBeUndefined();
      await waitFor(() => seen.includes('HALTED:risk-gate'), scaled(10_000), 'the notifier to see the halt');

      // The gate's credentials may write its own key, but whatever it writes there is a halt.
      await gate.put(haltKey('paper', 'risk-gate'), state('ACTIVE', 'telegram:1'));
      let c = await readControl(notifier, 'paper');
      expect(c.state).toBe('HALTED');
      expect(c.refused?.join()).toMatch(/risk-gate wrote ACTIVE to its halt key/);
      await gate.delete(haltKey('paper', 'risk-gate'));
      c = await readControl(router, 'paper');
      expect([c.state, c.refused?.join()]).toEqual(['HALTED', expect.stringMatching(/risk-gate wrote DEL/)]);
      await gate.purge(haltKey('paper', 'risk-gate'));
      expect((await readControl(router, 'paper')).state).toBe('HALTED');
      await gate.put(haltKey('paper', 'risk-gate'), new Uint8Array([0xff, 0xff, 0xff]));
      c = await readControl(router, 'paper');
      expect([c.state, c.refused?.join()]).toEqual(['HALTED', expect.stringMatching(/undecodable/)]);

      // Pausing a strategy is an operator write, but it keeps the halt it did not lift.
      c = await updateControl(
        notifier,
        'paper',
        { kind: 'pause', strategy: 'sma_cross' },
        'telegram:1',
        '',
        4,
      );
      expect([c.state, c.pausedStrategies]).toEqual(['HALTED', ['sma_cross']]);

      // Only the operator's /resume re-activates; then the order-router halts it again.
      c = await updateControl(
        notifier,
        'paper',
        { kind: 'state', state: 'ACTIVE' },
        'telegram:1',
        'resume',
        5,
      );
      expect([c.state, c.refused]).toEqual(['ACTIVE', undefined]);
      // The watch reports the state it reads when an entry arrives: were the router's halt written
      // before it read the resume, it would report only the halt. So the resume is awaited first.
      await waitFor(() => seen.at(-1) === 'ACTIVE:telegram:1', scaled(10_000), 'the resume seen');
      c = await requestHalt(router, 'paper', 'order-router', 'reconcile_mismatch', 6);
      expect([c.state, c.updatedBy]).toEqual(['HALTED', 'order-router']);
      await waitFor(() => seen.at(-1) === 'HALTED:order-router', scaled(10_000), 'the router halt seen');
    } finally {
      await watch.stop();
    }
  });
});

test('the subjects of a halt are the stage names the auth file grants', () => {
  for (const stage of HALT_STAGES) expect(auth).toContain(`"$KV.control.halt.*.${stage}"`);
});

describe('the risk gate, as its own user, after a stage wrote ACTIVE over its halt', {
  timeout: scaled(60_000),
}, () => {
  test('refuses the orders as HALTED and raises control_write_refused', async () => {
    const server = await NatsServer.start({ config: auth, env });
    const opened: Bus[] = [];
    const connect = async (service: string) => {
      const b = await Bus.connect({ servers: server.url, service, user: service, password: `pw-${service}` });
      opened.push(b);
      return b;
    };
    let gate: RiskGate | undefined;
    try {
      const admin = await connect('admin');
      await admin.ensure(INIT_TOPOLOGY);
      const store = new AccountStore(await admin.kv(POSITIONS_BUCKET), 'paper');
      await store.load();
      await store.save(account(10_000));
      // The order-router halts (its right), then its credentials write ACTIVE over that halt.
      const routerKv = await (await connect('order-router')).kv(CONTROL_BUCKET);
      await requestHalt(routerKv, 'paper', 'order-router', 'reconcile_mismatch', 1);
      await routerKv.put(haltKey('paper', 'order-router'), state('ACTIVE', 'telegram:1'));
      const pipeline = parsePipelineConfig({
        account: 'paper',
        instruments: ['OKX:BTC/USDT', 'OKX:ETH/USDT'],
        strategies: [{ name: 'sma_cross', params: { fast: 2, slow: 3 }, instruments: ['OKX:BTC/USDT'] }],
        risk: { ...RiskLimitsSchema.parse(NO_LIMITS), accountWaitMs: 5_000 },
        mode: 'replay',
      });
      gate = await RiskGate.start({
        bus: await connect('risk-gate'),
        pipeline,
        clock: { now: () => Date.now() },
      });
      await publishSignals(await connect('strategy-runner'), T, [targetUnits(BTC, 1)]);
      await waitFor(() => raisedCritical(admin, 'control_write_refused'), scaled(15_000), 'the alert');
      await waitFor(
        async () => (await readAll(admin, 'ORDERS', 'ord.rejected.paper', codecs.RiskRejection)).length === 1,
        scaled(15_000),
        'the refusal',
      );
      const [rejected] = await readAll(admin, 'ORDERS', 'ord.rejected.paper', codecs.RiskRejection);
      expect(rejected!.message.reason).toBe(pb.RejectReason.REJECT_REASON_HALTED);
      expect(await readAll(admin, 'ORDERS', 'ord.approved.paper', codecs.OrderRequest)).toEqual([]);
    } finally {
      await gate?.stop();
      for (const b of opened) await b.close().catch(() => {});
      await server.stop();
    }
  });
});
