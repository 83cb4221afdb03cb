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
  /** A publish sent by `pump` failed: nothing is resent until somebody calls `flush`. */
  readonly onPumpFailed?: () => void;
}

/** A publish sent by `pump` and not yet taken off the queue. */
interface Sent {
  promise: Promise<unknown>;
  settled: boolean;
  seq: number;
  error: unknown;
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
  /** The first `#sent.length` publishes of `#pending`, sent by `pump`, in order, awaiting acks. */
  #sent: Sent[] = [];
  /** A failure of a pumped publish: nothing more is pumped until `flush` has dealt with it. */
  #failed = false;
  /**
   * After a failed pumped publish: what is left goes out one at a time, each awaited, until the
   * queue is empty (as a stage without `orderedPublish` does). A stream at its byte limit took
   * chained resends near the limit and then dropped its oldest messages (nats-server 2.9, a
   * `discard: new` stream): one publish at a time never did.
   */
  #oneByOne = false;
  /** Effects ever queued, and ever done: a caller marks how far its input's effects go. */
  queued = 0;
  done = 0;
  state: State;

  constructor(o: RunnerOptions<State, Input, Output, Snapshot>) {
    this.#o = o;
    this.state = o.state;
  }

  /** True when every effect decided so far is done. */
  get idle(): boolean {
    return this.#pending.length === 0;
  }

  /** Publishes sent by `pump` whose ack has not been taken in yet. */
  get inFlight(): number {
    return this.#sent.length;
  }

  /** True when a pumped publish failed (the next `flush` resends or throws) or an action is next. */
  get mustFlush(): boolean {
    return (
      this.#failed || this.#oneByOne || (this.#pending[this.#sent.length]?.kind ?? 'publish') !== 'publish'
    );
  }

  /**
   * Sends the queued publishes (`orderedPublish` only), up to `max` in flight, without waiting for
   * their acks: each names the one sent before it as the stream's expected last msg id, so the
   * stream stores them in order whatever happens to one of them. Acks are taken in, in order, as
   * they come (`acked`, `onPublished`, `done`); an action stops the pumping (it must see every
   * publish before it acked). A failure stops it too, until `flush` resends from the first publish
   * not acked, in order (msg-id dedup drops what was stored after all).
   */
  pump(max: number): void {
    if (!this.#o.orderedPublish || this.#failed || this.#oneByOne) return;
    const { bus } = this.#o;
    while (this.#sent.length < max) {
      const at = this.#sent.length;
      const item = this.#pending[at];
      if (item?.kind !== 'publish') return;
      const prev =
        at > 0 ? (this.#pending[at - 1] as Extract<Pending, { kind: 'publish' }>).message.msgId : undefined;
      const m = item.message;
      const sent: Sent = { promise: Promise.resolve(), settled: false, seq: 0, error: undefined };
      sent.promise = bus
        .publish(m.codec, m.subject, m.message, {
          msgId: m.msgId,
          ...(m.correlationId ? { correlationId: m.correlationId } : {}),
          ...(prev !== undefined ? { expectLastMsgId: prev } : {}),
        })
        .then(
          (ack) => {
            sent.settled = true;
            sent.seq = ack.seq;
            this.#takeAcked();
          },
          (e: unknown) => {
            sent.settled = true;
            sent.error = e ?? new Error('publish failed');
            this.#takeAcked();
          },
        );
      this.#sent.push(sent);
    }
  }

  /** Takes the acked publishes at the head of the queue off it, in order. */
  #takeAcked(): void {
    const { decider, onPublished } = this.#o;
    while (this.#sent.length > 0 && this.#sent[0]!.settled) {
      const head = this.#sent[0]!;
      if (head.error !== undefined) {
        if (!this.#failed) {
          this.#failed = true;
          this.#o.onPumpFailed?.();
        }
        return;
      }
      this.#sent.shift();
      const m = (this.#pending.shift() as Extract<Pending, { kind: 'publish' }>).message;
      this.done += 1;
      if (decider.acked) this.state = decider.acked(this.state, m, head.seq);
      onPublished?.(m, head.seq);
    }
  }

  /**
   * Waits for every pumped publish to be answered; then the head of the queue is the first not
   * acked. A refusal for order only (what it was chained to was lost) is resent by `flush`; any
   * other failure is thrown, the queue kept, as a single publish's would be.
   */
  async #settlePumped(): Promise<void> {
    while (this.#sent.some((s) => !s.settled)) await Promise.all(this.#sent.map((s) => s.promise));
    const failure = this.#sent[0]?.error;
    this.#sent = [];
    if (this.#failed) this.#oneByOne = true;
    this.#failed = false;
    if (failure !== undefined && !isWrongLastMsgId(failure)) throw failure;
  }

  /** Decides `input` and folds its outputs in; throws on bad input before anything changed. */
  apply(input: Input): void {
    this.fold(this.#o.decider.decide(this.state, input));
  }

  /** Folds decided outputs in and queues their effects (alerts are raised at once). */
  fold(outputs: readonly Output[]): void {
    this.#enqueue(this.#collect(outputs));
  }

  /** Queues effects computed elsewhere (a restore, a state kept only once saved). */
  queue(effects: readonly Effect[]): void {
    this.#enqueue(this.#split(effects));
  }

  #enqueue(items: readonly Pending[]): void {
    for (const item of items) this.#pending.push(item);
    this.queued += items.length;
  }

  /** Publishes and acts what is pending, in order; a failure leaves the rest for the next call. */
  async flush(): Promise<void> {
    const { bus, decider, act, onPublished, concurrentPublish, orderedPublish } = this.#o;
    if (this.#sent.length > 0 || this.#failed) await this.#settlePumped();
    while (this.#pending.length > 0) {
      const item = this.#pending[0]!;
      if (item.kind === 'publish' && orderedPublish && !this.#oneByOne) {
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
        this.done += n;
        for (let i = 0; i < n; i++) {
          const m = batch[i]!.message;
          if (decider.acked) this.state = decider.acked(this.state, m, acks[i]!.seq);
          onPublished?.(m, acks[i]!.seq);
        }
      } else {
        if (!act) throw new Error(`${this.#o.name}: no act for action ${item.action.type}`);
        const results = await act(item.action, this.state);
        this.#pending.shift();
        this.done += 1;
        if (results && results.length > 0) {
          const next = this.#feedBack(results);
          this.#pending.unshift(...next);
          this.queued += next.length;
        }
      }
    }
    this.#oneByOne = false;
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
    this.done += done;
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
