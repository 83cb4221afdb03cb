import { formatInstrument, isTerminal } from '@algotrader/core';
import {
  type AShare,
  aShareOf,
  bandFraction,
  CN_TICK,
  type CnCosts,
  type LimitBand,
  limitBand,
  lotProblem,
  roundToTick,
  type SseCalendar,
  tradeCosts,
} from '@algotrader/markets-cn';
import type { ManualReport } from '@algotrader/pipeline/domain';
import type { LocalBook, OrderRecord, VenueAlert, VenueOrder, VenueReport } from '../venue';

/** The settings of the notify venue (environment: NOTIFY_*, see venues.ts). */
export interface NotifySettings {
  /** Reports are taken until the close plus this; then an unanswered order expires. Minutes. */
  readonly graceMinutes: number;
  /** Market orders: the suggested limit is the previous close moved by this (buys up, sells down), bps. */
  readonly limitOffsetBps: number;
}

/** What the person is asked to do for one order (recomputed from the record after a restart). */
export interface Suggestion {
  readonly id: string;
  readonly share: AShare;
  readonly side: 'buy' | 'sell';
  readonly qty: number;
  readonly limit: number;
  readonly band: LimitBand;
  readonly prevClose: number;
  /** When the close the band comes from was taken (the bar's close time), ms. */
  readonly prevCloseAt: number;
  /** `YYYY-MM-DD`: the trading day the order is for. */
  readonly tradeDate: string;
  /** First session open and the close of that day, ms UTC. */
  readonly opensAt: number;
  readonly closesAt: number;
  /** Reports are taken until then; then the order expires. */
  readonly expiresAt: number;
  readonly strategy: string;
}

const fmt = (x: number) => x.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const hhmm = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(11, 16);
const shanghai = (ms: number) => `${new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10)} ${hhmm(ms)}`;

const BOARD: Readonly<Record<AShare['board'], string>> = {
  main: 'main board',
  chinext: 'ChiNext',
  star: 'STAR',
};

/**
 * The suggestion for an order, or why it cannot be given (not an A-share, a quantity off the lot
 * grid, a limit outside today's band, no previous close).
 */
export function suggest(
  o: VenueOrder,
  now: number,
  prev: { close: number; closeTime: number } | undefined,
  cal: SseCalendar,
  s: NotifySettings,
): Suggestion | { error: string; code: string } {
  const share = aShareOf(o.instrument);
  const key = formatInstrument(o.instrument);
  if (!share) return { code: 'not_a_share', error: `${key} is not an SSE/SZSE A-share (SSE:600519/CNY)` };
  const qtyProblem = o.side === 'buy' ? lotProblem(share.board, 'buy', o.qty, 0) : null;
  if (qtyProblem) return { code: 'lot', error: `${key}: ${qtyProblem}` };
  if (!(Number.isInteger(o.qty) && o.qty > 0))
    return { code: 'lot', error: `${key}: ${o.qty} is not a whole number of shares` };
  if (!prev || !(prev.close > 0)) {
    return {
      code: 'no_close',
      error: `${key}: no bar seen yet, so no previous close for today's price band`,
    };
  }
  const tradeDate = cal.tradingDateFor(Math.max(now, o.decisionTime));
  const band = limitBand(prev.close, bandFraction(share, tradeDate));
  let limit: number;
  if (o.type === 'limit' && o.limitPrice !== undefined) {
    limit = roundToTick(o.limitPrice);
    if (limit > band.up || limit < band.down) {
      return {
        code: 'outside_band',
        error: `${key}: limit ${fmt(limit)} is outside today's band ${fmt(band.down)}–${fmt(band.up)}`,
      };
    }
  } else {
    const f = s.limitOffsetBps / 10_000;
    limit =
      o.side === 'buy'
        ? Math.min(band.up, roundToTick(prev.close * (1 + f)))
        : Math.max(band.down, roundToTick(prev.close * (1 - f)));
  }
  const sessions = cal.sessions(tradeDate);
  const closesAt = sessions[sessions.length - 1]!.close;
  return {
    id: o.clientOrderId,
    share,
    side: o.side,
    qty: o.qty,
    limit,
    band,
    prevClose: prev.close,
    prevCloseAt: prev.closeTime,
    tradeDate,
    opensAt: sessions[0]!.open,
    closesAt,
    expiresAt: closesAt + s.graceMinutes * 60_000,
    strategy: o.strategy,
  };
}

