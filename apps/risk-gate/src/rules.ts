import type { Control } from '@algotrader/bus';
import {
  ALWAYS_OPEN,
  clientOrderId,
  formatInstrument,
  type Instrument,
  isTerminal,
  sessionTimeBetween,
  type TradingCalendar,
} from '@algotrader/core';
import { type AccountState, accountOf, type RiskLimits } from '@algotrader/pipeline';
import {
  type InstrumentSpec,
  type OrderRejection,
  type PlannedOrder,
  type RejectReason as PlanReason,
  planOrders,
  type SwapSetting,
} from '@algotrader/portfolio';
import {
  type Decision,
  isTargetDecision,
  type PortfolioView,
  type Target,
  type TargetDecision,
  targetUnits,
  validateDecision,
} from '@algotrader/strategy';
import { aShareExecTime, aShareRule } from './a-share';
import { checkSwapOrder, marginHealth, type PerpReason, type PerpRiskLimits } from './perp-rules';

/** Reason codes of a refusal (proto RejectReason without its prefix). */
export type Reason =
  | 'HALTED'
  | 'REDUCE_ONLY'
  | 'MAX_ORDER_NOTIONAL'
  | 'MAX_POSITION_NOTIONAL'
  | 'MAX_GROSS_EXPOSURE'
  | 'MAX_ORDER_RATE'
  | 'MAX_DAILY_LOSS'
  | 'MAX_DRAWDOWN'
  | 'STALE_DATA'
  | 'NO_SHORT'
  | 'INSUFFICIENT_CASH'
  | 'BELOW_MIN_NOTIONAL'
  | 'STRATEGY_PAUSED'
  | PerpReason
  | 'MARGIN_RATIO'
  | 'T_PLUS_ONE'
  | 'LOT'
  | 'PRICE_LIMIT'
  | 'UNSPECIFIED';

/** Why the gate halts the account. */
export type HaltReason = 'MAX_DAILY_LOSS' | 'MAX_DRAWDOWN' | 'MARGIN_RATIO';

/** One strategy's decision at the gate's close time, as its Signal said. */
export interface SignalIn {
  readonly strategy: string;
  readonly instrument: Instrument;
  /** The decision, or why the signal cannot be one (e.g. a negative target). */
  readonly decision: Decision | { readonly invalid: string; readonly negative: boolean };
}

/** Standing targets: strategy → instrument key → its latest target. */
export type Standing = Record<string, Record<string, Target>>;

/**
 * Live mode: targets whose orders were refused for a passing reason (the account not current, the
 * decision stale by the clock), strategy → instrument key → the decision. Each is planned again at
 * every later close time, against the account then, until it is planned without such a refusal
 * (or the strategy decides anew), so the account converges once the order-router is back.
 */
export type PendingTargets = Record<string, Record<string, TargetDecision>>;

export interface GateInput {
  readonly account: string;
  /** The decision close time. */
  readonly time: number;
  readonly signals: readonly SignalIn[];
  readonly standing: Standing;
  /** Live mode: targets to plan again (absent: none). */
  readonly pending?: PendingTargets;
  readonly state: AccountState;
  /** Latest close by instrument key (the marks at `time`). */
  readonly marks: Readonly<Record<string, number>>;
  /** Instrument keys in the account's order. */
  readonly keys: readonly string[];
  readonly instruments: readonly Instrument[];
  readonly spec: (i: Instrument) => InstrumentSpec;
  readonly control: Control;
  readonly limits: RiskLimits;
  readonly mode: 'live' | 'replay';
  /** Clock time now, ms. */
  readonly now: number;
  readonly tfMs: number;
  /** When the market trades (default 24/7): a decision ages only in session time. */
  readonly calendar?: TradingCalendar;
  /** Times of recently approved orders (clock time live, decision time in replay). */
  readonly orderTimes: readonly number[];
  /** The account state is known not to be current (the wait for it timed out). */
  readonly accountBehind?: string;
  /** Margin mode and leverage of the swaps, by key (the pipeline's `swapSettings`). */
  readonly swapSettings?: Readonly<Record<string, SwapSetting>>;
  /** Fee rate the swap margin check adds to an order's initial margin (the taker fee). */
  readonly feeRate?: number;
  /** Latest published funding rate per swap key (live mode: md.funding.*), with the collector's fetch time. */
  readonly fundingRates?: Readonly<Record<string, { readonly rate: number; readonly fetchedAt: number }>>;
}

