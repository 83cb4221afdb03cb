import { serialize } from 'node:v8';
import { type FeatureInput, featureDecider } from '@algotrader/feature-engine';
import { PaperVenue, type RouterInput, routerDecider, routerState } from '@algotrader/order-router';
import { type Decider, type Effect, newAccount, step } from '@algotrader/pipeline/domain';
import type { BarMsg, BarSetClosed } from '@algotrader/proto';
import type { PortfolioView } from '@algotrader/strategy';
import { type RunnerInput, runnerDecider } from '@algotrader/strategy-runner';
import { describe, expect, test } from 'vitest';
import {
  HOUR,
  hourBarMsg,
  hourBarSet,
  inputMetas,
  runnerInputsOf,
  smaCrossPipeline,
} from './helpers/stages-setup';

/**
 * Bounded memory: a stage keeps what its next decision needs (a window of bars, streaming feature
 * state, what is owed) and nothing per bar for ever. Each decider runs over a long replay; its
 * state is measured after a warm-up and again thousands of bars later, as a count of the slots it
 * holds (array elements, map and set entries, object keys, reachable from the state) and as the
 * size of its checkpoint. A map that gains an entry per bar shows as thousands of extra slots.
 */

const T0 = Date.UTC(2020, 0, 1);
const SYMBOLS = ['BTC/USDT', 'ETH/USDT'] as const;
const WARM = 1_000;
const LONG = 8_000;
/** Slack between the two measurements: a few windows filling up or emptying, not one per bar. */
const SLACK = 200;

const pipeline = smaCrossPipeline(SYMBOLS, { fast: 5, slow: 20, sizing: { kind: 'fixed', qty: 1 } });

function barMsg(k: number, h: number): BarMsg {
  const price = (x: number) => 100 + 10 * Math.sin(x / 7 + k) + ((x * 13) % 5);
  return hourBarMsg(SYMBOLS[k]!, T0 + h * HOUR, price(h - 1), price(h), 1 + (h % 17));
}

const barSet = (h: number): BarSetClosed => hourBarSet(T0 + (h + 1) * HOUR, SYMBOLS);

const meta = inputMetas();

/** Slots reachable from `root`: array elements, map and set entries, object keys, typed array items. */
function slots(root: unknown): number {
  const seen = new Set<object>();
  const stack: unknown[] = [root];
  let n = 0;
  while (stack.length > 0) {
    const v = stack.pop();
    if (v === null || typeof v !== 'object' || seen.has(v)) continue;
    seen.add(v);
    if (ArrayBuffer.isView(v)) {
      n += (v as unknown as { length?: number }).length ?? v.byteLength;
    } else if (v instanceof Map) {
      for (const [key, x] of v) {
        n += 1;
        stack.push(key, x);
      }
    } else if (v instanceof Set) {
      for (const x of v) {
        n += 1;
        stack.push(x);
      }
    } else {
      for (const [, x] of Object.entries(v)) {
        n += 1;
        stack.push(x);
      }
    }
  }
  return n;
}

interface Size {
  slots: number;
  checkpointBytes: number;
}

/** Runs `inputs(h)` for every hour through `d`, measuring the state after WARM and after LONG hours. */
function measure<S, I, O, Snap>(
  d: Decider<S, I, O, Snap>,
  state: S,
  inputs: (h: number) => readonly I[],
  onEffects: (effects: readonly Effect[]) => void = () => {},
): { warm: Size; long: Size; state: S } {
  let s = state;
  const size = (): Size => ({ slots: slots(s), checkpointBytes: serialize(d.snapshot(s)).length });
  let warm: Size | undefined;
  for (let h = 0; h < LONG; h++) {
    for (const input of inputs(h)) {
      const r = step(d, s, input);
      s = r.state;
      onEffects(r.effects);
    }
    if (h === WARM - 1) warm = size();
  }
  return { warm: warm!, long: size(), state: s };
}

