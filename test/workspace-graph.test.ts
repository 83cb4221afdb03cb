import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test } from 'vitest';

const root = resolve(import.meta.dirname, '..');

function workspaces(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const dir of ['packages', 'apps']) {
    for (const name of readdirSync(resolve(root, dir))) {
      const pkg = JSON.parse(readFileSync(resolve(root, dir, name, 'package.json'), 'utf8')) as {
        name: string;
        dependencies?: Record<string, string>;
      };
      graph.set(
        pkg.name,
        Object.keys(pkg.dependencies ?? {})
          .filter((d) => d.startsWith('@algotrader/'))
          .sort(),
      );
    }
  }
  return graph;
}

test('the workspace graph has no cycle', () => {
  const graph = workspaces();
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (n: string, path: string[]) => {
    if (state.get(n) === 'done') return;
    if (state.get(n) === 'visiting') throw new Error(`cycle: ${[...path, n].join(' → ')}`);
    state.set(n, 'visiting');
    for (const d of graph.get(n) ?? []) visit(d, [...path, n]);
    state.set(n, 'done');
  };
  for (const n of graph.keys()) visit(n, []);
  expect(state.size).toBe(graph.size);
});

test('the README draws the current graph', () => {
  const graph = workspaces();
  const rows = [...graph.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(
      ([n, deps]) =>
        `${n.replace('@algotrader/', '')} | ${deps.map((d) => d.replace('@algotrader/', '')).join(', ') || '—'}`,
    );
  const readme = readFileSync(resolve(root, 'README.md'), 'utf8');
  const block = readme.slice(readme.indexOf('<!-- graph:start -->'), readme.indexOf('<!-- graph:end -->'));
  // Compare cells, not spacing: formatters align markdown tables.
  const cells = (l: string) =>
    l
      .split('|')
      .map((c) => c.trim())
      .filter(Boolean)
      .join(' | ');
  const drawn = block
    .split('\n')
    .filter((l) => l.startsWith('|') && !/^\|\s*(package|-)/.test(l))
    .map(cells);
  expect(drawn, 'update the table in README.md between the graph markers').toEqual(rows);
});
