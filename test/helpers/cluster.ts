import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Bus, type BusLogger, SYSTEM_TOPOLOGY } from '@algotrader/bus';
import { NatsCluster, waitFor, within } from '@algotrader/testkit';

/**
 * A three-node JetStream cluster with the deployed users (infra/nats/auth.conf, each password
 * `pw-<user>`) and the system's streams and buckets with 3 replicas, for the cluster suites; with a
 * timeline of what the test did and what the clients logged, printed when a step fails.
 */

export const CLUSTER_AUTH = readFileSync(resolve(import.meta.dirname, '../../infra/nats/auth.conf'), 'utf8');
/** Every `$NATS_PASSWORD_<USER>` auth.conf names, set to `pw-<user>`. */
export const CLUSTER_ENV: Record<string, string> = Object.fromEntries(
  [...CLUSTER_AUTH.matchAll(/\$(NATS_PASSWORD_([A-Z_]+))/g)].map((m) => [
    m[1]!,
    `pw-${m[2]!.toLowerCase().replace(/_/g, '-')}`,
  ]),
);

/** The deadline of one test step (a connect, a request, a stop) before the run's time scale. */
export const STEP_MS = 30_000;

/** The streams (and KV buckets) a pipeline run writes. */
export const PIPELINE_STREAMS = [
  'MD',
  'FEATURES',
  'SIGNALS',
  'ORDERS',
  'EXEC',
  'KV_checkpoints',
  'KV_positions',
] as const;

export interface TestCluster {
  readonly cluster: NatsCluster;
  /** The admin connection, with the topology made (3 replicas). */
  readonly admin: Bus;
  /** A connection as user `service` to every node (closed by `stop`). */
  connect(service: string): Promise<Bus>;
  /** Adds a line to the timeline. */
  note(line: string): void;
  /** A logger that writes a client's warnings and errors to the timeline. */
  logger(service: string): BusLogger;
  /** The last lines of the timeline. */
  timeline(lines?: number): string;
  /**
   * True when every stream in `streams` has a leader and two current replicas (a node that was
   * killed and restarted has caught up).
   */
  allCurrent(streams?: readonly string[]): Promise<boolean>;
  /** The node leading `stream` now. */
  leaderOf(stream: string): Promise<string>;
  /** Closes every connection opened here (each within a deadline), then stops the nodes. */
  stop(): Promise<void>;
}

/** Awaits a test step for at most `ms` (stretched by the time scale), naming it when it hangs. */
export function step<T>(what: string, p: Promise<T> | (() => Promise<T>), ms = STEP_MS): Promise<T> {
  return within(p, ms, what);
}

/**
 * Closes a connection within a deadline; when the graceful drain does not end, closes it at once
 * (a drain waits on the server, which may be the node just killed).
 */
export async function closeBus(b: Bus, what: string): Promise<void> {
  try {
    await step(`${what} to close`, () => b.close());
  } catch {
    await step(`${what} to close at once`, () => b.nc.close()).catch(() => {});
  }
}

export async function startTestCluster(o: { monitor?: boolean } = {}): Promise<TestCluster> {
  const started = Date.now();
  const lines: string[] = [];
  const note = (line: string) => {
    lines.push(`+${((Date.now() - started) / 1_000).toFixed(1)}s ${line}`);
    if (lines.length > 4_000) lines.splice(0, 2_000);
  };
  const logger = (service: string): BusLogger => ({
    info() {},
    warn: (o, m) => note(`[${service}] WARN ${m ?? ''} ${JSON.stringify(o)}`),
    error: (o, m) => note(`[${service}] ERROR ${m ?? ''} ${JSON.stringify(o)}`),
  });
  const cluster = await step('the three-node cluster to start', () =>
    NatsCluster.start({ config: CLUSTER_AUTH, env: CLUSTER_ENV, ...(o.monitor ? { monitor: true } : {}) }),
  );
  note(`cluster up: ${cluster.nodes.map((n) => `${n.name}=${n.port}`).join(' ')}`);
  const opened: Bus[] = [];
  const connect = async (service: string) => {
    const b = await step(`${service} to connect to the cluster`, () =>
      Bus.connect({
        servers: cluster.urls,
        service,
        user: service,
        password: `pw-${service}`,
        logger: logger(service),
        ensure: { replicas: 3, storage: 'file', duplicateWindowMs: 2 * 3_600_000 },
        publishAttempts: 40,
        publishTimeoutMs: 2_000,
      }),
    );
    opened.push(b);
    return b;
  };
  const stop = async () => {
    for (const b of opened) await closeBus(b, `the ${b.service} connection`);
    await cluster.stop();
  };
  try {
    const admin = await connect('admin');
    await waitFor(
      () =>
        admin.ensure(SYSTEM_TOPOLOGY).then(
          () => true,
          () => false,
        ),
      30_000,
      'the topology with 3 replicas',
    );
    const allCurrent = async (streams: readonly string[] = PIPELINE_STREAMS) => {
      for (const s of streams) {
        const info = await admin.jsm.streams.info(s).catch(() => undefined);
        const replicas = info?.cluster?.replicas ?? [];
        if (!info?.cluster?.leader || replicas.length !== 2 || !replicas.every((r) => r.current))
          return false;
      }
      return true;
    };
    const leaderOf = async (stream: string) => {
      const info = await step(`the ${stream} stream info`, () => admin.jsm.streams.info(stream));
      const leader = info.cluster?.leader;
      if (!leader) throw new Error(`${stream} has no leader`);
      return leader;
    };
    return {
      cluster,
      admin,
      connect,
      note,
      logger,
      timeline: (n = 150) => lines.slice(-n).join('\n'),
      allCurrent,
      leaderOf,
      stop,
    };
  } catch (e) {
    await stop().catch(() => {});
    throw e;
  }
}

/**
 * Reads with retries until one read succeeds (each attempt within its own deadline): right after a
 * node comes back, a JetStream API request may time out while leaders settle, and a read that
 * fails then says nothing about what the stream holds.
 */
export async function settledRead<T>(what: string, read: () => Promise<T>, timeoutMs = 60_000): Promise<T> {
  let value: { v: T } | undefined;
  let last: unknown;
  await waitFor(
    async () => {
      try {
        value = { v: await within(read, STEP_MS, what) };
        return true;
      } catch (e) {
        last = e;
        return false;
      }
    },
    timeoutMs,
    () => `${what} to succeed (last error: ${(last as Error | undefined)?.message ?? 'none'})`,
  );
  return value!.v;
}
