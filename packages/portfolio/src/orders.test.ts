import { clientOrderId, isAlgoError, okxSwapContract, parseInstrument } from '@algotrader/core';
import {
  type Decision,
  type PortfolioView,
  targetFraction,
  targetUnits,
  withExits,
} from '@algotrader/strategy';
import { describe, expect, it } from 'vitest';
import { planOrders } from './orders';
import { instrumentSpec, swapSpec } from './spec';

const BTC = parseInstrument('OKX:BTC/USDT');
const ETH = parseInstrument('OKX:ETH/USDT');
const specs = {
  BTC: instrumentSpec(BTC, { lotSize: 0.0001, minQty: 0.0001, minNotional: 10, tickSize: 0.1 }),
  ETH: instrumentSpec(ETH, { lotSize: 0.01, minQty: 0.05, minNotional: 5, tickSize: 0.01 }),
};
const prices = { BTC: 20_000, ETH: 1_500 };

function plan(decisions: Decision[], held: Partial<Record<'BTC' | 'ETH', number>> = {}, equity = 10_000) {
  const portfolio: PortfolioView = {
    cash: equity,
    equity,
    position: (i) => held[i.base as 'BTC' | 'ETH'] ?? 0,
    averagePrice: () => Number.NaN,
  };
  return planOrders({
    account: 'acct',
    strategy: 'test',
    time: 3_600_000,
    decisions,
    portfolio,
    price: (i) => prices[i.base as 'BTC' | 'ETH'],
    spec: (i) => specs[i.base as 'BTC' | 'ETH'],
  });
}

const SWAP = parseInstrument('OKX:BTC/USDT:USDT');
const SWAP_SPEC = swapSpec(okxSwapContract(SWAP)!);

/** The plan to move `held` BTC/USDT:USDT swap units to `target` at 20 000, equity 10 000. */
function swapPlan(target: number, held: number) {
  return planOrders({
    account: 'acct',
    strategy: 'test',
    time: 3_600_000,
    decisions: [targetUnits(SWAP, target)],
    portfolio: { cash: 10_000, equity: 10_000, position: () => held, averagePrice: () => Number.NaN },
    price: () => 20_000,
    spec: () => SWAP_SPEC,
  });
}

