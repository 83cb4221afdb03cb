/** A fixed set of worker threads running sweep jobs, each taking the next job when it is free. */
import { Worker } from 'node:worker_threads';
import type { BacktestData } from '@algotrader/backtest';
import { AlgoError, ErrorCode } from '@algotrader/core';
import type { JobResult, ResearchJob } from './job';
import type { FromThread, ThreadInit, ToThread } from './thread';

/** Bars shared with the threads (see `shareData`), under a key they are cached by. */
export interface SharedData {
  readonly key: string;
  readonly data: BacktestData;
}

interface Task {
  readonly id: number;
  readonly job: ResearchJob;
  readonly data: SharedData;
  resolve(r: JobResult): void;
  reject(e: Error): void;
}

interface Thread {
  readonly worker: Worker;
  readonly keys: Set<string>;
  /** Posted to the thread, oldest first: the one it runs, then the one it starts next. */
  readonly tasks: Task[];
}

/**
 * Jobs posted to a thread ahead of its results. With one, a thread that finishes a job sits idle
 * until the main thread has seen the result and posted the next job: a round trip through an
 * event loop per job, which on a busy machine (the main thread waiting for a core) was several
 * per cent of the sweep's wall time, and more with more threads. With two, the next job is
 * already in the thread's queue. More would only leave the last jobs unevenly spread.
 */
const DEPTH = 2;

export interface ThreadPoolOptions {
  readonly threads: number;
  readonly modules: readonly string[];
  readonly cwd: string;
  /** Prefix of the worker names in results; threads are `<name>/t<k>`. */
  readonly name: string;
  /** V8's young generation per thread, in MB (default {@link YOUNG_GENERATION_MB}). */
  readonly youngGenerationMb?: number;
}

/**
 * Young generation of each sweep thread: 192 MB, semi-spaces of 64 MB (V8's default is 16 MB).
 * A job allocates ~16 MB and keeps ~10 MB of it alive until it ends, so with 16 MB semi-spaces
 * every job met a scavenge mid-run that copied and promoted its live data (growing the old space,
 * so mark-compacts too); with 64 MB one scavenge in ~4 jobs copies one job's live data. Measured
 * (bench/sweep.bench.ts, 300 sets, 2 threads, A B B A): −11 to −15 % process CPU, the V8 helper
 * threads' share roughly halved; costs ~75 MB more peak RSS per thread.
 */
export const YOUNG_GENERATION_MB = 192;

const THREAD_URL = new URL('./thread-entry.mjs', import.meta.url);

export class ThreadPool {
  readonly #threads: Thread[];
  readonly #queue: Task[] = [];
  #nextId = 0;
  #broken: Error | undefined;
  #closing = false;

  private constructor(threads: Thread[]) {
    this.#threads = threads;
    for (const t of threads) {
      t.worker.on('message', (m: FromThread) => this.#onMessage(t, m));
      t.worker.on('error', (e) =>
        this.#fail(new AlgoError(ErrorCode.Internal, `sweep thread crashed: ${e.message}`)),
      );
      t.worker.on('exit', (code) => {
        if (!this.#closing)
          this.#fail(new AlgoError(ErrorCode.Internal, `sweep thread exited (code ${code})`));
      });
    }
  }

  /** Starts the threads (each imports the strategies and --module files) and waits until all are ready. */
  static async start(options: ThreadPoolOptions): Promise<ThreadPool> {
    if (!(Number.isSafeInteger(options.threads) && options.threads >= 1)) {
      throw new AlgoError(
        ErrorCode.InvalidArgument,
        `threads must be an integer >= 1, got ${options.threads}`,
      );
    }
    const threads = Array.from({ length: options.threads }, (_, k): Thread => {
      const init: ThreadInit = {
        modules: options.modules,
        cwd: options.cwd,
        name: `${options.name}/t${k + 1}`,
      };
      const worker = new Worker(THREAD_URL, {
        workerData: init,
        resourceLimits: { maxYoungGenerationSizeMb: options.youngGenerationMb ?? YOUNG_GENERATION_MB },
      });
      return { worker, keys: new Set(), tasks: [] };
    });
    try {
      await Promise.all(threads.map((t) => ready(t.worker)));
    } catch (e) {
      await Promise.all(threads.map((t) => t.worker.terminate()));
      throw e;
    }
    return new ThreadPool(threads);
  }

  get size(): number {
    return this.#threads.length;
  }

  /** Runs a job on the next free thread. Rejects only when a thread dies (a failing job resolves with `error`). */
  run(job: ResearchJob, data: SharedData): Promise<JobResult> {
    if (this.#broken) return Promise.reject(this.#broken);
    return new Promise((resolve, reject) => {
      this.#queue.push({ id: this.#nextId++, job, data, resolve, reject });
      this.#dispatch();
    });
  }

  /** Forgets a data set in every thread that holds it. */
  drop(key: string): void {
    for (const t of this.#threads) {
      if (t.keys.delete(key)) t.worker.postMessage({ type: 'drop', key } satisfies ToThread);
    }
  }

  async close(): Promise<void> {
    this.#closing = true;
    this.#fail(new AlgoError(ErrorCode.Internal, 'thread pool closed'));
    await Promise.all(this.#threads.map((t) => t.worker.terminate()));
  }

  #dispatch(): void {
    // Fill every thread's first slot before any second one, so no thread idles while another
    // holds two jobs.
    for (let depth = 1; depth <= DEPTH; depth++) {
      for (const t of this.#threads) {
        if (this.#queue.length === 0) return;
        if (t.tasks.length >= depth) continue;
        // Prefer a task whose data the thread already holds.
        let i = this.#queue.findIndex((q) => t.keys.has(q.data.key));
        if (i < 0) i = 0;
        const task = this.#queue.splice(i, 1)[0]!;
        if (!t.keys.has(task.data.key)) {
          t.worker.postMessage({ type: 'data', key: task.data.key, data: task.data.data } satisfies ToThread);
          t.keys.add(task.data.key);
        }
        t.tasks.push(task);
        t.worker.postMessage({
          type: 'job',
          id: task.id,
          key: task.data.key,
          job: task.job,
        } satisfies ToThread);
      }
    }
  }

  #onMessage(t: Thread, m: FromThread): void {
    if (m.type !== 'result') return;
    // A thread answers its jobs in the order they were posted.
    const i = t.tasks.findIndex((task) => task.id === m.id);
    if (i >= 0) t.tasks.splice(i, 1)[0]!.resolve(m.result);
    this.#dispatch();
  }

  #fail(e: Error): void {
    this.#broken ??= e;
    for (const t of this.#threads) {
      for (const task of t.tasks.splice(0)) task.reject(e);
    }
    for (const q of this.#queue.splice(0)) q.reject(e);
  }
}

function ready(worker: Worker): Promise<void> {
  return new Promise((resolve, reject) => {
    const onMessage = (m: FromThread) => {
      if (m.type === 'ready') done(resolve);
      else if (m.type === 'failed')
        done(() => reject(new AlgoError(ErrorCode.Internal, `sweep thread: ${m.message}`)));
    };
    const onError = (e: Error) =>
      done(() => reject(new AlgoError(ErrorCode.Internal, `sweep thread: ${e.message}`)));
    const onExit = (code: number) =>
      done(() =>
        reject(new AlgoError(ErrorCode.Internal, `sweep thread exited during start (code ${code})`)),
      );
    const done = (then: () => void) => {
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
      then();
    };
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
  });
}
