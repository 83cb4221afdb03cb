import { type Clock, type Instrument, type OrderStatus, parseInstrument } from '@algotrader/core';
import { type Fill, type OrderRequest, pb } from '@algotrader/proto';
import type { BrokerFill, BrokerOrder, BrokerReport, BrokerSnapshot, LiveBroker } from '../broker';
import { OkxBroker } from './broker';
import { createOkxTradeClient, OkxReads } from './client';
import { dNeg } from './decimal';
import { classifyOkxError } from './errors';
import { fillId, statusFromOkx } from './mapping';
import { DEFAULT_RETRY, type RetryPolicy, retryRead } from './retry';
import type { OkxFillRow, OkxOrderRow } from './rows';
import type { BrokerUpdate, OkxBrokerLogger, OkxBrokerOptions } from './types';

const VENUE = 'OKX';
/** OKX keeps 3 months of fills history. */
const MAX_LOOKBACK_MS = 90 * 86_400_000;

/**
 * `LiveBroker` on top of {@link OkxBroker}: numbers in, exact decimal strings to OKX; proto
 * updates back as `BrokerReport`s carrying every fill of the order known so far (the router
 * applies each trade id once). Snapshots read OKX directly (open orders, fills, balances, with
 * retries on transient errors); a query that still fails throws, it is never an empty answer.
 */
export class OkxLiveBroker implements LiveBroker {
  readonly name = 'okx';
  readonly #broker: OkxBroker;
  readonly #reads: OkxReads;
  readonly #retry: RetryPolicy;
  readonly #clock: Clock;
  readonly #log: OkxBrokerLogger | undefined;
  /** Every fill seen per client order id, by trade id. */
  readonly #fills = new Map<string, Map<string, BrokerFill>>();

  constructor(opts: OkxBrokerOptions) {
    this.#broker = new OkxBroker(opts);
    this.#reads = new OkxReads(createOkxTradeClient(opts));
    this.#retry = opts.retry ?? DEFAULT_RETRY;
    this.#clock = opts.clock;
    this.#log = opts.logger;
  }

  /** The underlying broker (for inspection). */
  get broker(): OkxBroker {
    return this.#broker;
  }

  /** Loads OKX's spot markets; throws when OKX cannot be reached. */
  async start(): Promise<void> {
    await this.#broker.start();
  }

  async place(order: BrokerOrder): Promise<BrokerReport> {
    const r = await this.#broker.submit(toOrderRequest(order, this.#broker.account));
    this.#surface(r);
    const reason =
      r.outcome === 'rejected'
        ? `${r.reason}: ${r.detail}`
        : r.outcome === 'unknown'
          ? `outcome unknown: ${r.detail}`
          : undefined;
    return this.#report(r, order.instrument, reason);
  }

  async cancel(clientOrderId: string, instrument: Instrument): Promise<BrokerReport> {
    const r = await this.#broker.cancel(clientOrderId, symbolOf(instrument));
    this.#surface(r);
    const reason = r.outcome === 'failed' || r.outcome === 'unknown_order' ? r.detail : undefined;
    return this.#report(r, instrument, reason);
  }

