import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Bus } from '@algotrader/bus';
import { alignOpen, type BarColumns } from '@algotrader/core';
import { LIVE_SERVICES, STAGES } from '@algotrader/pipeline';
import { codecs } from '@algotrader/proto';
import { readCsvBars } from '@algotrader/store';
import { bundledData, NatsServer, OkxServer, scaled, waitFor, within } from '@algotrader/testkit';
import { expect, test, vi } from 'vitest';
import { alive, killGroup } from './helpers/process-groups';

// Within this on an idle machine, stretched on a busy one (vitest.config.ts).
vi.setConfig({ testTimeout: scaled(300_000) });

const repo = resolve(import.meta.dirname, '..');
/** The installed entry point users run, not main.ts: it must hand signals to the CLI. */
const BIN = resolve(repo, 'apps/cli/bin/algotrader.mjs');
const H1 = 3_600_000;

/** The last `n` real hours of a file, moved in time so the newest is the hour forming now. */
async function recentHours(file: string, n: number, now: number): Promise<BarColumns> {
  const c = await readCsvBars(bundledData(file));
  const from = c.openTime.length - n;
  const shift = alignOpen(now, '1h') - c.openTime[c.openTime.length - 1]!;
  const pick = (a: Float64Array) => a.slice(from);
  return {
    openTime: pick(c.openTime).map((t) => t + shift),
    open: pick(c.open),
    high: pick(c.high),
    low: pick(c.low),
    close: pick(c.close),
    volume: pick(c.volume),
  };
}

async function count(bus: Bus, stream: string, filter: string): Promise<number> {
  try {
    const info = await bus.jsm.streams.info(stream, { subjects_filter: filter });
    return Object.values(info.state.subjects ?? {}).reduce((a, b) => a + b, 0);
  } catch {
    return 0;
  }
}

/**
 * What the CLI said, for a failure message: its own lines, each service's first and last exit
 * report (the exit code and the service's last output, which the CLI prints also with --quiet) and
 * each service's last lines on stderr — grouped per service, so one chatty service cannot push
 * another's words out.
 */
function cliOutput(stdout: readonly string[], stderr: string, pids: ReadonlyMap<string, number>): string {
  const own: string[] = [];
  const exits = new Map<string, string[][]>();
  let block: string[] | undefined;
  for (const l of stdout) {
    const m = /^ {2}([a-z-]+) exited /.exec(l);
    if (m) {
      block = [l];
      const list = exits.get(m[1]!) ?? [];
      list.push(block);
      exits.set(m[1]!, list);
    } else if (block && l.startsWith('    ')) block.push(l);
    else {
      block = undefined;
      own.push(l);
    }
  }
  const said = new Map<string, string[]>();
  const rest: string[] = [];
  for (const l of stderr.split('\n')) {
    const m = /^\[([a-z-]+)\] /.exec(l);
    if (!m) {
      if (l !== '') rest.push(l);
      continue;
    }
    const list = said.get(m[1]!) ?? [];
    list.push(l);
    if (list.length > 15) list.shift();
    said.set(m[1]!, list);
  }
  const out = [`cli stdout:`, ...own.slice(-60)];
  for (const [name, list] of exits) {
    out.push(`${name}: ${list.length} exit(s)${list.length > 1 ? '; the first and the last' : ''}:`);
    out.push(...list[0]!);
    if (list.length > 1) out.push(...list[list.length - 1]!);
  }
  for (const [name, pid] of pids) {
    out.push(
      `${name} (pid ${pid}, ${alive(pid) ? 'running' : 'gone'}) on stderr:`,
      ...(said.get(name) ?? ['  (nothing)']),
    );
  }
  if (rest.length > 0) out.push('cli stderr:', ...rest.slice(-30));
  return out.join('\n');
}

/** A server's output for a failure message: a crash's panic and where it came from, else the last lines. */
function serverOutput(logs: string): string {
  const lines = logs.split('\n');
  const crash = lines.findIndex((l) => /^(panic:|fatal error:)/.test(l));
  return (crash >= 0 ? lines.slice(Math.max(0, crash - 5), crash + 40) : lines.slice(-15)).join('\n');
}

