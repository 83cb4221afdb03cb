import { AlgoError, ErrorCode } from '@algotrader/core';
import type { FillModelInput } from '@algotrader/portfolio';
import { type AnyStrategy, decisionKey } from '@algotrader/strategy';
import { type BacktestData, truncateBars } from './data';
import { type BacktestResult, runBacktest } from './engine';

/**
 * Builds a strategy from the data it will run on: how research code that precomputes features
 * over a whole data set looks. The look-ahead check calls it once per (truncated) run.
 */
export type StrategyFactory = (data: BacktestData) => AnyStrategy;

export interface LookaheadOptions {
  /** Number of truncation points, spread evenly from 20% to 95% of the run (default 8). */
  readonly cuts?: number;
  readonly initialCash?: number;
  readonly fillModel?: FillModelInput;
}

export interface LookaheadViolation {
  /** Close time the data was truncated at. */
  readonly cut: number;
  /** Decision time whose decisions differ. */
  readonly time: number;
  /** Decisions at `time` with all the data, and with the data truncated at `cut` ('' = none). */
  readonly full: string;
  readonly truncated: string;
}

export interface LookaheadReport {
  /** True when no decision at any time t ≤ cut changed because later bars were removed. */
  readonly ok: boolean;
  readonly cuts: readonly number[];
  /** Decision times compared, over all cuts. */
  readonly compared: number;
  readonly violations: readonly LookaheadViolation[];
}

function decisionsByTime(r: BacktestResult): Map<number, string> {
  const m = new Map<number, string>();
  for (const { time, decision } of r.decisions) {
    const k = decisionKey(decision);
    const prev = m.get(time);
    m.set(time, prev === undefined ? k : `${prev}; ${k}`);
  }
  return m;
}

/**
 * Runs the strategy on the full data, then on the data truncated after each of several close
 * times (fresh copies: the truncated run cannot reach later bars through any buffer), and reports
 * every decision time t ≤ cut whose decisions differ. A strategy that only sees what its API shows
 * cannot differ: at time t both runs have seen exactly the same bars. A strategy that reaches
 * later data some other way (here: a factory precomputing from the data set) is flagged.
 */
export function lookaheadCheck(
  strategy: AnyStrategy | StrategyFactory,
  params: unknown,
  data: BacktestData,
  options: LookaheadOptions = {},
): LookaheadReport {
  const make = typeof strategy === 'function' ? strategy : () => strategy;
  const nCuts = options.cuts ?? 8;
  if (!Number.isSafeInteger(nCuts) || nCuts < 1) {
    throw new AlgoError(ErrorCode.InvalidArgument, `cuts must be an integer >= 1, got ${nCuts}`);
  }
  const run = (d: BacktestData): BacktestResult =>
    runBacktest({
      strategy: make(d),
      params,
      data: d,
      initialCash: options.initialCash ?? 100_000,
      ...(options.fillModel === undefined ? {} : { fillModel: options.fillModel }),
    });
  const full = run(data);
  const fullByTime = decisionsByTime(full);
  const times = full.equity.time;
  // Cut points spread over the run (not at its very start, where nothing is warm yet).
  const cuts: number[] = [];
  for (let j = 1; j <= nCuts; j++) {
    const idx = Math.floor((times.length - 1) * (0.1 + (0.85 * j) / nCuts));
    const t = times[idx];
    if (t !== undefined && !cuts.includes(t)) cuts.push(t);
  }
  const violations: LookaheadViolation[] = [];
  let compared = 0;
  for (const cut of cuts) {
    const truncated: BacktestData = {
      timeframe: data.timeframe,
      // An instrument with no bar before the cut stays listed (empty), so the universe is unchanged.
      series: data.series.map((s) => ({ ...s, bars: truncateBars(s.bars, data.timeframe, cut) })),
    };
    const part = decisionsByTime(run(truncated));
    const at = new Set<number>();
    for (const t of fullByTime.keys()) if (t <= cut) at.add(t);
    for (const t of part.keys()) at.add(t);
    for (const t of [...at].sort((a, b) => a - b)) {
      compared++;
      const f = fullByTime.get(t) ?? '';
      const p = part.get(t) ?? '';
      if (f !== p) violations.push({ cut, time: t, full: f, truncated: p });
    }
  }
  return { ok: violations.length === 0, cuts, compared, violations };
}
