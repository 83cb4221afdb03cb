import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { Bus, type ConsumerHandle, readControl, SYSTEM_TOPOLOGY, subjects } from '@algotrader/bus';
import { type Clock, SimulatedClock } from '@algotrader/core';
import { createLogger } from '@algotrader/core/node';
import {
  type Notifier,
  type NotifierSettingsInput,
  parseNotifierSettings,
  startNotifier,
} from '@algotrader/notifier';
import { type Alert, type ControlCommand, codecs, pb } from '@algotrader/proto';
import { NatsServer, TelegramServer, waitFor } from '@algotrader/testkit';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';

/**
 * The notifier against a real nats-server and the real grammy client, with Telegram replaced by the
 * local Bot API server from the testkit (grammy's apiRoot points at it).
 */

const ALLOWED = 1001;
const STRANGER = 2002;

let nats: NatsServer;
let bus: Bus;
/** Where token-less notifiers write their message file (never the repository's var/). */
let sinkDir: string;
let publisher: Bus;
let controlTap: ConsumerHandle;
const controlCommands: { cmd: ControlCommand; msgId: string | undefined; subject: string }[] = [];
const cleanups: (() => Promise<void>)[] = [];
let seq = 0;

beforeAll(async () => {
  sinkDir = mkdtempSync(join(tmpdir(), 'notifier-sink-'));
  nats = await NatsServer.start();
  bus = await Bus.connect({
    servers: nats.url,
    service: 'notifier',
    ensure: { storage: 'memory', duplicateWindowMs: 60_000, replicas: 1 },
  });
  await bus.ensure(SYSTEM_TOPOLOGY);
  publisher = await Bus.connect({ servers: nats.url, service: 'test-publisher' });
  controlTap = await publisher.consume({
    stream: 'OPS',
    durable: 'test-control-tap',
    filterSubjects: ['ops.control.>'],
    codec: codecs.ControlCommand,
    handler: (cmd, meta) => {
      controlCommands.push({ cmd, msgId: meta.msgId, subject: meta.subject });
    },
  });
});

afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

afterAll(async () => {
  await controlTap?.stop();
  await publisher?.close();
  await bus?.close();
  await nats?.stop();
  rmSync(sinkDir, { recursive: true, force: true });
});

interface Harness {
  notifier: Notifier;
  account: string;
  logs: () => Record<string, unknown>[];
}

