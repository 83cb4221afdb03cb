import type { Clock } from '@algotrader/core';
import { type Dec, dec, div, floorTo, fmt, isMultiple, min, mul, parseDec, ZERO } from './decimal';

/**
 * The account and order model behind the local OKX trading server: spot instruments, cash balances
 * with holds, and orders that the TEST fills. There is no order book: a market order fills at once,
 * in full, at the price set with {@link SpotExchange.setMarketPrice}; a limit order rests until the
 * test calls {@link SpotExchange.fill}. Fees follow OKX: negative = paid; a buy pays in the base
 * coin, a sell in the quote coin.
 */

export interface OkxSpotInstrumentSpec {
  readonly instId: string;
  readonly tickSz?: string;
  readonly lotSz?: string;
  readonly minSz?: string;
  readonly state?: 'live' | 'suspend';
}

export interface SpotInstrument {
  readonly instId: string;
  readonly baseCcy: string;
  readonly quoteCcy: string;
  readonly tickSz: string;
  readonly lotSz: string;
  readonly minSz: string;
  readonly state: 'live' | 'suspend';
}

export type SimOrderState = 'live' | 'partially_filled' | 'filled' | 'canceled';

export interface SimFill {
  readonly billId: string;
  readonly tradeId: string;
  readonly ordId: string;
  readonly clOrdId: string;
  readonly instId: string;
  readonly side: 'buy' | 'sell';
  readonly fillPx: Dec;
  readonly fillSz: Dec;
  /** OKX sign: negative = paid. */
  readonly fee: Dec;
  readonly feeCcy: string;
  readonly feeRate: Dec;
  /** T = taker, M = maker. */
  readonly execType: 'T' | 'M';
  readonly ts: number;
}

export interface SimOrder {
  readonly ordId: string;
  readonly clOrdId: string;
  readonly tag: string;
  readonly instId: string;
  readonly side: 'buy' | 'sell';
  readonly ordType: 'market' | 'limit';
  /** Unit of `sz`: quote_ccy only for quote-sized market buys. */
  readonly tgtCcy: 'base_ccy' | 'quote_ccy';
  readonly sz: Dec;
  readonly px: Dec | undefined;
  readonly cTime: number;
  state: SimOrderState;
  accFillSz: Dec;
  /** Σ fillSz × fillPx, for avgPx. */
  notional: Dec;
  fee: Dec;
  readonly feeCcy: string;
  readonly rebateCcy: string;
  lastFill: SimFill | undefined;
  /** What is still frozen for this order, in `holdCcy`. */
  hold: Dec;
  readonly holdCcy: string;
  uTime: number;
  cancelSource: string;
  /** The stop-loss / take-profit attached at placement (`attachAlgoOrds`). */
  readonly attachAlgoOrds?: SimAttachedAlgo[];
  /** Set on the order an attached algo order created when it triggered. */
  algoId?: string;
  algoClOrdId?: string;
}

/**
 * One `attachAlgoOrds` item of an order, as OKX records it: a stop-loss and/or a take-profit leg
 * (one cancels the other), triggered on a price and executed at market (`…OrdPx` = `-1`). Once the
 * entry has filled, OKX holds it as an algo order (`oco` with both legs, `conditional` with one)
 * with an `algoId` of its own — the `attachAlgoId` is NOT posted to it — and the entry's
 * `attachAlgoClOrdId` as its `algoClOrdId`. It becomes `effective` when a leg triggers: the exit is
 * then a new market order (no clOrdId) carrying that `algoId` / `algoClOrdId`, and the algo order
 * names the leg (`actualSide` `sl` / `tp`) and the order (`ordIdList`).
 */
