import { describe, expect, test } from 'vitest';
import { aShare, aShareOf, aShareSpec, boardOf, floorToLot, lotProblem } from './instruments';
import { atLimit, bandFraction, limitBand, roundToTick, unlimitedDays } from './limits';

describe('A-share instruments', () => {
  test('the four instruments: exchange, board, instrument key, spec', () => {
    const moutai = aShare('SSE:600519');
    expect(moutai).toMatchObject({ exchange: 'SSE', code: '600519', board: 'main', st: false });
    expect(moutai.instrument).toEqual({ venue: 'SSE', base: '600519', quote: 'CNY' });
    expect(aShare('SZSE:000001').board).toBe('main');
    expect(aShare('SZSE:300750').board).toBe('chinext');
    expect(aShare('SSE:688111').board).toBe('star');
    expect(aShare('000001.sz').exchange).toBe('SZSE');
    expect(aShareSpec(moutai)).toMatchObject({ lotSize: 100, minQty: 100, tickSize: 0.01 });
    expect(aShareSpec(aShare('SSE:688111'))).toMatchObject({ lotSize: 1, minQty: 200, tickSize: 0.01 });
    expect(aShareOf(moutai.instrument)?.code).toBe('600519');
    expect(aShareOf({ venue: 'OKX', base: 'BTC', quote: 'USDT' })).toBeUndefined();
  });

  test('codes that are not A-share stocks are refused with what is accepted', () => {
    expect(() => aShare('SSE:000300')).toThrow(/not an A-share stock code/);
    expect(() => boardOf('SZSE', '600519')).toThrow(/SZSE:600519/);
    expect(() => aShare('600519')).toThrow(/expected SSE:600519/);
  });

  test('lots: 100-share lots on main/ChiNext, STAR at least 200 then single shares, odd remainder sold whole', () => {
    expect(lotProblem('main', 'buy', 100, 0)).toBeNull();
    expect(lotProblem('main', 'buy', 150, 0)).toMatch(/not a multiple of 100/);
    expect(lotProblem('chinext', 'buy', 50, 0)).toMatch(/not a multiple of 100/);
    expect(lotProblem('star', 'buy', 199, 0)).toMatch(/not at least 200/);
    expect(lotProblem('star', 'buy', 200, 0)).toBeNull();
    expect(lotProblem('star', 'buy', 201, 0)).toBeNull();
    expect(lotProblem('main', 'sell', 30, 30)).toBeNull(); // odd remainder, all of it
    expect(lotProblem('main', 'sell', 30, 130)).toMatch(/not a multiple/);
    expect(lotProblem('star', 'sell', 150, 150)).toBeNull();
    expect(lotProblem('main', 'sell', 200, 100)).toMatch(/exceeds the 100 held/);
    expect(lotProblem('main', 'buy', 100.5, 0)).toMatch(/whole positive/);
    expect(floorToLot('main', 'buy', 399.9, 0)).toBe(300);
    expect(floorToLot('star', 'buy', 250.7, 0)).toBe(250);
    expect(floorToLot('star', 'buy', 199, 0)).toBe(0);
    expect(floorToLot('main', 'sell', 1000, 30)).toBe(30);
  });

  test('price-limit bands by board, ST and the ChiNext reform date', () => {
    const main = aShare('SSE:600519');
    expect(bandFraction(main, '2021-01-04')).toBe(0.1);
    expect(bandFraction(aShare('SSE:600519', { st: true }), '2021-01-04')).toBe(0.05);
    expect(bandFraction(aShare('SSE:688111'), '2021-01-04')).toBe(0.2);
    expect(bandFraction(aShare('SZSE:300750'), '2020-08-21')).toBe(0.1);
    expect(bandFraction(aShare('SZSE:300750'), '2020-08-24')).toBe(0.2);
    expect(unlimitedDays(aShare('SSE:688111'), '2019-11-18')).toBe(5);
    expect(unlimitedDays(aShare('SZSE:300750'), '2018-06-11')).toBe(1);
    // Half-up to the fen: 10.05 × 1.1 = 11.055 → 11.06; 10.05 × 0.9 = 9.045 → 9.05.
    expect(limitBand(10.05, 0.1)).toEqual({ up: 11.06, down: 9.05 });
    expect(roundToTick(1.005)).toBe(1.01);
    const band = limitBand(10.05, 0.1);
    expect(atLimit(11.06, band, 'up')).toBe(true);
    expect(atLimit(11.05, band, 'up')).toBe(false);
    expect(atLimit(9.05, band, 'down')).toBe(true);
    expect(atLimit(9.06, band, 'down')).toBe(false);
    // CATL's second day (qfq): open = close = 36.076558 × 1.1 exactly, a one-price limit-up day.
    const qfq = limitBand(36.076558, 0.1, true);
    expect(atLimit(39.6842138, qfq, 'up', true)).toBe(true);
    expect(atLimit(38.5, qfq, 'up', true)).toBe(false);
  });
});
