/**
 * Worker-thread entry: runs sweep jobs on bars shared by the parent (SharedArrayBuffers, posted
 * once per data set). Started by {@link ThreadPool} with `--import tsx`.
 */
import { parentPort, threadId, workerData } from 'node:worker_threads';
import type { BacktestData } from '@algotrader/backtest';
import { type JobResult, type ResearchJob, runJob } from './job';
import { loadCatalog } from './strategies';

export interface ThreadInit {
  readonly modules: readonly string[];
  readonly cwd: string;
  /** Names the worker in results, e.g. `host:1234/t2`. */
  readonly name: string;
}

export type ToThread =
  | { readonly type: 'data'; readonly key: string; readonly data: BacktestData }
  | { readonly type: 'drop'; readonly key: string }
  | { readonly type: 'job'; readonly id: number; readonly key: string; readonly job: ResearchJob };

export type FromThread =
  | { readonly type: 'ready' }
  | { readonly type: 'result'; readonly id: number; readonly result: JobResult }
  | { readonly type: 'failed'; readonly message: string };

const port = parentPort;
if (!port) throw new Error('sweep/thread.ts runs as a worker thread');
const init = workerData as ThreadInit;
const post = (m: FromThread) => port.postMessage(m);

try {
  const catalog = await loadCatalog(init.modules, init.cwd);
  const data = new Map<string, BacktestData>();
  port.on('message', (m: ToThread) => {
    switch (m.type) {
      case 'data':
        data.set(m.key, m.data);
        return;
      case 'drop':
        data.delete(m.key);
        return;
      case 'job': {
        const d = data.get(m.key);
        const result = d
          ? runJob(catalog, m.job, d, init.name)
          : {
              sweepId: m.job.sweepId,
              jobId: m.job.jobId,
              params: m.job.params,
              window: m.job.window,
              worker: init.name,
              metrics: {},
              error: `internal: data ${m.key} was not sent to thread ${threadId}`,
              seconds: 0,
            };
        post({ type: 'result', id: m.id, result });
        return;
      }
    }
  });
  post({ type: 'ready' });
} catch (e) {
  post({ type: 'failed', message: (e as Error)?.message ?? String(e) });
}
