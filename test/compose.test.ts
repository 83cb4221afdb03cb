import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadPipeline } from '@algotrader/pipeline';
import { describe, expect, test } from 'vitest';

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
});
