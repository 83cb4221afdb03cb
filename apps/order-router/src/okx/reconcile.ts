import { type Clock, ErrorCode, isAlgoError, isTerminal } from '@algotrader/core';
import type { VenueAlert } from '../venue';
import { attachedExitReason, entryOfAttachedExit, rowOf } from './attached';
import type { OkxReads } from './client';
import { dAbs, dAdd, dGt, dSub, dSum } from './decimal';
import { classifyOkxError, describeError, isHaltWorthy } from './errors';
import type { AlertSeverity } from './mapping';
import { type RetryPolicy, retryRead } from './retry';
import type { OkxBalance, OkxFillRow, OkxOrderRow } from './rows';
import type { OrderTracker, TrackedOrder } from './tracker';
import type {
  LocalOrder,
  LocalPosition,
  Mismatch,
  OkxFill,
  OrderMove,
  ReconcileFailure,
  ReconcileOptions,
  ReconcileQuery,
  ReconcileReport,
  ReconcileVerdict,
} from './types';

export interface ReconcileContext {
  readonly account: string;
  readonly clock: Clock;
  readonly reads: OkxReads;
  readonly tracker: OrderTracker;
  readonly retry: RetryPolicy;
  readonly symbols: readonly string[];
  readonly fillsLookbackMs: number;
  readonly positionTolerance: Readonly<Record<string, string>>;
  readonly externalHoldings: Readonly<Record<string, string>>;
  readonly owns: (clOrdId: string) => boolean;
  alert(severity: AlertSeverity, code: string, message: string, labels: Record<string, string>): VenueAlert;
  trackedFrom(local: LocalOrder): TrackedOrder;
}

/**
 * One reconciliation pass. The router's records (`localOrders`, `localPositions`) are the
 * baseline; OKX's open orders, fills since `sinceMs` and balances are read (each query retried,
 * and a query that still fails is a FAILURE — its absence of rows is never taken as "none"); every
 * difference is either explained by the events and fills returned (publish them) or reported as
 * an unexplained mismatch (verdict `halt`). Open orders end up tracked by the broker.
 */