async function start(
  opts: {
    telegram?: TelegramServer;
    settings?: NotifierSettingsInput;
    clock?: Clock;
    console?: NodeJS.WritableStream;
  } = {},
): Promise<Harness> {
  seq += 1;
  const account = `acct${seq}`;
  const lines: string[] = [];
  const log = createLogger({
    service: 'notifier',
    level: 'info',
    destination: new Writable({
      write(chunk, _enc, cb) {
        lines.push(chunk.toString());
        cb();
      },
    }),
  });
  const settings = parseNotifierSettings(
    {},
    {
      account,
      durablePrefix: `notifier${seq}`,
      messagesPerMinute: 600,
      burst: 20,
      pollTimeoutS: 5,
      tickMs: 50,
      sinkFile: join(sinkDir, `messages-${seq}.log`),
      ...opts.settings,
    },
  );
  const notifier = await startNotifier({
    bus,
    settings,
    telegram: opts.telegram
      ? { botToken: opts.telegram.token, apiRoot: opts.telegram.apiRoot, allowedChatIds: [ALLOWED] }
      : { allowedChatIds: [] },
    log,
    ...(opts.clock ? { clock: opts.clock } : {}),
    console: opts.console ?? new Writable({ write: (_c, _e, cb) => cb() }),
  });
  cleanups.push(() => notifier.stop());
  return {
    notifier,
    account,
    logs: () =>
      lines
        .join('')
        .split('\n')
        .filter((l) => l.trim() !== '')
        .map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}

async function telegram(): Promise<TelegramServer> {
  const tg = await TelegramServer.start();
  cleanups.push(() => tg.stop());
  return tg;
}

let alertSeq = 0;
async function publishAlert(severity: 'info' | 'warning' | 'critical', a: Partial<Alert>): Promise<void> {
  alertSeq += 1;
  const sev = {
    info: pb.Severity.SEVERITY_INFO,
    warning: pb.Severity.SEVERITY_WARNING,
    critical: pb.Severity.SEVERITY_CRITICAL,
  }[severity];
  await publisher.publish(
    codecs.Alert,
    subjects.alert(severity),
    { severity: sev, source: 'risk-gate', code: 'test', message: '', timeMs: Date.now(), ...a },
    { msgId: `alert:test:${alertSeq}` },
  );
}

describe('notifier → Telegram', () => {
  test('an alert published on ops.alert.critical arrives as a Telegram message with its text, escaped', async () => {
    const tg = await telegram();
    await start({ telegram: tg, settings: { levels: { 'alert.warning': 'off', 'alert.info': 'silent' } } });
    const text = 'drawdown 12% > limit 10% on <main> & co';
    await publishAlert('critical', { code: 'max_drawdown', message: text, labels: { account: 'main' } });

    const m = await tg.waitForSent((s) => s.plain.includes(text));
    expect(m.chatId).toBe(ALLOWED);
    expect(m.parseMode).toBe('HTML');
    // The server accepted the HTML, so `<main>` and `&` were escaped; the user sees them as typed.
    expect(m.text).toContain('&lt;main&gt; &amp; co');
    expect(m.plain).toContain('CRITICAL');
    expect(m.plain).toContain('max_drawdown');
    expect(m.silent).toBe(false);

    // Levels: warning is off (dropped), info is silent. Both go through one consumer in order, so
    // once the info alert is out, the warning has been handled too.
    await publishAlert('warning', { code: 'stale_bars', message: 'warning that must not be sent' });
    await publishAlert('info', { code: 'backfill_done', message: 'backfill finished' });
    const info = await tg.waitForSent((s) => s.plain.includes('backfill finished'));
    expect(info.silent).toBe(true);
    expect(tg.sent.some((s) => s.plain.includes('warning that must not be sent'))).toBe(false);
  });

  test('a burst of 50 alerts with one dedupe key becomes one or two messages saying how many', async () => {
    const tg = await telegram();
    const h = await start({ telegram: tg, settings: { coalesceWindowMs: 2_000 } });
    await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        publishAlert('critical', { code: 'bar_gap', dedupeKey: 'gap:okx', message: `gap number ${i + 1}` }),
      ),
    );
    const summary = await tg.waitForSent((s) => s.plain.includes('50×'), 15_000);
    expect(summary.plain).toContain('bar_gap');
    expect(summary.plain).toContain('49 more');
    const aboutGaps = tg.sent.filter((s) => s.plain.includes('bar_gap'));
    expect(aboutGaps.length).toBeGreaterThanOrEqual(1);
    expect(aboutGaps.length).toBeLessThanOrEqual(2);
    expect(h.notifier.stats().coalesced).toBe(49);
  });

  test('a 429 from Telegram is waited out and the alert still arrives', async () => {
    const tg = await telegram();
    await start({ telegram: tg });
    tg.fail({
      method: 'sendMessage',
      errorCode: 429,
      description: 'Too Many Requests: retry after 2',
      retryAfter: 2,
    });
    const t0 = Date.now();
    await publishAlert('critical', {
      code: 'order_router_down',
      message: 'order router missed 3 heartbeats',
    });
    await tg.waitForSent((s) => s.plain.includes('order router missed 3 heartbeats'));
    // Telegram's retry_after (2 s) was honoured, not merely the outbox's own 1 s back-off.
    expect(Date.now() - t0).toBeGreaterThanOrEqual(1_900);
    expect(tg.calls.filter((c) => c.method === 'sendMessage' && c.status === 429)).toHaveLength(1);
  });
});

