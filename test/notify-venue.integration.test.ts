import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { runBacktest } from '@algotrader/backtest';
import { Bus, subjects } from '@algotrader/bus';
import { clientOrderId } from '@algotrader/core';
import { aShare, aShareRules, aShareSpec, sliceDates } from '@algotrader/markets-cn';
import { loadBundledCn } from '@algotrader/markets-cn/node';
import { type Notifier, parseNotifierSettings, startNotifier } from '@algotrader/notifier';
import { OrderRouter } from '@algotrader/order-router';
import { type AccountState, readAccount, readAll, signalOf } from '@algotrader/pipeline';
import { codecs, pb } from '@algotrader/proto';
import { RiskGate } from '@algotrader/risk-gate';
import { defineStrategy, targetUnits } from '@algotrader/strategy';
import { NatsServer, TelegramServer, waitFor } from '@algotrader/testkit';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { z } from 'zod';
import {
  connectTestBus,
  DAY,
  MOUTAI,
  moutaiPipeline,
  PERSON,
  publishMoutaiBar,
  silent,
  startManualNotifier,
  startNotifyVenue,
  toPerson,
} from './helpers/notify';

/**
 * The notify-only venue end to end: a real nats-server; the risk gate, the order-router with the
 * `notify` venue and the notifier as the stages run them; Telegram replaced by the testkit's local
 * Bot API server, spoken to by the real grammy client. A person (the test, in chat 1001) receives
 * each suggestion and answers with /filled, /partial, /skipped; the account is booked from those
 * answers only. Prices are Kweichow Moutai's real daily bars (data/cn, raw) around 2021-09-30.
 */

const ACCOUNT = 'cn';
const STRANGER = 2002;
const at = (iso: string) => Date.parse(iso);

let nats: NatsServer;
let tg: TelegramServer;
let bus: Bus;
let notifierBus: Bus;
let gate: RiskGate;
let router: OrderRouter;
let notifier: Notifier;
/** A second notifier without a bot token: the same messages on the console and in a file. */
let sink: Notifier;
const sinkDir = mkdtempSync(join(tmpdir(), 'notify-venue-sink-'));
const sinkFile = join(sinkDir, 'messages.log');
let now = at('2021-09-30T01:00:00Z'); // 09:00 in Shanghai, before the open
const clock = { now: () => now };

const pipeline = moutaiPipeline(ACCOUNT);

beforeAll(async () => {
  nats = await NatsServer.start();
  tg = await TelegramServer.start();
  bus = await connectTestBus(nats.url);
  notifierBus = await Bus.connect({ servers: nats.url, service: 'notifier' });
  notifier = await startManualNotifier(notifierBus, tg, ACCOUNT, clock);
  sink = await startNotifier({
    bus: notifierBus,
    settings: parseNotifierSettings({}, { account: ACCOUNT, durablePrefix: 'sink', tickMs: 50, sinkFile }),
    telegram: { allowedChatIds: [] },
    log: silent,
    clock,
    console: new Writable({ write: (_c, _e, cb) => cb() }),
  });
  gate = await RiskGate.start({ bus, pipeline, clock });
  const venue = await startNotifyVenue(bus, pipeline, clock);
  router = await OrderRouter.start({ bus, pipeline, clock, venue, pollMs: 150 });
});

afterAll(async () => {
  await router?.stop();
  await gate?.stop();
  await notifier?.stop();
  await sink?.stop();
  rmSync(sinkDir, { recursive: true, force: true });
  await notifierBus?.close();
  await bus?.close();
  await tg?.stop();
  await nats?.stop();
});

