import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildDashboards, dashboardFileText } from './dashboards';

/** Writes the generated dashboards to infra/grafana/dashboards (run after changing schema.ts or dashboards.ts). */
const root = resolve(import.meta.dirname, '../../../..');
const dir = resolve(root, 'infra/grafana/dashboards');
mkdirSync(dir, { recursive: true });
for (const [name, json] of Object.entries(buildDashboards())) {
  writeFileSync(resolve(dir, name), dashboardFileText(json));
  console.log(`wrote ${resolve(dir, name)}`);
}
// In the repository's JSON style, so `biome check .` stays clean.
execFileSync(resolve(root, 'node_modules/.bin/biome'), ['format', '--write', dir], { stdio: 'inherit' });
