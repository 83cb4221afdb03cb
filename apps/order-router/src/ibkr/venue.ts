import {
  AlgoError,
  type Clock,
  ErrorCode,
  formatInstrument,
  type Instrument,
  type OrderStatus,
  type StockContract,
  stockContract,
  type TradingCalendar,
} from '@algotrader/core';
import {
  type CommissionReport,
  type ContractDetails,
  EventName,
  type Execution,
  IBApi,
  type Contract as IbContract,
  type Order as IbOrder,
  OrderAction,
  OrderType,
  SecType,
} from '@stoqey/ib';
import {
  type HaltRequest,
  type LocalBook,
  NOTHING,
  type OrderRecord,
  type ReconcileResult,
  type Venue,
  type VenueAlert,
  type VenueFill,
  type VenueOrder,
  type VenueReport,
  type VenueResult,
  type VenueSnapshot,
} from '../venue';
import { classifyTwsCode, haltReason } from './codes';

export interface IbkrContractSpec {
  readonly instrument: Instrument;
  /** Listing exchange (NASDAQ, NYSE, ARCA): kept with SMART routing. */
  readonly primaryExchange: string;
}

export interface IbkrVenueOptions {
  readonly host: string;
  /** TWS paper 7497, live 7496; IB Gateway paper 4002, live 4001. */
  readonly port: number;
  readonly clientId: number;
  /** Account id to trade; when set, a login that does not manage it halts. */
  readonly account?: string;
  readonly contracts: readonly IbkrContractSpec[];
  /** Orders outside its sessions are refused unless `outsideRth`. */
  readonly calendar: TradingCalendar;
  /** Send orders outside regular trading hours with IBKR's outsideRth flag instead of refusing them. */
  readonly outsideRth?: boolean;
  readonly clock: Clock;
  /** How long a request waits for TWS's answer. Default 5 s. */
  readonly timeoutMs?: number;
  /** First reconnect delay, doubled up to `reconnectMaxMs`. Defaults 500 ms / 30 s. */
  readonly reconnectMs?: number;
  readonly reconnectMaxMs?: number;
  /** Requests per second to TWS (IBKR allows 50). Default 40. */
  readonly maxRequestsPerSecond?: number;
}

interface Track {
  readonly orderId: number;
  ref: string;
  qty: number;
  ibStatus: string;
  filled: number;
  avgPrice: number;
  rejectReason?: string;
  readonly execs: Map<string, Execution>;
}

const MAX_DOUBLE_TEXT = 1.7976931348623157e308;

/**
 * Interactive Brokers (TWS / IB Gateway) behind the {@link Venue} seam, through the @stoqey/ib
 * client: US stocks as SMART-routed STK contracts with the primary exchange kept, whole shares,
 * market and limit DAY orders whose `orderRef` carries our client order id (so a restarted router
 * finds its orders again), executions booked once per execution id with the commission TWS reports
 * for them, positions and cash from TWS for the first book and for reconciliation. A dropped
 * connection is retried with backoff; on each (re)connect the open orders and today's executions
 * are read back and matched by `orderRef`. TWS error codes are sorted into order rejections,
 * retries and halts (see codes.ts).
 */
export class IbkrVenue implements Venue {
  readonly name = 'ibkr';
  readonly fills = 'exchange' as const;
  readonly #o: IbkrVenueOptions;
  readonly #ib: IBApi;
  readonly #contracts = new Map<string, StockContract>();
  readonly #byRef = new Map<string, number>();
  readonly #tracks = new Map<number, Track>();
  readonly #commissions = new Map<string, number>();
  readonly #reported = new Set<string>();
  readonly #waiters = new Set<() => void>();
  #alerts: VenueAlert[] = [];
  #halt: HaltRequest | undefined;
  #connected = false;
  #closing = false;
  #nextId: number | undefined;
  #reconnectDelay: number;
  #reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  #positionsReq:
    | { rows: Map<string, { qty: number; avgCost: number }>; error?: string; done: boolean }
    | undefined;
  #summary = new Map<number, { values: Map<string, string>; done: boolean }>();
  #openOrdersDone = 0;
  #execEnds = new Set<number>();
  #reqId = 1000;
  #managed: string[] = [];
  readonly #contractReqs = new Map<number, { details?: ContractDetails; error?: string; done: boolean }>();
  /** What TWS said about each configured contract at start: conId, tick, listing exchange. */
  readonly details = new Map<
    string,
    { conId: number; minTick: number; primaryExchange: string; longName: string }
  >();
  /** Connections made (the first and each reconnect). */
  connects = 0;

