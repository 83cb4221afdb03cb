import { subjects } from '@algotrader/bus/subjects';
import {
  AlgoError,
  assertNever,
  cancelKey,
  clientOrderId,
  ErrorCode,
  forceExitOrderId,
  formatInstrument,
  type Instrument,
  isTerminal,
  orderKey,
  rejectionKey,
} from '@algotrader/core';
import {
  type AccountState,
  type AlertInput,
  act,
  alert,
  type Decider,
  dec,
  decisionOf,
  type Effect,
  type InputMeta,
  instrumentOf,
  newAccount,
  type OutMessage,
  orderRequestOut,
  out,
  type Pipeline,
  publish,
  refOf,
  type StageCheckpoint,
  sideToPb,
} from '@algotrader/pipeline/domain';
import { type PlannedOrder, planOrders } from '@algotrader/portfolio';
import {
  codecs,
  type ForceExit,
  type OrderRequestMsg,
  pb,
  type RiskRejection,
  type Signal,
  type SignalSetClosed,
} from '@algotrader/proto';
import { targetUnits } from '@algotrader/strategy';
import {
  type CancelRequest,
  checkDecision,
  evaluate,
  type GateInput,
  type HaltReason,
  type PendingTargets,
  type Reason,
  type Refusal,
  type SignalIn,
  type Standing,
} from './rules';

export interface Buffered {
  readonly msgId: string;
  readonly bytes: Uint8Array;
}

/** A decision of the last close time, saved before it is published. */
export interface SavedOut {
  readonly type: 'OrderRequest' | 'RiskRejection';
  readonly subject: string;
  readonly msgId: string;
  readonly bytes: Uint8Array;
  readonly approved: boolean;
}

/** What the risk gate saves besides its stream position (the checkpoint's format is unchanged). */
export interface GateSnapshot {
  v: 1;
  lastT: number;
  standing: Standing;
  /** Latest close by instrument key. */
  marks: Record<string, number>;
  orderTimes: number[];
  /** Signals waiting for their close time's marker, by close time. */
  buffer: Record<string, Buffered[]>;
  /** Decisions of `lastT` saved before publishing: republished (same ids) after a crash. */
  outbox: SavedOut[];
  approvedSeq: number;
  /** The halt of `lastT`, saved with its decisions and owed until it is written (absent: none). */
  halt?: HaltAction;
  /** The last force-exit approved per instrument key (absent in checkpoints written before it). */
  forceExits?: Record<string, ForceExitSent>;
  /** Live: targets refused for a passing reason, planned again (absent in older checkpoints: none). */
  pending?: PendingTargets;
}

/** A force-exit order the gate approved: open until the account shows it finished. */
export interface ForceExitSent {
  readonly id: string;
  readonly t: number;
}

export type GateCheckpoint = StageCheckpoint<GateSnapshot>;

export interface GateState {
  readonly lastT: number;
  readonly standing: Standing;
  readonly marks: Record<string, number>;
  readonly orderTimes: number[];
  readonly buffer: Map<number, Buffered[]>;
  /** Decisions not yet acked (the runtime folds acks in with `acked`). */
  readonly outbox: SavedOut[];
  /** Highest stream sequence of an order published on `ord.approved.<account>`. */
  readonly approvedSeq: number;
  /** A halt decided and not yet written to the control KV (saved: a crash before it owes it again). */
  readonly halt?: HaltAction;
  /** The last force-exit approved per instrument key. */
  readonly forceExits: Readonly<Record<string, ForceExitSent>>;
  /** Live: targets refused for a passing reason (the account behind), planned again at each close time. */
  readonly pending: PendingTargets;
}

/** Whether a close time without signals must still be decided: there are targets to plan again. */
export function hasPending(state: GateState): boolean {
  return Object.values(state.pending).some((byKey) => Object.keys(byKey).length > 0);
}

/** What the shell read before deciding a close time (the runtime's `context`). */
export interface GateContext {
  readonly account: AccountState | undefined;
  readonly control: GateInput['control'];
  readonly now: number;
  /** Why the account is not current at the close time (the wait timed out), if it is not. */
  readonly behind?: string;
  /** Latest funding rate per swap key the shell has received (md.funding.*). */
  readonly funding?: GateInput['fundingRates'];
}

/** What the shell read before deciding a force-exit: the account as it is now, and the clock. */
export interface ForceExitContext {
  readonly account: AccountState | undefined;
  readonly now: number;
}

