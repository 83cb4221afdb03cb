import { join } from 'node:path';
import { runBacktest } from '@algotrader/backtest';
import { Bus, SYSTEM_TOPOLOGY } from '@algotrader/bus';
import { formatInstrument, parseInstrument } from '@algotrader/core';
import { parsePipelineConfig } from '@algotrader/pipeline';
import { readCsvBars } from '@algotrader/store';
import { getStrategy } from '@algotrader/strategy';
import { NatsServer } from '@algotrader/testkit';
import { describe, expect, test } from 'vitest';
import { head, NO_LIMITS } from '../../test/helpers/fixtures';
import { backtestFills, pipelineFills, replayThroughStages } from '../../test/helpers/pipeline';

const FIX = join(import.meta.dirname, '..', 'fixtures', 'crypto');

/**
 * topk_dropout in the live pipeline (feature-engine, strategy-runner, risk-gate, paper router on a
 * real nats-server) from a flat book: the first rebalance's fills equal the backtest engine's.
 * Later rebalances read positions, which the runner follows from the account KV (a watch): nothing
 * makes it wait for the previous bar set's fills before deciding, so at max replay speed they are a
 * race, and only the first rebalance (from the flat book) is compared. (A 240-bar run matched in
 * full when tried, but that is luck, not a guarantee.)
 */
describe('topk_dropout through the live replay path', () => {
  test('first rebalance: same orders and fills as the backtest', async () => {
    const symbols = ['BTC', 'ETH', 'LTC', 'XRP'];
    const series = await Promise.all(
      symbols.map(async (s) => ({
        instrument: `OKX:${s}/USDT`,
        bars: head(await readCsvBars(join(FIX, `binance_${s}-USDT_1h_2021-09-15_2021-10-15.csv.gz`)), 30),
      })),
    );
    // A "prediction" per hour: the bar's own return, so the ranking changes every rebalance.
    const scores = series.flatMap((s) =>
      [...s.bars.openTime].map((time, i) => ({
        time,
        instrument: s.instrument,
        score: s.bars.close[i]! / s.bars.open[i]! - 1,
      })),
    );
    const params = { topk: 2, nDrop: 1, rebalanceEvery: 24, scores };
    const specs = { lotSize: 0.0001, minQty: 0.0001, minNotional: 5, tickSize: 0.0001 };
    const bt = runBacktest({
      strategy: getStrategy('topk_dropout'),
      params,
      data: {
        timeframe: '1h',
        series: series.map((s) => ({ instrument: parseInstrument(s.instrument), bars: s.bars, spec: specs })),
      },
      initialCash: 10_000,
      account: 'paper',
    });
    const firstFill = series[0]!.bars.openTime[1]!;
    const btFirst = bt.fills.filter((f) => f.time === firstFill);
    expect(btFirst.map((f) => `${f.side} ${formatInstrument(f.instrument)}`).sort()).toHaveLength(2);

    const server = await NatsServer.start();
    const bus = await Bus.connect({ servers: server.url, service: 'test' });
    try {
      await bus.ensure(SYSTEM_TOPOLOGY);
      const pipeline = parsePipelineConfig({
        account: 'paper',
        instruments: series.map((s) => s.instrument),
        strategies: [{ name: 'topk_dropout', params, instruments: series.map((s) => s.instrument) }],
        paper: { initialCash: 10_000, quoteCurrency: 'USDT' },
        specs: Object.fromEntries(series.map((s) => [s.instrument, specs])),
        risk: NO_LIMITS,
        mode: 'replay',
      });
      await replayThroughStages(server.url, bus, pipeline, series);
      const fills = await pipelineFills(bus, 'paper');
      expect(fills.filter((f) => f.time === firstFill)).toEqual(backtestFills(btFirst));
    } finally {
      await bus.close();
      await server.stop();
    }
  });
});