export interface Verdict {
  readonly order: PlannedOrder;
  readonly reason?: Reason;
  readonly detail?: string;
}

export interface CancelRequest {
  readonly clientOrderId: string;
  readonly instrument: Instrument;
  readonly strategy: string;
  readonly decisionTime: number;
}

/** A decision that produced no order, and why. */
export interface Refusal {
  readonly strategy: string;
  readonly instrument: Instrument;
  readonly side: 'buy' | 'sell';
  readonly qty: number;
  readonly reason: Reason;
  readonly detail: string;
}

export interface GateOutcome {
  /** Cancels of still-open orders a newer decision supersedes (allowed in every trading state). */
  readonly cancels: CancelRequest[];
  /** Orders in plan order (sells first): approved when `reason` is unset. */
  readonly verdicts: Verdict[];
  readonly refusals: Refusal[];
  /** Set when a loss or margin limit was hit: the caller switches the account to HALTED and alerts. */
  readonly halt?: { readonly reason: HaltReason; readonly detail: string };
  /** Swap positions whose margin ratio is below the alert level (the caller raises a warning). */
  readonly marginAlerts: readonly {
    readonly instrument: string;
    readonly marginRatio: number;
    readonly liquidationPrice: number;
  }[];
  readonly standing: Standing;
  /** Live mode: the targets of this close time refused for a passing reason, to plan again. */
  readonly pending: PendingTargets;
  readonly orderTimes: number[];
  readonly equity: number;
}

const PLAN_REASON: Record<PlanReason, Reason> = {
  below_lot_size: 'BELOW_MIN_NOTIONAL',
  below_min_qty: 'BELOW_MIN_NOTIONAL',
  below_min_notional: 'BELOW_MIN_NOTIONAL',
  insufficient_position: 'NO_SHORT',
  insufficient_cash: 'INSUFFICIENT_CASH',
  no_volume: 'UNSPECIFIED',
  no_price: 'UNSPECIFIED',
  exits_without_entry: 'UNSPECIFIED',
};

/** Label of an order netted from several strategies' targets. */
export const NET_STRATEGY = 'net';

/**
 * The portfolio step and the risk rules for one decision close time — pure, so the backtest's
 * numbers can be followed by hand:
 *
 * 1. Target signals update each strategy's standing target; per instrument with a new target the
 *    net target is the sum over strategies (a single strategy's decision passes through as it is,
 *    so sizing is the very arithmetic of the backtest; several are converted to units at the marks
 *    and added). Order intents pass through.
 * 2. `planOrders` — the function the backtest uses — diffs them against the account into orders
 *    (lot size, minimums), sells first.
 * 3. Open orders of an instrument with a new decision are cancelled (the backtest's replace).
 * 4. Each order meets the rules in turn; the first that fails is its reason.
 */
