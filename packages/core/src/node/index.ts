export { loadConfig } from './load-config';
export { createLogger, type Logger, REDACT_PATHS } from './logger';
export { importUserModule } from './user-import';
