import { type Bus, subjects } from '@algotrader/bus';
import { alertKey, type Clock } from '@algotrader/core';
import { codecs, pb } from '@algotrader/proto';
import type { AlertInput, Severity } from './domain/decider';

export type { AlertInput, Severity };

const SEVERITY: Record<Severity, number> = {
  info: pb.Severity.SEVERITY_INFO,
  warning: pb.Severity.SEVERITY_WARNING,
  critical: pb.Severity.SEVERITY_CRITICAL,
};

/**
 * Publishes alerts without ever blocking the trading path: at most `maxInFlight` publishes are
 * pending, further alerts are dropped and counted.
 */
export class Alerter {
  readonly #bus: Bus;
  readonly #source: string;
  readonly #clock: Clock;
  readonly #maxInFlight: number;
  #inFlight = 0;
  dropped = 0;
  raised = 0;

  constructor(bus: Bus, source: string, clock: Clock, maxInFlight = 64) {
    this.#bus = bus;
    this.#source = source;
    this.#clock = clock;
    this.#maxInFlight = maxInFlight;
  }

  raise(a: AlertInput): void {
    if (this.#inFlight >= this.#maxInFlight) {
      this.dropped += 1;
      return;
    }
    this.#inFlight += 1;
    this.raised += 1;
    const log = a.severity === 'info' ? 'info' : a.severity === 'warning' ? 'warn' : 'error';
    this.#bus.log[log]({ code: a.code, ...a.labels }, a.message);
    this.#bus
      .publish(
        codecs.Alert,
        subjects.alert(a.severity),
        {
          severity: SEVERITY[a.severity],
          source: this.#source,
          code: a.code,
          message: a.message,
          labels: a.labels ?? {},
          timeMs: this.#clock.now(),
          dedupeKey: a.dedupeKey,
        },
        { msgId: alertKey(this.#source, a.code, a.dedupeKey) },
      )
      .catch(() => {
        this.dropped += 1;
      })
      .finally(() => {
        this.#inFlight -= 1;
      });
  }
}
