import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Bus } from '@algotrader/bus';
import { loadPipeline } from '@algotrader/pipeline';
import { endProcess, freePort, NatsServer, scaled, spawnGroup, waitFor } from '@algotrader/testkit';
import { describe, expect, test } from 'vitest';
import { INIT_TOPOLOGY } from '../apps/cli/src/commands/init';
import { parseNotifierSettings } from '../apps/notifier/src/settings';
import { runCli } from './helpers/cli';

const root = resolve(import.meta.dirname, '..');

/** .env.example with every empty password filled, as a user would after copying it. */
function envFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'algotrader-compose-'));
  const text = readFileSync(resolve(root, '.env.example'), 'utf8').replace(
    /^(NATS_PASSWORD_[A-Z_]+|INFLUX_TOKEN|INFLUX_ADMIN_PASSWORD|GRAFANA_ADMIN_PASSWORD)=$/gm,
    '$1=secret',
  );
  const path = join(dir, '.env');
  writeFileSync(path, text);
  return path;
}

/** `docker-compose config` with a filled-in copy of .env.example: the file as the engine would see it. */
function resolvedConfig(): string {
  return execFileSync(
    'docker-compose',
    ['--env-file', envFile(), '-f', resolve(root, 'docker-compose.yml'), 'config'],
    {
      cwd: root,
    },
  ).toString();
}

/** One service's block of the resolved config. */
function serviceBlock(config: string, name: string): string {
  const services = config.slice(config.indexOf('services:'));
  const start = services.indexOf(`\n  ${name}:\n`);
  if (start < 0) throw new Error(`no service ${name}`);
  return services.slice(start + 1).split(/\n {2}[a-z]/)[0] ?? '';
}

/** A service's environment from the resolved config (`KEY: value` lines under `environment:`). */
function serviceEnv(config: string, name: string): Record<string, string> {
  const block = serviceBlock(config, name);
  const env: Record<string, string> = {};
  const section = /\n {4}environment:\n((?: {6}.*\n)+)/.exec(block)?.[1] ?? '';
  for (const m of section.matchAll(/^ {6}([A-Z][A-Z0-9_]*): ?(.*)$/gm)) {
    env[m[1]!] = m[2]!.replace(/^'(.*)'$|^"(.*)"$/, '$1$2');
  }
  return env;
}

