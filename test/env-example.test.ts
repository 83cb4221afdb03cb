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

/** Names that look like our settings (by prefix), so prose such as STALE_DATA is not taken for one. */
const SETTING =
  /\b(?:ALGOTRADER|NATS|INFLUX|OKX|TELEGRAM|GRAFANA|COLLECTOR|MONITOR|SCHEDULER|NOTIFIER)_[A-Z0-9_]*[A-Z0-9]\b/g;

test('every setting the deploy guide, the README and the compose file name is in .env.example', () => {
  const env = exampleEnv();
  const root = resolve(import.meta.dirname, '..');
  for (const file of ['docs/DEPLOY.md', 'README.md', 'docker-compose.yml']) {
    const text = readFileSync(resolve(root, file), 'utf8');
    const named = new Set(text.match(SETTING) ?? []);
    expect(named.size, `${file} names settings`).toBeGreaterThan(3);
    const missing = [...named].filter((n) => !(n in env));
    expect(missing, `named in ${file} but not in .env.example`).toEqual([]);
  }
});
