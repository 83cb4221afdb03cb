import { spawnSync } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { describe, expect, test } from 'vitest';
import { NatsServer } from './nats-server';
import { ephemeralRange, freePort, isPortClash, withFreshPorts } from './ports';

function listenOn(port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(port, '127.0.0.1', () => resolve(srv));
  });
}

describe('freePort', () => {
  test('hands out distinct, bindable ports below the kernel’s ephemeral range', async () => {
    const { lo } = ephemeralRange();
    const ports: number[] = [];
    for (let i = 0; i < 200; i++) ports.push(await freePort());
    expect(new Set(ports).size).toBe(200);
    for (const p of ports) {
      expect(p).toBeGreaterThanOrEqual(10_000);
      expect(p).toBeLessThan(lo);
    }
    // Each is free to bind (the point of handing it out).
    const servers = await Promise.all(ports.slice(0, 20).map(listenOn));
    await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  });

  test('skips a port something else listens on', async () => {
    // Take the next ports this process would try, then ask: none of them is handed out.
    const probe = await freePort();
    const taken = await Promise.all(
      [probe + 1, probe + 2, probe + 3].map((p) => listenOn(p).catch(() => undefined)),
    );
    try {
      const next = await freePort();
      for (const s of taken) {
        const addr = s?.address();
        if (addr && typeof addr !== 'string') expect(next).not.toBe(addr.port);
      }
    } finally {
      await Promise.all(taken.map((s) => (s ? new Promise((r) => s.close(r)) : undefined)));
    }
  });
});

describe('a port taken between choosing it and binding it', () => {
  test('nats-server’s own words for it are recognised as a clash', async () => {
    NatsServer.assertInstalled();
    const port = await freePort();
    const thief = await listenOn(port);
    try {
      const run = spawnSync(NatsServer.binary(), ['-a', '127.0.0.1', '-p', String(port)], {
        encoding: 'utf8',
        timeout: 30_000,
      });
      expect(run.status).not.toBe(0);
      const said = `${run.stdout}${run.stderr}`;
      expect(isPortClash(new Error(said)), said).toBe(true);
    } finally {
      await new Promise((r) => thief.close(r));
    }
  });

  test('Node’s EADDRINUSE is a clash; other failures are not', async () => {
    const port = await freePort();
    const thief = await listenOn(port);
    try {
      const err = await listenOn(port).then(
        (s) => {
          s.close();
          return undefined;
        },
        (e: unknown) => e,
      );
      expect(isPortClash(err)).toBe(true);
    } finally {
      await new Promise((r) => thief.close(r));
    }
    expect(isPortClash(new Error('nats-server did not become ready on port 12345'))).toBe(false);
    expect(isPortClash('permission denied')).toBe(false);
  });

  test('withFreshPorts starts again on a clash, and only on a clash', async () => {
    let calls = 0;
    const started = await withFreshPorts(async () => {
      calls++;
      if (calls < 3)
        throw new Error(`[FTL] Error listening on router port: ${calls} - bind: address already in use`);
      return 'up';
    });
    expect(started).toBe('up');
    expect(calls).toBe(3);

    calls = 0;
    await expect(
      withFreshPorts(async () => {
        calls++;
        throw new Error('nats-server not found');
      }),
    ).rejects.toThrow('not found');
    expect(calls).toBe(1);

    calls = 0;
    await expect(
      withFreshPorts(async () => {
        calls++;
        throw new Error('listen EADDRINUSE: address already in use 127.0.0.1:1');
      }, 2),
    ).rejects.toThrow('EADDRINUSE');
    expect(calls).toBe(2);
  });
});
