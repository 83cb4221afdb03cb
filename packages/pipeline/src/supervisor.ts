import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The live-path stages, in pipeline order. */
export const STAGES = ['feature-engine', 'strategy-runner', 'risk-gate', 'order-router'] as const;
export type StageName = (typeof STAGES)[number];

/**
 * The services around the decision stages that a live system also runs: market data from OKX
 * (with the archiver), alerts and commands (Telegram or a file), health and metrics, scheduled jobs.
 */
export const LIVE_SERVICES = ['collector', 'notifier', 'monitor', 'scheduler'] as const;
export type LiveServiceName = (typeof LIVE_SERVICES)[number];

export interface StageSpec {
  readonly name: string;
  /** Entry module: a `.ts` one runs as `node --import tsx <entry>`, a JavaScript one with plain node. */
  readonly entry: string;
  /** Arguments after the entry. */
  readonly args?: readonly string[];
  readonly env?: Record<string, string>;
}

export interface SupervisorOptions {
  readonly stages: readonly StageSpec[];
  /** Environment for every child (NATS_URL, ALGOTRADER_PIPELINE, ...), over process.env. */
  readonly env: Record<string, string>;
  readonly cwd: string;
  /** Restart delays after a crash, ms (the last one repeats); reset after `stableMs` of uptime. */
  readonly backoffMs?: readonly number[];
  readonly stableMs?: number;
  /** Receives each output line of a child. */
  readonly onLine?: (stage: string, line: string) => void;
  /** Told about starts, exits and restarts. */
  readonly onEvent?: (e: SupervisorEvent) => void;
  /** How many of a child's last output lines (stdout and stderr) an exit event carries. Default 20. */
  readonly tailLines?: number;
}

export type SupervisorEvent =
  | { readonly kind: 'start'; readonly stage: string; readonly pid: number; readonly restarts: number }
  | {
      readonly kind: 'exit';
      readonly stage: string;
      readonly code: number | null;
      readonly signal: string | null;
      readonly restartInMs: number | undefined;
      /**
       * The child's last output lines (stderr ones prefixed `stderr: `), oldest first: what it
       * said before it went, e.g. the error a crash printed.
       */
      readonly tail: readonly string[];
    };

interface Child {
  readonly spec: StageSpec;
  proc: ChildProcess | undefined;
  restarts: number;
  failures: number;
  startedAt: number;
  timer: NodeJS.Timeout | undefined;
  exited: Promise<void>;
}

/** tsx's loader, by path: a stage's working directory need not see this repository's node_modules. */
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

/** Preloaded into each stage: it stops when its stdin (held by the supervisor) ends. */
const PARENT_WATCH = pathToFileURL(resolve(import.meta.dirname, 'parent-watch.mjs')).href;

/** The path of a stage's main module in this repository. */
export function stageEntry(repoRoot: string, stage: string): string {
  return resolve(repoRoot, 'apps', stage, 'src', 'main.ts');
}

/**
 * Sends a signal to a child's whole process group (the child leads its own group), so whatever it
 * started goes too; falls back to the child alone when the group is gone.
 */
function signalGroup(proc: ChildProcess, signal: NodeJS.Signals): void {
  if (proc.pid === undefined) return;
  try {
    process.kill(-proc.pid, signal);
  } catch {
    try {
      proc.kill(signal);
    } catch {
      // Already gone.
    }
  }
}

/**
 * Runs stages as child processes and restarts one that exits unexpectedly, after a growing delay
 * (a stage that keeps crashing does not spin). `stop()` sends SIGTERM to all and waits.
 *
 * Each child leads its own process group: a terminal's Ctrl-C reaches only the supervising process
 * (which then stops the stages in order, instead of every stage dying at once and being restarted),
 * and a signal to a stage reaches everything it started. If the supervising process exits without
 * `stop()` (an uncaught error, `process.exit`), an exit hook SIGKILLs every group still running;
 * if it is killed outright (SIGKILL, a test runner's timeout), each stage sees its stdin end and
 * stops itself (parent-watch.mjs). No stage outlives the process that started it.
 */
