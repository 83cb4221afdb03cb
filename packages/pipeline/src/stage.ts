import { type Bus, loadCheckpoint } from '@algotrader/bus';
import { assertNever, type Clock } from '@algotrader/core';
import type { Codec } from '@algotrader/proto';
import type { KV } from '@nats-io/kv';
import { Alerter } from './alerts';
import { Checkpointer, Serial } from './checkpointer';
import type { AlertInput, Decider, Effect, StageCheckpoint } from './domain/decider';
import { CHECKPOINTS_BUCKET } from './kv';
import { Outbox } from './outbox';
import { type ReadMeta, type Route, route, StreamReader } from './reader';

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
  /** The alert raised when a message is dead-lettered. */
  readonly deadLetterAlert: (reason: string, meta: ReadMeta) => AlertInput;
}

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
  readonly #outbox = new Outbox();
  readonly #alerts: Alerter;
  readonly #checkpoint: Checkpointer;
  #reader: StreamReader | undefined;
  #state: State;
  /** Stream sequence of the last message whose effects are computed (its outbox may still be flushing). */
  #applied = 0;
  /** ... and fully published. */
  #seq = 0;
  deadLettered = 0;

  private constructor(o: StageOptions<State, Input, Output, Snapshot>, checkpoints: KV) {
    this.#o = o;
    this.#state = o.decider.initial();
    this.#alerts = new Alerter(o.bus, o.name, o.clock);
    this.#checkpoint = new Checkpointer({
      bus: o.bus,
      kv: checkpoints,
      key: o.checkpointKey,
      everyMs: o.checkpointEveryMs,
      serial: this.#serial,
      snapshot: () => this.checkpoint(),
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
      r.#state = restored.state;
      r.#seq = seq;
      r.#applied = seq;
      r.#run(restored.effects);
    }
    r.#reader = new StreamReader({
      bus: o.bus,
      name: o.name,
      stream: o.stream,
      filter: o.filter,
      startSeq: r.#seq + 1,
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
    return this.#seq;
  }

  /** The decider's state, to read (it changes as messages are handled). */
  get state(): State {
    return this.#state;
  }

  /** The checkpoint value now, or undefined while a message's outputs are not all published. */
  checkpoint(): StageCheckpoint<Snapshot> | undefined {
    if (!this.#outbox.empty) return undefined;
    return { ...this.#o.decider.snapshot(this.#state), seq: this.#seq };
  }

  async stop(): Promise<void> {
    await this.#reader?.stop();
    this.#checkpoint.stop();
    await this.#serial.run(() => this.#checkpoint.flush().catch(() => undefined));
  }

  async #handle(input: Input, meta: ReadMeta, checkpoint: boolean): Promise<void> {
    if (meta.seq > this.#applied) {
      const d = this.#o.decider;
      // Throws on bad input before anything changed: the reader dead-letters the message.
      const outputs = d.decide(this.#state, input);
      this.#applied = meta.seq;
      for (const output of outputs) {
        this.#state = d.evolve(this.#state, output);
        this.#run(d.effects(this.#state, output));
      }
    }
    await this.#outbox.flush(this.#o.bus);
    this.#seq = meta.seq;
    if (checkpoint) await this.#checkpoint.after();
  }

  #run(effects: readonly Effect[]): void {
    for (const e of effects) {
      switch (e.kind) {
        case 'publish':
          this.#outbox.push(e.message);
          break;
        case 'alert':
          this.#alerts.raise(e.alert);
          break;
        default:
          assertNever(e, 'effect');
      }
    }
  }
}
