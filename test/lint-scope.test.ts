import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test } from 'vitest';

const pkg = JSON.parse(readFileSync(resolve(import.meta.dirname, '../package.json'), 'utf8')) as {
  scripts: Record<string, string>;
};

// `npm run lint` once failed on config/pipeline.json while `npm test` linted a narrower set of
// directories of its own: the test script runs the lint script, and nothing else runs biome.
test('npm test lints exactly what npm run lint lints', () => {
  const steps = pkg.scripts['test']!.split('&&').map((s) => s.trim());
  expect(steps[0]).toBe('npm run lint');
  expect(steps.filter((s) => /\bbiome\b|turbo run .*\blint\b/.test(s))).toEqual([]);
  expect(pkg.scripts['lint']).toBe('biome check .');
});
