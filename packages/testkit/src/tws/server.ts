import { createServer, type Server, type Socket } from 'node:net';

/**
 * A local server speaking the TWS / IB Gateway API socket protocol, for testing a venue through an
 * unmodified TWS client library (@stoqey/ib). What it implements, in the real wire format:
 *
 * - Handshake: the client sends `API\0` then a length-prefixed `v<min>..<max>`; the server answers
 *   with a length-prefixed `<serverVersion>\0<time>\0`. Version {@link TWS_SERVER_VERSION} (100):
 *   the oldest the client's "V100+" framing accepts, so messages carry the field sets of that era.
 * - Frames: a 4-byte big-endian length, then NUL-terminated fields; the first field is the message id.
 * - In: START_API (71), REQ_CONTRACT_DATA (9), PLACE_ORDER (3), CANCEL_ORDER (4), REQ_OPEN_ORDERS (5), REQ_ALL_OPEN_ORDERS (16),
 *   REQ_EXECUTIONS (7), REQ_IDS (8), REQ_POSITIONS (61), REQ_ACCOUNT_SUMMARY (62),
 *   CANCEL_POSITIONS (64), CANCEL_ACCOUNT_SUMMARY (63), REQ_CURRENT_TIME (49); others are logged and ignored.
 * - Out: NEXT_VALID_ID (9), MANAGED_ACCTS (15), CONTRACT_DATA (10, version 8), CONTRACT_DATA_END (52), ERR_MSG (4), ORDER_STATUS (3), OPEN_ORDER (5, version 34),
 *   OPEN_ORDER_END (53), EXECUTION_DATA (11, version 10), EXECUTION_DATA_END (55), COMMISSION_REPORT (59),
 *   POSITION (61), POSITION_END (62), ACCOUNT_SUMMARY (63), ACCOUNT_SUMMARY_END (64), CURRENT_TIME (49).
 *
 * The exchange is a test double driven by the test: orders rest until {@link TwsServer.fill} (or
 * `autoFill`); faults are injected with {@link TwsServer.inject}.
 */
export const TWS_SERVER_VERSION = 100;

export interface TwsServerOptions {
  /** The account id in MANAGED_ACCTS, executions and positions. Default `DU1234567` (a paper account). */
  readonly account?: string;
  /** Cash in USD for the account summary. Default 100,000. */
  readonly cash?: number;
  /** First order id handed out. Default 1. */
  readonly nextOrderId?: number;
  /** Commission per share charged on every execution (IBKR fixed: 0.005, min 1.00). */
  readonly commissionPerShare?: number;
  readonly minCommission?: number;
  /** Fill market orders at once at this price per symbol (otherwise they rest until `fill`). */
  readonly autoFill?: Readonly<Record<string, number>>;
}

export type TwsFault =
  /** The next order is rejected by the exchange: error 201 and status Inactive. */
  | { readonly kind: 'reject_next_order'; readonly reason: string }
  /** The next execution report of `fill` is sent twice (same exec id). */
  | { readonly kind: 'duplicate_next_execution' }
  /** The connection is dropped right after the next order is accepted (before any status is sent). */
  | { readonly kind: 'disconnect_on_next_order' }
  /** The next positions request answers with an error instead of POSITION_END. */
  | { readonly kind: 'fail_next_positions'; readonly code: number; readonly message: string };

export interface TwsOrder {
  readonly orderId: number;
  readonly clientId: number;
  readonly permId: number;
  readonly symbol: string;
  readonly secType: string;
  readonly exchange: string;
  readonly primaryExchange: string;
  readonly currency: string;
  readonly action: 'BUY' | 'SELL';
  readonly totalQuantity: number;
  readonly orderType: string;
  readonly lmtPrice: number | undefined;
  readonly tif: string;
  readonly orderRef: string;
  readonly outsideRth: boolean;
  status: string;
  filled: number;
  avgFillPrice: number;
  lastFillPrice: number;
}

export interface TwsExecution {
  readonly execId: string;
  readonly orderId: number;
  readonly clientId: number;
  readonly permId: number;
  readonly symbol: string;
  readonly side: 'BOT' | 'SLD';
  readonly shares: number;
  readonly price: number;
  readonly cumQty: number;
  readonly avgPrice: number;
  readonly orderRef: string;
  /** `yyyyMMdd  HH:mm:ss` as TWS prints it. */
  readonly time: string;
  readonly commission: number;
}

