import { Bus, ensureConsumer, SYSTEM_TOPOLOGY, subjects } from '@algotrader/bus';
import { parseInstrument, SimulatedClock } from '@algotrader/core';
import { InfluxSink, NullSink } from '@algotrader/metrics';
import { Monitor, MonitorSettingsSchema } from '@algotrader/monitor';
import { Account } from '@algotrader/portfolio';
import { type Alert, type BarMsg, codecs, pb } from '@algotrader/proto';
import { NatsServer, scaled, VictoriaMetrics, waitFor } from '@algotrader/testkit';
import type { Subscription } from '@nats-io/nats-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

const HOUR = 3_600_000;
const btc = parseInstrument('OKX:BTC/USDT');

function bar(closeMs: number, symbol = 'BTC/USDT'): BarMsg {
  return {
    instrument: { venue: 'OKX', symbol },
    timeframe: '1h',
    openTimeMs: closeMs - HOUR,
    closeTimeMs: closeMs,
    open: 100,
    high: 101,
    low: 99,
    close: 100.5,
    volume: 1,
  };
}

describe('monitor: consumer lag as the nats-server reports it, through the real metrics sink', {
  timeout: scaled(20_000),
}, () => {
  let nats: NatsServer;
  let vm: VictoriaMetrics;
  let bus: Bus;
  let publisher: Bus;
  let sink: InfluxSink;
  let monitor: Monitor;
  const clock = new SimulatedClock(Math.floor(Date.now() / HOUR) * HOUR);

  beforeAll(async () => {
    [nats, vm] = await Promise.all([NatsServer.start(), VictoriaMetrics.start()]);
    bus = await Bus.connect({ servers: nats.url, service: 'monitor', ensure: { storage: 'memory' } });
    publisher = await Bus.connect({ servers: nats.url, service: 'collector', ensure: { storage: 'memory' } });
    await bus.ensure(SYSTEM_TOPOLOGY);
    sink = new InfluxSink({ url: vm.url, org: 'algotrader', bucket: 'algotrader', flushIntervalMs: 60_000 });
    monitor = new Monitor({ bus, sink, clock, settings: MonitorSettingsSchema.parse({}) });
    await monitor.start();
  });

  afterAll(async () => {
    await monitor?.stop();
    await sink?.close();
    await publisher?.close();
    await bus?.close();
    await Promise.all([nats?.stop(), vm?.stop()]);
  });

  test('num_pending, num_ack_pending and num_redelivered match the server for a known backlog', async () => {
    const N = 20;
    const k = 7;
    const subject = subjects.bar(btc, '1h');
    await ensureConsumer(bus.jsm, {
      stream: 'MD',
      durable: 'lag-probe',
      filterSubjects: [subject],
      ackWaitMs: 60_000,
    });
    for (let i = 0; i < N; i++) {
      const close = clock.now() - (N - i) * HOUR;
      await publisher.publish(codecs.Bar, subject, bar(close), { msgId: `bar:lag:${close}` });
    }
    const probe = await publisher.js.consumers.get('MD', 'lag-probe');
    // k consumed and acknowledged.
    const acked = await probe.fetch({ max_messages: k, expires: 2_000 });
    let n = 0;
    for await (const m of acked) {
      await m.ackAck();
      if (++n === k) break;
    }
    expect(n).toBe(k);

    const first = await monitor.tick();
    const lag = first.lag?.consumers.find((c) => c.stream === 'MD' && c.consumer === 'lag-probe');
    const server = await bus.jsm.consumers.info('MD', 'lag-probe');
    expect(lag?.numPending).toBe(N - k);
    expect(lag?.numPending).toBe(server.num_pending);
    expect(lag?.numAckPending).toBe(0);

    // 3 more delivered but not acknowledged; 2 of them refused (nak) and delivered again.
    const held = await probe.fetch({ max_messages: 3, expires: 2_000 });
    const unacked = [];
    for await (const m of held) {
      unacked.push(m);
      if (unacked.length === 3) break;
    }
    // A nak sent as a request is answered once the server has processed it (like ackAck), so
    // the next fetch sees the two messages queued for redelivery.
    for (const m of unacked.slice(0, 2)) {
      // The JsMsg interface hides the ack subject its implementation carries.
      const reply = (m as unknown as { reply?: string }).reply;
      if (!reply) throw new Error('a JetStream message without an ack subject');
      await publisher.nc.request(reply, new TextEncoder().encode('-NAK'), { timeout: 2_000 });
    }
    const again = await probe.fetch({ max_messages: 2, expires: 2_000 });
    let redelivered = 0;
    for await (const m of again) {
      expect(m.info.deliveryCount).toBe(2);
      if (++redelivered === 2) break;
    }
    expect(redelivered).toBe(2);

    clock.advance(15_000);
    const second = await monitor.tick();
    const lag2 = second.lag?.consumers.find((c) => c.consumer === 'lag-probe');
    const server2 = await bus.jsm.consumers.info('MD', 'lag-probe');
    expect(lag2).toMatchObject({
      numPending: N - k - 3,
      numAckPending: 3,
      numRedelivered: 2,
      deliveredSeq: server2.delivered.stream_seq,
      ackFloorSeq: server2.ack_floor.stream_seq,
    });
    expect(server2.num_pending).toBe(N - k - 3);
    // The two refused messages are out again and not yet acknowledged.
    expect(server2.num_redelivered).toBe(2);

    // What reached the metrics server: one point per tick, same figures.
    await sink.flush();
    const sel = (f: string) => `js_consumer_${f}{stream="MD",consumer="lag-probe"}`;
    const pending = await vm.waitForSamples(sel('num_pending'), 2);
    expect(pending).toHaveLength(1);
    expect(pending[0]!.values).toEqual([N - k, N - k - 3]);
    expect(pending[0]!.timestamps).toEqual([clock.now() - 15_000, clock.now()]);
    const ackPending = await vm.waitForSamples(sel('num_ack_pending'), 2);
    expect(ackPending[0]!.values).toEqual([0, 3]);
    const redeliveredSeries = await vm.waitForSamples(sel('num_redelivered'), 2);
    expect(redeliveredSeries[0]!.values).toEqual([0, 2]);
    const streamMsgs = await vm.waitForSamples('js_stream_messages{stream="MD"}', 2);
    expect(streamMsgs[0]!.values.at(-1)).toBe(N);

    // The monitor's own durable consumers saw every bar: their backlog is 0 and bar lag is written.
    await waitFor(() => monitor.handled >= N, 10_000, 'monitor to take in the bars');
    clock.advance(15_000);
    const third = await monitor.tick();
    expect(third.lag?.consumers.find((c) => c.consumer === 'monitor-bars')?.numPending).toBe(0);
    const row = third.sample.bars.find((b) => b.instrument === 'OKX:BTC/USDT');
    expect(row?.lagMs).toBe(HOUR + 30_000);
    await sink.flush();
    const barLag = await vm.waitForSamples('bar_health_lag_s{instrument="OKX:BTC/USDT",timeframe="1h"}', 1);
    expect(barLag[0]!.values.at(-1)).toBe(HOUR / 1000 + 30);
    expect(sink.stats().rejected).toBe(0);
  });
});

