import type { Reporter, TestModule } from 'vitest/node';

/**
 * Prints the 15 slowest tests of the run with their file and project, so a CI log shows where the
 * time goes and what nears its timeout (`.ci/run` adds it: `--reporter=./test/helpers/slowest-reporter.ts`).
 */
export default class SlowestReporter implements Reporter {
  readonly #count = 15;

  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    const rows: { ms: number; line: string }[] = [];
    for (const m of modules) {
      for (const t of m.children.allTests()) {
        const ms = t.diagnostic()?.duration;
        if (ms === undefined) continue;
        const state = t.result().state;
        rows.push({
          ms,
          line: `${m.relativeModuleId} [${m.project.name}] ${t.fullName}${state === 'passed' ? '' : ` (${state})`}`,
        });
      }
    }
    rows.sort((a, b) => b.ms - a.ms);
    const top = rows.slice(0, this.#count);
    if (top.length === 0) return;
    const lines = top.map((r) => `${(r.ms / 1000).toFixed(1).padStart(7)} s  ${r.line}`);
    process.stdout.write(`\nSlowest ${top.length} tests:\n${lines.join('\n')}\n`);
  }
}