export type GateMessage =
  | { readonly kind: 'signal'; readonly signal: Signal; readonly meta: InputMeta }
  | {
      readonly kind: 'forceexit';
      readonly command: ForceExit;
      readonly meta: InputMeta;
      readonly context?: ForceExitContext;
    }
  | {
      readonly kind: 'set';
      readonly set: SignalSetClosed;
      readonly meta: InputMeta;
      readonly context?: GateContext;
    }
  /** The shell wrote the owed halt (the result of the `halt` action). */
  | { readonly kind: 'halted' };

export interface Halt {
  readonly reason: HaltReason;
  readonly detail: string;
}

export type GateOutput =
  | { readonly kind: 'alert'; readonly alert: AlertInput }
  | { readonly kind: 'halted' }
  /** An operator's force-exit decided: its cancels, orders and refusals, and the targets it zeroed. */
  | {
      readonly kind: 'forceexit';
      readonly standing: Standing;
      readonly saved: SavedOut[];
      readonly sent: Record<string, ForceExitSent>;
    }
  | { readonly kind: 'buffered'; readonly t: number; readonly item: Buffered }
  | {
      readonly kind: 'closed';
      readonly t: number;
      readonly marks: Record<string, number>;
      readonly decided?: {
        readonly standing: Standing;
        readonly pending: PendingTargets;
        readonly orderTimes: number[];
        readonly saved: SavedOut[];
        readonly now: number;
        readonly halt?: Halt;
      };
    };

/** HALTED on the control KV with a critical alert; the shell answers with a `halted` input. */
export interface HaltAction {
  readonly type: 'halt';
  readonly detail: string;
  readonly now: number;
  readonly alert: AlertInput;
}

/** The gate's own effects (the shell's `act`). */
export type GateAction =
  | HaltAction
  /** Every close time through `through` is decided and its orders published; `lazy`: coalesce. */
  | { readonly type: 'progress'; readonly through: number; readonly lazy: boolean };

const REASON: Record<Reason, number> = {
  HALTED: pb.RejectReason.REJECT_REASON_HALTED,
  REDUCE_ONLY: pb.RejectReason.REJECT_REASON_REDUCE_ONLY,
  MAX_ORDER_NOTIONAL: pb.RejectReason.REJECT_REASON_MAX_ORDER_NOTIONAL,
  MAX_POSITION_NOTIONAL: pb.RejectReason.REJECT_REASON_MAX_POSITION_NOTIONAL,
  MAX_GROSS_EXPOSURE: pb.RejectReason.REJECT_REASON_MAX_GROSS_EXPOSURE,
  MAX_ORDER_RATE: pb.RejectReason.REJECT_REASON_MAX_ORDER_RATE,
  MAX_DAILY_LOSS: pb.RejectReason.REJECT_REASON_MAX_DAILY_LOSS,
  MAX_DRAWDOWN: pb.RejectReason.REJECT_REASON_MAX_DRAWDOWN,
  STALE_DATA: pb.RejectReason.REJECT_REASON_STALE_DATA,
  NO_SHORT: pb.RejectReason.REJECT_REASON_NO_SHORT,
  INSUFFICIENT_CASH: pb.RejectReason.REJECT_REASON_INSUFFICIENT_CASH,
  BELOW_MIN_NOTIONAL: pb.RejectReason.REJECT_REASON_BELOW_MIN_NOTIONAL,
  STRATEGY_PAUSED: pb.RejectReason.REJECT_REASON_STRATEGY_PAUSED,
  MAX_ACCOUNT_LEVERAGE: pb.RejectReason.REJECT_REASON_MAX_ACCOUNT_LEVERAGE,
  MAX_INSTRUMENT_LEVERAGE: pb.RejectReason.REJECT_REASON_MAX_INSTRUMENT_LEVERAGE,
  MIN_LIQUIDATION_DISTANCE: pb.RejectReason.REJECT_REASON_MIN_LIQUIDATION_DISTANCE,
  INSUFFICIENT_MARGIN: pb.RejectReason.REJECT_REASON_INSUFFICIENT_MARGIN,
  EXTREME_FUNDING: pb.RejectReason.REJECT_REASON_EXTREME_FUNDING,
  MARGIN_RATIO: pb.RejectReason.REJECT_REASON_MARGIN_RATIO,
  T_PLUS_ONE: pb.RejectReason.REJECT_REASON_T_PLUS_ONE,
  LOT: pb.RejectReason.REJECT_REASON_LOT,
  PRICE_LIMIT: pb.RejectReason.REJECT_REASON_PRICE_LIMIT,
  UNSPECIFIED: pb.RejectReason.REJECT_REASON_UNSPECIFIED,
};

