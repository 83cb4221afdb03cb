import { afterAll, afterEach } from 'vitest';

export type Cleanup = (() => Promise<void> | void)[];

/**
 * A stack of stop/remove steps for what the tests of this file start: run in reverse order after
 * each test, and after all of them for what `beforeAll` pushed.
 */
export function cleanupStack(): Cleanup {
  const stack: Cleanup = [];
  const run = async () => {
    for (const f of stack.splice(0).reverse()) await f();
  };
  afterEach(run);
  afterAll(run);
  return stack;
}
