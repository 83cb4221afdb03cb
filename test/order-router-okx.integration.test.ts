import { Bus, readControl, SYSTEM_TOPOLOGY, subjects } from '@algotrader/bus';
import { clientOrderId, parseConfig, parseInstrument } from '@algotrader/core';
import { createLogger } from '@algotrader/core/node';
import {
  createVenue,
  type OrderRecord,
  OrderRouter,
  type Venue,
  type VenueOrder,
} from '@algotrader/order-router';
import { CONTROL_BUCKET, parsePipelineConfig, readAccount, readAll } from '@algotrader/pipeline';
import { codecs, pb } from '@algotrader/proto';
import { NatsServer, OkxTradeServer, waitFor } from '@algotrader/testkit';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createOkxSpotVenue, decimalString, toOrderRequest } from '../apps/order-router/src/okx/index';

/**
 * The order-router for an OKX account end to end: real nats-server, the OrderRouter, the OKX
 * spot venue (`createVenue`, as `src/main.ts` gets it from the registry) and a real ccxt talking
 * to the local OKX v5 private endpoints.
 */

const BTC = parseInstrument('OKX:BTC/USDT');
const CREDS = { apiKey: 'k-router-1', secret: 'S3CR3T-router', passphrase: 'Pa55-router' };
const BATCH = '/api/v5/trade/batch-orders';
const T = Date.UTC(2025, 0, 6, 12);
const silent = createLogger({ service: 'test', level: 'silent' });

const pipeline = parsePipelineConfig({
  account: 'live1',
  broker: 'okx',
  instruments: ['OKX:BTC/USDT'],
  strategies: [{ name: 'sma_cross', instruments: ['OKX:BTC/USDT'] }],
});

async function startOkx(): Promise<OkxTradeServer> {
  const s = await OkxTradeServer.start({
    credentials: CREDS,
    instruments: [{ instId: 'BTC-USDT', tickSz: '0.1', lotSz: '0.00000001', minSz: '0.00001' }],
    balances: { USDT: '100000' },
  });
  s.setMarketPrice('BTC-USDT', '30000');
  return s;
}

function configFor(okx: OkxTradeServer, over: Record<string, string | undefined> = {}) {
  return parseConfig(
    {},
    {
      OKX_API_KEY: CREDS.apiKey,
      OKX_SECRET: CREDS.secret,
      OKX_PASSWORD: CREDS.passphrase,
      OKX_REST_URL: okx.url,
      ...over,
    },
  );
}

/**
 * A real nats-server, the system topology and an OrderRouter on the OKX venue of `okx` (polling
 * every 100 ms) for `fn`; everything is stopped afterwards, the OKX server too.
 */
async function withRouter(okx: OkxTradeServer, fn: (bus: Bus) => Promise<void>): Promise<void> {
  let nats: NatsServer | undefined;
  let bus: Bus | undefined;
  let router: OrderRouter | undefined;
  try {
    nats = await NatsServer.start();
    bus = await Bus.connect({ servers: nats.url, service: 'test' });
    await bus.ensure(SYSTEM_TOPOLOGY);
    const venue = await createVenue({ config: configFor(okx), pipeline, log: silent });
    router = await OrderRouter.start({ bus, pipeline, clock: { now: () => Date.now() }, venue, pollMs: 100 });
    await fn(bus);
  } finally {
    await router?.stop();
    await bus?.close();
    await nats?.stop();
    await okx.stop();
  }
}

