import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { Bus, SYSTEM_TOPOLOGY } from '@algotrader/bus';
import { loadConfig } from '@algotrader/core/node';
import { loadPipelineFromEnv } from '@algotrader/pipeline';
import { buildNativeRouter, nativeRouterArgs } from './native';

/**
 * The order-router stage run by the native (C++) paper stage (`algotrader up --router native`):
 * checks the pipeline is one it fills identically, ensures the topology (buckets and streams), builds
 * the binary if missing, then runs it in the foreground — signals go to it, its exit code is ours,
 * and it dies with this process (`--die-with-parent`).
 */
async function main(): Promise<number> {
  const pipeline = await loadPipelineFromEnv();
  const config = loadConfig(process.env, { ALGOTRADER_SERVICE: 'order-router' });
  const args = nativeRouterArgs(
    pipeline,
    withCredentials(config.nats.url, config.nats.user, config.nats.password),
  );
  const bus = await Bus.connect({
    servers: config.nats.url,
    service: 'order-router',
    ...(config.nats.user ? { user: config.nats.user } : {}),
    ...(config.nats.password ? { password: config.nats.password } : {}),
  });
  try {
    await bus.ensureIfAllowed(SYSTEM_TOPOLOGY);
  } finally {
    await bus.close();
  }
  const bin = await buildNativeRouter(process.cwd());
  const child = spawn(bin, [...args, '--die-with-parent'], { stdio: 'inherit' });
  for (const sig of ['SIGTERM', 'SIGINT'] as const) process.on(sig, () => child.kill(sig));
  // Container healthchecks look at this file's age (docker-compose: find -mmin), as for every stage.
  const healthFile = process.env['ALGOTRADER_HEALTH_FILE'];
  const touch = () => {
    if (healthFile && child.exitCode === null) writeFileSync(healthFile, String(Date.now()));
  };
  touch();
  const health = setInterval(touch, 10_000);
  return new Promise((resolve) => {
    child.on('exit', (code, signal) => {
      clearInterval(health);
      resolve(code ?? (signal ? 128 : 1));
    });
  });
}

/** The first NATS url with the user and password in it (the C client reads them from the url). */
function withCredentials(urls: string, user?: string, password?: string): string {
  const first = urls.split(',')[0]!.trim();
  if (!user) return first;
  const u = new URL(first.includes('://') ? first : `nats://${first}`);
  u.username = encodeURIComponent(user);
  u.password = encodeURIComponent(password ?? '');
  return u.toString().replace(/\/$/, '');
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(`native order-router: ${(e as Error).message}`);
    process.exit(2);
  },
);
