import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

/** The lowest port {@link freePort} hands out: clear of the well-known and registered services people run. */
const LOWEST = 10_000;

/**
 * The kernel's ephemeral range (what it gives an outgoing connection's local end and a `listen(0)`),
 * from /proc; Linux's default where it cannot be read.
 */
export function ephemeralRange(): { lo: number; hi: number } {
  try {
    const [lo, hi] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8')
      .trim()
      .split(/\s+/)
      .map(Number);
    if (Number.isInteger(lo) && Number.isInteger(hi) && lo! > 0 && hi! >= lo!) return { lo: lo!, hi: hi! };
  } catch {
    // not Linux: fall through to the default
  }
  return { lo: 32_768, hi: 60_999 };
}

/**
 * Where this process draws its ports from: below the ephemeral range, one slice per vitest worker
 * (`VITEST_POOL_ID`) so that two workers never try the same port. Undefined when the ephemeral range
 * starts too low to leave room (then the kernel chooses).
 */
function drawRange(): { lo: number; hi: number } | undefined {
  const top = ephemeralRange().lo - 1;
  if (top - LOWEST < 1_000) return undefined;
  const pool = Number(process.env['VITEST_POOL_ID']);
  if (!Number.isInteger(pool) || pool < 1) return { lo: LOWEST, hi: top };
  const slices = 8;
  const width = Math.floor((top - LOWEST + 1) / slices);
  const slice = (pool - 1) % slices;
  return { lo: LOWEST + slice * width, hi: LOWEST + (slice + 1) * width - 1 };
}

/** Ports handed out by this process, never handed out twice (a stopped server's port stays its own). */
const given = new Set<number>();
let cursor: number | undefined;

function tryListen(port: number): Promise<number | undefined> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.unref();
    srv.once('error', () => resolve(undefined));
    srv.listen(port, '127.0.0.1', () => {
      const addr = srv.address();
      const got = addr !== null && typeof addr !== 'string' ? addr.port : undefined;
      srv.close(() => resolve(got));
    });
  });
}

/**
 * A free TCP port on loopback for a test server to listen on.
 *
 * Not one the kernel picks (`listen(0)`): those come from the ephemeral range, which the kernel also
 * gives the local end of every outgoing connection — between our check and the server's bind, a
 * cluster node dialling its peers' routes (or any client on the machine) could take it, and the
 * server then dies with "address already in use". So the port comes from below that range, from this
 * worker's own slice, is checked free by binding it, and is never handed out twice by this process.
 */
export async function freePort(): Promise<number> {
  const range = drawRange();
  if (range === undefined) {
    const port = await tryListen(0);
    if (port === undefined) throw new Error('no free loopback port: the kernel could not bind one');
    return port;
  }
  const width = range.hi - range.lo + 1;
  cursor ??= range.lo + Math.floor(Math.random() * width);
  for (let tried = 0; tried < width; tried++) {
    const port = range.lo + ((cursor - range.lo + tried) % width);
    if (given.has(port)) continue;
    if ((await tryListen(port)) === port) {
      given.add(port);
      cursor = port + 1;
      return port;
    }
  }
  throw new Error(`no free loopback port in ${range.lo}-${range.hi}: every one is taken or already given`);
}

/** True for a server's or the OS's "address already in use" (a port taken between choice and bind). */
export function isPortClash(e: unknown): boolean {
  const text = e instanceof Error ? `${e.message} ${(e as NodeJS.ErrnoException).code ?? ''}` : String(e);
  return /address already in use|EADDRINUSE/i.test(text);
}

/**
 * Runs `start` (which chooses its ports afresh each time) again when it failed because a port was
 * taken between choosing it and binding it — by a process outside the suite, which no choice can
 * rule out. Any other error, or a clash on the last attempt, is thrown as it is.
 */
export async function withFreshPorts<T>(start: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await start();
    } catch (e) {
      if (attempt >= attempts || !isPortClash(e)) throw e;
    }
  }
}
