import {
  OKX_POSITION_TIERS,
  parseConfig,
  parseInstrument,
  SimulatedClock,
  tiersFromOkx,
} from '@algotrader/core';
import { createLogger } from '@algotrader/core/node';
import { parsePipelineConfig } from '@algotrader/pipeline';
import {
  decodeAccount,
  type Effect,
  encodeAccount,
  newAccount,
  orderRequestOut,
  refOf,
  sideToPb,
} from '@algotrader/pipeline/domain';
import { planOrders } from '@algotrader/portfolio';
import { pb } from '@algotrader/proto';
import { targetUnits } from '@algotrader/strategy';
import { OkxTradeServer } from '@algotrader/testkit';
import { afterEach, describe, expect, test } from 'vitest';
import {
  localBook,
  type RouterAction,
  type RouterInput,
  type RouterState,
  routerDecider,
  routerState,
} from '../apps/order-router/src/decider';
import { run, type VenueAction } from '../apps/order-router/src/decider.test-helper';
import { OkxSwapVenue, type SwapReconcileResult } from '../apps/order-router/src/okx/swap-venue';
import type { VenueOrder, VenueResult } from '../apps/order-router/src/venue';
import { createVenue } from '../apps/order-router/src/venues';

/**
 * OkxSwapVenue through ccxt against the local OKX server's swap endpoints (SWAP instruments,
 * set-leverage, positions, account bills, orders history), in OKX's response shapes.
 */

const T0 = Date.UTC(2026, 0, 5, 12, 0);
const CREDS = { apiKey: 'k-swap', secret: 'swap-secret', passphrase: 'swap-pass' };
const BTC = parseInstrument('OKX:BTC/USDT:USDT');
const ID = 'BTC-USDT-SWAP';

let server: OkxTradeServer | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

async function setup(
  o: { usdt?: string; leverage?: number; mode?: 'isolated' | 'cross'; ctVal?: string; lever?: string } = {},
) {
  const clock = new SimulatedClock(T0);
  const s = await OkxTradeServer.start({
    credentials: CREDS,
    clock,
    balances: { USDT: o.usdt ?? '10000' },
    swaps: [{ instId: ID, ...(o.ctVal ? { ctVal: o.ctVal } : {}), ...(o.lever ? { lever: o.lever } : {}) }],
  });
  server = s;
  s.setSwapPrice(ID, '60000');
  const venue = swapVenue(s.url, o.mode ?? 'isolated', o.leverage ?? 10);
  return { s, venue, clock };
}

/** A swap venue of account perp1 on the local server at `restUrl`, trading the BTC swap. */
function swapVenue(restUrl: string, mode: 'isolated' | 'cross', leverage: number): OkxSwapVenue {
  return new OkxSwapVenue({
    account: 'perp1',
    apiKey: CREDS.apiKey,
    secret: CREDS.secret,
    password: CREDS.passphrase,
    restUrl,
    enableRateLimit: false,
    timeoutMs: 2_000,
    instruments: [{ instrument: BTC, setting: { mode, leverage } }],
  });
}

const KEY = 'OKX:BTC/USDT:USDT';

/** The router's pipeline for account perp1 trading the BTC swap, isolated at 10×. */
const perp1Pipeline = () =>
  parsePipelineConfig({
    account: 'perp1',
    broker: 'okx_swap',
    instruments: [KEY],
    strategies: [{ name: 'sma_cross', instruments: [KEY] }],
    swaps: { [KEY]: { marginMode: 'isolated', leverage: 10 } },
  });

/**
 * The router shell's part: each venue call the decider asks for, executed on `v` (a reconcile
 * against the book of `st`, its result also kept in `reconciled` when given).
 */
function answerFrom(
  v: OkxSwapVenue,
  st: RouterState,
  reconciled?: SwapReconcileResult[],
): (a: VenueAction) => Promise<VenueResult> {
  return async ({ call: c }) => {
    if (c.op === 'place') return v.place(c.order);
    if (c.op === 'lookup') return v.lookup(c.order);
    if (c.op === 'cancel') return v.cancel(c.order);
    const r = await v.reconcile(localBook(st));
    reconciled?.push(r);
    return r;
  };
}

