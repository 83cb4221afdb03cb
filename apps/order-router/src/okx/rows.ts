import { AlgoError, ErrorCode } from '@algotrader/core';

/**
 * OKX v5 rows as the exchange sends them, validated once on the way in. Quantities and prices stay
 * the exchange's own decimal strings: they travel as such in OrderEvent and Fill.
 */

/** OKX answered 200 with something that is not its `{code: "0", data: [...]}` envelope. */
export class MalformedOkxResponse extends AlgoError {
  constructor(what: string, body: unknown) {
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    super(ErrorCode.InvalidData, `malformed OKX ${what} response: ${clip(String(text))}`, { what });
    this.name = 'MalformedOkxResponse';
  }
}

export type OkxOrderState =
  | 'live'
  | 'partially_filled'
  | 'filled'
  | 'canceled'
  | 'mmp_canceled'
  | 'order_failed';

export interface OkxOrderRow {
  readonly ordId: string;
  readonly clOrdId: string;
  readonly instId: string;
  readonly side: 'buy' | 'sell';
  readonly ordType: string;
  readonly state: OkxOrderState;
  readonly sz: string;
  readonly px: string;
  readonly accFillSz: string;
  /** Empty before the first fill. */
  readonly avgPx: string;
  readonly uTime: number;
  readonly cTime: number;
  /**
   * Set on the order an algo order placed when it triggered ('' otherwise): the algo's id, and its
   * client id — for a stop-loss / take-profit attached to an entry, the entry's `attachAlgoClOrdId`.
   */
  readonly algoId: string;
  readonly algoClOrdId: string;
}

/**
 * `GET /trade/order-algo` (and `/trade/orders-algo-history`) row: the stop-loss / take-profit algo
 * order OKX placed for an entry's `attachAlgoOrds` once the entry filled. Its `algoId` is OKX's own
 * (not the entry's `attachAlgoId`); its `algoClOrdId` is the entry's `attachAlgoClOrdId`.
 */
export interface OkxAlgoRow {
  readonly algoId: string;
  readonly algoClOrdId: string;
  readonly instId: string;
  /** `oco` (stop-loss and take-profit), `conditional` (one of them), `move_order_stop`, … */
  readonly ordType: string;
  /** live, pause, partially_effective, effective, canceled, order_failed, partially_failed. */
  readonly state: string;
  /** Which leg triggered: `sl` or `tp` (oco and conditional orders only; '' before a trigger). */
  readonly actualSide: string;
  /** ordIds of the orders it placed when it triggered (OKX deprecates `ordId` for this list). */
  readonly ordIds: readonly string[];
}

export interface OkxFillRow {
  readonly billId: string;
  readonly tradeId: string;
  readonly ordId: string;
  readonly clOrdId: string;
  readonly instId: string;
  readonly side: 'buy' | 'sell';
  readonly fillSz: string;
  readonly fillPx: string;
  /** OKX sign: negative = paid, positive = rebate. */
  readonly fee: string;
  readonly feeCcy: string;
  readonly execType: string;
  readonly ts: number;
}

export interface OkxBalance {
  /** `cashBal`: everything held, including what open orders freeze. */
  readonly total: string;
  readonly available: string;
  readonly frozen: string;
  /** OKX's valuation of the holding in USD (`eqUsd`); '' when not given. */
  readonly eqUsd: string;
}

const STATES: ReadonlySet<string> = new Set([
  'live',
  'partially_filled',
  'filled',
  'canceled',
  'mmp_canceled',
  'order_failed',
]);
const DECIMAL = /^-?\d+(\.\d+)?$/;
const INT = /^\d+$/;

/** The `data` list of a successful OKX answer; anything else is malformed. */
export function okData(body: unknown, what: string): unknown[] {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new MalformedOkxResponse(what, body);
  const b = body as { code?: unknown; data?: unknown };
  // Error codes never get here (ccxt throws on them): anything without a data list is junk.
  if (b.code !== '0' || !Array.isArray(b.data)) throw new MalformedOkxResponse(what, body);
  return b.data;
}

export function parseOrderRow(row: unknown, what = 'order'): OkxOrderRow {
  const r = record(row, what);
  const state = str(r, 'state', what);
  const side = str(r, 'side', what);
  if (!STATES.has(state)) throw new MalformedOkxResponse(`${what} (state "${state}")`, row);
  if (side !== 'buy' && side !== 'sell') throw new MalformedOkxResponse(`${what} (side)`, row);
  return {
    ordId: str(r, 'ordId', what),
    clOrdId: str(r, 'clOrdId', what),
    instId: str(r, 'instId', what),
    side,
    ordType: str(r, 'ordType', what),
    state: state as OkxOrderState,
    sz: decimal(r, 'sz', what),
    px: optionalDecimal(r, 'px', what),
    accFillSz: decimal(r, 'accFillSz', what),
    avgPx: optionalDecimal(r, 'avgPx', what),
    uTime: int(r, 'uTime', what),
    cTime: int(r, 'cTime', what),
    algoId: optionalStr(r, 'algoId', what),
    algoClOrdId: optionalStr(r, 'algoClOrdId', what),
  };
}

