/** The consuming side of distributed sweeps: takes SweepJobs off the RESEARCH work queue, answers SweepResults. */
import { hostname } from 'node:os';
import type { BacktestData } from '@algotrader/backtest';
import { type Bus, type ConsumerHandle, PermanentError } from '@algotrader/bus';
import { sweepResultKey } from '@algotrader/core';
import { codecs, type SweepJob } from '@algotrader/proto';
import { loadMarket } from './data';
import { type DataRef, type JobResult, type ResearchJob, runJob, shareData } from './job';
import { type SharedData, ThreadPool } from './pool';
import { loadCatalog, type StrategyCatalog } from './strategies';
import { fromSweepJob, researchSubjects, toSweepResult, WORKER_CONSUMER, WORKER_DURABLE } from './wire';

/** Durable every worker process shares: each job goes to exactly one of them. */
export { WORKER_CONSUMER, WORKER_DURABLE };

export interface ResearchWorkerOptions {
  readonly bus: Bus;
  /** Worker threads; 0 runs jobs on this thread (one at a time). */
  readonly threads: number;
  readonly modules: readonly string[];
  readonly cwd: string;
  /** The store root, for jobs whose data_ref is `store`. */
  readonly dataDir: string;
  /** Names this worker in results. Default `<host>:<pid>`. */
  readonly name?: string;
  /** Data sets kept in memory (least recently used dropped). Default 2. */
  readonly cacheSize?: number;
  readonly log?: (line: string) => void;
}

export interface ResearchWorker {
  readonly name: string;
  /** Jobs answered so far. */
  processed(): number;
  /** Stops taking jobs, finishes the running ones, releases the threads. */
  stop(): Promise<void>;
}

/**
 * Starts consuming. Each job's bars are loaded from its data_ref (paths must be valid on this
 * machine) once per data set and cached; a job that cannot run (unknown strategy, bad parameters,
 * data not found) is answered with an error result rather than retried.
 */
export async function startResearchWorker(o: ResearchWorkerOptions): Promise<ResearchWorker> {
  const name = o.name ?? `${hostname()}:${process.pid}`;
  const log = o.log ?? (() => undefined);
  const catalog: StrategyCatalog = await loadCatalog(o.modules, o.cwd);
  const pool =
    o.threads > 0
      ? await ThreadPool.start({ threads: o.threads, modules: o.modules, cwd: o.cwd, name })
      : undefined;
  const cache = new Map<string, Promise<SharedData>>();
  const cacheSize = o.cacheSize ?? 2;
  let processed = 0;

  const dataFor = (ref: DataRef): Promise<SharedData> => {
    const key = JSON.stringify([ref.data, ref.symbols, ref.timeframe]);
    let hit = cache.get(key);
    if (hit) {
      cache.delete(key);
      cache.set(key, hit);
      return hit;
    }
    hit = loadMarket({
      data: ref.data,
      symbols: ref.symbols,
      timeframe: ref.timeframe,
      dataDir: o.dataDir,
      cwd: o.cwd,
    }).then((m): SharedData => ({ key, data: pool ? shareData(m.data) : m.data }));
    // A failed load is not cached: the file may appear later.
    hit.catch(() => cache.delete(key));
    cache.set(key, hit);
    while (cache.size > cacheSize) {
      const oldest = cache.keys().next().value!;
      cache.delete(oldest);
      pool?.drop(oldest);
    }
    return hit;
  };

  const execute = async (job: ResearchJob): Promise<JobResult> => {
    let data: BacktestData;
    let key: string;
    try {
      ({ data, key } = await dataFor(job.dataRef));
    } catch (e) {
      return {
        sweepId: job.sweepId,
        jobId: job.jobId,
        params: job.params,
        window: job.window,
        worker: name,
        metrics: {},
        error: `data: ${(e as Error).message}`,
        seconds: 0,
      };
    }
    return pool ? pool.run(job, { key, data }) : runJob(catalog, job, data, name);
  };

  const handler = async (m: SweepJob): Promise<void> => {
    let job: ResearchJob;
    try {
      job = fromSweepJob(m);
    } catch (e) {
      // Not a job at all: nothing to answer; the bus dead-letters it.
      throw new PermanentError((e as Error).message);
    }
    const result = await execute(job);
    await o.bus.publish(codecs.SweepResult, researchSubjects.result(job.sweepId), toSweepResult(result), {
      msgId: sweepResultKey(job.sweepId, job.jobId),
    });
    processed++;
    if (result.error) log(`job ${job.sweepId}/${job.jobId} failed: ${result.error}`);
  };

  // One pull loop per thread, each holding at most one job: the others stay in the queue for other workers.
  const loops: ConsumerHandle[] = [];
  for (let k = 0; k < Math.max(1, o.threads); k++) {
    loops.push(
      await o.bus.consume({
        ...WORKER_CONSUMER,
        codec: codecs.SweepJob,
        batch: 1,
        handler,
      }),
    );
  }
  log(
    `worker ${name} consuming ${researchSubjects.jobsAll} (${o.threads > 0 ? `${o.threads} threads` : 'inline'})`,
  );
  return {
    name,
    processed: () => processed,
    async stop() {
      for (const l of loops) await l.stop();
      await pool?.close();
    },
  };
}
