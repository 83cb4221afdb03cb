import { type Instrument, instrumentToSubject, type Timeframe } from '@algotrader/core';

/** Subject names. One place, so every stage and the NATS permissions in infra/ agree. */
export const subjects = {
  bar: (i: Instrument, tf: Timeframe) => `md.bar.${instrumentToSubject(i)}.${tf}`,
  barsAll: 'md.bar.>',
  barSet: (venue: string, tf: Timeframe) => `md.barset.${venue.toLowerCase()}.${tf}`,
  feature: (i: Instrument, tf: Timeframe) => `feat.${instrumentToSubject(i)}.${tf}`,
  signal: (strategy: string, i: Instrument) => `sig.${strategy}.${instrumentToSubject(i)}`,
  orderApproved: (account: string) => `ord.approved.${account}`,
  orderRejected: (account: string) => `ord.rejected.${account}`,
  execOrder: (account: string) => `exec.order.${account}`,
  execFill: (account: string) => `exec.fill.${account}`,
  execPosition: (account: string) => `exec.position.${account}`,
  alert: (severity: 'info' | 'warning' | 'critical') => `ops.alert.${severity}`,
  heartbeat: (service: string) => `ops.heartbeat.${service}`,
  control: (action: string) => `ops.control.${action}`,
  /** Where an undeliverable message of `subject` goes. */
  deadLetter: (subject: string) => `dlq.${subject}`,
} as const;
