import { formatInstrument, type Instrument } from '@algotrader/core';
import type { AccountFill, HoldingsSnapshot } from '@algotrader/pipeline/domain';
import { Account, DAY_MS, instrumentSpec } from '@algotrader/portfolio';

/**
 * /performance and /profit: the account's fills replayed through the one `Account`
 * (@algotrader/portfolio) for realised P&L, and its own position snapshots (the router's Account
 * computed equity, day-start equity and daily P&L) for equity and the daily breakdown. Pure: the
 * notifier reads the fills and snapshots from EXEC and hands them in.
 */

/** One round trip: from flat to flat again (or still open). */
interface Trip {
  realized: number;
  fees: number;
}

export interface InstrumentPerformance {
  readonly instrument: string;
  /** Realised P&L net of every fee paid on the instrument, quote currency. */
  readonly realized: number;
  readonly fees: number;
  /** Round trips closed (from flat back to flat). */
  readonly trades: number;
  /** Closed round trips whose P&L after fees was above zero. */
  readonly wins: number;
  readonly fills: number;
  /** Quantity still held. */
  readonly openQty: number;
}

export interface PerformanceReport {
  /** Best first. */
  readonly rows: readonly InstrumentPerformance[];
  readonly fills: number;
  readonly firstMs: number | undefined;
  readonly lastMs: number | undefined;
  /** Fills that do not fit an account built from the fills alone (e.g. a sell of a holding adopted at start). */
  readonly unmatched: readonly AccountFill[];
  /** Fees in a currency that is neither the base nor the quote: counted as zero. */
  readonly otherFees: number;
}

/** One fill's effect on realised P&L (net of its fee), as the account booked it. */
export interface BookedFill {
  readonly fill: AccountFill;
  readonly realized: number;
  readonly fee: number;
  /** True when this fill brought the position back to flat. */
  readonly closesTrip: boolean;
  /** The closed round trip's P&L after fees (only when `closesTrip`). */
  readonly tripPnl?: number;
}

/**
 * Replays fills in time order through an Account (fine lot grid, as much cash as they need: only
 * per-instrument realised P&L and fees are read from it). A fee in the base coin (OKX spot buys)
 * is taken from the units at the fill price, one in the quote currency is a fee — as the
 * order-router books them (apps/order-router/src/book.ts).
 */
export function bookFills(fills: readonly AccountFill[]): {
  booked: BookedFill[];
  unmatched: AccountFill[];
  otherFees: number;
  account: Account;
} {
  const sorted = [...fills].sort((a, b) => a.timeMs - b.timeMs);
  const instruments = new Map<string, Instrument>();
  for (const f of sorted) instruments.set(formatInstrument(f.instrument), f.instrument);
  const account = Account.open({
    initialCash: 1e15,
    specs: [...instruments.values()].map((i) => instrumentSpec(i)),
  });
  const trips = new Map<number, Trip>();
  const booked: BookedFill[] = [];
  const unmatched: AccountFill[] = [];
  let otherFees = 0;
  for (const f of sorted) {
    const k = account.require(f.instrument);
    const before = account.position(k);
    let qty = f.qty;
    let fee = 0;
    if (f.fee > 0 && f.feeCurrency === f.instrument.base) {
      qty = f.side === 'buy' ? f.qty - f.fee : f.qty + f.fee;
      fee = f.fee * f.price;
    } else if (f.feeCurrency === f.instrument.quote || f.fee === 0) {
      fee = f.fee;
    } else {
      otherFees += 1;
    }
    try {
      account.applyFill(k, f.side, qty, f.price, fee);
    } catch {
      unmatched.push(f);
      continue;
    }
    const after = account.position(k);
    const realized = after.realizedPnl - before.realizedPnl;
    const trip = trips.get(k) ?? { realized: 0, fees: 0 };
    trip.realized += realized;
    trip.fees += fee;
    trips.set(k, trip);
    const closesTrip = before.qty > 0 && after.qty === 0;
    if (closesTrip) {
      trips.delete(k);
      booked.push({ fill: f, realized, fee, closesTrip, tripPnl: trip.realized - trip.fees });
    } else {
      booked.push({ fill: f, realized, fee, closesTrip });
    }
  }
  return { booked, unmatched, otherFees, account };
}

export function performanceOf(fills: readonly AccountFill[]): PerformanceReport {
  const { booked, unmatched, otherFees, account } = bookFills(fills);
  const per = new Map<string, { trades: number; wins: number; fills: number }>();
  for (const b of booked) {
    const key = formatInstrument(b.fill.instrument);
    const r = per.get(key) ?? { trades: 0, wins: 0, fills: 0 };
    r.fills += 1;
    if (b.closesTrip) {
      r.trades += 1;
      if ((b.tripPnl ?? 0) > 0) r.wins += 1;
    }
    per.set(key, r);
  }
  const rows: InstrumentPerformance[] = [];
  for (const [key, r] of per) {
    const p = account.position(account.require(key));
    rows.push({
      instrument: key,
      realized: p.realizedPnl - p.fees,
      fees: p.fees,
      trades: r.trades,
      wins: r.wins,
      fills: r.fills,
      openQty: p.qty,
    });
  }
  rows.sort((a, b) => b.realized - a.realized || a.instrument.localeCompare(b.instrument));
  return {
    rows,
    fills: booked.length,
    firstMs: booked[0]?.fill.timeMs,
    lastMs: booked.at(-1)?.fill.timeMs,
    unmatched,
    otherFees,
  };
}

