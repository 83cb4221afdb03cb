import { computeBatchFeature, parseFeatureKey } from '@algotrader/features';
import { describe, expect, it } from 'vitest';
import { batchFeature } from './features';
import { randomWalkBars } from './testing.test-helper';

const SMA = 'sma:close:5';
const EMA = 'ema:close:7';

describe('batch features computed once per set of columns (a sweep reuses them)', () => {
  it('hands out the same outputs for the same columns and key, equal to a fresh computation bit for bit', () => {
    const bars = randomWalkBars(200, 7);
    const first = batchFeature(SMA, parseFeatureKey(SMA), bars);
    const again = batchFeature(SMA, parseFeatureKey(SMA), bars);
    expect(again).toBe(first);
    expect(Array.from(first.value!)).toEqual(
      Array.from(computeBatchFeature(parseFeatureKey(SMA), bars).value),
    );
    // The same arrays under another object are the same columns.
    expect(batchFeature(SMA, parseFeatureKey(SMA), { ...bars })).toBe(first);
  });

  it('computes a window cut from the same buffers on its own (its own warm-up), never a slice of the whole', () => {
    const bars = randomWalkBars(200, 7);
    const whole = batchFeature(SMA, parseFeatureKey(SMA), bars).value!;
    const cut = {
      openTime: bars.openTime.subarray(50),
      open: bars.open.subarray(50),
      high: bars.high.subarray(50),
      low: bars.low.subarray(50),
      close: bars.close.subarray(50),
      volume: bars.volume.subarray(50),
    };
    const late = batchFeature(SMA, parseFeatureKey(SMA), cut).value!;
    expect(Number.isNaN(late[0]!)).toBe(true);
    expect(Number.isNaN(whole[50]!)).toBe(false);
    expect(Array.from(late)).toEqual(Array.from(computeBatchFeature(parseFeatureKey(SMA), cut).value));
    // A column swapped for another array is other columns too.
    const other = { ...bars, volume: new Float64Array(bars.volume) };
    expect(batchFeature(SMA, parseFeatureKey(SMA), other).value).not.toBe(whole);
  });

  it('keeps at most the byte budget per set of columns, dropping the oldest feature first', () => {
    const bars = randomWalkBars(100, 9);
    const budget = 100 * 8; // one output column
    const sma = batchFeature(SMA, parseFeatureKey(SMA), bars, budget);
    expect(batchFeature(SMA, parseFeatureKey(SMA), bars, budget)).toBe(sma);
    const ema = batchFeature(EMA, parseFeatureKey(EMA), bars, budget);
    expect(batchFeature(EMA, parseFeatureKey(EMA), bars, budget)).toBe(ema);
    const smaAgain = batchFeature(SMA, parseFeatureKey(SMA), bars, budget);
    expect(smaAgain).not.toBe(sma);
    expect(Array.from(smaAgain.value!)).toEqual(Array.from(sma.value!));
  });
});
