import { type Bus, subjects } from '@algotrader/bus';
import { formatInstrument, type Instrument } from '@algotrader/core';
import type { Alerter } from '@algotrader/pipeline';
import { codecs, decodeFundingRate } from '@algotrader/proto';

export type FundingRates = Record<string, { readonly rate: number; readonly fetchedAt: number }>;

/**
 * The latest funding rate per swap, as the collector publishes it on `md.funding.*` (a plain
 * subscription). At start, after subscribing, each swap's last rate is read from stream MD (its
 * last message on `md.funding.<swap>`), so a restarted gate judges opening orders at once instead
 * of refusing them as stale data until the collector's next fetch; a rate that old is still stale
 * by `fundingStaleMs`. A failed read is alerted (`funding_restore_failed`) and the gate goes on
 * with the subscription alone. A message that does not decode or check (non-finite rate, not a
 * swap) is counted and alerted, and the rate held before is kept.
 */
export class FundingFollower {
  readonly #rates: FundingRates = {};
  #sub: ReturnType<Bus['nc']['subscribe']> | undefined;
  invalid = 0;
  received = 0;
  /** Rates read back from stream MD at start. */
  restored = 0;

  constructor(
    private readonly bus: Bus,
    private readonly alerts: Alerter,
  ) {}

  /** Subscribes, then reads each swap's last stored rate (the newer of the two is kept). */
  async start(swaps: readonly Instrument[] = []): Promise<void> {
    this.#subscribe();
    for (const swap of swaps) {
      const subject = subjects.funding(swap);
      try {
        const m = await this.bus.jsm.streams.getMessage('MD', { last_by_subj: subject });
        if (m && this.#take(m.subject, m.data)) this.restored += 1;
      } catch (e) {
        this.alerts.raise({
          severity: 'warning',
          code: 'funding_restore_failed',
          message: `risk-gate: the last funding rate of ${formatInstrument(swap)} could not be read from stream MD (opening orders wait for the next one): ${(e as Error).message}`,
          dedupeKey: `funding_restore:${subject}`,
        });
      }
    }
  }

  #subscribe(): void {
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
        if (this.#take(m.subject, m.data)) this.received += 1;
      },
    });
  }

  /** One FundingRate message taken in; false (counted and alerted) when it does not decode or check. */
  #take(subject: string, data: Uint8Array): boolean {
    try {
      const f = decodeFundingRate(codecs.FundingRate.decode(data));
      const key = formatInstrument(f.instrument);
      // Out-of-order delivery (or the stored rate read after a live one) never moves a rate back in time.
      if ((this.#rates[key]?.fetchedAt ?? 0) <= f.fetchedAt) {
        this.#rates[key] = { rate: f.rate, fetchedAt: f.fetchedAt };
      }
      return true;
    } catch (e) {
      this.invalid += 1;
      this.alerts.raise({
        severity: 'warning',
        code: 'funding_invalid',
        message: `risk-gate: funding rate on ${subject} refused: ${(e as Error).message}`,
        dedupeKey: subject,
      });
      return false;
    }
  }

  /** A copy: a decision sees the rates of the moment it was read. */
  get rates(): FundingRates {
    return { ...this.#rates };
  }

  stop(): void {
    this.#sub?.unsubscribe();
  }
}