/** The message that tells the person exactly what to do (plain text; the notifier escapes it). */
export function suggestionText(g: Suggestion, costs: CnCosts): string {
  const lots = g.share.board === 'star' ? `${g.qty} shares` : `${g.qty} shares = ${g.qty / 100} lots of 100`;
  const notional = g.qty * g.limit;
  const fee = tradeCosts(costs, g.side, g.qty, g.limit, g.tradeDate);
  const pct = Math.round(bandFraction(g.share, g.tradeDate) * 100);
  return [
    `${g.side === 'buy' ? '🟢 BUY' : '🔴 SELL'} ${g.share.code} ${g.share.name} (${g.share.exchange}, ${BOARD[g.share.board]}${g.share.st ? ', ST' : ''})`,
    `Shares: ${lots}`,
    `Limit price: ${fmt(g.limit)} CNY (a ${g.side === 'buy' ? 'highest' : 'lowest'} price; today's band ${fmt(g.band.down)}–${fmt(g.band.up)}, ±${pct} % of the close ${fmt(g.prevClose)})`,
    `About ${fmt(notional)} CNY, fees ≈ ${fmt(fee.total)} (commission ${fmt(fee.commission)}, stamp duty ${fmt(fee.stampDuty)}, transfer ${fmt(fee.transferFee)})`,
    `Trading day ${g.tradeDate}: valid until the close ${hhmm(g.closesAt)} Shanghai; report by ${shanghai(g.expiresAt)}, then it expires`,
    `Strategy ${g.strategy} · order ${g.id}`,
    `Then reply: /filled ${g.id} <shares> <price> [fee] · /partial … · /skipped ${g.id} [reason]`,
  ].join('\n');
}

/** The order a typed reference means: the exact id, or the one id it starts (≥ 6 characters). */
export function findOrder(ref: string, orders: readonly OrderRecord[]): OrderRecord | string {
  const exact = orders.find((o) => o.clientOrderId === ref);
  if (exact) return exact;
  if (ref.length < 6)
    return `order "${ref}" not found: give the order id (or at least its first 6 characters)`;
  const hits = orders.filter((o) => o.clientOrderId.startsWith(ref));
  if (hits.length === 1) return hits[0]!;
  if (hits.length > 1) return `"${ref}" matches ${hits.length} orders: give more of the id`;
  return `order "${ref}" not found among the ${orders.length} orders on record`;
}

/** What a report becomes: a report for the router and a reply, or a refusal (reply only). */
export type Outcome =
  | { readonly ok: true; readonly report: VenueReport; readonly reply: string }
  | { readonly ok: false; readonly reply: string };

/**
 * Checks a person's report against the order and the book: the order is open, the quantity is what
 * is left (`filled`) or less (`partial`) and on the lot grid, the price is on the tick and inside
 * the day's band, it happened after the market opened for that order, and a sell does not use
 * shares bought the same day (T+1). `done` is what earlier reports of this batch already took.
 */