describe('order-router → OKX adapter → local OKX exchange', () => {
  let nats: NatsServer;
  let okx: OkxTradeServer;
  let bus: Bus;
  let router: OrderRouter;
  let venue: Venue;
  const id = clientOrderId({ account: 'live1', strategy: 'sma_cross', instrument: BTC, decisionCloseMs: T });
  const order = {
    clientOrderId: id,
    account: 'live1',
    strategy: 'sma_cross',
    instrument: { venue: 'OKX', symbol: 'BTC/USDT' },
    side: pb.Side.SIDE_BUY,
    type: pb.OrderType.ORDER_TYPE_LIMIT,
    quantity: '0.01',
    limitPrice: '29000',
    decisionTimeMs: T,
  };
  const placementsOf = (clOrdId: string) =>
    okx.requests.filter((r) => r.path === BATCH && JSON.stringify(r.body).includes(`"clOrdId":"${clOrdId}"`));
  const states = async () =>
    (await readAll(bus, 'EXEC', 'exec.order.live1', codecs.OrderEvent))
      .filter((e) => e.message.clientOrderId === id)
      .map((e) => e.message.state);

  beforeAll(async () => {
    nats = await NatsServer.start();
    okx = await startOkx();
    bus = await Bus.connect({ servers: nats.url, service: 'test' });
    await bus.ensure(SYSTEM_TOPOLOGY);
    venue = await createVenue({ config: configFor(okx), pipeline, log: silent });
    router = await OrderRouter.start({
      bus,
      pipeline,
      clock: { now: () => Date.now() },
      venue,
      pollMs: 200,
    });
  });
  afterAll(async () => {
    await router?.stop();
    await bus?.close();
    await nats?.stop();
    await okx?.stop();
  });

  test('an approved order, delivered twice, lands on OKX once under its clOrdId and rests', async () => {
    await bus.publish(codecs.OrderRequest, subjects.orderApproved('live1'), order, { msgId: `ord:${id}` });
    await bus.publish(codecs.OrderRequest, subjects.orderApproved('live1'), order, {
      msgId: `ord:${id}:again`,
    });
    await waitFor(
      async () => (await states()).includes(pb.OrderState.ORDER_STATE_ACCEPTED),
      10_000,
      'the order accepted',
    );
    // Both deliveries consumed, then a few polls: still one order on the exchange.
    await waitFor(async () => ((await readAccount(bus, 'live1'))?.orderSeq ?? 0) >= 2, 10_000, 'both read');
    await new Promise((r) => setTimeout(r, 500));
    expect(okx.orders().map((o) => o.clOrdId)).toEqual([id]);
    expect(placementsOf(id)).toHaveLength(1);
    expect(placementsOf(id)[0]!.body).toEqual([
      expect.objectContaining({ clOrdId: id, side: 'buy', ordType: 'limit', sz: '0.01', px: '29000' }),
    ]);
    expect(await states()).toEqual([pb.OrderState.ORDER_STATE_SUBMITTED, pb.OrderState.ORDER_STATE_ACCEPTED]);
    expect(await readAll(bus, 'EXEC', 'exec.fill.live1', codecs.Fill)).toEqual([]);
  });

  test('filled on the exchange → FILLED event and one Fill on exec.*, position booked net of the BTC fee', async () => {
    // Filled between the router's order lookup and its balance read: the balances are then ahead of
    // the account. The router must look the order up again rather than halt on a false mismatch.
    okx.beforeNext('/api/v5/account/balance', () => okx.fillOrder(id, '0.01'));
    await waitFor(
      async () => (await readAll(bus, 'EXEC', 'exec.fill.live1', codecs.Fill)).length > 0,
      10_000,
      'the fill published',
    );
    await waitFor(
      async () => (await states()).includes(pb.OrderState.ORDER_STATE_FILLED),
      10_000,
      'the FILLED event',
    );
    // More polls must not publish the fill again.
    await new Promise((r) => setTimeout(r, 600));
    const fills = await readAll(bus, 'EXEC', 'exec.fill.live1', codecs.Fill);
    expect(
      fills.map((f) => [
        f.message.clientOrderId,
        f.message.quantity,
        f.message.price,
        f.message.feeCurrency,
        f.message.maker,
      ]),
    ).toEqual([[id, '0.01', '29000', 'BTC', true]]);
    expect(fills[0]!.message.tradeId).toMatch(/^BTC-USDT:/);
    expect(Number(fills[0]!.message.fee)).toBeGreaterThan(0);
    expect(await states()).toEqual([
      pb.OrderState.ORDER_STATE_SUBMITTED,
      pb.OrderState.ORDER_STATE_ACCEPTED,
      pb.OrderState.ORDER_STATE_FILLED,
    ]);
    const fee = Number(fills[0]!.message.fee);
    await waitFor(
      async () =>
        Math.abs(
          ((await readAccount(bus, 'live1'))?.book.positions['OKX:BTC/USDT']?.qty ?? 0) - (0.01 - fee),
        ) < 1e-12,
      10_000,
      'the position booked',
    );
    // The exchange balance matches the booked position: reconciliation does not halt.
    await new Promise((r) => setTimeout(r, 500));
    expect((await readControl(await bus.kv(CONTROL_BUCKET), 'live1')).state).not.toBe('HALTED');
    expect(okx.orders()).toHaveLength(1);
  });

  test('an entry with a trailing stop is refused, never sent without it: REJECTED with the reason, and an alert', async () => {
    const xid = clientOrderId({
      account: 'live1',
      strategy: 'sma_cross',
      instrument: BTC,
      decisionCloseMs: T + 3_600_000,
    });
    await bus.publish(
      codecs.OrderRequest,
      subjects.orderApproved('live1'),
      {
        ...order,
        clientOrderId: xid,
        decisionTimeMs: T + 3_600_000,
        exits: { stopLossPrice: '28000', trailingStopFraction: '0.05' },
      },
      { msgId: `ord:${xid}` },
    );
    const events = async () =>
      (await readAll(bus, 'EXEC', 'exec.order.live1', codecs.OrderEvent)).filter(
        (e) => e.message.clientOrderId === xid,
      );
    await waitFor(async () => (await events()).length > 0, 10_000, 'the refusal event');
    const [e] = await events();
    expect(e!.message.state).toBe(pb.OrderState.ORDER_STATE_REJECTED);
    expect(e!.message.reason).toMatch(
      /a trailing stop is not supported on the OKX venue \(it would be a move_order_stop algo order placed after the fill, which this venue does not place\)/,
    );
    await waitFor(
      async () =>
        (await readAll(bus, 'OPS', 'ops.alert.warning', codecs.Alert)).some(
          (a) => a.message.code === 'exits_unsupported' && (a.message.message ?? '').includes(xid),
        ),
      10_000,
      'the exits_unsupported alert',
    );
    expect(placementsOf(xid)).toEqual([]);
  });

  test('a fresh venue (after a restart) placing the same order finds it instead of sending it again', async () => {
    const again = await createOkxSpotVenue({
      account: 'live1',
      symbols: ['BTC/USDT'],
      apiKey: CREDS.apiKey,
      secret: CREDS.secret,
      password: CREDS.passphrase,
      restUrl: okx.url,
      clock: { now: () => Date.now() },
      retry: { attempts: 2, baseMs: 5, maxMs: 10 },
    });
    const o: VenueOrder = {
      clientOrderId: id,
      instrument: BTC,
      side: 'buy',
      type: 'limit',
      qty: 0.01,
      limitPrice: 29_000,
      strategy: 'sma_cross',
      decisionTime: T,
    };
    const placed = await again.place(o);
    const r = placed.reports.at(-1)!;
    expect(r).toMatchObject({ clientOrderId: id, status: 'filled', filledQty: 0.01, avgPrice: 29_000 });
    expect(r.fills.map((f) => [f.qty, f.price])).toEqual([[0.01, 29_000]]);
    expect(placed.halt).toBeUndefined();
    expect(placementsOf(id)).toHaveLength(1);
    expect(okx.orders()).toHaveLength(1);

    const snap = await again.snapshot();
    expect(snap.positions['OKX:BTC/USDT']?.qty).toBeCloseTo(0.01 - r.fills[0]!.fee, 12);
    expect(snap.cash).toBe(100_000 - 290);
    expect(snap.positions['OKX:BTC/USDT']?.price).toBe(30_000);
    await again.close();
  });
});

