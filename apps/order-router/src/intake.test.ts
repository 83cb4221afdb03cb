import { clientOrderId, parseInstrument } from '@algotrader/core';
import { parsePipelineConfig } from '@algotrader/pipeline';
import { type OrderRequestMsg, pb } from '@algotrader/proto';
import { describe, expect, test } from 'vitest';
import { parseApproved, reduces } from './intake';

const p = parsePipelineConfig({
  instruments: ['OKX:BTC/USDT'],
  strategies: [{ name: 'sma_cross', instruments: ['OKX:BTC/USDT'] }],
});
const id = clientOrderId({
  account: 'paper',
  strategy: 's',
  instrument: parseInstrument('OKX:BTC/USDT'),
  decisionCloseMs: 1,
});
const req = (o: Partial<OrderRequestMsg> = {}): OrderRequestMsg => ({
  clientOrderId: id,
  instrument: { venue: 'OKX', symbol: 'BTC/USDT' },
  side: pb.Side.SIDE_BUY,
  type: pb.OrderType.ORDER_TYPE_MARKET,
  quantity: '0.1',
  decisionTimeMs: 3_600_000,
  ...o,
});

describe('taking an approved order in', () => {
  test('a valid order parses; a quote-sized market buy needs no quantity', () => {
    expect(parseApproved(req(), p)).toEqual({
      instrument: 'OKX:BTC/USDT',
      side: 'buy',
      type: 'market',
      qty: 0.1,
      decisionTime: 3_600_000,
    });
    expect(parseApproved(req({ quantity: '', quoteAmount: '250' }), p)).toMatchObject({
      qty: 0,
      quoteAmount: 250,
    });
    expect(parseApproved(req({ quantity: '', quoteAmount: '250' }), p).error).toBeUndefined();
  });

  test('refusals are values with the reason', () => {
    expect(parseApproved(req({ clientOrderId: 'bad-id!' }), p).error).toMatch(/client order id/);
    expect(parseApproved(req({ instrument: { venue: 'OKX', symbol: 'ETH/USDT' } }), p).error).toMatch(
      /OKX:ETH\/USDT is not traded/,
    );
    expect(parseApproved(req({ quantity: '0' }), p).error).toMatch(/quantity 0 is not positive/);
    expect(parseApproved(req({ quantity: 'NaN' }), p).error).toMatch(/quantity/);
    expect(parseApproved(req({ decisionTimeMs: 0 }), p).error).toBe('no decision time');
  });

  test('while HALTED only what shrinks a position may go out', () => {
    expect(reduces('sell', 0.1, 0.3)).toBe(true);
    expect(reduces('sell', 0.4, 0.3)).toBe(false);
    expect(reduces('buy', 0.1, 0.3)).toBe(false);
    expect(reduces('buy', 0.1, -0.3)).toBe(true);
    expect(reduces('sell', 0.1, 0)).toBe(false);
  });
});
