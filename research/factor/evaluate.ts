import { AlgoError, ErrorCode } from '@algotrader/core';
import type { Panel } from './panel';
import { mean, pearson, spearman, stdev, tStat } from './stats';

export interface EvaluateOptions {
  /** Forward-return horizons in bars (rows of the panel). */
  readonly horizons: readonly number[];
  /** Quantile buckets for the quantile returns (1 = bottom factor values). */
  readonly quantiles: number;
  /** Periods with fewer instruments having both a factor value and a forward return are skipped. */
  readonly minAssets: number;
}

export interface IcSummary {
  readonly horizon: number;
  /** Periods with an IC (enough instruments, some spread). */
  readonly periods: number;
  readonly pearson: IcStats;
  readonly rank: IcStats;
}

export interface IcStats {
  readonly mean: number;
  readonly std: number;
  /** mean / (std / √n) over every period; overlapping windows when horizon > 1 make it too large. */
  readonly t: number;
  /** The same over every horizon-th period only (non-overlapping forward returns). */
  readonly tNonOverlapping: number;
  /** mean / std. */
  readonly ir: number;
}

export interface QuantileSummary {
  readonly horizon: number;
  /** Mean forward return (over `horizon` bars) per quantile, bottom first. */
  readonly meanReturn: readonly number[];
  /** Top minus bottom. */
  readonly spread: number;
}

export interface FactorEvaluation {
  readonly ic: readonly IcSummary[];
  readonly quantiles: readonly QuantileSummary[];
  /** Per-period IC series at the first horizon (time, pearson, rank), for charts. */
  readonly icSeries: { readonly time: number; readonly pearson: number; readonly rank: number }[];
  /** Growth of 1 in each quantile, rebalanced every bar at the 1-bar horizon (bottom first). */
  readonly cumulative: { readonly times: readonly number[]; readonly curves: readonly number[][] };
  /** Mean share of the top quantile replaced from one bar to the next. */
  readonly topTurnover: number;
  /** Mean Spearman correlation of the factor's cross-section with the previous bar's. */
  readonly rankAutocorrelation: number;
}

/** The instruments with a factor value and a forward return at row t, with both values. */
function crossSection(p: Panel, t: number, h: number): { idx: number[]; f: number[]; r: number[] } {
  const idx: number[] = [];
  const f: number[] = [];
  const r: number[] = [];
  for (let k = 0; k < p.instruments.length; k++) {
    const x = p.factor[k]![t]!;
    const c0 = p.close[k]![t]!;
    const c1 = p.close[k]![t + h];
    if (c1 === undefined || !Number.isFinite(x) || !(c0 > 0) || !(c1 > 0)) continue;
    idx.push(k);
    f.push(x);
    r.push(c1 / c0 - 1);
  }
  return { idx, f, r };
}

/** Bucket (0-based) of each member by factor value, ascending; ties broken by instrument order. */
function buckets(f: readonly number[], q: number): number[] {
  const order = f.map((_, i) => i).sort((a, b) => f[a]! - f[b]! || a - b);
  const out = new Array<number>(f.length);
  order.forEach((i, pos) => {
    out[i] = Math.floor((pos * q) / f.length);
  });
  return out;
}

function icStats(values: readonly number[], h: number): IcStats {
  const sparse = values.filter((_, i) => i % h === 0);
  const m = mean(values);
  const s = stdev(values);
  return { mean: m, std: s, t: tStat(values), tNonOverlapping: tStat(sparse), ir: m / s };
}

/**
 * Information coefficients (Pearson and rank) per period and horizon, with mean, t-stat and decay
 * over the horizons; quantile returns; top-quantile turnover. Period t uses the factor at row t's
 * close and the return from that close to the close h rows later: nothing after t enters the factor.
 */
