import {
  type Bus,
  type Control,
  type ControlChange,
  controlKey,
  HALT_STAGES,
  haltKey,
  readControl,
  subjects,
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
  // The operator's key and the stages' halt keys (one filter: servers before 2.10 take only one).
  const watcher = await kv.watch({ key: '>' });
  const ours = new Set([controlKey(account), ...HALT_STAGES.map((st) => haltKey(account, st))]);
  const done = (async () => {
    for await (const e of watcher) {
      if (e.revision <= known.revision || !ours.has(e.key)) continue;
      try {
        // The merged state (a stage's halt counts only when newer than the operator's entry).
        const next = await readControl(kv, account);
        if (next.revision <= known.revision) continue;
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
