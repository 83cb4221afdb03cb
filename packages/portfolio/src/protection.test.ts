import { parseInstrument } from '@algotrader/core';
import { describe, expect, it } from 'vitest';
import { FillModel } from './fill-model';
import { armProtection, bindingStop, checkProtection } from './protection';
import { instrumentSpec } from './spec';

const bar = (open: number, high: number, low: number, close: number) => ({
  open,
  high,
  low,
  close,
  volume: 10,
});

describe('protective exits: trigger rules (long)', () => {
  it('arms levels from fractions of the entry price, or takes absolute prices', () => {
    const p = armProtection({ stopLoss: { fraction: 0.05 }, takeProfit: { fraction: 0.1 } }, 100);
    expect(p.stop).toBeCloseTo(95, 12);
    expect(p.takeProfit).toBeCloseTo(110, 12);
    const q = armProtection({ stopLoss: { price: 90 }, takeProfit: { price: 130 } }, 100);
    expect([q.stop, q.takeProfit]).toEqual([90, 130]);
    expect(Number.isNaN(q.trail)).toBe(true);
  });

  it('a bar that stays between the levels triggers nothing', () => {
    const p = armProtection({ stopLoss: { price: 95 }, takeProfit: { price: 110 } }, 100);
    expect(checkProtection(p, bar(100, 109.99, 95.01, 101))).toBeUndefined();
  });

  it('stop touched inside the bar: filled at the stop price', () => {
    const p = armProtection({ stopLoss: { price: 95 } }, 100);
    expect(checkProtection(p, bar(99, 100, 95, 96))).toEqual({ reason: 'stop_loss', price: 95, gap: false });
  });

  it('gap through the stop: filled at the open, not at the stop', () => {
    const p = armProtection({ stopLoss: { price: 95 } }, 100);
    expect(checkProtection(p, bar(90, 92, 88, 91))).toEqual({ reason: 'stop_loss', price: 90, gap: true });
  });

  it('take-profit touched: filled at the level; gap above it: at the (better) open', () => {
    const p = armProtection({ takeProfit: { price: 110 } }, 100);
    expect(checkProtection(p, bar(105, 110, 104, 109))).toEqual({
      reason: 'take_profit',
      price: 110,
      gap: false,
    });
    expect(checkProtection(p, bar(115, 116, 112, 113))).toEqual({
      reason: 'take_profit',
      price: 115,
      gap: true,
    });
  });

  it('stop and take-profit both touched in one bar: the stop (pessimistic)', () => {
    const p = armProtection({ stopLoss: { price: 95 }, takeProfit: { price: 110 } }, 100);
    expect(checkProtection(p, bar(100, 112, 94, 105))).toEqual({
      reason: 'stop_loss',
      price: 95,
      gap: false,
    });
  });

  it('trailing stop ratchets on each evaluated bar high, after the bar (no look-ahead), never down', () => {
    const p = armProtection({ trailingStop: 0.1 }, 100);
    expect(bindingStop(p)).toEqual({ price: 90, reason: 'trailing_stop' });
    // This bar reaches 120 and dips to 91: checked against 90 (the anchor before the bar), no exit.
    expect(checkProtection(p, bar(100, 120, 91, 118))).toBeUndefined();
    expect(p.best).toBe(120);
    expect(bindingStop(p).price).toBeCloseTo(108, 12);
    // A lower high does not lower the stop.
    expect(checkProtection(p, bar(118, 119, 110, 112))).toBeUndefined();
    expect(p.best).toBe(120);
    // Next bar dips to 107: the trailing stop at 108 fills at 108.
    const t = checkProtection(p, bar(112, 113, 107, 109))!;
    expect(t.reason).toBe('trailing_stop');
    expect(t.price).toBeCloseTo(108, 12);
    expect(t.gap).toBe(false);
  });

  it('the higher of the fixed and trailing stop binds and names the reason', () => {
    const p = armProtection({ stopLoss: { fraction: 0.05 }, trailingStop: 0.1 }, 100);
    // Trailing 90 < fixed 95: the fixed stop binds.
    expect(bindingStop(p).reason).toBe('stop_loss');
    checkProtection(p, bar(100, 110, 99, 109));
    // Trailing 99 > fixed 95.
    expect(bindingStop(p).reason).toBe('trailing_stop');
    expect(checkProtection(p, bar(100, 101, 98, 99))?.reason).toBe('trailing_stop');
  });
});

describe('protective exits: shorts are the mirror image', () => {
  it('stop above, take-profit below, trailing on the lows', () => {
    const p = armProtection(
      { stopLoss: { fraction: 0.05 }, takeProfit: { fraction: 0.1 }, trailingStop: 0.2 },
      100,
      -1,
    );
    expect(p.stop).toBeCloseTo(105, 12);
    expect(p.takeProfit).toBeCloseTo(90, 12);
    expect(checkProtection(p, bar(100, 104, 95, 96))).toBeUndefined();
    expect(p.best).toBe(95);
    expect(checkProtection(p, bar(100, 106, 89, 100))?.reason).toBe('stop_loss');
    expect(checkProtection(p, bar(108, 109, 100, 101))).toEqual({
      reason: 'stop_loss',
      price: 108,
      gap: true,
    });
  });
});

describe('FillModel.fillAt: a triggered exit fills like a market order at the trigger', () => {
  const spec = instrumentSpec(parseInstrument('OKX:X/USDT'), { lotSize: 0.01 });
  it('applies slippage against us and the taker fee; caps at the position', () => {
    const m = new FillModel({ fees: { maker: 0.0008, taker: 0.001 }, slippage: { kind: 'bps', bps: 10 } });
    const out = m.fillAt('sell', 3, 95, bar(99, 100, 94, 96), 0, 2, spec);
    expect(out.status).toBe('filled');
    if (out.status !== 'filled') return;
    expect(out.qty).toBe(2);
    expect(out.price).toBeCloseTo(95 * 0.999, 12);
    expect(out.fee).toBeCloseTo(2 * 95 * 0.999 * 0.001, 12);
    expect(out.liquidity).toBe('taker');
  });
  it('an exit below the minimum notional is refused (the protection stays armed)', () => {
    const tiny = instrumentSpec(parseInstrument('OKX:X/USDT'), { lotSize: 0.01, minNotional: 100 });
    const out = new FillModel().fillAt('sell', 1, 95, bar(99, 100, 94, 96), 0, 1, tiny);
    expect(out).toMatchObject({ status: 'rejected', reason: 'below_min_notional' });
  });
});