  constructor(opts: IbkrVenueOptions) {
    this.#o = opts;
    this.#reconnectDelay = opts.reconnectMs ?? 500;
    for (const c of opts.contracts) {
      this.#contracts.set(formatInstrument(c.instrument), stockContract(c.instrument, c.primaryExchange));
    }
    this.#ib = new IBApi({ host: opts.host, port: opts.port, maxReqPerSec: opts.maxRequestsPerSecond ?? 40 });
    this.#listen();
  }

  get connected(): boolean {
    return this.#connected;
  }

  /** Connects and reads back open orders and executions; throws (with what to do) when TWS is not there. */
  async start(): Promise<void> {
    this.#ib.connect(this.#o.clientId);
    const ok = await this.#until(() => this.#connected || this.#halt !== undefined, this.#timeout());
    if (this.#halt) {
      this.#closing = true;
      this.#ib.disconnect();
      throw new AlgoError(ErrorCode.Broker, `TWS refused the connection: ${this.#halt.detail}`);
    }
    if (!ok) {
      this.#ib.disconnect();
      throw new AlgoError(
        ErrorCode.Broker,
        `cannot reach TWS / IB Gateway at ${this.#o.host}:${this.#o.port} as client ${this.#o.clientId}: ` +
          'start it with the API enabled (Configure → API → Settings) or fix IBKR_HOST / IBKR_PORT',
      );
    }
    try {
      for (const [key, c] of this.#contracts) this.details.set(key, await this.#contractDetails(key, c));
    } catch (e) {
      await this.close();
      throw e;
    }
    await this.#recover();
  }

  async close(): Promise<void> {
    this.#closing = true;
    if (this.#reconnectTimer) clearTimeout(this.#reconnectTimer);
    this.#ib.disconnect();
    this.#connected = false;
  }

  async place(order: VenueOrder): Promise<VenueResult> {
    const key = formatInstrument(order.instrument);
    const contract = this.#contracts.get(key);
    const refuse = (reason: string) =>
      this.#result([
        {
          clientOrderId: order.clientOrderId,
          status: 'rejected',
          filledQty: 0,
          avgPrice: 0,
          reason,
          fills: [],
        },
      ]);
    if (!contract) return refuse(`ibkr: no contract configured for ${key}`);
    if (order.quoteAmount !== undefined || !Number.isInteger(order.qty) || order.qty < 1) {
      return refuse(`ibkr: US stocks trade in whole shares, got qty ${order.qty}`);
    }
    const now = this.#o.clock.now();
    if (!this.#o.outsideRth && !this.#o.calendar.sessionAt(now)) {
      const next = this.#o.calendar.nextSession(now);
      return refuse(
        `market_closed: ${this.#o.calendar.name} is closed at ${new Date(now).toISOString()}, next session opens ` +
          `${new Date(next.open).toISOString()} (set IBKR_OUTSIDE_RTH=true to send orders outside regular hours)`,
      );
    }
    const known = this.#byRef.get(order.clientOrderId);
    if (known !== undefined) return this.#result([this.#report(this.#tracks.get(known)!)]);
    if (!this.#connected || this.#nextId === undefined) {
      this.#alert(
        'warning',
        'ibkr_not_connected',
        'order refused: not connected to TWS (reconnecting)',
        'conn',
      );
      return refuse('ibkr_not_connected: the order was not sent');
    }
    const orderId = this.#nextId++;
    const track = this.#track(orderId, order.clientOrderId, order.qty);
    const ibOrder: IbOrder = {
      action: order.side === 'buy' ? OrderAction.BUY : OrderAction.SELL,
      totalQuantity: order.qty,
      orderType: order.type === 'limit' ? OrderType.LMT : OrderType.MKT,
      tif: 'DAY',
      orderRef: order.clientOrderId,
      outsideRth: this.#o.outsideRth ?? false,
      transmit: true,
      ...(order.type === 'limit' ? { lmtPrice: order.limitPrice } : {}),
      ...(this.#o.account ? { account: this.#o.account } : {}),
    };
    this.#ib.placeOrder(orderId, ibContract(contract), ibOrder);
    const answered = await this.#until(() => track.ibStatus !== '' || !this.#connected, this.#timeout());
    if (!answered || track.ibStatus === '') {
      // Sent, but TWS did not confirm: it may or may not have it. A lookup by orderRef settles it.
      return this.#result([{ ...this.#report(track), status: 'unknown', reason: 'no answer from TWS' }]);
    }
    return this.#result([this.#report(track)]);
  }

