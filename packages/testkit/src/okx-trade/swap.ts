import { OKX_POSITION_TIERS, type OkxPositionTierRow } from '@algotrader/core';
import { type Dec, dec, div, fmt, isMultiple, min, mul, ZERO } from './decimal';
import type { SpotExchange } from './exchange';

/**
 * The USDT-margined perpetual swaps of the local OKX server, in one-way (net) position mode:
 * instruments (SWAP rows), leverage per instrument and margin mode, market orders that fill at a
 * price the test sets (limit orders rest until {@link SwapBook.fill}), net positions, funding
 * settlements and liquidations driven by the test, and the account bills they leave. Sizes are in
 * contracts as on OKX; money moves in the spot exchange's USDT balance (one trading account).
 */
export interface OkxSwapInstrumentSpec {
  readonly instId: string;
  readonly ctVal?: string;
  readonly lotSz?: string;
  readonly minSz?: string;
  readonly tickSz?: string;
  readonly lever?: string;
}

interface SwapInstrument {
  readonly instId: string;
  readonly uly: string;
  readonly ctVal: string;
  readonly lotSz: string;
  readonly minSz: string;
  readonly tickSz: string;
  readonly lever: string;
}

export interface SwapOrder {
  readonly ordId: string;
  readonly clOrdId: string;
  readonly instId: string;
  readonly side: 'buy' | 'sell';
  readonly ordType: 'market' | 'limit';
  readonly sz: Dec;
  readonly px: Dec | undefined;
  readonly tdMode: 'cross' | 'isolated';
  readonly reduceOnly: boolean;
  readonly category: 'normal' | 'full_liquidation';
  state: 'live' | 'filled' | 'canceled';
  accFillSz: Dec;
  avgPx: Dec;
  fee: Dec;
  pnl: Dec;
  tradeId: string;
  readonly cTime: number;
  uTime: number;
}

interface SwapPosition {
  /** Signed contracts. */
  pos: Dec;
  avgPx: Dec;
  mgnMode: 'cross' | 'isolated';
  /** Isolated margin posted. */
  margin: Dec;
  realizedPnl: Dec;
  fundingFee: Dec;
  cTime: number;
  uTime: number;
}

export interface SwapBill {
  readonly billId: string;
  readonly instId: string;
  /** OKX bill type: 2 trade, 5 liquidation, 8 funding fee. */
  readonly type: '2' | '5' | '8';
  /** 173 funding fee expense, 174 funding fee income, 1/2 buy/sell, 5 full liquidation. */
  readonly subType: string;
  readonly balChg: Dec;
  readonly bal: Dec;
  readonly mgnMode: string;
  readonly sz: Dec;
  readonly ts: number;
}

export type SwapReject = { readonly sCode: string; readonly sMsg: string };

export class SwapBook {
  readonly #instruments = new Map<string, SwapInstrument>();
  readonly #lever = new Map<string, string>();
  readonly #positions = new Map<string, SwapPosition>();
  readonly #mark = new Map<string, Dec>();
  readonly #funding = new Map<string, { rate: string; fundingTime: number }>();
  /** Position tiers by instFamily (`public/position-tiers`); default: core's bundled snapshot. */
  readonly #tiers = new Map<string, readonly OkxPositionTierRow[]>();
  readonly orders: SwapOrder[] = [];
  readonly bills: SwapBill[] = [];
  #seq = 7_000_000_000;

  constructor(
    private readonly spot: SpotExchange,
    private readonly takerFeeRate: Dec = dec('0.0005'),
  ) {}

