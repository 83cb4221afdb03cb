import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/** The repository root (this file is packages/testkit/src/data.ts). */
export const repoRoot = resolve(import.meta.dirname, '../../..');

/** A file of the shared real data set (`../shared/data/ohlcv` beside the repository). */
export function sharedData(file: string): string {
  const p = resolve(repoRoot, '../shared/data/ohlcv', file);
  if (!existsSync(p))
    throw new Error(`shared data file missing: ${p} (CI and developers have ../shared beside the repo)`);
  return p;
}

/** A file of the bundled demo/test data set (`data/` in the repository). */
export function bundledData(file: string): string {
  return resolve(repoRoot, 'data', file);
}
