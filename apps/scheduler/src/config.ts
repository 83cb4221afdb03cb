import { readFileSync } from 'node:fs';
import { AlgoError, ErrorCode, isTimeframe } from '@algotrader/core';
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
  { message: 'not a cron expression, every:<ms>[+<offset>], session-close:nyse[+<offset>] or off' },
);

/**
 * One nightly backtest: a strategy with its parameters over stored bars of some symbols, for a
 * trailing window that ends at the job's scheduled instant.
 */
export const BacktestSpecSchema = z
  .object({
    /**
     * The `strategy` tag of the summary in InfluxDB (one line on the backtest-comparison dashboard);
     * default: the strategy name. Must be unique, so two parameter sets of one strategy need names.
     */
    name: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, 'letters, digits, _ . - (max 64)')
      .optional(),
    /** A registered strategy, e.g. `sma_cross`. */
    strategy: z.string().min(1),
    /** Raw parameters, checked by the strategy's schema (defaults apply). */
    params: z.record(z.string(), z.unknown()).default({}),
    /** e.g. `["BTC/USDT"]` (venue OKX unless given as `OKX:BTC/USDT`). */
    symbols: z.array(z.string().min(1)).min(1),
    timeframe: z.string().refine(isTimeframe, 'not a timeframe (1m 5m 15m 30m 1h 4h 1d)'),
    /** Length of the trailing window, days. */
    lookbackDays: z.number().positive().max(36_500).default(90),
    initialCash: z.number().positive().default(10_000),
    /** Fill model (timing, fees, slippage) as `algotrader backtest` takes it; default: the engine's. */
    fillModel: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();

export type BacktestSpec = z.infer<typeof BacktestSpecSchema>;

/** The scheduler's own settings (NATS, the store and InfluxDB come from the core config). */
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
    /**
     * Which process writes the Parquet store (it has one writer per root). `archiver` (default): the
     * collector's archiver does, so the catch-up backfill publishes to `md.bar.*` and compaction is
     * asked of the collector over NATS. `scheduler`: no archiver runs (COLLECTOR_ARCHIVER=false), and
     * the scheduler writes and compacts the store itself, one replica at a time (a KV lock).
     */
    storeWriter: z.enum(['archiver', 'scheduler']).default('archiver'),
    /** How long the collector may take to answer a compaction request, ms. */
    compactTimeoutMs: z.number().int().positive().default(600_000),
    backtests: z.array(BacktestSpecSchema).default([]),
  })
  .strict()
  .superRefine((s, ctx) => {
    const seen = new Set<string>();
    s.backtests.forEach((b, i) => {
      const name = b.name ?? b.strategy;
      if (seen.has(name)) {
        ctx.addIssue({
          code: 'custom',
          path: ['backtests', i, 'name'],
          message: `"${name}" is used twice: give each backtest its own name`,
        });
      }
      seen.add(name);
    });
  });

export type SchedulerSettings = z.infer<typeof SchedulerSettingsSchema>;

/** Environment variable → setting; listed in `.env.example`. */
export const SCHEDULER_ENV = {
  SCHEDULER_TICK_MS: 'tickMs',
  SCHEDULER_LEASE_RETENTION_MS: 'leaseRetentionMs',
  SCHEDULER_BACKFILL_SCHEDULE: 'schedules.catch-up-backfill',
  SCHEDULER_COMPACTION_SCHEDULE: 'schedules.parquet-compaction',
  SCHEDULER_DAILY_SUMMARY_SCHEDULE: 'schedules.daily-summary',
  SCHEDULER_BACKTESTS_SCHEDULE: 'schedules.nightly-backtests',
  SCHEDULER_STORE_WRITER: 'storeWriter',
  SCHEDULER_COMPACT_TIMEOUT_MS: 'compactTimeoutMs',
  SCHEDULER_BACKTESTS: 'backtests',
} as const;

const NUMERIC = new Set(['tickMs', 'leaseRetentionMs', 'compactTimeoutMs']);

/**
 * `SCHEDULER_BACKTESTS` is a JSON array of backtests, or the path of a JSON file holding one
 * (relative to the working directory).
 */
function readBacktests(text: string): unknown {
  const t = text.trim();
  let json = t;
  if (!t.startsWith('[')) {
    try {
      json = readFileSync(t, 'utf8');
    } catch (e) {
      bad(`SCHEDULER_BACKTESTS: neither a JSON array nor a readable file (${(e as Error).message})`);
    }
  }
  try {
    return JSON.parse(json);
  } catch (e) {
    bad(`SCHEDULER_BACKTESTS: not valid JSON (${(e as Error).message})`);
  }
}

export function parseSchedulerSettings(env: Readonly<Record<string, string | undefined>>): SchedulerSettings {
  const raw: { schedules: Record<string, string>; [k: string]: unknown } = { schedules: {} };
  for (const [name, path] of Object.entries(SCHEDULER_ENV)) {
    const v = env[name];
    if (v === undefined || v.trim() === '') continue;
    if (path.startsWith('schedules.')) raw.schedules[path.slice('schedules.'.length)] = v.trim();
    else if (path === 'backtests') raw[path] = readBacktests(v);
    else if (NUMERIC.has(path)) raw[path] = Number(v);
    else raw[path] = v.trim();
  }
  const parsed = SchedulerSettingsSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    bad(issues);
  }
  return parsed.data;
}

function bad(msg: string): never {
  throw new AlgoError(ErrorCode.InvalidConfig, `invalid scheduler settings: ${msg}`);
}
