import type { Codec } from '@algotrader/proto';

/**
 * A stage's logic with no I/O (after emmett's `typing/decider.ts`): what an input leads to, how
 * the state changes, and what is saved. The shell around it — stream position, checkpoint,
 * outbox, dead letters, retries — is `StageRuntime` in the runtime part, written once.
 *
 * `Output` is a fact the stage decided (a bar accepted, a close time stepped, an alert owed).
 * The runtime folds each output in with `evolve` and then asks `effects` what it makes the world
 * do, from the state that includes it: a live stage's rolling features and strategy hosts are
 * incremental calculators, so a FeatureVector's values or a strategy's decisions exist only
 * after the bar or the step was folded in — they cannot be computed by `decide` without copying
 * every calculator per message.
 */
export interface Decider<State, Input, Output, Snapshot> {
  readonly initial: () => State;
  /**
   * What `input` leads to, from `state` as it is: no I/O, no clock, no randomness, and `state`
   * is not changed. Bad input throws an AlgoError with a bad-input code (`isBadInput`): the
   * runtime dead-letters the message and raises the stage's alert; nothing of it was applied.
   */
  readonly decide: (state: State, input: Input) => readonly Output[];
  /**
   * The state after `output`. Deterministic and without I/O; it may update `state` in place and
   * return it — the caller owns the state and never reads the previous one again.
   */
  readonly evolve: (state: State, output: Output) => State;
  /** What `output` makes the runtime do, read from the state after it (messages in order, alerts). */
  readonly effects: (state: State, output: Output) => readonly Effect[];
  /** The checkpoint value (without the stream position, which the runtime adds). */
  readonly snapshot: (state: State) => Snapshot;
  /** A state from a checkpoint value `snapshot` wrote, with the alerts owed on restoring it. */
  readonly restore: (snapshot: Snapshot) => Restored<State>;
  /**
   * Optional: folds in that `message` was published and acked at stream sequence `ackSeq` (a
   * position a reader downstream waits for, a saved decision no longer owed).
   */
  readonly acked?: (state: State, message: OutMessage, ackSeq: number) => State;
}

/** What the runtime saves: the decider's snapshot and the stream position it includes. */
export type StageCheckpoint<Snapshot> = Snapshot & { seq: number };

export interface Restored<State> {
  readonly state: State;
  readonly effects: readonly Effect[];
}

/** Everything a decider asks of the world. */
export type Effect =
  | { readonly kind: 'publish'; readonly message: OutMessage }
  | { readonly kind: 'alert'; readonly alert: AlertInput }
  | { readonly kind: 'act'; readonly action: Action };

/**
 * A stage-specific effect beyond publishing (a compare-and-set on a KV key, a progress record):
 * data here, executed by the stage's `act` in order with the publishes around it.
 */
export interface Action {
  readonly type: string;
}

export type Severity = 'info' | 'warning' | 'critical';

export interface AlertInput {
  readonly severity: Severity;
  /** Stable machine code, e.g. `bar_rejected`, `halted`. */
  readonly code: string;
  readonly message: string;
  readonly labels?: Record<string, string>;
  /** Alerts with one key are one alert: the same key and code publish once (message id). */
  readonly dedupeKey: string;
}

/** A message ready to publish, with its deterministic id. */
export interface OutMessage<T = unknown> {
  readonly codec: Codec<T>;
  readonly subject: string;
  readonly message: T;
  readonly msgId: string;
  readonly correlationId?: string;
}

export function out<T>(
  codec: Codec<T>,
  subject: string,
  message: T,
  msgId: string,
  correlationId?: string,
): OutMessage {
  return { codec, subject, message, msgId, ...(correlationId ? { correlationId } : {}) } as OutMessage;
}

export const publish = (message: OutMessage): Effect => ({ kind: 'publish', message });
export const alert = (a: AlertInput): Effect => ({ kind: 'alert', alert: a });
export const act = (action: Action): Effect => ({ kind: 'act', action });

/** Where an input sits in its stream; the runtime fills it from the message. */
export interface InputMeta {
  readonly subject: string;
  /** Stream sequence. */
  readonly seq: number;
  readonly correlationId: string | undefined;
  readonly msgId: string | undefined;
}

/**
 * One input through a decider, as the runtime does it: decide, then fold each output in and
 * collect its effects. Tests drive a decider with this alone, no NATS.
 */
export function step<State, Input, Output, Snapshot>(
  d: Decider<State, Input, Output, Snapshot>,
  state: State,
  input: Input,
): { state: State; outputs: readonly Output[]; effects: Effect[] } {
  const outputs = d.decide(state, input);
  const effects: Effect[] = [];
  let s = state;
  for (const o of outputs) {
    s = d.evolve(s, o);
    effects.push(...d.effects(s, o));
  }
  return { state: s, outputs, effects };
}
