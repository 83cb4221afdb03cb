#!/usr/bin/env node
// One service from the CLI's JavaScript build: `node apps/cli/bin/stage.mjs <app>` runs
// apps/<app>/src/main.ts as built (`cli` runs the CLI), without tsx. `algotrader up` starts its
// stages this way, and the Docker image runs every service this way.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cliEntry } from './entry.mjs';

const [name] = process.argv.splice(2, 1);
const apps = join(dirname(fileURLToPath(import.meta.url)), '../..');
if (!name || (name !== 'cli' && !existsSync(join(apps, name, 'src', 'main.ts')))) {
  process.stderr.write(
    `usage: node apps/cli/bin/stage.mjs <app>: one of the folders under apps/ (got ${name ?? 'nothing'})\n`,
  );
  process.exit(2);
}
await import(await cliEntry(name === 'cli' ? 'main' : `stages/${name}`));
