import { existsSync, readdirSync, readFileSync } from 'node:fs';
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

// `npm test` type-checks with one tsc program over the whole repository (the root tsconfig.json):
// every workspace's own tsconfig must be covered by it, or a type error there would pass.
test("npm test type-checks every workspace's sources in one program", () => {
  const steps = pkg.scripts['test']!.split('&&').map((s) => s.trim());
  expect(steps).toContain('npm run typecheck');
  expect(pkg.scripts['typecheck']).toBe('tsc -p tsconfig.json --noEmit');
  const root = resolve(import.meta.dirname, '..');
  const rootIncludes = (
    JSON.parse(readFileSync(resolve(root, 'tsconfig.json'), 'utf8')) as { include: string[] }
  ).include;
  const covered = (path: string) =>
    rootIncludes.some((g) => new RegExp(`^${g.replaceAll('.', '\\.').replaceAll('*', '[^/]+')}$`).test(path));
  const workspaces = (
    JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { workspaces: string[] }
  ).workspaces;
  const dirs = workspaces.flatMap((w) =>
    w.endsWith('/*')
      ? readdirSync(resolve(root, w.slice(0, -2)), { withFileTypes: true })
          .filter((d) => d.isDirectory())
          .map((d) => `${w.slice(0, -2)}/${d.name}`)
      : [w],
  );
  let checked = 0;
  for (const dir of dirs) {
    const file = resolve(root, dir, 'tsconfig.json');
    if (!existsSync(file)) continue;
    for (const inc of (JSON.parse(readFileSync(file, 'utf8')) as { include: string[] }).include) {
      expect(covered(`${dir}/${inc}`), `${dir}/${inc} (from ${dir}/tsconfig.json)`).toBe(true);
      checked += 1;
    }
  }
  expect(checked).toBeGreaterThanOrEqual(22);
});
