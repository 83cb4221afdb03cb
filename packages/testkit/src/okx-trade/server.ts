import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { assertNever, type Clock } from '@algotrader/core';
import { readBody } from '../http';
import { dec } from './decimal';
import { type OkxSpotInstrumentSpec, type SimFill, type SimOrder, SpotExchange } from './exchange';
import { algoOrderRow, balanceRow, fillRow, instrumentRow, orderRow } from './shapes';
import { type OkxSwapInstrumentSpec, SwapBook, swapBillRow, swapOrderRow } from './swap';

/**
 * A local stand-in for OKX's REST API v5 on the PRIVATE trading side (spot, cash mode), answering
 * with the real response shapes so that ccxt's `okx` class talks to it unmodified (only
 * `urls.api.rest` points here). Requests are authenticated as OKX does: `OK-ACCESS-SIGN` =
 * base64(HMAC-SHA256(secret, timestamp + METHOD + path?query + body)), checked against the one
 * configured key; a bad signature answers 50113.
 *
 * Endpoints: public/instruments (SPOT), public/time, trade/order (POST place, GET details),
 * trade/batch-orders, trade/cancel-order, trade/cancel-batch-orders, trade/orders-pending,
 * trade/fills (last 3 days), trade/fills-history, account/balance, asset/currencies, and the
 * algo orders attached stop-loss / take-profit become: trade/order-algo, trade/orders-algo-pending,
 * trade/orders-algo-history.
 *
 * The market is driven by the test: see {@link SpotExchange} (market orders fill at a set price,
 * limit orders rest until {@link OkxTradeServer.fillOrder}; a placement may attach a stop-loss /
 * take-profit, `attachAlgoOrds`, fired by {@link OkxTradeServer.triggerAttached}).
 */

export interface OkxTradeCredentials {
  readonly apiKey: string;
  readonly secret: string;
  readonly passphrase: string;
}

/**
 * - `rateLimit`: HTTP 429 `50011` (not processed);
 * - `maintenance`: HTTP 503 `50001`;
 * - `busy`: HTTP 200 `50013` "System is busy";
 * - `http5xx`: a gateway's HTML 502;
 * - `malformed`: HTTP 200 with a body cut off mid-way (ccxt hands back the text, no error);
 * - `hang`: no answer at all until the server stops, so the client times out. With `apply` the
 *   request takes effect first (an order DID land); without, it never reaches the engine.
 */
export type OkxTradeFaultKind = 'rateLimit' | 'maintenance' | 'busy' | 'http5xx' | 'malformed' | 'hang';

export interface OkxTradeFault {
  readonly kind: OkxTradeFaultKind;
  /** Only requests to this path, e.g. `/api/v5/trade/batch-orders`. */
  readonly path?: string;
  readonly method?: 'GET' | 'POST';
  /** How many matching requests fail (default 1). */
  readonly times?: number;
  /** `hang` only: apply the request before withholding the answer. */
  readonly apply?: boolean;
}

export interface OkxTradeRequestLog {
  readonly method: string;
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  readonly body: unknown;
  /** HTTP status answered; 0 when the answer was withheld (`hang`). */
  readonly status: number;
  /** OKX `code`, or the first `sCode` when the envelope code is 1/2. */
  readonly code: string;
  readonly fault: OkxTradeFaultKind | undefined;
  readonly atMs: number;
}

