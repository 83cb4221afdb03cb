import type { Bus } from '@algotrader/bus';
import { assertNever } from '@algotrader/core';
import type { Alerter } from './alerts';
import type { Action, Decider, Effect, OutMessage } from './domain/decider';

type Pending = Exclude<Effect, { kind: 'alert' }>;

export interface RunnerOptions<State, Input, Output, Snapshot> {
  readonly bus: Bus;
  /** The stage, named in errors. */
  readonly name: string;
  readonly decider: Decider<State, Input, Output, Snapshot>;
  readonly state: State;
  readonly alerts: Alerter;
  /**
   * Executes the decider's `act` effects, in order with its publishes. What it returns are inputs
   * (e.g. a venue's answer to a call the decider asked for): they are decided right away, and
   * their effects run next, before anything that was queued after the action.
   */
  // biome-ignore lint/suspicious/noConfusingVoidType: an act without results (the gate's) returns nothing.
  readonly act?: (action: Action, state: State) => Promise<void | readonly Input[]>;
  /** Sees every publish ack (counters); the decider's `acked` has already folded it in. */
  readonly onPublished?: (message: OutMessage, ackSeq: number) => void;
  /**
   * Publishes that follow each other go out together, one round trip for the lot, for readers
   * that order by their own sequence numbers (a retried publish may land after a later one).
   */
  readonly concurrentPublish?: boolean;
  /**
   * Publishes that follow each other go out together too, and the stream still stores them in
   * order (for readers that order by the stream): each but the first names its predecessor as the
   * stream's expected last msg id, so one cannot be stored before the one ahead of it. A refused
   * one (its predecessor lost and retried, another writer in between) is sent again, in order,
   * with what followed it. All of them into one stream.
   */
  readonly orderedPublish?: boolean;
}

/** nats-server's error code for "wrong last msg ID" (JSStreamWrongLastMsgIDErrF). */
const WRONG_LAST_MSG_ID = 10070;

function isWrongLastMsgId(e: unknown): boolean {
  for (let c = e as { name?: unknown; code?: unknown; cause?: unknown } | undefined, d = 0; c && d < 5; d++) {
    if (c.name === 'JetStreamApiError' && c.code === WRONG_LAST_MSG_ID) return true;
    c = c.cause as typeof c;
  }
  return false;
}

/**
 * The core of every stage's shell: holds the decider's state, folds inputs in (decide → evolve →
 * effects) and executes the effects in order — publishes with their deterministic ids, actions,
 * alerts — keeping what is not done yet, so a retry resumes exactly there and nothing is decided
 * twice. `StageRuntime` is this plus one ordered stream and a checkpoint; the order-router is
 * this plus two streams and the account value as its checkpoint.
 */
export class DeciderRunner<State, Input, Output, Snapshot> {
  readonly #o: RunnerOptions<State, Input, Output, Snapshot>;
  /** Publishes and actions decided but not done, in order; each leaves the queue once done. */
  readonly #pending: Pending[] = [];
  state: State;

  constructor(o: RunnerOptions<State, Input, Output, Snapshot>) {
    this.#o = o;
    this.state = o.state;
  }

  /** True when every effect decided so far is done. */
  get idle(): boolean {
    return this.#pending.length === 0;
  }

