import { describe, expect, test } from 'vitest';
import { formatIbkrInstrument, parseIbkrInstrument, stockContract } from './ib-contract';
import { formatInstrument, instrument } from './instrument';

describe('IBKR instruments and contracts', () => {
  test('IBKR:AAPL is a USD stock routed through SMART with its primary exchange kept', () => {
    const i = parseIbkrInstrument('IBKR:AAPL');
    expect(formatInstrument(i)).toBe('IBKR:AAPL/USD');
    expect(formatIbkrInstrument(i)).toBe('IBKR:AAPL');
    expect(stockContract(i, 'NASDAQ')).toEqual({
      secType: 'STK',
      symbol: 'AAPL',
      exchange: 'SMART',
      primaryExchange: 'NASDAQ',
      currency: 'USD',
    });
    expect(formatIbkrInstrument(parseIbkrInstrument('ibkr:sap/eur'))).toBe('IBKR:SAP/EUR');
  });

  test('refuses other venues and malformed text with a message naming the expected form', () => {
    expect(() => parseIbkrInstrument('OKX:BTC/USDT')).toThrow(/IBKR:SYMBOL/);
    expect(() => parseIbkrInstrument('IBKR:')).toThrow(/IBKR:SYMBOL/);
    expect(() => stockContract(instrument('OKX', 'BTC', 'USDT'), 'NASDAQ')).toThrow(/not an IBKR/);
    expect(() => stockContract(parseIbkrInstrument('IBKR:AAPL'), 'nasdaq!')).toThrow(/exchange code/);
  });
});
