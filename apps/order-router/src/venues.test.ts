import { parseConfig } from '@algotrader/core';
import { createLogger } from '@algotrader/core/node';
import { parsePipelineConfig, VENUE_NAMES } from '@algotrader/pipeline';
import { describe, expect, test } from 'vitest';
import { PaperVenue } from './paper-venue';
import { createVenue, VENUES } from './venues';

const log = createLogger({ service: 'test', level: 'silent' });
const pipeline = (broker: string) =>
  parsePipelineConfig({
    broker,
    instruments: ['OKX:BTC/USDT'],
    strategies: [{ name: 'sma_cross', instruments: ['OKX:BTC/USDT'] }],
  });

describe('venue registry', () => {
  test('has exactly the names the pipeline config accepts', () => {
    expect(Object.keys(VENUES).sort()).toEqual([...VENUE_NAMES].sort());
  });

  test('a name outside the registry is refused by the pipeline config', () => {
    expect(() => pipeline('schwab')).toThrow(/broker/);
  });

  test('creates the venue the pipeline names', async () => {
    const v = await createVenue({ config: parseConfig({}, {}), pipeline: pipeline('paper'), log });
    expect(v).toBeInstanceOf(PaperVenue);
    expect(v.fills).toBe('bars');
  });

  test('notify: its settings come from NOTIFY_* / CN_* and a bad value names the variable', async () => {
    process.env['NOTIFY_LIMIT_OFFSET_BPS'] = 'abc';
    try {
      const err = await createVenue({ config: parseConfig({}, {}), pipeline: pipeline('notify'), log }).then(
        () => undefined,
        (e: Error) => e,
      );
      expect(err?.message).toMatch(
        /venue notify for account paper: NOTIFY_LIMIT_OFFSET_BPS must be a number/,
      );
    } finally {
      delete process.env['NOTIFY_LIMIT_OFFSET_BPS'];
    }
  });

  test('refuses a venue whose settings are missing, naming every variable to set', async () => {
    const config = parseConfig({}, { OKX_API_KEY: 'k' });
    const err = await createVenue({ config, pipeline: pipeline('okx'), log }).then(
      () => undefined,
      (e: Error) => e,
    );
    expect(err?.message).toMatch(/venue okx for account paper: .*OKX_SECRET.*OKX_PASSWORD/);
    expect(err?.message).not.toMatch(/OKX_API_KEY/);
  });

  test('refuses the ibkr venue without listing exchanges, naming the variable', async () => {
    const err = await createVenue({ config: parseConfig({}, {}), pipeline: pipeline('ibkr'), log }).then(
      () => undefined,
      (e: Error) => e,
    );
    expect(err?.message).toMatch(
      /venue ibkr for account paper: IBKR_PRIMARY_EXCHANGES must list SYMBOL:EXCHANGE/,
    );
  });
});
