import { describe, expect, test } from 'vitest';
import {
  AlgoError,
  alignOpen,
  barKey,
  clientOrderId,
  closeTimeOf,
  ErrorCode,
  exitOrderId,
  formatInstrument,
  instrumentFromSubject,
  instrumentToSubject,
  isValidClientOrderId,
  lastClosedOpen,
  parseInstrument,
  parseTimeframe,
  SimulatedClock,
  signalKey,
  timeframeMs,
} from './index';

describe('instruments', () => {
  test('OKX:BTC/USDT maps to subject tokens okx.BTC-USDT and back', () => {
    const i = parseInstrument('OKX:BTC/USDT');
    expect(i).toEqual({ venue: 'OKX', base: 'BTC', quote: 'USDT' });
    expect(instrumentToSubject(i)).toBe('okx.BTC-USDT');
    expect(instrumentFromSubject('okx.BTC-USDT')).toEqual(i);
    expect(formatInstrument(instrumentFromSubject(instrumentToSubject(i)))).toBe('OKX:BTC/USDT');
  });
  test('a default venue applies to BASE/QUOTE and lower case is normalised', () => {
    expect(formatInstrument(parseInstrument('eth/usdt', 'okx'))).toBe('OKX:ETH/USDT');
  });
  test('rejects text that is not an instrument, with a code and a hint', () => {
    expect(() => parseInstrument('BTCUSDT')).toThrow(/expected VENUE:BASE\/QUOTE/);
    try {
      parseInstrument('OKX:BTC.X/USDT');
    } catch (e) {
      expect((e as AlgoError).code).toBe(ErrorCode.InvalidInstrument);
    }
    expect(() => instrumentFromSubject('okx.BTC.USDT')).toThrow(AlgoError);
  });
});

describe('timeframes', () => {
  test('lengths, alignment and open/close times', () => {
    expect(timeframeMs('15m')).toBe(900_000);
    expect(timeframeMs('4h')).toBe(14_400_000);
    const t = Date.UTC(2024, 6, 10, 13, 47, 12);
    expect(alignOpen(t, '1h')).toBe(Date.UTC(2024, 6, 10, 13));
    expect(alignOpen(t, '15m')).toBe(Date.UTC(2024, 6, 10, 13, 45));
    expect(alignOpen(t, '4h')).toBe(Date.UTC(2024, 6, 10, 12));
    expect(alignOpen(t, '1d')).toBe(Date.UTC(2024, 6, 10));
    expect(closeTimeOf(Date.UTC(2024, 6, 10, 13), '1h')).toBe(Date.UTC(2024, 6, 10, 14));
    // At 13:47 the last fully closed 1h bar opened at 12:00.
    expect(lastClosedOpen(t, '1h')).toBe(Date.UTC(2024, 6, 10, 12));
    expect(lastClosedOpen(Date.UTC(2024, 6, 10, 14), '1h')).toBe(Date.UTC(2024, 6, 10, 13));
  });
  test('unknown timeframe names the valid ones', () => {
    expect(() => parseTimeframe('2h')).toThrow(/use one of 1m, 5m, 15m, 30m, 1h, 4h, 1d/);
  });
});

describe('clock', () => {
  test('the simulated clock moves only when told, never backwards', () => {
    const c = new SimulatedClock(1000);
    expect(c.now()).toBe(1000);
    c.advance(500);
    expect(c.now()).toBe(1500);
    expect(() => c.set(10)).toThrow(RangeError);
  });
});

describe('deterministic ids', () => {
  const i = parseInstrument('OKX:BTC/USDT');
  test('bar and signal keys', () => {
    expect(barKey(i, '1h', 1_700_000_000_000)).toBe('bar:okx:BTC-USDT:1h:1700000000000');
    expect(signalKey('sma_cross', i, 5)).toBe('sig:sma_cross:okx:BTC-USDT:5');
  });
  test('exit order ids are stable, valid clOrdIds and never a decision id of the same parts', () => {
    const base = {
      account: 'main',
      strategy: 'sma_cross',
      instrument: i,
      decisionCloseMs: 1_700_003_600_000,
    };
    const x = exitOrderId(base);
    expect(exitOrderId({ ...base })).toBe(x);
    expect(isValidClientOrderId(x)).toBe(true);
    const decisions = [0, 1, 2, 3].map((leg) => clientOrderId({ ...base, leg }));
    expect(decisions).not.toContain(x);
    expect(exitOrderId({ ...base, decisionCloseMs: base.decisionCloseMs + 3_600_000 })).not.toBe(x);
  });
  test('client order ids are stable, distinct per decision, and valid OKX clOrdIds', () => {
    const base = {
      account: 'main',
      strategy: 'sma_cross',
      instrument: i,
      decisionCloseMs: 1_700_003_600_000,
    };
    const a = clientOrderId(base);
    expect(clientOrderId({ ...base })).toBe(a);
    expect(a).toMatch(/^[A-Za-z0-9]{1,32}$/);
    const others = [
      clientOrderId({ ...base, leg: 1 }),
      clientOrderId({ ...base, decisionCloseMs: base.decisionCloseMs + 3_600_000 }),
      clientOrderId({ ...base, strategy: 'xs_momentum' }),
      clientOrderId({ ...base, account: 'other' }),
      clientOrderId({ ...base, instrument: parseInstrument('OKX:ETH/USDT') }),
    ];
    expect(new Set([a, ...others]).size).toBe(6);
    // No collisions over many decisions.
    const ids = new Set<string>();
    for (let k = 0; k < 20_000; k++) ids.add(clientOrderId({ ...base, decisionCloseMs: k * 900_000 }));
    expect(ids.size).toBe(20_000);
    for (const id of ids) if (!isValidClientOrderId(id)) throw new Error(`invalid ${id}`);
  });
});
