import { Bus, type Control, readControl, SYSTEM_TOPOLOGY, subjects } from '@algotrader/bus';
import { clientOrderId, parseConfig, parseInstrument } from '@algotrader/core';
import { createLogger } from '@algotrader/core/node';
import { createVenue, OrderRouter } from '@algotrader/order-router';
import {
  type AccountState,
  CONTROL_BUCKET,
  parsePipelineConfig,
  type RiskLimits,
  RiskLimitsSchema,
  readAccount,
  readAll,
} from '@algotrader/pipeline';
import { codecs, pb } from '@algotrader/proto';
import { RiskGate } from '@algotrader/risk-gate';
import { targetUnits } from '@algotrader/strategy';
import { NatsServer, OkxTradeServer, waitFor } from '@algotrader/testkit';
import { describe, expect, test } from 'vitest';
import { NO_LIMITS } from './helpers/fixtures';
import { publishSignals, raisedCritical } from './helpers/risk';

/**
 * Kill switches on the exchange path, end to end: a real nats-server, the risk gate and the
 * order-router as `main.ts` wires them (venue from the registry), the OKX spot venue talking
 * through an unmodified ccxt to the local OKX v5 private server. Equity, peak and day-start equity
 * come only from real fills on that exchange and from bar closes on MD: nothing is set by hand.
 */

const BTC = parseInstrument('OKX:BTC/USDT');
const HOUR = 3_600_000;
const CREDS = { apiKey: 'k-halts', secret: 'S3CR3T-halts', passphrase: 'Pa55-halts' };
const BATCH = '/api/v5/trade/batch-orders';
const silent = createLogger({ service: 'test', level: 'silent' });

/** One account: its own NATS, OKX exchange (10,000 USDT), risk gate and order-router. */
class Rig {
  private constructor(
    readonly account: string,
    readonly nats: NatsServer,
    readonly okx: OkxTradeServer,
    readonly bus: Bus,
    readonly gate: RiskGate,
    readonly router: OrderRouter,
  ) {}

  static async start(account: string, risk: Partial<RiskLimits>, pollMs: number): Promise<Rig> {
    const nats = await NatsServer.start();
    const okx = await OkxTradeServer.start({
      credentials: CREDS,
      instruments: [{ instId: 'BTC-USDT', tickSz: '0.1', lotSz: '0.00000001', minSz: '0.00001' }],
      balances: { USDT: '10000' },
    });
    okx.setMarketPrice('BTC-USDT', '30000');
    const bus = await Bus.connect({ servers: nats.url, service: 'test' });
    await bus.ensure(SYSTEM_TOPOLOGY);
    const pipeline = parsePipelineConfig({
      account,
      broker: 'okx',
      instruments: ['OKX:BTC/USDT'],
      strategies: [{ name: 'sma_cross', instruments: ['OKX:BTC/USDT'] }],
      risk: RiskLimitsSchema.parse({ ...NO_LIMITS, ...risk, accountWaitMs: 5_000 }),
      mode: 'live',
    });
    const config = parseConfig(
      {},
      {
        OKX_API_KEY: CREDS.apiKey,
        OKX_SECRET: CREDS.secret,
        OKX_PASSWORD: CREDS.passphrase,
        OKX_REST_URL: okx.url,
      },
    );
    const clock = { now: () => Date.now() };
    const gate = await RiskGate.start({ bus, pipeline, clock });
    const venue = await createVenue({ config, pipeline, log: silent });
    const router = await OrderRouter.start({ bus, pipeline, clock, venue, pollMs });
    return new Rig(account, nats, okx, bus, gate, router);
  }

  async stop(): Promise<void> {
    await this.router.stop();
    await this.gate.stop();
    await this.bus.close();
    await this.nats.stop();
    await this.okx.stop();
  }