const HALT_CODE: Record<HaltReason, string> = {
  MAX_DAILY_LOSS: 'halted_daily_loss',
  MAX_DRAWDOWN: 'halted_drawdown',
  MARGIN_RATIO: 'halted_margin_ratio',
};

/** True when `set` is one the gate decides on (its venue and timeframe, a close time not yet decided). */
export function decidesOn(p: Pipeline, state: GateState, set: SignalSetClosed): boolean {
  const t = Number(set.closeTimeMs ?? 0);
  return (set.venue ?? '').toUpperCase() === p.venue && set.timeframe === p.tf && t > state.lastT;
}

/** The strategy label of force-exit orders (OrderRequest.strategy). */
export const FORCE_EXIT = 'forceexit';

/**
 * Decision time of a force-exit decided now: the next close time after the last one decided (the
 * paper venue fills it on the first bar opening after the command); live, never before the next
 * bar boundary of the clock, should the gate be behind.
 */
export function forceExitTime(
  p: Pipeline,
  lastT: number,
  account: AccountState | undefined,
  now: number,
): number {
  const base = Math.max(lastT, account?.visibleThrough ?? 0) + p.tfMs;
  return p.config.mode === 'live' ? Math.max(base, (Math.floor(now / p.tfMs) + 1) * p.tfMs) : base;
}

/**
 * The id of a force-exit the gate approved that the account does not show finished: still open
 * there, or not taken in yet (a paper router saves its orders with the next bar) while the bar it
 * fills on has not been stepped. Undefined when it is done (or long gone from the account).
 */
function unsettled(sent: ForceExitSent | undefined, acct: AccountState, tfMs: number): string | undefined {
  if (!sent) return undefined;
  const o = acct.orders[sent.id];
  if (o) return isTerminal(o.status) ? undefined : sent.id;
  if (acct.done.includes(sent.id)) return undefined;
  return acct.steppedThrough < sent.t + tfMs ? sent.id : undefined;
}

/** True when the signal is for this pipeline's account (or for none). */
export function forAccount(p: Pipeline, s: Signal): boolean {
  return (s.account ?? '') === '' || s.account === p.account;
}

const gateAct = (a: GateAction): Effect => act(a);

const outOf = (s: SavedOut): OutMessage => {
  const codec = s.type === 'OrderRequest' ? codecs.OrderRequest : codecs.RiskRejection;
  return out(
    codec as typeof codecs.OrderRequest,
    s.subject,
    codec.decode(s.bytes) as OrderRequestMsg,
    s.msgId,
  );
};

/**
 * The risk gate with no I/O. Signals of close time T are buffered; on the strategy-runner's
 * SignalSetClosed for T — with the account state, the control value and the clock the shell read
 * (`GateContext`) — it nets, plans and checks (`evaluate` in rules.ts) and outputs every decision:
 * OrderRequests on `ord.approved.<account>`, RiskRejections on `ord.rejected.<account>`, a halt
 * (compare-and-set on the control KV) and the progress record as actions. The decisions are part
 * of the snapshot until acked: the runtime saves them before publishing (`checkpointBeforePublish`)
 * and `restore` owes them again, so a crash republishes the same messages rather than deciding on
 * an account that has moved on.
 */