export async function reconcileWithExchange(
  ctx: ReconcileContext,
  localOrders: readonly LocalOrder[],
  localPositions: readonly LocalPosition[],
  opts: ReconcileOptions,
): Promise<ReconcileReport> {
  const now = ctx.clock.now();
  const failures: (ReconcileFailure & { halt: boolean })[] = [];
  const mismatches: Mismatch[] = [];
  const events: OrderMove[] = [];
  const fills: OkxFill[] = [];

  const query = async <T>(
    q: ReconcileQuery,
    fn: () => Promise<T>,
    clientOrderId?: string,
  ): Promise<T | undefined> => {
    try {
      return await retryRead(fn, ctx.retry);
    } catch (e) {
      const c = classifyOkxError(e);
      failures.push({
        query: q,
        error: describeError(e),
        class: c,
        halt: isHaltWorthy(c),
        ...(clientOrderId !== undefined ? { clientOrderId } : {}),
      });
      return undefined;
    }
  };

  const open = await query('open_orders', () => ctx.reads.openOrders());
  const recent = await query('fills', () => ctx.reads.fillsSince(opts.sinceMs ?? now - ctx.fillsLookbackMs));
  const balances = await query('balance', () => ctx.reads.balances());

  const local = new Map(localOrders.map((o) => [o.clientOrderId, o]));
  // An order OKX placed for us (a triggered stop-loss) has no clOrdId of ours: its fills are known
  // by the ordId the router recorded for it.
  const localByOrdId = new Map(
    localOrders.filter((o) => o.exchangeOrderId).map((o) => [o.exchangeOrderId!, o.clientOrderId]),
  );
  const openByClId = new Map((open ?? []).filter((r) => r.clOrdId !== '').map((r) => [r.clOrdId, r]));
  const recentByClId = groupBy(recent ?? [], (f) => localByOrdId.get(f.ordId) ?? f.clOrdId);

  const notOnExchange = (t: TrackedOrder) => {
    const push = (explained: boolean, detail: string) =>
      mismatches.push({
        kind: 'order_not_on_exchange',
        explained,
        clientOrderId: t.clientOrderId,
        local: `${t.status} ${t.filled}`,
        detail,
      });
    if (isTerminal(t.status)) return;
    if (t.status === 'pending_submit' || t.status === 'unknown') {
      const ev = ctx.tracker.move(t, 'rejected', 'not on the exchange');
      if (ev) events.push(ev);
      push(true, 'never reached OKX: rejected');
    } else if (!dGt(t.filled, '0')) {
      // OKX forgets canceled orders without fills after 2 hours: the one way an accepted order vanishes.
      const ev = ctx.tracker.move(t, 'canceled', 'no longer on the exchange: canceled without fills');
      if (ev) events.push(ev);
      push(true, 'no longer on OKX: canceled without fills');
    } else {
      push(false, `OKX has no order ${t.clientOrderId}, locally ${t.status} with ${t.filled} filled`);
    }
  };

  /** Brings one order (resumed or adopted) up to date with OKX; a failed query leaves it as it is. */
  const settle = async (
    t: TrackedOrder,
    known: OkxOrderRow | undefined,
    what: Mismatch['kind'],
  ): Promise<void> => {
    const before = { status: t.status, filled: t.filled };
    let row = known;
    if (!row) {
      try {
        row = await retryRead(() => rowOf(ctx.reads, t), ctx.retry);
      } catch (e) {
        if (classifyOkxError(e) !== 'not_found') {
          failures.push({
            query: 'order',
            clientOrderId: t.clientOrderId,
            error: describeError(e),
            class: classifyOkxError(e),
            halt: isHaltWorthy(classifyOkxError(e)),
          });
          return;
        }
        notOnExchange(t);
        return;
      }
    }
    let rows: OkxFillRow[] | undefined;
    if (dGt(row.accFillSz, '0') && (dGt(row.accFillSz, t.fillsQty) || opts.knownTradeIds)) {
      const r = row;
      rows = await query(
        'fills',
        () => ctx.reads.orderFills(r.instId, r.ordId, r.accFillSz),
        t.clientOrderId,
      );
      if (!rows) return; // apply nothing half-known: the order stays as the router has it
    }
    try {
      const changes = ctx.tracker.apply(t, row, rows, 'reconciliation');
      events.push(...changes.events);
      fills.push(...changes.fills);
      if (changes.events.length > 0 || changes.fills.length > 0) {
        mismatches.push({
          kind:
            what === 'orphan_order' || what === 'triggered_exit'
              ? what
              : changes.fills.length > 0
                ? 'missing_fills'
                : 'order_state',
          explained: true,
          clientOrderId: t.clientOrderId,
          local: `${before.status} ${before.filled}`,
          exchange: `${row.state} ${row.accFillSz}`,
          detail:
            what === 'orphan_order'
              ? `our order ${t.clientOrderId} is on OKX but not in the local records: adopted`
              : what === 'triggered_exit'
                ? `the ${t.exit?.reason} attached to ${t.exit?.entry} triggered on OKX: order ${row.ordId} taken in as its exit`
                : `${changes.events.length} event(s), ${changes.fills.length} fill(s) missing locally`,
        });
      }
    } catch (e) {
      if (!isAlgoError(e, ErrorCode.Conflict)) throw e;
      mismatches.push({
        kind: 'state_conflict',
        explained: false,
        clientOrderId: t.clientOrderId,
        detail: e.message,
      });
    }
  };

  // 1. Local orders: every open one, and any final one with fills the records do not cover.
  for (const l of localOrders) {
    const exchangeFills = recentByClId.get(l.clientOrderId) ?? [];
    const unseen = opts.knownTradeIds
      ? exchangeFills.some((f) => !opts.knownTradeIds!.has(`${f.instId}:${f.tradeId}`))
      : dGt(dSum(exchangeFills.map((f) => f.fillSz)), l.filledQuantity || '0');
    if (isTerminal(l.status) && !unseen) continue;
    const t = ctx.trackedFrom(l);
    if (opts.knownTradeIds) {
      for (const id of opts.knownTradeIds) t.tradeIds.add(id);
      t.unattributed = '0';
    }
    ctx.tracker.add(t);
    await settle(t, openByClId.get(l.clientOrderId), 'order_state');
  }

  // 2. Orders on OKX the records do not know: ours are adopted (a crash between placing and
  //    recording), anyone else's are unexplained.
  const adopt = async (
    clOrdId: string,
    instId: string,
    side: 'buy' | 'sell',
    row: OkxOrderRow | undefined,
  ) => {
    const t = ctx.tracker.add(
      ctx.trackedFrom({
        clientOrderId: clOrdId,
        symbol: instId.replace('-', '/'),
        side,
        status: 'pending_submit',
        filledQuantity: '0',
        seq: 0,
      }),
    );
    await settle(t, row, 'orphan_order');
  };
  /**
   * An order on OKX with no clOrdId of ours may be the market order a stop-loss / take-profit
   * attached to one of our entries placed when it triggered: its `algoClOrdId` names the entry
   * (attached.ts) and the algo order says which leg fired. Taken in under the algo's client id, as
   * the entry's exit. False: not one of ours (or the lookups failed, which is a failure already).
   */
  const triggeredExit = async (instId: string, ordId: string, known: OkxOrderRow | undefined) => {
    const row = known ?? (await query('order', () => ctx.reads.orderById(instId, ordId)));
    if (!row) return 'failed';
    const entry = entryOfAttachedExit(row.algoClOrdId);
    if (entry === undefined || !ctx.owns(entry) || local.has(row.algoClOrdId)) return false;
    const algo = await query('algo_order', () => ctx.reads.algoOrder(row.algoClOrdId), row.algoClOrdId);
    if (!algo) return 'failed';
    const reason = attachedExitReason(algo.actualSide);
    if (reason === undefined || !algo.ordIds.includes(row.ordId)) {
      mismatches.push({
        kind: 'triggered_exit',
        explained: false,
        clientOrderId: row.algoClOrdId,
        exchange: `${row.instId} ${row.side} ${row.accFillSz} ${row.state}`,
        detail: `order ${row.ordId} came from algo order ${algo.algoId} attached to ${entry}, but OKX names no triggered leg for it (actualSide "${algo.actualSide}", orders ${algo.ordIds.join(',') || 'none'})`,
      });
      return true;
    }
    const t = ctx.tracker.add(
      ctx.trackedFrom({
        clientOrderId: row.algoClOrdId,
        symbol: row.instId.replace('-', '/'),
        side: row.side,
        status: 'pending_submit',
        filledQuantity: '0',
        seq: 0,
      }),
    );
    t.exit = { entry, reason };
    await settle(t, row, 'triggered_exit');
    return true;
  };

  for (const row of open ?? []) {
    if (local.has(row.clOrdId) || localByOrdId.has(row.ordId)) continue;
    if (row.clOrdId !== '' && ctx.owns(row.clOrdId)) await adopt(row.clOrdId, row.instId, row.side, row);
    else if ((await triggeredExit(row.instId, row.ordId, row)) === false)
      mismatches.push({
        kind: 'foreign_order',
        explained: false,
        exchange: `${row.instId} ${row.side} ${row.sz} ${row.state}`,
        detail: `open order ${row.ordId} (clOrdId "${row.clOrdId}") was not placed by this system`,
      });
  }
  // Open orders were all dealt with above (ours, a triggered exit, or a mismatch already).
  const handled = new Set((open ?? []).map((r) => r.ordId));
  for (const [clOrdId, group] of recentByClId) {
    if (local.has(clOrdId) || openByClId.has(clOrdId)) continue;
    const first = group[0]!;
    if (clOrdId !== '' && ctx.owns(clOrdId)) {
      await adopt(clOrdId, first.instId, first.side, undefined);
      continue;
    }
    // Fills under no id of ours: one order at a time, each perhaps a triggered exit.
    for (const [ordId, fills] of groupBy(group, (f) => f.ordId)) {
      if (handled.has(ordId)) continue;
      const taken = await triggeredExit(fills[0]!.instId, ordId, undefined);
      handled.add(ordId);
      if (taken !== false) continue;
      mismatches.push({
        kind: 'foreign_fill',
        explained: false,
        exchange: fills.map((f) => `${f.instId} ${f.side} ${f.fillSz}@${f.fillPx}`).join(', '),
        detail: `${fills.length} fill(s) of order ${ordId} (clOrdId "${clOrdId}") not placed by this system`,
      });
    }
  }

  // 3. Holdings: exchange balance = local position + holdings outside the system + what the
  //    fills about to be published add. Only with every query in: a gap could explain anything.
  if (balances && failures.length === 0) checkPositions(ctx, localPositions, balances, fills, mismatches);

  fills.sort((a, b) => Number(a.timeMs) - Number(b.timeMs));
  const unexplained = mismatches.filter((m) => !m.explained);
  const haltFailure = failures.some((f) => f.halt);
  const verdict: ReconcileVerdict =
    unexplained.length > 0 || haltFailure
      ? 'halt'
      : failures.length > 0
        ? 'failed'
        : events.length > 0 || fills.length > 0
          ? 'resolved'
          : 'ok';
  const alerts: VenueAlert[] = [];
  if (verdict === 'halt') {
    const what = [...unexplained.map((m) => m.detail), ...failures.filter((f) => f.halt).map((f) => f.error)];
    alerts.push(
      ctx.alert('critical', 'okx_reconcile_mismatch', `OKX reconciliation: ${what.join('; ')}`, {}),
    );
  } else if (verdict === 'failed') {
    const what = failures.map((f) => `${f.query}${f.clientOrderId ? ` ${f.clientOrderId}` : ''}: ${f.error}`);
    alerts.push(
      ctx.alert('warning', 'okx_reconcile_failed', `OKX reconciliation incomplete: ${what.join('; ')}`, {}),
    );
  }
  return {
    verdict,
    halt: verdict === 'halt',
    events,
    fills,
    alerts,
    failures: failures.map(({ halt: _halt, ...f }) => f),
    mismatches,
    tracking: ctx.tracker.active().map((t) => t.clientOrderId),
    balances: balances && Object.fromEntries(balances),
    timeMs: now,
  };
}