export interface OkxTradeServerOptions {
  /** The one API key the server accepts. */
  readonly credentials: OkxTradeCredentials;
  /** Exchange time: order and fill timestamps, `public/time`. Default: the wall clock. */
  readonly clock?: Clock;
  /** `demo` keys need `x-simulated-trading: 1`, `live` keys must not send it (else 50101). */
  readonly environment?: 'live' | 'demo';
  /** Default: BTC-USDT with OKX's tickSz 0.1, lotSz 0.00000001, minSz 0.00001. */
  readonly instruments?: readonly OkxSpotInstrumentSpec[];
  /** Initial cash balances, e.g. `{ USDT: '10000' }`. */
  readonly balances?: Readonly<Record<string, string>>;
  readonly makerFeeRate?: string;
  readonly takerFeeRate?: string;
  readonly clOrdIdUniqueness?: 'pending' | 'all';
  /** Reject requests whose OK-ACCESS-TIMESTAMP is further than this from the clock (50102). */
  readonly maxTimestampSkewMs?: number;
  /** USDT perpetual swaps (instType SWAP), e.g. `[{ instId: 'BTC-USDT-SWAP' }]`; none by default. */
  readonly swaps?: readonly OkxSwapInstrumentSpec[];
}

interface Answer {
  readonly status: number;
  readonly body: string;
  readonly type: string;
  readonly code: string;
}

const PRIVATE = /^\/api\/v5\/(trade|account|asset)\//;
const THREE_DAYS = 3 * 86_400_000;
const wallClock: Clock = { now: () => Date.now() };

export class OkxTradeServer {
  readonly #server: Server;
  readonly #opts: OkxTradeServerOptions;
  readonly #clock: Clock;
  readonly #faults: { fault: OkxTradeFault; left: number }[] = [];
  readonly #hooks: { path: string; fn: () => void }[] = [];
  readonly #held = new Set<ServerResponse>();
  #credentials: OkxTradeCredentials;
  /** The simulated account and orders (balances, order states, fills). */
  readonly exchange: SpotExchange;
  /** Perpetual swaps on the same USDT balance (see swap.ts). */
  readonly swaps: SwapBook;
  readonly requests: OkxTradeRequestLog[] = [];
  readonly url: string;
  readonly port: number;

  private constructor(server: Server, port: number, opts: OkxTradeServerOptions) {
    this.#server = server;
    this.port = port;
    this.url = `http://127.0.0.1:${port}`;
    this.#opts = opts;
    this.#credentials = opts.credentials;
    this.#clock = opts.clock ?? wallClock;
    this.exchange = new SpotExchange({
      clock: this.#clock,
      ...(opts.makerFeeRate !== undefined ? { makerFeeRate: opts.makerFeeRate } : {}),
      ...(opts.takerFeeRate !== undefined ? { takerFeeRate: opts.takerFeeRate } : {}),
      ...(opts.clOrdIdUniqueness !== undefined ? { clOrdIdUniqueness: opts.clOrdIdUniqueness } : {}),
    });
    for (const spec of opts.instruments ?? [{ instId: 'BTC-USDT' }]) this.exchange.addInstrument(spec);
    this.swaps = new SwapBook(this.exchange, dec(opts.takerFeeRate ?? '0.0005'));
    for (const spec of opts.swaps ?? []) this.swaps.addInstrument(spec);
    for (const [ccy, amount] of Object.entries(opts.balances ?? {})) this.exchange.setBalance(ccy, amount);
  }