describe('a new exchange account that already holds coins', () => {
  test("the book opens at the exchange: its cash, each holding at OKX's valuation; reconciliation agrees", async () => {
    const okx = await OkxTradeServer.start({
      credentials: CREDS,
      instruments: [{ instId: 'BTC-USDT', tickSz: '0.1', lotSz: '0.00000001', minSz: '0.00001' }],
      balances: { USDT: '5000', BTC: '0.2' },
    });
    okx.setMarketPrice('BTC-USDT', '30000');
    await withRouter(okx, async (bus) => {
      const book = (await readAccount(bus, 'live1'))!.book;
      expect(book.cash).toBe(5_000);
      expect(book.positions['OKX:BTC/USDT']).toMatchObject({ qty: 0.2, avg: 30_000 });
      expect([book.equity, book.peakEquity, book.dayStartEquity]).toEqual([11_000, 11_000, 11_000]);
      // Several reconciliations later: the exchange and the book agree, nothing halts.
      const polls = okx.count('/api/v5/account/balance');
      await waitFor(() => okx.count('/api/v5/account/balance') >= polls + 3, 10_000, 'three reconciliations');
      expect((await readControl(await bus.kv(CONTROL_BUCKET), 'live1')).state).toBe('ACTIVE');
    });
  });
});

