import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Supervisor, type SupervisorEvent } from '@algotrader/pipeline';
import { scaled, waitFor } from '@algotrader/testkit';
import { afterEach, describe, expect, test } from 'vitest';
import { alive, killGroup } from './helpers/process-groups';

/** A stage that starts a grandchild (same process group) and reports both pids, then idles. */
const STAGE = `
import { spawn } from 'node:child_process';
const sleeper = spawn('sleep', ['1000'], { stdio: 'ignore' });
console.log(JSON.stringify({ stage: process.pid, grandchild: sleeper.pid }));
setInterval(() => {}, 60_000);
`;

const cleanup: (() => void)[] = [];
afterEach(() => {
  for (const f of cleanup.splice(0)) f();
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'algotrader-supervisor-'));
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'stage.mjs'), STAGE);
  return dir;
}

describe('Supervisor', () => {
  test('stop() ends each stage with everything it started (its process group)', async () => {
    const dir = tempDir();
    const pids: { stage: number; grandchild: number }[] = [];
    const s = new Supervisor({
      stages: ['a', 'b'].map((name) => ({ name, entry: join(dir, 'stage.mjs') })),
      cwd: dir,
      env: {},
      onLine: (_stage, line) => {
        if (line.startsWith('{')) pids.push(JSON.parse(line) as { stage: number; grandchild: number });
      },
    });
    cleanup.push(() => {
      for (const p of pids) killGroup(p.stage);
    });
    s.start();
    await waitFor(() => pids.length === 2, 30_000, 'both stages reporting');
    expect(pids.flatMap((p) => [p.stage, p.grandchild]).every(alive)).toBe(true);
    await s.stop();
    await waitFor(
      () => !pids.some((p) => alive(p.stage) || alive(p.grandchild)),
      5_000,
      'stages and their children gone',
    );
  });

  test(
    'a supervising process killed with SIGKILL leaves no stage behind',
    async () => {
      const dir = tempDir();
      const host = join(dir, 'host.ts');
      // The supervising process: starts two stages, reports their pids, then waits to be killed.
      writeFileSync(
        host,
        `import { Supervisor } from ${JSON.stringify(resolve(import.meta.dirname, '../packages/pipeline/src/supervisor.ts'))};
const s = new Supervisor({
  stages: ['a', 'b'].map((name) => ({ name, entry: ${JSON.stringify(join(dir, 'stage.mjs'))} })),
  cwd: ${JSON.stringify(dir)},
  env: {},
  onLine: (_stage, line) => console.log(line),
});
s.start();
setInterval(() => {}, 60_000);
`,
      );
      const proc = spawn(process.execPath, ['--import', 'tsx', host], {
        cwd: resolve(import.meta.dirname, '..'),
        stdio: ['ignore', 'pipe', 'inherit'],
        detached: true,
      });
      const pids: { stage: number; grandchild: number }[] = [];
      cleanup.push(() => {
        killGroup(proc.pid!);
        for (const p of pids) killGroup(p.stage);
      });
      proc.stdout?.on('data', (b: Buffer) => {
        for (const l of b.toString().split('\n')) if (l.startsWith('{')) pids.push(JSON.parse(l));
      });
      await waitFor(() => pids.length === 2, 30_000, 'both stages reporting');

      // No exit hook runs on SIGKILL: only the stages' own watch of their stdin can end them.
      process.kill(proc.pid!, 'SIGKILL');
      await waitFor(
        () => !pids.some((p) => alive(p.stage) || alive(p.grandchild)),
        20_000,
        'stages gone after their supervisor was killed',
      );
    },
    scaled(60_000),
  );

  test('an exit is reported with its code and the last lines the stage wrote, stderr included', async () => {
    const dir = tempDir();
    // Says a few things, the last one without a newline, then fails (one stream: two pipes are
    // read in no fixed order).
    writeFileSync(
      join(dir, 'crash.mjs'),
      `for (let i = 1; i <= 30; i++) console.error('line ' + i);
process.stderr.write('Error: the bus is gone\\n    at start (crash.mjs:3)\\nno newline at the end');
process.exitCode = 3;
`,
    );
    const events: SupervisorEvent[] = [];
    const s = new Supervisor({
      stages: [{ name: 'crash', entry: join(dir, 'crash.mjs') }],
      cwd: dir,
      env: {},
      tailLines: 5,
      backoffMs: [60_000],
      onEvent: (e) => events.push(e),
    });
    s.start();
    try {
      await waitFor(() => events.some((e) => e.kind === 'exit'), 30_000, 'the stage exiting');
    } finally {
      await s.stop();
    }
    const exit = events.find((e) => e.kind === 'exit');
    expect(exit).toMatchObject({ kind: 'exit', stage: 'crash', code: 3, signal: null, restartInMs: 60_000 });
    expect(exit?.kind === 'exit' && exit.tail).toEqual([
      'stderr: line 29',
      'stderr: line 30',
      'stderr: Error: the bus is gone',
      'stderr:     at start (crash.mjs:3)',
      'stderr: no newline at the end',
    ]);
  });
});
