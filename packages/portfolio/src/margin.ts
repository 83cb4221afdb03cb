import { AlgoError, ErrorCode, formatInstrument, marginTier, type SwapContract } from '@algotrader/core';
import { type InstrumentSpec, roundToStep } from './spec';

/**
 * Margin for USDT-margined perpetual swaps in one-way (net) position mode — the part of the
 * `Account` that swaps add. The account's `cash` is the USDT wallet: swap fills exchange no
 * notional, they move cash only by realized P&L, fees, funding and liquidation losses. Margin is
 * a claim on that cash, not a transfer:
 *
 * - **isolated**: a position posts `|qty| × price / leverage` when it grows, releases it pro rata
 *   when it shrinks, and funding is booked against it; its loss is capped at that margin.
 * - **cross**: positions share the wallet left after isolated margins; initial margin is
 *   `|qty| × mark / leverage`, recomputed at the current mark.
 *
 * Maintenance margin is `mmr × |qty| × mark` with `mmr` from the contract's tier for the position
 * size (OKX `public/position-tiers`, core okx-tiers.ts; the tier's rate applies to the whole
 * position). Liquidation is always whole: OKX may first cut a large position down a tier (partial
 * liquidation); this model does not, so it shows the worst case. A position is liquidated when its margin (isolated) or the cross collateral falls to the
 * maintenance margin; it closes at that liquidation price, pays the liquidation fee out of what is
 * left, and the rest goes to the exchange's insurance fund — so the trader loses the whole isolated
 * margin, or the whole cross collateral. The loss is booked as `liquidationLoss`, apart from trading
 * P&L, fees and funding: equity = initial + realized − fees + funding − liquidation losses + unrealized.
 */
export type MarginMode = 'isolated' | 'cross';

export interface SwapSetting {
  readonly mode: MarginMode;
  readonly leverage: number;
}

/** One swap position in an `AccountBook` (`swaps`, keyed by instrument key). */
export interface SwapPositionBook {
  /** Signed base units: > 0 long, < 0 short. */
  qty: number;
  /** Average entry price; NaN when flat. */
  avg: number;
  /** Posted isolated margin (0 for cross). */
  margin: number;
  mode: MarginMode;
  leverage: number;
  realized: number;
  fees: number;
  /** Net funding: received − paid. */
  funding: number;
  /** Σ margin or collateral lost to liquidations (trading loss at the price + fee + insurance). */
  liquidationLoss: number;
  /** Part of `liquidationLoss` charged as the liquidation fee. */
  liquidationFees: number;
  liquidations: number;
}

/** What one liquidation did, for the report and the fills list. */
export interface Liquidation {
  readonly k: number;
  readonly mode: MarginMode;
  /** Signed quantity closed. */
  readonly qty: number;
  readonly entry: number;
  /** Liquidation price the position closed at. */
  readonly price: number;
  /** qty × (price − entry): the trading part of the loss (≤ 0). */
  readonly tradingPnl: number;
  readonly fee: number;
  /** What was left after the fee, taken by the insurance fund. */
  readonly insurance: number;
  /** Cash lost in all: −(tradingPnl) + fee + insurance. */
  readonly loss: number;
}

/** Marks of the account's instruments by index (the account's columns). */
export type Marks = (k: number) => number;

function liquidationPriceOf(q: number, entry: number, collateral: number, mmr: number): number {
  // collateral + q (P − E) = mmr |q| P  →  P = (qE − collateral) / (q − mmr |q|)
  const p = (q * entry - collateral) / (q - mmr * Math.abs(q));
  return Math.max(p, 0);
}

export class SwapLedger {
  readonly #contracts: (SwapContract | undefined)[];
  readonly #lots: number[];
  readonly #keys: string[];
  readonly qtyCol: Float64Array;
  readonly avgCol: Float64Array;
  readonly marginCol: Float64Array;
  readonly realizedCol: Float64Array;
  readonly feesCol: Float64Array;
  readonly fundingCol: Float64Array;
  readonly liqLossCol: Float64Array;
  readonly liqFeeCol: Float64Array;
  readonly liqCount: Int32Array;
  readonly #mode: MarginMode[];
  readonly #lev: Float64Array;

