import { type Dec, div, fmt, mul, ZERO } from './decimal';
import type { SimAttachedAlgo, SimFill, SimOrder, SpotInstrument } from './exchange';

/** OKX v5 JSON rows, field for field as the exchange sends them for SPOT (all values strings). */

export function instrumentRow(i: SpotInstrument): Record<string, string> {
  return spotInstrumentRow(i, '1548133413000');
}

/** `GET /public/instruments?instType=SPOT` row; also the market-data server's (listTime from its data). */
export function spotInstrumentRow(
  i: Readonly<Record<keyof SpotInstrument, string>>,
  listTime: string,
): Record<string, string> {
  return {
    alias: '',
    auctionEndTime: '',
    baseCcy: i.baseCcy,
    category: '1',
    ctMult: '',
    ctType: '',
    ctVal: '',
    ctValCcy: '',
    expTime: '',
    instFamily: '',
    instId: i.instId,
    instType: 'SPOT',
    lever: '10',
    listTime,
    lotSz: i.lotSz,
    maxIcebergSz: '9999999999.0000000000000000',
    maxLmtAmt: '20000000',
    maxLmtSz: '9999999999',
    maxMktAmt: '1000000',
    maxMktSz: '',
    maxStopSz: '',
    maxTriggerSz: '9999999999.0000000000000000',
    maxTwapSz: '9999999999.0000000000000000',
    minSz: i.minSz,
    optType: '',
    quoteCcy: i.quoteCcy,
    ruleType: 'normal',
    settleCcy: '',
    state: i.state,
    stk: '',
    tickSz: i.tickSz,
    uly: '',
  };
}

/** `GET /trade/order` and `/trade/orders-pending` row. */
export function orderRow(o: SimOrder): Record<string, unknown> {
  const f = o.lastFill;
  return {
    accFillSz: fmt(o.accFillSz),
    algoClOrdId: o.algoClOrdId ?? '',
    algoId: o.algoId ?? '',
    attachAlgoClOrdId: '',
    attachAlgoOrds: (o.attachAlgoOrds ?? []).map(attachedRow),
    avgPx: o.accFillSz === ZERO ? '' : fmt(div(o.notional, o.accFillSz)),
    cTime: String(o.cTime),
    cancelSource: o.cancelSource,
    cancelSourceReason: o.cancelSource === '1' ? 'Order canceled by user' : '',
    category: 'normal',
    ccy: '',
    clOrdId: o.clOrdId,
    fee: fmt(o.fee),
    feeCcy: o.feeCcy,
    fillPx: f ? fmt(f.fillPx) : '',
    fillSz: f ? fmt(f.fillSz) : '0',
    fillTime: f ? String(f.ts) : '',
    instId: o.instId,
    instType: 'SPOT',
    isTpLimit: 'false',
    lever: '',
    linkedAlgoOrd: { algoId: '' },
    ordId: o.ordId,
    ordType: o.ordType,
    pnl: '0',
    posSide: 'net',
    px: o.px === undefined ? '' : fmt(o.px),
    pxType: '',
    pxUsd: '',
    pxVol: '',
    quickMgnType: '',
    rebate: '0',
    rebateCcy: o.rebateCcy,
    reduceOnly: 'false',
    side: o.side,
    slOrdPx: '',
    slTriggerPx: '',
    slTriggerPxType: '',
    source: '',
    state: o.state,
    stpId: '',
    stpMode: 'cancel_maker',
    sz: fmt(o.sz),
    tag: o.tag,
    tdMode: 'cash',
    tgtCcy: o.tgtCcy,
    tpOrdPx: '',
    tpTriggerPx: '',
    tpTriggerPxType: '',
    tradeId: f ? f.tradeId : '',
    uTime: String(o.uTime),
  };
}

/** One `attachAlgoOrds` item of an order row. */
function attachedRow(a: SimAttachedAlgo): Record<string, unknown> {
  return {
    amendPxOnTriggerType: '0',
    attachAlgoClOrdId: a.attachAlgoClOrdId,
    attachAlgoId: a.attachAlgoId,
    failCode: '',
    failReason: '',
    slOrdPx: a.slOrdPx,
    slTriggerPx: a.slTriggerPx === undefined ? '' : fmt(a.slTriggerPx),
    slTriggerPxType: a.slTriggerPxType,
    sz: '',
    tpOrdKind: a.tpTriggerPx === undefined ? '' : 'condition',
    tpOrdPx: a.tpOrdPx,
    tpTriggerPx: a.tpTriggerPx === undefined ? '' : fmt(a.tpTriggerPx),
    tpTriggerPxType: a.tpTriggerPxType,
  };
}

/**
 * `GET /trade/order-algo`, `/trade/orders-algo-pending` and `/trade/orders-algo-history` row of the
 * algo order an entry's `attachAlgoOrds` became (SPOT, cash): `oco` with both legs, else `conditional`.
 */