describe('an exit OKX holds, triggered while the router runs', () => {
  // 'mid-reconciliation': OKX fires the exit after a reconciliation pass read open orders and
  // fills but before it reads the balance — the balance is then ahead of every order the pass saw.
  test.each(['while the router waits', 'mid-reconciliation'])(
    'a take-profit attached to the entry fires on OKX (%s): booked as the exit (Fill exit_reason take_profit), exits disarmed, no halt',
    async (when) => {
      const okx = await startOkx();
      await withRouter(okx, async (bus) => {
        const xid = clientOrderId({
          account: 'live1',
          strategy: 'sma_cross',
          instrument: BTC,
          decisionCloseMs: T,
        });
        const exitId = `ax${xid.slice(2)}`;
        await bus.publish(
          codecs.OrderRequest,
          subjects.orderApproved('live1'),
          {
            clientOrderId: xid,
            account: 'live1',
            strategy: 'sma_cross',
            instrument: { venue: 'OKX', symbol: 'BTC/USDT' },
            side: pb.Side.SIDE_BUY,
            type: pb.OrderType.ORDER_TYPE_MARKET,
            quantity: '0.01',
            decisionTimeMs: T,
            exits: { stopLossPrice: '27000', takeProfitPrice: '33000' },
          },
          { msgId: `ord:${xid}` },
        );
        const fills = async () =>
          (await readAll(bus, 'EXEC', 'exec.fill.live1', codecs.Fill)).map((f) => f.message);
        await waitFor(
          async () => (await fills()).some((f) => f.clientOrderId === xid),
          10_000,
          'the entry fill',
        );
        // The router records what OKX holds for the position: the exits, under the entry's strategy.
        await waitFor(
          async () => (await readAccount(bus, 'live1'))?.protections?.['OKX:BTC/USDT'] !== undefined,
          10_000,
          'the exits recorded as armed',
        );
        expect((await readAccount(bus, 'live1'))!.protections!['OKX:BTC/USDT']!.strategy).toBe('sma_cross');

        // The market rises to the take-profit: OKX sells the holding with an order of its own.
        let exit: { ordId: string } | undefined;
        if (when === 'mid-reconciliation') {
          okx.beforeNext('/api/v5/account/balance', () => {
            exit = okx.triggerAttached(xid, 'tp');
          });
          await waitFor(() => exit !== undefined, 10_000, 'a reconciliation to read the balance');
        } else {
          exit = okx.triggerAttached(xid, 'tp');
        }
        const sold = String(okx.order(exit!.ordId)!['accFillSz']);
        await waitFor(
          async () => (await fills()).some((f) => f.clientOrderId === exitId),
          10_000,
          'the exit fill',
        );
        const out = (await fills()).filter((f) => f.clientOrderId === exitId);
        expect(out.map((f) => [f.side, f.quantity, f.price, f.exitReason])).toEqual([
          [pb.Side.SIDE_SELL, sold, '33000', pb.ExitReason.EXIT_REASON_TAKE_PROFIT],
        ]);
        // On record as the router's own exit order, under the strategy whose entry armed the exits.
        expect((await readAccount(bus, 'live1'))!.orders[exitId]).toMatchObject({
          strategy: 'sma_cross',
          side: 'sell',
          type: 'market',
          exitReason: 'take_profit',
          status: 'filled',
        });
        const events = (await readAll(bus, 'EXEC', 'exec.order.live1', codecs.OrderEvent))
          .map((e) => e.message)
          .filter((e) => e.clientOrderId === exitId);
        expect(events.at(-1)?.state).toBe(pb.OrderState.ORDER_STATE_FILLED);
        // Flat, the exits disarmed; more reconciliations agree with OKX: nothing halts, nothing booked twice.
        await waitFor(
          async () => {
            const a = await readAccount(bus, 'live1');
            return (
              a?.protections?.['OKX:BTC/USDT'] === undefined &&
              (a?.book.positions['OKX:BTC/USDT']?.qty ?? 0) === 0
            );
          },
          10_000,
          'the position flat and the exits disarmed',
        );
        const polls = okx.count('/api/v5/account/balance');
        await waitFor(
          () => okx.count('/api/v5/account/balance') >= polls + 3,
          10_000,
          'three reconciliations',
        );
        const control = await readControl(await bus.kv(CONTROL_BUCKET), 'live1');
        expect(control.state, JSON.stringify(control)).toBe('ACTIVE');
        expect((await fills()).filter((f) => f.clientOrderId === exitId)).toHaveLength(1);
      });
    },
  );
});