  /** Listens on a kernel-chosen free loopback port. */
  static async start(opts: OkxTradeServerOptions): Promise<OkxTradeServer> {
    let self: OkxTradeServer | undefined;
    const server = createServer((req, res) => {
      void self?.handle(req, res);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    self = new OkxTradeServer(server, (server.address() as AddressInfo).port, opts);
    return self;
  }

  setMarketPrice(instId: string, px: string): void {
    this.exchange.setMarketPrice(instId, px);
  }

  /**
   * Replaces the one API key the server accepts, as when the key is rotated or revoked on OKX: a
   * client still signing with the old secret gets 50113 (bad signature), the real check.
   */
  setCredentials(credentials: OkxTradeCredentials): void {
    this.#credentials = credentials;
  }

  setBalance(ccy: string, amount: string): void {
    this.exchange.setBalance(ccy, amount);
  }

  /** Total (`cashBal`), frozen for open orders, and available, as OKX decimal strings. */
  balance(ccy: string): { cash: string; frozen: string; avail: string } {
    return this.exchange.balance(ccy);
  }

  /** Fills `qty` of a resting order (by ordId or clOrdId) at `px` (default: its limit price). */
  fillOrder(id: string, qty: string, px?: string): SimFill {
    return this.exchange.fill(id, qty, px);
  }

  /**
   * The market reaches the stop-loss (`sl`) or take-profit (`tp`) attached to entry `id` (ordId or
   * clOrdId): the exit order it creates (market, at `px`, default the trigger price), carrying the
   * algo's `algoId` / `algoClOrdId`.
   */
  triggerAttached(id: string, leg: 'sl' | 'tp', px?: string): SimOrder {
    return this.exchange.triggerAttached(id, leg, px);
  }

  /** Every order placed so far, oldest first. */
  orders(): readonly SimOrder[] {
    return this.exchange.orders();
  }

  /** The latest order with this clOrdId (or this ordId), as OKX's `GET /trade/order` row. */
  order(id: string): Record<string, unknown> | undefined {
    const o = this.exchange.find({ ordId: id }) ?? this.exchange.find({ clOrdId: id });
    return o && orderRow(o);
  }

  /** The next matching requests answer with this fault. */
  inject(fault: OkxTradeFault): void {
    this.#faults.push({ fault, left: fault.times ?? 1 });
  }

  clearFaults(): void {
    this.#faults.length = 0;
  }

  /** Runs `fn` once, just before the next request to `path` is handled (e.g. a fill racing a cancel). */
  beforeNext(path: string, fn: () => void): void {
    this.#hooks.push({ path, fn });
  }

  /** Requests logged so far, optionally only those to `path` (and with `method`). */
  count(path?: string, method?: 'GET' | 'POST'): number {
    return this.requests.filter(
      (r) => (path === undefined || r.path === path) && (method === undefined || r.method === method),
    ).length;
  }

  async stop(): Promise<void> {
    for (const res of this.#held) res.destroy();
    this.#held.clear();
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const atMs = Date.now();
    const method = req.method ?? 'GET';
    const rawUrl = req.url ?? '/';
    const url = new URL(rawUrl, 'http://localhost');
    const path = url.pathname;
    const query = Object.fromEntries(url.searchParams.entries());
    const raw = await readBody(req);
    let body: unknown;
    let badJson = false;
    if (raw !== '') {
      try {
        body = JSON.parse(raw);
      } catch {
        badJson = true;
      }
    }
    const log = (a: Answer | undefined, fault: OkxTradeFaultKind | undefined) =>
      this.requests.push({
        method,
        path,
        query,
        body: body ?? raw,
        status: a?.status ?? 0,
        code: a?.code ?? '',
        fault,
        atMs,
      });

    const fault = this.#takeFault(method, path);
    if (fault && fault.kind !== 'hang') {
      const a = faultAnswer(fault.kind);
      log(a, fault.kind);
      send(res, a);
      return;
    }
    if (fault?.kind === 'hang' && !fault.apply) {
      log(undefined, 'hang');
      this.#hold(res);
      return;
    }
    for (let i = 0; i < this.#hooks.length; i++) {
      if (this.#hooks[i]!.path !== path) continue;
      const [hook] = this.#hooks.splice(i, 1);
      hook!.fn();
      break;
    }
    let answer: Answer;
    if (badJson) answer = okx(400, '50002', 'Json data format error');
    else {
      const denied = PRIVATE.test(path) ? this.#authenticate(req, method, rawUrl, raw) : undefined;
      answer = denied ?? this.#route(method, path, query, body);
    }
    if (fault?.kind === 'hang') {
      log(undefined, 'hang');
      this.#hold(res);
      return;
    }
    log(answer, undefined);
    send(res, answer);
  }

  #hold(res: ServerResponse): void {
    this.#held.add(res);
    res.on('close', () => this.#held.delete(res));
  }

  #takeFault(method: string, path: string): OkxTradeFault | undefined {
    for (let i = 0; i < this.#faults.length; i++) {
      const f = this.#faults[i]!;
      if (f.fault.path !== undefined && f.fault.path !== path) continue;
      if (f.fault.method !== undefined && f.fault.method !== method) continue;
      f.left -= 1;
      if (f.left <= 0) this.#faults.splice(i, 1);
      return f.fault;
    }
    return undefined;
  }

  #authenticate(req: IncomingMessage, method: string, rawUrl: string, raw: string): Answer | undefined {
    const h = (name: string) => {
      const v = req.headers[name];
      return typeof v === 'string' && v !== '' ? v : undefined;
    };
    const key = h('ok-access-key');
    const sign = h('ok-access-sign');
    const ts = h('ok-access-timestamp');
    const pass = h('ok-access-passphrase');
    const creds = this.#credentials;
    if (key === undefined) return okx(401, '50103', 'Request header OK-ACCESS-KEY cannot be empty.');
    if (pass === undefined) return okx(401, '50104', 'Request header OK-ACCESS-PASSPHRASE cannot be empty.');
    if (sign === undefined) return okx(401, '50106', 'Request header OK-ACCESS-SIGN cannot be empty.');
    if (ts === undefined) return okx(401, '50107', 'Request header OK-ACCESS-TIMESTAMP cannot be empty.');
    if (key !== creds.apiKey) return okx(401, '50111', 'Invalid OK-ACCESS-KEY.');
    const tsMs = Date.parse(ts);
    if (!Number.isFinite(tsMs)) return okx(401, '50112', 'Invalid OK-ACCESS-TIMESTAMP.');
    const skew = this.#opts.maxTimestampSkewMs;
    if (skew !== undefined && Math.abs(tsMs - this.#clock.now()) > skew)
      return okx(401, '50102', 'Timestamp request expired.');
    if (pass !== creds.passphrase) return okx(401, '50105', 'Request header OK-ACCESS-PASSPHRASE incorrect.');
    const simulated = h('x-simulated-trading') === '1';
    if (simulated !== ((this.#opts.environment ?? 'live') === 'demo'))
      return okx(401, '50101', 'APIKey does not match current environment.');
    const want = createHmac('sha256', creds.secret)
      .update(ts + method + rawUrl + raw)
      .digest();
    const got = Buffer.from(sign, 'base64');
    if (got.length !== want.length || !timingSafeEqual(got, want)) return okx(401, '50113', 'Invalid Sign.');
    return undefined;
  }

  #route(method: string, path: string, query: Record<string, string>, body: unknown): Answer {
    const ex = this.exchange;
    const now = this.#clock.now();
    const swap = this.#routeSwap(method, path, query, body, now);
    if (swap) return swap;
    const route = `${method} ${path}`;
    // Everything this exchange holds is SPOT: other instrument types list nothing.
    const spotOnly = !query['instType'] || query['instType'] === 'SPOT';
    switch (route) {
      case 'GET /api/v5/public/time':
        return ok([{ ts: String(now) }]);
      case 'GET /api/v5/public/instruments': {
        if (!query['instType']) return okx(400, '50014', 'Parameter instType can not be empty');
        const rows = query['instType'] === 'SPOT' ? ex.instruments().map(instrumentRow) : [];
        return ok(query['instId'] ? rows.filter((r) => r['instId'] === query['instId']) : rows);
      }
      case 'GET /api/v5/asset/currencies': {
        const ccys = new Set(ex.instruments().flatMap((i) => [i.baseCcy, i.quoteCcy]));
        return ok([...ccys].map((ccy) => currencyRow(ccy)));
      }
      case 'POST /api/v5/trade/order':
        if (!isObject(body)) return okx(400, '50002', 'Json data format error');
        return this.#placeAll([body], now);
      case 'POST /api/v5/trade/batch-orders':
        if (!Array.isArray(body) || body.length === 0 || !body.every(isObject))
          return okx(400, '50002', 'Json data format error');
        if (body.length > 20) return okx(200, '51000', 'Parameter orders error');
        return this.#placeAll(body, now);
      case 'GET /api/v5/trade/order': {
        const instId = query['instId'];
        if (!instId) return okx(200, '50014', 'Parameter instId can not be empty');
        if (!query['ordId'] && !query['clOrdId'])
          return okx(200, '51003', 'Either client order ID or order ID is required.');
        const o = ex.find({ ordId: query['ordId'], clOrdId: query['clOrdId'] });
        if (!o || o.instId !== instId) return okx(200, '51603', 'Order does not exist');
        return ok([orderRow(o)]);
      }
      case 'POST /api/v5/trade/cancel-order':
        if (!isObject(body)) return okx(400, '50002', 'Json data format error');
        return this.#cancelAll([body], now);
      case 'POST /api/v5/trade/cancel-batch-orders':
        if (!Array.isArray(body) || !body.every(isObject)) return okx(400, '50002', 'Json data format error');
        return this.#cancelAll(body, now);
      case 'GET /api/v5/trade/orders-pending': {
        const rows = ex
          .orders()
          .filter((o) => o.state === 'live' || o.state === 'partially_filled')
          .filter(() => spotOnly)
          .filter((o) => !query['instId'] || o.instId === query['instId'])
          .filter((o) => !query['ordType'] || query['ordType'].split(',').includes(o.ordType))
          .filter((o) => !query['state'] || o.state === query['state']);
        return ok(page(rows, (o) => o.ordId, query).map(orderRow));
      }
      case 'GET /api/v5/trade/fills':
      case 'GET /api/v5/trade/fills-history': {
        const history = path.endsWith('history');
        if (history && !query['instType']) return okx(200, '50014', 'Parameter instType can not be empty');
        const begin = Number(query['begin'] ?? Number.NEGATIVE_INFINITY);
        const end = Number(query['end'] ?? Number.POSITIVE_INFINITY);
        const rows = ex
          .fills()
          .filter((f) => history || f.ts >= now - THREE_DAYS)
          .filter(() => spotOnly)
          .filter((f) => !query['instId'] || f.instId === query['instId'])
          .filter((f) => !query['ordId'] || f.ordId === query['ordId'])
          .filter((f) => f.ts >= begin && f.ts <= end);
        return ok(page(rows, (f) => f.billId, query).map(fillRow));
      }
      case 'GET /api/v5/trade/order-algo': {
        const { algoId, algoClOrdId } = query;
        if (!algoId && !algoClOrdId) return okx(200, '51000', 'Parameter algoId error');
        const hit = ex
          .algoOrders()
          .find(({ algo }) => (algoId ? algo.algoId === algoId : algo.attachAlgoClOrdId === algoClOrdId));
        if (!hit) return okx(200, '51603', 'Order does not exist');
        return ok([algoOrderRow(hit.entry, hit.algo)]);
      }
      case 'GET /api/v5/trade/orders-algo-pending':
      case 'GET /api/v5/trade/orders-algo-history': {
        const ordType = query['ordType'];
        if (!ordType && !query['algoId']) return okx(200, '50014', 'Parameter ordType can not be empty');
        const history = path.endsWith('history');
        if (history && !query['state'] && !query['algoId'])
          return okx(200, '51000', 'Either parameter state or algoId is required');
        const rows = ex
          .algoOrders()
          .filter(({ algo }) => (history ? algo.state !== 'live' : algo.state === 'live'))
          .filter(() => spotOnly)
          .map(({ entry, algo }) => algoOrderRow(entry, algo))
          .filter((r) => !ordType || ordType.split(',').includes(r['ordType'] as string))
          .filter((r) => !query['state'] || r['state'] === query['state'])
          .filter((r) => !query['algoId'] || r['algoId'] === query['algoId'])
          .filter((r) => !query['instId'] || r['instId'] === query['instId']);
        return ok(rows.reverse());
      }
      case 'GET /api/v5/account/balance': {
        const only = query['ccy'] ? new Set(query['ccy'].split(',')) : undefined;
        const rows = ex.balances().filter((b) => !only || only.has(b.ccy));
        const usd = (ccy: string) => {
          if (ccy === 'USDT' || ccy === 'USDC' || ccy === 'USD') return dec('1');
          return ex.marketPrice(`${ccy}-USDT`) ?? dec('0');
        };
        return ok([balanceRow(rows, usd, now)]);
      }
      default:
        return okx(404, '50000', `Not found: ${route}`);
    }
  }

  /** Swap requests (instType SWAP or a `-SWAP` instId); undefined: not a swap request. */
  #routeSwap(
    method: string,
    path: string,
    query: Record<string, string>,
    body: unknown,
    now: number,
  ): Answer | undefined {
    const sw = this.swaps;
    const isSwapId = (v: unknown) => typeof v === 'string' && sw.has(v);
    const items = Array.isArray(body) ? body : isObject(body) ? [body] : [];
    const swapBody = items.length > 0 && items.every((i) => isObject(i) && isSwapId(i['instId']));
    const swapQuery = query['instType'] === 'SWAP' || isSwapId(query['instId']);
    const route = `${method} ${path}`;
    switch (route) {
      case 'GET /api/v5/public/instruments':
        if (query['instType'] !== 'SWAP') return undefined;
        return ok(sw.instrumentRows().filter((r) => !query['instId'] || r['instId'] === query['instId']));
      case 'GET /api/v5/public/position-tiers': {
        // OKX: instType and tdMode required; instFamily (or uly) for SWAP; rows in contracts, as strings.
        if (query['instType'] !== 'SWAP') return undefined;
        const tdMode = query['tdMode'];
        if (!tdMode) return okx(200, '50014', 'Parameter tdMode can not be empty');
        if (tdMode !== 'cross' && tdMode !== 'isolated') return okx(200, '51000', 'Parameter tdMode error');
        const family = query['instFamily'] || query['uly'];
        if (!family) return okx(200, '50014', 'Parameter instFamily can not be empty');
        const tiers = sw.positionTierRows(family);
        if (!tiers) return okx(200, '51000', 'Parameter instFamily error');
        return ok(tiers.filter((t) => !query['tier'] || t.tier === query['tier']).map((t) => ({ ...t })));
      }
      case 'GET /api/v5/public/funding-rate': {
        const row = sw.fundingRateRow(query['instId'] ?? '');
        return row ? ok([row]) : okx(200, '51001', 'Instrument ID does not exist');
      }
      case 'POST /api/v5/account/set-leverage': {
        if (!isObject(body)) return okx(400, '50002', 'Json data format error');
        const r = sw.setLeverage(body);
        return 'ok' in r ? ok([r.ok]) : okx(200, r.sCode, r.sMsg);
      }
      case 'GET /api/v5/account/leverage-info': {
        const mgnMode = query['mgnMode'] ?? '';
        const ids = (query['instId'] ?? '').split(',').filter(isSwapId);
        if (ids.length === 0) return okx(200, '51001', 'Instrument ID does not exist');
        return ok(
          ids.map((instId) => ({ instId, lever: sw.leverage(instId, mgnMode), mgnMode, posSide: 'net' })),
        );
      }
      case 'GET /api/v5/account/positions':
        return ok(sw.positionRows(query['instId']));
      case 'GET /api/v5/account/bills':
      case 'GET /api/v5/account/bills-archive': {
        const rows = sw.bills
          .filter((b) => !query['type'] || b.type === query['type'])
          .filter((b) => !query['instId'] || b.instId === query['instId'])
          .filter((b) => !query['begin'] || b.ts >= Number(query['begin']));
        return ok(page(rows, (b) => b.billId, query).map(swapBillRow));
      }
      case 'POST /api/v5/trade/order':
      case 'POST /api/v5/trade/batch-orders': {
        if (!swapBody) return undefined;
        const data = items.map((item) => {
          const it = item as Record<string, unknown>;
          const clOrdId = typeof it['clOrdId'] === 'string' ? it['clOrdId'] : '';
          const r = sw.place(it, now);
          return 'ok' in r
            ? { clOrdId, ordId: r.ok.ordId, sCode: '0', sMsg: 'Order placed', tag: '', ts: String(now) }
            : { clOrdId, ordId: '', sCode: r.sCode, sMsg: r.sMsg, tag: '', ts: String(now) };
        });
        return itemsAnswer(data);
      }
      case 'POST /api/v5/trade/cancel-order': {
        if (!swapBody) return undefined;
        const it = items[0] as Record<string, string>;
        const r = sw.cancel(
          it['instId']!,
          { ordId: it['ordId'], clOrdId: it['clOrdId'] } as { ordId?: string; clOrdId?: string },
          now,
        );
        const row: { sCode: string } =
          'ok' in r
            ? ({ clOrdId: r.ok.clOrdId, ordId: r.ok.ordId, sCode: '0', sMsg: '', ts: String(now) } as {
                sCode: string;
              })
            : ({
                clOrdId: it['clOrdId'] ?? '',
                ordId: it['ordId'] ?? '',
                sCode: r.sCode,
                sMsg: r.sMsg,
                ts: String(now),
              } as { sCode: string });
        return itemsAnswer([row]);
      }
      case 'GET /api/v5/trade/order': {
        if (!isSwapId(query['instId'])) return undefined;
        const o = sw.orders.find(
          (x) =>
            x.instId === query['instId'] &&
            ((query['ordId'] && x.ordId === query['ordId']) ||
              (query['clOrdId'] && x.clOrdId === query['clOrdId'])),
        );
        return o ? ok([swapOrderRow(o)]) : okx(200, '51603', 'Order does not exist');
      }
      case 'GET /api/v5/trade/orders-pending':
      case 'GET /api/v5/trade/orders-history': {
        if (!swapQuery) return undefined;
        const pending = path.endsWith('pending');
        const rows = sw.orders
          .filter((o) => (pending ? o.state === 'live' : o.state !== 'live'))
          .filter((o) => !query['instId'] || o.instId === query['instId']);
        return ok(page(rows, (o) => o.ordId, query).map(swapOrderRow));
      }
      default:
        return undefined;
    }
  }

  /** Sets the swap's market and mark price (market orders fill at it). */
  setSwapPrice(instId: string, px: string): void {
    this.swaps.setMarkPrice(instId, px);
  }

  #placeAll(items: Record<string, unknown>[], now: number): Answer {
    const data = items.map((item) => {
      const r = this.exchange.place(item);
      const clOrdId = typeof item['clOrdId'] === 'string' ? item['clOrdId'] : '';
      const tag = typeof item['tag'] === 'string' ? item['tag'] : '';
      return r.ok
        ? { clOrdId, ordId: r.order.ordId, sCode: '0', sMsg: 'Order placed', tag, ts: String(now) }
        : { clOrdId, ordId: '', sCode: r.sCode, sMsg: r.sMsg, tag, ts: String(now) };
    });
    return itemsAnswer(data);
  }

  #cancelAll(items: Record<string, unknown>[], now: number): Answer {
    const data = items.map((item) => {
      const s = (k: string) =>
        typeof item[k] === 'string' && item[k] !== '' ? (item[k] as string) : undefined;
      const instId = s('instId') ?? '';
      const ordId = s('ordId');
      const clOrdId = s('clOrdId');
      if (ordId === undefined && clOrdId === undefined)
        return {
          clOrdId: '',
          ordId: '',
          sCode: '51003',
          sMsg: 'Either client order ID or order ID is required.',
          ts: String(now),
        };
      const r = this.exchange.cancel(instId, {
        ...(ordId !== undefined ? { ordId } : {}),
        ...(clOrdId !== undefined ? { clOrdId } : {}),
      });
      return 'ok' in r
        ? { clOrdId: r.order.clOrdId, ordId: r.order.ordId, sCode: '0', sMsg: '', ts: String(now) }
        : { clOrdId: clOrdId ?? '', ordId: ordId ?? '', sCode: r.sCode, sMsg: r.sMsg, ts: String(now) };
    });
    return itemsAnswer(data);
  }
}

/** The answer OKX gives to per-item operations: code 0 all ok, 1 all failed, 2 some failed. */
function itemsAnswer(data: { sCode: string }[]): Answer {
  const failed = data.filter((d) => d.sCode !== '0');
  const code = failed.length === 0 ? '0' : failed.length === data.length ? '1' : '2';
  const msg =
    code === '0' ? '' : code === '1' ? 'All operations failed' : 'Bulk operation partially succeeded';
  const body = JSON.stringify({ code, msg, data, inTime: '', outTime: '' });
  return { status: 200, body, type: 'application/json', code: failed[0]?.sCode ?? '0' };
}

/**
 * Order rows newest first (ids grow), after OKX's paging: `after` = older than this id,
 * `before` = newer than this id, `limit` default and cap 100.
 */
function page<T>(rows: readonly T[], id: (r: T) => string, query: Record<string, string>): T[] {
  const after = query['after'] ? BigInt(query['after']) : undefined;
  const before = query['before'] ? BigInt(query['before']) : undefined;
  const limit = Math.min(Math.max(Number(query['limit'] ?? 100) || 100, 1), 100);
  return rows
    .filter(
      (r) =>
        (after === undefined || BigInt(id(r)) < after) && (before === undefined || BigInt(id(r)) > before),
    )
    .sort((a, b) => (BigInt(id(b)) > BigInt(id(a)) ? 1 : -1))
    .slice(0, limit);
}

function currencyRow(ccy: string): Record<string, unknown> {
  return {
    canDep: true,
    canInternal: true,
    canWd: true,
    ccy,
    chain: `${ccy}-${ccy}`,
    logoLink: '',
    mainNet: true,
    maxFee: '0',
    maxWd: '1000000',
    minDep: '0.00000001',
    minFee: '0',
    minWd: '0.0001',
    name: ccy,
    needTag: false,
    wdQuota: '10000000',
    wdTickSz: '8',
  };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function ok(data: unknown[]): Answer {
  return {
    status: 200,
    body: JSON.stringify({ code: '0', msg: '', data }),
    type: 'application/json',
    code: '0',
  };
}

function okx(status: number, code: string, msg: string): Answer {
  return { status, body: JSON.stringify({ code, msg, data: [] }), type: 'application/json', code };
}

function faultAnswer(kind: Exclude<OkxTradeFaultKind, 'hang'>): Answer {
  switch (kind) {
    case 'rateLimit':
      return okx(429, '50011', 'Too Many Requests');
    case 'maintenance':
      return okx(503, '50001', 'Service temporarily unavailable. Please try again later.');
    case 'busy':
      return okx(200, '50013', 'Systems are busy. Please try again later.');
    case 'http5xx':
      return {
        status: 502,
        body: '<html><body><h1>502 Bad Gateway</h1></body></html>',
        type: 'text/html',
        code: '',
      };
    case 'malformed':
      return {
        status: 200,
        body: '{"code":"0","msg":"","data":[{"adjEq":"","det',
        type: 'application/json',
        code: '',
      };
    default:
      return assertNever(kind, 'okx trade fault');
  }
}

function send(res: ServerResponse, a: Answer): void {
  res.writeHead(a.status, { 'Content-Type': a.type, 'Content-Length': Buffer.byteLength(a.body) });
  res.end(a.body);
}
