import { Bus, SYSTEM_TOPOLOGY, subjects } from '@algotrader/bus';
import { clientOrderId, parseInstrument } from '@algotrader/core';
import {
  type OrderRecord,
  OrderRouter,
  type ReconcileResult,
  type Venue,
  type VenueOrder,
  type VenueResult,
  type VenueSnapshot,
} from '@algotrader/order-router';
import { ORDERS_BUCKET, parsePipelineConfig, readAccount, readAll } from '@algotrader/pipeline';
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

/** An exchange that fills market orders at once; it counts what it was asked to place. */
class FillingExchange implements Venue {
  readonly name = 'fake';
  readonly fills = 'exchange' as const;
  readonly placed: VenueOrder[] = [];
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
  async reconcile(): Promise<ReconcileResult> {
    return { reports: [], alerts: [] };
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
      const pipeline = parsePipelineConfig({
        account: ACCOUNT,
        broker: 'okx',
        instruments: ['OKX:BTC/USDT'],
        strategies: [{ name: 'sma_cross', instruments: ['OKX:BTC/USDT'] }],
      });
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
});