describe('OKX spot venue on its own', () => {
  let okx: OkxTradeServer;
  beforeAll(async () => {
    okx = await startOkx();
  });
  afterAll(async () => {
    await okx?.stop();
  });

  const adapter = (on: OkxTradeServer = okx) =>
    createOkxSpotVenue({
      account: 'solo',
      apiKey: CREDS.apiKey,
      secret: CREDS.secret,
      password: CREDS.passphrase,
      restUrl: on.url,
      clock: { now: () => Date.now() },
      retry: { attempts: 2, baseMs: 5, maxMs: 10 },
      lookupDelayMs: 0,
    });

  test('createVenue refuses without keys and names the missing OKX_* variables', async () => {
    const config = configFor(okx, { OKX_SECRET: undefined, OKX_PASSWORD: undefined });
    const err = await createVenue({ config, pipeline, log: silent }).then(
      () => undefined,
      (e: Error) => e,
    );
    expect(err?.message).toMatch(/OKX_SECRET/);
    expect(err?.message).toMatch(/OKX_PASSWORD/);
    expect(err?.message).not.toMatch(/OKX_API_KEY/);
    expect(okx.requests).toEqual([]);
  });

  test('maps VenueOrder to the proto request with plain decimal strings', () => {
    expect(decimalString(1e-7)).toBe('0.0000001');
    expect(decimalString(1.5e-8)).toBe('0.000000015');
    expect(decimalString(0.1)).toBe('0.1');
    expect(decimalString(1e21)).toBe('1000000000000000000000');
    const base = {
      clientOrderId: 'x',
      instrument: BTC,
      side: 'buy',
      strategy: 's',
      decisionTime: T,
    } as const;
    expect(toOrderRequest({ ...base, type: 'market', qty: 0, quoteAmount: 250.5 }, 'a')).toMatchObject({
      type: pb.OrderType.ORDER_TYPE_MARKET,
      quantity: '',
      quoteAmount: '250.5',
      instrument: { venue: 'OKX', symbol: 'BTC/USDT' },
    });
    expect(toOrderRequest({ ...base, type: 'limit', qty: 2e-7, limitPrice: 30_000.5 }, 'a')).toMatchObject({
      type: pb.OrderType.ORDER_TYPE_LIMIT,
      quantity: '0.0000002',
      limitPrice: '30000.5',
      quoteAmount: '',
    });
  });

  test('an open order reconciles clean; lookup and cancel report by client id, each fill once', async () => {
    const b = await adapter();
    const cid = clientOrderId({ account: 'solo', strategy: 's', instrument: BTC, decisionCloseMs: T + 1 });
    const order: VenueOrder = {
      clientOrderId: cid,
      instrument: BTC,
      side: 'buy',
      type: 'limit',
      qty: 0.02,
      limitPrice: 28_000,
      strategy: 's',
      decisionTime: T,
    };
    const placed = await b.place(order);
    expect(placed.reports.map((r) => r.status)).toEqual(['submitted', 'accepted']);
    expect(placed.reports.at(-1)).toMatchObject({ filledQty: 0, fills: [] });
    const record = (status: OrderRecord['status'], filledQty: number): OrderRecord => ({
      ...order,
      status,
      filledQty,
      avgFillPrice: filledQty > 0 ? 28_000 : Number.NaN,
      events: 2,
      exchangeOrderId: placed.reports.at(-1)!.exchangeOrderId!,
    });
    const clean = await b.reconcile({ orders: [record('accepted', 0)], positions: { 'OKX:BTC/USDT': 0 } });
    expect(clean).toMatchObject({ reports: [], alerts: [], cash: 100_000 });
    expect(clean.halt).toBeUndefined();

    okx.fillOrder(cid, '0.005');
    const part = (await b.lookup(record('accepted', 0))).reports;
    expect(part).toMatchObject([{ status: 'partially_filled', filledQty: 0.005 }]);
    expect(part[0]!.fills.map((f) => f.qty)).toEqual([0.005]);
    const canceled = (await b.cancel(record('partially_filled', 0.005))).reports;
    expect(canceled).toMatchObject([{ status: 'canceled', filledQty: 0.005 }]);
    // The part fill was reported by the lookup: never again.
    expect(canceled[0]!.fills).toEqual([]);

    // A venue that never saw the order, resumed from the router's record: the fill booked there is not reported again.
    const fresh = await adapter();
    const again = (await fresh.lookup(record('canceled', 0.005))).reports;
    expect(again).toMatchObject([{ status: 'canceled', filledQty: 0.005, fills: [] }]);

    const unknown = clientOrderId({
      account: 'solo',
      strategy: 's',
      instrument: BTC,
      decisionCloseMs: T + 2,
    });
    const never = await b.lookup({ ...record('pending_submit', 0), clientOrderId: unknown });
    expect(never.reports).toMatchObject([{ clientOrderId: unknown, status: 'rejected' }]);
    await b.close();
    await fresh.close();
  });

  test('a failed query is never read as empty: no book from it, no cash, no halt', async () => {
    const b = await adapter();
    okx.inject({ kind: 'malformed', path: '/api/v5/account/balance', times: 10 });
    await expect(b.snapshot()).rejects.toThrow();
    okx.clearFaults();
    okx.inject({ kind: 'http5xx', path: '/api/v5/trade/orders-pending', times: 10 });
    const failed = await b.reconcile({ orders: [], positions: {} });
    expect(failed.cash).toBeUndefined();
    expect(failed.halt).toBeUndefined();
    expect(failed.alerts.map((a) => [a.severity, a.code])).toEqual([['warning', 'okx_reconcile_failed']]);
    okx.clearFaults();
    expect((await b.snapshot()).cash).toBeGreaterThan(0);
    await b.close();
  });

  test('stop-loss and take-profit prices go with the entry as attachAlgoOrds; a triggered stop is booked as the entry exit, reason stop_loss', async () => {
    // An account of its own: reconciliation compares the whole account, and no other order may trade on it.
    const okx = await startOkx();
    try {
      const b = await adapter(okx);
      const cid = clientOrderId({ account: 'solo', strategy: 's', instrument: BTC, decisionCloseMs: T + 7 });
      const entry: VenueOrder = {
        clientOrderId: cid,
        instrument: BTC,
        side: 'buy',
        type: 'limit',
        qty: 0.01,
        limitPrice: 29_000,
        strategy: 's',
        decisionTime: T,
        exits: { stopLoss: { price: 27_500.5 }, takeProfit: { price: 32_000 } },
      };
      // A level off the 0.1 tick is refused before anything is sent: never rounded.
      const offTick = await b.place({
        ...entry,
        clientOrderId: `${cid.slice(0, -1)}x`,
        exits: { stopLoss: { price: 27_500.55 } },
      });
      expect(offTick.reports.at(-1)).toMatchObject({
        status: 'rejected',
        reason: expect.stringMatching(
          /stop-loss price 27500.55 is not a positive multiple of BTC\/USDT's price tick/,
        ),
      });
      expect(okx.requests.filter((r) => JSON.stringify(r.body).includes(`${cid.slice(0, -1)}x`))).toEqual([]);

      const placed = await b.place(entry);
      expect(placed.reports.map((r) => r.status)).toEqual(['submitted', 'accepted']);
      const sent = okx.requests.filter((r) => r.path === BATCH && JSON.stringify(r.body).includes(cid));
      expect(sent).toHaveLength(1);
      expect(sent[0]!.body).toEqual([
        expect.objectContaining({
          clOrdId: cid,
          side: 'buy',
          ordType: 'limit',
          px: '29000',
          attachAlgoOrds: [
            {
              attachAlgoClOrdId: `ax${cid.slice(2)}`,
              slTriggerPx: '27500.5',
              slOrdPx: '-1',
              slTriggerPxType: 'last',
              tpTriggerPx: '32000',
              tpOrdPx: '-1',
              tpTriggerPxType: 'last',
            },
          ],
        }),
      ]);
      // OKX holds them on the order (GET /trade/order shows them).
      expect(okx.order(cid)?.['attachAlgoOrds']).toMatchObject([
        { slTriggerPx: '27500.5', slOrdPx: '-1', tpTriggerPx: '32000', tpOrdPx: '-1' },
      ]);
      // Nothing triggers before the entry fills.
      expect(() => okx.triggerAttached(cid, 'sl')).toThrow(/wait for the fill/);

      okx.fillOrder(cid, '0.01');
      const filled = (
        await b.lookup({ ...entry, status: 'accepted', filledQty: 0, avgFillPrice: Number.NaN, events: 2 })
      ).reports;
      expect(filled).toMatchObject([{ status: 'filled', filledQty: 0.01 }]);
      const fee = filled[0]!.fills[0]!.fee;
      const btcBefore = Number(okx.balance('BTC').cash);

      // The market falls to the stop: OKX sells the holding at market, an order with no clOrdId that
      // carries the algo order's own id (not the entry's attachAlgoId) and the entry's attachAlgoClOrdId.
      const exit = okx.triggerAttached(cid, 'sl');
      expect(exit).toMatchObject({ side: 'sell', ordType: 'market', state: 'filled', clOrdId: '' });
      const [attached] = okx.order(cid)!['attachAlgoOrds'] as { attachAlgoId: string }[];
      expect(exit.algoId).not.toBe(attached!.attachAlgoId);
      expect(okx.order(exit.ordId)).toMatchObject({
        algoId: exit.algoId,
        algoClOrdId: `ax${cid.slice(2)}`,
        avgPx: '27500.5',
        state: 'filled',
      });
      expect(Number(okx.balance('BTC').cash)).toBeLessThan(btcBefore);
      // The take-profit leg ended with it (one cancels the other).
      expect(() => okx.triggerAttached(cid, 'tp')).toThrow(/no live attached tp order/);

      // Reconciliation finds the exit's fill under no clOrdId of ours, links it to the entry through
      // the algo order (GET /trade/order-algo: actualSide sl) and reports it as the entry's exit order.
      const sold = Number(okx.order(exit.ordId)!['accFillSz']);
      expect(sold).toBeGreaterThan(0);
      const local = { ...entry, status: 'filled' as const, filledQty: 0.01, avgFillPrice: 29_000, events: 3 };
      const rec = await b.reconcile({ orders: [local], positions: { 'OKX:BTC/USDT': btcBefore } });
      expect(rec.halt).toBeUndefined();
      expect(rec.reports).toEqual([
        expect.objectContaining({
          clientOrderId: `ax${cid.slice(2)}`,
          exchangeOrderId: exit.ordId,
          status: 'filled',
          filledQty: sold,
          avgPrice: 27_500.5,
          fills: [expect.objectContaining({ qty: sold, price: 27_500.5, maker: false })],
          triggeredExit: {
            entry: cid,
            reason: 'stop_loss',
            instrument: BTC,
            side: 'sell',
            qty: sold,
          },
        }),
      ]);
      expect(
        okx.requests.filter((r) => r.path === '/api/v5/trade/order-algo').map((r) => r.query),
      ).toContainEqual({ algoClOrdId: `ax${cid.slice(2)}` });
      // Once the router has it on record (under the algo's client id, with its ordId), the next pass
      // finds nothing new: the fill is not reported twice and nothing halts.
      const again = await b.reconcile({
        orders: [
          local,
          {
            clientOrderId: `ax${cid.slice(2)}`,
            instrument: BTC,
            side: 'sell',
            type: 'market',
            qty: sold,
            strategy: 's',
            decisionTime: T,
            exitReason: 'stop_loss',
            status: 'filled',
            filledQty: sold,
            avgFillPrice: 27_500.5,
            events: 1,
            exchangeOrderId: exit.ordId,
            trades: rec.reports[0]!.fills.map((f) => f.tradeId),
          },
        ],
        positions: { 'OKX:BTC/USDT': btcBefore - sold },
      });
      expect(again.halt).toBeUndefined();
      expect(again.reports).toEqual([]);
      expect(fee).toBeGreaterThan(0);
      await b.close();
    } finally {
      await okx.stop();
    }
  });
});
