import pino, { type Logger } from 'pino';

export type { Logger } from 'pino';

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
