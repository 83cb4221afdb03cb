import type { BacktestResult } from '@algotrader/backtest';
import type { ParquetFiles } from './parquet';

export type { ParquetFiles } from './parquet';

/**
 * {@link import('./parquet').writeParquetFiles}, with DuckDB loaded on the first call: importing the
 * report package (a `--json` backtest, the CLI tables) does not pay a third of a second for it.
 */
export async function writeParquetFiles(dir: string, result: BacktestResult): Promise<ParquetFiles> {
  return (await import('./parquet')).writeParquetFiles(dir, result);
}
