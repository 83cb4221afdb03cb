import { type Bus, loadCheckpoint, saveCheckpoint } from '@algotrader/bus';
import type { Clock } from '@algotrader/core';
import type { Codec } from '@algotrader/proto';
import type { KV } from '@nats-io/kv';
import { Alerter } from './alerts';
import { Checkpointer, Serial } from './checkpointer';
import type { Action, AlertInput, Decider, Effect, OutMessage, StageCheckpoint } from './domain/decider';
import { CHECKPOINTS_BUCKET } from './kv';
import type { MessageBounds } from './plausible';
import { type ReadMeta, type Route, route, StreamReader } from './reader';
import { DeciderRunner } from './runner';

/** One message type a stage reads, turned into its decider's input. */
export interface StageRoute<Input> {
  readonly codec: Codec<unknown>;
  readonly input: (message: unknown, meta: ReadMeta) => Input;
  /** Save the checkpoint after it (a bar-set marker: the end of a unit of work). */
  readonly checkpoint: boolean;
}

export function stageRoute<T, Input>(
  codec: Codec<T>,
  input: (message: T, meta: ReadMeta) => Input,
  opts: { checkpoint?: boolean } = {},
): StageRoute<Input> {
  return {
    codec: codec as Codec<unknown>,
    input: input as (message: unknown, meta: ReadMeta) => Input,
    checkpoint: opts.checkpoint ?? false,
  };
}

export interface StageOptions<State, Input, Output, Snapshot> {
  readonly bus: Bus;
  readonly clock: Clock;
  /** The stage: the source of its alerts and the consumer named in its dead letters. */
  readonly name: string;
  readonly stream: string;
  readonly filter: string;
  /** Key in KV `checkpoints`. */
  readonly checkpointKey: string;
  readonly checkpointEveryMs: number;
  readonly decider: Decider<State, Input, Output, Snapshot>;
  readonly routes: readonly StageRoute<Input>[];
  /** The pipeline's replay window and instruments, checked by the reader (`messageBounds`). */
  readonly bounds?: MessageBounds;
  /** The alert raised when a message is dead-lettered. */
  readonly deadLetterAlert: (reason: string, meta: ReadMeta) => AlertInput;
  /**
   * Optional: what the decider must know of the world besides the stream (an account state to
   * wait for, a KV value, the clock), read before deciding and returned as part of the input.
   * Called once per new message; `decide` stays pure and its input holds everything it read.
   */
  readonly context?: (input: Input, state: State) => Promise<Input>;
  /**
   * Save the checkpoint right after deciding a checkpoint route's message, before publishing:
   * for a stage whose outputs depend on a world that moves on (the gate's account), so a crash
   * republishes the saved outputs (its snapshot holds them; `restore` owes them again) instead of
   * deciding anew. Without it the outputs are published first, which is right when deciding again
   * from the stream gives the same outputs.
   */
  readonly checkpointBeforePublish?: boolean;
  /**
   * Executes the decider's `act` effects, in order with its publishes (required if it emits any).
   * It may return inputs — the results of what it did — which are decided at once and whose
   * effects run before anything queued after the action (see `DeciderRunner`).
   */
  // biome-ignore lint/suspicious/noConfusingVoidType: an act without results (the gate's) returns nothing.
  readonly act?: (action: Action, state: State) => Promise<void | readonly Input[]>;
  /** Sees every publish ack (counters); the decider's `acked` has already folded it in. */
  readonly onPublished?: (message: OutMessage, ackSeq: number) => void;
  /**
   * A message's outputs go out together, chained so the stream keeps their order
   * (`RunnerOptions.orderedPublish`): one round trip where there were as many as outputs. Only
   * for a stage whose publishes all go into one stream.
   */
  readonly orderedPublish?: boolean;
  /**
   * With `orderedPublish`: a message's outputs are sent and the next message is read without
   * waiting for their acks (at most `PUMP_MAX` in flight). The position moves, and the checkpoint
   * is saved, only over messages whose outputs are all acked; a failed publish is resent in order
   * before the next message is decided. For a stage without actions whose outputs go into one
   * stream it alone writes per key (the feature-engine, the strategy-runner).
   */
  readonly pipelined?: boolean;
}

/** Publishes a pipelined stage keeps in flight at most before it waits for acks. */
const PUMP_MAX = 256;

/**
 * The shell every live stage runs in (the decider holds the stage's logic):
 * - reads its stream in order from the position saved in its checkpoint (`StreamReader`);
 * - a message at or below the position whose effects are computed (`applied`) is not decided
 *   again: after a failed publish the retry only flushes what is left in the outbox, so the
 *   state never takes a message twice;
 * - bad input (undecodable, no route, refused by `decide`) is dead-lettered with an alert;
 * - outputs are published in order with their deterministic ids and acked before the position
 *   moves; the checkpoint (snapshot + position, one KV value) is saved only with an empty outbox.
 * Handlers, timers and snapshots run one at a time (`Serial`).
 */
