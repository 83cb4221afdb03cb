import { hostname } from 'node:os';
import { Bus, drainOnSignals, SYSTEM_TOPOLOGY, startHeartbeat } from '@algotrader/bus';
import type { Clock } from '@algotrader/core';
import { createLogger, loadConfig } from '@algotrader/core/node';
import { createMetricsSink } from '@algotrader/metrics';
import { parseMonitorSettings } from './config';
import { Monitor } from './monitor';

const wallClock: Clock = { now: () => Date.now() };

async function main(): Promise<void> {
  const config = loadConfig(process.env, {
    ALGOTRADER_SERVICE: process.env['ALGOTRADER_SERVICE'] || 'monitor',
  });
  const settings = parseMonitorSettings(process.env);
  const log = createLogger({ service: config.service, level: config.logLevel });
  const bus = await Bus.connect({
    servers: config.nats.url,
    service: config.service,
    logger: log,
    ensure: {
      duplicateWindowMs: config.nats.duplicateWindowMs,
      storage: config.nats.storage,
      replicas: config.nats.replicas,
    },
    ...(config.nats.user ? { user: config.nats.user } : {}),
    ...(config.nats.password ? { password: config.nats.password } : {}),
  });
  await bus.ensure(SYSTEM_TOPOLOGY);
  const sink = createMetricsSink(config.influx, {
    defaultTags: { host: hostname() },
    logger: log,
    clock: wallClock,
  });
  if (!config.influx.url) log.warn({}, 'INFLUX_URL not set: metrics are discarded, alerts still work');
  const monitor = new Monitor({
    bus,
    sink,
    clock: wallClock,
    settings,
    checkpoints: await bus.kv('checkpoints'),
    logger: log,
  });
  await monitor.start();
  monitor.run();
  const stopHeartbeat = startHeartbeat(bus, { instance: `${hostname()}-${process.pid}` });
  log.info({ settings }, 'monitor running');
  drainOnSignals(bus, (code) => {
    stopHeartbeat();
    void monitor
      .stop()
      .then(() => sink.close())
      .finally(() => process.exit(code));
  });
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
