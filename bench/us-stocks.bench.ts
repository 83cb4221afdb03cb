/**
 * US stocks: the cost of the session calendar and of a session-aware backtest, one thread.
 * - NYSE sessions computed from the rules for 1995–2030 (cold: holiday tables built; warm: cached);
 * - expected-bar counting (validateBars with the calendar) on SPY's daily history;
 * - sma_cross on SPY/AAPL/MSFT daily 1999–2023 (17.6k bar steps) with IBKR fixed commissions,
 *   with the NYSE calendar and without (24/7), to show what the session hooks cost.
 * Prints figures, asserts nothing.
 *
 *   npm run bench -- us-stocks [--runs=20]
 */
import { loadavg } from 'node:os';
import { runBacktest } from '@algotrader/backtest';
import { ALWAYS_OPEN, NYSE, type TradingCalendar } from '@algotrader/core';
import { US_STOCK_SPEC } from '@algotrader/portfolio';
import {
  adjustForSplits,
  BUNDLED_US_DATASETS,
  readCorporateActions,
  readUsDataset,
  validateBars,
} from '@algotrader/store';
import { smaCross } from '@algotrader/strategy';
import { bundledData } from '@algotrader/testkit';

const RUNS = Number(process.argv.find((a) => a.startsWith('--runs='))?.slice(7) ?? '20') || 20;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function timed<T>(fn: () => T): { wall: number; cpu: number; out: T } {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const out = fn();
  const wall = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { wall, cpu: (c.user + c.system) / 1000, out };
}

function repeat<T>(label: string, fn: () => T, unit: (out: T) => string): void {
  for (let i = 0; i < 3; i++) fn();
  const wall: number[] = [];
  const cpu: number[] = [];
  let out: T | undefined;
  for (let i = 0; i < RUNS; i++) {
    const r = timed(fn);
    wall.push(r.wall);
    cpu.push(r.cpu);
    out = r.out;
  }
  console.log(
    `${label.padEnd(44)} median ${median(wall).toFixed(2).padStart(8)} ms wall, ${median(cpu).toFixed(2).padStart(8)} ms CPU  ${unit(out!)}`,
  );
}

const cold = timed(() => NYSE.sessions(Date.UTC(1995, 0, 1), Date.UTC(2030, 11, 31)).length);
console.log(
  `NYSE sessions 1995–2030, cold                 ${cold.wall.toFixed(2)} ms wall, ${cold.cpu.toFixed(2)} ms CPU  (${cold.out} sessions)`,
);
repeat(
  'NYSE sessions 1995–2030, warm',
  () => NYSE.sessions(Date.UTC(1995, 0, 1), Date.UTC(2030, 11, 31)).length,
  (n) => `(${n} sessions)`,
);

const actions = await readCorporateActions(bundledData('us/corporate_actions.csv'));
const daily = await Promise.all(
  ['us_SPY_1d.csv.gz', 'us_AAPL_1d.csv.gz', 'us_MSFT_1d.csv.gz'].map(async (f) =>
    adjustForSplits(await readUsDataset(bundledData(`us/${f}`), BUNDLED_US_DATASETS[f]!), actions),
  ),
);
repeat(
  'validateBars SPY 1d with the NYSE calendar',
  () => validateBars(daily[0]!.bars, '1d', { calendar: NYSE, outlier: { kind: 'off' } }).gaps.length,
  (g) => `(${daily[0]!.bars.openTime.length} bars, ${g} gaps)`,
);

const run = (calendar: TradingCalendar) =>
  runBacktest({
    strategy: smaCross,
    params: { fast: 20, slow: 100 },
    data: {
      timeframe: '1d',
      series: daily.map((d) => ({ instrument: d.meta.instrument, bars: d.bars, spec: US_STOCK_SPEC })),
    },
    initialCash: 100_000,
    calendar,
    fillModel: { commission: { kind: 'ibkr_fixed' } },
  });
// Each twice, alternating: the first configuration run in a process pays for JIT warm-up.
for (const [name, cal] of [
  ['NYSE', NYSE],
  ['24/7', ALWAYS_OPEN],
  ['NYSE', NYSE],
  ['24/7', ALWAYS_OPEN],
] as const) {
  repeat(
    `sma_cross SPY+AAPL+MSFT 1d, calendar ${name}`,
    () => run(cal),
    (r) => `(${r.barSteps} bar steps, ${r.fills.length} fills)`,
  );
}
console.log(
  `load average ${loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')}`,
);
