import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BacktestResult, runBacktest } from '@algotrader/backtest';
import type { Bus } from '@algotrader/bus';
import type { BarColumns, Instrument } from '@algotrader/core';
import {
  loadPipeline,
  PIPELINE_ENV,
  type Pipeline,
  readAccount,
  readAll,
  Supervisor,
  stageEntry,
} from '@algotrader/pipeline';
import { type Codec, codecs } from '@algotrader/proto';
import { repoRoot } from '@algotrader/testkit';
import { expect } from 'vitest';
import { backtestFills, pipelineFills, type StageCredentials } from './pipeline';

/**
 * The live stages as supervised child processes (kill -9 one and it comes back), for the suites
 * that crash stages and servers: a pipeline config file, the supervisors, the stages' last log
 * lines, and the checks that the outcome is still the backtest's.
 */

/** A pipeline config written to a temporary file, as the stage processes read it. */
export interface PipelineFile {
  readonly path: string;
  readonly pipeline: Pipeline;
  remove(): void;
}

export async function writePipelineFile(config: Record<string, unknown>): Promise<PipelineFile> {
  const dir = mkdtempSync(join(tmpdir(), 'algotrader-supervised-'));
  const path = join(dir, 'pipeline.json');
  writeFileSync(path, JSON.stringify(config));
  try {
    return {
      path,
      pipeline: await loadPipeline(path),
      remove: () => rmSync(dir, { recursive: true, force: true }),
    };
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
}

/** The stages' output, the last lines kept, to print when a check fails. */
export class StageLogs {
  readonly #lines: string[] = [];

  push(stage: string, line: string): void {
    this.#lines.push(`[${stage}] ${line}`);
    if (this.#lines.length > 2_000) this.#lines.splice(0, 1_000);
  }

  tail(n: number): string {
    return this.#lines.slice(-n).join('\n');
  }
}

/**
 * A supervisor (not yet started) of `stages` as processes on `url`, reading the pipeline file;
 * with `credentials`, each stage connects as its own NATS user.
 */
export function superviseStages(o: {
  url: string;
  file: PipelineFile;
  stages: readonly string[];
  backoffMs: number[];
  logs: StageLogs;
  credentials?: StageCredentials;
}): Supervisor {
  return new Supervisor({
    stages: o.stages.map((name) => {
      const c = o.credentials?.(name);
      return {
        name,
        entry: stageEntry(repoRoot, name),
        ...(c ? { env: { NATS_USER: c.user, NATS_PASSWORD: c.password } } : {}),
      };
    }),
    cwd: repoRoot,
    env: { NATS_URL: o.url, [PIPELINE_ENV]: o.file.path, ALGOTRADER_LOG_LEVEL: 'warn' },
    backoffMs: o.backoffMs,
    onLine: (stage, line) => o.logs.push(stage, line),
  });
}

/** The backtest of the pipeline's first strategy over `bars` of one instrument: the reference. */
export function referenceBacktest(
  pipeline: Pipeline,
  instrument: Instrument,
  bars: BarColumns,
): BacktestResult {
  const s = pipeline.strategies[0]!;
  return runBacktest({
    strategy: s.strategy,
    params: s.params,
    data: { timeframe: pipeline.tf, series: [{ instrument, bars, spec: pipeline.specs[0]! }] },
    initialCash: pipeline.config.paper.initialCash,
    fillModel: pipeline.config.fillModel,
    account: pipeline.account,
  });
}

/** Waits until the paper router has applied the bar set closing at `lastClose`. */
export async function settled(bus: Bus, account: string, lastClose: number): Promise<boolean> {
  // A polled check: a read that fails (the nats-server just restarted by the test and still
  // recovering its streams answers nothing for a while) is "not yet", not the end of the test.
  const state = await readAccount(bus, account).catch(() => undefined);
  return (state?.steppedThrough ?? 0) >= lastClose;
}

const RAW: Codec<Uint8Array> = { typeName: 'raw', encode: (b) => b, decode: (b) => b, toJSON: () => ({}) };

/**
 * `readAll` without the messages at the stream sequences in `skip` (poison a test published on
 * purpose): only the others are decoded.
 */
export async function readAllBut<T>(
  bus: Bus,
  stream: string,
  filter: string,
  codec: Codec<T>,
  skip: ReadonlySet<number>,
): Promise<{ seq: number; subject: string; message: T }[]> {
  const raw = await readAll(bus, stream, filter, RAW);
  return raw
    .filter((m) => !skip.has(m.seq))
    .map((m) => ({ seq: m.seq, subject: m.subject, message: codec.decode(m.message) }));
}

/**
 * The pipeline's outcome is the reference's, whatever happened on the way: exactly the backtest's
 * orders approved (none twice, none missing), the same fills each once, the same final cash.
 * `poisonOrders`: sequences in ORDERS of poison published on ord.approved (not orders).
 */
export async function expectReferenceOutcome(
  bus: Bus,
  account: string,
  reference: BacktestResult,
  poisonOrders: ReadonlySet<number> = new Set(),
): Promise<void> {
  const approved = await readAllBut(
    bus,
    'ORDERS',
    `ord.approved.${account}`,
    codecs.OrderRequest,
    poisonOrders,
  );
  const ids = approved.map((a) => a.message.clientOrderId);
  expect(new Set(ids).size, 'no order approved twice').toBe(ids.length);
  expect(ids).toEqual(reference.orders.map((o) => o.order.clientOrderId));
  const raw = await readAll(bus, 'EXEC', `exec.fill.${account}`, codecs.Fill);
  expect(new Set(raw.map((f) => f.message.tradeId)).size, 'no fill twice').toBe(raw.length);
  expect(await pipelineFills(bus, account)).toEqual(backtestFills(reference.fills));
  const state = (await readAccount(bus, account))!;
  expect(state.book.cash).toBe(reference.equity.cash[reference.equity.cash.length - 1]);
  expect(state.fills).toBe(reference.fills.length);
}
