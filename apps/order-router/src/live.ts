import { type Bus, subjects, updateControl } from '@algotrader/bus';
import { type Clock, isTerminal, type OrderStatus, parseInstrument } from '@algotrader/core';
import {
  type AccountState,
  AccountStore,
  Alerter,
  applyFill,
  CONTROL_BUCKET,
  equityOf,
  keyOf,
  newAccount,
  num,
  type OrderState,
  Outbox,
  out,
  type Pipeline,
  POSITIONS_BUCKET,
  type ReadMeta,
  retire,
  route,
  Serial,
  StreamReader,
  sideOf,
  typeOf,
} from '@algotrader/pipeline';
import { type BarSetClosed, codecs, type Fill, type OrderRequest, pb } from '@algotrader/proto';
import type { KV } from '@nats-io/kv';
import type { BrokerReport, LiveBroker } from './broker';
import { moveOrder, positionSnapshot } from './events';

export interface LiveRouterOptions {
  readonly bus: Bus;
  readonly pipeline: Pipeline;
  readonly clock: Clock;
  readonly broker: LiveBroker;
  /** How often open orders are looked up and balances reconciled, ms. */
  readonly pollMs?: number;
  readonly onFatal?: (e: Error) => void;
}

/**
 * The order-router for an exchange account: approved orders go to the `LiveBroker` keyed by their
 * client order id; its reports become OrderEvents and Fills (each trade id applied once) and the
 * account state in KV. Open orders are looked up every `pollMs`, and balances are reconciled
 * against the positions: an unexplained difference switches the account to HALTED with an alert.
 * The state is valid for a decision at close time C (`visibleThrough`) once the bar set of C is in
 * and no order decided before C is still open.
 */
export class LiveRouter {
  readonly #o: LiveRouterOptions;
  readonly #serial = new Serial();
  readonly #outbox = new Outbox();
  readonly #alerts: Alerter;
  readonly #store: AccountStore;
  readonly #control: KV;
  #state: AccountState;
  #orders: StreamReader | undefined;
  #md: StreamReader | undefined;
  #timer: NodeJS.Timeout | undefined;
  #lastSet = 0;
  readonly #applied = new Set<string>();

  private constructor(o: LiveRouterOptions, store: AccountStore, control: KV, state: AccountState) {
    this.#o = o;
    this.#store = store;
    this.#control = control;
    this.#state = state;
    this.#alerts = new Alerter(o.bus, 'order-router', o.clock);
  }

