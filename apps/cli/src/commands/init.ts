import {
  type Bus,
  checkStreamLimits,
  ensureOptions,
  isPermissionError,
  SYSTEM_TOPOLOGY,
  serviceConsumers,
  type Topology,
} from '@algotrader/bus';
import { notifyVenueConsumer } from '@algotrader/order-router';
import { loadPipeline, PIPELINE_ENV } from '@algotrader/pipeline';
import { parse, UsageError } from '../args';
import { cliContext, connectNats } from '../context';
import { RESEARCH_STREAM, WORKER_CONSUMER } from '../sweep/wire';

const USAGE = `usage: algotrader init [--nats URL]
Creates or updates every JetStream stream and KV bucket of the system (and the RESEARCH work queue),
and the services' durable consumers (with ALGOTRADER_PIPELINE naming a pipeline whose broker is
"notify", that account's order-router-manual durable as well).
Run it as the admin NATS user (NATS_USER=admin, NATS_PASSWORD=$NATS_PASSWORD_ADMIN): the service
users of infra/nats/auth.conf may not create, change or delete streams (docs/SECURITY.md).
Stream limits: NATS_STREAM_MAX_BYTES / NATS_STREAM_MAX_AGE are applied; a stream not named there
keeps the max_bytes and max_age its server has (docs/DEPLOY.md, "JetStream storage").`;

/**
 * Everything `init` ensures: the system topology, the sweep work queue and the services' durable
 * consumers (a service user may bind to its durables, not create them: docs/SECURITY.md).
 */
export const INIT_TOPOLOGY: Topology = {
  ...SYSTEM_TOPOLOGY,
  streams: [...SYSTEM_TOPOLOGY.streams, { ...RESEARCH_STREAM, subjects: [...RESEARCH_STREAM.subjects] }],
  consumers: [...(SYSTEM_TOPOLOGY.consumers ?? []), ...serviceConsumers(), WORKER_CONSUMER],
};

/** {@link INIT_TOPOLOGY} plus the notify venue's durable when the pipeline in ALGOTRADER_PIPELINE trades through it. */
export async function initTopology(env: NodeJS.ProcessEnv = process.env): Promise<Topology> {
  const path = env[PIPELINE_ENV];
  if (!path) return INIT_TOPOLOGY;
  const p = await loadPipeline(path);
  if (p.config.broker !== 'notify') return INIT_TOPOLOGY;
  return {
    ...INIT_TOPOLOGY,
    consumers: [...(INIT_TOPOLOGY.consumers ?? []), notifyVenueConsumer(p.account)],
  };
}

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
    const topology = await initTopology();
    try {
      await bus.ensure(topology);
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
    for (const c of topology.consumers ?? []) {
      const info = await bus.jsm.consumers.info(c.stream, c.durable);
      console.log(
        `durable ${`${c.stream}/${c.durable}`.padEnd(30)} ${info.config.filter_subject ?? info.config.filter_subjects?.join(',') ?? ''}`,
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
