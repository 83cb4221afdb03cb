export {
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
