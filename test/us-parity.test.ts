import { runBacktest } from '@algotrader/backtest';
import { Bus, SYSTEM_TOPOLOGY } from '@algotrader/bus';
import { NYSE, parseIbkrInstrument } from '@algotrader/core';
import { parsePipelineConfig, readAccount, readAll } from '@algotrader/pipeline';
import { US_STOCK_SPEC } from '@algotrader/portfolio';
import { codecs } from '@algotrader/proto';
import {
  BUNDLED_US_DATASETS,
  readUsDataset,
  regularHours,
  sessionAligned,
  type UsDataset,
} from '@algotrader/store';
import { getStrategy } from '@algotrader/strategy';
import { bundledData, NatsServer } from '@algotrader/testkit';
import { expect, test } from 'vitest';
import { NO_LIMITS } from './helpers/fixtures';
import { backtestFills, pipelineFills, replayThroughStages } from './helpers/pipeline';

/** Backtest and paper pipeline over the same bars; returns the backtest's fills once they are equal. */
async function parity(ds: UsDataset) {
  const SPY = parseIbkrInstrument('IBKR:SPY');
  const params = { fast: 7, slow: 35 };
  const fillModel = { timing: 'next_open', commission: { kind: 'ibkr_fixed' } } as const;
  const bt = runBacktest({
    strategy: getStrategy('sma_cross'),
    params,
    data: { timeframe: '1h', series: [{ instrument: SPY, bars: ds.bars, spec: US_STOCK_SPEC }] },
    initialCash: 100_000,
    fillModel,
    calendar: NYSE,
    account: 'paper',
  });
  expect(bt.fills.length, 'the period must trade for the comparison to mean something').toBeGreaterThan(20);
  // Fills on a session's first bar are stamped at 09:30 New York, never at 09:00.
  expect(bt.fills.every((f) => NYSE.sessionAt(f.time) !== undefined)).toBe(true);

  const server = await NatsServer.start();
  const bus = await Bus.connect({ servers: server.url, service: 'test' });
  try {
    await bus.ensure(SYSTEM_TOPOLOGY);
    const pipeline = parsePipelineConfig({
      account: 'paper',
      venue: 'IBKR',
      instruments: ['IBKR:SPY/USD'],
      strategies: [{ name: 'sma_cross', params, instruments: ['IBKR:SPY/USD'] }],
      paper: { initialCash: 100_000, quoteCurrency: 'USD' },
      specs: { 'IBKR:SPY/USD': US_STOCK_SPEC },
      fillModel,
      risk: NO_LIMITS,
      mode: 'replay',
    });
    expect(pipeline.calendar).toBe(NYSE);
    await replayThroughStages(server.url, bus, pipeline, [{ instrument: 'IBKR:SPY/USD', bars: ds.bars }]);
    const account = (await readAccount(bus, pipeline.account))!;
    expect(await pipelineFills(bus, pipeline.account)).toEqual(backtestFills(bt.fills));
    expect(account.book.cash).toBe(bt.equity.cash[bt.equity.cash.length - 1]);
    expect(account.book.equity).toBe(bt.finalEquity);
    // No stage alerted: nights, weekends, holidays and early closes are not gaps.
    expect((await readAll(bus, 'OPS', 'ops.alert.>', codecs.Alert)).map((a) => a.message)).toEqual([]);
  } finally {
    await bus.close();
    await server.stop();
  }
  return bt.fills;
}

test('parity: the paper pipeline replaying SPY 1h (regular hours, NYSE) fills as the session-aware backtest', async () => {
  await parity(
    regularHours(
      await readUsDataset(bundledData('us/us_SPY_1h.csv.gz'), BUNDLED_US_DATASETS['us_SPY_1h.csv.gz']!),
    ),
  );
}, 300_000);

test('parity: the paper pipeline replaying session-aligned SPY 1h (09:30-10:30 … 15:30-16:00, built from 30m) fills as the session-aware backtest', async () => {
  const ds = sessionAligned(
    await readUsDataset(bundledData('us/us_SPY_30m.csv.gz'), BUNDLED_US_DATASETS['us_SPY_30m.csv.gz']!),
    '1h',
  );
  const HOUR = 3_600_000;
  const sessionOf = (t: number) => NYSE.sessionAt(t)!;
  // The data crosses what a UTC-grid pipeline gets wrong: half-hour last bars, early closes, holidays.
  const opens = Array.from(ds.bars.openTime);
  expect(
    opens.some((t) => sessionOf(t).close - sessionOf(t).open < 6.5 * HOUR),
    'an early close',
  ).toBe(true);
  const fills = await parity(ds);
  // Next-open fills on the cut last bar (15:30 New York, or 12:30 on an early close): a decision at
  // its open (the 14:30 bar's close) fills there, not at the next session's open.
  const onCutBar = fills.filter((f) => {
    const s = sessionOf(f.time);
    return f.time + HOUR > s.close && f.time < s.close;
  });
  expect(onCutBar.length, 'fills on a session-cut last bar').toBeGreaterThan(0);
}, 300_000);
