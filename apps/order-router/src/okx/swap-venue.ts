import {
  AlgoError,
  ErrorCode,
  formatInstrument,
  fromContracts,
  type Instrument,
  instrumentSymbol,
  type MarginTier,
  OKX_POSITION_TIERS,
  type OkxPositionTierRow,
  type OrderStatus,
  type SwapContract,
  swapContract,
  symbolToken,
  tiersFromOkx,
  toContracts,
} from '@algotrader/core';
import type { SwapSetting } from '@algotrader/portfolio';
import type { okx } from 'ccxt';
import type {
  LocalBook,
  OrderRecord,
  ReconcileResult,
  Venue,
  VenueAlert,
  VenueOrder,
  VenueReport,
  VenueResult,
  VenueSnapshot,
} from '../venue';
import { createOkxTradeClient, type OkxConnectionOptions } from './client';
import { classifyOkxError, describeError, isHaltWorthy } from './errors';

export interface OkxSwapVenueOptions extends OkxConnectionOptions {
  readonly account: string;
  /** The swaps traded (`OKX:BTC/USDT:USDT`), each with its margin mode and leverage. */
  readonly instruments: readonly { readonly instrument: Instrument; readonly setting: SwapSetting }[];
  /** Where the start's warnings go at once (they also reach the router as alerts with the first reconciliation). */
  readonly logger?: { warn(obj: object, msg?: string): void };
}

/** Where a swap's maintenance-margin tiers came from: OKX's answer, or the bundled snapshot after it failed. */
export type TierSource = 'exchange' | 'bundled';

/** A funding payment OKX booked (account bill type 8), in the settlement currency. */
export interface FundingBill {
  readonly billId: string;
  readonly instrument: Instrument;
  /** Received (> 0) or paid (< 0). */
  readonly amount: number;
  readonly timeMs: number;
}

/** A position the exchange's liquidation engine closed (an order of category `full_liquidation`). */
export interface LiquidationOrder {
  readonly ordId: string;
  readonly instrument: Instrument;
  /** Signed base units closed. */
  readonly qty: number;
  readonly price: number;
  readonly timeMs: number;
}

export interface SwapReconcileResult extends ReconcileResult {
  /** Swap positions the exchange holds, signed base units, by instrument key. */
  readonly positions?: Readonly<Record<string, number>>;
  /** Funding settlements not reported before: the router books each into the account once. */
  readonly funding?: readonly FundingBill[];
  readonly liquidations?: readonly LiquidationOrder[];
}

const STATE: Readonly<Record<string, OrderStatus>> = {
  live: 'accepted',
  partially_filled: 'partially_filled',
  filled: 'filled',
  canceled: 'canceled',
  mmp_canceled: 'canceled',
  order_failed: 'rejected',
};

type Row = Record<string, unknown>;

function rows(body: unknown, what: string): Row[] {
  const b = body as { code?: unknown; data?: unknown };
  if (typeof b !== 'object' || b === null || b.code !== '0' || !Array.isArray(b.data)) {
    throw new AlgoError(ErrorCode.Broker, `OKX ${what}: not an OKX answer`);
  }
  return b.data as Row[];
}

function num(r: Row, k: string, what: string): number {
  const v = Number(r[k]);
  if (typeof r[k] !== 'string' || r[k] === '' || !Number.isFinite(v)) {
    throw new AlgoError(ErrorCode.Broker, `OKX ${what}: ${k} is ${JSON.stringify(r[k])}`);
  }
  return v;
}

/**
 * OKX USDT perpetual swaps behind the {@link Venue} seam, through ccxt: one-way (net) position
 * mode, `tdMode` isolated or cross per instrument, leverage set per instrument at start, client
 * order ids as `clOrdId`, `reduceOnly` passed through. Quantities cross the seam in base units and
 * become contracts only here (rounded down to the contract step, refused below the minimum);
 * contract terms come from OKX's SWAP instrument list, and a zero contract value stops the start.
 * Reconciliation compares positions, reports new funding bills and liquidations; a failed query
 * is an alert, never "flat".
 */
