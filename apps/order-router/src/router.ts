import { type Bus, readControl, requestHalt } from '@algotrader/bus';
import { type Clock, ErrorCode, isAlgoError, isTerminal } from '@algotrader/core';
import type { MetricsSink } from '@algotrader/metrics';
import {
  type AccountState,
  AccountStore,
  Alerter,
  CONTROL_BUCKET,
  DeciderRunner,
  type DecisionProgress,
  decodeOrder,
  decodeProgress,
  encodeOrder,
  KvFollower,
  messageBounds,
  newAccount,
  ORDERS_BUCKET,
  type OrderState,
  type Pipeline,
  POSITIONS_BUCKET,
  progressKey,
  type ReadMeta,
  route,
  Serial,
  StreamReader,
} from '@algotrader/pipeline';
import { type BarMsg, type BarSetClosed, codecs, type OrderRequestMsg } from '@algotrader/proto';
import type { KV } from '@nats-io/kv';
import {
  localBook,
  orderNeeds,
  type RouterAction,
  type RouterInput,
  type RouterOutput,
  type RouterState,
  routerDecider,
  routerState,
  type VenueCall,
} from './decider';
import { writeSwapMetrics } from './swap-metrics';
import type { Venue, VenueResult } from './venue';

export interface OrderRouterOptions {
  readonly bus: Bus;
  readonly pipeline: Pipeline;
  readonly clock: Clock;
  readonly venue: Venue;
  /** `exchange` venues: how often open orders are looked up and the account reconciled, ms. */
  readonly pollMs?: number;
  /** BarMsg sets read ahead of the fills before the MD reader waits (bounds memory in a replay). */
  readonly maxAhead?: number;
  /** Called when the router cannot go on (a second writer on the account); main() exits. */
  readonly onFatal?: (e: Error) => void;
  /**
   * Where the swap figures (funding P&L, leverage, margin ratio, liquidation distance) go after
   * each saved state, stamped at the book's valuation time: `swap_account`/`swap_position` points
   * (swap-metrics.ts). Synchronous and buffered: the router never waits on it.
   */
  readonly metrics?: MetricsSink;
}

type Runner = DeciderRunner<RouterState, RouterInput, RouterOutput, AccountState>;

/**
 * The order-router's shell around `routerDecider` (decider.ts, where its logic and its
 * guarantees are written down): approved orders go to the {@link Venue}; its reports become
 * OrderEvents and Fills on EXEC and fills in the ONE account book, its alerts become Alerts, its
 * halt requests the HALTED control state. The shell reads MD and ORDERS in order from the
 * positions saved in the account value, follows the risk gate's progress (`bars` venues) or polls
 * the venue (`exchange` venues), reads what an order's decision needs (the control state, the
 * order index) and executes the decider's actions through the shared `DeciderRunner`: venue calls
 * (their results are fed back as inputs), HALTED by compare-and-set, and the save.
 *
 * The whole account is one KV value written with compare-and-set after the events are published;
 * it also holds the stream positions, so a restart re-reads exactly what the saved state lacks and
 * republishes the same events under the same ids.
 */
export class OrderRouter {
  readonly #o: OrderRouterOptions;
  readonly #v: Venue;
  readonly #serial = new Serial();
  readonly #alerts: Alerter;
  readonly #store: AccountStore;
  readonly #ordersKv: KV;
  readonly #control: KV;
  readonly #progress: KvFollower<DecisionProgress> | undefined;
  readonly #run: Runner;
  #md: StreamReader | undefined;
  #orders: StreamReader | undefined;
  #timer: NodeJS.Timeout | undefined;
  #stopped = false;
  #drained: (() => void) | undefined;
  /** The index puts of the last save, still in flight (off the serial path; see `#save`). */
  #indexing: { readonly done: Promise<void>; readonly orders: readonly OrderState[] } | undefined;
  /** Finished orders the index has acked, with the bytes it holds: their records may leave the account value. */
  readonly #inIndex = new Map<string, Uint8Array>();
  readonly #shell = { saves: 0, halts: 0, indexRetries: 0 };