export function parseAlgoRow(row: unknown, what = 'algo order'): OkxAlgoRow {
  const r = record(row, what);
  const list = r['ordIdList'];
  if (list !== undefined && (!Array.isArray(list) || !list.every((x) => typeof x === 'string')))
    throw new MalformedOkxResponse(`${what} (ordIdList)`, row);
  const ordId = optionalStr(r, 'ordId', what);
  const ordIds = (list as string[] | undefined) ?? [];
  return {
    algoId: str(r, 'algoId', what),
    algoClOrdId: optionalStr(r, 'algoClOrdId', what),
    instId: str(r, 'instId', what),
    ordType: str(r, 'ordType', what),
    state: str(r, 'state', what),
    actualSide: optionalStr(r, 'actualSide', what),
    ordIds: ordId !== '' && !ordIds.includes(ordId) ? [...ordIds, ordId] : ordIds,
  };
}

export function parseFillRow(row: unknown, what = 'fill'): OkxFillRow {
  const r = record(row, what);
  const side = str(r, 'side', what);
  if (side !== 'buy' && side !== 'sell') throw new MalformedOkxResponse(`${what} (side)`, row);
  return {
    billId: str(r, 'billId', what),
    tradeId: str(r, 'tradeId', what),
    ordId: str(r, 'ordId', what),
    clOrdId: str(r, 'clOrdId', what),
    instId: str(r, 'instId', what),
    side,
    fillSz: decimal(r, 'fillSz', what),
    fillPx: decimal(r, 'fillPx', what),
    fee: decimal(r, 'fee', what),
    feeCcy: str(r, 'feeCcy', what),
    execType: str(r, 'execType', what),
    ts: int(r, 'ts', what),
  };
}

/**
 * `GET /account/balance`: one entry per currency OKX lists. A currency it does not list holds
 * nothing — which may only be concluded from a well-formed answer, hence the strict checks here.
 */
export function parseBalances(body: unknown): Map<string, OkxBalance> {
  const data = okData(body, 'account/balance');
  const first = data[0];
  if (data.length !== 1 || typeof first !== 'object' || first === null)
    throw new MalformedOkxResponse('account/balance', body);
  const details = (first as { details?: unknown }).details;
  if (!Array.isArray(details)) throw new MalformedOkxResponse('account/balance', body);
  const out = new Map<string, OkxBalance>();
  for (const d of details) {
    const r = record(d, 'balance');
    const total = decimal(r, 'cashBal', 'balance');
    const frozen = optionalDecimal(r, 'frozenBal', 'balance') || '0';
    // Spot ("simple") accounts fill availBal; margin modes fill availEq instead.
    const available =
      optionalDecimal(r, 'availBal', 'balance') || optionalDecimal(r, 'availEq', 'balance') || '0';
    const eqUsd = optionalDecimal(r, 'eqUsd', 'balance') || '';
    out.set(str(r, 'ccy', 'balance'), { total, available, frozen, eqUsd });
  }
  return out;
}

function record(row: unknown, what: string): Record<string, unknown> {
  if (typeof row !== 'object' || row === null || Array.isArray(row))
    throw new MalformedOkxResponse(what, row);
  return row as Record<string, unknown>;
}

function str(r: Record<string, unknown>, key: string, what: string): string {
  const v = r[key];
  if (typeof v !== 'string') throw new MalformedOkxResponse(`${what} (${key})`, r);
  return v;
}

/** A string field OKX may leave out or send empty: ''. */
function optionalStr(r: Record<string, unknown>, key: string, what: string): string {
  const v = r[key];
  if (v === undefined) return '';
  if (typeof v !== 'string') throw new MalformedOkxResponse(`${what} (${key})`, r);
  return v;
}

function decimal(r: Record<string, unknown>, key: string, what: string): string {
  const v = str(r, key, what);
  if (!DECIMAL.test(v)) throw new MalformedOkxResponse(`${what} (${key} "${v}")`, r);
  return v;
}

function optionalDecimal(r: Record<string, unknown>, key: string, what: string): string {
  const v = r[key];
  if (v === undefined || v === '') return '';
  return decimal(r, key, what);
}

function int(r: Record<string, unknown>, key: string, what: string): number {
  const v = str(r, key, what);
  if (!INT.test(v)) throw new MalformedOkxResponse(`${what} (${key} "${v}")`, r);
  return Number(v);
}

function clip(s: string): string {
  return s.length > 200 ? `${s.slice(0, 197)}...` : s;
}
