import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  assertNever,
  type BarColumns,
  type Clock,
  type PriceCandles,
  type Timeframe,
} from '@algotrader/core';
import { spotInstrumentRow } from '../okx-trade/shapes';

/**
 * A local stand-in for OKX's public REST API v5, answering with the real response shapes so that
 * ccxt's `okx` class talks to it unmodified (only `urls.api.rest` points here).
 *
 * Candle semantics, as documented by OKX for `market/candles` and `market/history-candles`:
 * - `after`  = return records with `ts` strictly earlier than this (paging towards the past);
 * - `before` = return records with `ts` strictly newer than this;
 * - the answer is the **newest** `limit` rows inside those bounds, newest first (`before` alone
 *   therefore returns the latest rows, not the ones just after it);
 * - `limit` defaults to 100 and is capped at 300 (older OKX documents capped history-candles at
 *   100: set `historyLimitCap` to reproduce that);
 * - `market/candles` only reaches back `candlesDepth` bars (1,440 on OKX);
 * - the row whose `ts + bar > now` is the forming candle and carries `confirm: "0"`; rows that open
 *   after `now` do not exist yet.
 */

/**
 * `empty`: a well-formed 200 with no rows (`data: []`); `short`: a candle answer cut to its newest
 * row — both transient answers a client must not take for a hole in the exchange's data.
 */
export type OkxFaultKind = 'rateLimit' | 'http5xx' | 'maintenance' | 'malformed' | 'empty' | 'short';

export interface OkxFault {
  readonly kind: OkxFaultKind;
  /** How many matching requests fail (default 1). */
  readonly times?: number;
  /** Only requests to this path (e.g. `/api/v5/market/history-candles`). */
  readonly path?: string;
  /** Only requests for this instId (e.g. `ETH-USDT`). */
  readonly instId?: string;
}

export interface OkxRequestLog {
  readonly method: string;
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  readonly status: number;
  /** The injected fault this request answered with, if any. */
  readonly fault: OkxFaultKind | undefined;
  /** Candle rows answered (candle endpoints only). */
  readonly rows: number;
  /** Wall-clock arrival time, ms (for measuring request rates). */
  readonly atMs: number;
}

export interface OkxInstrumentSpec {
  readonly instId: string;
  readonly tickSz?: string;
  readonly lotSz?: string;
  readonly minSz?: string;
  /** Listing time, ms; defaults to the first candle of any loaded series. */
  readonly listTime?: number;
  readonly state?: 'live' | 'suspend' | 'preopen';
}

export interface OkxServerOptions {
  /** Server time (`public/time`, and which candle is forming). */
  readonly clock: Clock;
  /** How far back `market/candles` reaches, in bars. Default 1,440. */
  readonly candlesDepth?: number;
  /** Largest `limit` honoured by `market/candles`. Default 300. */
  readonly candlesLimitCap?: number;
  /** Largest `limit` honoured by `market/history-candles`. Default 300. */
  readonly historyLimitCap?: number;
  /** Whether `history-candles` also shows the forming candle. Default true (the harder case). */
  readonly formingInHistory?: boolean;
  /** Artificial latency per request, ms. Default 0. */
  readonly latencyMs?: number;
}

type Row = readonly [number, number, number, number, number, number];

/** OKX `bar` parameter for each of our timeframes (UTC-aligned daily bars are `1Dutc`). */
export const OKX_BAR: Readonly<Record<Timeframe, string>> = {
  '1m': '1m',
  '5m': '5m',
  '15m': '15m',
  '30m': '30m',
  '1h': '1H',
  '4h': '4H',
  '1d': '1Dutc',
};

const TF_MS: Readonly<Record<Timeframe, number>> = {
  '1m': 60_000,
  '5m': 300_000,
  '15m': 900_000,
  '30m': 1_800_000,
  '1h': 3_600_000,
  '4h': 14_400_000,
  '1d': 86_400_000,
};

function timeframeOfBar(bar: string): Timeframe | undefined {
  // `1D` is Hong Kong-aligned on OKX; this server does not model that and serves the UTC series.
  if (bar === '1D' || bar === '1Dutc') return '1d';
  for (const [tf, b] of Object.entries(OKX_BAR)) if (b === bar) return tf as Timeframe;
  return undefined;
}

class Series {
  /** Open times ascending; values per row. Overrides hold raw string rows (to serve NaN etc.). */
  readonly times: number[] = [];
  readonly rows = new Map<number, Row>();
  readonly overrides = new Map<number, readonly string[]>();

