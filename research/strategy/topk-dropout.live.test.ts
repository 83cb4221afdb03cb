import { join } from 'node:path';
import { runBacktest } from '@algotrader/backtest';
import { Bus, SYSTEM_TOPOLOGY } from '@algotrader/bus';
import { type BarColumns, type Clock, formatInstrument, parseInstrument } from '@algotrader/core';
import { FeatureEngine } from '@algotrader/feature-engine';
import { OrderRouter, PaperVenue } from '@algotrader/order-router';
import { parsePipelineConfig, readAccount, readAll, sideOf } from '@algotrader/pipeline';
import { codecs } from '@algotrader/proto';
import { RiskGate } from '@algotrader/risk-gate';
import { readCsvBars } from '@algotrader/store';
import { getStrategy } from '@algotrader/strategy';
import { StrategyRunner } from '@algotrader/strategy-runner';
import { NatsServer, waitFor } from '@algotrader/testkit';
import { describe, expect, test } from 'vitest';
import { replayPipeline } from '../../apps/cli/src/commands/pipeline-replay';

const clock: Clock = { now: () => Date.now() };
const FIX = join(import.meta.dirname, '..', 'fixtures', 'crypto');
const NO_LIMITS = {
  maxOrderNotional: null,
  maxPositionNotional: null,
  maxGrossExposure: null,
  maxOrdersPerMinute: null,
  maxDailyLoss: null,
  maxDrawdown: null,
  staleAfterBars: null,
} as const;

function head(c: BarColumns, n: number): BarColumns {
  return {
    openTime: c.openTime.slice(0, n),
    open: c.open.slice(0, n),
    high: c.high.slice(0, n),
    low: c.low.slice(0, n),
    close: c.close.slice(0, n),
    volume: c.volume.slice(0, n),
  };
}

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
      const buses = await Promise.all(
        ['feature-engine', 'strategy-runner', 'risk-gate', 'order-router'].map((service) =>
          Bus.connect({ servers: server.url, service }),
        ),
      );
      const [b1, b2, b3, b4] = buses as [Bus, Bus, Bus, Bus];
      const fe = await FeatureEngine.start({ bus: b1, pipeline, clock });
      const sr = await StrategyRunner.start({ bus: b2, pipeline, clock });
      const rg = await RiskGate.start({ bus: b3, pipeline, clock });
      const router = await OrderRouter.start({ bus: b4, pipeline, clock, venue: new PaperVenue(pipeline) });
      try {
        const r = await replayPipeline(bus, {
          venue: pipeline.venue,
          tf: pipeline.tf,
          series: series.map((s) => ({ instrument: parseInstrument(s.instrument), bars: s.bars })),
        });
        await waitFor(
          async () => ((await readAccount(bus, pipeline.account))?.steppedThrough ?? 0) >= r.lastClose!,
          120_000,
          'the paper router to apply the last bar set',
        );
      } finally {
        await router.stop();
        await rg.stop();
        await sr.stop();
        await fe.stop();
        for (const b of buses) await b.close();
      }
      const fills = (await readAll(bus, 'EXEC', 'exec.fill.paper', codecs.Fill)).map(({ message: f }) => ({
        time: Number(f.timeMs),
        side: sideOf(f.side),
        qty: Number(f.quantity),
        price: Number(f.price),
        fee: Number(f.fee),
        id: f.clientOrderId ?? '',
      }));
      expect(fills.filter((f) => f.time === firstFill)).toEqual(
        btFirst.map((f) => ({
          time: f.time,
          side: f.side,
          qty: f.qty,
          price: f.price,
          fee: f.fee,
          id: f.clientOrderId,
        })),
      );
    } finally {
      await bus.close();
      await server.stop();
    }
  });
});
