import { signalGroup } from '@algotrader/testkit';

/** Whether `pid` still exists (EPERM: it does, only not ours to signal). */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** SIGKILL to the process group `pid` leads, for cleanup: a group already gone is fine. */
export function killGroup(pid: number): void {
  signalGroup(pid, 'SIGKILL');
}
