import type { BacktestResult } from '@algotrader/backtest';
import { Bus, type BusLogger } from '@algotrader/bus';
import { type BarColumns, type Clock, parseInstrument } from '@algotrader/core';
import { FeatureEngine } from '@algotrader/feature-engine';
import type { MetricsSink } from '@algotrader/metrics';
import { OrderRouter, PaperVenue } from '@algotrader/order-router';
import { exitReasonIn, type Pipeline, readAccount, readAll, sideOf } from '@algotrader/pipeline';
import { codecs } from '@algotrader/proto';
import { RiskGate } from '@algotrader/risk-gate';
import { StrategyRunner } from '@algotrader/strategy-runner';
import { waitFor } from '@algotrader/testkit';
import { type ReplaySeries, replayPipeline } from '../../apps/cli/src/commands/pipeline-replay';

type BacktestFill = BacktestResult['fills'][number];
const clock: Clock = { now: () => Date.now() };

export interface Stages {
  /** Each stage's connection, in pipeline order (which server it is on: `nc.info?.server_name`). */
  readonly buses: readonly Bus[];
  /** Whether the feature-engine runs pipelined. */
  readonly fePipelined: boolean;
  stop(): Promise<void>;
}

/** A stage's NATS credentials (the per-service users of infra/nats/auth.conf). */
export type StageCredentials = (service: string) => { user: string; password: string };

/**
 * The four stages in this process, each on its own connection, with the paper broker; with
 * `credentials`, each connects as its own NATS user.
 */
export async function startStages(
  url: string | string[],
  pipeline: Pipeline,
  credentials?: StageCredentials,
  /** `router: false`: the three decision stages only (another process is the order-router). */
  o: {
    router?: boolean;
    metrics?: MetricsSink;
    logger?: (service: string) => BusLogger;
    /** The feature-engine's `pipelined` (default: by the server's version, see `fixesDiscardNew`). */
    fePipelined?: boolean;
  } = {},
): Promise<Stages> {
  const services = ['feature-engine', 'strategy-runner', 'risk-gate', 'order-router'].slice(
    0,
    o.router === false ? 3 : 4,
  );
  const buses = await Promise.all(
    services.map((service) =>
      Bus.connect({
        servers: url,
        service,
        ...credentials?.(service),
        ...(o.logger ? { logger: o.logger(service) } : {}),
      }),
    ),
  );
  const [b1, b2, b3, b4] = buses as [Bus, Bus, Bus, Bus | undefined];
  const fe = await FeatureEngine.start({
    bus: b1,
    pipeline,
    clock,
    ...(o.fePipelined === undefined ? {} : { pipelined: o.fePipelined }),
  });
  const sr = await StrategyRunner.start({ bus: b2, pipeline, clock });
  const rg = await RiskGate.start({ bus: b3, pipeline, clock });
  const router = b4
    ? await OrderRouter.start({
        bus: b4,
        pipeline,
        clock,
        venue: new PaperVenue(pipeline),
        ...(o.metrics ? { metrics: o.metrics } : {}),
      })
    : undefined;
  return {
    buses,
    fePipelined: fe.pipelined,
    async stop() {
      await router?.stop();
      await rg.stop();
      await sr.stop();
      await fe.stop();
      for (const b of buses) await b.close();
    },
  };
}

/**
 * Replays `series` through stages started on `url` and waits until the paper router has applied
 * the last bar set; the stages are stopped afterwards, also on failure.
 */
export async function replayThroughStages(
  url: string,
  bus: Bus,
  pipeline: Pipeline,
  series: { instrument: string; bars: BarColumns; swap?: ReplaySeries['swap'] }[],
  credentials?: StageCredentials,
  /** The order-router's metrics sink (swap figures). */
  metrics?: MetricsSink,
): Promise<void> {
  const stages = await startStages(url, pipeline, credentials, metrics ? { metrics } : {});
  try {
    const r = await replayPipeline(bus, {
      venue: pipeline.venue,
      tf: pipeline.tf,
      calendar: pipeline.calendar,
      series: series.map((s) => ({
        instrument: parseInstrument(s.instrument),
        bars: s.bars,
        ...(s.swap ? { swap: s.swap } : {}),
      })),
    });
    await waitFor(
      async () => ((await readAccount(bus, pipeline.account))?.steppedThrough ?? 0) >= r.lastClose!,
      120_000,
      'the paper router to apply the last bar set',
    );
  } finally {
    await stages.stop();
  }
}

export interface FillRow {
  time: number;
  side: string;
  qty: number;
  price: number;
  fee: number;
  id: string;
  /** `signal`, or the protective exit that fired. */
  reason: string;
}

/** The account's fills on EXEC, in the backtest's terms. */
export async function pipelineFills(bus: Bus, account: string): Promise<FillRow[]> {
  const fills = await readAll(bus, 'EXEC', `exec.fill.${account}`, codecs.Fill);
  return fills.map(({ message: f }) => ({
    time: Number(f.timeMs),
    side: sideOf(f.side),
    qty: Number(f.quantity),
    price: Number(f.price),
    fee: Number(f.fee),
    id: f.clientOrderId ?? '',
    reason: exitReasonIn(f.exitReason),
  }));
}

/** The backtest engine's fills as the rows `pipelineFills` reads, to compare them with `toEqual`. */
export function backtestFills(fills: readonly BacktestFill[]): FillRow[] {
  return fills.map((f) => ({
    time: f.time,
    side: f.side,
    qty: f.qty,
    price: f.price,
    fee: f.fee,
    id: f.clientOrderId,
    reason: f.reason,
  }));
}
