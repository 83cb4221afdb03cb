import { assertNever, fillTime } from '@algotrader/core';
import type { BarIn, Pipeline } from '@algotrader/pipeline';
import { type Account, type FillOutcome, fillSwapAtOpen, type Trigger } from '@algotrader/portfolio';
import {
  type LocalBook,
  NOTHING,
  type OrderRecord,
  type ReconcileResult,
  type Venue,
  type VenueOrder,
  type VenueReport,
  type VenueResult,
  type VenueSnapshot,
} from './venue';

/**
 * The paper venue: fills with the backtest's FillModel (timing, fees, slippage) on live bars, one
 * order at a time in the order the router hands them over, so a replay through the pipeline fills
 * exactly as the backtest engine does. It holds nothing of its own: the router's book is the
 * account, so there is nothing to reconcile.
 */
export class PaperVenue implements Venue {
  readonly name = 'paper';
  readonly fills = 'bars' as const;
  readonly #p: Pipeline;

  constructor(pipeline: Pipeline) {
    this.#p = pipeline;
  }

  async place(o: VenueOrder): Promise<VenueResult> {
    if (o.quoteAmount !== undefined) {
      return {
        reports: [report(o, 'rejected', 'quote-sized orders are not supported by the paper venue')],
        alerts: [],
      };
    }
    return { reports: [report(o, 'accepted')], alerts: [] };
  }

  async cancel(o: OrderRecord): Promise<VenueResult> {
    return { reports: [report(o, 'canceled', 'replaced by a newer decision')], alerts: [] };
  }

  async lookup(): Promise<VenueResult> {
    return NOTHING;
  }

  async snapshot(): Promise<VenueSnapshot> {
    return { cash: this.#p.config.paper.initialCash, positions: {} };
  }

  async reconcile(_book: LocalBook): Promise<ReconcileResult> {
    return NOTHING;
  }

  fillOnBar(
    o: OrderRecord,
    bar: BarIn,
    account: { cash: number; held: number; book?: Account },
  ): VenueReport {
    const p = this.#p;
    const model = p.fillModel;
    const spec = p.specs[p.indexOf(o.instrument)]!;
    if (spec.contract !== undefined) return this.#fillSwap(o, bar, account.book);
    const order = {
      side: o.side,
      qty: o.qty,
      type: o.type,
      ...(o.limitPrice !== undefined ? { limitPrice: o.limitPrice } : {}),
    };
    const r = model.fill(order, bar, account.cash, account.held, spec);
    const timeMs = fillTime(
      p.calendar,
      bar.openTime,
      bar.closeTime - bar.openTime,
      model.timing === 'next_open',
    );
    return this.#report(o, r, timeMs);
  }

  /**
   * A swap: a market order at the bar's open through the perp backtest's own fill
   * (portfolio `fillSwapAtOpen`: slippage, taker fee, initial margin), so a replay fills as
   * `runPerpBacktest`. Limit orders, close timing and volume-share slippage are refused: the perp
   * backtest has none of them to agree with.
   */
  #fillSwap(o: OrderRecord, bar: BarIn, book: Account | undefined, ref = bar.open, at?: number): VenueReport {
    const p = this.#p;
    const model = p.fillModel;
    const slip = model.config.slippage;
    const refuse = (why: string) => report(o, 'canceled', why);
    if (!book) return refuse('the paper venue needs the account to fill a swap');
    if (o.type !== 'market') return refuse('the paper venue fills swap market orders only');
    if (model.timing !== 'next_open') return refuse('the paper venue fills swaps at the next open only');
    if (slip.kind === 'volume_share') return refuse('volume-share slippage is not modelled for swaps');
    const k = book.require(o.instrument);
    const signed = o.side === 'buy' ? o.qty : -o.qty;
    const r = fillSwapAtOpen(
      book,
      k,
      { qty: signed, reduceOnly: o.reduceOnly === true || o.exitReason !== undefined },
      ref,
      model.config.fees.taker,
      slip.kind === 'bps' ? slip.bps / 10_000 : 0,
    );
    const timeMs = at ?? fillTime(p.calendar, bar.openTime, bar.closeTime - bar.openTime, true);
    if (r.status === 'rejected') return { ...refuse(`${r.reason}: ${r.detail}`), timeMs };
    return this.#report(
      o,
      {
        status: 'filled',
        qty: Math.abs(r.qty),
        price: r.price,
        fee: r.fee,
        liquidity: 'taker',
        partial: false,
      },
      timeMs,
    );
  }

  /**
   * A protective exit the bar triggered: a market order at the trigger's reference price (the
   * level, or the open after a gap) with the fill model's slippage and taker fee, stamped at the
   * bar's open after a gap and at its close otherwise — as the backtest engine fills it.
   */
  fillTriggered(
    o: OrderRecord,
    bar: BarIn,
    trigger: Trigger,
    account: { cash: number; held: number; book?: Account },
  ): VenueReport {
    const p = this.#p;
    const spec = p.specs[p.indexOf(o.instrument)]!;
    if (spec.contract !== undefined) {
      // A swap: the perp backtest's fill at the trigger's reference, reduce-only.
      return this.#fillSwap(o, bar, account.book, trigger.price, trigger.gap ? bar.openTime : bar.closeTime);
    }
    const r = p.fillModel.fillAt(o.side, o.qty, trigger.price, bar, account.cash, account.held, spec);
    return this.#report(o, r, trigger.gap ? bar.openTime : bar.closeTime);
  }

  #report(o: OrderRecord, r: FillOutcome, timeMs: number): VenueReport {
    const p = this.#p;
    switch (r.status) {
      case 'filled':
        return {
          clientOrderId: o.clientOrderId,
          // A bar-level order lives one bar: the rest of a partial fill is cancelled.
          status: r.partial ? 'canceled' : 'filled',
          ...(r.partial ? { reason: 'rest cancelled: a bar-level order lives one bar' } : {}),
          filledQty: r.qty,
          avgPrice: r.price,
          fills: [
            {
              // One execution per order: its message id is `fill:paper:<id>:1` (core's paperFillKey).
              tradeId: `${o.clientOrderId}:1`,
              qty: r.qty,
              price: r.price,
              fee: r.fee,
              feeCurrency: p.config.paper.quoteCurrency,
              timeMs,
              maker: r.liquidity === 'maker',
            },
          ],
          timeMs,
        };
      case 'expired':
        return { ...report(o, 'expired', r.reason), timeMs };
      case 'rejected':
        return { ...report(o, 'canceled', `${r.reason}: ${r.detail}`), timeMs };
      default:
        return assertNever(r, 'fill result');
    }
  }

  async close(): Promise<void> {}
}

function report(o: VenueOrder, status: VenueReport['status'], reason?: string): VenueReport {
  return {
    clientOrderId: o.clientOrderId,
    status,
    filledQty: 0,
    avgPrice: Number.NaN,
    ...(reason ? { reason } : {}),
    fills: [],
  };
}
