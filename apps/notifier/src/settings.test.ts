import { describe, expect, test } from 'vitest';
import { DEFAULT_LEVELS, parseNotifierSettings } from './settings';

describe('notifier settings', () => {
  test('defaults are complete and visible', () => {
    const s = parseNotifierSettings({});
    expect(s.levels).toEqual(DEFAULT_LEVELS);
    expect(s).toMatchObject({ account: 'main', dailyAtUtc: '00:00', queueMax: 200, messagesPerMinute: 20 });
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
