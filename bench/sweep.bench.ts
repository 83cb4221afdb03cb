/**
 * A sweep of 1,000 sma_cross parameter sets over the ten shared 1h symbols (2017–2022, 45k bars
 * each, 352k bar-steps per backtest), through `algotrader sweep` with 1 and then 2 worker threads.
 * Each run is its own process (a clean heap and its own peak RSS). Prints figures, asserts nothing.
 *
 *   npm run bench -- sweep                 the full 1,000 sets (minutes on a shared 2-core box)
 *   npm run bench -- sweep --scale=0.1     100 sets, for a quick look
 *
 * Figures: wall time of the jobs (data loaded, threads started), the speed-up from 1 to 2 workers,
 * process CPU time (all threads), and the peak RSS of the process (main thread, both worker
 * threads, the shared bars).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
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
  best: string;
}

async function child(workers: number): Promise<void> {
  const out: string[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'algotrader-sweep-bench-'));
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
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
    const total = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
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
      best: `fast=${top.params['fast']} slow=${top.params['slow']} sharpe ${top.metrics['sharpe']?.toFixed(3)}`,
    };
    process.stdout.write(`FIGURES ${JSON.stringify(figures)}\n`);
  } finally {
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

if (CHILD) {
  await child(Number(CHILD.slice('--child-workers='.length)));
} else {
  const load = () =>
    loadavg()
      .map((x) => x.toFixed(1))
      .join(' ');
  console.log(`sweep bench: ${availableParallelism()} cores, load average ${load()} (scale ${SCALE})`);
  const results: Figures[] = [];
  for (const workers of [1, 2]) {
    const f = await run(workers);
    results.push(f);
    console.log(
      `${workers} worker${workers > 1 ? 's' : ' '}: ${f.configs} sets × ${(f.barSteps / f.configs / 1e3).toFixed(0)}k bar-steps, ` +
        `jobs ${f.sweepSeconds.toFixed(1)} s wall (${(f.barSteps / f.sweepSeconds / 1e6).toFixed(2)} M bar-steps/s), ` +
        `command ${f.totalSeconds.toFixed(1)} s; Σ job time ${f.jobSeconds.toFixed(1)} s; ` +
        `process CPU ${f.cpuSeconds.toFixed(1)} s (${(f.barSteps / f.cpuSeconds / 1e6).toFixed(2)} M bar-steps per CPU-second, ` +
        `${(f.cpuSeconds / f.totalSeconds).toFixed(2)} cores busy on average); peak RSS ${f.maxRssMb.toFixed(0)} MB; load avg now ${load()}`,
    );
    console.log(`           best: ${f.best}`);
  }
  const [a, b] = results as [Figures, Figures];
  console.log(
    `speed-up 1 → 2 workers: ${(a.sweepSeconds / b.sweepSeconds).toFixed(2)}× on the jobs' wall time ` +
      `(${(a.totalSeconds / b.totalSeconds).toFixed(2)}× for the whole command); ` +
      `per-job time ${((a.jobSeconds / a.configs) * 1000).toFixed(0)} ms with 1 worker, ` +
      `${((b.jobSeconds / b.configs) * 1000).toFixed(0)} ms with 2 (contention for cores shows here)`,
  );
}
