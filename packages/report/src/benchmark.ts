/**
 * Buy-and-hold benchmarks on the equity curve's time grid: the initial cash put into one
 * instrument at its first bar's open (per instrument), or split equally over every instrument
 * with bars, each bought at its own first open and never rebalanced (equal weight). No fees, no
 * slippage: what the market did, not what a strategy could have made.
 */
import type { BacktestData } from '@algotrader/backtest';
import { formatInstrument, timeframeMs } from '@algotrader/core';

export interface BenchmarkCurve {
  readonly name: string;
  /** Value at each point of the run's equity curve, in quote units. */
  readonly value: Float64Array;
  /** Last value / initial cash − 1. */
  readonly totalReturn: number;
}

export interface Benchmarks {
  /** One per instrument with bars, in the universe order. */
  readonly instruments: readonly BenchmarkCurve[];
  /** Equal weight over those instruments; null without any bars. */
  readonly equalWeight: BenchmarkCurve | null;
}

/**
 * Value of `cash` held in instrument `k` at each of `time` (bar close times): cash until its first
 * bar closes, then cash × last close / first open.
 */
function holdCurve(time: ArrayLike<number>, data: BacktestData, k: number, cash: number): Float64Array {
  const { openTime, open, close } = data.series[k]!.bars;
  const tf = timeframeMs(data.timeframe);
  const out = new Float64Array(time.length);
  const p0 = open[0]!;
  let j = -1;
  for (let i = 0; i < time.length; i++) {
    const t = time[i]!;
    while (j + 1 < openTime.length && openTime[j + 1]! + tf <= t) j++;
    out[i] = j < 0 ? cash : (cash * close[j]!) / p0;
  }
  return out;
}

/**
 * The last curves computed for a time grid: the CLI's per-instrument table and the tearsheet ask for
 * the same run's benchmarks, and the second asker gets the first one's (read-only) curves.
 */
const computed = new WeakMap<object, { data: BacktestData; initialCash: number; benchmarks: Benchmarks }>();

export function buyAndHold(time: ArrayLike<number>, data: BacktestData, initialCash: number): Benchmarks {
  const hit = computed.get(time);
  if (hit && hit.data === data && Object.is(hit.initialCash, initialCash)) return hit.benchmarks;
  const benchmarks = computeBuyAndHold(time, data, initialCash);
  computed.set(time, { data, initialCash, benchmarks });
  return benchmarks;
}

function computeBuyAndHold(time: ArrayLike<number>, data: BacktestData, initialCash: number): Benchmarks {
  const n = time.length;
  const listed = data.series.map((_, k) => k).filter((k) => data.series[k]!.bars.openTime.length > 0);
  const ret = (v: Float64Array) => (n > 0 ? v[n - 1]! / initialCash - 1 : 0);
  const instruments = listed.map((k) => {
    const value = holdCurve(time, data, k, initialCash);
    return { name: formatInstrument(data.series[k]!.instrument), value, totalReturn: ret(value) };
  });
  if (instruments.length === 0) return { instruments, equalWeight: null };
  const ew = new Float64Array(n);
  // Each instrument's curve scales linearly with the cash put in: a 1/K share of each one.
  for (const b of instruments) for (let i = 0; i < n; i++) ew[i]! += b.value[i]! / instruments.length;
  return {
    instruments,
    equalWeight: { name: 'Equal weight', value: ew, totalReturn: ret(ew) },
  };
}
