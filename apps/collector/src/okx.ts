import { AlgoError, ErrorCode, type Instrument, symbolToken, type Timeframe } from '@algotrader/core';
import { okx } from 'ccxt';

/** OKX `bar` parameter per timeframe. Daily bars are asked for UTC-aligned (`1Dutc`), as ccxt does. */
export const OKX_BAR: Readonly<Record<Timeframe, string>> = {
  '1m': '1m',
  '5m': '5m',
  '15m': '15m',
  '30m': '30m',
  '1h': '1H',
  '4h': '4H',
  '1d': '1Dutc',
};

/** Largest `limit` OKX honours on both candle endpoints (pages may still come back shorter). */
export const OKX_MAX_LIMIT = 300;
/** `market/candles` only reaches this many bars back; older ones need `market/history-candles`. */
export const OKX_CANDLES_DEPTH = 1440;

export interface OkxClientOptions {
  /** REST root override (tests: a local server); requests go to `<restUrl>/api/v5/...`. */
  readonly restUrl?: string | undefined;
  /** ccxt's own limiter (110 ms per cost unit on OKX). Keep it on outside tests. Default true. */
  readonly enableRateLimit?: boolean;
  /** Per-request timeout, ms. Default 10,000 (ccxt's). */
  readonly timeoutMs?: number;
  readonly sandbox?: boolean;
}

/**
 * A ccxt `okx` for public market data, set up as OKX_NOTES says: markets from SPOT only and no
 * currencies request (one request for `loadMarkets`), and the REST root pointed where asked.
 * No keys: the collector only reads public endpoints.
 */
export function createOkx(opts: OkxClientOptions = {}): okx {
  const ex = new okx({
    enableRateLimit: opts.enableRateLimit ?? true,
    timeout: opts.timeoutMs ?? 10_000,
    options: { fetchMarkets: { types: ['spot'] } },
  });
  ex.has['fetchCurrencies'] = false;
  // Sandbox first: setSandboxMode swaps `urls.api` for the demo one, which the override must win over.
  if (opts.sandbox) ex.setSandboxMode(true);
  if (opts.restUrl) ex.urls['api'] = { rest: opts.restUrl.replace(/\/+$/, '') };
  return ex;
}

/** One OKX candle row as the exchange sent it (values may be NaN when the exchange sent junk). */
export interface RawCandle {
  readonly openTime: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  /** Base-currency volume (`vol` on SPOT). */
  readonly volume: number;
  /** OKX `confirm`: false while the candle is still forming; undefined when the row lacks the field. */
  readonly confirmed: boolean | undefined;
}

export type CandleEndpoint = 'candles' | 'history-candles';

export interface CandlePageQuery {
  readonly instrument: Instrument;
  readonly tf: Timeframe;
  readonly endpoint: CandleEndpoint;
  /** Rows strictly older than this open time. */
  readonly after?: number;
  /** Rows strictly newer than this open time. */
  readonly before?: number;
  readonly limit: number;
}

/** Thrown when OKX answers 200 with something that is not a candle list: retrying will not fix it. */
export class MalformedResponseError extends AlgoError {
  constructor(what: string, body: unknown) {
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    super(ErrorCode.InvalidData, `malformed OKX ${what} response: ${clip(text ?? String(body))}`, {
      what,
    });
    this.name = 'MalformedResponseError';
  }
}

const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * The raw candle endpoints through ccxt's implicit API (same signing, limiter and error mapping as
 * `fetchOHLCV`), because `fetchOHLCV` drops OKX's `confirm` flag and silently turns a malformed body
 * into an empty list.
 */
export class OkxMarketData {
  constructor(readonly exchange: okx) {}

  /** Requests made so far through this client (every attempt, retries included). */
  requests = 0;

  async candles(q: CandlePageQuery): Promise<RawCandle[]> {
    const params: Record<string, string | number> = {
      instId: symbolToken(q.instrument),
      bar: OKX_BAR[q.tf],
      limit: q.limit,
    };
    if (q.after !== undefined) params['after'] = q.after;
    if (q.before !== undefined) params['before'] = q.before;
    this.requests += 1;
    const body: unknown =
      q.endpoint === 'candles'
        ? await this.exchange.publicGetMarketCandles(params)
        : await this.exchange.publicGetMarketHistoryCandles(params);
    return parseCandles(body, q.endpoint);
  }

  /** Exchange time, ms. */
  async time(): Promise<number> {
    this.requests += 1;
    const body: unknown = await this.exchange.publicGetPublicTime();
    const ts = okData(body, 'public/time')[0] as { ts?: unknown } | undefined;
    const ms = typeof ts?.ts === 'string' && /^\d+$/.test(ts.ts) ? Number(ts.ts) : Number.NaN;
    if (!Number.isFinite(ms)) throw new MalformedResponseError('public/time', body);
    return ms;
  }

  /**
   * Loads SPOT markets (one request) and returns what OKX says about each instrument asked for:
   * its listing time, or undefined when OKX does not list it (or not as live).
   */
  async listed(instruments: readonly Instrument[]): Promise<Map<string, { listTime: number | undefined }>> {
    this.requests += 1;
    const markets = await this.exchange.loadMarkets();
    const out = new Map<string, { listTime: number | undefined }>();
    for (const i of instruments) {
      const m = Object.values(markets).find((x) => x?.id === symbolToken(i) && x.spot);
      if (!m || m.active === false) continue;
      const lt = Number((m.info as Record<string, unknown>)?.['listTime']);
      out.set(symbolToken(i), { listTime: Number.isFinite(lt) && lt > 0 ? lt : undefined });
    }
    return out;
  }
}

function okData(body: unknown, what: string): unknown[] {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new MalformedResponseError(what, body);
  const b = body as { code?: unknown; data?: unknown };
  // Error codes never get here: ccxt throws on them. Anything else without a data list is junk.
  if (b.code !== '0' || !Array.isArray(b.data)) throw new MalformedResponseError(what, body);
  return b.data;
}

export function parseCandles(body: unknown, what: string): RawCandle[] {
  const data = okData(body, what);
  const out: RawCandle[] = [];
  for (const row of data) {
    if (!Array.isArray(row) || row.length < 6 || typeof row[0] !== 'string' || !/^\d+$/.test(row[0])) {
      throw new MalformedResponseError(what, body);
    }
    const num = (v: unknown) => (typeof v === 'string' && DECIMAL.test(v) ? Number(v) : Number.NaN);
    const confirm = row[8];
    out.push({
      openTime: Number(row[0]),
      open: num(row[1]),
      high: num(row[2]),
      low: num(row[3]),
      close: num(row[4]),
      volume: num(row[5]),
      confirmed: confirm === '1' ? true : confirm === '0' ? false : undefined,
    });
  }
  return out;
}

function clip(s: string): string {
  return s.length > 160 ? `${s.slice(0, 157)}...` : s;
}
