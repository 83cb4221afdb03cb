import { runBacktest } from '@algotrader/backtest';
import { NYSE, parseIbkrInstrument, sessionBarClose } from '@algotrader/core';
import { type FeatureInput, featureDecider } from '@algotrader/feature-engine';
import {
  barIn,
  type Decider,
  type Effect,
  type InputMeta,
  parsePipelineConfig,
  step,
} from '@algotrader/pipeline/domain';
import { US_STOCK_SPEC } from '@algotrader/portfolio';
import type { BarSetClosed, FeatureVector, SignalSetClosed } from '@algotrader/proto';
import { barAt, encodeBar } from '@algotrader/proto';
import { BUNDLED_US_DATASETS, readUsDataset, sessionAligned } from '@algotrader/store';
import { getStrategy, type PortfolioView } from '@algotrader/strategy';
import { type RunnerInput, runnerDecider } from '@algotrader/strategy-runner';
import { bundledData } from '@algotrader/testkit';
import { expect, test } from 'vitest';

/**
 * Session-aligned hourly bars (NYSE 09:30–10:30 … 15:30–16:00) through the feature-engine and the
 * strategy-runner deciders of an IBKR pipeline: each bar closes at its session-cut close, the
 * runner steps there (16:00, not 16:30), and it decides at the backtest's decision times.
 */
const HOUR = 3_600_000;
const SPY = parseIbkrInstrument('IBKR:SPY');
const params = { fast: 5, slow: 20 };
const pipeline = parsePipelineConfig({
  account: 'paper',
  venue: 'IBKR',
  instruments: ['IBKR:SPY/USD'],
  strategies: [{ name: 'sma_cross', params, instruments: ['IBKR:SPY/USD'] }],
  paper: { initialCash: 100_000, quoteCurrency: 'USD' },
  specs: { 'IBKR:SPY/USD': US_STOCK_SPEC },
  mode: 'replay',
});

let seq = 0;
const meta = (subject: string): InputMeta => {
  seq += 1;
  return { subject, seq, msgId: `in-${seq}`, correlationId: undefined };
};

function run<S, I, O, Snap>(d: Decider<S, I, O, Snap>, inputs: readonly I[]): Effect[] {
  const effects: Effect[] = [];
  let s = d.initial();
  for (const input of inputs) {
    const r = step(d, s, input);
    s = r.state;
    effects.push(...r.effects);
  }
  return effects;
}

const view: PortfolioView = {
  cash: 100_000,
  equity: 100_000,
  position: () => 0,
  averagePrice: () => Number.NaN,
};

test('session-aligned SPY 1h through the feature-engine and strategy-runner: steps at each bar close, the last at the session close', async () => {
  const ds = sessionAligned(
    await readUsDataset(bundledData('us/us_SPY_30m.csv.gz'), BUNDLED_US_DATASETS['us_SPY_30m.csv.gz']!),
    '1h',
  );
  // Ten weeks from the start, including DST (2021-03-14) and a holiday (Good Friday 2021-04-02).
  const n = 7 * 5 * 10;
  const bars = Array.from({ length: n }, (_, i) => barAt(SPY, '1h', ds.bars, i, NYSE));
  expect(pipeline.calendar).toBe(NYSE);

  // The codec: the 15:30 bar closes at 16:00 on the NYSE; without the calendar it is refused.
  const last = bars.find((b) => b.openTime - NYSE.sessionAt(b.openTime)!.open === 6 * HOUR)!;
  expect(last.closeTime - last.openTime).toBe(HOUR / 2);
  const wire = encodeBar(last, 'test');
  expect(barIn(wire, '1h', NYSE).closeTime).toBe(NYSE.sessionAt(last.openTime)!.close);
  expect(() => barIn(wire, '1h')).toThrow(/close time .* is not open \+ 1h/);
  expect(() => barIn({ ...wire, closeTimeMs: last.openTime + HOUR }, '1h', NYSE)).toThrow(
    /cut at the nyse session close/,
  );

  const md: FeatureInput[] = [];
  for (const b of bars) {
    md.push({ kind: 'bar', bar: encodeBar(b, 'test'), meta: meta('md.bar') });
    const set: BarSetClosed = {
      venue: 'IBKR',
      timeframe: '1h',
      closeTimeMs: b.closeTime,
      arrived: ['SPY/USD'],
      missing: [],
      timedOut: false,
    };
    md.push({ kind: 'set', set, meta: meta('md.barset') });
  }
  const fe = run(featureDecider(pipeline), md);
  const feSets = fe.flatMap((e) =>
    e.kind === 'publish' && e.message.subject.startsWith('feat._set.')
      ? [e.message.message as BarSetClosed]
      : [],
  );
  expect(feSets.map((s) => Number(s.closeTimeMs))).toEqual(bars.map((b) => b.closeTime));
  // The feature-engine finds each set's bar, the cut last bar of a session included.
  expect(feSets.every((s) => (s.missing ?? []).length === 0)).toBe(true);

  const inputs: RunnerInput[] = fe.flatMap((e): RunnerInput[] => {
    if (e.kind !== 'publish') return [];
    const m = e.message;
    return m.subject.startsWith('feat._set.')
      ? [{ kind: 'set', set: m.message as BarSetClosed, meta: meta(m.subject) }]
      : [{ kind: 'vector', vector: m.message as FeatureVector, meta: meta(m.subject) }];
  });
  const out = run(
    runnerDecider(pipeline, () => view),
    inputs,
  );
  const steps = out.flatMap((e) =>
    e.kind === 'publish' && e.message.subject.startsWith('sig._set.')
      ? [Number((e.message.message as SignalSetClosed).closeTimeMs)]
      : [],
  );
  expect(steps).toEqual(bars.map((b) => sessionBarClose(NYSE, b.openTime, HOUR)));
  const sessionCloses = steps.filter((t) => NYSE.sessionAt(t - 1)?.close === t);
  expect(sessionCloses.length, 'one step at each session close').toBe(
    new Set(bars.map((b) => NYSE.sessionAt(b.openTime)!.date)).size,
  );
  expect(
    steps.some((t) => (t - NYSE.sessionAt(t - 1)!.open) % HOUR !== 0),
    'a half-hour last bar',
  ).toBe(true);

  // Same decision times as the backtest on the same bars.
  const signalTimes = out.flatMap((e) =>
    e.kind === 'publish' && e.message.subject.startsWith('sig.sma_cross.')
      ? [Number((e.message.message as { closeTimeMs?: number }).closeTimeMs ?? Number.NaN)]
      : [],
  );
  const slice = (a: Float64Array) => a.slice(0, n);
  const bt = runBacktest({
    strategy: getStrategy('sma_cross'),
    params,
    data: {
      timeframe: '1h',
      series: [
        {
          instrument: SPY,
          spec: US_STOCK_SPEC,
          bars: {
            openTime: slice(ds.bars.openTime),
            open: slice(ds.bars.open),
            high: slice(ds.bars.high),
            low: slice(ds.bars.low),
            close: slice(ds.bars.close),
            volume: slice(ds.bars.volume),
          },
        },
      ],
    },
    initialCash: 100_000,
    calendar: NYSE,
  });
  expect(bt.decisions.length, 'the window must cross for the comparison to mean something').toBeGreaterThan(
    3,
  );
  expect(signalTimes).toEqual(bt.decisions.map((d) => d.time));
});