describe('deployment files (validated statically: no Docker engine runs here)', () => {
  test('docker-compose.yml is valid, and every service has log rotation and a restart policy', () => {
    const out = execFileSync(
      'docker-compose',
      ['--env-file', envFile(), '-f', resolve(root, 'docker-compose.yml'), 'config'],
      {
        cwd: root,
      },
    ).toString();
    const services = out.slice(out.indexOf('services:'));
    const names = [...services.matchAll(/^ {2}([a-z][a-z0-9-]*):$/gm)].map((m) => m[1]);
    for (const s of [
      'nats',
      'influxdb',
      'grafana',
      'collector',
      'feature-engine',
      'strategy-runner',
      'risk-gate',
      'order-router',
      'notifier',
      'monitor',
      'scheduler',
    ]) {
      expect(names).toContain(s);
    }
    for (const name of names) {
      const block = services.slice(services.indexOf(`  ${name}:\n`)).split(/\n {2}[a-z]/)[0] ?? '';
      expect(block, `${name} log rotation`).toMatch(/max-size/);
      expect(block, `${name} restart policy`).toMatch(/restart:/);
    }
  });

  test('every image has a fixed version tag: no latest, no floating major.minor', () => {
    const images = [...resolvedConfig().matchAll(/^ {4}image: (\S+)$/gm)].map((m) => m[1]!);
    expect(images.length).toBeGreaterThanOrEqual(13);
    for (const image of images) {
      expect(image, image).toMatch(/:\d+\.\d+\.\d+(-[a-z0-9.]+)?$/);
    }
  });

  test('the notifier acts on the account the risk gate and the order-router trade (one source)', async () => {
    const config = resolvedConfig();
    const notifier = serviceEnv(config, 'notifier');
    // A second name for the account is how /halt ended up writing a key nobody read.
    expect(notifier['NOTIFIER_ACCOUNT']).toBeUndefined();
    for (const stage of ['risk-gate', 'order-router']) {
      expect(serviceEnv(config, stage)['ALGOTRADER_PIPELINE']).toBe(notifier['ALGOTRADER_PIPELINE']);
    }
    // The path inside the container, read from the host directory compose mounts there.
    const mount = /^ {4}- (\S+):\/app\/config:ro$/m.exec(serviceBlock(config, 'notifier'))?.[1];
    expect(mount).toBe(resolve(root, 'config'));
    const hostPath = notifier['ALGOTRADER_PIPELINE']!.replace('/app/config', mount!);
    const traded = (await loadPipeline(hostPath)).account;
    expect(parseNotifierSettings({ ...notifier, ALGOTRADER_PIPELINE: hostPath }).account).toBe(traded);
  });

  test('Grafana is provisioned with a Loki datasource at the loki service promtail pushes to', () => {
    const config = resolvedConfig();
    expect(serviceBlock(config, 'loki')).toMatch(/image: grafana\/loki:/);
    expect(serviceBlock(config, 'grafana')).toContain(
      `${resolve(root, 'infra/grafana/provisioning')}:/etc/grafana/provisioning:ro`,
    );
    const ds = readFileSync(resolve(root, 'infra/grafana/provisioning/datasources/loki.yaml'), 'utf8');
    expect(ds).toMatch(/^\s+type: loki$/m);
    const url = /^\s+url: (\S+)$/m.exec(ds)?.[1];
    expect(url).toBe('http://loki:3100');
    const promtail = readFileSync(resolve(root, 'infra/promtail/promtail.yaml'), 'utf8');
    expect(promtail).toContain(`${url}/loki/api/v1/push`);
    // Unique uid beside the InfluxDB one, so provisioning does not replace one with the other.
    const influx = readFileSync(
      resolve(root, 'infra/grafana/provisioning/datasources/influxdb.yaml'),
      'utf8',
    );
    expect(/uid: (\S+)/.exec(ds)?.[1]).not.toBe(/uid: (\S+)/.exec(influx)?.[1]);
  });

  test('a missing NATS password is refused by compose with its name', () => {
    const path = envFile();
    writeFileSync(
      path,
      readFileSync(path, 'utf8').replace('NATS_PASSWORD_RISK_GATE=secret', 'NATS_PASSWORD_RISK_GATE='),
    );
    let message = '';
    try {
      execFileSync(
        'docker-compose',
        ['--env-file', path, '-f', resolve(root, 'docker-compose.yml'), 'config', '-q'],
        { stdio: 'pipe' },
      );
    } catch (e) {
      message = String((e as { stderr: Buffer }).stderr);
    }
    expect(message).toMatch(/NATS_PASSWORD_RISK_GATE/);
  });

  test('infra/nats/nats.conf is accepted by a real nats-server', () => {
    const dir = mkdtempSync(join(tmpdir(), 'algotrader-natsconf-'));
    copyFileSync(resolve(root, 'infra/nats/nats.conf'), join(dir, 'nats.conf'));
    copyFileSync(resolve(root, 'infra/nats/auth.conf'), join(dir, 'auth.conf'));
    const env = { ...process.env };
    for (const s of [
      'COLLECTOR',
      'FEATURE_ENGINE',
      'STRATEGY_RUNNER',
      'RISK_GATE',
      'ORDER_ROUTER',
      'NOTIFIER',
      'MONITOR',
      'SCHEDULER',
      'ADMIN',
      'RESEARCH_WORKER',
    ]) {
      env[`NATS_PASSWORD_${s}`] = 'x';
    }
    const ok = spawnSync('nats-server', ['-c', join(dir, 'nats.conf'), '-t'], { env });
    expect(ok.status, ok.stderr.toString()).toBe(0);
    // The same check rejects a broken file, so a pass means something.
    writeFileSync(
      join(dir, 'auth.conf'),
      readFileSync(join(dir, 'auth.conf'), 'utf8').replace('users = [', 'users = [ {'),
    );
    expect(spawnSync('nats-server', ['-c', join(dir, 'nats.conf'), '-t'], { env }).status).not.toBe(0);
  });

  test('config/pipeline.json, which compose mounts for the stages, is a valid live pipeline', async () => {
    const p = await loadPipeline(resolve(root, 'config/pipeline.json'));
    expect(p.config.mode).toBe('live');
    expect(p.config.instruments.length).toBeGreaterThan(0);
  });

  test('the native order-router is a compose service behind the "native" profile, as NATS user order-router', () => {
    const args = ['--env-file', envFile(), '-f', resolve(root, 'docker-compose.yml')];
    const config = execFileSync('docker-compose', [...args, '--profile', 'native', 'config'], {
      cwd: root,
    }).toString();
    const block = serviceBlock(config, 'order-router-native');
    expect(block).toContain('dockerfile: native/order-router/Dockerfile');
    // Not started by a plain `up`: two routers on one account would be two writers.
    expect(block).toMatch(/profiles:\n\s+- native/);
    expect(serviceEnv(config, 'order-router-native')).toMatchObject({
      ALGOTRADER_SERVICE: 'order-router',
      NATS_USER: 'order-router',
      ALGOTRADER_HEALTH_FILE: '/tmp/healthy',
    });
    expect(readFileSync(resolve(root, 'native/order-router/Dockerfile'), 'utf8')).toContain(
      'apps/order-router/src/native-main.ts',
    );
  });
});

