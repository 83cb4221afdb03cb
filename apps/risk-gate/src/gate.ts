import {
  type Bus,
  loadCheckpoint,
  readControl,
  saveCheckpoint,
  subjects,
  updateControl,
} from '@algotrader/bus';
import {
  type Clock,
  cancelKey,
  clientOrderId,
  formatInstrument,
  orderKey,
  rejectionKey,
} from '@algotrader/core';
import {
  type AccountState,
  Alerter,
  accountKey,
  CHECKPOINTS_BUCKET,
  Checkpointer,
  CONTROL_BUCKET,
  checkpointKeys,
  type DecisionProgress,
  dec,
  decisionOf,
  decodeAccount,
  decodeProgress,
  encodeProgress,
  instrumentOf,
  KvFollower,
  newAccount,
  Outbox,
  type OutMessage,
  orderRequestOut,
  type Pipeline,
  POSITIONS_BUCKET,
  progressKey,
  type ReadMeta,
  refOf,
  route,
  Serial,
  StreamReader,
  sideToPb,
} from '@algotrader/pipeline';
import type { PlannedOrder } from '@algotrader/portfolio';
import {
  codecs,
  type OrderRequestMsg,
  pb,
  type RiskRejection,
  type Signal,
  type SignalSetClosed,
} from '@algotrader/proto';
import type { KV } from '@nats-io/kv';
import {
  type CancelRequest,
  checkDecision,
  evaluate,
  type Reason,
  type Refusal,
  type SignalIn,
  type Standing,
} from './rules';

interface Buffered {
  readonly msgId: string;
  readonly bytes: Uint8Array;
}

interface SavedOut {
  readonly type: 'OrderRequest' | 'RiskRejection';
  readonly subject: string;
  readonly msgId: string;
  readonly bytes: Uint8Array;
  readonly approved: boolean;
}

/** What the risk gate saves. */
export interface GateCheckpoint {
  v: 1;
  /** SIGNALS stream sequence of the last message handled. */
  seq: number;
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
}

export interface RiskGateOptions {
  readonly bus: Bus;
  readonly pipeline: Pipeline;
  readonly clock: Clock;
}

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
  UNSPECIFIED: pb.RejectReason.REJECT_REASON_UNSPECIFIED,
};

/**
 * Signals in, decisions out. Reads the SIGNALS stream in order, buffers the signals of each close
 * time T and, on the strategy-runner's SignalSetClosed for T, waits until the account state shows
 * every fill the backtest would have applied before deciding at T, then nets, plans and checks
 * (see `evaluate`) and publishes every decision: OrderRequests on `ord.approved.<account>` (the
 * only publisher there) and RiskRejections on `ord.rejected.<account>`.
 *
 * The decisions of T are saved in the checkpoint before they are published, so a crash in between
 * republishes the very same messages (their ids make the repeat a no-op) instead of deciding again
 * on an account that has moved on. After publishing, it records how far it has decided
 * (`decided.<account>` in KV `positions`): the paper router applies a bar's fills only once every
 * decision that may fill on it is in.
 */
export class RiskGate {
  readonly #o: RiskGateOptions;
  readonly #serial = new Serial();
  readonly #alerts: Alerter;
  readonly #checkpoints: KV;
  readonly #positions: KV;
  readonly #control: KV;
  readonly #account: KvFollower<AccountState>;
  readonly #checkpoint: Checkpointer;
  readonly #outbox = new Outbox();
  readonly #key: string;
  #reader: StreamReader | undefined;
  #applied = 0;
  #seq = 0;
  #lastT = 0;
  #standing: Standing = {};
  #marks: Record<string, number> = {};
  #orderTimes: number[] = [];
  #buffer = new Map<number, Buffered[]>();
  #saved: SavedOut[] = [];
  #approvedSeq = 0;
  #progressWritten = -1;
  #progressTimer: NodeJS.Timeout | undefined;
  #stopped = false;
  readonly counters = { signals: 0, sets: 0, approved: 0, rejected: 0, cancels: 0, halts: 0, waits: 0 };

