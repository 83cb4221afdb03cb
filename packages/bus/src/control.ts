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
  /** KV revision this was read at (0 when never written). */
  revision: number;
}

export const controlKey = (account: string) => `account.${account}`;

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

/** The account's control state; ACTIVE with nothing paused when never written. */
export async function readControl(kv: KV, account: string): Promise<Control> {
  const e = await kv.get(controlKey(account));
  if (e?.operation !== 'PUT' || e.value.length === 0) return fromProto(account, undefined, e?.revision ?? 0);
  return fromProto(account, codecs.ControlState.decode(e.value), e.revision);
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
    const cur = await readControl(kv, account);
    const paused = new Set(cur.pausedStrategies);
    let state = cur.state;
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
      const revision =
        cur.revision === 0
          ? await kv.create(controlKey(account), bytes)
          : await kv.update(controlKey(account), bytes, cur.revision);
      return fromProto(account, next, revision);
    } catch (e) {
      if (!/wrong last sequence|key exists/i.test(String((e as Error).message))) throw e;
    }
  }
  throw new Error(`control state of ${account} changed concurrently 10 times; try again`);
}
