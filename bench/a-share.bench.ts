/**
 * China A-shares: parsing the bundled files (the raw Moutai file, 4,071 rows; the untouched
 * AKShare export, 1,954 rows) and a backtest of `sma_cross` on Moutai 2005–2021 with the A-share
 * rules (T+1, price limits, suspensions, fee schedule) against the same run without them.
 * Prints figures, asserts nothing; CPU time is steadier than wall time on a shared machine.
 *
 *   npm run bench -- a-share [--runs=20]
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { gunzipSync } from 'node:zlib';
import { runBacktest } from '@algotrader/backtest';
import { aShare, aShareRules, aShareSpec, parseCnBars } from '@algotrader/markets-cn';
import { loadBundledCn } from '@algotrader/markets-cn/node';
import { smaCross } from '@algotrader/strategy';
import { bundledData } from '@algotrader/testkit';

const RUNS = Number(process.argv.find((a) => a.startsWith('--runs='))?.slice(7) ?? '20') || 20;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function measure(label: string, rows: number, fn: () => unknown): void {
  for (let i = 0; i < 3; i++) fn(); // JIT warm-up
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    fn();
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  const w = median(wall);
  console.log(
    `${label.padEnd(44)} ${rows.toLocaleString('en-US').padStart(6)} rows  wall ${w.toFixed(2).padStart(7)} ms (median of ${RUNS})  cpu ${median(cpu).toFixed(2).padStart(7)} ms  ${Math.round(rows / (w / 1000)).toLocaleString('en-US')} rows/s`,
  );
}

const text = (f: string) => gunzipSync(readFileSync(bundledData(f))).toString('utf8');
const raw = text('cn/cn_600519_1d.csv.gz');
const ak = text('cn/cn_600519_1d_akshare_qfq_original.csv.gz');
measure('parse cn_600519_1d (shared layout)', 4071, () => parseCnBars(raw, 'raw', 'raw'));
measure('parse AKShare export (BOM, Chinese header)', 1954, () => parseCnBars(ak, 'ak', 'qfq'));

const moutai = aShare('SSE:600519');
const bars = loadBundledCn('cn_600519_1d').bars;
const series = [{ instrument: moutai.instrument, bars, spec: aShareSpec(moutai) }];
const run = (withRules: boolean) => () =>
  runBacktest({
    strategy: smaCross,
    params: { fast: 20, slow: 60 },
    data: { timeframe: '1d', series },
    initialCash: 1_000_000,
    fillModel: { fees: { maker: 0.0003, taker: 0.0003 } },
    ...(withRules ? { market: aShareRules({ shares: [moutai], basis: 'raw' }) } : {}),
  });
measure('sma_cross Moutai 1d, A-share rules', bars.openTime.length, run(true));
measure('sma_cross Moutai 1d, no market rules', bars.openTime.length, run(false));
const [l1, l5, l15] = loadavg();
console.log(`load average ${l1!.toFixed(2)} ${l5!.toFixed(2)} ${l15!.toFixed(2)}`);
