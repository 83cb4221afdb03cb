import { type Bus, readControl, requestHalt, saveCheckpoint } from '@algotrader/bus';
import { AlgoError, type Clock, ErrorCode, latestBarOpen, sessionTimeBetween } from '@algotrader/core';
import {
  type AccountState,
  type Action,
  Alerter,
  accountKey,
  CHECKPOINTS_BUCKET,
  CONTROL_BUCKET,
  ControlFollower,
  checkpointKeys,
  decodeAccount,
  decodeProgress,
  encodeProgress,
  KvFollower,
  messageBounds,
  type OutMessage,
  type Pipeline,
  POSITIONS_BUCKET,
  progressKey,
  Serial,
  StageRuntime,
  stageRoute,
} from '@algotrader/pipeline';
import {
  codecs,
  type ForceExit,
  type OrderRequestMsg,
  type Signal,
  type SignalSetClosed,
} from '@algotrader/proto';
import type { KV } from '@nats-io/kv';
import {
  decidesOn,
  forAccount,
  type GateAction,
  type GateContext,
  type GateMessage,
  type GateOutput,
  type GateSnapshot,
  type GateState,
  gateDecider,
  hasPending,
} from './decider';
import { FundingFollower } from './funding';
import { revalidatingRestore } from './revalidate';

type Runtime = StageRuntime<GateState, GateMessage, GateOutput, GateSnapshot>;

export interface RiskGateOptions {
  readonly bus: Bus;
  readonly pipeline: Pipeline;
  readonly clock: Clock;
}

/**
 * The risk-gate stage: `gateDecider` (signals in, decisions out) in the shared `StageRuntime`,
 * reading SIGNALS in order. The shell only reads what a decision needs (`context`: the account
 * state awaited until it is valid through the close time, the control value, the clock) and
 * executes the decider's actions: the HALTED compare-and-set and the progress record
 * (`decided.<account>` in KV `positions`: the paper router applies a bar's fills only once every
 * decision that may fill on it is in). Decisions are saved before they are published
 * (`checkpointBeforePublish`).
 */
export class RiskGate {
  readonly #o: RiskGateOptions;
  readonly #positions: KV;
  readonly #control: KV;
  readonly #account: KvFollower<AccountState>;
  /** The control state, followed (no round trip per decision); the router reads it fresh per order. */
  readonly #controlView: ControlFollower;
  readonly #alerts: Alerter;
  /** Latest swap funding rates (md.funding.*): the EXTREME_FUNDING guard's input. */
  readonly #funding: FundingFollower;
  /** Progress writes, one at a time and never backwards. */
  readonly #progress = new Serial();
  #progressWritten = -1;
  #progressTimer: NodeJS.Timeout | undefined;
  #stopped = false;
  #runtime: Runtime | undefined;
  readonly counters = {
    signals: 0,
    forceExits: 0,
    sets: 0,
    approved: 0,
    rejected: 0,
    cancels: 0,
    halts: 0,
    waits: 0,
    /** Close times a replay waited past `accountWaitMs` for (the order-router down or slow). */
    longWaits: 0,
    /** Progress writes that failed (a NATS failover) and were retried. */
    progressRetries: 0,
  };

  private constructor(o: RiskGateOptions, positions: KV, control: KV) {
    this.#o = o;
    this.#positions = positions;
    this.#control = control;
    this.#alerts = new Alerter(o.bus, 'risk-gate', o.clock);
    this.#account = new KvFollower(positions, accountKey(o.pipeline.account), decodeAccount, 250);
    this.#controlView = new ControlFollower(control, o.pipeline.account);
    this.#funding = new FundingFollower(o.bus, this.#alerts);
  }

