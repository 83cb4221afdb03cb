import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Bus, notifierConsumers, subjects } from '@algotrader/bus';
import { codecs, pb } from '@algotrader/proto';
import { endProcess, NatsServer, scaled, sleep, spawnGroup, waitFor } from '@algotrader/testkit';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { repo, runCli } from './helpers/cli';

/**
 * Under the deployed auth (infra/nats/auth.conf) the notifier's user only binds to the durables
 * `algotrader init` made: it may not update them at start, so it does not get the refresh an
 * identity without auth (or admin) does (packages/bus/src/topology.ts ensureConsumer). Here the real
 * notifier process, as its own NATS user, is killed with SIGKILL while alerts flow and restarted:
 * it must be served again promptly and nothing may be lost.
 */

vi.setConfig({ testTimeout: scaled(180_000) });

const AUTH = readFileSync(resolve(repo, 'infra/nats/auth.conf'), 'utf8');
/** Every `$NATS_PASSWORD_<USER>` auth.conf names, set to `pw-<user>`. */
const PASSWORDS = Object.fromEntries(
  [...AUTH.matchAll(/\$(NATS_PASSWORD_([A-Z_]+))/g)].map((m) => [
    m[1]!,
    `pw-${m[2]!.toLowerCase().replace(/_/g, '-')}`,
  ]),
);
const DURABLE = notifierConsumers().alerts;
/** Alerts published at a steady pace through the kill and the restart. */
const FLOW = 3_000;
/** The publishing pace: {@link PER_TICK} alerts every {@link TICK_MS} (about 500 a second). */
const PER_TICK = 10;
const TICK_MS = 20;
/**
 * Longest time without a new message before the wait fails. A restarted reader is served at once;
 * what A had in flight (delivered, not acked) comes back after the durable's ack wait (30 s).
 */
const STALL_MS = 45_000;

interface NotifierRun {
  proc: ChildProcess;
  /** Stream sequence → when the notifier logged handling it (ms since the epoch). */
  seen: Map<number, number>;
  startedAt: number;
  /** When it logged `notifier started` (bound to its durables), if it did. */
  readyAt: number | undefined;
  stderr: string[];
  exited: Promise<number | null>;
}

