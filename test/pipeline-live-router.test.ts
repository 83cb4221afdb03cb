import { Bus, readControl, SYSTEM_TOPOLOGY, subjects } from '@algotrader/bus';
import { clientOrderId, type Instrument, parseInstrument } from '@algotrader/core';
import {
  type BrokerOrder,
  type BrokerReport,
  type BrokerSnapshot,
  type LiveBroker,
  LiveRouter,
} from '@algotrader/order-router';
import { CONTROL_BUCKET, parsePipelineConfig, readAccount, readAll } from '@algotrader/pipeline';
import { codecs, pb } from '@algotrader/proto';
import { NatsServer, waitFor } from '@algotrader/testkit';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

const BTC = parseInstrument('OKX:BTC/USDT');
const T = Date.UTC(2025, 0, 6, 12);

/** An exchange that fills market orders at once and reports balances it is told. */
class FakeExchange implements LiveBroker {
  readonly name = 'fake';
  readonly placed: BrokerOrder[] = [];
  balances: Record<string, number> = { USDT: 10_000 };
  readonly #reports = new Map<string, BrokerReport>();

  async place(o: BrokerOrder): Promise<BrokerReport> {
    const known = this.#reports.get(o.clientOrderId);
    if (known) return known;
    this.placed.push(o);
    const price = 50_000;
    const r: BrokerReport = {
      clientOrderId: o.clientOrderId,
      exchangeOrderId: `x${this.placed.length}`,
      instrument: o.instrument,
      status: 'filled',
      filledQty: o.qty,
      avgPrice: price,
      fills: [
        {
          tradeId: `t${this.placed.length}`,
          qty: o.qty,
          price,
          fee: o.qty * price * 0.001,
          feeCurrency: 'USDT',
          timeMs: T + 1_000,
          maker: false,
        },
      ],
    };
    this.#reports.set(o.clientOrderId, r);
    this.balances.USDT = (this.balances.USDT ?? 0) - o.qty * price * 1.001;
    this.balances.BTC = (this.balances.BTC ?? 0) + o.qty;
    return r;
  }
  async cancel(id: string, instrument: Instrument): Promise<BrokerReport> {
    return (
      this.#reports.get(id) ?? {
        clientOrderId: id,
        instrument,
        status: 'canceled',
        filledQty: 0,
        avgPrice: 0,
        fills: [],
      }
    );
  }
  async lookup(id: string): Promise<BrokerReport | undefined> {
    return this.#reports.get(id);
  }
  async snapshot(): Promise<BrokerSnapshot> {
    return { openOrders: [], fills: [], balances: { ...this.balances } };
  }
  async close(): Promise<void> {}
}

describe('order-router for an exchange account (the LiveBroker seam)', () => {
  let server: NatsServer;
  let bus: Bus;
  let router: LiveRouter;
  const exchange = new FakeExchange();
  const pipeline = parsePipelineConfig({
    account: 'live1',
    broker: 'okx',
    instruments: ['OKX:BTC/USDT'],
    strategies: [{ name: 'sma_cross', instruments: ['OKX:BTC/USDT'] }],
  });

  beforeAll(async () => {
    server = await NatsServer.start();
    bus = await Bus.connect({ servers: server.url, service: 'test' });
    await bus.ensure(SYSTEM_TOPOLOGY);
    router = await LiveRouter.start({
      bus,
      pipeline,
      clock: { now: () => Date.now() },
      broker: exchange,
      pollMs: 200,
    });
  });
  afterAll(async () => {
    await router?.stop();
    await bus?.close();
    await server?.stop();
  });

  test('places an approved order once by its client id, publishes its events and fill, books the position', async () => {
    const id = clientOrderId({
      account: 'live1',
      strategy: 'sma_cross',
      instrument: BTC,
      decisionCloseMs: T,
    });
    const order = {
      clientOrderId: id,
      account: 'live1',
      strategy: 'sma_cross',
      instrument: { venue: 'OKX', symbol: 'BTC/USDT' },
      side: pb.Side.SIDE_BUY,
      type: pb.OrderType.ORDER_TYPE_MARKET,
      quantity: '0.1',
      decisionTimeMs: T,
    };
    await bus.publish(codecs.OrderRequest, subjects.orderApproved('live1'), order, { msgId: `ord:${id}` });
    // The same order again under another message id: the router must not place it twice.
    await bus.publish(codecs.OrderRequest, subjects.orderApproved('live1'), order, {
      msgId: `ord:${id}:again`,
    });
    await waitFor(
      async () => (await readAccount(bus, 'live1'))?.positions['OKX:BTC/USDT']?.qty === 0.1,
      10_000,
      'the fill booked',
    );
    expect(exchange.placed.map((o) => o.clientOrderId)).toEqual([id]);
    const fills = await readAll(bus, 'EXEC', 'exec.fill.live1', codecs.Fill);
    expect(fills.map((f) => [f.message.clientOrderId, f.message.quantity, f.message.price])).toEqual([
      [id, '0.1', '50000'],
    ]);
    const events = await readAll(bus, 'EXEC', 'exec.order.live1', codecs.OrderEvent);
    expect(events.map((e) => e.message.state)).toEqual([
      pb.OrderState.ORDER_STATE_SUBMITTED,
      pb.OrderState.ORDER_STATE_FILLED,
    ]);
  });

  test('a balance the account cannot explain switches the account to HALTED with an alert', async () => {
    exchange.balances.BTC = 0.35;
    await waitFor(
      async () => (await readControl(await bus.kv(CONTROL_BUCKET), 'live1')).state === 'HALTED',
      10_000,
      'the reconciliation halt',
    );
    const alerts = await readAll(bus, 'OPS', 'ops.alert.critical', codecs.Alert);
    expect(alerts.some((a) => a.message.code === 'reconcile_mismatch')).toBe(true);
  });
});