describe('monitor: alert rules fire once when a condition starts and send info when it clears', {
  timeout: scaled(20_000),
}, () => {
  let nats: NatsServer;
  let bus: Bus;
  let publisher: Bus;
  let monitor: Monitor;
  let sub: Subscription;
  const received: { subject: string; alert: Alert }[] = [];
  const T0 = Math.floor(Date.now() / HOUR) * HOUR;
  const clock = new SimulatedClock(T0);

  beforeAll(async () => {
    nats = await NatsServer.start();
    bus = await Bus.connect({ servers: nats.url, service: 'monitor', ensure: { storage: 'memory' } });
    publisher = await Bus.connect({ servers: nats.url, service: 'test', ensure: { storage: 'memory' } });
    await bus.ensure(SYSTEM_TOPOLOGY);
    sub = publisher.nc.subscribe('ops.alert.>');
    void (async () => {
      for await (const m of sub) received.push({ subject: m.subject, alert: codecs.Alert.decode(m.data) });
    })();
    monitor = new Monitor({
      bus,
      sink: new NullSink(),
      clock,
      settings: MonitorSettingsSchema.parse({
        maxConsumerPending: 5,
        maxDrawdown: 0.1,
        clearRatio: 0.8,
        barStaleGraceMs: 60_000,
        heartbeatTimeoutMs: 30_000,
        expectedServices: ['risk-gate'],
      }),
    });
    await monitor.start();
  });

  afterAll(async () => {
    sub?.unsubscribe();
    await monitor?.stop();
    await publisher?.close();
    await bus?.close();
    await nats?.stop();
  });

  // The account's figures come from a real Account valued at each snapshot, as the order-router's.
  const account = Account.open({ initialCash: 1_000, specs: [] });
  const snapshot = (equity: number, timeMs: number) => {
    account.setCash(equity);
    account.revalue(timeMs);
    return publisher.publish(
      codecs.PositionSnapshot,
      subjects.execPosition('main'),
      {
        account: 'main',
        timeMs,
        equity: String(account.valuedEquity),
        cash: String(equity),
        positions: [],
        peakEquity: String(account.peakEquity),
        dayStartEquity: String(account.dayStartEquity),
        drawdown: String(account.drawdown),
        dailyPnl: String(account.dailyPnl),
      },
      { msgId: `pos:main:${timeMs}` },
    );
  };
  const heartbeat = (timeMs: number) =>
    publisher.publish(
      codecs.Heartbeat,
      subjects.heartbeat('risk-gate'),
      { service: 'risk-gate', instance: 'rg-1', timeMs, startedMs: T0 - HOUR },
      { msgId: `hb:risk-gate:rg-1:${timeMs}` },
    );
  const publishBar = (closeMs: number) =>
    publisher.publish(codecs.Bar, subjects.bar(btc, '1h'), bar(closeMs), {
      msgId: `bar:okx:BTC-USDT:1h:${closeMs}`,
    });
  const keysOf = (r: Awaited<ReturnType<Monitor['tick']>>) =>
    r.alerts.map((a) => `${a.state} ${a.key}`).sort();

  test('lag, stale bars, missing heartbeat and drawdown', async () => {
    // A consumer that nobody drains: its backlog is the lag the rule watches.
    await ensureConsumer(bus.jsm, { stream: 'FEATURES', durable: 'slow', filterSubjects: ['feat.>'] });
    await publishBar(T0);
    await heartbeat(T0);
    await snapshot(1_000, T0);
    await waitFor(() => monitor.handled >= 3, 10_000, 'monitor to take in 3 messages');
    clock.set(T0 + 1_000);
    expect(keysOf(await monitor.tick()), 'all healthy').toEqual([]);

    for (let i = 0; i < 10; i++) {
      await publisher.publishRaw('feat.okx.ETH-USDT.1h', new Uint8Array([i]), { msgId: `feat:${i}` });
    }
    await snapshot(850, T0 + 2_000); // 15 % below the peak
    await waitFor(() => monitor.handled >= 4, 10_000, 'the snapshot');
    clock.set(T0 + 10_000);
    expect(keysOf(await monitor.tick())).toEqual([
      'firing consumer_lag:FEATURES:slow',
      'firing drawdown:main',
    ]);
    clock.set(T0 + 20_000);
    expect(keysOf(await monitor.tick()), 'a persisting condition alerts once').toEqual([]);

    // Inside the hysteresis band (limit x 0.8 < value <= limit): still firing, nothing sent.
    await snapshot(910, T0 + 21_000); // 9 % down: below the 10 % limit, above the 8 % clear level
    const slow = await publisher.js.consumers.get('FEATURES', 'slow');
    let taken = 0;
    for await (const m of await slow.fetch({ max_messages: 5, expires: 2_000 })) {
      await m.ackAck();
      if (++taken === 5) break;
    }
    await waitFor(() => monitor.handled >= 5, 10_000, 'the snapshot');
    clock.set(T0 + 30_000);
    const band = await monitor.tick();
    expect(band.lag?.consumers.find((c) => c.consumer === 'slow')?.numPending).toBe(5);
    expect(keysOf(band), 'no flapping around the limit').toEqual([]);
    expect(monitor.firing()).toEqual(['consumer_lag:FEATURES:slow', 'drawdown:main']);

    // Two hours on: the bar and the heartbeat are stale; drawdown and lag have recovered.
    await snapshot(1_000, T0 + 2 * HOUR - 5_000);
    for await (const m of await slow.fetch({ max_messages: 5, expires: 2_000 })) {
      await m.ackAck();
      if (++taken === 10) break;
    }
    await waitFor(() => monitor.handled >= 6, 10_000, 'the snapshot');
    clock.set(T0 + 2 * HOUR);
    expect(keysOf(await monitor.tick())).toEqual([
      'firing bar_stale:OKX:BTC/USDT:1h',
      'firing heartbeat_missing:risk-gate',
      'resolved consumer_lag:FEATURES:slow',
      'resolved drawdown:main',
    ]);
    clock.set(T0 + 2 * HOUR + 10_000);
    expect(keysOf(await monitor.tick())).toEqual([]);

    // Data and heartbeats flow again.
    await publishBar(T0 + 2 * HOUR);
    await heartbeat(T0 + 2 * HOUR + 15_000);
    await waitFor(() => monitor.handled >= 8, 10_000, 'bar and heartbeat');
    clock.set(T0 + 2 * HOUR + 20_000);
    expect(keysOf(await monitor.tick())).toEqual([
      'resolved bar_stale:OKX:BTC/USDT:1h',
      'resolved heartbeat_missing:risk-gate',
    ]);
    clock.set(T0 + 2 * HOUR + 30_000);
    expect(keysOf(await monitor.tick())).toEqual([]);
    expect(monitor.firing()).toEqual([]);

    // On the wire: one Alert per transition, on ops.alert.<severity>, keyed for dedupe.
    await waitFor(() => received.length >= 8, 5_000, '8 alerts on ops.alert.>');
    const S = pb.Severity;
    const wire = received
      .map(
        ({ subject, alert }) => `${subject} ${alert.severity} ${alert.labels?.['state']} ${alert.dedupeKey}`,
      )
      .sort();
    expect(wire).toEqual(
      [
        `ops.alert.critical ${S.SEVERITY_CRITICAL} firing drawdown:main`,
        `ops.alert.critical ${S.SEVERITY_CRITICAL} firing heartbeat_missing:risk-gate`,
        `ops.alert.info ${S.SEVERITY_INFO} resolved bar_stale:OKX:BTC/USDT:1h`,
        `ops.alert.info ${S.SEVERITY_INFO} resolved consumer_lag:FEATURES:slow`,
        `ops.alert.info ${S.SEVERITY_INFO} resolved drawdown:main`,
        `ops.alert.info ${S.SEVERITY_INFO} resolved heartbeat_missing:risk-gate`,
        `ops.alert.warning ${S.SEVERITY_WARNING} firing bar_stale:OKX:BTC/USDT:1h`,
        `ops.alert.warning ${S.SEVERITY_WARNING} firing consumer_lag:FEATURES:slow`,
      ].sort(),
    );
    for (const { alert } of received) {
      expect(alert.source).toBe('monitor');
      expect(alert.message).not.toBe('');
    }
    // The alerts are in the OPS stream too (durable for the notifier).
    const ops = await bus.jsm.streams.info('OPS', { subjects_filter: 'ops.alert.>' });
    expect(ops.state.subjects ? Object.values(ops.state.subjects).reduce((a, b) => a + b, 0) : 0).toBe(8);
  });

  test("a restarted monitor shows the account's peak at once: it keeps no accounting of its own", async () => {
    const restarted = new Monitor({
      bus,
      sink: new NullSink(),
      clock,
      settings: MonitorSettingsSchema.parse({ consumerPrefix: 'monitor2', maxDrawdown: 0.1 }),
    });
    await restarted.start();
    try {
      await snapshot(880, clock.now());
      await waitFor(() => restarted.handled >= 1, 10_000, 'the snapshot');
      const r = await restarted.tick();
      expect(r.sample.accounts[0]).toMatchObject({ peakEquity: 1_000, equity: 880 });
      expect(r.alerts.map((a) => `${a.state} ${a.key}`)).toEqual(['firing drawdown:main']);
    } finally {
      await restarted.stop();
    }
  });
});