test('up --live paper-trades OKX data with every service; SIGINT to the CLI stops every process it started', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'algotrader-up-live-'));
  const pids = new Map<string, number>();
  const stdout: string[] = [];
  const stderr: string[] = [];
  let cli: ChildProcess | undefined;
  let nats: NatsServer | undefined;
  let okx: OkxServer | undefined;
  let bus: Bus | undefined;
  try {
    nats = await NatsServer.start();
    const now = Date.now();
    okx = await OkxServer.start({ clock: { now: () => Date.now() } });
    okx.setSeries(
      'BTC-USDT',
      '1h',
      await recentHours('ohlcv/binance_BTC-USDT_1h_2017-2022.csv.gz', 300, now),
    );
    okx.setSeries(
      'ETH-USDT',
      '1h',
      await recentHours('ohlcv/binance_ETH-USDT_1h_2017-2022.csv.gz', 300, now),
    );

    const env: NodeJS.ProcessEnv = {
      ...process.env,
      OKX_REST_URL: okx.url,
      ALGOTRADER_DATA_DIR: join(dir, 'data'),
      NOTIFIER_SINK_FILE: join(dir, 'notifier.log'),
      ALGOTRADER_LOG_LEVEL: 'warn',
    };
    // The defaults are under test: config/pipeline.json, collector settings derived from it.
    for (const k of Object.keys(env)) {
      if (k === 'ALGOTRADER_PIPELINE' || k === 'NATS_URL' || k.startsWith('COLLECTOR_')) delete env[k];
    }
    // Its own process group, so the finally below can also reach whatever it left behind.
    cli = spawn(process.execPath, [BIN, 'up', '--live', '--nats', nats.url, '--quiet'], {
      cwd: repo,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let buf = '';
    cli.stdout?.on('data', (b: Buffer) => {
      buf += b.toString();
      const lines = buf.split('\n');
      buf = lines.pop() ?? '';
      for (const l of lines) {
        stdout.push(l);
        const m = /^ {2}([a-z-]+) started \(pid (\d+)/.exec(l);
        if (m) pids.set(m[1]!, Number(m[2]));
      }
    });
    cli.stderr?.on('data', (b: Buffer) => stderr.push(b.toString()));
    const exited = new Promise<number | null>((r) => cli!.once('exit', (code) => r(code)));
    const server = nats;
    const why = () =>
      `${cliOutput(stdout, stderr.join(''), pids)}\nthe test's nats-server (${server.url}): ${
        server.running ? 'running' : `EXITED (${server.exitStatus ?? 'not started'})`
      }; its output:\n${serverOutput(server.logs)}`;
    // Every service needs the bus: when the server is gone, say so at once instead of waiting out
    // the timeout for heartbeats that cannot come.
    const serverUp =
      <T>(check: () => T): (() => T) =>
      () => {
        if (!server.running) throw new Error(`the test's nats-server exited while up --live ran\n${why()}`);
        return check();
      };

    const services = [...STAGES, ...LIVE_SERVICES];
    await waitFor(
      serverUp(() => pids.size === services.length),
      60_000,
      () => `every service started\n${why()}`,
    );
    expect([...pids.keys()].sort()).toEqual([...services].sort());

    // A connect to a server that is gone would wait for it without end.
    bus = await within(
      Bus.connect({ servers: nats.url, service: 'test' }),
      30_000,
      () => `the test's connection to NATS\n${why()}`,
    );
    const b = bus;
    // Every service connected and beats, under its own name: heartbeats as they are published, seen
    // by a plain subscription. No JetStream request may poll a stream while the services are still
    // creating it: nats-server 2.9 crashes on a message get that reaches a stream being created
    // (jsMsgGetRequest, a nil store) — it took every service's bus with it, and polling the OPS
    // stream for heartbeats from the first second did exactly that now and then. Once every service
    // has beaten, each has ensured the whole topology (a service beats only after that), so every
    // stream is complete for the reads below.
    const beating = new Set<string>();
    const beats = b.nc.subscribe('ops.heartbeat.>', {
      callback: (err, m) => {
        if (err) return;
        try {
          const h = codecs.Heartbeat.decode(m.data);
          if (h.service && m.subject === `ops.heartbeat.${h.service}`) beating.add(h.service);
        } catch {
          // not a heartbeat
        }
      },
    });
    await waitFor(
      serverUp(() => services.every((s) => beating.has(s))),
      120_000,
      () =>
        `a heartbeat from each service; none yet from ${services.filter((s) => !beating.has(s)).join(', ')}\n${why()}`,
    );
    beats.unsubscribe();
    // `status` sees every process up started; an age is never "-0 s".
    const status = (json: boolean) =>
      new Promise<string>((res, rej) =>
        execFile(
          process.execPath,
          [
            BIN,
            'status',
            '--config',
            'config/pipeline.json',
            '--nats',
            nats!.url,
            ...(json ? ['--json'] : []),
          ],
          { cwd: repo, env },
          (err, out) => (err ? rej(err) : res(out)),
        ),
      );
    const js = JSON.parse(await status(true)) as {
      stages: { stage: string; heartbeatAgeMs?: number }[];
      services: { service: string; heartbeatAgeMs: number }[];
    };
    expect(js.stages.filter((x) => x.heartbeatAgeMs !== undefined).map((x) => x.stage)).toEqual([...STAGES]);
    expect(js.services.map((x) => x.service)).toEqual([...LIVE_SERVICES]);
    const text = await status(false);
    for (const name of services) expect(text).toMatch(new RegExp(`^${name} +\\d+ s ago`, 'm'));
    expect(text).not.toContain('-0 s');

    // The collector fetched the warm-up history from the local OKX and put it on the bus ...
    await waitFor(
      serverUp(
        async () =>
          (await count(b, 'MD', 'md.bar.okx.BTC-USDT.1h')) >= 30 &&
          (await count(b, 'MD', 'md.bar.okx.ETH-USDT.1h')) >= 30 &&
          (await count(b, 'MD', 'md.barset.okx.1h')) >= 1,
      ),
      60_000,
      () => `warm-up bars and a bar set from the collector\n${why()}`,
    );
    // ... and the decision stages consumed it: feature vectors for both, the bar set passed on.
    await waitFor(
      serverUp(
        async () =>
          (await count(b, 'FEATURES', 'feat.okx.BTC-USDT.1h')) >= 30 &&
          (await count(b, 'FEATURES', 'feat.okx.ETH-USDT.1h')) >= 30,
      ),
      60_000,
      () => `feature vectors from the feature-engine\n${why()}`,
    );
    // ... and the strategy-runner ran sma_cross on both instruments at the close the collector
    // marked complete (its SignalSetClosed; a Signal itself only comes when a target changes).
    const lastSet = async () => {
      try {
        const md = await b.jsm.streams.getMessage('MD', { last_by_subj: 'md.barset.okx.1h' });
        const sig = await b.jsm.streams.getMessage('SIGNALS', { last_by_subj: 'sig._set.okx.1h' });
        if (!md || !sig) return undefined;
        const set = codecs.SignalSetClosed.decode(sig.data);
        const close = Number(codecs.BarSetClosed.decode(md.data).closeTimeMs);
        return Number(set.closeTimeMs) === close ? set : undefined;
      } catch {
        return undefined;
      }
    };
    await waitFor(
      serverUp(async () => (await lastSet()) !== undefined),
      60_000,
      () => `the strategy-runner at the marked close\n${why()}`,
    );
    const set = (await lastSet())!;
    expect(set.strategies).toEqual(['sma_cross']);
    expect([...(set.instruments ?? [])].sort()).toEqual(['BTC/USDT', 'ETH/USDT']);
    // Only closed candles: the hour forming now never reaches the bus.
    const last = await b.jsm.streams.getMessage('MD', { last_by_subj: 'md.bar.okx.BTC-USDT.1h' });
    const bar = codecs.Bar.decode(last!.data);
    expect(Number(bar.closeTimeMs)).toBeLessThanOrEqual(Date.now());
    // The last closed hour: the one before the hour forming at the start, or, when an hour turned
    // while the test ran, possibly the one that just closed (whether the collector polled after it).
    const open = Number(bar.openTimeMs);
    expect(open).toBeGreaterThanOrEqual(alignOpen(now, '1h') - H1);
    expect(open).toBeLessThanOrEqual(alignOpen(Date.now(), '1h') - H1);

    cli.kill('SIGINT');
    const code = await Promise.race([
      exited,
      new Promise<'hung'>((r) => setTimeout(() => r('hung'), scaled(60_000))),
    ]);
    expect(code, why()).toBe(0);
    expect(stdout.join('\n')).toContain('▶ stopped.');
    const left = [...pids].filter(([, pid]) => alive(pid));
    expect(left, 'processes still running after SIGINT').toEqual([]);
  } finally {
    await bus?.close().catch(() => {});
    for (const pid of pids.values()) killGroup(pid);
    if (cli?.pid !== undefined) killGroup(cli.pid);
    await okx?.stop();
    await nats?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
