import { type Instrument, isTerminal, parseInstrument } from '@algotrader/core';
import { type OrderRequestMsg, pb } from '@algotrader/proto';
import type { ExitLevel } from '@algotrader/strategy';
import type {
  LocalBook,
  OrderRecord,
  ReconcileResult,
  Venue,
  VenueFill,
  VenueOrder,
  VenueReport,
  VenueResult,
  VenueSnapshot,
} from '../venue';
import { attachedExitId } from './attached';
import { type AttachedExits, OkxBroker } from './broker';
import { createOkxTradeClient, OkxReads } from './client';
import { classifyOkxError, describeError, isHaltWorthy } from './errors';
import { DEFAULT_RETRY, type RetryPolicy, retryRead } from './retry';
import type { BrokerUpdate, LocalOrder, OkxBrokerOptions, OkxFill } from './types';

const VENUE = 'OKX';

export interface OkxSpotVenueOptions extends OkxBrokerOptions {
  /** The account's quote currency (cash), default USDT. */
  readonly quote?: string;
}

/**
 * OKX spot behind the {@link Venue} seam, on top of {@link OkxBroker} (ccxt): numbers in, exact
 * decimal strings to OKX; what comes back — the order's state, its new fills, the broker's alerts
 * and halt requests (bad key, maintenance, clock skew, a state OKX contradicts) — goes back to the
 * router in the result. Reconciliation is the broker's (`reconcile.ts`): the router's records are
 * the baseline, a difference the returned fills do not explain is a halt.
 */
export class OkxSpotVenue implements Venue {
  readonly name = 'okx';
  readonly fills = 'exchange' as const;
  readonly holdsExits = true;
  readonly #broker: OkxBroker;
  readonly #reads: OkxReads;
  readonly #retry: RetryPolicy;
  readonly #quote: string;

  constructor(opts: OkxSpotVenueOptions) {
    this.#broker = new OkxBroker(opts);
    this.#reads = new OkxReads(createOkxTradeClient(opts));
    this.#retry = opts.retry ?? DEFAULT_RETRY;
    this.#quote = opts.quote ?? 'USDT';
  }

  /** The underlying broker (for inspection). */
  get broker(): OkxBroker {
    return this.#broker;
  }

  /** Loads OKX's spot markets; throws when OKX cannot be reached. */
  async start(): Promise<void> {
    await this.#broker.start();
  }

  async place(order: VenueOrder): Promise<VenueResult> {
    // Stop-loss / take-profit price levels go with the entry as OKX attached algo orders
    // (attachAlgoOrds); what is not sent yet (fractions, trailing stop) refuses the entry, never
    // sends it bare (../../README.md, "Protective exits").
    const attach = attachedExits(order);
    if (typeof attach === 'string') return refuseExits(order, attach);
    const r = await this.#broker.submit(toOrderRequest(order, this.#broker.account), attach);
    const reason =
      r.outcome === 'rejected'
        ? `${r.reason}: ${r.detail}`
        : r.outcome === 'unknown'
          ? `outcome unknown: ${r.detail}`
          : undefined;
    const reports: VenueReport[] = [];
    // OKX acknowledged it before anything else happened to it: the order passed `submitted`.
    if (r.events.some((e) => e.status === 'submitted') && r.status !== 'submitted') {
      reports.push({
        ...toReport(r, undefined),
        status: 'submitted',
        filledQty: 0,
        avgPrice: Number.NaN,
        fills: [],
      });
    }
    reports.push(toReport(r, reason));
    return { reports, alerts: r.alerts, ...(r.halt ? { halt: r.halt } : {}) };
  }

  async cancel(o: OrderRecord): Promise<VenueResult> {
    this.#follow(o);
    const r = await this.#broker.cancel(o.clientOrderId, symbolOf(o.instrument));
    const reason = r.outcome === 'failed' || r.outcome === 'unknown_order' ? r.detail : undefined;
    return this.#result(r, reason);
  }

