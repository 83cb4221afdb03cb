import { Bus, SYSTEM_TOPOLOGY } from '@algotrader/bus';
import type { Config } from '@algotrader/core';
import { createLogger, type Logger, loadConfig } from '@algotrader/core/node';

export interface CliContext {
  config: Config;
  log: Logger;
}

export function cliContext(overrides: Record<string, string> = {}): CliContext {
  const config = loadConfig(process.env, overrides);
  // CLI logs go to stderr so stdout stays machine-readable (JSON lines, --json output).
  const log = createLogger({
    service: config.service,
    level: config.logLevel === 'info' ? 'warn' : config.logLevel,
    destination: process.stderr,
  });
  return { config, log };
}

/** Connects to NATS and ensures the system's streams and buckets exist. */
export async function connectBus(ctx: CliContext, url?: string): Promise<Bus> {
  const servers = url ?? ctx.config.nats.url;
  const bus = await Promise.race([
    Bus.connect({
      servers,
      service: ctx.config.service,
      logger: ctx.log,
      ensure: {
        duplicateWindowMs: ctx.config.nats.duplicateWindowMs,
        storage: ctx.config.nats.storage,
        replicas: ctx.config.nats.replicas,
      },
      ...(ctx.config.nats.user ? { user: ctx.config.nats.user } : {}),
      ...(ctx.config.nats.password ? { password: ctx.config.nats.password } : {}),
    }),
    new Promise<never>((_, reject) =>
      setTimeout(
        () =>
          reject(
            new Error(`cannot reach NATS at ${servers}: start nats-server -js, or set NATS_URL / --nats`),
          ),
        10_000,
      ).unref(),
    ),
  ]);
  await bus.ensure(SYSTEM_TOPOLOGY);
  return bus;
}
