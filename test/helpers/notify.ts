import { Bus, SYSTEM_TOPOLOGY, subjects } from '@algotrader/bus';
import { type Clock, parseInstrument } from '@algotrader/core';
import { createLogger } from '@algotrader/core/node';
import { cnCosts } from '@algotrader/markets-cn';
import { loadSseCalendar } from '@algotrader/markets-cn/node';
import { type Notifier, parseNotifierSettings, startNotifier } from '@algotrader/notifier';
import { NotifyVenue } from '@algotrader/order-router';
import { type Pipeline, parsePipelineConfig, RiskLimitsSchema } from '@algotrader/pipeline';
import { codecs } from '@algotrader/proto';
import type { TelegramServer } from '@algotrader/testkit';
import { NO_LIMITS } from './fixtures';

/**
 * The notify-only venue's test setting, shared by its suites: Kweichow Moutai (SSE, daily bars,
 * real prices from data/cn), one person in chat {@link PERSON} who receives the suggestions and
 * reports the fills through the notifier, and the venue as the stages run it.
 */

export const MOUTAI = parseInstrument('SSE:600519/CNY');
export const PERSON = 1001;
export const DAY = 86_400_000;
export const silent = createLogger({ service: 'test', level: 'silent' });

/** A live pipeline trading Moutai on the `notify` venue: 1,000,000 CNY, lots of 100, no risk limits, the day in Shanghai. */
export function moutaiPipeline(account: string): Pipeline {
  return parsePipelineConfig({
    account,
    venue: 'SSE',
    timeframe: '1d',
    instruments: ['SSE:600519/CNY'],
    strategies: [{ name: 'sma_cross', instruments: ['SSE:600519/CNY'] }],
    broker: 'notify',
    paper: { initialCash: 1_000_000, quoteCurrency: 'CNY' },
    specs: { 'SSE:600519/CNY': { lotSize: 100, minQty: 100, tickSize: 0.01 } },
    risk: RiskLimitsSchema.parse({ ...NO_LIMITS, accountWaitMs: 10_000, dayOffsetMs: -8 * 3_600_000 }),
    mode: 'live',
  });
}

/** A test connection to `url` whose streams are in memory, with the system's streams and buckets made. */
export async function connectTestBus(url: string): Promise<Bus> {
  const bus = await Bus.connect({
    servers: url,
    service: 'test',
    ensure: { storage: 'memory', duplicateWindowMs: 60_000, replicas: 1 },
  });
  await bus.ensure(SYSTEM_TOPOLOGY);
  return bus;
}

/** The notifier taking manual fills for `account` from {@link PERSON} over the local Bot API server. */
export function startManualNotifier(
  bus: Bus,
  tg: TelegramServer,
  account: string,
  clock: Clock,
): Promise<Notifier> {
  return startNotifier({
    bus,
    settings: parseNotifierSettings(
      {},
      {
        account,
        manualFills: true,
        messagesPerMinute: 600,
        burst: 50,
        pollTimeoutS: 1,
        tickMs: 50,
        sinkFile: '/dev/null',
      },
    ),
    telegram: { botToken: tg.token, apiRoot: tg.apiRoot, allowedChatIds: [PERSON] },
    log: silent,
    clock,
  });
}

/** The notify venue on `bus` (SSE calendar, China A-share costs, 60 minutes' grace, limits 50 bps off). */
export function startNotifyVenue(bus: Bus, pipeline: Pipeline, clock: Clock): Promise<NotifyVenue> {
  return NotifyVenue.start({
    bus,
    ownsBus: false,
    pipeline,
    calendar: loadSseCalendar(),
    costs: cnCosts(),
    settings: { graceMinutes: 60, limitOffsetBps: 50 },
    clock,
    log: silent,
  });
}

/** Publishes Moutai's daily bar opening at `open` (no set marker). */
export async function publishMoutaiBar(
  bus: Bus,
  open: number,
  [o, h, l, c, v]: readonly [number, number, number, number, number],
): Promise<void> {
  await bus.publish(
    codecs.Bar,
    subjects.bar(MOUTAI, '1d'),
    {
      instrument: { venue: 'SSE', symbol: '600519/CNY' },
      timeframe: '1d',
      openTimeMs: open,
      closeTimeMs: open + DAY,
      open: o,
      high: h,
      low: l,
      close: c,
      volume: v,
    },
    { msgId: `bar:sse:600519-CNY:1d:${open}` },
  );
}

/** Matches a message to {@link PERSON} containing `text`. */
export const toPerson = (text: string) => (m: { chatId: number | string; plain: string }) =>
  String(m.chatId) === String(PERSON) && m.plain.includes(text);
