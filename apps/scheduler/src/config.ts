import { AlgoError, ErrorCode } from '@algotrader/core';
import { z } from 'zod';
import { parseSchedule } from './schedule';

const scheduleText = z.string().refine(
  (s) => {
    if (s === 'off') return true;
    try {
      parseSchedule(s);
      return true;
    } catch {
      return false;
    }
  },
  { message: 'not a cron expression, every:<ms>[+<offset>] or off' },
);

/** The scheduler's own settings (NATS comes from the core config). */
export const SchedulerSettingsSchema = z
  .object({
    /** How often due jobs are looked for, ms. */
    tickMs: z.number().int().positive().default(15_000),
    /** How long lease records are kept (the KV bucket's TTL); must exceed every job's lookback. */
    leaseRetentionMs: z
      .number()
      .int()
      .positive()
      .default(8 * 86_400_000),
    schedules: z
      .object({
        'catch-up-backfill': scheduleText.optional(),
        'parquet-compaction': scheduleText.optional(),
        'daily-summary': scheduleText.optional(),
        'nightly-backtests': scheduleText.optional(),
      })
      .strict()
      .default({}),
  })
  .strict();

export type SchedulerSettings = z.infer<typeof SchedulerSettingsSchema>;

/** Environment variable → setting; listed in `.env.example`. */
export const SCHEDULER_ENV = {
  SCHEDULER_TICK_MS: 'tickMs',
  SCHEDULER_LEASE_RETENTION_MS: 'leaseRetentionMs',
  SCHEDULER_BACKFILL_SCHEDULE: 'schedules.catch-up-backfill',
  SCHEDULER_COMPACTION_SCHEDULE: 'schedules.parquet-compaction',
  SCHEDULER_DAILY_SUMMARY_SCHEDULE: 'schedules.daily-summary',
  SCHEDULER_BACKTESTS_SCHEDULE: 'schedules.nightly-backtests',
} as const;

export function parseSchedulerSettings(env: Readonly<Record<string, string | undefined>>): SchedulerSettings {
  const raw: { schedules: Record<string, string>; [k: string]: unknown } = { schedules: {} };
  for (const [name, path] of Object.entries(SCHEDULER_ENV)) {
    const v = env[name];
    if (v === undefined || v === '') continue;
    if (path.startsWith('schedules.')) raw.schedules[path.slice('schedules.'.length)] = v.trim();
    else raw[path] = Number(v);
  }
  const parsed = SchedulerSettingsSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new AlgoError(ErrorCode.InvalidConfig, `invalid scheduler settings: ${issues}`);
  }
  return parsed.data;
}