  constructor(
    specs: readonly InstrumentSpec[],
    /** The liquidation fee, a fraction of the notional at the liquidation price. */
    readonly liquidationFeeRate = 0.0005,
  ) {
    const n = specs.length;
    this.#contracts = specs.map((s) => s.contract);
    this.#lots = specs.map((s) => s.lotSize);
    this.#keys = specs.map((s) => formatInstrument(s.instrument));
    this.qtyCol = new Float64Array(n);
    this.avgCol = new Float64Array(n).fill(Number.NaN);
    this.marginCol = new Float64Array(n);
    this.realizedCol = new Float64Array(n);
    this.feesCol = new Float64Array(n);
    this.fundingCol = new Float64Array(n);
    this.liqLossCol = new Float64Array(n);
    this.liqFeeCol = new Float64Array(n);
    this.liqCount = new Int32Array(n);
    this.#mode = specs.map(() => 'cross');
    this.#lev = new Float64Array(n).fill(1);
    if (!(liquidationFeeRate >= 0 && liquidationFeeRate < 1)) {
      throw new AlgoError(
        ErrorCode.InvalidArgument,
        `liquidation fee rate must be within [0, 1), got ${liquidationFeeRate}`,
      );
    }
  }

  /** Whether instrument `k` is a swap (booked here rather than as spot). */
  has(k: number): boolean {
    return this.#contracts[k] !== undefined;
  }

  contract(k: number): SwapContract {
    const c = this.#contracts[k];
    if (!c) throw new AlgoError(ErrorCode.InvalidArgument, `#${k} is not a swap`);
    return c;
  }

