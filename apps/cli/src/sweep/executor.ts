/**
 * Where a sweep's jobs run: worker threads of this process, or any number of `algotrader worker`
 * processes behind the RESEARCH work-queue stream. The sweep command sees only this interface.
 */
import { type Bus, SYSTEM_TOPOLOGY } from '@algotrader/bus';
import { type Config, sweepJobKey } from '@algotrader/core';
import { codecs } from '@algotrader/proto';
import { connectNats } from '../context';
import type { JobResult, ResearchJob } from './job';
import type { SharedData, ThreadPool } from './pool';
import { fromSweepResult, RESEARCH_STREAM, researchSubjects, toSweepJob } from './wire';

export interface SweepExecutor {
  readonly mode: 'threads' | 'jetstream';
  /** Runs every job; `onResult` sees each result once, as it arrives. Resolves with all of them. */
  run(
    jobs: readonly ResearchJob[],
    onResult: (r: JobResult) => void,
    signal?: AbortSignal,
  ): Promise<JobResult[]>;
}

/** Jobs on this process's worker threads, all on one shared data set. */
export class ThreadExecutor implements SweepExecutor {
  readonly mode = 'threads';

  constructor(
    readonly pool: ThreadPool,
    readonly data: SharedData,
  ) {}

  async run(
    jobs: readonly ResearchJob[],
    onResult: (r: JobResult) => void,
    signal?: AbortSignal,
  ): Promise<JobResult[]> {
    signal?.throwIfAborted();
    // Aborting stops the threads: every job not finished yet rejects.
    const onAbort = () => void this.pool.close();
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      return await Promise.all(
        jobs.map(async (j) => {
          const r = await this.pool.run(j, this.data);
          onResult(r);
          return r;
        }),
      );
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
  }
}

export interface JetStreamExecutorOptions {
  /** Said once when no result has come for this long (no worker running?). Default 30 s. */
  readonly idleWarnMs?: number;
  readonly warn?: (line: string) => void;
  /** Jobs published concurrently. Default 64. */
  readonly publishWindow?: number;
}

/**
 * Publishes every job as a SweepJob on research.job.<sweep> and collects SweepResults from
 * research.result.<sweep> through a durable of its own, until one result per job is in (a job
 * redelivered after a worker died may be answered twice: the first answer counts). On abort the
 * sweep's unclaimed jobs are purged from the stream.
 */
export class JetStreamExecutor implements SweepExecutor {
  readonly mode = 'jetstream';

  constructor(
    readonly bus: Bus,
    readonly options: JetStreamExecutorOptions = {},
  ) {}

  async run(
    jobs: readonly ResearchJob[],
    onResult: (r: JobResult) => void,
    signal?: AbortSignal,
  ): Promise<JobResult[]> {
    if (jobs.length === 0) return [];
    const sweepId = jobs[0]!.sweepId;
    const durable = `sweep-${sweepId}`;
    const results = new Map<number, JobResult>();
    const wanted = new Set(jobs.map((j) => j.jobId));
    let finish!: () => void;
    let fail!: (e: unknown) => void;
    const done = new Promise<void>((resolve, reject) => {
      finish = resolve;
      fail = reject;
    });
    // Awaited below; this only keeps an abort during publishing from being an unhandled rejection.
    done.catch(() => undefined);
    let lastResult = Date.now();
    const handle = await this.bus.consume({
      stream: RESEARCH_STREAM.name,
      durable,
      filterSubjects: [researchSubjects.result(sweepId)],
      codec: codecs.SweepResult,
      ackWaitMs: 60_000,
      batch: 256,
      handler: (m) => {
        const r = fromSweepResult(m);
        lastResult = Date.now();
        if (!wanted.has(r.jobId) || results.has(r.jobId)) return;
        results.set(r.jobId, r);
        onResult(r);
        if (results.size === wanted.size) finish();
      },
    });
    const idleWarnMs = this.options.idleWarnMs ?? 30_000;
    let warned = false;
    const idle = setInterval(() => {
      if (!warned && Date.now() - lastResult > idleWarnMs) {
        warned = true;
        this.options.warn?.(
          `no result for ${Math.round(idleWarnMs / 1000)} s: is an \`algotrader worker\` running against this NATS server?`,
        );
      }
    }, 1_000);
    const onAbort = () => fail(signal?.reason ?? new Error('sweep aborted'));
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const window = this.options.publishWindow ?? 64;
      for (let i = 0; i < jobs.length; i += window) {
        signal?.throwIfAborted();
        await Promise.all(
          jobs.slice(i, i + window).map((j) =>
            this.bus.publish(codecs.SweepJob, researchSubjects.job(sweepId), toSweepJob(j), {
              msgId: sweepJobKey(sweepId, j.jobId),
            }),
          ),
        );
      }
      await done;
      return jobs.map((j) => results.get(j.jobId)!);
    } catch (e) {
      // Jobs nobody took yet would otherwise be worked on for nothing.
      await this.bus.jsm.streams
        .purge(RESEARCH_STREAM.name, { filter: researchSubjects.job(sweepId) })
        .catch(() => undefined);
      throw e;
    } finally {
      clearInterval(idle);
      signal?.removeEventListener('abort', onAbort);
      await handle.stop();
      await this.bus.jsm.consumers.delete(RESEARCH_STREAM.name, durable).catch(() => undefined);
      // Every result is in hand: drop the sweep's result messages, including any whose ack the
      // server had not applied yet when the durable went away (work-queue retention would keep it).
      await this.bus.jsm.streams
        .purge(RESEARCH_STREAM.name, { filter: researchSubjects.result(sweepId) })
        .catch(() => undefined);
    }
  }
}

/** The dead-letter stream as the system declares it: where an undecodable job ends up. */
const DLQ_STREAM = SYSTEM_TOPOLOGY.streams.find((s) => s.name === 'DLQ');

/**
 * Connects for research work and ensures the RESEARCH work-queue stream (and the DLQ) exist;
 * fails after 10 s with a next step when NATS cannot be reached.
 */
export async function connectResearchBus(config: Config, service: string, url?: string): Promise<Bus> {
  const bus = await connectNats(config, service, url);
  // A worker's own user may not create streams: the admin's `algotrader init` made them.
  await bus.ensureIfAllowed({
    streams: [
      { ...RESEARCH_STREAM, subjects: [...RESEARCH_STREAM.subjects] },
      ...(DLQ_STREAM ? [DLQ_STREAM] : []),
    ],
  });
  return bus;
}