  /** The bar of BTC closing at `t` at one price, then its set marker; waits until the router has marked it. */
  async bar(t: number, px: number): Promise<void> {
    const bar = {
      instrument: { venue: 'OKX', symbol: 'BTC/USDT' },
      timeframe: '1h',
      openTimeMs: t - HOUR,
      closeTimeMs: t,
      open: px,
      high: px,
      low: px,
      close: px,
      volume: 10,
    };
    await this.bus.publish(codecs.Bar, subjects.bar(BTC, '1h'), bar, {
      msgId: `bar:okx:BTC-USDT:1h:${t - HOUR}`,
    });
    await this.bus.publish(
      codecs.BarSetClosed,
      subjects.barSet('OKX', '1h'),
      { venue: 'OKX', timeframe: '1h', closeTimeMs: t, arrived: ['BTC/USDT'], missing: [], timedOut: false },
      { msgId: `barset:okx:1h:${t}` },
    );
    await waitFor(
      async () => ((await this.state())?.steppedThrough ?? 0) >= t,
      10_000,
      `the bar set of ${t} marked`,
    );
  }

  /** The strategy's target at close `t` (marked at `px`); waits until the risk gate has decided it. */
  async decide(t: number, qty: number, px: number): Promise<void> {
    const before = this.#decisions();
    await publishSignals(this.bus, t, [targetUnits(BTC, qty)], { account: this.account, px });
    // Every decision here yields an order or a rejection: wait until the gate has published it.
    await waitFor(
      () => this.gate.lastT >= t && this.#decisions() > before,
      10_000,
      `the gate to decide ${t}`,
    );
  }

  /** An approved order already in the stream (decided before a halt), straight onto ord.approved. */
  async approved(side: 'buy' | 'sell', qty: number, decisionMs: number): Promise<string> {
    const id = clientOrderId({
      account: this.account,
      strategy: 'inflight',
      instrument: BTC,
      decisionCloseMs: decisionMs,
    });
    await this.bus.publish(
      codecs.OrderRequest,
      subjects.orderApproved(this.account),
      {
        clientOrderId: id,
        account: this.account,
        strategy: 'inflight',
        instrument: { venue: 'OKX', symbol: 'BTC/USDT' },
        side: side === 'buy' ? pb.Side.SIDE_BUY : pb.Side.SIDE_SELL,
        type: pb.OrderType.ORDER_TYPE_MARKET,
        quantity: String(qty),
        decisionTimeMs: decisionMs,
      },
      { msgId: `ord:${id}` },
    );
    return id;
  }

  #decisions(): number {
    const c = this.gate.counters;
    return c.approved + c.rejected;
  }

  state(): Promise<AccountState | undefined> {
    return readAccount(this.bus, this.account);
  }

  async control(): Promise<Control> {
    return readControl(await this.bus.kv(CONTROL_BUCKET), this.account);
  }

  async rejections(): Promise<number[]> {
    const all = await readAll(this.bus, 'ORDERS', subjects.orderRejected(this.account), codecs.RiskRejection);
    return all.map((r) => r.message.reason ?? 0);
  }

  critical(code: string): Promise<boolean> {
    return raisedCritical(this.bus, code);
  }

  async events(id: string): Promise<{ state: number; reason: string }[]> {
    const all = await readAll(this.bus, 'EXEC', subjects.execOrder(this.account), codecs.OrderEvent);
    return all
      .filter((e) => e.message.clientOrderId === id)
      .map((e) => ({ state: e.message.state ?? 0, reason: e.message.reason ?? '' }));
  }

  /** Base units the fills left on the account (OKX takes a spot buy's fee in BTC). */
  async netBought(): Promise<number> {
    const fills = await readAll(this.bus, 'EXEC', subjects.execFill(this.account), codecs.Fill);
    return fills.reduce((q, f) => {
      const qty = Number(f.message.quantity);
      const fee = f.message.feeCurrency === 'BTC' ? Number(f.message.fee) : 0;
      return q + (f.message.side === pb.Side.SIDE_BUY ? qty - fee : -qty);
    }, 0);
  }

  /** Buys `qty` BTC at the market through the gate at close `t` and waits until the exchange fill is booked. */
  async buyAt(t: number, qty: number, px: number): Promise<number> {
    await this.decide(t, qty, px);
    await waitFor(
      async () => ((await this.state())?.book.positions['OKX:BTC/USDT']?.qty ?? 0) > 0,
      10_000,
      'the exchange fill booked',
    );
    return this.netBought();
  }
}

