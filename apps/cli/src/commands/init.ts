import {
  type Bus,
  checkStreamLimits,
  ensureOptions,
  isPermissionError,
  SYSTEM_TOPOLOGY,
  type Topology,
} from '@algotrader/bus';
import { parse, UsageError } from '../args';
import { cliContext, connectNats } from '../context';
import { RESEARCH_STREAM } from '../sweep/wire';

const USAGE = `usage: algotrader init [--nats URL]
Creates or updates every JetStream stream and KV bucket of the system (and the RESEARCH work queue).
Run it as the admin NATS user (NATS_USER=admin, NATS_PASSWORD=$NATS_PASSWORD_ADMIN): the service
users of infra/nats/auth.conf may not create, change or delete streams (docs/SECURITY.md).
Stream limits: NATS_STREAM_MAX_BYTES / NATS_STREAM_MAX_AGE are applied; a stream not named there
keeps the max_bytes and max_age its server has (docs/DEPLOY.md, "JetStream storage").`;

/** Everything `init` ensures: the system topology and the sweep work queue. */
export const INIT_TOPOLOGY: Topology = {
  ...SYSTEM_TOPOLOGY,
  streams: [...SYSTEM_TOPOLOGY.streams, { ...RESEARCH_STREAM, subjects: [...RESEARCH_STREAM.subjects] }],
};

export async function runInit(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, { nats: { type: 'string' } }, USAGE);
  if (positionals.length > 0) throw new UsageError(USAGE);
  const ctx = cliContext();
  checkStreamLimits(INIT_TOPOLOGY, ensureOptions(ctx.config.nats));
  let bus: Bus;
  try {
    bus = await connectNats(ctx.config, ctx.config.service, values.nats as string | undefined, ctx.log);
  } catch (e) {
    if (!isPermissionError(e)) throw e;
    return refused(ctx.config.nats.user, e);
  }
  try {
    try {
      await bus.ensure(INIT_TOPOLOGY);
    } catch (e) {
      if (!isPermissionError(e)) throw e;
      return refused(ctx.config.nats.user, e);
    }
    for (const s of INIT_TOPOLOGY.streams) {
      const info = await bus.jsm.streams.info(s.name);
      console.log(
        `stream ${s.name.padEnd(10)} ${info.config.subjects.join(',').padEnd(14)} ${info.state.messages} messages, ${info.config.num_replicas} replica(s), max_bytes ${info.config.max_bytes}, max_age ${Math.round(info.config.max_age / 1_000_000)} ms`,
      );
    }
    for (const k of INIT_TOPOLOGY.kv ?? []) {
      const info = await bus.jsm.streams.info(`KV_${k.bucket}`);
      console.log(
        `bucket ${k.bucket.padEnd(10)} ${info.state.messages} entries, ${info.config.num_replicas} replica(s)`,
      );
    }
    return 0;
  } finally {
    await bus.close();
  }
}

function refused(user: string | undefined, e: unknown): number {
  console.error(
    `algotrader init: NATS user "${user ?? '(none)'}" may not create streams (${(e as Error).message}).\n` +
      'Run it as the admin user: NATS_USER=admin NATS_PASSWORD=<NATS_PASSWORD_ADMIN> algotrader init',
  );
  return 1;
}