export class Supervisor {
  readonly #o: SupervisorOptions;
  readonly #children = new Map<string, Child>();
  #stopping = false;
  readonly #onExit = () => {
    for (const c of this.#children.values()) {
      if (c.proc && c.proc.exitCode === null && c.proc.signalCode === null) signalGroup(c.proc, 'SIGKILL');
    }
  };

  constructor(o: SupervisorOptions) {
    this.#o = o;
  }

  start(): void {
    process.once('exit', this.#onExit);
    for (const spec of this.#o.stages) {
      const c: Child = {
        spec,
        proc: undefined,
        restarts: 0,
        failures: 0,
        startedAt: 0,
        timer: undefined,
        exited: Promise.resolve(),
      };
      this.#children.set(spec.name, c);
      this.#spawn(c);
    }
  }

  pid(stage: string): number | undefined {
    return this.#children.get(stage)?.proc?.pid;
  }

  restarts(stage: string): number {
    return this.#children.get(stage)?.restarts ?? 0;
  }

  running(stage: string): boolean {
    const p = this.#children.get(stage)?.proc;
    return p !== undefined && p.exitCode === null && p.signalCode === null;
  }

  /** Pids of the stages' current processes (each also the id of the stage's process group). */
  pids(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [name, c] of this.#children) if (c.proc?.pid !== undefined) out[name] = c.proc.pid;
    return out;
  }

  /** Sends a signal to one stage (SIGKILL simulates a crash; the supervisor restarts it). */
  kill(stage: string, signal: NodeJS.Signals = 'SIGKILL'): void {
    const p = this.#children.get(stage)?.proc;
    if (p) signalGroup(p, signal);
  }

  /** Resolves when the stage's current process has exited. */
  exited(stage: string): Promise<void> {
    return this.#children.get(stage)?.exited ?? Promise.resolve();
  }

  async stop(timeoutMs = 10_000): Promise<void> {
    this.#stopping = true;
    const waits: Promise<void>[] = [];
    for (const c of this.#children.values()) {
      if (c.timer) clearTimeout(c.timer);
      const p = c.proc;
      if (p && p.exitCode === null && p.signalCode === null) {
        signalGroup(p, 'SIGTERM');
        const force = setTimeout(() => signalGroup(p, 'SIGKILL'), timeoutMs);
        waits.push(c.exited.finally(() => clearTimeout(force)));
      } else {
        // Gone already: its exit may still be being reported.
        waits.push(c.exited);
      }
    }
    await Promise.all(waits);
    process.removeListener('exit', this.#onExit);
  }

  #spawn(c: Child): void {
    const loader = /\.[cm]?ts$/.test(c.spec.entry) ? ['--import', TSX] : [];
    const argv = [...loader, '--import', PARENT_WATCH, c.spec.entry, ...(c.spec.args ?? [])];
    const proc = spawn(process.execPath, argv, {
      cwd: this.#o.cwd,
      env: { ...process.env, ...this.#o.env, ...c.spec.env },
      // stdin: held open by this process only, so it ends when this process is gone (parent-watch.mjs).
      stdio: ['pipe', 'pipe', 'pipe'],
      detached: true,
    });
    c.proc = proc;
    c.startedAt = Date.now();
    const tail: string[] = [];
    const keep = this.#o.tailLines ?? 20;
    const remember = (l: string) => {
      if (keep <= 0) return;
      tail.push(l.length > 2_000 ? `${l.slice(0, 2_000)}…` : l);
      if (tail.length > keep) tail.shift();
    };
    const flushes: (() => void)[] = [];
    const lines = (stream: NodeJS.ReadableStream | null, prefix: string) => {
      let buf = '';
      const line = (l: string) => {
        if (l === '') return;
        remember(prefix + l);
        this.#o.onLine?.(c.spec.name, l);
      };
      stream?.on('data', (b: Buffer) => {
        buf += b.toString();
        const parts = buf.split('\n');
        buf = parts.pop() ?? '';
        for (const l of parts) line(l);
      });
      // A last line without a newline (a crash mid-write) still counts.
      flushes.push(() => {
        line(buf);
        buf = '';
      });
    };
    lines(proc.stdout, '');
    lines(proc.stderr, 'stderr: ');
    // The output is read to its end ('close') before the exit is reported, so the exit event carries
    // everything the child wrote; not longer than a moment, though: a grandchild that inherited the
    // pipes may hold them open.
    const closed = new Promise<void>((r) => proc.once('close', () => r()));
    let onExited: () => void = () => {};
    c.exited = new Promise((r) => {
      onExited = r;
    });
    this.#o.onEvent?.({ kind: 'start', stage: c.spec.name, pid: proc.pid ?? -1, restarts: c.restarts });
    proc.once('exit', async (code, signal) => {
      let grace: NodeJS.Timeout | undefined;
      await Promise.race([closed, new Promise<void>((r) => (grace = setTimeout(r, 500)))]);
      clearTimeout(grace);
      for (const f of flushes) f();
      const exited = (restartInMs: number | undefined) =>
        this.#o.onEvent?.({ kind: 'exit', stage: c.spec.name, code, signal, restartInMs, tail: [...tail] });
      if (this.#stopping) {
        try {
          exited(undefined);
        } finally {
          onExited();
        }
        return;
      }
      const stable = Date.now() - c.startedAt >= (this.#o.stableMs ?? 30_000);
      c.failures = stable ? 0 : c.failures + 1;
      const backoff = this.#o.backoffMs ?? [250, 1_000, 2_000, 5_000, 10_000];
      const delay = backoff[Math.min(c.failures, backoff.length - 1)]!;
      try {
        exited(delay);
      } finally {
        onExited();
      }
      c.timer = setTimeout(() => {
        c.timer = undefined;
        if (this.#stopping) return;
        c.restarts += 1;
        this.#spawn(c);
      }, delay);
    });
  }
}