async function withRig(
  account: string,
  risk: Partial<RiskLimits>,
  pollMs: number,
  fn: (r: Rig) => Promise<void>,
) {
  const r = await Rig.start(account, risk, pollMs);
  try {
    await fn(r);
  } finally {
    await r.stop();
  }
}

describe('risk halts on the OKX path, from real fills and marks', () => {
  test('equity below the day start by more than MAX_DAILY_LOSS → HALTED, critical alert, next order refused; in-flight buys refused by the router, a reducing sell passes', async () => {
    await withRig('dl', { maxDailyLoss: 0.1 }, 200, async (r) => {
      const t0 = Date.UTC(2025, 0, 6, 2);
      await r.bar(t0, 30_000);
      const net = await r.buyAt(t0, 0.3, 30_000);
      expect(r.okx.orders().map((o) => [o.side, o.ordType, o.state])).toEqual([['buy', 'market', 'filled']]);
      expect(net).toBeGreaterThan(0.299);

      r.okx.setMarketPrice('BTC-USDT', '25000');
      await r.bar(t0 + HOUR, 25_000);
      const s = (await r.state())!;
      // The book opened from the exchange's 10,000 USDT and valued the day's first bar at it.
      expect(s.book.dayStartEquity).toBe(10_000);
      expect(s.book.cash).toBeCloseTo(1_000, 6);
      expect(s.book.equity).toBeCloseTo(1_000 + net * 25_000, 6);
      expect((s.book.dayStartEquity - s.book.equity) / s.book.dayStartEquity).toBeGreaterThan(0.1);
      expect((await r.control()).state).toBe('ACTIVE');

      await r.decide(t0 + HOUR, 0.35, 25_000);
      expect((await r.rejections()).at(-1)).toBe(pb.RejectReason.REJECT_REASON_MAX_DAILY_LOSS);
      expect((await r.control()).state).toBe('HALTED');
      await waitFor(() => r.critical('halted_daily_loss'), 5_000, 'the critical alert');
      expect(r.okx.orders()).toHaveLength(1);

      // Orders approved before the halt still in the stream: the router refuses what adds to the
      // position and lets what reduces it through.
      const buy = await r.approved('buy', 0.05, t0 + HOUR - 1);
      await waitFor(async () => (await r.events(buy)).length > 0, 10_000, 'the in-flight buy refused');
      expect(await r.events(buy)).toEqual([
        { state: pb.OrderState.ORDER_STATE_REJECTED, reason: expect.stringMatching(/HALTED/) },
      ]);
      const sell = await r.approved('sell', 0.1, t0 + HOUR - 2);
      await waitFor(
        async () => (await r.events(sell)).some((e) => e.state === pb.OrderState.ORDER_STATE_FILLED),
        10_000,
        'the reducing sell filled on OKX',
      );
      expect(r.okx.orders().map((o) => o.side)).toEqual(['buy', 'sell']);
    });
  });

  test('equity below the previous day’s peak by more than MAX_DRAWDOWN → HALTED, critical alert, next order refused', async () => {
    await withRig('dd', { maxDailyLoss: 0.15, maxDrawdown: 0.2 }, 200, async (r) => {
      const t0 = Date.UTC(2025, 0, 6, 22); // bar 21:00-22:00 on Jan 6
      await r.bar(t0, 30_000);
      const net = await r.buyAt(t0, 0.3, 30_000);
      await r.bar(t0 + HOUR, 36_000); // the peak, on Jan 6
      await r.bar(t0 + 2 * HOUR, 31_000); // 23:00-00:00, still Jan 6: the day's close
      await r.bar(t0 + 3 * HOUR, 30_000); // 00:00-01:00 Jan 7: a new day starts at Jan 6's close
      await r.bar(t0 + 4 * HOUR, 27_000);
      const s = (await r.state())!;
      const cash = s.book.cash;
      expect(cash).toBeCloseTo(1_000, 6);
      expect(s.book.peakEquity).toBeCloseTo(cash + net * 36_000, 6);
      expect(s.book.dayStartEquity).toBeCloseTo(cash + net * 31_000, 6);
      expect(s.book.equity).toBeCloseTo(cash + net * 27_000, 6);
      // The day alone is within its limit; from the previous day's peak it is not.
      const daily = (s.book.dayStartEquity - s.book.equity) / s.book.dayStartEquity;
      const drawdown = (s.book.peakEquity - s.book.equity) / s.book.peakEquity;
      expect(daily).toBeLessThan(0.15);
      expect(drawdown).toBeGreaterThan(0.2);

      await r.decide(t0 + 4 * HOUR, 0.35, 27_000);
      expect((await r.rejections()).at(-1)).toBe(pb.RejectReason.REJECT_REASON_MAX_DRAWDOWN);
      expect((await r.control()).state).toBe('HALTED');
      await waitFor(() => r.critical('halted_drawdown'), 5_000, 'the critical alert');
      await r.decide(t0 + 5 * HOUR, 0.35, 27_000);
      expect((await r.rejections()).at(-1)).toBe(pb.RejectReason.REJECT_REASON_HALTED);
      expect(r.okx.orders()).toHaveLength(1);
    });
  });
});

