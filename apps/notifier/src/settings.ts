import { readFileSync } from 'node:fs';
import { AlgoError, ErrorCode } from '@algotrader/core';
import { z } from 'zod';

/** What the notifier tells you about; each has its own level. */
export const EVENT_KINDS = [
  'alert.critical',
  'alert.warning',
  'alert.info',
  'fill',
  'rejection',
  'order',
  'control',
  'daily',
  'signal',
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

/** `on` notifies, `silent` delivers without a sound (Telegram `disable_notification`), `off` drops. */
export const LevelSchema = z.enum(['on', 'silent', 'off']);
export type Level = z.infer<typeof LevelSchema>;

export const DEFAULT_LEVELS: Readonly<Record<EventKind, Level>> = {
  'alert.critical': 'on',
  'alert.warning': 'on',
  'alert.info': 'silent',
  fill: 'silent',
  rejection: 'on',
  order: 'silent',
  control: 'on',
  daily: 'on',
  signal: 'on',
};

const LevelsSchema = z
  .object(
    Object.fromEntries(EVENT_KINDS.map((k) => [k, LevelSchema.default(DEFAULT_LEVELS[k])])) as Record<
      EventKind,
      z.ZodDefault<typeof LevelSchema>
    >,
  )
  .strict();

const NAME = /^[A-Za-z0-9_-]+$/;

/** The pipeline schema's default account (packages/pipeline config.ts), for a file that names none. */
const PIPELINE_DEFAULT_ACCOUNT = 'paper';

/**
 * The `account` of the pipeline file ALGOTRADER_PIPELINE names (relative to the working directory,
 * as every stage reads it), or undefined when none is set. An unreadable file is an error here
 * rather than a notifier that silently controls another account.
 */
export function pipelineAccount(env: Readonly<Record<string, string | undefined>>): string | undefined {
  const path = env['ALGOTRADER_PIPELINE'];
  if (!path) return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new AlgoError(
      ErrorCode.InvalidConfig,
      `invalid notifier settings: cannot read the account from ALGOTRADER_PIPELINE=${path}: ${(e as Error).message}`,
    );
  }
  const account = (raw as { account?: unknown } | null)?.account;
  if (account === undefined) return PIPELINE_DEFAULT_ACCOUNT;
  if (typeof account !== 'string') {
    throw new AlgoError(
      ErrorCode.InvalidConfig,
      `invalid notifier settings: "account" in ${path} is not a string`,
    );
  }
  return account;
}

/** The notifier's own settings (the shared ones — NATS, Telegram token and chats — are in core's Config). */
export const NotifierSettingsSchema = z
  .object({
    /**
     * Account the control commands act on (KV key `account.<account>`): the pipeline's own (the
     * file ALGOTRADER_PIPELINE names), so a /halt lands where the risk gate and router read.
     */
    account: z.string().regex(NAME).default(PIPELINE_DEFAULT_ACCOUNT),
    levels: LevelsSchema.default({ ...DEFAULT_LEVELS }),
    /** Events with the same key inside this window become one "N×" message; 0 turns it off. */
    coalesceWindowMs: z.number().int().min(0).default(30_000),
    /** Token bucket: sustained messages per minute, and how many may go at once. */
    messagesPerMinute: z.number().int().positive().default(20),
    burst: z.number().int().positive().default(5),
    /** Messages waiting for the bucket; beyond this the oldest is dropped and counted. */
    queueMax: z.number().int().positive().default(200),
    /** UTC time of day of the daily summary, HH:MM. */
    dailyAtUtc: z
      .string()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM, 24 h, UTC')
      .default('00:00'),
    /**
     * Who decides when the daily summary is due: `self` (this process's timer at dailyAtUtc) or
     * `scheduler` (the scheduler's `daily_summary_due` alert; the timer is off). With `self` a
     * scheduler trigger is still honoured: whichever comes first sends, the other finds nothing due.
     */
    dailyTrigger: z.enum(['self', 'scheduler']).default('self'),
    /** Without a bot token, messages go to the console and to this file (rotated at sinkMaxBytes). */
    sinkFile: z.string().min(1).default('var/log/notifier-messages.log'),
    sinkMaxBytes: z
      .number()
      .int()
      .positive()
      .default(5 * 1024 * 1024),
    /** Strategies /pause and /resume accept; empty accepts any well-formed name. */
    strategies: z.array(z.string().regex(NAME)).default([]),
    /** getUpdates long-poll timeout, s. */
    pollTimeoutS: z.number().int().min(0).max(50).default(30),
    /** Housekeeping period: coalescing windows, the daily schedule, checkpoints. */
    tickMs: z.number().int().positive().default(250),
    /** Prefix of the durable consumer names and the checkpoint key (a second notifier needs its own). */
    durablePrefix: z.string().regex(NAME).default('notifier'),
    /** The notify venue's report commands (/filled, /partial, /skipped): on for a pipeline with broker `notify`. */
    manualFills: z.boolean().default(false),
  })
  .strict();

