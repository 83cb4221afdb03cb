import type { MetricsSink } from '@algotrader/metrics';
import type { LagReport } from './lag';
import { writePoint } from './schema';
import type { MonitorSample } from './state';

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
