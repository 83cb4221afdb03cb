import { parseInstrument } from '@algotrader/core';
import type { OrderChange } from '@algotrader/pipeline/domain';
import { describe, expect, test } from 'vitest';
import { buildDailySummary } from './daily';
import { Ledger } from './ledger';

const T = Date.UTC(2021, 8, 30, 8);
const change = (id: string, status: OrderChange['status'], timeMs = T): OrderChange => ({
  clientOrderId: id,
  exchangeOrderId: id,
  account: 'cn',
  instrument: parseInstrument('SSE:600519/CNY'),
  status,
  previous: 'accepted',
  filledQty: 0,
  avgPrice: undefined,
  reason: '',
  timeMs,
  seq: 1,
});

describe('daily summary: orders that expired unanswered', () => {
  test('are listed once per order, for the period only, and survive the checkpoint', () => {
    const l = new Ledger(T - 3_600_000);
    expect(l.onOrder(change('at1', 'expired'))).toBe(true);
    expect(l.onOrder(change('at1', 'expired'))).toBe(false); // redelivered
    expect(l.onOrder(change('at2', 'filled'))).toBe(false);
    expect(l.onOrder(change('at0', 'expired', T - 7_200_000))).toBe(false); // before the period
    const restored = Ledger.fromState(JSON.parse(JSON.stringify(l.toState())));
    const html = buildDailySummary({
      periodStartMs: T - 3_600_000,
      periodEndMs: T + 3_600_000,
      accounts: restored.accounts(),
    }).html;
    expect(html).toContain('⌛ Expired unanswered: <b>1</b> · <code>SSE:600519/CNY at1</code>');
    restored.startPeriod(T + 3_600_000);
    expect(
      buildDailySummary({ periodStartMs: 0, periodEndMs: 1, accounts: restored.accounts() }).html,
    ).not.toContain('Expired');
  });
});
