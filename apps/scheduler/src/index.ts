export {
  COMPACT_SUBJECT,
  type CompactionServer,
  type CompactionSummary,
  type CompactReply,
  type CompactRequest,
  requestCompaction,
  serveCompactionRequests,
} from '@algotrader/bus';
export {
  type BackfillJobReport,
  type BacktestJobReport,
  type BacktestOutcome,
  type CompactionJobReport,
  DAILY_SUMMARY_DUE,
  type DailySummaryJobReport,
  type JobDeps,
  type JobReport,
  NIGHTLY_BACKTESTS,
  SchedulerJobs,
  type SeriesBackfill,
  validateBacktests,
} from './actions';
export {
  type BacktestSpec,
  BacktestSpecSchema,
  parseSchedulerSettings,
  SCHEDULER_ENV,
  type SchedulerSettings,
  SchedulerSettingsSchema,
} from './config';
export { type Cron, cronMatches, nextCron, parseCron, prevCron } from './cron';
export { DEFAULT_SCHEDULES, type JobActions, type StandardJobName, standardJobs } from './jobs';
export { LEASE_BUCKET, type Lease, LeaseStore, leaseKey, openLeaseBucket, type StoredLease } from './lease';
export {
  cron,
  describeSchedule,
  every,
  latestAtOrBefore,
  nextAfter,
  occurrencesBetween,
  parseSchedule,
  type Schedule,
} from './schedule';
export {
  type JobContext,
  type JobDefinition,
  Scheduler,
  type SchedulerEvent,
  type SchedulerOptions,
} from './scheduler';
export { KvLock, type KvLockOptions, STORE_WRITER_LOCK } from './store-lock';
