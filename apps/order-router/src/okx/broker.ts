import { inspect } from 'node:util';
import {
  AlgoError,
  type Clock,
  ErrorCode,
  isAlgoError,
  isTerminal,
  isValidClientOrderId,
  type OrderStatus,
} from '@algotrader/core';
import { type OrderRequestMsg, pb } from '@algotrader/proto';
import type { okx } from 'ccxt';
import type { VenueAlert } from '../venue';
import { attachedExitId, rowOf } from './attached';
import { createOkxTradeClient, OkxReads } from './client';
import { dEq, dGt, dLt } from './decimal';
import { classifyOkxError, describeError, isHaltWorthy, type OkxErrorClass } from './errors';
import { type AlertSeverity, alert } from './mapping';
import { reconcileWithExchange } from './reconcile';
import { backoffMs, DEFAULT_RETRY, type RetryPolicy, retryRead, sleep } from './retry';
import { MalformedOkxResponse, type OkxOrderRow } from './rows';
import { type AttachedExitOf, type Changes, OrderTracker, type TrackedOrder } from './tracker';
import type {
  BrokerUpdate,
  CancelResult,
  HaltReason,
  HaltSignal,
  LocalOrder,
  LocalPosition,
  OkxBrokerLogger,
  OkxBrokerOptions,
  ReconcileOptions,
  ReconcileReport,
  RejectReason,
  SubmitResult,
} from './types';

const VENUE = 'OKX';
const DEFAULT_OWNS = (id: string) => /^at[0-9a-z]{28}$/.test(id);

/** What a lookup by client order id found. */
export type Lookup =
  | { readonly kind: 'found'; readonly row: OkxOrderRow }
  | { readonly kind: 'not_found' }
  | { readonly kind: 'failed'; readonly error: unknown; readonly class: OkxErrorClass };

/** A read-only view of a tracked order. */
export interface OkxOrderView {
  readonly clientOrderId: string;
  readonly symbol: string;
  readonly side: 'buy' | 'sell';
  readonly status: OrderStatus;
  readonly exchangeOrderId: string;
  readonly filledQuantity: string;
  readonly averagePrice: string;
  readonly seq: number;
  /** Set on the order a triggered stop-loss / take-profit of entry `entry` placed. */
  readonly exit?: AttachedExitOf;
}

interface Prepared {
  readonly symbol: string;
  readonly side: 'buy' | 'sell';
  readonly type: 'market' | 'limit';
  /** Base quantity at lot precision (absent for a quote-sized market buy). */
  readonly amount: string | undefined;
  readonly price: string | undefined;
  /** Quote amount to spend (quote-sized market buy). */
  readonly cost: string | undefined;
  /** Trigger prices of the stop-loss / take-profit attached to the order (OKX `attachAlgoOrds`). */
  readonly attach?: AttachedExits;
}

/**
 * Stop-loss and take-profit trigger prices (decimal strings) to attach to an entry: OKX holds them
 * as attached algo orders (`attachAlgoOrds`), triggered on the last price and executed at market.
 */
export interface AttachedExits {
  readonly stopLoss?: string;
  readonly takeProfit?: string;
}

/** Collects what one call produces. */
class Outbox {
  readonly events: BrokerUpdate['events'][number][] = [];
  readonly fills: BrokerUpdate['fills'][number][] = [];
  readonly alerts: VenueAlert[] = [];
  halt: HaltSignal | undefined;
  add(c: Changes | undefined): void {
    if (!c) return;
    this.events.push(...c.events);
    this.fills.push(...c.fills);
  }
}

/**
 * OKX spot through a real ccxt `okx`: places market, limit and quote-sized market orders under the
 * router's deterministic client order id (OKX clOrdId), follows them through core's transition
 * table, and hands back its order moves, fills (exact decimals) and alerts for the router to book.
 *
 * Idempotency: an order whose placement outcome is unknown (timeout, network error, 5xx) is looked
 * up by clOrdId BEFORE anything is sent again; OKX's duplicate-id answer (51016) means it exists
 * and is fetched; only a lookup that finds nothing allows a resubmission. Calls are serialised.
 */