export interface SimAttachedAlgo {
  readonly attachAlgoId: string;
  readonly attachAlgoClOrdId: string;
  /** The algo order's own id (`GET /trade/order-algo`), once the entry filled. */
  readonly algoId: string;
  readonly slTriggerPx: Dec | undefined;
  readonly slTriggerPxType: string;
  readonly slOrdPx: string;
  readonly tpTriggerPx: Dec | undefined;
  readonly tpTriggerPxType: string;
  readonly tpOrdPx: string;
  state: 'live' | 'effective';
  /** ordId of the exit order it created, once triggered. */
  triggeredOrdId: string;
  /** The leg that triggered (`sl` / `tp`), its time, and what the exit order did. */
  actualSide: '' | 'sl' | 'tp';
  triggerTime: number;
  actualSz: Dec;
  actualPx: Dec;
}

export type Rejection = { readonly sCode: string; readonly sMsg: string };
export type PlaceResult =
  | { readonly ok: true; readonly order: SimOrder }
  | ({ readonly ok: false } & Rejection);

interface Cash {
  cash: Dec;
  frozen: Dec;
}

export interface SpotExchangeOptions {
  readonly clock: Clock;
  readonly makerFeeRate?: string;
  readonly takerFeeRate?: string;
  /** Which earlier orders make a clOrdId a duplicate (51016): only pending ones (default) or any. */
  readonly clOrdIdUniqueness?: 'pending' | 'all';
}

const CLORD = /^[A-Za-z0-9]{1,32}$/;

export class SpotExchange {
  readonly #clock: Clock;
  readonly #maker: Dec;
  readonly #taker: Dec;
  readonly #uniqueness: 'pending' | 'all';
  readonly #instruments = new Map<string, SpotInstrument>();
  readonly #marketPx = new Map<string, Dec>();
  readonly #cash = new Map<string, Cash>();
  readonly #orders: SimOrder[] = [];
  readonly #fills: SimFill[] = [];
  #ordSeq = 0n;
  #tradeSeq = 0n;
  #billSeq = 0n;

  constructor(opts: SpotExchangeOptions) {
    this.#clock = opts.clock;
    this.#maker = dec(opts.makerFeeRate ?? '0.0008');
    this.#taker = dec(opts.takerFeeRate ?? '0.001');
    this.#uniqueness = opts.clOrdIdUniqueness ?? 'pending';
  }

  addInstrument(spec: OkxSpotInstrumentSpec): SpotInstrument {
    const [baseCcy = '', quoteCcy = ''] = spec.instId.split('-');
    const inst: SpotInstrument = {
      instId: spec.instId,
      baseCcy,
      quoteCcy,
      tickSz: spec.tickSz ?? '0.1',
      lotSz: spec.lotSz ?? '0.00000001',
      minSz: spec.minSz ?? '0.00001',
      state: spec.state ?? 'live',
    };
    this.#instruments.set(inst.instId, inst);
    return inst;
  }

