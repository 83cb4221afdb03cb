import { connect } from 'node:net';
import { describe, expect, test } from 'vitest';
import { NatsServer } from './nats-server';

function reachable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect({ port, host: '127.0.0.1' }, () => {
      s.destroy();
      resolve(true);
    });
    s.on('error', () => resolve(false));
  });
}

describe('NatsServer harness', () => {
  test('starts isolated servers on distinct free ports, survives kill -9 and restart', async () => {
    const a = await NatsServer.start();
    const b = await NatsServer.start().catch(async (e: unknown) => {
      await a.stop();
      throw e;
    });
    try {
      expect(a.port).not.toBe(b.port);
      expect(a.port).not.toBe(4222);
      expect(await reachable(a.port)).toBe(true);
      await a.kill();
      expect(a.running).toBe(false);
      expect(await reachable(a.port)).toBe(false);
      await a.restart();
      expect(a.running).toBe(true);
      expect(await reachable(a.port)).toBe(true);
      expect(a.logs).toContain('JetStream');
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
    expect(a.running || b.running).toBe(false);
  });
});
