import { type ChildProcess, type SpawnOptions, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { scaled } from './timing';

/**
 * Child processes a test starts (nats-server, VictoriaMetrics, InfluxDB, the CLI and whatever it
 * starts) must not outlive the test, even when it times out or its worker dies. Each one is
 * spawned as the leader of its own process group (so one signal reaches what it started too),
 * kept in a per-process registry that an exit hook empties with SIGKILL, and, inside a test run,
 * recorded as a file in `ALGOTRADER_TEST_PIDDIR` so the run's global teardown can reap what a
 * killed worker could not.
 */
export const PID_DIR_ENV = 'ALGOTRADER_TEST_PIDDIR';

interface Tracked {
  readonly proc: ChildProcess;
  readonly pid: number;
  readonly scope: string;
  readonly file: string | undefined;
}

/** What a pid file holds: enough to tell the recorded process from a later one with its pid. */
export interface PidRecord {
  readonly pid: number;
  /** The process that started it (a worker, or a CLI run by a test). */
  readonly owner: number;
  /** Kernel start time (clock ticks since boot); undefined where /proc is not available. */
  readonly start: number | undefined;
  readonly cmd: string;
}

interface Registry {
  readonly tracked: Map<number, Tracked>;
  scope: string;
}

// One registry per process, whatever number of module instances a test runner creates (vitest
// evaluates modules per test file), so there is one exit hook and one view of what runs.
const KEY = Symbol.for('algotrader.testkit.processes');
const slot = globalThis as Record<symbol, Registry | undefined>;
const registry: Registry = slot[KEY] ?? install();
slot[KEY] = registry;

function install(): Registry {
  const r: Registry = { tracked: new Map(), scope: 'process' };
  // 'exit' handlers run synchronously and cannot wait: SIGKILL the groups, forget their files.
  process.on('exit', () => killAll(r));
  return r;
}

/**
 * SIGKILL to every registered group, at once and synchronously: for exit and signal handlers,
 * which cannot wait for a graceful stop.
 */
export function killTracked(): void {
  killAll(registry);
}

function killAll(r: Registry): void {
  for (const t of r.tracked.values()) {
    signalGroup(t.pid, 'SIGKILL');
    forget(t);
  }
  r.tracked.clear();
}

/**
 * Labels the processes spawned from now on (a test runner sets `test` while a test runs and
 * `file` otherwise) so {@link endTracked} can stop just those started by the test that ended.
 */
export function setProcessScope(scope: string): void {
  registry.scope = scope;
}

/** The current spawn label (see {@link setProcessScope}); objects that respawn keep their first. */
export function processScope(): string {
  return registry.scope;
}

/**
 * `spawn` as the leader of a new process group, registered until it exits (see the module
 * comment). When the leader exits, whatever is left in its group is killed with it.
 */
export function spawnGroup(
  command: string,
  args: readonly string[],
  options: Omit<SpawnOptions, 'detached'> & { scope?: string } = {},
): ChildProcess {
  const { scope, ...spawnOptions } = options;
  const proc = spawn(command, args, { ...spawnOptions, detached: true });
  const pid = proc.pid;
  if (pid === undefined) return proc; // spawn failed: the 'error' event says why
  const t: Tracked = { proc, pid, scope: scope ?? registry.scope, file: record(pid, command, args) };
  registry.tracked.set(pid, t);
  proc.once('exit', () => {
    signalGroup(pid, 'SIGKILL');
    registry.tracked.delete(pid);
    forget(t);
  });
  return proc;
}

/**
 * Sends `signal` and resolves once the process has exited; SIGKILL after `graceMs` (stretched by
 * the run's time scale) if it lingers. For a group leader from {@link spawnGroup}, SIGTERM goes to
 * the leader alone (it stops its own children in order) and SIGKILL to the whole group.
 */
export async function endProcess(
  proc: ChildProcess,
  signal: 'SIGTERM' | 'SIGKILL',
  graceMs = 5_000,
): Promise<void> {
  const pid = proc.pid;
  const group = pid !== undefined && registry.tracked.get(pid)?.proc === proc;
  const kill = () => (group && signalGroup(pid, 'SIGKILL')) || proc.kill('SIGKILL');
  if (proc.exitCode !== null || proc.signalCode !== null) return;
  const exited = new Promise<void>((r) => proc.once('exit', () => r()));
  if (signal === 'SIGKILL') kill();
  else proc.kill(signal);
  const timer = signal === 'SIGKILL' ? undefined : setTimeout(kill, scaled(graceMs));
  await exited;
  if (timer) clearTimeout(timer);
}

/**
 * Ends every registered process still running (only those of `scope` if given): SIGTERM, then
 * SIGKILL to the group after `graceMs`. Returns what it had to end, for the caller to report.
 */
export async function endTracked(scope?: string, graceMs = 3_000): Promise<string[]> {
  const left = [...registry.tracked.values()].filter((t) => scope === undefined || t.scope === scope);
  await Promise.all(left.map((t) => endProcess(t.proc, 'SIGTERM', graceMs)));
  return left.map((t) => `${t.pid} ${t.proc.spawnargs.join(' ')}`);
}

/** Sends `signal` to the process group `pid` leads; false when no such group is left. */
export function signalGroup(pid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false;
  }
}

