import { type ControlState, codecs, pb } from '@algotrader/proto';
import type { KV } from '@nats-io/kv';

export type TradingStateName = 'ACTIVE' | 'HALTED' | 'REDUCING';

const TO_ENUM: Record<TradingStateName, number> = {
  ACTIVE: pb.TradingState.TRADING_STATE_ACTIVE,
  HALTED: pb.TradingState.TRADING_STATE_HALTED,
  REDUCING: pb.TradingState.TRADING_STATE_REDUCING,
};

export function tradingStateName(s: number | null | undefined): TradingStateName {
  if (s === pb.TradingState.TRADING_STATE_HALTED) return 'HALTED';
  if (s === pb.TradingState.TRADING_STATE_REDUCING) return 'REDUCING';
  return 'ACTIVE';
}

export interface Control {
  account: string;
  state: TradingStateName;
  pausedStrategies: string[];
  reason: string;
  updatedMs: number;
  updatedBy: string;
  /** KV revision this was read at (0 when never written): the newest entry that counts. */
  revision: number;
  /**
   * Writes to a stage's halt key that were not a halt (a stage wrote ACTIVE or REDUCING, deleted or
   * purged its halt, or wrote bytes that do not decode): each is held as HALTED and named here, so
   * the reader can alert. Empty when every entry was what its writer may write.
   */
  refused?: string[];
}

/** The operator's key: written by the notifier (/halt, /resume, /pause) and the admin CLI only. */
export const controlKey = (account: string) => `account.${account}`;

/**
 * The stages that may halt an account. Each writes only its own key (infra/nats/auth.conf grants
 * `$KV.control.halt.*.<stage>`), so the key names its writer; the server checks that, not the value.
 */
export const HALT_STAGES = ['risk-gate', 'order-router'] as const;
export type HaltStage = (typeof HALT_STAGES)[number];
export const haltKey = (account: string, stage: HaltStage) => `halt.${account}.${stage}`;

function fromProto(account: string, m: ControlState | undefined, revision: number): Control {
  return {
    account,
    state: tradingStateName(m?.state),
    pausedStrategies: [...(m?.pausedStrategies ?? [])],
    reason: m?.reason ?? '',
    updatedMs: Number(m?.updatedMs ?? 0),
    updatedBy: m?.updatedBy ?? '',
    revision,
  };
}

export type Entry = Awaited<ReturnType<KV['get']>>;

function decodeEntry(account: string, e: Entry): Control {
  if (e?.operation !== 'PUT' || e.value.length === 0) return fromProto(account, undefined, e?.revision ?? 0);
  return fromProto(account, codecs.ControlState.decode(e.value), e.revision);
}

/** The operator's entry alone (what {@link updateControl} compares and sets). */
async function readOperator(kv: KV, account: string): Promise<Control> {
  return decodeEntry(account, await kv.get(controlKey(account)));
}

/**
 * The account's control state; ACTIVE with nothing paused when never written.
 *
 * The operator's entry (`account.<account>`) decides, unless a stage wrote its halt key after it:
 * then the account is HALTED until the operator writes again (`/resume` is a newer operator entry).
 * A stage can only halt: whatever else it writes to its key (ACTIVE, a delete, garbage) is held as
 * HALTED and listed in `refused`. This is where "stages may only write HALTED" is enforced — NATS
 * permissions can limit who writes which key, not what the value says.
 */
export async function readControl(kv: KV, account: string): Promise<Control> {
  const [op, ...halts] = await Promise.all([
    kv.get(controlKey(account)),
    ...HALT_STAGES.map((s) => kv.get(haltKey(account, s))),
  ]);
  return mergeControl(account, op, halts);
}

/** The keys {@link readControl} reads, the operator's first, then each of `HALT_STAGES`. */
export function controlKeys(account: string): string[] {
  return [controlKey(account), ...HALT_STAGES.map((s) => haltKey(account, s))];
}

/**
 * {@link readControl} from entries already read (a follower's, kept by a watch): the operator's
 * entry and the halt keys' in `HALT_STAGES` order, `null` for a key never written.
 */
export function mergeControl(account: string, op: Entry, halts: readonly Entry[]): Control {
  let control = decodeEntry(account, op);
  const opRevision = op?.revision ?? 0;
  const refused: string[] = [];
  HALT_STAGES.forEach((stage, i) => {
    const e = halts[i];
    if (!e || e.revision <= opRevision) return;
    let m: ControlState | undefined;
    let what: string = e.operation;
    if (e.operation === 'PUT') {
      try {
        m = codecs.ControlState.decode(e.value);
        what = tradingStateName(m.state);
      } catch (err) {
        what = `undecodable bytes (${(err as Error).message})`;
      }
    }
    const refusal =
      what === 'HALTED'
        ? undefined
        : `${stage} wrote ${what} to its halt key (revision ${e.revision}): a stage may only halt; held as HALTED until the operator resumes`;
    if (refusal) refused.push(refusal);
    if (e.revision < control.revision && control.state === 'HALTED') return;
    control = {
      ...control,
      state: 'HALTED',
      reason: refusal ?? m?.reason ?? '',
      updatedMs: Number(m?.updatedMs ?? control.updatedMs),
      updatedBy: stage,
      revision: Math.max(control.revision, e.revision),
    };
  });
  return refused.length > 0 ? { ...control, refused } : control;
}

/** A stage's halt: written to its own key (the only control key it may write), read back merged. */
export async function requestHalt(
  kv: KV,
  account: string,
  stage: HaltStage,
  reason: string,
  nowMs: number,
): Promise<Control> {
  const m: ControlState = {
    account,
    state: TO_ENUM.HALTED,
    pausedStrategies: [],
    reason,
    updatedMs: nowMs,
    updatedBy: stage,
  };
  await kv.put(haltKey(account, stage), codecs.ControlState.encode(m));
  return readControl(kv, account);
}

export type ControlChange =
  | { kind: 'state'; state: TradingStateName }
  | { kind: 'pause'; strategy: string }
  | { kind: 'resume'; strategy: string };

/**
 * Applies a change with compare-and-set on the KV revision, retrying on a concurrent writer, so a
 * halt from the risk gate and a command from Telegram never overwrite each other.
 */
export async function updateControl(
  kv: KV,
  account: string,
  change: ControlChange,
  by: string,
  reason: string,
  nowMs: number,
): Promise<Control> {
  for (let attempt = 0; attempt < 10; attempt++) {
    const [cur, merged] = await Promise.all([readOperator(kv, account), readControl(kv, account)]);
    const paused = new Set(cur.pausedStrategies);
    // Pausing a strategy during a stage's halt keeps the halt: the new operator entry would
    // otherwise supersede it. Only an explicit state (/resume, /halt) replaces it.
    let state = merged.state;
    if (change.kind === 'state') state = change.state;
    else if (change.kind === 'pause') paused.add(change.strategy);
    else paused.delete(change.strategy);
    const next: ControlState = {
      account,
      state: TO_ENUM[state],
      pausedStrategies: [...paused].sort(),
      reason,
      updatedMs: nowMs,
      updatedBy: by,
    };
    try {
      const bytes = codecs.ControlState.encode(next);
      if (cur.revision === 0) await kv.create(controlKey(account), bytes);
      else await kv.update(controlKey(account), bytes, cur.revision);
      return await readControl(kv, account);
    } catch (e) {
      if (!/wrong last sequence|key exists/i.test(String((e as Error).message))) throw e;
    }
  }
  throw new Error(`control state of ${account} changed concurrently 10 times; try again`);
}
