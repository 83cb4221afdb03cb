/**
 * Runs every bench/*.bench.ts, one after the other, each in its own `node --import tsx` process
 * (a clean heap and its own peak RSS), and prints their output. Benchmarks print figures and never
 * fail on timing; this exits non-zero only when a benchmark crashed. `npm run bench -- bus` runs
 * only the files whose name contains "bus"; arguments starting with `--` go to every benchmark.
 */
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const benchDir = dirname(fileURLToPath(import.meta.url));
const repoRoot = join(benchDir, '..');
const args = process.argv.slice(2);
const filters = args.filter((a) => !a.startsWith('--'));
const passOn = args.filter((a) => a.startsWith('--'));

const files = readdirSync(benchDir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort();

function run(file: string): Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(benchDir, file), ...passOn], {
      cwd: repoRoot,
      stdio: 'inherit',
    });
    child.once('error', reject);
    child.once('exit', (code, signal) => resolve({ code, signal, ms: performance.now() - started }));
  });
}

const results: { file: string; ok: boolean; ms: number; how: string }[] = [];
if (files.length === 0) console.log(`no *.bench.ts files in ${relative(repoRoot, benchDir) || '.'}`);
for (const file of files) {
  console.log(`\n=== ${file} ${'='.repeat(Math.max(0, 70 - file.length))}`);
  const r = await run(file);
  const ok = r.code === 0;
  results.push({ file, ok, ms: r.ms, how: r.signal ? `killed by ${r.signal}` : `exit ${r.code}` });
}

console.log('\n=== summary');
for (const r of results) {
  console.log(
    `${r.ok ? 'ok  ' : 'FAIL'}  ${r.file.padEnd(32)} ${(r.ms / 1000).toFixed(1).padStart(6)} s  ${r.how}`,
  );
}
if (results.some((r) => !r.ok)) process.exitCode = 1;
