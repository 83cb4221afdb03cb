import { writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import type { Config } from '@algotrader/core';
import { createLogger, type Logger, loadConfig } from '@algotrader/core/node';
import { Bus, natsAuth } from './bus';
import { startHeartbeat } from './lifecycle';
import { ensureOptions, SYSTEM_TOPOLOGY } from './topology';

export interface ServiceContext {
  config: Config;
  log: Logger;
  bus: Bus;
  instance: string;
}

export interface ServiceDefinition {
  /** Default service name; ALGOTRADER_SERVICE overrides it (e.g. a second replica's own user). */
  name: string;
  /** Starts the work; returns a function that stops it (called before the bus drains). */
  start(ctx: ServiceContext): Promise<() => Promise<void>>;
}

/**
 * The common main() of every stage: config from the environment, JSON logs with redaction, a bus
 * connection with unlimited reconnects, the topology ensured, heartbeats, and a graceful drain on
 * SIGTERM/SIGINT. A start-up failure logs a clear error and exits non-zero.
 */
export async function runService(def: ServiceDefinition): Promise<void> {
  const config = loadConfig(
    process.env,
    process.env['ALGOTRADER_SERVICE'] ? {} : { ALGOTRADER_SERVICE: def.name },
  );
  const log = createLogger({ service: config.service, level: config.logLevel });
  const instance = `${hostname()}-${process.pid}`;
  try {
    const bus = await Bus.connect({
      servers: config.nats.url,
      service: config.service,
      logger: log,
      ensure: ensureOptions(config.nats),
      ...natsAuth(config.nats),
    });
    // A service user may not create or change streams (the admin's `algotrader init` does).
    await bus.ensureIfAllowed(SYSTEM_TOPOLOGY);
    const stopHeartbeat = startHeartbeat(bus, { instance, intervalMs: 5_000 });
    // Container healthchecks look at this file's age (docker-compose: find -mmin).
    const healthFile = process.env['ALGOTRADER_HEALTH_FILE'];
    const touch = () => {
      if (healthFile && !bus.nc.isClosed()) writeFileSync(healthFile, String(Date.now()));
    };
    touch();
    const healthTimer = setInterval(touch, 10_000);
    healthTimer.unref();
    const stop = await def.start({ config, log, bus, instance });
    log.info({ nats: config.nats.url, instance }, `${config.service} started`);
    let closing = false;
    const shutdown = async (signal: string) => {
      if (closing) return;
      closing = true;
      log.info({ signal }, 'stopping');
      stopHeartbeat();
      clearInterval(healthTimer);
      try {
        await stop();
        await bus.close();
        log.flush();
        process.exit(0);
      } catch (e) {
        log.error({ err: (e as Error).message }, 'stop failed');
        log.flush();
        process.exit(1);
      }
    };
    process.once('SIGTERM', () => void shutdown('SIGTERM'));
    process.once('SIGINT', () => void shutdown('SIGINT'));
  } catch (e) {
    log.fatal({ err: (e as Error).message }, `${config.service} could not start`);
    log.flush();
    process.exit(1);
  }
}
