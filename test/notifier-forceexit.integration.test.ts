import { Writable } from 'node:stream';
import { Bus, readControl, SYSTEM_TOPOLOGY, subjects } from '@algotrader/bus';
import { forceExitOrderId, parseInstrument } from '@algotrader/core';
import { createLogger } from '@algotrader/core/node';
import { type Notifier, parseNotifierSettings, startNotifier } from '@algotrader/notifier';
import { OrderRouter, PaperVenue } from '@algotrader/order-router';
import {
  type AccountState,
  parsePipelineConfig,
  RiskLimitsSchema,
  readAccount,
  readAll,
  signalOf,
} from '@algotrader/pipeline';
import { codecs } from '@algotrader/proto';
import { RiskGate } from '@algotrader/risk-gate';
import { targetUnits } from '@algotrader/strategy';
import { NatsServer, scaled, TelegramServer, waitFor } from '@algotrader/testkit';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { NO_LIMITS } from './helpers/fixtures';

/**
 * Telegram /forceexit, /performance and /profit end to end: a real nats-server, the risk gate and
 * the order-router with the paper venue (in this process, each on its own connection, as
 * `algotrader up` wires them), the notifier with the real grammy client talking to the local
 * Bot API server. The position is built by a strategy signal through the same gate and router;
 * the exit goes notifier → SIGNALS → risk gate → ord.approved → paper router → exec.fill → chat.
 */

const ACCOUNT = 'fx';
const ALLOWED = 1001;
const STRANGER = 2002;
const H = 3_600_000;
const T0 = Date.parse('2026-11-30T00:00:00Z');
const T = (n: number) => T0 + n * H;
const BTC = parseInstrument('OKX:BTC/USDT');
const ETH = parseInstrument('OKX:ETH/USDT');
const INITIAL = 100_000;
const silent = createLogger({ service: 'test', level: 'silent' });

const pipeline = parsePipelineConfig({
  account: ACCOUNT,
  broker: 'paper',
  instruments: ['OKX:BTC/USDT', 'OKX:ETH/USDT'],
  strategies: [{ name: 'sma_cross', instruments: ['OKX:BTC/USDT', 'OKX:ETH/USDT'] }],
  risk: RiskLimitsSchema.parse({ ...NO_LIMITS, accountWaitMs: 10_000 }),
  mode: 'replay',
  paper: { initialCash: INITIAL, quoteCurrency: 'USDT' },
});

let nats: NatsServer;
let tg: TelegramServer;
let bus: Bus;
const buses: Bus[] = [];
let gate: RiskGate;
let router: OrderRouter;
let notifier: Notifier;

beforeAll(async () => {
  nats = await NatsServer.start();
  tg = await TelegramServer.start();
  const connect = async (service: string) => {
    const b = await Bus.connect({ servers: nats.url, service });
    buses.push(b);
    return b;
  };
  bus = await connect('test');
  await bus.ensure(SYSTEM_TOPOLOGY);
  const clock = { now: () => Date.now() };
  gate = await RiskGate.start({ bus: await connect('risk-gate'), pipeline, clock });
  router = await OrderRouter.start({
    bus: await connect('order-router'),
    pipeline,
    clock,
    venue: new PaperVenue(pipeline),
  });
  notifier = await startNotifier({
    bus: await connect('notifier'),
    settings: parseNotifierSettings({}, { account: ACCOUNT, pollTimeoutS: 5, tickMs: 50, burst: 20 }),
    telegram: { botToken: tg.token, apiRoot: tg.apiRoot, allowedChatIds: [ALLOWED] },
    log: silent,
    console: new Writable({ write: (_c, _e, cb) => cb() }),
  });
}, scaled(60_000));

afterAll(async () => {
  await notifier?.stop();
  await router?.stop();
  await gate?.stop();
  for (const b of buses) await b.close().catch(() => {});
  await tg?.stop();
  await nats?.stop();
});

