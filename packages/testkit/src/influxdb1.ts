import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, withFreshPorts } from './ports';
import { binaryVersion, ServerProcess, TestServer } from './server-process';

/** One series of an InfluxQL answer (`/query`), as InfluxDB 1.x returns it. */
export interface InfluxSeries {
  name: string;
  tags?: Record<string, string>;
  columns: string[];
  values: unknown[][];
}

export interface InfluxStatementResult {
  statement_id: number;
  series?: InfluxSeries[];
  error?: string;
}

export interface InfluxDB1Options {
  /** Keep the data directory after stop (for inspection). */
  keepData?: boolean;
}

/**
 * An isolated InfluxDB 1.x (`influxd`, e.g. Debian's 1.6) on free loopback ports with its meta, data
 * and WAL directories in a temporary directory. It speaks InfluxQL on `/query` and the v1 write
 * API on `/write`, which is what the Grafana dashboards' queries are checked against.
 */
export class InfluxDB1 extends TestServer {
  readonly port: number;
  readonly rpcPort: number;
  readonly dir: string;
  /** Base URL, e.g. `http://127.0.0.1:PORT`. */
  readonly url: string;
  protected readonly serverProcess: ServerProcess;

  private constructor(port: number, rpcPort: number, dir: string, opts: InfluxDB1Options) {
    super();
    this.port = port;
    this.rpcPort = rpcPort;
    this.dir = dir;
    this.url = `http://127.0.0.1:${port}`;
    const configPath = join(dir, 'influxdb.conf');
    writeFileSync(
      configPath,
      [
        'reporting-disabled = true',
        // The RPC service (backup/restore) binds 127.0.0.1:8088 unless told otherwise: two servers
        // in parallel test files would collide on it.
        `bind-address = "127.0.0.1:${rpcPort}"`,
        '[meta]',
        `  dir = "${join(dir, 'meta')}"`,
        '  logging-enabled = false',
        '[data]',
        `  dir = "${join(dir, 'data')}"`,
        `  wal-dir = "${join(dir, 'wal')}"`,
        '  query-log-enabled = false',
        '[monitor]',
        '  store-enabled = false',
        '[subscriber]',
        '  enabled = false',
        '[continuous_queries]',
        '  enabled = false',
        '[http]',
        `  bind-address = "127.0.0.1:${port}"`,
        '  log-enabled = false',
        '[logging]',
        '  level = "warn"',
        '  suppress-logo = true',
        '',
      ].join('\n'),
    );
    this.serverProcess = new ServerProcess({
      name: 'influxd',
      binary: InfluxDB1.binary(),
      args: ['run', '-config', configPath],
      port,
      dir,
      keepDir: opts.keepData ?? false,
      ready: () => this.ping(),
      readyMs: 20_000,
      pollMs: 50,
      notReady: 'did not answer /ping',
    });
  }

  static binary(): string {
    return process.env['INFLUXD_BIN'] ?? 'influxd';
  }

  /** Fails with an actionable message when influxd (1.x) is not installed. */
  static assertInstalled(): void {
    const version = binaryVersion(
      InfluxDB1.binary(),
      ['version'],
      'influxd not found: install InfluxDB 1.x (Debian: apt-get install influxdb) or set INFLUXD_BIN',
    );
    if (!/InfluxDB v?1\./.test(version)) {
      throw new Error(`influxd is not InfluxDB 1.x (${version.trim()}): set INFLUXD_BIN to a 1.x binary`);
    }
  }

  static async start(opts: InfluxDB1Options = {}): Promise<InfluxDB1> {
    InfluxDB1.assertInstalled();
    return withFreshPorts(async () => {
      const dir = mkdtempSync(join(tmpdir(), 'algotrader-influx1-'));
      const server = new InfluxDB1(await freePort(), await freePort(), dir, opts);
      await server.serverProcess.spawnOrStop();
      return server;
    });
  }

  /** True when `/ping` answers 204. */
  async ping(): Promise<boolean> {
    try {
      const res = await fetch(`${this.url}/ping`, { signal: AbortSignal.timeout(1_000) });
      return res.status === 204;
    } catch {
      return false;
    }
  }

  /** Runs InfluxQL; throws on an HTTP error or an error in any statement. */
  async query(q: string, db?: string): Promise<InfluxStatementResult[]> {
    const params = new URLSearchParams({ q, epoch: 'ms' });
    if (db) params.set('db', db);
    const res = await fetch(`${this.url}/query`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: params.toString(),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`query failed: HTTP ${res.status} ${text}\n${q}`);
    const body = JSON.parse(text) as { results?: InfluxStatementResult[]; error?: string };
    if (body.error) throw new Error(`query failed: ${body.error}\n${q}`);
    const results = body.results ?? [];
    for (const r of results) if (r.error) throw new Error(`query failed: ${r.error}\n${q}`);
    return results;
  }

  async createDatabase(name: string): Promise<void> {
    await this.query(`CREATE DATABASE "${name.replace(/"/g, '\\"')}"`);
  }

  /** Writes line protocol through the v1 write API. */
  async write(db: string, lines: string, precision: 'ns' | 'ms' | 's' = 'ms'): Promise<void> {
    const res = await fetch(`${this.url}/write?${new URLSearchParams({ db, precision })}`, {
      method: 'POST',
      body: lines,
    });
    if (res.status !== 204) throw new Error(`write failed: HTTP ${res.status} ${await res.text()}`);
  }
}
