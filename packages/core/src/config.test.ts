import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { ENV_KEYS, parseConfig } from './config';
import { ErrorCode } from './errors';

describe('config', () => {
  test('defaults are complete and visible', () => {
    const c = parseConfig({}, {});
    expect(c.nats.url).toBe('nats://127.0.0.1:4222');
    expect(c.logLevel).toBe('info');
    expect(c.telegram.allowedChatIds).toEqual([]);
  });
  test('environment overrides the file, with types coerced', () => {
    const c = parseConfig(
      { nats: { url: 'nats://file:4222' }, logLevel: 'debug' },
      {
        NATS_URL: 'nats://env:4222',
        TELEGRAM_ALLOWED_CHAT_IDS: '12, 34',
        OKX_SANDBOX: 'true',
        NATS_REPLICAS: '3',
      },
    );
    expect(c.nats.url).toBe('nats://env:4222');
    expect(c.logLevel).toBe('debug');
    expect(c.telegram.allowedChatIds).toEqual([12, 34]);
    expect(c.okx.sandbox).toBe(true);
    expect(c.nats.replicas).toBe(3);
  });
  test('unknown keys are rejected with their path', () => {
    expect(() => parseConfig({ nats: { urll: 'x' } }, {})).toThrow(/nats: Unrecognized key.*urll/);
    try {
      parseConfig({ colour: 'blue' }, {});
      expect.unreachable();
    } catch (e) {
      expect((e as { code: string }).code).toBe(ErrorCode.InvalidConfig);
    }
  });
  test('invalid values name the setting', () => {
    expect(() => parseConfig({}, { ALGOTRADER_LOG_LEVEL: 'loud' })).toThrow(/logLevel/);
  });
  test('.env.example lists every environment variable the config reads', () => {
    const example = readFileSync(resolve(import.meta.dirname, '../../../.env.example'), 'utf8');
    const listed = new Set([...example.matchAll(/^#?\s*([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]));
    for (const key of Object.keys(ENV_KEYS)) expect(listed, key).toContain(key);
  });
});
