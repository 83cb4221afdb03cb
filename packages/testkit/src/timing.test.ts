import { expect, test } from 'vitest';
import { waitFor } from './timing';

test('waitFor gives up at its deadline even when a check never returns', async () => {
  const started = Date.now();
  await expect(waitFor(() => new Promise<boolean>(() => {}), 200, 'a hung check')).rejects.toThrow(
    /waiting for a hung check \(the last check itself never returned\)/,
  );
  expect(Date.now() - started).toBeLessThan(30_000);
});

test('waitFor returns once the check holds, and names the state at the timeout', async () => {
  let n = 0;
  await waitFor(() => ++n >= 3, 10_000, 'three checks');
  expect(n).toBe(3);
  let state = 'start';
  const p = waitFor(
    () => false,
    100,
    () => `state ${state}`,
  );
  state = 'later';
  await expect(p).rejects.toThrow(/state later/);
});
