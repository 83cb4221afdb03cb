import { okxSwapContract, parseInstrument } from '@algotrader/core';
import { describe, expect, it, test } from 'vitest';
import { ceilToStep, floorToStep, instrumentSpec, roundToStep, stepDecimals, swapSpec } from './spec';

describe('lot and tick rounding', () => {
  it('rounds quantities down to the lot, never up', () => {
    expect(floorToStep(0.123456789, 0.0001)).toBe(0.1234);
    expect(floorToStep(2.99, 1)).toBe(2);
    expect(floorToStep(0.3, 0.1)).toBe(0.3); // 0.3 / 0.1 = 2.9999999999999996 must not lose a lot
    expect(floorToStep(0.7, 0.1)).toBe(0.7);
    expect(floorToStep(0.30000001, 0.1)).toBe(0.3);
    expect(floorToStep(0.29999, 0.1)).toBe(0.2);
    expect(floorToStep(1234.5678, 0.5)).toBe(1234.5);
    expect(floorToStep(-1, 0.1)).toBe(0);
  });

  it('never returns more than it was given, over many lot sizes', () => {
    for (const lot of [1e-8, 1e-5, 0.001, 0.01, 0.1, 0.5, 1, 10]) {
      for (let i = 1; i < 500; i++) {
        const x = i * 0.0137 * lot * 37;
        const q = floorToStep(x, lot);
        expect(q).toBeLessThanOrEqual(x * (1 + 1e-15));
        expect(x - q).toBeLessThan(lot);
      }
    }
  });

  it('stays at or below x where doubles cannot hold the lot grid (4.6e7 units on a 1e-8 lot)', () => {
    const x = 46_281_859.44919925;
    expect(floorToStep(x, 1e-8)).toBeLessThanOrEqual(x);
    expect(x - floorToStep(x, 1e-8)).toBeLessThan(1e-7);
  });

  it('rounds prices up with ceil and to nearest with round', () => {
    expect(ceilToStep(100.01, 0.1)).toBe(100.1);
    expect(ceilToStep(100.1, 0.1)).toBe(100.1);
    expect(roundToStep(0.1 + 0.2, 0.1)).toBe(0.3);
    expect(stepDecimals(1e-8)).toBe(8);
    expect(stepDecimals(0.25)).toBe(2);
    expect(stepDecimals(5)).toBe(0);
  });

  it('validates specs', () => {
    const i = parseInstrument('OKX:BTC/USDT');
    expect(instrumentSpec(i, { lotSize: 0.001 })).toEqual({
      instrument: i,
      lotSize: 0.001,
      minQty: 0,
      minNotional: 0,
      tickSize: 1e-8,
    });
    expect(() => instrumentSpec(i, { lotSize: 0 })).toThrow(/lotSize/);
    expect(() => instrumentSpec(i, { minNotional: -1 })).toThrow(/minNotional/);
  });
});

describe('swap spec', () => {
  test('lot and minimum are one contract step in base units', () => {
    const c = okxSwapContract(parseInstrument('OKX:ETH/USDT:USDT'))!;
    const s = swapSpec(c);
    expect(s.lotSize).toBe(0.001);
    expect(s.minQty).toBe(0.001);
    expect(s.tickSize).toBe(0.01);
    expect(s.contract?.ctVal).toBe(0.1);
  });
});
