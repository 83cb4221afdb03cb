/**
 * Per-instrument and per-exit-reason tables, computed from the run's fills, trades and equity
 * grid (the backtest does not keep per-instrument series).
 */
import type { BacktestData, BacktestResult, Fill, Trade } from '@algotrader/backtest';
import { formatInstrument } from '@algotrader/core';
import type { FillModelConfig } from '@algotrader/portfolio';

export interface InstrumentRow {
  readonly instrument: string;
  readonly fills: number;
  /** Closed round trips. */
  readonly trades: number;
  /** Share of closed trades with pnl > 0; NaN without trades. */
  readonly winRate: number;
  /** Σ pnl of the closed trades (fees included). */
  readonly realisedPnl: number;
  /**
   * What the instrument added to equity: Σ sell notional − Σ buy notional − fees, plus a position
   * still open valued at the last close. NaN when the bars are not at hand to value it.
   */
  readonly netPnl: number;
  readonly fees: number;
  /** Share of the equity curve's points at which the instrument was held. */
  readonly timeInMarket: number;
  /** Units still held at the end. */
  readonly openQty: number;
}

/**
 * When a fill shows in the equity curve: `next_open` fills carry their bar's open time and are
 * booked at that bar's close (the first point after the fill time); `close` fills carry the close
 * time and are booked at that very point.
 */
function booked(fillTime: number, pointTime: number, timing: FillModelConfig['timing']): boolean {
  switch (timing) {
    case 'next_open':
      return fillTime < pointTime;
    case 'close':
      return fillTime <= pointTime;
    default: {
      const never: never = timing;
      throw new Error(`unknown fill timing ${String(never)}`);
    }
  }
}

/**
 * Quantities summed here in floating point leave a residue where the account's books are exactly
 * flat (5,000 ADA bought in three fills and sold in one): within a billionth of the largest fill is flat.
 */
function flat(qty: number, largestFill: number): boolean {
  return Math.abs(qty) <= largestFill * 1e-9;
}

export function instrumentRows(
  result: BacktestResult,
  timing: FillModelConfig['timing'],
  data?: BacktestData,
): InstrumentRow[] {
  const names = result.instruments.map(formatInstrument);
  const index = new Map(names.map((name, k) => [name, k]));
  // Fills and trades share a few instrument objects: each is formatted (and looked up) once.
  const slotOf = new Map<Fill['instrument'], number>();
  const slot = (instrument: Fill['instrument']): number => {
    let k = slotOf.get(instrument);
    if (k === undefined) {
      k = index.get(formatInstrument(instrument)) ?? -1;
      slotOf.set(instrument, k);
    }
    return k;
  };
  const K = names.length;
  const fills = new Int32Array(K);
  const fees = new Float64Array(K);
  const flow = new Float64Array(K);
  const qty = new Float64Array(K);
  const held = new Int32Array(K);
  const pos = new Float64Array(K);
  const scale = new Float64Array(K);
  const time = result.equity.time;
  // Walk the points and the fills (in time order) together, counting the points each instrument is
  // held at (after that point's fills): from the point a position opens to the one it is flat again,
  // added up when it closes (not a pass over every instrument at every point).
  const since = new Int32Array(K);
  let f = 0;
  for (let i = 0; i < time.length; i++) {
    const t = time[i]!;
    while (f < result.fills.length && booked(result.fills[f]!.time, t, timing)) {
      const fl = result.fills[f++]!;
      const k = slot(fl.instrument);
      if (k < 0) continue;
      const wasOpen = pos[k] !== 0;
      pos[k]! += fl.side === 'buy' ? fl.qty : -fl.qty;
      scale[k] = Math.max(scale[k]!, fl.qty);
      if (flat(pos[k]!, scale[k]!)) pos[k] = 0;
      if (!wasOpen && pos[k] !== 0) since[k] = i;
      else if (wasOpen && pos[k] === 0) held[k]! += i - since[k]!;
    }
  }
  for (let k = 0; k < K; k++) if (pos[k] !== 0) held[k]! += time.length - since[k]!;
  for (const fl of result.fills) {
    const k = slot(fl.instrument);
    fills[k]!++;
    fees[k]! += fl.fee;
    const notional = fl.qty * fl.price;
    flow[k]! += (fl.side === 'sell' ? notional : -notional) - fl.fee;
    qty[k]! += fl.side === 'buy' ? fl.qty : -fl.qty;
  }
  const lastClose = names.map((name) => {
    const s = data?.series.find((x) => formatInstrument(x.instrument) === name);
    const c = s?.bars.close;
    return c && c.length > 0 ? c[c.length - 1]! : Number.NaN;
  });
  const tradesOf: Trade[][] = names.map(() => []);
  for (const t of result.trades) tradesOf[slot(t.instrument)]?.push(t);
  return names.map((instrument, k) => {
    const trades = tradesOf[k]!;
    const wins = trades.filter((t) => t.pnl > 0).length;
    const openQty = flat(qty[k]!, scale[k]!) ? 0 : qty[k]!;
    return {
      instrument,
      fills: fills[k]!,
      trades: trades.length,
      winRate: trades.length > 0 ? wins / trades.length : Number.NaN,
      realisedPnl: trades.reduce((s, t) => s + t.pnl, 0),
      netPnl: openQty === 0 ? flow[k]! : flow[k]! + openQty * lastClose[k]!,
      fees: fees[k]!,
      timeInMarket: time.length > 0 ? held[k]! / time.length : Number.NaN,
      openQty,
    };
  });
}

export interface ExitReasonRow {
  readonly reason: string;
  readonly trades: number;
  readonly winRate: number;
  readonly pnl: number;
  readonly avgReturn: number;
  readonly avgHoldingMs: number;
}

/** A trade's exit reason, when the engine tags one (a string `exitReason`); undefined otherwise. */
export function exitReason(t: Trade): string | undefined {
  const r: unknown = (t as { readonly exitReason?: unknown }).exitReason;
  return typeof r === 'string' && r !== '' ? r : undefined;
}

/**
 * Closed trades grouped by exit reason, most trades first; empty when no trade carries a reason
 * (the table is then left out rather than shown with a made-up reason). Trades without a tag in
 * a run where others have one are grouped as `untagged`.
 */
export function exitReasonRows(trades: readonly Trade[]): ExitReasonRow[] {
  if (!trades.some((t) => exitReason(t) !== undefined)) return [];
  const groups = new Map<string, Trade[]>();
  for (const t of trades) {
    const r = exitReason(t) ?? 'untagged';
    const g = groups.get(r);
    if (g) g.push(t);
    else groups.set(r, [t]);
  }
  return [...groups]
    .map(([reason, ts]) => ({
      reason,
      trades: ts.length,
      winRate: ts.filter((t) => t.pnl > 0).length / ts.length,
      pnl: ts.reduce((s, t) => s + t.pnl, 0),
      avgReturn: ts.reduce((s, t) => s + t.return, 0) / ts.length,
      avgHoldingMs: ts.reduce((s, t) => s + t.holdingMs, 0) / ts.length,
    }))
    .sort((a, b) => b.trades - a.trades || a.reason.localeCompare(b.reason));
}