  async cancel(order: OrderRecord): Promise<VenueResult> {
    const track = await this.#find(order);
    if (!track) return this.#result([]);
    if (!this.#connected) return this.#result([]);
    this.#ib.cancelOrder(track.orderId);
    await this.#until(() => isFinal(track.ibStatus) || track.ibStatus === 'PendingCancel', this.#timeout());
    return this.#result([this.#report(track)]);
  }

  async lookup(order: OrderRecord): Promise<VenueResult> {
    if (!this.#connected) return this.#result([]);
    await this.#recover();
    const track = await this.#find(order);
    return this.#result(track ? [this.#report(track)] : []);
  }

  async snapshot(): Promise<VenueSnapshot> {
    const rows = await this.#positions();
    const cash = await this.#cash();
    const positions: Record<string, { qty: number; price: number }> = {};
    for (const [key, p] of rows) positions[key] = { qty: p.qty, price: p.avgCost };
    return { cash, positions };
  }

  async reconcile(book: LocalBook): Promise<ReconcileResult> {
    if (!this.#connected) {
      this.#alert(
        'warning',
        'ibkr_not_connected',
        'reconcile skipped: not connected to TWS (reconnecting)',
        'conn',
      );
      return this.#result([]);
    }
    await this.#recover();
    const reports: VenueReport[] = [];
    const delta = new Map<string, number>();
    for (const rec of book.orders) {
      const track = await this.#find(rec);
      if (!track) continue;
      const r = this.#report(track);
      if (r.fills.length > 0 || r.status !== rec.status || r.filledQty !== rec.filledQty) reports.push(r);
      const key = formatInstrument(rec.instrument);
      const sign = rec.side === 'buy' ? 1 : -1;
      delta.set(key, (delta.get(key) ?? 0) + sign * (r.filledQty - rec.filledQty));
    }
    let rows: Map<string, { qty: number; avgCost: number }>;
    let cash: number;
    try {
      rows = await this.#positions();
      cash = await this.#cash();
    } catch (e) {
      // A failed query is not "flat": nothing is compared, the next reconcile tries again.
      this.#alert('warning', 'ibkr_positions_unavailable', (e as Error).message, 'positions');
      return this.#result(reports);
    }
    const mismatches: string[] = [];
    const keys = new Set([...this.#contracts.keys(), ...rows.keys()]);
    for (const key of keys) {
      const venue = rows.get(key)?.qty ?? 0;
      const local = (book.positions[key] ?? 0) + (delta.get(key) ?? 0);
      if (Math.abs(venue - local) > 1e-9) mismatches.push(`${key}: TWS holds ${venue}, the book ${local}`);
    }
    if (mismatches.length > 0) {
      this.#halt ??= { reason: 'reconcile_mismatch', detail: `positions differ: ${mismatches.join('; ')}` };
    }
    return { ...this.#result(reports), cash };
  }

  // ---- internals ----

  #timeout(): number {
    return this.#o.timeoutMs ?? 5_000;
  }

  #listen(): void {
    const ib = this.#ib;
    ib.on(EventName.nextValidId, (id: number) => {
      this.#nextId = Math.max(id, this.#nextId ?? 0);
      if (!this.#connected) {
        this.#connected = true;
        this.connects++;
        this.#reconnectDelay = this.#o.reconnectMs ?? 500;
      }
      this.#notify();
    });
    ib.on(EventName.managedAccounts, (list: string) => {
      this.#managed = list.split(',').filter(Boolean);
      const want = this.#o.account;
      if (want && !this.#managed.includes(want)) {
        this.#halt ??= {
          reason: 'account',
          detail: `TWS manages ${this.#managed.join(', ') || 'no account'}, not IBKR_ACCOUNT ${want}`,
        };
      }
    });
    ib.on(EventName.disconnected, () => {
      const was = this.#connected;
      this.#connected = false;
      this.#notify();
      if (this.#closing) return;
      if (was) this.#alert('warning', 'ibkr_disconnected', 'connection to TWS lost: reconnecting', 'conn');
      this.#scheduleReconnect();
    });
    ib.on(EventName.openOrder, (orderId: number, _c: IbContract, o: IbOrder) => {
      const t = this.#track(orderId, o.orderRef ?? '', o.totalQuantity ?? 0);
      if (o.orderRef) t.ref = o.orderRef;
      if (o.totalQuantity) t.qty = o.totalQuantity;
      this.#notify();
    });
    ib.on(EventName.contractDetails, (reqId: number, d: ContractDetails) => {
      const req = this.#contractReqs.get(reqId);
      if (req) req.details ??= d;
    });
    ib.on(EventName.contractDetailsEnd, (reqId: number) => {
      const req = this.#contractReqs.get(reqId);
      if (req) req.done = true;
      this.#notify();
    });
    ib.on(EventName.openOrderEnd, () => {
      this.#openOrdersDone++;
      this.#notify();
    });
    ib.on(
      EventName.orderStatus,
      (
        orderId: number,
        status: string,
        filled: number | undefined,
        _rem: unknown,
        avg: number | undefined,
      ) => {
        const t = this.#tracks.get(orderId);
        if (!t) return;
        t.ibStatus = status;
        if (filled !== undefined && filled >= t.filled) {
          t.filled = filled;
          t.avgPrice = avg ?? t.avgPrice;
        }
        this.#notify();
      },
    );
    ib.on(EventName.execDetails, (reqId: number, _c: IbContract, e: Execution) => {
      if (e.orderId === undefined || !e.execId) return;
      const t = this.#track(e.orderId, e.orderRef ?? '', 0);
      if (e.orderRef) t.ref = e.orderRef;
      t.execs.set(e.execId, e); // the same execution id twice is one execution
      let cum = 0;
      let notional = 0;
      for (const x of t.execs.values()) {
        cum += x.shares ?? 0;
        notional += (x.shares ?? 0) * (x.price ?? 0);
      }
      if (cum > t.filled) {
        t.filled = cum;
        t.avgPrice = notional / cum;
      }
      void reqId;
      this.#notify();
    });
    ib.on(EventName.execDetailsEnd, (reqId: number) => {
      this.#execEnds.add(reqId);
      this.#notify();
    });
    ib.on(EventName.commissionReport, (c: CommissionReport) => {
      if (c.execId && c.commission !== undefined && c.commission < MAX_DOUBLE_TEXT) {
        this.#commissions.set(c.execId, c.commission);
      }
      this.#notify();
    });
    ib.on(EventName.position, (account: string, c: IbContract, pos: number, avgCost?: number) => {
      const req = this.#positionsReq;
      if (!req || (this.#o.account && account !== this.#o.account)) return;
      const key = `IBKR:${c.symbol}/${c.currency ?? 'USD'}`;
      req.rows.set(key, { qty: pos, avgCost: avgCost ?? Number.NaN });
    });
    ib.on(EventName.positionEnd, () => {
      if (this.#positionsReq) this.#positionsReq.done = true;
      this.#notify();
    });
    ib.on(EventName.accountSummary, (reqId: number, _a: string, tag: string, value: string) => {
      this.#summary.get(reqId)?.values.set(tag, value);
    });
    ib.on(EventName.accountSummaryEnd, (reqId: number) => {
      const s = this.#summary.get(reqId);
      if (s) s.done = true;
      this.#notify();
    });
    ib.on(EventName.error, (err: Error, code: number, id: number) =>
      this.#onError(err?.message ?? '', code, id),
    );
    // The client reports errors without a request id (id -1: client id in use, a failed positions
    // request, farm notices) as `info`; they are classified the same way.
    ib.on(EventName.info, (message: string, code: number) => this.#onError(message, code, -1));
  }

  #onError(message: string, code: number, id: number): void {
    const cls = classifyTwsCode(code);
    const contractReq = this.#contractReqs.get(id);
    if (contractReq) {
      contractReq.error = `TWS ${code}: ${message}`;
      this.#notify();
      return;
    }
    const t = id >= 0 ? this.#tracks.get(id) : undefined;
    if (t && cls === 'order_rejected') {
      t.rejectReason = `TWS ${code}: ${message}`;
      if (t.ibStatus === '' || t.ibStatus === 'PendingSubmit') t.ibStatus = 'Inactive';
    } else if (cls === 'halt') {
      this.#halt ??= { reason: 'ibkr', detail: `TWS ${code}: ${haltReason(code)} (${message})` };
      this.#alert('critical', `ibkr_${code}`, `TWS ${code}: ${message}`, `code:${code}`);
    } else if (cls === 'retry') {
      this.#alert('warning', `ibkr_${code}`, `TWS ${code}: ${message}`, `code:${code}`);
    }
    // A request without an id (positions) that fails ends that request with the error.
    if (
      id < 0 &&
      this.#positionsReq &&
      !this.#positionsReq.done &&
      code !== 2104 &&
      code !== 2106 &&
      code !== 2158
    ) {
      if (cls !== 'info' || code === 321 || code === 322)
        this.#positionsReq.error = `TWS ${code}: ${message}`;
    }
    this.#notify();
  }

  #scheduleReconnect(): void {
    if (this.#reconnectTimer || this.#closing) return;
    const delay = this.#reconnectDelay;
    this.#reconnectDelay = Math.min(delay * 2, this.#o.reconnectMaxMs ?? 30_000);
    this.#reconnectTimer = setTimeout(() => {
      this.#reconnectTimer = undefined;
      if (this.#closing || this.#connected) return;
      this.#ib.connect(this.#o.clientId);
      void this.#until(() => this.#connected, this.#timeout()).then((ok) => {
        if (ok) void this.#recover().catch(() => undefined);
        else if (!this.#closing) {
          this.#ib.disconnect();
          this.#scheduleReconnect();
        }
      });
    }, delay);
    this.#reconnectTimer.unref?.();
  }

  /** Reads back every open order and today's executions (and their commissions), matched by orderRef. */
  async #recover(): Promise<void> {
    if (!this.#connected) return;
    const before = this.#openOrdersDone;
    this.#ib.reqAllOpenOrders();
    await this.#until(() => this.#openOrdersDone > before, this.#timeout());
    const reqId = this.#reqId++;
    this.#ib.reqExecutions(reqId, {});
    await this.#until(() => this.#execEnds.has(reqId), this.#timeout());
    this.#execEnds.delete(reqId);
  }

  async #find(order: OrderRecord): Promise<Track | undefined> {
    const id = this.#byRef.get(order.clientOrderId);
    const t = id !== undefined ? this.#tracks.get(id) : undefined;
    if (t) {
      if (t.qty === 0) t.qty = order.qty;
      return t;
    }
    return undefined;
  }

  /** Asks TWS for the contract: it must exist as configured (symbol, SMART with its listing exchange, currency). */
  async #contractDetails(
    key: string,
    c: StockContract,
  ): Promise<{ conId: number; minTick: number; primaryExchange: string; longName: string }> {
    const reqId = this.#reqId++;
    const req: { details?: ContractDetails; error?: string; done: boolean } = { done: false };
    this.#contractReqs.set(reqId, req);
    this.#ib.reqContractDetails(reqId, ibContract(c));
    const ok = await this.#until(() => req.done || req.error !== undefined, this.#timeout());
    this.#contractReqs.delete(reqId);
    const d = req.details;
    if (req.error !== undefined || !d || !d.contract?.conId) {
      throw new AlgoError(
        ErrorCode.InvalidConfig,
        `TWS has no US stock ${c.symbol} on ${c.exchange} with listing exchange ${c.primaryExchange} in ${c.currency} ` +
          `(${req.error ?? (ok ? 'empty answer' : 'no answer')}): check ${key} and IBKR_PRIMARY_EXCHANGES`,
      );
    }
    return {
      conId: d.contract.conId,
      minTick: d.minTick ?? Number.NaN,
      primaryExchange: d.contract.primaryExch ?? c.primaryExchange,
      longName: d.longName ?? '',
    };
  }

