import { AlgoError, type Clock, ErrorCode } from '@algotrader/core';
import { type Lease, type LeaseStore, leaseKey } from './lease';
import { occurrencesBetween, type Schedule } from './schedule';

export interface JobContext {
  job: string;
  /** The scheduled instant this run is for, ms UTC (not when it actually started). */
  scheduledMs: number;
  /** 1 for the first run of this occurrence; more after a takeover or a retry. */
  attempt: number;
  /** Aborted when the lease is lost to another replica or the scheduler stops. */
  signal: AbortSignal;
}

export interface JobDefinition {
  /** Letters, digits and dashes; part of the lease key. */
  name: string;
  schedule: Schedule;
  run(ctx: JobContext): Promise<void> | void;
  /**
   * After downtime: `latest` runs only the most recent missed occurrence (a summary, a compaction),
   * `all` runs every one still inside the lookback window, oldest first. Default `latest`.
   */
  catchUp?: 'latest' | 'all';
  /** How far back an occurrence still counts as due, ms. Default 6 h. */
  lookbackMs?: number;
  /** A running lease not renewed for this long is presumed dead and may be taken over. Default 60 s. */
  leaseMs?: number;
  /** Runs of one occurrence that fail before it is given up. Default 1 (no retry). */
  maxAttempts?: number;
  /** Wait before a failed occurrence is tried again, ms. Default 60 s. */
  retryDelayMs?: number;
}

export type SchedulerEvent =
  | { type: 'started'; job: string; scheduledMs: number; attempt: number; takeover: boolean }
  | { type: 'succeeded'; job: string; scheduledMs: number; attempt: number; durationMs: number }
  | { type: 'failed'; job: string; scheduledMs: number; attempt: number; error: string; willRetry: boolean }
  | { type: 'lease-lost'; job: string; scheduledMs: number; attempt: number };

export interface SchedulerOptions {
  jobs: readonly JobDefinition[];
  leases: LeaseStore;
  clock: Clock;
  /** This replica's id, recorded as the lease holder. */
  instance: string;
  /** How long the lease bucket keeps entries; every lookback must be shorter, or a run could repeat. */
  leaseRetentionMs: number;
  onEvent?: (e: SchedulerEvent) => void;
  /** Error reporting for the scheduler itself (KV unreachable); jobs report through events. */
  onError?: (err: Error, job: string) => void;
}

const DEFAULTS = {
  catchUp: 'latest',
  lookbackMs: 6 * 3_600_000,
  leaseMs: 60_000,
  maxAttempts: 1,
  retryDelayMs: 60_000,
} as const;

const JOB_NAME = /^[a-z0-9][a-z0-9-]*$/;
const MAX_CATCH_UP = 100;

type Job = Required<Omit<JobDefinition, 'run' | 'schedule' | 'name'>> & JobDefinition;

/**
 * Runs jobs at their scheduled instants, each occurrence exactly once across any number of
 * replicas: a replica runs an occurrence only once it holds that occurrence's lease in KV (created
 * with `kv.create`, so one writer wins), renews the lease while the job runs, and records the
 * outcome in it. A replica that dies mid-run stops renewing; once the lease expires another
 * replica takes it over with a compare-and-set. `tick()` is driven by the caller (a timer in
 * production, a simulated clock in tests).
 */
export class Scheduler {
  readonly #o: SchedulerOptions;
  readonly #jobs: Job[];
  /** Occurrences known to be finished for good, key → scheduled ms (pruned past the lookback). */
  readonly #settled = new Map<string, number>();
  readonly #running = new Map<string, { promise: Promise<void>; abort: AbortController }>();
  #stopped = false;