  addInstrument(s: OkxSwapInstrumentSpec): void {
    const uly = s.instId.replace(/-SWAP$/, '');
    this.#instruments.set(s.instId, {
      instId: s.instId,
      uly,
      ctVal: s.ctVal ?? '0.01',
      lotSz: s.lotSz ?? '0.01',
      minSz: s.minSz ?? '0.01',
      tickSz: s.tickSz ?? '0.1',
      lever: s.lever ?? '100',
    });
  }

  /** Serves these rows for an instrument family (e.g. `BTC-USDT`) from `public/position-tiers`. */
  setPositionTiers(instFamily: string, rows: readonly OkxPositionTierRow[]): void {
    this.#tiers.set(instFamily, rows);
  }

  /** The family's tier rows (set, else bundled), or undefined for a family no swap here belongs to. */
  positionTierRows(instFamily: string): readonly OkxPositionTierRow[] | undefined {
    const listed = [...this.#instruments.values()].some((i) => i.uly === instFamily);
    if (!listed) return undefined;
    return this.#tiers.get(instFamily) ?? OKX_POSITION_TIERS[instFamily] ?? [];
  }

  has(instId: string): boolean {
    return this.#instruments.has(instId);
  }

  instrumentRows(): Record<string, string>[] {
    return [...this.#instruments.values()].map((i) => ({
      alias: '',
      baseCcy: '',
      category: '1',
      ctMult: '1',
      ctType: 'linear',
      ctVal: i.ctVal,
      ctValCcy: i.uly.split('-')[0]!,
      expTime: '',
      instFamily: i.uly,
      instId: i.instId,
      instType: 'SWAP',
      lever: i.lever,
      listTime: '1573557408000',
      lotSz: i.lotSz,
      maxIcebergSz: '100000000.0000000000000000',
      maxLmtAmt: '20000000',
      maxLmtSz: '100000000',
      maxMktAmt: '',
      maxMktSz: '12000',
      maxStopSz: '12000',
      maxTriggerSz: '100000000.0000000000000000',
      maxTwapSz: '100000000.0000000000000000',
      minSz: i.minSz,
      optType: '',
      quoteCcy: '',
      ruleType: 'normal',
      settleCcy: 'USDT',
      state: 'live',
      stk: '',
      tickSz: i.tickSz,
      uly: i.uly,
    }));
  }

  setMarkPrice(instId: string, px: string): void {
    this.#mark.set(instId, dec(px));
  }

  setFundingRate(instId: string, rate: string, fundingTime: number): void {
    this.#funding.set(instId, { rate, fundingTime });
  }

  fundingRateRow(instId: string): Record<string, string> | undefined {
    const f = this.#funding.get(instId);
    if (!f || !this.has(instId)) return undefined;
    return {
      fundingRate: f.rate,
      fundingTime: String(f.fundingTime),
      impactValue: '',
      instId,
      instType: 'SWAP',
      interestRate: '0.0001',
      maxFundingRate: '0.00375',
      method: 'current_period',
      minFundingRate: '-0.00375',
      nextFundingRate: '',
      nextFundingTime: String(f.fundingTime + 8 * 3_600_000),
      premium: '0.0000578',
      settFundingRate: '0.0000829',
      settState: 'settled',
      ts: String(f.fundingTime - 3_600_000),
    };
  }

  leverage(instId: string, mgnMode: string): string {
    return this.#lever.get(`${instId}:${mgnMode}`) ?? '1';
  }

  /** `POST /account/set-leverage`; OKX refuses a lever above the instrument's maximum (51000-style). */
  setLeverage(body: Record<string, unknown>): { ok: Record<string, string> } | SwapReject {
    const instId = String(body['instId'] ?? '');
    const mgnMode = String(body['mgnMode'] ?? '');
    const lever = String(body['lever'] ?? '');
    const inst = this.#instruments.get(instId);
    if (!inst) return { sCode: '51001', sMsg: 'Instrument ID does not exist' };
    if (mgnMode !== 'cross' && mgnMode !== 'isolated')
      return { sCode: '51000', sMsg: 'Parameter mgnMode error' };
    const l = Number(lever);
    if (!(l >= 1 && l <= Number(inst.lever))) {
      return { sCode: '59102', sMsg: `Leverage exceeds the maximum leverage, please lower the leverage` };
    }
    this.#lever.set(`${instId}:${mgnMode}`, lever);
    return { ok: { instId, lever, mgnMode, posSide: 'net' } };
  }

  #usdt(): Dec {
    return dec(this.spot.balance('USDT').cash);
  }

  #setUsdt(v: Dec): void {
    this.spot.setBalance('USDT', fmt(v));
  }

  #notional(instId: string, contracts: Dec, px: Dec): Dec {
    return mul(mul(contracts < ZERO ? -contracts : contracts, dec(this.#instruments.get(instId)!.ctVal)), px);
  }

  /** Margin in use: isolated margins + cross notional at mark / leverage. */
  #usedMargin(): Dec {
    let m = ZERO;
    for (const [instId, p] of this.#positions) {
      if (p.pos === ZERO) continue;
      if (p.mgnMode === 'isolated') m += p.margin;
      else
        m += div(
          this.#notional(instId, p.pos, this.#mark.get(instId) ?? p.avgPx),
          dec(this.leverage(instId, 'cross')),
        );
    }
    return m;
  }

  place(item: Record<string, unknown>, now: number): { ok: SwapOrder } | SwapReject {
    const s = (k: string) => (typeof item[k] === 'string' ? (item[k] as string) : undefined);
    const instId = s('instId') ?? '';
    const inst = this.#instruments.get(instId);
    if (!inst) return { sCode: '51001', sMsg: 'Instrument ID does not exist' };
    const tdMode = s('tdMode');
    if (tdMode !== 'cross' && tdMode !== 'isolated')
      return { sCode: '51000', sMsg: 'Parameter tdMode error' };
    const posSide = s('posSide');
    if (posSide !== undefined && posSide !== 'net')
      return { sCode: '51000', sMsg: 'Parameter posSide error' };
    const side = s('side');
    if (side !== 'buy' && side !== 'sell') return { sCode: '51000', sMsg: 'Parameter side error' };
    const ordType = s('ordType');
    if (ordType !== 'market' && ordType !== 'limit')
      return { sCode: '51000', sMsg: 'Parameter ordType error' };
    const clOrdId = s('clOrdId') ?? '';
    if (clOrdId !== '' && this.orders.some((o) => o.clOrdId === clOrdId)) {
      return { sCode: '51016', sMsg: 'Duplicated client order ID' };
    }
    let sz: Dec;
    try {
      sz = dec(s('sz') ?? '');
    } catch {
      return { sCode: '51000', sMsg: 'Parameter sz error' };
    }
    if (sz < dec(inst.minSz))
      return { sCode: '51020', sMsg: `Your order should meet or exceed the minimum order amount.` };
    if (!isMultiple(sz, dec(inst.lotSz)))
      return { sCode: '51121', sMsg: `Order quantity must be a multiple of the lot size.` };
    const reduceOnly = item['reduceOnly'] === true || item['reduceOnly'] === 'true';
    const held = this.#positions.get(instId)?.pos ?? ZERO;
    const signed = side === 'buy' ? sz : -sz;
    if (reduceOnly && (held === ZERO || held > ZERO === signed > ZERO)) {
      return {
        sCode: '51169',
        sMsg: "Order failed because you don't have any positions in this direction for this contract to reduce or close.",
      };
    }
    const pxText = s('px');
    const px = ordType === 'limit' && pxText !== undefined ? dec(pxText) : undefined;
    const order: SwapOrder = {
      ordId: String(++this.#seq),
      clOrdId,
      instId,
      side,
      ordType,
      sz,
      px,
      tdMode,
      reduceOnly,
      category: 'normal',
      state: 'live',
      accFillSz: ZERO,
      avgPx: ZERO,
      fee: ZERO,
      pnl: ZERO,
      tradeId: '',
      cTime: now,
      uTime: now,
    };
    if (ordType === 'market') {
      const mark = this.#mark.get(instId);
      if (mark === undefined)
        return { sCode: '51000', sMsg: 'no market price (test server: setSwapPrice first)' };
      const r = this.#execute(order, sz, mark, now, true);
      if (r) return r;
    }
    this.orders.push(order);
    return { ok: order };
  }

  /** Fills a resting limit order at its price (test-driven). */
  fill(id: string, now: number): SwapOrder {
    const o = this.orders.find((x) => x.ordId === id || x.clOrdId === id);
    if (o?.state !== 'live' || o.px === undefined) throw new Error(`no live swap limit order ${id}`);
    const r = this.#execute(o, o.sz, o.px, now, false);
    if (r) throw new Error(`${r.sCode} ${r.sMsg}`);
    return o;
  }

  cancel(
    instId: string,
    id: { ordId?: string; clOrdId?: string },
    now: number,
  ): { ok: SwapOrder } | SwapReject {
    const o = this.orders.find(
      (x) =>
        x.instId === instId &&
        ((id.ordId && x.ordId === id.ordId) || (id.clOrdId && x.clOrdId === id.clOrdId)),
    );
    if (!o)
      return {
        sCode: '51400',
        sMsg: 'Order cancellation failed as the order has been filled, canceled or does not exist.',
      };
    if (o.state !== 'live')
      return {
        sCode: '51400',
        sMsg: 'Order cancellation failed as the order has been filled, canceled or does not exist.',
      };
    o.state = 'canceled';
    o.uTime = now;
    return { ok: o };
  }

  /** Books a fill of `qty` contracts at `px`; a margin shortfall refuses the order (51008). */
  #execute(o: SwapOrder, qty: Dec, px: Dec, now: number, check: boolean): SwapReject | undefined {
    const inst = this.#instruments.get(o.instId)!;
    const p = this.#positions.get(o.instId) ?? {
      pos: ZERO,
      avgPx: ZERO,
      mgnMode: o.tdMode,
      margin: ZERO,
      realizedPnl: ZERO,
      fundingFee: ZERO,
      cTime: now,
      uTime: now,
    };
    const signed = o.side === 'buy' ? qty : -qty;
    let size = signed;
    if (o.reduceOnly) {
      const abs = p.pos < ZERO ? -p.pos : p.pos;
      if (qty > abs) size = o.side === 'buy' ? abs : -abs;
    }
    const ctVal = dec(inst.ctVal);
    const lever = dec(this.leverage(o.instId, o.tdMode));
    const fee = mul(this.#notional(o.instId, size, px), this.takerFeeRate);
    const reducing = p.pos !== ZERO && p.pos > ZERO !== size > ZERO;
    const absPos = p.pos < ZERO ? -p.pos : p.pos;
    const absSize = size < ZERO ? -size : size;
    const close = reducing ? min(absSize, absPos) : ZERO;
    const open = absSize - close;
    const im = div(mul(mul(open, ctVal), px), lever);
    if (check && open > ZERO && im + fee > this.#usdt() - this.#usedMargin()) {
      return { sCode: '51008', sMsg: 'Order failed. Insufficient USDT margin in account' };
    }
    let pnl = ZERO;
    if (close > ZERO) {
      pnl = mul(mul(close, ctVal), p.pos > ZERO ? px - p.avgPx : p.avgPx - px);
      if (p.mgnMode === 'isolated') p.margin -= div(mul(p.margin, close), absPos);
      p.pos += p.pos > ZERO ? -close : close;
    }
    if (open > ZERO) {
      const newAbs = (p.pos < ZERO ? -p.pos : p.pos) + open;
      const oldAbs = p.pos < ZERO ? -p.pos : p.pos;
      p.avgPx = p.pos === ZERO ? px : div(mul(oldAbs, p.avgPx) + mul(open, px), newAbs);
      p.pos += size > ZERO ? open : -open;
      p.mgnMode = o.tdMode;
      if (o.tdMode === 'isolated') p.margin += im;
    }
    if (p.pos === ZERO) {
      p.avgPx = ZERO;
      p.margin = ZERO;
    }
    p.realizedPnl += pnl - fee;
    p.uTime = now;
    this.#positions.set(o.instId, p);
    const bal = this.#usdt() + pnl - fee;
    this.#setUsdt(bal);
    o.accFillSz = absSize;
    o.avgPx = px;
    o.fee = fee;
    o.pnl = pnl;
    o.state = 'filled';
    o.tradeId = String(++this.#seq);
    o.uTime = now;
    this.bills.push({
      billId: String(++this.#seq),
      instId: o.instId,
      type: o.category === 'full_liquidation' ? '5' : '2',
      subType: o.category === 'full_liquidation' ? '5' : o.side === 'buy' ? '1' : '2',
      balChg: pnl - fee,
      bal,
      mgnMode: o.tdMode,
      sz: absSize,
      ts: now,
    });
    return undefined;
  }

  /**
   * A funding settlement: every position pays `pos × ctVal × mark × rate` (longs pay when the rate
   * is positive), booked as a type-8 bill (173 expense, 174 income).
   */
  settleFunding(instId: string, rate: string, now: number): void {
    const p = this.#positions.get(instId);
    const mark = this.#mark.get(instId);
    this.setFundingRate(instId, rate, now);
    if (!p || p.pos === ZERO || mark === undefined) return;
    const ctVal = dec(this.#instruments.get(instId)!.ctVal);
    const amount = -mul(mul(mul(p.pos, ctVal), mark), dec(rate));
    p.fundingFee += amount;
    if (p.mgnMode === 'isolated') p.margin += amount;
    const bal = this.#usdt() + amount;
    this.#setUsdt(bal);
    this.bills.push({
      billId: String(++this.#seq),
      instId,
      type: '8',
      subType: amount < ZERO ? '173' : '174',
      balChg: amount,
      bal,
      mgnMode: p.mgnMode,
      sz: p.pos < ZERO ? -p.pos : p.pos,
      ts: now,
    });
  }

  /**
   * Liquidates the position at `px` as OKX's engine does: a `full_liquidation` order appears in the
   * order history and the isolated margin (or the cross balance) is gone.
   */
  liquidate(instId: string, px: string, now: number): SwapOrder {
    const p = this.#positions.get(instId);
    if (!p || p.pos === ZERO) throw new Error(`no position in ${instId} to liquidate`);
    const order: SwapOrder = {
      ordId: String(++this.#seq),
      clOrdId: '',
      instId,
      side: p.pos > ZERO ? 'sell' : 'buy',
      ordType: 'market',
      sz: p.pos < ZERO ? -p.pos : p.pos,
      px: undefined,
      tdMode: p.mgnMode,
      reduceOnly: true,
      category: 'full_liquidation',
      state: 'live',
      accFillSz: ZERO,
      avgPx: ZERO,
      fee: ZERO,
      pnl: ZERO,
      tradeId: '',
      cTime: now,
      uTime: now,
    };
    const lost = p.mgnMode === 'isolated' ? p.margin : this.#usdt();
    const before = this.#usdt();
    this.#execute(order, order.sz, dec(px), now, false);
    // What the fill left of the margin goes to the insurance fund.
    this.#setUsdt(before - lost);
    this.orders.push(order);
    return order;
  }

  positionRows(instId?: string): Record<string, string>[] {
    const rows: Record<string, string>[] = [];
    for (const [id, p] of this.#positions) {
      if (p.pos === ZERO || (instId && id !== instId)) continue;
      const mark = this.#mark.get(id) ?? p.avgPx;
      const ctVal = dec(this.#instruments.get(id)!.ctVal);
      const upl = mul(mul(p.pos, ctVal), mark - p.avgPx);
      const lever = this.leverage(id, p.mgnMode);
      rows.push({
        adl: '1',
        availPos: fmt(p.pos < ZERO ? -p.pos : p.pos),
        avgPx: fmt(p.avgPx),
        cTime: String(p.cTime),
        ccy: 'USDT',
        fee: '0',
        fundingFee: fmt(p.fundingFee),
        imr: p.mgnMode === 'cross' ? fmt(div(this.#notional(id, p.pos, mark), dec(lever))) : '',
        instId: id,
        instType: 'SWAP',
        last: fmt(mark),
        lever,
        liqPx: '',
        margin: p.mgnMode === 'isolated' ? fmt(p.margin) : '',
        markPx: fmt(mark),
        mgnMode: p.mgnMode,
        mgnRatio: '',
        mmr: fmt(mul(this.#notional(id, p.pos, mark), dec('0.004'))),
        notionalUsd: fmt(this.#notional(id, p.pos, mark)),
        pos: fmt(p.pos),
        posCcy: '',
        posId: `pos-${id}`,
        posSide: 'net',
        realizedPnl: fmt(p.realizedPnl),
        uTime: String(p.uTime),
        upl: fmt(upl),
        uplRatio: '',
      });
    }
    return rows;
  }
}

export function swapOrderRow(o: SwapOrder): Record<string, unknown> {
  return {
    accFillSz: fmt(o.accFillSz),
    algoClOrdId: '',
    algoId: '',
    attachAlgoOrds: [],
    avgPx: o.accFillSz === ZERO ? '' : fmt(o.avgPx),
    cTime: String(o.cTime),
    cancelSource: '',
    category: o.category,
    ccy: '',
    clOrdId: o.clOrdId,
    fee: fmt(-o.fee),
    feeCcy: 'USDT',
    fillPx: o.accFillSz === ZERO ? '' : fmt(o.avgPx),
    fillSz: fmt(o.accFillSz),
    fillTime: o.accFillSz === ZERO ? '' : String(o.uTime),
    instId: o.instId,
    instType: 'SWAP',
    lever: '',
    ordId: o.ordId,
    ordType: o.ordType,
    pnl: fmt(o.pnl),
    posSide: 'net',
    px: o.px === undefined ? '' : fmt(o.px),
    rebate: '0',
    rebateCcy: 'USDT',
    reduceOnly: String(o.reduceOnly),
    side: o.side,
    source: '',
    state: o.state,
    sz: fmt(o.sz),
    tag: '',
    tdMode: o.tdMode,
    tgtCcy: '',
    tradeId: o.tradeId,
    uTime: String(o.uTime),
  };
}

export function swapBillRow(b: SwapBill): Record<string, string> {
  return {
    bal: fmt(b.bal),
    balChg: fmt(b.balChg),
    billId: b.billId,
    ccy: 'USDT',
    execType: b.type === '2' ? 'T' : '',
    fee: '0',
    from: '',
    instId: b.instId,
    instType: 'SWAP',
    mgnMode: b.mgnMode,
    notes: '',
    ordId: '',
    pnl: b.type === '8' ? '0' : fmt(b.balChg),
    posBal: '0',
    posBalChg: '0',
    subType: b.subType,
    sz: fmt(b.sz),
    to: '',
    ts: String(b.ts),
    type: b.type,
  };
}
