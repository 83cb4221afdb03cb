import {
  ALWAYS_OPEN,
  AlgoError,
  type Annualisation,
  annualisation,
  ErrorCode,
  timeframeMs,
} from '@algotrader/core';
import type { BacktestResult } from './engine';
import type { Fill, Trade } from './trades';

/** 365 days: crypto trades around the clock, every day of the year. */
export const YEAR_MS = 365 * 24 * 3600e3;

/** Bar returns per year for a 24/7 market: YEAR_MS / bar length. */
export function periodsPerYear(tfMs: number): number {
  return YEAR_MS / tfMs;
}

export interface EquitySeries {
  /** Point times (bar close times), ascending. */
  readonly time: ArrayLike<number>;
  readonly equity: ArrayLike<number>;
  /** Equity before the first point (the initial cash) and when it stood there (the first bar's open). */
  readonly initialEquity: number;
  readonly startTime: number;
  /** Bar length, for annualisation. */
  readonly tfMs: number;
  /** Periods per year and why; default: bars per 365-day year (24/7). See `annualisation` in core. */
  readonly annualisation?: Annualisation;
  /** Positions value / equity per point; omit when unknown (exposure metrics are then NaN). */
  readonly exposure?: ArrayLike<number>;
}

export interface MetricsOptions {
  /** Annual risk-free rate, e.g. 0.04; default 0. Per bar it is rate / periodsPerYear. */
  readonly riskFreeRate?: number;
  /**
   * Bar returns per year for annualising volatility, Sharpe and Sortino. Default: a 24/7 market
   * (`periodsPerYear(tfMs)`); an exchange with a calendar gives its own, e.g. its trading days
   * per year for daily bars (markets-cn: `SseCalendar.tradingDaysPerYear()`).
   */
  readonly periodsPerYear?: number;
}

export interface Drawdown {
  /** Largest fall from a running peak, as a positive fraction (0.25 = −25%). */
  readonly depth: number;
  /** Time of the peak it fell from (`startTime` if that is the initial equity). */
  readonly start: number;
  /** Time of the lowest point. */
  readonly trough: number;
  /** First time equity is back at the peak, null if it never is. */
  readonly end: number | null;
  /** end − start, or last time − start when not recovered. */
  readonly durationMs: number;
}

export interface EquityMetrics {
  /** How volatility, Sharpe and Sortino were annualised (stated in every summary). */
  readonly annualisation: Annualisation;
  readonly startTime: number;
  readonly endTime: number;
  readonly initialEquity: number;
  readonly finalEquity: number;
  readonly totalReturn: number;
  readonly cagr: number;
  readonly annualVolatility: number;
  readonly sharpe: number;
  readonly sortino: number;
  readonly calmar: number;
  readonly maxDrawdown: Drawdown;
  /** Fraction of points with a position (exposure > 0). */
  readonly exposure: number;
  /** Mean of exposure over the points. */
  readonly avgExposure: number;
  /** `YYYY-MM` (UTC, by bar close time − 1 ms, as the tearsheet) → that month's return, month-end equity over the previous month-end's. */
  readonly monthlyReturns: Readonly<Record<string, number>>;
}

export interface TradeMetrics {
  readonly tradeCount: number;
  readonly winRate: number;
  readonly profitFactor: number;
  readonly expectancy: number;
  readonly avgWin: number;
  readonly avgLoss: number;
  readonly avgHoldingMs: number;
  readonly bestTrade: Trade | null;
  readonly worstTrade: Trade | null;
  readonly maxConsecutiveWins: number;
  readonly maxConsecutiveLosses: number;
}

export interface Metrics extends EquityMetrics, TradeMetrics {
  readonly feesPaid: number;
  /** Σ |fill notional| / mean equity. */
  readonly turnover: number;
}

function mean(xs: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i]!;
  return xs.length === 0 ? Number.NaN : s / xs.length;
}

