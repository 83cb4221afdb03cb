import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { AlgoError, ErrorCode } from '@algotrader/core';
import { importUserModule } from '@algotrader/core/node';
import { type Pipeline, PipelineConfigSchema, resolvePipeline } from './domain/config';

/** The environment variable naming the pipeline configuration file. */
export const PIPELINE_ENV = 'ALGOTRADER_PIPELINE';

/**
 * Reads and validates a pipeline file, imports its plugins (modules that register strategies),
 * then resolves it. Relative plugin paths and data files are relative to the file's directory.
 */
export async function loadPipeline(path: string): Promise<Pipeline> {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new AlgoError(
      ErrorCode.InvalidConfig,
      `cannot read pipeline configuration ${path}: ${(e as Error).message}`,
    );
  }
  const parsed = PipelineConfigSchema.safeParse(raw);
  if (!parsed.success) {
    throw new AlgoError(
      ErrorCode.InvalidConfig,
      `invalid pipeline configuration ${path}: ${parsed.error.issues
        .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
        .join('; ')}`,
    );
  }
  const base = dirname(resolve(path));
  const config = parsed.data;
  for (const p of config.plugins) {
    const file = isAbsolute(p) ? p : resolve(base, p);
    await importUserModule(file);
  }
  const data = Object.fromEntries(
    Object.entries(config.data).map(([k, v]) => [k, isAbsolute(v) ? v : resolve(base, v)]),
  );
  return resolvePipeline({ ...config, data });
}

/** The pipeline named by ALGOTRADER_PIPELINE; a clear error when it is not set. */
export async function loadPipelineFromEnv(env: NodeJS.ProcessEnv = process.env): Promise<Pipeline> {
  const path = env[PIPELINE_ENV];
  if (!path) {
    throw new AlgoError(
      ErrorCode.InvalidConfig,
      `${PIPELINE_ENV} is not set: point it at a pipeline JSON file (see packages/pipeline/demo.pipeline.json)`,
    );
  }
  return loadPipeline(path);
}

/** The bundled demo pipeline: sma_cross on the real BTC/USDT hours in data/demo, paper broker, replay mode. */
export const DEMO_PIPELINE = resolve(import.meta.dirname, '../demo.pipeline.json');
