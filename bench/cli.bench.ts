/**
 * What a user feels from the command line, whole processes measured side by side (interleaved, so
 * every variant sees the same load): `algotrader --help`, a one-shot `backtest --json` of the
 * bundled BTC/USDT 1h 2017–2022 file (45,024 bars, sma_cross), and `xs_momentum` on the ten bundled
 * 1h symbols with the full report (Parquet + tearsheet). Variants: the bin (the JavaScript build),
 * the TypeScript sources through tsx, and optionally another checkout (`--baseline=DIR`, e.g. the
 * commit before a change, with its own node_modules). Then the phases of a one-shot backtest inside
 * one process, each cold, as a CLI run pays them.
 *
 * CPU time is user+sys of the whole process tree from /usr/bin/time (wall clock on a shared machine
 * says little); the load average is printed before and after. Prints figures, asserts nothing.
 *
 *   npm run bench -- cli [--runs=5] [--baseline=/path/to/other/checkout]
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const repo = resolve(import.meta.dirname, '..');
const RUNS = Number(process.argv.find((a) => a.startsWith('--runs='))?.slice(7) ?? '5') || 5;
const BASELINE = process.argv.find((a) => a.startsWith('--baseline='))?.slice(11);
const TIME = '/usr/bin/time';
const SYMBOLS = ['BTC', 'ETH', 'BNB', 'LTC', 'ADA', 'XRP', 'LINK', 'DOGE', 'SOL', 'AVAX'];

const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');

interface Sample {
  cpu: number;
  wall: number;
  rssMb: number;
  code: number | null;
}

/** Runs `node args` under /usr/bin/time; CPU and peak RSS of the process and its children. */
function timed(args: string[], cwd: string): Promise<Sample> {
  return new Promise((res, rej) => {
    const p = spawn(TIME, ['-f', '@@time %U %S %M %e', process.execPath, ...args], {
      cwd,
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, ALGOTRADER_LOG_LEVEL: 'warn', INFLUX_URL: '' },
    });
    let err = '';
    p.stderr.on('data', (b: Buffer) => {
      err += b.toString();
    });
    p.once('error', rej);
    p.once('close', (code) => {
      const m = /@@time ([\d.]+) ([\d.]+) (\d+) ([\d.]+)/.exec(err);
      if (!m) return rej(new Error(`no timing from /usr/bin/time: ${err.slice(-500)}`));
      if (code !== 0)
        process.stderr.write(`  (exit ${code}: ${err.split('@@time')[0]!.trim().slice(-300)})\n`);
      res({ cpu: Number(m[1]) + Number(m[2]), wall: Number(m[4]), rssMb: Number(m[3]) / 1024, code });
    });
  });
}

interface Variant {
  readonly name: string;
  readonly root: string;
  /** Node arguments that start the CLI of `root`. */
  readonly cli: string[];
}

function variants(): Variant[] {
  const tsx = (root: string) => pathToFileURL(join(root, 'node_modules/tsx/dist/loader.mjs')).href;
  const out: Variant[] = [
    { name: 'bin (build)', root: repo, cli: [join(repo, 'apps/cli/bin/algotrader.mjs')] },
    { name: 'tsx sources', root: repo, cli: ['--import', tsx(repo), join(repo, 'apps/cli/src/main.ts')] },
  ];
  if (BASELINE) {
    const root = resolve(BASELINE);
    out.push({ name: 'baseline bin', root, cli: [join(root, 'apps/cli/bin/algotrader.mjs')] });
  }
  return out;
}

const q = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;