export type NotifierSettings = z.infer<typeof NotifierSettingsSchema>;
export type NotifierSettingsInput = z.input<typeof NotifierSettingsSchema>;

/** Environment variable → setting. The lead adds these to `.env.example`. */
export const NOTIFIER_ENV_KEYS = {
  NOTIFIER_ACCOUNT: 'account',
  NOTIFIER_LEVELS: 'levels',
  NOTIFIER_COALESCE_MS: 'coalesceWindowMs',
  NOTIFIER_MESSAGES_PER_MINUTE: 'messagesPerMinute',
  NOTIFIER_BURST: 'burst',
  NOTIFIER_QUEUE_MAX: 'queueMax',
  NOTIFIER_DAILY_AT_UTC: 'dailyAtUtc',
  NOTIFIER_DAILY_TRIGGER: 'dailyTrigger',
  NOTIFIER_SINK_FILE: 'sinkFile',
  NOTIFIER_SINK_MAX_BYTES: 'sinkMaxBytes',
  NOTIFIER_STRATEGIES: 'strategies',
  NOTIFIER_POLL_TIMEOUT_S: 'pollTimeoutS',
  NOTIFIER_MANUAL_FILLS: 'manualFills',
} as const satisfies Record<string, keyof NotifierSettings>;

const NUMERIC = new Set<keyof NotifierSettings>([
  'coalesceWindowMs',
  'messagesPerMinute',
  'burst',
  'queueMax',
  'sinkMaxBytes',
  'pollTimeoutS',
]);

/** `fill=silent,alert.info=off` → `{ fill: 'silent', 'alert.info': 'off' }` (validated by the schema). */
function parseLevels(raw: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of raw.split(',')) {
    const item = part.trim();
    if (item === '') continue;
    const eq = item.indexOf('=');
    if (eq < 0) {
      throw new AlgoError(
        ErrorCode.InvalidConfig,
        `NOTIFIER_LEVELS: "${item}" is not kind=level (kinds: ${EVENT_KINDS.join(', ')}; levels: on, silent, off)`,
      );
    }
    out[item.slice(0, eq).trim()] = item.slice(eq + 1).trim();
  }
  return out;
}

/** Parses the settings once at start-up from the environment plus explicit overrides (tests). */
export function parseNotifierSettings(
  env: Readonly<Record<string, string | undefined>> = {},
  overrides: NotifierSettingsInput = {},
): NotifierSettings {
  const fromEnv: Record<string, unknown> = {};
  for (const [name, key] of Object.entries(NOTIFIER_ENV_KEYS)) {
    const raw = env[name];
    if (raw === undefined || raw === '') continue;
    if (key === 'levels') fromEnv[key] = parseLevels(raw);
    else if (key === 'strategies')
      fromEnv[key] = raw
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
    else if (NUMERIC.has(key)) fromEnv[key] = Number(raw);
    else if (key === 'manualFills') fromEnv[key] = raw === 'true' ? true : raw === 'false' ? false : raw;
    else fromEnv[key] = raw;
  }
  // One source for the account: the pipeline's. NOTIFIER_ACCOUNT may only repeat it (or stand
  // alone when no pipeline file is given, e.g. a notifier outside the live stack).
  const fromPipeline = overrides.account === undefined ? pipelineAccount(env) : undefined;
  if (fromPipeline !== undefined) {
    if (fromEnv['account'] !== undefined && fromEnv['account'] !== fromPipeline) {
      throw new AlgoError(
        ErrorCode.InvalidConfig,
        `invalid notifier settings: NOTIFIER_ACCOUNT=${String(fromEnv['account'])} but the pipeline ` +
          `(${env['ALGOTRADER_PIPELINE']}) trades account ${fromPipeline}; /halt would write a key the ` +
          'risk gate never reads. Leave NOTIFIER_ACCOUNT empty.',
      );
    }
    fromEnv['account'] = fromPipeline;
  }
  const parsed = NotifierSettingsSchema.safeParse({ ...fromEnv, ...overrides });
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new AlgoError(ErrorCode.InvalidConfig, `invalid notifier settings: ${issues}`);
  }
  return parsed.data;
}
