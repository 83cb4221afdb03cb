import { type Bar, emptyColumns, parseInstrument } from '@algotrader/core';
import { describe, expect, test } from 'vitest';
import { type BarMsg, barAt, codecs, decodeBar, encodeBar } from './index';

const btc = parseInstrument('OKX:BTC/USDT');
const H = 3_600_000;
const T = 1_700_002_800_000; // a whole hour
const bar: Bar = {
  instrument: btc,
  tf: '1h',
  openTime: T,
  closeTime: T + H,
  open: 35_000.5,
  high: 35_100,
  low: 34_900.25,
  close: 35_050,
  volume: 12.5,
};

/** The bar through the real protobuf bytes, so the test sees what a consumer sees. */
const wire = (m: BarMsg): BarMsg => codecs.Bar.decode(codecs.Bar.encode(m));

describe('bar codec', () => {
  test('a domain bar survives encode → bytes → decode bit for bit', () => {
    const back = decodeBar(wire(encodeBar(bar, 'replay')), { tf: '1h' });
    expect(back).toEqual(bar);
    expect(wire(encodeBar(bar, 'replay')).source).toBe('replay');
  });

  test('a stored column row is the same bar as the one built field by field', () => {
    const c = emptyColumns(2);
    c.openTime.set([T - H, T]);
    c.open.set([1, bar.open]);
    c.high.set([1, bar.high]);
    c.low.set([1, bar.low]);
    c.close.set([1, bar.close]);
    c.volume.set([1, bar.volume]);
    expect(barAt(btc, '1h', c, 1)).toEqual(bar);
    expect(() => barAt(btc, '1h', c, 2)).toThrow(/no bar at row 2/);
  });

  const bad: [string, Partial<BarMsg>, RegExp][] = [
    ['no instrument', { instrument: null }, /no instrument/],
    ['an unknown timeframe', { timeframe: '7m' }, /7m/],
    [
      'another timeframe than the consumer runs',
      { timeframe: '15m', closeTimeMs: T + 900_000 },
      /15m is not 1h/,
    ],
    ['close ≠ open + timeframe', { closeTimeMs: T + H + 1 }, /close time .* is not open \+ 1h/],
    ['an open time off the grid', { openTimeMs: T + 1, closeTimeMs: T + 1 + H }, /not aligned to 1h/],
    ['a NaN price', { close: Number.NaN }, /non-finite/],
    ['high below close', { high: 35_000 }, /inconsistent/],
    ['a zero low', { low: 0 }, /inconsistent/],
    ['negative volume', { volume: -1 }, /inconsistent/],
  ];
  test.each(bad)('rejects a bar with %s', (_, patch, message) => {
    const m = { ...encodeBar(bar, 'x'), ...patch };
    expect(() => decodeBar(m, { tf: '1h' })).toThrow(message);
  });

  test("'report' checks only the shape: values are left to the store validator", () => {
    const nan = { ...encodeBar(bar, 'x'), close: Number.NaN, high: 1 };
    expect(Number.isNaN(decodeBar(nan, { values: 'report' }).close)).toBe(true);
    expect(() => decodeBar({ ...nan, closeTimeMs: T }, { values: 'report' })).toThrow(/is not open \+ 1h/);
  });

  const swapBar: Bar = {
    ...bar,
    instrument: parseInstrument('OKX:BTC/USDT:USDT'),
    swap: { markOpen: 35_001, markHigh: 35_090, markLow: 34_910, markClose: 35_040.5, fundingRate: -0.0001 },
  };

  test('a swap bar carries its mark candle and funding through the bytes; without funding none comes back', () => {
    expect(decodeBar(wire(encodeBar(swapBar, 'replay')), { tf: '1h' })).toEqual(swapBar);
    const { fundingRate: _, ...noFunding } = swapBar.swap!;
    const plain = { ...swapBar, swap: noFunding };
    const back = decodeBar(wire(encodeBar(plain, 'replay')), { tf: '1h' });
    expect(back).toEqual(plain);
    expect('fundingRate' in back.swap!).toBe(false);
    // A spot bar has none.
    expect('swap' in decodeBar(wire(encodeBar(bar, 'replay')), { tf: '1h' })).toBe(false);
  });

  test.each([
    ['a non-finite funding rate', { fundingRate: Number.NaN }, /funding rate NaN is not a finite number/],
    ['a zero mark low', { markLow: 0 }, /bad mark candle/],
    ['a mark high below its close', { markHigh: 35_000 }, /bad mark candle/],
    ['a missing mark close', { markClose: null }, /bad mark candle/],
  ])('rejects a swap bar with %s', (_, patch, message) => {
    const m = encodeBar(swapBar, 'x');
    expect(() => decodeBar({ ...m, swap: { ...m.swap, ...patch } }, { tf: '1h' })).toThrow(message);
  });

  test('mark and funding on a spot bar are an error', () => {
    expect(() =>
      decodeBar({ ...encodeBar(bar, 'x'), swap: encodeBar(swapBar, 'x').swap ?? null }, { tf: '1h' }),
    ).toThrow(/not a swap/);
  });
});
