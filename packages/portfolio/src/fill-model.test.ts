import { parseInstrument } from '@algotrader/core';
import { describe, expect, it } from 'vitest';
import { FillModel } from './fill-model';
import { instrumentSpec } from './spec';

const spec = instrumentSpec(parseInstrument('OKX:BTC/USDT'), { lotSize: 0.001, minNotional: 5 });
// The bar an order fills against: open 100, high 110, low 95, close 105, volume 40.
const bar = { open: 100, high: 110, low: 95, close: 105, volume: 40 };
const fees = { maker: 0.0008, taker: 0.001 };

describe('FillModel', () => {
  it('next_open fills a market buy at the open, taker fee on notional', () => {
    const m = new FillModel({ fees });
    expect(m.timing).toBe('next_open');
    // 2 × 100 = 200 notional, fee 0.2.
    expect(m.fill({ side: 'buy', qty: 2, type: 'market' }, bar, 1000, 0, spec)).toEqual({
      status: 'filled',
      qty: 2,
      price: 100,
      fee: 0.2,
      liquidity: 'taker',
      partial: false,
    });
  });

  it('close fills at the close', () => {
    const m = new FillModel({ timing: 'close', fees });
    const out = m.fill({ side: 'sell', qty: 1, type: 'market' }, bar, 0, 3, spec);
    expect(out).toMatchObject({ status: 'filled', qty: 1, price: 105, fee: 0.105 });
  });

  it('moves the price against us by the bps slippage', () => {
    const m = new FillModel({ fees, slippage: { kind: 'bps', bps: 25 } });
    expect(m.fill({ side: 'buy', qty: 1, type: 'market' }, bar, 1000, 0, spec)).toMatchObject({
      price: 100.25,
    });
    expect(m.fill({ side: 'sell', qty: 1, type: 'market' }, bar, 0, 1, spec)).toMatchObject({ price: 99.75 });
  });

  it('prices impact by volume share and caps the fill at a share of the bar volume', () => {
    const m = new FillModel({ fees, slippage: { kind: 'volume_share', impact: 0.1, maxVolumeShare: 0.05 } });
    // 0.4 of a 40-unit bar is 1%: impact 0.1 × 1% = 0.1% → 100.1.
    expect(m.fill({ side: 'buy', qty: 0.4, type: 'market' }, bar, 1000, 0, spec)).toMatchObject({
      qty: 0.4,
      price: 100.1,
      partial: false,
    });
    // 5 units asked, at most 5% of 40 = 2 fill; impact 0.1 × 2/40 = 0.5% → 99.5 for a sell.
    expect(m.fill({ side: 'sell', qty: 5, type: 'market' }, bar, 0, 5, spec)).toMatchObject({
      status: 'filled',
      qty: 2,
      price: 99.5,
      partial: true,
    });
    expect(
      m.fill({ side: 'buy', qty: 1, type: 'market' }, { ...bar, volume: 0 }, 1000, 0, spec),
    ).toMatchObject({
      status: 'rejected',
      reason: 'no_volume',
    });
  });

  it('fills a resting limit at its price with the maker fee only when the bar trades through it', () => {
    const m = new FillModel({ fees });
    expect(m.fill({ side: 'buy', qty: 1, type: 'limit', limitPrice: 97 }, bar, 1000, 0, spec)).toEqual({
      status: 'filled',
      qty: 1,
      price: 97,
      fee: 97 * 0.0008,
      liquidity: 'maker',
      partial: false,
    });
    // Low is 95: a buy at 95 is only touched, not traded through.
    expect(m.fill({ side: 'buy', qty: 1, type: 'limit', limitPrice: 95 }, bar, 1000, 0, spec)).toEqual({
      status: 'expired',
      reason: 'limit_not_reached',
    });
    expect(m.fill({ side: 'sell', qty: 1, type: 'limit', limitPrice: 108 }, bar, 0, 1, spec)).toMatchObject({
      price: 108,
      liquidity: 'maker',
    });
  });

  it('fills a marketable limit at the open as a taker, never worse than the limit', () => {
    const m = new FillModel({ fees, slippage: { kind: 'bps', bps: 100 } });
    // Open 100 ≤ limit 100.5: marketable; 100 + 1% slippage = 101 is capped at the limit.
    expect(
      m.fill({ side: 'buy', qty: 1, type: 'limit', limitPrice: 100.5 }, bar, 1000, 0, spec),
    ).toMatchObject({
      price: 100.5,
      liquidity: 'taker',
    });
  });

  it('close timing: a limit fills only if marketable at the close', () => {
    const m = new FillModel({ timing: 'close', fees });
    expect(m.fill({ side: 'buy', qty: 1, type: 'limit', limitPrice: 100 }, bar, 1000, 0, spec).status).toBe(
      'expired',
    );
    expect(m.fill({ side: 'buy', qty: 1, type: 'limit', limitPrice: 106 }, bar, 1000, 0, spec)).toMatchObject(
      {
        price: 105,
        liquidity: 'taker',
      },
    );
  });

  it('buys only what cash affords, rounded down to the lot; nothing affordable is a rejection', () => {
    const m = new FillModel({ fees });
    // 150 cash at 100 × 1.001 per unit → 1.4985… → 1.498 on a 0.001 lot.
    const out = m.fill({ side: 'buy', qty: 3, type: 'market' }, bar, 150, 0, spec);
    expect(out).toMatchObject({ status: 'filled', qty: 1.498, partial: true });
    if (out.status === 'filled') expect(out.qty * out.price + out.fee).toBeLessThanOrEqual(150);
    expect(m.fill({ side: 'buy', qty: 3, type: 'market' }, bar, 0.05, 0, spec)).toMatchObject({
      status: 'rejected',
      reason: 'insufficient_cash',
    });
  });

  it('returns a rejection, not an error, when a capped fill falls below the minimum notional', () => {
    const m = new FillModel({ fees });
    // 4 cash buys 0.039 units = 3.9 notional < min 5.
    expect(m.fill({ side: 'buy', qty: 1, type: 'market' }, bar, 4, 0, spec)).toMatchObject({
      status: 'rejected',
      reason: 'below_min_notional',
    });
    expect(m.fill({ side: 'sell', qty: 1, type: 'market' }, bar, 0, 0, spec)).toMatchObject({
      status: 'rejected',
      reason: 'insufficient_position',
    });
  });

  it('rejects unknown configuration keys', () => {
    expect(() => new FillModel({ timing: 'next_open', fee: 0.1 } as never)).toThrow();
    expect(() => new FillModel({ slippage: { kind: 'bps', bps: -1 } })).toThrow();
  });
});
