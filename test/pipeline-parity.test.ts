import { Bus, SYSTEM_TOPOLOGY } from '@algotrader/bus';
import type { BarColumns } from '@algotrader/core';
import { type PipelineConfigInput, parsePipelineConfig, readAccount } from '@algotrader/pipeline';
import { readCsvBars } from '@algotrader/store';
import { bundledData, NatsServer } from '@algotrader/testkit';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { between, NO_LIMITS } from './helpers/fixtures';
import { smaCrossBtcBacktest, xsMomentumCase } from './helpers/parity-cases';
import { backtestFills, type FillRow, pipelineFills, replayThroughStages } from './helpers/pipeline';

/**
 * Replays `series` through the four stages with the paper broker and returns the fills, after the
 * router has applied the last bar set.
 */
async function runThroughPipeline(
  config: PipelineConfigInput,
  series: { instrument: string; bars: BarColumns }[],
): Promise<{
  fills: FillRow[];
  cash: number;
  equity: number;
  peakEquity: number;
  positions: Record<string, number>;
}> {
  const server = await NatsServer.start();
  const bus = await Bus.connect({ servers: server.url, service: 'test' });
  try {
    await bus.ensure(SYSTEM_TOPOLOGY);
    const pipeline = parsePipelineConfig(config);
    await replayThroughStages(server.url, bus, pipeline, series);
    const account = (await readAccount(bus, pipeline.account))!;
    return {
      fills: await pipelineFills(bus, pipeline.account),
      cash: account.book.cash,
      equity: account.book.equity,
      peakEquity: account.book.peakEquity,
      positions: Object.fromEntries(Object.entries(account.book.positions).map(([k, p]) => [k, p.qty])),
    };
  } finally {
    await bus.close();
    await server.stop();
  }
}

/** The fill model of the sma_cross runs: next open, 8/10 bps fees, 5 bps slippage. */
const FILL_MODEL = {
  timing: 'next_open',
  fees: { maker: 0.0008, taker: 0.001 },
  slippage: { kind: 'bps', bps: 5 },
} as const;

/** sma_cross with `params` on OKX:BTC/USDT, paper account of 10 000, no risk limits, {@link FILL_MODEL}. */
function smaCrossBtcConfig(params: Record<string, unknown>): PipelineConfigInput {
  return {
    account: 'paper',
    instruments: ['OKX:BTC/USDT'],
    strategies: [{ name: 'sma_cross', params, instruments: ['OKX:BTC/USDT'] }],
    paper: { initialCash: 10_000, quoteCurrency: 'USDT' },
    fillModel: FILL_MODEL,
    risk: NO_LIMITS,
    mode: 'replay',
  };
}

describe('parity: the live pipeline with the paper broker fills as the backtest engine', () => {
  let btc: BarColumns;
  beforeAll(async () => {
    const all = await readCsvBars(bundledData('demo/binance_BTC-USDT_1h_2024-2025.csv.gz'));
    btc = between(all, all.openTime[0]!, all.openTime[3_000]!);
  });
  afterAll(() => undefined);

  test('sma_cross 10/30 on 3,000 real BTC/USDT hours: same fills (time, side, qty, price, fee, id)', async () => {
    const params = { fast: 10, slow: 30 };
    const bt = smaCrossBtcBacktest(params, btc, FILL_MODEL);
    expect(bt.fills.length, 'the period must trade for the comparison to mean something').toBeGreaterThan(40);
    const live = await runThroughPipeline(smaCrossBtcConfig(params), [
      { instrument: 'OKX:BTC/USDT', bars: btc },
    ]);
    expect(live.fills).toEqual(backtestFills(bt.fills));
    expect(live.cash).toBe(bt.equity.cash[bt.equity.cash.length - 1]);
    expect(live.positions['OKX:BTC/USDT'] ?? 0).toBe(bt.positions[0]!.qty);
    // One Account on both sides: the same valuation at every bar, so the same equity and peak.
    expect(live.equity).toBe(bt.finalEquity);
    expect(live.peakEquity).toBe(Math.max(10_000, ...bt.equity.equity));
  });

  test('sma_cross with stop-loss, take-profit and trailing stop on 3,000 real BTC/USDT hours: same fills and exit reasons', async () => {
    const params = { fast: 10, slow: 30, exits: { stopLoss: 0.01, takeProfit: 0.03, trailingStop: 0.02 } };
    const bt = smaCrossBtcBacktest(params, btc, FILL_MODEL);
    // Every protective reason must occur for the comparison to mean something.
    const reasons = new Set(bt.fills.map((f) => f.reason));
    expect([...reasons].sort()).toEqual(['signal', 'stop_loss', 'take_profit', 'trailing_stop']);
    const live = await runThroughPipeline(smaCrossBtcConfig(params), [
      { instrument: 'OKX:BTC/USDT', bars: btc },
    ]);
    expect(live.fills).toEqual(backtestFills(bt.fills));
    expect(live.cash).toBe(bt.equity.cash[bt.equity.cash.length - 1]);
    expect(live.equity).toBe(bt.finalEquity);
    expect(live.peakEquity).toBe(Math.max(10_000, ...bt.equity.equity));
  });

  test('xs_momentum over four real 1h series with exchange gaps: same fills, sells before buys', async () => {
    const { series, bt, config } = await xsMomentumCase();
    expect(bt.fills.length).toBeGreaterThan(20);
    const live = await runThroughPipeline(config, series);
    expect(live.fills).toEqual(backtestFills(bt.fills));
    expect(live.cash).toBe(bt.equity.cash[bt.equity.cash.length - 1]);
    expect(live.equity).toBe(bt.finalEquity);
    expect(live.peakEquity).toBe(Math.max(10_000, ...bt.equity.equity));
  });
});