  constructor(opts: SchedulerOptions) {
    this.#o = opts;
    const names = new Set<string>();
    this.#jobs = opts.jobs.map((j) => {
      if (!JOB_NAME.test(j.name)) {
        throw new AlgoError(
          ErrorCode.InvalidConfig,
          `job name "${j.name}" must be lower-case letters, digits, -`,
        );
      }
      if (names.has(j.name)) throw new AlgoError(ErrorCode.InvalidConfig, `job "${j.name}" defined twice`);
      names.add(j.name);
      const job: Job = { ...DEFAULTS, ...j };
      if (job.lookbackMs >= opts.leaseRetentionMs) {
        throw new AlgoError(
          ErrorCode.InvalidConfig,
          `job "${j.name}": lookback ${job.lookbackMs} ms must be shorter than the lease retention ${opts.leaseRetentionMs} ms`,
        );
      }
      return job;
    });
  }

  get jobs(): readonly string[] {
    return this.#jobs.map((j) => j.name);
  }

  /** Jobs running on this replica right now. */
  get running(): readonly string[] {
    return [...this.#running.keys()];
  }

  /**
   * Claims and starts what is due. Returns once the runs have started (they go on in the
   * background; see {@link idle}). A job already running on this replica waits for the next tick.
   */
  async tick(): Promise<void> {
    if (this.#stopped) return;
    const now = this.#o.clock.now();
    for (const [key, t] of this.#settled) {
      if (t < now - this.#maxLookback()) this.#settled.delete(key);
    }
    for (const job of this.#jobs) {
      if (this.#running.has(job.name)) continue;
      try {
        await this.#startDue(job, now);
      } catch (e) {
        this.#o.onError?.(e as Error, job.name);
      }
    }
  }

  /** Resolves when every run started so far has finished. */
  async idle(): Promise<void> {
    while (this.#running.size > 0) await Promise.all([...this.#running.values()].map((r) => r.promise));
  }

  /** Aborts the running jobs (their signal fires) and waits for them to return; no run starts after. */
  async stop(): Promise<void> {
    this.#stopped = true;
    for (const r of this.#running.values()) r.abort.abort(new Error('scheduler stopping'));
    await this.idle();
  }

  async #startDue(job: Job, now: number): Promise<void> {
    const limit = job.catchUp === 'all' ? MAX_CATCH_UP : 1;
    for (const t of occurrencesBetween(job.schedule, now - job.lookbackMs, now, limit)) {
      if (this.#settled.has(leaseKey(job.name, t))) continue;
      const claim = await this.#claim(job, t, now);
      if (claim) {
        this.#start(job, claim.lease, claim.revision, claim.takeover);
        return;
      }
    }
  }

  async #claim(
    job: Job,
    scheduledMs: number,
    now: number,
  ): Promise<{ lease: Lease; revision: number; takeover: boolean } | undefined> {
    const fresh: Lease = {
      job: job.name,
      scheduledMs,
      holder: this.#o.instance,
      attempt: 1,
      status: 'running',
      acquiredMs: now,
      expiresMs: now + job.leaseMs,
    };
    const created = await this.#o.leases.create(fresh);
    if (created !== undefined) return { lease: fresh, revision: created, takeover: false };
    const cur = await this.#o.leases.get(job.name, scheduledMs);
    if (!cur) return undefined; // expired between the two calls: the next tick decides
    const l = cur.lease;
    const key = leaseKey(job.name, scheduledMs);
    let takeable = false;
    if (l.status === 'done') this.#settled.set(key, scheduledMs);
    else if (l.status === 'failed') {
      if (l.attempt >= job.maxAttempts) this.#settled.set(key, scheduledMs);
      else takeable = now >= (l.retryAtMs ?? 0);
    } else takeable = now > l.expiresMs; // the holder stopped renewing: presumed dead
    if (!takeable) return undefined;
    const next: Lease = { ...fresh, attempt: l.attempt + 1 };
    const revision = await this.#o.leases.update(next, cur.revision);
    return revision === undefined ? undefined : { lease: next, revision, takeover: l.status === 'running' };
  }

  #start(job: Job, lease: Lease, revision: number, takeover: boolean): void {
    const abort = new AbortController();
    const emit = this.#o.onEvent ?? (() => {});
    const base = { job: job.name, scheduledMs: lease.scheduledMs, attempt: lease.attempt };
    let rev = revision;
    let lost = false;
    let renewing: Promise<void> = Promise.resolve();
    const renew = () => {
      renewing = renewing.then(async () => {
        if (lost) return;
        const renewed: Lease = { ...lease, expiresMs: this.#o.clock.now() + job.leaseMs };
        const r = await this.#o.leases.update(renewed, rev).catch(() => rev); // unreachable KV: keep trying
        if (r === undefined) {
          lost = true;
          abort.abort(new Error('lease lost to another replica'));
          emit({ type: 'lease-lost', ...base });
        } else rev = r;
      });
    };
    const timer = setInterval(renew, Math.max(250, Math.floor(job.leaseMs / 3)));
    timer.unref();
    const run = async () => {
      emit({ type: 'started', ...base, takeover });
      const startedMs = this.#o.clock.now();
      let error: string | undefined;
      try {
        await job.run({ ...base, signal: abort.signal });
      } catch (e) {
        error = e instanceof Error ? e.message : String(e);
      } finally {
        clearInterval(timer);
      }
      await renewing;
      if (lost) return;
      const finishedMs = this.#o.clock.now();
      const willRetry = error !== undefined && lease.attempt < job.maxAttempts;
      const final: Lease = {
        ...lease,
        status: error === undefined ? 'done' : 'failed',
        expiresMs: finishedMs,
        finishedMs,
        ...(error !== undefined ? { error: error.slice(0, 500) } : {}),
        ...(willRetry ? { retryAtMs: finishedMs + job.retryDelayMs } : {}),
      };
      const r = await this.#o.leases.update(final, rev).catch((e: Error) => {
        this.#o.onError?.(e, job.name);
        return rev; // the outcome is not recorded; the lease expires and the occurrence may rerun
      });
      if (r === undefined) {
        emit({ type: 'lease-lost', ...base });
        return;
      }
      if (!willRetry) this.#settled.set(leaseKey(job.name, lease.scheduledMs), lease.scheduledMs);
      if (error === undefined) emit({ type: 'succeeded', ...base, durationMs: finishedMs - startedMs });
      else emit({ type: 'failed', ...base, error, willRetry });
      // Catching up: go straight on to the next due occurrence instead of waiting for a tick.
      if (!this.#stopped) {
        await this.#startDue(job, this.#o.clock.now()).catch((e: Error) => this.#o.onError?.(e, job.name));
      }
    };
    const promise: Promise<void> = run().finally(() => {
      // A follow-on run may already have replaced this entry.
      if (this.#running.get(job.name)?.promise === promise) this.#running.delete(job.name);
    });
    this.#running.set(job.name, { promise, abort });
  }

  #maxLookback(): number {
    return Math.max(...this.#jobs.map((j) => j.lookbackMs), 0);
  }
}
