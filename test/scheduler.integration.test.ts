import { Bus } from '@algotrader/bus';
import { SimulatedClock } from '@algotrader/core';
import {
  cron,
  every,
  type JobDefinition,
  LEASE_BUCKET,
  type Lease,
  LeaseStore,
  leaseKey,
  occurrencesBetween,
  openLeaseBucket,
  Scheduler,
  type SchedulerEvent,
} from '@algotrader/scheduler';
import { NatsServer, scaled } from '@algotrader/testkit';
import type { KV } from '@nats-io/kv';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

const MIN = 60_000;
const HOUR = 60 * MIN;
const RETENTION = 8 * 24 * HOUR;

interface Run {
  replica: string;
  job: string;
  scheduledMs: number;
  attempt: number;
}

describe('scheduler: two replicas against one nats-server', { timeout: scaled(15_000) }, () => {
  let nats: NatsServer;
  const buses: Bus[] = [];
  const kvs: KV[] = [];

  beforeAll(async () => {
    nats = await NatsServer.start();
    for (const name of ['a', 'b']) {
      const bus = await Bus.connect({ servers: nats.url, service: `scheduler-${name}` });
      buses.push(bus);
      kvs.push(await openLeaseBucket(bus.js, { retentionMs: RETENTION, storage: 'memory' }));
    }
  });

  afterAll(async () => {
    for (const b of buses) await b.close();
    await nats?.stop();
  });

  /** Two schedulers with the same job definitions, separate connections, one clock. */
  function replicas(
    clock: SimulatedClock,
    jobs: (replica: string, runs: Run[]) => JobDefinition[],
    runs: Run[],
    events: (SchedulerEvent & { replica: string })[] = [],
  ): Scheduler[] {
    return ['a', 'b'].map(
      (replica, i) =>
        new Scheduler({
          jobs: jobs(replica, runs),
          leases: new LeaseStore(kvs[i]!),
          clock,
          instance: replica,
          leaseRetentionMs: RETENTION,
          onEvent: (e) => events.push({ ...e, replica }),
          onError: (e) => {
            throw e;
          },
        }),
    );
  }

  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  test('each job runs exactly once per scheduled time, and runs every scheduled time', async () => {
    const start = Date.UTC(2030, 0, 1, 22, 50);
    const clock = new SimulatedClock(start);
    const runs: Run[] = [];
    const record =
      (replica: string, runs: Run[], job: string, delayMs: number) =>
      async ({ scheduledMs, attempt }: { scheduledMs: number; attempt: number }) => {
        runs.push({ replica, job, scheduledMs, attempt });
        await sleep(delayMs); // long enough for the other replica to try the same occurrence
      };
    const jobs = (replica: string, runs: Run[]): JobDefinition[] => [
      {
        name: 'every-2m',
        schedule: every(2 * MIN),
        catchUp: 'all',
        lookbackMs: HOUR,
        run: record(replica, runs, 'every-2m', 5),
      },
      {
        name: 'hourly',
        schedule: cron('5 * * * *'),
        lookbackMs: HOUR,
        run: record(replica, runs, 'hourly', 15),
      },
      { name: 'nightly', schedule: cron('0 0 * * *'), run: record(replica, runs, 'nightly', 1) },
    ];
    const [a, b] = replicas(clock, jobs, runs);
    const end = start + 3 * HOUR;
    while (clock.now() < end) {
      clock.advance(30_000);
      // Both replicas tick on the same instant, concurrently, as two processes would; the runs one
      // starts overlap the other's attempt to claim the same occurrence.
      await Promise.all([a!.tick(), b!.tick()]);
      await Promise.all([a!.idle(), b!.idle()]);
    }

    // At start-up each replica catches up on what fell due within the job's lookback (1 h here):
    // every missed one for `all`, the latest for `latest` (the default).
    for (const [job, schedule] of [
      ['every-2m', every(2 * MIN)],
      ['hourly', cron('5 * * * *')],
      ['nightly', cron('0 0 * * *')],
    ] as const) {
      const expected = occurrencesBetween(schedule, start - HOUR, end, 1_000);
      const got = runs
        .filter((r) => r.job === job)
        .map((r) => r.scheduledMs)
        .sort((x, y) => x - y);
      expect(got, `${job}: one run per scheduled time`).toEqual(expected);
    }
    expect(runs.filter((r) => r.job === 'every-2m')).toHaveLength(30 + 90);
    expect(
      runs.filter((r) => r.job === 'hourly').map((r) => new Date(r.scheduledMs).toISOString().slice(11, 16)),
    ).toEqual(['22:05', '23:05', '00:05', '01:05']);
    expect(runs.filter((r) => r.job === 'nightly').map((r) => r.scheduledMs)).toEqual([Date.UTC(2030, 0, 2)]);
    expect(runs.every((r) => r.attempt === 1)).toBe(true);
    // The lease of every run says done, held by the replica that ran it.
    const store = new LeaseStore(kvs[0]!);
    for (const r of runs) {
      const l = await store.get(r.job, r.scheduledMs);
      expect(l?.lease).toMatchObject({ status: 'done', holder: r.replica, attempt: 1 });
    }
  });

  test('a failed run is retried once by whichever replica gets there first, never twice', async () => {
    const start = Date.UTC(2030, 1, 1, 0, 0, 30);
    const clock = new SimulatedClock(start);
    const runs: Run[] = [];
    const events: (SchedulerEvent & { replica: string })[] = [];
    const jobs = (replica: string, runs: Run[]): JobDefinition[] => [
      {
        name: 'flaky',
        schedule: every(10 * MIN),
        maxAttempts: 2,
        retryDelayMs: MIN,
        lookbackMs: HOUR,
        run: async ({ scheduledMs, attempt }) => {
          runs.push({ replica, job: 'flaky', scheduledMs, attempt });
          await sleep(5);
          if (attempt === 1) throw new Error('exchange timeout');
        },
      },
    ];
    const [a, b] = replicas(clock, jobs, runs, events);
    for (let i = 0; i < 8; i++) {
      await Promise.all([a!.tick(), b!.tick()]);
      await Promise.all([a!.idle(), b!.idle()]);
      clock.advance(30_000);
    }
    const due = Date.UTC(2030, 1, 1);
    expect(runs.map((r) => `${r.scheduledMs === due} ${r.attempt}`)).toEqual(['true 1', 'true 2']);
    const failed = events.filter((e) => e.type === 'failed');
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ attempt: 1, error: 'exchange timeout', willRetry: true });
    expect(events.filter((e) => e.type === 'succeeded')).toHaveLength(1);
    const l = await new LeaseStore(kvs[1]!).get('flaky', due);
    expect(l?.lease).toMatchObject({ status: 'done', attempt: 2 });
  });

  test('a lease left running by a dead replica is taken over by exactly one replica after it expires', async () => {
    const start = Date.UTC(2030, 2, 1, 0, 0, 10);
    const clock = new SimulatedClock(start);
    const due = Date.UTC(2030, 2, 1);
    // A replica "c" claimed the occurrence and died: its lease is never renewed.
    const dead: Lease = {
      job: 'compaction',
      scheduledMs: due,
      holder: 'c',
      attempt: 1,
      status: 'running',
      acquiredMs: due,
      expiresMs: due + 30_000,
    };
    expect(await new LeaseStore(kvs[0]!).create(dead)).toBeGreaterThan(0);
    const runs: Run[] = [];
    const events: (SchedulerEvent & { replica: string })[] = [];
    const jobs = (replica: string, runs: Run[]): JobDefinition[] => [
      {
        name: 'compaction',
        schedule: cron('0 0 * * *'),
        leaseMs: 30_000,
        run: async ({ scheduledMs, attempt }) => {
          runs.push({ replica, job: 'compaction', scheduledMs, attempt });
          await sleep(10);
        },
      },
    ];
    const [a, b] = replicas(clock, jobs, runs, events);
    await Promise.all([a!.tick(), b!.tick()]);
    expect(runs, 'the lease has not expired yet').toEqual([]);
    clock.set(due + 30_001);
    await Promise.all([a!.tick(), b!.tick()]);
    await Promise.all([a!.idle(), b!.idle()]);
    clock.advance(MIN);
    await Promise.all([a!.tick(), b!.tick()]);
    await Promise.all([a!.idle(), b!.idle()]);
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ scheduledMs: due, attempt: 2 });
    expect(events.filter((e) => e.type === 'started')).toEqual([
      expect.objectContaining({ takeover: true, attempt: 2, replica: runs[0]!.replica }),
    ]);
    const l = await new LeaseStore(kvs[0]!).get('compaction', due);
    expect(l?.lease).toMatchObject({ status: 'done', holder: runs[0]!.replica, attempt: 2 });
  });

  test('the lease bucket expires its entries and only one writer can create a key', async () => {
    const info = await buses[0]!.jsm.streams.info(`KV_${LEASE_BUCKET}`);
    expect(info.config.max_age).toBe(RETENTION * 1_000_000);
    const key = { job: 'x', scheduledMs: 1 };
    const lease: Lease = { ...key, holder: 'a', attempt: 1, status: 'running', acquiredMs: 0, expiresMs: 1 };
    const results = await Promise.all(
      kvs.map((kv, i) => new LeaseStore(kv).create({ ...lease, holder: `r${i}` })),
    );
    expect(results.filter((r) => r !== undefined)).toHaveLength(1);
    expect(leaseKey('x', 1)).toBe('x.1');
  });
});
