import type { MetricsSink } from '@algotrader/metrics';
import type { LagReport } from './lag';
import { writePoint } from './schema';
import type { MonitorSample } from './state';
import { type StorageReport, usedRatio } from './storage';

/** Writes one sample (and the lag report read with it) as points of the {@link SCHEMA} measurements. */
export function writeSample(sink: MetricsSink, sample: MonitorSample, lag: LagReport | undefined): void {
  const t = sample.timeMs;
  for (const s of lag?.streams ?? []) {
    writePoint(
      sink,
      'stream',
      { stream: s.stream },
      { messages: s.messages, bytes: s.bytes, consumers: s.consumers, last_seq: s.lastSeq },
      t,
    );
  }
  for (const c of lag?.consumers ?? []) {
    writePoint(
      sink,
      'consumer',
      { stream: c.stream, consumer: c.consumer },
      {
        num_pending: c.numPending,
        num_ack_pending: c.numAckPending,
        num_redelivered: c.numRedelivered,
        num_waiting: c.numWaiting,
        delivered_seq: c.deliveredSeq,
        ack_floor_seq: c.ackFloorSeq,
      },
      t,
    );
  }
  for (const b of sample.bars) {
    const seen = b.bars + b.missing;
    writePoint(
      sink,
      'bars',
      { instrument: b.instrument, timeframe: b.timeframe },
      {
        lag_s: b.lagMs / 1000,
        bars: b.bars,
        missing: b.missing,
        out_of_order: b.outOfOrder,
        stale: b.stale ? 1 : 0,
        ...(seen > 0 ? { gap_rate: b.missing / seen } : {}),
      },
      t,
    );
  }
  for (const a of sample.accounts) {
    writePoint(
      sink,
      'account',
      { account: a.account },
      {
        equity: a.equity,
        cash: a.cash,
        peak_equity: a.peakEquity,
        drawdown: a.drawdown,
        daily_pnl: a.dailyPnl,
        daily_pnl_pct: a.dailyPnlPct,
        gross_exposure: a.grossExposure,
        net_exposure: a.netExposure,
        exposure_pct: a.exposurePct,
        max_instrument_exposure: a.maxInstrumentExposure,
        max_instrument_exposure_pct: a.maxInstrumentExposurePct,
        positions: a.positions.length,
        realized_pnl: a.realizedPnl,
        unrealized_pnl: a.unrealizedPnl,
      },
      t,
    );
    for (const p of a.positions) {
      writePoint(
        sink,
        'position',
        { account: a.account, instrument: p.instrument },
        {
          quantity: p.quantity,
          notional: p.notional,
          mark_price: p.markPrice,
          unrealized_pnl: p.unrealizedPnl,
          exposure_pct: p.exposurePct,
        },
        t,
      );
    }
  }
  for (const o of sample.orders) {
    const ended = o.filled + o.canceled + o.brokerRejected + o.expired;
    const decided = o.approved + o.riskRejected;
    writePoint(
      sink,
      'orders',
      { account: o.account },
      {
        approved: o.approved,
        risk_rejected: o.riskRejected,
        submitted: o.submitted,
        filled: o.filled,
        canceled: o.canceled,
        broker_rejected: o.brokerRejected,
        expired: o.expired,
        fills: o.fills,
        ...(ended > 0 ? { success_rate: o.filled / ended } : {}),
        ...(decided > 0 ? { reject_rate: o.riskRejected / decided } : {}),
        ...(o.latencyCount > 0
          ? { fill_latency_ms_avg: o.latencySumMs / o.latencyCount, fill_latency_ms_max: o.latencyMaxMs }
          : {}),
      },
      t,
    );
  }
  for (const r of sample.rejections) {
    writePoint(sink, 'rejections', { account: r.account, reason: r.reason }, { count: r.count }, t);
  }
  for (const s of sample.services) {
    writePoint(
      sink,
      'service',
      { service: s.service },
      {
        up: s.up ? 1 : 0,
        instances: s.instances,
        restarts: s.restarts,
        errors: s.errors,
        ...(s.ageMs !== undefined ? { heartbeat_age_s: s.ageMs / 1000 } : {}),
        ...(s.uptimeMs !== undefined ? { uptime_s: s.uptimeMs / 1000 } : {}),
      },
      t,
    );
  }
}

/** Writes one storage check ({@link readStorage}) as `js_stream_storage`, `js_store` and `js_storage_check` points. */
export function writeStorage(sink: MetricsSink, r: StorageReport, readErrors: number, t: number): void {
  for (const s of r.streams ?? []) {
    const byBytes = usedRatio(s.bytes, s.maxBytes);
    const byMsgs = usedRatio(s.messages, s.maxMsgs);
    const worst = Math.max(byBytes ?? -1, byMsgs ?? -1);
    writePoint(
      sink,
      'streamStorage',
      { stream: s.stream },
      {
        bytes: s.bytes,
        max_bytes: s.maxBytes,
        messages: s.messages,
        max_msgs: s.maxMsgs,
        ...(byBytes !== undefined ? { bytes_ratio: byBytes } : {}),
        ...(byMsgs !== undefined ? { msgs_ratio: byMsgs } : {}),
        ...(worst >= 0 ? { used_ratio: worst } : {}),
      },
      t,
    );
  }
  for (const s of r.stores) {
    const ratio = usedRatio(s.usedBytes, s.limitBytes);
    writePoint(
      sink,
      'store',
      { scope: s.scope },
      {
        used_bytes: s.usedBytes,
        limit_bytes: s.limitBytes,
        ...(ratio !== undefined ? { used_ratio: ratio, free_bytes: s.limitBytes - s.usedBytes } : {}),
      },
      t,
    );
  }
  writePoint(
    sink,
    'storageCheck',
    {},
    { read_errors: readErrors, ...(r.streams ? { streams: r.streams.length } : {}) },
    t,
  );
}
