import { availableParallelism } from 'node:os';
import { loadConfig } from '@algotrader/core/node';
import { parse, UsageError } from '../args';
import { connectResearchBus } from '../sweep/executor';
import { type CommandIo, processIo } from '../sweep/io';
import { startResearchWorker } from '../sweep/research-worker';

export const WORKER_USAGE = `usage: algotrader worker [--threads N] [--module FILE]... [--name NAME] [--nats URL]

Takes sweep jobs off the JetStream work queue (stream RESEARCH, research.job.>) and answers each on
research.result.<sweep>; run any number of them, on any machines that can read the sweep's --data
paths (or share the store). Stops on SIGINT / SIGTERM after the running jobs.

  --threads N      worker threads (default: the number of cores); 0 runs jobs on the main thread
  --module FILE    strategies the sweeps may use beyond the built-in ones (repeatable)
  --name NAME      names this worker in the results (default host:pid)
  --nats URL       NATS server (default NATS_URL)`;

/** `algotrader worker`; resolves with 0 once stopped by a signal (or `signal`, for tests). */
export async function runWorkerCmd(
  argv: string[],
  io: CommandIo = processIo,
  signal?: AbortSignal,
): Promise<number> {
  const { values } = parse(
    argv,
    {
      help: { type: 'boolean', short: 'h' },
      threads: { type: 'string' },
      module: { type: 'string', multiple: true },
      name: { type: 'string' },
      nats: { type: 'string' },
    },
    WORKER_USAGE,
  );
  if (values.help) {
    io.out(WORKER_USAGE);
    return 0;
  }
  const threads = values.threads === undefined ? availableParallelism() : Number(values.threads);
  if (!Number.isSafeInteger(threads) || threads < 0) {
    throw new UsageError(`--threads ${values.threads}: expected an integer >= 0\n\n${WORKER_USAGE}`);
  }
  const config = loadConfig(io.env);
  const bus = await connectResearchBus(config, 'research-worker', values.nats);
  const stopped = new AbortController();
  const onSignal = () => stopped.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  signal?.addEventListener('abort', onSignal, { once: true });
  try {
    const worker = await startResearchWorker({
      bus,
      threads,
      modules: values.module ?? [],
      cwd: io.cwd,
      dataDir: config.dataDir,
      ...(values.name === undefined ? {} : { name: values.name }),
      log: (line) => io.err(line),
    });
    if (!stopped.signal.aborted)
      await new Promise((r) => stopped.signal.addEventListener('abort', r, { once: true }));
    io.err(`worker ${worker.name} stopping after ${worker.processed()} jobs`);
    await worker.stop();
    return 0;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await bus.close();
  }
}
