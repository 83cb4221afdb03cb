import { type Control, type ControlEntry, controlKeys, mergeControl } from '@algotrader/bus';
import { AlgoError, ErrorCode } from '@algotrader/core';
import type { KV } from '@nats-io/kv';
import { Packr } from 'msgpackr';
import { type AccountState, accountKey, decodeAccount, encodeAccount } from './domain/account';
import { isLegacyMsgpack, progressFromPb, progressToPb } from './domain/state-wire';

/** The KV bucket holding account states and the risk gate's progress. */
export const POSITIONS_BUCKET = 'positions';
export const CHECKPOINTS_BUCKET = 'checkpoints';
export const CONTROL_BUCKET = 'control';
/** Orders by client order id (terminal ones, written by the router after the account state). */
export const ORDERS_BUCKET = 'orders';

/**
 * What the risk gate has decided: every SignalSetClosed up to `decidedThrough` is processed and
 * each order it approved up to then is in the ORDERS stream at or before `approvedSeq`. The paper
 * router applies the fills of a bar only once the decisions that may fill on it are all in.
 */
export interface DecisionProgress {
  decidedThrough: number;
  approvedSeq: number;
}

export const progressKey = (account: string) => `decided.${account}`;

const packr = new Packr({ useRecords: false, moreTypes: true });

/** `decided.<account>` as protobuf `algotrader.v1.DecisionProgress`. */
export function encodeProgress(p: DecisionProgress): Uint8Array {
  return progressToPb(p);
}

/** Decodes `decided.<account>`: protobuf, or a msgpack value written before it (read once, rewritten at the next decision). */
export function decodeProgress(b: Uint8Array): DecisionProgress {
  return isLegacyMsgpack(b) ? (packr.unpack(b) as DecisionProgress) : progressFromPb(b);
}

/** Reads and writes one account state with compare-and-set on the KV revision. */
export class AccountStore {
  readonly kv: KV;
  readonly key: string;
  revision = 0;
  /** The bytes of the last save that got no answer (it may be stored): still ours if found there. */
  #unanswered: Uint8Array | undefined;

  constructor(kv: KV, account: string) {
    this.kv = kv;
    this.key = accountKey(account);
  }

  async load(): Promise<AccountState | undefined> {
    const e = await this.kv.get(this.key);
    if (e?.operation !== 'PUT' || e.value.length === 0) {
      this.revision = e?.revision ?? 0;
      return undefined;
    }
    this.revision = e.revision;
    return decodeAccount(e.value);
  }

  /**
   * Writes the state if nobody else wrote since it was read; a concurrent writer (a second router
   * on the same account) is a conflict that stops this one rather than merging blindly.
   */
  async save(s: AccountState): Promise<void> {
    const bytes = encodeAccount(s);
    try {
      this.revision =
        this.revision === 0
          ? await this.kv.create(this.key, bytes)
          : await this.kv.update(this.key, bytes, this.revision);
      this.#unanswered = undefined;
    } catch (e) {
      if (/wrong last sequence|key exists/i.test(String((e as Error).message))) {
        // A write whose answer was lost (a cluster node died after storing it) is retried and
        // finds its own bytes there: that is this writer's state, not another's.
        const current = await this.kv.get(this.key).catch(() => null);
        if (current?.operation === 'PUT' && sameBytes(current.value, bytes)) {
          this.revision = current.revision;
          this.#unanswered = undefined;
          return;
        }
        // Or an earlier write of ours whose answer was lost, and the state moved on since (the
        // retried handler saves a newer state): ours too — written over from its revision.
        const earlier = this.#unanswered;
        if (current?.operation === 'PUT' && earlier !== undefined && sameBytes(current.value, earlier)) {
          this.#unanswered = undefined;
          this.revision = current.revision;
          return this.save(s);
        }
        throw new AlgoError(
          ErrorCode.Conflict,
          `${this.key} was changed by another writer (revision ${this.revision}): is a second order-router running?`,
          { key: this.key },
          { cause: e },
        );
      }
      // No answer (a timeout, a failover): it may have been stored; a later save recognises it.
      this.#unanswered = bytes;
      throw e;
    }
  }
}

/**
 * Keeps following KV keys once started: a watch per key (set up again after a failure) and, behind
 * them, `refresh` every `pollMs` (the value stays fresh while a watch is down).
 */
class KeysFollow {
  #stopped = false;
  #timer: NodeJS.Timeout | undefined;
  readonly #watches: { stop(): void }[] = [];

