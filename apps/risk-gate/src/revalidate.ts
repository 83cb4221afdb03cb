import type { Control } from '@algotrader/bus';
import { formatInstrument } from '@algotrader/core';
import {
  type AccountState,
  type AlertInput,
  alert,
  type Decider,
  instrumentOf,
  num,
  type Pipeline,
  sideOf,
} from '@algotrader/pipeline/domain';
import { codecs } from '@algotrader/proto';
import type { GateMessage, GateOutput, GateSnapshot, GateState, SavedOut } from './decider';

/** What the world is when the gate starts: read by the shell before the checkpoint is restored. */
export interface RestoreWorld {
  readonly control: Pick<Control, 'state' | 'reason' | 'pausedStrategies'>;
  readonly account: AccountState | undefined;
}

/**
 * Why an approved order owed from a checkpoint may not be published now, or undefined when it
 * may. A checkpoint is data at rest: it is re-checked against the control state of now (HALTED or
 * REDUCING: only orders that shrink a position; a paused strategy: none of its orders) and
 * against what it claims to be (this account, the checkpoint's own close time).
 */
export function owedRefusal(
  p: Pipeline,
  s: SavedOut,
  lastT: number,
  world: RestoreWorld,
): string | undefined {
  if (s.type !== 'OrderRequest' || !s.approved) return undefined;
  let m: ReturnType<typeof codecs.OrderRequest.decode>;
  try {
    m = codecs.OrderRequest.decode(s.bytes);
  } catch (e) {
    return `undecodable: ${(e as Error).message}`;
  }
  if (m.cancel) return undefined; // cancels are always allowed
  if ((m.account ?? '') !== p.account) return `for account "${m.account}", not ${p.account}`;
  if (Number(m.decisionTimeMs ?? 0) !== lastT) {
    return `decided at ${Number(m.decisionTimeMs ?? 0)}, not at the checkpoint's close time ${lastT}`;
  }
  const { state, reason, pausedStrategies } = world.control;
  if (pausedStrategies.includes(m.strategy ?? '')) return `strategy ${m.strategy} is paused`;
  if (state === 'ACTIVE') return undefined;
  const qty = num(m.quantity ?? '0', 'quantity');
  const key = formatInstrument(instrumentOf(m.instrument));
  const held = world.account?.book.positions[key]?.qty ?? 0;
  const side = sideOf(m.side);
  const shrinks = side === 'sell' ? held > 0 && qty <= held : held < 0 && qty <= -held;
  return shrinks
    ? undefined
    : `trading is ${state} (${reason || 'by control'}): an order that adds to a position is not republished`;
}

/**
 * The gate's decider whose `restore` re-validates the decisions it owes (saved before they were
 * published) against the world of now: a refused order is dropped from the outbox — never
 * published — with a critical alert naming it and why. Everything else is the gate's decider.
 */
export function revalidatingRestore(
  p: Pipeline,
  inner: Decider<GateState, GateMessage, GateOutput, GateSnapshot>,
  world: RestoreWorld,
  onRefused?: (msgId: string, why: string) => void,
): Decider<GateState, GateMessage, GateOutput, GateSnapshot> {
  return {
    ...inner,
    restore(snap) {
      const r = inner.restore(snap);
      const refused = new Map<string, string>();
      for (const s of r.state.outbox) {
        const why = owedRefusal(p, s, r.state.lastT, world);
        if (why) refused.set(s.msgId, why);
      }
      if (refused.size === 0) return r;
      const alerts = [...refused].map(([msgId, why]) => {
        onRefused?.(msgId, why);
        const a: AlertInput = {
          severity: 'critical',
          code: 'restored_order_refused',
          message: `risk-gate did not republish ${msgId} from its checkpoint: ${why}`,
          labels: { account: p.account },
          dedupeKey: msgId,
        };
        return alert(a);
      });
      return {
        state: { ...r.state, outbox: r.state.outbox.filter((s) => !refused.has(s.msgId)) },
        effects: [
          ...alerts,
          ...r.effects.filter((e) => !(e.kind === 'publish' && refused.has(e.message.msgId))),
        ],
      };
    },
  };
}
