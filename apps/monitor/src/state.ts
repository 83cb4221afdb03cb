import {
  assertNever,
  expectedBarOpens,
  formatInstrument,
  sessionTimeBetween,
  type TradingCalendar,
} from '@algotrader/core';
import { calendarOfMarket, fillIn, orderEventIn, positionSnapshotIn } from '@algotrader/pipeline/domain';
import type {
  BarMsg,
  FillMsg,
  Heartbeat,
  OrderEvent,
  OrderRequestMsg,
  PositionSnapshot,
  RiskRejection,
} from '@algotrader/proto';
import { pb } from '@algotrader/proto';
import { BoundedMap } from './bounded';
import { ERROR_GAUGES } from './schema';

const REMEMBERED_IDS = 20_000;

export interface StateOptions {
  /** A bar is stale once `now - close > timeframe + barStaleGraceMs`. */
  barStaleGraceMs: number;
  /** A service is down when no instance sent a heartbeat for this long. */
  heartbeatTimeoutMs: number;
  /** Services reported (as down) before their first heartbeat. */
  expectedServices: readonly string[];
  /** When the monitor started observing, ms UTC: processes started later count as restarts. */
  startedMs: number;
}

export interface BarRow {
  instrument: string;
  timeframe: string;
  lastCloseMs: number;
  lagMs: number;
  bars: number;
  missing: number;
  outOfOrder: number;
  stale: boolean;
}

export interface PositionRow {
  instrument: string;
  quantity: number;
  notional: number;
  markPrice: number;
  unrealizedPnl: number;
  exposurePct: number;
}

export interface AccountRow {
  account: string;
  snapshotMs: number;
  equity: number;
  cash: number;
  peakEquity: number;
  drawdown: number;
  dailyPnl: number;
  dailyPnlPct: number;
  grossExposure: number;
  netExposure: number;
  exposurePct: number;
  maxInstrumentExposure: number;
  maxInstrumentExposurePct: number;
  realizedPnl: number;
  unrealizedPnl: number;
  positions: PositionRow[];
}

export interface OrderCounts {
  approved: number;
  riskRejected: number;
  submitted: number;
  filled: number;
  canceled: number;
  brokerRejected: number;
  expired: number;
  fills: number;
  latencySumMs: number;
  latencyCount: number;
  latencyMaxMs: number;
}

export interface OrderRow extends OrderCounts {
  account: string;
}

export interface RejectionRow {
  account: string;
  reason: string;
  count: number;
}

export interface ServiceRow {
  service: string;
  up: boolean;
  /** Since the latest heartbeat of any instance; undefined before the first. */
  ageMs: number | undefined;
  instances: number;
  restarts: number;
  errors: number;
  uptimeMs: number | undefined;
}

/** Everything observed since the previous sample, plus the latest levels. */
export interface MonitorSample {
  timeMs: number;
  bars: BarRow[];
  accounts: AccountRow[];
  orders: OrderRow[];
  rejections: RejectionRow[];
  services: ServiceRow[];
  /** Messages the monitor could not use (missing or non-numeric fields), since the previous sample. */
  invalid: number;
}

interface BarTrack {
  instrument: string;
  timeframe: string;
  tfMs: number;
  /** When the instrument's market trades (IBKR stocks: NYSE): gaps and staleness count only session time. */
  calendar: TradingCalendar;
  lastOpenMs: number;
  lastCloseMs: number;
  bars: number;
  missing: number;
  outOfOrder: number;
}

interface AccountTrack {
  lastSnapshotMs: number;
  row: AccountRow;
}

interface InstanceTrack {
  lastMs: number;
  startedMs: number;
  errorsTotal: number;
}

interface ServiceTrack {
  instances: Map<string, InstanceTrack>;
  restarts: number;
  errors: number;
}

const zeroCounts = (): OrderCounts => ({
  approved: 0,
  riskRejected: 0,
  submitted: 0,
  filled: 0,
  canceled: 0,
  brokerRejected: 0,
  expired: 0,
  fills: 0,
  latencySumMs: 0,
  latencyCount: 0,
  latencyMaxMs: 0,
});

