/** How much slower than an idle machine a test run should expect to be; set by vitest.config.ts. */
export const TIME_SCALE_ENV = 'ALGOTRADER_TEST_TIME_SCALE';

/** The run's time scale (≥ 1): `ALGOTRADER_TEST_TIME_SCALE`, or 1 outside a test run. */
export function timeScale(): number {
  const v = Number(process.env[TIME_SCALE_ENV]);
  return Number.isFinite(v) && v >= 1 ? v : 1;
}

/** `ms` stretched by the run's time scale: a deadline that holds on a busy machine too. */
export function scaled(ms: number): number {
  return Math.round(ms * timeScale());
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/**
 * Polls `check` until it returns true or the timeout passes. The timeout is stretched by the test
 * run's time scale: it is how long this takes on an idle machine, with room. `what` may be a
 * function, called at the timeout, so the message shows the state then, not at the start.
 */
export async function waitFor(
  check: () => boolean | Promise<boolean>,
  timeoutMs = 10_000,
  what: string | (() => string) = 'condition',
): Promise<void> {
  const limit = scaled(timeoutMs);
  const deadline = Date.now() + limit;
  const message = (extra = '') =>
    `timed out after ${limit} ms waiting for ${typeof what === 'function' ? what() : what}${extra}`;
  while (Date.now() < deadline) {
    // A check that never settles (a request to a dead server) must not outlive the deadline.
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((r) => {
      timer = setTimeout(() => r('late'), Math.max(0, deadline - Date.now()));
    });
    const ok = await Promise.race([Promise.resolve(check()), late]).finally(() => clearTimeout(timer));
    if (ok === 'late') throw new Error(message(' (the last check itself never returned)'));
    if (ok) return;
    await sleep(20);
  }
  throw new Error(message());
}

/**
 * Awaits `step` (a promise, or a function that starts one) for at most `timeoutMs`, stretched by
 * the run's time scale, and fails naming `what` when it takes longer: a test step that hangs (a
 * connect, a stop, a request to a dead server) fails fast, saying where, instead of holding the
 * test until the runner's own limit. `what` may be a function, called at the timeout. The step
 * itself is not cancelled (a promise cannot be); the caller's cleanup stops what it started.
 */
export async function within<T>(
  step: Promise<T> | (() => Promise<T>),
  timeoutMs: number,
  what: string | (() => string),
): Promise<T> {
  const limit = scaled(timeoutMs);
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new Error(
            `timed out after ${limit} ms: ${typeof what === 'function' ? what() : what} never finished`,
          ),
        ),
      limit,
    );
  });
  try {
    return await Promise.race([typeof step === 'function' ? step() : step, late]);
  } finally {
    clearTimeout(timer);
  }
}