export interface ProfitDay {
  /** `2026-12-05` (UTC). */
  readonly day: string;
  /** The account's daily P&L at the day's last snapshot (equity − day-start equity). */
  readonly pnl: number;
  /** pnl / the day's start equity. */
  readonly ret: number | undefined;
  readonly equity: number;
  readonly fills: number;
}

export interface ProfitReport {
  readonly sinceMs: number | undefined;
  /** Equity when the window began (the first day's start equity), undefined without snapshots. */
  readonly startEquity: number | undefined;
  readonly equity: number | undefined;
  /** equity − startEquity. */
  readonly total: number | undefined;
  readonly ret: number | undefined;
  /** Realised P&L net of fees of the fills in the window. */
  readonly realized: number;
  readonly fees: number;
  /** Σ unrealised P&L of the positions at the latest snapshot. */
  readonly unrealized: number | undefined;
  readonly openPositions: number;
  readonly trades: number;
  readonly wins: number;
  readonly fills: number;
  readonly quote: string;
  readonly asOfMs: number | undefined;
  /** Newest first. */
  readonly days: readonly ProfitDay[];
  readonly unmatched: number;
}

/** The UTC day a snapshot at `timeMs` closes (a bar closing at 00:00 belongs to the day before). */
const dayOfSnapshot = (timeMs: number) => Math.floor((timeMs - 1) / DAY_MS);
const dayLabel = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

/** Start of the window "the last `days` days" at `nowMs`: UTC midnight `days − 1` days before today. */
export function profitSince(nowMs: number, days: number): number {
  return (Math.floor(nowMs / DAY_MS) - (days - 1)) * DAY_MS;
}

/**
 * /profit over the snapshots at or after `sinceMs` (all when undefined). The fills are every fill
 * of the account (the cost of a position bought before the window counts); only those in the
 * window add to its realised figures.
 */
export function profitOf(
  fills: readonly AccountFill[],
  snapshots: readonly HoldingsSnapshot[],
  sinceMs: number | undefined,
): ProfitReport {
  const from = sinceMs ?? Number.NEGATIVE_INFINITY;
  const { booked, unmatched } = bookFills(fills);
  let realized = 0;
  let fees = 0;
  let trades = 0;
  let wins = 0;
  let n = 0;
  const fillsByDay = new Map<number, number>();
  for (const b of booked) {
    if (b.fill.timeMs < from) continue;
    n += 1;
    realized += b.realized - b.fee;
    fees += b.fee;
    if (b.closesTrip) {
      trades += 1;
      if ((b.tripPnl ?? 0) > 0) wins += 1;
    }
    const d = Math.floor(b.fill.timeMs / DAY_MS);
    fillsByDay.set(d, (fillsByDay.get(d) ?? 0) + 1);
  }
  const snaps = [...snapshots].filter((s) => s.timeMs >= from).sort((a, b) => a.timeMs - b.timeMs);
  const lastOfDay = new Map<number, HoldingsSnapshot>();
  for (const s of snaps) lastOfDay.set(dayOfSnapshot(s.timeMs), s);
  const days: ProfitDay[] = [...lastOfDay.entries()]
    .sort(([a], [b]) => b - a)
    .map(([day, s]) => {
      const pnl = s.dailyPnl ?? (s.dayStartEquity !== undefined ? s.equity - s.dayStartEquity : 0);
      const start = s.dayStartEquity ?? s.equity - pnl;
      return {
        day: dayLabel(day),
        pnl,
        ret: start > 0 ? pnl / start : undefined,
        equity: s.equity,
        fills: fillsByDay.get(day) ?? 0,
      };
    });
  const first = snaps[0];
  const last = snaps.at(-1);
  const startEquity = first
    ? (first.dayStartEquity ?? (first.dailyPnl !== undefined ? first.equity - first.dailyPnl : first.equity))
    : undefined;
  const total = last && startEquity !== undefined ? last.equity - startEquity : undefined;
  return {
    sinceMs,
    startEquity,
    equity: last?.equity,
    total,
    ret:
      total !== undefined && startEquity !== undefined && startEquity > 0 ? total / startEquity : undefined,
    realized,
    fees,
    unrealized: last ? last.holdings.reduce((a, h) => a + (h.unrealizedPnl ?? 0), 0) : undefined,
    openPositions: last ? last.holdings.filter((h) => h.qty > 0).length : 0,
    trades,
    wins,
    fills: n,
    quote: last?.quote ?? '',
    asOfMs: last?.timeMs,
    days,
    unmatched: unmatched.length,
  };
}

/** `/profit` argument: empty → all, else a whole number of days 1 … 3650; undefined when invalid. */
export function parseProfitDays(arg: string): { days: number | undefined } | undefined {
  const a = arg.trim();
  if (a === '') return { days: undefined };
  if (!/^\d{1,4}$/.test(a)) return undefined;
  const n = Number(a);
  return n >= 1 && n <= 3650 ? { days: n } : undefined;
}