export class OkxBroker {
  readonly account: string;
  readonly #ex: okx;
  readonly #reads: OkxReads;
  readonly #tracker: OrderTracker;
  readonly #clock: Clock;
  readonly #retry: RetryPolicy;
  readonly #opts: OkxBrokerOptions;
  readonly #log: OkxBrokerLogger | undefined;
  readonly #rejections = new Map<string, { reason: RejectReason; detail: string }>();
  #queue: Promise<unknown> = Promise.resolve();
  #marketsLoaded = false;

  constructor(opts: OkxBrokerOptions) {
    for (const k of ['apiKey', 'secret', 'password'] as const) {
      if (!opts[k]) throw new AlgoError(ErrorCode.InvalidConfig, `OKX broker: okx.${k} is required`);
    }
    if (!opts.account) throw new AlgoError(ErrorCode.InvalidConfig, 'OKX broker: account is required');
    this.account = opts.account;
    this.#opts = opts;
    this.#clock = opts.clock;
    this.#retry = opts.retry ?? DEFAULT_RETRY;
    this.#log = opts.logger;
    this.#ex = createOkxTradeClient(opts);
    this.#reads = new OkxReads(this.#ex);
    this.#tracker = new OrderTracker(opts.clock);
  }

  /** Loads the spot instruments (precision, minimum sizes). Throws when OKX cannot be reached. */
  async start(): Promise<void> {
    await this.#serial(() => this.#ensureMarkets());
  }

  /** The spot symbols traded (`BTC/USDT`), as configured. */
  get symbols(): readonly string[] {
    return this.#opts.symbols ?? [];
  }

  /** The tracked order with this client id. */
  order(clientOrderId: string): OkxOrderView | undefined {
    const t = this.#tracker.get(clientOrderId);
    return t && view(t);
  }

  /** Orders still open (or owing fills), which {@link refreshOpen} follows. */
  openOrders(): OkxOrderView[] {
    return this.#tracker.active().map(view);
  }

  /**
   * Places an approved order. Never throws for an exchange answer: refusals are `rejected`
   * results (with an alert), an outcome lookups could not settle is `unknown`.
   */
  submit(req: OrderRequestMsg, attach?: AttachedExits): Promise<SubmitResult> {
    return this.#serial(() => this.#submit(req, attach));
  }

  /** Cancels an order (a cancel request is allowed while HALTED). `symbol` lets it find an order this broker does not track. */
  cancel(clientOrderId: string, symbol?: string): Promise<CancelResult> {
    return this.#serial(() => this.#cancel(clientOrderId, symbol));
  }

