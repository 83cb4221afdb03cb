import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BacktestData, BacktestResult, Metrics } from '@algotrader/backtest';
import { renderTearsheet } from './html';
import { type ParquetFiles, writeParquetFiles } from './parquet-lazy';
import { type BacktestSummary, buildSummary, type RunInfo } from './summary';

export interface ReportInput {
  readonly result: BacktestResult;
  readonly metrics: Metrics;
  readonly run: RunInfo;
  /** The bars the run used: the tearsheet's price chart, benchmarks and per-instrument values. */
  readonly data?: BacktestData;
  /** The strategy's declared features (`strategy.features(params)`): price-scale ones drawn on the price chart. */
  readonly features?: readonly string[];
}

export interface ReportFiles extends ParquetFiles {
  readonly dir: string;
  readonly summary: string;
  readonly tearsheet: string;
}

export interface WrittenReport {
  readonly summary: BacktestSummary;
  readonly files: ReportFiles;
}

/**
 * Writes a run's report into `dir` (created if missing): `summary.json`, `fills.parquet`,
 * `trades.parquet`, `equity.parquet` and `tearsheet.html`. Existing files of those names are
 * replaced.
 */
export async function writeReport(dir: string, input: ReportInput): Promise<WrittenReport> {
  await mkdir(dir, { recursive: true });
  const summary = buildSummary(input.result, input.metrics, input.run);
  const summaryPath = join(dir, 'summary.json');
  const tearsheet = join(dir, 'tearsheet.html');
  await writeFile(summaryPath, `${JSON.stringify(summary, null, 2)}\n`);
  const parquet = await writeParquetFiles(dir, input.result);
  await writeFile(
    tearsheet,
    renderTearsheet({
      summary,
      result: input.result,
      metrics: input.metrics,
      ...(input.data === undefined ? {} : { data: input.data }),
      ...(input.features === undefined ? {} : { features: input.features }),
    }),
  );
  return { summary, files: { dir, summary: summaryPath, ...parquet, tearsheet } };
}