  constructor(
    kv: KV,
    keys: readonly string[],
    onEntry: (i: number, e: NonNullable<ControlEntry>) => void,
    refresh: () => Promise<void>,
    pollMs: number,
  ) {
    keys.forEach((key, i) => {
      void this.#watchLoop(kv, key, (e) => onEntry(i, e));
    });
    const tick = () => {
      if (this.#stopped) return;
      refresh().then(
        () => undefined,
        () => undefined,
      );
      this.#timer = setTimeout(tick, pollMs);
    };
    this.#timer = setTimeout(tick, pollMs);
  }

  stop(): void {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    for (const w of this.#watches) w.stop();
  }

  async #watchLoop(kv: KV, key: string, onEntry: (e: NonNullable<ControlEntry>) => void): Promise<void> {
    while (!this.#stopped) {
      try {
        const it = await kv.watch({ key });
        this.#watches.push(it);
        for await (const e of it) {
          if (this.#stopped) break;
          onEntry(e);
        }
      } catch {
        // the poll keeps the value fresh while the watch is re-established
      }
      if (!this.#stopped) await new Promise((r) => setTimeout(r, 500));
    }
  }
}

/**
 * Follows one KV key: the latest value is kept decoded, updated by a watcher and, as a safety net
 * across reconnects, by a read every `pollMs`. `waitFor` resolves as soon as a value satisfies a
 * condition.
 */
export class KvFollower<T> {
  readonly #kv: KV;
  readonly #key: string;
  readonly #decode: (b: Uint8Array) => T;
  readonly #pollMs: number;
  #value: T | undefined;
  #bytes: Uint8Array | undefined;
  #revision = 0;
  #stopped = false;
  #waiters = new Set<() => void>();
  #listeners: ((v: T) => void)[] = [];
  #follow: KeysFollow | undefined;

  constructor(kv: KV, key: string, decode: (b: Uint8Array) => T, pollMs = 250) {
    this.#kv = kv;
    this.#key = key;
    this.#decode = decode;
    this.#pollMs = pollMs;
  }

  /** The latest value, decoded on first read (a follower that rarely reads pays nothing per update). */
  get value(): T | undefined {
    if (this.#bytes !== undefined) {
      this.#value = this.#decode(this.#bytes);
      this.#bytes = undefined;
    }
    return this.#value;
  }

  async start(): Promise<void> {
    await this.refresh();
    this.#follow = new KeysFollow(
      this.#kv,
      [this.#key],
      (_i, e) => {
        if (e.operation === 'PUT' && e.value.length > 0) this.#offer(e.revision, e.value);
      },
      () => this.refresh(),
      this.#pollMs,
    );
  }

  stop(): void {
    this.#stopped = true;
    this.#follow?.stop();
    for (const w of this.#waiters) w();
  }

  async refresh(): Promise<void> {
    const e = await this.#kv.get(this.#key);
    if (e && e.operation === 'PUT' && e.value.length > 0) this.#offer(e.revision, e.value);
  }

  #offer(revision: number, bytes: Uint8Array): void {
    if (revision <= this.#revision) return;
    this.#revision = revision;
    this.#bytes = bytes;
    for (const w of [...this.#waiters]) w();
    if (this.#listeners.length > 0) {
      const v = this.value!;
      for (const l of this.#listeners) l(v);
    }
  }

  /** Calls `f` with every newer value. */
  onChange(f: (v: T) => void): void {
    this.#listeners.push(f);
  }

  /** Resolves with the first value satisfying `ok`, or with `undefined` after `timeoutMs`. */
  async waitFor(ok: (v: T) => boolean, timeoutMs: number): Promise<T | undefined> {
    const cur = this.value;
    if (cur !== undefined && ok(cur)) return cur;
    return new Promise((resolve) => {
      let timer: NodeJS.Timeout | undefined;
      const check = () => {
        const v = this.value;
        if (this.#stopped) {
          finish(undefined);
        } else if (v !== undefined && ok(v)) {
          finish(v);
        }
      };
      const finish = (v: T | undefined) => {
        if (timer) clearTimeout(timer);
        this.#waiters.delete(check);
        resolve(v);
      };
      timer = setTimeout(() => finish(undefined), timeoutMs);
      this.#waiters.add(check);
    });
  }
}

/**
 * The account's control state kept current by a watch on its keys (the operator's and each
 * stage's halt key), with a slow poll behind it as {@link KvFollower} has: what `readControl`
 * returns, without a round trip per read. A command reaches it within the watch's delivery (a
 * millisecond or so); a stage that must not act on a state older than that reads it fresh (the
 * order-router does, for every new order).
 */
export class ControlFollower {
  readonly #kv: KV;
  readonly #account: string;
  readonly #keys: readonly string[];
  readonly #pollMs: number;
  /** The newest entry seen of each key (`null`: never written), in `controlKeys` order. */
  readonly #entries: ControlEntry[];
  #merged: Control | undefined;
  #follow: KeysFollow | undefined;

  constructor(kv: KV, account: string, pollMs = 1_000) {
    this.#kv = kv;
    this.#account = account;
    this.#keys = controlKeys(account);
    this.#pollMs = pollMs;
    this.#entries = this.#keys.map(() => null);
  }

  /** Reads every key once (so `value` is current when it resolves), then follows them. */
  async start(): Promise<void> {
    await this.refresh();
    this.#follow = new KeysFollow(
      this.#kv,
      this.#keys,
      (i, e) => this.#offer(i, e),
      () => this.refresh(),
      this.#pollMs,
    );
  }

  stop(): void {
    this.#follow?.stop();
  }

  /** The control state as of the newest entries seen. */
  get value(): Control {
    this.#merged ??= mergeControl(this.#account, this.#entries[0] ?? null, this.#entries.slice(1));
    return this.#merged;
  }

  async refresh(): Promise<void> {
    const entries = await Promise.all(this.#keys.map((k) => this.#kv.get(k)));
    for (let i = 0; i < entries.length; i++) this.#offer(i, entries[i]!);
  }

  #offer(i: number, e: ControlEntry): void {
    if (!e || e.revision <= (this.#entries[i]?.revision ?? 0)) return;
    this.#entries[i] = e;
    this.#merged = undefined;
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Checkpoint keys of the stages (bucket `checkpoints`). */
export const checkpointKeys = {
  featureEngine: (venue: string, tf: string) => `feature-engine.${venue.toLowerCase()}.${tf}`,
  strategyRunner: (account: string) => `strategy-runner.${account}`,
  riskGate: (account: string) => `risk-gate.${account}`,
} as const;
