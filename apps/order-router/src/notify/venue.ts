import { type Bus, type ConsumerHandle, type ConsumerSpec, subjects } from '@algotrader/bus';
import { type Clock, formatInstrument, type Instrument, isTerminal } from '@algotrader/core';
import type { Logger } from '@algotrader/core/node';
import type { CnCosts, SseCalendar } from '@algotrader/markets-cn';
import type { Pipeline } from '@algotrader/pipeline';
import { type ManualReport, manualReportCodec, manualReportSubject } from '@algotrader/pipeline/domain';
import { codecs } from '@algotrader/proto';
import {
  type LocalBook,
  NOTHING,
  type OrderRecord,
  type ReconcileResult,
  type Venue,
  type VenueAlert,
  type VenueOrder,
  type VenueReport,
  type VenueResult,
  type VenueSnapshot,
} from '../venue';
import {
  boughtOn,
  checkReport,
  findOrder,
  type NotifySettings,
  type Suggestion,
  suggest,
  suggestionText,
  tell,
} from './manual';

export interface NotifyVenueOptions {
  /** The venue's own connection: the report consumer and the last bars (MD). */
  readonly bus: Bus;
  /** Close the bus with the venue (true when the factory opened it). */
  readonly ownsBus: boolean;
  readonly pipeline: Pipeline;
  readonly calendar: SseCalendar;
  readonly costs: CnCosts;
  readonly settings: NotifySettings;
  readonly clock: Clock;
  readonly log: Logger;
}

interface Pending {
  readonly report: ManualReport;
  readonly done: (err?: Error) => void;
}

/**
 * The notify-only venue (China A-shares: no API, a person places every order). `place` turns an
 * approved order into a message with exactly what to do — code and name, buy/sell, shares in lots,
 * a limit price inside the day's price band, the deadline — sent through the notifier (an alert
 * the router publishes), and reports the order `accepted`. The person answers with `/filled`,
 * `/partial` or `/skipped` in an allowlisted Telegram chat; the notifier publishes the report on
 * `ops.manual.<account>`, and the next `reconcile` checks it against the order (open, quantity
 * left, lots, tick, band, T+1) and reports the fill — booked by the router like any exchange
 * fill — or answers why not. An order nobody answered by the close (+ grace) expires, with a
 * message. There is no balance to read: `reconcile` never sets cash.
 *
 * Reports are taken one per reconcile and acknowledged only once the router has saved the account
 * state that holds what the report did ({@link NotifyVenue.committed}): a crash before that save
 * redelivers it. A redelivered report whose fill is already booked (its trade id is the report's
 * ref, saved with the order) books nothing and is acknowledged.
 */
/**
 * The notify venue's durable on OPS. One fixed name, so infra/nats/auth.conf can pin the
 * order-router's consumer rights to it (a name cannot be matched by prefix); the account is in its
 * filter. One notify account per order-router identity.
 */
export const NOTIFY_DURABLE = 'order-router-manual';

/** The notify venue's durable for `account` (created by `algotrader init` under auth; the router binds to it). */
export function notifyVenueConsumer(account: string): ConsumerSpec {
  return {
    stream: 'OPS',
    durable: NOTIFY_DURABLE,
    filterSubjects: [manualReportSubject(account)],
    deliverPolicy: 'all',
    ackWaitMs: 120_000,
    maxDeliver: 20,
  };
}

export class NotifyVenue implements Venue {
  readonly name = 'notify';
  readonly fills = 'exchange' as const;
  readonly #o: NotifyVenueOptions;
  readonly #suggestions = new Map<string, Suggestion>();
  readonly #inbox: Pending[] = [];
  /** Reports handled by a reconcile, acknowledged once the router has saved its result. */
  readonly #awaiting: Pending[] = [];
  /** Report refs handled by this process: a redelivery is not booked twice. */
  readonly #handled = new Set<string>();
  #consumer: ConsumerHandle | undefined;
  #closed = false;

  private constructor(o: NotifyVenueOptions) {
    this.#o = o;
  }

