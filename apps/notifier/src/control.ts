import {
  type Bus,
  type Control,
  type ControlChange,
  controlKey,
  readControl,
  subjects,
  tradingStateName,
  updateControl,
} from '@algotrader/bus';
import type { Clock } from '@algotrader/core';
import { codecs, pb } from '@algotrader/proto';
import type { KV } from '@nats-io/kv';
import type { ControlAction, ControlPort } from './commands';

const CONTROL_ACTION_ENUM: Readonly<Record<ControlAction, number>> = {
  pause: pb.ControlAction.CONTROL_ACTION_PAUSE_STRATEGY,
  resume: pb.ControlAction.CONTROL_ACTION_RESUME_STRATEGY,
  halt: pb.ControlAction.CONTROL_ACTION_HALT,
  reduce_only: pb.ControlAction.CONTROL_ACTION_REDUCE_ONLY,
  activate: pb.ControlAction.CONTROL_ACTION_ACTIVATE,
};

/** Writes the control KV (compare-and-set) and then announces the command on `ops.control.<action>`. */
export function natsControlPort(bus: Bus, kv: KV, account: string, clock: Clock): ControlPort {
  return {
    read: () => readControl(kv, account),
    apply: async (action, change: ControlChange, issuedBy, reason, msgId) => {
      const now = clock.now();
      const next = await updateControl(kv, account, change, issuedBy, reason, now);
      await bus.publish(
        codecs.ControlCommand,
        subjects.control(action),
        {
          action: CONTROL_ACTION_ENUM[action],
          strategy: change.kind === 'state' ? '' : change.strategy,
          account,
          issuedBy,
          reason,
          timeMs: now,
        },
        { msgId, correlationId: msgId },
      );
      return next;
    },
  };
}

export interface ControlWatchLogger {
  warn(obj: object, msg?: string): void;
}

/**
 * Calls `onChange` for every change of the account's control state after start. Seeded from a read,
 * so the value present at start is not announced (the KV watcher's own `isUpdate` flag marks the last
 * initial value as an update, so it cannot tell).
 */
export async function watchControl(
  kv: KV,
  account: string,
  log: ControlWatchLogger,
  onChange: (prev: Control, next: Control) => void,
): Promise<{ stop(): Promise<void> }> {
  let known = await readControl(kv, account);
  const watcher = await kv.watch({ key: controlKey(account) });
  const done = (async () => {
    for await (const e of watcher) {
      if (e.revision <= known.revision) continue;
      try {
        const m =
          e.operation === 'PUT' && e.value.length > 0 ? codecs.ControlState.decode(e.value) : undefined;
        const next: Control = {
          account,
          state: tradingStateName(m?.state),
          pausedStrategies: [...(m?.pausedStrategies ?? [])],
          reason: m?.reason ?? '',
          updatedMs: Number(m?.updatedMs ?? 0),
          updatedBy: m?.updatedBy ?? '',
          revision: e.revision,
        };
        const prev = known;
        known = next;
        onChange(prev, next);
      } catch (err) {
        log.warn(
          { key: e.key, revision: e.revision, err: (err as Error).message },
          'undecodable control entry',
        );
      }
    }
  })();
  return {
    stop: async () => {
      watcher.stop();
      await done.catch(() => {});
    },
  };
}
