/** SweepJob / SweepResult protobuf messages ↔ the domain's ResearchJob / JobResult, validated on the way in. */
import type { ConsumerSpec } from '@algotrader/bus';
import { AlgoError, ErrorCode, isTimeframe } from '@algotrader/core';
import { FillModelSchema } from '@algotrader/portfolio';
import type { SweepJob, SweepResult } from '@algotrader/proto';
import type { Params } from './grid';
import type { JobResult, ResearchJob } from './job';

/** Work-queue stream of the sweeps: jobs on research.job.<sweep>, results on research.result.<sweep>. */
export const RESEARCH_STREAM = {
  name: 'RESEARCH',
  subjects: ['research.>'],
  maxAgeMs: 7 * 24 * 3_600_000,
  workQueue: true,
} as const;

export const researchSubjects = {
  job: (sweepId: string) => `research.job.${sweepId}`,
  jobsAll: 'research.job.>',
  result: (sweepId: string) => `research.result.${sweepId}`,
} as const;

export const WORKER_DURABLE = 'research-worker';

/** The workers' shared durable on the RESEARCH work queue (created by `algotrader init` under auth). */
export const WORKER_CONSUMER: ConsumerSpec = {
  stream: RESEARCH_STREAM.name,
  durable: WORKER_DURABLE,
  filterSubjects: [researchSubjects.jobsAll],
  // A job of a big sweep can run for minutes; a dead worker's job comes back after this.
  ackWaitMs: 15 * 60_000,
  maxDeliver: 3,
  maxAckPending: 100_000,
};

const SWEEP_ID = /^[A-Za-z0-9_-]{1,64}$/;

export function assertSweepId(id: string): void {
  if (!SWEEP_ID.test(id)) {
    throw new AlgoError(ErrorCode.InvalidArgument, `sweep id "${id}" must be 1-64 letters, digits, _ or -`);
  }
}

export function toSweepJob(j: ResearchJob): SweepJob {
  return {
    sweepId: j.sweepId,
    jobId: j.jobId,
    strategy: j.strategy,
    paramsJson: JSON.stringify(j.params),
    dataRef: j.dataRef.data,
    symbols: [...j.dataRef.symbols],
    timeframe: j.dataRef.timeframe,
    fromMs: j.from ?? 0,
    toMs: j.to ?? 0,
    fillModelJson: JSON.stringify(j.fillModel),
    initialCash: j.initialCash,
    window: j.window,
  };
}

function parseObject(text: string, what: string): Params {
  let v: unknown;
  try {
    v = JSON.parse(text || '{}');
  } catch (e) {
    throw new AlgoError(ErrorCode.Decode, `${what} is not JSON: ${(e as Error).message}`);
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) {
    throw new AlgoError(ErrorCode.Decode, `${what} must be a JSON object`);
  }
  return v as Params;
}

/** Throws AlgoError(E_DECODE) naming the field when the message cannot be a job. */
export function fromSweepJob(m: SweepJob): ResearchJob {
  const sweepId = m.sweepId ?? '';
  assertSweepId(sweepId);
  const bad = (why: string) => new AlgoError(ErrorCode.Decode, `SweepJob ${sweepId}/${m.jobId}: ${why}`);
  if (!m.strategy) throw bad('no strategy');
  if (!m.dataRef) throw bad('no data_ref');
  const tf = m.timeframe ?? '';
  if (!isTimeframe(tf)) throw bad(`timeframe "${tf}" is not one of the supported ones`);
  const fill = FillModelSchema.safeParse(parseObject(m.fillModelJson ?? '', 'fill_model_json'));
  if (!fill.success) throw bad(`fill_model_json: ${fill.error.issues.map((i) => i.message).join('; ')}`);
  const cash = m.initialCash ?? 0;
  if (!(cash > 0)) throw bad('initial_cash must be > 0');
  return {
    sweepId,
    jobId: m.jobId ?? 0,
    strategy: m.strategy,
    params: parseObject(m.paramsJson ?? '', 'params_json'),
    dataRef: { data: m.dataRef, symbols: m.symbols ?? [], timeframe: tf },
    ...(m.fromMs ? { from: m.fromMs } : {}),
    ...(m.toMs ? { to: m.toMs } : {}),
    fillModel: fill.data,
    initialCash: cash,
    window: m.window ?? '',
  };
}

export function toSweepResult(r: JobResult): SweepResult {
  return {
    sweepId: r.sweepId,
    jobId: r.jobId,
    paramsJson: JSON.stringify(r.params),
    metrics: { ...r.metrics },
    error: r.error,
    worker: r.worker,
    seconds: r.seconds,
    window: r.window,
  };
}

export function fromSweepResult(m: SweepResult): JobResult {
  return {
    sweepId: m.sweepId ?? '',
    jobId: m.jobId ?? 0,
    params: parseObject(m.paramsJson ?? '', 'params_json'),
    window: m.window ?? '',
    metrics: { ...(m.metrics ?? {}) },
    error: m.error ?? '',
    worker: m.worker ?? '',
    seconds: m.seconds ?? 0,
  };
}
