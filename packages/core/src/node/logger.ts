import { createRequire } from 'node:module';
import type { Logger, default as Pino } from 'pino';

export type { Logger } from 'pino';

// pino is loaded by the first logger made, not on import: commands that log nothing (a one-shot
// backtest, `--help`) skip its ~90 ms of module loading.
let pinoModule: typeof Pino | undefined;
function loadPino(): typeof Pino {
  pinoModule ??= createRequire(import.meta.url)('pino') as typeof Pino;
  return pinoModule;
}

/** Paths pino censors wherever they appear in a log record. */
export const REDACT_PATHS = [
  'password',
  'secret',
  'token',
  'apiKey',
  'botToken',
  '*.password',
  '*.secret',
  '*.token',
  '*.apiKey',
  '*.botToken',
  '*.*.password',
  '*.*.secret',
  '*.*.token',
  '*.*.apiKey',
  '*.*.botToken',
  'headers.authorization',
  'headers["OK-ACCESS-KEY"]',
  'headers["OK-ACCESS-SIGN"]',
  'headers["OK-ACCESS-PASSPHRASE"]',
];

export interface LoggerOptions {
  service: string;
  level?: string;
  /** Destination; defaults to stdout. Tests pass a stream to read the output. */
  destination?: NodeJS.WritableStream;
}

/** Structured JSON logs with the service name and secret redaction. */
export function createLogger(opts: LoggerOptions): Logger {
  const pino = loadPino();
  return pino(
    {
      level: opts.level ?? 'info',
      base: { service: opts.service },
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    opts.destination ?? pino.destination({ fd: 1, sync: false }),
  );
}
