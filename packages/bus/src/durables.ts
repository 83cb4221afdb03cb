import { subjects } from './subjects';
import type { ConsumerSpec } from './topology';

/**
 * The durable consumers of the services, declared once: the service binds to them, and
 * `algotrader init` (the admin identity) creates them beforehand, so a service user needs no
 * consumer-create grant for a durable (infra/nats/auth.conf, docs/SECURITY.md). The names are the
 * defaults auth.conf grants; a service started with another prefix needs its own grants.
 */

/** The collector's archiver on MD (the Parquet history). */
export function archiverConsumer(
  o: { durable?: string; maxDeliver?: number; batch?: number } = {},
): ConsumerSpec {
  return {
    stream: 'MD',
    durable: o.durable ?? 'archiver',
    filterSubjects: [subjects.barsAll],
    ackWaitMs: 60_000,
    maxDeliver: o.maxDeliver ?? 10,
    maxAckPending: Math.max(10_000, (o.batch ?? 1_000) * 4),
  };
}

/** The notifier's durables (new messages only on first creation), keyed by what they carry. */
export function notifierConsumers(prefix = 'notifier') {
  const d = (stream: string, what: string, filter: string): ConsumerSpec => ({
    stream,
    durable: `${prefix}-${what}`,
    filterSubjects: [filter],
    deliverPolicy: 'new',
  });
  return {
    alerts: d('OPS', 'alerts', 'ops.alert.>'),
    fills: d('EXEC', 'fills', 'exec.fill.>'),
    orders: d('EXEC', 'orders', 'exec.order.>'),
    positions: d('EXEC', 'positions', 'exec.position.>'),
    rejections: d('ORDERS', 'rejections', 'ord.rejected.>'),
  };
}

/** The monitor's durables (new messages only on first creation), keyed by what they carry. */
export function monitorConsumers(prefix = 'monitor') {
  const d = (stream: string, what: string, filter: string): ConsumerSpec => ({
    stream,
    durable: `${prefix}-${what}`,
    filterSubjects: [filter],
    deliverPolicy: 'new',
  });
  return {
    bars: d('MD', 'bars', subjects.barsAll),
    positions: d('EXEC', 'positions', 'exec.position.>'),
    orders: d('EXEC', 'orders', 'exec.order.>'),
    fills: d('EXEC', 'fills', 'exec.fill.>'),
    approved: d('ORDERS', 'approved', 'ord.approved.>'),
    rejected: d('ORDERS', 'rejected', 'ord.rejected.>'),
    heartbeats: d('OPS', 'heartbeats', 'ops.heartbeat.>'),
  };
}

/** Every durable of the system's stages with its default name (the notify venue's and the sweep worker's are added by `init`). */
export function serviceConsumers(): ConsumerSpec[] {
  return [archiverConsumer(), ...Object.values(notifierConsumers()), ...Object.values(monitorConsumers())];
}
