import {
  Bus,
  ensureOptions,
  isUnansweredPublish,
  natsAuth,
  SYSTEM_TOPOLOGY,
  unansweredText,
} from '@algotrader/bus';
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

/**
 * Connects to NATS and ensures the system's streams and buckets exist (when this user may: a
 * service user leaves them to the admin, see `algotrader init`).
 */
export async function connectBus(ctx: CliContext, url?: string): Promise<Bus> {
  const bus = await connectNats(ctx.config, ctx.config.service, url, ctx.log);
  await bus.ensureIfAllowed(SYSTEM_TOPOLOGY);
  return bus;
}

/**
 * Connects with the configured credentials and JetStream defaults; fails after 10 s with a next
 * step when NATS cannot be reached (the client alone would keep retrying).
 */
export async function connectNats(
  config: Config,
  service: string,
  url?: string,
  logger?: Logger,
): Promise<Bus> {
  const servers = url ?? config.nats.url;
  return Promise.race([
    Bus.connect({
      servers,
      service,
      ...(logger ? { logger } : {}),
      ensure: ensureOptions(config.nats),
      ...natsAuth(config.nats),
    }).catch((e: unknown) => {
      // Connected, but JetStream's first answer never came (a wedged server, see unansweredText).
      if (!isUnansweredPublish(e)) throw e;
      throw new Error(`NATS at ${servers}: ${unansweredText('its API check timed out')}`, { cause: e });
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
}