/** Month of a bar that CLOSES at `closeMs`: a bar closing at 00:00 on the 1st belongs to the month before. */
function monthKey(closeMs: number): string {
  const d = new Date(closeMs - 1);
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** Return, risk and drawdown figures of an equity curve; see the package README for every definition. */
export function equityMetrics(s: EquitySeries, options: MetricsOptions = {}): EquityMetrics {
  const { time, equity, initialEquity, startTime, tfMs } = s;
  const n = equity.length;
  if (n === 0 || time.length !== n || !(initialEquity > 0)) {
    throw new AlgoError(
      ErrorCode.InvalidArgument,
      'metrics need a non-empty curve (time and equity alike) and initial equity > 0',
    );
  }
  const stated = s.annualisation ?? annualisation(ALWAYS_OPEN, tfMs);
  // An explicit periodsPerYear (e.g. A-share trading days) overrides the calendar's, and says so.
  const ann =
    options.periodsPerYear === undefined
      ? stated
      : { periodsPerYear: options.periodsPerYear, basis: `${options.periodsPerYear} periods a year (given)` };
  const P = ann.periodsPerYear;
  const rf = (options.riskFreeRate ?? 0) / P;
  const last = equity[n - 1]!;
  const endTime = time[n - 1]!;

  // Bar returns; the first is against the initial equity.
  const r = new Float64Array(n);
  let prev = initialEquity;
  for (let i = 0; i < n; i++) {
    const e = equity[i]!;
    r[i] = e / prev - 1;
    prev = e;
  }
  const m = mean(r);
  let ss = 0;
  let down = 0;
  for (let i = 0; i < n; i++) {
    ss += (r[i]! - m) ** 2;
    const ex = r[i]! - rf;
    if (ex < 0) down += ex * ex;
  }
  const sd = n > 1 ? Math.sqrt(ss / (n - 1)) : Number.NaN;
  const dd = Math.sqrt(down / n);
  const sharpe = sd > 0 ? ((m - rf) / sd) * Math.sqrt(P) : Number.NaN;
  const sortino = dd > 0 ? ((m - rf) / dd) * Math.sqrt(P) : Number.NaN;

  const totalReturn = last / initialEquity - 1;
  const years = (endTime - startTime) / YEAR_MS;
  const cagr = last <= 0 ? -1 : years > 0 ? (last / initialEquity) ** (1 / years) - 1 : Number.NaN;

  // Max drawdown: running peak from the initial equity.
  let peak = initialEquity;
  let peakTime = startTime;
  let depth = 0;
  let ddStart = startTime;
  let trough = startTime;
  let troughPeak = initialEquity;
  for (let i = 0; i < n; i++) {
    const e = equity[i]!;
    if (e > peak) {
      peak = e;
      peakTime = time[i]!;
    } else {
      const d = 1 - e / peak;
      if (d > depth) {
        depth = d;
        ddStart = peakTime;
        trough = time[i]!;
        troughPeak = peak;
      }
    }
  }
  let end: number | null = null;
  if (depth > 0) {
    for (let i = 0; i < n; i++) {
      if (time[i]! > trough && equity[i]! >= troughPeak) {
        end = time[i]!;
        break;
      }
    }
  }
  const maxDrawdown: Drawdown = {
    depth,
    start: depth > 0 ? ddStart : startTime,
    trough: depth > 0 ? trough : startTime,
    end,
    durationMs: depth > 0 ? (end ?? endTime) - ddStart : 0,
  };

  let invested = 0;
  let expSum = 0;
  const ex = s.exposure;
  if (ex) {
    for (let i = 0; i < n; i++) {
      if (ex[i]! > 0) invested++;
      expSum += ex[i]!;
    }
  }

  const monthlyReturns: Record<string, number> = {};
  let base = initialEquity;
  // The month's bounds are worked out once per month, not per bar: a bar is in the month when the
  // instant before its close is in [monthStart, monthEnd), which is what monthKey compares.
  let monthStart = Number.NaN;
  let monthEnd = Number.NaN;
  for (let i = 0; i < n; i++) {
    const at = time[i]! - 1;
    if (!(at >= monthStart && at < monthEnd)) {
      const d = new Date(at);
      monthStart = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
      monthEnd = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
    }
    const next = i === n - 1 ? Number.NaN : time[i + 1]! - 1;
    if (!(next >= monthStart && next < monthEnd)) {
      monthlyReturns[monthKey(time[i]!)] = equity[i]! / base - 1;
      base = equity[i]!;
    }
  }

  return {
    annualisation: ann,
    startTime,
    endTime,
    initialEquity,
    finalEquity: last,
    totalReturn,
    cagr,
    annualVolatility: sd * Math.sqrt(P),
    sharpe,
    sortino,
    calmar: depth > 0 ? cagr / depth : Number.NaN,
    maxDrawdown,
    exposure: ex ? invested / n : Number.NaN,
    avgExposure: ex ? expSum / n : Number.NaN,
    monthlyReturns,
  };
}

/** Figures over closed round trips; a win is a trade with pnl > 0, anything else a loss. */
export function tradeMetrics(trades: readonly Trade[]): TradeMetrics {
  let wins = 0;
  let grossWin = 0;
  let grossLoss = 0;
  let holding = 0;
  let best: Trade | null = null;
  let worst: Trade | null = null;
  let runW = 0;
  let runL = 0;
  let maxW = 0;
  let maxL = 0;
  for (const t of trades) {
    holding += t.holdingMs;
    if (t.pnl > 0) {
      wins++;
      grossWin += t.pnl;
      runW++;
      runL = 0;
    } else {
      grossLoss += t.pnl;
      runL++;
      runW = 0;
    }
    if (runW > maxW) maxW = runW;
    if (runL > maxL) maxL = runL;
    if (best === null || t.pnl > best.pnl) best = t;
    if (worst === null || t.pnl < worst.pnl) worst = t;
  }
  const count = trades.length;
  const losses = count - wins;
  return {
    tradeCount: count,
    winRate: count > 0 ? wins / count : Number.NaN,
    profitFactor:
      count === 0
        ? Number.NaN
        : grossLoss < 0
          ? grossWin / -grossLoss
          : grossWin > 0
            ? Number.POSITIVE_INFINITY
            : Number.NaN,
    expectancy: count > 0 ? (grossWin + grossLoss) / count : Number.NaN,
    avgWin: wins > 0 ? grossWin / wins : Number.NaN,
    avgLoss: losses > 0 ? grossLoss / losses : Number.NaN,
    avgHoldingMs: count > 0 ? holding / count : Number.NaN,
    bestTrade: best,
    worstTrade: worst,
    maxConsecutiveWins: maxW,
    maxConsecutiveLosses: maxL,
  };
}

/** Σ fees and Σ |notional| of fills. */
export function fillTotals(fills: readonly Fill[]): { fees: number; notional: number } {
  let fees = 0;
  let notional = 0;
  for (const f of fills) {
    fees += f.fee;
    notional += f.qty * f.price;
  }
  return { fees, notional };
}

/** Every metric of a backtest. */
export function computeMetrics(result: BacktestResult, options: MetricsOptions = {}): Metrics {
  const eq = equityMetrics(
    {
      time: result.equity.time,
      equity: result.equity.equity,
      exposure: result.equity.exposure,
      initialEquity: result.initialCash,
      startTime: result.startTime,
      tfMs: timeframeMs(result.timeframe),
      annualisation: annualisation(result.calendar ?? ALWAYS_OPEN, timeframeMs(result.timeframe)),
    },
    options,
  );
  const totals = fillTotals(result.fills);
  return {
    ...eq,
    ...tradeMetrics(result.trades),
    feesPaid: totals.fees,
    turnover: totals.notional / mean(result.equity.equity),
  };
}
