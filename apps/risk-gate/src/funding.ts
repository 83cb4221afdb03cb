import { type Bus, subjects } from '@algotrader/bus';
import { formatInstrument } from '@algotrader/core';
import type { Alerter } from '@algotrader/pipeline';
import { codecs, decodeFundingRate } from '@algotrader/proto';

export type FundingRates = Record<string, { readonly rate: number; readonly fetchedAt: number }>;

/**
 * The latest funding rate per swap, as the collector publishes it on `md.funding.*` (a plain
 * subscription: nothing is stored for the gate, so until the first rate after a start the guard
 * has none and refuses opening swap orders as stale data). A message that does not decode or
 * check (non-finite rate, not a swap) is counted and alerted, and the rate held before is kept.
 */
export class FundingFollower {
  readonly #rates: FundingRates = {};
  #sub: ReturnType<Bus['nc']['subscribe']> | undefined;
  invalid = 0;
  received = 0;

  constructor(
    private readonly bus: Bus,
    private readonly alerts: Alerter,
  ) {}

  start(): void {
    this.#sub = this.bus.nc.subscribe(subjects.fundingAll, {
      callback: (err, m) => {
        if (err) {
          this.alerts.raise({
            severity: 'critical',
            code: 'funding_subscription',
            message: `risk-gate: the md.funding.> subscription failed (no funding rates reach EXTREME_FUNDING): ${err.message}`,
            dedupeKey: 'md.funding',
          });
          return;
        }
        try {
          const f = decodeFundingRate(codecs.FundingRate.decode(m.data));
          const key = formatInstrument(f.instrument);
          // Out-of-order delivery never moves a rate back in time.
          if ((this.#rates[key]?.fetchedAt ?? 0) <= f.fetchedAt) {
            this.#rates[key] = { rate: f.rate, fetchedAt: f.fetchedAt };
          }
          this.received += 1;
        } catch (e) {
          this.invalid += 1;
          this.alerts.raise({
            severity: 'warning',
            code: 'funding_invalid',
            message: `risk-gate: funding rate on ${m.subject} refused: ${(e as Error).message}`,
            dedupeKey: m.subject,
          });
        }
      },
    });
  }

  /** A copy: a decision sees the rates of the moment it was read. */
  get rates(): FundingRates {
    return { ...this.#rates };
  }

  stop(): void {
    this.#sub?.unsubscribe();
  }
}