interface Conn {
  readonly socket: Socket;
  buf: Buffer;
  handshaken: boolean;
  clientId: number;
}

/** A received message: its id and fields (as strings), with the client id of the connection. */
export interface TwsReceived {
  readonly clientId: number;
  readonly id: number;
  readonly fields: readonly string[];
}

export class TwsServer {
  readonly account: string;
  readonly orders = new Map<number, TwsOrder>();
  readonly executions: TwsExecution[] = [];
  /** Net shares by symbol. */
  readonly positions = new Map<string, { qty: number; avgCost: number }>();
  /** Every message received, in order (for assertions on what the client sent). */
  readonly received: TwsReceived[] = [];
  cash: number;
  #server: Server | undefined;
  #port = 0;
  #nextOrderId: number;
  #permId = 9_000_000;
  #execSeq = 0;
  readonly #conns = new Set<Conn>();
  readonly #faults: TwsFault[] = [];
  readonly #opts: TwsServerOptions;

  constructor(opts: TwsServerOptions = {}) {
    this.#opts = opts;
    this.account = opts.account ?? 'DU1234567';
    this.cash = opts.cash ?? 100_000;
    this.#nextOrderId = opts.nextOrderId ?? 1;
  }

  get port(): number {
    return this.#port;
  }

  /** Connected API clients. */
  get connections(): number {
    return this.#conns.size;
  }

