import { fillIn, positionSnapshotIn } from '@algotrader/pipeline/domain';
import type { FillMsg, PositionSnapshot } from '@algotrader/proto';
import { describe, expect, test } from 'vitest';
import { buildDailySummary, nextDailyDueMs, previousDailyDueMs } from './daily';
import { htmlToPlain } from './html';
import { drawdown, Ledger, periodPnl } from './ledger';

const T = (iso: string) => Date.parse(iso);
const instrument = { venue: 'OKX', symbol: 'ETH/USDT' };

describe('daily schedule', () => {
  test('the next due time is strictly after now, at the configured UTC time of day', () => {
    expect(nextDailyDueMs(T('2026-11-25T12:00:00Z'), '21:30')).toBe(T('2026-11-25T21:30:00Z'));
    expect(nextDailyDueMs(T('2026-11-25T21:30:00Z'), '21:30')).toBe(T('2026-11-26T21:30:00Z'));
    expect(nextDailyDueMs(T('2026-11-25T23:59:59Z'), '00:00')).toBe(T('2026-11-26T00:00:00Z'));
    expect(previousDailyDueMs(T('2026-11-25T12:00:00Z'), '00:00')).toBe(T('2026-11-25T00:00:00Z'));
  });
});

describe('ledger and summary', () => {
  // The wire messages go through the codec, as the notifier's consumers read them.
  const snapshot = (m: PositionSnapshot) => positionSnapshotIn(m);
  function fill(tradeId: string, side: number, qty: string, price: string, timeMs: number) {
    const m: FillMsg = {
      tradeId,
      clientOrderId: `order-${tradeId}`,
      account: 'main',
      instrument,
      side,
      quantity: qty,
      price,
      fee: '0.5',
      feeCurrency: 'USDT',
      timeMs,
    };
    return fillIn(m);
  }

  test("counts each trade once, tracks P&L from the period start and shows the account's drawdown", () => {
    const l = new Ledger(T('2026-11-25T00:00:00Z'));
    // Peak and drawdown are the account's own figures (its Account computes them).
    const figures = (equity: number, peak: number) => ({
      peakEquity: String(peak),
      drawdown: String(equity / peak - 1),
    });
    l.onSnapshot(
      snapshot({
        account: 'main',
        timeMs: T('2026-11-25T01:00:00Z'),
        equity: '1000',
        cash: '1000',
        quoteCurrency: 'USDT',
        ...figures(1000, 1000),
      }),
    );
    expect(l.onFill(fill('a', 1, '1', '100', T('2026-11-25T02:00:00Z')))).toBe('counted');
    expect(l.onFill(fill('a', 1, '1', '100', T('2026-11-25T02:00:00Z')))).toBe('duplicate');
    expect(l.onFill(fill('old', 1, '1', '100', T('2026-11-24T23:00:00Z')))).toBe('earlier');
    expect(l.onFill(fill('b', 2, '0.5', '120', T('2026-11-25T03:00:00Z')))).toBe('counted');
    l.onSnapshot(
      snapshot({
        account: 'main',
        timeMs: T('2026-11-25T04:00:00Z'),
        equity: '1200',
        cash: '900',
        quoteCurrency: 'USDT',
        ...figures(1200, 1200),
      }),
    );
    l.onSnapshot(
      snapshot({
        account: 'main',
        timeMs: T('2026-11-25T05:00:00Z'),
        equity: '1080',
        cash: '900',
        quoteCurrency: 'USDT',
        ...figures(1080, 1200),
        positions: [
          { instrument, quantity: '0.5', averagePrice: '100', markPrice: '110', unrealizedPnl: '5' },
        ],
      }),
    );
    // An older snapshot arriving late changes nothing.
    l.onSnapshot(
      snapshot({
        account: 'main',
        timeMs: T('2026-11-25T03:30:00Z'),
        equity: '1',
        cash: '1',
        quoteCurrency: 'USDT',
        ...figures(1, 1),
      }),
    );

    const a = l.account('main')!;
    expect(a.trades).toMatchObject({ count: 2, buys: 1, sells: 1, notional: 160, fees: { USDT: 1 } });
    expect(periodPnl(a)).toBe(80);
    expect(drawdown(a)).toBeCloseTo(0.1);

    const text = htmlToPlain(
      buildDailySummary({
        periodStartMs: l.periodStartMs,
        periodEndMs: T('2026-11-26T00:00:00Z'),
        accounts: l.accounts(),
      }).html,
    );
    expect(text).toContain('P&L: +80.00 USDT (+8.00%)');
    expect(text).toContain('Trades: 2 (1 buy / 1 sell) · traded 160.00 USDT · fees 1 USDT');
    expect(text).toContain('Drawdown: 10.00% from peak 1200.00 · max in period 10.00%');
    expect(text).toContain('OKX:ETH/USDT 0.5 @ 100 → 110 uPnL 5');

    l.startPeriod(T('2026-11-26T00:00:00Z'));
    const b = l.account('main')!;
    expect(b.trades.count).toBe(0);
    expect(periodPnl(b)).toBe(0);
    // A trade id may come back in a new period (ids are per venue, not per day).
    expect(l.onFill(fill('a', 1, '1', '100', T('2026-11-26T01:00:00Z')))).toBe('counted');
  });

  test('survives a checkpoint round trip', () => {
    const l = new Ledger(5);
    l.onFill(fill('x', 1, '2', '3', 10));
    l.noteStrategy('sma_cross');
    const back = Ledger.fromState(structuredClone(l.toState()));
    expect(back.account('main')?.trades.count).toBe(1);
    expect(back.onFill(fill('x', 1, '2', '3', 10))).toBe('duplicate');
    expect(back.strategies).toEqual(['sma_cross']);
  });

  test('says so when nothing was seen', () => {
    const text = htmlToPlain(buildDailySummary({ periodStartMs: 0, periodEndMs: 1, accounts: [] }).html);
    expect(text).toContain('No fills or position snapshots seen');
  });
});