/**
 * The monitor's picture of the system, built from bus messages. Pure: no I/O, no clock (the caller
 * passes `now`). Redelivered messages (at-least-once) are recognised by their business keys and
 * counted once.
 */
export class MonitorState {
  readonly #o: StateOptions;
  readonly #bars = new Map<string, BarTrack>();
  readonly #accounts = new Map<string, AccountTrack>();
  readonly #orders = new Map<string, OrderCounts>();
  readonly #rejections = new Map<string, RejectionRow>();
  readonly #services = new Map<string, ServiceTrack>();
  /** client order id → time of its first order event (the submission), for fill latency. */
  readonly #orderStart = new BoundedMap<string, number>(REMEMBERED_IDS);
  readonly #seen = new BoundedMap<string, true>(REMEMBERED_IDS);
  #invalid = 0;

  constructor(opts: StateOptions) {
    this.#o = opts;
    for (const s of opts.expectedServices) this.#service(s);
  }

  onBar(b: BarMsg): void {
    const venue = b.instrument?.venue;
    const symbol = b.instrument?.symbol;
    const open = Number(b.openTimeMs ?? Number.NaN);
    const close = Number(b.closeTimeMs ?? Number.NaN);
    if (!venue || !symbol || !b.timeframe || !(close > open)) {
      this.#invalid += 1;
      return;
    }
    const instrument = `${venue}:${symbol}`;
    const key = `${instrument}|${b.timeframe}`;
    const t = this.#bars.get(key);
    if (!t) {
      this.#bars.set(key, {
        instrument,
        timeframe: b.timeframe,
        tfMs: close - open,
        calendar: calendarOfMarket(venue),
        lastOpenMs: open,
        lastCloseMs: close,
        bars: 1,
        missing: 0,
        outOfOrder: 0,
      });
      return;
    }
    if (open <= t.lastOpenMs) {
      t.outOfOrder += 1;
      return;
    }
    const skipped = Math.max(0, Math.round((open - t.lastOpenMs) / t.tfMs) - 1);
    // On a session calendar nights, weekends and holidays have no bars: only expected ones are missing.
    t.missing +=
      skipped === 0 || t.calendar.alwaysOpen
        ? skipped
        : expectedBarOpens(t.calendar, t.tfMs, t.lastOpenMs + t.tfMs, open - t.tfMs).length;
    t.lastOpenMs = open;
    t.lastCloseMs = close;
    t.bars += 1;
  }

  /** Reads a message through its codec; one it refuses counts as invalid and changes nothing. */
  #read<M, D>(decode: (m: M) => D, m: M): D | undefined {
    try {
      return decode(m);
    } catch {
      this.#invalid += 1;
      return undefined;
    }
  }

  /**
   * Takes an account's snapshot. Peak, day start, drawdown and daily P&L are the account's own
   * (its Account computed them); a snapshot without them cannot be shown and counts as invalid.
   */
  onPosition(m: PositionSnapshot): void {
    const s = this.#read(positionSnapshotIn, m);
    if (!s) return;
    const { account, timeMs, equity, peakEquity, dayStartEquity, drawdown, dailyPnl } = s;
    if (
      peakEquity === undefined ||
      dayStartEquity === undefined ||
      drawdown === undefined ||
      dailyPnl === undefined
    ) {
      this.#invalid += 1;
      return;
    }
    const prev = this.#accounts.get(account);
    if (prev && timeMs < prev.lastSnapshotMs) return; // an older snapshot delivered late

    const positions: PositionRow[] = [];
    let gross = 0;
    let net = 0;
    let maxExposure = 0;
    let realized = 0;
    let unrealized = 0;
    for (const p of s.holdings) {
      realized += p.realizedPnl ?? 0;
      const upnl = p.unrealizedPnl ?? 0;
      unrealized += upnl;
      if (p.qty === 0) continue;
      const mark = p.mark ?? p.avgPrice ?? 0;
      const notional = p.qty * mark;
      gross += Math.abs(notional);
      net += notional;
      maxExposure = Math.max(maxExposure, Math.abs(notional));
      positions.push({
        instrument: formatInstrument(p.instrument),
        quantity: p.qty,
        notional,
        markPrice: mark,
        unrealizedPnl: upnl,
        exposurePct: ratio(Math.abs(notional), equity),
      });
    }
    const row: AccountRow = {
      account,
      snapshotMs: timeMs,
      equity,
      cash: s.cash,
      peakEquity,
      // A fraction below the peak, as the rules and dashboards read it (the wire's is ≤ 0).
      drawdown: 0 - drawdown,
      dailyPnl,
      dailyPnlPct: ratio(dailyPnl, dayStartEquity),
      grossExposure: gross,
      netExposure: net,
      exposurePct: ratio(gross, equity),
      maxInstrumentExposure: maxExposure,
      maxInstrumentExposurePct: ratio(maxExposure, equity),
      realizedPnl: realized,
      unrealizedPnl: unrealized,
      positions,
    };
    this.#accounts.set(account, { lastSnapshotMs: timeMs, row });
  }

  onApproved(r: OrderRequestMsg): void {
    if (!r.account || !r.clientOrderId) {
      this.#invalid += 1;
      return;
    }
    if (!this.#seen.add(`ap:${r.clientOrderId}:${r.cancel ? 'c' : 'o'}`, true)) return;
    if (!r.cancel) this.#counts(r.account).approved += 1;
  }

  onRejection(r: RiskRejection): void {
    const account = r.order?.account;
    if (!account) {
      this.#invalid += 1;
      return;
    }
    if (!this.#seen.add(`rj:${r.order?.clientOrderId}:${r.timeMs}`, true)) return;
    this.#counts(account).riskRejected += 1;
    const reason = rejectReasonName(r.reason ?? 0);
    const key = `${account}|${reason}`;
    const row = this.#rejections.get(key) ?? { account, reason, count: 0 };
    row.count += 1;
    this.#rejections.set(key, row);
  }

  onOrderEvent(m: OrderEvent): void {
    const e = this.#read(orderEventIn, m);
    if (!e) return;
    const coid = e.clientOrderId;
    if (!this.#seen.add(`oe:${coid}:${e.seq}:${e.status}`, true)) return;
    const first = this.#orderStart.get(coid);
    if (first === undefined || e.timeMs < first) this.#orderStart.set(coid, e.timeMs);
    const c = this.#counts(e.account);
    switch (e.status) {
      case 'submitted':
        c.submitted += 1;
        break;
      case 'accepted':
        // Brokers that acknowledge at once skip SUBMITTED.
        if (e.previous !== 'submitted') c.submitted += 1;
        break;
      case 'filled':
        c.filled += 1;
        break;
      case 'canceled':
        c.canceled += 1;
        break;
      case 'rejected':
        c.brokerRejected += 1;
        break;
      case 'expired':
        c.expired += 1;
        break;
      case 'pending_submit':
      case 'partially_filled':
      case 'pending_cancel':
      case 'unknown':
        break; // in-between states are not outcomes
      default:
        assertNever(e.status, 'order status');
    }
  }

  onFill(m: FillMsg): void {
    const f = this.#read(fillIn, m);
    if (!f) return;
    if (!this.#seen.add(`fl:${f.instrument.venue}:${f.tradeId}`, true)) return;
    const c = this.#counts(f.account);
    c.fills += 1;
    const start = this.#orderStart.get(f.clientOrderId);
    if (start !== undefined && f.timeMs >= start) {
      const latency = f.timeMs - start;
      c.latencySumMs += latency;
      c.latencyCount += 1;
      c.latencyMaxMs = Math.max(c.latencyMaxMs, latency);
    }
  }

  onHeartbeat(h: Heartbeat): void {
    const t = Number(h.timeMs ?? 0);
    if (!h.service || !h.instance || !(t > 0)) {
      this.#invalid += 1;
      return;
    }
    const s = this.#service(h.service);
    const started = Number(h.startedMs ?? 0);
    const errorsTotal = ERROR_GAUGES.reduce((n, g) => n + (finite(h.gauges?.[g]) ?? 0), 0);
    const prev = s.instances.get(h.instance);
    if (prev && t < prev.lastMs) return; // late delivery of an older beat
    const isNewProcess = !prev || prev.startedMs !== started;
    if (isNewProcess && started > this.#o.startedMs) s.restarts += 1;
    if (prev && !isNewProcess) s.errors += Math.max(0, errorsTotal - prev.errorsTotal);
    // A process that started while we watched: all its errors happened in view.
    else if (started > this.#o.startedMs) s.errors += errorsTotal;
    s.instances.set(h.instance, { lastMs: t, startedMs: started, errorsTotal });
  }

  /** The current picture; interval counters restart from zero. */
  sample(nowMs: number): MonitorSample {
    const bars: BarRow[] = [];
    for (const t of this.#bars.values()) {
      // Lag in trading time: a Friday close is not stale over the weekend.
      const lagMs = t.calendar.alwaysOpen
        ? nowMs - t.lastCloseMs
        : sessionTimeBetween(t.calendar, t.lastCloseMs, nowMs);
      bars.push({
        instrument: t.instrument,
        timeframe: t.timeframe,
        lastCloseMs: t.lastCloseMs,
        lagMs,
        bars: t.bars,
        missing: t.missing,
        outOfOrder: t.outOfOrder,
        stale: lagMs > t.tfMs + this.#o.barStaleGraceMs,
      });
      t.bars = 0;
      t.missing = 0;
      t.outOfOrder = 0;
    }
    const accounts = [...this.#accounts.values()].map((a) => a.row);
    const orders = [...this.#orders.entries()].map(([account, c]) => ({ account, ...c }));
    this.#orders.clear();
    const rejections = [...this.#rejections.values()];
    this.#rejections.clear();
    const services: ServiceRow[] = [];
    for (const [service, s] of this.#services) {
      let latest: number | undefined;
      let live = 0;
      let oldestStart: number | undefined;
      for (const [id, i] of s.instances) {
        latest = latest === undefined ? i.lastMs : Math.max(latest, i.lastMs);
        if (nowMs - i.lastMs <= this.#o.heartbeatTimeoutMs) {
          live += 1;
          oldestStart = oldestStart === undefined ? i.startedMs : Math.min(oldestStart, i.startedMs);
        } else if (nowMs - i.lastMs > 10 * this.#o.heartbeatTimeoutMs) {
          s.instances.delete(id); // long gone (a replaced container): forget it
        }
      }
      services.push({
        service,
        up: live > 0,
        ageMs: latest === undefined ? undefined : nowMs - latest,
        instances: live,
        restarts: s.restarts,
        errors: s.errors,
        uptimeMs: oldestStart === undefined ? undefined : nowMs - oldestStart,
      });
      s.restarts = 0;
      s.errors = 0;
    }
    const invalid = this.#invalid;
    this.#invalid = 0;
    return { timeMs: nowMs, bars, accounts, orders, rejections, services, invalid };
  }

  #counts(account: string): OrderCounts {
    let c = this.#orders.get(account);
    if (!c) {
      c = zeroCounts();
      this.#orders.set(account, c);
    }
    return c;
  }

  #service(name: string): ServiceTrack {
    let s = this.#services.get(name);
    if (!s) {
      s = { instances: new Map(), restarts: 0, errors: 0 };
      this.#services.set(name, s);
    }
    return s;
  }
}

/** `MAX_DAILY_LOSS` for REJECT_REASON_MAX_DAILY_LOSS; the number when the enum is newer than us. */
export function rejectReasonName(reason: number): string {
  const name = (pb.RejectReason as unknown as Record<number, string | undefined>)[reason];
  return name ? name.replace(/^REJECT_REASON_/, '') : String(reason);
}

function finite(n: number | undefined): number | undefined {
  return n !== undefined && Number.isFinite(n) ? n : undefined;
}

function ratio(a: number, b: number): number {
  return b !== 0 ? a / b : 0;
}
