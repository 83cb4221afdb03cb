import { Bus, subjects } from '@algotrader/bus';
import { clientOrderId } from '@algotrader/core';
import type { Notifier } from '@algotrader/notifier';
import { NOTIFY_DURABLE, type NotifyVenue, OrderRouter } from '@algotrader/order-router';
import { readAccount, readAll } from '@algotrader/pipeline';
import { codecs, pb } from '@algotrader/proto';
import { NatsServer, TelegramServer, waitFor } from '@algotrader/testkit';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  connectTestBus,
  MOUTAI,
  moutaiPipeline,
  PERSON,
  publishMoutaiBar,
  startManualNotifier,
  startNotifyVenue,
  toPerson,
} from './helpers/notify';

/**
 * The notify venue never loses a person's report to a crash, and never books one twice: a report
 * is acknowledged on OPS only after the router has saved the account state that books it, and a
 * report redelivered after a restart whose fill is already booked books nothing. Real nats-server;
 * Telegram replaced by the testkit's Bot API server, spoken to by the real grammy client.
 *
 * The crash window (saved, not yet acknowledged) is made by turning the first venue's
 * `committed()` into a no-op: the router saves, the report stays unacknowledged, the router stops,
 * and a new router with a new venue starts on the same streams and KV.
 */

const ACCOUNT = 'cncrash';
const DURABLE = NOTIFY_DURABLE;
const at = (iso: string) => Date.parse(iso);

let nats: NatsServer;
let tg: TelegramServer;
let bus: Bus;
let notifierBus: Bus;
let notifier: Notifier;
let router: OrderRouter | undefined;
const now = at('2021-09-30T02:00:00Z'); // 10:00 Shanghai
const clock = { now: () => now };

const pipeline = moutaiPipeline(ACCOUNT);
const startVenue = () => startNotifyVenue(bus, pipeline, clock);

beforeAll(async () => {
  nats = await NatsServer.start();
  tg = await TelegramServer.start();
  bus = await connectTestBus(nats.url);
  notifierBus = await Bus.connect({ servers: nats.url, service: 'notifier' });
  notifier = await startManualNotifier(notifierBus, tg, ACCOUNT, clock);
});

afterAll(async () => {
  await router?.stop();
  await notifier?.stop();
  await notifierBus?.close();
  await bus?.close();
  await tg?.stop();
  await nats?.stop();
});

const state = () => readAccount(bus, ACCOUNT);
const consumer = () => bus.jsm.consumers.info('OPS', DURABLE);

describe('notify venue: a report is acknowledged only once saved, and booked once across a restart', () => {
  const decision = at('2021-09-30T00:00:00Z');
  const id = clientOrderId({
    account: ACCOUNT,
    strategy: 'manual',
    instrument: MOUTAI,
    decisionCloseMs: decision,
  });

  test('booked and saved but not acknowledged; after the restart the redelivery books nothing', async () => {
    // The previous close (2021-09-29, real bar) for the price band.
    await publishMoutaiBar(bus, at('2021-09-29T00:00:00Z'), [1809, 1845.01, 1785.9, 1820, 4_329_065]);
    const first = await startVenue();
    first.committed = () => undefined; // the crash window: saved, never acknowledged
    router = await OrderRouter.start({ bus, pipeline, clock, venue: first, pollMs: 150 });
    await bus.publish(
      codecs.OrderRequest,
      subjects.orderApproved(ACCOUNT),
      {
        clientOrderId: id,
        account: ACCOUNT,
        strategy: 'manual',
        instrument: { venue: 'SSE', symbol: '600519/CNY' },
        side: pb.Side.SIDE_BUY,
        type: pb.OrderType.ORDER_TYPE_MARKET,
        quantity: '300',
        decisionTimeMs: decision,
      },
      { msgId: `ord:${id}` },
    );
    await tg.waitForSent(toPerson(`order ${id}`), 15_000);

    tg.pushMessage(PERSON, `/partial ${id} 100 1818.18`);
    await tg.waitForSent(toPerson('Booked: bought 100 600519 @ 1,818.18'), 15_000);
    await waitFor(async () => (await state())?.orders[id]?.filledQty === 100, 10_000, 'the fill saved');
    // Saved, yet the report is still unacknowledged on OPS (a crash now redelivers it).
    expect(first.unacked).toBe(1);
    expect((await consumer()).num_ack_pending).toBe(1);

    await router.stop(); // closes the venue, which gives the report back to the stream
    router = undefined;
    const saved = (await state())!;
    expect(saved.orders[id]?.trades).toHaveLength(1);

    const second = await startVenue();
    router = await OrderRouter.start({ bus, pipeline, clock, venue: second, pollMs: 150 });
    await waitFor(
      async () => {
        const c = await consumer();
        return c.delivered.consumer_seq >= 2 && c.num_ack_pending === 0 && c.num_pending === 0;
      },
      20_000,
      'the report redelivered and acknowledged',
    );
    const s = (await state())!;
    expect(s.orders[id]?.filledQty).toBe(100);
    expect(s.orders[id]?.trades).toHaveLength(1);
    expect(s.book.positions['SSE:600519/CNY']?.qty).toBe(100);
    // 100 × 1,818.18 = 181,818: commission 45.45, transfer 1.82 → 47.27.
    expect(s.book.cash).toBeCloseTo(1_000_000 - 181_818 - 47.27, 6);
    const fills = await readAll(bus, 'EXEC', subjects.execFill(ACCOUNT), codecs.Fill);
    expect(fills).toHaveLength(1);
    // The person hears it is booked (the first reply may have been lost with the crash).
    const again = await tg.waitForSent(toPerson(`(/partial ${id}) is booked`), 15_000);
    expect(again.plain).toContain('100 of 300 shares filled');
  });

  test('after the restart a new report books and is acknowledged once saved', async () => {
    tg.pushMessage(PERSON, `/filled ${id} 200 1820`);
    await tg.waitForSent(toPerson('Booked: bought 200 600519 @ 1,820.00'), 15_000);
    await waitFor(async () => (await state())?.orders[id]?.status === 'filled', 10_000, 'filled');
    await waitFor(async () => (await consumer()).num_ack_pending === 0, 10_000, 'acknowledged');
    expect((router!.venue as NotifyVenue).unacked).toBe(0);
    const s = (await state())!;
    expect(s.book.positions['SSE:600519/CNY']?.qty).toBe(300);
    expect(await readAll(bus, 'EXEC', subjects.execFill(ACCOUNT), codecs.Fill)).toHaveLength(2);
  });
});
