/**
 * A sweep of 1,000 sma_cross parameter sets over the ten shared 1h symbols (2017–2022, 45k bars
 * each, 352k bar-steps per backtest), through `algotrader sweep` with 1 and then 2 worker threads.
 * Each run is its own process (a clean heap and its own peak RSS). Prints figures, asserts nothing.
 *
 *   npm run bench -- sweep                 the full 1,000 sets (minutes on a shared 2-core box)
 *   npm run bench -- sweep --scale=0.1     100 sets, for a quick look
 *
 * Figures: wall time of the jobs (data loaded, threads started), the speed-up from 1 to 2 workers
 * on wall time and on CPU, configurations per CPU-second, process CPU time (all threads, and by
 * thread: main, the sweep's worker threads, the rest such as V8's GC helpers), and the peak RSS of
 * the process (main thread, both worker threads, the shared bars). Runs go 1 2 2 1 workers (so
 * drift of a shared machine hits both alike), figures are per worker count the mean of its two
 * runs; the load average is printed with each run, as wall-clock scaling means little on a box
 * whose cores are busy with other work: then the CPU figures are the ones to read.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundledData, repoRoot } from '@algotrader/testkit';
import { runSweepCmd } from '../apps/cli/src/commands/sweep';

const SCALE = Number(process.argv.find((a) => a.startsWith('--scale='))?.slice(8) ?? '1') || 1;
const CHILD = process.argv.find((a) => a.startsWith('--child-workers='));

/** 20 fast × 50 slow = 1,000 sets, every one valid (fast ≤ 100 < 110 ≤ slow); scaled by dropping slow values. */
function gridArgs(scale: number): string[] {
  const slowValues = Math.max(1, Math.round(50 * scale));
  return ['--grid', 'fast=5:100:5', '--grid', `slow=110:${110 + 10 * (slowValues - 1)}:10`];
}

interface Figures {
  workers: number;
  configs: number;
  barSteps: number;
  /** The command from start to results written: data loading, thread start-up, jobs, ranking. */
  totalSeconds: number;
  /** The jobs alone, as the sweep reports it. */
  sweepSeconds: number;
  /** Σ per-job seconds as measured inside the threads. */
  jobSeconds: number;
  cpuSeconds: number;
  maxRssMb: number;
  /** CPU seconds of the main thread, of the threads started during the sweep, and of the rest. */
  mainCpuSeconds: number;
  newThreadCpuSeconds: number[];
  otherCpuSeconds: number;
  best: string;
}

const TICKS_PER_SECOND = 100; // USER_HZ, on Linux 100 everywhere that matters

/** CPU seconds (user + system) of each thread of this process, by thread id; empty off Linux. */
function threadCpu(): Map<number, number> {
  const out = new Map<number, number>();
  let tids: string[];
  try {
    tids = readdirSync('/proc/self/task');
  } catch {
    return out;
  }
  for (const tid of tids) {
    try {
      // Fields after "(comm) ": state is the 1st, utime the 12th, stime the 13th.
      const rest = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      out.set(Number(tid), (Number(rest[11]) + Number(rest[12])) / TICKS_PER_SECOND);
    } catch {
      // the thread ended between listing and reading
    }
  }
  return out;
}

async function child(workers: number): Promise<void> {
  const out: string[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'algotrader-sweep-bench-'));
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  // Threads are sampled while the sweep runs: a worker thread's own figure is gone once it exits.
  const before = threadCpu();
  const lastSeen = new Map<number, number>();
  const sample = () => {
    for (const [tid, sec] of threadCpu()) lastSeen.set(tid, sec);
  };
  const sampler = setInterval(sample, 200);
  try {
    await runSweepCmd(
      [
        '--strategy',
        'sma_cross',
        '--data',
        join(bundledData('ohlcv/binance_BTC-USDT_1h_2017-2022.csv.gz'), '..'),
        '--symbols',
        'BTC/USDT,ETH/USDT,BNB/USDT,LTC/USDT,ADA/USDT,XRP/USDT,LINK/USDT,DOGE/USDT,SOL/USDT,AVAX/USDT',
        '--tf',
        '1h',
        ...gridArgs(SCALE),
        // About a tenth of equity per instrument, so the ten positions can coexist.
        '--param',
        'sizing.kind=equity_fraction',
        '--param',
        'sizing.fraction=0.098',
        '--fee',
        '0.001',
        '--workers',
        String(workers),
        '--rank',
        'sharpe',
        '--out',
        dir,
        '--json',
        '--quiet',
      ],
      {
        env: {},
        cwd: repoRoot,
        out: (l) => out.push(l),
        err: () => undefined,
        now: () => Date.now(),
        quiet: true,
      },
    );
    clearInterval(sampler);
    sample();
    const total = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const mainCpuSeconds = (lastSeen.get(process.pid) ?? Number.NaN) - (before.get(process.pid) ?? 0);
    const newThreadCpuSeconds = [...lastSeen]
      .filter(([tid]) => !before.has(tid))
      .map(([, sec]) => sec)
      .sort((a, b) => b - a);
    const doc = JSON.parse(out[0]!) as {
      configs: number;
      wallSeconds: number;
      jobSeconds: number;
      ranking: { params: Record<string, unknown>; metrics: Record<string, number> }[];
    };
    const top = doc.ranking[0]!;
    const figures: Figures = {
      workers,
      configs: doc.configs,
      barSteps: doc.ranking.reduce((s, r) => s + (r.metrics['bar_steps'] ?? 0), 0),
      totalSeconds: total,
      sweepSeconds: doc.wallSeconds,
      jobSeconds: doc.jobSeconds,
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
      maxRssMb: process.resourceUsage().maxRSS / 1024,
      mainCpuSeconds,
      newThreadCpuSeconds,
      // Before the sweep began, and threads that existed already (V8 platform/GC, libuv pool).
      otherCpuSeconds:
        (cpu.user + cpu.system) / 1e6 - mainCpuSeconds - newThreadCpuSeconds.reduce((a, b) => a + b, 0),
      best: `fast=${top.params['fast']} slow=${top.params['slow']} sharpe ${top.metrics['sharpe']?.toFixed(3)}`,
    };
    process.stdout.write(`FIGURES ${JSON.stringify(figures)}\n`);
  } finally {
    clearInterval(sampler);
    rmSync(dir, { recursive: true, force: true });
  }
}

