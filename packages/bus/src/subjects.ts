import { type Instrument, instrumentToSubject, type Timeframe } from '@algotrader/core';

/** Subject names. One place, so every stage and the NATS permissions in infra/ agree. */
export const subjects = {
  bar: (i: Instrument, tf: Timeframe) => `md.bar.${instrumentToSubject(i)}.${tf}`,
  barsAll: 'md.bar.>',
  /** A swap's current funding rate (collector live loop). */
  funding: (i: Instrument) => `md.funding.${instrumentToSubject(i)}`,
  fundingAll: 'md.funding.>',
  barSet: (venue: string, tf: Timeframe) => `md.barset.${venue.toLowerCase()}.${tf}`,
  feature: (i: Instrument, tf: Timeframe) => `feat.${instrumentToSubject(i)}.${tf}`,
  signal: (strategy: string, i: Instrument) => `sig.${strategy}.${instrumentToSubject(i)}`,
  /** Marker after all strategies decided on one close time (`_set` is not a valid strategy name). */
  signalSet: (venue: string, tf: Timeframe) => `sig._set.${venue.toLowerCase()}.${tf}`,
  /** The feature-engine's copy of a BarSetClosed, after the feature vectors of that close. */
  featureSet: (venue: string, tf: Timeframe) => `feat._set.${venue.toLowerCase()}.${tf}`,
  /** An operator's force-exit command, on SIGNALS so the risk gate reads it in order (`_forceexit` is no strategy). */
  forceExit: (account: string) => `sig._forceexit.${account}`,
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

/** The message type a subject carries (by its leading tokens), for tools that decode any stream. */
export function messageTypeForSubject(subject: string): string | undefined {
  const rules: [RegExp, string][] = [
    [/^md\.bar\./, 'Bar'],
    [/^md\.barset\./, 'BarSetClosed'],
    [/^md\.funding\./, 'FundingRate'],
    [/^feat\._set\./, 'BarSetClosed'],
    [/^feat\./, 'FeatureVector'],
    [/^sig\._set\./, 'SignalSetClosed'],
    [/^sig\._forceexit\./, 'ForceExit'],
    [/^sig\./, 'Signal'],
    [/^ord\.approved\./, 'OrderRequest'],
    [/^ord\.rejected\./, 'RiskRejection'],
    [/^exec\.order\./, 'OrderEvent'],
    [/^exec\.fill\./, 'Fill'],
    [/^exec\.position\./, 'PositionSnapshot'],
    [/^ops\.alert\./, 'Alert'],
    [/^ops\.heartbeat\./, 'Heartbeat'],
    [/^ops\.control\./, 'ControlCommand'],
    [/^research\.job\./, 'SweepJob'],
    [/^research\.result\./, 'SweepResult'],
    [/^dlq\./, 'DeadLetter'],
  ];
  return rules.find(([re]) => re.test(subject))?.[1];
}