export function algoOrderRow(entry: SimOrder, a: SimAttachedAlgo): Record<string, unknown> {
  const both = a.slTriggerPx !== undefined && a.tpTriggerPx !== undefined;
  const effective = a.state === 'effective';
  return {
    activePx: '',
    actualPx: effective ? fmt(a.actualPx) : '',
    actualSide: a.actualSide,
    actualSz: effective ? fmt(a.actualSz) : '0',
    algoClOrdId: a.attachAlgoClOrdId,
    algoId: a.algoId,
    amendPxOnTriggerType: '0',
    attachAlgoOrds: [],
    cTime: String(entry.uTime),
    callbackRatio: '',
    callbackSpread: '',
    ccy: '',
    clOrdId: '',
    closeFraction: '',
    failCode: '',
    instId: entry.instId,
    instType: 'SPOT',
    isTradeBorrowMode: '',
    last: '',
    lever: '',
    linkedOrd: { ordId: '' },
    moveTriggerPx: '',
    notionalUsd: '',
    ordId: a.triggeredOrdId,
    ordIdList: a.triggeredOrdId === '' ? [] : [a.triggeredOrdId],
    ordPx: '',
    ordType: both ? 'oco' : 'conditional',
    posSide: 'net',
    pxLimit: '',
    pxSpread: '',
    pxVar: '',
    quickMgnType: '',
    reduceOnly: 'false',
    side: entry.side === 'buy' ? 'sell' : 'buy',
    slOrdPx: a.slOrdPx,
    slTriggerPx: a.slTriggerPx === undefined ? '' : fmt(a.slTriggerPx),
    slTriggerPxType: a.slTriggerPxType,
    state: a.state,
    sz: fmt(entry.accFillSz),
    szLimit: '',
    tag: '',
    tdMode: 'cash',
    tgtCcy: '',
    timeInterval: '',
    tpOrdPx: a.tpOrdPx,
    tpTriggerPx: a.tpTriggerPx === undefined ? '' : fmt(a.tpTriggerPx),
    tpTriggerPxType: a.tpTriggerPxType,
    triggerPx: '',
    triggerPxType: '',
    triggerTime: effective ? String(a.triggerTime) : '',
    uTime: String(effective ? a.triggerTime : entry.uTime),
  };
}

/** `GET /trade/fills` and `/trade/fills-history` row. */
export function fillRow(f: SimFill): Record<string, string> {
  return {
    billId: f.billId,
    clOrdId: f.clOrdId,
    execType: f.execType,
    fee: fmt(f.fee),
    feeCcy: f.feeCcy,
    feeRate: fmt(f.feeRate),
    fillIdxPx: '',
    fillMarkPx: '',
    fillMarkVol: '',
    fillFwdPx: '',
    fillPnl: '0',
    fillPx: fmt(f.fillPx),
    fillPxUsd: '',
    fillPxVol: '',
    fillSz: fmt(f.fillSz),
    fillTime: String(f.ts),
    instId: f.instId,
    instType: 'SPOT',
    ordId: f.ordId,
    posSide: 'net',
    side: f.side,
    subType: f.side === 'buy' ? '1' : '2',
    tag: '',
    tradeId: f.tradeId,
    ts: String(f.ts),
  };
}

/** `GET /account/balance` data[0], in the spot ("simple") account mode: `availEq` is empty. */
export function balanceRow(
  rows: readonly { ccy: string; cash: Dec; frozen: Dec; avail: Dec }[],
  usdPrice: (ccy: string) => Dec,
  now: number,
): Record<string, unknown> {
  let total = ZERO;
  const details = rows.map((r) => {
    const usd = mul(r.cash, usdPrice(r.ccy));
    total += usd;
    return {
      accAvgPx: '',
      availBal: fmt(r.avail),
      availEq: '',
      borrowFroz: '',
      cashBal: fmt(r.cash),
      ccy: r.ccy,
      clSpotInUseAmt: '',
      crossLiab: '',
      disEq: fmt(usd),
      eq: fmt(r.cash),
      eqUsd: fmt(usd),
      fixedBal: '0',
      frozenBal: fmt(r.frozen),
      imr: '',
      interest: '',
      isoEq: '',
      isoLiab: '',
      isoUpl: '',
      liab: '',
      maxLoan: '',
      maxSpotInUse: '',
      mgnRatio: '',
      mmr: '',
      notionalLever: '',
      openAvgPx: '',
      ordFrozen: fmt(r.frozen),
      rewardBal: '0',
      smtSyncEq: '0',
      spotBal: '',
      spotCopyTradingEq: '0',
      spotInUseAmt: '',
      spotIsoBal: '0',
      spotUpl: '',
      spotUplRatio: '',
      stgyEq: '0',
      totalPnl: '',
      totalPnlRatio: '',
      twap: '0',
      uTime: String(now),
      upl: '',
      uplLiab: '',
    };
  });
  return {
    adjEq: '',
    borrowFroz: '',
    details,
    imr: '',
    isoEq: '0',
    mgnRatio: '',
    mmr: '',
    notionalUsd: '',
    notionalUsdForBorrow: '',
    notionalUsdForFutures: '',
    notionalUsdForOption: '',
    notionalUsdForSwap: '',
    ordFroz: '',
    totalEq: fmt(total),
    uTime: String(now),
    upl: '',
  };
}
