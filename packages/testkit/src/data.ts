import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/** The repository root (this file is packages/testkit/src/data.ts). */
export const repoRoot = resolve(import.meta.dirname, '../../..');

/**
 * A file of the bundled real data (`data/` in the repository, see data/README.md), e.g.
 * `bundledData('ohlcv/binance_BTC-USDT_1h_2017-2022.csv.gz')`. Fails at once, with the path, when
 * it is missing, rather than later inside a reader.
 */
export function bundledData(file: string): string {
  const p = resolve(repoRoot, 'data', file);
  if (!existsSync(p)) throw new Error(`bundled data file missing: ${p} (see data/README.md)`);
  return p;
}
