import { z } from 'zod';
import { AlgoError, ErrorCode } from './errors';

/** A JetStream stream name as the topology declares them (MD, FEATURES, OPS, ...). */
const STREAM_NAME = z.string().regex(/^[A-Z][A-Z0-9_-]*$/, 'a stream name in capitals, e.g. MD');

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
        /**
         * Per-stream max_bytes (-1 = unlimited), e.g. `{ "MD": 10737418240 }`. `algotrader init` and
         * every stage's topology step apply a configured value; a stream not named here keeps the
         * limit its server has (set by an operator with `nats stream edit`, or the declared default
         * at creation). docs/DEPLOY.md, "JetStream storage".
         */
        streamMaxBytes: z.record(STREAM_NAME, z.number().int().min(-1)).default({}),
        /** Per-stream max_age, ms (0 = forever); same rule as `streamMaxBytes`. */
        streamMaxAgeMs: z.record(STREAM_NAME, z.number().int().min(0)).default({}),
      })
      .strict()
      .default({
        url: 'nats://127.0.0.1:4222',
        duplicateWindowMs: 7_200_000,
        storage: 'file',
        replicas: 1,
        streamMaxBytes: {},
        streamMaxAgeMs: {},
      }),
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
  NATS_STREAM_MAX_BYTES: 'nats.streamMaxBytes',
  NATS_STREAM_MAX_AGE: 'nats.streamMaxAgeMs',
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

const BYTE_UNITS: Record<string, number> = { '': 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3, T: 1024 ** 4 };
const AGE_UNITS: Record<string, number> = { '': 1, ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/**
 * `MD:10G,FEATURES:512M,OPS:-1` (bytes; K/M/G/T are powers of 1024, -1 = unlimited) or
 * `FEATURES:7d,OPS:12h` (ages; ms, s, m, h, d; 0 = forever) as a record. A part that does not
 * parse is kept as text, so the schema names the stream and the bad value.
 */
function streamLimits(raw: string, units: Record<string, number>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const part of raw.split(',').map((p) => p.trim())) {
    if (part === '') continue;
    const at = part.lastIndexOf(':');
    const name = at < 0 ? part : part.slice(0, at).trim();
    const value = at < 0 ? '' : part.slice(at + 1).trim();
    const m = /^(-?\d+)\s*([A-Za-z]*)$/.exec(value);
    const unit = m ? (units[m[2]!] ?? units[m[2]!.toUpperCase()]) : undefined;
    out[name] = m && unit !== undefined ? Number(m[1]) * (Number(m[1]) < 0 ? 1 : unit) : value;
  }
  return out;
}

function coerce(path: string, raw: string): unknown {
  if (path === 'nats.streamMaxBytes') return streamLimits(raw, BYTE_UNITS);
  if (path === 'nats.streamMaxAgeMs') return streamLimits(raw, AGE_UNITS);
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
