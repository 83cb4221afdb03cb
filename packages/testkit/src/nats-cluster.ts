import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NatsServer } from './nats-server';
import { freePort, withFreshPorts } from './ports';
import { ServerProcess, TestServer } from './server-process';
import { scaled, sleep, within } from './timing';

export interface NatsClusterOptions {
  /** Nodes (default 3: a JetStream meta group needs a majority, so 3 survives losing one). */
  readonly size?: number;
  /** Extra config text for every node (e.g. the authorization block of infra/nats/auth.conf). */
  readonly config?: string;
  /** Extra environment for every node (passwords referenced as $VAR in the config). */
  readonly env?: Record<string, string>;
  /** Each node also serves its HTTP monitoring endpoint on a free loopback port (see `clients()`). */
  readonly monitor?: boolean;
}

/** One node of a {@link NatsCluster}: its own client port, route port, store and process. */
export class ClusterNode extends TestServer {
  readonly name: string;
  readonly port: number;
  readonly url: string;
  readonly storeDir: string;
  /** The HTTP monitoring port, when the cluster was started with `monitor`. */
  readonly monitorPort: number | undefined;
  protected readonly serverProcess: ServerProcess;

  constructor(
    name: string,
    port: number,
    routePort: number,
    routes: number[],
    o: NatsClusterOptions,
    monitorPort?: number,
  ) {
    super();
    const dir = mkdtempSync(join(tmpdir(), `algotrader-nats-${name}-`));
    this.name = name;
    this.port = port;
    this.url = `nats://127.0.0.1:${port}`;
    this.storeDir = join(dir, 'js');
    this.monitorPort = monitorPort;
    const configPath = join(dir, 'nats.conf');
    writeFileSync(
      configPath,
      [
        `server_name: ${name}`,
        `listen: 127.0.0.1:${port}`,
        `jetstream { store_dir: "${this.storeDir}", max_memory_store: 256MB, max_file_store: 2GB }`,
        'cluster {',
        '  name: algotrader-test',
        `  listen: 127.0.0.1:${routePort}`,
        `  routes: [${routes.map((p) => `"nats-route://127.0.0.1:${p}"`).join(', ')}]`,
        '}',
        monitorPort === undefined ? '' : `http: 127.0.0.1:${monitorPort}`,
        o.config ?? '',
      ].join('\n'),
    );
    this.serverProcess = new ServerProcess({
      name: `nats-server ${name}`,
      binary: NatsServer.binary(),
      args: ['-c', configPath],
      env: o.env ?? {},
      port,
      dir,
      keepDir: false,
      ready: (logs) => logs.includes('Server is ready'),
      readyMs: 15_000,
      pollMs: 25,
      notReady: 'did not become ready',
    });
  }

  /** Spawns the process (the cluster waits for JetStream as a whole). */
  spawn(): Promise<void> {
    return within(() => this.serverProcess.spawn(), STEP_MS, `cluster node ${this.name} to start`);
  }

  /** The node's output since it was last started. */
  get runLogs(): string {
    return this.serverProcess.runLogs;
  }

  /**
   * The names of the clients connected to this node now (a Bus names its connection after its
   * service), from the monitoring endpoint; needs `monitor`. Fails when the node does not answer.
   */
  async clients(): Promise<string[]> {
    if (this.monitorPort === undefined) throw new Error('the cluster was started without monitor');
    const r = await fetch(`http://127.0.0.1:${this.monitorPort}/connz?limit=4096`, {
      signal: AbortSignal.timeout(scaled(5_000)),
    });
    if (!r.ok) throw new Error(`connz of ${this.name}: HTTP ${r.status}`);
    const body = (await r.json()) as { connections?: { name?: string }[] };
    return (body.connections ?? []).map((c) => c.name ?? '');
  }

  // Every step on a node has a deadline that names it: a hang fails fast, saying where.
  override kill(): Promise<void> {
    return within(() => super.kill(), STEP_MS, `cluster node ${this.name} to die of SIGKILL`);
  }

  override restart(): Promise<void> {
    return within(() => super.restart(), STEP_MS, `cluster node ${this.name} to restart`);
  }

  override stop(): Promise<void> {
    return within(() => super.stop(), STEP_MS, `cluster node ${this.name} to stop`);
  }
}

/** The deadline of one step on a node (start, kill, restart, stop), before the time scale. */
const STEP_MS = 30_000;

/**
 * A JetStream cluster of `size` nats-server processes on loopback (free ports, temporary stores),
 * routes between all of them. `start` resolves once a JetStream metadata leader is elected. `kill(i)` is a crash of one node (SIGKILL; its store is kept for `restart(i)`).
 */
export class NatsCluster {
  readonly nodes: readonly ClusterNode[];

  private constructor(nodes: ClusterNode[]) {
    this.nodes = nodes;
  }

  static async start(o: NatsClusterOptions = {}): Promise<NatsCluster> {
    NatsServer.assertInstalled();
    return withFreshPorts(() => NatsCluster.#startOnce(o));
  }

  static async #startOnce(o: NatsClusterOptions): Promise<NatsCluster> {
    const size = o.size ?? 3;
    const ports: number[] = [];
    const routePorts: number[] = [];
    const monitorPorts: (number | undefined)[] = [];
    for (let i = 0; i < size; i++) {
      ports.push(await freePort());
      routePorts.push(await freePort());
      monitorPorts.push(o.monitor ? await freePort() : undefined);
    }
    const nodes = ports.map(
      (port, i) =>
        new ClusterNode(
          `n${i + 1}`,
          port,
          routePorts[i]!,
          routePorts.filter((_, j) => j !== i),
          o,
          monitorPorts[i],
        ),
    );
    const cluster = new NatsCluster(nodes);
    try {
      await Promise.all(nodes.map((n) => n.spawn()));
      await cluster.waitJetStream();
    } catch (e) {
      await cluster.stop().catch(() => {});
      throw e;
    }
    return cluster;
  }

  /** Every node's client URL (a client given all of them fails over between them). */
  get urls(): string[] {
    return this.nodes.map((n) => n.url);
  }

  node(name: string): ClusterNode {
    const n = this.nodes.find((x) => x.name === name);
    if (!n) throw new Error(`no cluster node ${name} (nodes: ${this.nodes.map((x) => x.name).join(', ')})`);
    return n;
  }

  /** Resolves when a JetStream metadata leader is elected (a node's log says so). */
  async waitJetStream(timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + scaled(timeoutMs);
    while (Date.now() < deadline) {
      if (this.nodes.some((n) => n.running && /metadata leader/i.test(n.runLogs))) return;
      await sleep(100);
    }
    throw new Error(
      `the JetStream cluster elected no metadata leader:\n${this.nodes.map((n) => `${n.name}: ${n.logs.slice(-2_000)}`).join('\n')}`,
    );
  }

  /** Stops every node (each within its deadline); a node that would not stop is named in the error. */
  async stop(): Promise<void> {
    const results = await Promise.allSettled(this.nodes.map((n) => n.stop()));
    const failed = results.flatMap((r) => (r.status === 'rejected' ? [(r.reason as Error).message] : []));
    if (failed.length > 0) throw new Error(`the cluster did not stop: ${failed.join('; ')}`);
  }
}