export class OkxSwapVenue implements Venue {
  readonly name = 'okx_swap';
  readonly fills = 'exchange' as const;
  readonly #ex: okx;
  readonly #opts: OkxSwapVenueOptions;
  readonly #contracts = new Map<string, SwapContract>();
  readonly #byInstId = new Map<string, Instrument>();
  readonly #seenBills = new Set<string>();
  readonly #seenLiquidations = new Set<string>();
  readonly #tierSource = new Map<string, TierSource>();
  /** Alerts raised while starting (no result to carry them yet): handed over with the next reconciliation. */
  readonly #startAlerts: VenueAlert[] = [];

  constructor(opts: OkxSwapVenueOptions) {
    this.#opts = opts;
    this.#ex = createOkxTradeClient(opts);
    this.#ex.options['fetchMarkets'] = { types: ['swap'] };
    for (const { instrument } of opts.instruments) {
      if (instrument.settle === undefined) {
        throw new AlgoError(
          ErrorCode.InvalidConfig,
          `${formatInstrument(instrument)} is not a swap (OKX:BASE/QUOTE:SETTLE)`,
        );
      }
      this.#byInstId.set(symbolToken(instrument), instrument);
    }
  }

  /** Contract terms of a traded swap (after `start`). */
  contract(i: Instrument): SwapContract {
    const c = this.#contracts.get(formatInstrument(i));
    if (!c)
      throw new AlgoError(
        ErrorCode.NotFound,
        `${formatInstrument(i)}: no contract terms (start the venue first)`,
      );
    return c;
  }

  /** Where the tiers of a traded swap came from (after `start`). */
  tierSource(i: Instrument): TierSource | undefined {
    return this.#tierSource.get(formatInstrument(i));
  }

