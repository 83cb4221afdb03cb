import { type BacktestResult, runBacktest } from '@algotrader/backtest';
import { Bus, SYSTEM_TOPOLOGY } from '@algotrader/bus';
import { type BarColumns, type Clock, parseInstrument } from '@algotrader/core';
import { FeatureEngine } from '@algotrader/feature-engine';
import { OrderRouter, PaperVenue } from '@algotrader/order-router';
import {
  type Pipeline,
  type PipelineConfigInput,
  parsePipelineConfig,
  readAccount,
  readAll,
  sideOf,
} from '@algotrader/pipeline';
import { codecs } from '@algotrader/proto';
import { RiskGate } from '@algotrader/risk-gate';
import { readCsvBars } from '@algotrader/store';
import { getStrategy } from '@algotrader/strategy';
import { StrategyRunner } from '@algotrader/strategy-runner';
import { bundledData, NatsServer, waitFor } from '@algotrader/testkit';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { replayPipeline } from '../apps/cli/src/commands/pipeline-replay';

const clock: Clock = { now: () => Date.now() };

/** Risk limits switched off: parity is about the portfolio step and the fills, not the rules. */
const NO_LIMITS = {
  maxOrderNotional: null,
  maxPositionNotional: null,
  maxGrossExposure: null,
  maxOrdersPerMinute: null,
  maxDailyLoss: null,
  maxDrawdown: null,
  staleAfterBars: null,
} as const;

function slice(c: BarColumns, from: number, to: number): BarColumns {
  let a = 0;
  while (a < c.openTime.length && c.openTime[a]! < from) a++;
  let b = a;
  while (b < c.openTime.length && c.openTime[b]! < to) b++;
  return {
    openTime: c.openTime.slice(a, b),
    open: c.open.slice(a, b),
    high: c.high.slice(a, b),
    low: c.low.slice(a, b),
    close: c.close.slice(a, b),
    volume: c.volume.slice(a, b),
  };
}

interface Stages {
  stop(): Promise<void>;
}

/** The four stages in this process, each on its own connection. */
async function startStages(url: string, pipeline: Pipeline): Promise<Stages> {
  const buses = await Promise.all(
    ['feature-engine', 'strategy-runner', 'risk-gate', 'order-router'].map((service) =>
      Bus.connect({ servers: url, service }),
    ),
  );
  const [b1, b2, b3, b4] = buses as [Bus, Bus, Bus, Bus];
  const fe = await FeatureEngine.start({ bus: b1, pipeline, clock });
  const sr = await StrategyRunner.start({ bus: b2, pipeline, clock });
  const rg = await RiskGate.start({ bus: b3, pipeline, clock });
  const router = await OrderRouter.start({ bus: b4, pipeline, clock, venue: new PaperVenue(pipeline) });
  return {
    async stop() {
      await router.stop();
      await rg.stop();
      await sr.stop();
      await fe.stop();
      for (const b of buses) await b.close();
    },
  };
}

interface FillRow {
  time: number;
  side: string;
  qty: number;
  price: number;
  fee: number;
  id: string;
}

function backtestFills(r: BacktestResult): FillRow[] {
  return r.fills.map((f) => ({
    time: f.time,
    side: f.side,
    qty: f.qty,
    price: f.price,
    fee: f.fee,
    id: f.clientOrderId,
  }));
}

async function pipelineFills(bus: Bus, account: string): Promise<FillRow[]> {
  const fills = await readAll(bus, 'EXEC', `exec.fill.${account}`, codecs.Fill);
  return fills.map(({ message: f }) => ({
    time: Number(f.timeMs),
    side: sideOf(f.side),
    qty: Number(f.quantity),
    price: Number(f.price),
    fee: Number(f.fee),
    id: f.clientOrderId ?? '',
  }));
}

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
    const stages = await startStages(server.url, pipeline);
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
      await stages.stop();
    }
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