  private constructor(o: RiskGateOptions, checkpoints: KV, positions: KV, control: KV) {
    this.#o = o;
    this.#checkpoints = checkpoints;
    this.#positions = positions;
    this.#control = control;
    this.#key = checkpointKeys.riskGate(o.pipeline.account);
    this.#alerts = new Alerter(o.bus, 'risk-gate', o.clock);
    this.#account = new KvFollower(positions, accountKey(o.pipeline.account), decodeAccount, 250);
    this.#checkpoint = new Checkpointer({
      bus: o.bus,
      kv: checkpoints,
      key: this.#key,
      everyMs: o.pipeline.config.checkpointEveryMs,
      serial: this.#serial,
      snapshot: () => this.snapshot(),
    });
  }

  static async start(o: RiskGateOptions): Promise<RiskGate> {
    const [checkpoints, positions, control] = await Promise.all([
      o.bus.kv(CHECKPOINTS_BUCKET),
      o.bus.kv(POSITIONS_BUCKET),
      o.bus.kv(CONTROL_BUCKET),
    ]);
    const g = new RiskGate(o, checkpoints, positions, control);
    await g.#account.start();
    const ck = await loadCheckpoint<GateCheckpoint>(checkpoints, g.#key);
    if (ck) g.#restore(ck);
    // Progress never goes back, even when the checkpoint is older than the last progress written.
    const written = await positions.get(progressKey(o.pipeline.account));
    if (written && written.operation === 'PUT' && written.value.length > 0) {
      g.#progressWritten = decodeProgress(written.value).decidedThrough;
    }
    // A crash between saving decisions and publishing them: publish them now (ids dedupe).
    if (g.#saved.length > 0) await g.#serial.run(() => g.#publishSaved());
    g.#reader = new StreamReader({
      bus: o.bus,
      name: 'risk-gate',
      stream: 'SIGNALS',
      filter: 'sig.>',
      startSeq: g.#seq + 1,
      routes: [
        route(codecs.Signal, (m: Signal, meta) => g.#serial.run(() => g.#onSignal(m, meta))),
        route(codecs.SignalSetClosed, (m: SignalSetClosed, meta) => g.#serial.run(() => g.#onSet(m, meta))),
      ],
      onDeadLetter: (reason, meta) =>
        g.#alerts.raise({
          severity: 'warning',
          code: 'signal_rejected',
          message: `risk-gate refused ${meta.subject} #${meta.seq}: ${reason}`,
          dedupeKey: `${meta.seq}`,
        }),
    });
    g.#reader.start();
    return g;
  }

  get position(): number {
    return this.#seq;
  }

  get lastT(): number {
    return this.#lastT;
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    await this.#reader?.stop();
    this.#account.stop();
    this.#checkpoint.stop();
    if (this.#progressTimer) clearTimeout(this.#progressTimer);
    await this.#serial.run(async () => {
      await this.#checkpoint.flush().catch(() => undefined);
      await this.#writeProgress().catch(() => undefined);
    });
  }

  snapshot(): GateCheckpoint | undefined {
    if (!this.#outbox.empty) return undefined;
    return this.#state(this.#seq, this.#lastT, this.#standing, this.#orderTimes, this.#saved);
  }

  #state(
    seq: number,
    lastT: number,
    standing: Standing,
    orderTimes: number[],
    outbox: SavedOut[],
  ): GateCheckpoint {
    const buffer: Record<string, Buffered[]> = {};
    for (const [t, list] of this.#buffer) buffer[String(t)] = list;
    return {
      v: 1,
      seq,
      lastT,
      standing,
      marks: { ...this.#marks },
      orderTimes: [...orderTimes],
      buffer,
      outbox,
      approvedSeq: this.#approvedSeq,
    };
  }

  #restore(ck: GateCheckpoint): void {
    this.#seq = ck.seq;
    this.#applied = ck.seq;
    this.#lastT = ck.lastT;
    this.#standing = ck.standing;
    this.#marks = ck.marks;
    this.#orderTimes = ck.orderTimes;
    this.#buffer = new Map(Object.entries(ck.buffer).map(([t, l]) => [Number(t), l]));
    this.#saved = ck.outbox;
    this.#approvedSeq = ck.approvedSeq;
  }

  async #onSignal(m: Signal, meta: ReadMeta): Promise<void> {
    if (meta.seq > this.#applied) {
      this.#applied = meta.seq;
      const t = Number(m.closeTimeMs ?? 0);
      if ((m.account ?? '') === '' || m.account === this.#o.pipeline.account) {
        this.counters.signals += 1;
        if (t <= this.#lastT) {
          this.#alerts.raise({
            severity: 'warning',
            code: 'signal_late',
            message: `signal ${meta.msgId ?? ''} for ${new Date(t).toISOString()} came after that close time was decided: ignored`,
            dedupeKey: meta.msgId ?? String(meta.seq),
          });
        } else {
          const list = this.#buffer.get(t) ?? [];
          const id = meta.msgId ?? `seq:${meta.seq}`;
          if (!list.some((b) => b.msgId === id)) list.push({ msgId: id, bytes: codecs.Signal.encode(m) });
          this.#buffer.set(t, list);
        }
      }
    }
    this.#seq = meta.seq;
  }

  async #onSet(m: SignalSetClosed, meta: ReadMeta): Promise<void> {
    const p = this.#o.pipeline;
    if (meta.seq <= this.#applied) {
      await this.#publishSaved();
      this.#seq = meta.seq;
      return;
    }
    const t = Number(m.closeTimeMs ?? 0);
    if ((m.venue ?? '').toUpperCase() !== p.venue || m.timeframe !== p.tf || t <= this.#lastT) {
      this.#applied = meta.seq;
      this.#seq = meta.seq;
      return;
    }
    this.counters.sets += 1;
    for (const [sym, px] of Object.entries(m.marks ?? {})) this.#marks[`${p.venue}:${sym}`] = px;
    const list = this.#buffer.get(t) ?? [];
    for (const old of [...this.#buffer.keys()]) {
      if (old > t) continue;
      if (old < t) {
        this.#alerts.raise({
          severity: 'warning',
          code: 'signals_orphaned',
          message: `${this.#buffer.get(old)!.length} signal(s) for ${new Date(old).toISOString()} never got their set marker: dropped`,
          dedupeKey: String(old),
        });
      }
      this.#buffer.delete(old);
    }
    if (list.length === 0) {
      this.#applied = meta.seq;
      this.#lastT = t;
      this.#seq = meta.seq;
      this.#scheduleProgress();
      await this.#checkpoint.after();
      return;
    }
    // Read while waiting for the account (one round trip less on the decision path).
    const controlRead = readControl(this.#control, p.account);
    controlRead.catch(() => undefined);
    // Every close time before t is decided (markers come in order): the router may be waiting
    // for exactly that (the bar closing at t opens at t - tf) to apply the fills we wait for.
    await this.#writeProgress(t - p.tfMs);
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
      if (p.indexOf(s.instrument) < 0) {
        this.#alerts.raise({
          severity: 'warning',
          code: 'signal_unknown_instrument',
          message: `signal of ${s.strategy} for ${formatInstrument(s.instrument)}, which the pipeline does not trade`,
          dedupeKey: `${s.strategy}:${formatInstrument(s.instrument)}:${t}`,
        });
      }
    }
    const stale =
      p.config.mode === 'live' &&
      p.config.risk.staleAfterBars !== null &&
      this.#o.clock.now() - t > p.config.risk.staleAfterBars * p.tfMs;
    let state = this.#account.value;
    let behind: string | undefined;
    let waited = false;
    if (!stale && (state?.visibleThrough ?? 0) < t) {
      waited = true;
      this.counters.waits += 1;
      state =
        (await this.#account.waitFor((a) => a.visibleThrough >= t, p.config.risk.accountWaitMs)) ??
        this.#account.value;
      if (!state || state.visibleThrough < t) {
        behind = `account ${p.account} is not current: its state is valid through ${new Date(state?.visibleThrough ?? 0).toISOString()}, the decision is at ${new Date(t).toISOString()}`;
        this.#alerts.raise({
          severity: 'critical',
          code: 'account_behind',
          message: `${behind}; every order of this close time is refused`,
          dedupeKey: String(t),
        });
      }
    }
    const account = state ?? newAccount(p.account, p.config.paper.initialCash, p.config.paper.quoteCurrency);
    // A command given while we waited counts.
    const control = waited ? await readControl(this.#control, p.account) : await controlRead;
    const now = this.#o.clock.now();
    const outcome = evaluate({
      account: p.account,
      time: t,
      signals: known,
      standing: this.#standing,
      state: account,
      marks: this.#marks,
      keys: p.keys,
      instruments: p.instruments,
      spec: (i) => p.specs[p.indexOf(i)]!,
      control,
      limits: p.config.risk,
      mode: p.config.mode,
      now,
      tfMs: p.tfMs,
      orderTimes: this.#orderTimes,
      ...(behind !== undefined ? { accountBehind: behind } : {}),
    });
    const saved: SavedOut[] = [];
    for (const c of outcome.cancels) saved.push(this.#cancelOut(c, t));
    for (const v of outcome.verdicts) saved.push(this.#verdictOut(v.order, v.reason, v.detail, now));
    for (const r of outcome.refusals) saved.push(this.#refusalOut(r, t, now));
    // Decisions are saved before anything is published (see the class comment).
    await saveCheckpoint(
      this.#checkpoints,
      this.#key,
      this.#state(meta.seq, t, outcome.standing, outcome.orderTimes, saved),
    );
    this.#applied = meta.seq;
    this.#lastT = t;
    this.#standing = outcome.standing;
    this.#orderTimes = outcome.orderTimes;
    this.#saved = saved;
    if (outcome.halt) {
      this.counters.halts += 1;
      await updateControl(
        this.#control,
        p.account,
        { kind: 'state', state: 'HALTED' },
        'risk-gate',
        outcome.halt.detail,
        now,
      );
      this.#alerts.raise({
        severity: 'critical',
        code: outcome.halt.reason === 'MAX_DAILY_LOSS' ? 'halted_daily_loss' : 'halted_drawdown',
        message: `account ${p.account} HALTED: ${outcome.halt.detail}`,
        labels: { account: p.account },
        dedupeKey: String(t),
      });
    }
    await this.#publishSaved();
    this.#seq = meta.seq;
    await this.#checkpoint.after();
  }

  /** Publishes the saved decisions of the last close time, then records the progress. */
  async #publishSaved(): Promise<void> {
    if (this.#saved.length > 0 && this.#outbox.empty) {
      for (const s of this.#saved) {
        const codec = s.type === 'OrderRequest' ? codecs.OrderRequest : codecs.RiskRejection;
        const message = codec.decode(s.bytes);
        this.#outbox.push({ codec, subject: s.subject, message, msgId: s.msgId } as OutMessage);
      }
    }
    await this.#outbox.flush(this.#o.bus, (m, ack) => {
      if (m.subject === subjects.orderApproved(this.#o.pipeline.account)) {
        this.#approvedSeq = Math.max(this.#approvedSeq, ack.seq);
      }
      if (m.codec === codecs.RiskRejection) this.counters.rejected += 1;
      else if ((m.message as OrderRequestMsg).cancel) this.counters.cancels += 1;
      else this.counters.approved += 1;
    });
    this.#saved = [];
    await this.#writeProgress();
  }

  #scheduleProgress(): void {
    if (this.#progressTimer || this.#stopped) return;
    this.#progressTimer = setTimeout(() => {
      this.#progressTimer = undefined;
      void this.#serial
        .run(() => this.#writeProgress())
        .catch((e: unknown) => this.#o.bus.log.warn({ err: (e as Error).message }, 'progress write failed'));
    }, 5);
  }

  /** Records that every close time up to `through` is decided and its orders published. */
  async #writeProgress(through = this.#lastT): Promise<void> {
    if (!this.#outbox.empty || this.#saved.length > 0) return;
    if (through <= this.#progressWritten) return;
    const progress: DecisionProgress = { decidedThrough: through, approvedSeq: this.#approvedSeq };
    await this.#positions.put(progressKey(this.#o.pipeline.account), encodeProgress(progress));
    this.#progressWritten = through;
  }

  #verdictOut(
    o: PlannedOrder,
    reason: Reason | undefined,
    detail: string | undefined,
    now: number,
  ): SavedOut {
    const p = this.#o.pipeline;
    const req = orderRequestOut(o);
    if (reason === undefined) {
      return {
        type: 'OrderRequest',
        subject: subjects.orderApproved(p.account),
        msgId: orderKey(o.clientOrderId),
        bytes: codecs.OrderRequest.encode(req),
        approved: true,
      };
    }
    const rej: RiskRejection = { order: req, reason: REASON[reason], detail: detail ?? '', timeMs: now };
    return {
      type: 'RiskRejection',
      subject: subjects.orderRejected(p.account),
      msgId: rejectionKey(o.clientOrderId),
      bytes: codecs.RiskRejection.encode(rej),
      approved: false,
    };
  }

  #refusalOut(r: Refusal, t: number, now: number): SavedOut {
    const p = this.#o.pipeline;
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
    return {
      type: 'RiskRejection',
      subject: subjects.orderRejected(p.account),
      msgId: rejectionKey(id),
      bytes: codecs.RiskRejection.encode(rej),
      approved: false,
    };
  }

  #cancelOut(c: CancelRequest, t: number): SavedOut {
    const p = this.#o.pipeline;
    const req: OrderRequestMsg = {
      clientOrderId: c.clientOrderId,
      account: p.account,
      strategy: c.strategy,
      instrument: refOf(c.instrument),
      decisionTimeMs: t,
      cancel: true,
    };
    return {
      type: 'OrderRequest',
      subject: subjects.orderApproved(p.account),
      msgId: cancelKey(c.clientOrderId),
      bytes: codecs.OrderRequest.encode(req),
      approved: true,
    };
  }
}
