import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Bus, SYSTEM_TOPOLOGY } from '@algotrader/bus';
import { type Pipeline, parsePipelineConfig } from '@algotrader/pipeline';
import { NatsServer } from '@algotrader/testkit';
import { paperBtcConfig } from './fixtures';

/**
 * A nats-server with the repository's own accounts and permissions (infra/nats/auth.conf), each
 * user's password `pw-<user>`, for suites where every stage connects as its own NATS user.
 */

const AUTH = readFileSync(resolve(import.meta.dirname, '../../infra/nats/auth.conf'), 'utf8');
/** Every `$NATS_PASSWORD_<USER>` auth.conf names, set to `pw-<user>`. */
const ENV = Object.fromEntries(
  [...AUTH.matchAll(/\$(NATS_PASSWORD_([A-Z_]+))/g)].map((m) => [
    m[1]!,
    `pw-${m[2]!.toLowerCase().replace(/_/g, '-')}`,
  ]),
);

/** The credentials of NATS user `service` on a {@link StageUsersServer}. */
export const credsOf = (service: string) => ({ user: service, password: `pw-${service}` });

export interface StageUsersServer {
  readonly server: NatsServer;
  /** A connection as user `service`; closed by {@link StageUsersServer.stop}. */
  connect(service: string): Promise<Bus>;
  /** The `admin` connection, with the system's streams and buckets made. */
  readonly admin: Bus;
  /** Closes every connection opened here, then stops the server. */
  stop(): Promise<void>;
}

export async function startStageUsersServer(): Promise<StageUsersServer> {
  const server = await NatsServer.start({ config: AUTH, env: ENV });
  const opened: Bus[] = [];
  const connect = async (service: string) => {
    const b = await Bus.connect({ servers: server.url, service, ...credsOf(service) });
    opened.push(b);
    return b;
  };
  const stop = async () => {
    for (const b of opened) await b.close().catch(() => {});
    await server.stop();
  };
  try {
    const admin = await connect('admin');
    await admin.ensure(SYSTEM_TOPOLOGY);
    return { server, connect, admin, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}

/** The paper account trading BTC/USDT with sma_cross in replay mode: 10,000 USDT, no risk limits. */
export function paperBtcReplay(params: Record<string, number>): Pipeline {
  return parsePipelineConfig(paperBtcConfig(params));
}