  /** Decides `input` and folds its outputs in; throws on bad input before anything changed. */
  apply(input: Input): void {
    this.fold(this.#o.decider.decide(this.state, input));
  }

  /** Folds decided outputs in and queues their effects (alerts are raised at once). */
  fold(outputs: readonly Output[]): void {
    this.#pending.push(...this.#collect(outputs));
  }

  /** Queues effects computed elsewhere (a restore, a state kept only once saved). */
  queue(effects: readonly Effect[]): void {
    this.#pending.push(...this.#split(effects));
  }

  /** Publishes and acts what is pending, in order; a failure leaves the rest for the next call. */
  async flush(): Promise<void> {
    const { bus, decider, act, onPublished, concurrentPublish, orderedPublish } = this.#o;
    while (this.#pending.length > 0) {
      const item = this.#pending[0]!;
      if (item.kind === 'publish' && orderedPublish) {
        await this.#publishOrdered();
      } else if (item.kind === 'publish') {
        let n = 1;
        if (concurrentPublish) while (this.#pending[n]?.kind === 'publish') n += 1;
        const batch = this.#pending.slice(0, n) as Extract<Pending, { kind: 'publish' }>[];
        const acks = await Promise.all(
          batch.map(({ message: m }) =>
            bus.publish(m.codec, m.subject, m.message, {
              msgId: m.msgId,
              ...(m.correlationId ? { correlationId: m.correlationId } : {}),
            }),
          ),
        );
        this.#pending.splice(0, n);
        for (let i = 0; i < n; i++) {
          const m = batch[i]!.message;
          if (decider.acked) this.state = decider.acked(this.state, m, acks[i]!.seq);
          onPublished?.(m, acks[i]!.seq);
        }
      } else {
        if (!act) throw new Error(`${this.#o.name}: no act for action ${item.action.type}`);
        const results = await act(item.action, this.state);
        this.#pending.shift();
        if (results && results.length > 0) this.#pending.unshift(...this.#feedBack(results));
      }
    }
  }

  /**
   * The publishes at the head of the queue, together, chained (`orderedPublish`). The acked ones
   * up to the first failure leave the queue; a refusal for order leaves the rest for the next
   * round (its first goes out unchained: everything before it is stored); any other failure is
   * thrown, after the bus's own retries, as a single publish's would be.
   */
  async #publishOrdered(): Promise<void> {
    const { bus, decider, onPublished } = this.#o;
    let n = 0;
    while (this.#pending[n]?.kind === 'publish') n += 1;
    const batch = this.#pending.slice(0, n) as Extract<Pending, { kind: 'publish' }>[];
    const results = await Promise.allSettled(
      batch.map(({ message: m }, i) =>
        bus.publish(m.codec, m.subject, m.message, {
          msgId: m.msgId,
          ...(m.correlationId ? { correlationId: m.correlationId } : {}),
          ...(i > 0 ? { expectLastMsgId: batch[i - 1]!.message.msgId } : {}),
        }),
      ),
    );
    let done = 0;
    while (done < n && results[done]!.status === 'fulfilled') done += 1;
    this.#pending.splice(0, done);
    for (let i = 0; i < done; i++) {
      const m = batch[i]!.message;
      const seq = (results[i] as PromiseFulfilledResult<{ seq: number }>).value.seq;
      if (decider.acked) this.state = decider.acked(this.state, m, seq);
      onPublished?.(m, seq);
    }
    if (done < n) {
      const failure = (results[done] as PromiseRejectedResult).reason;
      if (!isWrongLastMsgId(failure)) throw failure;
    }
  }

  /** Results of an action, decided now; a result the decider refuses is alerted, not retried. */
  #feedBack(results: readonly Input[]): Pending[] {
    const next: Pending[] = [];
    for (const r of results) {
      let outputs: readonly Output[];
      try {
        outputs = this.#o.decider.decide(this.state, r);
      } catch (e) {
        this.#o.alerts.raise({
          severity: 'critical',
          code: 'result_refused',
          message: `${this.#o.name} could not take the result of an action: ${(e as Error).message}`,
          dedupeKey: (e as Error).message,
        });
        continue;
      }
      next.push(...this.#collect(outputs));
    }
    return next;
  }

  #collect(outputs: readonly Output[]): Pending[] {
    const d = this.#o.decider;
    const next: Pending[] = [];
    for (const output of outputs) {
      this.state = d.evolve(this.state, output);
      next.push(...this.#split(d.effects(this.state, output)));
    }
    return next;
  }

  #split(effects: readonly Effect[]): Pending[] {
    const next: Pending[] = [];
    for (const e of effects) {
      switch (e.kind) {
        case 'publish':
        case 'act':
          next.push(e);
          break;
        case 'alert':
          this.#o.alerts.raise(e.alert);
          break;
        default:
          assertNever(e, 'effect');
      }
    }
    return next;
  }
}