  instruments(): SpotInstrument[] {
    return [...this.#instruments.values()];
  }

  instrument(instId: string): SpotInstrument | undefined {
    return this.#instruments.get(instId);
  }

  /** The price market orders on `instId` fill at. */
  setMarketPrice(instId: string, px: string): void {
    this.#marketPx.set(instId, dec(px));
  }

  marketPrice(instId: string): Dec | undefined {
    return this.#marketPx.get(instId);
  }

  /** Sets the cash balance of a currency (what is frozen for open orders stays frozen). */
  setBalance(ccy: string, amount: string): void {
    this.#account(ccy).cash = dec(amount);
  }

  /** Currencies with a non-zero balance: total (`cashBal`), frozen for orders, available. */
  balances(): { ccy: string; cash: Dec; frozen: Dec; avail: Dec }[] {
    return [...this.#cash.entries()]
      .filter(([, c]) => c.cash !== ZERO || c.frozen !== ZERO)
      .map(([ccy, c]) => ({ ccy, cash: c.cash, frozen: c.frozen, avail: c.cash - c.frozen }))
      .sort((a, b) => a.ccy.localeCompare(b.ccy));
  }

  balance(ccy: string): { cash: string; frozen: string; avail: string } {
    const c = this.#account(ccy);
    return { cash: fmt(c.cash), frozen: fmt(c.frozen), avail: fmt(c.cash - c.frozen) };
  }

  orders(): readonly SimOrder[] {
    return this.#orders;
  }

  fills(): readonly SimFill[] {
    return this.#fills;
  }

  /** An order by `ordId` or, failing that, the latest one with this `clOrdId`. */
  find(id: { ordId?: string | undefined; clOrdId?: string | undefined }): SimOrder | undefined {
    if (id.ordId) return this.#orders.find((o) => o.ordId === id.ordId);
    if (id.clOrdId) {
      for (let i = this.#orders.length - 1; i >= 0; i--) {
        if (this.#orders[i]!.clOrdId === id.clOrdId) return this.#orders[i];
      }
    }
    return undefined;
  }

  /** `POST /trade/order` semantics for one order (already-parsed JSON object). */
  place(body: Record<string, unknown>): PlaceResult {
    const s = (k: string) => (typeof body[k] === 'string' ? (body[k] as string) : undefined);
    const reject = (sCode: string, sMsg: string): PlaceResult => ({ ok: false, sCode, sMsg });
    const instId = s('instId');
    const inst = instId === undefined ? undefined : this.#instruments.get(instId);
    if (!inst) return reject('51001', "Instrument ID doesn't exist.");
    if (inst.state !== 'live') return reject('51001', 'Instrument ID is not live.');
    if (s('tdMode') !== 'cash') return reject('51000', 'Parameter tdMode error');
    const side = s('side');
    if (side !== 'buy' && side !== 'sell') return reject('51000', 'Parameter side error');
    const ordType = s('ordType');
    if (ordType !== 'market' && ordType !== 'limit') return reject('51000', 'Parameter ordType error');
    const clOrdId = s('clOrdId') ?? '';
    if (clOrdId !== '' && !CLORD.test(clOrdId)) return reject('51000', 'Parameter clOrdId error');
    const tgt = s('tgtCcy') ?? 'base_ccy';
    if (tgt !== 'base_ccy' && tgt !== 'quote_ccy') return reject('51000', 'Parameter tgtCcy error');
    const tgtCcy = ordType === 'market' && side === 'buy' ? tgt : 'base_ccy';
    if (tgt === 'quote_ccy' && tgtCcy !== 'quote_ccy') return reject('51000', 'Parameter tgtCcy error');
    const sz = parseDec(s('sz') ?? '');
    if (sz === undefined || sz <= ZERO) return reject('51000', 'Parameter sz error');
    let px: Dec | undefined;
    if (ordType === 'limit') {
      px = parseDec(s('px') ?? '');
      if (px === undefined || px <= ZERO || !isMultiple(px, dec(inst.tickSz)))
        return reject('51000', 'Parameter px error');
    }
    if (tgtCcy === 'base_ccy') {
      if (!isMultiple(sz, dec(inst.lotSz)))
        return reject('51121', 'Order quantity must be a multiple of the lot size.');
      if (sz < dec(inst.minSz))
        return reject('51020', 'Your order should meet or exceed the minimum order amount.');
    }
    if (clOrdId !== '' && this.#isDuplicate(clOrdId)) return reject('51016', 'Duplicated client order ID');
    const attached = this.#attached(body['attachAlgoOrds'], side, inst);
    if (attached !== undefined && 'sCode' in attached) return { ok: false, ...attached };

    const mkt = this.#marketPx.get(inst.instId);
    if (ordType === 'market' && mkt === undefined)
      return reject('50000', `test server: call setMarketPrice('${inst.instId}', …) before a market order`);

    // What the order needs available: quote for buys, base for sells.
    const needCcy = side === 'buy' ? inst.quoteCcy : inst.baseCcy;
    const need =
      side === 'sell'
        ? sz
        : tgtCcy === 'quote_ccy'
          ? sz
          : ordType === 'market'
            ? mul(sz, mkt!)
            : mul(sz, px!);
    const acct = this.#account(needCcy);
    if (acct.cash - acct.frozen < need)
      return reject('51008', `Order failed. Insufficient ${needCcy} balance in account.`);

    const now = this.#clock.now();
    this.#ordSeq += 1n;
    const order: SimOrder = {
      ordId: String(700_000_000_000_000_000n + this.#ordSeq),
      clOrdId,
      tag: s('tag') ?? '',
      instId: inst.instId,
      side,
      ordType,
      tgtCcy,
      sz,
      px,
      cTime: now,
      state: 'live',
      accFillSz: ZERO,
      notional: ZERO,
      fee: ZERO,
      feeCcy: side === 'buy' ? inst.baseCcy : inst.quoteCcy,
      rebateCcy: side === 'buy' ? inst.quoteCcy : inst.baseCcy,
      lastFill: undefined,
      hold: ZERO,
      holdCcy: needCcy,
      uTime: now,
      cancelSource: '',
      ...(attached !== undefined ? { attachAlgoOrds: attached } : {}),
    };
    this.#orders.push(order);
    if (ordType === 'limit') {
      order.hold = need;
      acct.frozen += need;
    } else {
      // No book: the whole order trades at the market price now, as a taker.
      const qty = tgtCcy === 'quote_ccy' ? floorTo(div(sz, mkt!), dec(inst.lotSz)) : sz;
      if (qty > ZERO) this.#trade(order, inst, qty, mkt!, 'T');
      order.state = 'filled';
    }
    return { ok: true, order };
  }

  /**
   * The market reaches leg `leg` of the algo order attached to entry `id` (by ordId or clOrdId): the
   * leg triggers and sells (a buy's exits) or buys back the entry's filled quantity at market, at
   * `px` (default: the trigger price) — a new market order with the algo's `algoId` and
   * `algoClOrdId`, its fill a taker fill. The other leg ends with it (OCO).
   */
  triggerAttached(id: string, leg: 'sl' | 'tp', px?: string): SimOrder {
    const entry = this.find({ ordId: id }) ?? this.find({ clOrdId: id });
    if (!entry) throw new Error(`okx trade server: no order ${id}`);
    const algo = entry.attachAlgoOrds?.find(
      (a) => a.state === 'live' && (leg === 'sl' ? a.slTriggerPx : a.tpTriggerPx) !== undefined,
    );
    if (!algo) throw new Error(`okx trade server: order ${id} has no live attached ${leg} order`);
    if (entry.state !== 'filled')
      throw new Error(
        `okx trade server: order ${id} is ${entry.state}; its attached orders wait for the fill`,
      );
    const inst = this.#instruments.get(entry.instId)!;
    const at = px === undefined ? (leg === 'sl' ? algo.slTriggerPx! : algo.tpTriggerPx!) : dec(px);
    // A buy's fee is taken from the base it bought: sell what the account holds of it, at most the fill.
    const held = this.#account(inst.baseCcy);
    const sz =
      entry.side === 'buy'
        ? floorTo(min(entry.accFillSz, held.cash - held.frozen), dec(inst.lotSz))
        : entry.accFillSz;
    this.#marketPx.set(inst.instId, at);
    const r = this.place({
      instId: inst.instId,
      tdMode: 'cash',
      side: entry.side === 'buy' ? 'sell' : 'buy',
      ordType: 'market',
      sz: fmt(sz),
    });
    if (!r.ok) throw new Error(`okx trade server: the ${leg} order of ${id} failed: ${r.sCode} ${r.sMsg}`);
    r.order.algoId = algo.algoId;
    r.order.algoClOrdId = algo.attachAlgoClOrdId;
    algo.state = 'effective';
    algo.triggeredOrdId = r.order.ordId;
    algo.actualSide = leg;
    algo.triggerTime = this.#clock.now();
    algo.actualSz = sz;
    algo.actualPx = at;
    return r.order;
  }

  /**
   * The algo orders OKX holds for filled entries' `attachAlgoOrds` (`GET /trade/order-algo`,
   * `/trade/orders-algo-pending`, `/trade/orders-algo-history`), with the entry each belongs to.
   */
  algoOrders(): { readonly entry: SimOrder; readonly algo: SimAttachedAlgo }[] {
    return this.#orders
      .filter((o) => o.state === 'filled' || o.state === 'partially_filled')
      .flatMap((entry) => (entry.attachAlgoOrds ?? []).map((algo) => ({ entry, algo })));
  }

  /** Parses `attachAlgoOrds` (undefined: none) as OKX checks it, or the rejection. */
  #attached(
    raw: unknown,
    side: 'buy' | 'sell',
    inst: SpotInstrument,
  ): SimAttachedAlgo[] | { sCode: string; sMsg: string } | undefined {
    if (raw === undefined) return undefined;
    const bad = (field: string) => ({ sCode: '51000', sMsg: `Parameter ${field} error` });
    if (!Array.isArray(raw) || raw.length === 0) return bad('attachAlgoOrds');
    const out: SimAttachedAlgo[] = [];
    for (const item of raw) {
      if (typeof item !== 'object' || item === null || Array.isArray(item)) return bad('attachAlgoOrds');
      const it = item as Record<string, unknown>;
      const s = (k: string) => (typeof it[k] === 'string' && it[k] !== '' ? (it[k] as string) : undefined);
      const legs: Record<'sl' | 'tp', { px: Dec | undefined; type: string; ordPx: string }> = {
        sl: { px: undefined, type: '', ordPx: '' },
        tp: { px: undefined, type: '', ordPx: '' },
      };
      for (const leg of ['sl', 'tp'] as const) {
        const trigger = s(`${leg}TriggerPx`);
        if (trigger === undefined) {
          if (s(`${leg}OrdPx`) !== undefined) return bad(`${leg}TriggerPx`);
          continue;
        }
        const px = parseDec(trigger);
        if (px === undefined || px <= ZERO || !isMultiple(px, dec(inst.tickSz)))
          return bad(`${leg}TriggerPx`);
        const type = s(`${leg}TriggerPxType`) ?? 'last';
        if (!['last', 'index', 'mark'].includes(type)) return bad(`${leg}TriggerPxType`);
        // This server executes triggered legs at market only.
        const ordPx = s(`${leg}OrdPx`);
        if (ordPx !== '-1') return bad(`${leg}OrdPx`);
        legs[leg] = { px, type, ordPx };
      }
      if (legs.sl.px === undefined && legs.tp.px === undefined) return bad('attachAlgoOrds');
      // A long's stop sits below its take-profit; a short's above.
      if (
        legs.sl.px !== undefined &&
        legs.tp.px !== undefined &&
        (side === 'buy' ? legs.sl.px >= legs.tp.px : legs.sl.px <= legs.tp.px)
      )
        return bad('slTriggerPx');
      const attachAlgoClOrdId = s('attachAlgoClOrdId') ?? '';
      if (attachAlgoClOrdId !== '' && !CLORD.test(attachAlgoClOrdId)) return bad('attachAlgoClOrdId');
      this.#ordSeq += 1n;
      out.push({
        attachAlgoId: String(900_000_000_000_000_000n + this.#ordSeq),
        algoId: String(800_000_000_000_000_000n + this.#ordSeq),
        attachAlgoClOrdId,
        slTriggerPx: legs.sl.px,
        slTriggerPxType: legs.sl.type,
        slOrdPx: legs.sl.ordPx,
        tpTriggerPx: legs.tp.px,
        tpTriggerPxType: legs.tp.type,
        tpOrdPx: legs.tp.ordPx,
        state: 'live',
        triggeredOrdId: '',
        actualSide: '',
        triggerTime: 0,
        actualSz: ZERO,
        actualPx: ZERO,
      });
    }
    return out;
  }

  /**
   * Fills `qty` of a resting limit order at `px` (default: its limit price), as a maker — the
   * test's stand-in for the market trading through the order.
   */
  fill(id: string, qty: string, px?: string): SimFill {
    const order = this.find({ ordId: id }) ?? this.find({ clOrdId: id });
    if (!order) throw new Error(`okx trade server: no order ${id}`);
    if (order.state !== 'live' && order.state !== 'partially_filled')
      throw new Error(`okx trade server: order ${id} is ${order.state}, cannot fill`);
    const q = dec(qty);
    const remaining = order.sz - order.accFillSz;
    if (q <= ZERO || q > remaining)
      throw new Error(`okx trade server: fill ${qty} of order ${id} with ${fmt(remaining)} left`);
    const inst = this.#instruments.get(order.instId)!;
    const f = this.#trade(order, inst, q, px === undefined ? order.px! : dec(px), 'M');
    order.state = order.accFillSz === order.sz ? 'filled' : 'partially_filled';
    return f;
  }

  /** `POST /trade/cancel-order` semantics. */
  cancel(
    instId: string,
    id: { ordId?: string; clOrdId?: string },
  ): { ok: true; order: SimOrder } | Rejection {
    const order = this.find(id);
    if (!order || order.instId !== instId || (order.state !== 'live' && order.state !== 'partially_filled')) {
      return {
        sCode: '51400',
        sMsg: 'Order cancellation failed as the order has been filled, canceled or does not exist.',
      };
    }
    order.state = 'canceled';
    order.cancelSource = '1';
    order.uTime = this.#clock.now();
    this.#release(order, order.hold);
    return { ok: true, order };
  }

  #isDuplicate(clOrdId: string): boolean {
    return this.#orders.some(
      (o) =>
        o.clOrdId === clOrdId &&
        (this.#uniqueness === 'all' || o.state === 'live' || o.state === 'partially_filled'),
    );
  }

  #trade(order: SimOrder, inst: SpotInstrument, qty: Dec, px: Dec, execType: 'T' | 'M'): SimFill {
    const rate = execType === 'T' ? this.#taker : this.#maker;
    const value = mul(qty, px);
    const base = this.#account(inst.baseCcy);
    const quote = this.#account(inst.quoteCcy);
    let fee: Dec;
    if (order.side === 'buy') {
      fee = -mul(qty, rate);
      const held = order.ordType === 'limit' ? min(mul(qty, order.px!), order.hold) : ZERO;
      this.#release(order, held);
      quote.cash -= value;
      base.cash += qty + fee;
    } else {
      fee = -mul(value, rate);
      const held = order.ordType === 'limit' ? min(qty, order.hold) : ZERO;
      this.#release(order, held);
      base.cash -= qty;
      quote.cash += value + fee;
    }
    this.#tradeSeq += 1n;
    this.#billSeq += 1n;
    const fill: SimFill = {
      billId: String(800_000_000_000_000_000n + this.#billSeq),
      tradeId: String(300_000_000n + this.#tradeSeq),
      ordId: order.ordId,
      clOrdId: order.clOrdId,
      instId: order.instId,
      side: order.side,
      fillPx: px,
      fillSz: qty,
      fee,
      feeCcy: order.feeCcy,
      feeRate: -rate,
      execType,
      ts: this.#clock.now(),
    };
    this.#fills.push(fill);
    order.accFillSz += qty;
    order.notional += value;
    order.fee += fee;
    order.lastFill = fill;
    order.uTime = fill.ts;
    return fill;
  }

  #release(order: SimOrder, amount: Dec): void {
    if (amount <= ZERO) return;
    order.hold -= amount;
    this.#account(order.holdCcy).frozen -= amount;
  }

  #account(ccy: string): Cash {
    let c = this.#cash.get(ccy);
    if (!c) {
      c = { cash: ZERO, frozen: ZERO };
      this.#cash.set(ccy, c);
    }
    return c;
  }
}