/** The daily bar of `date` (real OHLCV), then its set marker; waits until the router has marked it. */
async function bar(date: string, o: number, h: number, l: number, c: number, v: number): Promise<void> {
  const open = at(`${date}T00:00:00Z`);
  const close = open + DAY;
  await publishMoutaiBar(bus, open, [o, h, l, c, v]);
  await bus.publish(
    codecs.BarSetClosed,
    subjects.barSet('SSE', '1d'),
    {
      venue: 'SSE',
      timeframe: '1d',
      closeTimeMs: close,
      arrived: ['600519/CNY'],
      missing: [],
      timedOut: false,
    },
    { msgId: `barset:sse:1d:${close}` },
  );
  await waitFor(async () => ((await state())?.steppedThrough ?? 0) >= close, 15_000, `bar ${date} marked`);
}

/** The strategy's target at close `t`; waits until the gate has approved it. */
async function decide(t: number, qty: number, px: number): Promise<void> {
  const before = gate.counters.approved;
  await bus.publish(
    codecs.Signal,
    subjects.signal('sma_cross', MOUTAI),
    signalOf(ACCOUNT, 'sma_cross', t, targetUnits(MOUTAI, qty)),
    { msgId: `sig:sma_cross:sse:600519-CNY:${t}` },
  );
  await bus.publish(
    codecs.SignalSetClosed,
    subjects.signalSet('SSE', '1d'),
    {
      venue: 'SSE',
      timeframe: '1d',
      closeTimeMs: t,
      strategies: ['sma_cross'],
      marks: { '600519/CNY': px },
      instruments: ['600519/CNY'],
    },
    { msgId: `sigset:sse:1d:${t}` },
  );
  await waitFor(() => gate.counters.approved > before, 15_000, `the gate to approve ${t}`);
}

function state(): Promise<AccountState | undefined> {
  return readAccount(bus, ACCOUNT);
}

/**
 * The person sends `text`; resolves with the first message after it that contains `expectText`,
 * other than the notifier's receipt (the venue's answer, or the notifier's own refusal).
 */
async function say(text: string, expectText: string): Promise<string> {
  const before = tg.sent.length;
  tg.pushMessage(PERSON, text);
  const m = await tg.waitForSent(
    (m) => toPerson(expectText)(m) && tg.sent.indexOf(m) >= before && !m.plain.startsWith('📨'),
    15_000,
  );
  return m.plain;
}

async function status(id: string): Promise<string | undefined> {
  return (await state())?.orders[id]?.status;
}