describe('commands', () => {
  test('commands from an allowlisted chat change the control KV, publish a ControlCommand and get a reply', async () => {
    const tg = await telegram();
    const h = await start({ telegram: tg });
    const kv = await bus.kv('control');
    expect(tg.commands.map((c) => c.command)).toContain('reduce_only');

    const haltUpdate = tg.pushMessage(ALLOWED, '/halt');
    const haltReply = await tg.waitForSent(
      (s) => s.replyToMessageId !== undefined && s.plain.includes('HALTED'),
    );
    expect(haltReply.chatId).toBe(ALLOWED);
    const halted = await readControl(kv, h.account);
    expect(halted.state).toBe('HALTED');
    expect(halted.updatedBy).toBe(`telegram:${ALLOWED}`);

    tg.pushMessage(ALLOWED, '/pause sma_cross');
    const pauseReply = await tg.waitForSent(
      (s) => s.replyToMessageId !== undefined && s.plain.includes('paused on'),
    );
    expect(pauseReply.plain).toContain('sma_cross');
    expect((await readControl(kv, h.account)).pausedStrategies).toEqual(['sma_cross']);

    // The KV watcher tells every allowlisted chat about the change (here: the one chat).
    await tg.waitForSent((s) => s.replyToMessageId === undefined && s.plain.includes('Trading HALTED'));

    await waitFor(
      () => controlCommands.filter((c) => c.cmd.account === h.account).length >= 2,
      5_000,
      'commands',
    );
    const mine = controlCommands.filter((c) => c.cmd.account === h.account);
    const halt = mine.find((c) => c.subject === 'ops.control.halt');
    expect(halt?.cmd.action).toBe(pb.ControlAction.CONTROL_ACTION_HALT);
    expect(halt?.cmd.issuedBy).toBe(`telegram:${ALLOWED}`);
    expect(halt?.msgId).toBe(`ctl:telegram:${haltUpdate}`);
    const pause = mine.find((c) => c.subject === 'ops.control.pause');
    expect(pause?.cmd.strategy).toBe('sma_cross');

    tg.pushMessage(ALLOWED, '/resume_trading');
    await tg.waitForSent((s) => s.replyToMessageId !== undefined && s.plain.includes('now ACTIVE'));
    expect((await readControl(kv, h.account)).state).toBe('ACTIVE');
  });

  test('commands from a chat not on the allowlist change nothing, get no reply, and are logged with the chat id', async () => {
    const tg = await telegram();
    const h = await start({ telegram: tg });
    const kv = await bus.kv('control');
    const commandsBefore = controlCommands.length;

    tg.pushMessage(STRANGER, '/halt');
    tg.pushMessage(STRANGER, '/pause sma_cross');
    // Updates are handled in order: once the allowlisted /status is answered, both were seen.
    tg.pushMessage(ALLOWED, '/status');
    const status = await tg.waitForSent((s) => s.chatId === ALLOWED && s.plain.includes('ACTIVE'));
    expect(status.plain).toContain('paused: none');

    const c = await readControl(kv, h.account);
    expect(c.revision).toBe(0);
    expect(c.state).toBe('ACTIVE');
    expect(tg.sentTo(STRANGER)).toHaveLength(0);
    expect(tg.sent).toHaveLength(1);
    const ignored = h
      .logs()
      .filter((l) => l['chatId'] === STRANGER && String(l['msg']).includes('allowlist'));
    expect(ignored).toHaveLength(2);
    expect(h.notifier.stats().ignoredChats).toBe(2);
    // Give a stray publish time to show up before asserting there was none.
    await new Promise((r) => setTimeout(r, 300));
    expect(controlCommands.slice(commandsBefore).filter((x) => x.cmd.account === h.account)).toHaveLength(0);
  });

  test('/daily and the scheduled summary report the fills and positions seen', async () => {
    const tg = await telegram();
    const clock = new SimulatedClock(Date.parse('2026-11-25T12:00:00Z'));
    const h = await start({ telegram: tg, clock, settings: { dailyAtUtc: '00:00' } });
    const instrument = { venue: 'OKX', symbol: 'BTC/USDT' };
    const snapshot = (timeMs: number, equity: string, mark: string) =>
      publisher.publish(
        codecs.PositionSnapshot,
        subjects.execPosition(h.account),
        {
          account: h.account,
          timeMs,
          cash: '9350',
          equity,
          quoteCurrency: 'USDT',
          positions: [
            { instrument, quantity: '0.01', averagePrice: '65000', markPrice: mark, unrealizedPnl: '0' },
          ],
        },
        { msgId: `pos:${h.account}:${timeMs}` },
      );
    await snapshot(Date.parse('2026-11-25T12:00:00Z'), '10000', '65000');
    await publisher.publish(
      codecs.Fill,
      subjects.execFill(h.account),
      {
        tradeId: 't-1',
        clientOrderId: 'abc123',
        account: h.account,
        instrument,
        side: pb.Side.SIDE_BUY,
        quantity: '0.01',
        price: '65000',
        fee: '0.65',
        feeCurrency: 'USDT',
        timeMs: Date.parse('2026-11-25T12:30:00Z'),
      },
      { msgId: 'fill:okx:t-1' },
    );
    await snapshot(Date.parse('2026-11-25T13:00:00Z'), '10150', '80000');
    await waitFor(
      () =>
        h.notifier.ledger.account(h.account)?.trades.count === 1 &&
        h.notifier.ledger.account(h.account)?.snapshot?.equity === '10150',
      5_000,
      'fill and snapshots in the ledger',
    );

    tg.pushMessage(ALLOWED, '/daily');
    const daily = await tg.waitForSent(
      (s) => s.replyToMessageId !== undefined && s.plain.includes('Daily summary'),
    );
    expect(daily.plain).toContain('+150.00 USDT');
    expect(daily.plain).toContain('Trades: 1 (1 buy / 0 sell)');
    expect(daily.plain).toContain('OKX:BTC/USDT 0.01 @ 65000');

    clock.set(Date.parse('2026-11-26T00:00:01Z'));
    const scheduled = await tg.waitForSent(
      (s) => s.replyToMessageId === undefined && s.plain.includes('Daily summary'),
    );
    expect(scheduled.plain).toContain('2026-11-25 00:00:00 UTC → 2026-11-26 00:00:00 UTC');
    expect(scheduled.plain).toContain('Trades: 1');
    expect(h.notifier.ledger.periodStartMs).toBe(Date.parse('2026-11-26T00:00:00Z'));
    expect(h.notifier.ledger.account(h.account)?.trades.count).toBe(0);
  });
});