/** The .env of {@link envFile} with the cluster's route password filled in as well. */
function clusterEnvFile(): string {
  const path = envFile();
  writeFileSync(
    path,
    readFileSync(path, 'utf8').replace(/^NATS_ROUTE_PASSWORD=$/m, 'NATS_ROUTE_PASSWORD=secret'),
  );
  return path;
}

const CLUSTER_CONFS = ['cluster-1.conf', 'cluster-2.conf', 'cluster-3.conf'];
const NATS_SECRETS = [
  ...readFileSync(resolve(root, 'infra/nats/auth.conf'), 'utf8').matchAll(/\$(NATS_PASSWORD_[A-Z_]+)/g),
]
  .map((m) => m[1]!)
  .concat('NATS_ROUTE_PASSWORD', 'NATS_ROUTE_1', 'NATS_ROUTE_2', 'NATS_ROUTE_3');

describe('the three-node NATS cluster (docker-compose.cluster.yml, infra/nats/cluster-*.conf)', () => {
  test("each node's configuration is accepted by a real nats-server (and a broken one is not)", () => {
    const dir = mkdtempSync(join(tmpdir(), 'algotrader-natscluster-'));
    for (const f of [...CLUSTER_CONFS, 'auth.conf'])
      copyFileSync(resolve(root, 'infra/nats', f), join(dir, f));
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      ...Object.fromEntries(NATS_SECRETS.map((k) => [k, 'x'])),
      // as the compose file builds them
      ...Object.fromEntries([1, 2, 3].map((k) => [`NATS_ROUTE_${k}`, `nats-route://route:x@nats-${k}:6222`])),
    };
    for (const f of CLUSTER_CONFS) {
      const ok = spawnSync('nats-server', ['-c', join(dir, f), '-t'], { env });
      expect(ok.status, `${f}: ${ok.stderr.toString()}`).toBe(0);
      const text = readFileSync(join(dir, f), 'utf8');
      // Three distinct nodes, routes to the two others, JetStream and the per-service users.
      expect(text).toMatch(new RegExp(`server_name: nats-${f.match(/\d/)![0]}`));
      const n = Number(f.match(/\d/)![0]);
      const others = [1, 2, 3].filter((x) => x !== n).map((x) => `$NATS_ROUTE_${x}`);
      expect(text).toContain(`routes: [${others.join(', ')}]`);
      expect(text).toMatch(/jetstream \{/);
      expect(text).toMatch(/include \.\/auth\.conf/);
      // ... and the route password and the routes are required: without them, the file is refused.
      for (const missing of ['NATS_ROUTE_PASSWORD', others[0]!.slice(1)]) {
        const without: NodeJS.ProcessEnv = { ...env };
        delete without[missing];
        expect(
          spawnSync('nats-server', ['-c', join(dir, f), '-t'], { env: without }).status,
          `${f} without ${missing}`,
        ).not.toBe(0);
      }
    }
    writeFileSync(
      join(dir, 'bad.conf'),
      readFileSync(join(dir, 'cluster-2.conf'), 'utf8').replace('cluster {', 'cluster {{'),
    );
    expect(spawnSync('nats-server', ['-c', join(dir, 'bad.conf'), '-t'], { env }).status).not.toBe(0);
  });

  test('compose with the cluster override is valid: three nodes, init with 3 replicas, every stage given all nodes', () => {
    const args = [
      '--env-file',
      clusterEnvFile(),
      '-f',
      resolve(root, 'docker-compose.yml'),
      '-f',
      resolve(root, 'docker-compose.cluster.yml'),
    ];
    const quiet = spawnSync('docker-compose', [...args, 'config', '-q'], { cwd: root });
    expect(quiet.status, quiet.stderr.toString()).toBe(0);
    const config = execFileSync('docker-compose', [...args, '--profile', 'native', 'config'], {
      cwd: root,
    }).toString();
    for (const [name, conf] of [
      ['nats', 'cluster-1.conf'],
      ['nats-2', 'cluster-2.conf'],
      ['nats-3', 'cluster-3.conf'],
    ] as const) {
      const block = serviceBlock(config, name);
      expect(block, name).toContain(`/etc/nats/${conf}`);
      expect(serviceEnv(config, name), name).toMatchObject({
        NATS_ROUTE_PASSWORD: 'secret',
        NATS_ROUTE_1: 'nats-route://route:secret@nats:6222',
        NATS_ROUTE_2: 'nats-route://route:secret@nats-2:6222',
        NATS_ROUTE_3: 'nats-route://route:secret@nats-3:6222',
      });
    }
    // Each node its own store.
    expect(serviceBlock(config, 'nats-2')).toMatch(/- nats-2-data:\/data/);
    expect(serviceBlock(config, 'nats-3')).toMatch(/- nats-3-data:\/data/);
    // Only node 1 is published (on loopback); the route port never is.
    expect(config).not.toMatch(/published: "?6222/);
    const nodes = 'nats://nats:4222,nats://nats-2:4222,nats://nats-3:4222';
    expect(serviceEnv(config, 'init')).toMatchObject({
      NATS_URL: nodes,
      NATS_REPLICAS: '3',
      NATS_USER: 'admin',
    });
    expect(serviceBlock(config, 'init')).toMatch(/nats-2:\n\s+condition: service_healthy/);
    expect(serviceBlock(config, 'init')).toMatch(/nats-3:\n\s+condition: service_healthy/);
    for (const stage of [
      'collector',
      'feature-engine',
      'strategy-runner',
      'risk-gate',
      'order-router',
      'order-router-native',
      'notifier',
      'monitor',
      'scheduler',
    ]) {
      expect(serviceEnv(config, stage).NATS_URL, stage).toBe(nodes);
    }
    // Without the route password compose refuses, naming it.
    const noRoute = envFile();
    const refused = spawnSync(
      'docker-compose',
      [
        '--env-file',
        noRoute,
        '-f',
        resolve(root, 'docker-compose.yml'),
        '-f',
        resolve(root, 'docker-compose.cluster.yml'),
        'config',
        '-q',
      ],
      { cwd: root, env: { ...process.env, NATS_ROUTE_PASSWORD: '' } },
    );
    expect(refused.status).not.toBe(0);
    expect(refused.stderr.toString()).toMatch(/NATS_ROUTE_PASSWORD/);
  });

  test('the three confs as real nats-servers form a cluster; `algotrader init` with NATS_REPLICAS=3 makes R3 streams, buckets and durables', {
    timeout: scaled(180_000),
  }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'algotrader-natscluster-live-'));
    copyFileSync(resolve(root, 'infra/nats/auth.conf'), join(dir, 'auth.conf'));
    const ports: number[] = [];
    const routePorts: number[] = [];
    for (let i = 0; i < 3; i++) {
      ports.push(await freePort());
      routePorts.push(await freePort());
    }
    // The deployed files, with only the addresses and the store moved: loopback ports, temp dirs.
    CLUSTER_CONFS.forEach((f, i) => {
      const text = readFileSync(resolve(root, 'infra/nats', f), 'utf8')
        .replace(/^port: 4222$/m, `listen: 127.0.0.1:${ports[i]}`)
        .replace(/^http_port: 8222$/m, '')
        .replace('store_dir: /data/jetstream', `store_dir: "${join(dir, `js-${i + 1}`)}"`)
        .replace('max_file_store: 20GB', 'max_file_store: 1GB')
        .replace(/^ {2}port: 6222$/m, `  listen: 127.0.0.1:${routePorts[i]}`);
      const settings = text.replace(/^\s*#.*$/gm, '');
      expect(settings, f).not.toMatch(/4222|6222|8222|\/data\//);
      writeFileSync(join(dir, f), text);
    });
    // As docker-compose.cluster.yml sets them: the route URLs carry the route user's password.
    const passwords: Record<string, string> = Object.fromEntries(
      NATS_SECRETS.filter((k) => k.startsWith('NATS_PASSWORD_')).map((k) => [
        k,
        `pw-${k.slice(14).toLowerCase().replace(/_/g, '-')}`,
      ]),
    );
    passwords.NATS_ROUTE_PASSWORD = 'route-secret';
    routePorts.forEach((p, i) => {
      passwords[`NATS_ROUTE_${i + 1}`] = `nats-route://route:route-secret@127.0.0.1:${p}`;
    });
    const logs = ['', '', ''];
    const procs = CLUSTER_CONFS.map((f, i) => {
      const proc = spawnGroup(NatsServer.binary(), ['-c', join(dir, f)], {
        env: { ...process.env, ...passwords },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      proc.stderr!.on('data', (b: Buffer) => {
        logs[i] += b.toString();
      });
      return proc;
    });
    const urls = ports.map((p) => `nats://127.0.0.1:${p}`);
    let admin: Bus | undefined;
    try {
      await waitFor(
        () =>
          logs.every((l) => l.includes('Server is ready')) &&
          logs.some((l) =>
            /new JetStream cluster metadata leader|JetStream cluster new metadata leader/i.test(l),
          ),
        30_000,
        () => `the cluster to form:\n${logs.map((l) => l.slice(-1_500)).join('\n---\n')}`,
      );
      // Routes authenticated with the route user: each node sees the two others.
      for (const l of logs) expect(l).not.toMatch(/authorization violation/i);
      const init = await runCli(['init'], {
        NATS_URL: urls.join(','),
        NATS_USER: 'admin',
        NATS_PASSWORD: 'pw-admin',
        NATS_REPLICAS: '3',
      });
      expect(init.code, init.stderr).toBe(0);
      expect(init.lines.join('\n')).toMatch(/stream MD .* 3 replica\(s\)/);
      admin = await Bus.connect({ servers: urls, service: 'admin', user: 'admin', password: 'pw-admin' });
      for (const name of [
        ...INIT_TOPOLOGY.streams.map((x) => x.name),
        ...(INIT_TOPOLOGY.kv ?? []).map((k) => `KV_${k.bucket}`),
      ]) {
        const info = await admin.jsm.streams.info(name);
        expect(info.config.num_replicas, name).toBe(3);
        // A leader and two followers, on three distinct nodes.
        expect(
          new Set([info.cluster?.leader, ...(info.cluster?.replicas ?? []).map((r) => r.name)]).size,
          name,
        ).toBe(3);
      }
      const archiver = await admin.jsm.consumers.info('MD', 'archiver');
      expect(
        archiver.cluster?.replicas ?? [],
        'the archiver durable is replicated with its stream',
      ).toHaveLength(2);
    } finally {
      await admin?.close();
      await Promise.all(procs.map((p) => endProcess(p, 'SIGTERM')));
    }
  });
});
