import { parseSchedule } from './schedule';
import type { JobContext, JobDefinition } from './scheduler';

/** The system's scheduled work; the app wires each to a real function (or leaves it out). */
export interface JobActions {
  /** Fetches closed bars missed while the collector was down and publishes them (same path as live). */
  catchUpBackfill?: (ctx: JobContext) => Promise<void>;
  /** Merges the small Parquet files of past partitions into one per partition. */
  parquetCompaction?: (ctx: JobContext) => Promise<void>;
  /** Has the daily summary (P&L, trades, positions, drawdown) sent: the notifier builds it on this trigger. */
  dailySummary?: (ctx: JobContext) => Promise<void>;
  /** Runs the configured batch backtests on the latest data and records their summaries. */
  nightlyBacktests?: (ctx: JobContext) => Promise<void>;
}

export type StandardJobName =
  | 'catch-up-backfill'
  | 'parquet-compaction'
  | 'daily-summary'
  | 'nightly-backtests';

/** Default schedules (UTC). Backfill runs a few minutes after each hour so the exchange has settled. */
export const DEFAULT_SCHEDULES: Record<StandardJobName, string> = {
  'catch-up-backfill': '7 * * * *',
  'parquet-compaction': '30 3 * * *',
  'daily-summary': '5 0 * * *',
  'nightly-backtests': '0 2 * * *',
};

const ACTION_OF: Record<StandardJobName, keyof JobActions> = {
  'catch-up-backfill': 'catchUpBackfill',
  'parquet-compaction': 'parquetCompaction',
  'daily-summary': 'dailySummary',
  'nightly-backtests': 'nightlyBacktests',
};

/** Per-job behaviour that differs from the scheduler defaults. */
const TUNING: Record<StandardJobName, Partial<JobDefinition>> = {
  // Each missed hour has its own bars to fetch, but one run fetches everything missing: latest is enough.
  'catch-up-backfill': {
    catchUp: 'latest',
    lookbackMs: 2 * 3_600_000,
    maxAttempts: 3,
    retryDelayMs: 120_000,
  },
  // The collector may be restarting when asked: try again a few minutes later.
  'parquet-compaction': {
    catchUp: 'latest',
    lookbackMs: 12 * 3_600_000,
    leaseMs: 120_000,
    maxAttempts: 3,
    retryDelayMs: 300_000,
  },
  // A summary is about one day: after downtime, send the missed one too (at most one day back, so a
  // first deployment does not send a burst of old summaries).
  'daily-summary': { catchUp: 'all', lookbackMs: 30 * 3_600_000, maxAttempts: 3 },
  // A second attempt covers InfluxDB being down for a moment (the summary points are idempotent).
  'nightly-backtests': {
    catchUp: 'latest',
    lookbackMs: 12 * 3_600_000,
    leaseMs: 300_000,
    maxAttempts: 2,
    retryDelayMs: 600_000,
  },
};

/**
 * The standard jobs for the actions given. `schedules` overrides the default of a job; the value
 * `off` leaves the job out.
 */
export function standardJobs(
  actions: JobActions,
  schedules: Partial<Record<StandardJobName, string | undefined>> = {},
): JobDefinition[] {
  const jobs: JobDefinition[] = [];
  for (const name of Object.keys(DEFAULT_SCHEDULES) as StandardJobName[]) {
    const action = actions[ACTION_OF[name]];
    const text = schedules[name] ?? DEFAULT_SCHEDULES[name];
    if (!action || text === 'off') continue;
    jobs.push({ ...TUNING[name], name, schedule: parseSchedule(text), run: action });
  }
  return jobs;
}
