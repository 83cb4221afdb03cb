// Prints the workspace dependency table for README.md (between the graph markers).
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const rows = [];
for (const dir of ['packages', 'apps']) {
  for (const name of readdirSync(resolve(root, dir))) {
    const pkg = JSON.parse(readFileSync(resolve(root, dir, name, 'package.json'), 'utf8'));
    const deps = Object.keys(pkg.dependencies ?? {})
      .filter((d) => d.startsWith('@algotrader/'))
      .sort();
    rows.push([pkg.name, deps]);
  }
}
rows.sort(([a], [b]) => a.localeCompare(b));
const table = [
  '| package | uses |',
  '|---|---|',
  ...rows.map(
    ([n, d]) =>
      `| ${n.replace('@algotrader/', '')} | ${d.map((x) => x.replace('@algotrader/', '')).join(', ') || '—'} |`,
  ),
];
const readmePath = resolve(root, 'README.md');
const readme = readFileSync(readmePath, 'utf8');
const a = readme.indexOf('<!-- graph:start -->') + '<!-- graph:start -->'.length;
const b = readme.indexOf('<!-- graph:end -->');
writeFileSync(readmePath, `${readme.slice(0, a)}\n${table.join('\n')}\n${readme.slice(b)}`);
console.log(table.join('\n'));