const order = (over: Partial<VenueOrder> = {}): VenueOrder => ({
  clientOrderId: 'perp1a',
  instrument: BTC,
  side: 'buy',
  type: 'market',
  qty: 0.12345,
  strategy: 'sma_long_short',
  decisionTime: T0,
  ...over,
});

describe('OkxSwapVenue against the local OKX server', () => {
  test('start reads contract terms from the SWAP list and sets leverage and margin mode', async () => {
    const { s, venue } = await setup();
    await venue.start();
    expect(venue.contract(BTC)).toMatchObject({
      ctVal: 0.01,
      lotSz: 0.01,
      minSz: 0.01,
      tickSz: 0.1,
      maxLeverage: 100,
    });
    expect(s.swaps.leverage(ID, 'isolated')).toBe('10');
    const set = s.requests.find((r) => r.path === '/api/v5/account/set-leverage');
    expect(set?.body).toEqual({ instId: ID, lever: '10', mgnMode: 'isolated' });
  });

  test('start loads the maintenance-margin tiers from OKX public/position-tiers (SWAP, tdMode, instFamily), in base units', async () => {
    const { s, venue } = await setup({ mode: 'cross' });
    // The exchange's tiers differ from the bundled snapshot, so using them is visible.
    const row = (tier: number, minSz: string, maxSz: string, mmr: string, maxLever: string) => ({
      uly: 'BTC-USDT',
      instFamily: 'BTC-USDT',
      instId: '',
      tier: String(tier),
      minSz,
      maxSz,
      mmr,
      imr: String(1 / Number(maxLever)),
      maxLever,
      optMgnFactor: '0',
      quoteMaxLoan: '',
      baseMaxLoan: '',
    });
    s.swaps.setPositionTiers('BTC-USDT', [
      row(1, '0', '2000', '0.0045', '80'),
      row(2, '2000', '8000', '0.008', '40'),
      row(3, '8000', '30000', '0.025', '15'),
    ]);
    await venue.start();
    expect(venue.tierSource(BTC)).toBe('exchange');
    expect(venue.contract(BTC).tiers).toEqual([
      { maxQty: 20, mmr: 0.0045, maxLeverage: 80 },
      { maxQty: 80, mmr: 0.008, maxLeverage: 40 },
      { maxQty: 300, mmr: 0.025, maxLeverage: 15 },
    ]);
    const asked = s.requests.filter((r) => r.path === '/api/v5/public/position-tiers');
    expect(asked.map((r) => [r.query, r.code])).toEqual([
      [{ instType: 'SWAP', tdMode: 'cross', instFamily: 'BTC-USDT' }, '0'],
    ]);
    const r = await venue.reconcile({ orders: [], positions: {} });
    expect(r.alerts).toEqual([]);
  });

  test.each([
    [
      'an HTTP 503',
      (s: OkxTradeServer) => s.inject({ kind: 'http5xx', path: '/api/v5/public/position-tiers' }),
    ],
    [
      'a tier row that does not check (mmr not a number)',
      (s: OkxTradeServer) =>
        s.swaps.setPositionTiers('BTC-USDT', [{ ...OKX_POSITION_TIERS['BTC-USDT']![0]!, mmr: 'abc' }]),
    ],
  ])(
    'position tiers not loaded (%s): the bundled snapshot is used and a warning reaches the router, once',
    async (_, fail) => {
      const { s, venue } = await setup();
      fail(s);
      await venue.start();
      expect(venue.tierSource(BTC)).toBe('bundled');
      expect(venue.contract(BTC).tiers).toEqual(tiersFromOkx(OKX_POSITION_TIERS['BTC-USDT']!, 0.01, 'x'));
      const r1 = await venue.reconcile({ orders: [], positions: {} });
      expect(r1.alerts.map((a) => [a.code, a.severity])).toEqual([['okx_tiers_bundled', 'warning']]);
      expect(r1.alerts[0]!.message).toMatch(
        /^OKX position tiers of BTC-USDT-SWAP \(isolated\) could not be loaded \(.+\): using the bundled snapshot/,
      );
      const r2 = await venue.reconcile({ orders: [], positions: {} });
      expect(r2.alerts).toEqual([]);
    },
  );

  test('a zero contract value or a leverage OKX refuses stops the start with a clear error', async () => {
    const zero = await setup({ ctVal: '0' });
    await expect(zero.venue.start()).rejects.toThrow(/ctVal must be a finite number > 0, got 0/);
    await zero.s.stop();
    server = undefined;
    const high = await setup({ leverage: 150 });
    await expect(high.venue.start()).rejects.toThrow(
      /OKX refused leverage 150× \(isolated\) for BTC-USDT-SWAP: .*maximum leverage/,
    );
  });

  test('base units become contracts at the edge: 0.12345 BTC → 12.34 contracts, net, isolated', async () => {
    const { s, venue } = await setup();
    await venue.start();
    const r = await venue.place(order());
    const sent = s.requests.find((q) => q.path === '/api/v5/trade/batch-orders')!.body as Record<
      string,
      unknown
    >[];
    expect(sent[0]).toMatchObject({
      instId: ID,
      sz: '12.34',
      side: 'buy',
      ordType: 'market',
      tdMode: 'isolated',
      posSide: 'net',
      clOrdId: 'perp1a',
    });
    const rep = r.reports.at(-1)!;
    expect(rep).toMatchObject({ status: 'filled', filledQty: 0.1234, avgPrice: 60000 });
    expect(rep.fills[0]!.qty).toBe(0.1234);
    // Taker 0.05% of 0.1234 × 60,000.
    expect(rep.fills[0]!.fee).toBeCloseTo(0.0005 * 0.1234 * 60000, 9);
    const snap = await venue.snapshot();
    expect(snap.positions['OKX:BTC/USDT:USDT']).toEqual({ qty: 0.1234, price: 60000 });
    expect(snap.cash).toBeCloseTo(10000 - 3.702, 9);
  });

  test('refusals: below one contract step (not sent), reduce-only with nothing to reduce, 51008 margin', async () => {
    const { s, venue } = await setup({ usdt: '1000' });
    await venue.start();
    const tiny = await venue.place(order({ qty: 0.00005 }));
    expect(tiny.reports[0]).toMatchObject({ status: 'rejected' });
    expect(tiny.reports[0]!.reason).toMatch(/^below_min_size: 0.00005 BTC is 0.005 contracts/);
    expect(s.count('/api/v5/trade/batch-orders')).toBe(0);
    const ro = await venue.place(
      order({ clientOrderId: 'perp1b', side: 'sell', qty: 0.01, reduceOnly: true }),
    );
    expect(ro.reports[0]!.status).toBe('rejected');
    expect(ro.reports[0]!.reason).toMatch(/51169|positions in this direction/);
    const big = await venue.place(order({ clientOrderId: 'perp1c', qty: 1 }));
    expect(big.reports[0]).toMatchObject({ status: 'rejected' });
    expect(big.reports[0]!.reason).toMatch(/^insufficient_margin/);
    expect(big.alerts.map((a) => a.code)).toEqual(['okx_insufficient_margin']);
    expect(big.halt).toBeUndefined();
  });

  test('reconcile: funding bills reported once, positions compared, a liquidation halts', async () => {
    const { s, venue, clock } = await setup();
    await venue.start();
    await venue.place(order({ qty: 0.5 }));
    clock.advance(3_600_000);
    s.setSwapPrice(ID, '61000');
    s.swaps.settleFunding(ID, '0.0001', clock.now());
    const r1 = await venue.reconcile({ orders: [], positions: { 'OKX:BTC/USDT:USDT': 0.5 } });
    // A long of 50 contracts × 0.01 pays 0.5 × 61,000 × 0.0001 = 3.05.
    expect(r1.funding).toHaveLength(1);
    expect(r1.funding![0]!.amount).toBeCloseTo(-3.05, 12);
    expect(r1.halt).toBeUndefined();
    const r2 = await venue.reconcile({ orders: [], positions: { 'OKX:BTC/USDT:USDT': 0.5 } });
    expect(r2.funding).toEqual([]);
    const off = await venue.reconcile({ orders: [], positions: { 'OKX:BTC/USDT:USDT': 0.4 } });
    expect(off.halt).toEqual({
      reason: 'reconcile_mismatch',
      detail: 'OKX:BTC/USDT:USDT: OKX 0.5, book 0.4',
    });
    s.swaps.liquidate(ID, '54300', clock.now());
    const r3 = await venue.reconcile({ orders: [], positions: { 'OKX:BTC/USDT:USDT': 0.5 } });
    expect(r3.halt?.reason).toBe('liquidation');
    expect(r3.liquidations).toEqual([
      { ordId: expect.any(String), instrument: BTC, qty: -0.5, price: 54300, timeMs: clock.now() },
    ]);
    expect(r3.alerts.map((a) => [a.code, a.severity])).toEqual([['okx_liquidation', 'critical']]);
    expect(r3.positions).toEqual({});
  });

  test('a failed read is an alert, never a flat account', async () => {
    const { s, venue } = await setup();
    await venue.start();
    await venue.place(order({ qty: 0.5 }));
    s.inject({ kind: 'busy', path: '/api/v5/account/positions' });
    const r = await venue.reconcile({ orders: [], positions: { 'OKX:BTC/USDT:USDT': 0.5 } });
    expect(r.alerts.map((a) => a.code)).toEqual(['okx_reconcile_failed']);
    expect(r.positions).toBeUndefined();
    expect(r.cash).toBeUndefined();
    expect(r.halt).toBeUndefined();
  });

  test('the registry creates it from a pipeline file (broker okx_swap, swaps settings) and the OKX keys', async () => {
    const { s } = await setup();
    const pipeline = parsePipelineConfig({
      account: 'perp1',
      broker: 'okx_swap',
      instruments: ['OKX:BTC/USDT:USDT'],
      strategies: [{ name: 'sma_cross', instruments: ['OKX:BTC/USDT:USDT'] }],
      swaps: { 'OKX:BTC/USDT:USDT': { marginMode: 'isolated', leverage: 5 } },
    });
    const config = parseConfig(
      {},
      {
        OKX_API_KEY: CREDS.apiKey,
        OKX_SECRET: CREDS.secret,
        OKX_PASSWORD: CREDS.passphrase,
        OKX_REST_URL: s.url,
      },
    );
    const v = await createVenue({
      config,
      pipeline,
      log: createLogger({ service: 'test', level: 'silent' }),
    });
    expect(v).toBeInstanceOf(OkxSwapVenue);
    expect(s.swaps.leverage(ID, 'isolated')).toBe('5');
    await v.close();
  });

  test('issue 15: a planned swap order that only shrinks the position reaches OKX as reduceOnly; an open or a flip does not', async () => {
    const { s, venue, clock } = await setup();
    await venue.start();
    const p = perp1Pipeline();
    const d = routerDecider({ pipeline: p, venue });
    const st = routerState(newAccount('perp1', 10_000, 'USDT'), p);
    const answer = answerFrom(venue, st);
    /** The risk gate's step (planOrders → the wire) then the router's, for a target position at bar `n`. */
    let seq = 0;
    async function target(units: number) {
      seq += 1;
      const time = T0 + seq * 3_600_000;
      const plan = planOrders({
        account: 'perp1',
        strategy: 'sma_long_short',
        time,
        decisions: [targetUnits(BTC, units)],
        portfolio: {
          cash: 10_000,
          equity: 10_000,
          position: () => st.book.qty(0),
          averagePrice: () => 60_000,
        },
        price: () => 60_000,
        spec: () => ({ instrument: BTC, lotSize: 0.01, minQty: 0.01, minNotional: 0, tickSize: 0.1 }),
      });
      expect(plan.orders).toHaveLength(1);
      const before = s.requests.length;
      await run(
        d,
        st,
        { kind: 'order', order: orderRequestOut(plan.orders[0]!), seq, now: clock.now() },
        answer,
        () => clock.now(),
      );
      await run(d, st, { kind: 'poll' }, answer, () => clock.now());
      const sent = s.requests
        .slice(before)
        .filter((q) => q.path === '/api/v5/trade/batch-orders')
        .flatMap((q) => q.body as Record<string, unknown>[]);
      expect(sent).toHaveLength(1);
      return sent[0]!;
    }
    // Opens a long: not reduce-only.
    expect((await target(0.5)).reduceOnly).toBeUndefined();
    expect(st.book.qty(0)).toBeCloseTo(0.5, 12);
    // Shrinks it: a reduce-only sell.
    const shrink = await target(0.2);
    expect(shrink).toMatchObject({ side: 'sell', sz: '30' });
    expect(String(shrink.reduceOnly)).toBe('true');
    expect(st.book.qty(0)).toBeCloseTo(0.2, 12);
    // Flips to a short in one sell: it opens, so it must not be reduce-only (OKX would clip it).
    const flip = await target(-0.3);
    expect(flip).toMatchObject({ side: 'sell', sz: '50' });
    expect(flip.reduceOnly).toBeUndefined();
    expect(st.book.qty(0)).toBeCloseTo(-0.3, 12);
    // Closes the short: a reduce-only buy.
    const close = await target(0);
    expect(close).toMatchObject({ side: 'buy', sz: '30' });
    expect(String(close.reduceOnly)).toBe('true');
    expect(st.book.qty(0)).toBe(0);
    expect((await venue.snapshot()).positions[KEY]).toBeUndefined();
  });

  test('the router books what reconcile reports: funding once (also after both restart), a liquidation at the margin lost', async () => {
    const { s, venue, clock } = await setup();
    await venue.start();
    const p = perp1Pipeline();
    const reconciled: SwapReconcileResult[] = [];
    /** Plays the router's shell: folds the input in, executes each venue call on `v`, feeds its answer back. */
    async function drive(v: OkxSwapVenue, st: RouterState, input: RouterInput): Promise<Effect[]> {
      const d = routerDecider({ pipeline: p, venue: v });
      return run(d, st, input, answerFrom(v, st, reconciled), () => clock.now());
    }
    const codes = (fx: Effect[]) => fx.flatMap((e) => (e.kind === 'alert' ? [e.alert.code] : []));
    const st = routerState(newAccount('perp1', 10_000, 'USDT'), p);
    await drive(venue, st, {
      kind: 'order',
      order: {
        clientOrderId: 'perp1a',
        account: 'perp1',
        strategy: 's',
        instrument: refOf(BTC),
        side: sideToPb('buy'),
        type: pb.OrderType.ORDER_TYPE_MARKET,
        quantity: '0.5',
        limitPrice: '',
        quoteAmount: '',
        decisionTimeMs: T0,
        reduceOnly: false,
        cancel: false,
      },
      seq: 1,
      now: clock.now(),
    });
    await drive(venue, st, { kind: 'poll' });
    expect(st.book.qty(0)).toBeCloseTo(0.5, 12);
    // The pipeline's isolated 10×: 0.5 × 60,000 / 10 posted, as on OKX.
    expect(st.book.swaps.marginCol[0]).toBeCloseTo(3_000, 9);
    const opened = st.book.cash;
    expect(opened).toBeCloseTo((await venue.snapshot()).cash, 9);

    clock.advance(3_600_000);
    s.setSwapPrice(ID, '61000');
    s.swaps.settleFunding(ID, '0.0001', clock.now());
    await drive(venue, st, { kind: 'poll' });
    expect(reconciled.at(-1)!.funding).toHaveLength(1);
    expect(st.book.fundingPnl).toBeCloseTo(-3.05, 12);
    expect(st.book.cash).toBeCloseTo(opened - 3.05, 9);
    expect(st.book.cash).toBeCloseTo((await venue.snapshot()).cash, 9);

    // Both restart: a new venue (it has forgotten the bill) and the router from its saved bytes.
    const again = swapVenue(s.url, 'isolated', 10);
    await again.start();
    const d = routerDecider({ pipeline: p, venue: again });
    const st2 = d.restore(decodeAccount(encodeAccount(d.snapshot(st)))).state;
    await drive(again, st2, { kind: 'poll' });
    expect(reconciled.at(-1)!.funding).toHaveLength(1);
    expect(st2.book.fundingPnl).toBeCloseTo(-3.05, 12);
    expect(st2.book.cash).toBeCloseTo(opened - 3.05, 9);

    s.swaps.liquidate(ID, '54300', clock.now());
    const fx = await drive(again, st2, { kind: 'poll' });
    expect(codes(fx)).toEqual(expect.arrayContaining(['okx_liquidation', 'swap_liquidation_booked']));
    expect(fx.flatMap((e) => (e.kind === 'act' ? [(e.action as RouterAction).type] : []))).toContain('halt');
    expect(st2.book.qty(0)).toBe(0);
    expect(st2.book.liquidationLoss).toBeCloseTo(3_000 - 3.05, 9);
    // The book lost what OKX took: the isolated margin.
    expect(st2.book.cash).toBeCloseTo((await again.snapshot()).cash, 9);
    await again.close();
  });
});
