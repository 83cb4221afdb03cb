import { pb } from '@algotrader/proto';
import { describe, expect, test } from 'vitest';
import { AlertTracker, observe } from './alerts';
import { MonitorSettingsSchema, parseMonitorSettings } from './config';
import { MonitorState } from './state';

const H = 3_600_000;
const T = Date.UTC(2030, 0, 1);
const inst = { venue: 'OKX', symbol: 'BTC/USDT' };
const opts = {
  barStaleGraceMs: 60_000,
  heartbeatTimeoutMs: 30_000,
  expectedServices: ['risk-gate'],
  startedMs: T,
};

describe('MonitorState', () => {
  test('counts gaps and duplicates in a bar sequence and measures the lag from the close', () => {
    const s = new MonitorState(opts);
    for (const k of [0, 1, 4, 4, 2, 5])
      s.onBar({ instrument: inst, timeframe: '1h', openTimeMs: T + k * H, closeTimeMs: T + (k + 1) * H });
    const [row] = s.sample(T + 6 * H + 5_000).bars;
    expect(row).toMatchObject({ bars: 4, missing: 2, outOfOrder: 2, lagMs: 5_000, stale: false });
    const [next] = s.sample(T + 7 * H + 61_000).bars;
    expect(next, 'interval counts restart; the lag goes on').toMatchObject({
      bars: 0,
      missing: 0,
      stale: true,
    });
  });

  test('US stocks (IBKR): nights, weekends and holidays are neither gaps nor staleness; a missing session hour is', () => {
    const s = new MonitorState(opts);
    const spy = { venue: 'IBKR', symbol: 'SPY/USD' };
    const bar = (open: number) =>
      s.onBar({ instrument: spy, timeframe: '1h', openTimeMs: open, closeTimeMs: open + H });
    // Wednesday 2020-11-25's last regular-hours bar (20:00 UTC = 15:00 EST), then Friday after
    // Thanksgiving from 14:00 UTC (09:00 EST, holding the 09:30 open) to its 13:00 early close.
    bar(Date.UTC(2020, 10, 25, 20));
    for (const h of [14, 15, 16, 17]) bar(Date.UTC(2020, 10, 27, h));
    // Over the weekend, 2.5 days after Friday's close at 18:00 UTC: not stale.
    const [weekend] = s.sample(Date.UTC(2020, 10, 30, 6)).bars;
    expect(weekend).toMatchObject({ bars: 5, missing: 0, lagMs: 0, stale: false });
    // Monday: the 14:00 bar arrives, the 15:00 one does not.
    bar(Date.UTC(2020, 10, 30, 14));
    bar(Date.UTC(2020, 10, 30, 16));
    const [monday] = s.sample(Date.UTC(2020, 10, 30, 17, 30)).bars;
    expect(monday).toMatchObject({ bars: 2, missing: 1, stale: false });
    // Nothing after the 16:00–17:00 bar: stale once more than an hour and the grace of trading time pass.
    expect(s.sample(Date.UTC(2020, 10, 30, 18, 0, 30)).bars[0]!.stale).toBe(false);
    expect(s.sample(Date.UTC(2020, 10, 30, 18, 2)).bars[0]!.stale).toBe(true);
  });

  test("shows the account's own peak, drawdown and daily P&L, and the exposure", () => {
    const s = new MonitorState(opts);
    const snap = (t: number, equity: number, peak: number, dayStart: number, btcQty = '0') =>
      s.onPosition({
        account: 'main',
        timeMs: t,
        equity: String(equity),
        cash: '100',
        // The account's figures (its Account computed them at every bar, seen here or not).
        peakEquity: String(peak),
        dayStartEquity: String(dayStart),
        drawdown: String(equity / peak - 1),
        dailyPnl: String(equity - dayStart),
        positions: [
          { instrument: inst, quantity: btcQty, markPrice: '50000', unrealizedPnl: '-20', realizedPnl: '5' },
          { instrument: { venue: 'OKX', symbol: 'ETH/USDT' }, quantity: '-1', averagePrice: '2000' },
        ],
      });
    snap(T + 22 * H, 10_000, 10_000, 10_000);
    // The peak of 12 000 was reached between the snapshots the monitor saw: it is the account's.
    snap(T + 25 * H, 10_800, 12_000, 12_000, '0.1');
    snap(T + 24 * H, 1, 1, 1, '0.1'); // older, delivered late: ignored
    const [a] = s.sample(T + 25 * H).accounts;
    expect(a).toMatchObject({
      equity: 10_800,
      peakEquity: 12_000,
      dailyPnl: -1_200,
      grossExposure: 7_000,
      netExposure: 3_000,
      maxInstrumentExposure: 5_000,
      unrealizedPnl: -20,
      realizedPnl: 5,
    });
    expect(a!.drawdown).toBeCloseTo(0.1, 10);
    expect(a!.dailyPnlPct).toBeCloseTo(-0.1, 10);
    expect(a!.positions.map((p) => [p.instrument, p.notional])).toEqual([
      ['OKX:BTC/USDT', 5_000],
      ['OKX:ETH/USDT', -2_000],
    ]);
    // A snapshot without the account's figures cannot be shown: invalid, the last good row stays.
    s.onPosition({ account: 'main', timeMs: T + 26 * H, equity: '11000', cash: '100' });
    const next = s.sample(T + 26 * H);
    expect(next.invalid).toBe(1);
    expect(next.accounts[0]).toMatchObject({ equity: 10_800, peakEquity: 12_000 });
  });

  test('order outcomes, rejections by reason and fill latency, redeliveries counted once', () => {
    const s = new MonitorState(opts);
    const S = pb.OrderState;
    const ev = (coid: string, state: number, seq: number, t: number) =>
      s.onOrderEvent({ clientOrderId: coid, account: 'main', instrument: inst, state, seq, timeMs: t });
    const fill = (tradeId: string, t: number) =>
      s.onFill({
        tradeId,
        clientOrderId: 'a',
        account: 'main',
        instrument: inst,
        side: pb.Side.SIDE_BUY,
        quantity: '0.5',
        price: '100',
        timeMs: t,
      });
    s.onApproved({ clientOrderId: 'a', account: 'main' });
    s.onApproved({ clientOrderId: 'a', account: 'main' });
    ev('a', S.ORDER_STATE_SUBMITTED, 1, T);
    ev('a', S.ORDER_STATE_FILLED, 2, T + 900);
    ev('a', S.ORDER_STATE_FILLED, 2, T + 900);
    fill('t1', T + 400);
    fill('t2', T + 800);
    fill('t2', T + 800);
    // Refused by the codec (no quantity): counted as invalid, not as a fill.
    s.onFill({
      tradeId: 't3',
      clientOrderId: 'a',
      account: 'main',
      instrument: inst,
      side: 1,
      timeMs: T + 900,
    });
    ev('b', S.ORDER_STATE_ACCEPTED, 1, T);
    ev('b', S.ORDER_STATE_CANCELED, 2, T + 5);
    s.onRejection({
      order: { clientOrderId: 'c', account: 'main' },
      reason: pb.RejectReason.REJECT_REASON_MAX_DAILY_LOSS,
      timeMs: T,
    });
    const sample = s.sample(T + 1_000);
    expect(sample.orders).toEqual([
      {
        account: 'main',
        approved: 1,
        riskRejected: 1,
        submitted: 2,
        filled: 1,
        canceled: 1,
        brokerRejected: 0,
        expired: 0,
        fills: 2,
        latencySumMs: 1_200,
        latencyCount: 2,
        latencyMaxMs: 800,
      },
    ]);
    expect(sample.rejections).toEqual([{ account: 'main', reason: 'MAX_DAILY_LOSS', count: 1 }]);
    expect(sample.invalid).toBe(1);
    expect(s.sample(T + 2_000).orders).toEqual([]);
  });

  test('heartbeats: up/down, restarts and error increases, expected services reported before they appear', () => {
    const s = new MonitorState(opts);
    const hb = (t: number, started: number, errors: number) =>
      s.onHeartbeat({
        service: 'collector',
        instance: 'c1',
        timeMs: t,
        startedMs: started,
        gauges: { handlerErrors: errors, published: 99 },
      });
    hb(T + 1_000, T - H, 7); // running before the monitor: its 7 errors are history
    hb(T + 11_000, T - H, 9);
    hb(T + 21_000, T + 15_000, 1); // restarted
    let rows = s.sample(T + 25_000).services;
    expect(rows.find((r) => r.service === 'collector')).toMatchObject({
      up: true,
      restarts: 1,
      errors: 3,
      instances: 1,
      uptimeMs: 10_000,
    });
    expect(rows.find((r) => r.service === 'risk-gate')).toMatchObject({
      up: false,
      ageMs: undefined,
      instances: 0,
    });
    rows = s.sample(T + 60_000).services;
    expect(rows.find((r) => r.service === 'collector')).toMatchObject({
      up: false,
      restarts: 0,
      errors: 0,
      ageMs: 39_000,
    });
  });
});