describe('daily summary triggered by the scheduler', () => {
  test("with NOTIFIER_DAILY_TRIGGER=scheduler the timer is off and the scheduler's daily_summary_due sends it once", async () => {
    const tg = await telegram();
    const clock = new SimulatedClock(Date.parse('2026-11-25T12:00:00Z'));
    const h = await start({
      telegram: tg,
      clock,
      settings: {
        dailyAtUtc: '00:00',
        dailyTrigger: 'scheduler',
        durablePrefix: 'notifier-trigger',
        account: 'trig',
      },
    });
    clock.set(Date.parse('2026-11-26T00:10:00Z'));
    await new Promise((r) => setTimeout(r, 600));
    expect(tg.sent.filter((m) => m.plain.includes('Daily summary'))).toHaveLength(0); // no timer
    const due = Date.parse('2026-11-26T00:00:00Z');
    for (const id of ['a', 'b']) {
      // Two replicas' (or a retry's) triggers for the same day: one summary.
      await publisher.publish(
        codecs.Alert,
        subjects.alert('info'),
        {
          severity: pb.Severity.SEVERITY_INFO,
          source: 'scheduler',
          code: 'daily_summary_due',
          message: 'due',
          labels: { due_ms: String(due) },
          timeMs: due,
        },
        { msgId: `daily-trigger-test:${id}` },
      );
    }
    const summary = await tg.waitForSent((m) => m.plain.includes('Daily summary'));
    expect(summary.plain).toContain('2026-11-25 00:00:00 UTC → 2026-11-26 00:00:00 UTC');
    await new Promise((r) => setTimeout(r, 600));
    expect(tg.sent.filter((m) => m.plain.includes('Daily summary'))).toHaveLength(1);
    expect(tg.sent.some((m) => m.plain.includes('daily_summary_due'))).toBe(false); // not shown as an alert
    expect(h.notifier.ledger.periodStartMs).toBe(due);
  });
});

describe('restarts', () => {
  test('the summary ledger survives a restart through the checkpoint KV, and a redelivered fill counts once', async () => {
    const settings = { durablePrefix: 'notifier-restart', account: 'restart' };
    const first = await start({ settings });
    const fill = {
      tradeId: 'r-1',
      clientOrderId: 'r1',
      account: 'restart',
      instrument: { venue: 'OKX', symbol: 'ETH/USDT' },
      side: pb.Side.SIDE_SELL,
      quantity: '1',
      price: '3000',
      timeMs: Date.now(),
    };
    await publisher.publish(codecs.Fill, subjects.execFill('restart'), fill, { msgId: 'fill:okx:r-1' });
    await waitFor(() => first.notifier.ledger.account('restart')?.trades.count === 1, 5_000, 'fill counted');
    await first.notifier.stop();

    const second = await start({ settings });
    expect(second.notifier.ledger.account('restart')?.trades).toMatchObject({
      count: 1,
      sells: 1,
      notional: 3000,
    });
    // The same trade again (a re-publish with another message id): the ledger knows its trade id.
    await publisher.publish(codecs.Fill, subjects.execFill('restart'), fill, { msgId: 'fill:okx:r-1:again' });
    await waitFor(() => second.notifier.stats().received === 1, 5_000, 'second fill handled');
    expect(second.notifier.ledger.account('restart')?.trades.count).toBe(1);
  });
});

describe('without a bot token', () => {
  test('the same messages go to the console and to a file', async () => {
    const file = join(sinkDir, 'nested', 'messages.log');
    const out: string[] = [];
    const consoleStream = new Writable({
      write(chunk, _enc, cb) {
        out.push(chunk.toString());
        cb();
      },
    });
    const h = await start({ settings: { sinkFile: file }, console: consoleStream });
    expect(h.notifier.transport.name).toBe('console+file');
    await publishAlert('critical', { code: 'okx_down', message: 'OKX answers 503 <maintenance> & retries' });

    await waitFor(() => out.join('').includes('OKX answers 503'), 10_000, 'console output');
    await h.notifier.idle();
    const fileText = readFileSync(file, 'utf8');
    for (const text of [out.join(''), fileText]) {
      expect(text).toContain('OKX answers 503 <maintenance> & retries');
      expect(text).toContain('CRITICAL okx_down from risk-gate');
      expect(text).toContain('[notify]');
      expect(text).not.toContain('&lt;');
    }
  });
});
