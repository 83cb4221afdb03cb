import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, withFreshPorts } from './ports';
import { binaryVersion, ServerProcess, TestServer } from './server-process';
import { scaled, sleep } from './timing';

/** One series as `/api/v1/export` returns it (one JSON object per line). */
export interface ExportedSeries {
  metric: Record<string, string>;
  values: number[];
  timestamps: number[];
}

export interface VictoriaMetricsOptions {
  /** Keep the storage directory after stop (for inspection). */
  keepStorage?: boolean;
  /** Extra command-line flags, e.g. `-influxSkipSingleField`. */
  args?: string[];
}

/**
 * An isolated VictoriaMetrics single-node server on a free loopback port with a temporary storage
 * directory. It accepts the InfluxDB v2 write API (`POST /api/v2/write`), so it stands in for
 * InfluxDB in integration tests; a series is named `<measurement>_<field>`.
 * `kill()` sends SIGKILL (a crash) and `restart()` starts it again on the same port and storage.
 */
export class VictoriaMetrics extends TestServer {
  readonly port: number;
  readonly storageDir: string;
  /** Base URL, e.g. `http://127.0.0.1:PORT`: what an InfluxDB client is given as its url. */
  readonly url: string;
  protected readonly serverProcess: ServerProcess;

  private constructor(port: number, storageDir: string, opts: VictoriaMetricsOptions) {
    super();
    this.port = port;
    this.storageDir = storageDir;
    this.url = `http://127.0.0.1:${port}`;
    this.serverProcess = new ServerProcess({
      name: 'victoria-metrics',
      binary: VictoriaMetrics.binary(),
      args: [
        `-httpListenAddr=127.0.0.1:${port}`,
        `-storageDataPath=${storageDir}`,
        // Test data may carry old bar timestamps: keep everything.
        '-retentionPeriod=100y',
        '-search.disableCache',
        '-loggerLevel=ERROR',
        ...(opts.args ?? []),
      ],
      port,
      dir: storageDir,
      keepDir: opts.keepStorage ?? false,
      ready: () => this.healthy(),
      readyMs: 15_000,
      pollMs: 25,
      notReady: 'did not become healthy',
    });
  }

  static binary(): string {
    return process.env['VICTORIA_METRICS_BIN'] ?? 'victoria-metrics';
  }

  /** Fails with an actionable message when victoria-metrics is not installed. */
  static assertInstalled(): void {
    binaryVersion(
      VictoriaMetrics.binary(),
      ['-version'],
      'victoria-metrics not found: install it (Debian: apt-get install victoria-metrics) or set VICTORIA_METRICS_BIN',
    );
  }

  static async start(opts: VictoriaMetricsOptions = {}): Promise<VictoriaMetrics> {
    VictoriaMetrics.assertInstalled();
    return withFreshPorts(async () => {
      const dir = mkdtempSync(join(tmpdir(), 'algotrader-vm-'));
      const server = new VictoriaMetrics(await freePort(), dir, opts);
      await server.serverProcess.spawnOrStop();
      return server;
    });
  }

  /** True when `/health` answers OK. */
  async healthy(): Promise<boolean> {
    try {
      const res = await fetch(`${this.url}/health`, { signal: AbortSignal.timeout(1_000) });
      return res.ok;
    } catch {
      return false;
    }
  }

  /** Makes recently ingested samples searchable now instead of after the server's ~1 s flush. */
  async forceFlush(): Promise<void> {
    const res = await fetch(`${this.url}/internal/force_flush`);
    if (!res.ok) throw new Error(`force_flush: HTTP ${res.status} ${await res.text()}`);
  }

  /**
   * Raw samples of every series matching the selector, e.g. `{__name__=~"bus_.*"}` or
   * `bus_published{service="x"}`, via `/api/v1/export`. Series are sorted by name and labels, samples
   * by time. Flushes first, yet a series new to the server can take about a second to become
   * visible: poll (see {@link waitForSamples}) rather than read once.
   */
  async export(match: string): Promise<ExportedSeries[]> {
    await this.forceFlush();
    const res = await fetch(`${this.url}/api/v1/export?${new URLSearchParams({ 'match[]': match })}`);
    const body = await res.text();
    if (!res.ok) throw new Error(`export ${match}: HTTP ${res.status} ${body}`);
    const series = body
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l) as ExportedSeries);
    for (const s of series) {
      const order = s.timestamps.map((_, i) => i).sort((a, b) => s.timestamps[a]! - s.timestamps[b]!);
      s.timestamps = order.map((i) => s.timestamps[i]!);
      s.values = order.map((i) => s.values[i]!);
    }
    return series.sort((a, b) => seriesKey(a).localeCompare(seriesKey(b)));
  }

  /** Total sample count over every series matching the selector. */
  async sampleCount(match: string): Promise<number> {
    return (await this.export(match)).reduce((n, s) => n + s.values.length, 0);
  }

  /** Polls the export until at least `count` samples match (timeout stretched by the run's time scale). */
  async waitForSamples(match: string, count: number, timeoutMs = 10_000): Promise<ExportedSeries[]> {
    const limit = scaled(timeoutMs);
    const deadline = Date.now() + limit;
    let last: ExportedSeries[] = [];
    for (;;) {
      last = await this.export(match);
      const n = last.reduce((acc, s) => acc + s.values.length, 0);
      if (n >= count) return last;
      if (Date.now() > deadline) {
        throw new Error(`timed out after ${limit} ms waiting for ${count} samples of ${match} (have ${n})`);
      }
      await sleep(100);
    }
  }
}

function seriesKey(s: ExportedSeries): string {
  return Object.entries(s.metric)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
}
