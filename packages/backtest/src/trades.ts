import type { Instrument } from '@algotrader/core';
import type { Liquidity } from '@algotrader/portfolio';
import type { ExitReason, Side } from '@algotrader/strategy';

/** One simulated execution. */
export interface Fill {
  /** Fill time: the fill bar's open (`next_open`) or close (`close`), ms UTC. */
  readonly time: number;
  readonly instrument: Instrument;
  readonly side: Side;
  readonly qty: number;
  readonly price: number;
  /** Quote units, paid out of cash. */
  readonly fee: number;
  readonly liquidity: Liquidity;
  readonly clientOrderId: string;
  /** Why the order was sent: `signal` (a strategy decision) or the protective exit that triggered. */
  readonly reason: ExitReason;
}

/**
 * A round trip: from the fill that opens a position from flat to the fill that brings it back to
 * flat. Scaling in and out in between belongs to the same trade.
 */
export interface Trade {
  readonly instrument: Instrument;
  readonly entryTime: number;
  readonly exitTime: number;
  /** Average price of every buy in the trade. */
  readonly entryPrice: number;
  /** Average price of every sell in the trade. */
  readonly exitPrice: number;
  /** Units bought over the trade (= units sold). */
  readonly qty: number;
  /** Σ sell notional − Σ buy notional − fees: what the trade added to cash. */
  readonly pnl: number;
  /** pnl / Σ buy notional. */
  readonly return: number;
  readonly fees: number;
  readonly holdingMs: number;
  /** Reason of the fill that closed the trade (`signal`, `stop_loss`, `take_profit`, `trailing_stop`, …). */
  readonly exitReason: ExitReason;
}

/** Builds round trips from fills, per instrument index. */
export class RoundTripTracker {
  readonly trades: Trade[] = [];
  readonly #open: Uint8Array;
  readonly #entryTime: Float64Array;
  readonly #buyQty: Float64Array;
  readonly #buyNotional: Float64Array;
  readonly #sellQty: Float64Array;
  readonly #sellNotional: Float64Array;
  readonly #fees: Float64Array;

  constructor(instruments: number) {
    this.#open = new Uint8Array(instruments);
    this.#entryTime = new Float64Array(instruments);
    this.#buyQty = new Float64Array(instruments);
    this.#buyNotional = new Float64Array(instruments);
    this.#sellQty = new Float64Array(instruments);
    this.#sellNotional = new Float64Array(instruments);
    this.#fees = new Float64Array(instruments);
  }

  /** Records fill `f` of instrument `k`; `positionAfter` is the holding once it is booked. */
  onFill(k: number, f: Fill, positionAfter: number): void {
    if (this.#open[k] === 0) {
      this.#open[k] = 1;
      this.#entryTime[k] = f.time;
      this.#buyQty[k] = 0;
      this.#buyNotional[k] = 0;
      this.#sellQty[k] = 0;
      this.#sellNotional[k] = 0;
      this.#fees[k] = 0;
    }
    if (f.side === 'buy') {
      this.#buyQty[k]! += f.qty;
      this.#buyNotional[k]! += f.qty * f.price;
    } else {
      this.#sellQty[k]! += f.qty;
      this.#sellNotional[k]! += f.qty * f.price;
    }
    this.#fees[k]! += f.fee;
    if (positionAfter === 0) {
      this.#open[k] = 0;
      const buyN = this.#buyNotional[k]!;
      const pnl = this.#sellNotional[k]! - buyN - this.#fees[k]!;
      this.trades.push({
        instrument: f.instrument,
        entryTime: this.#entryTime[k]!,
        exitTime: f.time,
        entryPrice: buyN / this.#buyQty[k]!,
        exitPrice: this.#sellNotional[k]! / this.#sellQty[k]!,
        qty: this.#buyQty[k]!,
        pnl,
        return: pnl / buyN,
        fees: this.#fees[k]!,
        holdingMs: f.time - this.#entryTime[k]!,
        exitReason: f.reason,
      });
    }
  }
}