export function gateDecider(p: Pipeline): Decider<GateState, GateMessage, GateOutput, GateSnapshot> {
  const verdictOut = (
    o: PlannedOrder,
    reason: Reason | undefined,
    detail: string | undefined,
    now: number,
  ) => {
    const req = orderRequestOut(o);
    if (reason === undefined) {
      return saved('OrderRequest', subjects.orderApproved(p.account), orderKey(o.clientOrderId), req);
    }
    const rej: RiskRejection = { order: req, reason: REASON[reason], detail: detail ?? '', timeMs: now };
    return saved('RiskRejection', subjects.orderRejected(p.account), rejectionKey(o.clientOrderId), rej);
  };
  const refusalOut = (r: Refusal, t: number, now: number): SavedOut => {
    const id = clientOrderId({
      account: p.account,
      strategy: r.strategy,
      instrument: r.instrument,
      decisionCloseMs: t,
    });
    const req: OrderRequestMsg = {
      clientOrderId: id,
      account: p.account,
      strategy: r.strategy,
      instrument: refOf(r.instrument),
      side: sideToPb(r.side),
      type: pb.OrderType.ORDER_TYPE_MARKET,
      quantity: r.qty > 0 ? dec(r.qty) : '',
      decisionTimeMs: t,
    };
    const rej: RiskRejection = { order: req, reason: REASON[r.reason], detail: r.detail, timeMs: now };
    return saved('RiskRejection', subjects.orderRejected(p.account), rejectionKey(id), rej);
  };
  const cancelOut = (c: CancelRequest, t: number): SavedOut => {
    const req: OrderRequestMsg = {
      clientOrderId: c.clientOrderId,
      account: p.account,
      strategy: c.strategy,
      instrument: refOf(c.instrument),
      decisionTimeMs: t,
      cancel: true,
    };
    return saved('OrderRequest', subjects.orderApproved(p.account), cancelKey(c.clientOrderId), req);
  };

  const onSignal = (state: GateState, m: Signal, meta: InputMeta): GateOutput[] => {
    if (!forAccount(p, m)) return [];
    const t = Number(m.closeTimeMs ?? 0);
    if (t <= state.lastT) {
      return [
        {
          kind: 'alert',
          alert: {
            severity: 'warning',
            code: 'signal_late',
            message: `signal ${meta.msgId ?? ''} for ${new Date(t).toISOString()} came after that close time was decided: ignored`,
            dedupeKey: meta.msgId ?? String(meta.seq),
          },
        },
      ];
    }
    const id = meta.msgId ?? `seq:${meta.seq}`;
    if ((state.buffer.get(t) ?? []).some((b) => b.msgId === id)) return [];
    return [{ kind: 'buffered', t, item: { msgId: id, bytes: codecs.Signal.encode(m) } }];
  };

  const onSet = (state: GateState, m: SignalSetClosed, ctx: GateContext | undefined): GateOutput[] => {
    if (!decidesOn(p, state, m)) return [];
    const t = Number(m.closeTimeMs ?? 0);
    const outputs: GateOutput[] = [];
    const marks = { ...state.marks };
    for (const [sym, px] of Object.entries(m.marks ?? {})) marks[`${p.venue}:${sym}`] = px;
    for (const [old, list] of state.buffer) {
      if (old >= t) continue;
      outputs.push({
        kind: 'alert',
        alert: {
          severity: 'warning',
          code: 'signals_orphaned',
          message: `${list.length} signal(s) for ${new Date(old).toISOString()} never got their set marker: dropped`,
          dedupeKey: String(old),
        },
      });
    }
    const list = state.buffer.get(t) ?? [];
    // Pending targets only: planned when the account is current, else kept for the next close time.
    if (list.length === 0 && (!hasPending(state) || ctx?.behind !== undefined)) {
      outputs.push({ kind: 'closed', t, marks });
      return outputs;
    }
    // The shell reads the context for every set with signals; without it there is nothing to decide on.
    if (!ctx)
      throw new Error(`risk-gate: no account context for the decision at ${new Date(t).toISOString()}`);
    const signals: SignalIn[] = list.map((b) => {
      const s = codecs.Signal.decode(b.bytes);
      const instrument = instrumentOf(s.instrument);
      let decision: SignalIn['decision'];
      try {
        decision = checkDecision(decisionOf(s));
      } catch (e) {
        decision = { invalid: (e as Error).message, negative: false };
      }
      return { strategy: s.strategy ?? '', instrument, decision };
    });
    const known = signals.filter((s) => p.indexOf(s.instrument) >= 0);
    for (const s of signals) {
      if (p.indexOf(s.instrument) >= 0) continue;
      outputs.push({
        kind: 'alert',
        alert: {
          severity: 'warning',
          code: 'signal_unknown_instrument',
          message: `signal of ${s.strategy} for ${formatInstrument(s.instrument)}, which the pipeline does not trade`,
          dedupeKey: `${s.strategy}:${formatInstrument(s.instrument)}:${t}`,
        },
      });
    }
    if (ctx.behind !== undefined) {
      outputs.push({
        kind: 'alert',
        alert: {
          severity: 'critical',
          code: 'account_behind',
          message: `${ctx.behind}; every order of this close time is refused, its targets stay pending`,
          dedupeKey: String(t),
        },
      });
    }
    const outcome = evaluate({
      account: p.account,
      time: t,
      signals: known,
      standing: state.standing,
      pending: state.pending,
      state: ctx.account ?? newAccount(p.account, p.config.paper.initialCash, p.config.paper.quoteCurrency),
      marks,
      keys: p.keys,
      instruments: p.instruments,
      spec: (i) => p.specs[p.indexOf(i)]!,
      control: ctx.control,
      limits: p.config.risk,
      mode: p.config.mode,
      now: ctx.now,
      tfMs: p.tfMs,
      calendar: p.calendar,
      orderTimes: state.orderTimes,
      ...(ctx.behind !== undefined ? { accountBehind: ctx.behind } : {}),
      swapSettings: p.swapSettings,
      feeRate: p.config.fillModel.fees.taker,
      ...(ctx.funding !== undefined ? { fundingRates: ctx.funding } : {}),
    });
    for (const m of outcome.marginAlerts) {
      outputs.push({
        kind: 'alert',
        alert: {
          severity: 'warning',
          code: 'margin_ratio_low',
          message: `${m.instrument}: margin ratio ${m.marginRatio.toFixed(3)} is below the alert level ${p.config.risk.alertMarginRatio} (liquidation at ${m.liquidationPrice.toFixed(2)})`,
          labels: { account: p.account, instrument: m.instrument },
          dedupeKey: `${m.instrument}:${t}`,
        },
      });
    }
    const out: SavedOut[] = [];
    for (const c of outcome.cancels) out.push(cancelOut(c, t));
    for (const v of outcome.verdicts) out.push(verdictOut(v.order, v.reason, v.detail, ctx.now));
    for (const r of outcome.refusals) out.push(refusalOut(r, t, ctx.now));
    outputs.push({
      kind: 'closed',
      t,
      marks,
      decided: {
        standing: outcome.standing,
        pending: outcome.pending,
        orderTimes: outcome.orderTimes,
        saved: out,
        now: ctx.now,
        ...(outcome.halt ? { halt: { reason: outcome.halt.reason, detail: outcome.halt.detail } } : {}),
      },
    });
    return outputs;
  };

  const onForceExit = (state: GateState, c: ForceExit, ctx: ForceExitContext | undefined): GateOutput[] => {
    if ((c.account ?? '') !== p.account) return [];
    const requestId = c.requestId ?? '';
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(requestId)) {
      throw new AlgoError(ErrorCode.InvalidData, `force-exit: request id "${requestId}" is not valid`);
    }
    if (!c.all && !c.instrument?.symbol) {
      throw new AlgoError(ErrorCode.InvalidData, `force-exit ${requestId}: no instrument and not "all"`);
    }
    if (!ctx) throw new Error(`risk-gate: no account context for force-exit ${requestId}`);
    const acct =
      ctx.account ?? newAccount(p.account, p.config.paper.initialCash, p.config.paper.quoteCurrency);
    const book = acct.book;
    const t = forceExitTime(p, state.lastT, ctx.account, ctx.now);
    const marks: Record<string, number> = { ...book.marks, ...state.marks };
    const held = (key: string) => book.positions[key]?.qty ?? 0;
    const targets: Instrument[] = c.all
      ? p.instruments.filter((i) => held(formatInstrument(i)) > 0)
      : [instrumentOf(c.instrument)];
    const who = c.issuedBy || '?';
    if (targets.length === 0) {
      return [
        {
          kind: 'alert',
          alert: {
            severity: 'info',
            code: 'forceexit_nothing_held',
            message: `force-exit ${requestId} of all positions (by ${who}): account ${p.account} holds nothing`,
            labels: { account: p.account, request: requestId },
            dedupeKey: requestId,
          },
        },
      ];
    }
    const outs: SavedOut[] = [];
    const sent: Record<string, ForceExitSent> = {};
    const standing: Standing = structuredClone(state.standing);
    const refuse = (i: Instrument, id: string, reason: Reason, detail: string) => {
      const req: OrderRequestMsg = {
        clientOrderId: id,
        account: p.account,
        strategy: FORCE_EXIT,
        instrument: refOf(i),
        side: sideToPb('sell'),
        type: pb.OrderType.ORDER_TYPE_MARKET,
        quantity: '',
        decisionTimeMs: t,
        reduceOnly: true,
      };
      const rej: RiskRejection = { order: req, reason: REASON[reason], detail, timeMs: ctx.now };
      outs.push(saved('RiskRejection', subjects.orderRejected(p.account), rejectionKey(id), rej));
    };
    for (const i of targets) {
      const key = formatInstrument(i);
      const id = forceExitOrderId(p.account, i, requestId);
      if (p.indexOf(i) < 0) {
        refuse(i, id, 'UNSPECIFIED', `force-exit: account ${p.account} does not trade ${key}`);
        continue;
      }
      const open = acct.pending
        .map((o) => acct.orders[o])
        .filter((o) => o !== undefined && !isTerminal(o.status) && o.instrument === key);
      const exit =
        open.find((o) => o!.strategy === FORCE_EXIT)?.id ?? unsettled(state.forceExits[key], acct, p.tfMs);
      if (exit) {
        refuse(i, id, 'NO_SHORT', `force-exit: an exit of ${key} is already open (order ${exit})`);
        continue;
      }
      const q = held(key);
      if (!(q > 0)) {
        refuse(i, id, 'UNSPECIFIED', `force-exit: account ${p.account} holds no ${key}`);
        continue;
      }
      const plan = planOrders({
        account: p.account,
        strategy: FORCE_EXIT,
        time: t,
        decisions: [targetUnits(i, 0)],
        portfolio: {
          cash: book.cash,
          equity: book.equity,
          position: (x) => book.positions[formatInstrument(x)]?.qty ?? 0,
          averagePrice: (x) => book.positions[formatInstrument(x)]?.avg ?? Number.NaN,
        },
        price: (x) => marks[formatInstrument(x)] ?? Number.NaN,
        spec: (x) => p.specs[p.indexOf(x)]!,
      });
      const r = plan.rejections[0];
      const o = plan.orders[0];
      if (!o) {
        refuse(
          i,
          id,
          r && r.reason !== 'no_price' ? 'BELOW_MIN_NOTIONAL' : 'UNSPECIFIED',
          `force-exit of ${q} ${key}: ${r ? `${r.reason}: ${r.detail}` : 'nothing to sell'}`,
        );
        continue;
      }
      // The still-open orders of the instrument first (a strategy's buy must not refill it).
      for (const x of open)
        outs.push(
          cancelOut({ clientOrderId: x!.id, instrument: i, strategy: x!.strategy, decisionTime: t }, t),
        );
      const order: PlannedOrder = { ...o, clientOrderId: id };
      outs.push(verdictOut(order, undefined, undefined, ctx.now));
      sent[key] = { id, t };
      // Flat is everyone's target now: a strategy buys again only on a decision of its own.
      for (const s of Object.keys(standing)) {
        if (standing[s]![key] !== undefined) standing[s]![key] = { kind: 'units', qty: 0 };
      }
    }
    return [{ kind: 'forceexit', standing, saved: outs, sent }];
  };

  return {
    initial: () => ({
      lastT: 0,
      standing: {},
      marks: {},
      orderTimes: [],
      buffer: new Map(),
      outbox: [],
      approvedSeq: 0,
      forceExits: {},
      pending: {},
    }),
    decide(state, input) {
      switch (input.kind) {
        case 'signal':
          return onSignal(state, input.signal, input.meta);
        case 'set':
          return onSet(state, input.set, input.context);
        case 'halted':
          return state.halt ? [{ kind: 'halted' }] : [];
        case 'forceexit':
          return onForceExit(state, input.command, input.context);
        default:
          return assertNever(input, 'gate input');
      }
    },
    // Never in place: the runtime keeps the new state only once the decisions are saved.
    evolve(state, o) {
      switch (o.kind) {
        case 'alert':
          return state;
        case 'halted': {
          const { halt: _written, ...rest } = state;
          return rest;
        }
        case 'forceexit':
          return {
            ...state,
            standing: o.standing,
            outbox: [...state.outbox, ...o.saved],
            forceExits: { ...state.forceExits, ...o.sent },
            // A force-exit ends what was pending for its instruments.
            pending: Object.fromEntries(
              Object.entries(state.pending).map(([s, byKey]) => [
                s,
                Object.fromEntries(Object.entries(byKey).filter(([k]) => !(k in o.sent))),
              ]),
            ),
          };
        case 'buffered': {
          const buffer = new Map(state.buffer);
          buffer.set(o.t, [...(buffer.get(o.t) ?? []), o.item]);
          return { ...state, buffer };
        }
        case 'closed': {
          const buffer = new Map([...state.buffer].filter(([t]) => t > o.t));
          const d = o.decided;
          return {
            ...state,
            lastT: o.t,
            marks: o.marks,
            buffer,
            ...(d
              ? { standing: d.standing, pending: d.pending, orderTimes: d.orderTimes, outbox: d.saved }
              : {}),
            ...(d?.halt ? { halt: haltAction(p.account, o.t, d.now, d.halt) } : {}),
          };
        }
        default:
          return assertNever(o, 'gate output');
      }
    },
    effects(state, o) {
      switch (o.kind) {
        case 'alert':
          return [alert(o.alert)];
        case 'buffered':
        case 'halted':
          return [];
        case 'forceexit':
          return o.saved.map((x) => publish(outOf(x)));
        case 'closed': {
          const d = o.decided;
          if (!d) return [gateAct({ type: 'progress', through: o.t, lazy: true })];
          const effects: Effect[] = [];
          // Before the decisions: a refusal for the loss limit goes out with the account HALTED.
          if (d.halt && state.halt) effects.push(gateAct(state.halt));
          for (const s of d.saved) effects.push(publish(outOf(s)));
          effects.push(gateAct({ type: 'progress', through: o.t, lazy: false }));
          return effects;
        }
        default:
          return assertNever(o, 'gate output');
      }
    },
    acked(state, m, ackSeq) {
      const approvedSeq =
        m.subject === subjects.orderApproved(p.account)
          ? Math.max(state.approvedSeq, ackSeq)
          : state.approvedSeq;
      return { ...state, approvedSeq, outbox: state.outbox.filter((s) => s.msgId !== m.msgId) };
    },
    snapshot(state) {
      const buffer: Record<string, Buffered[]> = {};
      for (const [t, list] of state.buffer) buffer[String(t)] = list;
      return {
        v: 1,
        lastT: state.lastT,
        standing: state.standing,
        marks: { ...state.marks },
        orderTimes: [...state.orderTimes],
        buffer,
        outbox: [...state.outbox],
        approvedSeq: state.approvedSeq,
        ...(state.halt ? { halt: state.halt } : {}),
        forceExits: { ...state.forceExits },
        ...(hasPending(state) ? { pending: state.pending } : {}),
      };
    },
    restore(snap) {
      const state: GateState = {
        lastT: snap.lastT,
        standing: snap.standing,
        marks: { ...snap.marks },
        orderTimes: [...snap.orderTimes],
        buffer: new Map(Object.entries(snap.buffer).map(([t, l]) => [Number(t), l])),
        outbox: [...snap.outbox],
        approvedSeq: snap.approvedSeq,
        ...(snap.halt ? { halt: snap.halt } : {}),
        forceExits: { ...(snap.forceExits ?? {}) },
        pending: snap.pending ?? {},
      };
      // A halt saved with its decisions but maybe not written: written first, as it was owed.
      const effects: Effect[] = state.halt ? [gateAct(state.halt)] : [];
      // Decisions saved but maybe not published: publish them again (their ids dedupe).
      effects.push(...state.outbox.map((s) => publish(outOf(s))));
      if (effects.length > 0) effects.push(gateAct({ type: 'progress', through: state.lastT, lazy: false }));
      return { state, effects };
    },
  };
}

function haltAction(account: string, t: number, now: number, halt: Halt): HaltAction {
  return {
    type: 'halt',
    detail: halt.detail,
    now,
    alert: {
      severity: 'critical',
      code: HALT_CODE[halt.reason],
      message: `account ${account} HALTED: ${halt.detail}`,
      labels: { account },
      dedupeKey: String(t),
    },
  };
}

function saved(
  type: SavedOut['type'],
  subject: string,
  msgId: string,
  message: OrderRequestMsg | RiskRejection,
): SavedOut {
  const bytes =
    type === 'OrderRequest'
      ? codecs.OrderRequest.encode(message as OrderRequestMsg)
      : codecs.RiskRejection.encode(message as RiskRejection);
  return { type, subject, msgId, bytes, approved: type === 'OrderRequest' };
}
