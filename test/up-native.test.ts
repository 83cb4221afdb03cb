import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildNativeRouter } from '@algotrader/order-router';
import { repoRoot, scaled } from '@algotrader/testkit';
import { beforeAll, expect, test } from 'vitest';
import { cliCwd, runCli } from './helpers/cli';

beforeAll(() => buildNativeRouter(repoRoot, { timeoutMs: scaled(900_000) }), scaled(1_000_000));

test(
  '`algotrader up --router native --replay --exit`: the C++ stage is the order-router and the fills equal the backtest',
  async () => {
    const run = await runCli(
      ['up', '--router', 'native', '--replay', '--from', '2024-08-01', '--to', '2024-10-01', '--exit'],
      { NATS_URL: '' },
    );
    const out = run.lines.join('\n');
    expect(run.code, `${out}\n${run.stderr}`).toBe(0);
    expect(out).toContain('order-router started');
    expect(out).toMatch(
      /backtest engine on the same bars: ([1-9]\d*) fills.*the pipeline’s fills are identical/,
    );
    // The native stage wrote the account (its start line on stderr names the saved positions).
    expect(run.stderr).toMatch(/native-order-router: account paper from md_seq 0/);
  },
  scaled(600_000),
);

test('`algotrader up --router native` refuses a pipeline it would not fill identically, before anything starts', async () => {
  const config = join(cliCwd, 'close-timing.pipeline.json');
  writeFileSync(
    config,
    JSON.stringify({
      account: 'paper',
      instruments: ['OKX:BTC/USDT'],
      strategies: [{ name: 'sma_cross', params: { fast: 10, slow: 30 }, instruments: ['OKX:BTC/USDT'] }],
      fillModel: { timing: 'close' },
    }),
  );
  const run = await runCli(['up', '--router', 'native', '--config', config, '--exit'], { NATS_URL: '' });
  expect(run.code).not.toBe(0);
  expect(run.stderr).toContain('the native order-router cannot run this pipeline: fill timing close');
  expect(run.lines.join('\n')).not.toContain('private nats-server');
  const bad = await runCli(['up', '--router', 'rust'], { NATS_URL: '' });
  expect(bad.code).not.toBe(0);
  expect(bad.stderr).toContain('--router is ts or native, got "rust"');
});