export class StageRuntime<State, Input, Output, Snapshot> {
  readonly #o: StageOptions<State, Input, Output, Snapshot>;
  readonly #serial = new Serial();
  readonly #kv: KV;
  readonly #alerts: Alerter;
  readonly #checkpoint: Checkpointer;
  /** State, and the publishes and actions of the message being handled: a retry resumes there. */
  readonly #run: DeciderRunner<State, Input, Output, Snapshot>;
  #reader: StreamReader | undefined;
  /** Stream sequence of the last message whose effects are computed (its outbox may still be flushing). */
  #applied = 0;
  /** ... and fully published. */
  #seq = 0;
  /** Pipelined: a resend of failed publishes is scheduled (no message may come to do it). */
  #retryTimer: NodeJS.Timeout | undefined;
  #retries = 0;
  #stopped = false;
  /** Pipelined: messages handled whose outputs are not all acked, with how far their effects go. */
  readonly #marks: { seq: number; upto: number }[] = [];
  deadLettered = 0;

  private constructor(o: StageOptions<State, Input, Output, Snapshot>, checkpoints: KV) {
    this.#o = o;
    this.#kv = checkpoints;
    this.#alerts = new Alerter(o.bus, o.name, o.clock);
    this.#run = new DeciderRunner({
      bus: o.bus,
      name: o.name,
      decider: o.decider,
      state: o.decider.initial(),
      alerts: this.#alerts,
      ...(o.act ? { act: o.act } : {}),
      ...(o.onPublished ? { onPublished: o.onPublished } : {}),
      ...(o.orderedPublish ? { orderedPublish: true } : {}),
      ...(o.pipelined ? { onPumpFailed: () => this.#retryLater() } : {}),
    });
    this.#checkpoint = new Checkpointer({
      bus: o.bus,
      kv: checkpoints,
      key: o.checkpointKey,
      everyMs: o.checkpointEveryMs,
      serial: this.#serial,
      snapshot: () => this.checkpoint(),
      // Pipelined: the acks of what was sent are waited for when a save is due, not per message.
      ...(o.pipelined ? { settle: () => this.#flushOrRetry() } : {}),
    });
  }