  private constructor(
    o: OrderRouterOptions,
    store: AccountStore,
    ordersKv: KV,
    control: KV,
    progress: KvFollower<DecisionProgress> | undefined,
    state: AccountState,
  ) {
    this.#o = o;
    this.#v = o.venue;
    this.#store = store;
    this.#ordersKv = ordersKv;
    this.#control = control;
    this.#progress = progress;
    this.#alerts = new Alerter(o.bus, 'order-router', o.clock);
    this.#run = new DeciderRunner({
      bus: o.bus,
      name: 'order-router',
      decider: routerDecider({ pipeline: o.pipeline, venue: o.venue }),
      state: routerState(state, o.pipeline),
      alerts: this.#alerts,
      act: (a, s) => this.#act(a as RouterAction, s),
      // EXEC readers order an order's events by their seq: one round trip for the lot.
      concurrentPublish: true,
    });
  }

  static async start(o: OrderRouterOptions): Promise<OrderRouter> {
    const p = o.pipeline;
    const kv = await o.bus.kv(POSITIONS_BUCKET);
    const store = new AccountStore(kv, p.account);
    const saved = await store.load();
    const bars = o.venue.fills === 'bars';
    const held = saved ? undefined : await o.venue.snapshot();
    const state = saved ?? newAccount(p.account, held!.cash, p.config.paper.quoteCurrency);
    const progress = bars ? new KvFollower(kv, progressKey(p.account), decodeProgress, 250) : undefined;
    const r = new OrderRouter(
      o,
      store,
      await o.bus.kv(ORDERS_BUCKET),
      await o.bus.kv(CONTROL_BUCKET),
      progress,
      state,
    );
    if (held) r.#run.apply({ kind: 'open', held });
    // A crash may have come between saving the account and indexing its finished orders.
    await r.#index(r.#run.state.retired.splice(0));
    await r.#loadFinished();
    if (progress) {
      await progress.start();
      const follow = () => {
        const value = progress.value;
        if (!value) return;
        void r.#input({ kind: 'progress', progress: value }).catch((e: unknown) => {
          if (isAlgoError(e, ErrorCode.Conflict)) return r.#failed(e);
          // Transient (a publish or save during a NATS outage or failover): the progress is a level,
          // so taking the latest one in again later is exact; dropping it could stall the account.
          o.bus.log.warn({ err: (e as Error).message }, 'progress not taken in yet; retrying');
          if (!r.#stopped) setTimeout(follow, 500).unref();
        });
      };
      progress.onChange(follow);
      follow();
    } else {
      await r.#input({ kind: 'poll' });
    }
    r.#md = new StreamReader({
      bus: o.bus,
      name: 'order-router-md',
      stream: 'MD',
      filter: 'md.>',
      startSeq: state.mdSeq + 1,
      bounds: messageBounds(p),
      routes: [
        route(codecs.Bar, (bar: BarMsg) => r.#input({ kind: 'bar', bar })),
        route(codecs.BarSetClosed, async (set: BarSetClosed, meta) => {
          await r.#input({ kind: 'set', set, seq: meta.seq });
          await r.#backpressure();
        }),
      ],
      onDeadLetter: (reason, meta) =>
        r.#alerts.raise({
          severity: 'warning',
          code: 'md_rejected',
          message: `order-router refused ${meta.subject} #${meta.seq}: ${reason}`,
          dedupeKey: `${meta.seq}`,
        }),
    });
    r.#orders = new StreamReader({
      bus: o.bus,
      name: 'order-router',
      stream: 'ORDERS',
      filter: `ord.approved.${p.account}`,
      startSeq: state.orderSeq + 1,
      routes: [route(codecs.OrderRequest, (m: OrderRequestMsg, meta) => r.#order(m, meta))],
      onDeadLetter: (reason, meta) =>
        r.#alerts.raise({
          severity: 'critical',
          code: 'order_rejected',
          message: `order-router refused ${meta.subject} #${meta.seq}: ${reason}`,
          dedupeKey: `${meta.seq}`,
        }),
    });
    r.#md.start();
    r.#orders.start();
    if (!bars) r.#schedulePoll();
    return r;
  }

  /** A copy of the account state as last computed (saved or about to be). */
  get state(): AccountState {
    const s = this.#run.state;
    return { ...structuredClone(s.account), book: s.book.snapshot() };
  }

  get venue(): Venue {
    return this.#v;
  }

  get counters() {
    return { ...this.#run.state.counters, ...this.#shell };
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#drained?.();
    await this.#orders?.stop();
    await this.#md?.stop();
    this.#progress?.stop();
    // Only a state whose events are all out may be saved (a restart republishes the rest).
    await this.#serial.run(async () => {
      const s = this.#run.state;
      if (this.#run.idle) await this.#save(s, s.retired.splice(0)).catch(() => undefined);
      await this.#indexed().catch(() => undefined);
    });
    await this.#v.close();
  }

  /**
   * One input through the decider, one at a time. What an earlier input left undone (a failed
   * publish, save or call) is done first; a failure here leaves the reader retrying the message,
   * which the decider then recognises as taken in (positions, close times, order ids).
   */
  #input(input: RouterInput): Promise<void> {
    return this.#serial.run(async () => {
      await this.#run.flush();
      this.#run.apply(input);
      await this.#run.flush();
      if (this.#run.state.ahead.length < (this.#o.maxAhead ?? 2_000) / 2) {
        this.#drained?.();
        this.#drained = undefined;
      }
    });
  }

  /** An approved order, with what deciding it needs read first: the order index, the control state. */
  async #order(m: OrderRequestMsg, meta: ReadMeta): Promise<void> {
    const needs = orderNeeds(this.#run.state, m, meta.seq);
    // Both reads at once (one round trip, not two); the control state is used only when the order
    // is not known, as before: reading it for nothing changes nothing.
    const [known, read] = await Promise.all([
      needs.known ? this.#known(m.clientOrderId ?? '') : false,
      needs.control ? readControl(this.#control, this.#o.pipeline.account) : undefined,
    ]);
    const control = known ? undefined : read;
    await this.#input({
      kind: 'order',
      order: m,
      seq: meta.seq,
      now: this.#o.clock.now(),
      known,
      ...(control ? { control: { halted: control.state === 'HALTED', reason: control.reason } } : {}),
    });
  }

  #schedulePoll(): void {
    if (this.#stopped) return;
    this.#timer = setTimeout(() => {
      void this.#input({ kind: 'poll' })
        .catch((e: unknown) => this.#o.bus.log.warn({ err: (e as Error).message }, 'poll failed'))
        .finally(() => this.#schedulePoll());
    }, this.#o.pollMs ?? 5_000);
  }

  async #backpressure(): Promise<void> {
    const max = this.#o.maxAhead ?? 2_000;
    if (this.#run.state.ahead.length < max) return;
    await new Promise<void>((r) => {
      this.#drained = r;
    });
  }

  async #act(a: RouterAction, s: RouterState): Promise<RouterInput[] | undefined> {
    switch (a.type) {
      case 'venue':
        return [
          { kind: 'result', call: a.call, result: await this.#call(a.call, s), now: this.#o.clock.now() },
        ];
      case 'halt':
        await this.#halt(a.request.reason, a.request.detail);
        return undefined;
      case 'save':
        await this.#save(s, a.retired);
        return undefined;
    }
  }

  /**
   * A venue call that threw (a bug, or an error the venue did not turn into a result) is a
   * critical alert, never a crash; an order whose placement threw may or may not be out there:
   * `unknown`, which the next lookup by client order id settles.
   */
  async #call(c: VenueCall, s: RouterState): Promise<VenueResult> {
    const id = c.op === 'reconcile' ? '' : c.order.clientOrderId;
    try {
      switch (c.op) {
        case 'place':
          return await this.#v.place(c.order);
        case 'cancel':
          return await this.#v.cancel(c.order);
        case 'lookup':
          return await this.#v.lookup(c.order);
        case 'reconcile':
          return await this.#v.reconcile(localBook(s));
      }
    } catch (e) {
      const message = `${this.#v.name} ${c.op}${id ? ` of ${id}` : ''} failed: ${(e as Error).message}`;
      return {
        reports:
          c.op === 'place'
            ? [
                {
                  clientOrderId: id,
                  status: 'unknown',
                  filledQty: 0,
                  avgPrice: Number.NaN,
                  reason: message,
                  fills: [],
                },
              ]
            : [],
        alerts: [
          { severity: 'critical', code: 'venue_failed', message, dedupeKey: `${c.op}:${id}:${message}` },
        ],
      };
    }
  }

  /** A venue's halt request → HALTED (compare-and-set) and a critical alert when the state switches. */
  async #halt(reason: string, detail0: string): Promise<void> {
    const p = this.#o.pipeline;
    const detail = `${this.#v.name}: ${reason}: ${detail0}`;
    const control = await readControl(this.#control, p.account);
    // Already HALTED (by us, the risk gate or a person): the venue's own alerts say what else broke.
    if (control.state === 'HALTED') return;
    const now = this.#o.clock.now();
    await requestHalt(this.#control, p.account, 'order-router', detail, now);
    this.#shell.halts += 1;
    this.#alerts.raise({
      severity: 'critical',
      code: `halted_${reason}`,
      message: `account ${p.account} HALTED: ${detail}`,
      labels: { account: p.account, venue: this.#v.name },
      dedupeKey: `${p.account}:${now}`,
    });
  }

  /** Whether an order id was seen before the account's recent history (KV `orders`). */
  async #known(id: string): Promise<boolean> {
    // Finished and saved, its index put still in flight: known (it may have left `done` already).
    if (this.#indexing?.orders.some((o) => o.id === id)) return true;
    const e = await this.#ordersKv.get(id);
    return e !== null && e.operation === 'PUT';
  }

  /** Indexes finished orders by client order id, after the account state that finished them is saved. */
  async #index(retired: readonly OrderState[]): Promise<void> {
    // One key per order, so their order does not matter: all at once, one round trip. A crash
    // before every put is acked re-indexes them all at start (`retired` is saved in the account).
    const bytes = retired.map((o) => encodeOrder(o));
    await Promise.all(retired.map((o, i) => this.#ordersKv.put(o.id, bytes[i]!)));
    for (let i = 0; i < retired.length; i++) this.#inIndex.set(retired[i]!.id, bytes[i]!);
  }

  /**
   * Takes out of the account value the records of finished orders the index holds as they are
   * (acked, same bytes): `done` keeps their ids, the router keeps the records in memory for the
   * venue's reconciliation (`finished`). The value written and read at every step stays small
   * however many orders finished lately; a record changed since it was indexed stays until its
   * new version is acked.
   */
  #trimAccount(s: RouterState): void {
    const a = s.account;
    for (const [id, bytes] of this.#inIndex) {
      const o = a.orders[id];
      if (o === undefined || !isTerminal(o.status) || !a.done.includes(id)) continue;
      // A record brought back by a report goes out again once the index holds it as it is.
      if (!sameBytes(encodeOrder(o), bytes)) continue;
      s.finished.set(id, o);
      delete a.orders[id];
    }
    // Both follow `done`: an order that left it (older than the last KEEP_DONE) is forgotten here too.
    if (this.#inIndex.size > a.done.length || s.finished.size > a.done.length) {
      const done = new Set(a.done);
      for (const id of this.#inIndex.keys()) if (!done.has(id)) this.#inIndex.delete(id);
      for (const id of s.finished.keys()) if (!done.has(id)) s.finished.delete(id);
    }
  }

  /** At start: the records of the finished orders the saved value holds by id only, from the index. */
  async #loadFinished(): Promise<void> {
    const s = this.#run.state;
    const missing = s.account.done.filter((id) => s.account.orders[id] === undefined);
    const entries = await Promise.all(missing.map((id) => this.#ordersKv.get(id)));
    const lost: string[] = [];
    for (let i = 0; i < missing.length; i++) {
      const e = entries[i];
      if (e && e.operation === 'PUT') s.finished.set(missing[i]!, decodeOrder(e.value));
      else lost.push(missing[i]!);
    }
    if (lost.length === 0) return;
    // The reconciliation cannot compare these with the venue (it may report them as unknown).
    const p = this.#o.pipeline;
    this.#o.bus.log.warn({ clientOrderIds: lost }, 'finished orders missing from the order index');
    this.#alerts.raise({
      severity: 'warning',
      code: 'order_index_missing',
      message: `account ${p.account}: ${lost.length} finished order(s) of the saved account are not in KV orders (${lost.slice(0, 5).join(', ')}${lost.length > 5 ? ', …' : ''}): was the bucket purged?`,
      labels: { account: p.account },
      dedupeKey: `${p.account}:${lost.join(',')}`,
    });
  }

  /**
   * Saves the account, then indexes the orders it finished. The index puts are not awaited here:
   * the next input need not wait for them. What keeps that safe: (1) a finished order stays in the
   * account's `done` list, which `orderNeeds` checks before the index, until later saves push it
   * out, and the next save first waits for the index puts of this one (`#indexed`, retrying them if
   * they failed), so an order leaves `done` in a saved state only once it is in the index; (2) a
   * crash before they are acked re-indexes every order of `done` at start.
   */
  async #save(s: RouterState, retired: readonly OrderState[]): Promise<void> {
    await this.#indexed();
    this.#trimAccount(s);
    s.account.book = s.book.snapshot();
    s.account.updatedMs = this.#o.clock.now();
    try {
      await this.#store.save(s.account);
    } catch (e) {
      if (isAlgoError(e, ErrorCode.Conflict)) this.#failed(e);
      throw e;
    }
    this.#shell.saves += 1;
    if (this.#o.metrics) {
      const at = s.book.valuedAt > 0 ? s.book.valuedAt : this.#o.clock.now();
      writeSwapMetrics(this.#o.metrics, this.#o.pipeline.account, s.book, at);
    }
    // Saved: what the venue returned before this save is durable now (it may acknowledge its inputs).
    this.#v.committed?.();
    if (retired.length === 0) return;
    const done = this.#index(retired);
    // Seen (and retried) by the next save or stop; a failure here is not lost.
    done.catch(() => undefined);
    this.#indexing = { done, orders: retired };
  }

  /** Waits for the index puts of the last save; those that failed are put again (a failure throws). */
  async #indexed(): Promise<void> {
    const last = this.#indexing;
    if (!last) return;
    try {
      await last.done;
    } catch (e) {
      this.#shell.indexRetries += 1;
      this.#o.bus.log.warn({ err: (e as Error).message }, 'order index put failed; putting again');
      await this.#index(last.orders);
    }
    if (this.#indexing === last) this.#indexing = undefined;
  }

  /**
   * Another writer changed the account (or an invariant broke): this instance's state can no
   * longer be trusted. Alert and hand over to `onFatal` (the process exits and restarts from KV).
   */
  #failed(e: unknown): void {
    const err = e as Error;
    this.#o.bus.log.error({ err: err.message }, 'order-router failed');
    this.#alerts.raise({
      severity: 'critical',
      code: 'router_failed',
      message: `order-router ${this.#o.pipeline.account}: ${err.message}`,
      dedupeKey: String(this.#o.clock.now()),
    });
    this.#o.onFatal?.(err);
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.compare(a, b) === 0;
}