  async #positions(): Promise<Map<string, { qty: number; avgCost: number }>> {
    if (!this.#connected)
      throw new AlgoError(ErrorCode.Broker, 'positions unavailable: not connected to TWS');
    const req = { rows: new Map<string, { qty: number; avgCost: number }>(), done: false } as {
      rows: Map<string, { qty: number; avgCost: number }>;
      error?: string;
      done: boolean;
    };
    this.#positionsReq = req;
    this.#ib.reqPositions();
    const ok = await this.#until(
      () => req.done || req.error !== undefined || !this.#connected,
      this.#timeout(),
    );
    this.#ib.cancelPositions();
    this.#positionsReq = undefined;
    if (req.error !== undefined)
      throw new AlgoError(ErrorCode.Broker, `positions query failed: ${req.error}`);
    if (!ok || !req.done)
      throw new AlgoError(ErrorCode.Broker, 'positions query got no complete answer from TWS');
    return req.rows;
  }

  async #cash(): Promise<number> {
    const reqId = this.#reqId++;
    const s = { values: new Map<string, string>(), done: false };
    this.#summary.set(reqId, s);
    this.#ib.reqAccountSummary(reqId, 'All', 'TotalCashValue,NetLiquidation');
    const ok = await this.#until(() => s.done || !this.#connected, this.#timeout());
    this.#ib.cancelAccountSummary(reqId);
    this.#summary.delete(reqId);
    const cash = Number(s.values.get('TotalCashValue'));
    if (!ok || !s.done || !Number.isFinite(cash)) {
      throw new AlgoError(ErrorCode.Broker, 'account summary query got no TotalCashValue from TWS');
    }
    return cash;
  }

  #track(orderId: number, ref: string, qty: number): Track {
    let t = this.#tracks.get(orderId);
    if (!t) {
      t = { orderId, ref, qty, ibStatus: '', filled: 0, avgPrice: 0, execs: new Map() };
      this.#tracks.set(orderId, t);
    }
    if (ref) this.#byRef.set(ref, orderId);
    return t;
  }

  #report(t: Track): VenueReport {
    const fills: VenueFill[] = [];
    for (const e of t.execs.values()) {
      const fee = this.#commissions.get(e.execId!);
      // An execution is reported once, with its commission; until TWS sends that, it waits.
      if (fee === undefined || this.#reported.has(e.execId!)) continue;
      this.#reported.add(e.execId!);
      fills.push({
        tradeId: e.execId!,
        qty: e.shares ?? 0,
        price: e.price ?? 0,
        fee,
        feeCurrency: 'USD',
        timeMs: parseTwsTime(e.time) ?? this.#o.clock.now(),
        maker: e.lastLiquidity === 2,
      });
    }
    return {
      clientOrderId: t.ref,
      exchangeOrderId: String(t.orderId),
      status: statusOf(t),
      filledQty: t.filled,
      avgPrice: t.avgPrice,
      ...(t.rejectReason ? { reason: t.rejectReason } : {}),
      fills,
    };
  }

  #alert(severity: VenueAlert['severity'], code: string, message: string, key: string): void {
    this.#alerts.push({ severity, code, message, dedupeKey: `ibkr:${key}`, labels: { venue: 'ibkr' } });
  }

  #result(reports: VenueReport[]): VenueResult {
    const alerts = this.#alerts;
    this.#alerts = [];
    const halt = this.#halt;
    this.#halt = undefined;
    return halt ? { reports, alerts, halt } : reports.length || alerts.length ? { reports, alerts } : NOTHING;
  }

  #notify(): void {
    for (const w of [...this.#waiters]) w();
  }

  /** Resolves true as soon as `ok()` holds after an event, false after `ms`. */
  #until(ok: () => boolean, ms: number): Promise<boolean> {
    if (ok()) return Promise.resolve(true);
    return new Promise((resolve) => {
      const check = () => {
        if (!ok()) return;
        clearTimeout(timer);
        this.#waiters.delete(check);
        resolve(true);
      };
      const timer = setTimeout(() => {
        this.#waiters.delete(check);
        resolve(ok());
      }, ms);
      this.#waiters.add(check);
    });
  }
}