describe('a service user’s durable after kill -9 under the deployed auth', () => {
  let server: NatsServer;
  let admin: Bus;
  let dir: string;
  const runs: NotifierRun[] = [];

  /** The notifier as the image runs it (apps/cli/bin/stage.mjs), as NATS user `notifier`. */
  const startNotifier = (): NotifierRun => {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NATS_URL: server.url,
      NATS_USER: 'notifier',
      NATS_PASSWORD: PASSWORDS['NATS_PASSWORD_NOTIFIER'],
      // Every handled message is a debug line with its stream sequence (apps/notifier handler()).
      ALGOTRADER_LOG_LEVEL: 'debug',
      NOTIFIER_SINK_FILE: join(dir, 'messages.log'),
      TSX_TSCONFIG_PATH: resolve(repo, 'tsconfig.json'),
    };
    for (const k of [
      'TELEGRAM_BOT_TOKEN',
      'TELEGRAM_ALLOWED_CHAT_IDS',
      'TELEGRAM_API_ROOT',
      'ALGOTRADER_SERVICE',
    ]) {
      delete env[k];
    }
    const proc = spawnGroup(process.execPath, [resolve(repo, 'apps/cli/bin/stage.mjs'), 'notifier'], {
      cwd: dir,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const run: NotifierRun = {
      proc,
      seen: new Map(),
      startedAt: Date.now(),
      readyAt: undefined,
      stderr: [],
      exited: new Promise((r) => proc.on('close', (code) => r(code))),
    };
    let buf = '';
    proc.stdout?.on('data', (b: Buffer) => {
      buf += b.toString();
      const lines = buf.split('\n');
      buf = lines.pop() ?? '';
      const now = Date.now();
      for (const l of lines) {
        if (!l.startsWith('{')) continue; // the console sink's own lines
        let o: { msg?: string; seq?: number; subject?: string };
        try {
          o = JSON.parse(l);
        } catch {
          continue;
        }
        if (o.msg === 'alert' && typeof o.seq === 'number' && !run.seen.has(o.seq)) run.seen.set(o.seq, now);
        else if (o.msg === 'notifier started') run.readyAt ??= now;
      }
    });
    proc.stderr?.on('data', (b: Buffer) => run.stderr.push(b.toString()));
    runs.push(run);
    return run;
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'durable-restart-auth-'));
    server = await NatsServer.start({ config: AUTH, env: PASSWORDS });
    // The deployment's order: `algotrader init` as admin makes the streams and every durable.
    const init = await runCli(['init', '--nats', server.url], {
      NATS_USER: 'admin',
      NATS_PASSWORD: PASSWORDS['NATS_PASSWORD_ADMIN']!,
    });
    expect(init.code, init.stderr).toBe(0);
    admin = await Bus.connect({
      servers: server.url,
      service: 'admin',
      user: 'admin',
      password: PASSWORDS['NATS_PASSWORD_ADMIN']!,
    });
  });

  afterAll(async () => {
    for (const r of runs) await endProcess(r.proc, 'SIGKILL');
    await admin?.close();
    await server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /**
   * Publishes alerts `from`..`to`-1 as admin (any user allowed ops.alert.> would do), their stream
   * seqs into `into`: paced ({@link PER_TICK} every {@link TICK_MS}), or a backlog as fast as it goes.
   */
  const publishAlerts = async (from: number, to: number, into: number[], paced: boolean) => {
    const step = paced ? PER_TICK : 200;
    for (let i = from; i < to; i += step) {
      const acks = await Promise.all(
        Array.from({ length: Math.min(step, to - i) }, (_, k) =>
          admin.publish(
            codecs.Alert,
            subjects.alert('info'),
            {
              severity: pb.Severity.SEVERITY_INFO,
              source: 'durable-restart-test',
              code: 'flow',
              dedupeKey: 'durable-restart-test',
              message: `alert ${i + k}`,
              timeMs: Date.now(),
            },
            { msgId: `alert:durable-restart:${round}:${paced ? 'flow' : 'backlog'}:${i + k}` },
          ),
        ),
      );
      for (const ack of acks) into.push(ack.seq);
      if (paced) await sleep(TICK_MS);
    }
  };
  let round = 0;

  test.each([
    { when: 'caught up with a flow of alerts', backlog: 0, flow: FLOW, killAfter: 600 },
    { when: 'mid-way through a backlog, alerts flowing', backlog: 20_000, flow: FLOW, killAfter: 500 },
    // As test/replay.integration.test.ts: nothing new is published, only the restarted reader's pulls drive it.
    { when: 'mid-way through a backlog, nothing new published', backlog: 20_000, flow: 0, killAfter: 500 },
  ])(
    'the notifier killed with SIGKILL $when and restarted is served again at once and loses nothing',
    async ({ backlog, flow, killAfter }) => {
      round += 1;
      const published: number[] = [];
      const info = () => admin.jsm.consumers.info(DURABLE.stream, DURABLE.durable);
      let publishError: unknown;
      let publishing: Promise<void> | undefined;
      const total = () => backlog * attempts + flow;
      let attempts = 0;
      let a: NotifierRun;
      let atKill: Awaited<ReturnType<typeof info>>;
      let killedAt: number;
      for (;;) {
        attempts += 1;
        // A backlog the first notifier is still working through when it is killed.
        const base = (await info()).delivered.stream_seq;
        await publishAlerts(backlog * (attempts - 1), backlog * attempts, published, false);
        a = startNotifier();
        if (backlog === 0) {
          await waitFor(
            () => a.readyAt !== undefined,
            30_000,
            () => `the first notifier to start (stderr: ${a.stderr.join('').slice(-800) || 'none'})`,
          );
        }
        // Alerts flow at a steady pace through the kill and the restart.
        publishing ??= publishAlerts(0, flow, published, true).catch((e: unknown) => {
          publishError = e;
        });
        // Killed once the server has delivered it `killAfter` (the server's count: the notifier's
        // log lines come later, and a busy machine's test process reads them later still).
        await waitFor(
          async () => (await info()).delivered.stream_seq - base >= killAfter,
          30_000,
          () => `the first notifier to be delivered ${killAfter} alerts (it logged ${a.seen.size})`,
        );
        a.proc.kill('SIGKILL');
        await a.exited;
        killedAt = Date.now();
        // What the dead reader had taken: everything after this was never delivered to it.
        atKill = await info();
        // On a busy machine the reader may have finished the backlog before the kill: again, with
        // a new backlog (the restart of this attempt is not measured).
        if (backlog === 0 || atKill.num_pending > 0 || attempts === 3) break;
      }
      const publishedAtKill = published.length;
      if (flow > 0)
        expect(publishedAtKill - backlog * attempts, 'killed while alerts flow').toBeLessThan(flow - 500);
      if (backlog > 0) expect(atKill.num_pending, 'killed mid-way through the backlog').toBeGreaterThan(0);

      const b = startNotifier();
      // Bounded by progress: fails only when nothing new arrives for STALL_MS.
      let last = Date.now();
      let lastCount = 0;
      await waitFor(
        async () => {
          const c = await admin.jsm.consumers.info(DURABLE.stream, DURABLE.durable);
          const count = b.seen.size + c.ack_floor.stream_seq;
          if (count !== lastCount) {
            lastCount = count;
            last = Date.now();
          }
          if (Date.now() - last > scaled(STALL_MS)) {
            throw new Error(
              `restarted notifier stalled: nothing for ${STALL_MS} ms; it handled ${b.seen.size} ` +
                `(${b.readyAt === undefined ? 'not started' : `started ${b.readyAt - b.startedAt} ms after spawn`}), ` +
                `published ${published.length} of ${total()} (last seq ${published.at(-1)}), durable: delivered ${c.delivered.stream_seq}, ack floor ${c.ack_floor.stream_seq}, ` +
                `pending ${c.num_pending}, ack pending ${c.num_ack_pending}, waiting ${c.num_waiting}; ` +
                `stderr: ${b.stderr.join('').slice(-800) || 'none'}`,
            );
          }
          return (
            published.length === total() &&
            c.num_pending === 0 &&
            c.num_ack_pending === 0 &&
            c.ack_floor.stream_seq >= published[published.length - 1]!
          );
        },
        // The outer bound only stops a wait that keeps moving forever.
        600_000,
        'the restarted notifier to handle and ack every alert',
      );
      await publishing;
      expect(publishError).toBeUndefined();

      // Every message the dead reader never got was handled by the restarted one.
      const never = published.filter((s) => s > atKill.delivered.stream_seq);
      expect(never.length).toBeGreaterThan(0);
      // Seen through the restarted notifier's log lines, which reach this process after the acks
      // the wait above counted (a pipe, a busy machine): waited for, bounded.
      await waitFor(
        () => never.every((s) => b.seen.has(s)),
        60_000,
        () =>
          `the restarted notifier's log line for every alert the dead one never got (${never.filter((s) => !b.seen.has(s)).length} of ${never.length} not read yet)`,
      );
      expect(never.filter((s) => !b.seen.has(s))).toEqual([]);
      // And every alert was handled and acked (the bus acks after the handler): nothing lost.
      const final = await admin.jsm.consumers.info(DURABLE.stream, DURABLE.durable);
      expect(final.ack_floor.stream_seq).toBeGreaterThanOrEqual(published[published.length - 1]!);

      const firstAt = Math.min(...b.seen.values());
      const figures = {
        nats: admin.nc.info?.version,
        backlog,
        attempts,
        flow,
        publishedAtKill,
        atKill: {
          delivered: atKill.delivered.stream_seq,
          ackFloor: atKill.ack_floor.stream_seq,
          pending: atKill.num_pending,
          ackPending: atKill.num_ack_pending,
          waiting: atKill.num_waiting,
        },
        restartReadyMs: (b.readyAt ?? Number.NaN) - b.startedAt,
        firstMessageAfterSpawnMs: firstAt - b.startedAt,
        firstMessageAfterReadyMs: firstAt - (b.readyAt ?? Number.NaN),
        firstNeverDeliveredAfterKillMs: Math.min(...never.map((s) => b.seen.get(s)!)) - killedAt,
        lastNeverDeliveredAfterKillMs: Math.max(...never.map((s) => b.seen.get(s)!)) - killedAt,
        allAckedAfterKillMs: Date.now() - killedAt,
        handledByRestarted: b.seen.size,
      };
      console.log(`durable-restart-auth figures ${JSON.stringify(figures)}`);
      // Served at once (from the spawn: the node process starts, connects and binds in 1-3 s): the
      // stall nats-server 2.9 showed after kill -9 lasted minutes.
      expect(firstAt - b.startedAt).toBeLessThan(scaled(15_000));

      await endProcess(b.proc, 'SIGTERM');
    },
  );
});