  /**
   * The swap's maintenance-margin tiers from OKX `public/position-tiers` (instType SWAP, its tdMode
   * and instFamily), checked by `tiersFromOkx`. When the request or its answer fails, the bundled
   * snapshot (`OKX_POSITION_TIERS`) is used and a warning raised — never silently; a family with no
   * snapshot stops the start.
   */
  async #tiers(
    instrument: Instrument,
    setting: SwapSetting,
    family: string,
    ctVal: number,
  ): Promise<MarginTier[]> {
    const id = symbolToken(instrument);
    try {
      const data = rows(
        await this.#ex.publicGetPublicPositionTiers({
          instType: 'SWAP',
          tdMode: setting.mode,
          instFamily: family,
        }),
        'public/position-tiers',
      ) as unknown as OkxPositionTierRow[];
      const tiers = tiersFromOkx(data, ctVal, id);
      this.#tierSource.set(formatInstrument(instrument), 'exchange');
      return tiers;
    } catch (e) {
      const bundled = OKX_POSITION_TIERS[family];
      if (!bundled) {
        throw new AlgoError(
          ErrorCode.Broker,
          `OKX position tiers of ${id} could not be loaded and none are bundled for ${family}: ${describeError(e)}`,
          undefined,
          { cause: e },
        );
      }
      const message = `OKX position tiers of ${id} (${setting.mode}) could not be loaded (${describeError(e)}): using the bundled snapshot, which may be out of date`;
      this.#opts.logger?.warn({ instId: id, err: describeError(e) }, 'position tiers: bundled snapshot used');
      this.#startAlerts.push({
        severity: 'warning',
        code: 'okx_tiers_bundled',
        message,
        dedupeKey: `okx_swap:${this.#opts.account}:tiers:${id}`,
      });
      this.#tierSource.set(formatInstrument(instrument), 'bundled');
      return tiersFromOkx(bundled, ctVal, `${id} (bundled)`);
    }
  }

  /** Loads the SWAP markets and contract terms, and sets each instrument's leverage and margin mode. */
  async start(): Promise<void> {
    await this.#ex.loadMarkets();
    const listed = rows(
      await this.#ex.publicGetPublicInstruments({ instType: 'SWAP' }),
      'public/instruments',
    );
    for (const { instrument, setting } of this.#opts.instruments) {
      const id = symbolToken(instrument);
      const r = listed.find((x) => x['instId'] === id);
      if (!r) throw new AlgoError(ErrorCode.InvalidConfig, `OKX lists no swap ${id}`);
      const what = `instrument ${id}`;
      const terms = {
        instrument,
        ctVal: Number(r['ctVal']),
        lotSz: num(r, 'lotSz', what),
        minSz: num(r, 'minSz', what),
        tickSz: num(r, 'tickSz', what),
        maxLeverage: num(r, 'lever', what),
      };
      // Checked before the tiers are asked for: a zero contract value stops the start with its own error.
      swapContract({ ...terms, tiers: [{ maxQty: Number.POSITIVE_INFINITY, mmr: 0.004, maxLeverage: 1 }] });
      const family =
        typeof r['instFamily'] === 'string' && r['instFamily'] ? r['instFamily'] : id.replace(/-SWAP$/, '');
      const c = swapContract({
        ...terms,
        tiers: await this.#tiers(instrument, setting, family, terms.ctVal),
      });
      this.#contracts.set(formatInstrument(instrument), c);
      try {
        await this.#ex.privatePostAccountSetLeverage({
          instId: id,
          lever: String(setting.leverage),
          mgnMode: setting.mode,
        });
      } catch (e) {
        throw new AlgoError(
          ErrorCode.Broker,
          `OKX refused leverage ${setting.leverage}× (${setting.mode}) for ${id}: ${describeError(e)}`,
          undefined,
          { cause: e },
        );
      }
    }
  }

  #setting(i: Instrument): SwapSetting {
    const s = this.#opts.instruments.find((x) => formatInstrument(x.instrument) === formatInstrument(i));
    if (!s) throw new AlgoError(ErrorCode.NotFound, `${formatInstrument(i)} is not traded by this venue`);
    return s.setting;
  }

  async place(order: VenueOrder): Promise<VenueResult> {
    const c = this.contract(order.instrument);
    const size = toContracts(c, order.qty);
    const rejected = (reason: string, alerts: VenueAlert[] = []): VenueResult => ({
      reports: [
        {
          clientOrderId: order.clientOrderId,
          status: 'rejected',
          filledQty: 0,
          avgPrice: Number.NaN,
          reason,
          fills: [],
        },
      ],
      alerts,
    });
    if (!size.ok) return rejected(`below_min_size: ${size.detail}`);
    const setting = this.#setting(order.instrument);
    try {
      await this.#ex.createOrder(
        instrumentSymbol(order.instrument),
        order.type,
        order.side,
        Math.abs(size.contracts),
        order.type === 'limit' ? order.limitPrice : undefined,
        {
          clOrdId: order.clientOrderId,
          tdMode: setting.mode,
          positionSide: 'net',
          ...(order.reduceOnly ? { reduceOnly: true } : {}),
        },
      );
    } catch (e) {
      return this.#failure(order, e);
    }
    return this.lookup({ ...order, status: 'submitted', filledQty: 0, avgFillPrice: Number.NaN, events: 0 });
  }

  #failure(order: VenueOrder, e: unknown): VenueResult {
    const cls = classifyOkxError(e);
    const detail = describeError(e);
    const report = (status: OrderStatus, reason: string): VenueReport => ({
      clientOrderId: order.clientOrderId,
      status,
      filledQty: 0,
      avgPrice: Number.NaN,
      reason,
      fills: [],
    });
    if (cls === 'insufficient_funds') {
      return {
        reports: [report('rejected', `insufficient_margin: ${detail}`)],
        alerts: [
          {
            severity: 'warning',
            code: 'okx_insufficient_margin',
            message: `OKX refused ${order.clientOrderId} for want of margin (51008): ${detail}`,
            dedupeKey: `okx_swap:${this.#opts.account}:margin`,
          },
        ],
      };
    }
    if (isHaltWorthy(cls)) {
      return {
        reports: [report('rejected', `${cls}: ${detail}`)],
        alerts: [],
        halt: { reason: cls, detail },
      };
    }
    if (cls === 'invalid') return { reports: [report('rejected', `invalid: ${detail}`)], alerts: [] };
    // Timeout, 5xx, busy: the order may exist. Unknown until a lookup by clOrdId says.
    return { reports: [report('unknown', `outcome unknown: ${detail}`)], alerts: [] };
  }

  async lookup(order: OrderRecord): Promise<VenueResult> {
    const c = this.contract(order.instrument);
    let r: Row;
    try {
      const data = rows(
        await this.#ex.privateGetTradeOrder({
          instId: symbolToken(order.instrument),
          clOrdId: order.clientOrderId,
        }),
        'trade/order',
      );
      if (data.length !== 1)
        throw new AlgoError(ErrorCode.Broker, `OKX trade/order answered ${data.length} rows`);
      r = data[0]!;
    } catch (e) {
      const cls = classifyOkxError(e);
      if (cls === 'not_found' && order.status === 'unknown') {
        return {
          reports: [
            {
              clientOrderId: order.clientOrderId,
              status: 'rejected',
              filledQty: 0,
              avgPrice: Number.NaN,
              reason: 'not on OKX',
              fills: [],
            },
          ],
          alerts: [],
        };
      }
      return {
        reports: [],
        alerts: [
          {
            severity: 'warning',
            code: 'okx_lookup_failed',
            message: `OKX order ${order.clientOrderId} could not be looked up: ${describeError(e)}`,
            dedupeKey: `okx_swap:${order.clientOrderId}:lookup`,
          },
        ],
        ...(isHaltWorthy(cls) ? { halt: { reason: cls, detail: describeError(e) } } : {}),
      };
    }
    const what = `order ${order.clientOrderId}`;
    const state = String(r['state']);
    const status = STATE[state];
    if (!status) throw new AlgoError(ErrorCode.Broker, `OKX ${what}: unknown state ${state}`);
    const filledContracts = num(r, 'accFillSz', what);
    const filledQty = fromContracts(c, filledContracts);
    const avgPrice = filledContracts > 0 ? num(r, 'avgPx', what) : Number.NaN;
    const newQty = filledQty - order.filledQty;
    const fills =
      newQty > 1e-12
        ? [
            {
              tradeId: String(r['tradeId'] || `${r['ordId']}-${filledContracts}`),
              qty: newQty,
              price: avgPrice,
              // OKX reports fees negative; the seam's are positive = paid.
              fee: -Number(r['fee'] ?? 0) * (newQty / filledQty),
              feeCurrency: String(r['feeCcy'] ?? 'USDT'),
              timeMs: Number(r['fillTime'] || r['uTime']),
              maker: false,
            },
          ]
        : [];
    return {
      reports: [
        {
          clientOrderId: order.clientOrderId,
          exchangeOrderId: String(r['ordId']),
          status,
          filledQty,
          avgPrice,
          fills,
        },
      ],
      alerts: [],
    };
  }

  async cancel(order: OrderRecord): Promise<VenueResult> {
    try {
      await this.#ex.privatePostTradeCancelOrder({
        instId: symbolToken(order.instrument),
        clOrdId: order.clientOrderId,
      });
    } catch (e) {
      const cls = classifyOkxError(e);
      if (cls !== 'not_found' && cls !== 'invalid') {
        return {
          reports: [],
          alerts: [
            {
              severity: 'warning',
              code: 'okx_cancel_failed',
              message: `cancel of ${order.clientOrderId} failed: ${describeError(e)}`,
              dedupeKey: `okx_swap:${order.clientOrderId}:cancel`,
            },
          ],
          ...(isHaltWorthy(cls) ? { halt: { reason: cls, detail: describeError(e) } } : {}),
        };
      }
      // Filled or gone already: the lookup says which.
    }
    return this.lookup(order);
  }

  async #positions(): Promise<Record<string, { qty: number; price: number }>> {
    const out: Record<string, { qty: number; price: number }> = {};
    for (const r of rows(
      await this.#ex.privateGetAccountPositions({ instType: 'SWAP' }),
      'account/positions',
    )) {
      const inst = this.#byInstId.get(String(r['instId']));
      if (!inst) continue;
      if (r['posSide'] !== 'net') {
        throw new AlgoError(
          ErrorCode.Broker,
          `OKX position in ${String(r['instId'])} is ${String(r['posSide'])}: the account must be in net (one-way) mode`,
        );
      }
      const what = `position ${String(r['instId'])}`;
      out[formatInstrument(inst)] = {
        qty: fromContracts(this.contract(inst), num(r, 'pos', what)),
        price: num(r, 'avgPx', what),
      };
    }
    return out;
  }

  async #usdt(): Promise<number> {
    const [b] = rows(await this.#ex.privateGetAccountBalance({ ccy: 'USDT' }), 'account/balance');
    const d = ((b?.['details'] as Row[] | undefined) ?? []).find((x) => x['ccy'] === 'USDT');
    return d ? num(d, 'cashBal', 'USDT balance') : 0;
  }

  async snapshot(): Promise<VenueSnapshot> {
    return { cash: await this.#usdt(), positions: await this.#positions() };
  }

  /**
   * Positions against the book (signed base units, within one contract step), new funding bills
   * and new liquidation orders. A liquidation halts the account: the book must take it in first.
   */
  async reconcile(book: LocalBook): Promise<SwapReconcileResult> {
    const alerts: VenueAlert[] = this.#startAlerts.splice(0);
    let positions: Record<string, { qty: number; price: number }>;
    let cash: number;
    let bills: Row[];
    let history: Row[];
    try {
      positions = await this.#positions();
      cash = await this.#usdt();
      bills = rows(await this.#ex.privateGetAccountBills({ instType: 'SWAP', type: '8' }), 'account/bills');
      history = rows(
        await this.#ex.privateGetTradeOrdersHistory({ instType: 'SWAP' }),
        'trade/orders-history',
      );
    } catch (e) {
      const cls = classifyOkxError(e);
      return {
        reports: [],
        alerts: [
          ...alerts,
          {
            severity: 'warning',
            code: 'okx_reconcile_failed',
            message: `OKX swap reconciliation could not read the account (nothing assumed): ${describeError(e)}`,
            dedupeKey: `okx_swap:${this.#opts.account}:reconcile`,
          },
        ],
        ...(isHaltWorthy(cls) ? { halt: { reason: cls, detail: describeError(e) } } : {}),
      };
    }
    const funding: FundingBill[] = [];
    for (const b of bills) {
      const id = String(b['billId']);
      const inst = this.#byInstId.get(String(b['instId']));
      if (!inst || this.#seenBills.has(id)) continue;
      this.#seenBills.add(id);
      funding.push({
        billId: id,
        instrument: inst,
        amount: num(b, 'balChg', `bill ${id}`),
        timeMs: num(b, 'ts', `bill ${id}`),
      });
    }
    const liquidations: LiquidationOrder[] = [];
    for (const o of history) {
      const id = String(o['ordId']);
      const inst = this.#byInstId.get(String(o['instId']));
      if (!inst || o['category'] !== 'full_liquidation' || this.#seenLiquidations.has(id)) continue;
      this.#seenLiquidations.add(id);
      const sz = fromContracts(this.contract(inst), num(o, 'accFillSz', `order ${id}`));
      liquidations.push({
        ordId: id,
        instrument: inst,
        qty: o['side'] === 'buy' ? sz : -sz,
        price: num(o, 'avgPx', `order ${id}`),
        timeMs: num(o, 'uTime', `order ${id}`),
      });
      alerts.push({
        severity: 'critical',
        code: 'okx_liquidation',
        message: `OKX liquidated ${formatInstrument(inst)}: ${sz} at ${String(o['avgPx'])}`,
        dedupeKey: `okx_swap:${id}:liquidation`,
      });
    }
    const mismatches: string[] = [];
    for (const { instrument } of this.#opts.instruments) {
      const key = formatInstrument(instrument);
      const step = fromContracts(this.contract(instrument), this.contract(instrument).lotSz);
      const theirs = positions[key]?.qty ?? 0;
      const ours = book.positions[key] ?? 0;
      if (Math.abs(theirs - ours) > step / 2) mismatches.push(`${key}: OKX ${theirs}, book ${ours}`);
    }
    const out = {
      reports: [],
      alerts,
      cash,
      positions: Object.fromEntries(Object.entries(positions).map(([k, v]) => [k, v.qty])),
      funding,
      liquidations,
    };
    if (liquidations.length > 0) {
      return {
        ...out,
        halt: {
          reason: 'liquidation',
          detail: liquidations
            .map((l) => `${formatInstrument(l.instrument)} ${l.qty} @ ${l.price}`)
            .join('; '),
        },
      };
    }
    if (mismatches.length > 0)
      return { ...out, halt: { reason: 'reconcile_mismatch', detail: mismatches.join('; ') } };
    return out;
  }

  async close(): Promise<void> {}
}
