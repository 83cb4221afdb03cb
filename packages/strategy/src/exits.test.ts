import { parseInstrument } from '@algotrader/core';
import { describe, expect, it } from 'vitest';
import {
  decisionKey,
  marketOrder,
  targetFraction,
  targetUnits,
  validateDecision,
  withExits,
} from './decision';
import { smaCross } from './examples/sma-cross';
import { ExitsSchema, exitsOf } from './exits';
import { parseParams } from './strategy';

const X = parseInstrument('OKX:BTC/USDT');

describe('exits on decisions', () => {
  it('go with entries only, and must be sane', () => {
    expect(() =>
      validateDecision(withExits(targetFraction(X, 0.5), { stopLoss: { fraction: 0.05 } })),
    ).not.toThrow();
    expect(() => validateDecision(withExits(marketOrder(X, 'buy', 1), { trailingStop: 0.1 }))).not.toThrow();
    expect(() => validateDecision(withExits(targetUnits(X, 0), { stopLoss: { price: 9 } }))).toThrow(
      /exits go with an entry/,
    );
    expect(() => validateDecision(withExits(marketOrder(X, 'sell', 1), { stopLoss: { price: 9 } }))).toThrow(
      /exits go with an entry/,
    );
    expect(() => validateDecision(withExits(targetUnits(X, 1), { stopLoss: { fraction: 1.5 } }))).toThrow(
      /stopLoss fraction/,
    );
    expect(() => validateDecision(withExits(targetUnits(X, 1), { trailingStop: 0 }))).toThrow(/trailingStop/);
    expect(() => validateDecision(withExits(targetUnits(X, 1), {}))).toThrow(/set nothing/);
  });

  it('are part of the decision key (the look-ahead check compares them)', () => {
    expect(
      decisionKey(withExits(targetUnits(X, 1), { stopLoss: { price: 9 }, takeProfit: { fraction: 0.1 } })),
    ).toBe('OKX:BTC/USDT target units 1 exits sl @9 tp 0.1');
  });

  it('as parameters: a bare number is a fraction; nothing set is no exits', () => {
    expect(
      exitsOf(ExitsSchema.parse({ stopLoss: 0.03, takeProfit: { price: 120 }, trailingStop: 0.05 })),
    ).toEqual({
      stopLoss: { fraction: 0.03 },
      takeProfit: { price: 120 },
      trailingStop: 0.05,
    });
    expect(exitsOf(ExitsSchema.parse({}))).toBeUndefined();
    expect(() => ExitsSchema.parse({ stopLoss: 2 })).toThrow();
    expect(() => ExitsSchema.parse({ stop: 0.1 })).toThrow();
  });

  it('sma_cross takes them as a parameter', () => {
    const p = parseParams(smaCross, { fast: 2, slow: 3, exits: { stopLoss: 0.02 } });
    expect(p.exits).toEqual({ stopLoss: 0.02 });
    expect(parseParams(smaCross, { fast: 2, slow: 3 }).exits).toEqual({});
    expect(exitsOf(parseParams(smaCross, { fast: 2, slow: 3 }).exits)).toBeUndefined();
  });
});