export function evaluate(g: GateInput): GateOutcome {
  const keyOf = formatInstrument;
  const refusals: Refusal[] = [];
  const standing: Standing = structuredClone(g.standing);
  const book = g.state.book;
  const marks = { ...book.marks, ...g.marks };
  const price = (i: Instrument) => marks[keyOf(i)] ?? Number.NaN;
  // The account at the decision's marks; valued at the decision bar unless the state is newer.
  const account = accountOf(
    g.state,
    g.instruments.map(g.spec),
    g.marks,
    g.limits.dayOffsetMs,
    g.swapSettings,
  );
  const at = g.time - g.tfMs;
  if (at >= account.valuedAt) account.revalue(at);
  const equity = account.equity;
  const view: PortfolioView = {
    cash: book.cash,
    equity,
    // Signed for a swap (its position lives in the book's `swaps`).
    position: (i) => {
      const k = account.indexOf(i);
      return k < 0 ? 0 : account.qty(k);
    },
    averagePrice: (i) => {
      const k = account.indexOf(i);
      return k < 0 ? Number.NaN : account.avgPrice(k);
    },
  };

  // 1. Valid decisions, standing targets, and what each strategy said per instrument now.
  const targetsNow = new Map<
    string,
    { instrument: Instrument; strategies: string[]; last: Map<string, Decision> }
  >();
  const intents: { strategy: string; decision: Decision }[] = [];
  // Pending targets first, as if signalled again; a new signal of the same strategy replaces one.
  const fresh = new Set(g.signals.map((s) => `${s.strategy}|${keyOf(s.instrument)}`));
  const again: SignalIn[] = [];
  for (const [strategy, byKey] of Object.entries(g.mode === 'live' ? (g.pending ?? {}) : {})) {
    for (const [key, d] of Object.entries(byKey)) {
      if (!fresh.has(`${strategy}|${key}`)) again.push({ strategy, instrument: d.instrument, decision: d });
    }
  }
  const targeted: { strategy: string; key: string; decision: TargetDecision }[] = [];
  for (const s of [...again, ...g.signals]) {
    const d = s.decision;
    if ('invalid' in d) {
      refusals.push({
        strategy: s.strategy,
        instrument: s.instrument,
        side: 'sell',
        qty: 0,
        reason: d.negative ? 'NO_SHORT' : 'UNSPECIFIED',
        detail: d.invalid,
      });
      continue;
    }
    if (!isTargetDecision(d)) {
      intents.push({ strategy: s.strategy, decision: d });
      continue;
    }
    const key = keyOf(s.instrument);
    targeted.push({ strategy: s.strategy, key, decision: d });
    standing[s.strategy] ??= {};
    standing[s.strategy]![key] = d.target;
    let t = targetsNow.get(key);
    if (!t) {
      t = { instrument: s.instrument, strategies: [], last: new Map() };
      targetsNow.set(key, t);
    }
    if (!t.strategies.includes(s.strategy)) t.strategies.push(s.strategy);
    t.last.set(s.strategy, d);
  }

  // Net per instrument; group decisions by the label their orders carry.
  const groups = new Map<string, Decision[]>();
  const contributors = new Map<string, string[]>();
  const add = (label: string, d: Decision, who: string[]) => {
    const list = groups.get(label) ?? [];
    list.push(d);
    groups.set(label, list);
    contributors.set(`${label}|${keyOf(d.instrument)}`, who);
  };
  for (const [key, t] of targetsNow) {
    const holders = Object.keys(standing).filter((s) => standing[s]![key] !== undefined);
    if (holders.length === 1) {
      add(holders[0]!, t.last.get(holders[0]!)!, holders);
      continue;
    }
    let units = 0;
    let sized = true;
    for (const h of holders) {
      const tg = standing[h]![key]!;
      if (tg.kind === 'units') units += tg.qty;
      else if (tg.fraction > 0) {
        const ref = price(t.instrument);
        if (!(ref > 0)) sized = false;
        units += (tg.fraction * equity) / ref;
      }
    }
    const label = t.strategies.length === 1 ? t.strategies[0]! : NET_STRATEGY;
    if (!sized) {
      refusals.push({
        strategy: label,
        instrument: t.instrument,
        side: 'buy',
        qty: 0,
        reason: 'UNSPECIFIED',
        detail: `no mark to size ${key}`,
      });
      continue;
    }
    if ([...t.last.values()].some((d) => d.exits !== undefined)) {
      // One position, several owners: whose stop would close it? Refused, never sent without them.
      refusals.push({
        strategy: label,
        instrument: t.instrument,
        side: 'buy',
        qty: 0,
        reason: 'UNSPECIFIED',
        detail: `protective exits on ${key} cannot be netted across strategies (${holders.join(', ')}): trade it with one strategy`,
      });
      continue;
    }
    add(label, targetUnits(t.instrument, units), holders);
  }
  for (const it of intents) add(it.strategy, it.decision, [it.strategy]);

  // 2. Orders through the backtest's planOrders, sells of every group before any buy.
  const sells: PlannedOrder[] = [];
  const buys: PlannedOrder[] = [];
  const labelOf = new Map<PlannedOrder, string>();
  for (const [label, ds] of groups) {
    let plan: { orders: PlannedOrder[]; rejections: OrderRejection[] };
    try {
      plan = planOrders({
        account: g.account,
        strategy: label,
        time: g.time,
        decisions: ds,
        portfolio: view,
        price,
        spec: g.spec,
      });
    } catch (e) {
      for (const d of ds) {
        refusals.push({
          strategy: label,
          instrument: d.instrument,
          side: 'buy',
          qty: 0,
          reason: 'UNSPECIFIED',
          detail: (e as Error).message,
        });
      }
      continue;
    }
    for (const r of plan.rejections) {
      refusals.push({
        strategy: label,
        instrument: r.instrument,
        side: r.side,
        qty: r.qty,
        reason: PLAN_REASON[r.reason],
        detail: `${r.reason}: ${r.detail}`,
      });
    }
    for (const o of plan.orders) {
      labelOf.set(o, label);
      (o.side === 'sell' ? sells : buys).push(o);
    }
  }
  const orders = withLegs([...sells, ...buys], g.account);

  // 3. A new decision about an instrument replaces its still-open orders.
  const decided = new Set([...groups.values()].flat().map((d) => keyOf(d.instrument)));
  const cancels: CancelRequest[] = [];
  for (const id of g.state.pending) {
    const o = g.state.orders[id];
    if (!o || isTerminal(o.status) || o.decisionTime >= g.time || !decided.has(o.instrument)) continue;
    const instrument = g.instruments[g.keys.indexOf(o.instrument)];
    if (!instrument) continue;
    cancels.push({ clientOrderId: o.id, instrument, strategy: o.strategy, decisionTime: g.time });
  }

  // 4. Rules.
  const L = g.limits;
  const control = g.control;
  const paused = new Set(control.pausedStrategies);
  // Age in trading time: a decision at Friday's close is not stale at Monday's open.
  const age = sessionTimeBetween(g.calendar ?? ALWAYS_OPEN, g.time, g.now);
  const stale =
    g.mode === 'live' && L.staleAfterBars !== null && age > L.staleAfterBars * g.tfMs
      ? `decision at ${new Date(g.time).toISOString()} is ${Math.round(age / 1000)} s of trading time old (limit ${L.staleAfterBars} bar(s))`
      : undefined;
  let halt: GateOutcome['halt'];
  const perp: PerpRiskLimits = {
    maxAccountLeverage: L.maxAccountLeverage,
    maxInstrumentLeverage: L.maxInstrumentLeverage,
    minLiquidationDistance: L.minLiquidationDistance,
    // Live only: a replay has no current rate (its bars carry only settled ones).
    maxFundingRate: g.mode === 'live' ? L.maxFundingRate : null,
    haltMarginRatio: L.haltMarginRatio,
    alertMarginRatio: L.alertMarginRatio,
  };
  const health = marginHealth(account, perp);
  if (health.halt && control.state !== 'HALTED') halt = health.halt;
  if (!halt && orders.length > 0 && control.state !== 'HALTED') {
    // Every figure is the Account's: day start, peak, daily loss and drawdown.
    const valued = account.valuedEquity;
    const dayStart = account.dayStartEquity;
    const peak = account.peakEquity;
    if (L.maxDailyLoss !== null && dayStart > 0 && account.dailyLoss >= L.maxDailyLoss) {
      halt = {
        reason: 'MAX_DAILY_LOSS',
        detail: `equity ${valued.toFixed(2)} is ${(account.dailyLoss * 100).toFixed(2)}% below the day's start ${dayStart.toFixed(2)} (limit ${L.maxDailyLoss * 100}%)`,
      };
    } else if (L.maxDrawdown !== null && peak > 0 && -account.drawdown >= L.maxDrawdown) {
      halt = {
        reason: 'MAX_DRAWDOWN',
        detail: `equity ${valued.toFixed(2)} is ${(-account.drawdown * 100).toFixed(2)}% below the peak ${peak.toFixed(2)} (limit ${L.maxDrawdown * 100}%)`,
      };
    }
  }
  const held = new Map<string, number>();
  for (const k of g.keys) {
    const i = account.indexOf(k);
    held.set(k, i < 0 ? 0 : account.qty(i));
  }
  let cash = book.cash;
  const rateRef = g.mode === 'live' ? g.now : g.time;
  const orderTimes = g.orderTimes.filter((t) => t > rateRef - 60_000 && t <= rateRef);
  const gross = () => {
    let v = 0;
    for (const k of g.keys) {
      const q = held.get(k) ?? 0;
      if (q !== 0) v += Math.abs(q) * (marks[k] ?? 0);
    }
    return v;
  };
  const verdicts: Verdict[] = orders.map((o): Verdict => {
    const key = keyOf(o.instrument);
    const px = o.limitPrice ?? price(o.instrument);
    const notional = o.qty * px;
    const q = held.get(key) ?? 0;
    const refuse = (reason: Reason, detail: string): Verdict => ({ order: o, reason, detail });
    const k = account.indexOf(key);
    const swap = k >= 0 && account.swaps.has(k);
    const signed = o.side === 'buy' ? o.qty : -o.qty;
    // A swap order that only shrinks the position (never flips it): allowed where risk must only fall.
    const reduces = swap && q !== 0 && Math.sign(signed) !== Math.sign(q) && o.qty <= Math.abs(q) + 1e-12;
    // An exit: a swap order that only shrinks, or a spot sell of at most what is held. It lowers
    // risk, so no size or rate cap may refuse it (an exit refused by MAX_ORDER_NOTIONAL left the
    // issue's reference run holding 39.5 ETH its strategy wanted to sell).
    const exits = reduces || (!swap && o.side === 'sell' && q > 0 && o.qty <= q + 1e-12);
    // A halted account must still be able to shrink a swap position (the router passes it too).
    if (control.state === 'HALTED' && !reduces)
      return refuse('HALTED', `trading is halted: ${control.reason || 'by control'}`);
    const who = contributors.get(`${labelOf.get(o) ?? o.strategy}|${key}`) ?? [o.strategy];
    const pausedOne = who.find((s) => paused.has(s));
    if (pausedOne !== undefined) return refuse('STRATEGY_PAUSED', `strategy ${pausedOne} is paused`);
    if (control.state === 'REDUCING' && (swap ? !reduces : o.side === 'buy')) {
      return refuse('REDUCE_ONLY', 'reduce-only: only orders that shrink a position are allowed');
    }
    if (g.accountBehind !== undefined) return refuse('STALE_DATA', g.accountBehind);
    if (stale !== undefined) return refuse('STALE_DATA', stale);
    // Every halt (loss or margin) lets through a swap order that only shrinks the position.
    if (halt && !reduces) return refuse(halt.reason, halt.detail);
    if (L.maxOrderNotional !== null && notional > L.maxOrderNotional && !exits) {
      return refuse('MAX_ORDER_NOTIONAL', `notional ${notional.toFixed(2)} > max ${L.maxOrderNotional}`);
    }
    if (swap) {
      if (!reduces) {
        const after = Math.abs(q + signed) * (marks[key] ?? px);
        if (L.maxPositionNotional !== null && after > L.maxPositionNotional) {
          return refuse(
            'MAX_POSITION_NOTIONAL',
            `position ${after.toFixed(2)} > max ${L.maxPositionNotional}`,
          );
        }
      }
      const funding = g.fundingRates?.[key];
      if (!reduces && perp.maxFundingRate !== null) {
        // A missing or stale rate is stale data, refused like a stale bar: the guard cannot be judged.
        if (funding === undefined) return refuse('STALE_DATA', `${key}: no funding rate received yet`);
        if (g.now - funding.fetchedAt > L.fundingStaleMs) {
          return refuse(
            'STALE_DATA',
            `${key}: funding rate fetched at ${new Date(funding.fetchedAt).toISOString()} is ${Math.round((g.now - funding.fetchedAt) / 1000)} s old (limit ${L.fundingStaleMs / 1000} s)`,
          );
        }
      }
      const v = checkSwapOrder(
        account,
        {
          k,
          qty: signed,
          price: px,
          fee: notional * (g.feeRate ?? 0),
          ...(funding !== undefined ? { fundingRate: funding.rate } : {}),
        },
        perp,
      );
      if (!v.ok) return refuse(v.reason, v.detail);
    } else if (o.side === 'sell') {
      if (o.qty > q) return refuse('NO_SHORT', `sell ${o.qty} but hold ${q} (spot is long-only)`);
    } else {
      const after = (q + o.qty) * (marks[key] ?? px);
      if (L.maxPositionNotional !== null && after > L.maxPositionNotional) {
        return refuse('MAX_POSITION_NOTIONAL', `position ${after.toFixed(2)} > max ${L.maxPositionNotional}`);
      }
      if (L.maxGrossExposure !== null) {
        const g2 = gross() + o.qty * (marks[key] ?? px);
        if (g2 > L.maxGrossExposure * equity) {
          return refuse(
            'MAX_GROSS_EXPOSURE',
            `gross exposure ${g2.toFixed(2)} > ${L.maxGrossExposure} × equity ${equity.toFixed(2)}`,
          );
        }
      }
      if (notional > cash * (1 + L.cashTolerance)) {
        return refuse('INSUFFICIENT_CASH', `buy of ${notional.toFixed(2)} but cash is ${cash.toFixed(2)}`);
      }
    }
    // China A-shares: lots, T+1 and the price band (nothing for other instruments).
    if (k >= 0 && !swap) {
      const exec = aShareExecTime(Math.max(g.time, g.mode === 'live' ? g.now : g.time));
      const soldBefore = Math.max(0, account.qty(k) - q);
      const cn = aShareRule(o, q, account.sellable(k, exec) - soldBefore, marks[key] ?? Number.NaN, exec);
      if (cn) return refuse(cn.reason, cn.detail);
    }
    // An exit is counted in the rate but never refused by it: a burst of entries must not starve it.
    if (L.maxOrdersPerMinute !== null && orderTimes.length >= L.maxOrdersPerMinute && !exits) {
      return refuse(
        'MAX_ORDER_RATE',
        `${orderTimes.length} orders in the last minute (max ${L.maxOrdersPerMinute})`,
      );
    }
    orderTimes.push(rateRef);
    if (swap) {
      // The next orders of this decision are checked against the account after this one.
      account.applyFill(k, o.side, o.qty, px, notional * (g.feeRate ?? 0));
      held.set(key, account.qty(k));
    } else if (o.side === 'sell') {
      held.set(key, q - o.qty);
      cash += notional;
    } else {
      held.set(key, q + o.qty);
      cash -= notional;
    }
    return { order: o };
  });
  // Live: a target whose order was refused only because the account or the decision was behind is
  // kept, and planned again at the next close time.
  const pending: PendingTargets = {};
  if (g.mode === 'live') {
    const passing = new Set(
      verdicts
        .filter((v) => v.reason === 'STALE_DATA' && (v.detail === g.accountBehind || v.detail === stale))
        .map((v) => keyOf(v.order.instrument)),
    );
    for (const t of targeted) {
      if (!passing.has(t.key)) continue;
      pending[t.strategy] ??= {};
      pending[t.strategy]![t.key] = t.decision;
    }
  }
  return {
    cancels,
    verdicts,
    refusals,
    ...(halt ? { halt } : {}),
    marginAlerts: health.alerts,
    standing,
    pending,
    orderTimes,
    equity,
  };
}

/**
 * Gives the second and later orders of one (strategy, instrument) at one time their own leg in the
 * client order id; the first keeps planOrders' id (leg 0), the one the backtest computes.
 */
function withLegs(orders: PlannedOrder[], account: string): PlannedOrder[] {
  const seen = new Map<string, number>();
  return orders.map((o) => {
    const k = `${o.strategy}|${formatInstrument(o.instrument)}`;
    const leg = seen.get(k) ?? 0;
    seen.set(k, leg + 1);
    if (leg === 0) return o;
    const id = clientOrderId({
      account,
      strategy: o.strategy,
      instrument: o.instrument,
      decisionCloseMs: o.decisionTime,
      leg,
    });
    return { ...o, clientOrderId: id };
  });
}

/** A signal's decision, or why it cannot be one. */
export function checkDecision(d: Decision): SignalIn['decision'] {
  try {
    validateDecision(d);
    return d;
  } catch (e) {
    const negative = isTargetDecision(d)
      ? (d.target.kind === 'units' ? d.target.qty : d.target.fraction) < 0
      : false;
    return { invalid: (e as Error).message, negative };
  }
}
