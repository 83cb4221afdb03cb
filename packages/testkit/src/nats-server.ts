import { type ChildProcess, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect as netConnect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './ports';
import { endProcess, processScope, spawnGroup } from './process';
import { scaled } from './timing';

export interface NatsServerOptions {
  /** Extra nats-server config text (e.g. authorization blocks); JetStream is always on. */
  config?: string;
  /** Keep the store directory after stop (for inspection). */
  keepStore?: boolean;
  /** Extra environment for the server process (e.g. passwords referenced as $VAR in config). */
  env?: Record<string, string>;
}

/**
 * An isolated `nats-server -js` on a free loopback port with a temporary store directory.
 * `kill()` sends SIGKILL (a crash) and `restart()` starts it again on the same port and store.
 */
export class NatsServer {
  readonly port: number;
  readonly storeDir: string;
  readonly url: string;
  #proc: ChildProcess | undefined;
  /** Spawn label at start(): a restart during a later test belongs to the same owner. */
  readonly #scope = processScope();
  #configPath: string;
  #logs: string[] = [];
  #keepStore: boolean;
  #env: Record<string, string>;

  private constructor(
    port: number,
    dir: string,
    config: string,
    keepStore: boolean,
    env: Record<string, string>,
  ) {
    this.port = port;
    this.storeDir = join(dir, 'js');
    this.url = `nats://127.0.0.1:${port}`;
    this.#configPath = join(dir, 'nats.conf');
    this.#keepStore = keepStore;
    this.#env = env;
    writeFileSync(
      this.#configPath,
      [
        'listen: 127.0.0.1:' + port,
        `jetstream { store_dir: "${this.storeDir}", max_memory_store: 256MB, max_file_store: 2GB }`,
        config,
      ].join('\n'),
    );
  }

  static binary(): string {
    return process.env['NATS_SERVER_BIN'] ?? 'nats-server';
  }

  /** Fails with an actionable message when nats-server is not installed. */
  static assertInstalled(): void {
    try {
      execFileSync(NatsServer.binary(), ['--version'], { stdio: 'pipe' });
    } catch {
      throw new Error(
        'nats-server not found: install it (Debian: apt-get install nats-server) or set NATS_SERVER_BIN',
      );
    }
  }

  static async start(opts: NatsServerOptions = {}): Promise<NatsServer> {
    NatsServer.assertInstalled();
    const dir = mkdtempSync(join(tmpdir(), 'algotrader-nats-'));
    const server = new NatsServer(
      await freePort(),
      dir,
      opts.config ?? '',
      opts.keepStore ?? false,
      opts.env ?? {},
    );
    await server.#spawn();
    return server;
  }

  get running(): boolean {
    return this.#proc !== undefined && this.#proc.exitCode === null && this.#proc.signalCode === null;
  }

  get logs(): string {
    return this.#logs.join('');
  }

  async #spawn(): Promise<void> {
    const proc = spawnGroup(NatsServer.binary(), ['-c', this.#configPath], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...this.#env },
      scope: this.#scope,
    });
    this.#proc = proc;
    const keep = (b: Buffer) => {
      this.#logs.push(b.toString());
      if (this.#logs.length > 500) this.#logs.splice(0, 250);
    };
    proc.stdout?.on('data', keep);
    proc.stderr?.on('data', keep);
    const deadline = Date.now() + scaled(15_000);
    while (Date.now() < deadline) {
      if (proc.exitCode !== null) throw new Error(`nats-server exited (${proc.exitCode}):\n${this.logs}`);
      if (this.logs.includes('Server is ready') && (await canConnect(this.port))) return;
      await sleep(25);
    }
    throw new Error(`nats-server did not become ready on port ${this.port}:\n${this.logs}`);
  }

  /** SIGKILL: the server dies as in a crash, without flushing anything. */
  async kill(): Promise<void> {
    const proc = this.#proc;
    if (!proc || !this.running) return;
    await endProcess(proc, 'SIGKILL');
  }

  async restart(): Promise<void> {
    await this.kill();
    await this.#spawn();
  }

  async stop(): Promise<void> {
    const proc = this.#proc;
    if (proc && this.running) {
      await endProcess(proc, 'SIGTERM');
    }
    if (!this.#keepStore) rmSync(join(this.storeDir, '..'), { recursive: true, force: true });
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

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/**
 * Polls `check` until it returns true or the timeout passes. The timeout is stretched by the test
 * run's time scale (see timing.ts): it is how long this takes on an idle machine, with room.
 */
export async function waitFor(
  check: () => boolean | Promise<boolean>,
  timeoutMs = 10_000,
  what = 'condition',
): Promise<void> {
  const limit = scaled(timeoutMs);
  const deadline = Date.now() + limit;
  while (Date.now() < deadline) {
    if (await check()) return;
    await sleep(20);
  }
  throw new Error(`timed out after ${limit} ms waiting for ${what}`);
}