function record(pid: number, command: string, args: readonly string[]): string | undefined {
  const dir = process.env[PID_DIR_ENV];
  if (!dir) return undefined;
  const file = join(dir, `${pid}.json`);
  const r: PidRecord = { pid, owner: process.pid, start: startTime(pid), cmd: [command, ...args].join(' ') };
  try {
    writeFileSync(file, JSON.stringify(r));
    return file;
  } catch {
    return undefined; // the run's directory is gone: nothing left to reap it anyway
  }
}

function forget(t: Tracked): void {
  if (t.file) rmSync(t.file, { force: true });
}

/** Writes a pid file (once) for a process this registry did not spawn, e.g. one a library started. */
export function recordProcess(pid: number, cmd: string): void {
  const dir = process.env[PID_DIR_ENV];
  const file = dir && join(dir, `${pid}.json`);
  if (!file || existsSync(file)) return;
  const r: PidRecord = { pid, owner: process.pid, start: startTime(pid), cmd };
  try {
    writeFileSync(file, JSON.stringify(r));
  } catch {
    // the run's directory is gone
  }
}

/**
 * Kills (SIGKILL, whole group) every process recorded in `dir` that still runs, and removes the
 * files. With `orphansOnly`, only those whose owner has exited (nobody is left to stop them).
 * A pid whose start time differs from the recorded one is a new process and is left alone.
 */
export function reapRecorded(dir: string, orphansOnly: boolean): PidRecord[] {
  const reaped: PidRecord[] = [];
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.json'));
  } catch {
    return reaped;
  }
  for (const name of names) {
    const file = join(dir, name);
    let r: PidRecord;
    try {
      r = JSON.parse(readFileSync(file, 'utf8')) as PidRecord;
    } catch {
      continue; // being written or removed right now
    }
    if (orphansOnly && alive(r.owner)) continue;
    const now = startTime(r.pid);
    const same = now !== undefined ? now === r.start : alive(r.pid);
    if (same) {
      if (!signalGroup(r.pid, 'SIGKILL')) process.kill(r.pid, 'SIGKILL');
      reaped.push(r);
    }
    rmSync(file, { force: true });
  }
  return reaped;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A process as /proc shows it (Linux). */
export interface ProcInfo {
  readonly pid: number;
  readonly ppid: number;
  readonly pgid: number;
  readonly start: number;
  readonly zombie: boolean;
  readonly cmd: string;
}

function procStat(pid: number): ProcInfo | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // "pid (comm) state ppid pgrp ..."; comm may hold spaces and parentheses.
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
    return { pid, ppid: Number(f[1]), pgid: Number(f[2]), start: Number(f[19]), zombie: f[0] === 'Z', cmd };
  } catch {
    return undefined;
  }
}

function startTime(pid: number): number | undefined {
  return procStat(pid)?.start;
}

/** Every live descendant of `root` (children, their children, ...); empty without /proc. */
export function descendants(root = process.pid): ProcInfo[] {
  const out: ProcInfo[] = [];
  const queue = [root];
  while (queue.length > 0) {
    for (const pid of childrenOf(queue.shift()!)) {
      const p = procStat(pid);
      if (!p) continue;
      queue.push(pid);
      // A zombie has exited already; it only waits for its parent to collect its status.
      if (!p.zombie) out.push(p);
    }
  }
  return out;
}

/**
 * Direct children from /proc/<pid>/task/<tid>/children (each thread lists those it spawned), or,
 * on a kernel without that file, from every process's parent pid.
 */
function childrenOf(pid: number): number[] {
  try {
    return readdirSync(`/proc/${pid}/task`).flatMap((tid) =>
      readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').split(' ').filter(Boolean).map(Number),
    );
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT' || !existsSync(`/proc/${pid}/task`)) return [];
  }
  try {
    return readdirSync('/proc')
      .filter((n) => /^\d+$/.test(n))
      .map(Number)
      .filter((c) => procStat(c)?.ppid === pid);
  } catch {
    return [];
  }
}