  async lookup(clientOrderId: string, instrument: Instrument): Promise<BrokerReport | undefined> {
    if (!this.#broker.order(clientOrderId)) {
      // Not followed by this process (e.g. after a restart): find it on OKX, then follow it.
      let row: OkxOrderRow;
      try {
        row = await retryRead(
          () => this.#reads.orderByClientId(instIdOf(instrument), clientOrderId),
          this.#retry,
        );
      } catch (e) {
        if (classifyOkxError(e) === 'not_found') return undefined;
        throw e;
      }
      this.#broker.resume({
        clientOrderId,
        symbol: symbolOf(instrument),
        side: row.side,
        status: 'submitted',
        filledQuantity: '0',
        seq: 0,
        exchangeOrderId: row.ordId,
      });
    }
    const u = await this.#broker.refresh(clientOrderId);
    this.#surface(u);
    return this.#report(u, instrument, undefined);
  }

  async snapshot(sinceMs: number): Promise<BrokerSnapshot> {
    const since = Math.max(sinceMs, this.#clock.now() - MAX_LOOKBACK_MS, 0);
    // Any of these throwing makes the snapshot throw: a failed query is never "none" or "flat".
    const open = await retryRead(() => this.#reads.openOrders(), this.#retry);
    const fills = await retryRead(() => this.#reads.fillsSince(since), this.#retry);
    const balances = await retryRead(() => this.#reads.balances(), this.#retry);
    const byOrder = new Map<string, BrokerFill[]>();
    for (const f of fills) {
      const list = byOrder.get(f.clOrdId) ?? [];
      list.push(toBrokerFill(f));
      byOrder.set(f.clOrdId, list);
    }
    return {
      openOrders: open.map((row) => rowReport(row, byOrder.get(row.clOrdId) ?? [])),
      fills: fills.map((f) => ({
        ...toBrokerFill(f),
        clientOrderId: f.clOrdId,
        instrument: instrumentOfInstId(f.instId),
      })),
      balances: Object.fromEntries([...balances].map(([ccy, b]) => [ccy, num(b.total)])),
    };
  }

  async close(): Promise<void> {
    this.#fills.clear();
  }

  /** Alerts and halts have no place in a BrokerReport: log them so they are not lost. */
  #surface(u: BrokerUpdate): void {
    for (const a of u.alerts) {
      this.#log?.warn({ code: a.code, clientOrderId: u.clientOrderId }, a.message ?? 'OKX broker alert');
    }
    if (u.halt) {
      this.#log?.error(
        { reason: u.halt.reason, clientOrderId: u.clientOrderId },
        `OKX broker asks to halt trading: ${u.halt.detail}`,
      );
    }
  }

  #report(u: BrokerUpdate, instrument: Instrument, reason: string | undefined): BrokerReport {
    let known = this.#fills.get(u.clientOrderId);
    if (!known) {
      known = new Map();
      this.#fills.set(u.clientOrderId, known);
    }
    for (const f of u.fills) known.set(f.tradeId ?? '', fromProtoFill(f));
    const fills = [...known.values()];
    if (isTerminalStatus(u.status)) this.#fills.delete(u.clientOrderId);
    return {
      clientOrderId: u.clientOrderId,
      ...(u.exchangeOrderId ? { exchangeOrderId: u.exchangeOrderId } : {}),
      instrument,
      status: u.status,
      filledQty: num(u.filledQuantity),
      avgPrice: num(u.averagePrice),
      ...(reason ? { reason } : {}),
      fills,
    };
  }
}

/** Creates and starts the LiveBroker for OKX spot. */
export async function createOkxLiveBroker(opts: OkxBrokerOptions): Promise<OkxLiveBroker> {
  const b = new OkxLiveBroker(opts);
  await b.start();
  return b;
}

/** BrokerOrder → the proto OrderRequest OkxBroker takes (decimal strings, never exponents). */
export function toOrderRequest(o: BrokerOrder, account: string): OrderRequest {
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
  if (!Number.isFinite(n)) throw new Error(`OKX adapter: "${s}" is not a number`);
  return n;
}

function symbolOf(i: Instrument): string {
  return `${i.base}/${i.quote}`;
}

function instIdOf(i: Instrument): string {
  return `${i.base}-${i.quote}`;
}

function instrumentOfInstId(instId: string): Instrument {
  return parseInstrument(`${VENUE}:${instId.replace('-', '/')}`);
}

function isTerminalStatus(s: OrderStatus): boolean {
  return s === 'filled' || s === 'canceled' || s === 'rejected' || s === 'expired';
}

function fromProtoFill(f: Fill): BrokerFill {
  return {
    tradeId: f.tradeId ?? '',
    qty: num(f.quantity),
    price: num(f.price),
    fee: num(f.fee),
    feeCurrency: f.feeCurrency ?? '',
    timeMs: Number(f.timeMs ?? 0),
    maker: !!f.maker,
  };
}

function toBrokerFill(f: OkxFillRow): BrokerFill {
  return {
    tradeId: fillId(f),
    qty: num(f.fillSz),
    price: num(f.fillPx),
    // OKX: negative = paid; ours: positive = paid.
    fee: num(dNeg(f.fee)),
    feeCurrency: f.feeCcy,
    timeMs: f.ts,
    maker: f.execType === 'M',
  };
}

function rowReport(row: OkxOrderRow, fills: readonly BrokerFill[]): BrokerReport {
  return {
    clientOrderId: row.clOrdId,
    exchangeOrderId: row.ordId,
    instrument: instrumentOfInstId(row.instId),
    status: statusFromOkx(row.state, 'accepted', false),
    filledQty: num(row.accFillSz),
    avgPrice: num(row.avgPx),
    fills,
  };
}
