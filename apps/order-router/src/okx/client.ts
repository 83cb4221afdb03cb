import { okx } from 'ccxt';
import { dGt, dSum } from './decimal';
import {
  type OkxAlgoRow,
  type OkxBalance,
  type OkxFillRow,
  type OkxOrderRow,
  okData,
  parseAlgoRow,
  parseBalances,
  parseFillRow,
  parseOrderRow,
} from './rows';

export interface OkxConnectionOptions {
  readonly apiKey: string;
  readonly secret: string;
  /** OKX's API passphrase (ccxt calls it `password`). */
  readonly password: string;
  /** REST root override (tests: a local server); requests go to `<restUrl>/api/v5/...`. */
  readonly restUrl?: string | undefined;
  /** OKX demo trading: adds `x-simulated-trading: 1`; needs demo keys. */
  readonly sandbox?: boolean | undefined;
  /** ccxt's own limiter. Keep it on outside tests. Default true. */
  readonly enableRateLimit?: boolean | undefined;
  /** Per-request timeout, ms. Default 10,000. */
  readonly timeoutMs?: number | undefined;
}

/**
 * A ccxt `okx` for spot trading: markets from SPOT only and no currencies request (one request
 * for `loadMarkets`), keys from the caller (never from the environment here), REST root pointed
 * where asked. `verbose` stays off: it would print the signed headers.
 */
export function createOkxTradeClient(o: OkxConnectionOptions): okx {
  const ex = new okx({
    apiKey: o.apiKey,
    secret: o.secret,
    password: o.password,
    enableRateLimit: o.enableRateLimit ?? true,
    timeout: o.timeoutMs ?? 10_000,
    verbose: false,
    options: { fetchMarkets: { types: ['spot'] } },
  });
  ex.has['fetchCurrencies'] = false;
  // Sandbox first: setSandboxMode swaps `urls.api` for the demo one, which the override must win over.
  if (o.sandbox) ex.setSandboxMode(true);
  if (o.restUrl) ex.urls['api'] = { rest: o.restUrl.replace(/\/+$/, '') };
  return ex;
}

const PAGE = 100;

/**
 * Reads through ccxt's implicit API (same signing, limiter and error mapping as the unified
 * methods), because the unified ones turn a malformed 200 body into an empty list — and an empty
 * list of open orders, fills or balances must only ever mean "none".
 */
export class OkxReads {
  constructor(private readonly ex: okx) {}

  /** The order with this clOrdId; ccxt's OrderNotFound (51603) when OKX has none. */
  async orderByClientId(instId: string, clOrdId: string): Promise<OkxOrderRow> {
    const body: unknown = await this.ex.privateGetTradeOrder({ instId, clOrdId });
    const data = okData(body, 'trade/order');
    if (data.length !== 1) throw new Error(`OKX trade/order answered ${data.length} rows for ${clOrdId}`);
    const row = parseOrderRow(data[0]);
    if (row.clOrdId !== clOrdId) throw new Error(`OKX trade/order answered ${row.clOrdId} for ${clOrdId}`);
    return row;
  }

  /** The order with this ordId (an order OKX placed for us has no clOrdId: a triggered stop-loss). */
  async orderById(instId: string, ordId: string): Promise<OkxOrderRow> {
    const body: unknown = await this.ex.privateGetTradeOrder({ instId, ordId });
    const data = okData(body, 'trade/order');
    if (data.length !== 1) throw new Error(`OKX trade/order answered ${data.length} rows for order ${ordId}`);
    const row = parseOrderRow(data[0]);
    if (row.ordId !== ordId) throw new Error(`OKX trade/order answered order ${row.ordId} for ${ordId}`);
    return row;
  }

  /**
   * The algo order with this client id (`GET /trade/order-algo`, live or finished): for an entry's
   * attached stop-loss / take-profit, which leg triggered. ccxt's OrderNotFound (51603) when none.
   */
  async algoOrder(algoClOrdId: string): Promise<OkxAlgoRow> {
    const body: unknown = await this.ex.privateGetTradeOrderAlgo({ algoClOrdId });
    const data = okData(body, 'trade/order-algo');
    if (data.length !== 1)
      throw new Error(`OKX trade/order-algo answered ${data.length} rows for ${algoClOrdId}`);
    const row = parseAlgoRow(data[0]);
    if (row.algoClOrdId !== algoClOrdId)
      throw new Error(`OKX trade/order-algo answered ${row.algoClOrdId} for ${algoClOrdId}`);
    return row;
  }

  /** Every fill of one order, oldest first: last 3 days, then the 3-month history if short of `accFillSz`. */
  async orderFills(instId: string, ordId: string, accFillSz: string): Promise<OkxFillRow[]> {
    const recent = await this.#pages('trade/fills', (p) => this.ex.privateGetTradeFills(p), {
      instType: 'SPOT',
      instId,
      ordId,
    });
    if (!dGt(accFillSz, dSum(recent.map((f) => f.fillSz)))) return oldestFirst(recent);
    const all = await this.#pages('trade/fills-history', (p) => this.ex.privateGetTradeFillsHistory(p), {
      instType: 'SPOT',
      instId,
      ordId,
    });
    return oldestFirst(all);
  }

  /** Spot fills since `sinceMs` (3-month history endpoint), oldest first. */
  async fillsSince(sinceMs: number): Promise<OkxFillRow[]> {
    const rows = await this.#pages('trade/fills-history', (p) => this.ex.privateGetTradeFillsHistory(p), {
      instType: 'SPOT',
      begin: String(sinceMs),
    });
    return oldestFirst(rows);
  }

  /** Every open spot order (live or partially filled). */
  async openOrders(): Promise<OkxOrderRow[]> {
    const out: OkxOrderRow[] = [];
    let after: string | undefined;
    for (;;) {
      const params: Record<string, string> = { instType: 'SPOT', limit: String(PAGE) };
      if (after !== undefined) params['after'] = after;
      const data = okData(await this.ex.privateGetTradeOrdersPending(params), 'trade/orders-pending');
      const rows = data.map((r) => parseOrderRow(r, 'orders-pending row'));
      out.push(...rows);
      if (rows.length < PAGE) return out;
      after = rows[rows.length - 1]!.ordId;
    }
  }

  async balances(): Promise<Map<string, OkxBalance>> {
    return parseBalances(await this.ex.privateGetAccountBalance({}));
  }

  /** Fills pages newest first, following `after` = the oldest billId seen, until a short page. */
  async #pages(
    what: string,
    call: (p: Record<string, string>) => Promise<unknown>,
    base: Record<string, string>,
  ): Promise<OkxFillRow[]> {
    const out: OkxFillRow[] = [];
    let after: string | undefined;
    for (;;) {
      const params: Record<string, string> = { ...base, limit: String(PAGE) };
      if (after !== undefined) params['after'] = after;
      const rows = okData(await call(params), what).map((r) => parseFillRow(r, `${what} row`));
      out.push(...rows);
      if (rows.length < PAGE) return out;
      after = rows[rows.length - 1]!.billId;
    }
  }
}

function oldestFirst(rows: OkxFillRow[]): OkxFillRow[] {
  const seen = new Set<string>();
  return rows
    .filter((r) => !seen.has(r.billId) && seen.add(r.billId))
    .sort((a, b) => a.ts - b.ts || cmpId(a.tradeId, b.tradeId));
}

function cmpId(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}
