import { subjects } from '@algotrader/bus/subjects';
import { featureKey, featureSetKey, parseInstrument } from '@algotrader/core';
import { parsePipelineConfig } from '@algotrader/pipeline';
import type { Effect, InputMeta } from '@algotrader/pipeline/domain';
import type { BarMsg } from '@algotrader/proto';
import { describe, expect, test } from 'vitest';
import { type FeatureInput, featureDecider } from './decider';

const HOUR = 3_600_000;
const T0 = Date.UTC(2024, 0, 1);
const p = parsePipelineConfig({
  account: 'paper',
  instruments: ['OKX:BTC/USDT', 'OKX:ETH/USDT'],
  strategies: [
    { name: 'sma_cross', params: { fast: 2, slow: 3 }, instruments: ['OKX:BTC/USDT', 'OKX:ETH/USDT'] },
  ],
  mode: 'replay',
});
const meta = (seq: number): InputMeta => ({ subject: 'md', seq, correlationId: undefined, msgId: `m${seq}` });

function bar(symbol: string, k: number): BarMsg {
  const c = 100 + k * 1.5;
  return {
    instrument: { venue: 'OKX', symbol },
    timeframe: '1h',
    openTimeMs: T0 + k * HOUR,
    closeTimeMs: T0 + (k + 1) * HOUR,
    open: c,
    high: c + 1,
    low: c - 1,
    close: c + 0.5,
    volume: 10,
    source: 'test',
  };
}

/** Runs inputs through decide → evolve → effects, as the stage runtime does. */
function run(inputs: FeatureInput[]): Effect[] {
  const d = featureDecider(p);
  let state = d.initial();
  const effects: Effect[] = [];
  for (const input of inputs) {
    for (const o of d.decide(state, input)) {
      state = d.evolve(state, o);
      effects.push(...d.effects(state, o));
    }
  }
  return effects;
}

describe('feature-engine decider: message ids and subjects', () => {
  test('every FeatureVector and set marker carries the shared key builders’ id and subject', () => {
    const inputs: FeatureInput[] = [];
    let seq = 0;
    for (let k = 0; k < 5; k++) {
      for (const s of ['BTC/USDT', 'ETH/USDT'])
        inputs.push({ kind: 'bar', bar: bar(s, k), meta: meta(++seq) });
      inputs.push({
        kind: 'set',
        set: { venue: 'OKX', timeframe: '1h', closeTimeMs: T0 + (k + 1) * HOUR },
        meta: meta(++seq),
      });
    }
    const published = run(inputs).flatMap((e) => (e.kind === 'publish' ? [e.message] : []));
    expect(published).toHaveLength(15);
    for (let k = 0; k < 5; k++) {
      const close = T0 + (k + 1) * HOUR;
      const [btc, eth, set] = published.slice(3 * k, 3 * k + 3);
      for (const [m, name] of [
        [btc, 'OKX:BTC/USDT'],
        [eth, 'OKX:ETH/USDT'],
      ] as const) {
        const i = parseInstrument(name);
        expect(m!.subject).toBe(subjects.feature(i, '1h'));
        expect(m!.msgId).toBe(featureKey(i, '1h', close));
        expect(m!.correlationId).toMatch(/^m\d+$/);
        const fv = m!.message as { values: Record<string, number>; warm: boolean };
        expect(Object.keys(fv.values).sort()).toEqual(['sma:close:2', 'sma:close:3']);
        expect(fv.warm).toBe(k >= 2);
      }
      expect(set!.subject).toBe(subjects.featureSet('OKX', '1h'));
      expect(set!.msgId).toBe(featureSetKey('OKX', '1h', close));
    }
    // Values of the last vector: SMA(2) and SMA(3) of the closes 100.5 + 1.5k.
    const last = published[13]!.message as { values: Record<string, number> };
    expect(last.values['sma:close:2']).toBe((106.5 + 105) / 2);
    expect(last.values['sma:close:3']).toBe((106.5 + 105 + 103.5) / 3);
  });

  test('a bar of an instrument not configured decides nothing', () => {
    expect(run([{ kind: 'bar', bar: bar('LTC/USDT', 0), meta: meta(1) }])).toEqual([]);
  });
});
