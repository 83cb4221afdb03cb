import type { BacktestData } from '@algotrader/backtest';
import { AlgoError, ErrorCode, type Instrument } from '@algotrader/core';
import { computeBatchFeature, type FeatureSpec, featureOutputs } from '@algotrader/features';

/**
 * Instruments side by side on one time axis: the union of their bar open times (so "h bars ahead"
 * is h rows: trading days for A-shares, hours for crypto). A row where an instrument has no bar is NaN.
 */
export interface Panel {
  readonly instruments: readonly Instrument[];
  readonly times: Float64Array;
  /** `close[k][t]`. */
  readonly close: readonly Float64Array[];
  /** `factor[k][t]`: known at row t's close. */
  readonly factor: readonly Float64Array[];
}

/**
 * Parses `kind:period[:output]` (e.g. `roc:24`, `volatility:48`, `bollinger:20:upper`) or a JSON
 * feature spec; any feature the registry knows.
 */
export function parseFactor(text: string): { spec: FeatureSpec; output: string } {
  const t = text.trim();
  let spec: FeatureSpec;
  let output: string | undefined;
  if (t.startsWith('{')) {
    const { output: o, ...rest } = JSON.parse(t) as FeatureSpec & { output?: string };
    spec = rest as FeatureSpec;
    output = o;
  } else {
    const [kind, period, out] = t.split(':');
    if (!kind || !period || !/^\d+$/.test(period)) {
      throw new AlgoError(
        ErrorCode.InvalidArgument,
        `factor "${text}": expected kind:period[:output], e.g. roc:24, or a JSON feature spec`,
      );
    }
    spec = { kind, period: Number(period) } as FeatureSpec;
    output = out;
  }
  const outputs = featureOutputs(spec) as readonly string[];
  const chosen = output ?? outputs[0]!;
  if (!outputs.includes(chosen)) {
    throw new AlgoError(
      ErrorCode.InvalidArgument,
      `factor "${text}": output "${chosen}" is not one of ${outputs.join(', ')}`,
    );
  }
  return { spec, output: chosen };
}

/** Builds the panel, computing the feature on each instrument's own bars (batch form of the live feature). */
export function buildPanel(data: BacktestData, spec: FeatureSpec, output: string): Panel {
  const all = new Set<number>();
  for (const s of data.series) for (const t of s.bars.openTime) all.add(t);
  const times = Float64Array.from([...all].sort((a, b) => a - b));
  const row = new Map<number, number>();
  for (let i = 0; i < times.length; i++) row.set(times[i]!, i);
  const close: Float64Array[] = [];
  const factor: Float64Array[] = [];
  for (const s of data.series) {
    const c = new Float64Array(times.length).fill(Number.NaN);
    const f = new Float64Array(times.length).fill(Number.NaN);
    const values = (computeBatchFeature(spec, s.bars) as Record<string, Float64Array>)[output]!;
    const t = s.bars.openTime;
    for (let i = 0; i < t.length; i++) {
      const r = row.get(t[i]!)!;
      c[r] = s.bars.close[i]!;
      f[r] = values[i]!;
    }
    close.push(c);
    factor.push(f);
  }
  return { instruments: data.series.map((s) => s.instrument), times, close, factor };
}