describe('planOrders (targets → orders)', () => {
  it('orders the difference to a units target, rounded down to the lot so it never overshoots', () => {
    const { orders, rejections } = plan([targetUnits(BTC, 0.123456)], { BTC: 0.02 });
    expect(rejections).toEqual([]);
    expect(orders).toHaveLength(1);
    // 0.123456 − 0.02 = 0.103456 → 0.1034 on a 0.0001 lot; held + qty = 0.1234 ≤ target.
    expect(orders[0]).toMatchObject({ side: 'buy', qty: 0.1034, type: 'market', instrument: BTC });
  });

  it('sizes an equity-fraction target from equity and the reference price', () => {
    // 50% of 10 000 = 5 000 / 1 500 = 3.3333… ETH → 3.33.
    const { orders } = plan([targetFraction(ETH, 0.5)]);
    expect(orders[0]).toMatchObject({ side: 'buy', qty: 3.33 });
    // Holding 4 ETH, the same target sells 4 − 3.333… = 0.666… → 0.66 (rounded down: 3.34 stays ≥ target).
    expect(plan([targetFraction(ETH, 0.5)], { ETH: 4 }).orders[0]).toMatchObject({ side: 'sell', qty: 0.66 });
  });

  it('sells the whole holding for a zero target, even off the lot grid (no dust left)', () => {
    expect(plan([targetUnits(BTC, 0)], { BTC: 0.12345678 }).orders[0]).toMatchObject({
      side: 'sell',
      qty: 0.12345678,
    });
    expect(plan([targetFraction(ETH, 0)], { ETH: 3.337 }).orders[0]).toMatchObject({
      side: 'sell',
      qty: 3.337,
    });
    expect(plan([targetUnits(BTC, 0)])).toEqual({ orders: [], rejections: [] });
  });

  it('takes the delta on exact decimals: −0.7 → −0.2 on a swap buys 0.5, 0.7 → 0.2 on spot sells 0.5', () => {
    // In binary −0.2 − (−0.7) = 0.49999999999999994, which the lot floor turned into 0.49.
    expect(swapPlan(-0.2, -0.7).orders[0]).toMatchObject({ side: 'buy', qty: 0.5 });
    expect(swapPlan(-0.7, -0.2).orders[0]).toMatchObject({ side: 'sell', qty: 0.5 });
    expect(swapPlan(0.3, -0.1).orders[0]).toMatchObject({ side: 'buy', qty: 0.4 });
    // Spot: 0.7 → 0.2 is 0.5 on a 0.01 lot (binary gives 0.49999999999999994 → 0.49).
    expect(plan([targetUnits(ETH, 0.2)], { ETH: 0.7 }).orders[0]).toMatchObject({ side: 'sell', qty: 0.5 });
    expect(plan([targetUnits(ETH, 0.3)], { ETH: 0.1 }).orders[0]).toMatchObject({ side: 'buy', qty: 0.2 });
  });

  it('marks a swap order reduce-only when it only shrinks the position, never an open, a flip or spot', () => {
    const flag = (target: number, held: number) => swapPlan(target, held).orders[0]!.reduceOnly;
    expect(flag(0.2, 0.7)).toBe(true);
    expect(flag(0, 0.7)).toBe(true);
    expect(flag(-0.2, -0.7)).toBe(true);
    expect(flag(0, -0.7)).toBe(true);
    expect(flag(-0.5, 0)).toBeUndefined();
    expect(flag(0.5, 0)).toBeUndefined();
    expect(flag(1, 0.5)).toBeUndefined();
    expect(flag(-0.3, 0.2)).toBeUndefined();
    expect(flag(0.3, -0.1)).toBeUndefined();
    expect(plan([targetUnits(ETH, 0.2)], { ETH: 0.7 }).orders[0]!.reduceOnly).toBeUndefined();
  });

  it('sends nothing when already within a lot of the target', () => {
    expect(plan([targetUnits(BTC, 0.10005)], { BTC: 0.1 })).toEqual({ orders: [], rejections: [] });
  });

  it('returns min-notional and min-qty shortfalls as rejections, not errors', () => {
    // 0.0004 BTC × 20 000 = 8 < 10 notional.
    const a = plan([targetUnits(BTC, 0.0004)]);
    expect(a.orders).toEqual([]);
    expect(a.rejections).toEqual([
      expect.objectContaining({ status: 'rejected', reason: 'below_min_notional', qty: 0.0004, side: 'buy' }),
    ]);
    // 0.04 ETH < 0.05 min qty.
    expect(plan([targetUnits(ETH, 0.04)]).rejections[0]).toMatchObject({ reason: 'below_min_qty' });
    // An intent below one lot.
    expect(plan([{ instrument: ETH, side: 'buy', qty: 0.009, type: 'market' }]).rejections[0]).toMatchObject({
      reason: 'below_lot_size',
    });
  });

  it('cannot size an equity fraction without a price: a rejection', () => {
    const saved = prices.ETH;
    prices.ETH = Number.NaN;
    try {
      expect(plan([targetFraction(ETH, 0.5)])).toEqual({
        orders: [],
        rejections: [expect.objectContaining({ reason: 'no_price' })],
      });
    } finally {
      prices.ETH = saved;
    }
  });

  it('refuses to sell what is not held (spot is long-only)', () => {
    const r = plan([{ instrument: BTC, side: 'sell', qty: 0.5, type: 'market' }], { BTC: 0.2 });
    expect(r.orders).toEqual([]);
    expect(r.rejections[0]).toMatchObject({ reason: 'insufficient_position' });
  });

  it('throws for a negative target or two decisions about one instrument (strategy bugs)', () => {
    const code = (f: () => void) => {
      try {
        f();
      } catch (e) {
        return isAlgoError(e) ? e.code : 'other';
      }
      return 'none';
    };
    expect(code(() => plan([targetUnits(BTC, -0.1)]))).toBe('E_ARGUMENT');
    expect(code(() => plan([targetUnits(BTC, 0.1), targetUnits(BTC, 0.2)]))).toBe('E_ARGUMENT');
  });

  it('puts sells before buys so a rebalance frees cash first', () => {
    const { orders } = plan([targetUnits(BTC, 0.2), targetUnits(ETH, 0)], { ETH: 2 });
    expect(orders.map((o) => `${o.side} ${o.instrument.base}`)).toEqual(['sell ETH', 'buy BTC']);
  });

  it('rounds limit prices to the tick in our favour', () => {
    const { orders } = plan(
      [
        { instrument: BTC, side: 'buy', qty: 0.1, type: 'limit', limitPrice: 19_999.97 },
        { instrument: ETH, side: 'sell', qty: 1, type: 'limit', limitPrice: 1500.001 },
      ],
      { ETH: 1 },
    );
    expect(orders.find((o) => o.side === 'buy')?.limitPrice).toBe(19_999.9);
    expect(orders.find((o) => o.side === 'sell')?.limitPrice).toBe(1500.01);
  });

  it('gives each order the deterministic core client order id, also when spread or serialised', () => {
    const { orders } = plan([targetUnits(BTC, 0.1)]);
    const expected = clientOrderId({
      account: 'acct',
      strategy: 'test',
      instrument: BTC,
      decisionCloseMs: 3_600_000,
    });
    expect(orders[0]!.clientOrderId).toBe(expected);
    expect({ ...orders[0]! }.clientOrderId).toBe(expected);
    expect(JSON.parse(JSON.stringify(orders[0])).clientOrderId).toBe(expected);
    expect(plan([targetUnits(BTC, 0.1)]).orders[0]!.clientOrderId).toBe(expected);
  });
});

describe('planOrders: protective exits', () => {
  const exits = { stopLoss: { fraction: 0.05 } };
  it('ride on the buy an entry becomes; a reducing target sends its sell without them', () => {
    const up = plan([withExits(targetUnits(BTC, 0.2), exits)], { BTC: 0.1 });
    expect(up.orders[0]).toMatchObject({ side: 'buy', qty: 0.1, exits });
    const down = plan([withExits(targetUnits(BTC, 0.05), exits)], { BTC: 0.1 });
    expect(down.orders[0]!.side).toBe('sell');
    expect(down.orders[0]!.exits).toBeUndefined();
  });
  it('a target already held with exits is refused (no entry to arm them at), not silently dropped', () => {
    const r = plan([withExits(targetUnits(BTC, 0.1), exits)], { BTC: 0.1 });
    expect(r.orders).toEqual([]);
    expect(r.rejections).toMatchObject([{ reason: 'exits_without_entry', instrument: BTC }]);
    // Without exits the same target is simply nothing to do.
    expect(plan([targetUnits(BTC, 0.1)], { BTC: 0.1 })).toEqual({ orders: [], rejections: [] });
  });
});