  /** Asks OKX about one tracked order and returns what changed. */
  refresh(clientOrderId: string): Promise<BrokerUpdate> {
    return this.#serial(async () => {
      const t = this.#tracker.get(clientOrderId);
      if (!t) throw new AlgoError(ErrorCode.NotFound, `OKX broker: order ${clientOrderId} is not tracked`);
      const out = new Outbox();
      await this.#sync(t, out);
      return this.#update(t, out);
    });
  }

  /** {@link refresh} for every open order (the router's polling loop). */
  refreshOpen(): Promise<BrokerUpdate[]> {
    return this.#serial(async () => {
      const updates: BrokerUpdate[] = [];
      for (const t of this.#tracker.active()) {
        const out = new Outbox();
        await this.#sync(t, out);
        updates.push(this.#update(t, out));
      }
      return updates;
    });
  }

  /** Follows an order the router has on record without asking OKX (reconcile does this too). */
  resume(local: LocalOrder): void {
    this.#tracker.add(trackedFrom(local, this.account));
  }

  /**
   * Compares OKX (open orders, recent fills, balances) with the router's records and resumes
   * tracking every open order. A failed query is reported as a failure, never read as empty.
   */
  reconcile(
    localOrders: readonly LocalOrder[],
    localPositions: readonly LocalPosition[],
    options: ReconcileOptions = {},
  ): Promise<ReconcileReport> {
    return this.#serial(() =>
      reconcileWithExchange(
        {
          account: this.account,
          clock: this.#clock,
          reads: this.#reads,
          tracker: this.#tracker,
          retry: this.#retry,
          symbols: this.#opts.symbols ?? [],
          fillsLookbackMs: this.#opts.fillsLookbackMs ?? 86_400_000,
          positionTolerance: this.#opts.positionTolerance ?? {},
          externalHoldings: this.#opts.externalHoldings ?? {},
          owns: this.#opts.ownsClientOrderId ?? DEFAULT_OWNS,
          alert: (severity, code, message, labels) => this.#alert(severity, code, message, labels),
          trackedFrom: (local) => trackedFrom(local, this.account),
        },
        localOrders,
        localPositions,
        options,
      ),
    );
  }

  toJSON(): Record<string, unknown> {
    return {
      broker: 'okx',
      account: this.account,
      restUrl: this.#opts.restUrl,
      sandbox: !!this.#opts.sandbox,
    };
  }

  [inspect.custom](): string {
    return `OkxBroker ${JSON.stringify(this.toJSON())}`;
  }

  // ---------------------------------------------------------------------------------------------

  #serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(fn, fn);
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async #ensureMarkets(): Promise<void> {
    if (this.#marketsLoaded) return;
    await retryRead(() => this.#ex.loadMarkets(), this.#retry);
    this.#marketsLoaded = true;
  }

  async #submit(req: OrderRequestMsg, attach: AttachedExits | undefined): Promise<SubmitResult> {
    const out = new Outbox();
    const id = req.clientOrderId ?? '';
    if (!isValidClientOrderId(id)) {
      const detail = `client order id "${id}" must be 1-32 letters or digits`;
      out.alerts.push(this.#alert('warning', 'okx_order_invalid', detail, { clientOrderId: id }));
      return { ...this.#bare(id, out), outcome: 'rejected', reason: 'invalid_request', detail };
    }
    const existing = this.#tracker.get(id);
    if (existing && existing.status !== 'pending_submit' && existing.status !== 'unknown') {
      // A redelivered request: the order was handled already, nothing is sent again.
      const r = this.#rejections.get(id);
      if (existing.status === 'rejected')
        return {
          ...this.#update(existing, out),
          outcome: 'rejected',
          reason: r?.reason ?? 'invalid_request',
          detail: r?.detail ?? 'already rejected',
        };
      return { ...this.#update(existing, out), outcome: 'placed' };
    }

    const bad = validate(req, this.account);
    if (bad !== undefined) {
      out.alerts.push(this.#alert('warning', 'okx_order_invalid', bad, { clientOrderId: id }));
      if (existing) return { ...this.#update(existing, out), outcome: 'unknown', detail: bad };
      return { ...this.#bare(id, out), outcome: 'rejected', reason: 'invalid_request', detail: bad };
    }
    const symbol = req.instrument!.symbol!.toUpperCase();
    const side = req.side === pb.Side.SIDE_BUY ? 'buy' : 'sell';
    const t =
      existing ??
      this.#tracker.add({
        clientOrderId: id,
        account: this.account,
        symbol,
        instId: symbol.replace('/', '-'),
        side,
        status: 'pending_submit',
        seq: 0,
        exchangeOrderId: '',
        filled: '0',
        avgPx: '',
        tradeIds: new Set(),
        fillsQty: '0',
        unattributed: '0',
      });

    try {
      await this.#ensureMarkets();
    } catch (e) {
      return this.#failBeforeSending(t, out, e, 'markets');
    }
    // An earlier placement's outcome is open (a restart, a redelivery): settle it before anything else.
    const open = t.status === 'unknown';
    if (open) {
      const settled = await this.#settle(t, out);
      if (settled) return settled;
    }
    const prep = this.#prepare(req, symbol, side, attach);
    if ('reject' in prep) return this.#reject(t, out, prep.reason, prep.reject);
    if (!open && (this.#opts.preflightLookup ?? true)) {
      const found = await this.#lookup(t);
      if (found.kind === 'found') {
        await this.#applyWithFills(t, found.row, out, 'found by client order id before placing');
        return { ...this.#update(t, out), outcome: 'placed' };
      }
      if (found.kind === 'failed') return this.#failBeforeSending(t, out, found.error, 'lookup');
    }

    const maxPlacements = this.#opts.maxPlacements ?? 3;
    let placements = 0;
    let rateLimited = 0;
    for (;;) {
      if (placements >= maxPlacements) {
        const detail = `not on OKX after ${placements} placements`;
        out.alerts.push(this.#alert('critical', 'okx_order_not_placed', detail, { clientOrderId: id }));
        return this.#reject(t, out, 'exchange_unavailable', detail);
      }
      placements += 1;
      let placed: { id?: string | undefined; info?: unknown };
      try {
        placed = await this.#place(prep, id);
        if (!placed.id) throw new MalformedOkxResponse('trade/batch-orders', placed.info);
      } catch (e) {
        const c = classifyOkxError(e);
        const detail = describeError(e);
        this.#log?.warn({ clientOrderId: id, class: c, error: detail }, 'OKX order placement failed');
        switch (c) {
          case 'rate_limited':
            placements -= 1; // refused unprocessed: the order was not sent in any useful sense
            rateLimited += 1;
            if (rateLimited >= this.#retry.attempts) {
              out.alerts.push(this.#alert('warning', 'okx_rate_limited', detail, { clientOrderId: id }));
              return this.#reject(t, out, 'exchange_unavailable', detail);
            }
            await sleep(backoffMs(this.#retry, rateLimited));
            continue;
          case 'ambiguous': {
            this.#move(t, 'unknown', out, detail);
            const settled = await this.#settle(t, out);
            if (settled) return settled;
            continue; // not there: safe to send again
          }
          case 'duplicate': {
            const found = await this.#lookup(t);
            if (found.kind === 'found') {
              await this.#applyWithFills(
                t,
                found.row,
                out,
                'duplicate client order id: fetched the existing order',
              );
              return { ...this.#update(t, out), outcome: 'placed' };
            }
            if (found.kind === 'failed') return this.#unknown(t, out, describeError(found.error));
            out.alerts.push(this.#alert('critical', 'okx_order_invalid', detail, { clientOrderId: id }));
            return this.#reject(t, out, 'invalid_order', `51016 but no order ${id} found: ${detail}`);
          }
          case 'insufficient_funds':
            out.alerts.push(this.#alert('warning', 'okx_insufficient_funds', detail, { clientOrderId: id }));
            return this.#reject(t, out, 'insufficient_funds', detail);
          case 'invalid':
          case 'not_found':
            out.alerts.push(this.#alert('warning', 'okx_order_invalid', detail, { clientOrderId: id }));
            return this.#reject(t, out, 'invalid_order', detail);
          case 'authentication':
          case 'account':
          case 'maintenance':
          case 'clock_skew':
            this.#halt(out, c, detail, id);
            // Refused before reaching the engine; if an earlier attempt's outcome is open, it stays so.
            if (t.status === 'unknown') return this.#unknown(t, out, detail);
            return this.#reject(t, out, c, detail);
          default:
            return assertNeverClass(c);
        }
      }
      t.exchangeOrderId = placed.id;
      this.#move(t, 'submitted', out, '');
      await this.#sync(t, out);
      return { ...this.#update(t, out), outcome: 'placed' };
    }
  }

  /**
   * After an unknown outcome: wait, look the order up. Returns a final result when found or when
   * lookups keep failing; undefined when OKX has no such order (it may be sent again).
   */
  async #settle(t: TrackedOrder, out: Outbox): Promise<SubmitResult | undefined> {
    await sleep(this.#opts.lookupDelayMs ?? 1_000);
    const found = await this.#lookup(t);
    if (found.kind === 'found') {
      await this.#applyWithFills(t, found.row, out, 'found by client order id after an unknown outcome');
      return { ...this.#update(t, out), outcome: 'placed' };
    }
    if (found.kind === 'not_found') return undefined;
    if (isHaltWorthy(found.class)) this.#halt(out, found.class, describeError(found.error), t.clientOrderId);
    return this.#unknown(t, out, describeError(found.error));
  }

  async #place(p: Prepared, clOrdId: string): Promise<{ id?: string | undefined; info?: unknown }> {
    // The exits go as one `attachAlgoOrds` item, built here rather than from ccxt's `stopLoss` /
    // `takeProfit` params, which cannot carry `attachAlgoClOrdId` — the link from the order OKX
    // places when a leg triggers back to this entry (attached.ts). `-1` = execute at market.
    const link = attachedExitId(clOrdId);
    const attach =
      p.attach === undefined
        ? undefined
        : {
            ...(link !== undefined ? { attachAlgoClOrdId: link } : {}),
            ...(p.attach.stopLoss !== undefined
              ? { slTriggerPx: p.attach.stopLoss, slOrdPx: '-1', slTriggerPxType: 'last' }
              : {}),
            ...(p.attach.takeProfit !== undefined
              ? { tpTriggerPx: p.attach.takeProfit, tpOrdPx: '-1', tpTriggerPxType: 'last' }
              : {}),
          };
    const params = { clOrdId, ...(attach ? { attachAlgoOrds: [attach] } : {}) };
    if (p.cost !== undefined) return this.#ex.createMarketBuyOrderWithCost(p.symbol, Number(p.cost), params);
    const price = p.price === undefined ? undefined : Number(p.price);
    return this.#ex.createOrder(p.symbol, p.type, p.side, Number(p.amount), price, params);
  }

  async #cancel(clientOrderId: string, symbol: string | undefined): Promise<CancelResult> {
    const out = new Outbox();
    let t = this.#tracker.get(clientOrderId);
    if (!t) {
      const detail = `order ${clientOrderId} is not tracked`;
      if (symbol === undefined || !isValidClientOrderId(clientOrderId))
        return { ...this.#bare(clientOrderId, out, 'unknown'), outcome: 'unknown_order', detail };
      // Not followed by this process (and not resumed): find it on OKX under its client id.
      const probe = trackedFrom(
        { clientOrderId, symbol, side: 'buy', status: 'pending_submit', filledQuantity: '0', seq: 0 },
        this.account,
      );
      const found = await this.#lookup(probe);
      if (found.kind !== 'found') {
        if (found.kind === 'failed' && isHaltWorthy(found.class))
          this.#halt(out, found.class, describeError(found.error), clientOrderId);
        const why = found.kind === 'failed' ? describeError(found.error) : 'not on OKX either';
        return {
          ...this.#bare(clientOrderId, out, 'unknown'),
          outcome: found.kind === 'failed' ? 'failed' : 'unknown_order',
          detail: `${detail}; ${why}`,
        };
      }
      t = this.#tracker.add({ ...probe, side: found.row.side });
      await this.#applyWithFills(t, found.row, out, 'found by client order id to cancel it');
    }
    if (t.status === 'pending_submit' || t.status === 'unknown') await this.#sync(t, out);
    if (isTerminal(t.status) || t.status === 'pending_submit' || t.status === 'unknown') {
      return {
        ...this.#update(t, out),
        outcome: cancelOutcome(t.status, false),
        detail: `order is ${t.status}`,
      };
    }
    this.#move(t, 'pending_cancel', out, 'cancel requested');
    let sent = true;
    let detail = '';
    try {
      await retryRead(
        () => this.#ex.cancelOrder(t.exchangeOrderId, t.symbol, { clOrdId: t.clientOrderId }),
        this.#retry,
      );
    } catch (e) {
      const c = classifyOkxError(e);
      detail = describeError(e);
      if (c === 'not_found') {
        // 51400: already filled, already canceled, or gone — the lookup below tells which.
        detail = `OKX: ${detail}`;
      } else {
        sent = false;
        if (isHaltWorthy(c)) this.#halt(out, c, detail, t.clientOrderId);
        else
          out.alerts.push(
            this.#alert('warning', 'okx_cancel_failed', detail, { clientOrderId: t.clientOrderId }),
          );
      }
    }
    await this.#sync(t, out);
    return { ...this.#update(t, out), outcome: cancelOutcome(t.status, sent), detail };
  }

  /** Looks the order up by clOrdId, a triggered exit by its ordId (retrying transient failures). */
  async #lookup(t: TrackedOrder): Promise<Lookup> {
    try {
      const row = await retryRead(() => rowOf(this.#reads, t), this.#retry);
      return { kind: 'found', row };
    } catch (e) {
      const c = classifyOkxError(e);
      if (c === 'not_found') return { kind: 'not_found' };
      return { kind: 'failed', error: e, class: c };
    }
  }

  /** Brings one tracked order up to date with OKX: its state and any fills not yet published. */
  async #sync(t: TrackedOrder, out: Outbox): Promise<void> {
    const found = await this.#lookup(t);
    if (found.kind === 'found') {
      await this.#applyWithFills(t, found.row, out, '');
      return;
    }
    if (found.kind === 'failed') {
      if (isHaltWorthy(found.class))
        this.#halt(out, found.class, describeError(found.error), t.clientOrderId);
      this.#log?.warn(
        { clientOrderId: t.clientOrderId, error: describeError(found.error) },
        'OKX order lookup failed',
      );
      return;
    }
    this.#missing(t, out);
  }

  /** OKX has no order with this clOrdId. */
  #missing(t: TrackedOrder, out: Outbox): void {
    if (t.status === 'pending_submit' || t.status === 'unknown') {
      this.#move(t, 'rejected', out, 'not on the exchange');
      this.#rejections.set(t.clientOrderId, {
        reason: 'exchange_unavailable',
        detail: 'not on the exchange',
      });
      return;
    }
    if (isTerminal(t.status)) return;
    if (t.status === 'submitted') {
      // Acknowledged with an ordId moments ago: not visible yet, not gone. The next refresh tells.
      this.#log?.warn({ clientOrderId: t.clientOrderId }, 'OKX does not show a just-placed order yet');
      return;
    }
    if (!dGt(t.filled, '0')) {
      // OKX keeps canceled orders without fills for 2 hours only: the one way an order it accepted vanishes.
      this.#move(t, 'canceled', out, 'no longer on the exchange: canceled without fills');
      return;
    }
    const detail = `order ${t.clientOrderId} (${t.status}, ${t.filled} filled) is not on OKX`;
    this.#halt(out, 'state_conflict', detail, t.clientOrderId);
  }

  async #applyWithFills(t: TrackedOrder, row: OkxOrderRow, out: Outbox, reason: string): Promise<void> {
    let fills: Awaited<ReturnType<OkxReads['orderFills']>> | undefined;
    if (dGt(row.accFillSz, '0') && dLt(t.fillsQty, row.accFillSz)) {
      try {
        fills = await retryRead(
          () => this.#reads.orderFills(row.instId, row.ordId, row.accFillSz),
          this.#retry,
        );
      } catch (e) {
        // The state still moves; the fills follow on the next refresh (the order stays active).
        this.#log?.warn(
          { clientOrderId: t.clientOrderId, error: describeError(e) },
          'OKX fills query failed',
        );
      }
    }
    this.#applyRow(t, row, out, reason, fills);
  }

  #applyRow(
    t: TrackedOrder,
    row: OkxOrderRow,
    out: Outbox,
    reason: string,
    fills?: Parameters<OrderTracker['apply']>[2],
  ): void {
    try {
      out.add(this.#tracker.apply(t, row, fills, reason));
    } catch (e) {
      if (!isAlgoError(e, ErrorCode.Conflict)) throw e;
      this.#halt(out, 'state_conflict', e.message, t.clientOrderId);
    }
  }

  #move(t: TrackedOrder, to: OrderStatus, out: Outbox, reason: string): void {
    try {
      const ev = this.#tracker.move(t, to, reason);
      if (ev) out.events.push(ev);
    } catch (e) {
      if (!isAlgoError(e, ErrorCode.Conflict)) throw e;
      this.#halt(out, 'state_conflict', e.message, t.clientOrderId);
    }
  }

  #prepare(
    req: OrderRequestMsg,
    symbol: string,
    side: 'buy' | 'sell',
    attach: AttachedExits | undefined,
  ): Prepared | { reject: string; reason: RejectReason } {
    const market = this.#ex.markets?.[symbol] as
      | { spot?: boolean; active?: boolean; info?: Record<string, unknown> }
      | undefined;
    if (market?.spot !== true)
      return { reject: `${symbol} is not an OKX spot instrument`, reason: 'invalid_request' };
    if (market.active === false)
      return { reject: `${symbol} is not trading on OKX`, reason: 'invalid_request' };
    const minSz = typeof market.info?.['minSz'] === 'string' ? (market.info['minSz'] as string) : '0';
    const type = req.type === pb.OrderType.ORDER_TYPE_LIMIT ? 'limit' : 'market';
    const base = { symbol, side, type, ...(attach ? { attach } : {}) } as const;
    try {
      // A level off the price tick is refused, never rounded: rounding could widen the risk.
      for (const [name, level] of [
        ['stop-loss', attach?.stopLoss],
        ['take-profit', attach?.takeProfit],
      ] as const) {
        if (level === undefined) continue;
        const onTick = this.#ex.priceToPrecision(symbol, level);
        if (!dGt(level, '0') || onTick === undefined || !dEq(onTick, level))
          return {
            reject: `${name} price ${level} is not a positive multiple of ${symbol}'s price tick (nearest ${onTick})`,
            reason: 'invalid_request',
          };
      }
      if (req.quoteAmount) {
        const cost = this.#ex.costToPrecision(symbol, req.quoteAmount) ?? '0';
        if (!dGt(cost, '0'))
          return { reject: `quote amount ${req.quoteAmount} rounds to ${cost}`, reason: 'below_min_size' };
        return { ...base, amount: undefined, price: undefined, cost };
      }
      const amount = this.#ex.amountToPrecision(symbol, req.quantity) ?? '0';
      if (dLt(amount, minSz))
        return {
          reject: `quantity ${amount} is below OKX's minimum ${minSz} for ${symbol}`,
          reason: 'below_min_size',
        };
      const price =
        type === 'limit' ? (this.#ex.priceToPrecision(symbol, req.limitPrice) ?? undefined) : undefined;
      return { ...base, amount, price, cost: undefined };
    } catch (e) {
      // ccxt refuses an amount or price that rounds to zero at the instrument's precision.
      return { reject: describeError(e), reason: 'below_min_size' };
    }
  }

  #failBeforeSending(t: TrackedOrder, out: Outbox, e: unknown, what: string): SubmitResult {
    const c = classifyOkxError(e);
    const detail = `${what}: ${describeError(e)}`;
    if (isHaltWorthy(c)) {
      this.#halt(out, c, detail, t.clientOrderId);
      if (t.status === 'unknown') return this.#unknown(t, out, detail);
      return this.#reject(t, out, c, detail);
    }
    // Nothing was sent by this call; whether an earlier process sent it is what is unknown.
    return this.#unknown(t, out, detail);
  }

  #reject(t: TrackedOrder, out: Outbox, reason: RejectReason, detail: string): SubmitResult {
    this.#move(t, 'rejected', out, `${reason}: ${detail}`);
    this.#rejections.set(t.clientOrderId, { reason, detail });
    return { ...this.#update(t, out), outcome: 'rejected', reason, detail };
  }

  #unknown(t: TrackedOrder, out: Outbox, detail: string): SubmitResult {
    this.#move(t, 'unknown', out, detail);
    out.alerts.push(
      this.#alert('critical', 'okx_order_outcome_unknown', `order outcome unknown: ${detail}`, {
        clientOrderId: t.clientOrderId,
      }),
    );
    return { ...this.#update(t, out), outcome: 'unknown', detail };
  }

  #halt(out: Outbox, reason: HaltReason, detail: string, clientOrderId: string): void {
    out.halt ??= { reason, detail };
    out.alerts.push(this.#alert('critical', `okx_${reason}`, detail, { clientOrderId }));
    this.#log?.error({ clientOrderId, reason, detail }, 'OKX broker: trading should halt');
  }

  #alert(severity: AlertSeverity, code: string, message: string, labels: Record<string, string>): VenueAlert {
    return alert(severity, code, message, { account: this.account, ...labels });
  }

  #update(t: TrackedOrder, out: Outbox): BrokerUpdate {
    return {
      clientOrderId: t.clientOrderId,
      status: t.status,
      exchangeOrderId: t.exchangeOrderId,
      filledQuantity: t.filled,
      averagePrice: t.avgPx,
      fills: out.fills,
      events: out.events,
      alerts: out.alerts,
      halt: out.halt,
    };
  }

  #bare(clientOrderId: string, out: Outbox, status: OrderStatus = 'rejected'): BrokerUpdate {
    return {
      clientOrderId,
      status,
      exchangeOrderId: '',
      filledQuantity: '0',
      averagePrice: '',
      fills: out.fills,
      events: out.events,
      alerts: out.alerts,
      halt: out.halt,
    };
  }
}

/** Why an approved order cannot be sent as it is; undefined when it can. */
function validate(req: OrderRequestMsg, account: string): string | undefined {
  if (req.cancel) return 'a cancel request goes to cancel(), not submit()';
  if (req.account && req.account !== account) return `order for account ${req.account}, broker is ${account}`;
  if ((req.instrument?.venue ?? '').toUpperCase() !== VENUE)
    return `venue ${req.instrument?.venue} is not OKX`;
  if (!/^[A-Za-z0-9]+\/[A-Za-z0-9]+$/.test(req.instrument?.symbol ?? '')) return 'instrument symbol missing';
  if (req.side !== pb.Side.SIDE_BUY && req.side !== pb.Side.SIDE_SELL) return 'side missing';
  const decimal = (v: string | null | undefined) => !!v && /^\d+(\.\d+)?$/.test(v) && dGt(v, '0');
  if (req.type === pb.OrderType.ORDER_TYPE_LIMIT) {
    if (!decimal(req.quantity) || !decimal(req.limitPrice))
      return 'a limit order needs quantity and limit price > 0';
    if (req.quoteAmount) return 'a limit order is sized in base units, not quote';
    return undefined;
  }
  if (req.type !== pb.OrderType.ORDER_TYPE_MARKET) return 'order type missing';
  if (req.quoteAmount) {
    if (req.side !== pb.Side.SIDE_BUY) return 'a quote amount is for market buys only';
    if (req.quantity) return 'set quantity or quote amount, not both';
    return decimal(req.quoteAmount) ? undefined : `quote amount "${req.quoteAmount}" must be a decimal > 0`;
  }
  return decimal(req.quantity) ? undefined : `quantity "${req.quantity}" must be a decimal > 0`;
}

function trackedFrom(local: LocalOrder, account: string): TrackedOrder {
  const filled = local.filledQuantity === '' ? '0' : local.filledQuantity;
  return {
    clientOrderId: local.clientOrderId,
    account,
    symbol: local.symbol,
    instId: local.symbol.replace('/', '-'),
    side: local.side,
    status: local.status,
    seq: local.seq,
    exchangeOrderId: local.exchangeOrderId ?? '',
    filled,
    avgPx: local.averagePrice ?? '',
    tradeIds: new Set(),
    fillsQty: filled,
    unattributed: filled,
  };
}

function view(t: TrackedOrder): OkxOrderView {
  return {
    clientOrderId: t.clientOrderId,
    symbol: t.symbol,
    side: t.side,
    status: t.status,
    exchangeOrderId: t.exchangeOrderId,
    filledQuantity: t.filled,
    averagePrice: t.avgPx,
    seq: t.seq,
    ...(t.exit ? { exit: t.exit } : {}),
  };
}

function cancelOutcome(status: OrderStatus, sent: boolean): CancelResult['outcome'] {
  if (status === 'canceled') return 'canceled';
  if (status === 'filled') return 'filled';
  return sent && status !== 'pending_submit' && status !== 'unknown' && !isTerminal(status)
    ? 'pending'
    : 'failed';
}

function assertNeverClass(c: never): never {
  throw new AlgoError(ErrorCode.Internal, `unhandled OKX error class ${String(c)}`);
}
