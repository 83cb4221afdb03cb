import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadPipeline } from '@algotrader/pipeline';
import { describe, expect, test } from 'vitest';
import { parseNotifierSettings } from '../apps/notifier/src/settings';

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