function ibContract(c: StockContract): IbContract {
  return {
    symbol: c.symbol,
    secType: SecType.STK,
    exchange: c.exchange,
    primaryExch: c.primaryExchange,
    currency: c.currency,
  };
}

function isFinal(s: string): boolean {
  return s === 'Filled' || s === 'Cancelled' || s === 'ApiCancelled' || s === 'Inactive';
}

function statusOf(t: Track): OrderStatus {
  if (t.rejectReason && t.filled === 0) return 'rejected';
  switch (t.ibStatus) {
    case 'Filled':
      return 'filled';
    case 'Cancelled':
    case 'ApiCancelled':
      return t.filled > 0 && t.filled < t.qty
        ? 'canceled'
        : t.filled >= t.qty && t.qty > 0
          ? 'filled'
          : 'canceled';
    case 'Inactive':
      return 'rejected';
    case 'PendingCancel':
      return 'pending_cancel';
    case 'PendingSubmit':
    case 'ApiPending':
      return 'pending_submit';
    case 'PreSubmitted':
    case 'Submitted':
      return t.filled > 0 ? (t.qty > 0 && t.filled >= t.qty ? 'filled' : 'partially_filled') : 'accepted';
    default:
      // Known only from executions (after a restart a filled order is no longer "open").
      if (t.qty > 0 && t.filled >= t.qty) return 'filled';
      if (t.filled > 0) return 'partially_filled';
      return 'unknown';
  }
}

/** `20261205 05:35:53 UTC` (or without a zone: UTC); other zones → undefined (the caller's clock). */
export function parseTwsTime(s: string | undefined): number | undefined {
  const m = s ? /^(\d{4})(\d{2})(\d{2})\s+(\d{2}):(\d{2}):(\d{2})(?:\s+(\S+))?$/.exec(s.trim()) : null;
  if (!m || (m[7] !== undefined && m[7] !== 'UTC' && m[7] !== 'GMT')) return undefined;
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
}
