/**
 * Memory of the four stages over a long replay: the stages as child processes (as `algotrader up`
 * runs them) on an isolated nats-server, synthetic hourly bars (seeded, `--bars=`, default 50,000)
 * for `--symbols=` instruments (default 1), sma_cross, paper broker. Every `--every=` seconds
 * (default 5) it prints each stage's resident set (VmRSS from /proc) against the bars the
 * order-router has stepped through; at the end each stage's CPU time, the wall clock and the load
 * average. A stage that keeps state per bar shows an RSS rising with the bars; a bounded one
 * levels off after its warm-up. Prints figures only; nothing here fails.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Bus, SYSTEM_TOPOLOGY } from '@algotrader/bus';
import { type BarColumns, parseInstrument } from '@algotrader/core';
import { PIPELINE_ENV, readAccount, STAGES, Supervisor, stageEntry } from '@algotrader/pipeline';
import { NatsServer, repoRoot, sleep, syntheticBars } from '@algotrader/testkit';
import { replayPipeline } from '../apps/cli/src/commands/pipeline-replay';
import { NO_LIMITS } from '../test/helpers/fixtures';

const arg = (name: string, d: number) =>
  Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? d) || d;
const BARS = arg('bars', 50_000);
const EVERY_S = arg('every', 5);
const SYMBOLS = ['BTC', 'ETH', 'SOL', 'XRP', 'DOGE', 'ADA', 'LTC', 'DOT', 'LINK', 'AVAX'].slice(
  0,
  Math.min(10, arg('symbols', 1)),
);
const HOUR = 3_600_000;
const T0 = Date.UTC(2020, 0, 1);
const TICK = 1e3 / 100; // /proc/<pid>/stat counts CPU time in clock ticks (USER_HZ = 100 on Linux)

function hourly(n: number, shift: number): BarColumns {
  const c = syntheticBars(n + shift, T0);
  const out = { ...c };
  for (const k of ['open', 'high', 'low', 'close', 'volume'] as const) out[k] = c[k].slice(shift);
  out.openTime = Float64Array.from({ length: n }, (_, i) => T0 + i * HOUR) as BarColumns['openTime'];
  return out;
}

function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : Number.NaN;
}

function cpuSeconds(pid: number): { user: number; sys: number } {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return { user: (Number(f[11]) * TICK) / 1e3, sys: (Number(f[12]) * TICK) / 1e3 };
}

const dir = mkdtempSync(join(tmpdir(), 'algotrader-memory-'));
const configPath = join(dir, 'pipeline.json');
const instruments = SYMBOLS.map((s) => `OKX:${s}/USDT`);
writeFileSync(
  configPath,
  JSON.stringify({
    account: 'paper',
    instruments,
    strategies: [{ name: 'sma_cross', params: { fast: 10, slow: 30 }, instruments }],
    paper: { initialCash: 1_000_000, quoteCurrency: 'USDT' },
    risk: NO_LIMITS,
    mode: 'replay',
  }),
);
console.log(
  `memory: ${BARS} hourly bars x ${SYMBOLS.length} symbol(s), stages as processes; ${cpus().length} cores, load ${loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')}`,
);
const server = await NatsServer.start();
const bus = await Bus.connect({ servers: server.url, service: 'bench' });
await bus.ensure(SYSTEM_TOPOLOGY);
const pids = new Map<string, number>();
const started = new Set<string>();
const supervisor = new Supervisor({
  stages: STAGES.map((name) => ({ name, entry: stageEntry(repoRoot, name) })),
  cwd: repoRoot,
  env: { NATS_URL: server.url, [PIPELINE_ENV]: configPath, ALGOTRADER_LOG_LEVEL: 'info' },
  onEvent: (e) => {
    if (e.kind === 'start') pids.set(e.stage, e.pid);
    if (e.kind === 'exit') console.log(`!! ${e.stage} exited (code ${e.code}, signal ${e.signal})`);
  },
  onLine: (stage, line) => {
    if (line.includes(' started"')) started.add(stage);
    if (/"level":(5|6)\d/.test(line)) process.stderr.write(`[${stage}] ${line}\n`);
  },
});
supervisor.start();
const t0 = performance.now();
try {
  while (started.size < STAGES.length) {
    if (performance.now() - t0 > 60_000) throw new Error('stages did not start');
    await sleep(50);
  }
  const header = ['wall s', 'bars done', ...STAGES.map((s) => `${s} MB`)];
  console.log(header.join('\t'));
  const row = async () => {
    const stepped = (await readAccount(bus, 'paper').catch(() => undefined))?.steppedThrough ?? 0;
    const done = stepped > 0 ? Math.round((stepped - T0) / HOUR) : 0;
    console.log(
      [
        ((performance.now() - t0) / 1e3).toFixed(0),
        done,
        ...STAGES.map((s) => rssMb(pids.get(s)!).toFixed(0)),
      ].join('\t'),
    );
    return stepped;
  };
  await row();
  const r = replayPipeline(bus, {
    venue: 'OKX',
    tf: '1h',
    series: SYMBOLS.map((s, k) => ({
      instrument: parseInstrument(`OKX:${s}/USDT`),
      bars: hourly(BARS, k * 7),
    })),
  });
  let last = 0;
  const lastClose = T0 + BARS * HOUR;
  while (last < lastClose) {
    await sleep(EVERY_S * 1_000);
    last = await row();
  }
  await r;
  const wall = (performance.now() - t0) / 1e3;
  for (const s of STAGES) {
    const c = cpuSeconds(pids.get(s)!);
    console.log(
      `${s}: final RSS ${rssMb(pids.get(s)!).toFixed(0)} MB, CPU ${c.user.toFixed(1)} s user + ${c.sys.toFixed(1)} s sys`,
    );
  }
  console.log(
    `wall ${wall.toFixed(0)} s for ${BARS * SYMBOLS.length} bars (${((BARS * SYMBOLS.length) / wall).toFixed(0)} bars/s); load ${loadavg()
      .map((x) => x.toFixed(1))
      .join(
        ' ',
      )}; this process CPU ${(process.cpuUsage().user / 1e6).toFixed(1)} s user + ${(process.cpuUsage().system / 1e6).toFixed(1)} s sys`,
  );
} finally {
  await supervisor.stop();
  await bus.close();
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}
