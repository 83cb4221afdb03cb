import { connect, createServer, type Server } from 'node:net';
import { describe, expect, test } from 'vitest';
import { NatsCluster } from './nats-cluster';

/** A raw NATS client named `name` on `port` (CONNECT, then PING answered by PONG); closed by the caller. */
function rawClient(port: number, name: string): Promise<() => void> {
  return new Promise((resolve, reject) => {
    const s = connect({ port, host: '127.0.0.1' });
    let seen = '';
    s.on('error', reject);
    s.on('data', (b) => {
      seen += b.toString();
      if (seen.includes('INFO') && !seen.includes('PONG') && !s.writableEnded) {
        s.write(`CONNECT ${JSON.stringify({ name, verbose: false, pedantic: false })}\r\nPING\r\n`);
      }
      if (seen.includes('PONG')) resolve(() => s.destroy());
    });
  });
}

describe('NatsCluster harness', () => {
  test('monitoring names the clients of a node; a node that cannot come back fails its restart, naming it', async () => {
    const cluster = await NatsCluster.start({ monitor: true });
    let blocker: Server | undefined;
    try {
      const n1 = cluster.node('n1');
      const close = await rawClient(n1.port, 'probe-client');
      expect(await n1.clients()).toContain('probe-client');
      expect(await cluster.node('n2').clients()).not.toContain('probe-client');
      close();

      // While n1 is down, something else takes its port: the restart must fail (its own output says
      // so), not pass on the output of the run before the kill.
      await n1.kill();
      const b = createServer();
      blocker = b;
      await new Promise<void>((r) => b.listen(n1.port, '127.0.0.1', () => r()));
      await expect(n1.restart()).rejects.toThrow(/nats-server n1 exited/);
      b.close();
      await n1.restart();
      expect(n1.running).toBe(true);
      expect(n1.runLogs).toContain('Server is ready');
    } finally {
      blocker?.close();
      await cluster.stop();
    }
  });
});
