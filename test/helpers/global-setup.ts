/**
 * Once per `vitest run`, in the main process: a directory where every process a test starts is
 * recorded (see packages/testkit/src/process.ts), reaped at teardown and at exit, so even a worker
 * killed mid-test leaves nothing running. It also reaps what an earlier run killed with SIGKILL
 * left behind, and says how far timeouts are stretched for this machine's load.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { PID_DIR_ENV, reapRecorded, TIME_SCALE_ENV } from '@algotrader/testkit';

const PREFIX = 'algotrader-test-pids-';

export default function setup(): () => void {
  // Earlier runs' directories: only processes whose starter is gone (another run may be live).
  for (const name of readdirSync(tmpdir()).filter((n) => n.startsWith(PREFIX))) {
    report('an earlier run left', reapRecorded(join(tmpdir(), name), true));
  }
  // One directory per run, made by the first project's setup and shared by the others.
  const existing = process.env[PID_DIR_ENV];
  const dir = existing ?? mkdtempSync(join(tmpdir(), PREFIX));
  if (existing === undefined) {
    process.env[PID_DIR_ENV] = dir;
    const load = loadavg()[0]?.toFixed(1);
    console.log(
      `timeouts ×${process.env[TIME_SCALE_ENV]} for load ${load} on ${availableParallelism()} cores (${TIME_SCALE_ENV} overrides)`,
    );
  }
  const teardown = () => {
    report('the run left', reapRecorded(dir, false));
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', teardown);
  return teardown;
}

function report(what: string, procs: { pid: number; cmd: string }[]): void {
  if (procs.length > 0)
    console.warn(
      `killed ${procs.length} process(es) ${what}:\n  ${procs.map((p) => `${p.pid} ${p.cmd}`).join('\n  ')}`,
    );
}