  static async start(o: NotifyVenueOptions): Promise<NotifyVenue> {
    const v = new NotifyVenue(o);
    const account = o.pipeline.account;
    v.#consumer = await o.bus.consume<ManualReport>({
      ...notifyVenueConsumer(account),
      batch: 1,
      codec: manualReportCodec,
      handler: (report) =>
        new Promise<void>((resolve, reject) => {
          if (v.#closed) return reject(new Error('notify venue closing'));
          v.#inbox.push({ report, done: (err) => (err ? reject(err) : resolve()) });
        }),
    });
    return v;
  }

  /** The close of the last bar of `i` on MD (the previous close of a daily pipeline). */
  async #lastClose(i: Instrument): Promise<{ close: number; closeTime: number } | undefined> {
    const subject = subjects.bar(i, this.#o.pipeline.config.timeframe);
    try {
      const m = await this.#o.bus.jsm.streams.getMessage('MD', { last_by_subj: subject });
      if (!m) return undefined;
      const b = codecs.Bar.decode(m.data);
      return { close: Number(b.close ?? Number.NaN), closeTime: Number(b.closeTimeMs ?? 0) };
    } catch (e) {
      this.#o.log.warn({ subject, err: (e as Error).message }, 'no last bar for the price band');
      return undefined;
    }
  }

  async #suggestion(o: VenueOrder): Promise<Suggestion | { error: string; code: string }> {
    const known = this.#suggestions.get(o.clientOrderId);
    if (known) return known;
    const prev = await this.#lastClose(o.instrument);
    let g: Suggestion | { error: string; code: string };
    try {
      g = suggest(o, this.#o.clock.now(), prev, this.#o.calendar, this.#o.settings);
    } catch (e) {
      // e.g. a date beyond the bundled calendar: said, never guessed.
      g = { code: 'calendar', error: (e as Error).message };
    }
    if (!('error' in g)) this.#suggestions.set(o.clientOrderId, g);
    return g;
  }

  async place(order: VenueOrder): Promise<VenueResult> {
    const id = order.clientOrderId;
    const again = this.#suggestions.has(id);
    const g = await this.#suggestion(order);
    if ('error' in g) {
      return {
        reports: [
          {
            clientOrderId: id,
            status: 'rejected',
            filledQty: 0,
            avgPrice: Number.NaN,
            reason: g.error,
            fills: [],
          },
        ],
        alerts: [
          tell(
            `notify_order_${g.code}`,
            'warning',
            `Order ${id} not sent to you: ${g.error}`,
            `refused:${id}`,
          ),
        ],
      };
    }
    const accepted: VenueReport = {
      clientOrderId: id,
      exchangeOrderId: id,
      status: 'accepted',
      filledQty: 0,
      avgPrice: Number.NaN,
      fills: [],
    };
    if (again) return { reports: [accepted], alerts: [] };
    return {
      reports: [accepted],
      alerts: [
        {
          ...tell('notify_order', 'warning', suggestionText(g, this.#o.costs), `notify:${id}`),
          labels: { order: id, action: `${g.side} ${g.qty} ${g.share.code}`, until: g.tradeDate },
        },
      ],
    };
  }

  async cancel(order: OrderRecord): Promise<VenueResult> {
    if (isTerminal(order.status) || order.status === 'pending_cancel') return NOTHING;
    const id = order.clientOrderId;
    return {
      reports: [
        {
          clientOrderId: id,
          status: 'pending_cancel',
          filledQty: order.filledQty,
          avgPrice: order.avgFillPrice,
          fills: [],
        },
      ],
      alerts: [
        tell(
          'notify_cancel',
          'warning',
          `❎ Do not place order ${id} (${order.side} ${order.qty} ${order.instrument.base}); if you placed it, cancel it in your broker app. ` +
            `Then reply /skipped ${id}, or /filled ${id} <shares> <price> / /partial … for what had already executed.`,
          `cancel:${id}`,
        ),
      ],
    };
  }

  async lookup(order: OrderRecord): Promise<VenueResult> {
    // A placement whose outcome was not settled (the call threw): place it again (idempotent).
    if (order.status === 'unknown' || order.status === 'pending_submit') return this.place(order);
    // Otherwise nothing happens by itself: the person's reports arrive through reconcile.
    return NOTHING;
  }

  async snapshot(): Promise<VenueSnapshot> {
    return { cash: this.#o.pipeline.config.paper.initialCash, positions: {} };
  }

  async reconcile(book: LocalBook): Promise<ReconcileResult> {
    const reports: VenueReport[] = [];
    const alerts: VenueAlert[] = [];
    const touched = new Set<string>();
    const dateOf = (o: OrderRecord) => this.#o.calendar.tradingDateFor(o.decisionTime);
    for (const item of this.#inbox.splice(0)) {
      const r = item.report;
      try {
        if (this.#handled.has(r.ref)) continue;
        this.#handled.add(r.ref);
        if (this.#handled.size > 10_000) this.#handled.delete(this.#handled.values().next().value!);
        const rec = findOrder(r.order, book.orders);
        if (typeof rec === 'string') {
          alerts.push(
            tell('notify_report_refused', 'warning', `❌ /${r.action} ${r.order}: ${rec}`, `report:${r.ref}`),
          );
          continue;
        }
        if (rec.trades?.includes(r.ref)) {
          // Redelivered after a restart: booked (and saved) before; the reply may have been lost.
          alerts.push(
            tell(
              'notify_report_booked',
              'info',
              `✅ Report ${r.ref} (/${r.action} ${rec.clientOrderId}) is booked: ${rec.filledQty} of ${rec.qty} shares filled.`,
              `report:${r.ref}:again`,
            ),
          );
          continue;
        }
        const g = await this.#suggestion(rec);
        if ('error' in g) {
          alerts.push(
            tell(
              'notify_report_refused',
              'warning',
              `❌ /${r.action} ${rec.clientOrderId}: ${g.error}`,
              `report:${r.ref}`,
            ),
          );
          continue;
        }
        const key = formatInstrument(rec.instrument);
        const bought = boughtOn(key, g.tradeDate, book.orders, dateOf);
        const out = checkReport(r, rec, g, book, bought, 0, this.#o.costs);
        if (out.ok) {
          reports.push(out.report);
          touched.add(rec.clientOrderId);
        }
        alerts.push(
          tell(
            out.ok ? 'notify_report_booked' : 'notify_report_refused',
            out.ok ? 'info' : 'warning',
            out.reply,
            `report:${r.ref}`,
          ),
        );
      } finally {
        this.#awaiting.push(item);
      }
    }
    const now = this.#o.clock.now();
    for (const rec of book.orders) {
      if (isTerminal(rec.status) || touched.has(rec.clientOrderId)) continue;
      const g = await this.#suggestion(rec);
      if ('error' in g || now <= g.expiresAt) continue;
      const reported = rec.filledQty > 0 ? `; the ${rec.filledQty} shares reported stay booked` : '';
      reports.push({
        clientOrderId: rec.clientOrderId,
        status: 'expired',
        filledQty: rec.filledQty,
        avgPrice: rec.avgFillPrice,
        reason: `no report by ${new Date(g.expiresAt).toISOString()}`,
        fills: [],
        timeMs: now,
      });
      alerts.push(
        tell(
          'notify_order_expired',
          'warning',
          `⌛ Order ${rec.clientOrderId} (${g.side} ${g.qty} ${g.share.code} for ${g.tradeDate}) expired: nothing was reported by the deadline, so the books assume it was not traded${reported}.`,
          `expired:${rec.clientOrderId}`,
        ),
      );
    }
    return { reports, alerts };
  }

  /**
   * The router saved the account state holding every reconcile result returned so far: the
   * reports those reconciles handled are acknowledged now (never before: no report is lost).
   */
  committed(): void {
    for (const p of this.#awaiting.splice(0)) p.done();
  }

  /** Reports handled but not yet acknowledged (waiting for the router's save). */
  get unacked(): number {
    return this.#awaiting.length;
  }

  async close(): Promise<void> {
    this.#closed = true;
    // Not saved (the router's last save would have committed them): redelivered after the restart.
    for (const p of [...this.#awaiting.splice(0), ...this.#inbox.splice(0)]) {
      p.done(new Error('notify venue closing'));
    }
    await this.#consumer?.stop();
    if (this.#o.ownsBus) await this.#o.bus.close();
  }
}