async function compare(
  title: string,
  args: (v: Variant, out: string) => string[],
  only?: (v: Variant) => boolean,
): Promise<void> {
  const vs = variants().filter((v) => only?.(v) ?? true);
  const samples = new Map<string, Sample[]>(vs.map((v) => [v.name, []]));
  const tmp = mkdtempSync(join(tmpdir(), 'algotrader-cli-bench-'));
  try {
    // One untimed run each: a build made on first use, the OS file cache, tsx's transform cache.
    for (const v of vs) await timed([...v.cli, ...args(v, join(tmp, 'warm'))], tmp);
    for (let r = 0; r < RUNS; r++) {
      for (const v of vs)
        samples.get(v.name)!.push(await timed([...v.cli, ...args(v, join(tmp, `r${r}`))], tmp));
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  console.log(`\n${title}  (${RUNS} runs each, interleaved; load ${load()})`);
  for (const v of vs) {
    const s = samples.get(v.name)!;
    const failed = s.filter((x) => x.code !== 0).length;
    console.log(
      `  ${v.name.padEnd(13)} CPU median ${q(
        s.map((x) => x.cpu),
        0.5,
      ).toFixed(2)} s (min ${Math.min(...s.map((x) => x.cpu)).toFixed(2)}, max ${Math.max(
        ...s.map((x) => x.cpu),
      ).toFixed(2)})   wall median ${q(
        s.map((x) => x.wall),
        0.5,
      ).toFixed(2)} s   peak RSS ${q(
        s.map((x) => x.rssMb),
        0.5,
      ).toFixed(0)} MB${failed ? `   ${failed} FAILED` : ''}`,
    );
  }
}

/** The phases of one cold backtest in this process, as `algotrader backtest` runs them. */
async function phases(): Promise<void> {
  const cpu = () => {
    const c = process.cpuUsage();
    return (c.user + c.system) / 1000;
  };
  const phase: [string, number][] = [];
  let t = cpu();
  const lap = (name: string) => {
    const now = cpu();
    phase.push([name, now - t]);
    t = now;
  };
  const { readCsvBars } = await import('@algotrader/store/csv');
  const { parseInstrument } = await import('@algotrader/core');
  const { runBacktest, computeMetrics } = await import('@algotrader/backtest');
  const { smaCross } = await import('@algotrader/strategy');
  const { FillModelSchema } = await import('@algotrader/portfolio');
  const { buildSummary, fillJson, writeReport } = await import('@algotrader/report');
  lap('imports (through tsx here; the build loads faster)');
  const bars = await readCsvBars(join(repo, 'data/ohlcv/binance_BTC-USDT_1h_2017-2022.csv.gz'));
  lap(`read CSV.gz (${bars.openTime.length} bars)`);
  const data = {
    timeframe: '1h' as const,
    series: [{ instrument: parseInstrument('BINANCE:BTC/USDT'), bars }],
  };
  const fillModel = FillModelSchema.parse({ fees: { maker: 0.001, taker: 0.001 } });
  const result = runBacktest({
    strategy: smaCross,
    params: { fast: 20, slow: 50 },
    data,
    initialCash: 10_000,
    fillModel,
  });
  lap(`engine, cold JIT (${result.barSteps} bar-steps, ${result.fills.length} fills)`);
  const metrics = computeMetrics(result);
  lap('metrics');
  const run = { runId: 'bench', createdAt: 0, dataSource: 'bundled', fillModel, command: 'bench' };
  const json = JSON.stringify({
    summary: buildSummary(result, metrics, run),
    fills: result.fills.map(fillJson),
  });
  lap(`--json document (${(json.length / 1024).toFixed(0)} KB)`);
  const dir = mkdtempSync(join(tmpdir(), 'algotrader-phases-'));
  try {
    await writeReport(dir, { result, metrics, data, run });
    lap('full report (DuckDB load + 3 Parquet files + tearsheet)');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(`\nphases of one cold sma_cross backtest in one process (CPU ms; load ${load()})`);
  for (const [name, ms] of phase) console.log(`  ${ms.toFixed(0).padStart(6)} ms  ${name}`);
}

console.log(
  `cli bench: load average ${load()}, node ${process.version}${BASELINE ? `, baseline ${BASELINE}` : ''}`,
);
if (!existsSync(TIME)) {
  console.log(`${TIME} is missing (Debian package "time"): whole-process figures skipped`);
} else {
  const btc = join(repo, 'data/ohlcv/binance_BTC-USDT_1h_2017-2022.csv.gz');
  await compare('algotrader --help', () => ['--help']);
  await compare(
    'algotrader backtest --strategy sma_cross, BTC/USDT 1h 2017-2022 (45,024 bars), --json',
    () => [
      'backtest',
      '--strategy',
      'sma_cross',
      '--data',
      btc,
      '--symbols',
      'BTC/USDT',
      '--tf',
      '1h',
      '--json',
    ],
  );
  await compare(
    `algotrader backtest --strategy xs_momentum, ${SYMBOLS.length} symbols 1h 2017-2022, full report (--out)`,
    (_v, out) => [
      'backtest',
      '--strategy',
      'xs_momentum',
      '--data',
      join(repo, 'data/ohlcv'),
      '--symbols',
      SYMBOLS.map((s) => `${s}/USDT`).join(','),
      '--tf',
      '1h',
      '--out',
      out,
    ],
    (v) => v.name !== 'tsx sources',
  );
}
await phases();
console.log(`\nload average at the end: ${load()}`);
