import type { Control } from '@algotrader/bus';
import { parseInstrument } from '@algotrader/core';
import type { AccountFill } from '@algotrader/pipeline/domain';
import { pb } from '@algotrader/proto';
import { checkTelegramHtml } from '@algotrader/testkit';
import { describe, expect, test } from 'vitest';
import { buildDailySummary } from './daily';
import { htmlToPlain, truncateLines } from './html';
import { Ledger } from './ledger';
import {
  alertMessage,
  coalescedMessage,
  controlChangeMessage,
  fillMessage,
  type Message,
  orderEventMessage,
  rejectionMessage,
  signalSuggestionMessage,
} from './templates';

const NASTY = 'a<b>&c "d" </i> &amp; <script>';
const instrument = { venue: 'OKX', symbol: NASTY };
const eth = parseInstrument('OKX:ETH/USDT');
const fill: AccountFill = {
  tradeId: NASTY,
  clientOrderId: NASTY,
  account: NASTY,
  instrument: eth,
  side: 'sell',
  qty: 1,
  price: 2,
  fee: 0.1,
  feeCurrency: NASTY,
  timeMs: 5,
  maker: false,
};

function all(): [string, Message][] {
  const control: Control = {
    account: NASTY,
    state: 'HALTED',
    pausedStrategies: [NASTY],
    reason: NASTY,
    updatedMs: 1_700_000_000_000,
    updatedBy: NASTY,
    revision: 3,
  };
  const ledger = new Ledger(0);
  // Numbers reach the templates as numbers (the codec checked them); every text field is nasty.
  ledger.onSnapshot({
    account: NASTY,
    timeMs: 1,
    equity: 100,
    cash: 50,
    quote: NASTY,
    holdings: [
      { instrument: eth, qty: 1, avgPrice: 2, realizedPnl: undefined, unrealizedPnl: -0.5, mark: 1.5 },
    ],
    peakEquity: undefined,
    dayStartEquity: undefined,
    drawdown: undefined,
    dailyPnl: undefined,
  });
  ledger.onFill(fill);
  const alert = alertMessage({
    severity: pb.Severity.SEVERITY_CRITICAL,
    source: NASTY,
    code: NASTY,
    message: NASTY,
    labels: { [NASTY]: NASTY },
    timeMs: 1_700_000_000_000,
  });
  return [
    ['alert', alert],
    ['fill', fillMessage(fill)],
    [
      'rejection',
      rejectionMessage({
        order: { strategy: NASTY, account: NASTY, instrument, side: 1, quantity: NASTY },
        reason: 3,
        detail: NASTY,
        timeMs: 1,
      }),
    ],
    [
      'order',
      orderEventMessage({
        clientOrderId: NASTY,
        exchangeOrderId: NASTY,
        account: NASTY,
        instrument: eth,
        status: 'rejected',
        previous: 'submitted',
        filledQty: 0,
        avgPrice: undefined,
        reason: NASTY,
        timeMs: 1,
        seq: 2,
      }),
    ],
    ['control', controlChangeMessage(undefined, control)],
    ['coalesced', coalescedMessage(alert, alert, 7, 30_000)],
    [
      'daily',
      buildDailySummary({
        periodStartMs: 0,
        periodEndMs: 86_400_000,
        accounts: ledger.accounts(),
        controls: [control],
      }),
    ],
    [
      'signal',
      signalSuggestionMessage(
        { strategy: NASTY, instrument, closeTimeMs: 1, target: { units: NASTY } },
        {
          side: 'BUY',
          quantity: NASTY,
          limitPrice: NASTY,
          referencePrice: NASTY,
          note: NASTY,
          validUntilMs: 2,
        },
      ),
    ],
  ];
}

describe('templates', () => {
  test.each(all())('%s: valid Telegram HTML whatever the event text holds, and the text survives', (_, m) => {
    const check = checkTelegramHtml(m.html);
    expect(check.error).toBeUndefined();
    expect(check.plain).toContain(NASTY);
    expect(htmlToPlain(m.html)).toBe(check.plain);
    expect(m.title).not.toContain('\n');
  });

  test('a signal suggestion names the order a human should place and says nothing was sent', () => {
    const m = signalSuggestionMessage(
      {
        strategy: 'ashare_momo',
        instrument: { venue: 'SSE', symbol: '600519' },
        closeTimeMs: Date.parse('2026-11-25T07:00:00Z'),
        target: { equityFraction: '0.1' },
      },
      { side: 'BUY', quantity: '100', limitPrice: '1650.00', referencePrice: '1648.20' },
    );
    const plain = htmlToPlain(m.html);
    expect(plain).toContain('Suggested: BUY 100 SSE:600519 limit 1650.00');
    expect(plain).toContain('target 10.0% of equity');
    expect(plain).toContain('nothing was sent to a broker');
  });

  test('an over-long message is cut at a line boundary and stays valid HTML', () => {
    const long = Array.from({ length: 400 }, (_, i) => `<code>line ${i} &amp; more</code>`).join('\n');
    const cut = truncateLines(long, 4000);
    expect(htmlToPlain(cut).length).toBeLessThanOrEqual(4000);
    expect(htmlToPlain(cut).length).toBeGreaterThan(3900);
    expect(checkTelegramHtml(cut).ok).toBe(true);
    expect(cut).toContain('cut: message too long');
  });

  test('a huge alert message is clipped before escaping, so the whole alert fits one message', () => {
    const m = alertMessage({ severity: 2, source: 's', code: 'c', message: '<&>'.repeat(5000) });
    expect(m.html.length).toBeLessThan(4096 * 2);
    expect(htmlToPlain(m.html).length).toBeLessThan(4096);
    expect(checkTelegramHtml(m.html).ok).toBe(true);
    // Telegram counts the parsed text, so the escaped body is not cut away.
    expect(truncateLines(m.html, 4000)).toBe(m.html);
  });
});