  /** Listens on 127.0.0.1 (a free port, or the one given, e.g. to come back on the same port). */
  async start(port = 0): Promise<void> {
    const server = createServer((s) => this.#accept(s));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    this.#server = server;
    const addr = server.address();
    this.#port = typeof addr === 'object' && addr ? addr.port : port;
  }

  /** Closes every connection and the listener. */
  async stop(): Promise<void> {
    this.dropConnections();
    const s = this.#server;
    this.#server = undefined;
    if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
  }

  /** Drops every client connection (TWS restarting, a network cut); the listener stays. */
  dropConnections(): void {
    for (const c of this.#conns) c.socket.destroy();
    this.#conns.clear();
  }

  inject(fault: TwsFault): void {
    this.#faults.push(fault);
  }

  /**
   * Executes `shares` of an open order at `price`: ORDER_STATUS, EXECUTION_DATA and
   * COMMISSION_REPORT to the client that placed it (when connected); the execution is kept for
   * REQ_EXECUTIONS either way.
   */
  fill(orderId: number, shares: number, price: number): TwsExecution {
    const o = this.orders.get(orderId);
    if (!o) throw new Error(`no order ${orderId}`);
    const left = o.totalQuantity - o.filled;
    if (shares <= 0 || shares > left) throw new Error(`order ${orderId}: cannot fill ${shares} of ${left}`);
    o.avgFillPrice = (o.avgFillPrice * o.filled + price * shares) / (o.filled + shares);
    o.filled += shares;
    o.lastFillPrice = price;
    o.status = o.filled === o.totalQuantity ? 'Filled' : 'Submitted';
    const perShare = this.#opts.commissionPerShare ?? 0.005;
    const commission = Math.max(shares * perShare, this.#opts.minCommission ?? 1);
    const exec: TwsExecution = {
      execId: `0000e0d5.6571${String(++this.#execSeq).padStart(4, '0')}.01.01`,
      orderId,
      clientId: o.clientId,
      permId: o.permId,
      symbol: o.symbol,
      side: o.action === 'BUY' ? 'BOT' : 'SLD',
      shares,
      price,
      cumQty: o.filled,
      avgPrice: o.avgFillPrice,
      orderRef: o.orderRef,
      time: twsTime(new Date()),
      commission,
    };
    this.executions.push(exec);
    const sign = o.action === 'BUY' ? 1 : -1;
    const p = this.positions.get(o.symbol) ?? { qty: 0, avgCost: 0 };
    const qty = p.qty + sign * shares;
    const avgCost = sign > 0 ? (p.qty * p.avgCost + shares * price) / qty : p.avgCost;
    this.positions.set(o.symbol, { qty, avgCost: qty === 0 ? 0 : avgCost });
    this.cash -= sign * shares * price + commission;
    const dup = this.#take('duplicate_next_execution');
    for (const c of this.#conns) {
      if (c.clientId !== o.clientId) continue;
      this.#send(c, orderStatusMsg(o));
      this.#send(c, execMsg(-1, exec, o, this.account));
      if (dup) this.#send(c, execMsg(-1, exec, o, this.account));
      this.#send(c, commissionMsg(exec));
    }
    return exec;
  }

  /** The open order whose orderRef is `ref`, or undefined. */
  orderByRef(ref: string): TwsOrder | undefined {
    for (const o of this.orders.values()) if (o.orderRef === ref) return o;
    return undefined;
  }

  #take<K extends TwsFault['kind']>(kind: K): Extract<TwsFault, { kind: K }> | undefined {
    const i = this.#faults.findIndex((f) => f.kind === kind);
    if (i < 0) return undefined;
    return this.#faults.splice(i, 1)[0] as Extract<TwsFault, { kind: K }>;
  }

  #accept(socket: Socket): void {
    const c: Conn = { socket, buf: Buffer.alloc(0), handshaken: false, clientId: -1 };
    this.#conns.add(c);
    socket.on('data', (d) => this.#onData(c, d));
    socket.on('close', () => this.#conns.delete(c));
    socket.on('error', () => this.#conns.delete(c));
  }

  #onData(c: Conn, d: Buffer): void {
    c.buf = Buffer.concat([c.buf, d]);
    if (!c.handshaken) {
      // "API\0" + int32 length + "v100..187"
      if (c.buf.length < 8) return;
      if (c.buf.subarray(0, 4).toString('latin1') !== 'API\0') {
        c.socket.destroy();
        return;
      }
      const n = c.buf.readInt32BE(4);
      if (c.buf.length < 8 + n) return;
      const range = c.buf.subarray(8, 8 + n).toString('utf8');
      c.buf = c.buf.subarray(8 + n);
      const m = /^v(\d+)\.\.(\d+)/.exec(range);
      if (!m || Number(m[1]) > TWS_SERVER_VERSION || Number(m[2]) < TWS_SERVER_VERSION) {
        c.socket.destroy();
        return;
      }
      c.handshaken = true;
      this.#frame(c, [String(TWS_SERVER_VERSION), twsTime(new Date())]);
    }
    while (c.buf.length >= 4) {
      const n = c.buf.readInt32BE(0);
      if (c.buf.length < 4 + n) return;
      const fields = c.buf
        .subarray(4, 4 + n)
        .toString('utf8')
        .split('\0');
      c.buf = c.buf.subarray(4 + n);
      if (fields.at(-1) === '') fields.pop();
      this.#onMessage(c, fields);
    }
  }

  #onMessage(c: Conn, f: string[]): void {
    const id = Number(f[0]);
    this.received.push({ clientId: c.clientId, id, fields: f });
    switch (id) {
      case 71: {
        // START_API: version, clientId, optional capabilities
        const clientId = Number(f[2]);
        for (const other of this.#conns) {
          if (other !== c && other.clientId === clientId) {
            this.#send(
              c,
              errorMsg(
                -1,
                326,
                `Unable to connect as the client id is already in use. Retry with a unique client id.`,
              ),
            );
            c.socket.end();
            return;
          }
        }
        c.clientId = clientId;
        this.#send(c, ['15', '1', this.account]);
        this.#send(c, ['9', '1', String(this.#nextOrderId)]);
        return;
      }
      case 8:
        this.#send(c, ['9', '1', String(this.#nextOrderId)]);
        return;
      case 9: {
        // REQ_CONTRACT_DATA: version, reqId, conId, symbol, secType, expiry, strike, right, multiplier,
        // exchange, primaryExch, currency, ...
        const reqId = f[2]!;
        const symbol = f[4]!;
        const known = TWS_STOCKS[symbol];
        if (!known || f[5] !== 'STK' || (f[11] && f[11] !== known.primaryExchange) || f[12] !== 'USD') {
          this.#send(
            c,
            errorMsg(Number(reqId), 200, 'No security definition has been found for the request'),
          );
          return;
        }
        this.#send(c, contractDataMsg(reqId, symbol));
        this.#send(c, ['52', '1', reqId]);
        return;
      }
      case 49:
        this.#send(c, ['49', '1', String(Math.floor(Date.now() / 1000))]);
        return;
      case 3:
        this.#placeOrder(c, f);
        return;
      case 4: {
        const orderId = Number(f[2]);
        const o = this.orders.get(orderId);
        if (!o) {
          this.#send(c, errorMsg(orderId, 135, `Can't find order with id =${orderId}`));
        } else if (o.status === 'Filled' || o.status === 'Cancelled' || o.status === 'Inactive') {
          this.#send(
            c,
            errorMsg(
              orderId,
              10148,
              `OrderId ${orderId} that needs to be cancelled cannot be cancelled, state: ${o.status}.`,
            ),
          );
        } else {
          o.status = 'Cancelled';
          this.#send(c, orderStatusMsg(o));
          this.#send(c, errorMsg(orderId, 202, 'Order Canceled - reason:'));
        }
        return;
      }
      case 5:
      case 16: {
        for (const o of this.orders.values()) {
          if (id === 5 && o.clientId !== c.clientId) continue;
          if (o.status === 'Filled' || o.status === 'Cancelled' || o.status === 'Inactive') continue;
          this.#send(c, openOrderMsg(o, this.account));
          this.#send(c, orderStatusMsg(o));
        }
        this.#send(c, ['53', '1']);
        return;
      }
      case 7: {
        // version, reqId, clientId, acctCode, time, symbol, secType, exchange, side
        const reqId = Number(f[2]);
        const clientFilter = f[3] === '' || f[3] === undefined ? undefined : Number(f[3]);
        for (const e of this.executions) {
          if (clientFilter !== undefined && clientFilter !== 0 && e.clientId !== clientFilter) continue;
          const o = this.orders.get(e.orderId)!;
          this.#send(c, execMsg(reqId, e, o, this.account));
          this.#send(c, commissionMsg(e));
        }
        this.#send(c, ['55', '1', String(reqId)]);
        return;
      }
      case 61: {
        const fail = this.#take('fail_next_positions');
        if (fail) {
          this.#send(c, errorMsg(-1, fail.code, fail.message));
          return;
        }
        for (const [symbol, p] of this.positions) {
          this.#send(c, [
            '61',
            '3',
            this.account,
            conIdOf(symbol),
            symbol,
            'STK',
            '',
            '0',
            '',
            '',
            'NASDAQ',
            'USD',
            symbol,
            'NMS',
            String(p.qty),
            String(p.avgCost),
          ]);
        }
        this.#send(c, ['62', '1']);
        return;
      }
      case 62: {
        const reqId = f[2]!;
        let value = 0;
        for (const [, p] of this.positions) value += p.qty * p.avgCost;
        this.#send(c, ['63', '1', reqId, this.account, 'TotalCashValue', this.cash.toFixed(2), 'USD']);
        this.#send(c, [
          '63',
          '1',
          reqId,
          this.account,
          'NetLiquidation',
          (this.cash + value).toFixed(2),
          'USD',
        ]);
        this.#send(c, ['64', '1', reqId]);
        return;
      }
      default:
        return;
    }
  }

  #placeOrder(c: Conn, f: string[]): void {
    // PLACE_ORDER at server version 100 (message version 45): see the class comment.
    const at = (k: number) => f[k] ?? '';
    const orderId = Number(at(2));
    if (this.orders.has(orderId)) {
      this.#send(c, errorMsg(orderId, 103, 'Duplicate order id'));
      return;
    }
    const order: TwsOrder = {
      orderId,
      clientId: c.clientId,
      permId: ++this.#permId,
      symbol: at(4),
      secType: at(5),
      exchange: at(10),
      primaryExchange: at(11),
      currency: at(12),
      action: at(17) === 'SELL' ? 'SELL' : 'BUY',
      totalQuantity: Number(at(18)),
      orderType: at(19),
      lmtPrice: at(20) === '' ? undefined : Number(at(20)),
      tif: at(22),
      orderRef: at(27),
      outsideRth: at(34) === '1',
      status: 'PreSubmitted',
      filled: 0,
      avgFillPrice: 0,
      lastFillPrice: 0,
    };
    if (orderId >= this.#nextOrderId) this.#nextOrderId = orderId + 1;
    this.orders.set(orderId, order);
    const reject = this.#take('reject_next_order');
    if (reject) {
      order.status = 'Inactive';
      this.#send(c, errorMsg(orderId, 201, `Order rejected - reason:${reject.reason}`));
      this.#send(c, orderStatusMsg(order));
      return;
    }
    if (this.#take('disconnect_on_next_order')) {
      order.status = 'Submitted';
      c.socket.destroy();
      this.#conns.delete(c);
      return;
    }
    this.#send(c, openOrderMsg(order, this.account));
    order.status = 'Submitted';
    this.#send(c, orderStatusMsg(order));
    const auto = this.#opts.autoFill?.[order.symbol];
    if (auto !== undefined && order.orderType === 'MKT') this.fill(orderId, order.totalQuantity, auto);
  }

  #send(c: Conn, fields: readonly string[]): void {
    this.#frame(c, fields);
  }

  #frame(c: Conn, fields: readonly string[]): void {
    const body = Buffer.from(fields.map((x) => `${x}\0`).join(''), 'utf8');
    const head = Buffer.alloc(4);
    head.writeInt32BE(body.length);
    if (!c.socket.destroyed) c.socket.write(Buffer.concat([head, body]));
  }
}

