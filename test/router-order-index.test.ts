import { Bus, SYSTEM_TOPOLOGY, subjects } from '@algotrader/bus';
import { clientOrderId, parseInstrument } from '@algotrader/core';
import {
  type LocalBook,
  type OrderRecord,
  OrderRouter,
  type ReconcileResult,
  type Venue,
  type VenueOrder,
  type VenueReport,
  type VenueResult,
  type VenueSnapshot,
} from '@algotrader/order-router';
import { decodeOrder, ORDERS_BUCKET, parsePipelineConfig, readAccount, readAll } from '@algotrader/pipeline';
import { codecs, pb } from '@algotrader/proto';
import { NatsServer, waitFor } from '@algotrader/testkit';
import { describe, expect, test } from 'vitest';

/**
 * The order index (KV `orders`, finished orders by client order id) is written after the account
 * save without holding up the next input. These tests prove that leaves nothing out: index puts
 * that fail are put again before the next save, and an order repeated while its index put is
 * still owed is a duplicate, not placed twice.
 */

const BTC = parseInstrument('OKX:BTC/USDT');
const T = Date.UTC(2025, 0, 6, 12);
const ACCOUNT = 'idx1';
/** An OKX account (an `exchange` venue: orders fill on the venue's reports, reconciled by polls). */
const pipeline = parsePipelineConfig({
  account: ACCOUNT,
  broker: 'okx',
  instruments: ['OKX:BTC/USDT'],
  strategies: [{ name: 'sma_cross', instruments: ['OKX:BTC/USDT'] }],
});

/**
 * An exchange that fills market orders at once; it counts what it was asked to place, keeps the
 * router's records each reconciliation compared, and answers a reconciliation with `extra`.
 */
class FillingExchange implements Venue {
  readonly name = 'fake';
  readonly fills = 'exchange' as const;
  readonly placed: VenueOrder[] = [];
  readonly books: LocalBook[] = [];
  extra: VenueReport | undefined;
  async place(o: VenueOrder): Promise<VenueResult> {
    this.placed.push(o);
    const n = this.placed.length;
    return {
      reports: [
        {
          clientOrderId: o.clientOrderId,
          exchangeOrderId: `x${n}`,
          status: 'filled',
          filledQty: o.qty,
          avgPrice: 50_000,
          fills: [
            {
              tradeId: `t${n}`,
              qty: o.qty,
              price: 50_000,
              fee: 0,
              feeCurrency: 'USDT',
              timeMs: T + n,
              maker: false,
            },
          ],
        },
      ],
      alerts: [],
    };
  }
  async cancel(o: OrderRecord): Promise<VenueResult> {
    return { reports: [{ ...o, status: 'canceled', avgPrice: 0, fills: [] }], alerts: [] };
  }
  async lookup(): Promise<VenueResult> {
    return { reports: [], alerts: [] };
  }
  async snapshot(): Promise<VenueSnapshot> {
    return { cash: 1_000_000, positions: {} };
  }
  async reconcile(book: LocalBook): Promise<ReconcileResult> {
    this.books.push(book);
    return { reports: this.extra ? [this.extra] : [], alerts: [] };
  }
  async close(): Promise<void> {}
}

const order = (i: number) => {
  const id = clientOrderId({ account: ACCOUNT, strategy: 's', instrument: BTC, decisionCloseMs: T + i });
  return {
    clientOrderId: id,
    account: ACCOUNT,
    strategy: 's',
    instrument: { venue: 'OKX', symbol: 'BTC/USDT' },
    side: pb.Side.SIDE_BUY,
    type: pb.OrderType.ORDER_TYPE_MARKET,
    quantity: '0.01',
    decisionTimeMs: T + i,
  };
};

