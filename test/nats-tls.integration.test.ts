import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Bus, natsAuth, SYSTEM_TOPOLOGY } from '@algotrader/bus';
import { parseConfig } from '@algotrader/core';
import { NatsServer, scaled } from '@algotrader/testkit';
import { connect } from '@nats-io/transport-node';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

/**
 * A stage on a second host (docs/MULTI_HOST.md): NATS over TLS with the per-service users of
 * infra/nats/auth.conf. The stage's settings come from the environment the remote compose file
 * sets (NATS_URL tls://…, NATS_USER, NATS_PASSWORD, NATS_TLS_CA); a client without the CA, or
 * without its password, is refused.
 */
const auth = readFileSync(resolve(import.meta.dirname, '../infra/nats/auth.conf'), 'utf8');
const env = Object.fromEntries(
  [...auth.matchAll(/\$(NATS_PASSWORD_([A-Z_]+))/g)].map((m) => [
    m[1]!,
    `pw-${m[2]!.toLowerCase().replace(/_/g, '-')}`,
  ]),
);

/** A CA and a server certificate for 127.0.0.1 signed by it (what docs/MULTI_HOST.md has you make). */
function makeCerts(dir: string): { ca: string; cert: string; key: string } {
  const f = (n: string) => join(dir, n);
  const ssl = (...args: string[]) => execFileSync('openssl', args, { stdio: 'pipe' });
  ssl(
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-days',
    '2',
    '-subj',
    '/CN=algotrader-test-ca',
    '-keyout',
    f('ca.key'),
    '-out',
    f('ca.pem'),
  );
  ssl(
    'req',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-subj',
    '/CN=nats',
    '-keyout',
    f('server.key'),
    '-out',
    f('server.csr'),
  );
  writeFileSync(f('san.ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\n');
  ssl(
    'x509',
    '-req',
    '-in',
    f('server.csr'),
    '-CA',
    f('ca.pem'),
    '-CAkey',
    f('ca.key'),
    '-CAcreateserial',
    '-days',
    '2',
    '-extfile',
    f('san.ext'),
    '-out',
    f('server.pem'),
  );
  return { ca: f('ca.pem'), cert: f('server.pem'), key: f('server.key') };
}

describe('a stage on another host: NATS over TLS with its own user', { timeout: scaled(60_000) }, () => {
  let dir: string;
  let certs: { ca: string; cert: string; key: string };
  let server: NatsServer;
  let url: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'nats-tls-'));
    certs = makeCerts(dir);
    server = await NatsServer.start({
      config: `tls { cert_file: "${certs.cert}", key_file: "${certs.key}", timeout: 5 }\n${auth}`,
      env,
    });
    url = server.url.replace('nats://', 'tls://');
    const admin = await Bus.connect({
      servers: url,
      service: 'admin',
      user: 'admin',
      password: 'pw-admin',
      tlsCaFile: certs.ca,
    });
    await admin.ensure(SYSTEM_TOPOLOGY);
    await admin.close();
  });
  afterAll(async () => {
    await server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('the strategy-runner connects with NATS_TLS_CA and its own user, and has exactly its rights', async () => {
    const config = parseConfig(
      {},
      {
        ALGOTRADER_SERVICE: 'strategy-runner',
        NATS_URL: url,
        NATS_USER: 'strategy-runner',
        NATS_PASSWORD: 'pw-strategy-runner',
        NATS_TLS_CA: certs.ca,
      },
    );
    expect(config.nats.tlsCa).toBe(certs.ca);
    const bus = await Bus.connect({
      servers: config.nats.url,
      service: config.service,
      ...natsAuth(config.nats),
    });
    try {
      expect(bus.nc.info?.tls_required).toBe(true);
      const kv = await bus.kv('checkpoints');
      await kv.put('strategy-runner.paper', new Uint8Array([1]));
      await expect(kv.put('risk-gate.paper', new Uint8Array([1]))).rejects.toThrow(/permissions violation/i);
    } finally {
      await bus.close();
    }
  });

  test('refused without the CA (the server is not trusted) and without the password', async () => {
    await expect(
      connect({
        servers: url,
        user: 'strategy-runner',
        pass: 'pw-strategy-runner',
        reconnect: false,
        timeout: 5_000,
      }),
    ).rejects.toThrow(/certificate|self[- ]signed|verify/i);
    await expect(
      connect({
        servers: url,
        user: 'strategy-runner',
        pass: 'wrong',
        tls: { caFile: certs.ca },
        reconnect: false,
        timeout: 5_000,
      }),
    ).rejects.toThrow(/author/i);
    // Plain text to a TLS server: the client is made to upgrade, so the same CA rule holds.
    await expect(
      connect({
        servers: server.url,
        user: 'strategy-runner',
        pass: 'pw-strategy-runner',
        reconnect: false,
        timeout: 5_000,
      }),
    ).rejects.toThrow();
  });
});