  constructor(cols: BarColumns) {
    for (let i = 0; i < cols.openTime.length; i++) {
      const t = cols.openTime[i]!;
      if (!this.rows.has(t)) this.times.push(t);
      this.rows.set(t, [t, cols.open[i]!, cols.high[i]!, cols.low[i]!, cols.close[i]!, cols.volume[i]!]);
    }
    this.times.sort((a, b) => a - b);
  }

  /** Index of the first time >= t. */
  lowerBound(t: number): number {
    let lo = 0;
    let hi = this.times.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.times[mid]! < t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  remove(from: number, to: number): number {
    const keep = this.times.filter((t) => t < from || t > to);
    const removed = this.times.length - keep.length;
    for (const t of this.times) if (t >= from && t <= to) this.rows.delete(t);
    this.times.length = 0;
    this.times.push(...keep);
    return removed;
  }
}

export class OkxServer {
  readonly #server: Server;
  readonly #opts: Required<Omit<OkxServerOptions, 'clock'>> & { clock: Clock };
  readonly #series = new Map<string, Series>();
  readonly #instruments = new Map<string, OkxInstrumentSpec>();
  /** Swap and index ids with mark/index candles or funding (not SPOT instruments). */
  readonly #derivIds = new Set<string>();
  /** Funding history per swap instId: settlement time → rate as OKX sends it (a string). */
  readonly #funding = new Map<string, Map<number, string>>();
  readonly #faults: { fault: OkxFault; left: number }[] = [];
  readonly requests: OkxRequestLog[] = [];
  readonly url: string;
  readonly port: number;

  private constructor(server: Server, port: number, opts: OkxServerOptions) {
    this.#server = server;
    this.port = port;
    this.url = `http://127.0.0.1:${port}`;
    this.#opts = {
      candlesDepth: 1440,
      candlesLimitCap: 300,
      historyLimitCap: 300,
      formingInHistory: true,
      latencyMs: 0,
      ...opts,
    };
  }