function run(workers: number): Promise<Figures> {
  return new Promise((resolve, reject) => {
    const p = spawn(
      process.execPath,
      ['--import', 'tsx', fileURLToPath(import.meta.url), `--child-workers=${workers}`, `--scale=${SCALE}`],
      { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let text = '';
    p.stdout.on('data', (d: Buffer) => {
      text += d.toString();
    });
    p.once('error', reject);
    p.once('exit', (code) => {
      const line = text.split('\n').find((l) => l.startsWith('FIGURES '));
      if (code !== 0 || !line) reject(new Error(`sweep child (${workers} workers) exited ${code}: ${text}`));
      else resolve(JSON.parse(line.slice(8)) as Figures);
    });
  });
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

if (CHILD) {
  await child(Number(CHILD.slice('--child-workers='.length)));
} else {
  const load = () =>
    loadavg()
      .map((x) => x.toFixed(1))
      .join(' ');
  console.log(`sweep bench: ${availableParallelism()} cores, load average ${load()} (scale ${SCALE})`);
  const byWorkers = new Map<number, Figures[]>([
    [1, []],
    [2, []],
  ]);
  for (const workers of [1, 2, 2, 1]) {
    const f = await run(workers);
    byWorkers.get(workers)!.push(f);
    const threads = f.newThreadCpuSeconds.map((x) => x.toFixed(1)).join(' + ');
    console.log(
      `${workers} worker${workers > 1 ? 's' : ' '}: ${f.configs} sets × ${(f.barSteps / f.configs / 1e3).toFixed(0)}k bar-steps, ` +
        `jobs ${f.sweepSeconds.toFixed(1)} s wall (${(f.barSteps / f.sweepSeconds / 1e6).toFixed(2)} M bar-steps/s), ` +
        `command ${f.totalSeconds.toFixed(1)} s; Σ job time ${f.jobSeconds.toFixed(1)} s ` +
        `(threads between jobs ${((1 - f.jobSeconds / (f.sweepSeconds * workers)) * 100).toFixed(1)}% of the jobs' wall time); ` +
        `process CPU ${f.cpuSeconds.toFixed(1)} s = ${(f.configs / f.cpuSeconds).toFixed(2)} configs per CPU-second ` +
        `(${(f.barSteps / f.cpuSeconds / 1e6).toFixed(2)} M bar-steps per CPU-second, ${(f.cpuSeconds / f.totalSeconds).toFixed(2)} cores busy on average); ` +
        `CPU by thread: main ${f.mainCpuSeconds.toFixed(1)} s, sweep threads ${threads || '?'} s, other ${f.otherCpuSeconds.toFixed(1)} s; ` +
        `peak RSS ${f.maxRssMb.toFixed(0)} MB; load avg now ${load()}`,
    );
    console.log(`           best: ${f.best}`);
  }
  const agg = (w: number) => {
    const fs = byWorkers.get(w)!;
    return {
      configs: fs[0]!.configs,
      sweep: mean(fs.map((f) => f.sweepSeconds)),
      total: mean(fs.map((f) => f.totalSeconds)),
      cpu: mean(fs.map((f) => f.cpuSeconds)),
      jobs: mean(fs.map((f) => f.jobSeconds)),
      threadCpu: mean(fs.map((f) => f.newThreadCpuSeconds.reduce((a, b) => a + b, 0))),
    };
  };
  const a = agg(1);
  const b = agg(2);
  console.log(
    [
      `configurations per CPU-second (whole process, command start to end): 1 worker ${(a.configs / a.cpu).toFixed(2)}, 2 workers ${(b.configs / b.cpu).toFixed(2)}`,
      `  in the sweep threads alone: 1 worker ${(a.configs / a.threadCpu).toFixed(2)}, 2 workers ${(b.configs / b.threadCpu).toFixed(2)} configs per thread CPU-second`,
      `scaling 1 → 2 workers (target ≥ 1.8×):`,
      `  wall: ${(a.sweep / b.sweep).toFixed(2)}× on the jobs' wall time, ${(a.total / b.total).toFixed(2)}× for the whole command`,
      `  CPU: ${(b.cpu / b.total / (a.cpu / a.total)).toFixed(2)}× the cores kept busy (${(a.cpu / a.total).toFixed(2)} → ${(b.cpu / b.total).toFixed(2)}); ` +
        `CPU per config ${((b.cpu / a.cpu) * 100 - 100).toFixed(1)}% with 2 workers (0% = parallel work costs nothing extra)`,
      `  per-job wall time ${((a.jobs / a.configs) * 1000).toFixed(0)} ms with 1 worker, ${((b.jobs / b.configs) * 1000).toFixed(0)} ms with 2 (contention for cores shows here)`,
      `load average at the end ${load()}: with more runnable work than cores the wall-clock scaling is capped by the machine, not the sweep`,
    ].join('\n'),
  );
}
