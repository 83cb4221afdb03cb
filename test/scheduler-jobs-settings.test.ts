import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseSchedulerSettings, validateBacktests } from '@algotrader/scheduler';
import { afterAll, describe, expect, test } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'algotrader-scheduler-settings-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const sma = { strategy: 'sma_cross', params: { fast: 10, slow: 30 }, symbols: ['BTC/USDT'], timeframe: '1h' };

describe('scheduler job settings', () => {
  test('defaults: the archiver writes the store, no backtests', () => {
    const s = parseSchedulerSettings({ SCHEDULER_STORE_WRITER: '', SCHEDULER_BACKTESTS: '' });
    expect(s).toMatchObject({ storeWriter: 'archiver', compactTimeoutMs: 600_000, backtests: [] });
  });

  test('SCHEDULER_BACKTESTS as inline JSON or as a file, with defaults filled in', () => {
    const inline = parseSchedulerSettings({
      SCHEDULER_STORE_WRITER: 'scheduler',
      SCHEDULER_COMPACT_TIMEOUT_MS: '90000',
      SCHEDULER_BACKTESTS: JSON.stringify([sma, { ...sma, name: 'sma_fast', params: { fast: 5, slow: 20 } }]),
    });
    expect(inline.storeWriter).toBe('scheduler');
    expect(inline.compactTimeoutMs).toBe(90_000);
    expect(inline.backtests).toEqual([
      { ...sma, lookbackDays: 90, initialCash: 10_000 },
      { ...sma, name: 'sma_fast', params: { fast: 5, slow: 20 }, lookbackDays: 90, initialCash: 10_000 },
    ]);
    const file = join(dir, 'backtests.json');
    writeFileSync(file, JSON.stringify([{ ...sma, lookbackDays: 30 }]));
    expect(parseSchedulerSettings({ SCHEDULER_BACKTESTS: file }).backtests[0]?.lookbackDays).toBe(30);
  });

  test('bad backtest settings are refused with the reason', () => {
    expect(() => parseSchedulerSettings({ SCHEDULER_BACKTESTS: JSON.stringify([sma, sma]) })).toThrow(
      /"sma_cross" is used twice/,
    );
    expect(() => parseSchedulerSettings({ SCHEDULER_BACKTESTS: '[{"strategy": ' })).toThrow(/not valid JSON/);
    expect(() => parseSchedulerSettings({ SCHEDULER_BACKTESTS: join(dir, 'missing.json') })).toThrow(
      /neither a JSON array nor a readable file/,
    );
    expect(() =>
      parseSchedulerSettings({ SCHEDULER_BACKTESTS: JSON.stringify([{ ...sma, timeframe: '2h' }]) }),
    ).toThrow(/backtests\.0\.timeframe: not a timeframe/);
    expect(() =>
      parseSchedulerSettings({ SCHEDULER_BACKTESTS: JSON.stringify([{ ...sma, symbol: 'BTC/USDT' }]) }),
    ).toThrow(/backtests\.0/);
    expect(() => parseSchedulerSettings({ SCHEDULER_STORE_WRITER: 'both' })).toThrow(/storeWriter/);
  });

  test('each backtest is checked against the strategy registry before anything is scheduled', () => {
    const parse = (b: object) =>
      parseSchedulerSettings({ SCHEDULER_BACKTESTS: JSON.stringify([b]) }).backtests;
    expect(() => validateBacktests(parse(sma))).not.toThrow();
    expect(() =>
      validateBacktests(parse({ ...sma, fillModel: { timing: 'close', fees: { taker: 0 } } })),
    ).not.toThrow();
    expect(() => validateBacktests(parse({ ...sma, strategy: 'no_such' }))).toThrow(
      /backtest "no_such": no strategy named "no_such"/,
    );
    expect(() => validateBacktests(parse({ ...sma, params: { fast: 30, slow: 10 } }))).toThrow(
      /backtest "sma_cross": .*fast must be shorter than slow/,
    );
    expect(() => validateBacktests(parse({ ...sma, fillModel: { timing: 'tomorrow' } }))).toThrow(
      /backtest "sma_cross": timing: Invalid option/,
    );
    expect(() => validateBacktests(parse({ ...sma, symbols: ['BTCUSDT'] }))).toThrow(/backtest "sma_cross"/);
  });
});