  /** Listens on a kernel-chosen free loopback port. */
  static async start(opts: OkxServerOptions): Promise<OkxServer> {
    let self: OkxServer | undefined;
    const server = createServer((req, res) => {
      void self?.handle(req, res);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    self = new OkxServer(server, (server.address() as AddressInfo).port, opts);
    return self;
  }

  /** Loads (replaces) the candles of one instrument and timeframe, e.g. from the shared real data. */
  setSeries(instId: string, tf: Timeframe, cols: BarColumns): void {
    this.#series.set(key(instId, tf), new Series(cols));
    if (!this.#instruments.has(instId)) this.addInstrument({ instId });
  }

  /**
   * Loads mark-price (`instId` = the swap, `BTC-USDT-SWAP`) or index (`instId` = the pair, `BTC-USDT`)
   * candles, served by `market/(history-)mark-price-candles` and `market/(history-)index-candles`.
   */
  setPriceSeries(kind: 'mark' | 'index', instId: string, tf: Timeframe, c: PriceCandles): void {
    const cols = { ...c, volume: new Float64Array(c.openTime.length) };
    this.#series.set(key(`${kind}:${instId}`, tf), new Series(cols));
    this.#derivIds.add(`${kind}:${instId}`);
  }

  /** Loads a swap's funding history (settlement time → rate), served by `public/funding-rate-history`. */
  setFunding(instId: string, time: ArrayLike<number>, rate: ArrayLike<number>): void {
    const m = new Map<number, string>();
    for (let i = 0; i < time.length; i++) m.set(time[i]!, String(rate[i]!));
    this.#funding.set(instId, m);
  }

  /** Serves one funding row with this raw rate text instead (e.g. `'NaN'`, `''`). */
  patchFunding(instId: string, time: number, rate: string): void {
    const m = this.#funding.get(instId);
    if (!m?.has(time)) throw new Error(`okx server: no ${instId} funding at ${time}`);
    m.set(time, rate);
  }

  /** Lists an instrument in `public/instruments` (done implicitly by {@link setSeries}). */
  addInstrument(spec: OkxInstrumentSpec): void {
    this.#instruments.set(spec.instId, spec);
  }

  /** Deletes the candles with open time in [fromOpen, toOpen]: a gap in the exchange's own data. */
  removeCandles(instId: string, tf: Timeframe, fromOpen: number, toOpen: number): number {
    return this.#mustSeries(instId, tf).remove(fromOpen, toOpen);
  }

  /**
   * Serves one candle with these raw values instead of the loaded ones (strings as OKX sends them),
   * e.g. `{ high: '90' }` below the low, or `{ close: 'NaN' }`.
   */
  patchCandle(
    instId: string,
    tf: Timeframe,
    openTime: number,
    patch: Partial<Record<'open' | 'high' | 'low' | 'close' | 'volume', string>>,
  ): void {
    const s = this.#mustSeries(instId, tf);
    const row = s.rows.get(openTime);
    if (!row) throw new Error(`okx server: no ${instId} ${tf} candle at ${openTime}`);
    const base = s.overrides.get(openTime) ?? row.slice(1).map(String);
    const next = [...base];
    const idx = { open: 0, high: 1, low: 2, close: 3, volume: 4 } as const;
    for (const [k, v] of Object.entries(patch)) if (v !== undefined) next[idx[k as keyof typeof idx]] = v;
    s.overrides.set(openTime, next);
  }

  /** The next matching requests answer with this fault instead of data. */
  inject(fault: OkxFault): void {
    this.#faults.push({ fault, left: fault.times ?? 1 });
  }

  clearFaults(): void {
    this.#faults.length = 0;
  }

  /** Requests logged so far, optionally only those to `path` (and answered with `fault`). */
  count(path?: string, fault?: OkxFaultKind | 'none'): number {
    return this.requests.filter(
      (r) =>
        (path === undefined || r.path === path) &&
        (fault === undefined || (fault === 'none' ? r.fault === undefined : r.fault === fault)),
    ).length;
  }

  async stop(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  #mustSeries(instId: string, tf: Timeframe): Series {
    const s = this.#series.get(key(instId, tf));
    if (!s) throw new Error(`okx server: no series ${instId} ${tf} loaded`);
    return s;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const atMs = Date.now();
    const url = new URL(req.url ?? '/', 'http://localhost');
    const query = Object.fromEntries(url.searchParams.entries());
    const path = url.pathname;
    if (this.#opts.latencyMs > 0) await new Promise((r) => setTimeout(r, this.#opts.latencyMs));
    const log = (status: number, fault: OkxFaultKind | undefined, rows = 0) =>
      this.requests.push({ method: req.method ?? 'GET', path, query, status, fault, rows, atMs });

    const fault = this.#takeFault(path, query['instId']);
    if (fault === 'short' && path.includes('candles')) {
      this.#candlesAnswer(
        path.includes('history'),
        query,
        res,
        (status, _f, rows) => log(status, fault, rows),
        undefined,
        1,
      );
      return;
    }
    if (fault) {
      const [status, body, type] = faultResponse(fault);
      log(status, fault);
      send(res, status, body, type);
      return;
    }
    if (req.method !== 'GET') {
      log(405, undefined);
      sendJson(res, 405, { code: '50000', msg: `${req.method} not supported by the test server`, data: [] });
      return;
    }
    switch (path) {
      case '/api/v5/public/time':
        log(200, undefined);
        sendJson(res, 200, { code: '0', msg: '', data: [{ ts: String(this.#opts.clock.now()) }] });
        return;
      case '/api/v5/public/instruments':
        this.#instrumentsAnswer(query, res, log);
        return;
      case '/api/v5/market/candles':
      case '/api/v5/market/history-candles':
        this.#candlesAnswer(path === '/api/v5/market/history-candles', query, res, log);
        return;
      case '/api/v5/market/mark-price-candles':
      case '/api/v5/market/history-mark-price-candles':
        this.#candlesAnswer(path.includes('history'), query, res, log, 'mark');
        return;
      case '/api/v5/market/index-candles':
      case '/api/v5/market/history-index-candles':
        this.#candlesAnswer(path.includes('history'), query, res, log, 'index');
        return;
      case '/api/v5/public/funding-rate-history':
      case '/api/v5/public/funding-rate':
        this.#fundingAnswer(path.endsWith('history'), query, res, log);
        return;
      default:
        log(404, undefined);
        sendJson(res, 404, { code: '50000', msg: `Not found: ${path}`, data: [] });
    }
  }

  #takeFault(path: string, instId: string | undefined): OkxFaultKind | undefined {
    for (let i = 0; i < this.#faults.length; i++) {
      const f = this.#faults[i]!;
      if (f.fault.path !== undefined && f.fault.path !== path) continue;
      if (f.fault.instId !== undefined && f.fault.instId !== instId) continue;
      f.left -= 1;
      if (f.left <= 0) this.#faults.splice(i, 1);
      return f.fault.kind;
    }
    return undefined;
  }

  #instrumentsAnswer(
    query: Record<string, string>,
    res: ServerResponse,
    log: (status: number, fault: undefined, rows?: number) => void,
  ): void {
    const instType = query['instType'];
    if (!instType) {
      log(400, undefined);
      sendJson(res, 400, { code: '50014', msg: 'Parameter instType can not be empty', data: [] });
      return;
    }
    const data =
      instType === 'SPOT' ? [...this.#instruments.values()].map((s) => this.#instrumentRow(s)) : [];
    log(200, undefined);
    sendJson(res, 200, { code: '0', msg: '', data });
  }

  #instrumentRow(s: OkxInstrumentSpec): Record<string, string> {
    const [base = '', quote = ''] = s.instId.split('-');
    let first = Number.POSITIVE_INFINITY;
    for (const [k, series] of this.#series) {
      if (k.startsWith(`${s.instId}|`) && series.times.length > 0) first = Math.min(first, series.times[0]!);
    }
    const listTime = s.listTime ?? (Number.isFinite(first) ? first : 0);
    const instrument = {
      instId: s.instId,
      baseCcy: base,
      quoteCcy: quote,
      tickSz: s.tickSz ?? '0.1',
      lotSz: s.lotSz ?? '0.00000001',
      minSz: s.minSz ?? '0.00001',
      state: s.state ?? 'live',
    };
    return spotInstrumentRow(instrument, String(listTime));
  }

  /**
   * `public/funding-rate-history`: newest first, `after` = settlements strictly older than this
   * fundingTime, `before` = strictly newer, `limit` default 100, cap 400. `public/funding-rate`:
   * the next settlement (the newest row plus 8 h) with the latest rate.
   */
  #fundingAnswer(
    history: boolean,
    query: Record<string, string>,
    res: ServerResponse,
    log: (status: number, fault: undefined, rows?: number) => void,
  ): void {
    const instId = query['instId'] ?? '';
    const m = this.#funding.get(instId);
    if (!m) {
      log(200, undefined);
      sendJson(res, 200, { code: '51001', msg: "Instrument ID doesn't exist", data: [] });
      return;
    }
    const times = [...m.keys()].sort((a, b) => b - a);
    const row = (t: number, rate: string, method: string) => ({
      formulaType: 'noRate',
      fundingRate: rate,
      fundingTime: String(t),
      instId,
      instType: 'SWAP',
      method,
      realizedRate: rate,
    });
    if (!history) {
      const t = times[0]!;
      // The real answer's other fields (docs: GET /api/v5/public/funding-rate), with plausible values.
      const r = {
        ...row(t + 8 * 3_600_000, m.get(t)!, 'current_period'),
        nextFundingTime: String(t + 16 * 3_600_000),
        nextFundingRate: '',
        minFundingRate: '-0.00375',
        maxFundingRate: '0.00375',
        premium: '0.0001',
        settFundingRate: m.get(t)!,
        settState: 'settled',
        impactValue: '',
        interestRate: '0.0001',
        ts: String(this.#opts.clock.now()),
      };
      log(200, undefined, 1);
      sendJson(res, 200, { code: '0', msg: '', data: [r] });
      return;
    }
    const after = query['after'] ? Number(query['after']) : Number.POSITIVE_INFINITY;
    const before = query['before'] ? Number(query['before']) : Number.NEGATIVE_INFINITY;
    const limit = Math.min(Number(query['limit'] ?? 100) || 100, 400);
    const now = this.#opts.clock.now();
    const data = times
      .filter((t) => t < after && t > before && t <= now)
      .slice(0, limit)
      .map((t) => row(t, m.get(t)!, 'current_period'));
    log(200, undefined, data.length);
    sendJson(res, 200, { code: '0', msg: '', data });
  }

  #candlesAnswer(
    history: boolean,
    query: Record<string, string>,
    res: ServerResponse,
    log: (status: number, fault: undefined, rows?: number) => void,
    kind?: 'mark' | 'index',
    /** Rows answered at most (a fault), below the limit asked. */
    rowCap = Number.POSITIVE_INFINITY,
  ): void {
    const fail = (status: number, code: string, msg: string) => {
      log(status, undefined);
      sendJson(res, status, { code, msg, data: [] });
    };
    const instId = query['instId'];
    if (!instId) {
      fail(400, '50014', 'Parameter instId can not be empty');
      return;
    }
    const bar = query['bar'] ?? '1m';
    const tf = timeframeOfBar(bar);
    if (tf === undefined) {
      fail(400, '51000', 'Parameter bar error');
      return;
    }
    const id = kind === undefined ? instId : `${kind}:${instId}`;
    const series = this.#series.get(key(id, tf));
    if (kind === undefined ? !this.#instruments.has(instId) : !this.#derivIds.has(id)) {
      fail(200, '51001', "Instrument ID doesn't exist");
      return;
    }
    const num = (name: string): number | undefined => {
      const raw = query[name];
      if (raw === undefined || raw === '') return undefined;
      return /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
    };
    const after = num('after');
    const before = num('before');
    const limitRaw = num('limit');
    if (Number.isNaN(after) || Number.isNaN(before) || Number.isNaN(limitRaw)) {
      fail(400, '51000', 'Parameter after, before or limit error');
      return;
    }
    const cap = history ? this.#opts.historyLimitCap : this.#opts.candlesLimitCap;
    const limit = Math.min(limitRaw ?? 100, cap, rowCap);
    const step = TF_MS[tf];
    const now = this.#opts.clock.now();
    const data: string[][] = [];
    if (series && limit > 0) {
      // Upper bound (exclusive): `after`, and nothing that has not opened yet.
      let hi = series.lowerBound(after ?? Number.POSITIVE_INFINITY);
      hi = Math.min(hi, series.lowerBound(now + 1));
      let lo = before === undefined ? 0 : series.lowerBound(before + 1);
      if (!history)
        lo = Math.max(lo, series.lowerBound(Math.floor(now / step) * step - this.#opts.candlesDepth * step));
      for (let i = hi - 1; i >= lo && data.length < limit; i--) {
        const t = series.times[i]!;
        const forming = t + step > now;
        if (forming && history && !this.#opts.formingInHistory) continue;
        if (kind === undefined) data.push(this.#candleRow(series, t, forming));
        else {
          // Mark and index candles: [ts, o, h, l, c, confirm].
          const r = series.rows.get(t)!;
          data.push([String(t), String(r[1]), String(r[2]), String(r[3]), String(r[4]), forming ? '0' : '1']);
        }
      }
    }
    log(200, undefined, data.length);
    sendJson(res, 200, { code: '0', msg: '', data });
  }

  #candleRow(series: Series, t: number, forming: boolean): string[] {
    const raw = series.overrides.get(t);
    const row = series.rows.get(t)!;
    const [o, h, l, c, v] = raw ?? row.slice(1).map(String);
    const quoteVol = String(Number(v) * Number(c));
    // [ts, o, h, l, c, vol (base, for SPOT), volCcy (quote), volCcyQuote (quote), confirm]
    return [String(t), o!, h!, l!, c!, v!, quoteVol, quoteVol, forming ? '0' : '1'];
  }
}

function key(instId: string, tf: Timeframe): string {
  return `${instId}|${tf}`;
}

function faultResponse(kind: OkxFaultKind): [number, string, string] {
  switch (kind) {
    case 'rateLimit':
      return [429, JSON.stringify({ code: '50011', msg: 'Too Many Requests', data: [] }), 'application/json'];
    case 'http5xx':
      return [502, '<html><body><h1>502 Bad Gateway</h1></body></html>', 'text/html'];
    case 'maintenance':
      return [
        503,
        JSON.stringify({ code: '50001', msg: 'Service temporarily unavailable. Try again later', data: [] }),
        'application/json',
      ];
    case 'empty':
      return [200, JSON.stringify({ code: '0', msg: '', data: [] }), 'application/json'];
    case 'short':
      // Outside the candle endpoints a short answer is an empty one.
      return [200, JSON.stringify({ code: '0', msg: '', data: [] }), 'application/json'];
    case 'malformed':
      // A 200 with a body cut off mid-row: ccxt cannot parse it and hands back the text.
      return [200, '{"code":"0","msg":"","data":[["1720569600000","58050.0","5805', 'application/json'];
    default:
      return assertNever(kind, 'okx fault');
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  send(res, status, JSON.stringify(body), 'application/json');
}

function send(res: ServerResponse, status: number, body: string, type: string): void {
  res.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}
