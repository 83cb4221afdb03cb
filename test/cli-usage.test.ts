import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { scaled } from '@algotrader/testkit';
import { expect, test } from 'vitest';

const repo = resolve(import.meta.dirname, '..');
const BIN = resolve(repo, 'apps/cli/bin/algotrader.mjs');

function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((res) =>
    execFile(process.execPath, [BIN, ...args], { cwd: repo }, (err, stdout, stderr) =>
      res({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    ),
  );
}

test(
  'a wrong flag is one clean line and the command usage on stderr, exit 2',
  async () => {
    const r = await run(['status', '--bogus']);
    expect(r.code).toBe(2);
    const lines = r.stderr.split('\n');
    expect(lines[0]).toBe('unknown option --bogus');
    expect(lines[1]).toBe('');
    expect(lines[2]).toMatch(/^usage: algotrader status /);
    // Not Node's parseArgs text, which explains `--` positionals to every typo.
    expect(r.stderr).not.toMatch(/positional argument/);
    expect(r.stdout).toBe('');

    const missing = await run(['up', '--config']);
    expect(missing.code).toBe(2);
    expect(missing.stderr.split('\n')[0]).toBe('--config needs a value');

    const both = await run(['up', '--live', '--replay']);
    expect(both.code).toBe(2);
    expect(both.stderr.split('\n')[0]).toBe('--live and --replay exclude each other');
  },
  scaled(60_000),
);