describe('parity: the live pipeline with the paper broker fills as the backtest engine', () => {
  let btc: BarColumns;
  beforeAll(async () => {
    const all = await readCsvBars(bundledData('demo/binance_BTC-USDT_1h_2024-2025.csv.gz'));
    btc = slice(all, all.openTime[0]!, all.openTime[3_000]!);
  });
  afterAll(() => undefined);

  test('sma_cross 10/30 on 3,000 real BTC/USDT hours: same fills (time, side, qty, price, fee, id)', async () => {
    const params = { fast: 10, slow: 30 };
    const fillModel = {
      timing: 'next_open',
      fees: { maker: 0.0008, taker: 0.001 },
      slippage: { kind: 'bps', bps: 5 },
    } as const;
    const bt = runBacktest({
      strategy: getStrategy('sma_cross'),
      params,
      data: { timeframe: '1h', series: [{ instrument: parseInstrument('OKX:BTC/USDT'), bars: btc }] },
      initialCash: 10_000,
      fillModel,
      account: 'paper',
    });
    expect(bt.fills.length, 'the period must trade for the comparison to mean something').toBeGreaterThan(40);
    const live = await runThroughPipeline(
      {
        account: 'paper',
        instruments: ['OKX:BTC/USDT'],
        strategies: [{ name: 'sma_cross', params, instruments: ['OKX:BTC/USDT'] }],
        paper: { initialCash: 10_000, quoteCurrency: 'USDT' },
        fillModel,
        risk: NO_LIMITS,
        mode: 'replay',
      },
      [{ instrument: 'OKX:BTC/USDT', bars: btc }],
    );
    expect(live.fills).toEqual(backtestFills(bt));
    expect(live.cash).toBe(bt.equity.cash[bt.equity.cash.length - 1]);
    expect(live.positions['OKX:BTC/USDT'] ?? 0).toBe(bt.positions[0]!.qty);
    // One Account on both sides: the same valuation at every bar, so the same equity and peak.
    expect(live.equity).toBe(bt.finalEquity);
    expect(live.peakEquity).toBe(Math.max(10_000, ...bt.equity.equity));
  });

  test('xs_momentum over four real 1h series with exchange gaps: same fills, sells before buys', async () => {
    const symbols = ['BTC', 'ETH', 'LTC', 'XRP'];
    const from = Date.UTC(2021, 0, 1);
    const to = Date.UTC(2021, 2, 1);
    const series = await Promise.all(
      symbols.map(async (s) => ({
        instrument: `OKX:${s}/USDT`,
        bars: slice(await readCsvBars(bundledData(`ohlcv/binance_${s}-USDT_1h_2017-2022.csv.gz`)), from, to),
      })),
    );
    const params = { lookback: 48, top: 2, rebalanceEvery: 24, investFraction: 0.98 };
    const specs = { lotSize: 0.0001, minQty: 0.0001, minNotional: 5, tickSize: 0.0001 };
    const bt = runBacktest({
      strategy: getStrategy('xs_momentum'),
      params,
      data: {
        timeframe: '1h',
        series: series.map((s) => ({ instrument: parseInstrument(s.instrument), bars: s.bars, spec: specs })),
      },
      initialCash: 10_000,
      account: 'paper',
    });
    expect(bt.fills.length).toBeGreaterThan(20);
    const live = await runThroughPipeline(
      {
        account: 'paper',
        instruments: series.map((s) => s.instrument),
        strategies: [{ name: 'xs_momentum', params, instruments: series.map((s) => s.instrument) }],
        paper: { initialCash: 10_000, quoteCurrency: 'USDT' },
        specs: Object.fromEntries(series.map((s) => [s.instrument, specs])),
        risk: NO_LIMITS,
        mode: 'replay',
      },
      series,
    );
    expect(live.fills).toEqual(backtestFills(bt));
    expect(live.cash).toBe(bt.equity.cash[bt.equity.cash.length - 1]);
    expect(live.equity).toBe(bt.finalEquity);
    expect(live.peakEquity).toBe(Math.max(10_000, ...bt.equity.equity));
  });
});
