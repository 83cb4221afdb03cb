import { AlgoError, ErrorCode, formatInstrument, type Instrument } from '@algotrader/core';
import type { PortfolioView, Side } from '@algotrader/strategy';
import { type InstrumentSpec, roundToStep } from './spec';

/** A position as reported (a copy; the portfolio keeps its own numbers in columns). */
export interface Position {
  readonly instrument: Instrument;
  readonly qty: number;
  /** Average cost of the units held (NaN when flat). */
  readonly avgPrice: number;
  /** Latest close the position is valued at (NaN before the first). */
  readonly mark: number;
  /** qty × (mark − avgPrice); 0 when flat. */
  readonly unrealizedPnl: number;
  /** Σ sold qty × (sell price − average cost at the time); fees not included. */
  readonly realizedPnl: number;
  /** Fees paid on this instrument's fills, quote units. */
  readonly fees: number;
}

/**
 * Cash and long positions of one spot account, average-cost accounting. Fees are paid in quote
 * currency out of cash. Instruments are addressed by index (the order given at construction) on the
 * hot path, or by Instrument.
 *
 * Invariants (a violation is a bug upstream and throws): cash never goes below zero, a sell never
 * exceeds the position, quantities stay on the lot grid.
 */
export class Portfolio {
  readonly instruments: readonly Instrument[];
  readonly specs: readonly InstrumentSpec[];
  readonly view: PortfolioView;
  readonly #byRef = new Map<Instrument, number>();
  readonly #byKey = new Map<string, number>();
  readonly #qty: Float64Array;
  readonly #avg: Float64Array;
  readonly #mark: Float64Array;
  readonly #realized: Float64Array;
  readonly #fees: Float64Array;
  #cash: number;

  constructor(initialCash: number, specs: readonly InstrumentSpec[]) {
    if (!(initialCash >= 0 && Number.isFinite(initialCash))) {
      throw new AlgoError(
        ErrorCode.InvalidArgument,
        `initial cash must be finite and >= 0, got ${initialCash}`,
      );
    }
    this.specs = specs;
    this.instruments = specs.map((s) => s.instrument);
    specs.forEach((s, k) => {
      const key = formatInstrument(s.instrument);
      if (this.#byKey.has(key))
        throw new AlgoError(ErrorCode.InvalidArgument, `instrument ${key} listed twice`);
      this.#byKey.set(key, k);
      this.#byRef.set(s.instrument, k);
    });
    const n = specs.length;
    this.#qty = new Float64Array(n);
    this.#avg = new Float64Array(n).fill(Number.NaN);
    this.#mark = new Float64Array(n).fill(Number.NaN);
    this.#realized = new Float64Array(n);
    this.#fees = new Float64Array(n);
    this.#cash = initialCash;
    this.view = new ReadOnlyPortfolio(this);
  }

  /** Index of an instrument, -1 when not held by this portfolio. */
  indexOf(instrument: Instrument): number {
    return this.#byRef.get(instrument) ?? this.#byKey.get(formatInstrument(instrument)) ?? -1;
  }

  /** Index of an instrument; throws when unknown. */
  require(instrument: Instrument): number {
    const k = this.indexOf(instrument);
    if (k < 0) {
      throw new AlgoError(
        ErrorCode.NotFound,
        `instrument ${formatInstrument(instrument)} is not in this portfolio`,
      );
    }
    return k;
  }

  get cash(): number {
    return this.#cash;
  }

  qty(k: number): number {
    return this.#qty[k]!;
  }

  avgPrice(k: number): number {
    return this.#avg[k]!;
  }

  mark(k: number): number {
    return this.#mark[k]!;
  }

  /** Values instrument `k` at `price` (its latest close) from now on. */
  setMark(k: number, price: number): void {
    this.#mark[k] = price;
  }

  /** Σ qty × mark over held instruments: the gross long exposure, quote units. */
  get positionsValue(): number {
    let v = 0;
    const q = this.#qty;
    const m = this.#mark;
    for (let k = 0; k < q.length; k++) if (q[k] !== 0) v += q[k]! * m[k]!;
    return v;
  }

  get equity(): number {
    return this.#cash + this.positionsValue;
  }

  get realizedPnl(): number {
    let r = 0;
    for (const x of this.#realized) r += x;
    return r;
  }

  get unrealizedPnl(): number {
    let u = 0;
    for (let k = 0; k < this.#qty.length; k++) {
      const q = this.#qty[k]!;
      if (q !== 0) u += q * (this.#mark[k]! - this.#avg[k]!);
    }
    return u;
  }

  get feesPaid(): number {
    let f = 0;
    for (const x of this.#fees) f += x;
    return f;
  }

  position(k: number): Position {
    const qty = this.#qty[k]!;
    const avgPrice = this.#avg[k]!;
    const mark = this.#mark[k]!;
    return {
      instrument: this.instruments[k]!,
      qty,
      avgPrice,
      mark,
      unrealizedPnl: qty === 0 ? 0 : qty * (mark - avgPrice),
      realizedPnl: this.#realized[k]!,
      fees: this.#fees[k]!,
    };
  }

  positions(): Position[] {
    return this.instruments.map((_, k) => this.position(k));
  }

  /**
   * Books a fill: a buy adds at average cost and pays `qty × price + fee`; a sell realises
   * `qty × (price − avg)` and receives `qty × price − fee`.
   */
  applyFill(k: number, side: Side, qty: number, price: number, fee: number): void {
    const spec = this.specs[k];
    if (!spec || !(qty > 0) || !(price > 0) || !(fee >= 0)) {
      throw new AlgoError(ErrorCode.InvalidArgument, `bad fill: #${k} ${side} ${qty} @ ${price} fee ${fee}`);
    }
    const held = this.#qty[k]!;
    const notional = qty * price;
    if (side === 'buy') {
      const cash = this.#cash - notional - fee;
      // A few ulps of the notional: the fill model sizes buys to the cash it is shown.
      if (cash < -1e-9 * notional) {
        throw new AlgoError(ErrorCode.Internal, `buy of ${notional + fee} exceeds cash ${this.#cash}`);
      }
      this.#cash = Math.max(0, cash);
      const q = roundToStep(held + qty, spec.lotSize);
      this.#avg[k] = held === 0 ? price : (held * this.#avg[k]! + notional) / (held + qty);
      this.#qty[k] = q;
    } else {
      if (qty > held) {
        throw new AlgoError(
          ErrorCode.Internal,
          `sell of ${qty} exceeds the position ${held} (spot is long-only)`,
        );
      }
      this.#cash += notional - fee;
      this.#realized[k]! += qty * (price - this.#avg[k]!);
      const q = roundToStep(held - qty, spec.lotSize);
      this.#qty[k] = q;
      if (q === 0) this.#avg[k] = Number.NaN;
    }
    this.#fees[k]! += fee;
    if (Number.isNaN(this.#mark[k]!)) this.#mark[k] = price;
  }
}

class ReadOnlyPortfolio implements PortfolioView {
  readonly #p: Portfolio;
  constructor(p: Portfolio) {
    this.#p = p;
  }
  get cash(): number {
    return this.#p.cash;
  }
  get equity(): number {
    return this.#p.equity;
  }
  position(instrument: Instrument): number {
    const k = this.#p.indexOf(instrument);
    return k < 0 ? 0 : this.#p.qty(k);
  }
  averagePrice(instrument: Instrument): number {
    const k = this.#p.indexOf(instrument);
    return k < 0 ? Number.NaN : this.#p.avgPrice(k);
  }
}
