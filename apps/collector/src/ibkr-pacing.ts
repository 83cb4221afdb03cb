import { AlgoError, ErrorCode } from '@algotrader/core';

/**
 * IBKR's historical-data pacing, kept by the caller so TWS never answers with error 162 ("Historical
 * Market Data Service error message: pacing violation"), which costs a request and, repeated, a
 * disconnect. The limits (TWS API documentation, "Historical Data Limitations" → Pacing Violations
 * for Small Bars): no more than 60 requests in any 10 minutes; no identical request within 15
 * seconds; no more than 6 requests for the same contract, exchange and tick type within 2 seconds.
 * Pure: time is given by the caller (a scheduler's clock in service, a simulated clock in tests).
 */
export interface PacingLimits {
  readonly maxPerWindow: number;
  readonly windowMs: number;
  readonly identicalGapMs: number;
  readonly sameContractMax: number;
  readonly sameContractWindowMs: number;
}

export const IBKR_HISTORICAL_PACING: PacingLimits = {
  maxPerWindow: 60,
  windowMs: 600_000,
  identicalGapMs: 15_000,
  sameContractMax: 6,
  sameContractWindowMs: 2_000,
};

/** What identifies a request for the pacing rules. */
export interface PacedRequest {
  /** Every parameter of the request (contract, end time, duration, bar size, what to show, RTH): identical requests share it. */
  readonly key: string;
  /** Contract, exchange and tick type (what to show). */
  readonly contractKey: string;
}

/** The send times the rules look back on, and when the next request may go. */
export class HistoricalPacer {
  readonly limits: PacingLimits;
  readonly #sent: number[] = [];
  readonly #byKey = new Map<string, number>();
  readonly #byContract = new Map<string, number[]>();

  constructor(limits: PacingLimits = IBKR_HISTORICAL_PACING) {
    if (!(limits.maxPerWindow > 0 && limits.sameContractMax > 0)) {
      throw new AlgoError(ErrorCode.InvalidArgument, 'pacing limits must allow at least one request');
    }
    this.limits = limits;
  }

  /** The earliest time ≥ `now` at which `r` may be sent without breaking a rule. */
  earliest(r: PacedRequest, now: number): number {
    const L = this.limits;
    let t = now;
    const s = this.#sent;
    // The window holds maxPerWindow sends: the next may go when the oldest of the last max leaves it.
    if (s.length >= L.maxPerWindow) t = Math.max(t, s[s.length - L.maxPerWindow]! + L.windowMs);
    const same = this.#byKey.get(r.key);
    if (same !== undefined) t = Math.max(t, same + L.identicalGapMs);
    const c = this.#byContract.get(r.contractKey) ?? [];
    if (c.length >= L.sameContractMax)
      t = Math.max(t, c[c.length - L.sameContractMax]! + L.sameContractWindowMs);
    return t;
  }

  /** Records a send at `t` (not before the last one recorded). */
  record(r: PacedRequest, t: number): void {
    const last = this.#sent[this.#sent.length - 1];
    if (last !== undefined && t < last) {
      throw new AlgoError(ErrorCode.InvalidArgument, `pacing: send at ${t} recorded after one at ${last}`);
    }
    this.#sent.push(t);
    if (this.#sent.length > this.limits.maxPerWindow) this.#sent.shift();
    this.#byKey.set(r.key, t);
    for (const [k, at] of this.#byKey) if (at + this.limits.identicalGapMs <= t) this.#byKey.delete(k);
    const c = this.#byContract.get(r.contractKey) ?? [];
    c.push(t);
    if (c.length > this.limits.sameContractMax) c.shift();
    this.#byContract.set(r.contractKey, c);
  }
}

/** The time a paced queue runs on. */
export interface PacingClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

/**
 * Sends requests in the order they were asked for, each once the pacer allows it; concurrent
 * callers wait their turn (the reservation is serial, the requests themselves overlap).
 */
export class PacedQueue {
  readonly pacer: HistoricalPacer;
  readonly #clock: PacingClock;
  #tail: Promise<void> = Promise.resolve();
  /** Total time callers were held back, ms (a metric: pacing is working, or history is asked for too fast). */
  waitedMs = 0;

  constructor(clock: PacingClock, pacer = new HistoricalPacer()) {
    this.#clock = clock;
    this.pacer = pacer;
  }

  run<T>(r: PacedRequest, send: () => Promise<T>): Promise<T> {
    const turn = this.#tail.then(async () => {
      const now = this.#clock.now();
      const at = this.pacer.earliest(r, now);
      if (at > now) {
        this.waitedMs += at - now;
        await this.#clock.sleep(at - now);
      }
      this.pacer.record(r, Math.max(at, this.#clock.now()));
    });
    this.#tail = turn.catch(() => {});
    return turn.then(send);
  }
}
