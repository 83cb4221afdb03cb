import { describe, expect, test } from 'vitest';
import {
  formatInstrument,
  fromContracts,
  instrumentFromSubject,
  instrumentSymbol,
  instrumentToSubject,
  isSwap,
  marginTier,
  okxSwapContract,
  parseInstrument,
  sameInstrument,
  swapContract,
  swapInstrument,
  symbolToken,
  toContracts,
} from './index';

describe('swap instruments', () => {
  test('OKX:BTC/USDT:USDT is a swap beside the spot OKX:BTC/USDT', () => {
    const swap = parseInstrument('OKX:BTC/USDT:USDT');
    const spot = parseInstrument('OKX:BTC/USDT');
    expect(swap).toEqual({ venue: 'OKX', base: 'BTC', quote: 'USDT', settle: 'USDT' });
    expect(isSwap(swap)).toBe(true);
    expect(isSwap(spot)).toBe(false);
    expect(sameInstrument(swap, spot)).toBe(false);
    expect(formatInstrument(swap)).toBe('OKX:BTC/USDT:USDT');
    expect(instrumentSymbol(swap)).toBe('BTC/USDT:USDT');
    expect(symbolToken(swap)).toBe('BTC-USDT-SWAP');
    expect(instrumentToSubject(swap)).toBe('okx.BTC-USDT-SWAP');
    expect(instrumentFromSubject('okx.BTC-USDT-SWAP')).toEqual(swap);
    expect(parseInstrument('BTC-USDT-SWAP', 'okx')).toEqual(swap);
    expect(swapInstrument('okx', 'eth', 'usdt')).toEqual(parseInstrument('OKX:ETH/USDT:USDT'));
  });
  test('a bad settle part is refused with the expected forms named', () => {
    expect(() => parseInstrument('OKX:BTC/USDT:')).toThrow(/VENUE:BASE\/QUOTE:SETTLE/);
    expect(() => parseInstrument('OKX:BTC/USDT:US-DT')).toThrow(/cannot parse/);
  });
});

describe('contract conversion at the venue edge', () => {
  const btc = okxSwapContract(parseInstrument('OKX:BTC/USDT:USDT'))!;
  test('base units round DOWN to the contract step (0.01 contracts of 0.01 BTC = 0.0001 BTC)', () => {
    expect(toContracts(btc, 0.12345)).toEqual({ ok: true, contracts: 12.34, qty: 0.1234 });
    // 0.03 / 0.01 is 2.9999999999999996 in doubles: the slack keeps the third contract.
    expect(toContracts(btc, 0.03)).toEqual({ ok: true, contracts: 3, qty: 0.03 });
    expect(toContracts(btc, -0.5)).toEqual({ ok: true, contracts: -50, qty: -0.5 });
    expect(fromContracts(btc, 12.34)).toBe(0.1234);
  });
  test('below the minimum size is refused as a value, never rounded up', () => {
    const r = toContracts(btc, 0.000099);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.detail).toMatch(/minimum is 0.01/);
  });
  test('a zero or missing contract value is an error naming the field, never a silent zero', () => {
    expect(() => swapContract({ ...btc, ctVal: 0 })).toThrow(/ctVal must be a finite number > 0, got 0/);
    expect(() => swapContract({ ...btc, tickSz: Number.NaN })).toThrow(/tickSz/);
    expect(() => swapContract({ ...btc, instrument: parseInstrument('OKX:BTC/USDT') })).toThrow(
      /belong to a swap/,
    );
    expect(() => toContracts(btc, Number.NaN)).toThrow(/quantity NaN/);
  });
  test('the maintenance tier follows the position size in base units', () => {
    expect(marginTier(btc, 1).mmr).toBe(0.004);
    expect(marginTier(btc, -50).mmr).toBe(0.004);
    expect(marginTier(btc, 50.01).mmr).toBe(0.005);
    expect(marginTier(btc, 1e6).mmr).toBe(0.05);
    expect(btc.maxLeverage).toBe(100);
  });
});
