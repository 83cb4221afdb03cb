import { readFileSync } from 'node:fs';
import { type Config, parseConfig, SECRET_ENV_KEYS } from '../config';
import { AlgoError, ErrorCode } from '../errors';

/**
 * Reads `ALGOTRADER_CONFIG` (a JSON file, optional), the environment, and `<SECRET>_FILE` secret
 * files (Docker secrets), then validates everything once.
 */
export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  overrides: Record<string, string> = {},
): Config {
  const merged: Record<string, string | undefined> = { ...env, ...overrides };
  for (const key of SECRET_ENV_KEYS) {
    const file = merged[`${key}_FILE`];
    if (file && !merged[key]) {
      try {
        merged[key] = readFileSync(file, 'utf8').trim();
      } catch (e) {
        throw new AlgoError(
          ErrorCode.InvalidConfig,
          `cannot read ${key}_FILE=${file}: ${(e as Error).message}`,
        );
      }
    }
  }
  let fileObject: unknown = {};
  const path = merged['ALGOTRADER_CONFIG'];
  if (path) {
    try {
      fileObject = JSON.parse(readFileSync(path, 'utf8'));
    } catch (e) {
      throw new AlgoError(
        ErrorCode.InvalidConfig,
        `cannot read config file ${path}: ${(e as Error).message}. Fix the file or unset ALGOTRADER_CONFIG.`,
      );
    }
  }
  return parseConfig(fileObject, merged);
}
