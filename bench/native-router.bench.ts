/**
 * The order-router, TypeScript vs native (C++), side by side on the same work: the three decision
 * stages run in this process, the router as its own child process (the TypeScript one as
 * `apps/order-router/src/main.ts`, the native one as its binary), on an isolated nats-server.
 *
 * 1. Replay throughput: sma_cross on real BTC/USDT hours published at full speed; bars/s from the
 *    first publish until the router has stepped the last bar set, and the router process's CPU time
 *    (user + sys from /proc, counted from its ready state) per bar.
 * 2. Latency: a strategy that trades every bar (next_open), one bar at a time: from publishing bar
 *    i (and its bar set) to the Fill at bar i's open, i.e. the order decided at bar i−1's close.
 *
 * `--bars=2000 --latency-bars=300` by default. Prints figures with CPU time and load average; never
 * fails on timing.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Bus, SYSTEM_TOPOLOGY, subjects } from '@algotrader/bus';
import { type BarColumns, barKey, parseInstrument } from '@algotrader/core';
import { buildNativeRouter, nativeRouterArgs } from '@algotrader/order-router';
import { loadPipeline, PIPELINE_ENV, readAccount } from '@algotrader/pipeline';
import { codecs } from '@algotrader/proto';
import { readCsvBars } from '@algotrader/store';
import { bundledData, NatsServer, repoRoot, sleep } from '@algotrader/testkit';
import { replayPipeline } from '../apps/cli/src/commands/pipeline-replay';
import { head, NO_LIMITS } from '../test/helpers/fixtures';
import { startStages } from '../test/helpers/pipeline';
import { writeFlipPlugin } from './flip-plugin';

const arg = (name: string, d: number) =>
  Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? d) || d;
const BARS = arg('bars', 2_000);
const LAT_BARS = arg('latency-bars', 300);
const HOUR = 3_600_000;
const btc = parseInstrument('OKX:BTC/USDT');
const TICK = 100; // USER_HZ: /proc times are in clock ticks of 1/100 s on Linux

function cpuSeconds(pid: number): number {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const rest = f.slice(f.lastIndexOf(')') + 2).split(' ');
  return (Number(rest[11]) + Number(rest[12])) / TICK;
}

type Kind = 'ts' | 'native';

async function startRouter(kind: Kind, url: string, configPath: string, bus: Bus): Promise<ChildProcess> {
  const p = await loadPipeline(configPath);
  const proc =
    kind === 'native'
      ? spawn(await buildNativeRouter(repoRoot), [...nativeRouterArgs(p, url), '--heartbeat-ms', '0'], {
          stdio: ['ignore', 'ignore', 'pipe'],
        })
      : spawn(process.execPath, ['--import', 'tsx', join(repoRoot, 'apps/order-router/src/main.ts')], {
          cwd: repoRoot,
          env: { ...process.env, NATS_URL: url, [PIPELINE_ENV]: configPath, ALGOTRADER_LOG_LEVEL: 'warn' },
          stdio: ['ignore', 'ignore', 'pipe'],
        });
  let err = '';
  proc.stderr!.on('data', (d: Buffer) => {
    err += d.toString();
  });
  // Ready: it has read its start positions (native: its start line; TypeScript: its consumers exist).
  const t0 = Date.now();
  for (;;) {
    if (kind === 'native' && err.includes('from md_seq')) break;
    if (kind === 'ts') {
      const names = await bus.jsm.consumers.list('ORDERS').next();
      if (names.length > 0) break;
    }
    if (proc.exitCode !== null) throw new Error(`the ${kind} router exited: ${err}`);
    if (Date.now() - t0 > 60_000) throw new Error(`the ${kind} router did not start: ${err}`);
    await sleep(50);
  }
  return proc;
}

async function stop(proc: ChildProcess): Promise<void> {
  if (proc.exitCode !== null) return;
  const done = new Promise<void>((r) => proc.once('exit', () => r()));
  proc.kill('SIGTERM');
  await done;
}

async function withPipeline<T>(
  kind: Kind,
  config: object,
  work: (bus: Bus, router: ChildProcess) => Promise<T>,
): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'algotrader-bench-'));
  const configPath = join(dir, 'pipeline.json');
  writeFileSync(configPath, JSON.stringify(config));
  const server = await NatsServer.start();
  const bus = await Bus.connect({ servers: server.url, service: 'bench' });
  let router: ChildProcess | undefined;
  let stages: { stop(): Promise<void> } | undefined;
  try {
    await bus.ensure(SYSTEM_TOPOLOGY);
    router = await startRouter(kind, server.url, configPath, bus);
    stages = await startStages(server.url, await loadPipeline(configPath), undefined, { router: false });
    return await work(bus, router);
  } finally {
    if (router) await stop(router);
    await stages?.stop();
    await bus.close();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function throughput(kind: Kind, c: BarColumns) {
  return withPipeline(
    kind,
    {
      account: 'paper',
      instruments: ['OKX:BTC/USDT'],
      strategies: [{ name: 'sma_cross', params: { fast: 10, slow: 30 }, instruments: ['OKX:BTC/USDT'] }],
      risk: NO_LIMITS,
      mode: 'replay',
    },
    async (bus, router) => {
      const cpu0 = cpuSeconds(router.pid!);
      const t0 = performance.now();
      const r = await replayPipeline(bus, { venue: 'OKX', tf: '1h', series: [{ instrument: btc, bars: c }] });
      while (((await readAccount(bus, 'paper'))?.steppedThrough ?? 0) < r.lastClose!) await sleep(20);
      const seconds = (performance.now() - t0) / 1000;
      return { bars: r.bars, seconds, cpu: cpuSeconds(router.pid!) - cpu0 };
    },
  );
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

async function latency(kind: Kind, c: BarColumns, plugin: string) {
  return withPipeline(
    kind,
    {
      account: 'paper',
      instruments: ['OKX:BTC/USDT'],
      strategies: [{ name: 'flip', params: { qty: 0.01 }, instruments: ['OKX:BTC/USDT'] }],
      plugins: [plugin],
      risk: NO_LIMITS,
      mode: 'replay',
    },
    async (bus, router) => {
      const fills = new Map<number, number>();
      const sub = bus.nc.subscribe('exec.fill.paper', {
        callback: (_e, m) => {
          fills.set(Number(codecs.Fill.decode(m.data).timeMs), performance.now());
        },
      });
      const cpu0 = cpuSeconds(router.pid!);
      const lat: number[] = [];
      const n = Math.min(LAT_BARS, c.openTime.length);
      for (let i = 0; i < n; i++) {
        const open = c.openTime[i]!;
        const t0 = performance.now();
        await bus.publish(
          codecs.Bar,
          subjects.bar(btc, '1h'),
          {
            instrument: { venue: 'OKX', symbol: 'BTC/USDT' },
            timeframe: '1h',
            openTimeMs: open,
            closeTimeMs: open + HOUR,
            open: c.open[i]!,
            high: c.high[i]!,
            low: c.low[i]!,
            close: c.close[i]!,
            volume: c.volume[i]!,
            source: 'bench',
          },
          { msgId: barKey(btc, '1h', open) },
        );
        await bus.publish(
          codecs.BarSetClosed,
          subjects.barSet('OKX', '1h'),
          {
            venue: 'OKX',
            timeframe: '1h',
            closeTimeMs: open + HOUR,
            arrived: ['BTC/USDT'],
            missing: [],
            timedOut: false,
          },
          { msgId: `barset:okx:1h:${open + HOUR}` },
        );
        if (i === 0) continue; // the first decision fills on the next bar
        const deadline = Date.now() + 10_000;
        while (!fills.has(open) && Date.now() < deadline) await sleep(0.2);
        const at = fills.get(open);
        if (at !== undefined) lat.push(at - t0);
      }
      sub.unsubscribe();
      return { lat: lat.sort((a, b) => a - b), cpu: cpuSeconds(router.pid!) - cpu0, bars: n };
    },
  );
}

const plugin = writeFlipPlugin('flip-next-open.mjs', 'bench/native-router.bench.ts');
// The in-process decision stages need the plugin's strategy registered here too.
await import(plugin);

const cols = head(await readCsvBars(bundledData('ohlcv/binance_BTC-USDT_1h_2017-2022.csv.gz')), BARS);
const cpu0 = process.cpuUsage();
const wall0 = performance.now();
console.log(
  `machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, node ${process.version}, load ${loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')}; ${BARS} bars (throughput), ${LAT_BARS} bars (latency)`,
);
const rows: Record<string, unknown>[] = [];
for (const kind of ['ts', 'native'] as const) {
  const tp = await throughput(kind, cols);
  const la = await latency(kind, cols, plugin);
  const row = {
    router: kind,
    barsPerSecond: Math.round(tp.bars / tp.seconds),
    routerCpuS: Number(tp.cpu.toFixed(2)),
    routerCpuMsPerBar: Number(((tp.cpu * 1000) / tp.bars).toFixed(3)),
    fillLatencyP50Ms: Number(quantile(la.lat, 0.5).toFixed(2)),
    fillLatencyP99Ms: Number(quantile(la.lat, 0.99).toFixed(2)),
    latencyFills: la.lat.length,
    routerCpuMsPerBarLatency: Number(((la.cpu * 1000) / la.bars).toFixed(3)),
    load1: Number(loadavg()[0]!.toFixed(1)),
  };
  rows.push(row);
  console.log(
    `${kind.padEnd(6)} router: replay ${tp.bars} bars in ${tp.seconds.toFixed(1)} s = ${row.barsPerSecond} bars/s, router CPU ${tp.cpu.toFixed(2)} s (${row.routerCpuMsPerBar} ms/bar); ` +
      `bar → Fill p50 ${row.fillLatencyP50Ms} ms, p99 ${row.fillLatencyP99Ms} ms over ${la.lat.length} fills, router CPU ${row.routerCpuMsPerBarLatency} ms/bar; load ${row.load1}`,
  );
}
const cpu = process.cpuUsage(cpu0);
console.log(
  `bench process (decision stages, replay): ${((performance.now() - wall0) / 1000).toFixed(1)} s wall, ${(cpu.user / 1e6).toFixed(1)} s user, ${(cpu.system / 1e6).toFixed(1)} s sys; load average ${loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')}`,
);
console.log(JSON.stringify({ bench: 'native-router', bars: BARS, latencyBars: LAT_BARS, rows }));
process.exit(0);
