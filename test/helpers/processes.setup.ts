/**
 * Runs in every test worker before each test file (vitest `setupFiles`): nothing a test starts may
 * outlive it. Hooks registered here run after the file's own (vitest runs "after" hooks in
 * reverse), so a test's own cleanup goes first and this only catches what it missed: a timed-out
 * test, a failed `beforeAll`, a child started by a library (Chromium) or by a supervisor.
 */
import {
  descendants,
  endTracked,
  killTracked,
  PID_DIR_ENV,
  reapRecorded,
  recordProcess,
  setProcessScope,
  signalGroup,
} from '@algotrader/testkit';
import { afterAll, afterEach, beforeEach } from 'vitest';

setProcessScope('file');

beforeEach(() => setProcessScope('test'));

afterEach(async () => {
  setProcessScope('file');
  const ended = await endTracked('test');
  if (ended.length > 0) warn('the test left running', ended);
  // What runs now belongs to the file (servers from beforeAll, a browser): record what the testkit
  // did not spawn, so the run's teardown can still reap it if this worker dies.
  for (const p of descendants()) recordProcess(p.pid, p.cmd);
  reapOrphans();
});

afterAll(async () => {
  const ended = await endTracked();
  const stray = descendants();
  for (const p of stray) {
    if (p.pid !== p.pgid || !signalGroup(p.pid, 'SIGKILL')) {
      try {
        process.kill(p.pid, 'SIGKILL');
      } catch {
        // gone with its group
      }
    }
  }
  const left = [...ended, ...stray.map((p) => `${p.pid} ${p.cmd}`)];
  if (left.length > 0) warn('the file left running', left);
  reapOrphans();
});

/** Processes whose starter has exited: a CLI killed mid-run leaves its private nats-server. */
function reapOrphans(): void {
  const dir = process.env[PID_DIR_ENV];
  const reaped = dir ? reapRecorded(dir, true) : [];
  if (reaped.length > 0)
    warn(
      'whose starter had exited',
      reaped.map((p) => `${p.pid} ${p.cmd}`),
    );
}

function warn(what: string, procs: string[]): void {
  console.warn(`ended ${procs.length} process(es) ${what}:\n  ${procs.join('\n  ')}`);
}

// A worker stopped by a signal exits without running 'exit' handlers: kill the groups first, then
// take the signal's default action unless someone else handles it. Once per worker process.
const KEY = Symbol.for('algotrader.test.signal-handlers');
const slot = globalThis as Record<symbol, boolean | undefined>;
if (!slot[KEY]) {
  slot[KEY] = true;
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) {
    process.once(signal, () => {
      killTracked();
      if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
    });
  }
}