describe('the exchange refusing us halts the account', () => {
  test('a bad signature (50113, the API key rotated on OKX) on placement → HALTED + critical alert, nothing placed', async () => {
    await withRig('au', {}, 60_000, async (r) => {
      const t0 = Date.UTC(2025, 0, 6, 2);
      await r.bar(t0, 30_000);
      r.okx.setCredentials({ ...CREDS, secret: 'rotated-on-okx' });
      await r.decide(t0, 0.1, 30_000);
      await waitFor(async () => (await r.control()).state === 'HALTED', 10_000, 'the halt');
      const c = await r.control();
      expect(c.updatedBy).toBe('order-router');
      expect(c.reason).toMatch(/authentication/);
      await waitFor(() => r.critical('halted_authentication'), 5_000, 'the critical alert');
      expect(r.okx.requests.some((q) => q.status === 401 && q.code === '50113')).toBe(true);
      expect(r.okx.orders()).toEqual([]);
      // The next decision is refused by the gate: the account is HALTED.
      r.okx.setCredentials(CREDS);
      await r.decide(t0 + HOUR, 0.1, 30_000);
      expect((await r.rejections()).at(-1)).toBe(pb.RejectReason.REJECT_REASON_HALTED);
      expect(r.okx.orders()).toEqual([]);
    });
  });

  test('maintenance (50001) on placement → HALTED + critical alert, the order rejected', async () => {
    await withRig('mt', {}, 60_000, async (r) => {
      const t0 = Date.UTC(2025, 0, 6, 2);
      await r.bar(t0, 30_000);
      r.okx.inject({ kind: 'maintenance', path: BATCH });
      await r.decide(t0, 0.1, 30_000);
      await waitFor(async () => (await r.control()).state === 'HALTED', 10_000, 'the halt');
      expect((await r.control()).reason).toMatch(/maintenance/);
      await waitFor(() => r.critical('halted_maintenance'), 5_000, 'the critical alert');
      expect(r.okx.requests.some((q) => q.status === 503 && q.code === '50001')).toBe(true);
      expect(r.okx.orders()).toEqual([]);
      const id = clientOrderId({
        account: 'mt',
        strategy: 'sma_cross',
        instrument: BTC,
        decisionCloseMs: t0,
      });
      await waitFor(async () => (await r.events(id)).length > 0, 10_000, 'the order event');
      expect((await r.events(id)).at(-1)).toEqual({
        state: pb.OrderState.ORDER_STATE_REJECTED,
        reason: expect.stringMatching(/^maintenance: /),
      });
    });
  });

  test('maintenance answered to the periodic reconciliation → HALTED + critical alert', async () => {
    await withRig('mr', {}, 200, async (r) => {
      r.okx.inject({ kind: 'maintenance', path: '/api/v5/account/balance', times: 1_000 });
      await waitFor(async () => (await r.control()).state === 'HALTED', 10_000, 'the halt');
      expect((await r.control()).reason).toMatch(/maintenance/);
      await waitFor(() => r.critical('halted_maintenance'), 5_000, 'the critical alert');
    });
  });
});
