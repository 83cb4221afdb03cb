import { type BarColumns, emptyColumns, timeframeMs } from '@algotrader/core';
import { createStreamingFeature, type FeatureSpec, featureOutputKeys } from '@algotrader/features';
import type { StrategyHost } from './host';
import type { RollingFeed } from './window';

/** Deterministic bars (a seeded random walk) for tests: ascending 1h bars from `start`. */
export function randomWalkBars(
  n: number,
  seed: number,
  start = 1_700_000_000_000 - (1_700_000_000_000 % 3_600_000),
): BarColumns {
  const cols = emptyColumns(n);
  let s = seed >>> 0;
  const rand = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
  let price = 100;
  for (let i = 0; i < n; i++) {
    const open = price;
    const close = Math.max(1, open * (1 + (rand() - 0.5) * 0.04));
    cols.openTime[i] = start + i * timeframeMs('1h');
    cols.open[i] = open;
    cols.close[i] = close;
    cols.high[i] = Math.max(open, close) * (1 + rand() * 0.005);
    cols.low[i] = Math.min(open, close) * (1 - rand() * 0.005);
    cols.volume[i] = 10 + rand() * 100;
    price = close;
  }
  return cols;
}

/**
 * What the live feature-engine publishes for one instrument, bar by bar: each declared feature
 * streamed (`createStreamingFeature`) and its outputs flattened by `featureOutputKeys`.
 */
export function streamedFeatureRecords(
  specs: readonly FeatureSpec[],
  bars: BarColumns,
): Record<string, number>[] {
  const features = specs.map((s) => ({ f: createStreamingFeature(s), keys: featureOutputKeys(s) }));
  const out: Record<string, number>[] = [];
  for (let i = 0; i < bars.openTime.length; i++) {
    const bar = barRow(bars, i);
    const rec: Record<string, number> = {};
    for (const { f, keys } of features) {
      f.update(bar);
      const values = f.values as Record<string, number>;
      keys.forEach((key, j) => {
        rec[key] = values[f.outputs[j]!]!;
      });
    }
    out.push(rec);
  }
  return out;
}

/**
 * Bar `i` of `bars` to instrument `k` of a live host, as the strategy-runner hands it over: the
 * row into its rolling window, `record` (its streamed features) into `host.features[k]`.
 */
export function feedBar(
  feed: RollingFeed,
  host: StrategyHost,
  k: number,
  bars: BarColumns,
  i: number,
  record: Record<string, number> | undefined,
): void {
  feed.push(barRow(bars, i));
  if (record) host.features[k]!.setFrom(record);
  host.updated[k] = 1;
}

/** Row `i` of `bars` as one bar. */
export function barRow(bars: BarColumns, i: number) {
  return {
    openTime: bars.openTime[i]!,
    open: bars.open[i]!,
    high: bars.high[i]!,
    low: bars.low[i]!,
    close: bars.close[i]!,
    volume: bars.volume[i]!,
  };
}