describe('order-router: the order index off the serial path', () => {
  test('index puts that failed are put again by the next save; a finished order repeated is not placed twice', async () => {
    const server = await NatsServer.start();
    const bus = await Bus.connect({ servers: server.url, service: 'test' });
    const exchange = new FillingExchange();
    let router: OrderRouter | undefined;
    try {
      await bus.ensure(SYSTEM_TOPOLOGY);
      router = await OrderRouter.start({
        bus,
        pipeline,
        clock: { now: () => Date.now() },
        venue: exchange,
        pollMs: 60_000,
      });
      const kv = await bus.kv(ORDERS_BUCKET);
      const indexed = async (id: string) => (await kv.get(id))?.operation === 'PUT';
      // The index refuses every value (too large for it): the puts after the next save fail, reads work.
      const stream = `KV_${ORDERS_BUCKET}`;
      await bus.jsm.streams.update(stream, { max_msg_size: 4 });
      const a = order(1);
      await bus.publish(codecs.OrderRequest, subjects.orderApproved(ACCOUNT), a, {
        msgId: `o:${a.clientOrderId}`,
      });
      await waitFor(
        async () => (await readAccount(bus, ACCOUNT))?.done.includes(a.clientOrderId) === true,
        10_000,
        'order A filled and saved',
      );
      await waitFor(() => router!.counters.saves >= 2, 10_000, 'the save after A');
      expect(await indexed(a.clientOrderId)).toBe(false);
      // Back: the next save puts A's index entry again before it saves.
      await bus.jsm.streams.update(stream, { max_msg_size: -1 });
      const b = order(2);
      await bus.publish(codecs.OrderRequest, subjects.orderApproved(ACCOUNT), b, {
        msgId: `o:${b.clientOrderId}`,
      });
      await waitFor(
        async () => (await indexed(a.clientOrderId)) && (await indexed(b.clientOrderId)),
        10_000,
        'A (put again) and B indexed',
      );
      expect(router.counters.indexRetries).toBeGreaterThanOrEqual(1);
      // Both again under new message ids (a gate that restarted past the dedupe window): duplicates.
      for (const m of [a, b]) {
        await bus.publish(codecs.OrderRequest, subjects.orderApproved(ACCOUNT), m, {
          msgId: `o:${m.clientOrderId}:again`,
        });
      }
      await waitFor(() => router!.counters.duplicates >= 2, 10_000, 'both repeats taken as duplicates');
      expect(exchange.placed.map((o) => o.clientOrderId)).toEqual([a.clientOrderId, b.clientOrderId]);
      const fills = await readAll(bus, 'EXEC', `exec.fill.${ACCOUNT}`, codecs.Fill);
      expect(fills.map((f) => f.message.clientOrderId)).toEqual([a.clientOrderId, b.clientOrderId]);
    } finally {
      await router?.stop();
      await bus.close();
      await server.stop();
    }
  });

  test('finished orders leave the account value once indexed; reconciliation still sees them, after a restart too, and a late fill of one is booked once', async () => {
    const server = await NatsServer.start();
    const bus = await Bus.connect({ servers: server.url, service: 'test' });
    let router: OrderRouter | undefined;
    try {
      await bus.ensure(SYSTEM_TOPOLOGY);
      const start = (venue: Venue) =>
        OrderRouter.start({ bus, pipeline, clock: { now: () => Date.now() }, venue, pollMs: 100 });
      const exchange = new FillingExchange();
      router = await start(exchange);
      const ids: string[] = [];
      for (let i = 1; i <= 6; i++) {
        const m = order(i);
        ids.push(m.clientOrderId);
        await bus.publish(codecs.OrderRequest, subjects.orderApproved(ACCOUNT), m, {
          msgId: `o:${m.clientOrderId}`,
        });
        await waitFor(
          async () => (await readAccount(bus, ACCOUNT))?.done.includes(m.clientOrderId) === true,
          10_000,
          `order ${i} filled and saved`,
        );
      }
      // The polls' saves take every finished record out once the index has it; `done` keeps the ids.
      await waitFor(
        async () => {
          const a = await readAccount(bus, ACCOUNT);
          return a !== undefined && ids.every((id) => a.orders[id] === undefined);
        },
        10_000,
        'the finished records out of the account value',
      );
      expect((await readAccount(bus, ACCOUNT))?.done).toEqual(ids);
      const kv = await bus.kv(ORDERS_BUCKET);
      const indexed = async (id: string) => {
        const e = await kv.get(id);
        return e?.operation === 'PUT' ? decodeOrder(e.value) : undefined;
      };
      for (const id of ids) expect((await indexed(id))?.status).toBe('filled');
      // The reconciliation still compares every recently finished order.
      const seen = (v: FillingExchange) => async () => {
        const n = v.books.length;
        await waitFor(() => v.books.length > n, 10_000, 'a reconciliation');
        return v.books[v.books.length - 1]!.orders;
      };
      let book = await seen(exchange)();
      expect(book.map((o) => o.clientOrderId)).toEqual(ids);
      expect(book.every((o) => o.status === 'filled' && o.filledQty === 0.01)).toBe(true);

      // A late execution of the first order: booked once, its record back in the value and indexed again.
      exchange.extra = {
        clientOrderId: ids[0]!,
        status: 'filled',
        filledQty: 0.011,
        avgPrice: 50_000,
        fills: [
          {
            tradeId: 'late1',
            qty: 0.001,
            price: 50_000,
            fee: 0,
            feeCurrency: 'USDT',
            timeMs: T + 100,
            maker: false,
          },
        ],
      };
      await waitFor(
        async () => (await indexed(ids[0]!))?.trades?.includes('late1') === true,
        10_000,
        'order 1 indexed again',
      );
      await seen(exchange)();
      await seen(exchange)();
      const lateFills = async () =>
        (await readAll(bus, 'EXEC', `exec.fill.${ACCOUNT}`, codecs.Fill)).filter(
          (f) => f.message.tradeId === 'late1',
        );
      expect(await lateFills()).toHaveLength(1);
      // Indexed as it is now, its record leaves the value again (reports that change nothing since too).
      await waitFor(
        async () => (await readAccount(bus, ACCOUNT))?.orders[ids[0]!] === undefined,
        10_000,
        "order 1's record out of the value again",
      );

      // A new instance reads the records the value no longer holds back from the index.
      await router.stop();
      const again = new FillingExchange();
      again.extra = exchange.extra;
      router = await start(again);
      book = await seen(again)();
      expect(book.map((o) => o.clientOrderId)).toEqual(ids);
      expect(book[0]).toMatchObject({ filledQty: 0.011, trades: ['t1', 'late1'] });
      await seen(again)();
      expect(await lateFills()).toHaveLength(1);
      expect((await readAccount(bus, ACCOUNT))?.fills).toBe(7);
      expect(again.placed).toEqual([]);

      // An index entry gone (a purged bucket): said at start, not silently compared without it.
      await router.stop();
      await kv.purge(ids[2]!);
      const third = new FillingExchange();
      router = await start(third);
      book = await seen(third)();
      expect(book.map((o) => o.clientOrderId)).toEqual(ids.filter((id) => id !== ids[2]));
      await waitFor(
        async () =>
          (await readAll(bus, 'OPS', 'ops.alert.>', codecs.Alert)).some(
            (a) => a.message.code === 'order_index_missing' && a.message.message?.includes(ids[2]!),
          ),
        10_000,
        'the order_index_missing alert',
      );
    } finally {
      await router?.stop();
      await bus.close();
      await server.stop();
    }
  });
});
