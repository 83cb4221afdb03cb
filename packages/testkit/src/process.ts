import type { ChildProcess } from 'node:child_process';

/** Sends `signal` and resolves once the process has exited; SIGKILL after `graceMs` if it lingers. */
export async function endProcess(
  proc: ChildProcess,
  signal: 'SIGTERM' | 'SIGKILL',
  graceMs = 5_000,
): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null) return;
  const exited = new Promise<void>((r) => proc.once('exit', () => r()));
  proc.kill(signal);
  const timer = signal === 'SIGKILL' ? undefined : setTimeout(() => proc.kill('SIGKILL'), graceMs);
  await exited;
  if (timer) clearTimeout(timer);
}