  static async start(o: LiveRouterOptions): Promise<LiveRouter> {
    const p = o.pipeline;
    const kv = await o.bus.kv(POSITIONS_BUCKET);
    const control = await o.bus.kv(CONTROL_BUCKET);
    const store = new AccountStore(kv, p.account);
    const state = (await store.load()) ?? newAccount(p.account, 0, p.config.paper.quoteCurrency);
    const r = new LiveRouter(o, store, control, state);
    await r.#serial.run(() => r.#reconcile());
    r.#orders = new StreamReader({
      bus: o.bus,
      name: 'order-router',
      stream: 'ORDERS',
      filter: `ord.approved.${p.account}`,
      startSeq: state.orderSeq + 1,
      routes: [
        route(codecs.OrderRequest, (m: OrderRequest, meta) => r.#serial.run(() => r.#onOrder(m, meta))),
      ],
    });
    r.#md = new StreamReader({
      bus: o.bus,
      name: 'order-router-md',
      stream: 'MD',
      filter: `md.barset.${p.venue.toLowerCase()}.${p.tf}`,
      startSeq: state.mdSeq + 1,
      routes: [route(codecs.BarSetClosed, (m: BarSetClosed, meta) => r.#serial.run(() => r.#onSet(m, meta)))],
    });
    r.#orders.start();
    r.#md.start();
    const poll = () => {
      r.#timer = setTimeout(() => {
        void r.#serial
          .run(() => r.#poll())
          .catch((e: unknown) => o.bus.log.warn({ err: (e as Error).message }, 'poll failed'))
          .finally(poll);
      }, o.pollMs ?? 5_000);
    };
    poll();
    return r;
  }

  async stop(): Promise<void> {
    if (this.#timer) clearTimeout(this.#timer);
    await this.#orders?.stop();
    await this.#md?.stop();
    await this.#o.broker.close();
  }

  async #onSet(m: BarSetClosed, meta: ReadMeta): Promise<void> {
    this.#lastSet = Math.max(this.#lastSet, Number(m.closeTimeMs ?? 0));
    this.#state.mdSeq = meta.seq;
    await this.#publishAndSave();
  }

  async #onOrder(m: OrderRequest, meta: ReadMeta): Promise<void> {
    const s = this.#state;
    if (meta.seq > s.orderSeq) {
      const id = m.clientOrderId ?? '';
      const instrument = parseInstrument(keyOf(m.instrument));
      if (m.cancel) {
        const o = s.orders[id];
        if (o && !isTerminal(o.status)) this.#apply(o, await this.#o.broker.cancel(id, instrument));
      } else if (s.orders[id] === undefined && !s.done.includes(id)) {
        const type = typeOf(m.type);
        const o: OrderState = {
          id,
          strategy: m.strategy ?? '',
          instrument: keyOf(m.instrument),
          side: sideOf(m.side),
          type,
          qty: m.quantity ? num(m.quantity, 'quantity') : 0,
          ...(type === 'limit' ? { limitPrice: num(m.limitPrice, 'limit_price') } : {}),
          decisionTime: Number(m.decisionTimeMs ?? 0),
          eligibleOpen: Number(m.decisionTimeMs ?? 0),
          status: 'pending_submit',
          events: 0,
          filledQty: 0,
          avgFillPrice: Number.NaN,
        };
        s.orders[id] = o;
        s.pending.push(id);
        const report = await this.#o.broker.place({
          clientOrderId: id,
          instrument,
          side: o.side,
          type,
          qty: o.qty,
          ...(o.limitPrice !== undefined ? { limitPrice: o.limitPrice } : {}),
          ...(m.quoteAmount ? { quoteAmount: num(m.quoteAmount, 'quote_amount') } : {}),
          strategy: o.strategy,
          decisionTime: o.decisionTime,
        });
        this.#apply(o, report);
      }
      s.orderSeq = meta.seq;
    }
    await this.#publishAndSave();
  }

  /** Moves the order along what the exchange reports and books fills not seen before. */
  #apply(o: OrderState, r: BrokerReport): void {
    const p = this.#o.pipeline;
    const s = this.#state;
    const now = this.#o.clock.now();
    if (r.exchangeOrderId) o.exchangeId = r.exchangeOrderId;
    for (const f of r.fills) {
      const key = `${o.id}:${f.tradeId}`;
      if (this.#applied.has(key)) continue;
      this.#applied.add(key);
      const spec = p.specs[p.indexOf(o.instrument)]!;
      try {
        applyFill(s, o.instrument, spec, o.side, f.qty, f.price, f.feeCurrency === s.quote ? f.fee : 0);
        // A fee taken in the base currency (OKX spot buys) shrinks the holding instead of the cash.
        const base = o.instrument.slice(o.instrument.indexOf(':') + 1).split('/')[0];
        if (f.feeCurrency === base && f.fee > 0) {
          const pos = s.positions[o.instrument]!;
          pos.qty -= f.fee;
          pos.fees += f.fee * f.price;
        }
      } catch (e) {
        // The exchange is the truth: book what it says; reconciliation compares the balances.
        this.#alerts.raise({
          severity: 'warning',
          code: 'fill_unexpected',
          message: `fill ${f.tradeId} of ${o.id} does not fit the account: ${(e as Error).message}`,
          dedupeKey: key,
        });
      }
      s.fills += 1;
      const fill: Fill = {
        tradeId: f.tradeId,
        clientOrderId: o.id,
        account: p.account,
        instrument: { venue: p.venue, symbol: o.instrument.slice(o.instrument.indexOf(':') + 1) },
        side: o.side === 'buy' ? pb.Side.SIDE_BUY : pb.Side.SIDE_SELL,
        quantity: String(f.qty),
        price: String(f.price),
        fee: String(f.fee),
        feeCurrency: f.feeCurrency,
        timeMs: f.timeMs,
        maker: f.maker,
      };
      this.#outbox.push(
        out(
          codecs.Fill,
          subjects.execFill(p.account),
          fill,
          `fill:${p.venue.toLowerCase()}:${f.tradeId}`,
          `ord:${o.id}`,
        ),
      );
    }
    o.filledQty = r.filledQty;
    o.avgFillPrice = r.avgPrice;
    const path: OrderStatus[] =
      o.status === 'pending_submit' && r.status !== 'pending_submit' && r.status !== 'submitted'
        ? ['submitted']
        : [];
    for (const to of [...path, r.status]) {
      if (to === o.status && to !== 'partially_filled') continue;
      if (to === 'partially_filled' && o.status === 'partially_filled' && r.fills.length === 0) continue;
      this.#outbox.push(moveOrder(p.account, o, to, now, r.reason ?? ''));
    }
    if (isTerminal(o.status)) retire(s, o.id);
  }

  async #poll(): Promise<void> {
    const s = this.#state;
    for (const id of [...s.pending]) {
      const o = s.orders[id];
      if (!o) continue;
      const r = await this.#o.broker.lookup(id, parseInstrument(o.instrument));
      if (r) this.#apply(o, r);
    }
    await this.#reconcile();
    await this.#publishAndSave();
  }

  /** Balances against positions; an unexplained difference halts trading. */
  async #reconcile(): Promise<void> {
    const p = this.#o.pipeline;
    const s = this.#state;
    const snap = await this.#o.broker.snapshot(s.updatedMs - 3_600_000);
    const quote = snap.balances[s.quote] ?? 0;
    if (s.updatedMs === 0) s.cash = quote;
    const mismatches = (): string[] => {
      const problems: string[] = [];
      p.keys.forEach((key, k) => {
        const base = p.instruments[k]!.base;
        const held = s.positions[key]?.qty ?? 0;
        const bal = snap.balances[base] ?? 0;
        if (s.updatedMs === 0 && bal > 0) {
          s.positions[key] = { qty: bal, avg: Number.NaN, realized: 0, fees: 0 };
        } else if (Math.abs(bal - held) > p.specs[k]!.lotSize) {
          problems.push(`${key}: exchange holds ${bal} ${base}, the account ${held}`);
        }
      });
      return problems;
    };
    let problems = mismatches();
    if (problems.length > 0 && s.pending.length > 0) {
      // A fill can land between the order lookups and the balance query: look the open orders up
      // again (now after the balances were read) before calling the difference unexplained.
      for (const id of [...s.pending]) {
        const o = s.orders[id];
        if (!o) continue;
        const r = await this.#o.broker.lookup(id, parseInstrument(o.instrument));
        if (r) this.#apply(o, r);
      }
      problems = mismatches();
    }
    s.cash = quote;
    if (problems.length > 0) {
      await updateControl(
        this.#control,
        p.account,
        { kind: 'state', state: 'HALTED' },
        'order-router',
        problems.join('; '),
        this.#o.clock.now(),
      );
      this.#alerts.raise({
        severity: 'critical',
        code: 'reconcile_mismatch',
        message: `account ${p.account} HALTED: ${problems.join('; ')}`,
        dedupeKey: problems.join('|'),
      });
    }
  }

  async #publishAndSave(): Promise<void> {
    const p = this.#o.pipeline;
    const s = this.#state;
    const open = s.pending.map((id) => s.orders[id]!).filter((o) => o && !isTerminal(o.status));
    const oldest = open.reduce((m, o) => Math.min(m, o.decisionTime), Number.POSITIVE_INFINITY);
    const visible = Math.min(this.#lastSet, oldest);
    if (visible > s.visibleThrough) {
      s.visibleThrough = visible;
      s.lastBarSet = this.#lastSet;
      s.equity = equityOf(s, p.keys);
      this.#outbox.push(positionSnapshot(s, p, this.#lastSet, `pos:${p.account}:${this.#lastSet}`));
    }
    await this.#outbox.flush(this.#o.bus);
    s.updatedMs = this.#o.clock.now();
    await this.#store.save(s);
  }
}
