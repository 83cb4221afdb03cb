import { type ChildProcess, execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { endProcess, processScope, spawnGroup } from './process';
import { scaled, sleep } from './timing';

/**
 * Runs `binary --version`-style `args` and returns its output; throws `missing` (an actionable
 * message: what to install or which variable to set) when the binary cannot be run.
 */
export function binaryVersion(binary: string, args: readonly string[], missing: string): string {
  try {
    return execFileSync(binary, args, { stdio: 'pipe' }).toString();
  } catch {
    throw new Error(missing);
  }
}

export interface ServerProcessSpec {
  /** Name in error messages, e.g. `nats-server`. */
  readonly name: string;
  readonly binary: string;
  readonly args: readonly string[];
  /** Extra environment on top of this process's. */
  readonly env?: Record<string, string>;
  /** Loopback port it listens on (for the error message when it does not become ready). */
  readonly port: number;
  /** Temporary directory of the server's files, removed by {@link ServerProcess.stop} unless kept. */
  readonly dir: string;
  readonly keepDir: boolean;
  /** Checked every `pollMs` until true or `readyMs` (stretched by the run's time scale) pass. */
  readonly ready: (logs: string) => boolean | Promise<boolean>;
  readonly readyMs: number;
  readonly pollMs: number;
  /** Error text when it never gets ready, completed by ` on port N`, e.g. `did not become ready`. */
  readonly notReady: string;
}

/**
 * One test server process (nats-server, VictoriaMetrics, influxd): spawned as a registered process
 * group (see process.ts) under the spawn label current when this object was made, so a restart
 * during a later test belongs to the same owner; its output kept for error messages.
 */
export class ServerProcess {
  readonly #spec: ServerProcessSpec;
  readonly #scope = processScope();
  #proc: ChildProcess | undefined;
  #logs: string[] = [];
  /** Output of the current run alone: what `ready` looks at (a restart must not pass on the last run's). */
  #runLogs: string[] = [];

  constructor(spec: ServerProcessSpec) {
    this.#spec = spec;
  }

  get running(): boolean {
    return this.#proc !== undefined && this.#proc.exitCode === null && this.#proc.signalCode === null;
  }

  get logs(): string {
    return this.#logs.join('');
  }

  /** How the current run ended (`code 1`, `signal SIGKILL`), or undefined while it runs. */
  get exitStatus(): string | undefined {
    const p = this.#proc;
    if (p === undefined) return undefined;
    if (p.signalCode !== null) return `signal ${p.signalCode}`;
    return p.exitCode === null ? undefined : `code ${p.exitCode}`;
  }

  /** The output of the current run only (since the last spawn). */
  get runLogs(): string {
    return this.#runLogs.join('');
  }

  /** Spawns the server and resolves once it is ready; throws with its output if it exits or times out. */
  async spawn(): Promise<void> {
    const s = this.#spec;
    const proc = spawnGroup(s.binary, s.args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(s.env ? { env: { ...process.env, ...s.env } } : {}),
      scope: this.#scope,
    });
    this.#proc = proc;
    const run: string[] = [];
    this.#runLogs = run;
    const keep = (b: Buffer) => {
      const text = b.toString();
      this.#logs.push(text);
      if (this.#logs.length > 500) this.#logs.splice(0, 250);
      run.push(text);
      if (run.length > 500) run.splice(0, 250);
    };
    proc.stdout?.on('data', keep);
    proc.stderr?.on('data', keep);
    const deadline = Date.now() + scaled(s.readyMs);
    while (Date.now() < deadline) {
      if (proc.exitCode !== null) throw new Error(`${s.name} exited (${proc.exitCode}):\n${this.logs}`);
      if (await s.ready(run.join(''))) return;
      await sleep(s.pollMs);
    }
    throw new Error(`${s.name} ${s.notReady} on port ${s.port}:\n${this.logs}`);
  }

  /** {@link spawn}, and when that fails, {@link stop} (nothing left running, the directory gone unless kept). */
  async spawnOrStop(): Promise<void> {
    try {
      await this.spawn();
    } catch (e) {
      await this.stop().catch(() => {});
      throw e;
    }
  }

  /** SIGKILL: the server dies as in a crash, without flushing anything; its files stay. */
  async kill(): Promise<void> {
    const proc = this.#proc;
    if (!proc || !this.running) return;
    await endProcess(proc, 'SIGKILL');
  }

  /** Graceful stop (SIGTERM, SIGKILL to the group if it lingers), then removes the directory unless kept. */
  async stop(): Promise<void> {
    const proc = this.#proc;
    if (proc && this.running) {
      await endProcess(proc, 'SIGTERM');
    }
    if (!this.#spec.keepDir) rmSync(this.#spec.dir, { recursive: true, force: true });
  }
}

/**
 * What nats-server, VictoriaMetrics and influxd share as test servers: each wraps one
 * {@link ServerProcess} made in its constructor and adds its own client-side calls.
 */
export abstract class TestServer {
  protected abstract readonly serverProcess: ServerProcess;

  get running(): boolean {
    return this.serverProcess.running;
  }

  get logs(): string {
    return this.serverProcess.logs;
  }

  /** How the server's process ended (`code 1`, `signal SIGKILL`), or undefined while it runs. */
  get exitStatus(): string | undefined {
    return this.serverProcess.exitStatus;
  }

  /** SIGKILL: the server dies as in a crash, without flushing anything; its files are kept for `restart()`. */
  kill(): Promise<void> {
    return this.serverProcess.kill();
  }

  /** Starts the server again on the same port and files (after `kill()`, or kills it first). */
  async restart(): Promise<void> {
    await this.serverProcess.kill();
    await this.serverProcess.spawn();
  }

  /** Graceful stop, then removes the server's temporary directory unless asked to keep it. */
  stop(): Promise<void> {
    return this.serverProcess.stop();
  }
}
