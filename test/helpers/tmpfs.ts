import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statfsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Tmpfs {
  readonly dir: string;
  /** Bytes a new file may still take. */
  free(): number;
  /** Unmounts (lazily when something still holds it) and removes the mount point. */
  unmount(): void;
}

/**
 * A small tmpfs of `sizeMiB` for a test's disk-full case. Mounting needs root (or CAP_SYS_ADMIN):
 * where it is refused this throws, so the test fails saying it cannot run here, never passes
 * without having filled a disk.
 */
/**
 * Whether this process may mount a tmpfs (root or CAP_SYS_ADMIN): tried once with a 1 MiB mount.
 * The answer and its reason, so a test that cannot run says why instead of failing a user's run.
 */
export function tmpfsMountable(): { ok: true } | { ok: false; why: string } {
  try {
    mountTmpfs(1).unmount();
    return { ok: true };
  } catch (e) {
    return { ok: false, why: (e as Error).message };
  }
}

export function mountTmpfs(sizeMiB: number): Tmpfs {
  const dir = mkdtempSync(join(tmpdir(), 'algotrader-tmpfs-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeMiB}m`, 'tmpfs', dir], { stdio: 'pipe' });
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    const why = String((e as { stderr?: Buffer }).stderr ?? (e as Error).message).trim();
    throw new Error(
      `cannot mount a ${sizeMiB} MiB tmpfs for the disk-full test (${why}): it needs root or CAP_SYS_ADMIN, so this test cannot run on this machine`,
    );
  }
  return {
    dir,
    free: () => {
      const s = statfsSync(dir);
      return s.bavail * s.bsize;
    },
    unmount: () => {
      try {
        execFileSync('umount', [dir], { stdio: 'pipe' });
      } catch {
        execFileSync('umount', ['-l', dir], { stdio: 'pipe' });
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