function checkPositions(
  ctx: ReconcileContext,
  positions: readonly LocalPosition[],
  balances: Map<string, OkxBalance>,
  missing: readonly OkxFill[],
  mismatches: Mismatch[],
): void {
  const base = (symbol: string) => symbol.split('/')[0]!.toUpperCase();
  const currencies = new Set([...ctx.symbols.map(base), ...positions.map((p) => base(p.symbol))]);
  for (const ccy of currencies) {
    const local = dSum(positions.filter((p) => base(p.symbol) === ccy).map((p) => p.quantity || '0'));
    const before = dAdd(local, ctx.externalHoldings[ccy] ?? '0');
    let delta = '0';
    for (const f of missing) {
      if (base(f.symbol) !== ccy) continue;
      delta = f.side === 'buy' ? dAdd(delta, f.qty) : dSub(delta, f.qty);
      if (f.feeCurrency === ccy) delta = dSub(delta, f.fee);
    }
    const after = dAdd(before, delta);
    const exchange = balances.get(ccy)?.total ?? '0';
    const tol = ctx.positionTolerance[ccy] ?? '0';
    const off = (x: string) => dGt(dAbs(dSub(exchange, x)), tol);
    if (!off(after)) {
      if (off(before))
        mismatches.push({
          kind: 'position',
          explained: true,
          currency: ccy,
          local: before,
          exchange,
          detail: `${ccy}: ${before} locally, ${exchange} on OKX, explained by the missing fills`,
        });
      continue;
    }
    mismatches.push({
      kind: 'position',
      explained: false,
      currency: ccy,
      local: after,
      exchange,
      detail: `${ccy}: ${after} expected (local ${local}${delta !== '0' ? ` + missing fills ${delta}` : ''}), ${exchange} on OKX`,
    });
  }
}

function groupBy<T>(rows: readonly T[], key: (r: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = m.get(k);
    if (list) list.push(r);
    else m.set(k, [r]);
  }
  return m;
}
