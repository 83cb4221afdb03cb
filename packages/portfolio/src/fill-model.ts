import { assertNever } from '@algotrader/core';
import type { OrderType, Side } from '@algotrader/strategy';
import { z } from 'zod';
import { CommissionSchema, stockCommission } from './commission';
import type { RejectReason } from './orders';
import { floorToStep, type InstrumentSpec } from './spec';

export const FeesSchema = z
  .object({
    /** Fraction of notional paid by an order that rests and is hit (a limit order filled at its price). */
    maker: z.number().min(0).max(0.1).default(0.0008),
    /** Fraction of notional paid by an order that takes liquidity (market, or a marketable limit). */
    taker: z.number().min(0).max(0.1).default(0.001),
  })
  .strict();

export const SlippageSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }).strict(),
  /** A fixed adverse move: buys pay `price × (1 + bps/10⁴)`, sells get `price × (1 − bps/10⁴)`. */
  z.object({ kind: z.literal('bps'), bps: z.number().min(0).max(10_000) }).strict(),
  /**
   * Impact proportional to the order's share of the fill bar's volume: the adverse move is
   * `impact × qty / volume` (as a fraction of price), and at most `maxVolumeShare × volume` fills.
   */
  z
    .object({
      kind: z.literal('volume_share'),
      impact: z.number().min(0).default(0.1),
      maxVolumeShare: z.number().gt(0).max(1).default(0.025),
    })
    .strict(),
]);

/**
 * How simulated orders fill, shared by the backtest and the paper broker.
 * - `next_open` (default): decided at the close of bar t, filled at the open of the instrument's
 *   next bar (limit orders: during that bar).
 * - `close`: filled at the close of the decision bar itself (optimistic: no time to react).
 */
export const FillModelSchema = z
  .object({
    timing: z.enum(['next_open', 'close']).default('next_open'),
    fees: FeesSchema.default({ maker: 0.0008, taker: 0.001 }),
    slippage: SlippageSchema.default({ kind: 'none' }),
    /**
     * Per-share stock commissions and regulatory fees (IBKR fixed or tiered, see commission.ts).
     * When set, they replace the maker/taker fractions.
     */
    commission: CommissionSchema.optional(),
  })
  .strict();

export type FillTiming = 'next_open' | 'close';
export type FillModelConfig = z.output<typeof FillModelSchema>;
export type FillModelInput = z.input<typeof FillModelSchema>;
export type SlippageModel = z.output<typeof SlippageSchema>;

/** The bar an order fills against: the next bar (`next_open`) or the decision bar (`close`). */
export interface FillBar {
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
}

/** What the fill model needs of an order. */
export interface FillableOrder {
  readonly side: Side;
  readonly qty: number;
  readonly type: OrderType;
  readonly limitPrice?: number;
}

export type Liquidity = 'maker' | 'taker';

export type FillOutcome =
  | {
      readonly status: 'filled';
      readonly qty: number;
      readonly price: number;
      readonly fee: number;
      readonly liquidity: Liquidity;
      /** Less than ordered: capped by the volume share, the cash or the position. The rest is cancelled. */
      readonly partial: boolean;
    }
  /** A limit order the bar never reached; it is cancelled (bar-level orders live for one bar). */
  | { readonly status: 'expired'; readonly reason: 'limit_not_reached' }
  | { readonly status: 'rejected'; readonly reason: RejectReason; readonly detail: string };

export class FillModel {
  readonly config: FillModelConfig;

  constructor(input: FillModelInput = {}) {
    this.config = FillModelSchema.parse(input);
  }

  get timing(): FillTiming {
    return this.config.timing;
  }

  /**
   * Fills `order` against `bar` for an account holding `cash` and `position` units. Outcomes the
   * market or the account produce (limit not reached, not enough cash, below the minimums after a
   * cap) are returned; nothing here throws for them.
   *
   * Order of rules: volume cap → price (reference, limit, slippage) → position / cash cap → lot
   * rounding → minimum quantity and notional.
   */
  fill(
    order: FillableOrder,
    bar: FillBar,
    cash: number,
    position: number,
    spec: InstrumentSpec,
  ): FillOutcome {
    const { timing, slippage } = this.config;
    const buy = order.side === 'buy';
    let qty = order.qty;

    if (slippage.kind === 'volume_share') {
      if (!(bar.volume > 0))
        return { status: 'rejected', reason: 'no_volume', detail: 'the fill bar has no volume' };
      const cap = floorToStep(slippage.maxVolumeShare * bar.volume, spec.lotSize);
      if (qty > cap) qty = cap;
    }

    // Reference price and liquidity. A resting limit needs the market to trade through it (strictly),
    // a touch is not enough: we would be at the back of the queue.
    const ref = timing === 'next_open' ? bar.open : bar.close;
    let price: number;
    let liquidity: Liquidity;
    switch (order.type) {
      case 'market':
        price = this.#slipped(ref, buy, qty, bar.volume);
        liquidity = 'taker';
        break;
      case 'limit': {
        const limit = order.limitPrice!;
        const marketable = buy ? ref <= limit : ref >= limit;
        if (marketable) {
          const p = this.#slipped(ref, buy, qty, bar.volume);
          price = buy ? Math.min(p, limit) : Math.max(p, limit);
          liquidity = 'taker';
        } else if (timing === 'next_open' && (buy ? bar.low < limit : bar.high > limit)) {
          price = limit;
          liquidity = 'maker';
        } else {
          return { status: 'expired', reason: 'limit_not_reached' };
        }
        break;
      }
      default:
        return assertNever(order.type, 'order type');
    }
    return this.#book(order.qty, qty, price, liquidity, buy, cash, position, spec);
  }