  /** Restores the checkpoint (if any) and starts reading after the position saved in it. */
  static async start<State, Input, Output, Snapshot>(
    o: StageOptions<State, Input, Output, Snapshot>,
  ): Promise<StageRuntime<State, Input, Output, Snapshot>> {
    const kv = await o.bus.kv(CHECKPOINTS_BUCKET);
    const r = new StageRuntime(o, kv);
    const ck = await loadCheckpoint<StageCheckpoint<Snapshot>>(kv, o.checkpointKey);
    if (ck) {
      const { seq, ...snapshot } = ck;
      const restored = o.decider.restore(snapshot as Snapshot);
      r.#run.state = restored.state;
      r.#seq = seq;
      r.#applied = seq;
      r.#run.queue(restored.effects);
      // Outputs saved before they were published (checkpointBeforePublish): publish them now,
      // and save that they are done (a later restart must not owe them, a halt above all, again).
      if (!r.#run.idle) {
        await r.#serial.run(() => r.#run.flush());
        await saveCheckpoint(kv, o.checkpointKey, r.checkpoint()!);
      }
    }
    r.#reader = new StreamReader({
      bus: o.bus,
      name: o.name,
      stream: o.stream,
      filter: o.filter,
      startSeq: r.#seq + 1,
      ...(o.bounds ? { bounds: o.bounds } : {}),
      routes: o.routes.map(
        (s): Route<unknown> =>
          route(s.codec, (m, meta) => r.#serial.run(() => r.#handle(s.input(m, meta), meta, s.checkpoint))),
      ),
      onDeadLetter: (reason, meta) => {
        r.deadLettered += 1;
        r.#alerts.raise(o.deadLetterAlert(reason, meta));
      },
    });
    r.#reader.start();
    return r;
  }

  /** Stream position handled so far (its outputs all published). */
  get position(): number {
    this.#advance();
    return this.#seq;
  }

  /** Moves the position over the pipelined messages whose outputs are all acked. */
  #advance(): void {
    const done = this.#run.done;
    let n = 0;
    while (n < this.#marks.length && this.#marks[n]!.upto <= done) n += 1;
    if (n === 0) return;
    this.#seq = Math.max(this.#seq, this.#marks[n - 1]!.seq);
    this.#marks.splice(0, n);
  }

  /** True when every output decided so far is published (and acted on). */
  get idle(): boolean {
    return this.#run.idle;
  }

  /** The decider's state, to read (it changes as messages are handled). */
  get state(): State {
    return this.#run.state;
  }

  /** The checkpoint value now, or undefined while a message's outputs are not all published. */
  checkpoint(): StageCheckpoint<Snapshot> | undefined {
    if (!this.#run.idle) return undefined;
    this.#advance();
    return { ...this.#o.decider.snapshot(this.#run.state), seq: this.#seq };
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#retryTimer) clearTimeout(this.#retryTimer);
    await this.#reader?.stop();
    this.#checkpoint.stop();
    await this.#serial.run(() => this.#checkpoint.flush().catch(() => undefined));
  }

  async #handle(raw: Input, meta: ReadMeta, checkpoint: boolean): Promise<void> {
    const run = this.#run;
    if (this.#o.pipelined) return this.#handlePipelined(raw, meta, checkpoint);
    if (meta.seq > this.#applied) {
      const d = this.#o.decider;
      const input = this.#o.context ? await this.#o.context(raw, run.state) : raw;
      // Throws on bad input before anything changed: the reader dead-letters the message.
      const outputs = d.decide(run.state, input);
      if (checkpoint && this.#o.checkpointBeforePublish && outputs.length > 0) {
        // Kept only once saved, so a failed save leaves nothing applied (`evolve` must not
        // update the state in place for such a stage).
        let s = run.state;
        const effects: Effect[] = [];
        for (const output of outputs) {
          s = d.evolve(s, output);
          effects.push(...d.effects(s, output));
        }
        // Nothing to publish, nothing to protect: the usual (rate-limited) save after it does.
        if (effects.some((e) => e.kind === 'publish')) {
          await saveCheckpoint(this.#kv, this.#o.checkpointKey, { ...d.snapshot(s), seq: meta.seq });
        }
        run.state = s;
        this.#applied = meta.seq;
        run.queue(effects);
      } else {
        this.#applied = meta.seq;
        run.fold(outputs);
      }
    }
    await run.flush();
    this.#seq = meta.seq;
    if (checkpoint) await this.#checkpoint.after();
  }

  /** Pipelined: waits for what is in flight and resends what failed; schedules a retry if it fails. */
  async #flushOrRetry(): Promise<void> {
    try {
      await this.#run.flush();
      this.#retries = 0;
    } catch (e) {
      this.#retryLater();
      throw e;
    }
  }

  /**
   * A pipelined publish failed after its message was handled: resent in order from a timer (with
   * backoff) until it goes through, as the reader would retry a message in place — the stream may
   * stay quiet, and a marker left unsent would hold up every stage after this one.
   */
  #retryLater(): void {
    if (this.#retryTimer || this.#stopped) return;
    const ms = Math.min(100 * 2 ** this.#retries, 5_000);
    this.#retries += 1;
    this.#retryTimer = setTimeout(() => {
      this.#retryTimer = undefined;
      if (this.#stopped) return;
      void this.#serial
        .run(async () => {
          if (!this.#run.idle) await this.#flushOrRetry();
          this.#advance();
          // A save that was due while this was failing was skipped: made now (the stream may be quiet).
          await this.#checkpoint.flush();
        })
        .catch((e: unknown) =>
          this.#o.bus.log.warn(
            { stage: this.#o.name, err: (e as Error).message },
            'publish failed; resending',
          ),
        );
    }, ms);
  }

  /**
   * `pipelined`: decides the message and sends its outputs behind those still in flight; waits
   * only for a failure to be resent, an action, or the cap. A message already applied (a retry)
   * waits for all, as the plain path does.
   */
  async #handlePipelined(raw: Input, meta: ReadMeta, checkpoint: boolean): Promise<void> {
    const run = this.#run;
    if (meta.seq <= this.#applied) {
      await run.flush();
      this.#marks.push({ seq: meta.seq, upto: run.queued });
      this.#advance();
      if (checkpoint) await this.#checkpoint.after();
      return;
    }
    // A publish of an earlier message failed: resent (in order) before this one is decided, so a
    // failure that persists fails this message, which the reader retries in place.
    if (run.mustFlush) await this.#flushOrRetry();
    const input = this.#o.context ? await this.#o.context(raw, run.state) : raw;
    // Throws on bad input before anything changed: the reader dead-letters the message.
    run.fold(this.#o.decider.decide(run.state, input));
    this.#applied = meta.seq;
    this.#marks.push({ seq: meta.seq, upto: run.queued });
    run.pump(PUMP_MAX);
    if (run.mustFlush || run.inFlight >= PUMP_MAX) await this.#flushOrRetry();
    if (checkpoint) await this.#checkpoint.after();
  }
}