describe('notify venue: suggestions by Telegram, fills reported by the person, T+1, expiry', () => {
  let buyId = '';

  test('an approved buy becomes a message with exactly what to do', async () => {
    await bar('2021-09-28', 1848, 1860, 1795, 1822.06, 4_922_105);
    await bar('2021-09-29', 1809, 1845.01, 1785.9, 1820, 4_329_065);
    await decide(at('2021-09-30T00:00:00Z'), 300, 1820);
    const msg = await tg.waitForSent(toPerson('BUY 600519'), 15_000);
    buyId = /order (\S+)\n/.exec(msg.plain)?.[1] ?? '';
    expect(buyId).toMatch(/^[a-z0-9]{8,32}$/);
    // Prev close 1,820.00: band ±10 % = 1,638.00–2,002.00; suggested limit 1,820 × 1.005 = 1,829.10.
    expect(msg.plain).toContain('贵州茅台 Kweichow Moutai (SSE, main board)');
    expect(msg.plain).toContain('Shares: 300 shares = 3 lots of 100');
    expect(msg.plain).toContain("Limit price: 1,829.10 CNY (a highest price; today's band 1,638.00–2,002.00");
    expect(msg.plain).toContain(
      'Trading day 2021-09-30: valid until the close 15:00 Shanghai; report by 2021-09-30 16:00',
    );
    expect(msg.plain).toContain(`/filled ${buyId} <shares> <price>`);
    await waitFor(async () => (await status(buyId)) === 'accepted', 10_000, 'the order accepted');
    // The same suggestion in the console/file sink of a token-less notifier.
    await waitFor(
      () => {
        try {
          return readFileSync(sinkFile, 'utf8').includes(`order ${buyId}`);
        } catch {
          return false;
        }
      },
      10_000,
      'the suggestion in the sink file',
    );
    expect(readFileSync(sinkFile, 'utf8')).toContain('Limit price: 1,829.10 CNY');
  });

  test('reports are checked against the order; a chat off the allowlist is ignored', async () => {
    now = at('2021-09-30T02:00:00Z'); // 10:00 Shanghai
    tg.pushMessage(STRANGER, `/filled ${buyId} 300 1818.18`);
    expect(await say(`/filled ${buyId} 300 2100`, 'outside the day')).toContain(
      "price 2,100.00 is outside the day's band 1,638.00–2,002.00",
    );
    expect(await say(`/partial ${buyId.slice(0, 8)} 150 1818.18`, '150 shares')).toContain(
      '150 shares is not a multiple of 100 shares (one lot)',
    );
    expect(await say(`/partial ${buyId} 400 1818.18`, '400 shares')).toContain(
      '400 shares is more than the 300 left of the 300 ordered',
    );
    expect(await say('/filled', 'Usage')).toContain('Usage: /filled <order> <shares> <price> [fee]');
    expect(tg.sentTo(STRANGER)).toHaveLength(0);
    expect((await state())?.book.positions['SSE:600519/CNY']?.qty ?? 0).toBe(0);
  });

  test('/filled at the price the backtest fills at: the same fill, fee and cash as the A-share backtest of that decision', async () => {
    // 300 × 1,818.18 (the open of 2021-09-30) = 545,454: commission 136.36, transfer 5.45 → 141.81.
    expect(await say(`/filled ${buyId.slice(0, 8)} 300 1818.18`, 'bought 300')).toContain(
      'Booked: bought 300 600519 @ 1,818.18, fee 141.81 CNY (computed)',
    );
    await waitFor(async () => (await status(buyId)) === 'filled', 10_000, 'filled');
    const s = (await state())!;
    expect(s.book.positions['SSE:600519/CNY']?.qty).toBe(300);
    expect(s.book.cash).toBeCloseTo(1_000_000 - 545_454 - 141.81, 6);
    const fills = await readAll(bus, 'EXEC', subjects.execFill(ACCOUNT), codecs.Fill);
    expect(fills.map((f) => [f.message.quantity, f.message.price, f.message.fee])).toEqual([
      ['300', '1818.18', '141.81'],
    ]);
    // The backtest of the same decision (target 300 at the close of 2021-09-29) on the bundled bars.
    const moutai = aShare('SSE:600519');
    const data = loadBundledCn('cn_600519_1d');
    const bt = runBacktest({
      strategy: defineStrategy({
        kind: 'single',
        name: 'once',
        description: 'target 300 at the close of 2021-09-29',
        paramsSchema: z.object({}).strict(),
        timeframes: 'any',
        warmup: () => 1,
        init: () => ({}),
        onBar: (ctx) => (ctx.time === at('2021-09-30T00:00:00Z') ? [targetUnits(ctx.instrument, 300)] : []),
      }),
      data: {
        timeframe: '1d',
        series: [
          {
            instrument: MOUTAI,
            bars: sliceDates(data.bars, '2021-09-28', '2021-09-30'),
            spec: aShareSpec(moutai),
          },
        ],
      },
      initialCash: 1_000_000,
      fillModel: { timing: 'next_open', fees: { maker: 0, taker: 0 } },
      market: aShareRules({ shares: [moutai], basis: data.basis }),
    });
    expect(bt.fills.map((f) => [f.qty, f.price, f.fee])).toEqual([[300, 1818.18, 141.81]]);
    expect(bt.equity.cash[bt.equity.cash.length - 1]).toBeCloseTo(s.book.cash, 6);
  });

  let sameDaySell = '';

  test('T+1: a sell the same day is refused when reported, and expires unanswered after the close', async () => {
    now = at('2021-09-30T05:10:00Z'); // 13:10 Shanghai
    const decision = at('2021-09-30T05:00:00Z');
    sameDaySell = clientOrderId({
      account: ACCOUNT,
      strategy: 'manual',
      instrument: MOUTAI,
      decisionCloseMs: decision,
    });
    await bus.publish(
      codecs.OrderRequest,
      subjects.orderApproved(ACCOUNT),
      {
        clientOrderId: sameDaySell,
        account: ACCOUNT,
        strategy: 'manual',
        instrument: { venue: 'SSE', symbol: '600519/CNY' },
        side: pb.Side.SIDE_SELL,
        type: pb.OrderType.ORDER_TYPE_MARKET,
        quantity: '300',
        decisionTimeMs: decision,
      },
      { msgId: `ord:${sameDaySell}` },
    );
    const msg = await tg.waitForSent(toPerson(`order ${sameDaySell}`), 15_000);
    expect(msg.plain).toContain('SELL 600519');
    expect(msg.plain).toContain('Limit price: 1,810.90 CNY (a lowest price');
    expect(await say(`/filled ${sameDaySell} 300 1830`, 'T+1')).toContain(
      'T+1: 300 of the 300 shares held were bought on 2021-09-30 and can be sold from the next trading day; 0 can be sold now',
    );
    expect((await state())?.book.positions['SSE:600519/CNY']?.qty).toBe(300);
    now = at('2021-09-30T08:01:00Z'); // 16:01 Shanghai: past the close and the hour of grace
    const expired = await tg.waitForSent(
      toPerson(`Order ${sameDaySell} (sell 300 600519 for 2021-09-30) expired`),
      15_000,
    );
    expect(expired.plain).toContain('the books assume it was not traded');
    await waitFor(async () => (await status(sameDaySell)) === 'expired', 10_000, 'expired');
    // The daily summary lists it too.
    await waitFor(
      () => notifier.ledger.account(ACCOUNT)?.expired?.length === 1,
      10_000,
      'the ledger notes it',
    );
    await notifier.sendDailySummary();
    const daily = await tg.waitForSent(toPerson('Daily summary'), 15_000);
    expect(daily.plain).toContain(`Expired unanswered: 1 · SSE:600519/CNY ${sameDaySell}`);
  });

  test('the next decision is for the next trading day (after the holiday) and sells what T+1 now allows', async () => {
    await bar('2021-09-30', 1818.18, 1850.22, 1803.4, 1830, 4_053_929);
    now = at('2021-10-01T00:30:00Z');
    await decide(at('2021-10-01T00:00:00Z'), 0, 1830);
    const msg = await tg.waitForSent(toPerson('Trading day 2021-10-08'), 15_000);
    const sellId = /order (\S+)\n/.exec(msg.plain)?.[1] ?? '';
    expect(msg.plain).toContain('band 1,647.00–2,013.00');
    now = at('2021-10-08T02:00:00Z');
    // 100 × 1,830 = 183,000: commission 45.75, stamp duty 0.1 % 183.00, transfer 1.83 → 230.58.
    expect(await say(`/partial ${sellId} 100 1830`, 'sold 100')).toContain('fee 230.58 CNY (computed)');
    await waitFor(async () => (await status(sellId)) === 'partially_filled', 10_000, 'partially filled');
    // The rest at another price, with the fee the broker charged as given.
    expect(await say(`/filled ${sellId} 200 1831.5 465.2`, 'sold 200')).toContain(
      'Booked: sold 200 600519 @ 1,831.50, fee 465.20 CNY.',
    );
    await waitFor(async () => (await status(sellId)) === 'filled', 10_000, 'the sell filled');
    const s = (await state())!;
    expect(s.book.positions['SSE:600519/CNY']?.qty ?? 0).toBe(0);
    expect(s.book.cash).toBeCloseTo(1_000_000 - 545_454 - 141.81 + 183_000 - 230.58 + 366_300 - 465.2, 6);
    expect(await say(`/skipped ${sellId}`, 'already')).toContain(
      'the order is already filled; nothing was booked',
    );
  });
});
