import { heartbeatKey } from '@algotrader/core';
import { codecs } from '@algotrader/proto';
import type { Bus } from './bus';
import { subjects } from './subjects';

/** Publishes a Heartbeat every `intervalMs` until the returned function is called. */
export function startHeartbeat(
  bus: Bus,
  opts: { instance: string; intervalMs?: number; version?: string; now?: () => number },
): () => void {
  const now = opts.now ?? Date.now;
  const started = now();
  const beat = async () => {
    const t = now();
    try {
      await bus.publish(
        codecs.Heartbeat,
        subjects.heartbeat(bus.service),
        {
          service: bus.service,
          instance: opts.instance,
          timeMs: t,
          startedMs: started,
          version: opts.version ?? '0.1.0',
          gauges: { ...bus.counters },
        },
        { msgId: heartbeatKey(bus.service, opts.instance, t) },
      );
    } catch (e) {
      bus.log.warn({ err: (e as Error).message }, 'heartbeat publish failed');
    }
  };
  void beat();
  const timer = setInterval(() => void beat(), opts.intervalMs ?? 10_000);
  timer.unref();
  return () => clearInterval(timer);
}

/** Drains the bus on SIGTERM/SIGINT, then exits; in-flight handlers finish and are acked first. */
export function drainOnSignals(bus: Bus, onExit: (code: number) => void = (c) => process.exit(c)): void {
  let closing = false;
  const handler = (sig: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    bus.log.info({ signal: sig }, 'draining');
    bus.close().then(
      () => onExit(0),
      (e) => {
        bus.log.error({ err: (e as Error).message }, 'drain failed');
        onExit(1);
      },
    );
  };
  process.once('SIGTERM', handler);
  process.once('SIGINT', handler);
}