function expectBounded(name: string, m: { warm: Size; long: Size }): void {
  const perBar = `${name}: ${m.warm.slots} slots after ${WARM} bars, ${m.long.slots} after ${LONG}`;
  expect(m.long.slots - m.warm.slots, perBar).toBeLessThan(SLACK);
  expect(m.long.checkpointBytes, `${name} checkpoint bytes`).toBeLessThan(
    m.warm.checkpointBytes + 16 * SLACK,
  );
}

const mdInputs = (h: number): FeatureInput[] => [
  ...SYMBOLS.map((_, k): FeatureInput => ({ kind: 'bar', bar: barMsg(k, h), meta: meta('md.bar') })),
  { kind: 'set', set: barSet(h), meta: meta('md.barset') },
];

describe(`bounded memory: the deciders over ${LONG} hourly bars x ${SYMBOLS.length} symbols`, () => {
  test('the feature-engine keeps its window and streaming state, nothing per bar', () => {
    const d = featureDecider(pipeline);
    expectBounded('feature-engine', measure(d, d.initial(), mdInputs));
  });

  test('the strategy-runner keeps its window and what it owes, nothing per bar (it trades all along)', () => {
    const fe = featureDecider(pipeline);
    let fs = fe.initial();
    const view: PortfolioView = { cash: 1e9, equity: 1e9, position: () => 0, averagePrice: () => Number.NaN };
    const d = runnerDecider(pipeline, () => view);
    let signals = 0;
    const m = measure(
      d,
      d.initial(),
      (h) => {
        const out: RunnerInput[] = [];
        for (const input of mdInputs(h)) {
          const r = step(fe, fs, input);
          fs = r.state;
          out.push(...runnerInputsOf(r.effects, meta));
        }
        return out;
      },
      (effects) => {
        for (const e of effects)
          if (e.kind === 'publish' && e.message.subject.startsWith('sig.sma_cross.')) signals += 1;
      },
    );
    expect(signals, 'the strategy signals throughout').toBeGreaterThan(LONG / 20);
    expectBounded('strategy-runner', m);
  });

  test('the order-router forgets each bar once it has stepped through it', () => {
    const d = routerDecider({ pipeline, venue: new PaperVenue(pipeline) });
    let setSeq = 0;
    const m = measure(d, routerState(newAccount('paper', 10_000, 'USDT'), pipeline), (h): RouterInput[] => [
      ...SYMBOLS.map((_, k): RouterInput => ({ kind: 'bar', bar: barMsg(k, h) })),
      { kind: 'set', set: barSet(h), seq: ++setSeq },
      { kind: 'progress', progress: { decidedThrough: T0 + (h + 1) * HOUR, approvedSeq: 0 } },
    ]);
    expect(m.state.account.steppedThrough, 'the router stepped through every bar').toBe(T0 + LONG * HOUR);
    expectBounded('order-router', m);
  });

  test('the measure sees a map that grows with every bar (the test can fail)', () => {
    const d = featureDecider(pipeline);
    const leaky: Decider<
      { inner: ReturnType<typeof d.initial>; seen: Map<number, number> },
      FeatureInput,
      unknown,
      unknown
    > = {
      initial: () => ({ inner: d.initial(), seen: new Map() }),
      decide: (s, i) => d.decide(s.inner, i),
      evolve: (s, o) => {
        s.inner = d.evolve(s.inner, o as never);
        if ((o as { kind: string }).kind === 'accepted') s.seen.set(s.seen.size, 1);
        return s;
      },
      effects: () => [],
      snapshot: (s) => ({ inner: d.snapshot(s.inner), seen: [...s.seen] }),
      restore: () => {
        throw new Error('not used');
      },
    };
    const m = measure(leaky, leaky.initial(), mdInputs);
    expect(m.long.slots - m.warm.slots).toBeGreaterThan(SLACK);
  });
});
