import { AlgoError, ErrorCode } from '@algotrader/core';
import { z } from 'zod';

/** The monitor's own settings (the shared ones — NATS, InfluxDB — come from the core config). */
export const MonitorSettingsSchema = z
  .object({
    /** How often lag is read, points are written and alert rules run, ms. */
    intervalMs: z.number().int().positive().default(15_000),
    /** Durable consumer names are `<prefix>-bars`, `<prefix>-positions`, … */
    consumerPrefix: z
      .string()
      .regex(/^[A-Za-z0-9_-]+$/)
      .default('monitor'),
    /** Streams whose consumers are reported; empty = every stream except KV_ / OBJ_. */
    streams: z.array(z.string()).default([]),
    maxConsumerPending: z.number().int().nonnegative().default(1_000),
    ignoreConsumers: z.array(z.string()).default([]),
    maxDrawdown: z.number().positive().max(1).default(0.1),
    clearRatio: z.number().min(0).max(1).default(0.8),
    barStaleGraceMs: z.number().int().nonnegative().default(300_000),
    heartbeatTimeoutMs: z.number().int().positive().default(60_000),
    expectedServices: z.array(z.string()).default([]),
    /** How often JetStream storage use is checked (streams, account, server store, disk), ms. */
    storageEveryMs: z.number().int().positive().default(30_000),
    /** `store_nearly_full` fires when a stream or store reaches this fraction of its limit. */
    storageWarnRatio: z.number().positive().max(1).default(0.8),
    /** …and re-arms once usage is below this fraction (hysteresis: one alert per crossing). */
    storageRearmRatio: z.number().positive().max(1).default(0.75),
    /** nats-server's HTTP monitoring address, for the server store against max_file_store (`/jsz`); empty = not read. */
    natsHttpUrl: z.union([z.literal(''), z.url({ protocol: /^https?$/ })]).default(''),
    /** A path on the JetStream store's volume, if mounted here, for its free disk space; empty = not read. */
    jsStoreDir: z.string().default(''),
  })
  .strict()
  .refine((s) => s.storageRearmRatio < s.storageWarnRatio, {
    message: 'MONITOR_STORAGE_REARM_RATIO must be below MONITOR_STORAGE_WARN_RATIO',
    path: ['storageRearmRatio'],
  });

export type MonitorSettings = z.infer<typeof MonitorSettingsSchema>;

/** Environment variable → setting; listed in `.env.example`. */
export const MONITOR_ENV = {
  MONITOR_INTERVAL_MS: 'intervalMs',
  MONITOR_CONSUMER_PREFIX: 'consumerPrefix',
  MONITOR_STREAMS: 'streams',
  MONITOR_MAX_CONSUMER_PENDING: 'maxConsumerPending',
  MONITOR_IGNORE_CONSUMERS: 'ignoreConsumers',
  MONITOR_MAX_DRAWDOWN: 'maxDrawdown',
  MONITOR_CLEAR_RATIO: 'clearRatio',
  MONITOR_BAR_STALE_GRACE_MS: 'barStaleGraceMs',
  MONITOR_HEARTBEAT_TIMEOUT_MS: 'heartbeatTimeoutMs',
  MONITOR_EXPECTED_SERVICES: 'expectedServices',
  MONITOR_STORAGE_EVERY_MS: 'storageEveryMs',
  MONITOR_STORAGE_WARN_RATIO: 'storageWarnRatio',
  MONITOR_STORAGE_REARM_RATIO: 'storageRearmRatio',
  MONITOR_NATS_HTTP_URL: 'natsHttpUrl',
  MONITOR_JS_STORE_DIR: 'jsStoreDir',
} as const satisfies Record<string, keyof MonitorSettings>;

const LISTS = new Set<keyof MonitorSettings>(['streams', 'ignoreConsumers', 'expectedServices']);
const TEXT = new Set<keyof MonitorSettings>(['consumerPrefix', 'natsHttpUrl', 'jsStoreDir']);

/** Parses the settings from the environment (comma-separated lists), rejecting bad values. */
export function parseMonitorSettings(env: Readonly<Record<string, string | undefined>>): MonitorSettings {
  const raw: Record<string, unknown> = {};
  for (const [name, key] of Object.entries(MONITOR_ENV)) {
    const v = env[name];
    if (v === undefined || v === '') continue;
    raw[key] = LISTS.has(key)
      ? v
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
      : TEXT.has(key)
        ? v
        : Number(v);
  }
  const parsed = MonitorSettingsSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new AlgoError(ErrorCode.InvalidConfig, `invalid monitor settings: ${issues}`);
  }
  return parsed.data;
}
