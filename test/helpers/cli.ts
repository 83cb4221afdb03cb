import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';

export const repo = resolve(import.meta.dirname, '../..');
const main = resolve(repo, 'apps/cli/src/main.ts');

export interface CliRun {
  proc: ChildProcess;
  lines: string[];
  stderr: string[];
  exited: Promise<number | null>;
}

/** Starts the real `algotrader` CLI (through tsx) as a child process and collects its stdout lines. */
export function startCli(args: string[], env: Record<string, string> = {}): CliRun {
  const proc = spawn(process.execPath, ['--import', 'tsx', main, ...args], {
    cwd: repo,
    env: { ...process.env, ALGOTRADER_LOG_LEVEL: 'warn', ...env },
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
  const exited = new Promise<number | null>((r) => proc.on('exit', (code) => r(code)));
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