/** Bars of both instruments closing at `t` (open and close given) and their set marker. */
async function bars(t: number, btc: [number, number], eth: [number, number]): Promise<void> {
  for (const [i, [open, close]] of [
    [BTC, btc],
    [ETH, eth],
  ] as const) {
    await bus.publish(
      codecs.Bar,
      subjects.bar(i, '1h'),
      {
        instrument: { venue: 'OKX', symbol: `${i.base}/${i.quote}` },
        timeframe: '1h',
        openTimeMs: t - H,
        closeTimeMs: t,
        open,
        high: Math.max(open, close),
        low: Math.min(open, close),
        close,
        volume: 100,
      },
      { msgId: `bar:okx:${i.base}-${i.quote}:1h:${t - H}` },
    );
  }
  await bus.publish(
    codecs.BarSetClosed,
    subjects.barSet('OKX', '1h'),
    { venue: 'OKX', timeframe: '1h', closeTimeMs: t, arrived: ['BTC/USDT', 'ETH/USDT'], missing: [] },
    { msgId: `barset:okx:1h:${t}` },
  );
  await waitFor(async () => ((await state())?.steppedThrough ?? 0) >= t, 20_000, `router at ${t}`);
}

/** The strategy-runner's marker for close time `t` (with the strategies that ran, if any). */
async function decided(t: number, marks: Record<string, number>, strategies: string[] = []): Promise<void> {
  await bus.publish(
    codecs.SignalSetClosed,
    subjects.signalSet('OKX', '1h'),
    {
      venue: 'OKX',
      timeframe: '1h',
      closeTimeMs: t,
      strategies,
      marks,
      instruments: ['BTC/USDT', 'ETH/USDT'],
    },
    { msgId: `sigset:okx:1h:${t}` },
  );
  await waitFor(() => gate.lastT >= t && gate.idle, 20_000, `gate at ${t}`);
}

const state = (): Promise<AccountState | undefined> => readAccount(bus, ACCOUNT);
const held = async (key: string) => (await state())?.book.positions[key]?.qty ?? 0;

async function ask(chat: number, text: string, reply: (plain: string) => boolean) {
  const before = tg.sent.length;
  const update = tg.pushMessage(chat, text);
  const m = await tg.waitForSent(
    (s) => tg.sent.indexOf(s) >= before && s.replyToMessageId !== undefined && reply(s.plain),
    scaled(15_000),
  );
  return { update, reply: m };
}

async function fills() {
  return (await readAll(bus, 'EXEC', subjects.execFill(ACCOUNT), codecs.Fill)).map((f) => f.message);
}