export function checkReport(
  r: ManualReport,
  rec: OrderRecord,
  g: Suggestion,
  book: LocalBook,
  boughtToday: number,
  done: number,
  costs: CnCosts,
): Outcome {
  const id = rec.clientOrderId;
  const no = (why: string): Outcome => ({ ok: false, reply: `❌ /${r.action} ${id}: ${why}` });
  if (isTerminal(rec.status)) return no(`the order is already ${rec.status}; nothing was booked`);
  if (r.action === 'skipped') {
    return {
      ok: true,
      report: {
        clientOrderId: id,
        status: 'canceled',
        filledQty: rec.filledQty + done,
        avgPrice: rec.avgFillPrice,
        reason: `skipped by ${r.from}${r.reason ? `: ${r.reason}` : ''}`,
        fills: [],
        timeMs: r.timeMs,
      },
      reply: `☑️ Order ${id} closed as not placed${rec.filledQty + done > 0 ? ` (the ${rec.filledQty + done} shares reported stay booked)` : ''}.`,
    };
  }
  const qty = r.qty!;
  const price = r.price!;
  const before = rec.filledQty + done;
  const left = rec.qty - before;
  if (r.timeMs < g.opensAt) {
    return no(
      `the market has not opened for this order yet (it is for ${g.tradeDate}, from ${shanghai(g.opensAt)} Shanghai)`,
    );
  }
  if (qty > left) return no(`${qty} shares is more than the ${left} left of the ${rec.qty} ordered`);
  if (r.action === 'filled' && qty !== left) {
    return no(
      `${left} shares are left of the ${rec.qty} ordered: /filled takes exactly that; use /partial for part of it`,
    );
  }
  const key = formatInstrument(rec.instrument);
  const held = book.positions[key] ?? 0;
  const lot = lotProblem(g.share.board, rec.side, qty, held);
  if (lot) return no(lot);
  if (rec.side === 'sell') {
    const sellable = held - boughtToday;
    if (qty > sellable) {
      return no(
        `T+1: ${boughtToday} of the ${held} shares held were bought on ${g.tradeDate} and can be sold from the next trading day; ${Math.max(0, sellable)} can be sold now`,
      );
    }
  }
  if (Math.abs(price / CN_TICK - Math.round(price / CN_TICK)) > 1e-6) {
    return no(`price ${price} is not on the 0.01 CNY tick`);
  }
  if (price > g.band.up || price < g.band.down) {
    return no(`price ${fmt(price)} is outside the day's band ${fmt(g.band.down)}–${fmt(g.band.up)}`);
  }
  const fee = r.fee ?? tradeCosts(costs, rec.side, qty, price, g.tradeDate).total;
  const cum = before + qty;
  const avg = (before * (Number.isFinite(rec.avgFillPrice) ? rec.avgFillPrice : 0) + qty * price) / cum;
  const status = cum === rec.qty ? 'filled' : 'partially_filled';
  return {
    ok: true,
    report: {
      clientOrderId: id,
      status,
      filledQty: cum,
      avgPrice: avg,
      fills: [
        {
          tradeId: r.ref,
          qty,
          price,
          fee,
          feeCurrency: 'CNY',
          timeMs: Math.min(r.timeMs, g.closesAt),
          maker: false,
        },
      ],
      timeMs: r.timeMs,
    },
    reply:
      `✅ Booked: ${rec.side === 'buy' ? 'bought' : 'sold'} ${qty} ${g.share.code} @ ${fmt(price)}, fee ${fmt(fee)} CNY${r.fee === undefined ? ' (computed)' : ''}. ` +
      `Order ${id}: ${cum}/${rec.qty} shares, ${status === 'filled' ? 'filled' : 'still open until the close'}.` +
      (rec.side === 'buy' && price > g.limit ? ` Note: above the suggested limit ${fmt(g.limit)}.` : '') +
      (rec.side === 'buy' ? ' T+1: these shares can be sold from the next trading day.' : ''),
  };
}

/** Shares of `key` bought on `tradeDate` (buy orders for that day with fills): not sellable that day. */
export function boughtOn(
  key: string,
  tradeDate: string,
  orders: readonly OrderRecord[],
  dateOf: (o: OrderRecord) => string,
): number {
  let q = 0;
  for (const o of orders) {
    if (
      o.side === 'buy' &&
      o.filledQty > 0 &&
      formatInstrument(o.instrument) === key &&
      dateOf(o) === tradeDate
    ) {
      q += o.filledQty;
    }
  }
  return q;
}

/** The alert that carries a message to the person (through the notifier). */
export function tell(
  code: string,
  severity: VenueAlert['severity'],
  message: string,
  key: string,
): VenueAlert {
  return { severity, code, message, dedupeKey: key };
}
