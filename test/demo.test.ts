import { existsSync, readFileSync } from 'node:fs';
import { scaled } from '@algotrader/testkit';
import { expect, test, vi } from 'vitest';
import { runCli } from './helpers/cli';

// Within this on an idle machine, stretched on a busy one (vitest.config.ts).
vi.setConfig({ testTimeout: scaled(180_000) });

// The README's main job, exactly as a new user runs it (`npm run demo` = `algotrader demo`).
test('the demo runs every live stage on the bundled data and matches the backtest', async () => {
  const run = await runCli(['demo', '--quiet'], { NATS_URL: '' });
  const out = run.lines.join('\n');
  expect(run.code, `${out}\n${run.stderr}`).toBe(0);
  expect(out).toContain('8777 bars through all four stages');
  expect(out).toMatch(/backtest engine on the same bars: (\d+) fills.*the pipeline’s fills are identical/);
  const tearsheet = /report of the run[^:]*: (\S+tearsheet\.html)/.exec(out)?.[1];
  expect(tearsheet && existsSync(tearsheet)).toBe(true);
  expect(readFileSync(tearsheet!, 'utf8')).toContain('<svg');
});