describe('Telegram /forceexit, /performance, /profit over the live pipeline', () => {
  test('an allowlisted chat closes a held position while HALTED; the fill comes back to the chat', async () => {
    // A position, bought the normal way: a strategy's target through the gate and the paper router.
    await decided(T(0), { 'BTC/USDT': 40_000, 'ETH/USDT': 2_000 });
    await bars(T(1), [40_000, 40_000], [2_000, 2_000]);
    for (const [i, qty] of [
      [BTC, 0.5],
      [ETH, 2],
    ] as const) {
      await bus.publish(
        codecs.Signal,
        subjects.signal('sma_cross', i),
        signalOf(ACCOUNT, 'sma_cross', T(1), targetUnits(i, qty)),
        { msgId: `sig:sma_cross:okx:${i.base}-${i.quote}:${T(1)}` },
      );
    }
    await decided(T(1), { 'BTC/USDT': 40_000, 'ETH/USDT': 2_000 }, ['sma_cross']);
    await bars(T(2), [40_100, 40_200], [2_010, 2_020]);
    expect(await held('OKX:BTC/USDT')).toBe(0.5);
    expect(await held('OKX:ETH/USDT')).toBe(2);
    await waitFor(
      () => notifier.ledger.account(ACCOUNT)?.snapshot?.timeMs === T(2),
      10_000,
      'the notifier to see the snapshot',
    );

    await ask(ALLOWED, '/halt', (p) => p.includes('now HALTED'));
    expect((await readControl(await bus.kv('control'), ACCOUNT)).state).toBe('HALTED');

    // A stranger's command reaches nothing: no reply, no command on the bus.
    tg.pushMessage(STRANGER, '/forceexit all');
    const { update, reply } = await ask(ALLOWED, '/forceexit BTC/USDT', (p) => p.includes('Force-exit'));
    const id = forceExitOrderId(ACCOUNT, BTC, `telegram-${update}`);
    expect(reply.chatId).toBe(ALLOWED);
    expect(reply.plain).toContain(`Force-exit sent (request telegram-${update})`);
    expect(reply.plain).toContain(`OKX:BTC/USDT 0.5 (mark 40200) → order ${id}`);
    expect(reply.plain).toContain('Trading is HALTED: an exit still goes through.');
    expect(tg.sentTo(STRANGER)).toHaveLength(0);
    const commands = await readAll(bus, 'SIGNALS', subjects.forceExit(ACCOUNT), codecs.ForceExit);
    expect(commands.map((c) => c.message.requestId)).toEqual([`telegram-${update}`]);
    expect(commands[0]!.message.issuedBy).toBe(`telegram:${ALLOWED}`);

    // The gate approved one reduce-only sell of the whole position, decided at the next close time.
    await waitFor(
      async () =>
        (await readAll(bus, 'ORDERS', subjects.orderApproved(ACCOUNT), codecs.OrderRequest)).some(
          (o) => o.message.clientOrderId === id,
        ),
      10_000,
      'the approved exit',
    );
    const approved = (await readAll(bus, 'ORDERS', subjects.orderApproved(ACCOUNT), codecs.OrderRequest))
      .map((o) => o.message)
      .find((o) => o.clientOrderId === id)!;
    expect(approved).toMatchObject({
      strategy: 'forceexit',
      quantity: '0.5',
      reduceOnly: true,
      decisionTimeMs: T(3),
    });

    // The paper venue fills it at the open of the first bar opening after the decision (T3 → T4).
    await decided(T(2), { 'BTC/USDT': 40_200, 'ETH/USDT': 2_020 });
    await bars(T(3), [40_300, 40_400], [2_030, 2_040]);
    await decided(T(3), { 'BTC/USDT': 40_400, 'ETH/USDT': 2_040 });
    await bars(T(4), [42_000, 42_500], [2_050, 2_060]);
    expect(await held('OKX:BTC/USDT')).toBe(0);
    expect(await held('OKX:ETH/USDT')).toBe(2);
    const fill = (await fills()).find((f) => f.clientOrderId === id)!;
    expect(fill.quantity).toBe('0.5');
    expect(Number(fill.price)).toBe(42_000);
    const confirmed = await tg.waitForSent((s) => s.plain.includes('Force-exit filled'), scaled(15_000));
    expect(confirmed.chatId).toBe(ALLOWED);
    expect(confirmed.plain).toContain(`SELL 0.5 OKX:BTC/USDT @ ${fill.price}`);
    expect(confirmed.plain).toContain(`order ${id}`);
    expect(confirmed.plain).toContain(`fee ${fill.fee} USDT`);
  });

  test('/forceexit all closes what is left; a second /forceexit of a flat instrument is refused in the chat', async () => {
    const { update } = await ask(ALLOWED, '/forceexit all', (p) => p.includes('Force-exit sent'));
    const id = forceExitOrderId(ACCOUNT, ETH, `telegram-${update}`);
    await decided(T(4), { 'BTC/USDT': 42_500, 'ETH/USDT': 2_060 });
    await bars(T(5), [42_600, 42_700], [2_070, 2_080]);
    await decided(T(5), { 'BTC/USDT': 42_700, 'ETH/USDT': 2_080 });
    await bars(T(6), [42_800, 42_900], [1_900, 1_950]);
    expect(await held('OKX:ETH/USDT')).toBe(0);
    const fill = (await fills()).find((f) => f.clientOrderId === id)!;
    expect(Number(fill.price)).toBe(1_900);
    await tg.waitForSent((s) => s.plain.includes(`SELL 2 OKX:ETH/USDT @ ${fill.price}`), scaled(15_000));

    await waitFor(
      () => notifier.ledger.account(ACCOUNT)?.snapshot?.timeMs === T(6),
      10_000,
      'the notifier to see the flat account',
    );
    const again = await ask(ALLOWED, '/forceexit btc-usdt', (p) => p.includes('No open position'));
    expect(again.reply.plain).toContain('No open position in OKX:BTC/USDT');
    const unknown = await ask(ALLOWED, '/forceexit DOGE/USDT', (p) => p.includes('Unknown instrument'));
    expect(unknown.reply.plain).toContain('Unknown instrument DOGE/USDT');
    const commands = await readAll(bus, 'SIGNALS', subjects.forceExit(ACCOUNT), codecs.ForceExit);
    expect(commands).toHaveLength(2);
  });

  test('/performance and /profit agree with the order-router’s own Account', async () => {
    const book = (await state())!.book;
    const perf = await ask(ALLOWED, '/performance', (p) => p.includes('Performance'));
    for (const key of ['OKX:BTC/USDT', 'OKX:ETH/USDT']) {
      const p = book.positions[key]!;
      const net = p.realized - p.fees;
      const line = perf.reply.plain.split('\n').find((l) => l.includes(key))!;
      expect(line, key).toContain(`${net >= 0 ? '+' : '-'}${Math.abs(net).toFixed(2)} USDT · 1 trade`);
      expect(line).toContain(`${net > 0 ? 100 : 0}% won · fees ${p.fees.toFixed(2)}`);
    }
    // BTC: bought 0.5 at 40100, sold at 42000; ETH: 2 at 2010, sold at 1900.
    expect(book.positions['OKX:BTC/USDT']!.realized).toBeCloseTo(0.5 * (42_000 - 40_100), 6);
    expect(book.positions['OKX:ETH/USDT']!.realized).toBeCloseTo(2 * (1_900 - 2_010), 6);
    expect(perf.reply.plain).toContain('4 fills');
    expect(perf.reply.plain).toContain('Total');
    expect(perf.reply.plain).toContain('2 trades · 50% won');

    for (const bad of ['abc', '0', '-3', '2.5', '99999']) {
      const r = await ask(ALLOWED, `/profit ${bad}`, (p) => p.includes('Usage: /profit'));
      expect(r.reply.plain).toContain(bad);
    }
    const profit = await ask(ALLOWED, '/profit', (p) => p.includes('Profit'));
    const equity = book.equity;
    const total = equity - INITIAL;
    expect(profit.reply.plain).toContain(
      `Total: ${total >= 0 ? '+' : '-'}${Math.abs(total).toFixed(2)} USDT (${total >= 0 ? '+' : '-'}${Math.abs((total / INITIAL) * 100).toFixed(2)}%) · equity 100000.00 → ${equity.toFixed(2)}`,
    );
    const realised = Object.values(book.positions).reduce((a, p) => a + p.realized - p.fees, 0);
    expect(profit.reply.plain).toContain(
      `Realised: ${realised >= 0 ? '+' : '-'}${Math.abs(realised).toFixed(2)} USDT`,
    );
    expect(profit.reply.plain).toContain('2026-11-30');
    // The notifier is still answering after the bad arguments, and counted them.
    const status = await ask(ALLOWED, '/status', (p) => p.includes('HALTED'));
    expect(notifier.stats().refusedCommands).toBe(7);
    expect(status.reply.plain).toContain('refused 7');
  });
});