export function evaluateFactor(p: Panel, o: EvaluateOptions): FactorEvaluation {
  if (o.horizons.length === 0 || o.horizons.some((h) => !Number.isInteger(h) || h < 1)) {
    throw new AlgoError(ErrorCode.InvalidArgument, `horizons must be integers >= 1, got ${o.horizons}`);
  }
  if (!Number.isInteger(o.quantiles) || o.quantiles < 2) {
    throw new AlgoError(ErrorCode.InvalidArgument, `quantiles must be an integer >= 2, got ${o.quantiles}`);
  }
  if (o.minAssets < Math.max(3, o.quantiles)) {
    throw new AlgoError(
      ErrorCode.InvalidArgument,
      `minAssets must be at least 3 and at least the number of quantiles, got ${o.minAssets}`,
    );
  }
  const n = p.times.length;
  const ic: IcSummary[] = [];
  const quantiles: QuantileSummary[] = [];
  const icSeries: FactorEvaluation['icSeries'] = [];
  for (const [hi, h] of o.horizons.entries()) {
    const ps: number[] = [];
    const rs: number[] = [];
    const qSum = new Float64Array(o.quantiles);
    let qPeriods = 0;
    for (let t = 0; t + h < n; t++) {
      const cs = crossSection(p, t, h);
      if (cs.idx.length < o.minAssets) continue;
      const pc = pearson(cs.f, cs.r);
      const rc = spearman(cs.f, cs.r);
      if (Number.isNaN(pc) || Number.isNaN(rc)) continue;
      ps.push(pc);
      rs.push(rc);
      if (hi === 0) icSeries.push({ time: p.times[t]!, pearson: pc, rank: rc });
      const b = buckets(cs.f, o.quantiles);
      const sum = new Float64Array(o.quantiles);
      const cnt = new Float64Array(o.quantiles);
      b.forEach((q, i) => {
        sum[q]! += cs.r[i]!;
        cnt[q]! += 1;
      });
      for (let q = 0; q < o.quantiles; q++) qSum[q]! += sum[q]! / cnt[q]!;
      qPeriods++;
    }
    ic.push({ horizon: h, periods: ps.length, pearson: icStats(ps, h), rank: icStats(rs, h) });
    const meanReturn = [...qSum].map((s) => s / qPeriods);
    quantiles.push({ horizon: h, meanReturn, spread: meanReturn[o.quantiles - 1]! - meanReturn[0]! });
  }

  // Growth of 1 per quantile at the 1-bar horizon, and top-quantile turnover.
  const curves = Array.from({ length: o.quantiles }, () => [1]);
  const times: number[] = [n > 0 ? p.times[0]! : 0];
  let prevTop: Set<number> | undefined;
  let prevRanks: Map<number, number> | undefined;
  const turnover: number[] = [];
  const autocorr: number[] = [];
  for (let t = 0; t + 1 < n; t++) {
    const cs = crossSection(p, t, 1);
    if (cs.idx.length < o.minAssets) continue;
    const b = buckets(cs.f, o.quantiles);
    for (let q = 0; q < o.quantiles; q++) {
      const members = cs.r.filter((_, i) => b[i] === q);
      const curve = curves[q]!;
      curve.push(curve[curve.length - 1]! * (1 + mean(members)));
    }
    times.push(p.times[t + 1]!);
    const top = new Set(cs.idx.filter((_, i) => b[i] === o.quantiles - 1));
    if (prevTop) {
      let fresh = 0;
      for (const k of top) if (!prevTop.has(k)) fresh++;
      turnover.push(fresh / top.size);
    }
    prevTop = top;
    const now = new Map(cs.idx.map((k, i) => [k, cs.f[i]!]));
    if (prevRanks) {
      const common = cs.idx.filter((k) => prevRanks!.has(k));
      if (common.length >= 3) {
        const rc = spearman(
          common.map((k) => now.get(k)!),
          common.map((k) => prevRanks!.get(k)!),
        );
        if (!Number.isNaN(rc)) autocorr.push(rc);
      }
    }
    prevRanks = now;
  }
  return {
    ic,
    quantiles,
    icSeries,
    cumulative: { times, curves },
    topTurnover: mean(turnover),
    rankAutocorrelation: mean(autocorr),
  };
}
