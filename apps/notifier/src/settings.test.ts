import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { DEFAULT_LEVELS, parseNotifierSettings } from './settings';

describe('notifier settings', () => {
  test('defaults are complete and visible', () => {
    const s = parseNotifierSettings({});
    expect(s.levels).toEqual(DEFAULT_LEVELS);
    expect(s).toMatchObject({ account: 'paper', dailyAtUtc: '00:00', queueMax: 200, messagesPerMinute: 20 });
  });

  test('reads levels and lists from the environment, keeping the other defaults', () => {
    const s = parseNotifierSettings({
      NOTIFIER_LEVELS: 'fill=off, alert.info=on',
      NOTIFIER_STRATEGIES: 'sma_cross, xs_momentum',
      NOTIFIER_COALESCE_MS: '5000',
      NOTIFIER_DAILY_AT_UTC: '21:30',
    });
    expect(s.levels.fill).toBe('off');
    expect(s.levels['alert.info']).toBe('on');
    expect(s.levels['alert.critical']).toBe('on');
    expect(s.strategies).toEqual(['sma_cross', 'xs_momentum']);
    expect(s.coalesceWindowMs).toBe(5000);
    expect(s.dailyAtUtc).toBe('21:30');
  });

  test("the account is the pipeline file's, so /halt writes the key the risk gate reads", () => {
    const dir = mkdtempSync(join(tmpdir(), 'notifier-settings-'));
    try {
      const file = join(dir, 'pipeline.json');
      writeFileSync(file, JSON.stringify({ account: 'swing', instruments: [] }));
      expect(parseNotifierSettings({ ALGOTRADER_PIPELINE: file }).account).toBe('swing');
      expect(parseNotifierSettings({ ALGOTRADER_PIPELINE: file, NOTIFIER_ACCOUNT: 'swing' }).account).toBe(
        'swing',
      );
      expect(() => parseNotifierSettings({ ALGOTRADER_PIPELINE: file, NOTIFIER_ACCOUNT: 'main' })).toThrow(
        /NOTIFIER_ACCOUNT=main but the pipeline .* trades account swing/,
      );
      // A file without an account trades the pipeline schema's default.
      writeFileSync(file, JSON.stringify({ instruments: [] }));
      expect(parseNotifierSettings({ ALGOTRADER_PIPELINE: file }).account).toBe('paper');
      expect(() => parseNotifierSettings({ ALGOTRADER_PIPELINE: join(dir, 'none.json') })).toThrow(
        /cannot read the account from ALGOTRADER_PIPELINE/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('config/pipeline.json, which compose mounts, gives the notifier the account it trades', async () => {
    const path = resolve(import.meta.dirname, '../../../config/pipeline.json');
    const { account } = JSON.parse(readFileSync(path, 'utf8')) as { account: string };
    expect(parseNotifierSettings({ ALGOTRADER_PIPELINE: path }).account).toBe(account);
  });

  test.each([
    [{ NOTIFIER_LEVELS: 'fills=off' }, 'levels'],
    [{ NOTIFIER_LEVELS: 'fill=loud' }, 'levels.fill'],
    [{ NOTIFIER_LEVELS: 'fill' }, 'NOTIFIER_LEVELS'],
    [{ NOTIFIER_DAILY_AT_UTC: '24:00' }, 'dailyAtUtc'],
    [{ NOTIFIER_QUEUE_MAX: 'lots' }, 'queueMax'],
  ])('rejects %o with a message naming %s', (env, what) => {
    expect(() => parseNotifierSettings(env)).toThrow(what);
  });
});