describe('alert rules', () => {
  const limits = MonitorSettingsSchema.parse({
    maxDrawdown: 0.1,
    clearRatio: 0.8,
    heartbeatTimeoutMs: 30_000,
  });

  test('an expected service that never reported is missing only after the heartbeat timeout', () => {
    const s = new MonitorState(opts);
    const key = 'heartbeat_missing:risk-gate';
    const early = observe(s.sample(T + 10_000), undefined, limits, T).find((o) => o.key === key);
    expect(early?.active).toBeUndefined();
    const late = observe(s.sample(T + 31_000), undefined, limits, T).find((o) => o.key === key);
    expect(late?.active).toBe(true);
  });

  test('the tracker alerts on changes only, keeps lag alerts when lag could not be read, and can undo', () => {
    const t = new AlertTracker();
    const o = (active: boolean | undefined, key = 'consumer_lag:MD:x') => ({
      key,
      code: 'consumer_lag',
      severity: 'warning' as const,
      active,
      message: 'm',
      labels: {},
    });
    expect(t.update([o(true)]).map((x) => x.state)).toEqual(['firing']);
    expect(t.update([o(true)])).toEqual([]);
    expect(t.update([o(undefined)])).toEqual([]);
    expect(
      t.update([], (k) => k.startsWith('consumer_lag:')),
      'lag unreadable: keep',
    ).toEqual([]);
    const [resolved] = t.update([o(false)]);
    expect(resolved).toMatchObject({ state: 'resolved', severity: 'info' });
    t.revert(resolved!);
    expect(t.activeKeys(), 'an unpublished resolution is retried').toEqual(['consumer_lag:MD:x']);
    expect(
      t.update([]).map((x) => x.state),
      'a vanished subject resolves',
    ).toEqual(['resolved']);
  });

  test('settings from the environment', () => {
    const s = parseMonitorSettings({
      MONITOR_MAX_DRAWDOWN: '0.2',
      MONITOR_EXPECTED_SERVICES: 'collector, risk-gate',
    });
    expect(s.maxDrawdown).toBe(0.2);
    expect(s.expectedServices).toEqual(['collector', 'risk-gate']);
    expect(() => parseMonitorSettings({ MONITOR_MAX_DRAWDOWN: '2' })).toThrow(/maxDrawdown/);
  });
});