  setting(k: number): SwapSetting {
    return { mode: this.#mode[k]!, leverage: this.#lev[k]! };
  }

  /**
   * Sets margin mode and leverage of a swap (as OKX `set-leverage`): refused above the instrument's
   * maximum, and a mode change while a position is open.
   */
  configure(k: number, s: SwapSetting): void {
    const c = this.contract(k);
    if (!(s.leverage >= 1 && s.leverage <= c.maxLeverage)) {
      throw new AlgoError(
        ErrorCode.InvalidArgument,
        `${this.#keys[k]}: leverage must be within [1, ${c.maxLeverage}], got ${s.leverage}`,
      );
    }
    if (s.mode !== 'isolated' && s.mode !== 'cross')
      throw new AlgoError(
        ErrorCode.InvalidArgument,
        `margin mode must be isolated or cross, got ${String(s.mode)}`,
      );
    if (this.qtyCol[k] !== 0 && s.mode !== this.#mode[k]) {
      throw new AlgoError(
        ErrorCode.Conflict,
        `${this.#keys[k]}: cannot change margin mode with a position open`,
      );
    }
    this.#mode[k] = s.mode;
    this.#lev[k] = s.leverage;
  }

  upl(k: number, mark: number): number {
    const q = this.qtyCol[k]!;
    return q === 0 ? 0 : q * (mark - this.avgCol[k]!);
  }

  /** Σ unrealized P&L of every swap position at `marks`. */
  unrealized(marks: Marks): number {
    let u = 0;
    for (let k = 0; k < this.qtyCol.length; k++) if (this.qtyCol[k] !== 0) u += this.upl(k, marks(k));
    return u;
  }

  /** Σ |qty| × mark: the gross swap notional. */
  grossNotional(marks: Marks): number {
    let g = 0;
    for (let k = 0; k < this.qtyCol.length; k++) {
      const q = this.qtyCol[k]!;
      if (q !== 0) g += Math.abs(q) * marks(k);
    }
    return g;
  }

  isolatedMargin(): number {
    let m = 0;
    for (let k = 0; k < this.qtyCol.length; k++) if (this.#mode[k] === 'isolated') m += this.marginCol[k]!;
    return m;
  }

  /** Maintenance margin of position `k` at `mark`. */
  maintenanceMargin(k: number, mark: number): number {
    const q = this.qtyCol[k]!;
    return q === 0 ? 0 : marginTier(this.contract(k), q).mmr * Math.abs(q) * mark;
  }

  /** Initial margin in use: isolated margins + Σ cross |qty| × mark / leverage. */
  usedMargin(marks: Marks): number {
    let m = 0;
    for (let k = 0; k < this.qtyCol.length; k++) {
      const q = this.qtyCol[k]!;
      if (q === 0) continue;
      m += this.#mode[k] === 'isolated' ? this.marginCol[k]! : (Math.abs(q) * marks(k)) / this.#lev[k]!;
    }
    return m;
  }

  /** Cross collateral: wallet − isolated margins + cross unrealized P&L. */
  crossCollateral(cash: number, marks: Marks): number {
    let c = cash - this.isolatedMargin();
    for (let k = 0; k < this.qtyCol.length; k++) {
      if (this.qtyCol[k] !== 0 && this.#mode[k] === 'cross') c += this.upl(k, marks(k));
    }
    return c;
  }

  /** Margin free to open with: cross collateral − cross initial margin. */
  availableMargin(cash: number, marks: Marks): number {
    let im = 0;
    for (let k = 0; k < this.qtyCol.length; k++) {
      const q = this.qtyCol[k]!;
      if (q !== 0 && this.#mode[k] === 'cross') im += (Math.abs(q) * marks(k)) / this.#lev[k]!;
    }
    return this.crossCollateral(cash, marks) - im;
  }

  /**
   * Margin ratio as OKX shows it: (margin + unrealized) / maintenance margin for an isolated
   * position, cross collateral / Σ cross maintenance for a cross one; Infinity when flat.
   * Liquidation comes at 1.
   */
  marginRatio(k: number, cash: number, marks: Marks): number {
    const q = this.qtyCol[k]!;
    if (q === 0) return Number.POSITIVE_INFINITY;
    if (this.#mode[k] === 'isolated') {
      return (this.marginCol[k]! + this.upl(k, marks(k))) / this.maintenanceMargin(k, marks(k));
    }
    let mm = 0;
    for (let j = 0; j < this.qtyCol.length; j++) {
      if (this.qtyCol[j] !== 0 && this.#mode[j] === 'cross') mm += this.maintenanceMargin(j, marks(j));
    }
    return this.crossCollateral(cash, marks) / mm;
  }

  /**
   * Mark price at which position `k` is liquidated, the other positions held at `marks`; NaN when
   * flat. 0 for a long that cannot be liquidated (collateral beyond its notional).
   */
  liquidationPrice(k: number, cash: number, marks: Marks): number {
    const q = this.qtyCol[k]!;
    if (q === 0) return Number.NaN;
    const mmr = marginTier(this.contract(k), q).mmr;
    if (this.#mode[k] === 'isolated') return liquidationPriceOf(q, this.avgCol[k]!, this.marginCol[k]!, mmr);
    let collateral = cash - this.isolatedMargin();
    for (let j = 0; j < this.qtyCol.length; j++) {
      if (j === k || this.qtyCol[j] === 0 || this.#mode[j] !== 'cross') continue;
      collateral += this.upl(j, marks(j)) - this.maintenanceMargin(j, marks(j));
    }
    return liquidationPriceOf(q, this.avgCol[k]!, collateral, mmr);
  }

  /**
   * Books a swap fill of signed `qty` (buy > 0) at `price`; returns the change to cash (realized
   * P&L − fee). A fill that opens or adds needs its initial margin free; a shortfall is an error
   * (venues and the backtest check `availableMargin` first, as OKX answers 51008).
   */
  fill(k: number, qty: number, price: number, fee: number, cash: number, marks: Marks): number {
    const lot = this.#lots[k]!;
    const held = this.qtyCol[k]!;
    let cashDelta = -fee;
    let open = qty;
    if (held !== 0 && Math.sign(qty) !== Math.sign(held)) {
      const close = Math.min(Math.abs(qty), Math.abs(held));
      const realized = close * Math.sign(held) * (price - this.avgCol[k]!);
      this.realizedCol[k]! += realized;
      cashDelta += realized;
      const left = roundToStep(held + Math.sign(qty) * close, lot);
      this.marginCol[k] = left === 0 ? 0 : this.marginCol[k]! * (Math.abs(left) / Math.abs(held));
      this.qtyCol[k] = left;
      if (left === 0) this.avgCol[k] = Number.NaN;
      open = roundToStep(qty - Math.sign(qty) * close, lot);
    }
    if (open !== 0) {
      const im = (Math.abs(open) * price) / this.#lev[k]!;
      const free = this.availableMargin(cash + cashDelta, marks);
      if (im > free * (1 + 1e-9) + 1e-9) {
        throw new AlgoError(
          ErrorCode.Internal,
          `${this.#keys[k]}: opening ${open} @ ${price} needs margin ${im.toFixed(4)}, only ${free.toFixed(4)} is free`,
        );
      }
      const q = this.qtyCol[k]!;
      const a = Math.abs(q);
      this.avgCol[k] =
        q === 0 ? price : (a * this.avgCol[k]! + Math.abs(open) * price) / (a + Math.abs(open));
      this.qtyCol[k] = roundToStep(q + open, lot);
      if (this.#mode[k] === 'isolated') this.marginCol[k]! += im;
    }
    this.feesCol[k]! += fee;
    return cashDelta;
  }

  /**
   * Funding at a settlement: the position pays `qty × mark × rate` (longs pay when the rate is
   * positive, shorts receive). Returns the change to cash; an isolated position's margin moves
   * with it. A non-finite rate or mark is an error, never a zero payment.
   */
  funding(k: number, rate: number, mark: number): number {
    if (!Number.isFinite(rate) || !(mark > 0) || !Number.isFinite(mark)) {
      throw new AlgoError(
        ErrorCode.InvalidData,
        `${this.#keys[k]}: funding needs a finite rate and mark, got ${rate} @ ${mark}`,
      );
    }
    const q = this.qtyCol[k]!;
    if (q === 0) return 0;
    const pay = -q * mark * rate;
    this.fundingCol[k]! += pay;
    if (this.#mode[k] === 'isolated') this.marginCol[k]! += pay;
    return pay;
  }

  /**
   * A funding payment an exchange settled, as an amount (received > 0, paid < 0): booked as
   * funding, and an isolated position's margin moves with it. A non-finite amount is an error.
   */
  fundingSettled(k: number, amount: number): number {
    if (!Number.isFinite(amount)) {
      throw new AlgoError(ErrorCode.InvalidData, `${this.#keys[k]}: funding amount ${amount} is not finite`);
    }
    this.fundingCol[k]! += amount;
    if (this.#mode[k] === 'isolated' && this.qtyCol[k] !== 0) this.marginCol[k]! += amount;
    return amount;
  }

  /**
   * Liquidates position `k` at `price` (its liquidation price, or the price reached past it);
   * cross liquidates every cross position, the others at `marks`. Returns the liquidations and the
   * change to cash: − the isolated margin, or − the whole cross collateral.
   */
  liquidate(
    k: number,
    price: number,
    cash: number,
    marks: Marks,
  ): { cashDelta: number; done: Liquidation[] } {
    const done: Liquidation[] = [];
    const isolated = this.#mode[k] === 'isolated';
    // What the liquidation takes: the isolated margin, or the whole cross collateral in cash.
    const pool = isolated ? this.marginCol[k]! : Math.max(0, cash - this.isolatedMargin());
    const closing: number[] = [k];
    if (!isolated) {
      for (let j = 0; j < this.qtyCol.length; j++) {
        if (j !== k && this.qtyCol[j] !== 0 && this.#mode[j] === 'cross') closing.push(j);
      }
    }
    let trading = 0;
    let notional = 0;
    for (const j of closing) {
      const p = j === k ? price : marks(j);
      trading += this.upl(j, p);
      notional += Math.abs(this.qtyCol[j]!) * p;
    }
    // Closed at the liquidation price, what is left of the pool pays the fee; the insurance fund
    // takes the rest. Past the bankruptcy price (a gap) the fund absorbs the shortfall instead.
    const left = Math.max(0, pool + trading);
    const fee = Math.min(left, this.liquidationFeeRate * notional);
    for (const j of closing) {
      const q = this.qtyCol[j]!;
      const entry = this.avgCol[j]!;
      const p = j === k ? price : marks(j);
      const tradingPnl = q * (p - entry);
      // The triggering position carries the fee and the insurance part of the report.
      const f = j === k ? fee : 0;
      const insurance = j === k ? left - fee : 0;
      // Losses add up to the pool: the others at their P&L, the trigger carries the rest.
      const loss = j === k ? pool + (trading - this.upl(k, price)) : -tradingPnl;
      this.liqLossCol[j]! += loss;
      this.liqFeeCol[j]! += f;
      this.liqCount[j]! += 1;
      done.push({ k: j, mode: this.#mode[j]!, qty: q, entry, price: p, tradingPnl, fee: f, insurance, loss });
    }
    for (const j of closing) {
      this.qtyCol[j] = 0;
      this.avgCol[j] = Number.NaN;
      this.marginCol[j] = 0;
    }
    return { cashDelta: -pool, done };
  }

  snapshotOf(k: number): SwapPositionBook {
    return {
      qty: this.qtyCol[k]!,
      avg: this.avgCol[k]!,
      margin: this.marginCol[k]!,
      mode: this.#mode[k]!,
      leverage: this.#lev[k]!,
      realized: this.realizedCol[k]!,
      fees: this.feesCol[k]!,
      funding: this.fundingCol[k]!,
      liquidationLoss: this.liqLossCol[k]!,
      liquidationFees: this.liqFeeCol[k]!,
      liquidations: this.liqCount[k]!,
    };
  }

  restoreOf(k: number, b: SwapPositionBook): void {
    this.#mode[k] = b.mode;
    this.#lev[k] = b.leverage;
    this.qtyCol[k] = b.qty;
    this.avgCol[k] = b.qty === 0 ? Number.NaN : b.avg;
    this.marginCol[k] = b.margin;
    this.realizedCol[k] = b.realized;
    this.feesCol[k] = b.fees;
    this.fundingCol[k] = b.funding;
    this.liqLossCol[k] = b.liquidationLoss;
    this.liqFeeCol[k] = b.liquidationFees;
    this.liqCount[k] = b.liquidations;
  }

  sum(col: Float64Array): number {
    let s = 0;
    for (const x of col) s += x;
    return s;
  }
}