function twsTime(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} UTC`;
}

/** The stocks this server knows (REQ_CONTRACT_DATA answers only these): conId, listing exchange, name. */
export const TWS_STOCKS: Readonly<
  Record<string, { conId: number; primaryExchange: string; longName: string }>
> = {
  AAPL: { conId: 265598, primaryExchange: 'NASDAQ', longName: 'APPLE INC' },
  MSFT: { conId: 272093, primaryExchange: 'NASDAQ', longName: 'MICROSOFT CORP' },
  SPY: { conId: 756733, primaryExchange: 'ARCA', longName: 'SPDR S&P 500 ETF TRUST' },
};
const conIdOf = (symbol: string): string => String(TWS_STOCKS[symbol]?.conId ?? 1);

/** CONTRACT_DATA, message version 8 (server version < 110): a US stock with regular and extended hours. */
function contractDataMsg(reqId: string, symbol: string): string[] {
  const s = TWS_STOCKS[symbol]!;
  return [
    '10',
    '8',
    reqId,
    symbol,
    'STK',
    '',
    '0',
    '',
    'SMART',
    'USD',
    symbol,
    'NMS',
    'NMS',
    String(s.conId),
    '0.01',
    '',
    'ACTIVETIM,AD,ALERT,ALLOC,AVGCOST,LMT,MKT,MOC,MOO,STP',
    `SMART,${s.primaryExchange},ISLAND,ARCA`,
    '1',
    '0',
    s.longName,
    s.primaryExchange,
    '',
    'Technology',
    'Computers',
    'Computers',
    'US/Eastern',
    '20240701:0400-20240701:2000;20240702:0400-20240702:2000',
    '20240701:0930-20240701:1600;20240702:0930-20240702:1600',
    '',
    '',
    '0',
  ];
}

function errorMsg(id: number, code: number, text: string): string[] {
  return ['4', '2', String(id), String(code), text];
}

/** ORDER_STATUS, message version 6 (server version < 131). */
function orderStatusMsg(o: TwsOrder): string[] {
  return [
    '3',
    '6',
    String(o.orderId),
    o.status,
    String(o.filled),
    String(o.totalQuantity - o.filled),
    String(o.avgFillPrice),
    String(o.permId),
    '0',
    String(o.lastFillPrice),
    String(o.clientId),
    '',
  ];
}

/** EXECUTION_DATA, message version 10 (server version < 136). */
function execMsg(reqId: number, e: TwsExecution, o: TwsOrder, account: string): string[] {
  return [
    '11',
    '10',
    String(reqId),
    String(e.orderId),
    conIdOf(o.symbol),
    o.symbol,
    o.secType,
    '',
    '0',
    '',
    '',
    'ISLAND',
    o.currency,
    o.symbol,
    'NMS',
    e.execId,
    e.time,
    account,
    'ISLAND',
    e.side,
    String(e.shares),
    String(e.price),
    String(e.permId),
    String(e.clientId),
    '0',
    String(e.cumQty),
    String(e.avgPrice),
    e.orderRef,
    '',
    '',
  ];
}

/** COMMISSION_REPORT: exec id, commission, currency, realized P&L and yield (MAX = none), date. */
function commissionMsg(e: TwsExecution): string[] {
  return [
    '59',
    '1',
    e.execId,
    String(e.commission),
    'USD',
    '1.7976931348623157E308',
    '1.7976931348623157E308',
    '',
  ];
}

/** OPEN_ORDER, message version 34, as TWS at server version 100 writes it (no what-if margins). */
function openOrderMsg(o: TwsOrder, account: string): string[] {
  const lmt = o.lmtPrice === undefined ? '' : String(o.lmtPrice);
  return [
    '5',
    '34',
    String(o.orderId),
    // contract: conId, symbol, secType, expiry, strike, right, multiplier, exchange, currency, localSymbol, tradingClass
    conIdOf(o.symbol),
    o.symbol,
    o.secType,
    '',
    '0',
    '',
    '',
    o.exchange,
    o.currency,
    o.symbol,
    'NMS',
    // action, totalQuantity, orderType, lmtPrice, auxPrice, tif, ocaGroup, account, openClose, origin, orderRef
    o.action,
    String(o.totalQuantity),
    o.orderType,
    lmt,
    '',
    o.tif,
    '',
    account,
    'O',
    '0',
    o.orderRef,
    // clientId, permId, outsideRth, hidden, discretionaryAmt, goodAfterTime, sharesAllocation
    String(o.clientId),
    String(o.permId),
    o.outsideRth ? '1' : '0',
    '0',
    '0',
    '',
    '',
    // faGroup, faMethod, faPercentage, faProfile, goodTillDate, rule80A, percentOffset, settlingFirm
    '',
    '',
    '',
    '',
    '',
    '',
    '',
    '',
    // shortSaleSlot, designatedLocation, exemptCode, auctionStrategy, startingPrice, stockRefPrice, delta
    '0',
    '',
    '-1',
    '0',
    '',
    '',
    '',
    // stockRangeLower, stockRangeUpper, displaySize, blockOrder, sweepToFill, allOrNone, minQty, ocaType
    '',
    '',
    '',
    '0',
    '0',
    '0',
    '',
    '3',
    // eTradeOnly, firmQuoteOnly, nbboPriceCap, parentId, triggerMethod
    '0',
    '0',
    '',
    '0',
    '0',
    // volatility, volatilityType, deltaNeutralOrderType, deltaNeutralAuxPrice; with a type ("None" counts):
    // deltaNeutralConId, settlingFirm, clearingAccount, clearingIntent, openClose, shortSale, shortSaleSlot,
    // designatedLocation; then continuousUpdate, referencePriceType
    '',
    '0',
    'None',
    '',
    '0',
    '',
    '',
    '',
    '',
    '0',
    '0',
    '',
    '0',
    '0',
    // trailStopPrice, trailingPercent, basisPoints, basisPointsType, comboLegsDescrip, comboLegs, orderComboLegs
    '',
    '',
    '',
    '',
    '',
    '0',
    '0',
    // smartComboRoutingParams, scaleInitLevelSize, scaleSubsLevelSize, scalePriceIncrement
    '0',
    '',
    '',
    '',
    // hedgeType, optOutSmartRouting, clearingAccount, clearingIntent, notHeld, deltaNeutralContract
    '',
    '0',
    '',
    'IB',
    '0',
    '0',
    // algoStrategy, solicited
    '',
    '0',
    // whatIf, status, initMarginAfter, maintMarginAfter, equityWithLoanAfter, commission, min, max, currency, warning
    '0',
    o.status,
    '',
    '',
    '',
    '',
    '',
    '',
    '',
    '',
    // randomizeSize, randomizePrice
    '0',
    '0',
  ];
}
