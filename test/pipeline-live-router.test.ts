import { Bus, readControl, SYSTEM_TOPOLOGY, subjects } from '@algotrader/bus';
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
import { CONTROL_BUCKET, parsePipelineConfig, readAccount, readAll } from '@algotrader/pipeline';
import { codecs, pb } from '@algotrader/proto';
import { NatsServer, waitFor } from '@algotrader/testkit';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

const BTC = parseInstrument('OKX:BTC/USDT');
const T = Date.UTC(2025, 0, 6, 12);

/** An exchange that fills market orders at once and holds the balances it is told. */
class FakeExchange implements Venue {
  readonly name = 'fake';
  readonly fills = 'exchange' as const;
  readonly placed: VenueOrder[] = [];
  balances: Record<string, number> = { USDT: 10_000 };
  /** The next placement lands, but the call throws (a connection dropped before the answer). */
  failNextPlace = false;
  readonly #reports = new Map<string, VenueReport>();

  async place(o: VenueOrder): Promise<VenueResult> {
    const known = this.#reports.get(o.clientOrderId);
    if (known) return { reports: [known], alerts: [] };
    this.placed.push(o);
    const price = 50_000;
    const r: VenueReport = {
      clientOrderId: o.clientOrderId,
      exchangeOrderId: `x${this.placed.length}`,
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
    this.balances.USDT = (this.balances.USDT ?? 0) - o.qty * price * 1.001;
    this.balances.BTC = (this.balances.BTC ?? 0) + o.qty;
    if (this.failNextPlace) {
      this.failNextPlace = false;
      this.#reports.set(o.clientOrderId, r);
      throw new Error('socket hang up');
    }
    this.#reports.set(o.clientOrderId, { ...r, fills: [] });
    return { reports: [{ ...r, status: 'submitted', filledQty: 0, fills: [] }, r], alerts: [] };
  }
  async cancel(o: OrderRecord): Promise<VenueResult> {
    return {
      reports: [this.#reports.get(o.clientOrderId) ?? { ...o, status: 'canceled', avgPrice: 0, fills: [] }],
      alerts: [],
    };
  }
  async lookup(o: OrderRecord): Promise<VenueResult> {
    const r = this.#reports.get(o.clientOrderId);
    if (r) this.#reports.set(o.clientOrderId, { ...r, fills: [] });
    return { reports: r ? [r] : [], alerts: [] };
  }
  async snapshot(): Promise<VenueSnapshot> {
    return { cash: this.balances.USDT ?? 0, positions: {} };
  }
  async reconcile(book: LocalBook): Promise<ReconcileResult> {
    const held = book.positions['OKX:BTC/USDT'] ?? 0;
    const bal = this.balances.BTC ?? 0;
    if (Math.abs(bal - held) > 1e-9)
      return {
        reports: [],
        alerts: [],
        halt: { reason: 'reconcile_mismatch', detail: `exchange holds ${bal} BTC, the account ${held}` },
      };
    return { reports: [], alerts: [], cash: this.balances.USDT ?? 0 };
  }
  async close(): Promise<void> {}
}

describe('order-router for an exchange account (the Venue seam)', () => {
  let server: NatsServer;
  let bus: Bus;
  let router: OrderRouter;
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
    router = await OrderRouter.start({
      bus,
      pipeline,
      clock: { now: () => Date.now() },
      venue: exchange,
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
      async () => (await readAccount(bus, 'live1'))?.book.positions['OKX:BTC/USDT']?.qty === 0.1,
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

  test('a placement that throws leaves the order unknown with a critical alert; the next lookup settles it', async () => {
    const id = clientOrderId({
      account: 'live1',
      strategy: 'sma_cross',
      instrument: BTC,
      decisionCloseMs: T + 3_600_000,
    });
    exchange.failNextPlace = true;
    await bus.publish(
      codecs.OrderRequest,
      subjects.orderApproved('live1'),
      {
        clientOrderId: id,
        account: 'live1',
        strategy: 'sma_cross',
        instrument: { venue: 'OKX', symbol: 'BTC/USDT' },
        side: pb.Side.SIDE_BUY,
        type: pb.OrderType.ORDER_TYPE_MARKET,
        quantity: '0.05',
        decisionTimeMs: T + 3_600_000,
      },
      { msgId: `ord:${id}` },
    );
    const states = async () =>
      (await readAll(bus, 'EXEC', 'exec.order.live1', codecs.OrderEvent))
        .filter((e) => e.message.clientOrderId === id)
        .map((e) => e.message.state);
    await waitFor(
      async () => (await states()).includes(pb.OrderState.ORDER_STATE_FILLED),
      10_000,
      'the lookup to settle the order',
    );
    expect(await states()).toEqual([pb.OrderState.ORDER_STATE_UNKNOWN, pb.OrderState.ORDER_STATE_FILLED]);
    const alerts = await readAll(bus, 'OPS', 'ops.alert.critical', codecs.Alert);
    expect(
      alerts.some((a) => a.message.code === 'venue_failed' && /socket hang up/.test(a.message.message ?? '')),
    ).toBe(true);
    await waitFor(
      async () => (await readAccount(bus, 'live1'))?.book.positions['OKX:BTC/USDT']?.qty === 0.15,
      10_000,
      'the fill booked once',
    );
    expect((await readControl(await bus.kv(CONTROL_BUCKET), 'live1')).state).toBe('ACTIVE');
  });

  test('a balance the account cannot explain switches the account to HALTED with an alert', async () => {
    exchange.balances.BTC = 0.35;
    await waitFor(
      async () => (await readControl(await bus.kv(CONTROL_BUCKET), 'live1')).state === 'HALTED',
      10_000,
      'the reconciliation halt',
    );
    const alerts = await readAll(bus, 'OPS', 'ops.alert.critical', codecs.Alert);
    expect(alerts.some((a) => a.message.code === 'halted_reconcile_mismatch')).toBe(true);
  });
});