  async lookup(o: OrderRecord): Promise<VenueResult> {
    this.#follow(o);
    try {
      return this.#result(await this.#broker.refresh(o.clientOrderId), undefined);
    } catch (e) {
      return failure(e, 'lookup', o.clientOrderId);
    }
  }

  async snapshot(): Promise<VenueSnapshot> {
    // Throws when OKX cannot be read: a book is never opened from an empty answer.
    const balances = await retryRead(() => this.#reads.balances(), this.#retry);
    const total = (ccy: string) => Number(balances.get(ccy)?.total ?? '0');
    // OKX values holdings in USD: a price in the quote currency only when that is a dollar.
    const dollars = ['USDT', 'USDC', 'USD'].includes(this.#quote);
    const positions: Record<string, { qty: number; price: number }> = {};
    for (const symbol of this.#broker.symbols) {
      const [base] = symbol.split('/');
      const b = balances.get(base!);
      const qty = Number(b?.total ?? '0');
      const usd = Number(b?.eqUsd || Number.NaN);
      if (qty > 0)
        positions[`${VENUE}:${symbol}`] = { qty, price: dollars && usd > 0 ? usd / qty : Number.NaN };
    }
    return { cash: total(this.#quote), positions };
  }

  async reconcile(book: LocalBook): Promise<ReconcileResult> {
    const local = book.orders.map(localOrder);
    const positions = Object.entries(book.positions).map(([key, q]) => ({
      symbol: key.slice(key.indexOf(':') + 1),
      quantity: decimalString(q),
    }));
    let rec = await this.#broker.reconcile(local, positions);
    if (rec.halt && (local.some((o) => !isTerminal(o.status)) || rec.mismatches.some((m) => !m.explained))) {
      // A fill can land between the open-orders query and the balance read, leaving the balance
      // ahead of what the orders showed: one more pass (orders read after that balance) tells.
      // With no order of ours open, OKX itself can still trade: an attached stop-loss or
      // take-profit it fires between the fills and the balance reads. A real mismatch stays.
      rec = await this.#broker.reconcile(local, positions);
    }
    // Every order the pass touched, as the broker now has it, with the fills it found missing.
    const touched = new Map<string, OkxFill[]>();
    for (const e of rec.events) if (!touched.has(e.clientOrderId)) touched.set(e.clientOrderId, []);
    for (const f of rec.fills) {
      const list = touched.get(f.clientOrderId) ?? [];
      list.push(f);
      touched.set(f.clientOrderId, list);
    }
    const reports: VenueReport[] = [];
    for (const [id, fills] of touched) {
      const v = this.#broker.order(id);
      if (!v) continue;
      reports.push({
        clientOrderId: id,
        ...(v.exchangeOrderId ? { exchangeOrderId: v.exchangeOrderId } : {}),
        status: v.status,
        filledQty: num(v.filledQuantity),
        avgPrice: num(v.averagePrice),
        fills: fills.map(venueFill),
        ...(v.exit
          ? {
              triggeredExit: {
                entry: v.exit.entry,
                reason: v.exit.reason,
                instrument: parseInstrument(`${VENUE}:${v.symbol}`),
                side: v.side,
                qty: num(v.filledQuantity),
              },
            }
          : {}),
      });
    }
    const unexplained = rec.mismatches.filter((m) => !m.explained).map((m) => m.detail);
    const failed = rec.failures.map((f) => `${f.query}: ${f.error}`);
    const cash = rec.balances?.[this.#quote]?.total;
    return {
      reports,
      alerts: rec.alerts,
      ...(rec.halt
        ? {
            halt: {
              // An exchange that refuses us (bad key, maintenance) says so; anything else is a mismatch.
              reason: rec.failures.find((f) => isHaltWorthy(f.class))?.class ?? 'reconcile_mismatch',
              detail: [...unexplained, ...failed].join('; '),
            },
          }
        : {}),
      ...(cash !== undefined && rec.verdict !== 'failed' ? { cash: Number(cash) } : {}),
    };
  }

  async close(): Promise<void> {}

  /** Follows an order the router has on record, from what it has booked (never from zero: no fill twice). */
  #follow(o: OrderRecord): void {
    if (this.#broker.order(o.clientOrderId)) return;
    this.#broker.resume({
      ...localOrder(o),
      ...(o.filledQty > 0 ? { averagePrice: decimalString(o.avgFillPrice) } : {}),
    });
  }

  #result(u: BrokerUpdate, reason: string | undefined): VenueResult {
    return {
      reports: [toReport(u, reason)],
      alerts: u.alerts,
      ...(u.halt ? { halt: u.halt } : {}),
    };
  }
}

/** Creates and starts the OKX spot venue. */
export async function createOkxSpotVenue(opts: OkxSpotVenueOptions): Promise<OkxSpotVenue> {
  const v = new OkxSpotVenue(opts);
  await v.start();
  return v;
}

/** An error no broker call turned into a result (a bug, or a query that kept failing). */
function failure(e: unknown, what: string, clientOrderId: string): VenueResult {
  const c = classifyOkxError(e);
  const detail = `${what} ${clientOrderId}: ${describeError(e)}`;
  return {
    reports: [],
    alerts: [
      {
        severity: isHaltWorthy(c) ? 'critical' : 'warning',
        code: `okx_${what}_failed`,
        message: detail,
        dedupeKey: `${clientOrderId}:${c}`,
      },
    ],
    ...(isHaltWorthy(c) ? { halt: { reason: c, detail } } : {}),
  };
}

/** VenueOrder → the proto OrderRequestMsg OkxBroker takes (decimal strings, never exponents). */
export function toOrderRequest(o: VenueOrder, account: string): OrderRequestMsg {
  const quoteSized = o.type === 'market' && o.quoteAmount !== undefined && o.quoteAmount > 0;
  return {
    clientOrderId: o.clientOrderId,
    account,
    strategy: o.strategy,
    instrument: { venue: o.instrument.venue, symbol: symbolOf(o.instrument) },
    side: o.side === 'buy' ? pb.Side.SIDE_BUY : pb.Side.SIDE_SELL,
    type: o.type === 'limit' ? pb.OrderType.ORDER_TYPE_LIMIT : pb.OrderType.ORDER_TYPE_MARKET,
    quantity: quoteSized ? '' : decimalString(o.qty),
    limitPrice: o.type === 'limit' && o.limitPrice !== undefined ? decimalString(o.limitPrice) : '',
    quoteAmount: quoteSized ? decimalString(o.quoteAmount!) : '',
    decisionTimeMs: o.decisionTime,
  };
}

/** A finite number as a plain decimal string (`1e-7` → `0.0000001`). */
export function decimalString(n: number): string {
  if (!Number.isFinite(n)) throw new Error(`not a finite number: ${n}`);
  const s = String(n);
  const m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/i.exec(s);
  if (!m) return s;
  const [, sign, lead, frac = '', expS] = m;
  const exp = Number(expS);
  const digits = `${lead}${frac}`;
  if (exp < 0) return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
  return `${sign}${digits.padEnd(exp + 1, '0')}${digits.length > exp + 1 ? `.${digits.slice(exp + 1)}` : ''}`;
}

function num(s: string | null | undefined): number {
  if (!s) return 0;
  const n = Number(s);
  if (!Number.isFinite(n)) throw new Error(`OKX venue: "${s}" is not a number`);
  return n;
}

/** The router's record of an order as the broker compares and resumes it (exact decimals). */
function localOrder(o: OrderRecord): LocalOrder {
  return {
    clientOrderId: o.clientOrderId,
    symbol: symbolOf(o.instrument),
    side: o.side,
    status: o.status,
    filledQuantity: decimalString(o.filledQty),
    seq: o.events,
    ...(o.exchangeOrderId ? { exchangeOrderId: o.exchangeOrderId } : {}),
  };
}

function symbolOf(i: Instrument): string {
  return `${i.base}/${i.quote}`;
}

function toReport(u: BrokerUpdate, reason: string | undefined): VenueReport {
  return {
    clientOrderId: u.clientOrderId,
    ...(u.exchangeOrderId ? { exchangeOrderId: u.exchangeOrderId } : {}),
    status: u.status,
    filledQty: num(u.filledQuantity),
    avgPrice: num(u.averagePrice),
    ...(reason ? { reason } : {}),
    fills: u.fills.map(venueFill),
  };
}

/** The broker's exact fill as the router books it (the order's side and instrument are on its record). */
function venueFill(f: OkxFill): VenueFill {
  return {
    tradeId: f.tradeId,
    qty: num(f.qty),
    price: num(f.price),
    fee: num(f.fee),
    feeCurrency: f.feeCurrency,
    timeMs: f.timeMs,
    maker: f.maker,
  };
}

/**
 * The order's exits as the trigger prices OKX attaches to it, or why they cannot be sent: a
 * fraction needs the fill price, which the entry does not have when it is placed; a trailing stop
 * would be a separate `move_order_stop` algo order placed after the fill, which this venue does not
 * place yet; and an entry whose id is not the router's own (`at` + 28) cannot name its exits
 * (attached.ts), so their fills could not be booked.
 */
export function attachedExits(order: VenueOrder): AttachedExits | string | undefined {
  const x = order.exits;
  if (x === undefined) return undefined;
  if (x.trailingStop !== undefined)
    return 'a trailing stop is not supported on the OKX venue (it would be a move_order_stop algo order placed after the fill, which this venue does not place): use a stop-loss price, or the paper venue';
  const level = (name: string, l: ExitLevel | undefined): string | undefined => {
    if (l === undefined) return undefined;
    if ('fraction' in l)
      return `${name} as a fraction (${l.fraction}) is not supported on the OKX venue yet (it needs the fill price): give a price level`;
    return undefined;
  };
  const bad = level('stop-loss', x.stopLoss) ?? level('take-profit', x.takeProfit);
  if (bad !== undefined) return bad;
  if (attachedExitId(order.clientOrderId) === undefined)
    return `exits need an entry id of the router's form (at + 28 letters or digits) to be linked to their fills; ${order.clientOrderId} is not`;
  const price = (l: ExitLevel | undefined) =>
    l !== undefined && 'price' in l ? decimalString(l.price) : undefined;
  const stopLoss = price(x.stopLoss);
  const takeProfit = price(x.takeProfit);
  if (stopLoss === undefined && takeProfit === undefined) return 'the exits set nothing OKX can attach';
  return {
    ...(stopLoss !== undefined ? { stopLoss } : {}),
    ...(takeProfit !== undefined ? { takeProfit } : {}),
  };
}

/** The refusal of an entry that carries protective exits the OKX venue does not send. */
export function refuseExits(
  order: VenueOrder,
  why = 'protective exits (stop-loss, take-profit, trailing stop) are not supported on this venue',
): VenueResult {
  const reason = `${why}: order not sent`;
  return {
    reports: [
      {
        clientOrderId: order.clientOrderId,
        status: 'rejected',
        filledQty: 0,
        avgPrice: Number.NaN,
        reason,
        fills: [],
      },
    ],
    alerts: [
      {
        severity: 'warning',
        code: 'exits_unsupported',
        message: `${order.strategy}: ${order.side} ${order.qty} ${order.instrument.base}/${order.instrument.quote} (${order.clientOrderId}): ${reason}. Trade it on the paper venue, or drop the strategy's exits.`,
        dedupeKey: order.clientOrderId,
      },
    ],
  };
}
