/**
 * The installed `algotrader` runs a plain-JavaScript build of the sources (apps/cli/bin/build.mjs),
 * not tsx: the build is made when missing, prints the same thing as the sources, loads a user's
 * TypeScript module with `@algotrader/*` pointing at the build's own modules (one `AlgoError`
 * class), and `--json` alone writes no report files.
 */
import { execFile } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { bundledData, scaled } from '@algotrader/testkit';
import { afterAll, beforeAll, expect, test, vi } from 'vitest';

vi.setConfig({ testTimeout: scaled(120_000) });

const repo = resolve(import.meta.dirname, '..');
const BIN = resolve(repo, 'apps/cli/bin/algotrader.mjs');
const BUILD = resolve(repo, 'apps/cli/bin/build.mjs');
const MAIN = resolve(repo, 'apps/cli/src/main.ts');
const TSX = pathToFileURL(resolve(repo, 'node_modules/tsx/dist/loader.mjs')).href;
const BTC = bundledData('ohlcv/binance_BTC-USDT_1h_2017-2022.csv.gz');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function node(args: string[], cwd = repo): Promise<Run> {
  return new Promise((res) =>
    execFile(process.execPath, args, { cwd, maxBuffer: 64 << 20 }, (err, stdout, stderr) =>
      res({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    ),
  );
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'algotrader-cli-build-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('npm run build makes (or finds) the build the bin runs, and --help prints what the sources print', async () => {
  const built = await node([BUILD]);
  expect(built.code).toBe(0);
  const at = /CLI build up to date: (apps\/cli\/dist\/[0-9a-f]{16})/.exec(built.stdout)?.[1];
  expect(at, built.stdout + built.stderr).toBeDefined();
  const files = readdirSync(resolve(repo, at!));
  for (const f of ['main.mjs', 'thread.mjs', 'packages.json', 'ok', 'stages', 'chunks'])
    expect(files).toContain(f);

  const fromBuild = await node([BIN, '--help']);
  const fromSources = await node(['--import', TSX, MAIN, '--help']);
  expect(fromBuild.code).toBe(0);
  expect(fromBuild.stderr).toBe('');
  expect(fromBuild.stdout).toMatch(/^algotrader <command> \[options\]/);
  expect(fromBuild.stdout).toBe(fromSources.stdout);
});

test("a --module TypeScript file outside the repository runs, and shares the build's AlgoError class", async () => {
  // No node_modules here: @algotrader/* can only come from the build's own modules.
  writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
  const file = join(dir, 'research.ts');
  writeFileSync(
    file,
    `import { AlgoError, ErrorCode } from '@algotrader/core';
import { getStrategy } from '@algotrader/strategy';
const sma = getStrategy('sma_cross');
export const renamed: typeof sma = { ...sma, name: 'sma_renamed' };
export const refusing = {
  name: 'refusing',
  factory: (): never => {
    throw new AlgoError(ErrorCode.InvalidArgument, 'refusing: this data set is not for me');
  },
};
`,
  );
  const common = ['--module', file, '--data', BTC, '--from', '2021-01-01', '--to', '2021-04-01', '--json'];
  const ok = await node([BIN, 'backtest', '--strategy', 'sma_renamed', ...common], dir);
  expect(ok.stderr).toBe('');
  expect(ok.code).toBe(0);
  const doc = JSON.parse(ok.stdout) as { summary: { strategy: string }; fills: unknown[] };
  expect(doc.summary.strategy).toBe('sma_renamed');
  expect(doc.fills.length).toBeGreaterThan(0);

  // main prints `error [CODE]: …` only for an AlgoError it recognises (instanceof): a second copy
  // of @algotrader/core would print `error: …` without the code.
  const refused = await node([BIN, 'backtest', '--strategy', 'refusing', ...common], dir);
  expect(refused.code).toBe(1);
  expect(refused.stderr.trim()).toBe('error [E_ARGUMENT]: refusing: this data set is not for me');
});

test('a --module TypeScript file in a CommonJS package is refused with what to do about it', async () => {
  const cjs = join(dir, 'cjs');
  mkdirSync(cjs, { recursive: true });
  writeFileSync(join(cjs, 'package.json'), '{ "name": "research" }\n');
  const file = join(cjs, 'mine.ts');
  writeFileSync(
    file,
    `import { getStrategy } from '@algotrader/strategy';\nconst sma = getStrategy('sma_cross');\nexport const mine: typeof sma = { ...sma, name: 'sma_mine' };\n`,
  );
  const r = await node(
    [BIN, 'backtest', '--strategy', 'sma_mine', '--module', file, '--data', BTC, '--json'],
    cjs,
  );
  expect(r.code).toBe(1);
  expect(r.stderr).toContain(`${file} is TypeScript in a CommonJS package`);
  expect(r.stderr).toContain(
    `Rename it to ${join(cjs, 'mine.mts')}, or add "type": "module" to ${join(cjs, 'package.json')}`,
  );
  // Following the advice works.
  writeFileSync(join(cjs, 'package.json'), '{ "name": "research", "type": "module" }\n');
  const fixed = await node(
    [
      BIN,
      'backtest',
      '--strategy',
      'sma_mine',
      '--module',
      file,
      '--data',
      BTC,
      '--from',
      '2021-01-01',
      '--to',
      '2021-02-01',
      '--json',
    ],
    cjs,
  );
  expect(fixed.stderr).toBe('');
  expect(fixed.code).toBe(0);
});

test('backtest --json alone writes no files; with --out it writes the report and prints the same fills', async () => {
  const cwd = join(dir, 'cwd');
  mkdirSync(cwd);
  const args = [
    'backtest',
    '--strategy',
    'sma_cross',
    '--data',
    BTC,
    '--from',
    '2020-01-01',
    '--to',
    '2021-01-01',
  ];
  const alone = await node([BIN, ...args, '--json'], cwd);
  expect(alone.stderr).toBe('');
  expect(alone.code).toBe(0);
  const a = JSON.parse(alone.stdout) as { files: unknown; fills: unknown[]; summary: { metrics: unknown } };
  expect(a.files).toBeNull();
  expect(existsSync(join(cwd, 'reports'))).toBe(false);
  expect(readdirSync(cwd)).toEqual([]);

  const out = join(dir, 'out');
  const withOut = await node([BIN, ...args, '--json', '--out', out], cwd);
  expect(withOut.code).toBe(0);
  const b = JSON.parse(withOut.stdout) as typeof a & { files: { summary: string } };
  expect(b.files.summary).toBe(join(out, 'summary.json'));
  expect(b.fills).toEqual(a.fills);
  expect(b.summary.metrics).toEqual(a.summary.metrics);
  expect(a.fills.length).toBeGreaterThan(10);
  expect(JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')).metrics).toEqual(a.summary.metrics);
  for (const f of ['fills.parquet', 'trades.parquet', 'equity.parquet', 'tearsheet.html']) {
    expect(existsSync(join(out, f))).toBe(true);
  }
});

test('a --json document larger than a pipe buffer reaches a reading pipe whole (the CLI exits after stdout drains)', async () => {
  // The whole 2017–2022 file: ~240 KB of JSON, more than the 64 KiB a pipe holds at once.
  // Through a shell pipe (`| cat`): a child's stdout from execFile alone is a socket with a larger buffer.
  const run = await new Promise<Run>((res) =>
    execFile(
      '/bin/sh',
      [
        '-c',
        '"$0" "$@" | cat',
        process.execPath,
        BIN,
        'backtest',
        '--strategy',
        'sma_cross',
        '--data',
        BTC,
        '--json',
      ],
      { cwd: dir, maxBuffer: 64 << 20 },
      (err, stdout, stderr) =>
        res({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    ),
  );
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  expect(run.stdout.length).toBeGreaterThan(3 * 65_536);
  const doc = JSON.parse(run.stdout) as { summary: { counts: { fills: number } }; fills: unknown[] };
  expect(doc.fills.length).toBe(doc.summary.counts.fills);
});
