import { z } from 'zod';
import { AlgoError, ErrorCode } from './errors';

/**
 * The whole configuration, parsed once at start-up. Every setting has an environment variable
 * (listed in `.env.example`); an optional JSON file (`ALGOTRADER_CONFIG`) may set the same keys,
 * and the environment wins. Unknown keys are rejected.
 */
export const ConfigSchema = z
  .object({
    /** Service name; also the NATS inbox prefix and the `Producer` header. */
    service: z
      .string()
      .regex(/^[a-z0-9-]+$/)
      .default('cli'),
    logLevel: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),
    nats: z
      .object({
        url: z.string().default('nats://127.0.0.1:4222'),
        user: z.string().optional(),
        password: z.string().optional(),
        /** CA certificate (PEM file) to verify a TLS server with; set, the connection must be TLS. */
        tlsCa: z.string().optional(),
        /** Duplicate window of the streams, ms; a re-publish within it is dropped by the server. */
        duplicateWindowMs: z
          .number()
          .int()
          .positive()
          .default(2 * 60 * 60 * 1000),
        /** JetStream storage for streams declared by the app. */
        storage: z.enum(['file', 'memory']).default('file'),
        replicas: z.number().int().min(1).max(5).default(1),
      })
      .strict()
      .default({ url: 'nats://127.0.0.1:4222', duplicateWindowMs: 7_200_000, storage: 'file', replicas: 1 }),
    dataDir: z.string().default('var/data'),
    influx: z
      .object({
        url: z.string().optional(),
        token: z.string().optional(),
        org: z.string().default('algotrader'),
        bucket: z.string().default('algotrader'),
      })
      .strict()
      .default({ org: 'algotrader', bucket: 'algotrader' }),
    okx: z
      .object({
        apiKey: z.string().optional(),
        secret: z.string().optional(),
        password: z.string().optional(),
        sandbox: z.boolean().default(false),
        /** Override of the REST root, for tests against a local server. */
        restUrl: z.string().optional(),
      })
      .strict()
      .default({ sandbox: false }),
    /** Interactive Brokers through TWS or IB Gateway (the paper TWS port by default). */
    ibkr: z
      .object({
        host: z.string().default('127.0.0.1'),
        /** TWS paper 7497, live 7496; IB Gateway paper 4002, live 4001. */
        port: z.number().int().min(1).max(65_535).default(7497),
        clientId: z.number().int().min(0).default(1),
        account: z.string().optional(),
        /** Send orders outside regular trading hours instead of refusing them. */
        outsideRth: z.boolean().default(false),
        /** `AAPL:NASDAQ,SPY:ARCA`: each traded symbol's listing exchange. */
        primaryExchanges: z.string().default(''),
      })
      .strict()
      .default({ host: '127.0.0.1', port: 7497, clientId: 1, outsideRth: false, primaryExchanges: '' }),
    telegram: z
      .object({
        botToken: z.string().optional(),
        allowedChatIds: z.array(z.number().int()).default([]),
        apiRoot: z.string().optional(),
      })
      .strict()
      .default({ allowedChatIds: [] }),
  })
  .strict();

export type Config = z.infer<typeof ConfigSchema>;

/** Environment variable → config path. The single list `.env.example` is checked against. */
export const ENV_KEYS = {
  ALGOTRADER_SERVICE: 'service',
  ALGOTRADER_LOG_LEVEL: 'logLevel',
  ALGOTRADER_DATA_DIR: 'dataDir',
  NATS_URL: 'nats.url',
  NATS_USER: 'nats.user',
  NATS_PASSWORD: 'nats.password',
  NATS_TLS_CA: 'nats.tlsCa',
  NATS_DUPLICATE_WINDOW_MS: 'nats.duplicateWindowMs',
  NATS_STORAGE: 'nats.storage',
  NATS_REPLICAS: 'nats.replicas',
  INFLUX_URL: 'influx.url',
  INFLUX_TOKEN: 'influx.token',
  INFLUX_ORG: 'influx.org',
  INFLUX_BUCKET: 'influx.bucket',
  OKX_API_KEY: 'okx.apiKey',
  OKX_SECRET: 'okx.secret',
  OKX_PASSWORD: 'okx.password',
  OKX_SANDBOX: 'okx.sandbox',
  OKX_REST_URL: 'okx.restUrl',
  IBKR_HOST: 'ibkr.host',
  IBKR_PORT: 'ibkr.port',
  IBKR_CLIENT_ID: 'ibkr.clientId',
  IBKR_ACCOUNT: 'ibkr.account',
  IBKR_OUTSIDE_RTH: 'ibkr.outsideRth',
  IBKR_PRIMARY_EXCHANGES: 'ibkr.primaryExchanges',
  TELEGRAM_BOT_TOKEN: 'telegram.botToken',
  TELEGRAM_ALLOWED_CHAT_IDS: 'telegram.allowedChatIds',
  TELEGRAM_API_ROOT: 'telegram.apiRoot',
} as const;

/** Variables that hold secrets; each may also be given as `<NAME>_FILE` pointing at a secret file. */
export const SECRET_ENV_KEYS = [
  'NATS_PASSWORD',
  'INFLUX_TOKEN',
  'OKX_API_KEY',
  'OKX_SECRET',
  'OKX_PASSWORD',
  'TELEGRAM_BOT_TOKEN',
] as const;

function coerce(path: string, raw: string): unknown {
  if (path === 'nats.duplicateWindowMs' || path === 'nats.replicas') return Number(raw);
  if (path === 'okx.sandbox' || path === 'ibkr.outsideRth') return raw === 'true' || raw === '1';
  if (path === 'ibkr.port' || path === 'ibkr.clientId') return Number(raw);
  if (path === 'telegram.allowedChatIds') {
    return raw
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '')
      .map(Number);
  }
  return raw;
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let node = target;
  for (const p of parts.slice(0, -1)) {
    const next = node[p];
    if (typeof next !== 'object' || next === null) node[p] = {};
    node = node[p] as Record<string, unknown>;
  }
  node[parts[parts.length - 1]!] = value;
}

/**
 * Builds the config from an (optional) parsed file object and environment variables. Pure: the
 * caller reads the file and the environment (see `loadConfig` in `@algotrader/core/node`).
 */
export function parseConfig(fileObject: unknown, env: Readonly<Record<string, string | undefined>>): Config {
  const merged: Record<string, unknown> =
    fileObject && typeof fileObject === 'object'
      ? structuredClone(fileObject as Record<string, unknown>)
      : {};
  for (const [name, path] of Object.entries(ENV_KEYS)) {
    const raw = env[name];
    if (raw !== undefined && raw !== '') setPath(merged, path, coerce(path, raw));
  }
  const parsed = ConfigSchema.safeParse(merged);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new AlgoError(ErrorCode.InvalidConfig, `invalid configuration: ${issues}`);
  }
  return parsed.data;
}
