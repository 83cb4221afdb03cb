import { expect, test } from 'vitest';
import { waitFor, within } from './timing';

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

test('within returns what the step returns, and fails at its deadline naming a step that hangs', async () => {
  expect(await within(Promise.resolve(7), 1_000, 'a quick step')).toBe(7);
  expect(await within(async () => 'started by a function', 1_000, 'a started step')).toBe(
    'started by a function',
  );
  await expect(within(Promise.reject(new Error('own error')), 1_000, 'a failing step')).rejects.toThrow(
    'own error',
  );
  const started = Date.now();
  let phase = 'connect';
  const hung = within(new Promise<never>(() => {}), 200, () => `the ${phase} step`);
  phase = 'stop';
  await expect(hung).rejects.toThrow(/timed out after \d+ ms: the stop step never finished/);
  expect(Date.now() - started).toBeLessThan(30_000);
});
