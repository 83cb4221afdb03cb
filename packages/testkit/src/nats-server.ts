import { mkdtempSync, writeFileSync } from 'node:fs';
import { connect as netConnect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, withFreshPorts } from './ports';
import { binaryVersion, ServerProcess, TestServer } from './server-process';

export interface NatsServerOptions {
  /** Extra nats-server config text (e.g. authorization blocks); JetStream is always on. Not a `jetstream` block: it would replace the harness's (use `storeDir`, `maxFileStore`). */
  config?: string;
  /** Keep the store directory after stop (for inspection). */
  keepStore?: boolean;
  /** Extra environment for the server process (e.g. passwords referenced as $VAR in config). */
  env?: Record<string, string>;
  /**
   * The JetStream store directory (default: `js` in the server's temporary directory), e.g. on a
   * small tmpfs for a disk-full test. Not removed by `stop()` when given.
   */
  storeDir?: string;
  /** The server's JetStream file store limit, nats-server units (default `2GB`). */
  maxFileStore?: string;
}

/**
 * An isolated `nats-server -js` on a free loopback port with a temporary store directory.
 * `kill()` sends SIGKILL (a crash) and `restart()` starts it again on the same port and store.
 */
export class NatsServer extends TestServer {
  readonly port: number;
  readonly storeDir: string;
  readonly url: string;
  protected readonly serverProcess: ServerProcess;

  private constructor(port: number, dir: string, opts: NatsServerOptions) {
    super();
    this.port = port;
    this.storeDir = opts.storeDir ?? join(dir, 'js');
    this.url = `nats://127.0.0.1:${port}`;
    const configPath = join(dir, 'nats.conf');
    writeFileSync(
      configPath,
      [
        'listen: 127.0.0.1:' + port,
        // One jetstream block: a second one in `config` would replace this one whole (store_dir too).
        `jetstream { store_dir: "${this.storeDir}", max_memory_store: 256MB, max_file_store: ${opts.maxFileStore ?? '2GB'} }`,
        opts.config ?? '',
      ].join('\n'),
    );
    this.serverProcess = new ServerProcess({
      name: 'nats-server',
      binary: NatsServer.binary(),
      args: ['-c', configPath],
      env: opts.env ?? {},
      port,
      dir,
      keepDir: opts.keepStore ?? false,
      ready: async (logs) => logs.includes('Server is ready') && (await canConnect(port)),
      readyMs: 15_000,
      pollMs: 25,
      notReady: 'did not become ready',
    });
  }

  static binary(): string {
    return process.env['NATS_SERVER_BIN'] ?? 'nats-server';
  }

  /** Fails with an actionable message when nats-server is not installed. */
  static assertInstalled(): void {
    binaryVersion(
      NatsServer.binary(),
      ['--version'],
      'nats-server not found: install it (Debian: apt-get install nats-server) or set NATS_SERVER_BIN',
    );
  }

  static async start(opts: NatsServerOptions = {}): Promise<NatsServer> {
    NatsServer.assertInstalled();
    return withFreshPorts(async () => {
      const dir = mkdtempSync(join(tmpdir(), 'algotrader-nats-'));
      const server = new NatsServer(await freePort(), dir, opts);
      await server.serverProcess.spawnOrStop();
      return server;
    });
  }
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = netConnect({ port, host: '127.0.0.1' }, () => {
      s.destroy();
      resolve(true);
    });
    s.on('error', () => resolve(false));
  });
}