  /**
   * Fills a triggered protective exit (see protection.ts): a market order for `qty` whose reference
   * price is `ref` (the trigger level, or the bar's open after a gap) rather than the timing's.
   * Slippage, the volume cap, taker fee, the position cap, lot rounding and the minimums apply as
   * to any market order.
   */
  fillAt(
    side: Side,
    qty: number,
    ref: number,
    bar: FillBar,
    cash: number,
    position: number,
    spec: InstrumentSpec,
  ): FillOutcome {
    const slippage = this.config.slippage;
    let q = qty;
    if (slippage.kind === 'volume_share') {
      if (!(bar.volume > 0))
        return { status: 'rejected', reason: 'no_volume', detail: 'the fill bar has no volume' };
      const cap = floorToStep(slippage.maxVolumeShare * bar.volume, spec.lotSize);
      if (q > cap) q = cap;
    }
    const buy = side === 'buy';
    const price = this.#slipped(ref, buy, q, bar.volume);
    return this.#book(qty, q, price, 'taker', buy, cash, position, spec);
  }

  /** Position / cash cap → lot rounding → minimums → fee, for a fill at `price`. */
  #book(
    ordered: number,
    qtyIn: number,
    price: number,
    liquidity: Liquidity,
    buy: boolean,
    cash: number,
    position: number,
    spec: InstrumentSpec,
  ): FillOutcome {
    const fees = this.config.fees;
    let qty = qtyIn;
    const feeRate = liquidity === 'maker' ? fees.maker : fees.taker;
    const commission = this.config.commission;

    if (buy) {
      const affordable = commission
        ? cash /
          (price + commission.perShare + ('venuePerShare' in commission ? commission.venuePerShare : 0))
        : cash / (price * (1 + feeRate));
      if (qty > affordable) qty = floorToStep(affordable, spec.lotSize);
      // A per-order minimum or a rounded fee can still tip the cost over the cash: step down a lot.
      if (commission)
        while (qty > 0 && qty * price + feeFor(commission, buy, qty, price, feeRate) > cash)
          qty = floorToStep(qty - spec.lotSize, spec.lotSize);
      if (qty <= 0) {
        return {
          status: 'rejected',
          reason: 'insufficient_cash',
          detail: `cash ${cash} buys nothing at ${price}`,
        };
      }
    } else {
      if (qty > position) qty = position;
      if (qty <= 0) return { status: 'rejected', reason: 'insufficient_position', detail: 'nothing to sell' };
    }
    qty = floorToStep(qty, spec.lotSize);
    if (qty <= 0)
      return { status: 'rejected', reason: 'below_lot_size', detail: `below one lot of ${spec.lotSize}` };
    if (qty < spec.minQty) {
      return { status: 'rejected', reason: 'below_min_qty', detail: `qty ${qty} < min ${spec.minQty}` };
    }
    const notional = qty * price;
    if (notional < spec.minNotional) {
      return {
        status: 'rejected',
        reason: 'below_min_notional',
        detail: `notional ${notional} < min ${spec.minNotional}`,
      };
    }
    return {
      status: 'filled',
      qty,
      price,
      fee: feeFor(commission, buy, qty, price, feeRate),
      liquidity,
      partial: qty < ordered,
    };
  }

  /** Reference price moved against us by the slippage model. */
  #slipped(ref: number, buy: boolean, qty: number, volume: number): number {
    const s = this.config.slippage;
    let frac: number;
    switch (s.kind) {
      case 'none':
        return ref;
      case 'bps':
        frac = s.bps / 10_000;
        break;
      case 'volume_share':
        frac = (s.impact * qty) / volume;
        break;
      default:
        return assertNever(s, 'slippage model');
    }
    return buy ? ref * (1 + frac) : ref * (1 - frac);
  }
}

/**
 * The fee of a fill of `q` at `price`: the stock commission schedule when set, else `q·price·rate`.
 * A module function rather than a closure made per fill (under tsx every closure is also named
 * when created, a `defineProperty` per fill).
 */
function feeFor(
  commission: FillModelConfig['commission'],
  buy: boolean,
  q: number,
  price: number,
  feeRate: number,
): number {
  return commission ? stockCommission(commission, buy ? 'buy' : 'sell', q, price).total : q * price * feeRate;
}
