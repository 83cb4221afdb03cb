import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseConfig } from '@algotrader/core';
import { expect, test } from 'vitest';
import { parseCollectorSettings } from '../apps/collector/src/settings';
import { parseMonitorSettings } from '../apps/monitor/src/config';
import { parseNotifierSettings } from '../apps/notifier/src/settings';
import { parseSchedulerSettings } from '../apps/scheduler/src/config';

/** `.env.example` as a user's `.env` right after copying it: every line KEY=value, comments skipped. */
function exampleEnv(): Record<string, string> {
  const text = readFileSync(resolve(import.meta.dirname, '../.env.example'), 'utf8');
  const env: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const m = /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(line);
    if (m) env[m[1]!] = m[2]!;
  }
  return env;
}

test('every service starts from an unedited copy of .env.example', () => {
  const env = exampleEnv();
  expect(Object.keys(env).length).toBeGreaterThan(40);
  expect(() => parseConfig({}, env)).not.toThrow();
  expect(parseCollectorSettings(env).symbols.length).toBe(2);
  expect(() => parseMonitorSettings(env)).not.toThrow();
  expect(() => parseSchedulerSettings(env)).not.toThrow();
  expect(() => parseNotifierSettings(env)).not.toThrow();
});
