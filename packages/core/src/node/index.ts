export { loadConfig } from './load-config';
export { createLogger, type Logger, REDACT_PATHS } from './logger';
