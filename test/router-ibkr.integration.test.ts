import { Bus, readControl, SYSTEM_TOPOLOGY, subjects } from '@algotrader/bus';
import { clientOrderId, parseConfig, parseIbkrInstrument } from '@algotrader/core';
import { createLogger } from '@algotrader/core/node';
import { createVenue, OrderRouter } from '@algotrader/order-router';
import { CONTROL_BUCKET, parsePipelineConfig, readAccount, readAll } from '@algotrader/pipeline';
import { US_STOCK_SPEC } from '@algotrader/portfolio';
import { codecs, pb } from '@algotrader/proto';
import { NatsServer, scaled, TwsServer, waitFor } from '@algotrader/testkit';
import { expect, test } from 'vitest';
import { NO_LIMITS } from './helpers/fixtures';

/**
 * The order-router as `main.ts` wires it (venue from the registry, IBKR_* settings) over a real
 * nats-server, with the IBKR venue talking through @stoqey/ib to the local TWS server: an approved
 * order reaches TWS with our client order id as orderRef, its fill is booked once, and a position
 * TWS reports that the fills do not explain halts the account.
 */
test('order-router with broker ibkr: order → TWS → fill booked; an unexplained TWS position → HALTED, critical alert', async () => {
  const nats = await NatsServer.start();
  const tws = new TwsServer({ cash: 50_000 });
  await tws.start();
  const bus = await Bus.connect({ servers: nats.url, service: 'test' });
  let router: OrderRouter | undefined;
  try {
    await bus.ensure(SYSTEM_TOPOLOGY);
    const account = 'ibkr1';
    const pipeline = parsePipelineConfig({
      account,
      venue: 'IBKR',
      broker: 'ibkr',
      instruments: ['IBKR:AAPL/USD'],
      strategies: [{ name: 'sma_cross', instruments: ['IBKR:AAPL/USD'] }],
      specs: { 'IBKR:AAPL/USD': US_STOCK_SPEC },
      paper: { initialCash: 50_000, quoteCurrency: 'USD' },
      risk: NO_LIMITS,
      mode: 'live',
    });
    // The test runs at any hour: orders go out with IBKR's outsideRth flag instead of being refused.
    const config = parseConfig(
      {},
      {
        IBKR_PORT: String(tws.port),
        IBKR_CLIENT_ID: '3',
        IBKR_ACCOUNT: tws.account,
        IBKR_OUTSIDE_RTH: 'true',
        IBKR_PRIMARY_EXCHANGES: 'AAPL:NASDAQ',
      },
    );
    const clock = { now: () => Date.now() };
    const venue = await createVenue({
      config,
      pipeline,
      log: createLogger({ service: 'test', level: 'silent' }),
    });
    router = await OrderRouter.start({ bus, pipeline, clock, venue, pollMs: 200 });

    const AAPL = parseIbkrInstrument('IBKR:AAPL');
    const decision = Date.now() - 60_000;
    const id = clientOrderId({ account, strategy: 'sma_cross', instrument: AAPL, decisionCloseMs: decision });
    await bus.publish(
      codecs.OrderRequest,
      subjects.orderApproved(account),
      {
        clientOrderId: id,
        account,
        strategy: 'sma_cross',
        instrument: { venue: 'IBKR', symbol: 'AAPL/USD' },
        side: pb.Side.SIDE_BUY,
        type: pb.OrderType.ORDER_TYPE_MARKET,
        quantity: '10',
        decisionTimeMs: decision,
      },
      { msgId: `ord:${id}` },
    );
    await waitFor(() => tws.orderByRef(id) !== undefined, scaled(10_000), 'the order at TWS');
    const o = tws.orderByRef(id)!;
    expect([o.symbol, o.action, o.totalQuantity, o.orderType, o.outsideRth]).toEqual([
      'AAPL',
      'BUY',
      10,
      'MKT',
      true,
    ]);

    tws.fill(o.orderId, 10, 190);
    await waitFor(
      async () => ((await readAccount(bus, account))?.book.positions['IBKR:AAPL/USD']?.qty ?? 0) === 10,
      scaled(10_000),
      'the fill booked',
    );
    const fills = await readAll(bus, 'EXEC', subjects.execFill(account), codecs.Fill);
    expect(
      fills.map((f) => [f.message.quantity, f.message.price, f.message.fee, f.message.feeCurrency]),
    ).toEqual([['10', '190', '1', 'USD']]);
    expect((await readControl(await bus.kv(CONTROL_BUCKET), account)).state).toBe('ACTIVE');

    // TWS now shows 15 shares the fills do not explain (a trade from elsewhere): reconcile halts.
    tws.positions.set('AAPL', { qty: 15, avgCost: 190 });
    await waitFor(
      async () => (await readControl(await bus.kv(CONTROL_BUCKET), account)).state === 'HALTED',
      scaled(10_000),
      'HALTED after reconcile',
    );
    const alerts = await readAll(bus, 'OPS', subjects.alert('critical'), codecs.Alert);
    expect(alerts.some((a) => a.message.code === 'halted_reconcile_mismatch')).toBe(true);
  } finally {
    await router?.stop();
    await bus.close();
    await tws.stop();
    await nats.stop();
  }
}, 120_000);
