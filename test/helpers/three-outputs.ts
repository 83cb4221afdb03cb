import type { Decider, Effect, OutMessage } from '@algotrader/pipeline';
import { codecs } from '@algotrader/proto';

export interface Acked {
  acked: number[];
}

/**
 * A decider for testing a stage's publishing: per input k, three publishes into FEATURES in this
 * order — `<prefix>:k.a`, `<prefix>:k.b`, `<prefix>:k.set` (set markers: any message type would
 * do) — and every ack's stream sequence folded into the state, in the order they are taken in.
 */
export function threeOutputs(prefix: string): Decider<Acked, number, number, Acked> {
  return {
    initial: () => ({ acked: [] }),
    decide: (_s, k) => [k],
    evolve: (s) => s,
    effects: (_s, k): Effect[] =>
      ['a', 'b', 'set'].map((part) => ({
        kind: 'publish',
        message: {
          codec: codecs.BarSetClosed,
          subject: `feat.test.${part}`,
          message: {
            venue: 'OKX',
            timeframe: '1h',
            closeTimeMs: k,
            arrived: [],
            missing: [],
            timedOut: false,
          },
          msgId: `${prefix}:${k}.${part}`,
        } as OutMessage,
      })),
    acked: (s, _m, seq) => ({ acked: [...s.acked, seq] }),
    snapshot: (s) => ({ acked: [...s.acked] }),
    restore: (snap) => ({ state: { acked: [...snap.acked] }, effects: [] }),
  };
}
