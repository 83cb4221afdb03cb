import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { spawnGroup } from '@algotrader/testkit';
import { afterAll } from 'vitest';

export const repo = resolve(import.meta.dirname, '../..');
/** The installed entry point (`npx algotrader`, `npm run demo`): it runs the CLI's JavaScript build. */
const bin = resolve(repo, 'apps/cli/bin/algotrader.mjs');

/**
 * The CLI's working directory in tests: what it writes relative to it (reports/<run>, the default
 * var/data store) lands in this test file's temp dir, never in the user's checkout.
 */
export const cliCwd = mkdtempSync(join(tmpdir(), 'algotrader-cli-'));
afterAll(() => rmSync(cliCwd, { recursive: true, force: true }));

export interface CliRun {
  proc: ChildProcess;
  lines: string[];
  stderr: string[];
  exited: Promise<number | null>;
}

/**
 * Starts the real `algotrader` CLI (its bin, as users run it) as a child process and collects its stdout lines.
 * It leads its own process group, registered with the testkit, so what it starts (stages, a
 * private nats-server) is stopped with it when the test ends, fails or times out.
 */
export function startCli(args: string[], env: Record<string, string> = {}): CliRun {
  const proc = spawnGroup(process.execPath, [bin, ...args], {
    cwd: cliCwd,
    env: {
      ...process.env,
      ALGOTRADER_LOG_LEVEL: 'warn',
      TSX_TSCONFIG_PATH: resolve(repo, 'tsconfig.json'),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const stderr: string[] = [];
  let buf = '';
  proc.stdout?.on('data', (b: Buffer) => {
    buf += b.toString();
    const parts = buf.split('\n');
    buf = parts.pop() ?? '';
    lines.push(...parts.filter((l) => l !== ''));
  });
  proc.stderr?.on('data', (b: Buffer) => stderr.push(b.toString()));
  // 'close', not 'exit': the last lines may still be in the pipe when the process has exited.
  const exited = new Promise<number | null>((r) => proc.on('close', (code) => r(code)));
  return { proc, lines, stderr, exited };
}

export async function runCli(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number | null; lines: string[]; stderr: string }> {
  const run = startCli(args, env);
  const code = await run.exited;
  return { code, lines: run.lines, stderr: run.stderr.join('') };
}

/** `algotrader replay` of `file` as OKX:BTC/USDT 1h into the nats-server at `natsUrl`, quiet; `extra` goes before `--nats`. */
export function replayBtc1hArgs(file: string, natsUrl: string, ...extra: string[]): string[] {
  return [
    'replay',
    '--data',
    file,
    '--symbol',
    'OKX:BTC/USDT',
    '--tf',
    '1h',
    ...extra,
    '--nats',
    natsUrl,
    '--quiet',
  ];
}