  /** Funding rates received, and those refused as bad input (alerted as `funding_invalid`). */
  get fundingCounters(): { readonly received: number; readonly invalid: number } {
    return { received: this.#funding.received, invalid: this.#funding.invalid };
  }

  static async start(o: RiskGateOptions): Promise<RiskGate> {
    const p = o.pipeline;
    const [positions, control] = await Promise.all([o.bus.kv(POSITIONS_BUCKET), o.bus.kv(CONTROL_BUCKET)]);
    const g = new RiskGate(o, positions, control);
    await Promise.all([g.#account.start(), g.#controlView.start()]);
    if (Object.keys(p.swapSettings).length > 0) {
      await g.#funding.start(p.instruments.filter((_i, k) => p.swapSettings[p.keys[k]!] !== undefined));
    }
    // Progress never goes back, even when the checkpoint is older than the last progress written.
    const written = await positions.get(progressKey(p.account));
    if (written && written.operation === 'PUT' && written.value.length > 0) {
      g.#progressWritten = decodeProgress(written.value).decidedThrough;
    }
    let refusedOwed = 0;
    g.#runtime = await StageRuntime.start({
      bus: o.bus,
      clock: o.clock,
      name: 'risk-gate',
      stream: 'SIGNALS',
      filter: 'sig.>',
      checkpointKey: checkpointKeys.riskGate(p.account),
      checkpointEveryMs: p.config.checkpointEveryMs,
      bounds: messageBounds(p),
      // Decisions owed from the checkpoint are re-checked against the control state of now.
      decider: revalidatingRestore(
        p,
        gateDecider(p),
        { control: await readControl(control, p.account), account: g.#account.value },
        () => {
          refusedOwed += 1;
        },
      ),
      routes: [
        stageRoute(codecs.Signal, (signal: Signal, meta): GateMessage => ({ kind: 'signal', signal, meta })),
        stageRoute(
          codecs.SignalSetClosed,
          (set: SignalSetClosed, meta): GateMessage => ({ kind: 'set', set, meta }),
          {
            checkpoint: true,
          },
        ),
        // An operator's force-exit: decided at once, saved before its orders go out.
        stageRoute(
          codecs.ForceExit,
          (command: ForceExit, meta): GateMessage => ({ kind: 'forceexit', command, meta }),
          { checkpoint: true },
        ),
      ],
      deadLetterAlert: (reason, meta) => ({
        severity: 'warning',
        code: 'signal_rejected',
        message: `risk-gate refused ${meta.subject} #${meta.seq}: ${reason}`,
        dedupeKey: `${meta.seq}`,
      }),
      context: (input, state) => g.#context(input, state),
      checkpointBeforePublish: true,
      act: (action, state) => g.#act(action as GateAction, state),
      onPublished: (m) => g.#count(m),
    });
    // A refused owed decision is gone from the state: save that, so it is not owed again.
    const cleaned = refusedOwed > 0 ? g.#runtime.checkpoint() : undefined;
    if (cleaned) {
      await saveCheckpoint(await o.bus.kv(CHECKPOINTS_BUCKET), checkpointKeys.riskGate(p.account), cleaned);
    }
    return g;
  }

  get position(): number {
    return this.#runtime?.position ?? 0;
  }

  get lastT(): number {
    return this.#runtime?.state.lastT ?? 0;
  }

  /** True when every decision made so far is published (`lastT` moves before they go out). */
  get idle(): boolean {
    return this.#runtime?.idle ?? true;
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    await this.#runtime?.stop();
    this.#account.stop();
    this.#controlView.stop();
    this.#funding.stop();
    if (this.#progressTimer) clearTimeout(this.#progressTimer);
    const state = this.#runtime?.state;
    if (state && this.#runtime?.idle) await this.#writeProgress(state.lastT, state).catch(() => undefined);
  }

  /** Reads what deciding the close time of a set with signals needs; other inputs pass unchanged. */
  async #context(input: GateMessage, state: GateState): Promise<GateMessage> {
    const p = this.#o.pipeline;
    if (input.kind === 'signal') {
      if (forAccount(p, input.signal)) this.counters.signals += 1;
      return input;
    }
    if (input.kind === 'forceexit') {
      if ((input.command.account ?? '') !== p.account) return input;
      this.counters.forceExits += 1;
      // The account as it is now: an exit sells what is held, it does not wait for a close time.
      return { ...input, context: { account: this.#account.value, now: this.#o.clock.now() } };
    }
    if (input.kind !== 'set') return input;
    if (!decidesOn(p, state, input.set)) return input;
    this.counters.sets += 1;
    const t = Number(input.set.closeTimeMs ?? 0);
    // Without signals, a close time is decided only for pending targets (live), and only when it
    // is fresh. The account is waited for only when it was current at the previous close time (the
    // router keeping up); one further behind (the router down) keeps them pending without holding
    // up the stream.
    const signalled = (state.buffer.get(t) ?? []).length > 0;
    if (!signalled && !hasPending(state)) return input;
    // Every close time before t is decided (markers come in order): the router may be waiting
    // for exactly that (the bar closing at t opens at t - tf, or later when cut at a session
    // close: latestBarOpen) to apply the fills we wait for.
    // Written while the account and control are read (one round trip less when the account is
    // current); awaited before deciding, so a failed write still fails this message.
    // Retried until written while we wait: the account we wait for is stepped only once the router
    // has seen it (a failed write never retried left both waiting for each other).
    const progressWrite = this.#writeProgressRetrying(latestBarOpen(p.calendar, t, p.tfMs), state);
    progressWrite.catch(() => undefined);
    const stale =
      p.config.mode === 'live' &&
      p.config.risk.staleAfterBars !== null &&
      sessionTimeBetween(p.calendar, t, this.#o.clock.now()) > p.config.risk.staleAfterBars * p.tfMs;
    let account = this.#account.value;
    let behind: string | undefined;
    if (!signalled && (stale || (account?.visibleThrough ?? 0) < state.lastT)) {
      // Not decided (nothing refused, nothing published): they wait for a fresh, current close time.
      behind = stale
        ? `close time ${new Date(t).toISOString()} is stale: pending targets wait`
        : `account ${p.account} is behind the last close time: pending targets wait`;
    } else if (!stale && (account?.visibleThrough ?? 0) < t) {
      this.counters.waits += 1;
      account =
        (await this.#account.waitFor((a) => a.visibleThrough >= t, p.config.risk.accountWaitMs)) ??
        this.#account.value;
      // A replay has no wall-clock deadline: an order-router that is down (a slow restart) is
      // waited for, said once per close time, rather than every target of that time refused.
      for (let waits = 1; p.config.mode === 'replay' && (account?.visibleThrough ?? 0) < t; waits++) {
        if (this.#stopped)
          throw new AlgoError(ErrorCode.Internal, 'risk-gate stopping while waiting for the account');
        if (waits === 1) {
          this.counters.longWaits += 1;
          this.#alerts.raise({
            severity: 'warning',
            code: 'account_wait',
            message: `risk-gate ${p.account}: no account state through ${new Date(t).toISOString()} after ${p.config.risk.accountWaitMs} ms (is the order-router down?); the replay waits for it`,
            dedupeKey: `${p.account}:${t}`,
          });
        }
        account =
          (await this.#account.waitFor((a) => a.visibleThrough >= t, p.config.risk.accountWaitMs)) ??
          this.#account.value;
      }
      if (!account || account.visibleThrough < t) {
        behind = `account ${p.account} is not current: its state is valid through ${new Date(account?.visibleThrough ?? 0).toISOString()}, the decision is at ${new Date(t).toISOString()}`;
      }
    }
    await progressWrite;
    // As followed now: a command given while we waited counts.
    const control = this.#controlView.value;
    // A stage wrote something other than a halt to its halt key: held as HALTED by readControl.
    for (const why of control.refused ?? []) {
      this.#alerts.raise({
        severity: 'critical',
        code: 'control_write_refused',
        message: `account ${p.account}: ${why}`,
        labels: { account: p.account },
        dedupeKey: why,
      });
    }
    const context: GateContext = {
      account,
      control,
      now: this.#o.clock.now(),
      ...(behind !== undefined ? { behind } : {}),
      ...(p.config.risk.maxFundingRate !== null ? { funding: this.#funding.rates } : {}),
    };
    return { ...input, context };
  }

  async #act(a: GateAction, state: GateState): Promise<GateMessage[] | undefined> {
    switch (a.type) {
      case 'halt':
        this.counters.halts += 1;
        await requestHalt(this.#control, this.#o.pipeline.account, 'risk-gate', a.detail, a.now);
        this.#alerts.raise(a.alert);
        // Written: the decider stops owing it (a crash before this line writes it again).
        return [{ kind: 'halted' }];
      case 'progress':
        if (a.lazy) this.#scheduleProgress();
        else await this.#writeProgress(a.through, state);
        return undefined;
      default:
        throw new Error(`risk-gate: unknown action ${(a as Action).type}`);
    }
  }

  #count(m: OutMessage): void {
    if (m.codec === codecs.RiskRejection) this.counters.rejected += 1;
    else if ((m.message as OrderRequestMsg).cancel) this.counters.cancels += 1;
    else this.counters.approved += 1;
  }

  /** Close times without signals: many in a replay, so their progress is written coalesced. */
  #scheduleProgress(): void {
    if (this.#progressTimer || this.#stopped) return;
    this.#progressTimer = setTimeout(() => {
      this.#progressTimer = undefined;
      const r = this.#runtime;
      // Decisions in flight write their own progress once published.
      if (!r?.idle) return;
      // Retried until written: the router steps a bar only once it is decided, and nothing else
      // would write this progress again (the next decision waits for that very step).
      this.#writeProgressRetrying(r.state.lastT, r.state).catch(() => undefined);
    }, 5);
  }

  /**
   * {@link #writeProgress}, retried after a failure (a write during a NATS failover or outage)
   * until it is written, or the gate stops (then it fails). A progress write that failed and was
   * not retried deadlocked a replay: the router waits for the decisions before it steps the bar,
   * and the gate waits for the router's step before it decides the next close time.
   */
  async #writeProgressRetrying(through: number, state: GateState): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        await this.#writeProgress(through, state);
        return;
      } catch (e) {
        if (this.#stopped) throw e;
        this.counters.progressRetries += 1;
        this.#o.bus.log.warn({ err: (e as Error).message, attempt }, 'progress write failed; retrying');
        await new Promise((r) => setTimeout(r, Math.min(250 * 2 ** attempt, 2_000)));
      }
    }
  }

  /** Records that every close time up to `through` is decided and its orders published. */
  #writeProgress(through: number, state: GateState): Promise<void> {
    return this.#progress.run(async () => {
      if (through <= this.#progressWritten) return;
      const progress = { decidedThrough: through, approvedSeq: state.approvedSeq };
      await this.#positions.put(progressKey(this.#o.pipeline.account), encodeProgress(progress));
      this.#progressWritten = through;
    });
  }
}
