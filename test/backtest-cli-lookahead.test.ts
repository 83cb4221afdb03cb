/**
 * `algotrader lookahead-check`: flags research code that peeks at later bars through arrays it
 * captured from its data set (a --module factory), and passes the three example strategies.
 */
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { bundledData, repoRoot } from '@algotrader/testkit';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runLookaheadCmd } from '../apps/cli/src/commands/lookahead';
import type { CommandIo } from '../apps/cli/src/sweep/io';

const BTC = bundledData('ohlcv/binance_BTC-USDT_1h_2017-2022.csv.gz');

/**
 * Research code as a user would write it: built from the data set, it reads the raw close column
 * outside the strategy API and holds 0.01 BTC exactly when the NEXT close is higher. A second
 * export is honest: the same shape of factory, reading only the bar that just closed.
 */
const MODULE = `
import { defineStrategy, NO_DECISIONS, targetUnits } from '@algotrader/strategy';
import { z } from 'zod';

const HOUR = 3_600_000;

function build(name, peek) {
  return (data) => {
    const { openTime, close } = data.series[0].bars;
    const row = new Map();
    openTime.forEach((t, i) => row.set(t + HOUR, i));
    return defineStrategy({
      kind: 'single',
      name,
      description: peek ? 'looks one bar ahead through captured arrays' : 'reads only closed bars',
      paramsSchema: z.object({}).strict(),
      timeframes: 'any',
      warmup: () => 2,
      init: () => ({}),
      onBar(ctx) {
        const i = row.get(ctx.time);
        const next = peek ? close[i + 1] : close[i];
        const ref = peek ? close[i] : close[i - 1];
        if (next === undefined || ref === undefined) return NO_DECISIONS;
        return [targetUnits(ctx.instrument, next > ref ? 0.01 : 0)];
      },
    });
  };
}

export const peeking = { name: 'peeking', factory: build('peeking', true) };
export const honest = { name: 'honest_momentum', factory: build('honest_momentum', false) };
`;

let dir: string;
let modulePath: string;

beforeAll(() => {
  // Outside the repository, resolving its packages through a node_modules link, as a user's file would.
  dir = mkdtempSync(join(tmpdir(), 'algotrader-lookahead-'));
  symlinkSync(join(repoRoot, 'node_modules'), join(dir, 'node_modules'), 'dir');
  writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
  modulePath = join(dir, 'research.mjs');
  writeFileSync(modulePath, MODULE);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function capture(): { io: CommandIo; out: string[] } {
  const out: string[] = [];
  return {
    io: { env: {}, cwd: repoRoot, out: (l) => out.push(l), err: () => undefined, now: () => 0, quiet: true },
    out,
  };
}

interface Report {
  ok: boolean;
  cuts: number[];
  compared: number;
  violations: { cut: number; time: number; full: string; truncated: string }[];
}

describe('algotrader lookahead-check', () => {
  const range = ['--from', '2018-01-01', '--to', '2018-12-01'];

  test('flags a strategy that peeks at the next bar through arrays captured from its data set', async () => {
    const c = capture();
    const code = await runLookaheadCmd(
      ['--strategy', 'peeking', '--module', modulePath, '--data', BTC, ...range, '--json'],
      c.io,
    );
    expect(code).toBe(1);
    const report = JSON.parse(c.out[0]!) as Report;
    expect(report.ok).toBe(false);
    expect(report.cuts).toHaveLength(8);
    // At every cut, the decision at the cut itself needed the bar after it.
    for (const cut of report.cuts) {
      expect(report.violations).toContainEqual(expect.objectContaining({ cut, time: cut, truncated: '' }));
    }
  });

  test('prints the changed decisions and exits 1', async () => {
    const c = capture();
    const code = await runLookaheadCmd(
      [
        '--strategy',
        'peeking',
        '--module',
        modulePath,
        '--data',
        BTC,
        ...range,
        '--cuts',
        '3',
        '--max-shown',
        '2',
      ],
      c.io,
    );
    expect(code).toBe(1);
    expect(c.out[0]).toMatch(
      /^lookahead-check peeking on BINANCE:BTC\/USDT 1h: 3 cuts, \d+ decision times compared$/,
    );
    expect(c.out[1]).toMatch(
      /^LOOK-AHEAD: \d+ decisions changed when later bars were removed \(first 2 shown\)$/,
    );
    expect(c.out.slice(2)).toHaveLength(2);
    expect(c.out[2]).toMatch(
      /^ {2}data cut at 2018-\d\d-\d\d \d\d:00, decision at .*: with all data .*; cut /,
    );
  });

  test('passes the same factory when it reads only closed bars', async () => {
    const c = capture();
    const code = await runLookaheadCmd(
      ['--strategy', 'honest_momentum', '--module', modulePath, '--data', BTC, ...range],
      c.io,
    );
    expect(c.out[1]).toBe('OK: no decision changed when later bars were removed');
    expect(code).toBe(0);
  });

  const examples: [string, string[]][] = [
    ['sma_cross', ['--data', BTC, '--param', 'fast=10', '--param', 'slow=30']],
    ['bollinger_reversion', ['--data', BTC, '--param', 'sizing={"kind":"fixed","qty":0.01}']],
    [
      'xs_momentum',
      [
        '--data',
        dirname(BTC),
        '--tf',
        '1h',
        '--from',
        '2021-01-01',
        '--to',
        '2022-01-01',
        '--param',
        'lookback=72',
        '--cuts',
        '4',
      ],
    ],
  ];
  for (const [strategy, args] of examples) {
    test(`passes ${strategy}`, async () => {
      const c = capture();
      const code = await runLookaheadCmd(['--strategy', strategy, ...args, '--json'], c.io);
      const report = JSON.parse(c.out[0]!) as Report;
      expect(report.violations).toEqual([]);
      expect(report.compared).toBeGreaterThan(200);
      expect(code).toBe(0);
    });
  }
});
